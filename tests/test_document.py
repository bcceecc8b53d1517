"""Document indexing: rows and columns in code points, CRLF, BOM, astral characters."""

from __future__ import annotations

import pytest

from lintnews.diagnostics import Span
from lintnews.document import Document, LineIndex, Location, Suppression, mask_outside
from lintnews.loader import decode, document_from_bytes


def test_location_counts_code_points_not_bytes_or_utf16_units() -> None:
    text = "Protesters 🇰🇿 gathered in Almaty. .\n"
    index = LineIndex(text)
    period = text.index(". .")
    # The flag is two code points (four UTF-16 units, eight UTF-8 bytes).
    assert index.location(period) == Location(1, period + 1)
    assert period == len("Protesters 🇰🇿 gathered in Almaty")


def test_crlf_rows_and_columns() -> None:
    text = "Kazakhstan president vows crackdown\r\n\r\nTroops fired on crowds. .\r\n"
    index = LineIndex(text)
    offset = text.index("Troops")
    assert index.location(offset) == Location(3, 1)
    assert index.location(text.index(". .")) == Location(3, 23)
    assert index.line_count == 4


def test_lone_cr_ends_a_line() -> None:
    index = LineIndex("Almaty\rAstana\rNur-Sultan")
    assert index.location(7) == Location(2, 1)
    assert index.location(14) == Location(3, 1)


def test_offset_round_trips_through_location() -> None:
    text = "Tokayev said\r\nthe “terrorists” would be destroyed\nSource link"
    index = LineIndex(text)
    for offset in range(len(text) + 1):
        assert index.offset(index.location(offset)) == offset


def test_end_of_text_is_a_valid_location() -> None:
    text = "Leave a Reply\n"
    assert LineIndex(text).location(len(text)) == Location(2, 1)


def test_utf8_bom_is_not_part_of_the_text() -> None:
    decoded = decode("\ufeffSource link\n".encode())
    assert decoded.text == "Source link\n"
    assert decoded.error is None
    assert decoded.bom == b"\xef\xbb\xbf"
    doc = document_from_bytes("\ufeffBy admin\n".encode(), "a.txt", "text")
    assert doc.location(0) == Location(1, 1)


def test_utf16_with_bom_is_decoded() -> None:
    data = "Vladimir Putin thanked Tokayev.".encode("utf-16")
    decoded = decode(data)
    assert (decoded.text, decoded.error) == ("Vladimir Putin thanked Tokayev.", None)
    assert decoded.bom in (b"\xff\xfe", b"\xfe\xff")
    assert (decoded.bom + decoded.text.encode(decoded.encoding)) == data


def test_invalid_utf8_records_the_first_bad_byte_as_a_code_point_offset() -> None:
    data = "Café".encode() + b" owners in Almaty \xe9 closed"
    text, error, _, _ = decode(data)
    assert error is not None
    offset, detail = error
    assert text[offset] == "\ufffd"
    assert offset == len("Café owners in Almaty ")
    assert "0xe9" in detail.lower() or "e9" in detail


def test_prose_regions_and_masking_keep_offsets() -> None:
    text = "Intro.\n```\ncode. .\n```\nOutro."
    prose = (Span(0, 7), Span(23, len(text)))
    masked = mask_outside(text, prose)
    assert len(masked) == len(text)
    assert masked.count("\n") == text.count("\n")
    assert "code" not in masked
    doc = Document(text, prose=prose)
    assert doc.in_prose(Span(0, 6))
    assert not doc.in_prose(Span(11, 15))


def test_suppression_covers_prefixes() -> None:
    doc = Document(
        "Source link\nBy admin\n",
        suppressions=(Suppression(Span(0, 12), frozenset({"BP"})),),
    )
    assert doc.is_suppressed("BP002", Span(0, 11))
    assert not doc.is_suppressed("PN001", Span(0, 11))
    assert not doc.is_suppressed("BP003", Span(12, 20))


def test_paragraphs_of_plain_text_are_lines() -> None:
    text = "Headline | Kazakhstan\n\nFirst paragraph.\nSecond paragraph.\n \nLast"
    doc = Document(text)
    assert [doc.slice(p) for p in doc.paragraphs] == [
        "Headline | Kazakhstan",
        "First paragraph.",
        "Second paragraph.",
        "Last",
    ]


def test_paragraphs_of_markdown_are_runs_of_non_blank_lines() -> None:
    text = "# Headline\n\nFirst line\nwrapped line\n \nLast"
    doc = Document(text, kind="markdown")
    assert [doc.slice(p) for p in doc.paragraphs] == [
        "# Headline",
        "First line\nwrapped line",
        "Last",
    ]


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        # A line in the middle goes with the blank line after it.
        ("Para one.\n\nSource link\n\nBy admin\n", "Source link", "Para one.\n\nBy admin\n"),
        # The last line takes the blank lines before it; the final newline stays.
        ("Para one.\n\nLeave a Reply\n", "Leave a Reply", "Para one.\n"),
        # ... and its absence stays absent.
        ("Para one.\n\nLeave a Reply", "Leave a Reply", "Para one."),
        # CRLF files keep CRLF.
        (
            "Para one.\r\n\r\nSource link\r\n\r\nPara two.\r\n",
            "Source link",
            "Para one.\r\n\r\nPara two.\r\n",
        ),
        # The first line of a file.
        (
            "Sat. Jan 22nd, 2022\n\nSecurity forces ...\n",
            "Sat. Jan 22nd, 2022",
            "Security forces ...\n",
        ),
        # A line directly followed by text keeps the paragraph after it.
        ("Para one.\nBy admin\nPara two.\n", "By admin", "Para one.\nPara two.\n"),
    ],
)
def test_line_removal(text: str, line: str, expected: str) -> None:
    doc = Document(text)
    row = doc.location(text.index(line)).row
    span = doc.line_removal(row)
    assert text[: span.start] + text[span.end :] == expected
