"""Lines for whole-line pack rules: where they start, and what they begin with.

A whole-line rule (``scope = "line"``) matches only a line that is all
boilerplate, after optional Markdown markup. Most lines of an article are
prose and cannot match; trying the rule's pattern at each of them is most of
its cost. Each line's first characters are folded once per document and
shared; a rule whose alternatives all begin with a literal word tries its
pattern only on the lines that begin with one of those words.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from lintnews.document import Document
from lintnews.prefilter import DIGIT, OPENING_LENGTH, fold

# What a line may begin with before the matched text: spaces and the
# markup the rules' patterns skip ("## ", "> ", "- ", "**").
_MARKUP_RUN = regex.compile(r"(?:[^\S\r\n]|[#>*+_-])*")


def line_starts(doc: Document) -> list[int]:
    """Where each line begins: after LF, and after a lone CR where the text has one."""

    def compute(doc: Document) -> list[int]:
        breaks = r"\r\n?|\n" if doc.has_lone_cr else r"\n"
        return [0, *(match.end() for match in regex.finditer(breaks, doc.masked_text))]

    return doc.shared("packs.line-starts", compute)


def line_heads(doc: Document) -> list[tuple[str, ...]]:
    """For each line, its folded text from every place a match could begin.

    A match begins after some of the line's leading markup: at the line
    start, or after any character of the markup run.
    """

    def compute(doc: Document) -> list[tuple[str, ...]]:
        text = doc.masked_text
        heads = []
        for start in line_starts(doc):
            markup_end = _MARKUP_RUN.match(text, start).end()
            # Folding can drop a character (a combining dot above): take extra.
            heads.append(
                tuple(
                    fold(text[at : at + 2 * OPENING_LENGTH]) for at in range(start, markup_end + 1)
                )
            )
        return heads

    return doc.shared("packs.line-heads", compute)


class Openings:
    """The words every match of a whole-line rule begins with."""

    def __init__(self, openings: Iterable[str]) -> None:
        found = set(openings)
        self.digit = DIGIT in found
        self.prefixes = tuple(sorted(found - {DIGIT}))

    def admits(self, heads: tuple[str, ...]) -> bool:
        """Whether a line with these heads may begin a match."""
        return any(
            head.startswith(self.prefixes) or (self.digit and head[:1].isdigit()) for head in heads
        )
