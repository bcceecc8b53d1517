"""The seeds against their gold annotation, through the real command line.

``score_gold.py`` is the project's copy of the scorer that defines what
"caught" and "violated" mean: a diagnostic whose span overlaps the artifact.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def load_scorer():
    spec = importlib.util.spec_from_file_location(
        "score_gold", Path(__file__).with_name("score_gold.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def spans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, int, str]]]:
    from typer.testing import CliRunner

    from lintnews.cli import app

    result = CliRunner().invoke(app, ["check", str(SEEDS), "--output-format", "json"])
    assert result.exit_code == 1, result.stderr
    scorer = load_scorer()
    found: dict[str, list[tuple[int, int, str]]] = {}
    for diagnostic in json.loads(result.stdout):
        name = Path(diagnostic["filename"]).name
        starts = scorer.line_starts((SEEDS / name).read_text(encoding="utf-8"))
        start = scorer.offset(starts, diagnostic["location"])
        end = scorer.offset(starts, diagnostic["end_location"])
        assert start == diagnostic["offset"] and end == diagnostic["end_offset"]
        found.setdefault(name, []).append((start, max(end, start + 1), diagnostic["code"]))
    return found


GOLD = json.loads((SEEDS / "seeds-gold.json").read_text(encoding="utf-8"))


def overlapping(spans, file: str, start: int, end: int) -> list[str]:
    return [code for s, e, code in spans.get(file, []) if s < end and start < e]


# Diagnostics on the seeds that no gold artifact explains, each a real
# artifact the annotation leaves out. The issue allows at most three.
KNOWN_UNEXPLAINED = {
    # “ready and mobilized to (…) be active”: a second French elision mark in
    # an English quotation; the gold marks only the first one of the article.
    ("002_aba87432a477d7a0.txt", "PN005", "(…)"),
}


@pytest.mark.parametrize(
    "artifact",
    [a for a in GOLD["artifacts"] if a["required"]],
    ids=lambda a: f"{a['file'][:3]}:{a['class']}:{a['snippet'][:30]}",
)
def test_every_required_artifact_is_caught(spans, artifact: dict) -> None:
    assert overlapping(spans, artifact["file"], artifact["start"], artifact["end"])


@pytest.mark.parametrize(
    "artifact",
    [a for a in GOLD["artifacts"] if a["note"] == "doubled period"],
    ids=lambda a: f"{a['file'][:3]}:{a['snippet']}",
)
def test_every_doubled_period_is_caught_by_pn001(spans, artifact: dict) -> None:
    assert "PN001" in overlapping(spans, artifact["file"], artifact["start"], artifact["end"])


@pytest.mark.parametrize("negative", GOLD["negatives"], ids=lambda n: n["snippet"][:30])
def test_no_negative_is_flagged(spans, negative: dict) -> None:
    assert overlapping(spans, negative["file"], negative["start"], negative["end"]) == []


def test_every_diagnostic_is_explained_by_the_gold_or_known(spans) -> None:
    unexplained = {
        (file, code, (SEEDS / file).read_text(encoding="utf-8")[start:end])
        for file, found in spans.items()
        for start, end, code in found
        if not any(
            a["file"] == file and start < a["end"] and a["start"] < end for a in GOLD["artifacts"]
        )
    }
    assert unexplained <= KNOWN_UNEXPLAINED
    assert len(KNOWN_UNEXPLAINED) <= 3
