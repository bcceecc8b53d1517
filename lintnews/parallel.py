"""Linting files in a pool of worker processes.

Workers are forked from the running process, so they start with its
configurations and compiled rules already loaded. Files go out in batches
and come back in the order they were sent, so the output does not depend on
which worker finished first.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lintnews.results import FileResult, Problem
    from lintnews.runner import Runner

#: What one batch gives back: its files, their problems, and what corpus rules collected.
Batch = tuple[list["FileResult"], list["Problem"], dict[str, dict[str, Any]]]

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


def lint_in_pool(runner: Runner, files: Sequence[Path], jobs: int) -> Iterator[Batch]:
    """Each batch's results, in the order of ``files``."""
    global _RUNNER
    _RUNNER = runner
    size = max(1, min(64, len(files) // (jobs * 4)))
    batches = [list(files[i : i + size]) for i in range(0, len(files), size)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            yield from pool.map(_lint_batch, batches)
    finally:
        _RUNNER = None


def _lint_batch(paths: list[Path]) -> Batch:
    assert _RUNNER is not None, "workers are forked from a running lint"
    return _RUNNER.lint_batch(paths)
