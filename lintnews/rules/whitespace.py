"""WS: whitespace lost, doubled or hidden by scraping and conversion."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import ClassVar

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.data import load_data, string_set
from lintnews.rule import Option, Rule

# A run of letters that touches no digit, underscore or other letter.
_WORD = regex.compile(r"(?<![\p{L}\p{M}\p{N}_])[\p{L}\p{M}]+(?![\p{L}\p{M}\p{N}_])")
# A character other than a lowercase letter inside a word. Every
# lowercase-to-capital join ends on one (an uppercase character is never
# \p{Ll}), and most words of prose hold none.
_INNER_NOT_LOWER = regex.compile(r"(?<=[\p{L}\p{M}])[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]")
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
# The end of a sentence, closing quotes and brackets included.
_SENTENCE_END = regex.compile(r"[.!?:][”’\"')\]]*$")
_SPACE_RUN = regex.compile(r"(?<=\S) {2,}(?=\S)")
_COLUMN_GAP = regex.compile(r"\S {3,}\S")
# Atomic, so that a CRLF is never split into a CR and an LF to make a "run".
_BREAK = r"(?>\r\n|\r|\n)"
_BLANK_RUN = regex.compile(rf"(?<=\S[^\S\r\n]*)(?P<first>{_BREAK})(?:[^\S\r\n]*{_BREAK}){{2,}}")


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
        folded: Counter | None = None
        exact: Counter | None = None
        # Only a word with a join can be flagged, and such words are rare:
        # the word counts are made when the first candidate needs them.
        for match in _mixed_words(text):
            token = match.group()
            parts = _split_camel(token)
            if parts is None or token in allowed:
                continue
            if folded is None:
                folded, exact = _word_counts(text)
            if folded[token.casefold()] > 1 or _is_machine_text(text, *match.span(), slash=False):
                continue
            left, right = parts
            if _is_glued(left, right, exact, folded):
                span = Span(*match.span())
                yield self.diagnostic(span, f"Words run together: “{left}” + “{right}”")


def _mixed_words(text: str) -> Iterator[regex.Match]:
    """The matches of _WORD, in order, with a character not a lowercase letter after the first."""
    end = 0
    for inner in _INNER_NOT_LOWER.finditer(text):
        if inner.start() < end:
            continue  # in the word just found, or in a run that is not a word
        start = _LETTERS_BEFORE.match(text, 0, inner.start()).start()
        word = _WORD.match(text, start)
        if word is None:
            end = inner.start() + 1
            continue
        end = word.end()
        yield word


def _word_counts(text: str) -> tuple[Counter, Counter]:
    """Each word's count, case-folded, and as written where it does not open a sentence."""
    words = list(_WORD.finditer(text))
    folded = Counter(m.group().casefold() for m in words)
    # Capitalised mid-sentence, a word is a name in this article; at the
    # start of a sentence ("First, ...") it proves nothing.
    exact = Counter(m.group() for m in words if not _starts_sentence(text, m.start()))
    return folded, exact


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


def _is_glued(left: str, right: str, exact: Counter, folded: Counter) -> bool:
    if right in string_set("whitespace-glue", "sentence-starters"):
        return True
    # A proper-noun left half must stand alone as written; a common word may
    # have opened a sentence elsewhere.
    left_seen = exact[left] if left[0].isupper() else folded[left.casefold()]
    return len(left) >= 4 and len(right) >= 4 and left_seen > 0 and folded[right.casefold()] > 0


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
        if not _GLUED_SENTENCE_HINT.search(text):
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
        if not _GLUED_COMMA_HINT.search(text):
            return
        for match in _GLUED_COMMA.finditer(text):
            if _is_machine_text(text, *match.span()):
                continue
            mark = Span(*match.span("punct"))
            fix = Fix.replace(mark, match["punct"] + " ", "Insert a space after the mark")
            message = f"No space after the {'comma' if match['punct'] == ',' else 'semicolon'}"
            yield self.diagnostic(Span(*match.span()), message, fix=fix)


class DoubledSpace(Rule):
    """## What it does
    Flags two or more spaces between two words inside a sentence:
    `the  president`.

    Left alone: indentation, spaces at the end of a line, two spaces after a
    sentence (a typewriter convention, not damage), thin and no-break spaces
    (the thin-spaced `. . .` of some house styles), tabs, and lines laid out
    in columns or as a table.

    ## Why is this bad?
    A doubled space usually marks a word, link or image that a scraper or a
    translation tool removed, and shows as a gap in justified text.

    ## Example
    ```text
    Kazakhstan's  president declared a state of emergency.
    ```

    Use instead:
    ```text
    Kazakhstan's president declared a state of emergency.
    ```

    ## Fix safety
    The fix replaces the run with one space. It is safe: no word changes.
    """

    code = "WS004"
    name = "doubled-space"
    summary = "Two or more spaces between words"
    severity = Severity.WARNING

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        masked = doc.masked_text
        for _, line in doc.lines():
            content = doc.text[line.start : line.end]
            if "|" in content or "\t" in content or len(_COLUMN_GAP.findall(content)) > 1:
                continue
            for match in _SPACE_RUN.finditer(masked, line.start, line.end):
                start, end = match.span()
                # Masking blanks code and link targets: the run must be real.
                if doc.text[start - 1 : end + 1] != masked[start - 1 : end + 1]:
                    continue
                if _SENTENCE_END.search(masked, line.start, start):
                    continue
                fix = Fix.replace(Span(start, end), " ", "Replace with one space")
                yield self.diagnostic(Span(start, end), "Two or more spaces between words", fix=fix)


