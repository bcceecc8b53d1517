"""Offsets of a derived text (what rules read) in the source it came from.

An HTML article is linted as its visible text: tags gone, references such as
``&rsquo;`` decoded, block elements turned into line breaks. Rules report
offsets in that *view*; users need them in the *source*, and fixes must be
written there. :class:`OffsetMap` carries a view offset to its source offset
and a fix's edits to source edits that leave all markup whole.

The map is a run of segments, each a stretch of the view and the stretch of
source it stands for:

- ``TEXT``: copied one to one (most of an article);
- ``ATOM``: one source unit read as other text, such as a reference read as
  its character, or a wrapped line's break and indentation read as a space.
  It is replaced whole or not at all;
- ``BREAK``: line breaks made for a block element's tag. Nothing of it is
  source text: an edit may delete it (the tag stays) but not replace it.
- ``OBJECT``: one character that stands for an image or a hidden inline
  element (inline code). It is not prose, and no edit changes its source.

It also knows where the markup is (tags, comments, hidden elements), so that
no edit ever deletes or splits it, and which elements hold only text and
tags, so that a deletion that takes all of one's text takes the element
too. It pickles as a few byte strings: a run keeps one per HTML file for
the corpus rules' findings.
"""

from __future__ import annotations

import bisect
import difflib
import html
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from lintnews.diagnostics import Diagnostic, Edit, Fix, Span

__all__ = ["ATOM", "BREAK", "OBJECT", "TEXT", "OffsetMap"]

TEXT, ATOM, BREAK, OBJECT = 0, 1, 2, 3
#: Kinds that stand for markup, not text: a deletion leaves their source alone.
_MARKUP_KINDS = (BREAK, OBJECT)


