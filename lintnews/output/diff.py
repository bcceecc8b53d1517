"""``--diff``: what ``--fix`` would change, as a unified diff ``git apply`` takes."""

from __future__ import annotations

import difflib
from pathlib import PurePath

import regex

# Lines end at CR, LF or CRLF only, like the files themselves; str.splitlines
# would also split at U+2028 or a form feed and produce a patch that fails.
_LINE = regex.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
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
    if line.endswith(("\n", "\r")):
        return line
    if line.startswith(("---", "+++")):
        return line + "\n"
    return line + "\n" + _NO_NEWLINE
