"""Lint a Dask DataFrame or Bag, partition by partition (``pip install 'lintnews[dask]'``).

The result is a lazy Dask DataFrame with one row per finding and the columns
of :meth:`lintnews.Linter.records`::

    import dask.dataframe as dd
    from lintnews.dask import lint_dataframe

    articles = dd.read_parquet("articles/")  # columns "id" and "text"
    findings = lint_dataframe(articles, id_column="id", linter={"select": ["BP", "NM"]})
    findings.groupby("code").size().compute()

Each partition is linted where it lies. The corpus rules (NM002, a name spelled
two ways across articles) need every article: each partition sends on only
what those rules keep of its articles (the name forms and where they are), one
task merges that and lets the rules report, and the findings go back to the
partitions that hold the articles they are in. Texts never leave their
partition, and the rows equal those of ``Linter.records(texts, ids,
corpus=True)`` in one process.

A text that is missing (``None`` or a pandas missing value) has nothing to
lint and gives no rows; any other value that is not a string is an error that
names the record.
"""

from __future__ import annotations

import functools
import math
import pickle
import zlib
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

try:
    import dask
    import dask.dataframe as dd
    import pandas as pd
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "lintnews.dask needs Dask and pandas: pip install 'lintnews[dask]'"
    ) from error

from lintnews.linter import Linter

if TYPE_CHECKING:
    import dask.bag as db
    from dask.delayed import Delayed
    from distributed import Client

    from lintnews.corpora import CorpusFields
    from lintnews.diagnostics import Diagnostic
    from lintnews.parallel import Batch
    from lintnews.results import RunOptions
    from lintnews.runner import Runner

__all__ = ["COLUMNS", "lint_bag", "lint_dataframe", "lint_files_on_cluster"]

#: The columns of the result and their dtypes (those of ``Linter.records``).
COLUMNS: dict[str, str] = {
    "id": "object",
    "code": "object",
    "name": "object",
    "severity": "object",
    "message": "object",
    "start": "int64",
    "end": "int64",
    "row": "int64",
    "column": "int64",
    "end_row": "int64",
    "end_column": "int64",
    "excerpt": "object",
    "fix": "object",
    "fix_applicability": "object",
    "fix_message": "object",
}

#: One record of a partition: its id (as given) and its text.
Record = tuple[Any, str]


def lint_dataframe(
    ddf: dd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str | None = None,
    linter: Linter | Mapping[str, Any] | None = None,
    kind: str = "text",
    corpus: bool = True,
) -> dd.DataFrame:
    """The findings of every text of ``ddf``, one row each, as a lazy Dask DataFrame.

    ``id_column`` names the column that identifies a record (the index when
    None); the ids must be unique when corpus rules run, as their messages
    name articles by them. ``linter`` is a :class:`~lintnews.Linter` or the
    keyword settings to make one (``{"select": ["NM"]}``). With ``corpus``
    False, the corpus rules do not run and every partition stands alone.
    """
    linter = _linter(linter)
    columns = [text_column] if id_column is None else [id_column, text_column]
    for column in columns:
        if column not in ddf.columns:
            raise KeyError(f"no column {column!r} in the data frame")
    parts = ddf[columns].to_delayed()
    records = [dask.delayed(_frame_records)(part, text_column, id_column) for part in parts]
    id_dtype = ddf.index.dtype if id_column is None else ddf[id_column].dtype
    return _lint(records, linter, kind, corpus, id_dtype)


def lint_bag(
    bag: db.Bag,
    *,
    text_key: str = "text",
    id_key: str = "id",
    id_dtype: Any = "int64",
    linter: Linter | Mapping[str, Any] | None = None,
    kind: str = "text",
    corpus: bool = True,
) -> dd.DataFrame:
    """The findings of every item of ``bag``, one row each, as a lazy Dask DataFrame.

    An item is a text (its id is its position in the bag, as in
    ``Linter.records``), an ``(id, text)`` pair, or a mapping with the keys
    ``id_key`` and ``text_key``. ``id_dtype`` is the dtype of the ``id``
    column: the positions are ``"int64"``; give ``"string"`` for ids that
    are strings. The other arguments are those of :func:`lint_dataframe`.
    """
    linter = _linter(linter)
    parts = bag.to_delayed()
    sizes = [dask.delayed(_count)(part) for part in parts]
    records = [
        dask.delayed(_bag_records)(part, sizes[:number], text_key, id_key)
        for number, part in enumerate(parts)
    ]
    return _lint(records, linter, kind, corpus, id_dtype)


