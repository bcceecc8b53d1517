"""Where the prose is in a Markdown article, and which rules its comments switch off.

Rules should only report into text a copy editor reads: a URL's slashes, a code
sample's spacing or a front matter key are not damaged prose and must not be
flagged. markdown-it-py tells which lines hold inline text (paragraphs,
headings, list items, table cells); inside those lines the inline markup that
is not prose (code spans, link targets, HTML) is masked with a regex, because
markdown-it's inline tokens carry no offsets.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token

from lintnews.diagnostics import Span
from lintnews.document import LINE_BREAK, Suppression, subtract

__all__ = ["markdown_regions"]

# markdown-it turns each line break of ``lintnews.document.LINE_BREAK`` into
# LF, so its line numbers index the lines that pattern finds.
_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Front matter opener -> the lines that may close it (YAML may end with "...").
_FRONT_MATTER = {"---": ("---", "..."), "+++": ("+++",)}

_ATTRIBUTE = r"""\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_TITLE = r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\))"""
_DESTINATION = r"(?:<(?:[^<>\n\\]|\\.)*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))+)"
# Scanned left to right, so that whatever starts first wins, as in CommonMark:
# an escaped bracket starts no link and a backtick run with no partner is
# consumed whole instead of pairing with part of a longer run.
_INLINE = regex.compile(
    rf"""
    (?P<escape>\\.)
    |(?P<code>(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`))
    |(?P<lone_ticks>`+)
    |(?P<comment><!--.*?-->)
    |(?P<autolink><[A-Za-z][A-Za-z0-9+.-]{{1,31}}:[^\s<>]*>|<[^\s@<>\\]+@[^\s@<>\\]+>)
    |(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:{_ATTRIBUTE})*\s*/?>
        |<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<![A-Za-z][^>]*>)
    |\](?P<target>\(\s*(?:{_DESTINATION}(?:\s+{_TITLE})?)?\s*\))
    |\](?P<reference>\[(?:[^\[\]\\]|\\.)*\])
    """,
    regex.VERBOSE | regex.DOTALL,
)
_MASKED = ("code", "comment", "autolink", "tag", "target", "reference")
_DIRECTIVE = regex.compile(
    r"<!--\s*lintnews-(?P<verb>disable-next-line|disable|enable)(?=[\s,]|-->)"
    r"(?P<codes>[^>]*?)\s*-->"
)


def markdown_regions(text: str) -> tuple[tuple[Span, ...], tuple[Suppression, ...]]:
    """Prose spans of a Markdown text (sorted, non-overlapping, non-empty) and the
    suppressions from disable comments.

    Only comments that Markdown itself treats as HTML comments count, so a
    directive quoted in a code sample does not switch rules off.
    """
    if not text:
        return (), ()
    lines = _Lines(text)
    tokens = _PARSER.parse(_parser_source(lines))
    prose: list[Span] = []
    comments = [lines.span(*token.map) for token in tokens if token.type == "html_block"]
    for block in _prose_blocks(tokens, lines):
        masks, inline_comments = _inline_masks(text, block)
        prose.extend(subtract(block, masks))
        comments.extend(inline_comments)
    return tuple(prose), _suppressions(_directives(text, comments), lines)


def comment_suppressions(text: str, comments: Iterable[Span]) -> tuple[Suppression, ...]:
    """The suppressions that the ``lintnews-disable`` comments at ``comments`` ask for.

    HTML articles take the same comments as Markdown (:mod:`lintnews.html`).
    """
    return _suppressions(_directives(text, comments), _Lines(text))


class _Lines:
    """Where each line of the original text starts and where its content ends.

    markdown-it reports line numbers; these turn them back into code point
    offsets of the original text, whatever its line breaks were.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.ends: list[int] = []
        for match in LINE_BREAK.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    def __len__(self) -> int:
        return len(self.starts)

    def content(self, row: int) -> str:
        return self.text[self.starts[row] : self.ends[row]]

    def span(self, first: int, stop: int) -> Span:
        """Lines ``first`` to ``stop`` (exclusive, 0-based), without the last break."""
        stop = min(max(stop, first + 1), len(self))
        return Span(self.starts[first], self.ends[stop - 1])

    def next_non_blank(self, offset: int) -> Span | None:
        """The first non-blank line after the one holding ``offset``."""
        row = bisect.bisect_right(self.starts, offset)
        while row < len(self) and not self.content(row).strip():
            row += 1
        return Span(self.starts[row], self.ends[row]) if row < len(self) else None


