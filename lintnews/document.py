"""The text under check: its prose regions and an offset-to-line index."""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

import regex

from lintnews.diagnostics import Diagnostic, Span
from lintnews.offsets import OffsetMap

T = TypeVar("T")

# CR, LF and CRLF end a line, as in SARIF and in editors; U+2028 and friends
# do not, so that a stray separator in scraped text cannot shift every row.
LINE_BREAK = regex.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Location:
    """A 1-based row and column, the column counted in code points."""

    row: int
    column: int


class LineIndex:
    """Maps code point offsets to rows and columns and back.

    Keeps only the offsets where lines start, so it is cheap to hold on to
    after the text itself has been dropped.
    """

    __slots__ = ("_starts", "length")

    def __init__(self, text: str) -> None:
        starts = array("q", [0])
        starts.extend(m.end() for m in LINE_BREAK.finditer(text))
        self._starts = starts
        self.length = len(text)

    def __reduce__(self) -> tuple[Any, tuple[bytes, int]]:
        return (_restored_index, (self._starts.tobytes(), self.length))

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def location(self, offset: int) -> Location:
        offset = min(max(offset, 0), self.length)
        row = bisect.bisect_right(self._starts, offset) - 1
        return Location(row + 1, offset - self._starts[row] + 1)

    def offset(self, location: Location) -> int:
        start = self._starts[location.row - 1]
        return start + location.column - 1

    def line_span(self, row: int) -> Span:
        """The span of line ``row`` (1-based), its line break included."""
        start = self._starts[row - 1]
        end = self._starts[row] if row < len(self._starts) else self.length
        return Span(start, end)

    def line_start(self, row: int) -> int:
        return self._starts[row - 1]


def _restored_index(starts: bytes, length: int) -> LineIndex:
    index = LineIndex.__new__(LineIndex)
    index._starts = array("q")
    index._starts.frombytes(starts)
    index.length = length
    return index


@dataclass(frozen=True, slots=True)
class Suppression:
    """Rules switched off over a span by an inline comment; no codes means all."""

    span: Span
    codes: frozenset[str] = frozenset()

    def covers(self, code: str) -> bool:
        if not self.codes:
            return True
        return any(code.startswith(prefix) for prefix in self.codes)


