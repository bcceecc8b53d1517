"""WS: words, sentences and clauses run together by scraping and conversion.

The WS rules for a lost space. Doubled spaces, blank lines and invisible
characters are in :mod:`lintnews.rules.whitespace`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import ClassVar

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.data import string_set
from lintnews.rule import Option, Rule

# A run of letters that touches no digit, underscore or other letter.
_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}_])[\p{L}\p{M}]+(?![\p{L}\p{M}\p{N}_])")
# The letters before an offset, matched backwards: where the word starts.
_LETTERS_BEFORE = regex.compile(r"[\p{L}\p{M}]*+", regex.REVERSE)
# Signs that a space-free chunk is a URL, an e-mail address, a handle, a
# hashtag, a path or code rather than prose.
_MACHINE = regex.compile(r"://|www\.|[@#\\_=`{}<>|~^&*+$%]")
_DOTTED = regex.compile(r"\p{L}[.!?]\p{L}")
_GLUED_SENTENCE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_.])(?P<left>\p{L}*\p{Ll}\p{Ll})(?P<punct>[.!?])"
    r"(?P<right>\p{Lu}\p{Ll}[\p{L}\p{M}]*)(?![\p{N}_])"
)
# Every match of _GLUED_SENTENCE holds this join, which is rare in edited text.
_GLUED_SENTENCE_HINT = regex.compile(r"\p{Ll}[.!?]\p{Lu}\p{Ll}")
# Two or more letters before, three or more after: "tl;dr" is a word.
_GLUED_COMMA = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}_])\p{L}[\p{L}\p{M}]+(?P<punct>[,;])\p{L}[\p{L}\p{M}]{2,}(?![\p{N}_])"
)
# Every match of _GLUED_COMMA holds this join.
_GLUED_COMMA_HINT = regex.compile(r"[\p{L}\p{M}][,;]\p{L}")

# -- cheap first looks -----------------------------------------------------------
#
# Each rule looks for a rare join: a lowercase letter before a capital, a
# mark between two letters. ``regex`` pays for its \p{...} classes on every
# character; the standard ``re`` scans for a plain class far faster. These
# patterns match wherever the rule's own patterns could (ASCII exactly, and
# any non-ASCII character but some that are never letters, or never of the
# case needed), so a text they miss has nothing to flag.

# Quotes, dashes, spaces and signs common in news: no letters, no marks, no case.
_NOT_LETTERS = "’‘“”«»—–…•·′″€£°§\u00a0\u2009\u202f"
# Latin-1 letters of one case (and × or ÷): never of the other.
_CAPITALS_LATIN1 = "".join(map(chr, range(0xC0, 0xDF)))
_SMALL_LATIN1 = "".join(map(chr, range(0xDF, 0x100)))


def _class(ascii_part: str, excluded: str) -> str:
    """A ``re`` class: ``ascii_part`` and each non-ASCII character not in ``excluded``."""
    ranges, low = [], 0x80
    for code in sorted(map(ord, set(excluded))):
        if code > low:
            ranges.append(f"\\U{low:08x}-\\U{code - 1:08x}")
        low = code + 1
    ranges.append(f"\\U{low:08x}-\\U0010ffff")
    return f"[{ascii_part}{''.join(ranges)}]"


_MAY_BE_SMALL = _class("a-z", _NOT_LETTERS + _CAPITALS_LATIN1)
_MAY_BE_CAPITAL = _class("A-Z", _NOT_LETTERS + _SMALL_LATIN1)
_MAY_BE_LETTER = _class("A-Za-z", _NOT_LETTERS)
# Found at the capital: a lowercase letter before it (WS001).
_CAMEL_JOIN = re.compile(f"{_MAY_BE_CAPITAL}(?<={_MAY_BE_SMALL}.)", re.DOTALL)
# A lowercase letter, the mark, a capital (WS002).
_SENTENCE_JOIN = re.compile(f"[.!?](?<={_MAY_BE_SMALL}.){_MAY_BE_CAPITAL}", re.DOTALL)
# A letter or mark, the mark, a letter (WS003).
_COMMA_JOIN = re.compile(f"[,;](?<={_MAY_BE_LETTER}.){_MAY_BE_LETTER}", re.DOTALL)


def _chunk_at(text: str, start: int, end: int) -> str:
    """The whitespace-free run of ``text`` around ``start:end``."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right]


