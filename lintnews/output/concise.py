"""``concise``: one line a diagnostic, ``path:row:col: CODE [*] message``."""

from __future__ import annotations

from typing import TextIO

from lintnews.output import Report, one_line
from lintnews.output.summary import summary_line


def render(report: Report, stream: TextIO) -> None:
    for file in report.files.with_diagnostics():
        for diagnostic in file.diagnostics:
            start = file.index.location(diagnostic.span.start)
            marker = report.marker(diagnostic)
            stream.write(
                f"{one_line(file.path)}:{start.row}:{start.column}: "
                f"{diagnostic.code}{marker} {one_line(diagnostic.message)}\n"
            )
    stream.write(summary_line(report))
