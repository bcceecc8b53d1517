"""A document's words, found with str methods and shared by the DU rules.

Scanning a whole article with a ``\\p{...}`` pattern costs far more than
str methods do. Every DU rule reads the same words, so the masked text is
turned once into its words (runs of letters, marks and digits, joined by
inner hyphens and apostrophes) parted by spaces, offsets kept.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

import regex

from lintnews.document import Document

# ASCII bytes other than letters, digits, hyphen and apostrophe (bytes of
# non-ASCII characters are 0x80 and above and pass unchanged).
_ASCII_TO_SPACE = bytes(
    b if b > 0x7F or chr(b).isalnum() or chr(b) in "-'" else 0x20 for b in range(256)
)
_ASCII = bytes(range(0x80))
_TOKEN_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")
_JOINERS = "-'’"
_NOT_TOKEN_CHAR = " " + _JOINERS  # all that is left beside word characters


class WordText(NamedTuple):
    """The masked text with every character outside a word made a space."""

    text: str
    #: Whether a letter is newer than Python's Unicode tables (see DoubledWord).
    unknown_letters: bool


def word_text(doc: Document) -> WordText:
    return doc.shared("duplication.word-text", _compute_word_text)


def _compute_word_text(doc: Document) -> WordText:
    raw = doc.masked_text.encode("utf-8", "surrogatepass")
    spaced = raw.translate(_ASCII_TO_SPACE).decode("utf-8", "surrogatepass")
    unknown = False
    if not spaced.isascii():
        non_ascii = raw.translate(None, _ASCII).decode("utf-8", "surrogatepass")
        for char in set(non_ascii):
            if _TOKEN_CHAR.match(char):
                unknown = unknown or unicodedata.category(char) == "Cn"
            elif char != "’":
                spaced = spaced.replace(char, " ")
    return WordText(_drop_loose_joiners(spaced), unknown)


def _drop_loose_joiners(spaced: str) -> str:
    """``spaced`` with each hyphen or apostrophe that is not between two word characters a space.

    ``spaced`` holds only word characters, joiners and spaces; a joiner
    inside a word has a word character on both sides.
    """
    loose = [i for joiner in _JOINERS for i in _find_all(spaced, joiner) if _is_loose(spaced, i)]
    if not loose:
        return spaced
    pieces = []
    start = 0
    for i in sorted(loose):
        pieces += (spaced[start:i], " ")
        start = i + 1
    pieces.append(spaced[start:])
    return "".join(pieces)


def _find_all(text: str, char: str) -> Iterator[int]:
    at = text.find(char)
    while at >= 0:
        yield at
        at = text.find(char, at + 1)


def _is_loose(spaced: str, i: int) -> bool:
    """Whether the joiner at ``i`` lacks a word character on either side."""
    if i in (0, len(spaced) - 1):
        return True
    return spaced[i - 1] in _NOT_TOKEN_CHAR or spaced[i + 1] in _NOT_TOKEN_CHAR
