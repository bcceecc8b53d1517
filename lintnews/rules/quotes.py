"""QT: quotation marks damaged by translation or scraping.

The rules read the classification of every quote glyph made once per
document by :mod:`lintnews.rules._quote_scanner`.
"""

from __future__ import annotations

from collections.abc import Iterator

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.rule import Rule
from lintnews.rules._quote_scanner import (
    DOUBLES,
    QUOTES,
    TURNED,
    Mark,
    Pos,
    Role,
    gap_after,
    gap_before,
    is_glued,
    is_spaced_before,
    one_char,
    scan_quotes,
)


class ReversedQuotes(Rule):
    """## What it does
    Flags a quotation opened with a closing mark and closed with an opening
    one, `” like this “`, usually with a space inside each mark.

    ## Why is this bad?
    Machine translation from languages that space their quotation marks, and
    text rebuilt from PDFs, turn the pair round: the quotation reads inside out.

    ## Example
    ```text
    He called the protesters ” bandits and terrorists “.
    ```

    Use instead:
    ```text
    He called the protesters “bandits and terrorists”.
    ```

    ## Fix safety
    The fix turns both marks round and removes the spaces inside them. It is
    safe: no word changes.
    """

    code = "QT001"
    name = "reversed-quotes"
    summary = "Quotation marks turned the wrong way round"
    severity = Severity.ERROR
    triggers = ("”",)  # the pair opens with it (and closes with “)

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for mark in scan_quotes(doc):
            if mark.role is Role.OPEN and mark.reversed_pair:
                span = Span(mark.offset, mark.partner.offset + 1)
                inner = doc.text[span.start + 1 : span.end - 1].strip()
                fix = Fix.replace(span, f"“{inner}”", "Turn the quotation marks round")
                yield self.diagnostic(span, "Quotation marks are turned round: ” … “", fix=fix)


class OpeningMarkCloses(Rule):
    """## What it does
    Flags an opening quotation mark (`“`, `‘`) that closes a quotation, right
    after its last word: `“liquidated“`.

    ## Why is this bad?
    Auto-correct shapes a straight quote from the character before it, and
    machine translation copies the opening mark to both ends: the reader sees
    a second quotation start where the first should end. A low opening mark
    closed by `“` (`„so“`, German and Polish style) is left alone.

    ## Example
    ```text
    The ministry said 26 “armed criminals” were “liquidated“, while 18 police died.
    ```

    Use instead:
    ```text
    The ministry said 26 “armed criminals” were “liquidated”, while 18 police died.
    ```

    ## Fix safety
    The fix turns the mark round (and adds a space when a word follows it at
    once). It is safe: no word changes.
    """

    code = "QT002"
    name = "opening-mark-closes"
    summary = "Opening quotation mark used to close a quotation"
    severity = Severity.ERROR
    triggers = tuple(TURNED)  # “ and ‘, the marks it flags

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.text
        for mark in scan_quotes(doc):
            if not mark.wrong_closing_glyph or is_spaced_before(text, mark):
                continue  # a spaced one is QT006's
            right = mark.closing_glyph + (" " if is_glued(text, mark) else "")
            fix = Fix.replace(one_char(mark), right, f"Close the quotation with {right.strip()}")
            message = f"Opening mark {mark.glyph} closes this quotation"
            yield self.diagnostic(one_char(mark), message, fix=fix)


class InterruptedQuotation(Rule):
    """## What it does
    Flags a quotation never closed when another one opens after it in the
    same paragraph: `“Whoever does not surrender will be destroyed. “I gave…`.

    ## Why is this bad?
    Two quoted sentences were run together and the closing mark of the first
    was lost, so the reader cannot tell where it ends. Where the mark belongs
    is a guess, so there is no fix. Nested quotations of the same kind that
    are closed (`“… “peace” plan …”`) are left alone.

    ## Example
    ```text
    “Whoever does not surrender will be destroyed. “I gave the order to shoot to kill.”
    ```

    Use instead:
    ```text
    “Whoever does not surrender will be destroyed.” “I gave the order to shoot to kill.”
    ```
    """

    code = "QT003"
    name = "interrupted-quotation"
    summary = "Quotation not closed before the next one opens"
    severity = Severity.WARNING
    triggers = tuple(DOUBLES)  # the mark it flags is one of them

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for mark in scan_quotes(doc):
            if mark.kind == "double" and mark.unclosed == "paragraph" and mark.interrupted:
                yield self.diagnostic(one_char(mark), "Quotation is not closed before the next one")


