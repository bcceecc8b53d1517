"""The pipeline API: lintnews.Linter, configured once and reused, in loops, frames and pools."""

from __future__ import annotations

import multiprocessing
import pickle
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

import lintnews
from lintnews import Linter
from lintnews.config import ConfigError
from lintnews.selection import SelectionError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

BANNER = "Sat. Jan 22nd, 2022\n\nThe streets of Almaty were unsafe. .\n\nSource link\n"
CLEAN = "Police returned to the streets of Almaty on Friday, a day after the unrest.\n"
TOKAYEV = (
    "Kazakh President Kassym-Jomart Tokayev blamed foreign-trained terrorists for the unrest. "
    "Kassym-Jomart Tokayev also thanked Vladimir Putin for sending troops."
)
KASSIM = "President Kassim-Jomart Tokayev said calm had almost been restored."
COLOUR = "The colour of the new flag was chosen by a committee in 1992."
ENGLISH = (
    "Kazakhstan's president said on Friday that order had been restored in Almaty. "
    "Eighteen police officers and National Guard members also died, officials said. "
    "The government resigned on Wednesday as the protests spread across the country. "
    "Internet access was cut for most of the week, and banks stayed closed."
)
GERMAN = (
    "Der kasachische Präsident hat den Sicherheitskräften erlaubt, ohne Vorwarnung "
    "auf Demonstranten zu schießen."
)


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]


# -- one article -------------------------------------------------------------------------


def test_lint_finds_what_lint_text_finds() -> None:
    linter = Linter()
    assert [d.code for d in linter.lint(BANNER)] == ["BP004", "PN001", "BP002"]
    assert linter.lint(BANNER) == lintnews.lint_text(BANNER)
    assert linter.lint(CLEAN) == []


def test_selection_is_resolved_once() -> None:
    linter = Linter(select=["bp"], ignore=["BP004"])
    assert all(code.startswith("BP") for code in linter.codes)
    assert "BP004" not in linter.codes
    assert [d.code for d in linter.lint(BANNER)] == ["BP002"]
    assert [d.code for d in Linter(select="PN001,BP002").lint(BANNER)] == ["PN001", "BP002"]


def test_extend_select_adds_an_opt_in_rule() -> None:
    linter = Linter(extend_select=["GR001"])
    assert "GR001" in linter.codes and "PN001" in linter.codes
    assert [d.code for d in linter.lint(COLOUR)] == ["GR001"]


def test_markdown_code_is_not_prose() -> None:
    text = "```\nThe streets were unsafe. .\n```\n"
    assert Linter().lint(text, kind="markdown") == []
    assert len(Linter().lint(text)) == 1
    with pytest.raises(ValueError, match="kind must be"):
        Linter().lint(text, kind="docx")


def test_a_text_that_is_not_a_string_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="text must be a str, not float"):
        Linter().lint(float("nan"))  # type: ignore[arg-type]


# -- configuration -----------------------------------------------------------------------


def test_config_file_and_keywords_over_it(tmp_path: Path) -> None:
    config = tmp_path / "lintnews.toml"
    config.write_text('select = ["BP"]\nignore = ["BP004"]\n', encoding="utf-8")
    assert [d.code for d in Linter(config=config).lint(BANNER)] == ["BP002"]
    assert [d.code for d in Linter(config=str(config), select=["PN"]).lint(BANNER)] == ["PN001"]
    assert [d.code for d in Linter(config=config, extend_select=["PN001"]).lint(BANNER)] == [
        "PN001",
        "BP002",
    ]


