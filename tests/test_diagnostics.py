"""Spans, edits and fixes."""

from __future__ import annotations

import pytest

from lintnews.diagnostics import Applicability, Fix, Span


def test_span_rejects_reversed_bounds() -> None:
    with pytest.raises(ValueError, match="invalid span"):
        Span(5, 3)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (Span(0, 5), Span(4, 8), True),
        (Span(0, 5), Span(5, 8), False),  # end is exclusive
        (Span(3, 3), Span(0, 5), True),  # an empty span inside
        (Span(5, 5), Span(0, 5), False),
    ],
)
def test_overlaps(a: Span, b: Span, expected: bool) -> None:
    assert a.overlaps(b) is expected
    assert b.overlaps(a) is expected


def test_fix_replace_defaults_to_safe() -> None:
    fix = Fix.replace(Span(10, 12), "", "Remove the second period")
    assert fix.is_safe
    assert fix.edits[0].span == Span(10, 12)
    unsafe = Fix.replace(Span(0, 8), "", "Delete the line", safe=False)
    assert unsafe.applicability is Applicability.UNSAFE