def _is_machine_text(text: str, start: int, end: int, *, dots: int = 1, slash: bool = True) -> bool:
    """True when the chunk holds a machine sign, or ``dots`` dotted joins (``Node.js``).

    A slash marks a path unless ``slash`` is false: photo credits join
    agencies with one ("Roberts/ReutersThe").
    """
    chunk = _chunk_at(text, start, end)
    if slash and "/" in chunk:
        return True
    return bool(_MACHINE.search(chunk)) or len(_DOTTED.findall(chunk, overlapped=True)) >= dots


class GluedWords(Rule):
    """## What it does
    Flags a camel-case word made of two words run together, where a photo
    caption or a heading lost the break before the next text:
    `KazakhstanProtesters`, `unrest spreadThe president`.

    Flagged: a word used once, with one lowercase-to-capital join between
    two word-like halves (three letters or more on the left, a capitalised
    word on the right), whose right half opens sentences (`The`, `He`,
    `Photo`) or whose halves both stand alone elsewhere in the article.
    Names (`BlackRock`, `YouTube`, `MacArthur`, `McCain`, `iPhone`, `OpenAI`,
    `GlaxoSmithKline`), hashtags, handles, URLs and code are left alone; known
    names are listed in `rules/data/camel-case-names.toml`, and the option
    `allowed` adds more.

    ## Why is this bad?
    Scrapers drop the line break between a caption, a heading or a pull quote
    and the paragraph after it, and sometimes keep two copies of the caption.
    Readers see a nonsense word, and the sentence around it no longer parses.

    ## Example
    ```text
    Protesters rally in Almaty, KazakhstanProtesters rally in Almaty, Kazakhstan, on January 5
    ```

    Use instead:
    ```text
    Protesters rally in Almaty, Kazakhstan, on January 5
    ```

    There is no fix: the lost break may have been a line break, a period or a
    second copy of the text, and only an editor can tell which.
    """

    code = "WS001"
    name = "glued-words"
    summary = "Two words run together without a space"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Option]] = {
        "allowed": Option(list, [], "More camel-case names never to flag, as written.")
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        allowed = string_set("camel-case-names", "names") | set(self.settings["allowed"])
        counts: _WordCounts | None = None
        # Only a word with a join can be flagged, and such words are rare:
        # words are counted when a candidate needs them.
        for match in _joined_words(text):
            token = match.group()
            parts = _split_camel(token)
            if parts is None or token in allowed:
                continue
            if counts is None:
                counts = _WordCounts(text)
            if counts.folded(token) > 1 or _is_machine_text(text, *match.span(), slash=False):
                continue
            left, right = parts
            if _is_glued(left, right, counts):
                span = Span(*match.span())
                yield self.diagnostic(span, f"Words run together: “{left}” + “{right}”")


def _joined_words(text: str) -> Iterator[regex.Match]:
    """The matches of _WORD, in order, that may hold a lowercase letter before a capital.

    Every word with such a join is among them; _split_camel tells which.
    """
    end = 0
    for join in _CAMEL_JOIN.finditer(text):
        capital = join.start()
        if capital < end:
            continue  # in the word just found
        start = _LETTERS_BEFORE.match(text, 0, capital).start()
        word = _WORD.match(text, start) if start < capital else None
        if word is not None and word.end() > capital:
            end = word.end()
            yield word


class _WordCounts:
    """How often a word of a text occurs in it, counted only for the words asked about.

    A word is a match of _WORD. ``folded`` counts in the case-folded text:
    folding turns each letter or mark into letters or marks, each digit
    into digits and anything else into neither, so the words of the folded
    text are the folded words of the text (tests/rules/test_glue.py checks
    this for every character).
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._folded: str | None = None

    def folded(self, word: str) -> int:
        """The words equal to ``word`` once case-folded."""
        if self._folded is None:
            self._folded = self._text.casefold()
        return sum(1 for _ in _offsets(self._folded, word.casefold()))

    def exact(self, word: str) -> int:
        """The words equal to ``word`` as written that do not open a sentence.

        Capitalised mid-sentence, a word is a name in this article; at the
        start of a sentence ("First, ...") it proves nothing.
        """
        return sum(1 for i in _offsets(self._text, word) if not _starts_sentence(self._text, i))


def _offsets(text: str, word: str) -> Iterator[int]:
    """Where ``word``, letters and marks only, is a whole _WORD match in ``text``."""
    at = text.find(word)
    while at >= 0:
        match = _WORD.match(text, at)
        if match is not None and match.end() == at + len(word):
            yield at
        # No whole word starts inside this occurrence: a letter precedes it.
        at = text.find(word, at + len(word))


def _starts_sentence(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in " \t“‘\"'([":
        i -= 1
    if i == 0 or text[i - 1] in "\r\n":
        return True
    while i > 0 and text[i - 1] in "”’\"')]":
        i -= 1
    return i > 0 and text[i - 1] in ".!?…:"


def _split_camel(token: str) -> tuple[str, str] | None:
    """The two halves of a word with one lowercase-to-capital join, if they look like words."""
    joins = [i for i in range(1, len(token)) if token[i - 1].islower() and token[i].isupper()]
    if len(joins) != 1:
        return None
    left, right = token[: joins[0]], token[joins[0] :]
    if len(left) < 3 or len(right) < 2 or not left[1:].islower() or not right[1:].islower():
        return None
    if left in string_set("camel-case-names", "prefixes"):
        return None
    return left, right


def _is_glued(left: str, right: str, counts: _WordCounts) -> bool:
    if right in string_set("whitespace-glue", "sentence-starters"):
        return True
    if len(left) < 4 or len(right) < 4:
        return False
    # A proper-noun left half must stand alone as written; a common word may
    # have opened a sentence elsewhere.
    left_seen = counts.exact(left) if left[0].isupper() else counts.folded(left)
    return left_seen > 0 and counts.folded(right) > 0


class GluedSentences(Rule):
    """## What it does
    Flags a sentence that ends with no space before the next one:
    `unrest.The president`, `calm?Witnesses said`.

    A word with two lowercase letters or more must precede the mark and a
    capitalised word follow it, so initials (`U.S.`, `St.Petersburg`, `a.m.`),
    decimals, times, domains (`Reuters.com`), URLs and dotted code names pass,
    as do the abbreviations in `rules/data/whitespace-glue.toml` (`Gov.`).

    ## Why is this bad?
    Conversion from HTML or PDF drops the space (or line break) between
    sentences. Readers stumble, and tools that split sentences see one.

    ## Example
    ```text
    The army was deployed to quell the unrest.The president declared a state of emergency.
    ```

    Use instead:
    ```text
    The army was deployed to quell the unrest. The president declared a state of emergency.
    ```

    ## Fix safety
    The fix inserts a space after the mark. It is safe: no word changes.
    """

    code = "WS002"
    name = "glued-sentences"
    summary = "No space between two sentences"
    severity = Severity.ERROR
    options: ClassVar[Mapping[str, Option]] = {
        "abbreviations": Option(list, [], "More abbreviations, lowercase, no period.")
    }

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        # A match holds a lowercase letter, the mark and a capitalised word: no such join, no match.
        if not _SENTENCE_JOIN.search(text) or not _GLUED_SENTENCE_HINT.search(text):
            return
        skip = string_set("whitespace-glue", "abbreviations") | set(self.settings["abbreviations"])
        for match in _GLUED_SENTENCE.finditer(text):
            # The join itself is one dotted join; a second means a name like a.b.Com.
            if match["left"].casefold() in skip or _is_machine_text(text, *match.span(), dots=2):
                continue
            mark = Span(*match.span("punct"))
            fix = Fix.replace(mark, match["punct"] + " ", "Insert a space after the mark")
            yield self.diagnostic(Span(*match.span()), "No space between two sentences", fix=fix)


class GluedComma(Rule):
    """## What it does
    Flags a comma or semicolon with a word on both sides and no space after
    it: `Almaty,Kazakhstan`, `police;protesters`.

    Numbers (`3,800`), URLs, e-mail addresses, hashtags and code are left
    alone.

    ## Why is this bad?
    Conversion and machine translation drop the space after a comma
    (some source languages and full-width commas need none). English puts a
    space after every comma and semicolon between words.

    ## Example
    ```text
    Protesters gathered in Almaty,Kazakhstan's largest city, on Wednesday.
    ```

    Use instead:
    ```text
    Protesters gathered in Almaty, Kazakhstan's largest city, on Wednesday.
    ```

    ## Fix safety
    The fix inserts a space after the comma. It is safe: no word changes.
    """

    code = "WS003"
    name = "glued-comma"
    summary = "No space after a comma or semicolon between words"
    severity = Severity.WARNING

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        # A match holds a letter, the mark and a letter: no such join, no match.
        if not _COMMA_JOIN.search(text) or not _GLUED_COMMA_HINT.search(text):
            return
        for match in _GLUED_COMMA.finditer(text):
            if _is_machine_text(text, *match.span()):
                continue
            mark = Span(*match.span("punct"))
            fix = Fix.replace(mark, match["punct"] + " ", "Insert a space after the mark")
            message = f"No space after the {'comma' if match['punct'] == ',' else 'semicolon'}"
            yield self.diagnostic(Span(*match.span()), message, fix=fix)
