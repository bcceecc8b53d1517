"""Shared fixtures: the seed articles, and running the CLI in-process."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lintnews.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> object:
        return json.loads(self.stdout)


@pytest.fixture(autouse=True)
def _no_results_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests lint without the results cache unless they test it (tests/test_cache.py)."""
    monkeypatch.setenv("LINTNEWS_NO_CACHE", "1")
    monkeypatch.delenv("LINTNEWS_CACHE_DIR", raising=False)


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run ``lintnews ARGS`` in-process, optionally in a folder and with stdin."""

    def run(*args: str, cwd: Path | None = None, stdin: bytes | str | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        result = CliRunner().invoke(app, list(args), input=stdin, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def cli(run_cli: Callable[..., CliResult]) -> Callable[..., CliResult]:
    """``run_cli`` that also insists on no traceback in the output."""

    def run(*args: str, cwd: Path | None = None, stdin: bytes | str | None = None) -> CliResult:
        result = run_cli(*args, cwd=cwd, stdin=stdin)
        assert "Traceback" not in result.stderr, result.stderr
        assert "Traceback" not in result.stdout, result.stdout
        return result

    return run


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def gold() -> dict:
    return json.loads((SEEDS / "seeds-gold.json").read_text(encoding="utf-8"))
