"""``--statistics``: how often each rule fired, most frequent first."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from lintnews.jsontext import indented
from lintnews.output import Report


def render(report: Report, stream: TextIO, *, as_json: bool = False) -> None:
    counts: Counter[str] = Counter()
    fixable: Counter[str] = Counter()
    for file in report.files.with_diagnostics():
        counts.update(d.code for d in file.diagnostics)
        fixable.update(d.code for d in file.diagnostics if d.fix)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        entries = [
            {
                "code": code,
                "name": _name(report, code),
                "count": count,
                "fixable": fixable[code] > 0,
            }
            for code, count in rows
        ]
        stream.write(indented(entries) + "\n")
        return
    width = len(str(rows[0][1])) if rows else 1
    for code, count in rows:
        marker = "[*]" if fixable[code] else "[ ]"
        stream.write(f"{count:>{width}}\t{code}\t{marker} {_name(report, code)}\n")


def _name(report: Report, code: str) -> str:
    rule = report.rules.get(code)
    return rule.name if rule else ""
