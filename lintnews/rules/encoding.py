"""EN: text damaged on its way through encodings."""

from __future__ import annotations

import difflib
import functools
import importlib
import re
from collections.abc import Iterator
from types import ModuleType

import regex

from lintnews.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from lintnews.document import Document
from lintnews.rule import Rule

# UTF-8 read as Windows-1252 or Latin-1 turns each accented letter or curly
# quote into a lead character (Ã, Â, â, Ð …, bytes C2-F4) followed by one
# or more continuation characters (bytes 80-BF as Windows-1252 shows them).
# Only text that matches this cheap test is handed to ftfy.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122"
)
_SUSPECT = regex.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]")
# Words are split on plain spaces and tabs only: a no-break space can be
# part of the damage (à becomes "Ã" and a no-break space).
_WORD_EDGE = " \t\r\n"
_REPLACEMENT_RUN = regex.compile("\ufffd+")
# C0 controls other than tab, line feed and carriage return; DEL; C1. A
# class of fixed characters, which the standard library's re scans for
# faster than regex does.
_CONTROL_CHARS = "".join(
    map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])
)
_CONTROL_RUN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]+")
# Vertical tab (a Word line break), form feed and the separators stood
# between words: they become a space, not nothing.
_SEPARATORS = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")


def _ftfy() -> ModuleType:
    """ftfy, imported when first needed: the import takes a twentieth of a second,
    and only suspect text (rare) reaches it."""
    return importlib.import_module("ftfy")


def __getattr__(name: str) -> ModuleType:
    # ``encoding.ftfy`` still names the module, imported on first access.
    if name == "ftfy":
        return _ftfy()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.lru_cache(maxsize=8)
def mojibake_edits(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, replacement) for each run of mojibake ftfy can undo."""
    edits: list[tuple[int, int, str]] = []
    for start, end in _suspect_windows(text):
        window = text[start:end]
        fixed = _ftfy().fix_encoding(window)
        if fixed != window:
            for a, b, new in _changed_runs(window, fixed):
                # A bare deletion ("5Â°C") is shown with the character it
                # stood before, so that the span is never read out of context.
                if not new and b < len(window):
                    b, new = b + 1, window[b]
                edits.append((start + a, start + b, new))
    return tuple(edits)


def _suspect_windows(text: str) -> list[tuple[int, int]]:
    """The words around each suspect pair, neighbours joined across one space."""
    windows: list[tuple[int, int]] = []
    for match in _SUSPECT.finditer(text):
        start, end = match.start(), match.end()
        while start > 0 and text[start - 1] not in _WORD_EDGE:
            start -= 1
        while end < len(text) and text[end] not in _WORD_EDGE:
            end += 1
        if windows and start <= windows[-1][1] + 1 and "\n" not in text[windows[-1][1] : start]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _changed_runs(old: str, new: str) -> Iterator[tuple[int, int, str]]:
    """The changed stretches of ``old``, joined within a word."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    run: list[int] | None = None  # [old start, old end, new start, new end]
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            if run is not None and any(c.isspace() for c in old[i1:i2]):
                yield run[0], run[1], new[run[2] : run[3]]
                run = None
            continue
        if run is None:
            run = [i1, i2, j1, j2]
        else:
            run[1], run[3] = i2, j2
    if run is not None:
        yield run[0], run[1], new[run[2] : run[3]]


def _inside_mojibake(text: str, span: Span) -> bool:
    return any(start <= span.start and span.end <= end for start, end, _ in mojibake_edits(text))


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


class Mojibake(Rule):
    """## What it does
    Flags mojibake: letters and punctuation garbled because UTF-8 text was
    read as Windows-1252 or Latin-1 (`CafÃ©` for `Café`, `Itâ€™s` for
    `It’s`, `Ã‰lysÃ©e` for `Élysée`), found and mended by
    [ftfy](https://ftfy.readthedocs.io/).

    Correct accented and non-Latin text (`Hénault`, `São Paulo`, `Zürich`,
    `Ελλάδα`, `Россия`, `北京`) and curly quotes and dashes are left alone:
    only a run that ftfy recognises as mis-decoded UTF-8 is flagged.

    ## Why is this bad?
    The text passed through a system that guessed the wrong encoding. Readers
    see gibberish in names and quotes, and search engines index the wrong
    words.

    ## Example
    ```text
    The president of the European Commission met Emmanuel Macron at the Ã‰lysÃ©e.
    ```

    Use instead:
    ```text
    The president of the European Commission met Emmanuel Macron at the Élysée.
    ```

    ## Fix safety
    The fix replaces the run with ftfy's decoding of it. It is safe: it
    restores the characters the author wrote, byte for byte.
    """

    code = "EN002"
    name = "mojibake"
    summary = "Text garbled by a wrong encoding (mojibake)"
    severity = Severity.ERROR

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        for start, end, replacement in mojibake_edits(text):
            span = Span(start, end)
            found = doc.slice(span)
            fix = Fix.replace(span, replacement, f"Replace with “{replacement}”")
            message = f"Mojibake: “{found}” should read “{replacement}”"
            yield self.diagnostic(span, message, fix=fix)


