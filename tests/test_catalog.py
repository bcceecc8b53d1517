"""Rule documentation: the generated reference in docs/rules.md stays current."""

from __future__ import annotations

from pathlib import Path

from lintnews.catalog import rules_markdown
from lintnews.registry import Registry

ROOT = Path(__file__).resolve().parents[1]


def test_docs_rules_md_is_up_to_date() -> None:
    expected = rules_markdown(list(Registry.load(plugins=False)))
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, (
        "docs/rules.md is stale: run `lintnews rules --output-format markdown > docs/rules.md`"
    )


def test_markdown_reference_links_every_rule_to_its_section() -> None:
    rules = list(Registry.load(plugins=False))
    text = rules_markdown(rules)
    for rule in rules:
        assert f"[{rule.code}](#{rule.code.lower()}-{rule.name})" in text
        assert f"\n## {rule.code} {rule.name}\n" in text
    # Rule pages' own headings are demoted below the rule's heading.
    assert "\n#### What it does\n" in text
    assert "\n## What it does\n" not in text


def test_cli_prints_the_same_reference(run_cli, monkeypatch) -> None:
    result = run_cli("rules", "--output-format", "markdown", cwd=ROOT)
    assert result.exit_code == 0
    assert result.stdout == rules_markdown(list(Registry.load(plugins=False)))
