"""Indented JSON: orjson's text is the standard library's, byte for byte."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lintnews import jsontext

SCALARS = st.none() | st.booleans() | st.integers() | st.text()
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def standard(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


@given(VALUES)
def test_same_text_as_the_standard_library(value: object) -> None:
    assert jsontext.indented(value) == standard(value)


@pytest.mark.parametrize(
    "value",
    [
        {"message": "Comment-form residue: “Leave a Reply”", "edits": [], "fix": None},
        {"snippet": 'he said\u2028then \x00 \x1f \x7f \u200b 𝔘 \\ " ]]> %0A ::'},
        {"big": 2**70},
    ],
)
def test_awkward_values(value: object) -> None:
    assert jsontext.indented(value) == standard(value)


def test_without_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsontext, "orjson", None)
    value = {"code": "PN001", "location": {"row": 3, "column": 14}}
    assert jsontext.indented(value) == standard(value)


@given(st.lists(VALUES, max_size=5))
def test_a_list_written_item_by_item_is_the_same_text(items: list[object]) -> None:
    stream = io.StringIO()
    jsontext.write_indented_list(iter(items), stream)
    assert stream.getvalue() == standard(items)


def test_a_lone_surrogate_is_escaped_so_the_text_encodes() -> None:
    """An undecodable byte in a file name: valid UTF-8 JSON that reads back the same."""
    value = {"filename": "archive/name-\udcff.txt", "message": "ok"}
    for text in (jsontext.indented(value), jsontext.compact(value)):
        text.encode("utf-8")
        assert json.loads(text) == value
        assert "\\udcff" in text
    assert jsontext.compact({"a": "é"}) == json.dumps({"a": "é"}, ensure_ascii=False)
