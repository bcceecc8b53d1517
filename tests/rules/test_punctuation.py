"""PN rules: punctuation damaged by translation or scraping."""

from __future__ import annotations

import pytest

from lintnews.document import Document
from lintnews.rules.punctuation import DoubledPeriod


def flagged(text: str) -> list[str]:
    doc = Document(text)
    return [doc.slice(d.span) for d in DoubledPeriod().check(doc)]


def fixed(text: str) -> str:
    doc = Document(text)
    for diagnostic in sorted(DoubledPeriod().check(doc), key=lambda d: -d.span.start):
        (edit,) = diagnostic.fix.edits
        text = text[: edit.span.start] + edit.replacement + text[edit.span.end :]
    return text


@pytest.mark.parametrize(
    "text",
    [
        "Internet and mobile services were not working and the streets were unsafe. .",
        "Nazarbayev handed over the presidency to Tokayev in 2019. . He kept his influence.",
        "Troops were deployed to Almaty.. The airport was closed.",
        "The agency cited officials, etc.. The figures were not updated.",
    ],
)
def test_fires_on_doubled_periods(text: str) -> None:
    assert len(flagged(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        # Thin-spaced ellipsis (house style of some papers) and plain ones.
        "security forces and participants\u2009.\u2009.\u2009.\u2009and others",
        "It is clearly planned... probably our government has relaxed a bit.",
        "It is clearly planned… probably our government has relaxed a bit.",
        "the reforms . . . and the elections",
        "It was planned…. Then the shooting began.",
        "For Mr. Tokayev, the U.S. position was clear.",
        "Turnout rose to 3.5 per cent.",
        "See kazakhstan.gov.kz for the decree.",
    ],
)
def test_near_misses_do_not_fire(text: str) -> None:
    assert flagged(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the streets were unsafe. .", "the streets were unsafe."),
        ("to Tokayev in 2019. . He kept", "to Tokayev in 2019. He kept"),
        ("deployed to Almaty.. The airport", "deployed to Almaty. The airport"),
    ],
)
def test_fix_removes_the_second_period(text: str, expected: str) -> None:
    assert fixed(text) == expected


def test_fix_is_safe_and_span_covers_both_periods() -> None:
    doc = Document("the streets were unsafe. .")
    (diagnostic,) = DoubledPeriod().check(doc)
    assert doc.slice(diagnostic.span) == ". ."
    assert diagnostic.fix.is_safe
