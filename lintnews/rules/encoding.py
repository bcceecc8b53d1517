"""EN: text damaged on its way through encodings."""

from __future__ import annotations

from collections.abc import Iterator

from lintnews.diagnostics import Diagnostic, Severity, Span
from lintnews.document import Document
from lintnews.rule import Rule


class InvalidUtf8(Rule):
    """## What it does
    Flags a file whose bytes are not valid UTF-8, at the first byte that
    cannot be decoded.

    ## Why is this bad?
    Articles are exchanged as UTF-8. A file in another encoding (Windows-1252,
    Latin-1) or one truncated mid-character shows readers replacement
    characters (`�`) or the wrong letters, and every tool down the line
    guesses differently. lintnews decodes the rest of the file with
    replacement characters so that other rules still run, and never writes
    fixes back to such a file.

    ## Example
    A file saved as Windows-1252: `Caf\\xe9 owners in Almaty` (byte `0xE9`).

    Use instead: the same text saved as UTF-8, `Café owners in Almaty`.
    """

    code = "EN001"
    name = "invalid-utf8"
    summary = "File is not valid UTF-8"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if doc.decode_error is None:
            return
        offset, detail = doc.decode_error
        end = min(offset + 1, len(doc.text))
        yield self.diagnostic(Span(offset, end), f"File is not valid UTF-8: {detail}")
