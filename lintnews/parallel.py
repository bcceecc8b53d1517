"""Linting files in a pool of worker processes.

Workers are forked from the running process, so they start with its
configurations and compiled rules already loaded. Files go out in batches
and come back in the order they were sent, so the output does not depend on
which worker finished first.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lintnews.results import Problem
    from lintnews.runner import Runner

#: What one batch gives back, pickled by the worker: its files (path, record,
#: diagnostics), their problems, and what corpus rules collected (code -> path, record).
Batch = tuple[list[tuple[str, bytes, int]], list["Problem"], dict[str, list[tuple[str, bytes]]]]

#: Below this many files a pool costs more than it saves.
MIN_FILES = 8
#: Batches sent ahead per worker, so that none waits while results are read.
_AHEAD = 4
_RUNNER: Runner | None = None


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worth_a_pool(files: int, jobs: int) -> bool:
    return jobs > 1 and files >= MIN_FILES


def lint_in_pool(runner: Runner, files: Sequence[str], jobs: int) -> Iterator[Batch]:
    """Each batch's results, in the order of ``files``."""
    size = max(1, min(64, len(files) // (jobs * 4)))
    batches = (list(files[i : i + size]) for i in range(0, len(files), size))
    yield from _in_pool(runner, _lint_batch, batches, jobs)


def lint_records_in_pool(
    runner: Runner, corpus: str, records: Iterable[Sequence[Any]], jobs: int
) -> Iterator[Batch]:
    """Each batch's results for the records of one corpus, in the order of ``records``.

    ``records`` is a stream of batches (read from the corpus as it goes);
    each holds ``(name, text)`` pairs and the problems of malformed lines.
    """
    task = functools.partial(_lint_records, corpus)
    yield from _in_pool(runner, task, records, jobs)


def _in_pool(
    runner: Runner, task: Callable[[Any], Batch], batches: Iterable[Any], jobs: int
) -> Iterator[Batch]:
    """``task`` over ``batches`` in forked workers; results in order, a few batches ahead.

    Batches are sent as results come back, never all at once, so that the
    records of a big corpus are not all pickled into the pool's queue.
    """
    global _RUNNER
    _RUNNER = runner
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # A forked worker shares this process's pages until one is written, and
    # the garbage collector writes to every object it looks at: frozen, the
    # rules and the file list stay shared instead of copied into each worker.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            pending: deque[Future[Batch]] = deque()
            for batch in batches:
                pending.append(pool.submit(task, batch))
                if len(pending) >= jobs * _AHEAD:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    finally:
        gc.unfreeze()
        _RUNNER = None


def _lint_batch(paths: list[str]) -> Batch:
    assert _RUNNER is not None, "workers are forked from a running lint"
    return _RUNNER.lint_batch(paths)


def _lint_records(corpus: str, records: Sequence[Any]) -> Batch:
    assert _RUNNER is not None, "workers are forked from a running lint"
    return _RUNNER.lint_records(corpus, records)
