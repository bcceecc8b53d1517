"""Text that could break a report goes through every format and parses back.

A pack rule quotes what it matched in its message; the article holds
GitHub workflow-command syntax (``::error``), percent escapes, a CDATA end
(``]]>``), control characters (an ANSI escape, a bell, a NUL-like C0) and a
line break inside the match, and its file name holds ``::``, ``,`` and
``%``. Each machine format must parse back to the same message and file
name; the GitHub format must stay one command a line; the text formats one
finding a line.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

HOSTILE = "::error file=x::owned %0A]]><b>&amp;\x1b[31m\x07\x1f end"
PACK = """[pack]
name = "hostile"

[[rules]]
code = "HX001"
name = "hostile-quote"
kind = "existence"
summary = "Quotes hostile text"
message = "Found “{match}”"
word-boundaries = false
patterns = ['::error[^\\n]*\\n[^\\n]*end']
"""
NAME = "wire::a,b%25.txt"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.toml").write_text(PACK, encoding="utf-8")
    (folder / "lintnews.toml").write_text(
        'rule-packs = ["hostile.toml"]\nselect = ["HX"]\n', encoding="utf-8"
    )
    text = f"Almaty, Thursday.\n{HOSTILE.replace(' %0A', ' %0A' + chr(10))}\nCalm.\n"
    (folder / NAME).write_text(text, encoding="utf-8")
    return folder


def report(folder: Path, output_format: str) -> str:
    command = [sys.executable, "-m", "lintnews", "check", NAME, "--no-cache"]
    command += ["--output-format", output_format, "-o", "report.out"]
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    return (folder / "report.out").read_text(encoding="utf-8")


def expected_message(folder: Path) -> str:
    text = (folder / NAME).read_text(encoding="utf-8")
    match = re.search(r"::error[^\n]*\n[^\n]*end", text)
    assert match is not None
    return f"Found “{match.group()}”"


def test_json_and_json_lines_parse_back(folder: Path) -> None:
    (record,) = json.loads(report(folder, "json"))
    assert record["message"] == expected_message(folder)
    assert record["filename"] == NAME
    lines = report(folder, "json-lines").splitlines()
    assert [json.loads(line)["message"] for line in lines] == [expected_message(folder)]


def test_sarif_parses_back(folder: Path) -> None:
    log = json.loads(report(folder, "sarif"))
    (result,) = log["runs"][0]["results"]
    assert result["message"]["text"] == expected_message(folder)
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "wire%3A%3Aa%2Cb%2525.txt"  # percent-encoded as a URI


def _unescape(value: str) -> str:
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, char)
    return value


def test_github_stays_one_command_a_line(folder: Path) -> None:
    lines = report(folder, "github").splitlines()
    assert len(lines) == 1
    command = re.fullmatch(r"::(error|warning|notice) ([^:]*)::(.*)", lines[0])
    assert command is not None, lines[0]
    properties = dict(part.split("=", 1) for part in command.group(2).split(","))
    assert _unescape(properties["file"]) == NAME
    assert _unescape(command.group(3)) == expected_message(folder)


def test_junit_parses_back(folder: Path) -> None:
    root = ET.fromstring(report(folder, "junit"))
    (failure,) = root.iter("failure")
    # XML 1.0 cannot carry C0 controls: they become U+FFFD, everything else is kept.
    expected = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", expected_message(folder))
    assert failure.get("message") == expected
    assert root.find("testsuite").get("name") == NAME


@pytest.mark.parametrize("output_format", ["concise", "full"])
def test_text_formats_keep_one_finding_a_line(folder: Path, output_format: str) -> None:
    text = report(folder, output_format)
    findings = [line for line in text.splitlines() if line.startswith(f"{NAME}:")]
    assert len(findings) == 1
    assert "\x1b" not in text and "\x07" not in text  # no terminal control sequences
    assert "owned %0A\\n]]>" in findings[0] and "\\x1b[31m\\x07\\x1f end" in findings[0]


def test_one_line_escapes_what_would_break_a_line() -> None:
    from lintnews.output import one_line

    assert one_line("Poutine said “no”") == "Poutine said “no”"
    assert one_line("a\nb\r\x1b[0m\u2028\u202eevil\tok") == "a\\nb\\r\\x1b[0m\\u2028\\u202eevil\tok"
    assert one_line("Almaty\u00a0Kazakhstan é") == "Almaty\u00a0Kazakhstan é"
