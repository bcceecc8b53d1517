"""Where the visible prose is in an HTML article, with every offset kept in the source.

An HTML document's ``text`` is the HTML source, so that every span, line,
column and fix edit points at the real place in the file (SARIF, editors and
``--fix`` need nothing else). Its ``masked_text`` has the same length and
holds the visible text where the source has it:

- **Markup** (tags with their attributes, comments, doctype, processing
  instructions) is blanked. A block element's tag (``<p>``, ``<div>``,
  ``<br>``, ``<li>``, ``<h1>``…, ``<tr>``, ``<td>``…) becomes line breaks, so
  ``</p><p>`` parts two paragraphs as a blank line does in text. An inline
  tag (``<b>``, ``<a>``, ``<em>``, ``<span>``) becomes spaces.
- **Hidden content** (``script``, ``style``, ``head``, ``template``,
  ``nav``, form controls…) is blanked whole, and so is ``pre``, ``code``,
  ``kbd`` and ``samp``, as Markdown code is.
- **Character references** (``&amp;``, ``&rsquo;``, ``&nbsp;``,
  ``&#8217;``) read as their character: the decoded character sits at the
  reference's first offset (``&``) when a letter or digit follows it, else
  at its last (``;``), and the rest of the reference is filled with
  spaces. Positions stay in the source.

Rules only see ``masked_text`` gaps where markup was, so the model has one
known limit, stated here so that nobody relies on it: a reference or an
inline tag *inside* a word (``Kazakhstan&rsquo;s``, ``<b>Tokayev</b>’s``)
parts the word in two, as ``masked_text`` keeps offsets and has no character
that every rule reads as nothing (the invisible characters are themselves
what WS rules flag). A reference between words or beside punctuation reads
exactly as its character.

Markup is never edited: a diagnostic is reported only when its span lies in
one block of visible text, crosses no tag and neither starts nor ends inside
a character reference (:meth:`HtmlDocument.in_prose`, which the engine asks
of every diagnostic). A finding whose span would take a tag along is dropped
with its fix.

The parser is the standard library's :class:`html.parser.HTMLParser`: it is
maintained with CPython, adds no dependency, is lenient with the broken
markup scraped pages have, and it is the only common Python HTML parser that
reports the source position of every tag, text run and reference
(``getpos``); lxml, selectolax and html5lib build a tree and lose exact
offsets. Character references are kept raw (``convert_charrefs=False``) so
that each one arrives with its position.
"""

from __future__ import annotations

import bisect
import html
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser

from lintnews.diagnostics import Span
from lintnews.document import Document

__all__ = ["HtmlDocument", "html_document"]

# Elements that start a new block of text: their tags part paragraphs.
BLOCK_ELEMENTS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
# Elements whose content no reader sees as article prose, or that hold code.
HIDDEN_ELEMENTS = frozenset(
    [
        "button",
        "code",
        "datalist",
        "head",
        "iframe",
        "kbd",
        "math",
        "nav",
        "noscript",
        "object",
        "pre",
        "samp",
        "script",
        "select",
        "style",
        "svg",
        "template",
        "textarea",
        "title",
    ]
)
# Elements that have no end tag: they never open a hidden stretch.
VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)


@dataclass
class HtmlDocument(Document):
    """A document whose ``text`` is HTML source and whose ``masked_text`` is its visible text."""

    visible: str = ""
    #: Sorted spans of tags, comments and declarations in the source.
    tags: tuple[Span, ...] = ()
    #: Sorted spans of character references in the source.
    references: tuple[Span, ...] = ()
    _blocks: tuple[Span, ...] = field(default=(), repr=False)

    @cached_property
    def masked_text(self) -> str:
        return self.visible

    @cached_property
    def paragraphs(self) -> tuple[Span, ...]:
        """Each block of visible text, trimmed of the whitespace around it."""
        return self._blocks

    def in_prose(self, span: Span) -> bool:
        """True when ``span`` lies in one block of text and leaves all markup whole."""
        i = bisect.bisect_right(self._blocks, span.start, key=_start) - 1
        if i < 0 or not self._blocks[i].contains(span):
            return False
        if _overlaps(self.tags, span):
            return False
        return not (_cuts(self.references, span.start) or _cuts(self.references, span.end))


def _start(span: Span) -> int:
    return span.start


def _overlaps(spans: tuple[Span, ...], span: Span) -> bool:
    i = bisect.bisect_right(spans, span.start, key=_start) - 1
    i = max(i, 0)
    while i < len(spans) and spans[i].start < max(span.end, span.start + 1):
        if spans[i].end > span.start:
            return True
        i += 1
    return False


