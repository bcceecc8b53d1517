"""Tests of ``--output-format github``: GitHub Actions workflow commands.

The runner reads ``::COMMAND key=value,key=value::message`` lines from the
log: the properties end at the first ``::``, they are split on ``,`` and
``=``, and ``%XX`` escapes are undone. ``parse`` below does the same, so the
round trip tests check what GitHub would show, compared with the JSON output.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lintnews.output.github import escape_data, escape_property

ROOT = Path(__file__).resolve().parents[2]
ARGS = ("check", "tests/golden/articles", "--isolated", "--select", "PN,BP,EN")
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}

Run = Callable[..., Any]  # the run_cli fixture of tests/conftest.py

GOLDEN = """\
::error file=tests/golden/articles/almaty-unrest.txt,line=3,col=132,endLine=3,endColumn=135,\
title=PN001 doubled-period::Sentence ends in two periods
::error file=tests/golden/articles/almaty-unrest.txt,line=7,col=1,endLine=7,endColumn=12,\
title=BP002 source-link::Aggregator residue: “Source link”
::error file=tests/golden/articles/almaty-unrest.txt,line=9,col=1,endLine=9,endColumn=14,\
title=BP001 comment-form::Comment-form residue: “Leave a Reply”
::error file=tests/golden/articles/explainer.md,line=3,col=95,endLine=3,endColumn=98,\
title=PN001 doubled-period::Sentence ends in two periods
::error file=tests/golden/articles/tokayev-crlf.txt,line=3,col=93,endLine=3,endColumn=96,\
title=PN001 doubled-period::Sentence ends in two periods
::error file=tests/golden/articles/tokayev-crlf.txt,line=5,col=1,endLine=5,endColumn=12,\
title=BP002 source-link::Aggregator residue: “Source link”
::error file=tests/golden/articles/tokayev-crlf.txt,line=7,col=41,endLine=7,endColumn=43,\
title=PN001 doubled-period::Sentence ends in two periods
"""

# What a message may hold that the escaping must carry: percent signs (also
# ones that look like escapes), "::", commas, colons, CR, LF, and a CRLF.
ODD_MESSAGE = "100% sure:: a, b%0A c%3A\nsecond line\r third\r\nfourth “{match}” ::"
ODD_NAMES = ("50%,wire:copy.txt", "two\nlines\r.txt")  # sorted


def unescape(value: str, *, prop: bool) -> str:
    codes = {"25": "%", "0D": "\r", "0A": "\n"} | ({"3A": ":", "2C": ","} if prop else {})
    return re.sub("%(" + "|".join(codes) + ")", lambda m: codes[m.group(1)], value)


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Split a workflow command as the Actions runner does, and unescape it."""
    assert line.startswith("::"), line
    head, separator, data = line[2:].partition("::")
    assert separator, line
    command, _, props = head.partition(" ")
    properties = {}
    for pair in props.split(","):
        key, equals, value = pair.partition("=")
        assert equals and key not in properties, line
        properties[key] = unescape(value, prop=True)
    return command, properties, unescape(data, prop=False)


def write_pack(folder: Path, rules: list[dict[str, Any]]) -> None:
    """A ``lintnews.toml`` that loads a user pack of existence rules, and only them."""
    folder.joinpath("lintnews.toml").write_text(
        'rule-packs = ["pack.toml"]\nselect = ["ZZ"]\n', encoding="utf-8"
    )
    lines = ['[pack]\nname = "odd"\ndescription = "test pack"\n']
    for rule in rules:
        lines.append("[[rules]]")
        # A JSON string or list of strings is also a TOML one.
        lines.extend(
            f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in rule.items()
        )
        lines.append('kind = "existence"\nsummary = "a test rule"\n')
    folder.joinpath("pack.toml").write_text("\n".join(lines), encoding="utf-8")


def expected_command(record: dict[str, Any]) -> tuple[str, dict[str, str], str]:
    start, end = record["location"], record["end_location"]
    properties = {
        "file": record["filename"],
        "line": str(start["row"]),
        "col": str(start["column"]),
        "endLine": str(end["row"]),
        "endColumn": str(end["column"]),
        "title": f"{record['code']} {record['name']}",
    }
    return COMMAND[record["severity"]], properties, record["message"]


