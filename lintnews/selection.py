"""Which rules run: ruff-style selection by code prefix.

``select = ["BP", "PN001"]`` turns on every rule whose code starts with one
of the prefixes; ``ALL`` means every rule. When a rule matches both a
selected and an ignored prefix, the longer (more specific) prefix wins, and
on a tie the ignore wins: ``select = ["BP"], ignore = ["BP003"]`` runs every
BP rule but BP003, and ``select = ["BP003"], ignore = ["BP"]`` runs BP003.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lintnews.registry import Registry

ALL = "ALL"


class SelectionError(ValueError):
    """A prefix that names no rule."""


@dataclass(frozen=True)
class Selection:
    """The prefixes chosen by config and command line, merged."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def override(
        self,
        *,
        select: Sequence[str] | None = None,
        extend_select: Sequence[str] = (),
        ignore: Sequence[str] = (),
    ) -> Selection:
        """A later layer: its ``select`` replaces, the other lists extend."""
        return Selection(
            tuple(select) if select is not None else self.select,
            self.extend_select + tuple(extend_select),
            self.ignore + tuple(ignore),
        )

    def resolve(self, registry: Registry) -> frozenset[str]:
        """The codes of the rules that run."""
        codes = registry.codes
        prefixes = [*(self.select or ()), *self.extend_select, *self.ignore]
        validate_prefixes(prefixes, codes)
        if self.select is None:
            chosen = [rule.code for rule in registry if rule.default_enabled]
        else:
            chosen = []
        selected = (*(self.select or ()), *self.extend_select)
        enabled = set(chosen)
        for code in codes:
            on = _specificity(code, selected)
            off = _specificity(code, self.ignore)
            if on > off:
                enabled.add(code)
            elif off >= 0 and off >= on:
                enabled.discard(code)
        return frozenset(enabled)


def validate_prefixes(prefixes: Iterable[str], codes: Sequence[str]) -> None:
    for prefix in prefixes:
        if prefix != ALL and not any(code.startswith(prefix) for code in codes):
            raise SelectionError(f"unknown rule code or prefix {prefix!r}")


def matches(code: str, prefixes: Iterable[str]) -> bool:
    return _specificity(code, prefixes) >= 0


def _specificity(code: str, prefixes: Iterable[str]) -> int:
    """Length of the longest prefix matching ``code``; ALL counts 0, none -1."""
    best = -1
    for prefix in prefixes:
        if prefix == ALL:
            best = max(best, 0)
        elif code.startswith(prefix):
            best = max(best, len(prefix))
    return best
