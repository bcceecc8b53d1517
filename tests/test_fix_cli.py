"""``lintnews check --fix``, ``--unsafe-fixes``, ``--diff`` and ``--show-fixes``.

The runs go through the real command line (in-process, through the
``run_cli`` fixture) on real news sentences, and the tests read back the
exact bytes of the files, of standard output and of the summary line.
``--diff`` is checked the way it is used: applied with ``git apply`` and
``patch -p1`` to a copy of the files in a temporary git repository, it must
give the very bytes that ``--fix`` writes.
"""

from __future__ import annotations

import codecs
import json
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from lintnews.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

UNSAFE = "The situation in Almaty remains unsafe. ."  # PN001, safe fix
SAFE = "The situation in Almaty remains unsafe."
ARRESTS = "More than 3,800 people have been arrested, the Interior Ministry said."
POUTINE = "President Vladimir Poutine said Russian troops would leave Kazakhstan within days."
PUTIN = "President Vladimir Putin said Russian troops would leave Kazakhstan within days."
KILLED = "The Interior Ministry said 26 protesters were killed in the clashes."
CALM = "Relative calm returned to Almaty on Saturday after a week of unrest."
# PN002 has no fix: it stays after --fix.
SPLIT = "Officials said., more than 160 people were killed in the unrest."
TAIL = [
    "Source link",
    "By admin",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
]

# A doubled period (safe), a foreign name form and four boilerplate lines (unsafe).
SCRAPED = "\n\n".join([UNSAFE, ARRESTS, POUTINE, *TAIL]) + "\n"
SCRAPED_SAFE = "\n\n".join([SAFE, ARRESTS, POUTINE, *TAIL]) + "\n"
SCRAPED_ALL = "\n\n".join([SAFE, ARRESTS, PUTIN]) + "\n"

Cli = Callable[..., Any]


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def last_line(text: str) -> str:
    return text.splitlines()[-1]


def copy_seeds(target: Path) -> Path:
    """The seed articles, made writable (they are read-only in the repository)."""
    target.mkdir(parents=True, exist_ok=True)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(seed, target / seed.name)
        (target / seed.name).chmod(0o644)
    return target


def contents(folder: Path) -> dict[str, bytes]:
    """The articles of a folder (not git's files or lintnews's results cache)."""
    skipped = {".git", ".lintnews_cache"}
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not skipped & set(p.relative_to(folder).parts)
    }


# -- safe and unsafe fixes ---------------------------------------------------------


