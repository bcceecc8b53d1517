"""Which files a run lints: walking folders and applying excludes."""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from lintnews.config import Config
from lintnews.corpora import CORPUS_SUFFIXES
from lintnews.loader import ARTICLE_SUFFIXES

#: Articles, and corpora of records (lintnews.corpora).
_LINTED_SUFFIXES = ARTICLE_SUFFIXES | CORPUS_SUFFIXES


@dataclass(frozen=True)
class MissingPath:
    """A path not linted: given but missing (an error), or skipped on the way (a note)."""

    path: str
    reason: str
    level: str = "error"


def is_excluded(path: Path, config: Config) -> bool:
    """True when a pattern of ``exclude``/``extend-exclude`` matches the path.

    A pattern matches the file or folder name (``drafts``, ``*.tmp.txt``) or
    the path relative to the folder of the configuration file
    (``archive/2019/*.txt``).
    """
    patterns = config.excludes
    if not patterns:
        return False
    matches = _matcher(patterns)
    relative = relative_path(path, config.root)
    if relative is None:
        names: Sequence[str] = Path(os.path.abspath(path)).parts
    else:
        names = () if relative == "." else relative.split("/")
    if any(matches(os.path.normcase(name)) for name in names):
        return True
    return relative is not None and matches(os.path.normcase(relative)) is not None


@functools.lru_cache(maxsize=64)
def _matcher(patterns: tuple[str, ...]) -> Callable[[str], re.Match[str] | None]:
    """One compiled alternation of the glob patterns, as ``fnmatch`` reads them.

    A walk asks for every file and folder; matching each glob with
    ``fnmatch`` one by one cost more than linting a cached archive.
    """
    return re.compile("|".join(fnmatch.translate(os.path.normcase(p)) for p in patterns)).match


def relative_path(path: Path, root: Path) -> str | None:
    """``path`` relative to ``root`` in POSIX form, or None when it lies outside.

    Works on absolute paths without resolving symbolic links, so that a link
    loop cannot raise and a linked file keeps the name it was found under.
    """
    absolute, base = os.path.abspath(path), os.path.abspath(root)
    if absolute == base:
        return "."
    prefix = base if base.endswith(os.sep) else base + os.sep
    if not absolute.startswith(prefix):
        return None
    return absolute[len(prefix) :].replace(os.sep, "/")


def discover(
    paths: Sequence[Path],
    config_for: Callable[[Path], Config],
    *,
    force_exclude: bool = False,
    follow_links: bool = False,
) -> tuple[list[Path], list[MissingPath]]:
    """Article files under ``paths`` in a stable order, and paths that do not exist.

    A file named on the command line is linted whatever its extension, unless
    ``force_exclude`` applies the excludes to it too (for pre-commit, which
    passes every changed file).
    """
    found: dict[Path, None] = {}
    missing: list[MissingPath] = []
    for path in paths:
        if path.is_dir():
            for file in _walk(path, config_for):
                if not follow_links and _links_outside(file, path):
                    reason = "symbolic link to outside the folder: not followed (--follow-links)"
                    missing.append(MissingPath(str(file), reason, "note"))
                    continue
                found.setdefault(file, None)
        elif path.exists():
            if not (force_exclude and is_excluded(path, config_for(path.parent))):
                found.setdefault(path, None)
        else:
            reason = "broken symbolic link" if path.is_symlink() else "no such file or directory"
            missing.append(MissingPath(str(path), reason))
    return list(found), missing


def _links_outside(file: Path, root: Path) -> bool:
    """Whether ``file`` is a symbolic link whose target lies outside ``root``."""
    if not os.path.islink(file):
        return False
    target, base = os.path.realpath(file), os.path.realpath(root)
    try:
        return os.path.commonpath([target, base]) != base
    except ValueError:  # another drive
        return True


def _walk(root: Path, config_for: Callable[[Path], Config]) -> Iterator[Path]:
    # Symbolic links to folders are not followed: a link loop or a link out
    # of the archive must not make the run walk forever or lint elsewhere.
    for folder, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(folder)
        config = config_for(here)
        dirnames[:] = sorted(d for d in dirnames if not is_excluded(here / d, config))
        for name in sorted(filenames):
            file = here / name
            if file.suffix.lower() in _LINTED_SUFFIXES and not is_excluded(file, config):
                yield file
