"""The seeds after ``lintnews check --fix --unsafe-fixes``, against reviewed goldens.

``tests/golden/fixed_seeds/`` holds the five seed articles as the fixer
leaves them, reviewed by hand. Every gold artifact that has a ``fix`` value
must read that way in the fixed file, and nothing may change away from the
annotated artifacts except the line breaks around deleted lines.
Regenerate after a reviewed change with ``LINTNEWS_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import difflib
import functools
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lintnews.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLDEN = ROOT / "tests" / "golden" / "fixed_seeds"
GOLD = json.loads((SEEDS / "seeds-gold.json").read_text(encoding="utf-8"))
COMMAND = ["check", ".", "--fix", "--unsafe-fixes", "--isolated", "--quiet"]


@pytest.fixture(scope="module")
def fixed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The seeds fixed in a scratch folder: name -> text."""
    folder = tmp_path_factory.mktemp("seeds")
    for seed in SEEDS.glob("*.txt"):
        target = folder / seed.name
        shutil.copyfile(seed, target)
        target.chmod(stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IROTH)
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(app, COMMAND)
        assert result.exit_code == 1, result.stderr  # diagnostics without a fix remain
        again = CliRunner().invoke(app, COMMAND)
    finally:
        os.chdir(cwd)
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
    assert again.exit_code == 1
    assert {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")} == texts
    if os.environ.get("LINTNEWS_UPDATE_GOLDEN"):
        for name, text in texts.items():
            (GOLDEN / name).write_bytes(text.encode("utf-8"))
    return texts


# Damage the gold leaves unannotated that the fixer rightly repairs: the
# second French elision mark “(…)” of 002, inside an English quotation.
UNANNOTATED = {"002_aba87432a477d7a0.txt": ["mobilized to (…) be active"]}


@functools.cache
def original(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


@functools.cache
def _opcodes(name: str, fixed_text: str) -> list[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, original(name), fixed_text, autojunk=False).get_opcodes()


def test_fixed_seeds_match_the_reviewed_goldens(fixed: dict[str, str]) -> None:
    assert sorted(fixed) == sorted(p.name for p in GOLDEN.glob("*.txt"))
    for name, text in fixed.items():
        assert text == (GOLDEN / name).read_text(encoding="utf-8"), name


def _mapped(name: str, fixed_text: str, start: int, end: int) -> str:
    """The text that stands where ``original[start:end]`` stood."""

    def where(offset: int, *, at_end: bool) -> int:
        for tag, i1, i2, j1, j2 in _opcodes(name, fixed_text):
            if tag == "equal" and i1 <= offset <= i2:
                return j1 + offset - i1
            if i1 <= offset < i2 or (at_end and i1 < offset <= i2):
                return j2 if at_end else j1
        return len(fixed_text)

    return fixed_text[where(start, at_end=False) : where(end, at_end=True)]


@pytest.mark.parametrize(
    "artifact",
    [a for a in GOLD["artifacts"] if a["fix"] is not None],
    ids=lambda a: f"{a['file'][:3]}:{a['snippet'][:30]}",
)
def test_every_gold_fix_is_applied(fixed: dict[str, str], artifact: dict) -> None:
    name = artifact["file"]
    assert original(name)[artifact["start"] : artifact["end"]] == artifact["snippet"]
    now = _mapped(name, fixed[name], artifact["start"], artifact["end"])
    assert now.strip() == artifact["fix"]


@pytest.mark.parametrize("name", GOLD["files"])
def test_nothing_changes_away_from_the_artifacts(fixed: dict[str, str], name: str) -> None:
    before = original(name)
    artifacts = [a for a in GOLD["artifacts"] if a["file"] == name]
    spans = [(a["start"], a["end"]) for a in artifacts]
    # The gold marks the first of a repeated artifact; its repeats may change too.
    snippets = [a["snippet"] for a in artifacts] + UNANNOTATED.get(name, [])
    for snippet in snippets:
        start = before.find(snippet)
        while start >= 0:
            spans.append((start, start + len(snippet)))
            start = before.find(snippet, start + 1)
    for tag, i1, i2, j1, j2 in _opcodes(name, fixed[name]):
        if tag == "equal":
            continue
        touched = before[i1:i2] + fixed[name][j1:j2]
        at_artifact = any(s <= i2 and i1 <= e for s, e in spans)
        assert at_artifact or not touched.strip(), (tag, before[i1:i2], fixed[name][j1:j2])
