"""Triggers: the literal pre-filter that lets the engine skip rules that cannot match.

The one property that matters: a rule reports exactly the same with the
pre-filter as without it. It is checked on the seed articles, the
clean-news fixture and generated texts built from the packs' own phrases
in odd cases and with the characters that fold unusually (İ, ı, ſ, K).
"""

from __future__ import annotations

import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews import engine, prefilter
from lintnews.document import Document
from lintnews.engine import folded_triggers, lint_document
from lintnews.loader import document_from_text
from lintnews.packs.kinds import ExistenceRule
from lintnews.prefilter import (
    DIGIT,
    fold,
    may_match,
    openings,
    phrase_triggers,
    required_literals,
)
from lintnews.registry import Registry
from lintnews.rule import CorpusRule

ROOT = Path(__file__).resolve().parents[1]
REGISTRY = Registry.load(())
RULES = [rule for rule in REGISTRY if not isinstance(rule, CorpusRule)]
CORPUS_RULES = [rule for rule in REGISTRY if isinstance(rule, CorpusRule)]


def _without_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "may_match", lambda doc, triggers: True)
    # Whole-line rules then try every line, not only those with an opening word.
    monkeypatch.setattr(ExistenceRule, "_openings", property(lambda rule: None))


def _both_ways(text: str, path: str = "article.txt") -> tuple[list, list]:
    with pytest.MonkeyPatch.context() as patch:
        _without_prefilter(patch)
        plain = lint_document(document_from_text(text, path), RULES)
    return lint_document(document_from_text(text, path), RULES), plain


class TestRequiredLiterals:
    @pytest.mark.parametrize(
        ("pattern", "expected"),
        [
            (r"in[^\S\r\n]+the[^\S\r\n]+nearest[^\S\r\n]+time", {"nearest"}),
            (r"(?:read|view|see)[^\S\r\n]+more", {"more"}),  # the longest literal wins
            (r"(?:read|view|see)[^\S\r\n]+it", {"read", "view", "see"}),
            (r"Source[^\S\r\n]*:[^\S\r\n]*link", {"source"}),
            (r"(?:last[^\S\r\n]+)?updated", {"updated"}),  # an optional part is not required
            (r"the[^\S\r\n]+capacity(?=[^\S\r\n]+in[^\S\r\n]+place)", {"capacity"}),
            (r"[\p{Lu}\d]+[^\S\r\n]+Agency", {"agency"}),
            (r"(?:Putin){e<=1}", None),  # fuzzy: “Poutin” matches without the literal
            (r"[[:alpha:]]+ says", None),
            (r"(?:x|twitter)[^\S\r\n]+share", {"share"}),
            (r"(?:x|twitter)", None),  # one branch has no useful literal
            (r"\d+ %", None),
            (r"(unbalanced", None),
        ],
    )
    def test_literals(self, pattern: str, expected: set[str] | None) -> None:
        found = required_literals(pattern)
        assert found == (None if expected is None else frozenset(expected))

    @pytest.mark.parametrize(
        ("pattern", "expected"),
        [
            (r"source[^\S\r\n]+link", {"source"}),
            (r"(?:read|view|see)[^\S\r\n]+more", {"read", "view", "see"}),
            (r"(?:last[^\S\r\n]+)?updated", {"last", "updated"}),
            (r"\d+[^\S\r\n]+comments?", {DIGIT}),
            (r"[Cc]omments?", {"c"}),
            (r"(?=accept|reject)\w+[^\S\r\n]+cookies", {"accept", "reject"}),
            (r"(?<=\s)by admin", {"by admin"}),
            (r"[A-Z]\w+ wrote", None),  # a class of letters: any line may begin so
            (r"(?:comments)?", None),  # may match nothing
        ],
    )
    def test_openings(self, pattern: str, expected: set[str] | None) -> None:
        found = openings(pattern)
        assert found == (None if expected is None else frozenset(expected))

    def test_a_phrase_is_triggered_by_its_longest_word(self) -> None:
        assert phrase_triggers("Leave a Reply") == frozenset({"leave"})


class TestFolding:
    def test_special_case_pairs_fold_together(self) -> None:
        assert fold("İSTANBUL Kelvin ſtreet") == fold("istanbul kelvin street")
        assert fold("DIŞİŞLERİ") == fold("dışişleri")

    def test_every_character_a_case_blind_pattern_equates_folds_the_same(self) -> None:
        """Whatever a built-in trigger's characters match ignoring case folds to them."""
        chars = {c for rule in REGISTRY for t in folded_triggers(rule) or () for c in t}
        chars |= set("abcdefghijklmnopqrstuvwxyz")
        everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
        for char in sorted(chars):
            pattern = regex.compile(regex.escape(char), regex.IGNORECASE)
            for match in pattern.finditer(everything):
                assert fold(match.group()) == fold(char), (char, match.group())


