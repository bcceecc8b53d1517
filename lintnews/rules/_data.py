"""Word sets from ``rules/data/`` built once per process, for rules that read them per match."""

from __future__ import annotations

import functools

from lintnews.packs.data import string_set


@functools.cache
def data_set(name: str, key: str) -> frozenset[str]:
    """``string_set(name, key)``, kept: the data files are read once per process anyway."""
    return string_set(name, key)
