"""The helpers that find where a PN, QT or NU pattern can match."""

from __future__ import annotations

import re
import sys

import regex
from hypothesis import given
from hypothesis import strategies as st

from lintnews.rules._candidates import HSPACE, HSPACE_CHARS, finditer, offsets, run_start

EVERY_CHARACTER = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_hspace_is_what_regex_calls_a_space_but_a_line_break() -> None:
    assert set(regex.findall(r"[^\S\r\n]", EVERY_CHARACTER)) == HSPACE_CHARS
    assert set(re.findall(f"[{HSPACE}]", EVERY_CHARACTER)) == HSPACE_CHARS
    assert set(regex.findall(r"\s", EVERY_CHARACTER)) == HSPACE_CHARS | {"\n", "\r"}


@given(st.text(alphabet="ab“”'\"\n’x", max_size=40))
def test_offsets_are_every_occurrence_in_order(text: str) -> None:
    assert offsets(text, "“”'\"’") == [m.start() for m in re.finditer("[“”'\"’]", text)]


def test_run_start_goes_back_over_the_run() -> None:
    text = "word \u2009\xa0,"
    assert run_start(text, 7, HSPACE_CHARS) == 4
    assert run_start(text, 4, HSPACE_CHARS) == 4
    assert run_start("  x", 2, HSPACE_CHARS) == 0


def test_finditer_skips_places_inside_a_match() -> None:
    pattern = regex.compile(r"\.\S*")
    starts = re.compile(r"\.")
    text = "a .b.c and .d"
    assert [m.span() for m in finditer(pattern, starts, text)] == [
        m.span() for m in pattern.finditer(text)
    ]
