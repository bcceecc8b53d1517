"""From bytes on disk to a :class:`Document`: decoding and prose regions.

Decoding never loses text silently: a UTF-8 or UTF-16 byte order mark is
honoured, and bytes that are not UTF-8 are decoded with replacement
characters and recorded on the document so that the ``EN001`` rule reports
them (and no fix is ever written back to such a file). A file with NUL
bytes and no UTF-16 mark is binary and is not linted.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from lintnews.document import Document

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
ARTICLE_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES

_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class UnreadableFileError(Exception):
    """A path that could not be read; the message says why."""


class BinaryFileError(Exception):
    """A file that holds binary data, not an article."""


def kind_for(path: str | Path) -> str:
    """``markdown`` for Markdown files, ``text`` for everything else."""
    return "markdown" if Path(path).suffix.lower() in MARKDOWN_SUFFIXES else "text"


def read_document(path: Path, display_path: str | None = None) -> Document:
    """Read and decode one article file."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise UnreadableFileError("is a directory") from None
    except FileNotFoundError:
        raise UnreadableFileError("no such file or directory") from None
    except PermissionError:
        raise UnreadableFileError("permission denied") from None
    except OSError as error:
        raise UnreadableFileError(error.strerror or str(error)) from None
    return document_from_bytes(data, display_path or str(path), kind_for(path))


def document_from_bytes(data: bytes, path: str, kind: str) -> Document:
    text, decode_error = decode(data)
    return document_from_text(text, path, kind, decode_error=decode_error)


def document_from_text(
    text: str, path: str = "-", kind: str = "text", *, decode_error: tuple[int, str] | None = None
) -> Document:
    """A document with its prose regions worked out for its kind."""
    if kind == "markdown":
        from lintnews.markdown import markdown_regions

        prose, suppressions = markdown_regions(text)
        return Document(text, path, kind, prose, suppressions, decode_error=decode_error)
    return Document(text, path, kind, decode_error=decode_error)


def decode(data: bytes) -> tuple[str, tuple[int, str] | None]:
    """The text of ``data`` and, if it was not valid UTF-8, where and why."""
    if data.startswith(_UTF16_MARKS):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as error:
            raise BinaryFileError(f"invalid UTF-16: {error.reason}") from None
    if b"\x00" in data:
        raise BinaryFileError("contains NUL bytes")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        offset = len(data[: error.start].decode("utf-8"))
        bad = data[error.start : error.end].hex(" ")
        detail = f"{error.reason} (byte {bad} at byte offset {error.start})"
        return data.decode("utf-8", errors="replace"), (offset, detail)
