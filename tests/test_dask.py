"""lintnews.dask: the findings of a Dask DataFrame or Bag equal one process's."""

from __future__ import annotations

import importlib
import math
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask")
pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import dask  # noqa: E402
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import lintnews  # noqa: E402
from lintnews.dask import COLUMNS, _lint_records, _unpack, lint_bag, lint_dataframe  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CLEAN_NEWS = Path(__file__).parent / "fixtures" / "clean_news"

#: The seeds spell the president "Tokayev" throughout; this record, alone in
#: the last partition, spells him another way.
VARIANT = "President Kassym-Jomart Tokaev said calm had almost been restored in Almaty."
TIMEOUT = 180  # seconds: a loaded two-core machine starts worker processes slowly


def corpus() -> tuple[list[str], list[str]]:
    """About 60 records: paragraphs of the seed articles, the clean articles, the variant."""
    ids, texts = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        for number, paragraph in enumerate(paragraphs[:11]):
            ids.append(f"{path.stem[:3]}-{number}")
            texts.append(paragraph)
    for path in sorted(CLEAN_NEWS.iterdir()):
        ids.append(path.stem)
        texts.append(path.read_text(encoding="utf-8"))
    ids.append("variant")
    texts.append(VARIANT)
    return ids, texts


def rows(frame: pd.DataFrame) -> list[tuple]:
    """The rows as a sorted list, a missing value as None whatever its dtype."""
    frame = frame[list(COLUMNS)]
    plain = [
        tuple(None if value is pd.NA or value is None or _nan(value) else value for value in row)
        for row in frame.itertuples(index=False)
    ]
    return sorted(plain, key=repr)


def _nan(value: object) -> bool:
    return isinstance(value, float) and math.isnan(value)


def expected(texts: list[str], ids: list | None = None, *, corpus: bool = True) -> list[tuple]:
    return rows(pd.DataFrame(LINTER.records(texts, ids, corpus=corpus), columns=list(COLUMNS)))


LINTER = lintnews.Linter()
IDS, TEXTS = corpus()


@pytest.fixture(scope="module")
def client():
    with (
        LocalCluster(
            n_workers=2,
            processes=True,
            threads_per_worker=1,
            dashboard_address=None,
            death_timeout=TIMEOUT,
        ) as cluster,
        Client(cluster, timeout=TIMEOUT) as client,
    ):
        yield client


def articles(npartitions: int = 6) -> dd.DataFrame:
    return dd.from_pandas(pd.DataFrame({"id": IDS, "text": TEXTS}), npartitions=npartitions)


def test_the_corpus_spreads_the_variant_over_partitions():
    frame = articles()
    parts = dask.compute(*frame.to_delayed(), scheduler="sync")
    partitions = [set(part["id"]) for part in parts]
    assert len(partitions) >= 4
    assert len(IDS) >= 55
    variant_partition = next(p for p in partitions if "variant" in p)
    tokayev = {key for key, text in zip(IDS, TEXTS, strict=True) if "Tokayev" in text}
    assert len(tokayev - variant_partition) > 2 * len(tokayev & variant_partition)
    nm002 = [row for row in expected(TEXTS, IDS) if row[1] == "NM002"]
    assert "variant" in [row[0] for row in nm002]


def test_a_cluster_finds_what_one_process_finds(client):
    findings = lint_dataframe(articles(), id_column="id", linter=LINTER)
    result = client.compute(findings).result(timeout=TIMEOUT)
    assert rows(result) == expected(TEXTS, IDS)
    variant = result[(result["code"] == "NM002") & (result["id"] == "variant")]
    assert variant["excerpt"].tolist() == ["Tokaev"]
    assert variant["fix"].tolist() == ["Tokayev"]


def test_a_bag_on_a_cluster_finds_what_one_process_finds(client):
    bag = db.from_sequence(list(zip(IDS, TEXTS, strict=True)), npartitions=5)
    findings = lint_bag(bag, id_dtype="string", linter=LINTER)
    assert rows(client.compute(findings).result(timeout=TIMEOUT)) == expected(TEXTS, IDS)


