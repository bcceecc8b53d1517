"""The per-file time budget: rules left when it is spent are skipped and reported as LN002."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from lintnews.budget import Budget, BudgetExceeded
from lintnews.diagnostics import Diagnostic, Span
from lintnews.document import Document
from lintnews.engine import lint_document
from lintnews.rule import Rule
from lintnews.rules.punctuation import DoubledPeriod

TEXT = "Kazakh troops patrolled Almaty on Thursday. ."


class Stuck(Rule):
    """A rule that never finishes on its own, as a quadratic scan of a 50 MB line."""

    code = "XS001"
    name = "stuck"
    summary = "Never finishes"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        while True:
            # A broad except in a rule must not swallow the budget.
            with contextlib.suppress(Exception):
                sum(range(10_000))


class Found(Rule):
    """A rule that always finds something."""

    code = "XS002"
    name = "found"
    summary = "Always finds"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        yield self.diagnostic(Span(0, 6), "found")


def test_a_spent_budget_skips_every_rule() -> None:
    budget = Budget(0.001)
    time.sleep(0.01)
    (diagnostic,) = lint_document(Document(TEXT), [DoubledPeriod(), Found()], budget=budget)
    assert diagnostic.code == "LN002"
    assert "2 rules not run" in diagnostic.message and "PN001, XS002" in diagnostic.message


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers here")
def test_a_running_rule_is_interrupted_and_earlier_findings_kept() -> None:
    budget = Budget(0.3)
    started = time.monotonic()
    with budget.interrupting():
        found = lint_document(Document(TEXT), [DoubledPeriod(), Stuck(), Found()], budget=budget)
    assert time.monotonic() - started < 3
    assert [d.code for d in found] == ["LN002", "PN001"]
    assert "2 rules not run on this file (XS001, XS002)" in found[0].message
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL  # the handler is put back


def test_no_timer_outside_the_main_thread() -> None:
    seen: list[bool] = []

    def lint() -> None:
        budget = Budget(0.05)
        with budget.interrupting():
            time.sleep(0.1)  # no alarm: this thread cannot receive one
        seen.append(budget.expired())

    worker = threading.Thread(target=lint)
    worker.start()
    worker.join()
    assert seen == [True]


def test_a_callers_own_alarm_handler_is_left_alone() -> None:
    def handler(signum: int, frame: object) -> None:
        raise AssertionError("not ours")

    previous = signal.signal(signal.SIGALRM, handler)
    try:
        budget = Budget(0.01)
        with budget.interrupting():
            time.sleep(0.05)
        assert signal.getsignal(signal.SIGALRM) is handler
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_no_budget_runs_everything() -> None:
    found = lint_document(Document(TEXT), [DoubledPeriod(), Found()], budget=Budget(None))
    assert [d.code for d in found] == ["XS002", "PN001"]
    assert not Budget(None).expired()
    with pytest.raises(BudgetExceeded):
        raise BudgetExceeded