def lint_files_on_cluster(
    options: RunOptions,
    corpus_fields: CorpusFields,
    files: Sequence[str],
    scheduler: str | Client,
    *,
    batch_size: int = 64,
) -> Iterator[Batch]:
    """``lintnews check`` on a cluster: each batch's results, in the order of ``files``.

    The workers read the files by path (they must see them at the same
    paths) and send back what a local worker process sends: each file's
    diagnostics, its problems and what the corpus rules kept, never a text.
    ``scheduler`` is the address of a running Dask scheduler or a client.
    """
    from distributed import Client

    options = replace(options, jobs=1, cache=False)  # the caller answers from its cache
    batches = [list(files[i : i + batch_size]) for i in range(0, len(files), batch_size)]
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        futures = client.map(_lint_batch, batches, options=options, corpus_fields=corpus_fields)
        for future in futures:
            yield future.result()
            future.release()
    finally:
        if client is not scheduler:
            client.close()


@functools.cache
def _runner(options: RunOptions, corpus_fields: CorpusFields) -> Runner:
    """One runner per worker process and settings: its rules are built once."""
    from lintnews.runner import Runner

    return Runner(options, corpus_fields)


def _lint_batch(paths: list[str], *, options: RunOptions, corpus_fields: CorpusFields) -> Batch:
    return _runner(options, corpus_fields).lint_batch(paths)


# -- the graph -------------------------------------------------------------


def _lint(
    records: list[Delayed], linter: Linter, kind: str, corpus: bool, id_dtype: Any
) -> dd.DataFrame:
    """Rows from each partition's records, the corpus rules reporting in between."""
    shared = dask.delayed(linter, pure=True)  # sent to each worker once, built there once
    dtypes = {**COLUMNS, "id": id_dtype}
    meta = _empty(dtypes)
    if not corpus or not linter.corpus_rules:
        rows = [dask.delayed(_rows)(part, shared, kind, dtypes) for part in records]
        return dd.from_delayed(rows, meta=meta, verify_meta=False)
    linted = [dask.delayed(_lint_records, nout=2)(part, shared, kind) for part in records]
    findings = dask.delayed(_report)([kept for _, kept in linted], shared)
    # The rows task takes the packed partition, not the records: a partition's
    # texts are not held twice while every partition waits for the reduction.
    rows = [dask.delayed(_with_corpus_rows)(packed, findings, dtypes) for packed, _ in linted]
    return dd.from_delayed(rows, meta=meta, verify_meta=False)


def _rows(
    records: list[Record], linter: Linter, kind: str, dtypes: Mapping[str, Any]
) -> pd.DataFrame:
    """The rows of one partition without corpus rules."""
    found = [linter.check_document(text, kind, str(key))[1] for key, text in records]
    return _frame(records, found, dtypes)


def _lint_records(records: list[Record], linter: Linter, kind: str) -> tuple[bytes, bytes]:
    """The partition packed with its diagnostics, and what the corpus rules keep of it.

    What is kept goes to the reduction: for each rule, its value per record
    pickled (keyed by the id as a string, as ``Linter.lint_corpus`` names
    articles), the names in order, and where each record's findings go.
    Both wait for the reduction compressed (the records and diagnostics in
    about a third of the texts' size): every partition waits at once, on a
    worker or, with Dask's process scheduler, in the parent process.
    """
    from lintnews.store import CorpusData

    corpus_rules = linter.corpus_rules
    found: list[list[Diagnostic]] = []
    collected = CorpusData()
    names, placements = [], []
    for key, text in records:
        name = str(key)
        doc, diagnostics = linter.check_document(text, kind, name)
        found.append(diagnostics)
        names.append(name)
        placements.append(doc.placement)
        for rule in corpus_rules:
            collected.add(rule.code, name, rule.collect(doc.view))
    kept = {"names": names, "collected": collected.records(), "placements": placements}
    return _pack((records, found)), _pack(kept)


