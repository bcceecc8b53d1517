"""Record corpora: a JSON-lines or Parquet file whose records are each an article.

A corpus is read as a stream, one line at a time, so that an archive of a
million records never sits in memory. Each record whose text field holds a
string becomes a :class:`Document` of its own, named ``corpus.jsonl[ID]``:
the corpus path, then the record's id (its ``--id-field``, or its line
number) in brackets. Every output format shows that name where it shows a
file, and the offsets and rows of a diagnostic are those of the text field.

A line that is not a JSON object with a string in the text field is a
malformed record: it is reported by line number and, when a cleaned corpus
is written, copied byte for byte. Writing a cleaned corpus replaces only the
text value of a fixed record; every other byte of the line, the other
fields and their order included, stays as it was.

Parquet (with the optional ``pyarrow``) is read in batches of rows, only
the text and id columns; a row is named by its id or its 1-based row
number, and a cleaned copy has the same schema, every row in order, and
only the fixed texts changed (row groups are pyarrow's).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from json.decoder import scanstring
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from lintnews.document import Document
from lintnews.results import Problem
from lintnews.writer import digest

#: JSON lines go by either name: ``.jsonl``, or ``.ndjson`` (newline-delimited JSON).
CORPUS_SUFFIXES = frozenset({".jsonl", ".ndjson", ".parquet"})
#: ``FileResult.kind`` of a record; rules treat it as plain text.
RECORD_KIND = "record"

_RECORD_PATH = re.compile(r"(?is)(.*?\.(?:jsonl|ndjson|parquet))\[(.*)\]")
#: Rows read from a Parquet file at a time.
_BATCH = 1024
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()
_SURROGATE = re.compile("[\ud800-\udfff]")


class CorpusError(Exception):
    """A corpus that cannot be read or a cleaned corpus that cannot be written."""


@dataclass(frozen=True)
class CorpusFields:
    """Where a record keeps its text and, optionally, its id."""

    text: str = "text"
    id: str | None = None


class Record(NamedTuple):
    """One line of a corpus: its bytes, and its id and text when it is well formed."""

    line: int
    raw: bytes
    label: str | None = None
    text: str | None = None
    #: Why the line is malformed (``level`` "error", no text) or a note about it.
    problem: str | None = None
    level: str = "error"


def is_corpus(path: str | Path) -> bool:
    return Path(path).suffix.lower() in CORPUS_SUFFIXES


def record_path(corpus: str, label: str) -> str:
    """The name a record goes by in reports: ``corpus.jsonl[ID]``."""
    return f"{corpus}[{label}]"


def split_record_path(path: str) -> tuple[str, str] | None:
    """The corpus and the record id of a name made by :func:`record_path`."""
    match = _RECORD_PATH.fullmatch(path)
    return (match[1], match[2]) if match else None


def is_parquet(path: str | Path) -> bool:
    return Path(path).suffix.lower() == ".parquet"


def read_records(path: Path, fields: CorpusFields) -> Iterator[Record]:
    """Each line (or Parquet row) of the corpus at ``path`` in order, read as a stream."""
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise CorpusError("not a regular file: not read")
        if is_parquet(path):
            yield from _parquet_records(path, fields)
            return
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the last record
    except OSError as error:
        raise CorpusError(error.strerror or str(error)) from None
    seen: dict[str, int] = {}
    with handle:
        for number, raw in enumerate(handle, 1):
            yield _record(number, raw, fields, seen)


#: A record of a corpus as its name in reports and its text, or a problem with a line.
CorpusItem = tuple[str, str] | Problem


def corpus_items(path: Path, name: str, fields: CorpusFields) -> Iterator[CorpusItem]:
    """Each record of a corpus as (its name in reports, its text), in order, and a
    problem for each line that is not one; small enough to send to a worker."""
    unit = "row" if is_parquet(path) else "line"
    try:
        for record in read_records(path, fields):
            if record.problem:
                problem = f"{unit} {record.line}: {record.problem}"
                yield Problem(name, problem, record.level)
            if record.text is not None:
                yield record_path(name, record.label), record.text
    except CorpusError as error:
        yield Problem(name, f"cannot read: {error}")
    except OSError as error:
        yield Problem(name, f"cannot read: {error.strerror or error}")


def record_document(name: str, text: str) -> Document:
    """The document a record's text is linted as."""
    doc = Document(text, name, RECORD_KIND)
    doc.source_digest = text_digest(text)
    return doc


