"""The ``sarif`` format: valid SARIF 2.1.0 whose regions point at the flagged text.

Every log is validated against the official schema, copied to
``tests/schemas/`` so that the tests need no network. Regions are checked
against the file's text with an index of line starts written here, apart
from lintnews's own, so that an off-by-one in either is caught.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema

import lintnews

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
SRCROOT = "%SRCROOT%"
FINGERPRINT = "lintnewsFingerprint/v1"
BASE = ("check", "--isolated", "--output-format", "sarif")

Run = Callable[..., Any]  # the run_cli fixture of tests/conftest.py


def sarif(run_cli: Run, *args: str, cwd: Path, stdin: bytes | None = None) -> dict[str, Any]:
    """Run ``lintnews check ... --output-format sarif``; the log, validated."""
    result = run_cli(*BASE, *args, cwd=cwd, stdin=stdin)
    assert result.exit_code in (0, 1, 2), result.stderr
    return validated(result.stdout)


def validated(stdout: str) -> dict[str, Any]:
    """The log printed, checked against the official schema."""
    assert stdout.endswith("}\n")
    log = json.loads(stdout)
    validator = jsonschema.validators.validator_for(SCHEMA, default=jsonschema.Draft7Validator)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(SCHEMA).iter_errors(log)]
    assert not errors, errors[:5]
    return log


def only_run(log: dict[str, Any]) -> dict[str, Any]:
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    return log["runs"][0]


def local_path(run: dict[str, Any], location: dict[str, Any]) -> Path:
    """The file an artifactLocation names, resolved as a SARIF viewer would."""
    uri = location["uri"]
    if "uriBaseId" in location:
        uri = run["originalUriBaseIds"][location["uriBaseId"]]["uri"] + uri
    parts = urlsplit(uri)
    assert parts.scheme == "file", uri
    return Path(unquote(parts.path))


def line_starts(text: str) -> list[int]:
    """Offsets where lines start; CR, LF and CRLF each end a line."""
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def check_region(text: str, region: dict[str, Any]) -> str:
    """The text a region covers; fails unless its lines, columns and offsets agree."""
    starts = line_starts(text)
    start, length = region["charOffset"], region["charLength"]
    assert starts[region["startLine"] - 1] + region["startColumn"] - 1 == start
    assert starts[region["endLine"] - 1] + region["endColumn"] - 1 == start + length
    assert 0 <= start <= start + length <= len(text)
    return text[start : start + length]


def results_by_key(run: dict[str, Any]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        grouped[(result["ruleId"], region["snippet"]["text"])].append(result)
    return grouped


# -- the seed articles -----------------------------------------------------


def test_seeds_validate_and_regions_cut_out_the_snippets(run_cli: Run) -> None:
    run = only_run(sarif(run_cli, "seeds/", cwd=ROOT))
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["originalUriBaseIds"][SRCROOT]["uri"] == ROOT.as_uri() + "/"
    assert run["results"], "the seeds have findings"
    texts: dict[Path, str] = {}
    for result in run["results"]:
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == SRCROOT
        path = local_path(run, physical["artifactLocation"])
        assert path.parent == ROOT / "seeds"
        text = texts.setdefault(path, path.read_bytes().decode("utf-8-sig"))
        region = physical["region"]
        assert check_region(text, region) == region["snippet"]["text"]
        assert re.fullmatch(r"[0-9a-f]{32}", result["partialFingerprints"][FINGERPRINT])
        for fix in result.get("fixes", []):
            assert fix["properties"]["applicability"] in ("safe", "unsafe")
            for change in fix["artifactChanges"]:
                assert local_path(run, change["artifactLocation"]) == path
                for replacement in change["replacements"]:
                    check_region(text, replacement["deletedRegion"])


def test_seeds_rules_are_those_with_results_and_indexes_point_at_them(run_cli: Run) -> None:
    run = only_run(sarif(run_cli, "seeds/", cwd=ROOT))
    driver = run["tool"]["driver"]
    assert driver["name"] == "lintnews"
    assert driver["version"] == driver["semanticVersion"] == lintnews.__version__
    rules = driver["rules"]
    ids = [rule["id"] for rule in rules]
    assert ids == sorted(ids)
    assert set(ids) == {result["ruleId"] for result in run["results"]}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    for rule in rules:
        family = re.match(r"[A-Z]+", rule["id"]).group()
        assert rule["properties"]["tags"][0] == family
        assert len(rule["properties"]["tags"]) == 2
        assert rule["helpUri"].endswith(f"/rules/{rule['name']}/")
        assert rule["help"]["markdown"].startswith("## What it does")
        assert not rule["fullDescription"]["text"].startswith("#")
        assert "`" not in rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert [a["location"]["uri"] for a in run["artifacts"]] == sorted(
        f"seeds/{p.name}" for p in (ROOT / "seeds").glob("*.txt")
    )
    assert run["invocations"][0]["executionSuccessful"] is True


def test_output_is_deterministic(run_cli: Run) -> None:
    first = run_cli(*BASE, "seeds/", cwd=ROOT).stdout
    assert run_cli(*BASE, "seeds/", cwd=ROOT).stdout == first


# -- fingerprints ------------------------------------------------------------

ARTICLE = "Police said the streets were unsafe. .\n\nIt was cold. .\n\nIt was cold. .\n"


def test_fingerprints_survive_lines_added_above(run_cli: Run, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    before = results_by_key(only_run(sarif(run_cli, "article.txt", "--select", "PN", cwd=tmp_path)))
    article.write_text("A new lead paragraph.\n\nAnd a second one.\n\n" + ARTICLE, encoding="utf-8")
    after = results_by_key(only_run(sarif(run_cli, "article.txt", "--select", "PN", cwd=tmp_path)))
    assert before.keys() == after.keys()
    assert sum(map(len, before.values())) == 3
    for key, results in before.items():
        moved = after[key]
        assert [r["partialFingerprints"] for r in results] == [
            r["partialFingerprints"] for r in moved
        ]
        lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]
        assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in moved] == [
            line + 4 for line in lines
        ]


def test_identical_findings_get_different_fingerprints(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    run = only_run(sarif(run_cli, "article.txt", "--select", "PN", cwd=tmp_path))
    prints = [r["partialFingerprints"][FINGERPRINT] for r in run["results"]]
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in run["results"]]
    assert lines == [1, 3, 5]  # lines 3 and 5 are the same sentence, the same finding
    assert len(set(prints)) == 3


# -- code points ---------------------------------------------------------------


def test_crlf_and_emoji_are_counted_in_code_points(run_cli: Run, tmp_path: Path) -> None:
    first = "Flag 🇰🇿 and 😀 here, the streets were unsafe. ."
    second = "A 😀 wide emoji, then again. ."
    text = f"{first}\r\n\r\n{second}\r\n"
    (tmp_path / "crlf.txt").write_bytes(text.encode("utf-8"))
    run = only_run(sarif(run_cli, "crlf.txt", "--select", "PN001", cwd=tmp_path))
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    assert len(regions) == 2
    column = first.index(". .") + 1  # code points: the flag is 2, the emoji 1
    assert len(first[: column - 1].encode("utf-16-le")) // 2 == column - 1 + 3
    assert regions[0] == {
        "startLine": 1,
        "startColumn": column,
        "endLine": 1,
        "endColumn": column + 3,
        "charOffset": column - 1,
        "charLength": 3,
        "snippet": {"text": ". ."},
    }
    second_start = len(first) + 4  # two CRLFs, two code points each
    assert regions[1]["startLine"] == 3
    assert regions[1]["startColumn"] == second.index(". .") + 1
    assert regions[1]["charOffset"] == second_start + second.index(". .")
    for region in regions:
        assert check_region(text, region) == ". ."


# -- files that could not be linted -----------------------------------------------


def test_missing_and_binary_files_are_notifications(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"GIF89a\x00\x01\x02")
    (tmp_path / "good.txt").write_text("All is well.\n", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    log = sarif(run_cli, "missing.txt", "gone.txt", "binary.txt", "good.txt", cwd=tmp_path)
    invocation = only_run(log)["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = {
        n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: n
        for n in invocation["toolExecutionNotifications"]
    }
    assert set(notes) == {"missing.txt", "gone.txt", "binary.txt"}
    assert notes["missing.txt"]["level"] == notes["gone.txt"]["level"] == "error"
    assert "broken symbolic link" in notes["gone.txt"]["message"]["text"]
    assert "no such file" in notes["missing.txt"]["message"]["text"]
    assert notes["binary.txt"]["level"] == "note"
    assert "NUL" in notes["binary.txt"]["message"]["text"]
    assert [a["location"]["uri"] for a in only_run(log)["artifacts"]] == ["good.txt"]


def test_a_skipped_binary_file_alone_is_a_successful_run(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01")
    invocation = only_run(sarif(run_cli, "binary.txt", cwd=tmp_path))["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert [n["level"] for n in invocation["toolExecutionNotifications"]] == ["note"]


# -- text that must survive the JSON ----------------------------------------------

PACK = r"""
[pack]
name = "house"

