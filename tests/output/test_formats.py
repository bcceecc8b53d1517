"""Golden-file tests for every output format, and checks of the JSON records.

The input is the fixed folder ``tests/golden/articles/``:

- ``almaty-unrest.txt``: LF line endings, a doubled period ("unsafe. .") and
  the scraped boilerplate lines "Source link" and "Leave a Reply";
- ``tokayev-crlf.txt``: CRLF line endings, and findings after an emoji (a
  two-code-point flag, and a wide emoji), so that columns must be counted in
  code points;
- ``explainer.md``: Markdown with a doubled period in prose, and "x. ." in a
  code span and a fenced code block, which must not be reported.

Each golden file under ``tests/golden/`` is the exact stdout of::

    lintnews check tests/golden/articles --isolated --select PN,BP,EN [OPTIONS]

run from the repository root, so that filenames are relative and stable.
``--isolated`` keeps configuration files out of it, and ``--select`` keeps
rule families added later out of it.

To rewrite the golden files after an intended change of output::

    LINTNEWS_UPDATE_GOLDEN=1 .venv/bin/pytest tests/output/test_formats.py

then read the diff of ``tests/golden/`` by hand before committing it: rows
and columns are 1-based code points with the end exclusive, offsets are
0-based code points, and CR, LF and CRLF each end one line.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
ARTICLES = GOLDEN / "articles"
ARTICLES_ARG = "tests/golden/articles"
BASE_ARGS = ("check", ARTICLES_ARG, "--isolated", "--select", "PN,BP,EN")
UPDATE = os.environ.get("LINTNEWS_UPDATE_GOLDEN") == "1"

RECORD_KEYS = {
    "code",
    "name",
    "message",
    "severity",
    "filename",
    "location",
    "end_location",
    "fix",
    "url",
    "offset",
    "end_offset",
}

GOLDEN_CASES = [
    pytest.param("concise.txt", ("--output-format", "concise"), id="concise"),
    pytest.param("full.txt", ("--output-format", "full"), id="full"),
    pytest.param("json.json", ("--output-format", "json"), id="json"),
    pytest.param("json-lines.jsonl", ("--output-format", "json-lines"), id="json-lines"),
    pytest.param("statistics.txt", ("--statistics",), id="statistics"),
    pytest.param(
        "statistics.json", ("--output-format", "json", "--statistics"), id="statistics-json"
    ),
]

Run = Callable[..., Any]  # the run_cli fixture of tests/conftest.py


# -- helpers: an independent line index ------------------------------------


def line_starts(text: str) -> list[int]:
    """Offsets where lines start; CRLF, lone CR and lone LF each end a line."""
    starts = [0]
    i = 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            i += 2
            starts.append(i)
        elif text[i] in "\r\n":
            i += 1
            starts.append(i)
        else:
            i += 1
    return starts


def location(text: str, offset: int) -> dict[str, int]:
    """1-based row and code-point column of a 0-based code-point offset."""
    starts = line_starts(text)
    row = max(i for i, start in enumerate(starts) if start <= offset)
    return {"row": row + 1, "column": offset - starts[row] + 1}


def offset_of(text: str, loc: dict[str, int]) -> int:
    return line_starts(text)[loc["row"] - 1] + loc["column"] - 1


def read_article(filename: str, cwd: Path = ROOT) -> str:
    # newline="" keeps CR and CRLF as they are in the file.
    with (cwd / filename).open(encoding="utf-8", newline="") as handle:
        return handle.read()


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    spans = [
        (offset_of(text, e["location"]), offset_of(text, e["end_location"]), e["content"])
        for e in edits
    ]
    for start, end, content in sorted(spans, reverse=True):
        text = text[:start] + content + text[end:]
    return text


def lint_json(run_cli: Run, *extra: str) -> list[dict[str, Any]]:
    result = run_cli(*BASE_ARGS, "--output-format", "json", *extra, cwd=ROOT)
    assert result.exit_code == 1, result.stderr
    records = result.json()
    assert isinstance(records, list)
    return records


# -- the input folder ------------------------------------------------------


def test_golden_articles_are_what_the_goldens_assume() -> None:
    """Guards against an editor or git rewriting the inputs (line endings above all)."""
    names = sorted(p.name for p in ARTICLES.iterdir())
    assert names == ["almaty-unrest.txt", "explainer.md", "tokayev-crlf.txt"]

    lf = (ARTICLES / "almaty-unrest.txt").read_bytes()
    assert b"\r" not in lf
    assert b"unsafe. ." in lf
    assert b"\nSource link\n" in lf
    assert b"\nLeave a Reply\n" in lf

    crlf = (ARTICLES / "tokayev-crlf.txt").read_bytes()
    assert crlf.count(b"\n") == crlf.count(b"\r\n") > 0
    assert crlf.count(b"\r") == crlf.count(b"\r\n")
    text = crlf.decode("utf-8")
    assert "\U0001f1f0\U0001f1ff LIVE:" in text  # the Kazakh flag: two code points
    assert "\U0001f4e2 CSTO" in text  # a wide emoji: one code point, two columns

    markdown = (ARTICLES / "explainer.md").read_text(encoding="utf-8")
    assert "```text\nProtesters stormed the mayor's office in Almaty. x. .\n```" in markdown
    assert "`x. .`" in markdown


# -- golden files ----------------------------------------------------------


@pytest.mark.parametrize(("golden", "options"), GOLDEN_CASES)
def test_output_matches_golden_file(run_cli: Run, golden: str, options: tuple[str, ...]) -> None:
    result = run_cli(*BASE_ARGS, *options, cwd=ROOT)
    assert result.exit_code == 1
    assert result.stderr == ""
    path = GOLDEN / golden
    actual = result.stdout.encode("utf-8")
    if UPDATE:
        path.write_bytes(actual)
    assert path.is_file(), f"{path} is missing; run with LINTNEWS_UPDATE_GOLDEN=1"
    expected = path.read_bytes()
    # Compare text for a readable diff, then bytes so that nothing is normalised.
    assert actual.decode("utf-8") == expected.decode("utf-8")
    assert actual == expected


def test_golden_output_of_the_installed_command_is_byte_identical() -> None:
    """The real process writes the same bytes as the in-process runner."""
    completed = subprocess.run(
        [sys.executable, "-m", "lintnews", *BASE_ARGS, "--output-format", "json"],
        cwd=ROOT,
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert completed.returncode == 1
    assert b"Traceback" not in completed.stderr
    assert completed.stdout == (GOLDEN / "json.json").read_bytes()


# -- what the JSON says ----------------------------------------------------


def test_markdown_code_is_not_reported(run_cli: Run) -> None:
    records = [r for r in lint_json(run_cli) if r["filename"].endswith("explainer.md")]
    text = read_article(f"{ARTICLES_ARG}/explainer.md")
    code_hits = [m.start() for m in re.finditer(r"x\. \.", text)]
    assert len(code_hits) == 2  # the code span and the fenced block
    for record in records:
        for hit in code_hits:
            assert not record["offset"] <= hit + 1 < record["end_offset"], record
    assert [(r["code"], r["location"]["row"]) for r in records] == [("PN001", 3)]


def test_json_is_sorted_by_filename_then_position(run_cli: Run) -> None:
    records = lint_json(run_cli)
    keys = [(r["filename"], r["offset"], r["end_offset"]) for r in records]
    assert keys == sorted(keys)
    assert len({r["filename"] for r in records}) == 3


def test_json_order_does_not_depend_on_the_order_of_paths(run_cli: Run) -> None:
    files = sorted(f"{ARTICLES_ARG}/{p.name}" for p in ARTICLES.iterdir())
    forward = run_cli(
        "check", *files, "--isolated", "--select", "PN,BP,EN", "--output-format", "json", cwd=ROOT
    )
    backward = run_cli(
        "check",
        *reversed(files),
        "--isolated",
        "--select",
        "PN,BP,EN",
        "--output-format",
        "json",
        cwd=ROOT,
    )
    assert forward.exit_code == backward.exit_code == 1
    assert forward.stdout == backward.stdout
    assert forward.stdout == (GOLDEN / "json.json").read_text(encoding="utf-8")


def test_json_is_identical_across_runs(run_cli: Run) -> None:
    first = run_cli(*BASE_ARGS, "--output-format", "json", cwd=ROOT)
    second = run_cli(*BASE_ARGS, "--output-format", "json", cwd=ROOT)
    assert first.stdout == second.stdout
    assert first.json()


def test_every_json_record_has_the_documented_keys(run_cli: Run) -> None:
    records = lint_json(run_cli)
    assert records
    for record in records:
        assert set(record) >= RECORD_KEYS, RECORD_KEYS - set(record)
        assert set(record["location"]) == {"row", "column"}
        assert set(record["end_location"]) == {"row", "column"}
        assert record["severity"] in ("error", "warning", "info")
        assert isinstance(record["offset"], int)
        assert isinstance(record["end_offset"], int)
        if record["fix"] is not None:
            assert set(record["fix"]) == {"applicability", "message", "edits"}
            for edit in record["fix"]["edits"]:
                assert set(edit) == {"content", "location", "end_location"}


def test_json_locations_agree_with_offsets(run_cli: Run) -> None:
    records = lint_json(run_cli)
    for record in records:
        text = read_article(record["filename"])
        assert 0 <= record["offset"] <= record["end_offset"] <= len(text)
        assert record["location"] == location(text, record["offset"]), record
        assert record["end_location"] == location(text, record["end_offset"]), record


def test_json_spans_cover_what_the_messages_quote(run_cli: Run) -> None:
    for record in lint_json(run_cli):
        text = read_article(record["filename"])
        flagged = text[record["offset"] : record["end_offset"]]
        if record["code"] == "PN001":
            assert re.fullmatch(r"\.\s*\.", flagged), flagged
        quoted = re.search(r"“(.*)”$", record["message"])
        if record["code"].startswith("BP") and quoted:
            assert flagged == quoted.group(1)


def test_json_fix_edits_mend_the_text(run_cli: Run) -> None:
    for record in lint_json(run_cli):
        text = read_article(record["filename"])
        fixed = apply_edits(text, record["fix"]["edits"])
        if record["filename"].endswith("crlf.txt"):
            # No fix may leave half of a CRLF behind.
            assert fixed.count("\r") == fixed.count("\n") == fixed.count("\r\n")
        if record["code"] == "PN001":
            assert len(fixed) == len(text) - len(text[record["offset"] : record["end_offset"]]) + 1
            assert fixed[record["offset"]] == "."
            assert fixed[record["offset"] + 1 : record["offset"] + 2] in ("", " ", "\n", "\r")
        elif record["code"] in ("BP001", "BP002"):
            removed = text[record["offset"] : record["end_offset"]]
            assert removed not in fixed
            assert fixed.endswith(("\n", "\r\n"))  # the final newline stays
            assert "\n\n\n" not in fixed.replace("\r\n", "\n")


def test_fixes_in_the_golden_articles_give_the_expected_sentences(run_cli: Run) -> None:
    records = lint_json(run_cli)
    mended = {
        (r["filename"].rsplit("/", 1)[-1], r["code"], r["location"]["row"]): apply_edits(
            read_article(r["filename"]), r["fix"]["edits"]
        )
        for r in records
    }
    assert "remains unsafe. Looted shops" in mended[("almaty-unrest.txt", "PN001", 3)]
    assert "fire without warning. He called" in mended[("tokayev-crlf.txt", "PN001", 3)]
    assert "arriving on Thursday.\r\n" in mended[("tokayev-crlf.txt", "PN001", 7)]
    assert mended[("tokayev-crlf.txt", "BP002", 5)].endswith(
        "terrorists”.\r\n\r\n\U0001f4e2 CSTO troops began arriving on Thursday..\r\n"
    )
    assert mended[("almaty-unrest.txt", "BP001", 9)].endswith("the ministry said.\n\nSource link\n")


def test_json_lines_holds_the_json_objects_one_per_line(run_cli: Run) -> None:
    as_json = lint_json(run_cli)
    result = run_cli(*BASE_ARGS, "--output-format", "json-lines", cwd=ROOT)
    assert result.exit_code == 1
    lines = result.stdout.split("\n")
    assert lines[-1] == ""
    objects = [json.loads(line) for line in lines[:-1]]
    assert all(isinstance(item, dict) for item in objects)
    assert objects == as_json


def test_concise_lines_match_the_json_records(run_cli: Run) -> None:
    records = lint_json(run_cli)
    result = run_cli(*BASE_ARGS, "--output-format", "concise", cwd=ROOT)
    *lines, found, fixable = result.stdout.splitlines()
    safe = [r for r in records if r["fix"] and r["fix"]["applicability"] == "safe"]
    expected = [
        f"{r['filename']}:{r['location']['row']}:{r['location']['column']}: {r['code']}"
        f"{' [*]' if r in safe else ''} {r['message']}"
        for r in records
    ]
    assert lines == expected
    files = len({r["filename"] for r in records})
    assert found == f"Found {len(records)} diagnostics in {files} files."
    unsafe = sum(1 for r in records if r["fix"]) - len(safe)
    assert fixable == (
        f"[*] {len(safe)} fixable with the --fix option ({unsafe} more with --unsafe-fixes)."
    )


def test_statistics_count_the_json_records(run_cli: Run) -> None:
    records = lint_json(run_cli)
    result = run_cli(*BASE_ARGS, "--output-format", "json", "--statistics", cwd=ROOT)
    stats = result.json()
    assert {s["code"]: s["count"] for s in stats} == Counter(r["code"] for r in records)
    assert [s["count"] for s in stats] == sorted((s["count"] for s in stats), reverse=True)
    names = {r["code"]: r["name"] for r in records}
    for entry in stats:
        assert entry["name"] == names[entry["code"]]
        assert entry["fixable"] == any(r["fix"] for r in records if r["code"] == entry["code"])


def test_json_locations_with_mixed_line_breaks(run_cli: Run, tmp_path: Path) -> None:
    """Lone CR, CRLF and LF each end a line; astral characters count one column."""
    text = (
        "Kazakhstan unrest\r"
        "\U0001f1f0\U0001f1ff Tokayev ordered troops to fire without warning. .\r\n"
        "\r\n"
        "\U0001f4e2 The situation in Almaty remains unsafe..\n"
        "Source link\r"
        "The airport reopened on Saturday. .\r\n"
    )
    (tmp_path / "mixed.txt").write_bytes(text.encode("utf-8"))
    result = run_cli(
        "check",
        "mixed.txt",
        "--isolated",
        "--select",
        "PN",
        "--output-format",
        "json",
        cwd=tmp_path,
    )
    assert result.exit_code == 1
    records = result.json()
    assert [(r["location"]["row"], r["location"]["column"]) for r in records] == [
        (2, 50),
        (4, 41),
        (6, 33),
    ]
    for record in records:
        assert record["location"] == location(text, record["offset"])
        assert record["end_location"] == location(text, record["end_offset"])
        for edit in record["fix"]["edits"]:
            start, end = offset_of(text, edit["location"]), offset_of(text, edit["end_location"])
            assert record["offset"] <= start <= end <= record["end_offset"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\r\nb", [0, 3]),
        ("a\rb\nc", [0, 2, 4]),
        ("a\n\r\nb\r", [0, 2, 4, 6]),
        ("\r\r\n", [0, 1, 3]),
    ],
)
def test_the_independent_line_index(text: str, expected: list[int]) -> None:
    assert line_starts(text) == expected
