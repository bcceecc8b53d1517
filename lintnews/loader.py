"""From bytes on disk to a :class:`Document`: decoding and prose regions.

Decoding never loses text silently: a UTF-8 or UTF-16 byte order mark is
honoured, and bytes that are not UTF-8 are decoded with replacement
characters and recorded on the document so that the ``EN001`` rule reports
them (and no fix is ever written back to such a file). A file with NUL
bytes and no UTF-16 mark is binary and is not linted.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path
from typing import NamedTuple

from lintnews.document import Document
from lintnews.writer import digest

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
ARTICLE_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES


class UnreadableFileError(Exception):
    """A path that could not be read; the message says why."""


class BinaryFileError(Exception):
    """A file that holds binary data, not an article."""


def kind_for(path: str | Path) -> str:
    """``markdown`` for Markdown files, ``html`` for HTML, ``text`` for everything else."""
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    return "markdown" if suffix in MARKDOWN_SUFFIXES else "text"


def read_document(path: Path, display_path: str | None = None) -> Document:
    """Read and decode one article file."""
    data = read_bytes(path)
    doc = document_from_bytes(data, display_path or str(path), kind_for(path))
    doc.source_digest = digest(data)
    return doc


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, or :class:`UnreadableFileError` saying why not.

    A FIFO, a device such as ``/dev/zero`` or a socket is refused, not read:
    it may never end. The file is opened without blocking and checked after
    opening, so that one swapped in meanwhile is refused too.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as handle:
            kind = _special_kind(os.fstat(descriptor).st_mode)
            if kind:
                raise UnreadableFileError(f"not a regular file ({kind}): not read")
            return handle.read()
    except IsADirectoryError:
        raise UnreadableFileError("is a directory") from None
    except FileNotFoundError:
        raise UnreadableFileError("no such file or directory") from None
    except PermissionError:
        raise UnreadableFileError("permission denied") from None
    except OSError as error:
        raise UnreadableFileError(error.strerror or str(error)) from None


def _special_kind(mode: int) -> str | None:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return None


def document_from_bytes(data: bytes, path: str, kind: str) -> Document:
    decoded = decode(data)
    doc = document_from_text(decoded.text, path, kind, decode_error=decoded.error)
    doc.encoding, doc.bom = decoded.encoding, decoded.bom
    return doc


def document_from_text(
    text: str, path: str = "-", kind: str = "text", *, decode_error: tuple[int, str] | None = None
) -> Document:
    """A document with its prose regions worked out for its kind."""
    if kind == "html":
        from lintnews.html import html_document

        return html_document(text, path, decode_error=decode_error)
    if kind == "markdown":
        from lintnews.markdown import markdown_regions

        prose, suppressions = markdown_regions(text)
        return Document(text, path, kind, prose, suppressions, decode_error=decode_error)
    return Document(text, path, kind, decode_error=decode_error)


class Decoded(NamedTuple):
    """A file's text and how to write it back byte for byte."""

    text: str
    #: Offset of the first byte that is not UTF-8 and what was wrong, if any.
    error: tuple[int, str] | None = None
    encoding: str = "utf-8"
    bom: bytes = b""


def _looks_like_bomless_utf16(data: bytes) -> bool:
    """Mostly Latin text in UTF-16: every other byte is NUL, and only those.

    Such a file is not decoded: without a byte order mark nothing says so for
    certain, and a wrong guess would put garbled text in front of the rules.
    """
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return False
    even, odd = sample[0::2], sample[1::2]
    return any(
        nuls.count(0) >= 0.9 * len(nuls) and text.count(0) == 0
        for nuls, text in ((odd, even), (even, odd))
    )


def decode(data: bytes) -> Decoded:
    """The text of ``data``, its encoding and byte order mark, and any decoding error."""
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), None, codec, bom)
            except UnicodeDecodeError as error:
                raise BinaryFileError(f"invalid UTF-16: {error.reason}") from None
    if b"\x00" in data:
        if _looks_like_bomless_utf16(data):
            raise BinaryFileError(
                "contains NUL bytes: it looks like UTF-16 without a byte order mark "
                "(save it as UTF-8, or as UTF-16 with a BOM)"
            )
        raise BinaryFileError("contains NUL bytes")
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    data = data[len(bom) :]
    try:
        return Decoded(data.decode("utf-8"), None, "utf-8", bom)
    except UnicodeDecodeError as error:
        offset = len(data[: error.start].decode("utf-8"))
        bad = data[error.start : error.end].hex(" ")
        detail = f"{error.reason} (byte {bad} at byte offset {error.start})"
        return Decoded(data.decode("utf-8", errors="replace"), (offset, detail), "utf-8", bom)
