"""GR: grammar, spelling and style, checked by Harper, the offline grammar checker.

One rule for each kind of lint Harper reports (``Spelling``, ``Agreement``,
``WordChoice``...), and a catch-all for kinds a newer Harper may add. The
rules differ only in their kind and their page, so they are made from
``rules/data/grammar-harper.toml``, where each kind's code is fixed, and
their pages from ``grammar-harper-pages.toml`` next to it.

Harper runs once per document for all of them (:mod:`lintnews.rules._harper`);
each rule reports the lints of its kind. None runs unless selected: a
general-purpose checker flags every name it does not know, and its noise
must not drown the artifact rules.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any, ClassVar, cast

from lintnews.diagnostics import Diagnostic
from lintnews.document import Document
from lintnews.packs.data import DataError, load_data
from lintnews.rule import Option, Rule, RuleDefinitionError, rule_class
from lintnews.rules import _harper

# The rules' pages: read only when one is shown, not at every run.
_PAGES = "grammar-harper-pages"

_DIALECT = Option(
    str,
    "american",
    "The English Harper checks against: american, british, australian, canadian or indian"
    " (the top-level `dialect` setting)",
)


class HarperRule(Rule):
    """A GR rule: the lints of one Harper kind."""

    #: Harper's ``lint_kind`` key; None for the catch-all rule.
    harper_kind: ClassVar[str | None] = None
    default_enabled = False
    options: ClassVar[Mapping[str, Option]] = {"dialect": _DIALECT}

    def resolve_settings(self, given: Mapping[str, Any]) -> dict[str, Any]:
        settings = super().resolve_settings(given)
        if settings["dialect"] not in _harper.DIALECTS:
            known = ", ".join(_harper.DIALECTS)
            raise RuleDefinitionError(f"option 'dialect' of {self.code} must be one of {known}")
        return settings

    @property
    def explanation(self) -> str:
        return page(type(self))

    def backend_version(self) -> str:
        return _harper.version()

    def unavailable(self) -> str | None:
        return _harper.missing()

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for finding in _harper.findings(doc, self.settings["dialect"]):
            if code_for(finding.kind) == self.code:
                fix = finding.fix if self.fixable else None
                yield self.diagnostic(finding.span, finding.message, fix=fix)


def code_for(kind: str) -> str:
    """The GR code that reports Harper lints of ``kind``."""
    return _codes().get(kind, _data()["other"]["code"])


@functools.cache
def _codes() -> dict[str, str]:
    return {entry["kind"]: entry["code"] for entry in _data()["kind"]}


def _data() -> dict[str, Any]:
    return load_data(_harper.DATA)


@functools.cache
def page(rule: type[HarperRule]) -> str:
    """The documentation page of a GR rule, from its data."""
    pages = load_data(_PAGES)
    shared, entry = pages["shared"], pages[rule.code]
    kind = rule.harper_kind
    filed = f" Harper files these lints under `{kind}`." if kind else ""
    sections = [
        f"## What it does\n{entry['what']}{filed}",
        f"## Why is this bad?\n{entry['why']}\n\n{shared['opt-in']}",
        f"## Example\n```text\n{entry['example']}\n```",
        f"Use instead:\n```text\n{entry['fixed']}\n```",
    ]
    if rule.fixable:
        sections.append(f"## Fix safety\n{shared['fix-safety']}")
    counts = shared["counts"].format(seeds=entry["seeds"], clean=entry["clean"])
    totals = {f"all_{key}": sum(pages[r.code][key] for r in RULES) for key in ("seeds", "clean")}
    sections.append(f"## Precision\n{counts} {shared['precision'].format(**totals)}")
    sections.append(f"## Options\n{shared['options']}")
    return "\n\n".join(sections)


def _rule_class(entry: Mapping[str, Any], kind: str | None) -> type[HarperRule]:
    class_name = f"Harper{kind or 'Other'}"
    doc = f"{entry.get('summary')} (the page is in {_PAGES}.toml)."
    try:
        made = rule_class(
            HarperRule, class_name, __name__, doc, entry, fixable=entry["fixable"], harper_kind=kind
        )
    except (KeyError, ValueError) as error:
        raise DataError(f"{_harper.DATA}.toml: {entry.get('code', kind)}: {error!r}") from None
    return cast(type[HarperRule], made)


#: Every GR rule class, the catch-all last.
RULES: tuple[type[HarperRule], ...] = (
    *(_rule_class(entry, entry["kind"]) for entry in _data()["kind"]),
    _rule_class(_data()["other"], None),
)
# The registry collects the rule classes a module defines by name.
globals().update({rule.__name__: rule for rule in RULES})
