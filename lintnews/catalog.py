"""Rule documentation for ``lintnews rule CODE`` and ``lintnews rules``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from lintnews.rule import Rule


def rule_record(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "summary": rule.summary,
        "severity": str(rule.severity),
        "fixable": rule.fixable,
        "default_enabled": rule.default_enabled,
        "origin": rule.origin,
        "explanation": rule.explanation,
    }


def describe_rule(rule: Rule, *, as_json: bool = False) -> str:
    """The rule's page: title, facts, then its Markdown explanation."""
    if as_json:
        return json.dumps(rule_record(rule), ensure_ascii=False, indent=2) + "\n"
    facts = [
        f"Severity: {rule.severity}.",
        "A fix is available." if rule.fixable else "No automatic fix.",
        "On by default." if rule.default_enabled else "Off unless selected.",
    ]
    source = "" if rule.origin == "builtin" else f"Defined in {rule.origin}.\n\n"
    return (
        f"# {rule.name} ({rule.code})\n\n{rule.summary}\n\n{' '.join(facts)}\n\n"
        f"{source}{rule.explanation}\n"
    )


def rules_table(rules: Sequence[Rule], *, as_json: bool = False) -> str:
    """Every rule, one row each, in code order."""
    if as_json:
        return json.dumps([rule_record(r) for r in rules], ensure_ascii=False, indent=2) + "\n"
    header = ("Code", "Name", "Severity", "Fix", "Default", "Summary")
    rows = [
        (
            r.code,
            r.name,
            str(r.severity),
            "yes" if r.fixable else "",
            "on" if r.default_enabled else "off",
            r.summary,
        )
        for r in rules
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    return "\n".join(lines) + "\n"
