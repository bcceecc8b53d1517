"""Applying fixes: non-overlapping edits, pass after pass, to a fixpoint.

Each pass lints the current text, keeps the fixes the user allowed (safe
ones, and unsafe ones with ``--unsafe-fixes``), drops every fix that
overlaps one starting earlier, applies the rest, and lints again. The loop
ends when no allowed fix is left, or after :data:`MAX_PASSES`. A fix that
would bring back a text already seen, or that is still firing when the
passes run out, does not converge: its rule is reported and the text stays
as it was after the last pass that made new progress.

A fix changes nothing outside its edits: every character outside the
applied spans is kept, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from lintnews.diagnostics import Diagnostic, Edit, Span
from lintnews.engine import lint_document
from lintnews.loader import document_from_text
from lintnews.results import STDIN, FileResult, RunResult
from lintnews.runner import Runner
from lintnews.writer import WriteError, encode, write_atomically

MAX_PASSES = 10


@dataclass
class FixResult:
    """The fixed text, the diagnostics whose fixes were applied, and what is left."""

    text: str
    applied: list[Diagnostic] = field(default_factory=list)
    remaining: list[Diagnostic] = field(default_factory=list)
    #: Codes of rules whose fixes did not converge (empty when all went well).
    unconverged: tuple[str, ...] = ()
    passes: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def allowed(diagnostic: Diagnostic, *, unsafe: bool) -> bool:
    """Whether the user's choice of safe or also unsafe fixes admits this fix."""
    return diagnostic.fix is not None and (unsafe or diagnostic.fix.is_safe)


def select_fixes(diagnostics: Iterable[Diagnostic], *, unsafe: bool) -> list[Diagnostic]:
    """The allowed fixes of one pass, none overlapping another; the earlier wins."""
    chosen: list[Diagnostic] = []
    taken: list[Span] = []
    candidates = [d for d in diagnostics if allowed(d, unsafe=unsafe)]
    for diagnostic in sorted(candidates, key=_fix_start):
        spans = [edit.span for edit in diagnostic.fix.edits]
        if any(_conflict(a, b) for a in spans for b in taken):
            continue
        chosen.append(diagnostic)
        taken.extend(spans)
    return chosen


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied; everything else kept in order."""
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        if edit.span.start < position:
            raise ValueError(f"overlapping edits at {edit.span.start}")
        pieces.append(text[position : edit.span.start])
        pieces.append(edit.replacement)
        position = edit.span.end
    pieces.append(text[position:])
    return "".join(pieces)


def fix_until_stable(
    text: str,
    lint: Callable[[str], Sequence[Diagnostic]],
    *,
    unsafe: bool = False,
    first: Sequence[Diagnostic] | None = None,
    max_passes: int = MAX_PASSES,
) -> FixResult:
    """Fix ``text`` pass after pass; ``lint`` gives the diagnostics of a text.

    ``first`` may hold the diagnostics of ``text`` already computed (with
    those of corpus rules, which only a whole run can produce).
    """
    seen = {text}
    applied: list[Diagnostic] = []
    diagnostics = list(first) if first is not None else list(lint(text))
    for number in range(1, max_passes + 1):
        chosen = select_fixes(diagnostics, unsafe=unsafe)
        if not chosen:
            return FixResult(text, applied, diagnostics, (), number - 1)
        fixed = apply_edits(text, [edit for d in chosen for edit in d.fix.edits])
        if fixed == text:  # fixes that change nothing: no progress, nothing to report
            return FixResult(text, applied, diagnostics, (), number - 1)
        if fixed in seen:
            return FixResult(text, applied, diagnostics, _codes(chosen), number)
        seen.add(fixed)
        text = fixed
        applied.extend(chosen)
        diagnostics = list(lint(text))
    still = select_fixes(diagnostics, unsafe=unsafe)
    return FixResult(text, applied, diagnostics, _codes(still), max_passes)


def _codes(diagnostics: Iterable[Diagnostic]) -> tuple[str, ...]:
    return tuple(sorted({d.code for d in diagnostics}))


def _fix_start(diagnostic: Diagnostic) -> tuple[int, int, str]:
    first = min(edit.span.start for edit in diagnostic.fix.edits)
    return (first, diagnostic.span.start, diagnostic.code)


def _conflict(a: Span, b: Span) -> bool:
    """Edits conflict when they overlap, or insert at the same point (order unknown)."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    return a.overlaps(b) or (a.start == b.start and (a.start == a.end or b.start == b.end))


# -- fixing the files of a run ---------------------------------------------------


@dataclass
class FileFix:
    """One file's fixes: the text before and after, and why it was not written."""

    file: FileResult
    result: FixResult
    problem: str | None = None
    #: "error" makes the exit code 2; "warning" (a fix refused for safety) does not.
    level: str = "error"

    @property
    def path(self) -> str:
        return self.file.path

    @property
    def original(self) -> str:
        return self.file.text or ""

    def without_text(self) -> FileFix:
        """This fix once written: what the report needs, not the two texts."""
        return FileFix(
            replace(self.file, text=None), replace(self.result, text=""), self.problem, self.level
        )


def fix_run(runner: Runner, run: RunResult, *, unsafe: bool) -> Iterator[FileFix]:
    """Fix each file of a finished run (linted with ``keep_text``), one at a time."""
    for file in run.files.with_diagnostics():
        if file.text is not None and any(allowed(d, unsafe=unsafe) for d in file.diagnostics):
            yield _fix_file(runner, file, unsafe=unsafe)


def _fix_file(runner: Runner, file: FileResult, *, unsafe: bool) -> FileFix:
    text = file.text or ""
    if file.lossy:
        problem = "not fixed: the file is not valid UTF-8 and would be written back changed"
        return FileFix(file, FixResult(text), problem, "warning")
    rules, timeout_rule = runner.rules_for(file.path)

    def lint(candidate: str) -> list[Diagnostic]:
        doc = document_from_text(candidate, file.path, file.kind)
        return lint_document(doc, rules, timeout_rule)

    result = fix_until_stable(text, lint, unsafe=unsafe, first=file.diagnostics)
    if not result.unconverged:
        return FileFix(file, result)
    problem = (
        f"fixes of {', '.join(result.unconverged)} did not converge after "
        f"{result.passes} passes; kept the text of the last good pass"
    )
    return FileFix(file, result, problem)


def write_fixes(fixes: Iterable[FileFix]) -> list[FileFix]:
    """Write each changed file back atomically as it comes; a failure becomes its ``problem``.

    Returns the fixes without their texts, so that fixing an archive holds
    one article's text at a time.
    """
    written = []
    for fix in fixes:
        if fix.result.changed and fix.path != STDIN:
            _write(fix)
        written.append(fix.without_text())
    return written


def _write(fix: FileFix) -> None:
    file = fix.file
    data = encode(fix.result.text, file.encoding, file.bom)
    try:
        write_atomically(Path(file.path), data, expected_digest=file.digest)
    except WriteError as error:
        fix.problem = f"not fixed: {error}"
        fix.result = FixResult(fix.original)
