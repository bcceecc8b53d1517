"""Broken and hostile files in one run: every one reported, none crashes the run.

Each input of the robustness issue is built in a temporary folder beside a
clean article with a known artifact, and the real command runs over the lot
(a child process, as a user runs it: the time budget's timer and the worker
pool are the real ones). The run must end with the documented exit code
(2: some path could not be read), no traceback, the clean article's
diagnostic reported, and a message naming each odd file.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.results import RunOptions
from lintnews.runner import Runner

ARTICLE = "Kazakh troops patrolled Almaty on Thursday. .\n"


def _build(folder: Path) -> None:
    files: dict[str, bytes] = {
        "clean.txt": ARTICLE.encode(),
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n   ",
        "nul.txt": b"Almaty\x00 protests. .\n",
        "invalid-utf8.txt": b"Almaty \xff\xfe protests. .\n",
        "utf16-bom.txt": codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"),
        "utf16-no-bom.txt": ARTICLE.encode("utf-16-le"),
        "mixed-endings.txt": b"One. .\r\nTwo.\nThree.\rFour. .\n",
        "lone-cr.txt": b"Almaty. .\rAstana.\r",
        "one-line-50mb.txt": b"Troops patrolled Almaty. " * 2_000_000,
        "million-lines.txt": b"Almaty.\n" * 1_000_000,
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    if sys.platform != "darwin":  # macOS refuses names that are not UTF-8
        (folder / os.fsdecode(b"name-\xff.txt")).write_bytes(ARTICLE.encode())
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    outside = folder.parent / "outside.txt"
    outside.write_bytes(ARTICLE.encode())
    (folder / "link-out.txt").symlink_to(outside)
    os.mkfifo(folder / "wire.txt")
    (folder / "lintnews.toml").write_text("file-timeout = 2\n", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")
def test_every_hostile_input_in_one_run(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    _build(folder)
    report = tmp_path / "report.json"
    command = [sys.executable, "-m", "lintnews", "check", str(folder), "/dev/zero"]
    command += ["--no-cache", "--output-format", "json", "-o", str(report)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)

    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    found = {}
    for item in json.loads(report.read_text(encoding="utf-8")):
        found.setdefault(Path(item["filename"]).name, []).append(item["code"])
    assert found["clean.txt"] == ["PN001"]
    assert found["utf16-bom.txt"] == ["PN001"]
    assert found["invalid-utf8.txt"] == ["EN001", "PN001"]
    assert found["mixed-endings.txt"] == ["PN001", "PN001"]
    assert found["lone-cr.txt"] == ["PN001"]
    assert "LN002" in found["one-line-50mb.txt"]
    assert "empty.txt" not in found and "blank.txt" not in found
    if sys.platform != "darwin":
        assert found["name-\udcff.txt"] == ["PN001"]
    problems = done.stderr
    for name, why in [
        ("wire.txt", "not a regular file (a FIFO)"),
        ("/dev/zero", "not a regular file (a character device)"),
        ("loop-a.txt", "cannot read"),
        ("nul.txt", "skipped: contains NUL bytes"),
        ("utf16-no-bom.txt", "UTF-16 without a byte order mark"),
        ("link-out.txt", "symbolic link to outside the folder: not followed"),
    ]:
        line = next((line for line in problems.splitlines() if name in line), "")
        assert why in line, (name, problems)


@pytest.mark.slow
def test_a_folder_of_100000_files(tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    for i in range(100_000):
        (folder / f"{i:06d}.txt").write_text(f"Story {i} from Almaty. .\n", encoding="utf-8")
    report = tmp_path / "report.json"
    command = [sys.executable, "-m", "lintnews", "check", str(folder), "--no-cache"]
    command += ["--output-format", "json-lines", "-o", str(report)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert done.returncode == 1, done.stderr
    lines = report.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 100_000
    assert {json.loads(line)["code"] for line in lines} == {"PN001"}


def test_a_file_deleted_while_the_run_is_under_way(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    import lintnews.runner as runner

    discover = runner.discover

    def discover_then_delete(*args, **kwargs):
        files, missing = discover(*args, **kwargs)
        (tmp_path / "a.txt").unlink()  # gone between the walk and the read
        return files, missing

    monkeypatch.setattr(runner, "discover", discover_then_delete)
    result = Runner(RunOptions(jobs=1)).run([tmp_path])
    assert [(Path(p.path).name, p.message) for p in result.problems] == [
        ("a.txt", "cannot read: no such file or directory")
    ]
    assert [Path(f.path).name for f in result.files] == ["b.txt"]


def test_a_file_made_unreadable_while_the_run_is_under_way(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    import lintnews.loader as loader

    real_open = os.open

    def locked(path, flags, *args, **kwargs):
        # chmod 0 after the walk, as seen by any user (root ignores file modes)
        if os.fspath(path).endswith("a.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(loader.os, "open", locked)
    result = Runner(RunOptions(jobs=1)).run([tmp_path])
    assert [(Path(p.path).name, p.message) for p in result.problems] == [
        ("a.txt", "cannot read: permission denied")
    ]
    assert [Path(f.path).name for f in result.files] == ["b.txt"]
