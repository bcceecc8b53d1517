"""Expansions: the words before an acronym in brackets, and whether they fit it.

For the AC rules (``acronyms.py``): AC001 reports an acronym that garbles
the initials of its expansion, AC002 and AC003 leave alone one that fits
an English expansion.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from lintnews.document import Document
from lintnews.packs.data import load_data

_DATA = load_data("acronyms")
FOREIGN: dict[str, str] = _DATA["foreign"]
FUNCTION_WORDS = frozenset(_DATA["expansion"]["function-words"])
CORPORATE_WORDS = frozenset(_DATA["expansion"]["corporate-words"])
LEGITIMATE = frozenset(_DATA["legitimate"]["acronyms"])
# The words of an expansion (hyphens, apostrophes, a dotted U.S.), and the
# run of them, each followed by spaces, that ends at the bracket.
_EXPANSION_WORD = r"(?:(?:\p{Lu}\.){2,}|[\p{L}\p{N}&][\p{L}\p{M}\p{N}’'\-]*)"
_WORD_TOKEN = regex.compile(_EXPANSION_WORD)
_WORD_RUN = regex.compile(
    rf"(?<![^\s]){_EXPANSION_WORD}(?:[^\S\r\n]+{_EXPANSION_WORD})*[^\S\r\n]+$"
)
# The same, searched backwards: a run ends at the end of the window ($), and
# taking words leftwards from there the first match is the longest run, the
# one a forward search finds after trying a start at every word of the
# window (3 µs against 80).
_WORD_RUN_BACKWARDS = regex.compile(_WORD_RUN.pattern, regex.REVERSE)
# Compiled once: regex's module functions look each pattern up on every call.
_POSSESSIVE_END = regex.compile(r"(?:[’']s|[’'])$")
_NOT_LETTER = regex.compile(r"[^\p{L}]")
_CAPITAL = regex.compile(r"\p{Lu}")
_ARTICLE_PREFIX = regex.compile(r"\p{Ll}+-\p{Lu}")


@dataclass(frozen=True)
class Word:
    """One word of an expansion and the letters it may give the acronym."""

    text: str
    start: int
    end: int
    entry: str  # the letter the word must give when it gives any
    rest: str  # further letters it may give, in order (GCHQ: Headquarters)
    optional: bool  # may give none: function words, embedded acronyms

    @property
    def content(self) -> bool:
        return self.text.lower() not in FUNCTION_WORDS


def _word(text: str, start: int) -> Word | None:
    """A word of an expansion, or None for a word that ends it."""
    parts = _word_parts(text)
    if parts is None:
        return None
    bare, entry, rest, optional = parts
    return Word(bare, start, start + len(bare), entry, rest, optional)


@functools.lru_cache(maxsize=65536)
def _word_parts(text: str) -> tuple[str, str, str, bool] | None:
    """What ``_word`` makes of ``text`` wherever it stands (kept per word)."""
    bare = _POSSESSIVE_END.sub("", text)
    if not bare:
        return None
    letters = _NOT_LETTER.sub("", bare).upper()
    if bare.lower() in FUNCTION_WORDS:
        return bare, bare[0].upper(), letters[1:], True
    if not letters:
        return None
    capital = _CAPITAL.search(bare)
    if capital is None or bare[0].isdigit():
        return None
    if capital.start() > 0 and not _ARTICLE_PREFIX.match(bare):
        return None  # a lower-case word ends the expansion ("al-Sham" does not)
    entry = capital.group()
    is_acronym = len(letters) >= 2 and bare.replace(".", "").isupper()
    rest = letters[letters.index(entry) + 1 :]
    return bare, entry, rest, is_acronym


def expansion_before(doc: Document, position: int) -> list[Word]:
    """The capitalised words that end just before ``position`` (an open bracket)."""
    text = doc.masked_text
    start = max(doc.paragraph_at(position).start, position - 200)
    run = _WORD_RUN_BACKWARDS.search(text, start, position)
    words: list[Word] = []
    for token in reversed(list(_WORD_TOKEN.finditer(text, *run.span())) if run else []):
        word = _word(token.group(), token.start())
        if word is None:
            break
        words.insert(0, word)
    while words and not words[0].content:
        words.pop(0)
    while words and not words[-1].content:
        words.pop()
    return words


def aligns(acronym: str, words: list[Word]) -> bool:
    """Whether ``acronym`` abbreviates some run of ``words`` ending with the last.

    Stricter than Schwartz & Hearst (2003), who let any letter of the long form
    match: here every content word must give its first letter, in order, and
    may give more from inside it (RUSADA, GCHQ); function words and embedded
    acronyms (UN, U.S.) may give their first letter or nothing.
    """
    n, m = len(acronym), len(words)

    @functools.cache
    def from_word(i: int, j: int) -> bool:
        if j == m:
            return i == n
        word = words[j]
        if word.optional and from_word(i, j + 1):
            return True
        return i < n and acronym[i] == word.entry and inside(i + 1, j, 0)

    @functools.cache
    def inside(i: int, j: int, k: int) -> bool:
        if from_word(i, j + 1):
            return True
        rest = words[j].rest
        if i == n:
            return False
        position = rest.find(acronym[i], k)
        while position != -1:
            if inside(i + 1, j, position + 1):
                return True
            position = rest.find(acronym[i], position + 1)
        return False

    return any(from_word(0, j) for j in range(m) if words[j].content)


def damerau(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit."""
    d = {(i, j): max(i, j) for i in range(len(a) + 1) for j in range(len(b) + 1) if not i * j}
    for i, j in ((i, j) for i in range(1, len(a) + 1) for j in range(1, len(b) + 1)):
        d[i, j] = min(d[i - 1, j] + 1, d[i, j - 1] + 1, d[i - 1, j - 1] + (a[i - 1] != b[j - 1]))
        if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
            d[i, j] = min(d[i, j], d[i - 2, j - 2] + 1)
    return d[len(a), len(b)]


def letters_of(acronym: str) -> str:
    return _NOT_LETTER.sub("", acronym).upper()


def garbled(acronym: str, words: list[Word]) -> str | None:
    """The initials ``acronym`` should have been, when it is a garbling of them.

    Fires only on a near miss: same first letter, every letter taken from the
    initials, at most two edits away, and not the same letters reordered
    (a reordering is how a legitimate foreign acronym looks: SPD, FARC, PRI).
    """
    letters = letters_of(acronym)
    n = len(letters)
    content = [w for w in words if w.content]
    if n < 3 or len(content) < n or sum(c.isupper() for c in acronym) < 2:
        return None
    if acronym in LEGITIMATE or acronym in FOREIGN:
        return None
    if any(w.text in CORPORATE_WORDS for w in words):
        return None
    expected = "".join(w.entry for w in content[-n:])
    if (
        letters[0] != expected[0]
        or sorted(letters) == sorted(expected)
        or not set(letters) <= set(expected)
        or damerau(letters, expected) > 2
        or aligns(letters, words)
    ):
        return None
    return expected
