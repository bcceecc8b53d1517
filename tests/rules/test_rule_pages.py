"""Every built-in Python rule's docstring reads as its rule page, ruff-style."""

from __future__ import annotations

import re

import pytest

from lintnews.registry import Registry
from lintnews.rule import Rule

RULES = [rule for rule in Registry.load(plugins=False) if rule.origin == "builtin"]
# Their examples are bytes, configuration or a run, not a sentence of news.
NOT_TEXT_EXAMPLES = {"EN001", "LN001", "LN002", "LN003"}


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_docstring_has_the_rule_page_sections(rule: Rule) -> None:
    page = rule.explanation
    for heading in ("## What it does", "## Why is this bad?", "## Example"):
        assert heading in page, (rule.code, heading)
    assert re.search(r"Use instead(?: \([^)]*\))?:", page), rule.code
    assert ("## Fix safety" in page) == rule.fixable, rule.code
    if rule.code not in NOT_TEXT_EXAMPLES:
        assert "```text" in page, rule.code