def test_the_result_is_lazy_with_fixed_columns():
    findings = lint_dataframe(articles(), id_column="id", linter={"select": ["PN", "NM"]})
    assert isinstance(findings, dd.DataFrame)
    assert list(findings.columns) == list(COLUMNS)
    assert findings.dtypes["start"] == "int64"
    assert findings.dtypes["end_column"] == "int64"
    codes = set(findings["code"].compute(scheduler="sync"))
    assert codes and all(code[:2] in {"PN", "NM"} for code in codes)


def test_the_index_names_the_records_without_an_id_column():
    frame = dd.from_pandas(pd.DataFrame({"text": TEXTS}), npartitions=4)
    result = lint_dataframe(frame, linter=LINTER).compute(scheduler="sync")
    assert rows(result) == expected(TEXTS)


def test_a_bag_of_texts_is_named_by_position():
    bag = db.from_sequence(TEXTS, npartitions=7)
    result = lint_bag(bag, linter=LINTER).compute(scheduler="sync")
    assert result["id"].dtype == "int64"
    assert rows(result) == expected(TEXTS)


def test_a_bag_of_mappings():
    items = [{"url": key, "body": text} for key, text in zip(IDS, TEXTS, strict=True)]
    bag = db.from_sequence(items, npartitions=3)
    findings = lint_bag(bag, id_key="url", text_key="body", id_dtype="string", linter=LINTER)
    assert rows(findings.compute(scheduler="sync")) == expected(TEXTS, IDS)


def test_empty_partitions_give_no_rows_and_no_error():
    empty = pd.DataFrame({"id": pd.Series(dtype=object), "text": pd.Series(dtype=object)})
    first = pd.DataFrame({"id": IDS[:30], "text": TEXTS[:30]})
    rest = pd.DataFrame({"id": IDS[30:], "text": TEXTS[30:]})
    frame = dd.concat([dd.from_pandas(p, npartitions=1) for p in [empty, first, empty, rest]])
    assert frame.npartitions == 4
    result = lint_dataframe(frame, id_column="id", linter=LINTER).compute(scheduler="sync")
    assert rows(result) == expected(TEXTS, IDS)

    bag = db.from_sequence([[], TEXTS[:30], [], TEXTS[30:]], npartitions=4).flatten()
    assert rows(lint_bag(bag, linter=LINTER).compute(scheduler="sync")) == expected(TEXTS)


def test_nothing_to_lint_gives_an_empty_frame_with_the_columns():
    frame = dd.from_pandas(pd.DataFrame({"id": ["a"], "text": ["A quiet day in Astana."]}), 1)
    result = lint_dataframe(frame, id_column="id", linter=LINTER).compute(scheduler="sync")
    assert result.empty
    assert list(result.columns) == list(COLUMNS)


def test_a_missing_text_is_skipped():
    texts = [*TEXTS[:20], None, *TEXTS[20:]]
    ids = [*IDS[:20], "missing", *IDS[20:]]
    frame = dd.from_pandas(pd.DataFrame({"id": ids, "text": texts}), npartitions=3)
    result = lint_dataframe(frame, id_column="id", linter=LINTER).compute(scheduler="sync")
    assert rows(result) == expected(TEXTS, IDS)
    assert "missing" not in set(result["id"])


def test_a_text_that_is_not_a_string_is_an_error_naming_its_record():
    # (a Dask DataFrame turns such a column into strings by default, a Bag does not)
    bag = db.from_sequence([("a", "Calm returned to Almaty."), ("b", 7)], npartitions=1)
    with pytest.raises(TypeError, match="record 'b': text must be a str, not int"):
        lint_bag(bag, id_dtype="string", linter=LINTER).compute(scheduler="sync")


def test_ids_must_be_unique_for_corpus_rules():
    frame = dd.from_pandas(pd.DataFrame({"id": ["a", "a"], "text": TEXTS[:2]}), npartitions=2)
    with pytest.raises(ValueError, match="ids must be unique"):
        lint_dataframe(frame, id_column="id", linter=LINTER).compute(scheduler="sync")


def test_without_corpus_rules_each_partition_stands_alone():
    findings = lint_dataframe(articles(), id_column="id", linter=LINTER, corpus=False)
    result = findings.compute(scheduler="sync")
    assert rows(result) == expected(TEXTS, IDS, corpus=False)
    assert "NM002" not in set(result["code"])


