"""PN: punctuation damaged by translation or scraping."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.rule import Rule

_SPACE = r"[^\S\r\n]"


class DoubledPeriod(Rule):
    """## What it does
    Flags a sentence that ends in two periods, with or without a space
    between them: `unsafe. .`, `in 2019..`.

    ## Why is this bad?
    Machine translation and copy-and-paste between systems often leave a
    second period behind when a sentence is re-joined. No style guide uses
    two periods to end a sentence, so the second is always noise.

    An ellipsis is not a doubled period: `...`, `…` and the spaced
    `. . .` (with thin or plain spaces) of some house styles are left alone.

    ## Example
    ```text
    The situation in the city remains unsafe. .
    ```

    Use instead:
    ```text
    The situation in the city remains unsafe.
    ```

    ## Fix safety
    The fix deletes the second period and the space before it. It is safe:
    no word changes.
    """

    code = "PN001"
    name = "doubled-period"
    summary = "Sentence ends in two periods"
    severity = Severity.ERROR

    # Exactly two periods: not part of a run of three (an ellipsis, spaced
    # or not), and not next to an ellipsis character.
    PATTERN = regex.compile(rf"(?<![.…]{_SPACE}*)\.(?P<gap>{_SPACE}*)\.(?!{_SPACE}*[.…])")

    @property
    def fixable(self) -> bool:
        return True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for match in self.PATTERN.finditer(doc.masked_text):
            span = Span(*match.span())
            second = Span(match.start("gap"), match.end())
            fix = Fix.replace(second, "", "Remove the second period")
            yield self.diagnostic(span, "Sentence ends in two periods", fix=fix)
