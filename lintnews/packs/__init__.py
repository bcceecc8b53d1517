"""TOML rule packs: phrase lists and substitutions as data, not code.

A pack is a TOML file with a ``[pack]`` table and a list of ``[[rules]]``.
Each rule has a ``kind``, as in Vale:

- ``existence``: flag phrases or patterns (``scope`` ``text``, ``line`` for
  whole-line matches, or ``headline`` for the first non-blank line);
- ``substitution``: flag a phrase and offer its replacement (``swap``);
- ``consistency``: flag the rarer variants of one name (``groups``), in one
  document or across the whole run (``across = "corpus"``).

Packs are data: nothing in them is executed. Patterns are compiled with the
``regex`` module and matched with a timeout, so that a pattern that
backtracks catastrophically stops with a clear diagnostic instead of
hanging the run. See the README for the full format.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from lintnews.diagnostics import Severity
from lintnews.packs.consistency import ConsistencyRule
from lintnews.packs.kinds import ExistenceRule, PackRuleSpec, SubstitutionRule
from lintnews.rule import CODE_PATTERN, NAME_PATTERN, Rule, RuleDefinitionError


class PackError(Exception):
    """A rule pack that cannot be loaded: names the file, line and key."""

    def __init__(self, path: Path, message: str, *, line: int | None = None) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


PACK_KEYS = {"name", "description", "language"}
COMMON_KEYS = {
    "code",
    "name",
    "kind",
    "summary",
    "severity",
    "message",
    "explanation",
    "default-enabled",
    "ignore-case",
    "word-boundaries",
}
KIND_KEYS = {
    "existence": {"phrases", "patterns", "exceptions", "scope", "fix", "fix-message"},
    "substitution": {"swap", "regex", "applicability"},
    "consistency": {"groups", "across"},
}
KINDS = {
    "existence": ExistenceRule,
    "substitution": SubstitutionRule,
    "consistency": ConsistencyRule,
}


def builtin_pack_paths() -> list[Path]:
    """The packs that ship with lintnews.

    An installed wheel carries them in ``lintnews/builtin_packs``; a source
    checkout keeps them in the top-level ``rules/`` folder.
    """
    package = Path(__file__).resolve().parent.parent
    for folder in (package / "builtin_packs", package.parent / "rules"):
        if folder.is_dir():
            return sorted(folder.glob("*.toml"))
    return []


def load_pack(path: Path, *, builtin: bool = False) -> list[Rule]:
    """Every rule a pack file declares, validated (and compiled, unless built in)."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PackError(path, f"cannot read rule pack: {error.strerror}") from None
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise PackError(path, "rule pack is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise PackError(path, f"invalid TOML: {error}") from None
    locator = _KeyLocator(text)
    unknown = set(data) - {"pack", "rules"}
    if unknown:
        key = sorted(unknown)[0]
        raise PackError(path, f"unknown key {key!r}", line=locator.line_of(key))
    header = data.get("pack", {})
    if not isinstance(header, dict):
        raise PackError(path, "'pack' must be a table ([pack])", line=locator.line_of("pack"))
    for key, value in header.items():
        if key not in PACK_KEYS:
            raise PackError(
                path,
                f"pack: unknown key {key!r} (known: name, description, language)",
                line=locator.line_of(key),
            )
        if not isinstance(value, str):
            raise PackError(path, f"pack: {key!r} must be a string", line=locator.line_of(key))
    entries = data.get("rules", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise PackError(path, "'rules' must be an array of tables ([[rules]])")
    rules = [_build_rule(path, entry, locator, builtin) for entry in entries]
    language = header.get("language")
    if language is not None:
        if len(language) != 2 or not language.isalpha():
            raise PackError(
                path,
                "pack: 'language' must be an ISO 639-1 code, like \"en\"",
                line=locator.line_of("language"),
            )
        for rule in rules:
            rule.languages = frozenset({language.lower()})
    codes = [rule.code for rule in rules]
    duplicate = next((c for c in codes if codes.count(c) > 1), None)
    if duplicate:
        raise PackError(
            path, f"code {duplicate} is declared twice", line=locator.line_of(duplicate)
        )
    return rules


def _build_rule(path: Path, entry: dict[str, Any], locator: _KeyLocator, builtin: bool) -> Rule:
    code = entry.get("code")
    line = locator.line_of(code) if isinstance(code, str) else None

    def fail(message: str) -> PackError:
        return PackError(path, message, line=line)

    if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
        raise fail(f"rule code {code!r} must look like 'BP001'")
    kind = entry.get("kind")
    if kind not in KINDS:
        raise fail(f"{code}: kind must be one of {', '.join(KINDS)}, not {kind!r}")
    unknown = set(entry) - COMMON_KEYS - KIND_KEYS[kind]
    if unknown:
        raise fail(f"{code}: unknown key {sorted(unknown)[0]!r} for kind {kind!r}")
    name = entry.get("name")
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise fail(f"{code}: name {name!r} must be kebab-case, like 'source-link'")
    for key in ("summary", "message"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise fail(f"{code}: {key!r} is required and must be a string")
    try:
        spec = PackRuleSpec(
            code=code,
            name=name,
            summary=entry["summary"],
            message=entry["message"],
            explanation=_string(entry, "explanation", entry["summary"]),
            severity=Severity(entry.get("severity", "warning")),
            default_enabled=_boolean(entry, "default-enabled", True),
            ignore_case=_boolean(entry, "ignore-case", False),
            word_boundaries=_boolean(entry, "word-boundaries", True),
            origin=str(path),
            data=entry,
            builtin=builtin,
        )
    except ValueError as error:
        raise fail(f"{code}: {error}") from None
    try:
        return KINDS[kind](spec)
    except (RuleDefinitionError, regex.error, ValueError, TypeError) as error:
        raise fail(f"{code}: {error}") from None


def _string(entry: dict[str, Any], key: str, default: str) -> str:
    value = entry.get(key, default)
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be a string")
    return value


def _boolean(entry: dict[str, Any], key: str, default: bool) -> bool:
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{key!r} must be true or false")
    return value


@dataclass
class _KeyLocator:
    """Finds the line a key or value first appears on, for error messages."""

    text: str

    def line_of(self, needle: str) -> int | None:
        for number, line in enumerate(self.text.splitlines(), start=1):
            if needle in line:
                return number
        return None


def load_packs(paths: Iterable[Path]) -> list[Rule]:
    rules: list[Rule] = []
    for path in paths:
        rules.extend(load_pack(path))
    return rules
