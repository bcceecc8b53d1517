"""Tests of ``--output-format junit``: JUnit XML for CI dashboards.

Whatever a scraped article quotes into a message (markup, ``]]>``, control
characters, emoji), the report must parse, and the counts must agree with
the JSON output of the same run, since dashboards show those numbers.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lintnews.output.junit import clean

ROOT = Path(__file__).resolve().parents[2]
ARGS = ("check", "tests/golden/articles", "--isolated", "--select", "PN,BP,EN")
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

# Markup, a CDATA end, quotes, C0 controls, a noncharacter, CR/LF/tab and emoji.
ODD_MESSAGE = (
    'A “{match}” ]]> <b>&amp;</b> "q" \x07bell \x1b[31m \ufffe \r\n\tend 🦜\U0001f1f0\U0001f1ff'
)

Run = Callable[..., Any]  # the run_cli fixture of tests/conftest.py


def write_pack(folder: Path, message: str) -> None:
    """A ``lintnews.toml`` that loads one user rule flagging "flagme", and only it."""
    folder.joinpath("lintnews.toml").write_text(
        'rule-packs = ["pack.toml"]\nselect = ["ZZ"]\n', encoding="utf-8"
    )
    folder.joinpath("pack.toml").write_text(
        '[pack]\nname = "odd"\ndescription = "test pack"\n\n[[rules]]\n'
        'code = "ZZ001"\nname = "odd"\nkind = "existence"\nsummary = "a test rule"\n'
        'phrases = ["flagme"]\n'
        # A JSON string (controls as \u escapes) is also a TOML basic string.
        f"message = {json.dumps(message, ensure_ascii=False)}\n",
        encoding="utf-8",
    )


def junit(run_cli: Run, *args: str, cwd: Path, exit_code: int = 1) -> ET.Element:
    result = run_cli(*args, "--output-format", "junit", cwd=cwd)
    assert result.exit_code == exit_code, result.stderr
    assert result.stdout.startswith(DECLARATION)
    root = ET.fromstring(result.stdout.encode("utf-8"))
    check_structure(root)
    return root


def check_structure(root: ET.Element) -> None:
    """Loosely, what JUnit readers rely on: names everywhere, counts that add up."""
    assert root.tag == "testsuites"
    assert root.get("name") == "lintnews"
    suites = list(root)
    assert all(suite.tag == "testsuite" for suite in suites)
    for key in ("tests", "failures", "errors"):
        assert int(root.get(key, "-1")) == sum(int(suite.get(key, "-1")) for suite in suites)
    for suite in suites:
        cases = list(suite)
        assert suite.get("name")
        assert all(case.tag == "testcase" for case in cases)
        assert int(suite.get("tests", "-1")) == len(cases) > 0
        assert int(suite.get("failures", "-1")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("errors", "-1")) == len(suite.findall("testcase/error"))
        for case in cases:
            assert case.get("name") and case.get("classname") == suite.get("name")
            assert len(case) <= 1


def failures(root: ET.Element) -> list[tuple[ET.Element, ET.Element]]:
    return [
        (case, case[0]) for case in root.iter("testcase") if len(case) and case[0].tag == "failure"
    ]


def test_golden_articles_agree_with_the_json_records(run_cli: Run) -> None:
    root = junit(run_cli, *ARGS, cwd=ROOT)
    records = run_cli(*ARGS, "--output-format", "json", cwd=ROOT).json()
    assert root.get("tests") == root.get("failures") == str(len(records))
    assert root.get("errors") == "0"
    per_file = Counter(r["filename"] for r in records)
    assert {s.get("name"): int(s.get("failures", "")) for s in root} == per_file
    found = [
        (
            case.get("classname"),
            case.get("file"),
            case.get("name"),
            case.get("line"),
            failure.get("type"),
            failure.get("message"),
            failure.text,
        )
        for case, failure in failures(root)
    ]
    expected = []
    for r in records:
        row, column = r["location"]["row"], r["location"]["column"]
        where = f"{r['filename']}:{row}:{column}"
        expected.append(
            (
                r["filename"],
                r["filename"],
                f"{r['code']} {r['name']} at {row}:{column}",
                str(row),
                r["code"],
                r["message"],
                f"{where}: {r['code']} {r['message']}",
            )
        )
    assert found == expected
    # Columns after the two-code-point flag and the wide emoji are code points.
    assert "PN001 doubled-period at 7:41" in [name for _, _, name, *_ in found]


def test_a_clean_file_is_a_passing_testcase(run_cli: Run, tmp_path: Path) -> None:
    tmp_path.joinpath("clean.txt").write_text("All is well.\n", encoding="utf-8")
    tmp_path.joinpath("dirty.txt").write_text("Not so. .\n", encoding="utf-8")
    root = junit(run_cli, "check", ".", "--isolated", "--select", "PN", cwd=tmp_path)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "0")
    clean_suite, dirty_suite = list(root)
    assert clean_suite.attrib == {
        "name": "clean.txt",
        "tests": "1",
        "failures": "0",
        "errors": "0",
    }
    [case] = list(clean_suite)
    assert case.attrib == {"name": "lintnews", "classname": "clean.txt"}
    assert len(case) == 0  # no failure, error or skipped: it passed
    assert dirty_suite.get("name") == "dirty.txt"


def test_a_clean_run_is_an_empty_report(run_cli: Run, tmp_path: Path) -> None:
    """No files at all still gives a document, with zero counts."""
    result = run_cli("check", ".", "--isolated", "--output-format", "junit", cwd=tmp_path)
    root = ET.fromstring(result.stdout)
    assert root.attrib == {"name": "lintnews", "tests": "0", "failures": "0", "errors": "0"}
    assert len(root) == 0


def test_odd_messages_round_trip(run_cli: Run, tmp_path: Path) -> None:
    write_pack(tmp_path, ODD_MESSAGE)
    tmp_path.joinpath("a&b [c].txt").write_text("x 🦜 flagme\r\nflagme]]>\n", encoding="utf-8")
    result = run_cli("check", ".", "--output-format", "junit", cwd=tmp_path)
    assert "]]>" not in result.stdout  # escaped as ]]&gt; in text and attributes
    root = ET.fromstring(result.stdout)
    check_structure(root)
    records = run_cli("check", ".", "--output-format", "json", cwd=tmp_path).json()
    assert len(records) == len(failures(root)) == 2
    for record, (case, failure) in zip(records, failures(root), strict=True):
        message = record["message"]
        assert "\x07" in message and "\x1b" in message and "\ufffe" in message
        expected = message.replace("\x07", "\ufffd").replace("\x1b", "\ufffd")
        expected = expected.replace("\ufffe", "\ufffd")
        assert failure.get("message") == expected
        row, column = record["location"]["row"], record["location"]["column"]
        assert failure.text == f"a&b [c].txt:{row}:{column}: ZZ001 {expected}"
        assert case.get("file") == case.get("classname") == "a&b [c].txt"
    assert [case.get("name") for case, _ in failures(root)] == [
        "ZZ001 odd at 1:5",
        "ZZ001 odd at 2:1",
    ]


def test_a_missing_path_is_an_error_testcase(run_cli: Run, tmp_path: Path) -> None:
    tmp_path.joinpath("binary.txt").write_bytes(b"a\x00b\n")
    tmp_path.joinpath("article.txt").write_text("Fine.\n", encoding="utf-8")
    args = ("check", "missing.txt", ".", "--isolated", "--select", "PN")
    root = junit(run_cli, *args, cwd=tmp_path, exit_code=2)
    assert [s.get("name") for s in root] == ["article.txt", "binary.txt", "missing.txt"]
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "0", "1")
    [error] = root.findall("testsuite[@name='missing.txt']/testcase/error")
    assert error.get("message") == "cannot read: no such file or directory"
    [skipped] = root.findall("testsuite[@name='binary.txt']/testcase/skipped")
    assert skipped.get("message") == "skipped: contains NUL bytes"


def test_an_undecodable_file_name_still_parses(run_cli: Run, tmp_path: Path) -> None:
    """A name that is not UTF-8 reaches Python as lone surrogates, which XML cannot hold."""
    write_pack(tmp_path, "found {match}")
    try:
        Path(tmp_path, b"bad\xff.txt".decode("utf-8", "surrogateescape")).write_text("flagme\n")
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    root = junit(run_cli, "check", ".", cwd=tmp_path)
    [(case, failure)] = failures(root)
    assert case.get("classname") == "bad\ufffd.txt"
    assert failure.text == "bad\ufffd.txt:1:1: ZZ001 found flagme"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain ]]> <&> \"'", "plain ]]> <&> \"'"),
        ("\t\n\r kept", "\t\n\r kept"),
        ("\x00\x08\x0b\x0c\x1f\x7f", "\ufffd" * 5 + "\x7f"),
        ("\ud800 lone \udfff", "\ufffd lone \ufffd"),
        ("\ufffe\uffff\ufffd", "\ufffd\ufffd\ufffd"),
        ("\ud7ff\ue000 \U0001f99c \U0010ffff", "\ud7ff\ue000 \U0001f99c \U0010ffff"),
    ],
)
def test_clean_keeps_exactly_what_xml_can_carry(value: str, expected: str) -> None:
    assert clean(value) == expected