class BlankLineRun(Rule):
    """## What it does
    Flags two or more blank lines in a row between paragraphs of a plain-text
    article.

    Off by default (select it with `--select WS005`): blank lines are layout
    that readers of the published article never see, and scraped files often
    carry them around bylines and footers. Markdown renders any number of
    blank lines as one, so it is left alone.

    ## Why is this bad?
    Scrapers leave blank lines where they removed images, ads or share
    buttons. A run of them hides where text was cut, and breaks tools that
    expect one blank line between paragraphs.

    ## Example
    ```text
    Kazakhstan's president declared a state of emergency.



    Troops were deployed to Almaty.
    ```

    Use instead:
    ```text
    Kazakhstan's president declared a state of emergency.

    Troops were deployed to Almaty.
    ```

    ## Fix safety
    The fix leaves one blank line. It is safe: no word changes.
    """

    code = "WS005"
    name = "blank-line-run"
    summary = "Two or more blank lines in a row"
    severity = Severity.INFO
    default_enabled = False

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if doc.kind == "markdown":
            return
        for match in _BLANK_RUN.finditer(doc.text):
            if not doc.text[match.end() :].strip():
                continue
            blank = Span(match.end("first"), match.end())
            fix = Fix.replace(Span(*match.span()), match["first"] * 2, "Leave one blank line")
            yield self.diagnostic(blank, "Two or more blank lines in a row", fix=fix)


class InvisibleCharacter(Rule):
    """## What it does
    Flags invisible format characters in the text: zero width space, word
    joiner, byte order mark, soft hyphen, invisible operators, and, in
    Latin-script text only, the zero width joiner and non-joiner, direction
    marks and bidi controls.

    Those are left alone next to letters of scripts that need them (Persian,
    Arabic, Hebrew, Indic, Mongolian) and inside emoji sequences; no-break and
    thin spaces are visible and never flagged. The list is in
    `rules/data/whitespace-invisible.toml`.

    ## Why is this bad?
    Copy and paste from web pages, word processors and translation tools
    carries these characters along. Readers cannot see them, but they break
    search ("Tokayev" does not match "Toka\\u00ADyev"), word counts,
    spell checking and sometimes the line breaks or text direction.

    ## Example
    A zero width space, shown here as `<U+200B>`, inside a name:
    ```text
    President Kassym-Jomart Toka<U+200B>yev declared a state of emergency.
    ```

    Use instead:
    ```text
    President Kassym-Jomart Tokayev declared a state of emergency.
    ```

    ## Fix safety
    The fix deletes the characters. It is safe: the visible text does not
    change.
    """

    code = "WS006"
    name = "invisible-character"
    summary = "Invisible format character in the text"
    severity = Severity.WARNING

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        table = _invisible_table()
        text = doc.masked_text
        for match in _invisible_pattern().finditer(text):
            latin = _latin_context(text, *match.span())
            start = None
            for i in range(match.start(), match.end() + 1):
                flagged = i < match.end() and (latin or not table[text[i]][1])
                if flagged and start is None:
                    start = i
                elif not flagged and start is not None:
                    yield self._report(Span(start, i), text, table)
                    start = None

    def _report(self, span: Span, text: str, table: dict) -> Diagnostic:
        names = ", ".join(
            dict.fromkeys(f"U+{ord(c):04X} {table[c][0]}" for c in text[span.start : span.end])
        )
        fix = Fix.replace(span, "", "Delete the invisible characters")
        return self.diagnostic(span, f"Invisible character: {names}", fix=fix)


@functools.cache
def _invisible_table() -> dict[str, tuple[str, bool]]:
    """Each invisible character -> (its name, whether it is flagged in Latin context only)."""
    entries = load_data("whitespace-invisible")["characters"]
    return {chr(int(e["code"], 16)): (e["name"], e["latin-only"]) for e in entries}


@functools.cache
def _invisible_pattern() -> regex.Pattern:
    return regex.compile("[" + "".join(regex.escape(c) for c in _invisible_table()) + "]+")


# Marks, symbols (emoji), emoji skin tones, variation selectors, and letters
# of any script but Latin.
_FOREIGN = regex.compile(
    r"[\p{M}\p{So}\U0001F3FB-\U0001F3FF\uFE00-\uFE0F]|(?!\p{Script=Latin})\p{L}"
)


def _latin_context(text: str, start: int, end: int) -> bool:
    """True unless a neighbour of ``text[start:end]`` belongs to another script or an emoji."""
    neighbours = text[start - 1 : start] + text[end : end + 1]
    return not _FOREIGN.search(neighbours)
