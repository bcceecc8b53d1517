"""``full``: each diagnostic with its source line and the span underlined.

News paragraphs are often one line of a thousand characters, so the line is
cut to a window around the span, with ``…`` where text was left out.
"""

from __future__ import annotations

import unicodedata
from typing import TextIO

from lintnews.diagnostics import Diagnostic
from lintnews.output import Report, one_line
from lintnews.output.summary import summary_line
from lintnews.results import FileResult

CONTEXT = 40  # characters of the line shown on each side of the span
MAX_MARKED = 60  # longest underline before the span itself is shortened


def render(report: Report, stream: TextIO) -> None:
    for file in report.files.with_diagnostics():
        for diagnostic in file.diagnostics:
            stream.write(render_one(report, file, diagnostic))
            stream.write("\n")
    stream.write(summary_line(report))


def render_one(report: Report, file: FileResult, diagnostic: Diagnostic) -> str:
    start = file.index.location(diagnostic.span.start)
    marker = report.marker(diagnostic)
    header = (
        f"{one_line(file.path)}:{start.row}:{start.column}: "
        f"{diagnostic.code}{marker} {one_line(diagnostic.message)}\n"
    )
    if file.text is None:
        return header
    line_span = file.index.line_span(start.row)
    line = file.text[line_span.start : line_span.end].rstrip("\r\n")
    first = diagnostic.span.start - line_span.start
    last = min(diagnostic.span.end - line_span.start, len(line))
    shown, mark_from, mark_to = _window(line, first, max(last, first))
    gutter = " " * len(str(start.row))
    pad = " " * _width(shown[:mark_from])
    carets = "^" * max(1, _width(shown[mark_from:mark_to]))
    lines = [
        header.rstrip("\n"),
        f"{gutter} |",
        f"{start.row} | {_printable(shown)}",
        f"{gutter} | {pad}{carets} {diagnostic.code}",
        f"{gutter} |",
    ]
    if diagnostic.fix is not None:
        lines.append(f"{gutter} = help: {one_line(diagnostic.fix.message)}")
    return "\n".join(lines) + "\n"


def _window(line: str, first: int, last: int) -> tuple[str, int, int]:
    """The part of ``line`` to show, and where the span lies in it."""
    last = min(last, first + MAX_MARKED)
    begin = max(0, first - CONTEXT)
    end = min(len(line), last + CONTEXT)
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(line) else ""
    shown = prefix + line[begin:end] + suffix
    offset = len(prefix) - begin
    return shown, first + offset, last + offset


def _width(text: str) -> int:
    """Terminal columns: wide East Asian characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def _printable(text: str) -> str:
    # A tab or control character would shift the underline; show it as a space.
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)
