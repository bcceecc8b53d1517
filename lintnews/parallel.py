"""Linting files in a pool of worker processes.

Workers are forked from the running process, so they start with its
configurations and compiled rules already loaded. Files go out in batches
and come back in the order they were sent, so the output does not depend on
which worker finished first.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lintnews.results import Problem
    from lintnews.runner import Runner

#: What one batch gives back, pickled by the worker: its files (path, record,
#: diagnostics), their problems, and what corpus rules collected (code -> path, record).
Batch = tuple[list[tuple[str, bytes, int]], list["Problem"], dict[str, list[tuple[str, bytes]]]]

#: Below this many files a pool costs more than it saves.
MIN_FILES = 8
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
    global _RUNNER
    _RUNNER = runner
    size = max(1, min(64, len(files) // (jobs * 4)))
    batches = [list(files[i : i + size]) for i in range(0, len(files), size)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    # A forked worker shares this process's pages until one is written, and
    # the garbage collector writes to every object it looks at: frozen, the
    # rules and the file list stay shared instead of copied into each worker.
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            yield from pool.map(_lint_batch, batches)
    finally:
        gc.unfreeze()
        _RUNNER = None


def _lint_batch(paths: list[str]) -> Batch:
    assert _RUNNER is not None, "workers are forked from a running lint"
    return _RUNNER.lint_batch(paths)
