"""WS rules for whitespace doubled or hidden by scraping and conversion."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest

from lintnews.document import Document
from lintnews.engine import lint_document
from lintnews.fixer import apply_edits
from lintnews.loader import document_from_text
from lintnews.rule import Rule
from lintnews.rules import whitespace
from lintnews.rules.whitespace import BlankLineRun, DoubledSpace, InvisibleCharacter

ROOT = Path(__file__).parents[2]
SEEDS = ROOT / "seeds"
RULES = [
    cls
    for _, cls in inspect.getmembers(whitespace, inspect.isclass)
    if issubclass(cls, Rule) and cls.__module__ == whitespace.__name__
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


# -- WS004 doubled-space -------------------------------------------------------


def test_doubled_space_fires_and_fixes() -> None:
    text = "Kazakhstan's  president declared a   state of emergency, officials said."
    assert flagged(DoubledSpace(), text) == ["  ", "   "]
    assert fixed(DoubledSpace(), text) == (
        "Kazakhstan's president declared a state of emergency, officials said."
    )


@pytest.mark.parametrize(
    "text",
    [
        "    Indented quotation from the president's speech.",
        "The president spoke.  Two spaces after a sentence are a typewriter habit.",
        "“We will win.”  The crowd cheered.",
        "Trailing spaces end this line.  \nNext line.",
        "participants\u2009.\u2009.\u2009.\u2009and others",
        "Name        Votes       Share\nTokayev     6,456,392   81.3",
        "| Region  | Votes |",
        "Region\t\tVotes",
    ],
)
def test_doubled_space_near_misses(text: str) -> None:
    assert flagged(DoubledSpace(), text) == []


def test_doubled_space_ignores_masked_markdown_code() -> None:
    text = "Run `kazakh  election` to count the votes, said the analyst.\n"
    assert flagged(DoubledSpace(), text, kind="markdown") == []
    assert flagged(DoubledSpace(), "Run the  count, said the analyst.\n", "markdown") == ["  "]


# -- WS005 blank-line-run ------------------------------------------------------


def test_blank_line_run_is_off_by_default() -> None:
    assert BlankLineRun.default_enabled is False


def test_blank_line_run_fires_and_fixes() -> None:
    text = "Troops were deployed to Almaty.\n\n\n\nThe airport was closed.\n"
    assert flagged(BlankLineRun(), text) == ["\n\n\n"]
    assert (
        fixed(BlankLineRun(), text)
        == "Troops were deployed to Almaty.\n\nThe airport was closed.\n"
    )
    crlf = text.replace("\n", "\r\n")
    assert fixed(BlankLineRun(), crlf) == fixed(BlankLineRun(), text).replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Troops were deployed.\n\nThe airport was closed.\n", "text"),
        ("Troops were deployed.\n\n\n\n", "text"),
        ("Troops were deployed.\n\n\n\nThe airport was closed.\n", "markdown"),
    ],
)
def test_blank_line_run_near_misses(text: str, kind: str) -> None:
    assert flagged(BlankLineRun(), text, kind) == []


# -- WS006 invisible-character -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Toka\u200byev declared an emergency.", "\u200b"),
        ("Kassym-Jomart Toka\u00adyev spoke.", "\u00ad"),
        ("\ufeffALMATY, Jan 5 (Reuters) – Troops entered the city.", "\ufeff"),
        ("Tokayev\u2060said the situation was stable.", "\u2060"),
        ("The emergency\u200c in Almaty ended.", "\u200c"),
        ("The emergency\u200d in Almaty ended.", "\u200d"),
        ("Protesters \u202ereached\u202c the square.", "\u202e"),
        ("The minister said\u200e that troops would stay.", "\u200e"),
    ],
)
def test_invisible_character_fires(text: str, expected: str) -> None:
    assert flagged(InvisibleCharacter(), text)[0] == expected


def test_invisible_character_groups_a_run_and_fixes() -> None:
    text = "President Toka\u200b\u200b\u00adyev declared an emergency in Alm\u2060aty."
    doc = Document(text)
    found = list(InvisibleCharacter().check(doc))
    assert [doc.slice(d.span) for d in found] == ["\u200b\u200b\u00ad", "\u2060"]
    assert "U+200B" in found[0].message and "U+00AD" in found[0].message
    assert fixed(InvisibleCharacter(), text) == (
        "President Tokayev declared an emergency in Almaty."
    )
    assert all(d.fix.is_safe for d in found)


@pytest.mark.parametrize(
    "text",
    [
        "A family emoji 👨\u200d👩\u200d👧 was posted, and 🏳\ufe0f\u200d🌈 too.",
        "The Persian word نامه\u200cها uses a non-joiner.",
        "The Hindi word क्\u200dष uses a joiner.",
        "The slogan \u202bالشعب يريد\u202c was chanted.",
        "The Hebrew name שלום\u200f was written.",
        "Prices rose 20\u00a0000 tenge, said M.\u202fMacron, at 10\u2009a.m.",
    ],
)
def test_invisible_character_near_misses(text: str) -> None:
    assert flagged(InvisibleCharacter(), text) == []


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


# -- triggers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (DoubledSpace(), "Kazakhstan's  president\r\ndeclared a   state\rof  emergency."),
        (InvisibleCharacter(), "President Toka\u200byev met Alm\u2060aty\u00ad officials."),
    ],
    ids=lambda value: getattr(value, "code", ""),
)
def test_triggers_are_in_what_fires_and_change_nothing(rule: Rule, text: str) -> None:
    found = list(rule.check(Document(text)))
    assert found
    for diagnostic in found:
        assert any(t in Document(text).slice(diagnostic.span) for t in rule.triggers)
    assert lint_document(Document(text), [rule]) == sorted(found, key=lambda d: d.span.start)
    for other in (text.replace("  ", " "), "".join(c for c in text if c not in rule.triggers)):
        doc = Document(other)
        assert lint_document(doc, [rule]) == list(rule.check(doc))


def test_doubled_space_reads_each_line_ending() -> None:
    text = "The  army left.\r\nThe  police stayed.\rThe  crowd  went home.\n"
    assert flagged(DoubledSpace(), text) == ["  "] * 4
