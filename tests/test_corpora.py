"""JSON-lines corpora: each record an article, reported by id, fixed into a new file.

The runs go through the real command line (the ``cli`` fixture) on corpora
of real news sentences, and the tests read back the exact bytes of the
cleaned corpus.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lintnews.corpora import CorpusFields, read_records, replace_text, split_record_path

SPACED = "The situation in Almaty remains unsafe ."  # PN004, safe fix
SPACED_FIXED = "The situation in Almaty remains unsafe."
DOUBLED = "Relative calm returned to  Almaty on Saturday after a week of unrest."  # WS004
DOUBLED_FIXED = "Relative calm returned to Almaty on Saturday after a week of unrest."
CLEAN = "The Interior Ministry said 26 protesters were killed in the clashes."
POUTINE = "President Vladimir Poutine said Russian troops would leave Kazakhstan within days."
TOKAYEV = "Kazakh President Kassym-Jomart Tokayev blamed foreign-trained terrorists for the unrest."
KASSIM = (
    "President Kassim-Jomart Tokayev said calm had almost been restored. In his speech, "
    "Kassim-Jomart Tokayev also thanked Vladimir Putin."
)


def write_corpus(path: Path, lines: list[Any]) -> Path:
    """One line per item: a dict as compact JSON, a string as it is."""
    text = "".join(
        (item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)) + "\n"
        for item in lines
    )
    path.write_bytes(text.encode("utf-8"))
    return path


def json_report(cli: Callable, *args: str, cwd: Path) -> list[dict[str, Any]]:
    result = cli("check", *args, "--output-format", "json", "--no-cache", cwd=cwd)
    return json.loads(result.stdout)


@pytest.fixture
def news(tmp_path: Path) -> Path:
    return write_corpus(
        tmp_path / "news.jsonl",
        [
            {"id": "kz-001", "title": "Unrest in Almaty", "text": SPACED, "lang": "en"},
            {"id": "kz-002", "title": "Clashes", "text": CLEAN, "lang": "en"},
            {"id": "kz-003", "title": "Élysée reacts", "text": DOUBLED, "tags": ["Kazakhstan"]},
        ],
    )


# -- linting ------------------------------------------------------------------------


def test_records_are_reported_by_id_and_clean_ones_not_at_all(cli, news: Path) -> None:
    result = cli("check", "news.jsonl", "--id-field", "id", "--no-cache", cwd=news.parent)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "news.jsonl[kz-001]:1:39: PN004 [*] Space before “.”" in lines
    assert any(line.startswith("news.jsonl[kz-003]:1:26: WS004") for line in lines)
    assert "kz-002" not in result.stdout
    assert result.stderr == ""


def test_records_without_an_id_field_are_named_by_line(cli, news: Path) -> None:
    result = cli("check", "news.jsonl", "--no-cache", cwd=news.parent)
    assert "news.jsonl[1]:1:39: PN004" in result.stdout
    assert "news.jsonl[3]:1:26: WS004" in result.stdout


def test_json_output_carries_the_record_id_and_offsets_within_the_field(cli, news: Path) -> None:
    found = json_report(cli, "news.jsonl", "--id-field", "id", cwd=news.parent)
    by_code = {item["code"]: item for item in found}
    spaced, doubled = by_code["PN004"], by_code["WS004"]
    assert (spaced["record"], spaced["filename"]) == ("kz-001", "news.jsonl[kz-001]")
    assert SPACED[spaced["offset"] : spaced["end_offset"]] == " ."
    assert doubled["record"] == "kz-003"
    assert DOUBLED[doubled["offset"] : doubled["end_offset"]] == "  "
    assert split_record_path(doubled["filename"]) == ("news.jsonl", "kz-003")


def test_a_custom_text_field_and_numeric_ids(cli, tmp_path: Path) -> None:
    write_corpus(tmp_path / "wire.jsonl", [{"body": SPACED, "doc": 7}, {"body": CLEAN, "doc": 8}])
    args = ("wire.jsonl", "--text-field", "body", "--id-field", "doc")
    found = json_report(cli, *args, cwd=tmp_path)
    assert [(item["code"], item["record"]) for item in found] == [("PN004", "7")]


def test_article_json_output_has_no_record_key(cli, tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(SPACED + "\n", encoding="utf-8")
    found = json_report(cli, "story.txt", cwd=tmp_path)
    assert found and all("record" not in item for item in found)


def test_malformed_lines_are_reported_by_line_number(cli, tmp_path: Path) -> None:
    write_corpus(
        tmp_path / "scraped.jsonl",
        [
            {"id": "ok", "text": SPACED},
            '{"id": "cut", "text": "The Interior Ministry said',
            {"id": "no-text", "headline": CLEAN},
            {"id": "null", "text": None},
            "",
            '["a", "list"]',
            {"id": "after", "text": DOUBLED},
        ],
    )
    result = cli("check", "scraped.jsonl", "--id-field", "id", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 2  # as for an unreadable file
    assert result.stderr.splitlines() == [
        "error: scraped.jsonl: line 2: not valid JSON: Unterminated string starting at (column 23)",
        "error: scraped.jsonl: line 3: no 'text' field",
        "error: scraped.jsonl: line 4: the 'text' field is null, not a string",
        "error: scraped.jsonl: line 5: blank line, not a record",
        "error: scraped.jsonl: line 6: a JSON an array, not an object",
    ]
    assert "scraped.jsonl[ok]:1:39: PN004" in result.stdout
    assert "scraped.jsonl[after]:1:26: WS004" in result.stdout


def test_repeated_and_missing_ids_stay_apart(cli, tmp_path: Path) -> None:
    write_corpus(
        tmp_path / "dup.jsonl",
        [{"id": "a", "text": SPACED}, {"id": "a", "text": DOUBLED}, {"text": SPACED}],
    )
    result = cli("check", "dup.jsonl", "--id-field", "id", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 1  # notes, not errors
    assert "dup.jsonl[a]:1:39: PN004" in result.stdout
    assert "dup.jsonl[a@2]:1:26: WS004" in result.stdout
    assert "dup.jsonl[line 3]:1:39: PN004" in result.stdout
    assert "line 2: id 'a' repeats line 1's" in result.stderr


def test_a_name_spelled_two_ways_across_records(cli, tmp_path: Path) -> None:
    records = [{"id": f"k{n}", "text": TOKAYEV} for n in range(3)]
    write_corpus(tmp_path / "names.jsonl", [*records, {"id": "k3", "text": KASSIM}])
    args = ("names.jsonl", "--id-field", "id", "--select", "NM002")
    found = json_report(cli, *args, cwd=tmp_path)
    assert [(item["code"], item["record"]) for item in found] == [("NM002", "k3")]
    assert KASSIM[found[0]["offset"] : found[0]["end_offset"]] == "Kassim-Jomart"
    assert "names.jsonl[k0]" in found[0]["message"]

    cli("check", *args, "--fix", "--unsafe-fixes", "--output", "fixed.jsonl", cwd=tmp_path)
    texts = [json.loads(line)["text"] for line in (tmp_path / "fixed.jsonl").open()]
    assert texts == [TOKAYEV] * 3 + [KASSIM.replace("Kassim", "Kassym")]


def test_a_big_corpus_shares_its_records_among_workers(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import lintnews.parallel
    import lintnews.runner

    lines: list[Any] = []
    for number in range(60):
        text = (SPACED, DOUBLED, CLEAN, POUTINE, TOKAYEV)[number % 5]
        lines.append({"id": f"kz-{number % 50:03d}", "text": text})  # ids repeat after 50
        if number % 17 == 0:
            lines.append('{"id": "broken", "text": ')  # malformed, reported by line
    lines.append({"id": "kassim", "text": KASSIM})
    write_corpus(tmp_path / "wire.jsonl", lines)
    monkeypatch.setattr(lintnews.runner, "MIN_SPLIT_BYTES", 1)
    monkeypatch.setattr(lintnews.runner, "RECORDS_PER_BATCH", 4)
    pooled = []
    original = lintnews.parallel.lint_records_in_pool
    monkeypatch.setattr(
        lintnews.parallel,
        "lint_records_in_pool",
        lambda *args: pooled.append(args[1]) or original(*args),
    )
    args = ("check", "wire.jsonl", "--id-field", "id", "--output-format", "json")
    one = cli(*args, "--jobs", "1", cwd=tmp_path)
    assert pooled == []
    two = cli(*args, "--jobs", "2", cwd=tmp_path)
    assert pooled == ["wire.jsonl"]
    assert two.stdout == one.stdout
    assert two.stderr == one.stderr
    assert two.exit_code == one.exit_code == 2  # the malformed lines
    found = json.loads(two.stdout)
    assert {item["code"] for item in found} >= {"PN004", "WS004", "NM001", "NM002"}
    assert "line 2: not valid JSON" in two.stderr


def test_a_folder_finds_its_corpora(cli, news: Path) -> None:
    result = cli("check", ".", "--id-field", "id", "--no-cache", cwd=news.parent)
    assert "news.jsonl[kz-001]:1:39: PN004" in result.stdout


def test_ndjson_is_read_as_json_lines(cli, news: Path) -> None:
    news.rename(news.with_suffix(".ndjson"))
    result = cli("check", ".", "--id-field", "id", "--no-cache", cwd=news.parent)
    assert "news.ndjson[kz-001]:1:39: PN004" in result.stdout
    assert split_record_path("news.ndjson[kz-003]") == ("news.ndjson", "kz-003")
    out = news.parent / "clean.ndjson"
    cli("check", "news.ndjson", "--fix", "--output", str(out), "--exit-zero", cwd=news.parent)
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3


# -- fixing into a new corpus -------------------------------------------------------


def test_fix_writes_every_record_in_order_and_keeps_the_rest(cli, tmp_path: Path) -> None:
    lines: list[Any] = [
        {"id": "kz-001", "title": "Unrest in Almaty", "text": SPACED, "lang": "en"},
        {"id": "kz-002", "text": CLEAN, "title": "Clashes"},
        '{"id": "cut", "text": "The Interior',
        "",
        {"tags": ["Kazakhstan", "Алматы"], "text": DOUBLED, "id": "kz-003", "score": 1.50},
        '{"id":"kz-004",  "text" : "Officials spoke  at noon .",\t"n": 1e3}',
        {"id": "kz-005", "text": 42},
    ]
    corpus = write_corpus(tmp_path / "news.jsonl", lines)
    before = corpus.read_bytes()
    result = cli(
        "check", "news.jsonl", "--id-field", "id", "--fix", "--output", "clean.jsonl",
        "--no-cache", cwd=tmp_path,
    )  # fmt: skip
    assert result.exit_code == 2  # the malformed lines are still there
    assert "Fixed 4 issues" in result.stdout
    assert corpus.read_bytes() == before  # never in place
    out = (tmp_path / "clean.jsonl").read_bytes().split(b"\n")
    old = before.split(b"\n")
    assert len(out) == len(old)
    assert json.loads(out[0]) == {**lines[0], "text": SPACED_FIXED}
    assert list(json.loads(out[0])) == ["id", "title", "text", "lang"]
    for unchanged in (1, 2, 3, 6, 7):  # clean, malformed, blank, non-string text, end
        assert out[unchanged] == old[unchanged]
    assert out[4] == old[4].replace(DOUBLED.encode(), DOUBLED_FIXED.encode())
    assert "Алматы" in out[4].decode("utf-8")
    assert out[5] == b'{"id":"kz-004",  "text" : "Officials spoke at noon.",\t"n": 1e3}'


def test_fix_is_idempotent(cli, news: Path) -> None:
    args = ("--id-field", "id", "--fix", "--no-cache")
    cli("check", "news.jsonl", *args, "--output", "once.jsonl", cwd=news.parent)
    again = cli("check", "once.jsonl", *args, "--output", "twice.jsonl", cwd=news.parent)
    assert again.exit_code == 0
    once = (news.parent / "once.jsonl").read_bytes()
    assert (news.parent / "twice.jsonl").read_bytes() == once
    assert [json.loads(line)["text"] for line in once.splitlines()] == [
        SPACED_FIXED,
        CLEAN,
        DOUBLED_FIXED,
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--fix",), "--fix never rewrites a corpus in place"),
        (("--fix", "--output", "news.jsonl"), "--output must name a new file"),
        (("--fix", "--output", "./news.jsonl"), "--output must name a new file"),
        (("--output", "clean.jsonl"), "use it with --fix"),
        (("--diff",), "--diff does not show corpora"),
    ],
)
def test_fix_refuses_to_touch_the_corpus(cli, news: Path, args: tuple, message: str) -> None:
    before = news.read_bytes()
    result = cli("check", "news.jsonl", *args, cwd=news.parent)
    assert result.exit_code == 2
    assert message in result.stderr
    assert news.read_bytes() == before
    assert not (news.parent / "clean.jsonl").exists()


def test_fix_on_a_folder_leaves_its_corpus_alone(cli, news: Path) -> None:
    before = news.read_bytes()
    (news.parent / "story.txt").write_text(SPACED + "\n", encoding="utf-8")
    result = cli("check", ".", "--fix", "--no-cache", cwd=news.parent)
    assert result.exit_code == 2
    assert "news.jsonl: not fixed: a corpus is written only to a new file" in result.stderr
    assert news.read_bytes() == before
    assert (news.parent / "story.txt").read_text(encoding="utf-8") == SPACED_FIXED + "\n"


# -- the reader and the splice ------------------------------------------------------


def test_reader_keeps_each_line_as_read(tmp_path: Path) -> None:
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "A"}\r\n\xff\n{"text": "B"}')
    records = list(read_records(path, CorpusFields()))
    assert [r.raw for r in records] == [
        b'\xef\xbb\xbf{"text": "A"}\r\n',
        b"\xff\n",
        b'{"text": "B"}',
    ]
    assert [r.text for r in records] == ["A", None, "B"]
    assert records[1].problem == "not valid UTF-8 (byte offset 0)"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b'{"text": "caf\\u00e9 ."}\n', b'{"text": "caf\\u00e9."}\n'),  # ASCII stays ASCII
        ('{"text": "Алматы ."}\r\n'.encode(), '{"text": "Алматы."}\r\n'.encode()),
        (b'{"text": "x", "id": 1, "text": "old ."}', b'{"text": "x", "id": 1, "text": "old."}'),
        (
            b'  { "meta": {"text": "inner"} , "text":"a ." }  \n',
            b'  { "meta": {"text": "inner"} , "text":"a." }  \n',
        ),
    ],
)
def test_replace_text_changes_only_the_value(raw: bytes, expected: bytes) -> None:
    old = json.loads(raw.decode("utf-8"))["text"]
    assert replace_text(raw, 2, "text", old.replace(" .", ".")) == expected


def test_replace_text_keeps_a_byte_order_mark() -> None:
    raw = '\ufeff{"text": "Алматы ."}\n'.encode()
    assert replace_text(raw, 1, "text", "Алматы.") == '\ufeff{"text": "Алматы."}\n'.encode()


# -- Parquet (the optional pyarrow) -------------------------------------------------


def write_parquet(path: Path, columns: dict[str, list]) -> Path:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table(columns).replace_schema_metadata({"source": "wire"})
    pq.write_table(table, path, row_group_size=2)
    return path


def read_parquet(path: Path) -> Any:
    pq = pytest.importorskip("pyarrow.parquet")
    return pq.read_table(path)


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    return write_parquet(
        tmp_path / "wire.parquet",
        {
            "id": [101, 102, 103, 104, 105],
            "text": [SPACED, CLEAN, None, DOUBLED, "Алматы was calm ."],
            "words": [6, 11, 0, 12, 3],
        },
    )


def test_parquet_rows_are_reported_by_id(cli, wire: Path) -> None:
    result = cli("check", "wire.parquet", "--id-field", "id", "--no-cache", cwd=wire.parent)
    assert result.exit_code == 2
    assert "wire.parquet[101]:1:39: PN004" in result.stdout
    assert "wire.parquet[104]:1:26: WS004" in result.stdout
    assert "wire.parquet[105]:1:16: PN004" in result.stdout
    assert result.stderr.splitlines() == [
        "error: wire.parquet: row 3: the 'text' field is null, not a string"
    ]
    found = json_report(cli, "wire.parquet", "--id-field", "id", cwd=wire.parent)
    assert sorted(item["record"] for item in found) == ["101", "104", "105"]


def test_parquet_fix_keeps_every_row_and_column(cli, wire: Path) -> None:
    args = ("--id-field", "id", "--fix", "--no-cache")
    cli("check", "wire.parquet", *args, "--output", "clean.parquet", cwd=wire.parent)
    before, after = read_parquet(wire), read_parquet(wire.parent / "clean.parquet")
    assert after.schema == before.schema
    assert after.schema.metadata == before.schema.metadata
    assert after.column("id").to_pylist() == [101, 102, 103, 104, 105]
    assert after.column("words").to_pylist() == [6, 11, 0, 12, 3]
    assert after.column("text").to_pylist() == [
        SPACED_FIXED,
        CLEAN,
        None,
        DOUBLED_FIXED,
        "Алматы was calm.",
    ]
    again = cli("check", "clean.parquet", *args, "--output", "twice.parquet", cwd=wire.parent)
    assert again.exit_code == 2  # the row without a text is still there, untouched
    assert read_parquet(wire.parent / "twice.parquet").equals(after)


def test_parquet_without_its_text_column_is_an_error(cli, tmp_path: Path) -> None:
    write_parquet(tmp_path / "wire.parquet", {"body": [SPACED], "n": [1]})
    result = cli("check", "wire.parquet", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 2
    assert "error: wire.parquet: cannot read: no 'text' column" in result.stderr


def test_parquet_without_pyarrow_says_what_to_install(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    (tmp_path / "wire.parquet").write_bytes(b"PAR1")
    result = cli("check", "wire.parquet", "--no-cache", cwd=tmp_path)
    assert result.exit_code == 2
    assert "Parquet needs pyarrow: pip install 'lintnews[parquet]'" in result.stderr
