"""The run's store: finished files and corpus data kept as pickled records."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import LineIndex, Suppression
from lintnews.results import FileResult, RunOptions
from lintnews.runner import Runner
from lintnews.store import CorpusData, FileResults, Spool, StoreError

ARTICLE = "Kazakhstan’s president said the protesters were terrorists. .\nSource link\n"


def _file(path: str, *codes: str) -> FileResult:
    diagnostics = [
        Diagnostic(
            code,
            f"{code} in {path}",
            Span(i, i + 2),
            Severity.ERROR,
            Fix.replace(Span(i, i), " ", "x"),
        )
        for i, code in enumerate(codes)
    ]
    return FileResult(
        path,
        diagnostics,
        LineIndex(ARTICLE),
        (Suppression(Span(0, 4), frozenset({"PN001"})),),
        text=ARTICLE,
        digest=b"\x01\x02",
    )


def test_a_file_reads_back_field_for_field() -> None:
    original = _file("almaty/report.txt", "PN001", "BP001")
    files = FileResults([original])
    back = files[0]
    fields = ("path", "diagnostics", "suppressions", "text", "kind", "encoding", "digest", "lossy")
    assert [getattr(back, f) for f in fields] == [getattr(original, f) for f in fields]
    assert back.index.location(70) == original.index.location(70)
    assert back.index.line_count == original.index.line_count == 3


def test_records_move_to_disk_past_the_memory_limit() -> None:
    spool = Spool(in_memory=1_000)
    numbers = [spool.put(("Nur-Sultan", n)) for n in range(200)]
    assert spool._file._rolled  # a real temporary file now
    assert [spool.get(n) for n in numbers] == [("Nur-Sultan", n) for n in range(200)]


def test_files_sort_by_path_and_are_found_by_it() -> None:
    files = FileResults([_file("b.txt", "PN001"), _file("a.txt"), _file("c.md", "BP001", "WS001")])
    files.sort()
    assert list(files.paths) == ["a.txt", "b.txt", "c.md"]
    assert [f.path for f in files] == ["a.txt", "b.txt", "c.md"]
    assert files.find("c.md") == 2 and files.find("d.txt") is None
    assert files.diagnostic_count == 3
    assert [f.path for f in files.with_diagnostics()] == ["b.txt", "c.md"]
    assert [f.path for f in files[1:]] == ["b.txt", "c.md"]


def test_a_changed_file_is_stored_back() -> None:
    files = FileResults([_file("a.txt", "PN001")])
    changed = files[0]
    changed.diagnostics.append(changed.diagnostics[0])
    assert len(files[0].diagnostics) == 1  # an item is a copy
    files[0] = changed
    assert len(files[0].diagnostics) == 2 and files.diagnostic_count == 2


def test_records_travel_between_stores_unchanged() -> None:
    worker = FileResults([_file("a.txt", "PN001"), _file("b.txt")])
    run = FileResults()
    for path, record, count in worker.records():
        run.append_record(path, record, count)
    assert [f.diagnostics for f in run] == [f.diagnostics for f in worker]
    assert run.diagnostic_count == 1


def test_corpus_data_is_read_back_per_rule_in_file_order() -> None:
    data = CorpusData()
    data.add("NM002", "b.txt", {"Tokayev": 3})
    data.add("AC003", "b.txt", ["CSTO"])
    data.add("NM002", "a.txt", {"Tokaev": 1})
    view = data.view("NM002")
    assert list(view) == ["b.txt", "a.txt"] and len(view) == 2
    assert dict(view.items()) == {"b.txt": {"Tokayev": 3}, "a.txt": {"Tokaev": 1}}
    assert list(view.values()) == [{"Tokayev": 3}, {"Tokaev": 1}]
    assert view["a.txt"] == {"Tokaev": 1}
    assert "AC003" in data and "NM003" not in data and len(data.view("NM003")) == 0
    moved = CorpusData()
    for code, records in data.records().items():
        for path, record in records:
            moved.add_record(code, path, record)
    assert dict(moved.view("AC003").items()) == {"b.txt": ["CSTO"]}


def test_a_full_disk_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    spool = Spool(in_memory=0)

    def no_space(_: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(spool._file, "write", no_space)
    with pytest.raises(StoreError, match="No space left on device; set TMPDIR"):
        spool.add(b"record")


def test_a_run_kept_on_disk_reports_what_one_in_memory_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Corpus findings land in their files, past suppressions, whether records spill or not."""
    for number in range(12):
        name = "Tokayev" if number else "Tokaev"
        (tmp_path / f"{number:02d}.txt").write_text(
            f"President Kassym-Jomart {name} spoke in Almaty. .\n", encoding="utf-8"
        )
    (tmp_path / "12.md").write_text(
        "<!-- lintnews-disable NM002 -->\nPresident Kassym-Jomart Tokaev spoke.\n",
        encoding="utf-8",
    )

    def findings(jobs: int) -> list[tuple[str, str, int]]:
        result = Runner(RunOptions(jobs=jobs)).run([tmp_path])
        return [(Path(f.path).name, d.code, d.span.start) for f, d in result.diagnostics]

    in_memory = findings(1)
    monkeypatch.setattr("lintnews.store.IN_MEMORY", 64)
    monkeypatch.setattr(Spool.__init__, "__defaults__", (64,))
    assert findings(1) == findings(2) == in_memory
    assert ("00.txt", "NM002", 24) in in_memory
    assert not any(name == "12.md" and code == "NM002" for name, code, _ in in_memory)
