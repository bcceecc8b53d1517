"""Results per file, kept between runs in ``.lintnews_cache/``.

A file's entry is found by a key made of its bytes, the lintnews version,
its kind, and the rules that run on it with their settings: change any of
them and the file is linted again. An entry holds the file's diagnostics,
its line index, and what corpus rules collected from it, so that corpus
rules are recomputed on a warm run instead of skipped.

The folder carries a ``CACHEDIR.TAG`` (backup tools skip it) and a
``.gitignore`` (git ignores it). Entries are written atomically, so workers
running side by side cannot leave a half-written one.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lintnews import __version__

if TYPE_CHECKING:
    from lintnews.results import FileResult
    from lintnews.rule import Rule

FOLDER = ".lintnews_cache"
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by lintnews.\n"
    "# For information about cache directory tags see https://bford.info/cachedir/\n"
)


@dataclass
class Entry:
    """What a run keeps of one file between runs."""

    file: FileResult
    collected: dict[str, Any]


def cache_folder(given: Path | None = None) -> Path:
    """The folder given (``--cache-dir``), or ``.lintnews_cache`` here."""
    return given if given is not None else Path.cwd() / FOLDER


#: What an entry holds and how a document is read; raised when either changes
#: between releases (2: HTML is read as its visible text, with an offset map).
FORMAT = "2"


class Cache:
    """One cache folder: entries by key, under a folder per lintnews version."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries = self.folder / __version__

    def key(self, data: bytes, kind: str, rules_signature: str) -> str:
        digest = hashlib.blake2b(digest_size=20)
        for part in (
            __version__.encode(),
            FORMAT.encode(),
            kind.encode(),
            rules_signature.encode(),
            data,
        ):
            digest.update(len(part).to_bytes(8, "little"))
            digest.update(part)
        return digest.hexdigest()

    def load(self, key: str) -> Entry | None:
        try:
            with open(self._path(key), "rb") as handle:
                entry = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None
        return entry if isinstance(entry, Entry) else None

    def store(self, key: str, entry: Entry) -> None:
        """Write an entry; a cache that cannot be written is silently skipped."""
        path = self._path(key)
        with contextlib.suppress(OSError):
            self._prepare()
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    pickle.dump(entry, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise

    def _path(self, key: str) -> Path:
        return self.entries / key[:2] / key

    def _prepare(self) -> None:
        if (self.folder / "CACHEDIR.TAG").exists():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "CACHEDIR.TAG").write_text(_TAG, encoding="utf-8")
        (self.folder / ".gitignore").write_text("# Created by lintnews.\n*\n", encoding="utf-8")


def rules_signature(rules: Sequence[Rule]) -> str:
    """A digest of the rules, their settings and where they come from.

    A user's pack is identified by its content, a plugin by its version, and
    the built-in rules by the files lintnews is installed from, so that an
    edited rule or word list never meets a stale entry.
    """
    described = [
        {
            "code": rule.code,
            "severity": str(rule.severity),
            "settings": getattr(rule, "settings", {}),
            "origin": rule.origin,
            "pack": getattr(getattr(rule, "spec", None), "data", None),
            "backend": rule.backend_version(),
        }
        for rule in rules
    ]
    text = json.dumps([_installation(), described], sort_keys=True, default=str)
    # Hashed once here rather than with every file's key: the packs' data make it long.
    return hashlib.blake2b(text.encode(), digest_size=20).hexdigest()


@functools.cache
def _installation() -> str:
    """Sizes and times of lintnews's own files (code, packs and word lists)."""
    package = Path(__file__).resolve().parent
    roots = [package, package / "builtin_packs", package.parent / "rules"]
    digest = hashlib.blake2b(digest_size=16)
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix in (".py", ".toml"):
                info = path.stat()
                digest.update(f"{path}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def clean(folder: Path) -> bool:
    """Remove a cache folder; True when there was one."""
    if not (folder / "CACHEDIR.TAG").is_file():
        return False
    shutil.rmtree(folder)
    return True