def test_fold_equates_every_pair_a_case_blind_pattern_equates() -> None:
    """Letters newer than Python's tables are left out (no built-in trigger has one)."""
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    case = regex.compile(r"[\p{Cased}\p{Changes_When_Casefolded}\p{Changes_When_Casemapped}]")
    cased = "".join(c for c in everything if case.match(c) or c.casefold() != c or c.upper() != c)
    for char in cased:
        if unicodedata.category(char) == "Cn":
            continue
        for match in regex.finditer(regex.escape(char), cased, regex.IGNORECASE):
            if unicodedata.category(match.group()) != "Cn":
                assert fold(match.group()) == fold(char)


class TestEngine:
    def test_a_rule_without_its_triggers_does_not_run(self) -> None:
        rule = REGISTRY.get("TR009")
        assert folded_triggers(rule) == frozenset({"capacity"})
        assert not may_match(Document("Troops backed the government."), folded_triggers(rule))
        assert may_match(Document("They backed the CAPACITY."), folded_triggers(rule))

    def test_lazy_patterns_of_skipped_rules_are_never_compiled(self) -> None:
        rule = Registry.load(()).get("TR009")
        lint_document(Document("Troops backed the government."), [rule])
        assert "compiled" not in vars(rule.pattern)
        lint_document(Document("Protesters opposed the capacity."), [rule])
        assert "compiled" in vars(rule.pattern)

    @pytest.mark.parametrize(
        "folder", ["seeds", "tests/fixtures/clean_news", "tests/fixtures", "tests/golden"]
    )
    def test_same_diagnostics_with_and_without_prefilter(self, folder: str) -> None:
        paths = sorted(p for p in (ROOT / folder).rglob("*") if p.suffix in {".txt", ".md"})
        assert paths
        for path in paths:
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            with_prefilter, without = _both_ways(text, path.name)
            assert with_prefilter == without, path


def _pack_phrases() -> list[str]:
    phrases = []
    for pack in sorted((ROOT / "rules").glob("*.toml")):
        for rule in tomllib.loads(pack.read_text(encoding="utf-8"))["rules"]:
            phrases += rule.get("phrases", [])
            phrases += [key for key in rule.get("swap", {}) if not rule.get("regex")]
            phrases += [v for group in rule.get("groups", []) for v in group]
    return phrases


PHRASES = _pack_phrases()
SENTENCES = [
    "Troops backed the capacity in place, officials said.",
    "In the nearest time the government will resign.",
    "Source link",
    "Leave a Reply Cancel reply",
    "Kassym-Jomart Tokayev met Vladimir Poutine in Almaty.",
    "On the territory of Kazakhstan, a dozen of protesters were detained.",
    "The Ministry of Internal Affairs said. . . nothing.",
    "## Source link",
    "> Leave a Reply",
    "**Read more**",
    "- Share this:",
    "  * 12 Comments",
    "\u0661\u0662 Comments",
    "_Related posts_",
    "Posted by admin",
]
ODD_LETTERS = {"i": ["İ", "ı", "I"], "s": ["ſ", "S"], "k": ["K", "K"], "e": ["E", "é"]}


@st.composite
def articles(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(st.sampled_from(PHRASES + SENTENCES), min_size=1, max_size=8),
    )
    lines = []
    for piece in pieces:
        chars = [
            draw(st.sampled_from([c, *ODD_LETTERS.get(c.lower(), []), c.upper()])) for c in piece
        ]
        lines.append("".join(chars))
    glue = draw(st.sampled_from(["\n", "\r\n", "\r", " ", "\n\n"]))
    return glue.join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_generated_texts_give_the_same_diagnostics(text: str) -> None:
    with_prefilter, without = _both_ways(text)
    assert with_prefilter == without


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(PHRASES), st.sampled_from(list(ODD_LETTERS)))
def test_corpus_rules_collect_the_same(phrase: str, letter: str) -> None:
    text = f"Officials said {phrase} on Monday. {phrase.replace(letter, ODD_LETTERS[letter][0])}"
    filtered = [rule.collect(document_from_text(text, "a.txt")) for rule in CORPUS_RULES]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(prefilter, "may_match", lambda doc, triggers: True)
        plain = [rule.collect(document_from_text(text, "a.txt")) for rule in CORPUS_RULES]
    assert filtered == plain