class OffsetMap:
    """Where each offset of a view lies in its source; see the module docstring."""

    __slots__ = (
        "_elements",
        "_kinds",
        "_markup",
        "_source_ends",
        "_source_starts",
        "_view",
        "source_length",
        "view_length",
    )

    def __init__(
        self,
        segments: Iterable[tuple[int, int, int, int]],
        markup: Iterable[Span],
        view_length: int,
        *,
        elements: Iterable[Span] = (),
        source_length: int = 0,
    ) -> None:
        """``segments``: (view start, source start, source end, kind), in view order.

        ``markup``: the source spans of tags, comments and hidden elements.
        ``elements``: the source spans of elements that hold only text and tags.
        """
        self._view, self._source_starts, self._source_ends = array("q"), array("q"), array("q")
        self._kinds = bytearray()
        for view_start, source_start, source_end, kind in segments:
            self._view.append(view_start)
            self._source_starts.append(source_start)
            self._source_ends.append(source_end)
            self._kinds.append(kind)
        self._markup = _Spans(markup)
        self._elements = _Spans(elements)
        self.view_length = view_length
        self.source_length = source_length

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        arrays = (self._view, self._source_starts, self._source_ends)
        packed = (*(a.tobytes() for a in arrays), bytes(self._kinds))
        spans = (self._markup.packed(), self._elements.packed())
        return (_restored, (*packed, *spans, self.view_length, self.source_length))

    # -- offsets and spans ----------------------------------------------------

    def source_start(self, offset: int) -> int:
        """Where the view character at ``offset`` starts in the source."""
        if not self._view:
            return 0
        if offset >= self.view_length:
            return self.source_end(self.view_length)
        k = self._segment(offset)
        if self._kinds[k] == TEXT:
            return self._source_starts[k] + offset - self._view[k]
        return self._source_starts[k]

    def source_end(self, offset: int) -> int:
        """Where the view character before ``offset`` ends in the source."""
        if not self._view:
            return 0
        if offset <= 0:
            return self.source_start(0)
        k = self._segment(min(offset, self.view_length) - 1)
        if self._kinds[k] == TEXT:
            return self._source_starts[k] + min(offset, self.view_length) - self._view[k]
        return self._source_ends[k]

    def span(self, span: Span) -> Span:
        """The source span of a view span; an empty one sits after the text before it."""
        if span.start == span.end:
            point = self.source_end(span.start) if span.start else self.source_start(0)
            return Span(point, point)
        return Span(self.source_start(span.start), self.source_end(span.end))

    def cuts(self, offset: int, replacement: str = "x") -> bool:
        """Whether an edit bounded at ``offset`` splits a unit that is replaced only whole.

        A deletion may take part of a tag's line breaks: it deletes nothing
        of the source there.
        """
        if not 0 < offset < self.view_length:
            return False
        k = self._segment(offset)
        if self._kinds[k] == BREAK and not replacement:
            return False
        return self._kinds[k] != TEXT and self._view[k] < offset

    def _segment(self, offset: int) -> int:
        return max(bisect.bisect_right(self._view, offset) - 1, 0)

    # -- markup ---------------------------------------------------------------

    def markup_within(self, span: Span) -> list[Span]:
        """The markup that lies in ``span`` of the source, in order."""
        return self._markup.within(span)

    # -- diagnostics and fixes ------------------------------------------------

    def diagnostic(self, diagnostic: Diagnostic, view: str | None = None) -> Diagnostic:
        """``diagnostic`` in source offsets; its fix is dropped if it would touch markup.

        With the ``view`` text, each edit is first narrowed to what it
        changes, so that a fix whose span takes a tag along but leaves it as
        it is can still be applied.
        """
        fix = diagnostic.fix and self.fix(diagnostic.fix, view)
        return replace(diagnostic, span=self.span(diagnostic.span), fix=fix)

    def fix(self, fix: Fix, view: str | None = None) -> Fix | None:
        """``fix`` as source edits, or None when it cannot be made without editing markup."""
        edits: list[Edit] = []
        for edit in fix.edits:
            mapped = self.edit(edit, view)
            if mapped is None:
                return None
            edits.extend(mapped)
        if not edits:  # it only deleted line breaks that tags make: nothing to write
            return None
        return Fix(tuple(edits), fix.applicability, fix.message)

    def edit(self, edit: Edit, view: str | None = None) -> Sequence[Edit] | None:
        """The source edits that make ``edit``; None if it would split or change markup.

        Text is escaped for HTML. A deletion across markup deletes the text
        on either side and keeps the tags. A replacement across markup is
        made change by change (with the ``view`` text to compare), and
        refused if one change still spans a tag: nothing says on which side
        of the tag the new text belongs.
        """
        span, replacement = edit.span, edit.replacement
        if view is not None:
            span, replacement = _narrowed(view, span, replacement)
        if self.cuts(span.start, replacement) or self.cuts(span.end, replacement):
            return None
        source = self.span(span)
        markup = self.markup_within(source) if source.start < source.end else []
        if not markup:
            return (Edit(source, html.escape(replacement, quote=False)),)
        if not replacement:
            return self._deletion(span)
        if view is None:
            return None
        return self._change_by_change(view, span, replacement)

    def _deletion(self, span: Span) -> list[Edit]:
        """Delete the text that the view's ``span`` reads, keeping all markup and layout.

        An element left with no text (``<h3>Leave a Reply</h3>``) goes whole,
        tags and all, when it holds nothing but text and tags. Whitespace
        that the view does not read (between tags, at a block's edge) is the
        source's layout: it stays.
        """
        text = self._text_within(span)
        around = Span(
            self.source_end(span.start) if span.start else 0,
            self.source_start(span.end) if span.end < self.view_length else self.source_length,
        )
        emptied: list[Span] = []
        for element in self._elements.within(around):
            if emptied and emptied[-1].contains(element):
                continue
            deleted = sum(len(piece) for piece in text if element.contains(piece))
            if deleted and deleted == self._text_length(element):
                emptied.append(element)
        kept = [piece for piece in text if not any(e.contains(piece) for e in emptied)]
        return [Edit(piece, "") for piece in sorted([*emptied, *kept])]

    def _text_within(self, span: Span) -> list[Span]:
        """The source spans of the text (not the tags' line breaks) that ``span`` reads."""
        pieces: list[Span] = []
        if span.start >= span.end:
            return pieces
        k = self._segment(span.start)
        while k < len(self._view) and self._view[k] < span.end:
            if self._kinds[k] not in _MARKUP_KINDS:
                piece = self.span(Span(max(span.start, self._view[k]), min(span.end, self._end(k))))
                if pieces and pieces[-1].end == piece.start:
                    piece = Span(pieces.pop().start, piece.end)
                pieces.append(piece)
            k += 1
        return pieces

    def _text_length(self, source: Span) -> int:
        """How many code points of ``source`` are text the view reads."""
        total = 0
        k = max(bisect.bisect_right(self._source_starts, source.start) - 1, 0)
        while k < len(self._view) and self._source_starts[k] < source.end:
            if self._kinds[k] not in _MARKUP_KINDS:
                start = max(self._source_starts[k], source.start)
                total += max(min(self._source_ends[k], source.end) - start, 0)
            k += 1
        return total

    def _end(self, k: int) -> int:
        """Where segment ``k`` ends in the view."""
        return self._view[k + 1] if k + 1 < len(self._view) else self.view_length

    def _change_by_change(self, view: str, span: Span, replacement: str) -> list[Edit] | None:
        """``replacement`` over ``span`` as one edit per change, or None if one spans markup."""
        edits: list[Edit] = []
        old = view[span.start : span.end]
        matcher = difflib.SequenceMatcher(None, old, replacement, autojunk=False)
        for operation, i1, i2, j1, j2 in matcher.get_opcodes():
            if operation == "equal":
                continue
            part = Edit(Span(span.start + i1, span.start + i2), replacement[j1:j2])
            mapped = self.edit(part)
            if mapped is None:
                return None
            edits.extend(mapped)
        return edits


