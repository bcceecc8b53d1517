"""Finding the few places in a text where a rule's pattern can match.

The ``regex`` module tries a pattern that starts with a lookbehind or a
Unicode class at every offset of a text. The standard library's ``re``, for
a pattern that starts with a literal or a class of fixed characters, and
``str.find`` skip ahead in C, several times faster. So the PN and QT rules
look with them for what every match must hold first, and run their
``regex`` patterns only there: the matches are the same, found sooner.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import regex

#: What regex's ``[^\S\r\n]`` matches (Unicode White_Space less CR and LF),
#: spelled out for ``re``, whose ``\s`` has \x1c-\x1f as well.
HSPACE_CHARS = frozenset("\t\x0b\x0c \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000").union(
    map(chr, range(0x2000, 0x200B))
)
#: The same characters, to write inside ``[ ]`` (none is special there).
HSPACE = "".join(sorted(HSPACE_CHARS))


def finditer(pattern: regex.Pattern, starts: re.Pattern, text: str) -> Iterator[regex.Match]:
    """What ``pattern.finditer(text)`` yields, trying ``pattern`` only where ``starts`` matches.

    Every match of ``pattern`` must start where ``starts`` matches, and no
    match of ``starts`` may cover another place where ``pattern`` can match:
    then the places ``starts.finditer`` gives are the only ones to try.
    """
    end = 0
    for candidate in starts.finditer(text):
        if candidate.start() >= end and (match := pattern.match(text, candidate.start())):
            end = match.end()
            yield match


def offsets(text: str, chars: str) -> list[int]:
    """Where each of ``chars`` occurs in ``text``, in order (fast when they are few)."""
    found: list[int] = []
    find = text.find
    for char in chars:
        i = find(char)
        while i >= 0:
            found.append(i)
            i = find(char, i + 1)
    found.sort()
    return found


def run_start(text: str, end: int, chars: frozenset[str]) -> int:
    """Where the run of ``chars`` that ends at ``end`` starts (``end`` if none)."""
    start = end
    while start > 0 and text[start - 1] in chars:
        start -= 1
    return start
