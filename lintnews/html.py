"""HTML articles: the visible text is what rules read, every offset stays in the source.

An HTML document's ``text`` is the HTML source, so that every reported span,
line and column, and every fix edit, points at the real place in the file
(SARIF, editors and ``--fix`` need nothing else). Rules do not read it: they
read its :attr:`~HtmlDocument.view`, a plain-text document of what a reader
sees, and the engine carries their findings back to the source through an
:class:`~lintnews.offsets.OffsetMap`. The view is made as a browser shows
the page:

- **Markup** (tags with their attributes, comments, doctype, processing
  instructions) is left out. A block element's tag (``<p>``, ``<div>``,
  ``<li>``, ``<h1>``…, ``<td>``…) parts paragraphs with a blank line and
  ``<br>`` ends a line, so ``</p><p>`` does not glue words. An inline tag
  (``<b>``, ``<a>``, ``<em>``, ``<span>``) is nothing at all, so
  ``<b>Tokayev</b>’s`` reads “Tokayev’s”.
- **Character references** (``&amp;``, ``&rsquo;``, ``&nbsp;``,
  ``&#8217;``) read as what they stand for: ``AT&amp;T`` reads “AT&T”.
- **Hidden content** (``script``, ``style``, ``head``, ``template``,
  ``nav``, form controls…) and code (``pre``, ``code``, ``kbd``,
  ``samp``) are not prose. Inside a paragraph such an element, or an image,
  stands as one object replacement character (U+FFFC) outside the view's
  prose, as Markdown's inline code is masked: no finding may touch it.
- **Whitespace** that wraps a line of source inside a paragraph reads as one
  space, and whitespace at the start or end of a block is left out, since
  a browser shows neither. Spaces within a line are kept as written.

Fixes are written in the source and never break markup: replacement text is
escaped, a deletion across tags deletes the text around them and keeps the
tags, and a fix that would have to put new text on one side of a tag or
split a reference is dropped (the finding stays). ``lintnews-disable``
comments work as in Markdown.

The parser is the standard library's :class:`html.parser.HTMLParser`: it is
maintained with CPython, adds no dependency, is lenient with the broken
markup scraped pages have, and it is the only common Python HTML parser that
reports the source position of every tag, text run and reference
(``getpos``); lxml, selectolax and html5lib build a tree and lose exact
offsets. Character references are kept raw (``convert_charrefs=False``) so
that each one arrives with its position.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

import regex

from lintnews.diagnostics import Span
from lintnews.document import Document, subtract
from lintnews.offsets import ATOM, BREAK, OBJECT, TEXT, OffsetMap

__all__ = ["HtmlDocument", "html_document"]

# fmt: off
# Elements that start a new block of text: their tags part paragraphs.
BLOCK_ELEMENTS = frozenset(
    [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
        "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
        "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend", "li",
        "main", "menu", "nav", "ol", "option", "p", "pre", "section", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
    ]
)
# Elements whose content no reader sees as article prose, or that hold code.
HIDDEN_ELEMENTS = frozenset(
    [
        "button", "code", "datalist", "head", "iframe", "kbd", "math", "nav", "noscript",
        "object", "pre", "samp", "script", "select", "style", "svg", "template", "textarea",
        "title",
    ]
)
# Elements that have no end tag: they never open a hidden stretch.
VOID_ELEMENTS = frozenset(
    [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ]
)
# fmt: on

# Inline elements that show an object, not text: they stand as one character.
OBJECT_ELEMENTS = frozenset(["embed", "img", "input"])
OBJECT_CHARACTER = "\ufffc"
# Whitespace that wraps a source line: a browser shows one space, or none at a block's edge.
WRAPPED_SPACE = regex.compile(r"[ \t\f]*[\r\n][ \t\r\n\f]*")
# What the parser counts as a new line (getpos): "\n" alone.
_NEWLINE = regex.compile(r"\n")


@dataclass
class HtmlDocument(Document):
    """A document whose ``text`` is HTML source and whose :attr:`view` is its visible text."""

    visible: Document = field(default_factory=lambda: Document(""), repr=False)

    @property
    def view(self) -> Document:
        return self.visible


def html_document(text: str, path: str = "-", **extra: object) -> HtmlDocument:
    """An :class:`HtmlDocument` for the HTML source ``text``."""
    from lintnews.markdown import comment_suppressions

    scan = _Scanner(text)
    view_text = "".join(scan.pieces)
    prose = tuple(subtract(Span(0, len(view_text)), scan.objects)) or (Span(0, 0),)
    visible = Document(view_text, path, "text", prose)
    return HtmlDocument(
        text,
        path,
        "html",
        suppressions=comment_suppressions(text, scan.comments),
        offsets=OffsetMap(
            scan.segments,
            scan.markup,
            len(view_text),
            elements=scan.elements,
            source_length=len(text),
        ),
        visible=visible,
        **extra,  # type: ignore[arg-type]
    )


class _Scanner(HTMLParser):
    """Walks the source once, writing the view piece by piece with its map.

    Every event's source span runs from its position to the next event's,
    so the events cover the source exactly, whatever the parser skips.
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self._line_starts = [0] + [match.end() for match in _NEWLINE.finditer(text)]
        self.pieces: list[str] = []
        self.segments: list[tuple[int, int, int, int]] = []  # view start, source span, kind
        self.markup: list[Span] = []
        self.comments: list[Span] = []
        self.objects: list[Span] = []  # in the view: stand-ins for hidden inline elements
        #: Elements that hold only text and tags: a fix that empties one removes it.
        self.elements: list[Span] = []
        self._open: list[list] = []  # name, source start, holds only text and tags
        self._length = 0  # of the view so far
        self._wrapped = False  # the view ends with a space that stands for a wrapped line
        self._hidden: list[tuple[str, int]] = []  # open hidden elements: name, source start
        self._pending: tuple[str, int, str] | None = None  # kind, start, tag name
        self.feed(text)
        self.close()
        self._trim_wrapped()
        self._end_with_one_break()

    # -- writing the view ---------------------------------------------------

    def _write(self, chunk: str, source: Span, kind: int) -> None:
        if not chunk:
            return
        last = self.segments[-1] if self.segments else None
        if kind == TEXT and last and last[3] == TEXT and last[2] == source.start:
            self.segments[-1] = (last[0], last[1], source.end, TEXT)  # one run, one segment
        else:
            self.segments.append((self._length, source.start, source.end, kind))
        self.pieces.append(chunk)
        self._length += len(chunk)
        self._wrapped = False

    def _text(self, chunk: str, start: int) -> None:
        """Visible text: as written, but a wrapped line reads as one space."""
        position = 0
        for match in WRAPPED_SPACE.finditer(chunk):
            self._write(
                chunk[position : match.start()], Span(start + position, start + match.start()), TEXT
            )
            if self._length and not self._at_line_start():
                self._write(" ", Span(start + match.start(), start + match.end()), ATOM)
                self._wrapped = True
            position = match.end()
        self._write(chunk[position:], Span(start + position, start + len(chunk)), TEXT)

    def _break(self, tag: Span, lines: int) -> None:
        """End the line (``<br>``) or the paragraph (a block tag), unless already done."""
        self._trim_wrapped()
        if not self._length:
            return
        ending = 0
        for piece in reversed(self.pieces):
            ending += len(piece) - len(piece.rstrip("\n"))
            if piece.strip("\n"):
                break
        self._write("\n" * max(lines - ending, 0), tag, BREAK)

    def _object(self, source: Span) -> None:
        start = self._length
        self._write(OBJECT_CHARACTER, source, OBJECT)
        self._not_plain()
        self.objects.append(Span(start, self._length))

    def _trim_wrapped(self) -> None:
        """Drop a wrapped line's space at the end of a block: a browser shows none."""
        if self._wrapped:
            self.pieces.pop()
            self.segments.pop()
            self._length -= 1
            self._wrapped = False

    def _end_with_one_break(self) -> None:
        """End the view as a text file ends, with one line break, not a blank line."""
        last = None
        while self.segments and self.segments[-1][3] == BREAK:
            last = self.segments.pop()
            self._length -= len(self.pieces.pop())
        if last is not None:
            self._write("\n", Span(last[1], last[2]), BREAK)

    def _at_line_start(self) -> bool:
        return bool(self.pieces) and self.pieces[-1].endswith("\n")

    # -- parser events ------------------------------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _begin(self, kind: str, name: str = "") -> None:
        start = self._offset()
        self._flush(start)
        self._pending = (kind, start, name)

    def _flush(self, end: int) -> None:
        """Handle the pending event, which ends at ``end``."""
        if self._pending is None:
            return
        kind, start, name = self._pending
        self._pending = None
        span = Span(start, max(start, end))
        if self._hidden:
            self._in_hidden(kind, name, span)
        elif kind == "data":
            self._text(self.text[span.start : span.end], span.start)
        elif kind == "reference":
            self._reference(span)
        elif kind in ("start", "end", "void"):
            self._tag(kind, name, span)
        else:  # a comment, a declaration, a processing instruction
            self.markup.append(span)
            self._not_plain()
            if kind == "comment":
                self.comments.append(span)

    def _reference(self, span: Span) -> None:
        chunk = self.text[span.start : span.end]
        decoded = html.unescape(chunk)
        self._write(decoded, span, TEXT if decoded == chunk else ATOM)

    def _tag(self, kind: str, name: str, span: Span) -> None:
        if kind == "start" and name in HIDDEN_ELEMENTS and name not in VOID_ELEMENTS:
            self._hidden.append((name, span.start))
            self._not_plain()
            return
        self.markup.append(span)
        if kind == "start" and name not in VOID_ELEMENTS:
            self._open.append([name, span.start, True])
        elif kind == "end":
            self._close_element(name, span.end)
        if name in BLOCK_ELEMENTS:
            self._break(span, 1 if name == "br" else 2)
        elif name in OBJECT_ELEMENTS and kind != "end":
            self._object(span)

    def _close_element(self, name: str, end: int) -> None:
        """Note the element ``name`` ends at ``end``; those left open inside it end too."""
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth][0] == name:
                _, start, plain = self._open[depth]
                unclosed = len(self._open) - depth - 1  # tags that open something after it
                del self._open[depth:]
                if plain and not unclosed:
                    self.elements.append(Span(start, end))
                elif unclosed:
                    self._not_plain()  # what holds it holds the unclosed tags too
                return
        self._not_plain()  # a stray end tag: removing what holds it would move it

    def _not_plain(self) -> None:
        """The open elements hold more than text and tags: no fix removes them whole."""
        for element in self._open:
            element[2] = False

    def _in_hidden(self, kind: str, name: str, span: Span) -> None:
        """Inside a hidden element: count nesting, and at its end write it as one unit."""
        if kind == "start" and name == self._hidden[-1][0]:
            self._hidden.append((name, span.start))
        elif kind == "end" and name == self._hidden[-1][0]:
            outer, start = self._hidden.pop()
            if self._hidden:
                return
            element = Span(start, span.end)
            self.markup.append(element)
            if outer in BLOCK_ELEMENTS:
                self._break(element, 2)
            elif self._length and not self._at_line_start():
                self._object(element)  # mid-line: the words on either side stay apart

    def close(self) -> None:
        super().close()
        self._flush(len(self.text))
        if self._hidden:  # never closed: hidden to the end of the file
            start = self._hidden[0][1]
            self._hidden.clear()
            self.markup.append(Span(start, len(self.text)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._begin("start", tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._begin("void", tag)

    def handle_endtag(self, tag: str) -> None:
        self._begin("end", tag)

    def handle_data(self, data: str) -> None:
        self._begin("data")

    def handle_entityref(self, name: str) -> None:
        self._begin("reference")

    def handle_charref(self, name: str) -> None:
        self._begin("reference")

    def handle_comment(self, data: str) -> None:
        self._begin("comment")

    def handle_decl(self, decl: str) -> None:
        self._begin("declaration")

    def handle_pi(self, data: str) -> None:
        self._begin("declaration")

    def unknown_decl(self, data: str) -> None:
        self._begin("declaration")