def test_what_travels_to_the_reduction_holds_no_text():
    records = list(zip(IDS, TEXTS, strict=True))
    _, packed = _lint_records(records, LINTER, "text")
    kept = _unpack(packed)
    assert kept["names"] == IDS
    travelling = pickle.dumps(kept)
    assert not any(paragraph.encode() in travelling for paragraph in TEXTS if len(paragraph) > 30)
    assert len(travelling) < sum(len(text) for text in TEXTS)


def test_a_missing_extra_is_named(monkeypatch):
    monkeypatch.delitem(sys.modules, "lintnews.dask")
    monkeypatch.setitem(sys.modules, "dask", None)
    monkeypatch.setitem(sys.modules, "dask.dataframe", None)
    with pytest.raises(ImportError, match=r"pip install 'lintnews\[dask\]'"):
        importlib.import_module("lintnews.dask")


def test_importing_lintnews_does_not_import_dask():
    code = "import sys, lintnews; sys.exit('dask' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_files_linted_on_a_cluster_come_back_as_from_a_local_worker(client):
    from lintnews.corpora import CorpusFields
    from lintnews.dask import lint_files_on_cluster
    from lintnews.results import RunOptions
    from lintnews.runner import Runner

    files = [str(path) for path in [*sorted(SEEDS.glob("*.txt")), *sorted(CLEAN_NEWS.iterdir())]]
    options, fields = RunOptions(isolated=True), CorpusFields()
    here_files, here_problems, here_kept = Runner(options, fields).lint_batch(files)
    done, problems, kept = [], [], {}
    for batch_files, batch_problems, batch_kept in lint_files_on_cluster(
        options, fields, files, client, batch_size=4
    ):
        done += batch_files
        problems += batch_problems
        for code, records in batch_kept.items():
            kept.setdefault(code, []).extend(records)
    assert [(path, count) for path, _, count in done] == [
        (path, count) for path, _, count in here_files
    ]
    assert sum(count for _, _, count in done) > 0
    assert problems == here_problems
    assert kept == here_kept


def test_check_on_a_cluster_prints_what_a_local_check_prints(client, tmp_path):
    """``lintnews check --scheduler ADDRESS``: the same report as a run on this machine."""
    from typer.testing import CliRunner

    from lintnews.cli import app

    address = client.scheduler.address
    paths = [str(SEEDS), str(CLEAN_NEWS)]
    base = ["check", *paths, "--isolated", "--no-cache", "--output-format", "json"]
    here = CliRunner().invoke(app, base)
    there = CliRunner().invoke(app, [*base, "--scheduler", address])
    assert here.exit_code == there.exit_code == 1, there.output
    assert there.stdout == here.stdout and '"PN001"' in there.stdout
    refused = CliRunner().invoke(app, ["check", "-", "--scheduler", address], input="Almaty. .\n")
    assert refused.exit_code == 2
    assert "--scheduler lints files, not standard input" in refused.stderr


def test_each_partition_of_records_has_one_dependent_task():
    # The rows come from the packed partition, so the records are not held
    # until the corpus rules have decided for every partition.
    from dask.core import get_dependencies

    graph = dict(lint_dataframe(articles(), id_column="id", linter=LINTER).__dask_graph__())
    record_keys = [key for key in graph if "_frame_records" in str(key)]
    assert record_keys
    for key in record_keys:
        dependents = [k for k in graph if key in get_dependencies(graph, k)]
        assert len(dependents) == 1, dependents


def test_html_records_have_their_corpus_findings_placed_in_the_source():
    texts = [f"<p>President <b>{text}</b></p>" for text in TEXTS]
    frame = dd.from_pandas(pd.DataFrame({"id": IDS, "text": texts}), npartitions=6)
    result = lint_dataframe(frame, id_column="id", linter=LINTER, kind="html").compute(
        scheduler="sync"
    )
    single = pd.DataFrame(LINTER.records(texts, IDS, kind="html", corpus=True))
    assert rows(result) == rows(single)
    variant = result[(result["code"] == "NM002") & (result["id"] == "variant")]
    assert variant["excerpt"].tolist() == ["Tokaev"]
