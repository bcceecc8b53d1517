"""lintnews: a linter for news articles.

For pipelines and notebooks::

    import lintnews

    for diagnostic in lintnews.lint_text(article):
        print(diagnostic.code, diagnostic.message, diagnostic.span)
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from lintnews.diagnostics import Diagnostic
    from lintnews.fixer import FixResult
    from lintnews.rule import Rule

__all__ = ["__version__", "fix_text", "lint_text"]


def lint_text(
    text: str,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    kind: str = "text",
    path: str = "-",
) -> list[Diagnostic]:
    """Diagnostics for one article given as a string, in text order.

    ``select`` and ``ignore`` take codes or prefixes as on the command line;
    ``kind`` is ``"text"`` or ``"markdown"``. Configuration files are not
    read: pass the selection you want. Corpus rules are not run, as they
    need a whole run of documents.
    """
    rules, timeout_rule = _rules(select, ignore)
    return _lint(text, kind, path, rules, timeout_rule)


def fix_text(
    text: str,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    unsafe: bool = False,
    kind: str = "text",
    path: str = "-",
) -> FixResult:
    """Apply the fixes of the selected rules to one article given as a string.

    Safe fixes only, unless ``unsafe`` is true. Returns a
    :class:`~lintnews.fixer.FixResult` with the fixed ``text``, the
    diagnostics whose fixes were ``applied``, and the diagnostics
    ``remaining`` in the fixed text. Every character outside the applied
    edits is kept, in order.
    """
    from lintnews.fixer import fix_until_stable

    rules, timeout_rule = _rules(select, ignore)
    return fix_until_stable(
        text, lambda current: _lint(current, kind, path, rules, timeout_rule), unsafe=unsafe
    )


def _rules(select: Sequence[str] | None, ignore: Sequence[str]) -> tuple[list[Rule], Rule | None]:
    from lintnews.config import Config
    from lintnews.engine import RuleSet
    from lintnews.selection import Selection

    selection = Selection(
        tuple(c.upper() for c in select) if select is not None else None,
        (),
        tuple(c.upper() for c in ignore),
    )
    rule_set = RuleSet(Config(), _registry(), selection)
    return rule_set.rules, rule_set.timeout_rule


@functools.cache
def _registry():
    from lintnews.registry import Registry

    return Registry.load()


def _lint(
    text: str, kind: str, path: str, rules: list[Rule], timeout_rule: Rule | None
) -> list[Diagnostic]:
    from lintnews.engine import lint_document
    from lintnews.loader import document_from_text

    if kind not in ("text", "markdown"):
        raise ValueError(f"kind must be 'text' or 'markdown', not {kind!r}")
    return lint_document(document_from_text(text, path, kind), rules, timeout_rule)
