"""The registry: built-in rules, packs, and plugins from real entry points."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lintnews.packs import load_pack
from lintnews.registry import ENTRY_POINT_GROUP, Registry, RegistryError, plugin_rules

PLUGIN_MODULE = '''
"""A third-party lintnews plugin, as a newsroom would publish it."""
from lintnews.diagnostics import Diagnostic, Severity, Span
from lintnews.rule import Rule


class DatelineWithoutAgency(Rule):
    """Flags a dateline in capitals that names no agency."""

    code = "XD001"
    name = "dateline-without-agency"
    summary = "Dateline names no agency"
    severity = Severity.INFO

    def check(self, doc):
        if doc.text.startswith("ALMATY –"):
            yield self.diagnostic(Span(0, 6), "Dateline names no agency")
'''


def install_plugin(root: Path, value: str = "newsroom_rules:DatelineWithoutAgency") -> Path:
    """A real distribution on sys.path: a module and its .dist-info with entry points."""
    (root / "newsroom_rules.py").write_text(PLUGIN_MODULE, encoding="utf-8")
    info = root / "newsroom_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: newsroom-rules\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\ndateline = {value}\n", encoding="utf-8"
    )
    return root


def test_builtin_rules_and_packs_are_registered() -> None:
    registry = Registry.load(plugins=False)
    assert {"PN001", "EN001", "LN001"} <= set(registry.codes)
    assert any(code.startswith("BP") for code in registry.codes)
    assert registry.codes == sorted(registry.codes)


def test_every_rule_has_its_documentation() -> None:
    for rule in Registry.load(plugins=False):
        assert rule.summary, rule.code
        assert "## What it does" in rule.explanation, rule.code
        assert "## Example" in rule.explanation, rule.code


def test_plugin_from_an_installed_distribution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(install_plugin(tmp_path)))
    rules = list(plugin_rules())
    assert [r.code for r in rules] == ["XD001"]
    assert rules[0].origin == "plugin newsroom-rules"
    assert "XD001" in Registry.load().codes


def test_plugin_runs_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    site = install_plugin(tmp_path / "site")
    article = tmp_path / "article.txt"
    article.write_text("ALMATY – Troops fired on protesters on Friday.\n", encoding="utf-8")
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"}
    completed = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", str(article), "--select", "XD"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    assert "XD001 Dateline names no agency" in completed.stdout


def test_module_entry_point_yields_its_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(install_plugin(tmp_path, "newsroom_rules")))
    assert [r.code for r in plugin_rules()] == ["XD001"]


def test_broken_plugin_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(install_plugin(tmp_path, "newsroom_rules:Missing")))
    with pytest.raises(RegistryError, match=r"plugin 'dateline' \(newsroom_rules:Missing\) failed"):
        list(plugin_rules())


def test_duplicate_code_between_sources_is_an_error(tmp_path: Path) -> None:
    pack = tmp_path / "clash.toml"
    pack.write_text(
        textwrap.dedent(
            """
            [[rules]]
            code = "PN001"
            name = "my-doubled-period"
            kind = "existence"
            summary = "Two periods"
            message = "Two periods"
            patterns = ['\\.\\.']
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(RegistryError, match="PN001 is defined twice"):
        Registry.load([pack], plugins=False)
    assert load_pack(pack)[0].code == "PN001"
