"""Baselines: record today's findings, then report only new ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ARTICLE = (
    "Relative calm returned to Almaty on Friday.\n\n"
    "The streets were unsafe. .\n\n"
    "More than a thousand were injured , according to the authorities.\n\n"
    "Source link\n"
)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / "almaty.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def test_add_baseline_records_every_finding(run_cli, archive: Path) -> None:
    result = run_cli("check", "wire", "--add-baseline", "baseline.json", cwd=archive)
    assert result.exit_code == 0
    assert "Recorded 3 findings in baseline.json." in result.stderr
    recorded = json.loads((archive / "baseline.json").read_text(encoding="utf-8"))
    assert recorded["version"] == 1
    assert sorted(f["code"] for f in recorded["findings"]) == ["BP002", "PN001", "PN004"]
    assert {f["file"] for f in recorded["findings"]} == {"wire/almaty.txt"}


def test_baseline_hides_known_findings_and_reports_new_ones(run_cli, archive: Path) -> None:
    run_cli("check", "wire", "--add-baseline", "baseline.json", cwd=archive)
    clean = run_cli("check", "wire", "--baseline", "baseline.json", cwd=archive)
    assert clean.exit_code == 0
    assert "3 findings hidden by the baseline" in clean.stderr
    article = archive / "wire" / "almaty.txt"
    article.write_text(
        "Troops patrolled the city. .\n\nThe airport reopened.\n\n" + ARTICLE, encoding="utf-8"
    )
    new = run_cli("check", "wire", "--baseline", "baseline.json", cwd=archive)
    assert new.exit_code == 1
    assert new.stdout.startswith("wire/almaty.txt:1:26: PN001")
    assert "Found 1 diagnostic in 1 file." in new.stdout


def test_baseline_matches_from_another_folder(run_cli, archive: Path) -> None:
    run_cli("check", "wire", "--add-baseline", "baseline.json", cwd=archive)
    result = run_cli("check", ".", "--baseline", "../baseline.json", cwd=archive / "wire")
    assert result.exit_code == 0


def test_a_fixed_finding_does_not_come_back(run_cli, archive: Path) -> None:
    run_cli("check", "wire", "--add-baseline", "baseline.json", cwd=archive)
    article = archive / "wire" / "almaty.txt"
    article.write_text(ARTICLE.replace("unsafe. .", "unsafe."), encoding="utf-8")
    assert run_cli("check", "wire", "--baseline", "baseline.json", cwd=archive).exit_code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"version": 7}', "not a lintnews baseline"),
        ('{"version": 1, "fingerprint": "other/v9", "findings": []}', "record it again"),
        ('{"version": 1, "fingerprint": "lintnews/v1", "findings": [1]}', "'findings' must list"),
    ],
)
def test_a_bad_baseline_is_a_clear_error(
    run_cli, archive: Path, content: str, message: str
) -> None:
    (archive / "baseline.json").write_text(content, encoding="utf-8")
    result = run_cli("check", "wire", "--baseline", "baseline.json", cwd=archive)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_baseline_and_conflicting_options(run_cli, archive: Path) -> None:
    assert run_cli("check", "wire", "--baseline", "none.json", cwd=archive).exit_code == 2
    both = run_cli("check", "wire", "--add-baseline", "b.json", "--fix", cwd=archive)
    assert both.exit_code == 2
    assert not (archive / "b.json").exists()
