"""The command line: exit codes, options, standard input, rule docs, bad input.

Every run goes through the ``cli`` fixture, which also checks that no
traceback ever reaches stderr. A few tests run the installed console script
in a real process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import lintnews
from lintnews.registry import Registry

ROOT = Path(__file__).resolve().parents[1]

CLEAN = (
    "Kazakhstan’s President Kassym-Jomart Tokayev ordered troops to fire without warning.\n"
    "\n"
    "The Interior Ministry said 26 protesters were killed in the clashes.\n"
)
DOUBLED = "Relative calm returned to Almaty, but the situation in Almaty remains unsafe. .\n"
# A doubled period, an aggregator line (BP002) and a comment form (BP001).
SCRAPED = (
    "The situation in Almaty remains unsafe. .\n"
    "\n"
    "More than 3,800 people have been arrested, the ministry said.\n"
    "\n"
    "Source link\n"
    "\n"
    "Leave a Reply\n"
)
MARKDOWN_WITH_CODE = "Protesters stormed the mayor's office in Almaty.\n\n```text\nx. .\n```\n"

Cli = Callable[..., Any]


NO_ARTICLES = (
    "warning: no articles (.txt, .md, .html, .jsonl, .ndjson, .parquet) found under the given paths"
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def codes(result: Any) -> list[str]:
    return [record["code"] for record in result.json()]


def stderr_lines(result: Any) -> list[str]:
    return result.stderr.splitlines()


# -- exit codes --------------------------------------------------------------


def test_clean_article_exits_0(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "tokayev.txt", CLEAN)
    result = cli("check", "tokayev.txt", "--isolated", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "All checks passed!\n"
    assert result.stderr == ""


def test_diagnostics_exit_1(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli("check", "almaty.txt", "--isolated", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout == (
        "almaty.txt:1:77: PN001 [*] Sentence ends in two periods\n"
        "Found 1 diagnostic in 1 file.\n"
        "[*] 1 fixable with the --fix option.\n"
    )


def test_unknown_option_exits_2(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli("check", "almaty.txt", "--no-such-option", cwd=tmp_path)
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert "almaty.txt:1" not in result.stdout


@pytest.mark.parametrize("option", ["--select", "--ignore", "--extend-select"])
def test_unknown_prefix_exits_2(cli: Cli, tmp_path: Path, option: str) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli("check", "almaty.txt", "--isolated", option, "PN,XQ9", cwd=tmp_path)
    assert result.exit_code == 2
    assert stderr_lines(result) == ["lintnews: error: unknown rule code or prefix 'XQ9'"]
    assert result.stdout == ""


def test_invalid_config_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    write(tmp_path, "broken.toml", "select = [PN\n")
    result = cli("check", "almaty.txt", "--config", "broken.toml", cwd=tmp_path)
    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith("lintnews: error: broken.toml: invalid TOML")


def test_discovered_config_with_unknown_key_exits_2(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    write(tmp_path, ".lintnews.toml", 'select = ["PN"]\nselcet = ["BP"]\n')
    result = cli("check", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert ".lintnews.toml:2: selcet: unknown key" in line


def test_missing_config_file_exits_2(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli("check", "almaty.txt", "--config", "nowhere.toml", cwd=tmp_path)
    assert result.exit_code == 2
    assert stderr_lines(result) == ["lintnews: error: configuration file not found: nowhere.toml"]


def test_missing_path_exits_2_and_the_other_paths_are_still_linted(
    cli: Cli, tmp_path: Path
) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli("check", "almaty.txt", "gone.txt", "--isolated", cwd=tmp_path)
    assert result.exit_code == 2
    assert "almaty.txt:1:77: PN001" in result.stdout
    assert "Found 1 diagnostic in 1 file" in result.stdout
    assert stderr_lines(result) == ["error: gone.txt: no such file or directory"]


def test_missing_path_alone_exits_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", "gone.txt", "--isolated", cwd=tmp_path)
    assert result.exit_code == 2
    assert stderr_lines(result) == ["error: gone.txt: no such file or directory"]
    assert result.stdout == ""


def test_stdin_mixed_with_paths_exits_2(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli("check", "-", "almaty.txt", "--isolated", cwd=tmp_path, stdin=DOUBLED)
    assert result.exit_code == 2
    assert stderr_lines(result) == [
        "lintnews: error: '-' (standard input) cannot be combined with other paths"
    ]
    assert result.stdout == ""


# -- --exit-zero ---------------------------------------------------------------


def test_exit_zero_turns_diagnostics_into_0(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli("check", "almaty.txt", "--isolated", "--exit-zero", cwd=tmp_path)
    assert result.exit_code == 0
    assert "almaty.txt:1:77: PN001" in result.stdout


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(("gone.txt",), id="missing-path"),
        pytest.param(("--select", "XQ9"), id="unknown-prefix"),
        pytest.param(("--config", "nowhere.toml"), id="missing-config"),
    ],
)
def test_exit_zero_keeps_errors_at_2(cli: Cli, tmp_path: Path, extra: tuple[str, ...]) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli("check", "almaty.txt", "--exit-zero", *extra, cwd=tmp_path)
    assert result.exit_code == 2


# -- selection -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        pytest.param((), ["PN001", "BP002", "BP001"], id="defaults"),
        pytest.param(("--select", "PN"), ["PN001"], id="select-prefix"),
        pytest.param(("--select", "pn001"), ["PN001"], id="select-lowercase-code"),
        pytest.param(("--select", "BP001,PN001"), ["PN001", "BP001"], id="select-comma-list"),
        pytest.param(
            ("--select", "BP001", "--select", "PN001"), ["PN001", "BP001"], id="select-repeated"
        ),
        pytest.param(("--select", "BP"), ["BP002", "BP001"], id="select-family"),
        pytest.param(("--select", "ALL"), ["PN001", "BP002", "BP001"], id="select-all"),
        pytest.param(("--ignore", "BP"), ["PN001"], id="ignore-prefix"),
        pytest.param(("--ignore", "BP002,PN"), ["BP001"], id="ignore-comma-list"),
        pytest.param(("--select", "ALL", "--ignore", "PN001"), ["BP002", "BP001"], id="all-but"),
        pytest.param(("--select", "BP", "--ignore", "BP002"), ["BP001"], id="ignore-one-code"),
        pytest.param(("--select", "BP002", "--ignore", "BP"), ["BP002"], id="specific-select-wins"),
        pytest.param(
            ("--select", "PN", "--extend-select", "BP001"), ["PN001", "BP001"], id="extend-select"
        ),
        pytest.param(
            ("--select", "PN", "--extend-select", "BP001,BP002"),
            ["PN001", "BP002", "BP001"],
            id="extend-select-list",
        ),
    ],
)
def test_selection_options(
    cli: Cli, tmp_path: Path, options: tuple[str, ...], expected: list[str]
) -> None:
    write(tmp_path, "almaty.txt", SCRAPED)
    result = cli(
        "check", "almaty.txt", "--isolated", "--output-format", "json", *options, cwd=tmp_path
    )
    assert result.exit_code == 1
    assert codes(result) == expected


def test_selection_that_leaves_nothing_exits_0(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli("check", "almaty.txt", "--isolated", "--select", "BP", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "All checks passed!\n"


def test_extend_select_adds_to_the_configured_selection(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", SCRAPED)
    write(tmp_path, ".lintnews.toml", 'select = ["BP002"]\n')
    configured = cli("check", "almaty.txt", "--output-format", "json", cwd=tmp_path)
    assert codes(configured) == ["BP002"]
    extended = cli(
        "check", "almaty.txt", "--output-format", "json", "--extend-select", "PN", cwd=tmp_path
    )
    assert codes(extended) == ["PN001", "BP002"]
    replaced = cli("check", "almaty.txt", "--output-format", "json", "--select", "PN", cwd=tmp_path)
    assert codes(replaced) == ["PN001"]


# -- output options ----------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["concise", "full"])
def test_quiet_drops_the_summary(cli: Cli, tmp_path: Path, output_format: str) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    loud = cli("check", "almaty.txt", "--isolated", "--output-format", output_format, cwd=tmp_path)
    quiet = cli(
        "check",
        "almaty.txt",
        "--isolated",
        "--output-format",
        output_format,
        "--quiet",
        cwd=tmp_path,
    )
    assert loud.exit_code == quiet.exit_code == 1
    assert "Found 1 diagnostic" in loud.stdout
    assert "Found" not in quiet.stdout
    assert quiet.stdout.startswith("almaty.txt:1:77: PN001 [*] Sentence ends in two periods\n")
    assert loud.stdout.startswith(quiet.stdout)


def test_quiet_on_a_clean_article_prints_nothing(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "tokayev.txt", CLEAN)
    result = cli("check", "tokayev.txt", "--isolated", "-q", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == ""


def test_quiet_drops_notes_and_warnings_but_not_errors(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("check", "photo.txt", "empty", "--isolated", "--quiet", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stderr == ""
    result = cli("check", "photo.txt", "gone.txt", "--isolated", "--quiet", cwd=tmp_path)
    assert result.exit_code == 2
    assert stderr_lines(result) == ["error: gone.txt: no such file or directory"]


def test_output_file(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli(
        "check",
        "almaty.txt",
        "--isolated",
        "--output-format",
        "json",
        "--output-file",
        "report.json",
        cwd=tmp_path,
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    records = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert [(r["code"], r["filename"], r["location"]) for r in records] == [
        ("PN001", "almaty.txt", {"row": 1, "column": 77})
    ]


def test_output_file_short_option_with_concise(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli("check", "almaty.txt", "--isolated", "-o", "report.txt", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == (
        "almaty.txt:1:77: PN001 [*] Sentence ends in two periods\n"
        "Found 1 diagnostic in 1 file.\n"
        "[*] 1 fixable with the --fix option.\n"
    )


def test_output_file_that_cannot_be_written_exits_2(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    result = cli(
        "check", "almaty.txt", "--isolated", "-o", "no/such/folder/report.txt", cwd=tmp_path
    )
    assert result.exit_code == 2
    [line] = stderr_lines(result)
    assert line.startswith("lintnews: error: cannot write no/such/folder/report.txt")


# -- standard input ------------------------------------------------------------------


def test_stdin_is_linted_as_dash(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", "-", "--isolated", cwd=tmp_path, stdin=DOUBLED)
    assert result.exit_code == 1
    assert result.stdout.startswith("-:1:77: PN001 [*] Sentence ends in two periods\n")


def test_stdin_clean_exits_0(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", "-", "--isolated", cwd=tmp_path, stdin=CLEAN)
    assert result.exit_code == 0
    assert result.stdout == "All checks passed!\n"


def test_stdin_filename_names_the_input(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "check",
        "-",
        "--isolated",
        "--stdin-filename",
        "news/almaty.txt",
        "--output-format",
        "json",
        cwd=tmp_path,
        stdin=DOUBLED,
    )
    assert result.exit_code == 1
    assert [r["filename"] for r in result.json()] == ["news/almaty.txt"]


def test_stdin_filename_with_md_makes_it_markdown(cli: Cli, tmp_path: Path) -> None:
    as_text = cli(
        "check",
        "-",
        "--isolated",
        "--stdin-filename",
        "almaty.txt",
        cwd=tmp_path,
        stdin=MARKDOWN_WITH_CODE,
    )
    assert as_text.exit_code == 1
    assert "almaty.txt:4:2: PN001" in as_text.stdout
    as_markdown = cli(
        "check",
        "-",
        "--isolated",
        "--stdin-filename",
        "almaty.md",
        cwd=tmp_path,
        stdin=MARKDOWN_WITH_CODE,
    )
    assert as_markdown.exit_code == 0
    assert as_markdown.stdout == "All checks passed!\n"


def test_stdin_binary_is_skipped_with_a_note(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", "-", "--isolated", cwd=tmp_path, stdin=b"\x00\x01\x02 binary")
    assert result.exit_code == 0
    assert stderr_lines(result) == ["note: -: skipped: contains NUL bytes"]


# -- rule documentation ----------------------------------------------------------------


def test_rule_explains_a_rule(cli: Cli) -> None:
    result = cli("rule", "PN001")
    assert result.exit_code == 0
    assert result.stdout.startswith("# doubled-period (PN001)\n")
    assert "## What it does" in result.stdout
    assert "## Why is this bad?" in result.stdout


def test_rule_as_json(cli: Cli) -> None:
    result = cli("rule", "PN001", "--output-format", "json")
    assert result.exit_code == 0
    record = result.json()
    assert record["code"] == "PN001"
    assert record["name"] == "doubled-period"
    assert "## What it does" in record["explanation"]


def test_rule_unknown_code_exits_2(cli: Cli) -> None:
    result = cli("rule", "XQ999")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert stderr_lines(result) == [
        "lintnews: error: unknown rule code 'XQ999' (see 'lintnews rules')"
    ]


def test_rules_table_lists_every_code(cli: Cli) -> None:
    result = cli("rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Code", "Name", "Severity", "Fix", "Default", "Summary"]
    listed = [line.split()[0] for line in lines[1:]]
    all_codes = [rule.code for rule in Registry.load()]
    assert {"PN001", "EN001", "LN001"} <= set(all_codes)
    assert listed == all_codes


def test_rules_as_json(cli: Cli) -> None:
    result = cli("rules", "--output-format", "json")
    assert result.exit_code == 0
    records = result.json()
    assert [r["code"] for r in records] == [rule.code for rule in Registry.load()]
    [doubled] = [r for r in records if r["code"] == "PN001"]
    assert doubled["name"] == "doubled-period"
    assert doubled["fixable"] is True


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout == f"lintnews {lintnews.__version__}\n"


# -- bad input ---------------------------------------------------------------------------


def test_empty_file(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "empty.md", b"")
    result = cli("check", ".", "--isolated", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "All checks passed!\n"
    assert result.stderr == ""


def test_whitespace_only_file(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "blank.txt", "  \n\t\r\n \r\n\n")
    write(tmp_path, "blank.md", "\n\n   \n")
    result = cli("check", ".", "--isolated", "--output-format", "json", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.json() == []


def test_binary_file_is_skipped_and_the_others_are_linted(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    write(tmp_path, "tokayev.txt", CLEAN)
    clean = cli("check", ".", "--isolated", cwd=tmp_path)
    assert clean.exit_code == 0
    assert clean.stdout == "All checks passed!\n"
    assert stderr_lines(clean) == ["note: photo.txt: skipped: contains NUL bytes"]

    write(tmp_path, "almaty.txt", DOUBLED)
    dirty = cli("check", ".", "--isolated", cwd=tmp_path)
    assert dirty.exit_code == 1
    assert "almaty.txt:1:77: PN001" in dirty.stdout
    assert "photo.txt" not in dirty.stdout
    assert stderr_lines(dirty) == ["note: photo.txt: skipped: contains NUL bytes"]


def test_invalid_utf8_gives_one_en001_and_the_other_rules_still_run(
    cli: Cli, tmp_path: Path
) -> None:
    # Saved as Windows-1252: é is the single byte 0xE9.
    data = "Café owners in Almaty say the city remains unsafe. .\n".encode("cp1252")
    write(tmp_path, "cafe.txt", data)
    result = cli("check", "cafe.txt", "--isolated", "--output-format", "json", cwd=tmp_path)
    assert result.exit_code == 1
    records = result.json()
    assert [r["code"] for r in records] == ["EN001", "PN001"]
    invalid, doubled = records
    assert invalid["location"] == {"row": 1, "column": 4}
    assert invalid["offset"] == 3
    assert "byte e9" in invalid["message"]
    assert doubled["location"] == {"row": 1, "column": 50}


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads a file whatever its permissions",
)
def test_unreadable_file_chmod_000(cli: Cli, tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", DOUBLED)
    write(tmp_path, "almaty.txt", DOUBLED)
    secret.chmod(0)
    try:
        result = cli("check", ".", "--isolated", cwd=tmp_path)
    finally:
        secret.chmod(0o644)
    assert result.exit_code == 2
    assert "almaty.txt:1:77: PN001" in result.stdout
    assert stderr_lines(result) == ["error: secret.txt: cannot read: permission denied"]


def test_unreadable_file_simulated(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Runs as root too: reading one file raises PermissionError."""
    write(tmp_path, "secret.txt", DOUBLED)
    write(tmp_path, "almaty.txt", DOUBLED)
    open_file = os.open

    def refuse(path: object, flags: int, *args: object) -> int:
        if Path(os.fsdecode(path)).name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return open_file(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    result = cli("check", ".", "--isolated", cwd=tmp_path)
    assert result.exit_code == 2
    assert "almaty.txt:1:77: PN001" in result.stdout
    assert "secret.txt:" not in result.stdout
    assert stderr_lines(result) == ["error: secret.txt: cannot read: permission denied"]


def test_dangling_symlink_and_symlink_loop_cannot_be_read(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", DOUBLED)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    result = cli("check", ".", "--isolated", cwd=tmp_path)
    assert result.exit_code == 2
    assert "almaty.txt:1:77: PN001" in result.stdout
    lines = stderr_lines(result)
    assert lines[0] == "error: dangling.txt: cannot read: no such file or directory"
    assert lines[1].startswith("error: loop.txt: cannot read: ")
    assert len(lines) == 2


def test_folder_named_like_an_article_is_walked_not_read(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "draft.txt").mkdir()
    result = cli("check", "draft.txt", "--isolated", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert stderr_lines(result) == [NO_ARTICLES]
    write(tmp_path, "draft.txt/almaty.txt", DOUBLED)
    inside = cli("check", "draft.txt", "--isolated", cwd=tmp_path)
    assert inside.exit_code == 1
    assert "draft.txt/almaty.txt:1:77: PN001" in inside.stdout


def test_folder_without_articles_warns_and_exits_0(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "archive/photos.csv", "id,caption\n1,Almaty. .\n")
    write(tmp_path, "archive/page.xml", "<p>The situation remains unsafe. .</p>\n")
    result = cli("check", "archive", "--isolated", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert stderr_lines(result) == [NO_ARTICLES]


def test_file_named_on_the_command_line_is_linted_whatever_its_extension(
    cli: Cli, tmp_path: Path
) -> None:
    write(tmp_path, "page.xml", "<p>The situation remains unsafe. .</p>\n")
    result = cli("check", "page.xml", "--isolated", cwd=tmp_path)
    assert result.exit_code == 1
    assert "page.xml:1:32: PN001" in result.stdout


# -- the installed command, in a real process -------------------------------------------------


def _console_script() -> str | None:
    beside = Path(sys.executable).parent / "lintnews"
    return str(beside) if beside.is_file() else shutil.which("lintnews")


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.mark.parametrize("how", ["console-script", "python-m"])
def test_real_process_exits_1_on_the_seeds(how: str) -> None:
    if how == "console-script":
        script = _console_script()
        if script is None:
            pytest.skip("the lintnews console script is not installed")
        command = [script]
    else:
        command = [sys.executable, "-m", "lintnews"]
    completed = _run([*command, "check", "seeds", "--isolated", "--select", "PN"], ROOT)
    assert completed.returncode == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    assert "seeds/000_37d922766cd08bbe.txt:" in completed.stdout
    assert completed.stdout.splitlines()[-2].startswith("Found ")


def test_real_process_exit_codes_0_and_2(tmp_path: Path) -> None:
    write(tmp_path, "tokayev.txt", CLEAN)
    base = [sys.executable, "-m", "lintnews"]
    clean = _run([*base, "check", "tokayev.txt", "--isolated"], tmp_path)
    assert clean.returncode == 0
    assert clean.stdout == "All checks passed!\n"
    bad = _run([*base, "check", "--no-such-option"], tmp_path)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr
    version = _run([*base, "--version"], tmp_path)
    assert version.returncode == 0
    assert version.stdout == f"lintnews {lintnews.__version__}\n"


def test_quiet_keeps_findings_of_a_file_named_like_the_summary(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "Found in Almaty.txt", DOUBLED)
    result = cli("check", "Found in Almaty.txt", "--quiet", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout.startswith("Found in Almaty.txt:1:")


@pytest.mark.parametrize("where", ["empty folder", "binary file", "binary stdin"])
def test_unknown_prefix_is_an_error_even_when_nothing_is_linted(
    cli: Cli, tmp_path: Path, where: str
) -> None:
    (tmp_path / "empty").mkdir()
    write(tmp_path, "photo.txt", b"\xff\xd8\x00JFIF")
    args = {
        "empty folder": ("check", "empty"),
        "binary file": ("check", "photo.txt"),
        "binary stdin": ("check", "-"),
    }[where]
    result = cli(*args, "--select", "XX9", cwd=tmp_path, stdin=b"abc\x00")
    assert result.exit_code == 2
    assert "unknown rule code or prefix 'XX9'" in result.stderr
