"""WS: whitespace doubled or hidden by scraping and conversion.

Spaces lost between words and sentences are in :mod:`lintnews.rules.glue`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.data import load_data
from lintnews.rule import Rule

# The end of a sentence, closing quotes and brackets included.
_SENTENCE_END = regex.compile(r"[.!?:][”’\"')\]]*$")
_SPACE_RUN = regex.compile(r"(?<=\S) {2,}(?=\S)")
_COLUMN_GAP = regex.compile(r"\S {3,}\S")
# Atomic, so that a CRLF is never split into a CR and an LF to make a "run".
_BREAK = r"(?>\r\n|\r|\n)"
_BLANK_RUN = regex.compile(rf"(?<=\S[^\S\r\n]*)(?P<first>{_BREAK})(?:[^\S\r\n]*{_BREAK}){{2,}}")


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
    triggers = ("  ",)  # every run it flags

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        masked = doc.masked_text
        for line in _lines_holding(doc, "  "):
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


def _lines_holding(doc: Document, needle: str) -> Iterator[Span]:
    """The spans of the lines whose masked text holds ``needle``, as ``doc.lines()`` gives them."""
    masked = doc.masked_text
    at = masked.find(needle)
    while at >= 0:
        line = doc.index.line_span(doc.location(at).row)
        yield Span(line.start, line.start + len(doc.slice(line).rstrip("\r\n")))
        at = masked.find(needle, line.end)


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


@functools.cache
def _invisible_table() -> dict[str, tuple[str, bool]]:
    """Each invisible character -> (its name, whether it is flagged in Latin context only)."""
    entries = load_data("whitespace-invisible")["characters"]
    return {chr(int(e["code"], 16)): (e["name"], e["latin-only"]) for e in entries}


@functools.cache
def _invisible_pattern() -> regex.Pattern:
    return regex.compile("[" + "".join(regex.escape(c) for c in _invisible_table()) + "]+")


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
    # The characters it flags; none has a case, so folding keeps them.
    triggers = tuple(_invisible_table())

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


# Marks, symbols (emoji), emoji skin tones, variation selectors, and letters
# of any script but Latin.
_FOREIGN = regex.compile(
    r"[\p{M}\p{So}\U0001F3FB-\U0001F3FF\uFE00-\uFE0F]|(?!\p{Script=Latin})\p{L}"
)


def _latin_context(text: str, start: int, end: int) -> bool:
    """True unless a neighbour of ``text[start:end]`` belongs to another script or an emoji."""
    neighbours = text[start - 1 : start] + text[end : end + 1]
    return not _FOREIGN.search(neighbours)
