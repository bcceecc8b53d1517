"""Ruff-style selection by code prefix."""

from __future__ import annotations

import pytest

from lintnews.registry import Registry
from lintnews.selection import Selection, SelectionError


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(plugins=False)


def bp_codes(registry: Registry) -> set[str]:
    return {c for c in registry.codes if c.startswith("BP")}


def test_default_runs_default_enabled_rules(registry: Registry) -> None:
    enabled = Selection().resolve(registry)
    assert enabled == {r.code for r in registry if r.default_enabled}


def test_select_by_family_prefix(registry: Registry) -> None:
    assert Selection(select=("BP",)).resolve(registry) == bp_codes(registry)


def test_select_all(registry: Registry) -> None:
    assert Selection(select=("ALL",)).resolve(registry) == set(registry.codes)


def test_more_specific_ignore_wins(registry: Registry) -> None:
    enabled = Selection(select=("BP",), ignore=("BP003",)).resolve(registry)
    assert enabled == bp_codes(registry) - {"BP003"}


def test_more_specific_select_wins(registry: Registry) -> None:
    assert Selection(select=("BP003",), ignore=("BP",)).resolve(registry) == {"BP003"}


def test_same_prefix_ignore_wins(registry: Registry) -> None:
    assert Selection(select=("PN",), ignore=("PN",)).resolve(registry) == set()


def test_extend_select_adds_to_the_selection(registry: Registry) -> None:
    enabled = Selection(select=("PN",), extend_select=("EN001",)).resolve(registry)
    assert enabled == {c for c in registry.codes if c.startswith("PN")} | {"EN001"}


def test_command_line_select_replaces_config_select_and_ignores_add_up(registry: Registry) -> None:
    config = Selection(select=("BP",), ignore=("BP001",))
    layered = config.override(select=("BP", "PN"), ignore=("BP002",))
    enabled = layered.resolve(registry)
    assert "PN001" in enabled
    assert not {"BP001", "BP002"} & enabled


def test_unknown_prefix_is_an_error(registry: Registry) -> None:
    with pytest.raises(SelectionError, match="unknown rule code or prefix 'QQ'"):
        Selection(select=("QQ",)).resolve(registry)
