"""Parallel runs give exactly the output of a run in one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lintnews.parallel import MIN_FILES, worth_a_pool

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Three copies of the seeds: enough files for a pool, and corpus rules that fire."""
    for copy in range(3):
        for seed in sorted(SEEDS.glob("*.txt")):
            shutil.copyfile(seed, tmp_path / f"{copy}-{seed.name}")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    return tmp_path


@pytest.mark.parametrize("output_format", ["json", "concise", "sarif"])
def test_jobs_do_not_change_the_output(run_cli, corpus: Path, output_format: str) -> None:
    runs = [
        run_cli(
            "check", ".", "--isolated", "--output-format", output_format, "--jobs", jobs, cwd=corpus
        )
        for jobs in ("1", "2", "3")
    ]
    assert all(run.exit_code == 1 for run in runs)
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert runs[0].stderr == runs[1].stderr == runs[2].stderr
    assert "NM002" in runs[0].stdout  # a corpus rule across the copies


def test_fix_with_jobs_matches_one_process(run_cli, corpus: Path, tmp_path_factory) -> None:
    other = tmp_path_factory.mktemp("other")
    for path in corpus.iterdir():
        shutil.copyfile(path, other / path.name)
    run_cli("check", ".", "--isolated", "--fix", "--unsafe-fixes", "--jobs", "1", cwd=corpus)
    run_cli("check", ".", "--isolated", "--fix", "--unsafe-fixes", "--jobs", "2", cwd=other)
    for path in sorted(corpus.iterdir()):
        assert path.read_bytes() == (other / path.name).read_bytes(), path.name


def test_small_runs_stay_in_process() -> None:
    assert not worth_a_pool(MIN_FILES - 1, 4)
    assert not worth_a_pool(1000, 1)
    assert worth_a_pool(MIN_FILES, 2)


def test_jobs_must_be_positive(run_cli, corpus: Path) -> None:
    assert run_cli("check", ".", "--jobs", "0", cwd=corpus).exit_code == 2
