"""Cheap tests that tell when a rule cannot match a document, before it runs.

Most rules look for something rare: “the capacity” after a verb, a line
that is all “Leave a Reply”, two periods in a row. A rule may declare
*triggers*: literal strings one of which occurs in every text the rule can
flag. The engine searches the document for them with ``str`` methods (a
few microseconds for an article) and skips the rule, and the compiling of
its patterns, when none occurs. Triggers are a necessary condition, never a
sufficient one: the rule still decides what it reports, so a rule with
triggers reports exactly what it reports without them, only faster.

Matching ignores case: both the triggers and the document are folded with
:func:`fold`, which maps together every pair of characters that a
case-insensitive ``regex`` pattern treats as equal. A case-sensitive rule
may therefore be woken by a differently cased text; it then finds nothing.

For pack rules the triggers are worked out from their phrases and
patterns (:func:`required_literals`); a Python rule lists them in its
``triggers`` class attribute.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lintnews.document import Document

# Characters that a case-insensitive regex equates with a letter whose full
# case folding is different: dotless ı and dotted İ (folded to i and U+0307)
# both match “i”. Replaced only when present: str.translate is slow.
_EXTRA_FOLDS = (("ı", "i"), ("\u0307", ""))

# Syntax that only the regex module knows and the standard parser would read
# as literal characters: fuzzy matching ("(?:Putin){e<=1}", any brace that is
# not a plain count) and POSIX classes ("[[:alpha:]]").
_REGEX_ONLY_SYNTAX = re.compile(r"\{(?!\d*,?\d*\})|\[:\^?\w+:\]")
# Unicode properties (\p{Lu}) match no fixed character: any class will do
# for the standard parser. An escaped backslash before the p is kept.
_PROPERTY = re.compile(r"(?<!\\)((?:\\\\)*)\\[pP]\{[^}]*\}")

#: The shortest literal worth searching for: one character says little.
_USEFUL_LENGTH = 2


def fold(text: str) -> str:
    """``text`` in the one case used for trigger matching."""
    folded = text.casefold()
    for char, replacement in _EXTRA_FOLDS:
        if char in folded:
            folded = folded.replace(char, replacement)
    return folded


def folded_text(doc: Document) -> str:
    """The document's prose, folded once and shared by every rule."""
    return doc.shared("prefilter.folded", lambda d: fold(d.masked_text))


def may_match(doc: Document, triggers: frozenset[str] | None) -> bool:
    """False only when none of ``triggers`` occurs in the document."""
    if triggers is None:
        return True
    text = folded_text(doc)
    return any(trigger in text for trigger in triggers)


def triggers_for(literals: Iterable[str]) -> frozenset[str]:
    """Folded triggers from literal strings a rule declares."""
    return frozenset(fold(literal) for literal in literals)


def phrase_triggers(phrase: str) -> frozenset[str]:
    """The longest word of a literal phrase: every match contains it."""
    return triggers_for([max(phrase.split(), key=len)])


def required_literals(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match of ``pattern`` contains, or None.

    The pattern is read with the standard library's regular-expression
    parser, which understands the syntax the built-in packs use; a pattern it
    cannot read, or one with a branch that has no literal of its own, gets
    None, and its rule then always runs.
    """
    pattern = _PROPERTY.sub(r"\1\\d", pattern)
    if _REGEX_ONLY_SYNTAX.search(pattern):
        return None
    try:
        from re import _parser as parser  # type: ignore[attr-defined]

        tree = parser.parse(pattern)
    except Exception:  # any failure only means "no pre-filter"
        return None
    best = _best(_requirements(tree))
    return triggers_for(best) if best else None


def combine(parts: Iterable[frozenset[str] | None]) -> frozenset[str] | None:
    """Triggers of an alternation: the union of its branches', or None if one has none."""
    union: set[str] = set()
    for part in parts:
        if part is None:
            return None
        union |= part
    return frozenset(union)


def _requirements(sequence: Any) -> list[frozenset[str]]:
    """Every literal requirement of a parsed sequence; each is a set of alternatives."""
    from re import _constants as c  # type: ignore[attr-defined]

    found: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset({"".join(run)}))
            run.clear()

    for op, value in sequence:
        if op is c.LITERAL:
            run.append(chr(value))
            continue
        flush()
        if op is c.SUBPATTERN:
            found += _requirements(value[-1])
        elif op is c.ATOMIC_GROUP:
            found += _requirements(value)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and value[0] >= 1:
            found += _requirements(value[2])
        elif op is c.ASSERT:  # what a lookaround requires is in the text too
            found += _requirements(value[1])
        elif op is c.BRANCH:
            branches = [_best(_requirements(branch)) for branch in value[1]]
            if all(branches):
                found.append(frozenset().union(*branches))
    flush()
    return found


