"""``json``: a ruff-compatible JSON list of diagnostics.

Each object has ``code``, ``message``, ``severity``, ``filename``,
``location`` and ``end_location`` (1-based ``row`` and ``column`` in code
points, end exclusive), ``fix`` (null, or ``applicability``, ``message`` and
``edits``), ``url``, and the 0-based code point ``offset``/``end_offset``.
A record of a JSON-lines corpus adds ``record``, its id: its ``filename``
is ``corpus.jsonl[ID]`` and the offsets are those of its text field.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from lintnews.corpora import RECORD_KIND, split_record_path
from lintnews.diagnostics import Diagnostic, Fix, Span
from lintnews.document import LineIndex
from lintnews.jsontext import write_indented_list
from lintnews.output import Report
from lintnews.results import FileResult


def render(report: Report, stream: TextIO) -> None:
    write_indented_list(records(report), stream)
    stream.write("\n")


def records(report: Report) -> Iterator[dict[str, Any]]:
    for file in report.files.with_diagnostics():
        for diagnostic in file.diagnostics:
            yield record(report, file, diagnostic)


def record(report: Report, file: FileResult, diagnostic: Diagnostic) -> dict[str, Any]:
    span = diagnostic.span
    return {
        "code": diagnostic.code,
        "name": diagnostic.name,
        "message": diagnostic.message,
        "severity": str(diagnostic.severity),
        "filename": file.path,
        **_locations(file.index, span),
        "fix": _fix(file.index, diagnostic.fix),
        "url": report.url(diagnostic.code),
        "offset": span.start,
        "end_offset": span.end,
        **_record(file),
    }


def _record(file: FileResult) -> dict[str, str]:
    """A corpus record's id (``filename`` is then ``corpus.jsonl[ID]``); nothing for a file."""
    if file.kind != RECORD_KIND:
        return {}
    named = split_record_path(file.path)
    return {"record": named[1]} if named else {}


def _locations(index: LineIndex, span: Span) -> dict[str, dict[str, int]]:
    start, end = index.location(span.start), index.location(span.end)
    return {
        "location": {"row": start.row, "column": start.column},
        "end_location": {"row": end.row, "column": end.column},
    }


def _fix(index: LineIndex, fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "applicability": str(fix.applicability),
        "message": fix.message,
        "edits": [
            {"content": edit.replacement, **_locations(index, edit.span)} for edit in fix.edits
        ],
    }
