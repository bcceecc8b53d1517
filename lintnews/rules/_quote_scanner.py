"""The quote scanner shared by the QT rules.

One pass per paragraph decides, for every quote glyph, whether it opens a
quotation, closes one or is an apostrophe, from its neighbours, its shape
and the quotations still open. The scan is computed once per document and
shared by every QT rule through ``Document.shared``.
"""

from __future__ import annotations

import bisect
import enum
import functools
import itertools
from dataclasses import dataclass, field

import regex

from lintnews.diagnostics import Span
from lintnews.document import LINE_BREAK, Document
from lintnews.packs.data import string_set
from lintnews.rules import _candidates as candidates

DOUBLES = '“”„"'
QUOTES = "“”„\"‘’‚'"
_LOW = "„‚"  # German and Polish open low and close with “ or ”: „so“
TURNED = {"“": "”", "‘": "’"}
# A mark after these, or after a space, stands where a quotation opens.
_BEFORE_OPENING = "([{<—–-/*_"
# A mark before these, or before a space, stands where a quotation closes.
_AFTER_CLOSING = ".,;:!?)]}>…—–-/*_"
_SENTENCE_PUNCT = ",.;:!?…"
# The same, with the quote glyphs, in one set each: read for every mark.
_OPENING_AFTER = frozenset(_BEFORE_OPENING + QUOTES)
_CLOSING_BEFORE = frozenset(_AFTER_CLOSING + QUOTES)
_YEAR_ELISION = regex.compile(r"\d\d(?:s)?\b")  # ’90s, ’08
_WORD = regex.compile(r"\w+")


class Pos(enum.Enum):
    """Where a mark stands, judged from the characters on either side."""

    OPENING = "opening"  # space before, text after: “word
    CLOSING = "closing"  # text before, space or punctuation after: word”,
    FLOATING = "floating"  # space on both sides: word ” word
    INNER = "inner"  # text on both sides: word’s, said,”he


class Role(enum.Enum):
    OPEN = "open"
    CLOSE = "close"
    APOSTROPHE = "apostrophe"  # also inch marks and stray glyphs nothing pairs with


@dataclass(eq=False, slots=True)
class Mark:
    """One quote glyph and what the scanner made of it."""

    offset: int
    glyph: str
    pos: Pos
    role: Role = Role.APOSTROPHE
    partner: Mark | None = None
    #: Why an opening mark was never closed: "paragraph" (its paragraph ends
    #: first), "enclosing" (the quotation around it closes first) or
    #: "continued" (the next paragraph carries it on). Empty when closed.
    unclosed: str = ""
    #: Another quotation of the same kind opened while this one was open.
    interrupted: bool = False
    #: "double" or "single", from the glyph (read often: stored, not computed).
    kind: str = field(init=False)

    def __post_init__(self) -> None:
        self.kind = "double" if self.glyph in DOUBLES else "single"

    @property
    def reversed_pair(self) -> bool:
        """Opened with ” and closed with “: the glyphs swapped."""
        partner = self.partner
        if partner is None:
            return False
        opener, closer = (self, partner) if self.offset < partner.offset else (partner, self)
        return opener.glyph == "”" and closer.glyph == "“"

    @property
    def wrong_closing_glyph(self) -> bool:
        """A closing mark shaped as an opening one (not after a low opening „)."""
        return (
            self.role is Role.CLOSE
            and self.glyph in TURNED
            and self.partner.glyph not in _LOW
            and not self.reversed_pair
        )

    @property
    def closing_glyph(self) -> str:
        return TURNED[self.glyph] if self.wrong_closing_glyph else self.glyph


@functools.cache
def _elisions() -> frozenset[str]:
    return string_set("quotes", "leading-elisions")


def _position(text: str, i: int, para: Span) -> Pos:
    before = text[i - 1] if i > para.start else " "
    after = text[i + 1] if i + 1 < para.end else " "
    opening = before in _OPENING_AFTER or before.isspace()
    closing = after in _CLOSING_BEFORE or after.isspace()
    if opening:
        return Pos.FLOATING if closing else Pos.OPENING
    return Pos.CLOSING if closing else Pos.INNER


def gap_before(text: str, i: int, start: int) -> int:
    """Where the run of spaces before offset ``i`` starts (``i`` if none)."""
    j = i
    while j > start and text[j - 1].isspace():
        j -= 1
    return j


def gap_after(text: str, i: int, end: int) -> int:
    """Where the run of spaces after offset ``i`` ends (``i`` if none)."""
    while i < end and text[i].isspace():
        i += 1
    return i


