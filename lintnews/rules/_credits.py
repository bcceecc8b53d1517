"""Photo credits: the names and labels they are made of, and where they are.

CP001 (photo-credit) reports the credits found here; CP002 (doubled-caption)
lets the second copy of a caption end with one. The names and labels are
data, in ``rules/data/captions-credits.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import regex

from lintnews.diagnostics import Span
from lintnews.packs.data import string_set
from lintnews.packs.kinds import phrase_pattern
from lintnews.patterns import LazyPattern
from lintnews.rules._hints import lines_holding

DATA = "captions-credits"
H = r"[^\S\r\n]"


def alternation(*keys: str) -> str:
    """An alternation of the names under ``keys``, longest first, also in capitals."""
    names = {name for key in keys for name in string_set(DATA, key)}
    names |= {name.upper() for name in names}
    parts = (phrase_pattern(name) for name in names)
    return "|".join(sorted(parts, key=len, reverse=True))


def _first_words(*keys: str) -> frozenset[str]:
    """The first word of each name under ``keys``, also in capitals: every
    match of an alternation built by ``alternation(*keys)`` holds one of them."""
    names = {name for key in keys for name in string_set(DATA, key)}
    return frozenset(word for name in names for word in (name.split()[0], name.split()[0].upper()))


_AGENCY = rf"(?<![\w-])(?:{alternation('agencies', 'photo-services')})(?![\w-])"
_SERVICE = rf"(?<![\w-])(?:{alternation('photo-services')})(?![\w-])"
_CREDIT_WORD = rf"(?<![\w-])(?:{alternation('credit-words')})(?![\w-])"
_WORD = r"\p{Lu}[\p{L}\p{M}'’.-]*"
_PARTICLE = r"(?:de|da|del|van|von|der|den|al|el|bin|ibn|la|le|di|du|dos|das)"
_PERSON = rf"{_WORD}(?:{H}+(?:{_PARTICLE}{H}+)?{_WORD}){{1,3}}"
_PART = rf"(?:{_AGENCY}|{_CREDIT_WORD}|{_PERSON})"
# "Name/AGENCY/Getty Images via AFP", "REUTERS/Name/File Photo", "Name via Getty Images".
_CHAIN = rf"{_PART}(?:(?:{H}*/{H}*{_PART})+(?:{H}+via{H}+{_AGENCY})?|{H}+via{H}+{_AGENCY})"
# Where a label can open a credit: a line start, a sentence end, a bracket.
_LEAD = rf"(?:(?<=^{H}*)|(?<=[.!?…\"”’)\]]{H}*)|(?<=[\[(]{H}*))"
_TO_END = rf"(?={H}*(?:$|[\])]))"

AGENCY = LazyPattern(_AGENCY)
SERVICE = LazyPattern(rf"{H}*(?:{_SERVICE}){H}*")
PERSON = regex.compile(rf"{_PERSON}[.,]?")
CREDIT_WORD = LazyPattern(_CREDIT_WORD)
LABELLED = LazyPattern(
    rf"{_LEAD}(?:{alternation('credit-labels')})(?:{H}*:|{H}+by(?={H}))"
    rf"{H}*(?P<content>[^\r\n\[\]()]{{1,150}}?){_TO_END}",
    regex.MULTILINE,
)
BRACKETED = regex.compile(r"\[(?P<square>[^\[\]\r\n]{2,200})\]|\((?P<round>[^()\r\n]{2,200})\)")
# BRACKETED's two branches apart: each starts with a literal bracket, which
# the engine finds far faster than the choice of two.
_SQUARE = regex.compile(r"\[(?P<square>[^\[\]\r\n]{2,200})\]")
_ROUND = regex.compile(r"\((?P<round>[^()\r\n]{2,200})\)")
SOURCE_LINE = LazyPattern(
    rf"{_LEAD}(?:{alternation('source-labels')})(?:{H}*[,:]{H}*|{H}+)"
    rf"[^\r\n\[\]]{{1,100}}?(?={H}*$|(?:{alternation('caption-labels')})[,:{H}])",
    regex.MULTILINE,
)
_CREDIT_TAIL = (
    rf"{H}*[,.|–-]?{H}*(?:[\[(]|©|{_CHAIN}|{_SERVICE}|(?:{alternation('credit-labels')}){H}*:)"
)
# Prose, not a credit: "a Reuters/Ipsos poll", "the AFP/Getty Images archive".
_ARTICLE_BEFORE = regex.compile(rf"\b(?:a|an|the|of|by){H}+$", regex.IGNORECASE)
_WORD_AFTER = regex.compile(rf"{H}+\p{{Ll}}")
# Compiled once: regex's module functions look each pattern up on every call.
_LETTER = regex.compile(r"\p{L}")
_VIA = regex.compile(r"\bvia\b")
_SPACE_OR_HYPHEN = regex.compile(r"[\s-]")
_LINE_END = regex.compile(rf"{H}*(?:\r|\n|$)")

# How a stripped text that LABELLED, AGENCY or SERVICE matches from its start
# begins: the first word of a label or name, as it is or in capitals.
_LABEL_STARTS = tuple(sorted(_first_words("credit-labels")))
_AGENCY_STARTS = tuple(sorted(_first_words("agencies", "photo-services")))
_SERVICE_STARTS = tuple(sorted(_first_words("photo-services")))
# Every match of LABELLED (and of SOURCE_LINE: "Image source") holds one of
# these words. Line hints are searched with the standard library, which finds
# a literal, or a choice of many, faster than regex (or than a str.find for
# each of many).
_LABEL_HINTS = (
    re.compile("|".join(map(re.escape, sorted(_first_words("credit-labels", "source-labels"))))),
)
# The first line of a text, when SERVICE matches it whole.
_FIRST_SERVICE_LINE = LazyPattern(rf"{SERVICE.pattern}(?=\n|\Z)")
# Every other line that SERVICE matches whole follows a line feed and spaces
# with a service's first word (the standard library's \s takes in every
# space that regex's does).
_SERVICE_LINE_HINT = re.compile(rf"\n[^\S\n]*(?:{'|'.join(map(re.escape, _SERVICE_STARTS))})")


# The patterns that hold _CHAIN take a tenth of a second to compile, so each
# is compiled when first needed; most articles need none.


@functools.cache
def chain() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\w/.:@-]){_CHAIN}(?![\w/])", regex.MULTILINE)


@functools.cache
def copyright_credit() -> regex.Pattern[str]:
    return regex.compile(rf"©{H}*(?:\d{{4}}{H}*)?(?:{_CHAIN}|{_AGENCY}|{_PERSON})")


@functools.cache
def credit_tail() -> regex.Pattern[str]:
    return regex.compile(_CREDIT_TAIL)


# Every match of chain() holds a slash or "via", and no line break.
_CHAIN_HINTS = (re.compile("/"), re.compile("via"))


def _may_hold_chain(text: str) -> bool:
    return "/" in text or "via" in text


def _is_credit(text: str) -> bool:
    """True when ``text`` (what follows a credit label) names a source."""
    text = text.strip()
    return bool(
        # A chain holds a slash or "via": without one, no need to compile it.
        (_may_hold_chain(text) and chain().search(text))
        or AGENCY.search(text)
        or CREDIT_WORD.search(text)
        or PERSON.fullmatch(text)
    )


def _is_picture_chain(chain: str) -> bool:
    """A chain credits a picture unless it only joins text agencies."""
    rest = AGENCY.sub("", chain)
    return bool(SERVICE.search(chain) or _LETTER.search(_VIA.sub("", rest)))


def _bracket_credit(inner: str, square: bool, at_line_end: bool) -> bool:
    # Stripped, ``inner`` starts with the name or label that a match at its
    # start holds: most brackets start with none, and need no pattern.
    inner = inner.strip()
    if inner.startswith(_LABEL_STARTS) and LABELLED.match(inner):
        return True
    # A chain holds a slash or "via": without one, no need to compile it.
    chain_match = _may_hold_chain(inner) and chain().fullmatch(inner)
    if chain_match and _is_picture_chain(inner):
        return True
    if square and at_line_end and inner.startswith(_AGENCY_STARTS) and AGENCY.fullmatch(inner):
        # Captions end "[AFP]"; round brackets there would be a dateline.
        return True
    # "(EPA)" is the Environmental Protection Agency after its name.
    service = inner.startswith(_SERVICE_STARTS) and SERVICE.fullmatch(inner)
    return bool(service and _SPACE_OR_HYPHEN.search(inner))


def credit_candidates(text: str) -> Iterator[Span]:
    """Spans that may be photo credits, some inside others, in no particular order."""
    # LABELLED and SOURCE_LINE match within a line (ended by a line feed:
    # they hold ^ and $) that holds a label word: only those are scanned.
    for start, end in lines_holding(text, _LABEL_HINTS, "\n"):
        for match in LABELLED.finditer(text, start, end):
            if _is_credit(match.group("content")):
                yield Span(*match.span())
        for match in SOURCE_LINE.finditer(text, start, end):
            yield Span(*match.span())
    for match in _bracketed(text):
        square = match.re is _SQUARE
        if _bracket_credit(match.group(1), square, _at_line_end(text, match.end())):
            yield Span(*match.span())
    # A chain holds a slash or "via": only lines with one are scanned, and
    # without any there is no need to compile it.
    for start, end in lines_holding(text, _CHAIN_HINTS):
        for match in chain().finditer(text, start, end):
            before = text[max(0, match.start() - 8) : match.start()]
            if (
                _is_picture_chain(match.group())
                and not _ARTICLE_BEFORE.search(before)
                and not _WORD_AFTER.match(text, match.end())
            ):
                yield Span(*match.span())
    # A copyright credit starts with the sign: without one, no need to compile it.
    if "©" in text:
        for match in copyright_credit().finditer(text):
            yield Span(*match.span())
    yield from _service_lines(text)


def _service_lines(text: str) -> Iterator[Span]:
    r"""The lines that are a picture service alone ("Getty Images"), stripped.

    What SERVICE fullmatches among the lines that ``^[^\r\n]+$`` finds
    (MULTILINE: a line ends at a line feed only, and holds no CR).
    """
    first = _FIRST_SERVICE_LINE.match(text)
    if first:
        yield stripped(text, Span(*first.span()))
    for hint in _SERVICE_LINE_HINT.finditer(text):
        start = hint.start() + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if "\r" not in line and SERVICE.fullmatch(line):
            yield stripped(text, Span(start, end))


def _bracketed(text: str) -> list[regex.Match[str]]:
    """``BRACKETED.finditer(text)``, from one scan per kind of bracket; the
    inside of each match is its group 1.

    Each scan finds its match at every start; a match is kept unless it
    starts inside the last one kept, as one scan of both would do.
    """
    found = [*_SQUARE.finditer(text, overlapped=True), *_ROUND.finditer(text, overlapped=True)]
    kept: list[regex.Match[str]] = []
    for match in sorted(found, key=regex.Match.start):
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def stripped(text: str, span: Span) -> Span:
    """``span`` without the spaces at its ends."""
    chunk = text[span.start : span.end]
    start = span.start + len(chunk) - len(chunk.lstrip())
    return Span(start, max(start, span.start + len(chunk.rstrip())))


def _at_line_end(text: str, offset: int) -> bool:
    return _LINE_END.match(text[offset : offset + 40]) is not None
