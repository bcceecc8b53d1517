"""Benchmark lintnews as a whole process, next to proselint, harper-py and a regex baseline.

Run from the repository root, with the peers installed in the same environment::

    pip install proselint harper-py        # optional: a peer that is missing is skipped
    python bench/run.py                    # 2,000 files, about 10 MB
    python bench/run.py --files 500 --jobs 1 --skip-peers --peer-files 200
    python bench/run.py --skip-peers --memory-files 100000   # and peak memory on an archive

What it does, in one invocation:

1. copies the five ``seeds/*.txt`` articles into a temporary folder until it
   holds ``--files`` files (2,000 by default: 400 copies, about 10 MB);
2. runs ``python -m lintnews check CORPUS --output-format json -o FILE
   --exit-zero`` in a child process: cold (with ``--no-cache`` when
   ``lintnews check --help`` offers it), then warm (a second run after a
   priming one, only when a cache exists); ``--jobs`` is passed on when the
   option exists;
3. runs ``lintnews check`` on one 5 KB seed article, best of ``--repeat``;
4. runs proselint (default checks), harper-py (every lint on) and one
   precompiled 20-pattern alternation (``regex`` module) over the same files,
   each in its own child Python process (``bench/workers.py``);
5. with ``--memory-files N``, lints N articles (the seeds and the clean-news
   fixture in turn, each made unique by a closing quote from an invented
   person) cold, for the peak memory of a run over an archive;
6. prints a Markdown table and the targets of the performance and robustness
   issues.

Every row is a whole child process: wall-clock seconds from spawn to exit,
so start-up and imports count. Peak RSS is the larger of the child's own
peak (``os.wait4``; Linux counts the memory of this process at the fork in
it, so this process keeps small and a child never reads below its ~15 MB)
and the peak sum of PSS over its process tree, sampled every 50 ms from
``/proc`` (this counts lintnews's worker processes, and pages they share
with their parent once). MB is 10^6 bytes. With ``--peer-files N`` the peers
lint only the first N files; their MB/s, and the ratios, come from those
files and include each peer's start-up (about 1 s for harper-py).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKERS = Path(__file__).resolve().with_name("workers.py")
MB = 1_000_000
#: Children run without LINTNEWS_* variables (LINTNEWS_NO_CACHE would spoil the warm run).
ENV = {name: value for name, value in os.environ.items() if not name.startswith("LINTNEWS_")}
PEERS = {"proselint": ("proselint", "default checks"), "harper": ("harper", "all lints")}


@dataclass
class Row:
    tool: str
    case: str
    files: int
    size: int  # bytes
    seconds: float
    rss: float  # MB
    findings: int | None = None

    @property
    def mb_per_s(self) -> float:
        return self.size / MB / self.seconds


# -- measuring one child process ------------------------------------------------------


def _tree_pss(pid: int) -> int:
    """PSS in bytes of ``pid`` and its descendants (0 where /proc cannot tell)."""
    total, todo = 0, [pid]
    while todo:
        pid = todo.pop()
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) * 1024
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += map(int, (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def measure(cmd: list[str], cwd: Path = ROOT) -> tuple[float, float, str]:
    """Run ``cmd``; return its wall seconds, peak RSS in MB and standard output."""
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.05):
            peak = max(peak, _tree_pss(proc.pid))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=out, stderr=err)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.read().decode()}")
        rss = max(usage.ru_maxrss * 1024, peak) / MB  # ru_maxrss is in KiB on Linux
        return seconds, rss, out.read().decode()


# -- the steps --------------------------------------------------------------------------


def build_corpus(folder: Path, files: int) -> list[Path]:
    """Copy the seed articles into ``folder`` until it holds ``files`` files."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for copy in range(math.ceil(files / len(seeds))):
        for seed in seeds:
            shutil.copyfile(seed, folder / f"{copy:05d}_{seed.name}")
    paths = sorted(folder.glob("*.txt"))
    for extra in paths[files:]:
        extra.unlink()
    return paths[:files]


#: Syllables of the invented people and places that make each archive article unique.
SYLLABLES = [
    "ka",
    "ro",
    "vel",
    "tam",
    "sin",
    "du",
    "ya",
    "mer",
    "li",
    "zan",
    "bek",
    "nur",
    "al",
    "tai",
    "ger",
    "es",
    "mun",
    "ol",
]


def build_archive(folder: Path, files: int) -> int:
    """``files`` articles for the memory case: the seeds and the clean-news fixture
    in turn (about one in three with artifacts); returns their size in bytes.

    Each article ends with a paragraph quoting a person and a place invented
    from its number, so that no two articles are the same: an archive holds
    many names, and the corpus rules' statistics grow with them.
    """
    sources = sorted((ROOT / "seeds").glob("*.txt"))
    sources += sorted((ROOT / "tests" / "fixtures" / "clean_news").glob("*.txt"))
    texts = [(path.suffix, path.read_bytes()) for path in sources]
    size = 0
    for number in range(files):
        suffix, data = texts[number % len(texts)]
        data = data.rstrip(b"\n") + b"\n\n" + _invented_quote(number).encode() + b"\n"
        (folder / f"{number:06d}{suffix}").write_bytes(data)
        size += len(data)
    return size