class _ParagraphScan:
    """The quotation marks of one paragraph, paired as they open and close."""

    def __init__(self, text: str, para: Span) -> None:
        self.text, self.para = text, para
        self.stack: list[Mark] = []
        self.marks: list[Mark] = []
        self.elided = -1  # the closing mark of an elision such as ’n’

    def run(self, offsets: list[int]) -> list[Mark]:
        """Classify the marks at ``offsets``, in order, all in this paragraph."""
        text, para, marks = self.text, self.para, self.marks
        for i in offsets:
            mark = Mark(i, text[i], _position(text, i, para))
            marks.append(mark)
            if i != self.elided:
                role = self._double_role(mark) if mark.kind == "double" else self._single_role(mark)
                self._apply(mark, role)
        if self.stack:
            opened = [m for m in marks if m.role is Role.OPEN]
            for mark in self.stack:
                mark.unclosed = "paragraph"
                mark.interrupted = any(
                    m.offset > mark.offset and m.kind == mark.kind for m in opened
                )
        return marks

    def _double_role(self, mark: Mark) -> Role:
        is_open = any(m.kind == "double" for m in self.stack)
        if mark.glyph in '”"':
            if is_open:
                # After a space and before a word, it closes only after the
                # end of a clause (`soon, ”he said`); else it opens a nested
                # quotation (`the so-called "peace" plan`).
                nested = mark.pos is Pos.OPENING and not self._after_clause(mark)
                return Role.OPEN if nested else Role.CLOSE
            # Nothing to close: ” in opening position is a turned opening
            # mark; a straight one after text is an inch mark or a stray.
            stray = mark.pos is Pos.CLOSING or (mark.glyph == "”" and mark.pos is Pos.INNER)
            return Role.APOSTROPHE if stray else Role.OPEN
        glued = mark.pos is Pos.INNER and self.text[mark.offset - 1].isalnum()
        if is_open and (glued or mark.pos in (Pos.CLOSING, Pos.FLOATING)):
            return Role.CLOSE
        return Role.OPEN

    def _single_role(self, mark: Mark) -> Role:
        text, i = self.text, mark.offset
        before = text[i - 1] if i > self.para.start else " "
        after = text[i + 1] if i + 1 < self.para.end else " "
        if (before.isalnum() and after.isalnum()) or self._is_elision(mark):
            return Role.APOSTROPHE
        # Only a single quotation opened last can close here: a ’ after a
        # plural (the workers’) inside a double quotation is an apostrophe.
        if self.stack and self.stack[-1].kind == "single" and self._closes(mark, before):
            return Role.CLOSE
        if mark.glyph in "‘‚'" and (
            mark.pos is Pos.OPENING or (mark.pos is Pos.INNER and not before.isalnum())
        ):
            return Role.OPEN
        return Role.APOSTROPHE

    def _closes(self, mark: Mark, before: str) -> bool:
        """Whether a single mark closes the single quotation open before it."""
        if mark.pos in (Pos.CLOSING, Pos.FLOATING):
            return True
        if mark.pos is Pos.INNER:
            return mark.glyph != "‘" or before.isalnum()
        # After a space, only a ’ that follows the end of a clause closes:
        # ‘We will win, ’he said.
        return mark.glyph != "‘" and self._after_clause(mark)

    def _after_clause(self, mark: Mark) -> bool:
        """Whether the text before the mark (and its spaces) ends a clause."""
        start = gap_before(self.text, mark.offset, self.para.start)
        return start > self.para.start and self.text[start - 1] in _SENTENCE_PUNCT

    def _is_elision(self, mark: Mark) -> bool:
        if mark.pos is not Pos.OPENING or mark.glyph == "‚":
            return False
        word = _WORD.match(self.text, mark.offset + 1, self.para.end)
        if not word or (
            word.group().lower() not in _elisions() and not _YEAR_ELISION.fullmatch(word.group())
        ):
            return False
        if word.end() < self.para.end and self.text[word.end()] in "’'":
            self.elided = word.end()
        return True

    def _apply(self, mark: Mark, role: Role) -> None:
        mark.role = role
        if role is Role.OPEN:
            self.stack.append(mark)
        elif role is Role.CLOSE:
            # Quotations opened inside this one and still open end with it.
            while self.stack[-1].kind != mark.kind:
                self.stack.pop().unclosed = "enclosing"
            opener = self.stack.pop()
            opener.partner, mark.partner = mark, opener


def _carried_on(text: str, para: Span, following: Span, marks: list[Mark], kind: str) -> bool:
    """Whether the following paragraph carries on a quotation ``para`` leaves open.

    Either it reopens it first thing (the English convention for a quotation
    run over paragraphs), or it starts on the very next line and closes a
    quotation it never opened (text hard-wrapped into lines).
    """
    wrapped = LINE_BREAK.fullmatch(text, para.end, following.start) is not None
    for mark in marks:
        stray_close = mark.glyph in '”"’' and mark.pos in (Pos.CLOSING, Pos.FLOATING)
        if mark.kind != kind or (mark.role is Role.APOSTROPHE and not stray_close):
            continue
        if mark.role is Role.OPEN:
            return not text[following.start : mark.offset].strip(" \t>")
        return wrapped and mark.role is Role.APOSTROPHE
    return False


def _scan(doc: Document) -> tuple[Mark, ...]:
    # Marks are looked for in the prose only, but their neighbours are read
    # in the text: code or a link target beside a mark is no space.
    offsets = candidates.offsets(doc.masked_text, QUOTES)
    if not offsets:
        return ()
    text, paragraphs = doc.text, doc.paragraphs
    scans: list[list[Mark]] = []
    first = 0
    for para in paragraphs:
        first = bisect.bisect_left(offsets, para.start, first)
        last = bisect.bisect_left(offsets, para.end, first)
        scans.append(_ParagraphScan(text, para).run(offsets[first:last]) if last > first else [])
    for n, marks in enumerate(scans[:-1]):
        for mark in marks:
            if mark.unclosed == "paragraph" and _carried_on(
                text, paragraphs[n], paragraphs[n + 1], scans[n + 1], mark.kind
            ):
                mark.unclosed = "continued"
    return tuple(itertools.chain.from_iterable(scans))


def scan_quotes(doc: Document) -> tuple[Mark, ...]:
    """Every quote glyph of the document's prose, classified (once per document)."""
    return doc.shared(_scan, _scan)


def one_char(mark: Mark) -> Span:
    return Span(mark.offset, mark.offset + 1)


def is_glued(text: str, mark: Mark) -> bool:
    """A word follows the mark with no space: `said,”he`."""
    return mark.offset + 1 < len(text) and text[mark.offset + 1].isalpha()


def is_spaced_before(text: str, mark: Mark) -> bool:
    """A space before the mark, not one between two marks (‘no’ ”, a hair space)."""
    start = gap_before(text, mark.offset, 0)
    return 0 < start < mark.offset and text[start - 1] not in QUOTES
