"""The closing line of the human-readable formats."""

from __future__ import annotations

from lintnews.output import Report


def summary_line(report: Report) -> str:
    """``Found 12 diagnostics in 3 files (7 with a fix).``, or nothing when clean."""
    if not report.summary:
        return ""
    diagnostics = [d for f in report.files for d in f.diagnostics]
    if not diagnostics:
        return "All checks passed!\n" if report.files else ""
    files = sum(1 for f in report.files if f.diagnostics)
    fixable = sum(1 for d in diagnostics if d.fix is not None)
    noun = "diagnostic" if len(diagnostics) == 1 else "diagnostics"
    where = "1 file" if files == 1 else f"{files} files"
    line = f"Found {len(diagnostics)} {noun} in {where}"
    if fixable:
        line += f" ({fixable} with a fix)"
    return line + ".\n"
