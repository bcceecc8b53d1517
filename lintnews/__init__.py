"""lintnews: a linter for news articles.

For pipelines and notebooks::

    import lintnews

    for diagnostic in lintnews.lint_text(article):
        print(diagnostic.code, diagnostic.message, diagnostic.span)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from lintnews.diagnostics import Diagnostic

__all__ = ["__version__", "lint_text"]


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
    from lintnews.config import Config
    from lintnews.engine import RuleSet, lint_document
    from lintnews.loader import document_from_text
    from lintnews.registry import Registry
    from lintnews.selection import Selection

    if kind not in ("text", "markdown"):
        raise ValueError(f"kind must be 'text' or 'markdown', not {kind!r}")
    selection = Selection(
        tuple(c.upper() for c in select) if select is not None else None,
        (),
        tuple(c.upper() for c in ignore),
    )
    rule_set = RuleSet(Config(), Registry.load(), selection)
    doc = document_from_text(text, path, kind)
    return lint_document(doc, rule_set.rules, rule_set.timeout_rule)