class ReplacementCharacter(Rule):
    """## What it does
    Flags the replacement character `�` (U+FFFD), each run once.

    A file that is not valid UTF-8 is reported once by `EN001` instead: the
    replacement characters lintnews puts in for its bad bytes are not
    reported again here.

    ## Why is this bad?
    A program that could not decode some bytes put `�` in their place: the
    letters or quotes that stood there are lost and must be restored by
    hand, from the source.

    ## Example
    ```text
    The Elys�e Palace said Macron spoke to Tokayev on Friday.
    ```

    Use instead:
    ```text
    The Elysée Palace said Macron spoke to Tokayev on Friday.
    ```
    """

    code = "EN003"
    name = "replacement-character"
    summary = "Replacement character (U+FFFD) where text was lost"
    severity = Severity.ERROR
    triggers = ("\ufffd",)

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if doc.decode_error is not None:
            return
        text = doc.masked_text
        for match in _REPLACEMENT_RUN.finditer(text):
            span = Span(*match.span())
            if _inside_mojibake(text, span):
                continue
            count = len(span)
            what = "A replacement character" if count == 1 else f"{count} replacement characters"
            yield self.diagnostic(span, f"{what} (U+FFFD): the original text was lost")


class ControlCharacter(Rule):
    """## What it does
    Flags control characters in the text: C0 controls other than tab, line
    feed and carriage return (such as the vertical tab Word uses for a line
    break), DEL, and the C1 controls U+0080 to U+009F.

    ## Why is this bad?
    Control characters are invisible, or shown as boxes, and have no place in
    an article. A C1 control is almost always a Windows-1252 character read
    as Latin-1: U+0092 stood for `’`, U+0093 and U+0094 for `“ ”`, U+0096
    for `–`.

    ## Example
    ```text
    Kazakhstan\\x92s president vowed to restore order.
    ```

    Use instead:
    ```text
    Kazakhstan’s president vowed to restore order.
    ```

    ## Fix safety
    A C0 control or DEL is deleted, or replaced by a space when it is a line
    or page break between two words: that fix is safe. A C1 control is
    replaced by the Windows-1252 character it stands for, or deleted when it
    stands for none; replacing is unsafe because it guesses what the author
    typed.
    """

    code = "EN004"
    name = "control-character"
    summary = "Control character in the text"
    severity = Severity.ERROR
    # Each character _CONTROL_RUN matches: no case folding changes them.
    triggers = tuple(_CONTROL_CHARS)

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        for match in _CONTROL_RUN.finditer(text):
            span = Span(*match.span())
            if _inside_mojibake(text, span):
                continue
            replacement, safe = _control_replacement(text, span)
            names = ", ".join(f"U+{ord(c):04X}" for c in match.group())
            message = f"Control character {names}"
            if not safe:
                message += f" (probably “{replacement}” read with the wrong encoding)"
            action = f"Replace with “{replacement}”" if replacement else "Delete it"
            fix = Fix((Edit(span, replacement),), _applicability(safe), action)
            yield self.diagnostic(span, message, fix=fix)


def _control_replacement(text: str, span: Span) -> tuple[str, bool]:
    """What the run becomes, and whether that is certain."""
    pieces: list[str] = []
    safe = True
    for char in text[span.start : span.end]:
        if "\x80" <= char <= "\x9f":
            intended = _windows_1252(char)
            safe = safe and not intended
            pieces.append(intended)
        elif char in _SEPARATORS:
            pieces.append(" ")
        else:
            pieces.append("")
    replacement = "".join(pieces)
    if replacement.isspace():
        before = text[span.start - 1] if span.start else " "
        after = text[span.end] if span.end < len(text) else " "
        replacement = "" if before.isspace() or after.isspace() else " "
    return replacement, safe


def _windows_1252(char: str) -> str:
    try:
        return bytes([ord(char)]).decode("cp1252")
    except UnicodeDecodeError:
        return ""


def _applicability(safe: bool) -> Applicability:
    return Applicability.SAFE if safe else Applicability.UNSAFE
