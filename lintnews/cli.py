"""The ``lintnews`` command: ``check``, ``rule`` and ``rules``.

Exit codes: 0 nothing found, 1 diagnostics, 2 a usage, configuration or
internal error (a one-line message; ``--verbose`` adds the traceback).
"""

from __future__ import annotations

import contextlib
import enum
import os
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from lintnews import __version__

EXIT_CLEAN, EXIT_DIAGNOSTICS, EXIT_ERROR = 0, 1, 2

app = typer.Typer(
    name="lintnews",
    help="A linter for news articles: translation artifacts, scraping residue, damaged text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(enum.StrEnum):
    concise = "concise"
    full = "full"
    json = "json"
    json_lines = "json-lines"
    sarif = "sarif"
    github = "github"
    junit = "junit"


class ListFormat(enum.StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lintnews {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """A linter for news articles: translation artifacts, scraping residue, damaged text."""


@contextlib.contextmanager
def _errors_exit_2(verbose: bool) -> Iterator[None]:
    """Known failures become one line on stderr and exit code 2, never a traceback."""
    from lintnews.baseline import BaselineError
    from lintnews.check import UsageError
    from lintnews.config import ConfigError
    from lintnews.engine import InternalError
    from lintnews.packs import PackError
    from lintnews.packs.data import DataError
    from lintnews.registry import RegistryError
    from lintnews.selection import SelectionError
    from lintnews.store import StoreError

    try:
        yield
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except (
        BaselineError,
        ConfigError,
        DataError,
        PackError,
        RegistryError,
        SelectionError,
        StoreError,
        UsageError,
    ) as error:
        _fail(str(error), verbose)
    except InternalError as error:
        _fail(f"internal error: {error}", verbose)
    except KeyboardInterrupt:
        typer.echo("lintnews: interrupted", err=True)
        raise typer.Exit(130) from None
    except BrokenPipeError:
        # The reader (``| head``) has gone; stop writing without a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_DIAGNOSTICS) from None
    except Exception as error:
        _fail(f"internal error: {error!r}", verbose)


def _fail(message: str, verbose: bool) -> None:
    if verbose:
        traceback.print_exc()
    typer.echo(f"lintnews: error: {message}", err=True)
    raise typer.Exit(EXIT_ERROR)


def _codes(values: list[str] | None) -> list[str] | None:
    """``--select BP,PN001 --select WS`` → ``["BP", "PN001", "WS"]``."""
    if values is None:
        return None
    return [c.strip().upper() for value in values for c in value.split(",") if c.strip()]


SelectOption = Annotated[
    list[str] | None,
    typer.Option(help="Rule codes or prefixes to run (comma-separated; ALL for every rule)."),
]
IgnoreOption = Annotated[
    list[str] | None, typer.Option(help="Rule codes or prefixes to skip (comma-separated).")
]
ExtendSelectOption = Annotated[
    list[str] | None,
    typer.Option(help="Codes or prefixes to run on top of the configured selection."),
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose",
        "-v",
        help="Also show notes (rules left out, or not run on an article in another "
        "language) and the traceback of an internal error.",
    ),
]


@app.command()
def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to lint; '-' reads standard input.", show_default=False
        ),
    ] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    extend_select: ExtendSelectOption = None,
    output_format: Annotated[
        OutputFormat, typer.Option(help="How to print diagnostics.")
    ] = OutputFormat.concise,
    output_file: Annotated[
        Path | None, typer.Option("--output-file", "-o", help="Write the output to a file.")
    ] = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Count diagnostics per rule instead.")
    ] = False,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when diagnostics are found.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print diagnostics only: no summary or notes.")
    ] = False,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            help="The name to report for standard input (its extension picks the format)."
        ),
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Use this configuration file for every path.")
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore every configuration file.")
    ] = False,
    force_exclude: Annotated[
        bool, typer.Option(help="Apply excludes to files named on the command line too.")
    ] = False,
    follow_links: Annotated[
        bool,
        typer.Option(
            "--follow-links",
            help="Lint files that symbolic links in a folder point to outside it.",
        ),
    ] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply the safe fixes.")] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option("--unsafe-fixes", help="With --fix or --diff, apply unsafe fixes too."),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Print the changes --fix would make; write nothing."),
    ] = False,
    show_fixes: Annotated[
        bool, typer.Option("--show-fixes", help="List the fixes applied by --fix.")
    ] = False,
    baseline: Annotated[
        Path | None,
        typer.Option("--baseline", help="Report only findings not recorded in this file."),
    ] = None,
    add_baseline: Annotated[
        Path | None,
        typer.Option("--add-baseline", help="Record today's findings in this file, then exit."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Worker processes for many files (default: all cores)."
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Lint the files on a running Dask cluster at this address "
            "(tcp://host:8786); the workers read them at the same paths.",
            show_default=False,
        ),
    ] = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", envvar="LINTNEWS_NO_CACHE", help="Do not read or write the cache."
        ),
    ] = False,
    cache_dir: Annotated[
        Path | None,
        typer.Option(
            envvar="LINTNEWS_CACHE_DIR",
            help="Where to keep the cache (default: ./.lintnews_cache).",
        ),
    ] = None,
    text_field: Annotated[
        str,
        typer.Option(
            help="Corpora (.jsonl, .ndjson, .parquet): the field of each record that holds "
            "its text."
        ),
    ] = "text",
    id_field: Annotated[
        str | None,
        typer.Option(
            help="Corpora (.jsonl, .ndjson, .parquet): the field that names a record in reports "
            "(default: its line number).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            help="With --fix on a corpus (.jsonl, .ndjson, .parquet): write the cleaned corpus "
            "to this new file, every record in order (the corpus itself is never changed).",
            show_default=False,
        ),
    ] = None,
    verbose: VerboseOption = False,
) -> None:
    """Lint articles: files, folders (recursively) or '-' for standard input.

    A corpus (.jsonl or .ndjson, or .parquet with pyarrow) is linted record by record:
    each record is an article, named FILE[ID] in reports.
    """
    from lintnews.check import CheckRequest, run_check
    from lintnews.selection import Selection

    with _errors_exit_2(verbose):
        chosen = _codes(select)
        request = CheckRequest(
            paths=paths or [Path(".")],
            selection=Selection(
                tuple(chosen) if chosen is not None else None,
                tuple(_codes(extend_select) or ()),
                tuple(_codes(ignore) or ()),
            ),
            output_format=output_format.value,
            output_file=output_file,
            statistics=statistics,
            quiet=quiet,
            stdin_filename=stdin_filename,
            config=config,
            isolated=isolated,
            force_exclude=force_exclude,
            follow_links=follow_links,
            fix=fix,
            unsafe_fixes=unsafe_fixes,
            diff=diff,
            show_fixes=show_fixes,
            baseline=baseline,
            add_baseline=add_baseline,
            jobs=jobs,
            scheduler=scheduler,
            cache=not no_cache,
            cache_dir=cache_dir,
            verbose=verbose,
            text_field=text_field,
            id_field=id_field,
            output=output,
        )
        code = run_check(request)
        if code == EXIT_DIAGNOSTICS and exit_zero:
            code = EXIT_CLEAN
    raise typer.Exit(code)