def _invented_quote(number: int) -> str:
    digits = []
    for _ in range(6):
        number, digit = divmod(number, len(SYLLABLES))
        digits.append(SYLLABLES[digit])
    first = (digits[0] + digits[1]).capitalize()
    last = (digits[2] + digits[3] + digits[4]).capitalize()
    town = (digits[5] + digits[2] + "sk").capitalize()
    return (
        f"“We expect the talks to resume next week,” said {first} {last}, "
        f"a spokesman for the regional council in {town}."
    )


def bench_memory(work: Path, files: int, jobs: int | None) -> Row:
    """One cold run over ``files`` articles, for its peak memory."""
    folder = work / "archive"
    folder.mkdir()
    print(f"  memory: building {files:,} articles ...", file=sys.stderr, flush=True)
    size = build_archive(folder, files)
    out = work / "archive.json"
    cmd = [sys.executable, "-m", "lintnews", "check", str(folder), "--no-cache"]
    cmd += ["--output-format", "json", "-o", str(out), "--exit-zero"]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    print("  memory: linting ...", file=sys.stderr, flush=True)
    seconds, rss, _ = measure(cmd, cwd=work)
    findings = count_diagnostics(out)
    return Row("lintnews", f"memory: {files:,} articles, cold", files, size, seconds, rss, findings)


