"""The flow of ``lintnews check``: lint, then report, fix, or show a diff.

Kept apart from the command-line definitions in :mod:`lintnews.cli` so that
the flow reads top to bottom: run the engine, fix when asked, write files
back, lint again what is left, and print it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from lintnews.corpora import (
    RECORD_KIND,
    CorpusError,
    CorpusFields,
    Record,
    is_corpus,
    record_path,
    split_record_path,
    text_digest,
    write_corpus,
)
from lintnews.diagnostics import Diagnostic
from lintnews.document import Document
from lintnews.engine import lint_document
from lintnews.fixer import FileFix, allowed, fix_run, fix_until_stable, write_fixes
from lintnews.output import NEEDS_TEXT, Report, render
from lintnews.results import STDIN, FileResult, Problem, RunOptions, RunResult
from lintnews.runner import Runner, read_stdin
from lintnews.selection import Selection

EXIT_CLEAN, EXIT_DIAGNOSTICS, EXIT_ERROR = 0, 1, 2
#: Formats read by programs: always written as UTF-8.
MACHINE = frozenset({"json", "json-lines", "sarif", "github", "junit"})


class UsageError(Exception):
    """Options that cannot go together, or a file named that does not exist."""


@dataclass(frozen=True)
class CheckRequest:
    """Everything ``lintnews check`` was asked to do."""

    paths: list[Path]
    selection: Selection = field(default_factory=Selection)
    output_format: str = "concise"
    output_file: Path | None = None
    statistics: bool = False
    quiet: bool = False
    stdin_filename: str | None = None
    config: Path | None = None
    isolated: bool = False
    force_exclude: bool = False
    follow_links: bool = False
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    show_fixes: bool = False
    baseline: Path | None = None
    add_baseline: Path | None = None
    jobs: int | None = None
    #: Lint the files on the Dask cluster with this scheduler address.
    scheduler: str | None = None
    cache: bool = True
    cache_dir: Path | None = None
    #: Print notes too: the rules not run on an article in another language.
    verbose: bool = False
    #: JSON-lines corpora: the fields of a record's text and id (None: its line number).
    text_field: str = "text"
    id_field: str | None = None
    #: With --fix on one corpus: where the cleaned corpus goes.
    output: Path | None = None

    @property
    def uses_stdin(self) -> bool:
        return [str(p) for p in self.paths] == [STDIN]


def run_check(request: CheckRequest) -> int:
    """Run the command; the exit code: 0 clean, 1 diagnostics, 2 errors."""
    _validate(request)
    fixing = request.fix or request.diff
    options = RunOptions(
        selection=request.selection,
        config_path=request.config,
        isolated=request.isolated,
        force_exclude=request.force_exclude,
        follow_links=request.follow_links,
        stdin_filename=request.stdin_filename,
        jobs=request.jobs,
        scheduler=request.scheduler,
        cache=request.cache and not request.uses_stdin,
        cache_dir=request.cache_dir,
        keep_text=fixing
        or request.baseline is not None
        or request.add_baseline is not None
        or (request.output_format in NEEDS_TEXT and not request.statistics),
    )
    fields = CorpusFields(request.text_field, request.id_field)
    runner = Runner(options, fields)
    stdin = read_stdin() if request.uses_stdin else None
    result = runner.run(request.paths, stdin=stdin)
    if request.add_baseline is not None:
        return _record_baseline(request, result)
    if request.baseline is not None:
        _hide_baselined(request, result)
    if not fixing:
        return _report(request, runner, result)
    if request.output is not None:
        return _fix_corpus(request, runner, result)
    fixes = _without_records(fix_run(runner, result, unsafe=request.unsafe_fixes), result)
    if request.diff:
        return _print_diff(request, result, fixes)
    if request.uses_stdin:
        return _fix_stdin(request, runner, result, list(fixes))
    fixes = write_fixes(fixes)
    remaining = Runner(options, fields).run(request.paths)
    remaining.problems[:0] = result.problems
    if request.baseline is not None:
        _hide_baselined(replace(request, quiet=True), remaining)
    return _report(request, runner, remaining, fixes)


def _validate(request: CheckRequest) -> None:
    if request.scheduler is not None:
        if request.uses_stdin:
            raise UsageError("--scheduler lints files, not standard input")
        try:
            import lintnews.dask  # noqa: F401
        except ImportError as error:
            raise UsageError(str(error)) from None
    if request.config is not None and not request.config.is_file():
        raise UsageError(f"configuration file not found: {request.config}")
    if STDIN in map(str, request.paths) and not request.uses_stdin:
        raise UsageError("'-' (standard input) cannot be combined with other paths")
    if request.diff and request.fix:
        raise UsageError("--diff shows what --fix would do; use one or the other")
    if request.statistics and (request.fix or request.diff):
        raise UsageError("--statistics cannot be combined with --fix or --diff")
    if request.statistics and request.output_format in ("sarif", "github", "junit"):
        raise UsageError(
            f"--statistics prints text or JSON; it cannot be combined with {request.output_format}"
        )
    if request.add_baseline is not None and (request.fix or request.diff or request.baseline):
        raise UsageError("--add-baseline records findings; it takes no --fix, --diff or --baseline")
    if request.baseline is not None and not request.baseline.is_file():
        raise UsageError(f"baseline file not found: {request.baseline}")
    _validate_corpus(request)


def _validate_corpus(request: CheckRequest) -> None:
    corpora = [path for path in request.paths if is_corpus(path)]
    if request.output is None:
        if request.fix and corpora:
            raise UsageError(
                f"--fix never rewrites a corpus in place: add --output PATH to write "
                f"a cleaned copy of {corpora[0]}"
            )
        if request.diff and corpora:
            raise UsageError("--diff does not show corpora; use --fix --output PATH")
        return
    if not request.fix:
        raise UsageError("--output writes a cleaned corpus: use it with --fix")
    if len(request.paths) != 1 or not corpora:
        raise UsageError(
            "--fix --output takes exactly one corpus (a .jsonl, .ndjson or .parquet file)"
        )
    if not corpora[0].is_file():
        raise UsageError(f"corpus not found: {corpora[0]}")
    if _same_file(corpora[0], request.output):
        raise UsageError("--output must name a new file, not the corpus itself")


def _same_file(source: Path, output: Path) -> bool:
    if os.path.realpath(source) == os.path.realpath(output):
        return True
    with contextlib.suppress(OSError):
        return os.path.samefile(source, output)
    return False


def _without_records(fixes: Iterable[FileFix], result: RunResult) -> Iterator[FileFix]:
    """The fixes of articles; a corpus found in a folder is fixed only with --output."""
    refused: set[str] = set()
    for fix in fixes:
        if fix.file.kind != RECORD_KIND:
            yield fix
            continue
        corpus = (split_record_path(fix.path) or (fix.path, ""))[0]
        if corpus not in refused:
            refused.add(corpus)
            message = "not fixed: a corpus is written only to a new file (--fix --output PATH)"
            result.problems.append(Problem(corpus, message))


def _fix_corpus(request: CheckRequest, runner: Runner, result: RunResult) -> int:
    """``--fix --output``: a cleaned copy of the corpus, then what is left in it."""
    source, output = request.paths[0], request.output
    fixes: list[FileFix] = []

    def fixed_text(record: Record) -> str | None:
        at = result.files.find(record_path(str(source), record.label))
        if at is None or not result.files.diagnostics_in(at):
            return None
        file = result.files[at]
        if file.digest != text_digest(record.text):
            raise CorpusError(f"{source} changed while lintnews ran; {output} not written")
        if not any(allowed(d, unsafe=request.unsafe_fixes) for d in file.diagnostics):
            return None
        fix = _fix_record(runner, str(source), file, record.text, unsafe=request.unsafe_fixes)
        fixes.append(fix.without_text())
        return fix.result.text

    try:
        write_corpus(source, output, runner.corpus_fields, fixed_text)
    except CorpusError as error:
        raise UsageError(str(error)) from None
    remaining = Runner(runner.options, runner.corpus_fields).run([output])
    return _report(request, runner, remaining, fixes)


def _fix_record(
    runner: Runner, corpus: str, file: FileResult, text: str, *, unsafe: bool
) -> FileFix:
    """One record's text fixed to a fixpoint, with the rules of its corpus."""
    rules, timeout_rule = runner.rules_for(corpus)

    def lint(candidate: str) -> list[Diagnostic]:
        return lint_document(Document(candidate, file.path, RECORD_KIND), rules, timeout_rule)

    result = fix_until_stable(text, lint, unsafe=unsafe, first=file.diagnostics)
    problem = None
    if result.unconverged:
        problem = (
            f"fixes of {', '.join(result.unconverged)} did not converge after "
            f"{result.passes} passes; kept the text of the last good pass"
        )
    return FileFix(replace(file, text=text), result, problem)


