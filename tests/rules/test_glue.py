"""WS rules for a lost space: words, sentences and clauses run together."""

from __future__ import annotations

import inspect
import itertools
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
import regex

from lintnews.diagnostics import Applicability
from lintnews.document import Document
from lintnews.fixer import apply_edits
from lintnews.loader import document_from_text
from lintnews.rule import Rule
from lintnews.rules import glue
from lintnews.rules.glue import GluedComma, GluedSentences, GluedWords

ROOT = Path(__file__).parents[2]
SEEDS = ROOT / "seeds"
RULES = [
    cls
    for _, cls in inspect.getmembers(glue, inspect.isclass)
    if issubclass(cls, Rule) and cls.__module__ == glue.__name__
]


def flagged(rule: Rule, text: str, kind: str = "text") -> list[str]:
    doc = document_from_text(text, "article.md" if kind == "markdown" else "article.txt", kind)
    return [doc.slice(d.span) for d in rule.check(doc)]


def fixed(rule: Rule, text: str) -> str:
    doc = Document(text)
    edits = [e for d in rule.check(doc) for e in d.fix.edits]
    return apply_edits(text, edits)


# A varied, professionally edited article: no WS rule may fire on it (test_glue.py
# and test_whitespace.py check the same text).
CLEAN = (ROOT / "tests" / "fixtures" / "whitespace_edge_cases.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule", [cls() for cls in RULES], ids=lambda r: r.code)
def test_silent_on_clean_news(rule: Rule) -> None:
    assert flagged(rule, CLEAN) == []


# -- WS001 glued-words --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Protesters take part in rally in Almaty, KazakhstanProtesters take part in "
            "rally in Almaty, Kazakhstan, on January 5.",
            "KazakhstanProtesters",
        ),
        (
            "Unrest spreads across the countryThe president declared a state of emergency.",
            "countryThe",
        ),
        (
            "Joshua Roberts/ReutersThe Federal Reserve is expected to raise interest rates.",
            "ReutersThe",
        ),
        (
            "Police patrolled central AlmatyKassym-Jomart Tokayev said. Troops left Almaty "
            "after Kassym-Jomart Tokayev spoke.",
            "AlmatyKassym",
        ),
    ],
)
def test_glued_words_fire(text: str, expected: str) -> None:
    assert flagged(GluedWords(), text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        # Neither half stands alone elsewhere, and "Rock" opens no sentence.
        "BlackRock raised its stake in the Kazakh miner on Tuesday.",
        # A camel-case word used twice is a name of this article.
        "AstanaMotors cut prices. Dealers in Astana said motors were scarce. AstanaMotors said no.",
        # A capitalised half at a sentence start does not prove a name.
        "Union leaders met on Monday. UnionBank said its bank branches would reopen.",
        # Surname prefixes.
        "Lawyer Joanna FitzHerbert, whose cousins Fitz and Herbert Lyle also testified, spoke.",
        "Supporters posted #StopTheWar and tagged @KremlinRussia on Telegram.",
        "Call parseInt() or obj.getName in the script.",
        "LinkedIn and NowThis covered the story.",
    ],
)
def test_glued_words_near_misses(text: str) -> None:
    assert flagged(GluedWords(), text) == []


def test_glued_words_allowed_option_extends_the_names() -> None:
    text = "Unrest spread as WorldThe magazine reported. The world watched."
    assert flagged(GluedWords(), text) == ["WorldThe"]
    assert flagged(GluedWords(allowed=["WorldThe"]), text) == []


def test_glued_words_seed_artifact_is_caught() -> None:
    gold = json.loads((SEEDS / "seeds-gold.json").read_text(encoding="utf-8"))
    (artifact,) = [a for a in gold["artifacts"] if a["class"] == "glued-word"]
    doc = Document((SEEDS / artifact["file"]).read_text(encoding="utf-8"))
    spans = [(d.span.start, d.span.end) for d in GluedWords().check(doc)]
    assert spans == [(artifact["start"], artifact["end"])]


# -- WS002 glued-sentences -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The army was deployed to quell the unrest.The president declared a state of "
            "emergency.",
            "The army was deployed to quell the unrest. The president declared a state of "
            "emergency.",
        ),
        (
            "Was the city calm?Witnesses said shooting continued!Police fired tear gas.",
            "Was the city calm? Witnesses said shooting continued! Police fired tear gas.",
        ),
    ],
)
def test_glued_sentences_fire_and_fix(text: str, expected: str) -> None:
    assert len(flagged(GluedSentences(), text)) == expected.count(" ") - text.count(" ")
    assert fixed(GluedSentences(), text) == expected


def test_glued_sentences_span_and_safety() -> None:
    doc = Document("Troops left the city.Police stayed.")
    (diagnostic,) = GluedSentences().check(doc)
    assert doc.slice(diagnostic.span) == "city.Police"
    assert diagnostic.fix.applicability is Applicability.SAFE


@pytest.mark.parametrize(
    "text",
    [
        "Visitors flew to St.Petersburg and Mr.Tokayev met the U.S.Ambassador.",
        "Gov.Abbott and Sen.Cruz spoke on Jan.Fifth.",
        "Read more at Reuters.com or Kazakhstan.Gov.Kz today.",
        "The rate was 3.5 and the meeting began at 10.30 a.m.The session ended.",
        "Ph.D.Candidates and e.g.Students were invited.",
        "The page https://example.com/News.Today was updated.",
    ],
)
def test_glued_sentences_near_misses(text: str) -> None:
    assert flagged(GluedSentences(), text) == []


