"""Data tables for built-in Python rules: word lists that live in ``rules/data/``.

A Python rule that needs a list (abbreviations, camel-case brand names)
keeps it in a TOML file of ``rules/data/`` rather than in a literal, so that
editors can extend it without touching code. Users extend a rule's data
through that rule's options in their configuration.
"""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import Any


class DataError(Exception):
    """A built-in data file is missing or malformed (a packaging bug)."""


def data_folder() -> Path:
    """``lintnews/builtin_packs/data`` in a wheel, ``rules/data`` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    for folder in (package / "builtin_packs" / "data", package.parent / "rules" / "data"):
        if folder.is_dir():
            return folder
    raise DataError("the built-in rule data folder (rules/data) is missing")


@functools.cache
def load_data(name: str) -> dict[str, Any]:
    """The table in ``rules/data/<name>.toml``, read once per process."""
    path = data_folder() / f"{name}.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DataError(f"{path}: cannot read: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise DataError(f"{path}: invalid TOML: {error}") from None


@functools.cache
def string_set(name: str, key: str) -> frozenset[str]:
    """A list of strings from a data file, as a set (built once per process)."""
    values = load_data(name).get(key)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DataError(f"{name}.toml: {key!r} must be a list of strings")
    return frozenset(values)