def _narrowed(view: str, span: Span, replacement: str) -> tuple[Span, str]:
    """``span`` and ``replacement`` without the text they share at either end."""
    old = view[span.start : span.end]
    if old == replacement:
        return span, replacement
    head = 0
    limit = min(len(old), len(replacement))
    while head < limit and old[head] == replacement[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == replacement[-1 - tail]:
        tail += 1
    narrowed = Span(span.start + head, span.end - tail)
    return narrowed, replacement[head : len(replacement) - tail]


class _Spans:
    """Source spans sorted by start, kept as two arrays."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._starts, self._ends = array("q"), array("q")
        for span in sorted(spans):
            self._starts.append(span.start)
            self._ends.append(span.end)

    def packed(self) -> bytes:
        return self._starts.tobytes() + self._ends.tobytes()

    @classmethod
    def unpacked(cls, data: bytes) -> _Spans:
        spans = cls()
        half = len(data) // 2
        spans._starts.frombytes(data[:half])
        spans._ends.frombytes(data[half:])
        return spans

    def within(self, span: Span) -> list[Span]:
        """The spans that lie wholly in ``span``, in order."""
        found = []
        i = bisect.bisect_left(self._starts, span.start)
        while i < len(self._starts) and self._starts[i] < span.end:
            if self._ends[i] <= span.end:
                found.append(Span(self._starts[i], self._ends[i]))
            i += 1
        return found


def _restored(
    view: bytes,
    starts: bytes,
    ends: bytes,
    kinds: bytes,
    markup: bytes,
    elements: bytes,
    view_length: int,
    source_length: int,
) -> OffsetMap:
    restored = OffsetMap((), (), view_length, source_length=source_length)
    restored._view.frombytes(view)
    restored._source_starts.frombytes(starts)
    restored._source_ends.frombytes(ends)
    restored._kinds = bytearray(kinds)
    restored._markup = _Spans.unpacked(markup)
    restored._elements = _Spans.unpacked(elements)
    return restored