def test_glued_sentences_abbreviations_option() -> None:
    text = "The report was signed by Supt.Nurlan Abdirov on Monday."
    assert flagged(GluedSentences(), text) == []
    assert flagged(GluedSentences(), text.replace("Supt", "Insp")) == []
    assert flagged(GluedSentences(), text.replace("Supt", "Colonel")) == ["Colonel.Nurlan"]
    assert flagged(GluedSentences(abbreviations=["colonel"]), text.replace("Supt", "Colonel")) == []


# -- WS003 glued-comma ---------------------------------------------------------


def test_glued_comma_fires_and_fixes() -> None:
    text = "Protesters gathered in Almaty,Kazakhstan's largest city;police responded."
    assert flagged(GluedComma(), text) == ["Almaty,Kazakhstan", "city;police"]
    assert fixed(GluedComma(), text) == (
        "Protesters gathered in Almaty, Kazakhstan's largest city; police responded."
    )


@pytest.mark.parametrize(
    "text",
    [
        "More than 3,800 people were detained and 20,000-strong crowds gathered.",
        "In short, tl;dr: the 2,4-D herbicide was banned.",
        "See https://example.com/search?q=Almaty,Kazakhstan for details.",
        "The entity &nbsp;and code a,b stayed.",
    ],
)
def test_glued_comma_near_misses(text: str) -> None:
    assert flagged(GluedComma(), text) == []


# -- the seeds -------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_default_rules_explain_every_diagnostic_on_the_seeds(path: Path) -> None:
    """Each diagnostic of a default-on WS rule overlaps a gold artifact."""
    gold = json.loads((SEEDS / "seeds-gold.json").read_text(encoding="utf-8"))
    artifacts = [a for a in gold["artifacts"] if a["file"] == path.name]
    doc = Document(path.read_text(encoding="utf-8"))
    for cls in RULES:
        if not cls.default_enabled:
            continue
        for d in cls().check(doc):
            assert any(d.span.start < a["end"] and a["start"] < d.span.end for a in artifacts), (
                f"{cls.code} at {d.span} in {path.name}: {doc.slice(d.span)!r}"
            )


# -- the cheap first looks -------------------------------------------------------
#
# Each rule first looks for its rare join with the standard ``re`` and only
# then runs its patterns. These tests check the looks never miss.

_ODD = [
    *"aAbBzZ .,;!?:-'’“”…/@#_\n\r\t1éÉßÀ×÷ÿİıſ\u212aǅⓐⒶªʰ\u0301\u00a0\u2009Σσ",
    *"\ua7dcƛ\U0001df95",
    "the",
    "The",
    "Almaty",
    "Kazakhstan",
    "Protesters",
    "Mc",
    "iPhone",
    "unrest.",
]


def _odd_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_ODD, k=rng.randint(1, 30))) for _ in range(count)]


def test_the_looks_leave_out_no_letter_of_the_case_they_need() -> None:
    small = glue._NOT_LETTERS + glue._CAPITALS_LATIN1  # left out before a capital
    capitals = glue._NOT_LETTERS + glue._SMALL_LATIN1  # left out after a small letter
    letter = regex.compile(r"[\p{L}\p{M}]")
    for char in small:
        assert not char.islower() and not regex.match(r"\p{Ll}", char), char
    for char in capitals:
        assert not char.isupper() and not regex.match(r"\p{Lu}", char), char
    for char in glue._NOT_LETTERS:
        assert not letter.match(char), char


def test_joined_words_holds_every_word_with_a_join() -> None:
    for text in _odd_texts(5000, 1):
        expected = [
            m.span()
            for m in glue._WORD.finditer(text)
            if any(a.islower() and b.isupper() for a, b in itertools.pairwise(m.group()))
        ]
        found = [m.span() for m in glue._joined_words(text)]
        assert set(expected) <= set(found) and found == sorted(found), text


def test_word_counts_match_a_count_of_every_word() -> None:
    for text in _odd_texts(3000, 2):
        words = list(glue._WORD.finditer(text))
        folded = Counter(m.group().casefold() for m in words)
        exact = Counter(m.group() for m in words if not glue._starts_sentence(text, m.start()))
        counts = glue._WordCounts(text)
        for word in {m.group() for m in words}:
            assert counts.folded(word) == folded[word.casefold()], (text, word)
            assert counts.exact(word) == exact[word], (text, word)


def test_case_folding_keeps_letters_digits_and_the_rest_apart() -> None:
    """What _WordCounts.folded relies on: the folded text has the folded words."""
    kinds = regex.compile(r"(?P<letter>[\p{L}\p{M}])|(?P<digit>[\p{N}_])")

    def kind(char: str) -> str | None:
        match = kinds.match(char)
        return match.lastgroup if match else None

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.casefold()
        if folded != char:
            assert folded and all(kind(c) == kind(char) for c in folded), hex(code)


@pytest.mark.parametrize(
    ("look", "hint"),
    [
        (glue._SENTENCE_JOIN, glue._GLUED_SENTENCE_HINT),
        (glue._COMMA_JOIN, glue._GLUED_COMMA_HINT),
    ],
)
def test_the_looks_find_every_join_the_hints_find(look: re.Pattern, hint: regex.Pattern) -> None:
    for text in _odd_texts(5000, 3):
        assert look.search(text) or not hint.search(text), text
