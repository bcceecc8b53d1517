"""Scanning a text only where a rare mark shows that a pattern can match.

Like :mod:`lintnews.rules._lines`, for hints that the engine finds fast:
patterns that start with a literal (``-``, ``/``), and choices of literal
words searched with the standard library's ``re``, which finds them several
times faster than ``regex`` does. The results are exactly those of one scan
of the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import regex

Pattern = re.Pattern[str] | regex.Pattern[str]


def lines_holding(
    text: str, hints: Iterable[Pattern], breaks: str = "\r\n"
) -> list[tuple[int, int]]:
    """The bounds of each line where one of ``hints`` matches, in order, each once.

    ``breaks`` are the characters that end a line; no hint matches one.
    """
    lines = set()
    for hint in hints:
        found = hint.search(text)
        while found:
            at = found.start()
            start = max(text.rfind(char, 0, at) for char in breaks) + 1
            ends = (text.find(char, at) for char in breaks)
            end = min((i for i in ends if i >= 0), default=len(text))
            lines.add((start, end))
            found = hint.search(text, end)
    return sorted(lines)


def finditer_in_lines(
    pattern: regex.Pattern[str], text: str, hints: Iterable[Pattern], breaks: str = "\r\n"
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match lies within one
    line and holds a match of one of ``hints``.

    Its lookarounds must take a line break and the end of the text alike at
    either end of a match; ``^`` and ``$`` (MULTILINE) see only a line feed,
    so a pattern with them needs ``breaks="\\n"``.
    """
    for start, end in lines_holding(text, hints, breaks):
        yield from pattern.finditer(text, start, end)


def finditer_at(
    pattern: regex.Pattern[str], text: str, starts: Pattern
) -> Iterator[regex.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose every match starts where
    ``starts`` matches (a choice of the literals it begins with).

    ``pattern`` is tried at each start of ``starts`` that is not inside the
    last match, as one scan of it would; its lookbehinds see the text before.
    """
    end = 0
    found = starts.search(text)
    while found:
        at = found.start()
        match = pattern.match(text, at) if at >= end else None
        if match:
            yield match
            end = match.end()
        found = starts.search(text, at + 1)
