"""Sentence segmentation shared by every rule that reads sentences.

One precompiled pattern finds where a sentence may end (a period, a question
or exclamation mark or an ellipsis, the closing quotes and brackets after
it, then whitespace); a few checks on the words either side decide whether
it does:

- A line break always ends a sentence in plain text, where each line holds
  a paragraph. In Markdown a line break inside a paragraph is a soft wrap
  and does not; a blank line does, and so does a line that opens a block (a
  heading, a list item, a quotation, a table row) or follows a heading or a
  table row.
- A word that starts in lowercase does not open a sentence: in
  “to negotiate. with the protesters” (a split left by machine translation,
  which PN003 reports) the period ends nothing. Brands such as iPhone and
  name particles such as “de Blasio” open one all the same.
- After an abbreviation that stands before a name or a number (“Mr.”,
  “Gen.”, “No.”, “Jan.”, “vs.”, “e.g.”) no sentence ends.
- After an abbreviation that may end a sentence (“Inc.”, “etc.”, a dotted
  “U.S.” or “a.m.”, an initial as in “George W. Bush”) and after an
  ellipsis with a space before it (an omission: “the people … Tokayev”), a
  sentence ends only before a word that usually opens one (“The”, “He”,
  “But”), so that “U.S. Embassy” and “J. K. Rowling” stay whole.
- A closing quotation mark or bracket after a period shows that the period
  ends something: “We will not negotiate.” He said… is two sentences.
- A quotation that ends in a question or exclamation mark, followed by a
  name and a verb of saying (“Why?” Tokayev asked.), is one sentence; so,
  wrongly, is “Why?” Officials said nothing.
- Chinese and Japanese full stops end a sentence with no space after them.
- A period with no space after it (“Almaty.The”, which WS002 reports) ends
  nothing.

The word lists are data, in ``rules/data/sentences.toml``; the lowercase
words that may open a sentence are shared with PN003, in
``rules/data/abbreviations.toml``. A line separator (U+2028) is whitespace
here, not a line break, as it is for ``Document``'s rows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import regex

from lintnews.diagnostics import Span
from lintnews.document import LINE_BREAK, Document
from lintnews.packs.data import string_set
from lintnews.patterns import LazyPattern

__all__ = ["CLOSING_MARKS", "END_MARKS", "document_sentences", "sentence_spans"]

_LATIN_ENDS = ".!?…‽⁇⁈⁉"
_CJK_ENDS = "。！？｡"  # need no space after them
_LATIN_CLOSING = "”’\"'»›)]}"
_CJK_CLOSING = "」』）”’\"'"
#: Every mark that may end a sentence: a sentence that does not open its
#: paragraph (or, in Markdown, its block) starts after one of these, then
#: ``CLOSING_MARKS`` and whitespace.
END_MARKS = _LATIN_ENDS + _CJK_ENDS
#: What may stand between the last mark of a sentence and the next one, whitespace aside.
CLOSING_MARKS = "".join(dict.fromkeys(_LATIN_CLOSING + _CJK_CLOSING))

_DATA = "sentences"
_OPENING = "“‘\"'«‹„‚¿¡([{"
# What may follow a sentence's end without opening the next sentence.
_NOT_OPENING = frozenset(",;:%" + _LATIN_ENDS + _LATIN_CLOSING)
_LINE = LazyPattern(r"[^\r\n]+")
# Marks that may end a sentence. (One plain character class, which ``re``
# scans for quickly; ``_END`` then reads what follows each.) The patterns
# are compiled when first used, so that importing a rule costs nothing.
_MARK = f"[{re.escape(END_MARKS)}]"
# Where a sentence may end: the run of marks, the closing quotes and
# brackets (spaced before ” » ›, as French sets them) and whitespace.
_END = LazyPattern(
    rf"""
    (?P<mark>\.(?:[\ \u00a0]\.){{2,}}|[{regex.escape(_LATIN_ENDS)}]+)
    (?P<closing>(?:[{regex.escape(_LATIN_CLOSING)}]|[\ \u00a0\u202f]+[”»›])*)
    \s+
    |[{regex.escape(_CJK_ENDS)}]+[{regex.escape(_CJK_CLOSING)}]*\s*
    """,
    regex.VERBOSE,
)
# A dotted abbreviation or an initial, its last period left out.
_DOTTED = LazyPattern(r"\p{L}|(?:\p{L}{1,3}\.)+\p{L}{1,3}")
_STRONG_MARKS = frozenset("!?‽⁇⁈⁉")
_QUOTES = frozenset("”’\"'»›")
# Up to four capitalised words (a name, a title) and the lowercase word after them.
_ATTRIBUTION = LazyPattern(r"(?:\p{Lu}[\p{L}\p{M}.’'\-]*[ \u00a0]+){1,4}(?P<verb>\p{Ll}+)\b")
_WORD = LazyPattern(r"\p{L}+")
# A list marker at the start of a block, its bullets or quotation marks before it.
_MARKER_PREFIX = LazyPattern(r"[\s>*+\-]*")
# Markdown lines that open a block, and those that a line after them cannot continue.
_MARKDOWN_OPENS_BLOCK = LazyPattern(
    r"[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|>|[-*+][ \t]|\d{1,9}[.)](?:[ \t]|$)|\|)"
)
_MARKDOWN_ONE_LINE = LazyPattern(r"[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|\|)")
_SHARED_KEY = ("lintnews.sentences", "spans")


def sentence_spans(text: str, *, markdown: bool = False) -> list[Span]:
    """Code-point spans of the sentences of ``text``, in order.

    Each span starts and ends on a non-space character (whitespace as
    ``str.strip`` sees it) and lies inside one paragraph: a line of plain
    text, or with ``markdown`` a block of Markdown, soft-wrapped lines and all.
    """
    spans: list[Span] = []
    blocks = iter(_markdown_blocks(text) if markdown else _lines(text))
    block_start = block_end = start = consumed = 0
    # One scan of the whole text finds the marks; each is then read in its block.
    end_at = _END.compiled.match
    for mark in re.finditer(_MARK, text):
        position = mark.start()
        if position < consumed:
            continue  # the rest of an ellipsis or of "?!"
        if position >= block_end:
            _append(spans, text, start, block_end)
            for block_start, block_end in blocks:
                if position < block_end:
                    break
                _append(spans, text, block_start, block_end)
            start = block_start
        end = end_at(text, position, block_end)
        if end is None:
            continue
        consumed = end.end()
        if consumed < block_end and _ends_sentence(text, end, block_start, block_end):
            _append(spans, text, start, consumed)
            start = consumed
    _append(spans, text, start, block_end)
    for block_start, block_end in blocks:
        _append(spans, text, block_start, block_end)
    return spans


def document_sentences(doc: Document) -> tuple[Span, ...]:
    """The sentences of ``doc.masked_text``, computed once per document.

    Markdown documents are read as Markdown (see ``sentence_spans``); every
    other kind as plain text, a paragraph on each line.
    """
    return doc.shared(_SHARED_KEY, _document_sentences)


def _document_sentences(doc: Document) -> tuple[Span, ...]:
    return tuple(sentence_spans(doc.masked_text, markdown=doc.kind == "markdown"))


def _lines(text: str) -> list[tuple[int, int]]:
    """The spans of the lines of ``text`` that are not empty."""
    if "\r" in text:
        return [line.span() for line in _LINE.finditer(text)]
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line:
            spans.append((start, end))
        start = end + 1
    return spans


def _markdown_blocks(text: str) -> Iterator[tuple[int, int]]:
    """The paragraphs and other blocks of a Markdown text, as runs of lines."""
    start = end = line_start = -1
    for line in _LINE.finditer(text):
        if line.group().isspace():
            continue
        if start < 0:
            start = line_start = line.start()
            end = line.end()
            continue
        if (
            _MARKDOWN_OPENS_BLOCK.match(text, line.start(), line.end())
            or _MARKDOWN_ONE_LINE.match(text, line_start, end)
            or len(LINE_BREAK.findall(text, end, line.start())) > 1
        ):
            yield start, end
            start = line.start()
        line_start, end = line.span()
    if start >= 0:
        yield start, end


def _ends_sentence(text: str, end: regex.Match[str], block_start: int, block_end: int) -> bool:
    """Whether the possible end ``end`` of a sentence is one."""
    mark = end.group("mark")
    after = end.end()
    if mark is None:
        return _opens_sentence(text, after, block_end)
    if _STRONG_MARKS.intersection(mark):
        if _QUOTES.intersection(end.group("closing")) and _attribution(text, after, block_end):
            return False
        return _opens_sentence(text, after, block_end)
    if mark == ".":
        # A closing quote or bracket after the period shows that it ends something.
        if end.group("closing"):
            return _opens_sentence(text, after, block_end)
        return _after_period(text, end.start(), after, block_start, block_end)
    # An ellipsis: after a word it trails off; after a space it marks an omission.
    if end.start() > block_start and not text[end.start() - 1].isspace():
        return _opens_sentence(text, after, block_end)
    return _next_word(text, after, block_end) in _words("openers")


def _after_period(text: str, period: int, after: int, block_start: int, block_end: int) -> bool:
    """Whether a period followed by whitespace ends a sentence, from the word it closes."""
    word_start = _word_start(text, period, block_start)
    word = text[word_start : period + 1].lstrip(_OPENING)
    if word in _words("never-final") or _is_list_marker(text, word, block_start, word_start):
        return False
    if word in _words("may-end") or _is_dotted_or_initial(word[:-1]):
        return _next_word(text, after, block_end) in _words("openers")
    return _opens_sentence(text, after, block_end)


def _attribution(text: str, start: int, end: int) -> bool:
    """Whether a name and a verb of saying follow, as in “Why?” Tokayev asked."""
    match = _ATTRIBUTION.match(text, start, end)
    return match is not None and match.group("verb") in _words("attribution-verbs")


def _opens_sentence(text: str, start: int, end: int) -> bool:
    """Whether the text at ``start`` may open a sentence after a clear end."""
    while start < end and text[start] in _OPENING:
        start += 1
    if start == end:
        return False
    first = text[start]
    if first.islower():
        word = _next_word(text, start, end)
        # iPhone, eBay; de Blasio, van Gogh
        return not word.islower() or word in string_set("abbreviations", "lowercase-starters")
    return first not in _NOT_OPENING


def _next_word(text: str, start: int, end: int) -> str:
    while start < end and text[start] in _OPENING:
        start += 1
    word = _WORD.match(text, start, end)
    return word.group() if word else ""


def _word_start(text: str, end: int, block_start: int) -> int:
    start = end
    while start > block_start and not text[start - 1].isspace():
        start -= 1
    return start


def _is_dotted_or_initial(stem: str) -> bool:
    """U.S., a.m., Ph.D.; the W of George W. Bush (not 1.2bn, not reuters.com)."""
    return _DOTTED.fullmatch(stem) is not None


def _is_list_marker(text: str, word: str, block_start: int, word_start: int) -> bool:
    """A number opening its block, as in “1. The first point”."""
    return (
        word[:-1].isdigit() and _MARKER_PREFIX.fullmatch(text, block_start, word_start) is not None
    )


@functools.cache
def _words(key: str) -> frozenset[str]:
    return string_set(_DATA, key)


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    """Add ``text[start:end]`` without its outer whitespace, unless nothing is left."""
    # Whitespace as str.strip sees it, so that a sentence never starts or ends
    # on a character that str.split and str.strip drop.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append(Span(start, end))