def both(run_cli: Run, *args: str, cwd: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """The github lines and the JSON records of the same run."""
    github = run_cli(*args, "--output-format", "github", cwd=cwd)
    as_json = run_cli(*args, "--output-format", "json", cwd=cwd)
    assert github.exit_code == as_json.exit_code == 1, github.stderr
    assert github.stdout.endswith("\n")
    return github.stdout[:-1].split("\n"), as_json.json()


def test_github_output_of_the_golden_articles(run_cli: Run) -> None:
    """CRLF lines end nothing early; columns after the flag and the emoji are code points."""
    result = run_cli(*ARGS, "--output-format", "github", cwd=ROOT)
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout == GOLDEN


def test_github_lines_agree_with_the_json_records(run_cli: Run) -> None:
    lines, records = both(run_cli, *ARGS, cwd=ROOT)
    assert [parse(line) for line in lines] == [expected_command(r) for r in records]


def test_severity_chooses_the_command(run_cli: Run, tmp_path: Path) -> None:
    levels = {"bad": "error", "odd": "warning", "note": "info"}
    rules = [
        {"code": f"ZZ00{i}", "name": word, "message": "m", "severity": level, "phrases": [word]}
        for i, (word, level) in enumerate(levels.items(), 1)
    ]
    write_pack(tmp_path, rules)
    tmp_path.joinpath("article.txt").write_text("a note, an odd line, a bad one\n", "utf-8")
    lines, records = both(run_cli, "check", ".", cwd=tmp_path)
    assert {r["code"]: r["severity"] for r in records} == {
        "ZZ001": "error",
        "ZZ002": "warning",
        "ZZ003": "info",
    }
    commands = {parse(line)[1]["title"]: parse(line)[0] for line in lines}
    assert commands == {"ZZ003 note": "notice", "ZZ002 odd": "warning", "ZZ001 bad": "error"}


@pytest.mark.skipif(os.name != "posix", reason="Windows forbids : and line breaks in names")
def test_escaping_round_trips_messages_and_file_names(run_cli: Run, tmp_path: Path) -> None:
    rule = {"code": "ZZ001", "name": "odd", "message": ODD_MESSAGE, "phrases": ["flagme"]}
    write_pack(tmp_path, [rule])
    text = "Kazakhstan \U0001f1f0\U0001f1ff flagme.\r\nThen flagme again, and flagme.\n"
    for name in ODD_NAMES:
        tmp_path.joinpath(name).write_bytes(text.encode("utf-8"))
    lines, records = both(run_cli, "check", ".", cwd=tmp_path)
    assert len(records) == 6
    assert len(lines) == len(records)  # line breaks in messages and names add no lines
    parsed = [parse(line) for line in lines]
    assert parsed == [expected_command(r) for r in records]
    assert [p[1]["file"] for p in parsed] == [ODD_NAMES[0]] * 3 + [ODD_NAMES[1]] * 3
    assert {p[2] for p in parsed} == {ODD_MESSAGE.replace("{match}", "flagme")}
    for line in lines:
        head = line[2:].partition("::")[0]
        assert ":" not in head and "\r" not in line  # the properties cannot be split early


def test_problems_become_annotations(run_cli: Run, tmp_path: Path) -> None:
    tmp_path.joinpath("binary.txt").write_bytes(b"a\x00b\n")
    tmp_path.joinpath("article.txt").write_text("Fine. .\n", encoding="utf-8")
    result = run_cli(
        "check", "missing.txt", ".", "--isolated", "--select", "PN", "--output-format", "github",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        "::error file=article.txt,line=1,col=5,endLine=1,endColumn=8,"
        "title=PN001 doubled-period::Sentence ends in two periods",
        "::notice file=binary.txt::skipped: contains NUL bytes",
        "::error file=missing.txt::cannot read: no such file or directory",
    ]


def test_a_clean_run_prints_nothing(run_cli: Run, tmp_path: Path) -> None:
    tmp_path.joinpath("article.txt").write_text("All is well.\n", encoding="utf-8")
    result = run_cli("check", ".", "--isolated", "--output-format", "github", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stdout == ""


def test_order_does_not_depend_on_the_order_of_paths(run_cli: Run) -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / ARGS[1]).iterdir())
    options = ("--isolated", "--select", "PN,BP,EN", "--output-format", "github")
    backward = run_cli("check", *reversed(files), *options, cwd=ROOT)
    assert backward.stdout == GOLDEN


@pytest.mark.parametrize(
    ("value", "data", "prop"),
    [
        ("plain text", "plain text", "plain text"),
        ("100%", "100%25", "100%25"),
        ("%0A", "%250A", "%250A"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a::b,c", "a::b,c", "a%3A%3Ab%2Cc"),
        ("x=1;y", "x=1;y", "x=1;y"),
    ],
)
def test_escaping_matches_actions_core(value: str, data: str, prop: str) -> None:
    """The expected values are what ``escapeData``/``escapeProperty`` of @actions/core give."""
    assert escape_data(value) == data
    assert escape_property(value) == prop
    assert unescape(data, prop=False) == value
    assert unescape(prop, prop=True) == value
