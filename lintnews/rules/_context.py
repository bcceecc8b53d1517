"""Whether a foreign form sits in English prose, and whether it is glossed.

Shared by the AC (acronyms) and NM (names) rules: both flag a foreign form
only in English text, and never where the writer shows it on purpose
("the CSTO, known in Russian as ODKB"). The word lists are data, in
``rules/data/english-context.toml``.
"""

from __future__ import annotations

import regex

from lintnews.diagnostics import Span
from lintnews.document import Document
from lintnews.packs.data import load_data

_CONTEXT = load_data("english-context")
ENGLISH_WORDS = frozenset(_CONTEXT["english"])
FOREIGN_WORDS = frozenset(_CONTEXT["foreign"])

_WORD = regex.compile(r"\p{L}+(?:[’']\p{L}+)*")
_LANGUAGES = "|".join(regex.escape(w) for w in _CONTEXT["languages"])
_GLOSS = regex.compile(
    r"\b(?:"
    + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in _CONTEXT["gloss-words"])
    + rf"|(?:in|from)\s+(?:{_LANGUAGES})|(?:{_LANGUAGES})\s+(?:acronym|abbreviation|initials|"
    r"name|for|form|spelling|version)"
    r")\b",
    regex.IGNORECASE,
)
QUOTES = frozenset("\"'“”‘’«»„")


def is_english_context(doc: Document, span: Span) -> bool:
    """Whether the words around ``span`` read as English prose, not a foreign quote."""
    paragraph = doc.paragraph_at(span.start)
    text = doc.masked_text
    window = _CONTEXT["window"]
    before = _WORD.findall(text, paragraph.start, span.start)[-window:]
    after = _WORD.findall(text, span.end, max(paragraph.end, span.end))[:window]
    words = [w.lower() for w in before + after]
    english = sum(w in ENGLISH_WORDS for w in words)
    foreign = sum(w in FOREIGN_WORDS for w in words)
    return english >= _CONTEXT["min-english"] and english > foreign


def is_glossed(doc: Document, span: Span, english: str = "") -> bool:
    """Whether the writer shows the form on purpose: quoted, glossed or paired.

    "the CSTO, known in Russian as ODKB", "OTAN, its French acronym",
    "‘Pékin’", "the CSTO (ODKB)".
    """
    text = doc.masked_text
    paragraph = doc.paragraph_at(span.start)
    if span.start > 0 and span.end < len(text) and {text[span.start - 1], text[span.end]} <= QUOTES:
        return True
    near = Span(
        max(paragraph.start, span.start - 60), min(max(paragraph.end, span.end), span.end + 60)
    )
    if _GLOSS.search(text, near.start, near.end):
        return True
    if english:
        pair = regex.compile(rf"(?<!\w){regex.escape(english)}(?!\w)")
        return bool(pair.search(text, max(0, span.start - 6), min(len(text), span.end + 6)))
    return False