def text_digest(text: str) -> bytes:
    """A fingerprint of a record's text, to notice a corpus changed between two reads."""
    return digest(text.encode("utf-8", "surrogatepass"))


def _record(number: int, raw: bytes, fields: CorpusFields, seen: dict[str, int]) -> Record:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Record(number, raw, problem=f"not valid UTF-8 (byte offset {error.start})")
    body = line.removeprefix("\ufeff") if number == 1 else line
    if not body.strip():
        return Record(number, raw, problem="blank line, not a record")
    try:
        value = json.loads(body.rstrip("\r\n"))
    except (json.JSONDecodeError, RecursionError) as error:
        reason = getattr(error, "msg", "nested too deeply")
        column = getattr(error, "colno", None)
        where = f" (column {column})" if column else ""
        return Record(number, raw, problem=f"not valid JSON: {reason}{where}")
    if not isinstance(value, dict):
        return Record(number, raw, problem=f"a JSON {_type_name(value)}, not an object")
    if fields.text not in value:
        return Record(number, raw, problem=f"no {fields.text!r} field")
    text = value[fields.text]
    if not isinstance(text, str):
        kind = _type_name(text)
        return Record(number, raw, problem=f"the {fields.text!r} field is {kind}, not a string")
    return _labelled(number, raw, text, value, fields, seen)


def _labelled(
    number: int, raw: bytes, text: str, value: dict, fields: CorpusFields, seen: dict[str, int]
) -> Record:
    """The record named by its id; by its line when it has none, and made unique."""
    if fields.id is None:
        return Record(number, raw, str(number), text)
    note = None
    found = value.get(fields.id)
    if found is None:
        label = f"line {number}"
        note = f"no {fields.id!r} field; reported as [{label}]"
    else:
        label = (
            found if isinstance(found, str) else json.dumps(found, ensure_ascii=False, default=str)
        )
    if label in seen:
        first = seen[label]
        note = f"id {label!r} repeats line {first}'s; reported as [{label}@{number}]"
        label = f"{label}@{number}"
    seen[label] = number
    return Record(number, raw, label, text, note, "warning")


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    return "a string" if isinstance(value, str) else "an object"


# -- writing a cleaned corpus ----------------------------------------------------


def replace_text(raw: bytes, line: int, field: str, text: str) -> bytes:
    """``raw`` with the value of its top-level ``field`` replaced by ``text``.

    Every byte outside that value is kept: the other fields, their order,
    spacing and escapes, and the line ending. A line that was pure ASCII
    stays so (``\\u`` escapes); otherwise characters are written as they are.
    """
    decoded = raw.decode("utf-8")
    skip = 1 if line == 1 and decoded.startswith("\ufeff") else 0
    start, end = _value_span(decoded, field, skip)
    # A lone surrogate (from a "\\udc80" escape) can only be written escaped.
    escaped = decoded.isascii() or _SURROGATE.search(text) is not None
    value = json.dumps(text, ensure_ascii=escaped)
    return (decoded[:start] + value + decoded[end:]).encode("utf-8", "surrogatepass")


def _value_span(line: str, field: str, at: int) -> tuple[int, int]:
    """Where the value of the top-level ``field`` lies; the last one when it repeats."""
    found = None
    at = _WHITESPACE.match(line, at).end() + 1  # past "{"
    at = _WHITESPACE.match(line, at).end()
    while line[at] == '"':
        key, at = scanstring(line, at + 1)
        at = _WHITESPACE.match(line, at).end() + 1  # past ":"
        start = _WHITESPACE.match(line, at).end()
        _, end = _DECODER.raw_decode(line, start)
        if key == field:
            found = (start, end)
        at = _WHITESPACE.match(line, end).end()
        if line[at] == ",":
            at = _WHITESPACE.match(line, at + 1).end()
    if found is None:
        raise ValueError(f"no {field!r} field")
    return found


