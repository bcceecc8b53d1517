"""``sarif``: a SARIF 2.1.0 log, for code-scanning dashboards and editors.

One run, with every rule that produced a result described in
``tool.driver.rules``. Regions give 1-based lines and columns (end
exclusive) and a 0-based ``charOffset``/``charLength``, all counted in code
points (``columnKind: unicodeCodePoints``), the units of every other format.
Paths are URIs relative to ``%SRCROOT%``, the current folder, so that a log
made in a checkout matches the files of another checkout. Each result
carries a ``partialFingerprints`` entry that survives lines added above it,
so that a dashboard can tell a new finding from one that moved.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePath
from typing import Any, TextIO
from urllib.parse import quote

import lintnews
from lintnews.diagnostics import Diagnostic, Fix, Span
from lintnews.document import LineIndex
from lintnews.fingerprint import fingerprints
from lintnews.jsontext import indented, write_indented_list
from lintnews.output import Report
from lintnews.results import STDIN, FileResult, Problem
from lintnews.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/lintnews/lintnews"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "lintnewsFingerprint/v1"
#: lintnews severities and problem levels as SARIF levels.
LEVELS = {"error": "error", "warning": "warning", "info": "note", "note": "note"}

JSON = dict[str, Any]


#: Stand-ins for the two long lists of the log while the rest is written.
_ARTIFACTS, _RESULTS = "lintnews:artifacts", "lintnews:results"


def render(report: Report, stream: TextIO) -> None:
    """The log, its artifacts and results written one by one: the text of
    :func:`sarif_log`, without holding a run's results all at once."""
    root = Path.cwd()
    codes = _codes(report)
    text = indented(_log(report, root, codes, _ARTIFACTS, _RESULTS))
    # Nothing but fixed keys follows the stand-ins, so their last occurrence
    # is theirs even if a rule's description or a path holds the same words.
    head, _, tail = text.rpartition(f'"{_RESULTS}"')
    head, _, middle = head.rpartition(f'"{_ARTIFACTS}"')
    stream.write(head)
    write_indented_list((_artifact(file, root) for file in report.files), stream, depth=3)
    stream.write(middle)
    write_indented_list(_all_results(report, codes, root), stream, depth=3)
    stream.write(tail + "\n")


def sarif_log(report: Report, root: Path) -> JSON:
    """The whole log; ``root`` is the folder relative URIs are resolved against."""
    codes = _codes(report)
    artifacts = [_artifact(file, root) for file in report.files]
    return _log(report, root, codes, artifacts, list(_all_results(report, codes, root)))


def _log(report: Report, root: Path, codes: list[str], artifacts: Any, results: Any) -> JSON:
    run = {
        "tool": {"driver": _driver(report, codes)},
        "invocations": [_invocation(report.result.problems, root)],
        "originalUriBaseIds": {SRCROOT: {"uri": _directory_uri(root)}},
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _codes(report: Report) -> list[str]:
    """The rules that produced a result, in the order of ``tool.driver.rules``."""
    return sorted({d.code for file in report.files.with_diagnostics() for d in file.diagnostics})


def _all_results(report: Report, codes: list[str], root: Path) -> Iterator[JSON]:
    rule_index = {code: i for i, code in enumerate(codes)}
    for file in report.files.with_diagnostics():
        yield from _results(file, rule_index, root)


# -- the tool and its rules -------------------------------------------------


def _driver(report: Report, codes: list[str]) -> JSON:
    return {
        "name": "lintnews",
        "version": lintnews.__version__,
        "semanticVersion": lintnews.__version__,
        "informationUri": INFORMATION_URI,
        "rules": [_descriptor(report, code) for code in codes],
    }


def _descriptor(report: Report, code: str) -> JSON:
    """A rule's documentation, so that a viewer can explain a result offline."""
    rule = report.rules.get(code)
    if rule is None:  # not expected: every diagnostic comes from a known rule
        return {"id": code}
    descriptor: JSON = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": first_paragraph(rule.explanation) or rule.summary},
        "help": {"text": rule.explanation, "markdown": rule.explanation},
        "defaultConfiguration": {"level": LEVELS[str(rule.severity)]},
        "properties": {"tags": _tags(rule)},
    }
    url = report.url(code)
    if url is not None:
        descriptor["helpUri"] = url
    return descriptor


def _tags(rule: Rule) -> list[str]:
    """The family code and a word for it, so that dashboards can filter by family.

    The word is the module of a built-in rule (``punctuation``) or the file
    name of the pack that declares it (``boilerplate``), so a new family or a
    user's pack needs no entry in a table here.
    """
    if rule.origin == "builtin":
        word = type(rule).__module__.rpartition(".")[2]
    else:
        word = PurePath(rule.origin).stem or rule.origin
    return [rule.family] if word in ("", rule.family) else [rule.family, word]