class UnclosedQuotation(Rule):
    """## What it does
    Flags a double quotation mark that opens a quotation never closed in its
    paragraph.

    ## Why is this bad?
    Scraping and machine translation drop closing marks, leaving the reader
    unsure where the speaker's words end. A quotation run over paragraphs is
    not flagged: English leaves the closing mark off and opens the next
    paragraph with an opening mark.

    ## Example
    ```text
    “What stupidity. What kind of negotiations can you have with criminals?
    ```

    Use instead:
    ```text
    “What stupidity. What kind of negotiations can you have with criminals?”
    ```
    """

    code = "QT004"
    name = "unclosed-quotation"
    summary = "Quotation never closed in its paragraph"
    severity = Severity.WARNING
    triggers = tuple(DOUBLES)  # the mark it flags is one of them

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for mark in scan_quotes(doc):
            if mark.kind == "double" and mark.unclosed == "paragraph" and not mark.interrupted:
                yield self.diagnostic(one_char(mark), "Quotation is never closed")


class UnclosedSingleQuote(Rule):
    """## What it does
    Flags a single opening mark `‘` that nothing closes, in its paragraph or
    before the quotation around it closes.

    ## Why is this bad?
    A stray `‘` is the remains of a mangled quotation. Apostrophes are told
    apart (`Kazakhstan’s`, `’90s`, `rock ’n’ roll`, `’em`, `dancin’`), and a
    single-quoted quotation run over paragraphs is not flagged.

    ## Example
    ```text
    Tokayev asked for help in cracking down on what ‘he describes as a revolt.
    ```

    Use instead:
    ```text
    Tokayev asked for help in cracking down on what he describes as a revolt.
    ```
    """

    code = "QT005"
    name = "unclosed-single-quote"
    summary = "Single opening quotation mark never closed"
    severity = Severity.WARNING
    triggers = ("‘",)  # the mark it flags

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for mark in scan_quotes(doc):
            if mark.glyph == "‘" and mark.unclosed in ("paragraph", "enclosing"):
                yield self.diagnostic(one_char(mark), "Single quotation mark is never closed")


class QuoteSpacing(Rule):
    """## What it does
    Flags a space on the wrong side of a quotation mark: before a closing
    mark (`soon, ”he said`, `a bit. ”`), after an opening one (`“ bandits`),
    or none between a closing mark and the next word (`soon,”he`).

    ## Why is this bad?
    Machine translation carries over the spaced marks of French and other
    languages, and scraping glues words to marks. In English the marks hug
    the words they quote. A closing mark typed as an opening one after a
    space (`eliminated. “` ending a quotation) is turned round as well.

    ## Example
    ```text
    “Those who do not surrender will be eliminated, ”Tokayev added on Friday.
    ```

    Use instead:
    ```text
    “Those who do not surrender will be eliminated,” Tokayev added on Friday.
    ```

    ## Fix safety
    The fix moves or removes the space (and turns a wrongly shaped closing
    mark round). It is safe: no word changes. A straight `"` between a space
    and a word may as well open a new quotation, so it gets no fix.
    """

    code = "QT006"
    name = "quote-spacing"
    summary = "Space on the wrong side of a quotation mark"
    severity = Severity.ERROR
    triggers = tuple(QUOTES)  # every diagnostic is about one of them

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.text
        for mark in scan_quotes(doc):
            if mark.partner is None or mark.reversed_pair:
                continue
            closing = mark.role is Role.CLOSE  # a mark with a partner closes or opens
            found = self._closing(text, mark) if closing else self._opening(text, mark)
            if found is not None:
                yield found

    def _closing(self, text: str, mark: Mark) -> Diagnostic | None:
        spaced, glued = is_spaced_before(text, mark), is_glued(text, mark)
        if not spaced and (not glued or mark.wrong_closing_glyph):
            return None  # fine, or QT002's
        start = gap_before(text, mark.offset, 0) if spaced else mark.offset
        span = Span(start, mark.offset + 1)
        message = "Space before closing quotation mark" if spaced else "No space after closing mark"
        if spaced and glued:
            message += " and none after"
        fix = None
        if not (mark.glyph == '"' and mark.pos is Pos.OPENING):
            right = mark.closing_glyph + (" " if glued else "")
            fix = Fix.replace(span, right, "Put the space after the quotation mark")
        return self.diagnostic(span, message, fix=fix)

    def _opening(self, text: str, mark: Mark) -> Diagnostic | None:
        end = gap_after(text, mark.offset + 1, len(text))
        if end == mark.offset + 1 or text[end] in QUOTES + "…":
            return None  # a hair space between two marks; an elision `“ … and`
        span = Span(mark.offset, end)
        fix = Fix.replace(span, mark.glyph, "Remove the space after the quotation mark")
        return self.diagnostic(span, "Space after opening quotation mark", fix=fix)
