"""Running Harper, the offline grammar checker, once per document for every GR rule.

``harper`` is imported only here, and only when a GR rule checks a document:
building a linter takes about a second, so each process builds one per
dialect, on first use, and keeps it.

Harper lints the prose of ``Document.masked_text`` paragraph by paragraph,
which also lets the file's time budget stop it between two paragraphs.
In plain text a line is a paragraph, and Harper, which joins lines into
sentences, would otherwise read a headline and the dateline under it as
one 50-word sentence. Each paragraph is passed without its leading spaces,
which masking leaves where a code span or a link opened the line: Markdown
would read them as an indented code block.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from lintnews.diagnostics import Applicability, Edit, Fix, Span
from lintnews.document import Document
from lintnews.packs.data import string_set
from lintnews.rule import BackendError

if TYPE_CHECKING:
    import harper

#: The dialects of the ``dialect`` setting, as Harper numbers them.
DIALECTS = {"american": 0, "british": 1, "australian": 2, "canadian": 3, "indian": 4}
DATA = "grammar-harper"
# harper.SuggestionKind's values, so that this module imports without Harper.
_REMOVE, _INSERT_AFTER = 1, 2
# Suggestions named in a message besides the one the fix applies.
_MAX_ALTERNATIVES = 3
#: Longer "paragraphs" are dumps, not prose, and are not linted: a call into
#: Harper cannot be interrupted when the file's time budget runs out.
MAX_PARAGRAPH = 50_000
# Linters by process and dialect: a forked worker builds its own. A linter
# refuses a call while another thread is inside one, so calls take turns.
_LINTERS: dict[tuple[int, str], harper.Linter] = {}
_LOCK = threading.RLock()


class Finding(NamedTuple):
    """One Harper lint, in lintnews terms: offsets into ``Document.text``."""

    kind: str
    span: Span
    message: str
    fix: Fix | None


class HarperRun:
    """What Harper found in one document, or why it could not lint it."""

    __slots__ = ("error", "findings")

    def __init__(self, findings: tuple[Finding, ...] = (), error: str | None = None) -> None:
        self.findings = findings
        self.error = error


@functools.cache
def version() -> str:
    """harper-py's version, read from its metadata without importing it."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("harper-py")
    except PackageNotFoundError:
        return ""


def missing() -> str | None:
    """Why Harper cannot run here, or None; does not import it."""
    if importlib.util.find_spec("harper") is None:
        return "the GR rules need Harper: pip install harper-py"
    return None


def findings(doc: Document, dialect: str) -> tuple[Finding, ...]:
    """Harper's lints of ``doc`` in ``dialect``, computed once for all GR rules.

    Raises :class:`BackendError` when Harper fails on the document, for every
    rule that asks: the engine makes one LN003 of the same failure.
    """
    run = doc.shared(("harper", dialect), lambda doc: _run(doc, dialect))
    if run.error is not None:
        raise BackendError(run.error)
    return run.findings


def linter(dialect: str) -> harper.Linter:
    """This process's linter for ``dialect``, built on first use."""
    key = (os.getpid(), dialect)
    if key not in _LINTERS:
        import harper

        built = harper.Linter(harper.Dialect(DIALECTS[dialect]))
        config = built.get_lint_config()
        config.update(dict.fromkeys(string_set(DATA, "harper-rules-off"), False))
        built.set_lint_config(config)
        _LINTERS[key] = built
    return _LINTERS[key]


def _run(doc: Document, dialect: str) -> HarperRun:
    try:
        with _LOCK:
            return HarperRun(tuple(_lint(doc, dialect)))
    except BaseException as error:
        # A panic inside Harper arrives as pyo3's PanicException, which is not
        # an Exception; interrupts and the file's time budget must go through.
        if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
            raise
        reason = f"Harper failed on it, so no GR rule ran: {error!r}"
        return HarperRun(error=reason)


def _lint(doc: Document, dialect: str) -> Iterator[Finding]:
    import harper

    checker = linter(dialect)
    markdown = doc.kind == "markdown"
    language = harper.Language.MARKDOWN if markdown else harper.Language.PLAINTEXT
    masked = doc.masked_text
    for paragraph in doc.paragraphs:
        if len(paragraph) > MAX_PARAGRAPH:
            continue
        chunk = masked[paragraph.start : paragraph.end]
        stripped = chunk.lstrip()
        offset = paragraph.start + len(chunk) - len(stripped)
        for lint in checker.lint(stripped, language=language):
            span = Span(offset + lint.span.start, offset + lint.span.end)
            if span.start < span.end and doc.in_prose(span):
                yield _finding(lint, span)


def _finding(lint: Any, span: Span) -> Finding:
    problem = lint.problem_text
    usable = [s for s in lint.suggestions if _result(s, problem) != problem]
    message = " ".join(lint.message.split())
    if len(usable) > 1:
        shown = [_shown(_result(s, problem)) for s in usable[1 : 1 + _MAX_ALTERNATIVES]]
        more = ", …" if len(usable) > 1 + _MAX_ALTERNATIVES else ""
        message = f"{message} (or {', '.join(shown)}{more})"
    fix = _fix(usable[0], span, problem) if usable else None
    return Finding(lint.lint_kind, span, message, fix)


def _fix(suggestion: Any, span: Span, problem: str) -> Fix:
    """Harper's suggestion as an edit: replace the span, delete it, or insert after it."""
    kind = int(suggestion.kind)
    text = suggestion.replacement_text
    if kind == _REMOVE:
        edit, message = Edit(span, ""), f"Remove {_quoted(problem)}"
    elif kind == _INSERT_AFTER:
        edit = Edit(Span(span.end, span.end), text)
        message = f"Insert {_quoted(text)} after {_quoted(problem)}"
    else:
        edit, message = Edit(span, text), f"Replace with {_quoted(text)}"
    return Fix((edit,), Applicability.UNSAFE, message)


def _result(suggestion: Any, problem: str) -> str:
    """What the flagged text becomes with ``suggestion``."""
    kind = int(suggestion.kind)
    if kind == _REMOVE:
        return ""
    if kind == _INSERT_AFTER:
        return problem + suggestion.replacement_text
    return suggestion.replacement_text


def _shown(result: str) -> str:
    return _quoted(result) if result else "deleting it"


def _quoted(text: str) -> str:
    """``text`` in backticks, or in words when it is only spaces."""
    if text.strip():
        return f"`{text}`"
    return "a space" if len(text) == 1 else "the spaces"
