"""``junit``: JUnit XML, the report format CI dashboards (GitLab, Jenkins) read.

Each linted file is a ``<testsuite>`` and each finding a failed
``<testcase>``; a clean file gets one passing testcase so that dashboards
count it, and a path that could not be read is a testcase in error.

The tree is built with ``xml.etree.ElementTree``, which escapes ``<``, ``&``,
``>`` (so ``]]>`` is harmless) and quotes. What it does not do is refuse
characters XML 1.0 cannot carry at all, which scraped articles (and so the
messages that quote them) do contain: C0 controls, U+FFFE/U+FFFF and lone
surrogates from undecodable file names. Those become U+FFFD, so the report
always parses. A carriage return in text content is written as ``&#13;``,
because a parser turns a raw one into a line feed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from lintnews.diagnostics import Diagnostic
from lintnews.output import Report
from lintnews.results import FileResult, Problem

#: Everything outside XML 1.0's ``Char`` production.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
REPLACEMENT = "\ufffd"


def clean(value: object) -> str:
    """``value`` as text that XML 1.0 can carry."""
    return _NOT_XML.sub(REPLACEMENT, str(value))


def render(report: Report, stream: TextIO) -> None:
    root = ET.Element("testsuites", name="lintnews")
    suites = [_file_suite(report, file) for file in report.files]
    suites += [_problem_suite(problem) for problem in report.result.problems]
    for suite in sorted(suites, key=lambda s: s.get("name", "")):
        root.append(suite)
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(suite.get(key, "0")) for suite in suites)))
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode").replace("\r", "&#13;")
    stream.write(f'<?xml version="1.0" encoding="UTF-8"?>\n{xml}\n')


def _suite(name: str, tests: int, failures: int = 0, errors: int = 0) -> ET.Element:
    return ET.Element(
        "testsuite",
        name=clean(name),
        tests=str(tests),
        failures=str(failures),
        errors=str(errors),
    )


def _file_suite(report: Report, file: FileResult) -> ET.Element:
    diagnostics = sorted(file.diagnostics, key=lambda d: (d.span.start, d.span.end, d.code))
    suite = _suite(file.path, max(len(diagnostics), 1), len(diagnostics))
    if not diagnostics:
        ET.SubElement(suite, "testcase", name="lintnews", classname=clean(file.path))
    for diagnostic in diagnostics:
        suite.append(_failure(report, file, diagnostic))
    return suite


def _failure(report: Report, file: FileResult, diagnostic: Diagnostic) -> ET.Element:
    start = file.index.location(diagnostic.span.start)
    rule = report.rules.get(diagnostic.code)
    name = diagnostic.name or (rule.name if rule is not None else "")
    code = diagnostic.code
    case = ET.Element(
        "testcase",
        name=clean(f"{code} {name} at {start.row}:{start.column}"),
        classname=clean(file.path),
        file=clean(file.path),
        line=str(start.row),
    )
    failure = ET.SubElement(case, "failure", message=clean(diagnostic.message), type=code)
    failure.text = clean(f"{file.path}:{start.row}:{start.column}: {code} {diagnostic.message}")
    return case


def _problem_suite(problem: Problem) -> ET.Element:
    """A missing or unreadable path is an error; a skipped (binary) file is skipped."""
    if problem.level == "error":
        message = problem.message
        if not message.startswith("cannot read"):
            message = f"cannot read: {message}"
        suite = _suite(problem.path, 1, errors=1)
        kind = "error"
    else:
        message, kind = problem.message, "skipped"
        suite = _suite(problem.path, 1)
        suite.set("skipped", "1")
    case = ET.SubElement(suite, "testcase", name="lintnews", classname=clean(problem.path))
    element = ET.SubElement(case, kind, message=clean(message))
    element.text = clean(f"{problem.path}: {message}")
    return suite
