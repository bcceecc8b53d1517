"""EN rules: text damaged on its way through encodings."""

from __future__ import annotations

from lintnews.loader import document_from_bytes
from lintnews.rules.encoding import InvalidUtf8


def test_invalid_utf8_is_reported_once_at_the_first_bad_byte() -> None:
    data = b"Relative calm returned to Almaty.\n" + b"Caf\xe9 owners \xff reopened.\n"
    doc = document_from_bytes(data, "a.txt", "text")
    (diagnostic,) = InvalidUtf8().check(doc)
    assert diagnostic.span.start == len("Relative calm returned to Almaty.\nCaf")
    assert "0xe9" in diagnostic.message or "e9" in diagnostic.message
    assert doc.text.count("\ufffd") == 2  # the rest is still decoded, nothing dropped


def test_valid_utf8_with_accents_is_fine() -> None:
    doc = document_from_bytes("edited by Blandine Hénault\n".encode(), "a.txt", "text")
    assert list(InvalidUtf8().check(doc)) == []