def _cuts(spans: tuple[Span, ...], offset: int) -> bool:
    """Whether ``offset`` falls strictly inside one of ``spans``."""
    i = bisect.bisect_right(spans, offset, key=_start) - 1
    return i >= 0 and spans[i].start < offset < spans[i].end


def html_document(text: str, path: str = "-", **extra: object) -> HtmlDocument:
    """An :class:`HtmlDocument` for the HTML source ``text``."""
    scan = _Scanner(text)
    visible = "".join(scan.masked)
    blocks = tuple(_blocks(visible))
    prose = blocks or (Span(0, 0),)
    return HtmlDocument(
        text,
        path,
        "html",
        prose,
        visible=visible,
        tags=tuple(scan.tags),
        references=tuple(scan.references),
        _blocks=blocks,
        **extra,  # type: ignore[arg-type]
    )


def _blocks(visible: str) -> list[Span]:
    """Spans of the runs of non-blank lines of the visible text, trimmed."""
    found: list[Span] = []
    position = 0
    for line in visible.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = position + len(line) - len(line.lstrip())
            found.append(Span(start, start + len(stripped)))
        position += len(line)
    return found


def _blank(chunk: str, block: bool = False) -> str:
    """``chunk`` made invisible: line breaks kept, the rest spaces (or all breaks)."""
    if block:
        return "\n" * len(chunk)
    return "".join(c if c in "\r\n" else " " for c in chunk)


class _Scanner(HTMLParser):
    """Walks the source once, building the masked text piece by piece.

    Every event's source span runs from its position to the next event's,
    so the pieces cover the source exactly, whatever the parser skips.
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self._line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.masked: list[str] = []
        self.tags: list[Span] = []
        self.references: list[Span] = []
        self._hidden: dict[str, int] = {}
        self._pending: tuple[str, int, str] | None = None  # kind, start, tag name
        self._covered = 0  # how much of the source the masked pieces cover
        self.feed(text)
        self.close()
        self._flush(len(text))

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _begin(self, kind: str, name: str = "") -> None:
        start = self._offset()
        self._flush(start)
        self._pending = (kind, start, name)

    def _flush(self, end: int) -> None:
        """Write the masked form of the pending event, which ends at ``end``."""
        covered = self._covered
        self._covered = max(end, covered)
        if self._pending is None:
            self.masked.append(_blank(self.text[covered:end]))
            return
        kind, start, name = self._pending
        self._pending = None
        if start > covered:  # source the parser reported nothing for
            self.masked.append(_blank(self.text[covered:start]))
        chunk = self.text[start:end]
        if kind == "data":
            self.masked.append(_blank(chunk) if self._hidden_now() else chunk)
        elif kind == "reference":
            self.masked.append(self._reference(chunk, Span(start, end)))
        else:
            self.tags.append(Span(start, end))
            self.masked.append(_blank(chunk, block=name in BLOCK_ELEMENTS))

    def _reference(self, chunk: str, span: Span) -> str:
        decoded = html.unescape(chunk)
        if self._hidden_now() or decoded == chunk:
            return _blank(chunk) if self._hidden_now() else chunk
        self.references.append(span)
        # One character stands for the reference (a reference to several,
        # such as &NotEqualTilde;, keeps the first). It sits at the end that
        # touches the text it belongs to, as rules read a mark's neighbours in
        # the source: "&lsquo;bandits" and "Kazakhstan&rsquo;s" at the "&",
        # "terrorists&rsquo; behind" at the ";".
        padding = " " * (len(chunk) - 1)
        following = self.text[span.end : span.end + 1]
        if following.isalnum():
            return decoded[0] + padding
        return padding + decoded[0]

    def _hidden_now(self) -> bool:
        return any(self._hidden.values())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._begin("tag", tag)
        if tag in HIDDEN_ELEMENTS and tag not in VOID_ELEMENTS:
            self._hidden[tag] = self._hidden.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._begin("tag", tag)

    def handle_endtag(self, tag: str) -> None:
        self._begin("tag", tag)
        if self._hidden.get(tag):
            self._hidden[tag] -= 1

    def handle_data(self, data: str) -> None:
        self._begin("data")

    def handle_entityref(self, name: str) -> None:
        self._begin("reference")

    def handle_charref(self, name: str) -> None:
        self._begin("reference")

    def handle_comment(self, data: str) -> None:
        self._begin("tag")

    def handle_decl(self, decl: str) -> None:
        self._begin("tag")

    def handle_pi(self, data: str) -> None:
        self._begin("tag")

    def unknown_decl(self, data: str) -> None:
        self._begin("tag")