@dataclass
class Document:
    """One article: its text, where the prose is, and how to locate offsets.

    ``prose`` lists the regions a rule may report into. For plain text that is
    the whole text; for Markdown, code blocks, front matter, link targets and
    HTML comments are left out. ``masked_text`` has the same length as
    ``text`` with everything outside the prose replaced by spaces (line
    breaks kept), so that rules can scan it with offsets unchanged.
    """

    text: str
    path: str = "-"
    kind: str = "text"
    prose: tuple[Span, ...] | None = None
    suppressions: tuple[Suppression, ...] = ()
    #: Offset of the first undecodable byte and what was wrong, if any.
    decode_error: tuple[int, str] | None = None
    #: How the file was encoded, so that fixes are written back the same way.
    encoding: str = "utf-8"
    bom: bytes = b""
    #: Fingerprint of the bytes the text was read from (empty when not from a file).
    source_digest: bytes = b""
    #: Where the offsets of :attr:`view` lie in ``text``, when the view is another text.
    offsets: OffsetMap | None = None
    _shared: dict[Hashable, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.prose is None:
            self.prose = (Span(0, len(self.text)),)

    @property
    def view(self) -> Document:
        """The document the rules read: this one, or for HTML its visible text.

        Rules report offsets in the view; :attr:`offsets` carries them to ``text``.
        """
        return self

    @property
    def placement(self) -> Placement:
        """What puts a finding made on the view in its place in this document."""
        return Placement(self.suppressions, self.offsets)

    @cached_property
    def index(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def has_lone_cr(self) -> bool:
        """Whether a CR ends a line on its own (old Mac files, some exports)."""
        return "\r" in self.text and regex.search(r"\r(?!\n)", self.text) is not None

    @cached_property
    def masked_text(self) -> str:
        if self.prose == (Span(0, len(self.text)),):
            return self.text
        return mask_outside(self.text, self.prose)

    def shared(self, key: Hashable, compute: Callable[[Document], T]) -> T:
        """An analysis of this document computed once and shared by every rule.

        Several rules read the same quote scan or sentence split; the first
        to ask computes it and the others reuse it. It lives as long as the
        document, so nothing outlives the file being checked.
        """
        if key not in self._shared:
            self._shared[key] = compute(self)
        return self._shared[key]

    def location(self, offset: int) -> Location:
        return self.index.location(offset)

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def in_prose(self, span: Span) -> bool:
        """True when ``span`` lies wholly inside one prose region."""
        i = bisect.bisect_right(self.prose, span.start, key=_start) - 1
        return i >= 0 and self.prose[i].contains(span)

    def is_suppressed(self, code: str, span: Span) -> bool:
        return is_suppressed(self.suppressions, code, span)

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Spans of paragraphs, line breaks at their ends excluded.

        In plain text each non-blank line is a paragraph: scraped and
        translated articles put one paragraph on a line, often with no blank
        line between. In Markdown a paragraph is a run of non-blank lines, as
        Markdown wraps its paragraphs.
        """
        masked = self.masked_text
        found: list[Span] = []
        start = end = None
        for _, line in self.lines():
            blank = not masked[line.start : line.end].strip()
            if start is not None and (blank or self.kind != "markdown"):
                found.append(Span(start, end))
                start = None
            if not blank:
                start = line.start if start is None else start
                end = line.end
        if start is not None:
            found.append(Span(start, end))
        return tuple(found)

    def paragraph_at(self, offset: int) -> Span:
        """The paragraph holding ``offset``, or its line when it is in none."""
        paragraphs = self.paragraphs
        i = bisect.bisect_right(paragraphs, offset, key=_start) - 1
        if i >= 0 and paragraphs[i].start <= offset < max(paragraphs[i].end, offset + 1):
            return paragraphs[i]
        return self.index.line_span(self.location(offset).row)

    def line_removal(self, row: int) -> Span:
        """The span to delete so that line ``row`` goes with the blank line it leaves.

        A line followed by more text takes its line break and one blank line
        after it. The last non-blank line takes the blank lines around it
        instead: the line before it keeps its own line ending, and the file
        keeps its final newline (or its lack of one). No neighbouring
        paragraph is touched.
        """
        index = self.index
        line = index.line_span(row)
        if self._has_text_after(row):
            end = index.line_start(row + 1)
            if row + 1 < index.line_count and self._is_blank(row + 1):
                end = index.line_start(row + 2)
            return Span(line.start, end)
        text_end = len(self.text)
        ends_with_break = self.text.endswith(("\n", "\r"))
        previous = row - 1
        while previous >= 1 and self._is_blank(previous):
            previous -= 1
        if previous < 1:
            return Span(0, text_end)
        if ends_with_break:
            return Span(index.line_start(previous + 1), text_end)
        previous_line = index.line_span(previous)
        previous_end = previous_line.start + len(self.slice(previous_line).rstrip("\r\n"))
        return Span(previous_end, text_end)

    def _is_blank(self, row: int) -> bool:
        return not self.slice(self.index.line_span(row)).strip()

    def _has_text_after(self, row: int) -> bool:
        following = self.index.line_start(row + 1) if row < self.index.line_count else None
        return following is not None and bool(self.text[following:].strip())

    def lines(self) -> Iterator[tuple[int, Span]]:
        """Each line's 1-based row and span, line break excluded."""
        index = self.index
        for row in range(1, index.line_count + 1):
            span = index.line_span(row)
            line = self.text[span.start : span.end]
            trimmed = len(line.rstrip("\r\n"))
            yield row, Span(span.start, span.start + trimmed)


def _start(span: Span) -> int:
    return span.start


@dataclass(frozen=True, slots=True)
class Placement:
    """How a finding on a document's view is placed in the document.

    Corpus rules report long after the document is gone, so a run keeps
    this for each file: the disable comments, and the offset map of a view
    that is not the document's own text.
    """

    suppressions: tuple[Suppression, ...] = ()
    offsets: OffsetMap | None = None

    def place(self, diagnostic: Diagnostic, view: str | None = None) -> Diagnostic | None:
        """``diagnostic`` in document offsets, or None when a disable comment covers it."""
        if self.offsets is not None:
            diagnostic = self.offsets.diagnostic(diagnostic, view)
        if is_suppressed(self.suppressions, diagnostic.code, diagnostic.span):
            return None
        return diagnostic


def is_suppressed(suppressions: Iterable[Suppression], code: str, span: Span) -> bool:
    """True when a disable comment covers the start of ``span`` for ``code``."""
    return any(s.covers(code) and s.span.start <= span.start < s.span.end for s in suppressions)


def subtract(block: Span, holes: Iterable[Span]) -> Iterator[Span]:
    """The non-empty pieces of ``block`` outside the sorted ``holes``."""
    position = block.start
    for hole in holes:
        if hole.start > position:
            yield Span(position, hole.start)
        position = max(position, hole.end)
    if block.end > position:
        yield Span(position, block.end)


def mask_outside(text: str, keep: Iterable[Span]) -> str:
    """Replace every character outside ``keep`` with a space, keeping line breaks."""
    pieces: list[str] = []
    position = 0
    for span in keep:
        pieces.append(_blank(text[position : span.start]))
        pieces.append(text[span.start : span.end])
        position = span.end
    pieces.append(_blank(text[position:]))
    return "".join(pieces)


def _blank(chunk: str) -> str:
    return regex.sub(r"[^\r\n]", " ", chunk)
