"""``github``: GitHub Actions workflow commands, one annotation a finding.

A step that runs ``lintnews check --output-format github`` needs no problem
matcher: the runner reads each ``::error``/``::warning``/``::notice`` line
from the log and pins it to the file, row and column of the pull request
diff. The line *is* the output, so nothing else is printed (no summary), and
every value is escaped exactly as ``@actions/core`` does it, because the
runner undoes precisely that escaping: a message with a newline or a file
name with a comma would otherwise cut a command in two or forge a property.

Rows and columns are 1-based code points, as in every other format;
``endLine``/``endColumn`` are the exclusive end of the span.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from lintnews.diagnostics import Diagnostic, Severity
from lintnews.output import Report
from lintnews.results import FileResult, Problem

#: Severity of a finding -> the workflow command that annotates it.
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, stream: TextIO) -> None:
    for line in commands(report):
        stream.write(line + "\n")


def commands(report: Report) -> Iterator[str]:
    """Findings by file and position, then the files that were not linted."""
    for file in report.files.with_diagnostics():  # in path order
        for diagnostic in sorted(file.diagnostics, key=_position):
            yield _annotation(report, file, diagnostic)
    for problem in sorted(report.result.problems, key=lambda p: (p.path, p.message)):
        yield _problem(problem)


def _annotation(report: Report, file: FileResult, diagnostic: Diagnostic) -> str:
    start = file.index.location(diagnostic.span.start)
    end = file.index.location(diagnostic.span.end)
    rule = report.rules.get(diagnostic.code)
    name = diagnostic.name or (rule.name if rule is not None else "")
    title = f"{diagnostic.code} {name}".rstrip()
    properties = {
        "file": file.path,
        "line": start.row,
        "col": start.column,
        "endLine": end.row,
        "endColumn": end.column,
        "title": title,
    }
    return _command(COMMANDS[diagnostic.severity], properties, diagnostic.message)


def _problem(problem: Problem) -> str:
    """An unreadable or missing path is an error; a skipped file is a notice."""
    if problem.level == "error":
        message = problem.message
        if not message.startswith("cannot read"):
            message = f"cannot read: {message}"
        return _command("error", {"file": problem.path}, message)
    return _command("notice", {"file": problem.path}, problem.message)


def _command(name: str, properties: dict[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def _position(diagnostic: Diagnostic) -> tuple[int, int, str]:
    return diagnostic.span.start, diagnostic.span.end, diagnostic.code


def escape_data(value: str) -> str:
    """``escapeData`` of ``@actions/core``: the message after ``::``."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """``escapeProperty`` of ``@actions/core``: also ``:`` and ``,``, which delimit."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")
