"""Scanning only the lines of a text that can hold a match.

Many patterns cannot match across a line break and need some rare mark
(a hyphen before a capital, a slash). Running them line by line over the
lines where a cheap hint pattern matches finds exactly what one scan of the
whole text finds, at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    """The start and end of the line holding ``offset``; CR and LF end lines."""
    start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
    ends = [i for i in (text.find("\n", offset), text.find("\r", offset)) if i >= 0]
    return start, min(ends, default=len(text))


def hinted_lines(text: str, hint: regex.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The bounds of each line where ``hint`` matches, in text order, each once.

    ``hint`` must not match a line break.
    """
    end = -1
    for match in hint.finditer(text):
        if match.start() < end:
            continue
        start, end = _line_bounds(text, match.start())
        yield start, end


def finditer_in_lines(
    pattern: regex.Pattern[str], text: str, hint: regex.Pattern[str]
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match lies within one
    line and holds a match of ``hint``, and whose lookarounds accept a line
    break or the end of the text alike at either end of a match."""
    for start, end in hinted_lines(text, hint):
        yield from pattern.finditer(text, start, end)