def _best(requirements: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective requirement: the longest shortest literal, then the fewest."""

    def score(requirement: frozenset[str]) -> tuple[int, int]:
        shortest = min(len(literal.strip()) for literal in requirement)
        return (shortest, -len(requirement))

    useful = [r for r in requirements if score(r)[0] >= _USEFUL_LENGTH]
    return max(useful, key=score) if useful else None


#: In a set of openings, stands for any decimal digit (``\d``).
DIGIT = "\\d"
#: Openings are compared on their first characters only.
OPENING_LENGTH = 24


def openings(pattern: str) -> frozenset[str] | None:
    """Folded strings one of which every match of ``pattern`` begins with, or None.

    Whole-line rules use them to try their pattern only on the lines that
    begin (after Markdown markup) with one. :data:`DIGIT` stands for any
    digit. None when some match may begin otherwise (a class such as
    ``[A-Z]``, a pattern the standard parser cannot read).
    """
    pattern = _PROPERTY.sub(r"\1\\d", pattern)
    if _REGEX_ONLY_SYNTAX.search(pattern):
        return None
    try:
        from re import _parser as parser  # type: ignore[attr-defined]

        found = _openings(list(parser.parse(pattern)), 0)
    except Exception:  # any failure only means "no pre-filter"
        return None
    if not found or "" in found:
        return None
    return frozenset(opening[:OPENING_LENGTH] for opening in found)


def _openings(sequence: list[Any], at: int) -> set[str] | None:
    from re import _constants as c  # type: ignore[attr-defined]

    while at < len(sequence) and (
        sequence[at][0] is c.AT or (sequence[at][0] is c.ASSERT and sequence[at][1][0] < 0)
    ):
        at += 1  # anchors and lookbehinds take no text
    if at == len(sequence):
        return None  # the rest may match the empty string
    op, value = sequence[at]
    if op is c.LITERAL:
        run = []
        while at < len(sequence) and sequence[at][0] is c.LITERAL:
            run.append(chr(sequence[at][1]))
            at += 1
        return {fold("".join(run))}
    if op is c.SUBPATTERN:
        return _openings(list(value[-1]), 0)
    if op is c.ASSERT:  # a lookahead: the match begins as it does
        return _openings(list(value[1]), 0)
    if op is c.BRANCH:
        branches = [_openings(list(branch), 0) for branch in value[1]]
        return None if None in branches else set().union(*branches)  # type: ignore[arg-type]
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        inner = _openings(list(value[2]), 0)
        if inner is None or value[0] >= 1:
            return inner
        rest = _openings(sequence, at + 1)
        return None if rest is None else inner | rest
    if op is c.IN:
        return _class_openings(value)
    return None


def _class_openings(items: list[Any]) -> set[str] | None:
    from re import _constants as c  # type: ignore[attr-defined]

    found: set[str] = set()
    for op, value in items:
        if op is c.LITERAL:
            found.add(fold(chr(value)))
        elif op is c.CATEGORY and value is c.CATEGORY_DIGIT:
            found.add(DIGIT)
        else:
            return None
    return found
