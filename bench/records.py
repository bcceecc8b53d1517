"""Benchmark lintnews on a corpus of records: one process, all cores, a Dask cluster.

Run from the repository root, with the dask extra installed::

    python bench/records.py                   # 100,000 records
    python bench/records.py --records 20000 --workers 2

What it does, in one invocation:

1. writes ``--records`` JSON-lines records (``{"id": ..., "text": ...}``) to a
   temporary folder: the seeds and the clean-news fixture in turn, each clean
   article with one artifact injected (a doubled period, a "Source link"
   line, a French name form, a spaced-out quote, a calque) and every record
   made unique by a closing quote from an invented person (as in
   ``bench/run.py``'s memory archive);
2. lints them four ways, each in its own child process, reading the records
   from the file as it goes, corpus rules included:
   - **one process**: ``lintnews check corpus.jsonl --id-field id --jobs 1``,
     which streams the records and keeps their findings, not their texts;
   - **check on all cores**: the same with ``--jobs`` set to ``--workers``: the
     records go in batches to that many worker processes;
   - **all cores**: ``lintnews.dask.lint_bag`` on Dask's multiprocessing
     scheduler (one process per core, no cluster);
   - **LocalCluster**: ``lintnews.dask.lint_dataframe`` on a
     ``distributed.LocalCluster`` with ``--workers`` worker processes, the
     records read by the workers (``dask.dataframe.read_json``);

   the two Dask cases write their findings to Parquet partition by
   partition (``to_parquet``), as a pipeline over a large corpus would;
3. prints a Markdown table: seconds, records per second, findings, and the
   peak memory of the whole process tree (sum of PSS, as ``bench/run.py``
   measures it), scheduler and workers included.

Every case must report the same number of findings: the table says so.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import ROOT, _invented_quote, measure

#: One artifact per clean article, in turn: what the gold marks in the seeds.
ARTIFACTS = (
    ("The situation remains tense.", "The situation remains tense. ."),
    ("\n", "\nSource link\n"),
    ("Putin", "Poutine"),
    ("said", "said in the nearest time"),
)


def build_records(path: Path, records: int) -> int:
    """Write ``records`` JSON lines to ``path``; returns the size of the texts in bytes."""
    sources = sorted((ROOT / "seeds").glob("*.txt"))
    clean = sorted((ROOT / "tests" / "fixtures" / "clean_news").glob("*.txt"))
    texts = [(p.read_text(encoding="utf-8"), False) for p in sources]
    texts += [(p.read_text(encoding="utf-8"), True) for p in clean]
    size = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(records):
            text, inject = texts[number % len(texts)]
            if inject:
                old, new = ARTIFACTS[number % len(ARTIFACTS)]
                text = text.replace(old, new, 1) if old in text else text + "\n" + new
            text = text.rstrip("\n") + "\n\n" + _invented_quote(number) + "\n"
            size += len(text.encode("utf-8"))
            out.write(json.dumps({"id": f"r{number:06d}", "text": text}, ensure_ascii=False))
            out.write("\n")
    return size


# -- the cases, each run in a child process -------------------------------------------

#: Bytes of JSON lines per partition. With Dask's process scheduler every
#: partition passes through the parent process on its way to a worker, so the
#: parent's peak grows with it: on 20,000 records it was 638 MB with 4 MB
#: partitions and 416 MB with 1 MB ones, for the same speed.
BLOCK_SIZE = 1_000_000


def _check(corpus: Path, jobs: int) -> int:
    """``lintnews check corpus.jsonl --jobs N``: records streamed from the file.

    With one job it lints in its own process; with more, it reads the corpus
    and sends its records in batches to that many worker processes.
    """
    import subprocess

    report = corpus.with_name(f"check-{jobs}.jsonl")
    cmd = [sys.executable, "-m", "lintnews", "check", str(corpus), "--id-field", "id"]
    cmd += ["--jobs", str(jobs), "--no-cache", "--output-format", "json-lines"]
    cmd += ["-o", str(report), "--exit-zero"]
    subprocess.run(cmd, check=True)
    with report.open(encoding="utf-8") as lines:
        return sum(1 for _ in lines)


def _all_cores(corpus: Path, partitions: int) -> int:
    import dask
    import dask.bag as db

    from lintnews.dask import lint_bag

    bag = db.read_text(str(corpus), blocksize=BLOCK_SIZE).map(json.loads)
    bag = bag.repartition(npartitions=max(partitions, bag.npartitions))
    findings = lint_bag(bag, id_dtype="string")
    with dask.config.set(scheduler="processes"):
        return _written(findings, corpus.with_name("all-cores"))


def _cluster(corpus: Path, workers: int) -> int:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from lintnews.dask import lint_dataframe

    with (
        LocalCluster(n_workers=workers, threads_per_worker=1, processes=True) as cluster,
        Client(cluster),
    ):
        frame = dd.read_json(str(corpus), lines=True, blocksize=BLOCK_SIZE)
        return _written(lint_dataframe(frame, id_column="id"), corpus.with_name("cluster"))


def _written(findings, folder: Path) -> int:
    """Write ``findings`` partition by partition as Parquet; returns how many rows.

    A corpus's findings are data too: gathered into one pandas frame they
    take more memory than the linting (about 1 GB per 400,000 rows).
    """
    import pyarrow.parquet as pq

    findings.to_parquet(str(folder), write_index=False)
    return sum(pq.read_metadata(part).num_rows for part in sorted(folder.glob("*.parquet")))


def child(case: str, corpus: Path, workers: int) -> None:
    """Run one case; print its number of findings."""
    if case == "one process":
        print(_check(corpus, 1))
    elif case == "check on all cores":
        print(_check(corpus, workers))
    elif case == "all cores":
        print(_all_cores(corpus, workers * 4))
    else:
        print(_cluster(corpus, workers))


# -- the parent -------------------------------------------------------------------------

CASES = ("one process", "check on all cores", "all cores", "LocalCluster")


def _cases(given: str) -> list[str]:
    chosen = [case.strip() for case in given.split(",") if case.strip()]
    unknown = [case for case in chosen if case not in CASES]
    if unknown or not chosen:
        raise SystemExit(f"--cases: choose from {', '.join(CASES)} (got {given!r})")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000, help="records to lint")
    parser.add_argument("--workers", type=int, default=2, help="cores / cluster workers")
    parser.add_argument(
        "--cases",
        default=",".join(CASES),
        help=f"comma-separated cases to run (default: {','.join(CASES)})",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.corpus, args.workers)
        return
    with tempfile.TemporaryDirectory(prefix="lintnews-records-") as folder:
        corpus = Path(folder) / "corpus.jsonl"
        print(f"writing {args.records:,} records ...", file=sys.stderr, flush=True)
        size = build_records(corpus, args.records)
        rows = []
        for case in _cases(args.cases):
            print(f"  {case} ...", file=sys.stderr, flush=True)
            cmd = [sys.executable, __file__, "--child", case, "--corpus", str(corpus)]
            cmd += ["--workers", str(args.workers)]
            seconds, rss, out = measure(cmd, cwd=Path(folder))
            rows.append((case, seconds, rss, int(out.split()[-1])))
    print(f"\n{args.records:,} records, {size / 1e6:.1f} MB of text, {args.workers} workers\n")
    print("| case | seconds | records/s | peak memory MB | findings |")
    print("|---|--:|--:|--:|--:|")
    for case, seconds, rss, findings in rows:
        rate = args.records / seconds
        print(f"| {case} | {seconds:.1f} | {rate:,.0f} | {rss:.0f} | {findings:,} |")
    same = len({findings for *_, findings in rows}) == 1
    print(f"\nSame findings in every case: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
