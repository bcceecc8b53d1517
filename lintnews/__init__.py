"""lintnews: a linter for news articles.

For pipelines and notebooks::

    import lintnews

    for diagnostic in lintnews.lint_text(article):
        print(diagnostic.code, diagnostic.message, diagnostic.span)

    linter = lintnews.Linter(select=["BP", "PN"])  # configured once, reused, picklable
    fixed = linter.fix(article).text

See :mod:`lintnews.linter` for loops, data frames and process pools.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lintnews.linter import Linter

__version__ = "0.1.0"

if TYPE_CHECKING:
    from lintnews.diagnostics import Diagnostic
    from lintnews.fixer import FixResult

__all__ = ["Linter", "__version__", "fix_text", "lint_text"]


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
    ``kind`` is ``"text"``, ``"markdown"`` or ``"html"``. Configuration files are not
    read: pass the selection you want, or make a :class:`Linter` (which
    takes a configuration file). Corpus rules are not run, as they need a
    whole run of documents (see :meth:`Linter.lint_corpus`).
    """
    return _linter(_key(select), _key(ignore)).lint(text, kind=kind, path=path)


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
    return _linter(_key(select), _key(ignore)).fix(text, kind=kind, path=path, unsafe=unsafe)


def _key(codes: Sequence[str] | None) -> tuple[str, ...] | None:
    if codes is None or isinstance(codes, str):
        return codes if codes is None else (codes,)
    return tuple(codes)


@functools.lru_cache(maxsize=32)
def _linter(select: tuple[str, ...] | None, ignore: tuple[str, ...]) -> Linter:
    """The linter of one selection, built once for every call that uses it."""
    return Linter(select=select, ignore=ignore)
