"""``--diff``: what ``--fix`` would change, as a unified diff ``git apply`` takes."""

from __future__ import annotations

import difflib
from pathlib import PurePath

import regex

# Lines end at LF, as git apply and patch read them (a CRLF line keeps its CR,
# a file of lone CRs is one line); str.splitlines would also split at U+2028,
# a lone CR or a form feed and produce a patch that does not apply.
_LINE = regex.compile(r"[^\n]*\n|[^\n]+$")
_NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(path: str, before: str, after: str, *, bom: bytes = b"") -> str:
    """A ``--- a/path`` / ``+++ b/path`` diff; empty when nothing changes."""
    if before == after:
        return ""
    if bom:  # the mark is part of the first line on disk, so the patch must carry it
        before, after = "\ufeff" + before, "\ufeff" + after
    name = PurePath(path).as_posix().removeprefix("./")
    lines = difflib.unified_diff(
        _LINE.findall(before), _LINE.findall(after), f"a/{name}", f"b/{name}"
    )
    return "".join(_terminated(line) for line in lines)


def _terminated(line: str) -> str:
    if line.endswith("\n"):
        return line
    if line.startswith(("---", "+++")):
        return line + "\n"
    return line + "\n" + _NO_NEWLINE