_HEADING = re.compile(r"^\s{0,3}#")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"`|\*\*|__")


def first_paragraph(markdown: str) -> str:
    """The first paragraph of prose in ``markdown``, headings and markup dropped.

    ``fullDescription`` is shown as plain text, where backticks and link
    syntax would be noise; the whole Markdown goes into ``help.markdown``.
    """
    for block in re.split(r"\n\s*\n", markdown):
        lines = [line.strip() for line in block.splitlines() if not _HEADING.match(line)]
        text = " ".join(line for line in lines if line)
        if text:
            return _MARKUP.sub("", _LINK.sub(r"\1", text))
    return ""


# -- results ---------------------------------------------------------------


def _results(file: FileResult, rule_index: Mapping[str, int], root: Path) -> Iterator[JSON]:
    location = artifact_location(file.path, root)
    prints: list[str | None] = [None] * len(file.diagnostics)
    if file.text is not None:  # the text is kept for sarif; be safe if it is not
        prints = list(fingerprints(file.text, file.index, file.diagnostics))
    for diagnostic, fingerprint in zip(file.diagnostics, prints, strict=True):
        result = _result(file, diagnostic, location, rule_index[diagnostic.code])
        if fingerprint is not None:
            result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
        if diagnostic.fix is not None:
            result["fixes"] = [_fix(file.index, diagnostic.fix, location)]
        yield result


def _result(file: FileResult, diagnostic: Diagnostic, location: JSON, rule_index: int) -> JSON:
    region = _region(file.index, diagnostic.span, file.text)
    return {
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": LEVELS[str(diagnostic.severity)],
        "message": {"text": diagnostic.message},
        "locations": [{"physicalLocation": {"artifactLocation": location, "region": region}}],
    }


def _region(index: LineIndex, span: Span, text: str | None = None) -> JSON:
    """Lines and columns and the code point offset, which viewers may use either of."""
    start, end = index.location(span.start), index.location(span.end)
    region: JSON = {
        "startLine": start.row,
        "startColumn": start.column,
        "endLine": end.row,
        "endColumn": end.column,
        "charOffset": span.start,
        "charLength": len(span),
    }
    if text is not None:
        region["snippet"] = {"text": text[span.start : span.end]}
    return region


def _fix(index: LineIndex, fix: Fix, location: JSON) -> JSON:
    replacements = [
        {"deletedRegion": _region(index, edit.span), "insertedContent": {"text": edit.replacement}}
        for edit in fix.edits
    ]
    return {
        "description": {"text": fix.message},
        "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
        "properties": {"applicability": str(fix.applicability)},
    }


# -- the invocation, artifacts and URIs ----------------------------------


def _invocation(problems: list[Problem], root: Path) -> JSON:
    """Files that could not be linted, as notifications: they are not findings."""
    ordered = sorted(set(problems), key=lambda p: (p.path, p.level, p.message))
    return {
        "executionSuccessful": not any(p.level == "error" for p in problems),
        "toolExecutionNotifications": [
            {
                "level": LEVELS.get(p.level, "warning"),
                "message": {"text": f"{p.path}: {p.message}"},
                "locations": [
                    {"physicalLocation": {"artifactLocation": artifact_location(p.path, root)}}
                ],
            }
            for p in ordered
        ],
    }


def _artifact(file: FileResult, root: Path) -> JSON:
    return {
        "location": artifact_location(file.path, root),
        "roles": ["analysisTarget"],
        "mimeType": "text/markdown" if file.kind == "markdown" else "text/plain",
        "encoding": file.encoding,
    }


def artifact_location(path: str, root: Path) -> JSON:
    """A URI relative to ``%SRCROOT%``, or an absolute ``file:`` URI outside it.

    Standard input without a name keeps ``-``, with no base: it is no file.
    """
    if path == STDIN:
        return {"uri": STDIN}
    absolute = os.path.abspath(path)  # no symlink resolution: keep the user's names
    try:
        relative = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        relative = os.pardir
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return {"uri": Path(absolute).as_uri()}
    # Quoting the bytes gives an undecodable name its own %XX escapes.
    uri = quote(os.fsencode(PurePath(relative).as_posix()), safe="/")
    return {"uri": uri, "uriBaseId": SRCROOT}


def _directory_uri(root: Path) -> str:
    uri = Path(os.path.abspath(root)).as_uri()
    return uri if uri.endswith("/") else uri + "/"