def test_fix_applies_only_the_safe_fixes(cli: Cli, tmp_path: Path) -> None:
    article = write(tmp_path, "almaty.txt", SCRAPED)
    result = cli("check", "--fix", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 1
    assert article.read_text(encoding="utf-8") == SCRAPED_SAFE
    assert last_line(result.stdout) == "Fixed 1 issue (5 remaining, 5 fixable with --unsafe-fixes)."
    assert "PN001" not in result.stdout
    assert "almaty.txt:5:20: NM001" in result.stdout


def test_fix_with_unsafe_fixes_applies_them_too(cli: Cli, tmp_path: Path) -> None:
    article = write(tmp_path, "almaty.txt", SCRAPED)
    result = cli("check", "--fix", "--unsafe-fixes", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "Fixed 6 issues (0 remaining).\n"
    assert article.read_text(encoding="utf-8") == SCRAPED_ALL


def test_unsafe_fixes_without_fix_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    article = write(tmp_path, "almaty.txt", SCRAPED)
    result = cli("check", "--unsafe-fixes", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 1
    assert article.read_text(encoding="utf-8") == SCRAPED
    assert last_line(result.stdout) == "[*] 6 fixable with the --fix option."


def test_summary_without_unsafe_fixes_left(cli: Cli, tmp_path: Path) -> None:
    """Only remaining diagnostics without a fix: no mention of --unsafe-fixes."""
    article = write(tmp_path, "almaty.txt", f"{UNSAFE}\n\n{SPLIT}\n")
    result = cli("check", "--fix", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout == (
        "almaty.txt:3:15: PN002 Period followed by a comma\nFixed 1 issue (1 remaining).\n"
    )
    assert article.read_text(encoding="utf-8") == f"{SAFE}\n\n{SPLIT}\n"


def test_summary_counts_fixes_in_several_files(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "a.txt", f"{UNSAFE}\n\n{POUTINE}\n")
    write(tmp_path, "b.txt", f"{CALM} .\n\n{UNSAFE}\n")
    result = cli("check", "--fix", ".", cwd=tmp_path)
    assert result.exit_code == 1
    summary = "Fixed 3 issues (1 remaining, 1 fixable with --unsafe-fixes)."
    assert last_line(result.stdout) == summary


# -- exit codes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("article", "options", "code"),
    [
        pytest.param(f"{UNSAFE}\n", (), 0, id="all-fixed"),
        pytest.param(f"{CALM}\n", (), 0, id="nothing-to-fix"),
        pytest.param(f"{UNSAFE}\n\n{POUTINE}\n", (), 1, id="unsafe-left"),
        pytest.param(f"{UNSAFE}\n\n{POUTINE}\n", ("--unsafe-fixes",), 0, id="unsafe-applied"),
        pytest.param(f"{UNSAFE}\n\n{SPLIT}\n", ("--unsafe-fixes",), 1, id="unfixable-left"),
        pytest.param(f"{UNSAFE}\n\n{POUTINE}\n", ("--exit-zero",), 0, id="exit-zero"),
    ],
)
def test_exit_code_after_fix(
    cli: Cli, tmp_path: Path, article: str, options: tuple[str, ...], code: int
) -> None:
    write(tmp_path, "almaty.txt", article)
    assert cli("check", "--fix", *options, "almaty.txt", cwd=tmp_path).exit_code == code


@pytest.mark.parametrize("options", [(), ("--exit-zero",), ("--unsafe-fixes",)])
def test_exit_code_2_on_a_write_error(cli: Cli, tmp_path: Path, options: tuple[str, ...]) -> None:
    article = write(tmp_path, "almaty.txt", f"{UNSAFE}\n")
    article.chmod(0o444)
    result = cli("check", "--fix", *options, "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 2
    assert "error: almaty.txt: not fixed:" in result.stderr
    assert article.read_text(encoding="utf-8") == f"{UNSAFE}\n"


def test_nothing_to_fix_leaves_the_file_alone(cli: Cli, tmp_path: Path) -> None:
    article = write(tmp_path, "almaty.txt", f"{CALM}\n\n{KILLED}\n")
    article.chmod(0o444)  # a write attempt would fail with exit 2
    before = article.stat()
    result = cli("check", "--fix", "--unsafe-fixes", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == "Fixed 0 issues (0 remaining).\n"
    assert result.stderr == ""
    after = article.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


# -- --diff ----------------------------------------------------------------------


def test_diff_prints_a_unified_diff_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    article = write(tmp_path, "almaty.txt", f"{UNSAFE}\n\n{ARRESTS}\n")
    before = article.stat()
    result = cli("check", "--diff", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 1
    diff = ["--- a/almaty.txt", "+++ b/almaty.txt", "@@ -1,3 +1,3 @@"]
    diff += [f"-{UNSAFE}", f"+{SAFE}", " ", f" {ARRESTS}"]
    assert result.stdout == "\n".join(diff) + "\n"
    assert result.stderr == "Would fix 1 issue.\n"
    after = article.stat()
    assert article.read_text(encoding="utf-8") == f"{UNSAFE}\n\n{ARRESTS}\n"
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_diff_without_a_final_newline(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", UNSAFE)
    result = cli("check", "--diff", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 1
    assert result.stdout == (
        "--- a/almaty.txt\n"
        "+++ b/almaty.txt\n"
        "@@ -1 +1 @@\n"
        f"-{UNSAFE}\n"
        "\\ No newline at end of file\n"
        f"+{SAFE}\n"
        "\\ No newline at end of file\n"
    )


def test_diff_of_unsafe_fixes_only_with_unsafe_fixes(cli: Cli, tmp_path: Path) -> None:
    article = write(tmp_path, "almaty.txt", f"{KILLED}\n\n{POUTINE}\n")
    safe_only = cli("check", "--diff", "almaty.txt", cwd=tmp_path)
    assert (safe_only.exit_code, safe_only.stdout) == (0, "")
    assert safe_only.stderr == "Would fix 0 issues.\n"
    unsafe = cli("check", "--diff", "--unsafe-fixes", "almaty.txt", cwd=tmp_path)
    assert unsafe.exit_code == 1
    assert f"-{POUTINE}\n+{PUTIN}\n" in unsafe.stdout
    assert article.read_text(encoding="utf-8") == f"{KILLED}\n\n{POUTINE}\n"


def test_diff_on_a_clean_article_prints_nothing_and_exits_0(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", f"{CALM}\n\n{KILLED}\n")
    result = cli("check", "--diff", "--unsafe-fixes", "almaty.txt", cwd=tmp_path)
    assert (result.exit_code, result.stdout) == (0, "")


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["git", "-c", "core.autocrlf=false", *args],
        cwd=repo,
        input=stdin,
        capture_output=True,
        check=False,
    )


def _patch(repo: Path, diff: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["patch", "-p1", "--batch", "--forward"],
        cwd=repo,
        input=diff,
        capture_output=True,
        check=False,
    )


def _diff_bytes(monkeypatch: pytest.MonkeyPatch, cwd: Path, *args: str) -> tuple[int, bytes]:
    """``--diff`` output as bytes: CliRunner's ``stdout`` would turn CRLF into LF."""
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(app, ["check", "--diff", *args], catch_exceptions=False)
    return result.exit_code, result.stdout_bytes


def _diff_cases(folder: Path, case: str) -> None:
    if case == "seeds":
        copy_seeds(folder)
    elif case == "crlf":
        article = [CALM, "", UNSAFE, "", f"{KILLED} .", "", "Source link", ""]
        write(folder, "crlf.txt", "\r\n".join(article))
    elif case == "no-final-newline":
        write(folder, "nofinal.txt", f"{CALM}\n\n{POUTINE}\n\n{UNSAFE}")
    elif case == "utf-8-bom":
        write(folder, "bom.txt", codecs.BOM_UTF8 + f"{UNSAFE}\n\n{ARRESTS}\n".encode())
    elif case == "nested":
        write(folder, "kazakhstan/january/almaty.md", f"# Unrest in Almaty\n\n{UNSAFE}\n")


DIFF_CASES = ["seeds", "crlf", "no-final-newline", "utf-8-bom", "nested"]
TOOLS = [
    pytest.param("git", id="git-apply"),
    pytest.param(
        "patch",
        id="patch-p1",
        marks=pytest.mark.skipif(shutil.which("patch") is None, reason="no patch binary"),
    ),
]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("tool", TOOLS)
@pytest.mark.parametrize("case", DIFF_CASES)
def test_diff_applies_cleanly_and_gives_what_fix_writes(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str, tool: str
) -> None:
    repo, fixed = tmp_path / "repo", tmp_path / "fixed"
    _diff_cases(repo, case)
    _diff_cases(fixed, case)
    assert _git(repo, "init", "-q").returncode == 0
    original = contents(repo)

    code, diff = _diff_bytes(monkeypatch, repo, "--unsafe-fixes")
    assert code == 1
    assert diff.startswith(b"--- a/")
    assert contents(repo) == original  # --diff writes nothing

    if tool == "git":
        check = _git(repo, "apply", "--check", "-", stdin=diff)
        assert check.returncode == 0, check.stderr
        applied = _git(repo, "apply", "-", stdin=diff)
    else:
        applied = _patch(repo, diff)
    assert applied.returncode == 0, applied.stdout + applied.stderr

    cli("check", "--fix", "--unsafe-fixes", cwd=fixed)
    assert contents(repo) == contents(fixed)
    assert contents(repo) != original

    # One run reaches the fixpoint: nothing is left for a second pass.
    again = cli("check", "--diff", "--unsafe-fixes", cwd=repo)
    assert (again.exit_code, again.stdout) == (0, "")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_of_a_lone_cr_file_applies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    write(repo, "cr.txt", f"{CALM}\r\r{UNSAFE}\r\r{ARRESTS}\r")
    assert _git(repo, "init", "-q").returncode == 0
    code, diff = _diff_bytes(monkeypatch, repo, "cr.txt")
    assert code == 1
    applied = _git(repo, "apply", "-", stdin=diff)
    assert applied.returncode == 0, applied.stderr
    assert (repo / "cr.txt").read_bytes() == f"{CALM}\r\r{SAFE}\r\r{ARRESTS}\r".encode()


# -- --show-fixes -------------------------------------------------------------------


def test_show_fixes_lists_the_fixes_per_file_and_rule(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", SCRAPED)
    write(tmp_path, "arrests.txt", f"{ARRESTS} .\n\n{UNSAFE}\n")
    write(tmp_path, "clean.txt", f"{CALM}\n")
    result = cli("check", "--fix", "--unsafe-fixes", "--show-fixes", ".", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == (
        "Fixed 8 issues (0 remaining).\n"
        "Fixed 8 issues:\n"
        "- almaty.txt:\n"
        "    2 × BP001 (comment-form)\n"
        "    1 × BP002 (source-link)\n"
        "    1 × BP003 (cms-byline)\n"
        "    1 × NM001 (foreign-name-form)\n"
        "    1 × PN001 (doubled-period)\n"
        "- arrests.txt:\n"
        "    2 × PN001 (doubled-period)\n"
    )


def test_show_fixes_when_nothing_was_written(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", f"{UNSAFE}\n").chmod(0o444)
    result = cli("check", "--fix", "--show-fixes", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stdout.endswith("Fixed 0 issues (1 remaining).\nNo fixes applied.\n")


def test_show_fixes_goes_to_stderr_with_json(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", f"{UNSAFE}\n\n{POUTINE}\n")
    result = cli(
        "check", "--fix", "--show-fixes", "--output-format", "json", "almaty.txt", cwd=tmp_path
    )
    assert [record["code"] for record in result.json()] == ["NM001"]
    assert "    1 × PN001 (doubled-period)\n" in result.stderr


# -- --fix on standard input ------------------------------------------------------


def _stdin_run(*args: str, data: bytes) -> Any:
    """Exact bytes of stdout: the fixed article goes there untouched by any decoding."""
    return CliRunner().invoke(app, list(args), input=data, catch_exceptions=False)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(f"{UNSAFE}\n\n{KILLED}\n", f"{SAFE}\n\n{KILLED}\n", id="lf"),
        pytest.param(f"{UNSAFE}\r\n\r\n{KILLED}", f"{SAFE}\r\n\r\n{KILLED}", id="crlf-no-final"),
        pytest.param("\ufeff" + f"{UNSAFE}\n", "\ufeff" + f"{SAFE}\n", id="utf-8-bom"),
    ],
)
def test_fix_stdin_writes_the_fixed_text_to_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, before: str, after: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _stdin_run("check", "--fix", "-", data=before.encode())
    assert result.exit_code == 0
    assert result.stdout_bytes == after.encode()
    assert result.stderr == "Fixed 1 issue (0 remaining).\n"


def test_fix_stdin_sends_the_remaining_diagnostics_to_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _stdin_run("check", "--fix", "-", data=SCRAPED.encode())
    assert result.exit_code == 1
    assert result.stdout_bytes == SCRAPED_SAFE.encode()
    lines = result.stderr.splitlines()
    assert "-:5:20: NM001 Foreign form “Poutine”: English uses “Putin”" in lines
    assert lines[-1] == "Fixed 1 issue (5 remaining, 5 fixable with --unsafe-fixes)."
    assert list(tmp_path.iterdir()) == []


def test_fix_stdin_with_unsafe_fixes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = _stdin_run("check", "--fix", "--unsafe-fixes", "-", data=SCRAPED.encode())
    assert result.exit_code == 0
    assert result.stdout_bytes == SCRAPED_ALL.encode()
    assert result.stderr == "Fixed 6 issues (0 remaining).\n"


def test_fix_stdin_markdown_leaves_code_blocks_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code = "```text\nThe situation in Almaty remains unsafe. .\nSource link\n```\n"
    story = f"# Unrest in Almaty\n\n{UNSAFE}\n\n{code}\n{POUTINE}\n"
    result = _stdin_run("check", "--fix", "--stdin-filename", "story.md", "-", data=story.encode())
    assert result.exit_code == 1
    assert result.stdout_bytes == f"# Unrest in Almaty\n\n{SAFE}\n\n{code}\n{POUTINE}\n".encode()
    assert "story.md:10:20: NM001" in result.stderr
    # The same text as plain text: the line in the code block is fixed too.
    plain = _stdin_run("check", "--fix", "--stdin-filename", "story.txt", "-", data=story.encode())
    assert SAFE.encode() + b"\nSource link\n```" in plain.stdout_bytes


def test_fix_stdin_utf16_reports_what_remains(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = codecs.BOM_UTF16_LE + f"{UNSAFE}\n\n{POUTINE}\n".encode("utf-16-le")
    result = _stdin_run("check", "--fix", "-", data=before)
    assert result.stdout_bytes == codecs.BOM_UTF16_LE + f"{SAFE}\n\n{POUTINE}\n".encode("utf-16-le")
    assert "NM001" in result.stderr
    assert "NUL" not in result.stderr
    assert result.exit_code == 1


# -- --output-format json -----------------------------------------------------------


def test_fix_with_json_output_lists_what_remains(cli: Cli, tmp_path: Path) -> None:
    article = write(tmp_path, "almaty.txt", SCRAPED)
    result = cli("check", "--fix", "--output-format", "json", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    assert [(r["code"], r["location"]["row"]) for r in records] == [
        ("NM001", 5),
        ("BP002", 7),
        ("BP003", 9),
        ("BP001", 11),
        ("BP001", 13),
    ]
    assert all(r["filename"] == "almaty.txt" for r in records)
    assert all(r["fix"]["applicability"] == "unsafe" for r in records)
    assert article.read_text(encoding="utf-8") == SCRAPED_SAFE


def test_fix_with_json_output_and_nothing_left(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, "almaty.txt", SCRAPED)
    result = cli(
        "check", "--fix", "--unsafe-fixes", "--output-format", "json", "almaty.txt", cwd=tmp_path
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


# -- the done-when check: a second run changes nothing ----------------------------


def test_fixing_the_seeds_twice_changes_nothing_the_second_time(cli: Cli, tmp_path: Path) -> None:
    seeds = copy_seeds(tmp_path / "seeds")
    original = contents(seeds)
    first = cli("check", "--fix", "--unsafe-fixes", ".", cwd=seeds)
    assert first.exit_code == 1  # diagnostics without a fix remain
    fixed = contents(seeds)
    assert fixed != original
    assert set(fixed) == set(original)
    first_summary = last_line(first.stdout)
    assert first_summary.startswith("Fixed ")
    assert not first_summary.startswith("Fixed 0 issues")

    second = cli("check", "--fix", "--unsafe-fixes", ".", cwd=seeds)
    assert contents(seeds) == fixed
    remaining = first_summary.split("(")[1]
    assert last_line(second.stdout) == f"Fixed 0 issues ({remaining}"
    assert second.exit_code == first.exit_code
    assert second.stderr == ""
    # Not a single remaining diagnostic is one that a fix could mend.
    assert "[*]" not in second.stdout


def test_fixed_seeds_keep_every_article_non_empty_and_newline_terminated(
    cli: Cli, tmp_path: Path
) -> None:
    seeds = copy_seeds(tmp_path / "seeds")
    original = contents(seeds)
    cli("check", "--fix", "--unsafe-fixes", ".", cwd=seeds)
    for name, data in contents(seeds).items():
        assert data.endswith(b"\n") == original[name].endswith(b"\n"), name
        assert not data.endswith(b"\n\n"), name
        assert len(data) > len(original[name]) // 2, name


# -- boilerplate deletion ---------------------------------------------------------


def _join(lines: list[str], newline: str, final: bool) -> bytes:
    return (newline.join(lines) + (newline if final else "")).encode()


TAIL_PARAGRAPHS = [line for tail in TAIL for line in (tail, "")][:-1]
BOILERPLATE_CASES = [
    pytest.param(
        [KILLED, "", ARRESTS, "", *TAIL_PARAGRAPHS],
        [KILLED, "", ARRESTS],
        id="several-at-the-end",
    ),
    pytest.param([KILLED, "", "Source link", "", ARRESTS], [KILLED, "", ARRESTS], id="middle"),
    pytest.param(["By admin", "", KILLED, "", ARRESTS], [KILLED, "", ARRESTS], id="first-line"),
    pytest.param([KILLED, "Source link", ARRESTS], [KILLED, ARRESTS], id="no-blank-around"),
    pytest.param(
        [KILLED, "", "Source link", "Leave a Reply", "", ARRESTS],
        [KILLED, "", ARRESTS],
        id="two-in-a-row",
    ),
    pytest.param([KILLED, "", ARRESTS, "Leave a Reply"], [KILLED, "", ARRESTS], id="last-glued"),
]


@pytest.mark.parametrize("final", [True, False], ids=["final-newline", "no-final-newline"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize(("before", "after"), BOILERPLATE_CASES)
def test_boilerplate_deletion_takes_the_line_and_the_blank_it_leaves(
    cli: Cli,
    tmp_path: Path,
    before: list[str],
    after: list[str],
    newline: str,
    final: bool,
) -> None:
    article = tmp_path / "almaty.txt"
    article.write_bytes(_join(before, newline, final))
    result = cli("check", "--fix", "--unsafe-fixes", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout
    assert article.read_bytes() == _join(after, newline, final)


def test_boilerplate_at_the_end_is_a_safe_fix_only_with_unsafe_fixes(
    cli: Cli, tmp_path: Path
) -> None:
    article = write(tmp_path, "almaty.txt", f"{KILLED}\n\nSource link\n")
    result = cli("check", "--fix", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 1
    assert article.read_text(encoding="utf-8") == f"{KILLED}\n\nSource link\n"
    summary = "Fixed 0 issues (1 remaining, 1 fixable with --unsafe-fixes)."
    assert last_line(result.stdout) == summary


def test_boilerplate_deletion_never_touches_a_sentence_that_only_mentions_it(
    cli: Cli, tmp_path: Path
) -> None:
    text = (
        f"{KILLED}\n\n"
        "Officials did not leave a reply to questions about the source link.\n\n"
        "Source link\n"
    )
    article = write(tmp_path, "almaty.txt", text)
    cli("check", "--fix", "--unsafe-fixes", "almaty.txt", cwd=tmp_path)
    assert article.read_text(encoding="utf-8") == (
        f"{KILLED}\n\nOfficials did not leave a reply to questions about the source link.\n"
    )


def test_boilerplate_deletion_at_the_end_keeps_the_line_ending_of_the_line_before(
    cli: Cli, tmp_path: Path
) -> None:
    article = write(tmp_path, "almaty.txt", f"{CALM}\n\n{KILLED}\r\n\nSource link\n")
    cli("check", "--fix", "--unsafe-fixes", "almaty.txt", cwd=tmp_path)
    assert article.read_bytes() == f"{CALM}\n\n{KILLED}\r\n".encode()


# -- options that do not go together -------------------------------------------------


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param(
            ("--fix", "--diff"),
            "lintnews: error: --diff shows what --fix would do; use one or the other",
            id="fix-diff",
        ),
        pytest.param(
            ("--statistics", "--fix"),
            "lintnews: error: --statistics cannot be combined with --fix or --diff",
            id="statistics-fix",
        ),
        pytest.param(
            ("--statistics", "--diff"),
            "lintnews: error: --statistics cannot be combined with --fix or --diff",
            id="statistics-diff",
        ),
    ],
)
def test_options_that_cannot_go_together_exit_2(
    cli: Cli, tmp_path: Path, options: tuple[str, ...], message: str
) -> None:
    article = write(tmp_path, "almaty.txt", f"{UNSAFE}\n")
    result = cli("check", *options, "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [message]
    assert result.stdout == ""
    assert article.read_text(encoding="utf-8") == f"{UNSAFE}\n"
    assert stat.S_IMODE(article.stat().st_mode) & 0o200
