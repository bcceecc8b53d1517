"""Loading articles: decoding, binary files, unreadable and missing paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lintnews.loader import (
    BinaryFileError,
    UnreadableFileError,
    decode,
    kind_for,
    read_bytes,
    read_document,
)
from lintnews.results import RunOptions
from lintnews.runner import Runner

ARTICLE = "The situation in Almaty remains unsafe. .\n"


def run(*paths: Path):
    return Runner(RunOptions()).run(list(paths))


def test_kind_by_extension() -> None:
    assert kind_for("report.md") == "markdown"
    assert kind_for("REPORT.MARKDOWN") == "markdown"
    assert kind_for("report.txt") == "text"


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(BinaryFileError, match="NUL"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_empty_and_whitespace_only_files_are_clean(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\n\t\n", encoding="utf-8")
    result = run(tmp_path)
    assert [f.path for f in result.files] == [
        str(tmp_path / "blank.txt"),
        str(tmp_path / "empty.txt"),
    ]
    assert result.diagnostics == []
    assert result.problems == []


def test_binary_file_is_skipped_with_a_note_and_others_are_linted(tmp_path: Path) -> None:
    (tmp_path / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    result = run(tmp_path)
    assert [(p.level, Path(p.path).name) for p in result.problems] == [("note", "photo.txt")]
    assert [d.code for _, d in result.diagnostics] == ["PN001"]
    assert not result.has_errors


def test_invalid_utf8_gets_one_diagnostic_and_other_rules_still_run(tmp_path: Path) -> None:
    (tmp_path / "latin1.txt").write_bytes(
        "Café owners say the city is unsafe. .\n".encode("latin-1")
    )
    result = run(tmp_path)
    assert sorted(d.code for _, d in result.diagnostics) == ["EN001", "PN001"]


def test_missing_path_is_reported_and_others_are_linted(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    result = run(tmp_path / "gone.txt", tmp_path / "story.txt")
    assert [Path(p.path).name for p in result.problems] == ["gone.txt"]
    assert result.has_errors
    assert [d.code for _, d in result.diagnostics] == ["PN001"]


def test_unreadable_file_symlink_loop(tmp_path: Path) -> None:
    # A link to itself cannot be read even by root, unlike a chmod 000 file.
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(UnreadableFileError):
        read_document(tmp_path / "loop.txt")
    result = run(tmp_path)
    assert [(Path(p.path).name, p.level) for p in result.problems] == [("loop.txt", "error")]
    assert [d.code for _, d in result.diagnostics] == ["PN001"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_permissions(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    try:
        result = run(tmp_path)
    finally:
        locked.chmod(0o644)
    assert "permission denied" in result.problems[0].message


def test_folder_with_no_articles(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("a,b\n", encoding="utf-8")
    result = run(tmp_path)
    assert len(result.files) == 0 and result.problems == []


def test_default_excludes_skip_tool_folders(tmp_path: Path) -> None:
    for folder in (".git", ".venv", "node_modules"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "README.txt").write_text(ARTICLE, encoding="utf-8")
    assert len(run(tmp_path).files) == 0


def test_symlinked_folders_are_not_followed(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "archive" / "again").symlink_to(tmp_path / "archive")
    assert len(run(tmp_path).files) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "wire.txt"
    os.mkfifo(fifo)  # nothing ever writes to it: reading would wait forever
    with pytest.raises(UnreadableFileError, match="not a regular file \\(a FIFO\\)"):
        read_bytes(fifo)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_not_read() -> None:
    with pytest.raises(UnreadableFileError, match="a character device"):
        read_bytes(Path("/dev/zero"))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_named_as_such(codec: str) -> None:
    data = "Kazakh troops patrolled Almaty on Thursday. .\n".encode(codec)
    with pytest.raises(BinaryFileError, match="UTF-16 without a byte order mark"):
        decode(data)


def test_other_nul_bytes_are_just_binary() -> None:
    with pytest.raises(BinaryFileError, match=r"^contains NUL bytes$"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
