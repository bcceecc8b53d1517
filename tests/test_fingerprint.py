"""Fingerprints survive edits elsewhere and tell identical findings apart."""

from __future__ import annotations

from lintnews.document import Document, LineIndex
from lintnews.engine import lint_document
from lintnews.fingerprint import fingerprints
from lintnews.rules.punctuation import DoubledPeriod, SpaceBeforePunctuation

ARTICLE = (
    "Relative calm returned to Almaty on Friday.\n\n"
    "The streets were unsafe. .\n\n"
    "More than a thousand were injured , according to the authorities.\n"
)
RULES = [DoubledPeriod(), SpaceBeforePunctuation()]


def prints(text: str) -> dict[str, str]:
    diagnostics = lint_document(Document(text), RULES)
    found = fingerprints(text, LineIndex(text), diagnostics)
    return {
        f"{d.code}:{text[d.span.start : d.span.end]}": fp
        for d, fp in zip(diagnostics, found, strict=True)
    }


def test_fingerprints_survive_lines_added_above() -> None:
    before = prints(ARTICLE)
    after = prints("Tokayev spoke on television.\n\nHe thanked Putin.\n\n" + ARTICLE)
    assert before == after
    assert len(before) == 2


def test_fingerprints_survive_a_change_elsewhere_in_the_paragraph() -> None:
    long = "The airport was closed for days and flights were cancelled, officials said. " * 2
    edited = ARTICLE.replace("The streets", long + "The streets")
    twice = ARTICLE.replace("The streets", long.replace("days", "a week") + "The streets")
    assert prints(edited)["PN001:. ."] == prints(twice)["PN001:. ."]


def test_fingerprints_change_with_the_flagged_text_or_rule() -> None:
    other = prints(ARTICLE.replace("unsafe. .", "calm. ."))
    assert other["PN001:. ."] != prints(ARTICLE)["PN001:. ."]


def test_identical_findings_get_different_fingerprints() -> None:
    text = "The streets were unsafe. .\n\nThe streets were unsafe. .\n"
    diagnostics = lint_document(Document(text), RULES)
    first, second = fingerprints(text, LineIndex(text), diagnostics)
    assert first != second
