"""The closing lines of the human-readable formats, as ruff words them."""

from __future__ import annotations

from lintnews.output import Report


def summary_line(report: Report) -> str:
    """What was found (or fixed), and how many more ``--fix`` could mend."""
    if not report.summary:
        return ""
    total = files = fixable = hidden = 0
    for file in report.files.with_diagnostics():
        files += 1
        total += len(file.diagnostics)
        for diagnostic in file.diagnostics:
            if report.applicable(diagnostic):
                fixable += 1
            elif diagnostic.fix is not None:
                hidden += 1
    if report.fixed is not None:
        return _fixed_line(report.fixed, total, hidden)
    if not total:
        return "All checks passed!\n" if report.files else ""
    line = f"Found {_count(total, 'diagnostic')} in {_count(files, 'file')}.\n"
    if fixable:
        line += f"[*] {fixable} fixable with the --fix option"
        if hidden:
            line += f" ({hidden} more with --unsafe-fixes)"
        line += ".\n"
    elif hidden:
        line += f"No fixes available ({hidden} with --unsafe-fixes).\n"
    return line


def _fixed_line(fixed: int, remaining: int, hidden: int) -> str:
    """``Fixed 12 issues (3 remaining, 5 fixable with --unsafe-fixes).``"""
    details = [f"{remaining} remaining"]
    if hidden:
        details.append(f"{hidden} fixable with --unsafe-fixes")
    return f"Fixed {_count(fixed, 'issue')} ({', '.join(details)}).\n"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