[[rules]]
code = "XX001"
name = "odd-word"
kind = "existence"
severity = "info"
summary = "Odd :: word"
message = "Odd ]]> :: 100% \u0007 \u001b[31m\nnext line {match}"
phrases = ["zorblax"]
"""


def test_odd_characters_in_messages_and_paths_round_trip(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "house.toml").write_text(PACK, encoding="utf-8")
    (tmp_path / "lintnews.toml").write_text('rule-packs = ["house.toml"]\n', encoding="utf-8")
    (tmp_path / "my news 100%.txt").write_text("The zorblax spoke.\n", encoding="utf-8")
    result = run_cli("check", "--select", "XX", "--output-format", "sarif", cwd=tmp_path)
    assert "\x07" not in result.stdout and "\x1b" not in result.stdout
    run = only_run(validated(result.stdout))
    (found,) = run["results"]
    assert found["message"]["text"] == "Odd ]]> :: 100% \x07 \x1b[31m\nnext line zorblax"
    assert found["level"] == "note"
    location = found["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "my%20news%20100%25.txt", "uriBaseId": SRCROOT}
    assert local_path(run, location) == tmp_path / "my news 100%.txt"
    (rule,) = run["tool"]["driver"]["rules"]
    assert rule["properties"]["tags"] == ["XX", "house"]
    assert rule["shortDescription"]["text"] == "Odd :: word"
    assert "helpUri" not in rule


# -- where files are -------------------------------------------------------------


def test_stdin_uses_the_given_name(run_cli: Run, tmp_path: Path) -> None:
    stdin = b"The streets were unsafe. .\n"
    args = ("--select", "PN001", "-")
    named = only_run(
        sarif(run_cli, *args, "--stdin-filename", "wire/a b.txt", cwd=tmp_path, stdin=stdin)
    )
    location = named["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "wire/a%20b.txt", "uriBaseId": SRCROOT}
    bare = only_run(sarif(run_cli, *args, cwd=tmp_path, stdin=stdin))
    location = bare["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "-"}


def test_a_file_outside_the_folder_gets_an_absolute_uri(run_cli: Run, tmp_path: Path) -> None:
    outside = tmp_path / "other desk" / "a.txt"
    outside.parent.mkdir()
    outside.write_text("The streets were unsafe. .\n", encoding="utf-8")
    (tmp_path / "here").mkdir()
    run = only_run(sarif(run_cli, "--select", "PN001", str(outside), cwd=tmp_path / "here"))
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": outside.as_uri()}
    assert "%20" in location["uri"]
    assert local_path(run, location) == outside


def test_a_clean_article_still_makes_a_valid_log(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_text("Nothing is wrong with this sentence.\n", "utf-8")
    result = run_cli(*BASE, "clean.txt", cwd=tmp_path)
    assert result.exit_code == 0
    run = only_run(sarif(run_cli, "clean.txt", cwd=tmp_path))
    assert run["results"] == []
    assert run["tool"]["driver"]["rules"] == []
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


# -- written as it goes ------------------------------------------------------------


def _report(paths: list[Path]) -> Any:
    from lintnews.output import Report
    from lintnews.results import RunOptions
    from lintnews.runner import Runner

    runner = Runner(RunOptions(isolated=True, keep_text=True, jobs=1))
    return Report(runner.run(paths), runner.known_rules())


def test_the_streamed_log_is_the_log_byte_for_byte(tmp_path: Path, monkeypatch: Any) -> None:
    """Artifacts and results are written one by one; the text is that of the whole log."""
    import io

    from lintnews.jsontext import indented
    from lintnews.output import sarif as sarif_format

    monkeypatch.chdir(ROOT)
    # A path holding the stand-ins' words must not throw the splice off.
    odd = tmp_path / "lintnews:results" / '"lintnews:artifacts".txt'
    odd.parent.mkdir()
    odd.write_text("Troops patrolled Almaty. .\n", encoding="utf-8")
    clean = tmp_path / "clean.txt"
    clean.write_text("Troops patrolled Almaty.\n", encoding="utf-8")
    for paths in ([ROOT / "seeds", odd, tmp_path / "lintnews:artifacts"], [clean], []):
        report = _report(paths)
        stream = io.StringIO()
        sarif_format.render(report, stream)
        assert stream.getvalue() == indented(sarif_format.sarif_log(report, ROOT)) + "\n"
        validated(stream.getvalue())
