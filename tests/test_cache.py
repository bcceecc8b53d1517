"""The results cache: same output warm as cold, and never a stale entry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CACHE = ".lintnews_cache"


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("LINTNEWS_NO_CACHE")
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(seed, tmp_path / seed.name)
        (tmp_path / seed.name).chmod(0o644)
    return tmp_path


def entries(root: Path) -> list[Path]:
    return [p for p in (root / CACHE).rglob("*") if p.is_file() and p.parent.name != CACHE]


@pytest.mark.parametrize("output_format", ["json", "full", "sarif"])
def test_warm_output_equals_cold_output(run_cli, archive: Path, output_format: str) -> None:
    args = ("check", ".", "--isolated", "--output-format", output_format, "--jobs", "1")
    cold = run_cli(*args, "--no-cache", cwd=archive)
    assert not (archive / CACHE).exists()
    first = run_cli(*args, cwd=archive)
    assert entries(archive)
    warm = run_cli(*args, cwd=archive)
    assert cold.stdout == first.stdout == warm.stdout
    assert cold.exit_code == warm.exit_code == 1


def test_cache_folder_is_tagged_and_ignored(run_cli, archive: Path) -> None:
    run_cli("check", ".", "--isolated", cwd=archive)
    assert (
        (archive / CACHE / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (archive / CACHE / ".gitignore").read_text().splitlines()[-1] == "*"


def test_corpus_rules_are_recomputed_from_cached_statistics(run_cli, archive: Path) -> None:
    cold = run_cli("check", ".", "--isolated", "--select", "NM002", cwd=archive)
    warm = run_cli("check", ".", "--isolated", "--select", "NM002", cwd=archive)
    assert "NM002" in cold.stdout
    assert warm.stdout == cold.stdout
    # Without the file that holds the majority spelling, the variant is no longer flagged.
    for seed in ("000_37d922766cd08bbe.txt", "001_8cf712efd2f80509.txt"):
        (archive / seed).unlink()
    assert (
        "NM002" not in run_cli("check", ".", "--isolated", "--select", "NM002", cwd=archive).stdout
    )


def test_a_changed_file_is_linted_again(run_cli, archive: Path) -> None:
    run_cli("check", ".", "--isolated", cwd=archive)
    article = archive / "003_be770c9c753a573d.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n\nThe city was calm. .\n", "utf-8")
    assert (
        "003_be770c9c753a573d.txt:45:18: PN001"
        in run_cli("check", ".", "--isolated", cwd=archive).stdout
    )


def test_other_rules_or_settings_do_not_reuse_entries(run_cli, archive: Path) -> None:
    only_bp = run_cli("check", ".", "--isolated", "--select", "BP", cwd=archive)
    only_pn = run_cli("check", ".", "--isolated", "--select", "PN", cwd=archive)
    assert "BP001" in only_bp.stdout and "PN" not in only_bp.stdout.replace("--fix", "")
    assert "PN001" in only_pn.stdout and "BP0" not in only_pn.stdout
    (archive / "lintnews.toml").write_text('[rule-options.PN001]\nseverity = "info"\n', "utf-8")
    warm = run_cli("check", ".", "--select", "PN001", "--output-format", "json", cwd=archive)
    assert {d["severity"] for d in warm.json()} == {"info"}


def test_an_edited_user_pack_is_not_answered_from_the_cache(run_cli, archive: Path) -> None:
    pack = archive / "house.toml"
    rule = (
        '[[rules]]\ncode = "HS001"\nname = "house"\nkind = "existence"\n'
        'summary = "House style"\nmessage = "House style: {{match}}"\nphrases = ["{phrase}"]\n'
    )
    pack.write_text(rule.format(phrase="Almaty"), encoding="utf-8")
    (archive / "lintnews.toml").write_text(
        'rule-packs = ["house.toml"]\nselect = ["HS"]\n', "utf-8"
    )
    before = run_cli("check", ".", "--statistics", cwd=archive).stdout
    pack.write_text(rule.format(phrase="Tokayev"), encoding="utf-8")
    after = run_cli("check", ".", "--statistics", cwd=archive).stdout
    assert before != after


def test_no_cache_and_clean(run_cli, archive: Path) -> None:
    run_cli("check", ".", "--no-cache", cwd=archive)
    assert not (archive / CACHE).exists()
    assert run_cli("clean", cwd=archive).stdout == f"No {archive / CACHE}/ here.\n"
    run_cli("check", ".", cwd=archive)
    assert (archive / CACHE).is_dir()
    assert run_cli("clean", cwd=archive).stdout == f"Removed {archive / CACHE}/\n"
    assert not (archive / CACHE).exists()


def test_cache_dir_option_and_clean_refuses_a_folder_that_is_no_cache(
    run_cli, archive: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    elsewhere = tmp_path_factory.mktemp("cache") / "results"
    run_cli("check", ".", "--cache-dir", str(elsewhere), cwd=archive)
    assert (elsewhere / "CACHEDIR.TAG").is_file()
    assert not (archive / CACHE).exists()
    assert run_cli("clean", "--cache-dir", str(archive), cwd=archive).stdout.startswith("No ")
    assert any(archive.glob("*.txt"))


def test_fix_works_with_a_warm_cache(run_cli, archive: Path) -> None:
    run_cli("check", ".", "--isolated", cwd=archive)
    fixed = run_cli("check", ".", "--isolated", "--fix", cwd=archive)
    assert "Fixed 12 issues" in fixed.stdout
    assert (
        run_cli("check", ".", "--isolated", "--fix", cwd=archive).stdout.count("Fixed 0 issues")
        == 1
    )


def test_a_corrupt_entry_is_ignored(run_cli, archive: Path) -> None:
    cold = run_cli("check", ".", "--isolated", cwd=archive)
    for entry in entries(archive):
        entry.write_bytes(b"not a pickle")
    assert run_cli("check", ".", "--isolated", cwd=archive).stdout == cold.stdout


def test_warm_parallel_run_equals_one_process(run_cli, archive: Path) -> None:
    for copy in range(3):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(seed, archive / f"{copy}-{seed.name}")
    args = ("check", ".", "--isolated", "--output-format", "json")
    run_cli(*args, "--jobs", "2", cwd=archive)  # fills the cache
    for number in range(8):  # enough misses for the pool beside the hits
        text = f"Calm returned to Almaty on day {number}. .\n"
        (archive / f"{number}-new.txt").write_text(text, encoding="utf-8")
    warm = run_cli(*args, "--jobs", "2", cwd=archive)
    cold = run_cli(*args, "--jobs", "1", "--no-cache", cwd=archive)
    assert warm.stdout == cold.stdout
    assert "7-new.txt" in warm.stdout