def _report(kept: Sequence[bytes], linter: Linter) -> dict[str, list[Diagnostic]]:
    """The reduction: merge what every partition kept, let the corpus rules report once.

    What the rules kept is read back record by record (a spooled file, as in
    a ``lintnews check`` run), not unpickled all at once. Returns the corpus
    findings by record name, placed in their texts
    (:class:`~lintnews.document.Placement`: HTML offsets, disable comments).
    """
    from lintnews.store import CorpusData

    collected = CorpusData()
    placements: dict[str, Any] = {}
    for packed in kept:  # in partition order, as the texts come in one process
        part = _unpack(packed)
        for name, placement in zip(part["names"], part["placements"], strict=True):
            if name in placements:
                raise ValueError(f"ids must be unique: corpus rules name articles by them ({name})")
            placements[name] = placement
        for code, records in part["collected"].items():
            for name, record in records:
                collected.add_record(code, name, record)
    findings: dict[str, list[Diagnostic]] = {}
    for rule in linter.corpus_rules:
        for name, diagnostic in rule.report(collected.view(rule.code)):
            placed = placements[name].place(diagnostic)
            if placed is not None:
                findings.setdefault(name, []).append(placed)
    return findings


def _with_corpus_rows(
    packed: bytes, findings: Mapping[str, list[Diagnostic]], dtypes: Mapping[str, Any]
) -> pd.DataFrame:
    """The rows of one packed partition, with the corpus findings in its records."""
    from lintnews.engine import position

    records, found = _unpack(packed)
    merged = [
        sorted([*diagnostics, *findings.get(str(key), ())], key=position)
        for (key, _), diagnostics in zip(records, found, strict=True)
    ]
    return _frame(records, merged, dtypes)


# -- records in, rows out --------------------------------------------------


def _frame_records(part: pd.DataFrame, text_column: str, id_column: str | None) -> list[Record]:
    keys = part.index if id_column is None else part[id_column]
    return _texts(zip(keys.tolist(), part[text_column].tolist(), strict=True))


def _bag_records(
    part: Iterable[Any], sizes: Sequence[int], text_key: str, id_key: str
) -> list[Record]:
    offset = sum(sizes)
    pairs: list[tuple[Any, Any]] = []
    for number, item in enumerate(part):
        if isinstance(item, str) or item is None:
            pairs.append((offset + number, item))
        elif isinstance(item, Mapping):
            pairs.append((item[id_key], item[text_key]))
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            pairs.append((item[0], item[1]))
        else:
            raise TypeError(
                f"bag item {offset + number}: expected a text, an (id, text) pair or a "
                f"mapping, not {type(item).__name__}"
            )
    return _texts(pairs)


def _texts(pairs: Iterable[tuple[Any, Any]]) -> list[Record]:
    """The records that have a text: a missing one is skipped, another type is an error."""
    records = []
    for key, text in pairs:
        if isinstance(text, str):
            records.append((key, text))
        elif not _missing(text):
            raise TypeError(f"record {key!r}: text must be a str, not {type(text).__name__}")
    return records


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _count(part: Iterable[Any]) -> int:
    return len(part) if isinstance(part, Sequence) else sum(1 for _ in part)


def _frame(
    records: list[Record], found: list[list[Diagnostic]], dtypes: Mapping[str, Any]
) -> pd.DataFrame:
    from lintnews.document import LineIndex
    from lintnews.linter import finding_record

    rows = [
        finding_record(_plain(key), text, LineIndex(text), diagnostic)
        for (key, text), diagnostics in zip(records, found, strict=True)
        for diagnostic in diagnostics
    ]
    if not rows:
        return _empty(dtypes)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    try:
        return frame.astype(dtypes)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"the ids do not fit id_dtype={dtypes['id']!r} (pass the dtype of the ids): {error}"
        ) from error


def _pack(value: Any) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(packed: bytes) -> Any:
    return pickle.loads(zlib.decompress(packed))


def _plain(key: Hashable) -> Any:
    """A numpy scalar id as the Python value it holds, as ``records`` gives it."""
    item = getattr(key, "item", None)
    return item() if callable(item) else key


def _empty(dtypes: Mapping[str, Any]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in dtypes.items()})


def _linter(linter: Linter | Mapping[str, Any] | None) -> Linter:
    if linter is None:
        return Linter()
    if isinstance(linter, Linter):
        return linter
    return Linter(**linter)