def _record_baseline(request: CheckRequest, result: RunResult) -> int:
    from lintnews.baseline import write_baseline

    count = write_baseline(request.add_baseline, result)
    if not request.quiet:
        noun = "finding" if count == 1 else "findings"
        print(f"Recorded {count} {noun} in {request.add_baseline}.", file=sys.stderr)
    _print_problems(request, result, [])
    return EXIT_ERROR if result.has_errors else EXIT_CLEAN


def _hide_baselined(request: CheckRequest, result: RunResult) -> None:
    from lintnews.baseline import apply_baseline

    hidden = apply_baseline(request.baseline, result)
    if hidden and not request.quiet:
        noun = "finding" if hidden == 1 else "findings"
        print(f"{hidden} {noun} hidden by the baseline {request.baseline}.", file=sys.stderr)


def _report(
    request: CheckRequest, runner: Runner, result: RunResult, fixes: list[FileFix] | None = None
) -> int:
    fixed = None if fixes is None else sum(len(f.result.applied) for f in fixes)
    report = Report(
        result,
        runner.known_rules(),
        summary=not request.quiet,
        unsafe_fixes=request.unsafe_fixes,
        fixed=fixed,
    )
    with _open_output(request.output_file, machine=request.output_format in MACHINE) as stream:
        if request.statistics:
            from lintnews.output import statistics

            as_json = request.output_format in ("json", "json-lines")
            statistics.render(report, stream, as_json=as_json)
        else:
            render(request.output_format, report, stream)
        if request.show_fixes and fixes:
            listing = _fixes_listing(fixes)
            (stream if request.output_format in ("concise", "full") else sys.stderr).write(listing)
    _print_problems(request, result, fixes or [])
    return _exit_code(result, fixes or [])


