"""Configuration files: ``.lintnews.toml``, ``lintnews.toml``, ``pyproject.toml``.

For each linted path lintnews looks upward from its folder and takes the
first folder holding one of these files (in that order of preference; a
``pyproject.toml`` counts only with a ``[tool.lintnews]`` table). Command-line
options win over the file. Every key is checked: an unknown key, a value of
the wrong type or an unknown rule code is an error naming the file, line
and key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_NAMES = (".lintnews.toml", "lintnews.toml", "pyproject.toml")

DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "node_modules",
    "__pycache__",
    ".lintnews_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".mypy_cache",
)

LIST_KEYS = ("select", "ignore", "extend-select", "exclude", "extend-exclude", "rule-packs")
#: Settings of the language rules, given once for every rule that takes them
#: (a rule declares an option of the same name; ``rule-options`` still win).
LANGUAGE_KEYS = (
    "dialect",
    "languagetool-url",
    "languagetool-path",
    "languagetool-timeout",
    "source-languages",
)
DIALECTS = ("american", "british", "australian", "canadian", "indian")
KNOWN_KEYS = (
    *LIST_KEYS,
    "per-file-ignores",
    "rule-options",
    "pattern-timeout",
    "file-timeout",
    *LANGUAGE_KEYS,
)
#: Seconds one file may take before the rest of its rules are skipped (LN002).
DEFAULT_FILE_TIMEOUT = 10.0


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names file and key."""


@dataclass(frozen=True)
class Config:
    """Settings from one file (or the defaults when there is none)."""

    path: Path | None = None
    root: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    rule_packs: tuple[Path, ...] = ()
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    pattern_timeout: float | None = None
    file_timeout: float = DEFAULT_FILE_TIMEOUT
    #: The language keys the file sets (``dialect``, ``languagetool-url``, ...).
    language: tuple[tuple[str, Any], ...] = ()

    @property
    def excludes(self) -> tuple[str, ...]:
        return self.exclude + self.extend_exclude

    def options_for(self, code: str) -> dict[str, Any]:
        return next((dict(opts) for c, opts in self.rule_options if c == code), {})

    def describe(self, key: str) -> str:
        """Where a key lives, for error messages: ``lintnews.toml: key 'select'``."""
        where = str(self.path) if self.path else "command line"
        line = _line_of_key(self.path, key) if self.path else None
        return f"{where}:{line}" if line else where


def load_config(path: Path) -> Config:
    """Read one configuration file; raises :class:`ConfigError`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not valid UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("lintnews")
        if table is None:
            return Config(path=path, root=path.parent)
        prefix = "tool.lintnews."
    else:
        table, prefix = data, ""
    return _parse(table, path, prefix)


def find_config_file(folder: Path) -> Path | None:
    """The nearest configuration file at or above ``folder``."""
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file() and _is_lintnews_config(candidate):
                return candidate
    return None


def _is_lintnews_config(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return "lintnews" in data.get("tool", {})


def _parse(table: dict[str, Any], path: Path, prefix: str) -> Config:
    def fail(key: str, message: str) -> ConfigError:
        line = _line_of_key(path, key.split(".")[-1])
        where = f"{path}:{line}" if line else str(path)
        return ConfigError(f"{where}: {prefix}{key}: {message}")

    for key in table:
        if key not in KNOWN_KEYS:
            raise fail(key, f"unknown key (known keys: {', '.join(KNOWN_KEYS)})")
    values: dict[str, Any] = {}
    for key in LIST_KEYS:
        if key in table:
            value = table[key]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise fail(key, "must be a list of strings")
            values[key] = tuple(value)
    for key in ("select", "ignore", "extend-select"):
        if key in values:
            values[key] = tuple(code.upper() for code in values[key])
    per_file = table.get("per-file-ignores", {})
    if not isinstance(per_file, dict) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in per_file.values()
    ):
        raise fail("per-file-ignores", "must be a table of glob = [codes]")
    options = table.get("rule-options", {})
    if not isinstance(options, dict) or not all(isinstance(v, dict) for v in options.values()):
        raise fail("rule-options", "must be a table of tables, like [rule-options.PN001]")
    seconds = {}
    for key in ("pattern-timeout", "file-timeout"):
        value = table.get(key)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int | float) or value <= 0
        ):
            raise fail(key, "must be a positive number of seconds")
        seconds[key] = None if value is None else float(value)
    root = path.parent
    language = _language_settings(table, root, fail)
    return Config(
        path=path,
        root=root,
        select=values.get("select"),
        extend_select=values.get("extend-select", ()),
        ignore=values.get("ignore", ()),
        per_file_ignores=tuple(
            (glob, tuple(c.upper() for c in codes)) for glob, codes in per_file.items()
        ),
        exclude=values.get("exclude", DEFAULT_EXCLUDE),
        extend_exclude=values.get("extend-exclude", ()),
        rule_packs=tuple((root / p).resolve() for p in values.get("rule-packs", ())),
        rule_options=tuple((code.upper(), tuple(opts.items())) for code, opts in options.items()),
        pattern_timeout=seconds["pattern-timeout"],
        file_timeout=seconds["file-timeout"] or DEFAULT_FILE_TIMEOUT,
        language=language,
    )


def _language_settings(table: dict[str, Any], root: Path, fail: Any) -> tuple[tuple[str, Any], ...]:
    """The language keys set in ``table``, checked; a path is made absolute."""
    found: dict[str, Any] = {}
    dialect = table.get("dialect")
    if dialect is not None:
        if dialect not in DIALECTS:
            raise fail("dialect", f"must be one of {', '.join(DIALECTS)}")
        found["dialect"] = dialect
    url = table.get("languagetool-url")
    if url is not None:
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise fail("languagetool-url", "must be an http:// or https:// address")
        found["languagetool-url"] = url.rstrip("/")
    folder = table.get("languagetool-path")
    if folder is not None:
        if not isinstance(folder, str) or not folder:
            raise fail("languagetool-path", "must be the path of a LanguageTool folder")
        found["languagetool-path"] = str((root / folder).resolve())
    seconds = table.get("languagetool-timeout")
    if seconds is not None:
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds <= 0:
            raise fail("languagetool-timeout", "must be a positive number of seconds")
        found["languagetool-timeout"] = float(seconds)
    languages = table.get("source-languages")
    if languages is not None:
        if not isinstance(languages, list) or not all(
            isinstance(code, str) and len(code) == 2 and code.isalpha() for code in languages
        ):
            raise fail("source-languages", 'must be a list of ISO 639-1 codes, like ["fr", "ru"]')
        found["source-languages"] = tuple(code.lower() for code in languages)
    return tuple(found.items())


def _line_of_key(path: Path | None, key: str) -> int | None:
    """The first line that sets ``key`` or opens a table named after it."""
    if path is None:
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number, line in enumerate(lines, start=1):
        stripped = line.strip().strip("[]").strip()
        if stripped.split("=")[0].strip().strip('"') == key or stripped.endswith(f".{key}"):
            return number
        if stripped.startswith(f'"{key}"') or stripped.startswith(f"{key} "):
            return number
    return None
