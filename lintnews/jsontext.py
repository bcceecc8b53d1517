"""Indented JSON text for reports, baselines and the rule catalog.

The standard library indents JSON in pure Python: half a second for the
20,000 diagnostics of a 2,000-article run, more than the cache needs to
answer the whole run. ``orjson`` writes the same text about ten times
faster. Where it cannot (a lone surrogate from undecodable bytes, an
integer beyond 64 bits) or is missing, the standard library writes it.
Reports hold strings, integers, booleans, null, lists and objects, for
which the two agree to the byte (floats they would write differently).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

try:
    import orjson
except (
    ImportError
):  # pragma: no cover - orjson is a dependency; this keeps a broken install working
    orjson = None


# A lone surrogate stands for a byte that was not UTF-8 (in a file name, say).
_SURROGATE = re.compile("[\ud800-\udfff]")


def indented(value: Any) -> str:
    """``value`` as JSON with two-space indentation, non-ASCII kept, no final newline."""
    if orjson is not None:
        try:
            return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode("utf-8")
        except (orjson.JSONEncodeError, TypeError):
            pass
    return _escape_surrogates(json.dumps(value, ensure_ascii=False, indent=2))


def compact(value: Any) -> str:
    """``value`` as JSON on one line, as ``json.dumps`` writes it, non-ASCII kept."""
    return _escape_surrogates(json.dumps(value, ensure_ascii=False))


def _escape_surrogates(text: str) -> str:
    """Lone surrogates as ``\\udcff`` escapes, so that the text encodes as UTF-8.

    They occur only inside JSON strings, where the escape is valid JSON and
    reads back as the same string (``os.fsencode`` then gives the bytes).
    """
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_indented_list(items: Iterable[Any], stream: TextIO, depth: int = 0) -> None:
    """Write ``indented(list(items))`` item by item, never holding the whole text.

    A run's report can hold hundreds of thousands of records: building it as
    one string would hold it twice over. JSON strings carry no raw line
    breaks, so an item's text is indented by indenting its lines. ``depth``
    is the nesting of the list in a larger document (its items are
    indented ``depth + 1`` levels).
    """
    outer = "\n" + "  " * depth
    inner = outer + "  "
    separator = "[" + inner
    for item in items:
        stream.write(separator)
        stream.write(indented(item).replace("\n", inner))
        separator = "," + inner
    stream.write("[]" if separator == "[" + inner else outer + "]")
