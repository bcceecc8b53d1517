"""Patterns compiled when first used, so that start-up does not pay for unused ones."""

from __future__ import annotations

from functools import cached_property
from typing import Any

import regex


class LazyPattern:
    """A ``regex`` pattern compiled the first time it is used.

    Compiling the built-in packs, or a rule's long alternation of agency
    names, takes longer than linting an article with them; a rule that no
    document of a run needs never pays it. Attributes other than ``pattern``
    and ``flags`` are those of the compiled pattern.
    """

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern = source
        self.flags = flags

    @cached_property
    def compiled(self) -> Any:
        return regex.compile(self.pattern, self.flags)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("pattern", "flags", "compiled"):
            raise AttributeError(name)
        return getattr(self.compiled, name)
