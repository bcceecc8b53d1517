"""The closing lines of the human-readable formats, as ruff words them."""

from __future__ import annotations

from lintnews.output import Report


def summary_line(report: Report) -> str:
    """What was found (or fixed), and how many more ``--fix`` could mend."""
    if not report.summary:
        return ""
    diagnostics = [d for f in report.files for d in f.diagnostics]
    hidden = sum(1 for d in diagnostics if d.fix is not None and not report.applicable(d))
    if report.fixed is not None:
        return _fixed_line(report.fixed, len(diagnostics), hidden)
    if not diagnostics:
        return "All checks passed!\n" if report.files else ""
    files = sum(1 for f in report.files if f.diagnostics)
    line = f"Found {_count(len(diagnostics), 'diagnostic')} in {_count(files, 'file')}.\n"
    fixable = sum(1 for d in diagnostics if report.applicable(d))
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
