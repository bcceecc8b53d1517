"""A time budget for linting one file, so that no file can stall a run.

Pattern timeouts stop a single ``regex`` search; the budget bounds the
whole file, Python rules included (``file-timeout``, ten seconds unless
configured). Rules are checked against it before they start and, where the
platform allows (a POSIX main thread), a timer interrupts a rule that runs
past it. Either way the rules left are skipped for that file and reported
as ``LN002``; the other files are linted as usual.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class BudgetExceeded(BaseException):
    """The file's time budget ran out while a rule was running.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception``
    in a rule swallows it.
    """


class Budget:
    """The time left for one file."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self._armed = False

    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    @contextmanager
    def interrupting(self) -> Iterator[None]:
        """Raise :class:`BudgetExceeded` inside the block once the budget is spent."""
        if self.deadline is None or not _can_interrupt():
            yield
            return
        left = max(self.deadline - time.monotonic(), 0.001)
        previous = signal.signal(signal.SIGALRM, self._on_alarm)
        self._armed = True
        signal.setitimer(signal.ITIMER_REAL, left)
        try:
            yield
        finally:
            self._armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if self._armed:
            raise BudgetExceeded


def _can_interrupt() -> bool:
    # A timer signal reaches only the main thread, and a caller that set its
    # own SIGALRM handler keeps it.
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    )