def write_corpus(
    source: Path,
    output: Path,
    fields: CorpusFields,
    fixed_text: Callable[[Record], str | None],
) -> None:
    """Write ``source`` to ``output`` record by record, each text as ``fixed_text`` gives it.

    ``fixed_text`` returns the new text of a record, or None to keep the
    line as it is. Malformed lines are copied byte for byte. The output
    appears only once complete (a temporary file renamed over it).
    """
    folder = output.parent if str(output.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{output.name}.", suffix=".lintnews-tmp", dir=folder
        )
    except OSError as error:
        raise CorpusError(f"cannot write {output}: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            if is_parquet(source):
                _write_parquet(source, handle, fields, fixed_text)
            else:
                _write_lines(source, handle, fields, fixed_text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, output)
    except OSError as error:
        _remove_quietly(temporary)
        raise CorpusError(f"cannot write {output}: {error.strerror}") from None
    except BaseException:
        _remove_quietly(temporary)
        raise


def _write_lines(
    source: Path, handle: BinaryIO, fields: CorpusFields, fixed_text: Callable[[Record], str | None]
) -> None:
    for record in read_records(source, fields):
        text = fixed_text(record) if record.text is not None else None
        if text is None or text == record.text:
            handle.write(record.raw)
        else:
            handle.write(replace_text(record.raw, record.line, fields.text, text))


# -- Parquet (the optional pyarrow) -----------------------------------------------


def _parquet_file(path: Path) -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CorpusError("Parquet needs pyarrow: pip install 'lintnews[parquet]'") from None
    try:
        return pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as error:
        raise CorpusError(f"not a Parquet file: {error}") from None


def _parquet_records(path: Path, fields: CorpusFields) -> Iterator[Record]:
    """Each row of a Parquet corpus, read batch by batch: only the text and id columns."""
    table = _parquet_file(path)  # first: it says when pyarrow is missing
    import pyarrow as pa

    schema = table.schema_arrow
    for name in (fields.text, fields.id):
        if name is not None and schema.get_field_index(name) < 0:
            raise CorpusError(f"no {name!r} column")
    kind = schema.field(fields.text).type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        raise CorpusError(f"the {fields.text!r} column holds {kind}, not strings")
    columns = [fields.text] if fields.id is None else [fields.text, fields.id]
    seen: dict[str, int] = {}
    number = 0
    for batch in table.iter_batches(batch_size=_BATCH, columns=columns):
        texts = batch.column(0).to_pylist()
        ids = batch.column(1).to_pylist() if fields.id is not None else [None] * len(texts)
        for text, found in zip(texts, ids, strict=True):
            number += 1
            if text is None:
                problem = f"the {fields.text!r} field is null, not a string"
                yield Record(number, b"", problem=problem)
                continue
            value = {} if fields.id is None else {fields.id: found}
            yield _labelled(number, b"", text, value, fields, seen)


def _write_parquet(
    source: Path, handle: BinaryIO, fields: CorpusFields, fixed_text: Callable[[Record], str | None]
) -> None:
    """Every row of ``source`` in order, with the same schema; only fixed texts change."""
    table = _parquet_file(source)  # first: it says when pyarrow is missing
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = _parquet_records(source, fields)
    with pq.ParquetWriter(handle, table.schema_arrow) as writer:
        for batch in table.iter_batches(batch_size=_BATCH):
            at = batch.schema.get_field_index(fields.text)
            texts = batch.column(at).to_pylist()
            changed = False
            for row in range(len(texts)):
                record = next(records)
                text = fixed_text(record) if record.text is not None else None
                if text is not None and text != texts[row]:
                    texts[row], changed = text, True
            if changed:
                arrays = list(batch.columns)
                arrays[at] = pa.array(texts, type=batch.schema.field(at).type)
                batch = pa.RecordBatch.from_arrays(arrays, schema=batch.schema)
            writer.write_batch(batch)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
