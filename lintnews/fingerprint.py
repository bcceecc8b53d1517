"""Stable fingerprints of findings, shared by SARIF output and baselines.

A fingerprint must survive edits elsewhere in the article: lines added
above a finding, a paragraph moved, a typo mended two sentences away. So
it hashes what identifies the finding itself, not where it is: the rule
code, the flagged text, and a few words on either side of it within its
line, with runs of whitespace folded. Two identical findings in one file
are told apart by their order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

import regex

from lintnews.diagnostics import Diagnostic
from lintnews.document import LineIndex

VERSION = "lintnews/v1"
CONTEXT = 32  # code points of the line kept on each side of the flagged text
_SPACES = regex.compile(r"\s+")


def fingerprints(text: str, index: LineIndex, diagnostics: Sequence[Diagnostic]) -> list[str]:
    """One fingerprint per diagnostic, in the order given."""
    seen: Counter[str] = Counter()
    found = []
    for diagnostic in diagnostics:
        key = _identity(text, index, diagnostic)
        seen[key] += 1
        digest = hashlib.blake2b(f"{key}\0{seen[key]}".encode(), digest_size=16)
        found.append(digest.hexdigest())
    return found


def _identity(text: str, index: LineIndex, diagnostic: Diagnostic) -> str:
    span = diagnostic.span
    line = index.line_span(index.location(span.start).row)
    before = text[max(line.start, span.start - CONTEXT) : span.start]
    after = text[span.end : min(max(line.end, span.end), span.end + CONTEXT)]
    parts = (diagnostic.code, _fold(before), _fold(text[span.start : span.end]), _fold(after))
    return "\0".join(parts)


def _fold(chunk: str) -> str:
    return _SPACES.sub(" ", chunk).strip()