def _parser_source(lines: _Lines) -> str:
    """The text for markdown-it, with front matter blanked so line numbers still match.

    CommonMark knows no front matter: it would read a YAML block's closing
    ``---`` as a setext heading underline.
    """
    rows = [lines.content(row) for row in range(len(lines))]
    for row in range(_front_matter_rows(lines)):
        rows[row] = ""
    return "\n".join(rows)


def _front_matter_rows(lines: _Lines) -> int:
    """How many lines the front matter takes; 0 when there is none or it is unclosed."""
    closers = _FRONT_MATTER.get(lines.content(0).rstrip())
    if closers is None:
        return 0
    for row in range(1, len(lines)):
        if lines.content(row).rstrip() in closers:
            return row + 1
    return 0


def _prose_blocks(tokens: Iterable[Token], lines: _Lines) -> Iterator[Span]:
    """Spans of the line ranges that hold inline text, merged where they overlap.

    Table cells of one row share a line, so their ranges coincide; adjacent
    blocks stay apart so that a backtick in a heading cannot pair with one in
    the paragraph below.
    """
    ranges = sorted({tuple(t.map) for t in tokens if t.type == "inline" and t.map})
    merged: list[tuple[int, int]] = []
    for first, stop in ranges:
        if merged and first < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((first, stop))
    return (lines.span(first, stop) for first, stop in merged)


def _inline_masks(text: str, block: Span) -> tuple[list[Span], list[Span]]:
    """The non-prose inline spans of ``block``, and the HTML comments among them."""
    masks: list[Span] = []
    comments: list[Span] = []
    for match in _INLINE.finditer(text, block.start, block.end):
        kind = next((name for name in _MASKED if match.group(name) is not None), None)
        if kind is None:
            continue
        masks.append(Span(match.start(kind), match.end(kind)))
        if kind == "comment":
            comments.append(masks[-1])
    return masks, comments


@dataclass(frozen=True, slots=True)
class _Directive:
    """One ``lintnews-*`` comment: what it asks, where it is, which codes."""

    verb: str
    start: int
    end: int
    codes: frozenset[str]


def _directives(text: str, comments: Iterable[Span]) -> Iterator[_Directive]:
    for span in comments:
        for match in _DIRECTIVE.finditer(text, span.start, span.end):
            codes = regex.split(r"[\s,]+", match.group("codes").strip(" \t\r\n,"))
            yield _Directive(
                match.group("verb"), match.start(), match.end(), frozenset(filter(None, codes))
            )


def _suppressions(directives: Iterable[_Directive], lines: _Lines) -> tuple[Suppression, ...]:
    """Pair disables with enables; what is still open at the end runs to the end."""
    found: list[Suppression] = []
    still_open: list[tuple[int, frozenset[str]]] = []
    for directive in sorted(directives, key=lambda d: d.start):
        if directive.verb == "disable":
            still_open.append((directive.start, directive.codes))
        elif directive.verb == "enable":
            still_open = _close(still_open, directive, found)
        elif (line := lines.next_non_blank(directive.end)) is not None:
            found.append(Suppression(line, directive.codes))
    end = len(lines.text)
    found.extend(Suppression(Span(start, end), codes) for start, codes in still_open)
    return tuple(sorted(found, key=lambda s: (s.span.start, s.span.end)))


def _close(
    still_open: list[tuple[int, frozenset[str]]], enable: _Directive, found: list[Suppression]
) -> list[tuple[int, frozenset[str]]]:
    """Close what ``enable`` names; return the disables that stay open.

    A bare enable closes everything. An enable with codes closes only those
    codes (matched exactly) of disables that named them; a bare disable stays
    open, since "all rules but these" cannot be written as a suppression.
    """
    remaining: list[tuple[int, frozenset[str]]] = []
    for start, codes in still_open:
        closed = codes & enable.codes if enable.codes else codes
        if enable.codes and not closed:
            remaining.append((start, codes))
            continue
        found.append(Suppression(Span(start, enable.start), closed))
        if enable.codes and codes - enable.codes:
            remaining.append((start, codes - enable.codes))
    return remaining