def _print_diff(request: CheckRequest, result: RunResult, fixes: Iterable[FileFix]) -> int:
    from lintnews.output.diff import unified_diff

    changed = 0
    shown = []
    with _open_output(request.output_file) as stream:
        for fix in fixes:  # one file's texts at a time
            if fix.result.changed:
                changed += len(fix.result.applied)
                name = _diff_name(fix.path, request.stdin_filename)
                stream.write(unified_diff(name, fix.original, fix.result.text, bom=fix.file.bom))
            shown.append(fix.without_text())
    fixes = shown
    if not request.quiet:
        noun = "issue" if changed == 1 else "issues"
        print(f"Would fix {changed} {noun}.", file=sys.stderr)
    _print_problems(request, result, fixes)
    if _exit_code(result, fixes) == EXIT_ERROR:
        return EXIT_ERROR
    return EXIT_DIAGNOSTICS if changed else EXIT_CLEAN


def _fix_stdin(
    request: CheckRequest, runner: Runner, result: RunResult, fixes: list[FileFix]
) -> int:
    """``--fix -``: the fixed text goes to stdout, what remains to stderr."""
    if not result.files:  # binary input: nothing was linted, pass it through untouched
        _print_problems(request, result, fixes)
        return _exit_code(result, fixes)
    file = result.files[0]
    text = fixes[0].result.text if fixes else (file.text or "")
    sys.stdout.buffer.write(file.bom + text.encode(file.encoding))
    sys.stdout.flush()
    remaining = Runner(runner.options).run([], stdin=file.bom + text.encode(file.encoding))
    with contextlib.redirect_stdout(sys.stderr):
        as_text = replace(request, output_file=None, output_format="concise", statistics=False)
        return _report(as_text, runner, remaining, fixes)


def _fixes_listing(fixes: list[FileFix]) -> str:
    """``--show-fixes``: per file, how many fixes of each rule were applied."""
    applied = [f for f in fixes if f.result.applied]
    total = sum(len(f.result.applied) for f in applied)
    if not total:
        return "No fixes applied.\n"
    lines = [f"Fixed {total} issue{'s' if total != 1 else ''}:"]
    for fix in sorted(applied, key=lambda f: f.path):
        lines.append(f"- {fix.path}:")
        counts: dict[tuple[str, str], int] = {}
        for diagnostic in fix.result.applied:
            key = (diagnostic.code, diagnostic.name)
            counts[key] = counts.get(key, 0) + 1
        for (code, name), count in sorted(counts.items()):
            lines.append(f"    {count} × {code} ({name})")
    return "\n".join(lines) + "\n"


def _print_problems(request: CheckRequest, result: RunResult, fixes: list[FileFix]) -> None:
    for problem in result.problems:
        if request.quiet and problem.level != "error":
            continue
        if problem.level == "info" and not request.verbose:
            continue
        print(f"{problem.level}: {problem.path}: {problem.message}", file=sys.stderr)
    for fix in fixes:
        if fix.problem:
            print(f"{fix.level}: {fix.path}: {fix.problem}", file=sys.stderr)
    if not request.uses_stdin and not result.files and not result.problems and not request.quiet:
        kinds = ".txt, .md, .html, .jsonl, .ndjson, .parquet"
        found = f"no articles ({kinds}) found under the given paths"
        print(f"warning: {found}", file=sys.stderr)


def _exit_code(result: RunResult, fixes: list[FileFix]) -> int:
    if result.has_errors or any(f.problem and f.level == "error" for f in fixes):
        return EXIT_ERROR
    return EXIT_DIAGNOSTICS if result.has_diagnostics else EXIT_CLEAN


def _diff_name(path: str, stdin_filename: str | None) -> str:
    """A path relative to the current folder, as ``git apply`` and ``patch -p1`` expect."""
    if path == STDIN:
        return stdin_filename or "stdin"
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


@contextlib.contextmanager
def _open_output(path: Path | None, *, machine: bool = False) -> Iterator[TextIO]:
    """The report's stream; machine-readable formats are UTF-8 whatever the locale.

    A file name that is not valid UTF-8 is written back as the bytes it was
    (``surrogateescape``), not a crash in the middle of the report.
    """
    if path is None:
        if hasattr(sys.stdout, "reconfigure"):
            if machine:
                sys.stdout.reconfigure(encoding="utf-8")
            sys.stdout.reconfigure(errors="surrogateescape")
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8", errors="surrogateescape")
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None
    with handle:
        yield handle