def test_pyproject_table_and_per_file_ignores(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text(
        '[tool.lintnews]\nselect = ["PN001", "BP002"]\n'
        '[tool.lintnews.per-file-ignores]\n"wire/*" = ["BP002"]\n',
        encoding="utf-8",
    )
    linter = Linter(config=config)
    assert [d.code for d in linter.lint(BANNER)] == ["PN001", "BP002"]
    assert [d.code for d in linter.lint(BANNER, path="wire/afp.txt")] == ["PN001"]


def test_dialect_reaches_the_grammar_rules() -> None:
    assert [d.code for d in Linter(select=["GR"]).lint(COLOUR)] == ["GR001"]
    assert Linter(select=["GR"], dialect="british").lint(COLOUR) == []


def test_dialect_from_the_file_and_the_keyword_wins(tmp_path: Path) -> None:
    config = tmp_path / "lintnews.toml"
    config.write_text('select = ["GR"]\ndialect = "british"\n', encoding="utf-8")
    assert Linter(config=config).lint(COLOUR) == []
    assert [d.code for d in Linter(config=config, dialect="american").lint(COLOUR)] == ["GR001"]


def test_source_languages_reach_the_untranslated_sentence_rule() -> None:
    text = f"{ENGLISH} {GERMAN}\n"
    found = Linter(select=["TR014"]).lint(text)
    assert [(d.code, text[d.span.start : d.span.end]) for d in found] == [("TR014", GERMAN)]
    assert Linter(select=["TR014"], source_languages=["fr", "ru"]).lint(text) == []


def test_rule_options_are_applied() -> None:
    linter = Linter(
        select=["NM002"], rule_options={"nm002": {"canonical": ["Kassym-Jomart Tokayev"]}}
    )
    found = linter.lint(KASSIM)
    assert [(d.code, KASSIM[d.span.start : d.span.end]) for d in found] == []
    # Canonical spellings are a corpus rule's: they show in lint_corpus.
    (diagnostics,) = linter.lint_corpus([KASSIM])
    assert [KASSIM[d.span.start : d.span.end] for d in diagnostics] == ["Kassim-Jomart"]


@pytest.mark.parametrize(
    ("settings", "error", "message"),
    [
        ({"select": ["PN999"]}, SelectionError, "'PN999'"),
        ({"ignore": ["XX"]}, SelectionError, "'XX'"),
        ({"extend_select": ["BP0001"]}, SelectionError, "'BP0001'"),
        ({"rule_options": {"ZZ001": {}}}, ConfigError, "unknown rule code 'ZZ001'"),
        ({"rule_options": {"PN001": {"limit": 3}}}, ConfigError, "unknown option 'limit'"),
        ({"dialect": "klingon"}, ConfigError, "dialect: must be one of"),
        ({"source_languages": ["french"]}, ConfigError, "ISO 639-1"),
        ({"config": "missing/lintnews.toml"}, ConfigError, "cannot read"),
    ],
)
def test_invalid_settings_fail_at_construction(
    settings: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        Linter(**settings)  # type: ignore[arg-type]


def test_an_invalid_file_fails_at_construction(tmp_path: Path) -> None:
    config = tmp_path / "lintnews.toml"
    config.write_text('select = ["BP9"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'BP9'"):
        Linter(config=config)


# -- fixes -------------------------------------------------------------------------------


def test_fix_applies_safe_fixes_unless_unsafe_is_configured() -> None:
    safe = Linter().fix(BANNER)
    assert safe.text == "Sat. Jan 22nd, 2022\n\nThe streets of Almaty were unsafe.\n\nSource link\n"
    assert [d.code for d in safe.applied] == ["PN001"]
    assert [d.code for d in safe.remaining] == ["BP004", "BP002"]
    unsafe = Linter(unsafe_fixes=True).fix(BANNER)
    assert unsafe.text == "The streets of Almaty were unsafe.\n"
    assert unsafe.remaining == []
    assert Linter().fix(BANNER, unsafe=True).text == unsafe.text
    assert lintnews.fix_text(BANNER, unsafe=True).text == unsafe.text


# -- many articles -----------------------------------------------------------------------


def test_lint_many_is_lint_on_each_text() -> None:
    linter = Linter()
    texts = [BANNER, CLEAN, *seed_texts()]
    assert list(linter.lint_many(iter(texts))) == [linter.lint(text) for text in texts]


def test_records_are_flat_with_ids_and_positions() -> None:
    records = list(Linter().records([CLEAN, BANNER], ids=["afp-1", "tass-2"]))
    assert [(r["id"], r["code"]) for r in records] == [
        ("tass-2", "BP004"),
        ("tass-2", "PN001"),
        ("tass-2", "BP002"),
    ]
    doubled = records[1]
    assert doubled == {
        "id": "tass-2",
        "code": "PN001",
        "name": "doubled-period",
        "severity": "error",
        "message": doubled["message"],
        "start": 54,
        "end": 57,
        "row": 3,
        "column": 34,
        "end_row": 3,
        "end_column": 37,
        "excerpt": ". .",
        "fix": doubled["fix"],
        "fix_applicability": "safe",
        "fix_message": doubled["fix_message"],
    }
    assert BANNER[doubled["start"] : doubled["end"]] == doubled["excerpt"]
    assert isinstance(doubled["fix"], str) and doubled["fix_message"]
    assert records[2]["fix_applicability"] == "unsafe"


def test_records_without_ids_use_positions_and_check_lengths() -> None:
    linter = Linter(select=["PN001"])
    assert [r["id"] for r in linter.records([CLEAN, BANNER, BANNER])] == [1, 2]
    with pytest.raises(ValueError, match="fewer ids"):
        list(linter.records([BANNER, BANNER], ids=["one"]))
    with pytest.raises(ValueError, match="more ids"):
        list(linter.records([BANNER], ids=["one", "two"]))


def test_records_with_pandas() -> None:
    pandas = pytest.importorskip("pandas")
    articles = pandas.DataFrame({"id": [101, 102, 103], "text": [CLEAN, BANNER, TOKAYEV]})
    linter = Linter()
    findings = pandas.DataFrame(linter.records(articles["text"], ids=articles["id"]))
    assert list(findings["id"]) == [102, 102, 102]
    assert list(findings["code"]) == ["BP004", "PN001", "BP002"]
    corpus = pandas.DataFrame(
        linter.records([*articles["text"], KASSIM], ids=[*articles["id"], 104], corpus=True)
    )
    assert ("NM002", 104) in set(zip(corpus["code"], corpus["id"], strict=True))


# -- corpus rules ------------------------------------------------------------------------


def test_lint_corpus_finds_a_name_variant_across_two_texts() -> None:
    linter = Linter()
    assert linter.lint(KASSIM) == []  # a corpus rule needs the others
    found = linter.lint_corpus([TOKAYEV, KASSIM], ids=["tass-1", "reuters-2"])
    assert found[0] == []
    (variant,) = found[1]
    assert variant.code == "NM002"
    assert KASSIM[variant.span.start : variant.span.end] == "Kassim-Jomart"
    assert "tass-1" in variant.message
    records = list(linter.records([TOKAYEV, KASSIM], corpus=True))
    assert [(r["id"], r["code"], r["fix"]) for r in records] == [(1, "NM002", "Kassym-Jomart")]


def test_lint_corpus_keeps_per_document_findings_and_order() -> None:
    found = Linter().lint_corpus([BANNER, CLEAN, TOKAYEV, KASSIM])
    assert [[d.code for d in diagnostics] for diagnostics in found] == [
        ["BP004", "PN001", "BP002"],
        [],
        [],
        ["NM002"],
    ]
    with pytest.raises(ValueError, match="unique"):
        Linter().lint_corpus([TOKAYEV, KASSIM], ids=["a", "a"])


def test_a_deselected_corpus_rule_does_not_run() -> None:
    assert Linter(ignore=["NM"]).lint_corpus([TOKAYEV, KASSIM]) == [[], []]


# -- shipping to workers ------------------------------------------------------------------


def test_pickle_keeps_settings_not_rules(tmp_path: Path) -> None:
    config = tmp_path / "lintnews.toml"
    config.write_text('select = ["BP", "PN"]\nignore = ["BP004"]\n', encoding="utf-8")
    linter = Linter(config=config, extend_select=["QT"], unsafe_fixes=True)
    data = pickle.dumps(linter)
    assert len(data) < 2000
    assert b"lintnews.rules" not in data and b"Registry" not in data
    config.unlink()  # the worker needs the settings, not the file
    copy = pickle.loads(data)
    assert copy._compiled is None  # built on first use
    assert copy.codes == linter.codes
    assert copy.lint(BANNER) == linter.lint(BANNER)
    assert copy.fix(BANNER).text == linter.fix(BANNER).text
    assert repr(copy) == repr(linter)


def test_a_process_pool_gives_the_in_process_results() -> None:
    linter = Linter(ignore=["BP004"])
    texts = [BANNER, CLEAN, TOKAYEV, *seed_texts()]
    context = multiprocessing.get_context("spawn")  # nothing inherited from this process
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        shipped = list(pool.map(linter.lint, texts, chunksize=2))
    assert shipped == [linter.lint(text) for text in texts]
    assert any(shipped)


# -- import cost -------------------------------------------------------------------------


def test_import_loads_neither_engine_nor_rules() -> None:
    code = (
        "import sys, lintnews\n"
        "print(lintnews.Linter.__name__, sorted(m for m in sys.modules if m.startswith("
        "('lintnews.engine', 'lintnews.rules', 'lintnews.registry', 'regex'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout == "Linter []\n"
