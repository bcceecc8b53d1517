"""Finds every rule: built-in families, TOML packs, and installed plugins.

Third-party rules are published through the ``lintnews.rules`` entry-point
group. An entry point may name a :class:`~lintnews.rule.Rule` subclass, a
rule instance, a module (every rule class with a code in it), or a list or
a function returning rules.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable, Iterator, Sequence
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

from lintnews.packs import builtin_pack_paths, load_pack
from lintnews.rule import Rule, RuleDefinitionError
from lintnews.rules import family_modules

ENTRY_POINT_GROUP = "lintnews.rules"


class RegistryError(Exception):
    """Two rules claim one code, or a plugin cannot be loaded."""


class Registry:
    """Every known rule by code, in code order."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules: dict[str, Rule] = {}
        for rule in rules:
            existing = self._rules.get(rule.code)
            if existing is not None:
                raise RegistryError(
                    f"rule code {rule.code} is defined twice: "
                    f"by {existing.origin} and by {rule.origin}"
                )
            self._rules[rule.code] = rule
        self._rules = dict(sorted(self._rules.items()))

    @classmethod
    def load(cls, pack_paths: Sequence[Path] = (), *, plugins: bool = True) -> Registry:
        """Built-in rules and packs, the given user packs, and plugins."""
        rules = list(builtin_rules())
        for path in builtin_pack_paths():
            rules.extend(load_pack(path, builtin=True))
        for path in pack_paths:
            rules.extend(load_pack(path))
        if plugins:
            rules.extend(plugin_rules())
        return cls(rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: object) -> bool:
        return code in self._rules

    def get(self, code: str) -> Rule | None:
        return self._rules.get(code.upper())

    @property
    def codes(self) -> list[str]:
        return list(self._rules)


def builtin_rules() -> Iterator[Rule]:
    for module_name in family_modules():
        for rule_class in rule_classes(importlib.import_module(module_name)):
            yield rule_class()


def rule_classes(module: ModuleType) -> list[type[Rule]]:
    """The concrete rule classes a module defines (not those it imports)."""
    found = []
    for _, value in inspect.getmembers(module, inspect.isclass):
        if issubclass(value, Rule) and value.code and value.__module__ == module.__name__:
            value.validate_definition()
            found.append(value)
    return found


def plugin_rules() -> Iterator[Rule]:
    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        yield from _load_entry_point(entry_point)


def _load_entry_point(entry_point: EntryPoint) -> list[Rule]:
    source = entry_point.dist.name if entry_point.dist else entry_point.value
    label = f"plugin {entry_point.name!r} ({entry_point.value})"
    try:
        loaded = entry_point.load()
        rules = list(_rules_from(loaded))
    except RuleDefinitionError as error:
        raise RegistryError(f"{label}: {error}") from None
    except Exception as error:  # a broken plugin must not crash the run
        raise RegistryError(f"{label} failed to load: {error!r}") from None
    if not rules:
        raise RegistryError(f"{label} provides no rules")
    for rule in rules:
        rule.origin = f"plugin {source}"
    return rules


def _rules_from(value: Any) -> Iterator[Rule]:
    if isinstance(value, Rule):
        yield value
    elif inspect.isclass(value) and issubclass(value, Rule):
        value.validate_definition()
        yield value()
    elif inspect.ismodule(value):
        yield from (rule_class() for rule_class in rule_classes(value))
    elif callable(value):
        yield from _rules_from(list(value()))
    elif isinstance(value, Iterable) and not isinstance(value, str | bytes):
        for item in value:
            yield from _rules_from(item)
    else:
        raise RuleDefinitionError(f"{value!r} is not a rule, module or list of rules")