@app.command()
def rule(
    code: Annotated[str, typer.Argument(help="A rule code, such as PN001.")],
    output_format: Annotated[
        ListFormat, typer.Option(help="table (text) or json.")
    ] = ListFormat.table,
    verbose: VerboseOption = False,
) -> None:
    """Explain one rule: what it flags, why, and an example."""
    from lintnews.catalog import describe_rule

    with _errors_exit_2(verbose):
        registry = _registry_here()
        found = registry.get(code)
        if found is None:
            _fail(f"unknown rule code {code!r} (see 'lintnews rules')", verbose=False)
        typer.echo(describe_rule(found, as_json=output_format is ListFormat.json), nl=False)


@app.command("rules")
def rules_command(
    output_format: Annotated[
        ListFormat, typer.Option(help="table, json, or markdown (the docs/rules.md reference).")
    ] = ListFormat.table,
    verbose: VerboseOption = False,
) -> None:
    """List every rule: code, name, severity, fix, default and summary."""
    from lintnews.catalog import rules_markdown, rules_table

    with _errors_exit_2(verbose):
        rules = list(_registry_here())
        if output_format is ListFormat.markdown:
            typer.echo(rules_markdown(rules), nl=False)
        else:
            typer.echo(rules_table(rules, as_json=output_format is ListFormat.json), nl=False)


@app.command()
def clean(
    cache_dir: Annotated[
        Path | None, typer.Option(envvar="LINTNEWS_CACHE_DIR", help="The cache to remove.")
    ] = None,
    verbose: VerboseOption = False,
) -> None:
    """Remove the cache (./.lintnews_cache unless --cache-dir says otherwise)."""
    from lintnews.cache import cache_folder
    from lintnews.cache import clean as remove_cache

    with _errors_exit_2(verbose):
        folder = cache_folder(cache_dir)
        if remove_cache(folder):
            typer.echo(f"Removed {folder}/")
        else:
            typer.echo(f"No {folder}/ here.")


def _registry_here():
    from lintnews.results import RunOptions
    from lintnews.runner import Runner

    runner = Runner(RunOptions())
    return runner.registry(runner.config_for(Path.cwd()).rule_packs)


def main() -> None:
    app(prog_name="lintnews")
