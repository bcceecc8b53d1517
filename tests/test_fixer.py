"""The fix engine: non-overlapping edits, passes to a fixpoint, non-convergence."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from lintnews.diagnostics import Diagnostic, Edit, Fix, Severity, Span
from lintnews.document import Document
from lintnews.engine import lint_document
from lintnews.fixer import apply_edits, fix_until_stable, select_fixes
from lintnews.rule import Rule
from lintnews.rules.punctuation import DoubledPeriod, SpaceBeforePunctuation


def diagnostic(code: str, start: int, end: int, replacement: str = "", *, safe: bool = True):
    fix = Fix.replace(Span(start, end), replacement, "fix", safe=safe)
    return Diagnostic(code, "message", Span(start, end), Severity.ERROR, fix)


def lint_with(*rules: Rule):
    return lambda text: lint_document(Document(text), list(rules))


def test_apply_edits_keeps_everything_outside_the_edits() -> None:
    text = "Troops fired on crowds in Almaty , officials said. ."
    edits = [Edit(Span(32, 33), ""), Edit(Span(50, 52), "")]
    assert apply_edits(text, edits) == "Troops fired on crowds in Almaty, officials said."


def test_apply_edits_rejects_overlap() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("unsafe. .", [Edit(Span(0, 8), ""), Edit(Span(6, 9), "")])


def test_overlapping_fixes_keep_the_earlier_one() -> None:
    first, second, third = (
        diagnostic("AA001", 0, 5),
        diagnostic("BB001", 3, 8),
        diagnostic("CC001", 8, 9),
    )
    assert select_fixes([third, second, first], unsafe=False) == [first, third]


def test_two_insertions_at_one_point_conflict() -> None:
    a, b = diagnostic("AA001", 4, 4, " "), diagnostic("BB001", 4, 4, ",")
    assert select_fixes([a, b], unsafe=False) == [a]


def test_adjacent_edits_do_not_conflict() -> None:
    a, b = diagnostic("AA001", 0, 4, "x"), diagnostic("BB001", 4, 6, "")
    assert select_fixes([a, b], unsafe=False) == [a, b]


def test_unsafe_fixes_need_unsafe() -> None:
    unsafe = diagnostic("BP001", 0, 13, safe=False)
    assert select_fixes([unsafe], unsafe=False) == []
    assert select_fixes([unsafe], unsafe=True) == [unsafe]


def test_passes_run_until_no_fix_is_left() -> None:
    text = "The streets of Almaty were unsafe . .\n"
    result = fix_until_stable(text, lint_with(DoubledPeriod(), SpaceBeforePunctuation()))
    assert result.text == "The streets of Almaty were unsafe.\n"
    assert result.remaining == []
    assert result.unconverged == ()
    assert result.passes >= 1


class Toggle(Rule):
    """## What it does
    Turns “Almaty” into “Alma-Ata” and back: a rule whose fix never settles.

    ## Example
    Almaty
    """

    code = "XT001"
    name = "toggle"
    summary = "Never converges"
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for old, new in (("Almaty", "Alma-Ata"), ("Alma-Ata", "Almaty")):
            start = doc.text.find(old)
            if start >= 0:
                span = Span(start, start + len(old))
                yield self.diagnostic(span, "toggle", fix=Fix.replace(span, new, "toggle"))
                return


class Grow(Rule):
    """## What it does
    Appends a period forever: a rule whose fix always finds more to do.

    ## Example
    Almaty.
    """

    code = "XG001"
    name = "grow"
    summary = "Never stops"
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        end = len(doc.text)
        yield self.diagnostic(Span(end, end), "grow", fix=Fix.replace(Span(end, end), ".", "grow"))


def test_a_fix_that_cycles_is_reported_and_the_last_good_text_kept() -> None:
    result = fix_until_stable("Calm returned to Almaty.", lint_with(Toggle()))
    assert result.unconverged == ("XT001",)
    assert result.text == "Calm returned to Alma-Ata."


def test_a_fix_that_never_ends_is_reported_after_the_last_pass() -> None:
    result = fix_until_stable("Calm returned", lint_with(Grow()), max_passes=4)
    assert result.unconverged == ("XG001",)
    assert result.text == "Calm returned...."
    assert result.passes == 4


class NoOp(Rule):
    """## What it does
    Offers a fix that changes nothing.

    ## Example
    Almaty
    """

    code = "XN001"
    name = "no-op"
    summary = "A fix that changes nothing"
    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        yield self.diagnostic(Span(0, 6), "no-op", fix=Fix.replace(Span(0, 6), "Almaty", "same"))


def test_a_fix_that_changes_nothing_is_not_counted_as_applied() -> None:
    result = fix_until_stable("Almaty was calm.", lint_with(NoOp()))
    assert result.text == "Almaty was calm."
    assert result.applied == []
    assert result.unconverged == ()