def check_options() -> str:
    """The help text of ``lintnews check``, to find which options exist."""
    cmd = [sys.executable, "-m", "lintnews", "check", "--help"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def count_diagnostics(report: Path) -> int:
    """Diagnostics in a JSON report, counted in a child so that this process stays small."""
    code = "import json, sys; print(len(json.load(open(sys.argv[1], encoding='utf-8'))))"
    cmd = [sys.executable, "-c", code, str(report)]
    return int(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def bench_lintnews(corpus: list[Path], work: Path, jobs: int | None, notes: list[str]) -> list[Row]:
    """Cold run, then a warm run when lintnews has a cache."""
    help_text = check_options()
    size = sum(path.stat().st_size for path in corpus)
    out = work / "lintnews.json"
    base = [sys.executable, "-m", "lintnews", "check", str(corpus[0].parent)]
    base += ["--output-format", "json", "-o", str(out), "--exit-zero"]
    if jobs is not None and "--jobs" in help_text:
        base += ["--jobs", str(jobs)]
    elif jobs is not None:
        notes.append(f"`lintnews check` has no `--jobs` yet: `--jobs {jobs}` not passed on.")
    cached = "--no-cache" in help_text
    if "--cache-dir" in help_text:
        base += ["--cache-dir", str(work / "cache")]

    def run(case: str, cmd: list[str]) -> Row:
        seconds, rss, _ = measure(cmd, cwd=work)
        findings = count_diagnostics(out)
        return Row("lintnews", case, len(corpus), size, seconds, rss, findings)

    for folder in (work, corpus[0].parent):  # a cache left by an earlier run
        shutil.rmtree(folder / ".lintnews_cache", ignore_errors=True)
    if not cached:
        notes.append("`lintnews check` has no `--no-cache`: no cache yet, warm run skipped.")
        return [run("cold", base)]
    rows = [run("cold (--no-cache)", [*base, "--no-cache"])]
    measure(base, cwd=work)  # fills the cache
    rows.append(run("warm (cache filled)", base))
    return rows


def bench_one_file(repeat: int) -> Row:
    """Whole-process time of ``lintnews check`` on one seed article, best of ``repeat``."""
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    cmd = [sys.executable, "-m", "lintnews", "check", str(seed.relative_to(ROOT)), "--exit-zero"]
    if "--no-cache" in check_options():
        cmd.append("--no-cache")
    runs = [measure(cmd) for _ in range(repeat)]
    seconds = min(run[0] for run in runs)
    rss = max(run[1] for run in runs)
    return Row("lintnews", f"one file (best of {repeat})", 1, seed.stat().st_size, seconds, rss)


def bench_worker(tool: str, label: str, case: str, corpus: list[Path], limit: int) -> Row:
    """One ``bench/workers.py`` child over the first ``limit`` corpus files."""
    paths = corpus[:limit]
    cmd = [sys.executable, str(WORKERS), tool, str(corpus[0].parent), str(len(paths))]
    seconds, rss, stdout = measure(cmd)
    findings = json.loads(stdout)["findings"]
    if len(paths) < len(corpus):
        case += f", first {len(paths)} of {len(corpus)} files"
    size = sum(path.stat().st_size for path in paths)
    return Row(label, case, len(paths), size, seconds, rss, findings)


def bench_peers(corpus: list[Path], limit: int, notes: list[str]) -> list[Row]:
    rows = []
    for tool, (module, case) in PEERS.items():
        if find_spec(module) is None:
            notes.append(f"{tool} is not installed (`pip install proselint harper-py`): skipped.")
            continue
        print(f"  {tool} ...", file=sys.stderr, flush=True)
        rows.append(bench_worker(tool, tool, case, corpus, limit))
    return rows


# -- the report -------------------------------------------------------------------------


def ratio(row: Row, peer: Row | None) -> str:
    if peer is None or row.files == 1:
        return "—"
    return f"{row.mb_per_s / peer.mb_per_s:.1f}×"


def table(rows: list[Row]) -> str:
    peers = {row.tool: row for row in rows if row.tool in PEERS}
    lines = [
        "| tool | case | files | MB | seconds | MB/s | files/s | peak RSS MB | findings"
        " | vs proselint | vs harper |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        findings = "—" if row.findings is None else f"{row.findings:,}"
        lines.append(
            f"| {row.tool} | {row.case} | {row.files:,} | {row.size / MB:.2f}"
            f" | {row.seconds:.2f} | {row.mb_per_s:.2f} | {row.files / row.seconds:,.0f}"
            f" | {row.rss:.0f} | {findings} | {ratio(row, peers.get('proselint'))}"
            f" | {ratio(row, peers.get('harper'))} |"
        )
    return "\n".join(lines)


def targets(rows: list[Row]) -> str:
    """The issue's targets, each with ✓ or ✗ (n/a when not measured)."""
    ours = {row.case.split()[0]: row for row in rows if row.tool == "lintnews"}
    cold, warm, one = ours.get("cold"), ours.get("warm"), ours.get("one")
    proselint = next((row for row in rows if row.tool == "proselint"), None)
    corpus_runs = [row.rss for row in rows if row.tool == "lintnews" and row.case[0] in "cw"]
    archive = next((row for row in rows if row.case.startswith("memory")), None)
    checks = [
        ("cold ≥ 10 MB/s", cold and cold.mb_per_s, lambda v: v >= 10, "{:.2f} MB/s"),
        ("warm ≥ 100 MB/s", warm and warm.mb_per_s, lambda v: v >= 100, "{:.2f} MB/s"),
        ("one file < 0.2 s", one and one.seconds, lambda v: v < 0.2, "{:.3f} s"),
        ("peak RSS < 150 MB", max(corpus_runs, default=None), lambda v: v < 150, "{:.0f} MB"),
        (
            "peak RSS < 300 MB on the memory archive",
            archive and archive.rss,
            lambda v: v < 300,
            "{:.0f} MB",
        ),
        (
            "cold ≥ 25× proselint",
            cold and proselint and cold.mb_per_s / proselint.mb_per_s,
            lambda v: v >= 25,
            "{:.1f}×",
        ),
    ]
    return "\n".join(
        f"- {name}: n/a (not measured)"
        if value is None
        else f"- {name}: {shown.format(value)} {'✓' if ok(value) else '✗'}"
        for name, value, ok, shown in checks
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000, help="corpus files (default 2000)")
    parser.add_argument("--jobs", type=int, help="passed on to lintnews check --jobs")
    parser.add_argument("--skip-peers", action="store_true", help="no proselint, no harper-py")
    parser.add_argument("--peer-files", type=int, help="run the peers on the first N files")
    parser.add_argument("--repeat", type=int, default=5, help="one-file runs (best of)")
    parser.add_argument(
        "--memory-files",
        type=int,
        help="also lint this many articles (seeds and clean news) for peak memory",
    )
    args = parser.parse_args()

    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="lintnews-bench-") as tmp:
        work = Path(tmp)
        (work / "corpus").mkdir()
        corpus = build_corpus(work / "corpus", args.files)
        size = sum(path.stat().st_size for path in corpus)
        print(f"corpus: {len(corpus):,} files, {size / MB:.2f} MB in {work}", file=sys.stderr)
        print("  lintnews ...", file=sys.stderr, flush=True)
        rows = bench_lintnews(corpus, work, args.jobs, notes)
        rows.append(bench_one_file(args.repeat))
        print("  regex baseline ...", file=sys.stderr, flush=True)
        baseline = ("regex", "regex baseline", "20-pattern alternation")
        rows.append(bench_worker(*baseline, corpus, len(corpus)))
        if not args.skip_peers:
            rows += bench_peers(corpus, args.peer_files or len(corpus), notes)
        if args.memory_files:
            rows.append(bench_memory(work, args.memory_files, args.jobs))

    version = subprocess.run(
        [sys.executable, "-m", "lintnews", "--version"], capture_output=True, text=True
    ).stdout.strip()
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    system = f"{platform.machine()} {platform.system()}"
    print(f"\n{version}, Python {platform.python_version()}, {cpus} CPUs, {system}\n")
    print(table(rows))
    print("\nTargets:\n" + targets(rows))
    for note in notes:
        print(f"\nNote: {note}")


if __name__ == "__main__":
    main()
