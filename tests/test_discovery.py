"""Which files a run lints: excludes and paths relative to the config's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.config import Config
from lintnews.discovery import discover, is_excluded, relative_path


def test_relative_path_inside_equal_and_outside(tmp_path: Path) -> None:
    assert relative_path(tmp_path / "archive" / "2019" / "a.txt", tmp_path) == "archive/2019/a.txt"
    assert relative_path(tmp_path, tmp_path) == "."
    assert relative_path(tmp_path.parent / "elsewhere.txt", tmp_path) is None
    # A sibling whose name starts with the root's name is outside it.
    assert relative_path(Path(f"{tmp_path}-old") / "a.txt", tmp_path) is None
    assert relative_path(Path("/srv/news/a.txt"), Path("/")) == "srv/news/a.txt"


@pytest.mark.parametrize(
    ("relative", "excluded"),
    [
        ("drafts/kazakhstan.txt", True),  # a folder name anywhere on the path
        ("2022/drafts/kazakhstan.txt", True),
        ("2022/kazakhstan.tmp.txt", True),  # a file-name glob
        ("archive/2019/almaty.txt", True),  # a glob on the relative path
        ("archive/2020/almaty.txt", False),
        ("2022/kazakhstan.txt", False),
        (".git/COMMIT_EDITMSG", True),  # the defaults still apply
    ],
)
def test_excludes(tmp_path: Path, relative: str, excluded: bool) -> None:
    config = Config(
        path=tmp_path / "lintnews.toml",
        root=tmp_path,
        extend_exclude=("drafts", "*.tmp.txt", "archive/2019/*.txt"),
    )
    assert is_excluded(tmp_path / relative, config) is excluded


def test_a_hidden_folder_pattern(tmp_path: Path) -> None:
    config = Config(path=tmp_path / "lintnews.toml", root=tmp_path, extend_exclude=(".*",))
    assert is_excluded(tmp_path / ".cache" / "a.txt", config)
    assert not is_excluded(tmp_path / "cache" / "a.txt", config)


def test_discover_walks_in_order_and_skips_excluded_folders(tmp_path: Path) -> None:
    for name in ("b/2.txt", "a/1.md", "drafts/3.txt", "a/notes.pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Almaty.\n", encoding="utf-8")
    config = Config(path=tmp_path / "lintnews.toml", root=tmp_path, extend_exclude=("drafts",))
    files, missing = discover([tmp_path, tmp_path / "gone.txt"], lambda _: config)
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["a/1.md", "b/2.txt"]
    assert [m.reason for m in missing] == ["no such file or directory"]
