"""Output formats, one module each, loaded only when chosen.

Every format is a function ``render(report, stream)`` in its module.
"""

from __future__ import annotations

import functools
import importlib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TextIO

from lintnews.diagnostics import Diagnostic
from lintnews.packs import builtin_pack_paths
from lintnews.results import RunResult
from lintnews.rule import Rule
from lintnews.store import FileResults

FORMATS: dict[str, str] = {
    "concise": "lintnews.output.concise",
    "full": "lintnews.output.full",
    "json": "lintnews.output.json",
    "json-lines": "lintnews.output.json_lines",
    "sarif": "lintnews.output.sarif",
    "github": "lintnews.output.github",
    "junit": "lintnews.output.junit",
}
#: Formats that need the text of each file (source lines, snippets, fingerprints).
NEEDS_TEXT = frozenset({"full", "sarif"})

DOCS_URL = "https://lintnews.readthedocs.io/en/latest/rules/"

# Bidirectional overrides and isolates reorder what a terminal shows.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text: str) -> str:
    """``text`` for a line of a text report: breaks and control characters escaped.

    A message quotes the article, and scraped articles hold line breaks,
    ANSI escapes and bidirectional overrides: printed raw, they would split
    a finding over two lines, or recolour and reorder the terminal.
    """
    if text.isprintable():
        return text
    return "".join(_escaped(char) for char in text)


def _escaped(char: str) -> str:
    if char.isprintable() or char == "\t":
        return char
    if char in "\n\r":
        return repr(char)[1:-1]
    category = unicodedata.category(char)
    if category in ("Cc", "Zl", "Zp") or char in _BIDI_CONTROLS:
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


@dataclass(frozen=True)
class Report:
    """A finished run and the rules that took part, for formatters."""

    result: RunResult
    rules: Mapping[str, Rule]
    #: Whether the human-readable formats end with a summary line (not with --quiet).
    summary: bool = True
    #: Whether unsafe fixes count as applicable (``--unsafe-fixes``).
    unsafe_fixes: bool = False
    #: How many fixes ``--fix`` applied, or None when not fixing.
    fixed: int | None = None

    def applicable(self, diagnostic: Diagnostic) -> bool:
        """Whether ``--fix`` (with the chosen applicability) would apply this fix."""
        fix = diagnostic.fix
        return fix is not None and (fix.is_safe or self.unsafe_fixes)

    def marker(self, diagnostic: Diagnostic) -> str:
        """`` [*]`` after the code of a diagnostic that ``--fix`` would fix."""
        return " [*]" if self.applicable(diagnostic) else ""

    def url(self, code: str) -> str | None:
        """Documentation of a rule that ships with lintnews; none for user rules."""
        rule = self.rules.get(code)
        if rule is None or not _ships_with_lintnews(rule):
            return None
        return f"{DOCS_URL}{rule.name}/"

    @property
    def files(self) -> FileResults:
        return self.result.files


def _ships_with_lintnews(rule: Rule) -> bool:
    return rule.origin == "builtin" or rule.origin in _builtin_pack_origins()


@functools.cache
def _builtin_pack_origins() -> frozenset[str]:
    return frozenset(str(path) for path in builtin_pack_paths())


def render(format_name: str, report: Report, stream: TextIO) -> None:
    module = importlib.import_module(FORMATS[format_name])
    module.render(report, stream)
