"""Telling a period that ends a sentence from one that ends an abbreviation.

Read by the PN rules about periods: an abbreviation (`Inc.`, `Mr.`), an
initial, a dotted acronym or the number of a list item keeps its period
before a comma or a lowercase word.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from lintnews.packs.data import string_set

# What may open a word: a bracket or a quotation mark.
_OPENERS = "([{“‘\"'«"


class AbbreviationSet:
    """Abbreviations as listed: lowercase entries match in any case."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.exact = frozenset(e for e in entries if e != e.lower())
        self.any_case = frozenset(e for e in entries if e == e.lower())

    def __contains__(self, word: str) -> bool:
        return word in self.exact or word.lower() in self.any_case


def known_abbreviations(extra: Iterable[object]) -> AbbreviationSet:
    """The built-in abbreviations and the user's extra ones."""
    return _abbreviation_set(tuple(e for e in extra if isinstance(e, str) and e))


@functools.lru_cache(maxsize=16)
def _abbreviation_set(extra: tuple[str, ...]) -> AbbreviationSet:
    # Built once per list of extras, not once per document.
    entries = set(string_set("abbreviations", "abbreviations"))
    entries.update(e if e.endswith(".") else f"{e}." for e in extra)
    return AbbreviationSet(entries)


def _word_start(text: str, end: int) -> int:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


def closes_abbreviation(text: str, period: int, abbreviations: AbbreviationSet) -> bool:
    """Whether the period at ``period`` ends an abbreviation, initial or dotted acronym."""
    word = text[_word_start(text, period) : period + 1].lstrip(_OPENERS)
    stem = word[:-1]
    if "." in stem:  # U.S., e.g., a.m., kazakhstan.gov.kz
        return True
    if len(stem) == 1 and stem.isalpha():  # J. K. Rowling, E. coli
        return True
    return word in abbreviations


def is_list_marker(text: str, period: int) -> bool:
    """A number opening its line, as in “1. the first point”."""
    start = _word_start(text, period)
    line_start = text.rfind("\n", 0, start) + 1
    return text[start:period].isdigit() and not text[line_start:start].strip()


def same_paragraph(gap: str, kind: str) -> bool:
    # Plain text holds a paragraph on a line; Markdown wraps paragraphs.
    breaks = gap.count("\n") + gap.count("\r") - gap.count("\r\n")
    return breaks == 0 or (kind == "markdown" and breaks == 1)
