"""GR rules: Harper's lints as diagnostics, one rule per Harper lint kind."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import lintnews
from lintnews.budget import BudgetExceeded
from lintnews.config import Config, ConfigError
from lintnews.diagnostics import Applicability, Diagnostic, Edit, Span
from lintnews.document import Document
from lintnews.engine import RuleSet, lint_document
from lintnews.fixer import apply_edits
from lintnews.loader import document_from_text, read_document
from lintnews.packs.data import load_data, string_set
from lintnews.registry import Registry
from lintnews.rule import RuleDefinitionError
from lintnews.rules import _harper, grammar
from lintnews.rules.runtime import BackendFailure, RuleTimeout
from lintnews.selection import Selection

ROOT = Path(__file__).resolve().parents[2]
RULES = [rule_class() for rule_class in grammar.RULES]
PAGES = load_data("grammar-harper-pages")

# The codes are a contract with users' configurations: a kind keeps its code.
CODES = {
    "Spelling": "GR001",
    "Typo": "GR002",
    "Grammar": "GR003",
    "Agreement": "GR004",
    "WordOrder": "GR005",
    "BoundaryError": "GR006",
    "Malapropism": "GR007",
    "Eggcorn": "GR008",
    "Nonstandard": "GR009",
    "Usage": "GR010",
    "WordChoice": "GR011",
    "Capitalization": "GR012",
    "Punctuation": "GR013",
    "Formatting": "GR014",
    "Repetition": "GR015",
    "Redundancy": "GR016",
    "Regionalism": "GR017",
    "Style": "GR018",
    "Readability": "GR019",
    "Enhancement": "GR020",
    "Miscellaneous": "GR021",
}


def lint(text: str, kind: str = "text", **settings: Any) -> list[Diagnostic]:
    doc = document_from_text(text, "article.md" if kind == "markdown" else "article.txt", kind)
    rules = [rule.with_settings(**settings) for rule in RULES]
    return lint_document(doc, rules, RuleTimeout())


def findings(text: str, **settings: Any) -> list[tuple[str, str]]:
    return [(d.code, text[d.span.start : d.span.end]) for d in lint(text, **settings)]


def fixed(text: str, code: str) -> str:
    edits = [e for d in lint(text) if d.code == code and d.fix for e in d.fix.edits]
    return apply_edits(text, edits)


# -- the rules ------------------------------------------------------------------------------


def test_every_kind_has_its_fixed_code() -> None:
    assert {rule.harper_kind: rule.code for rule in RULES if rule.harper_kind} == CODES
    for kind, code in CODES.items():
        assert grammar.code_for(kind) == code


def test_an_unknown_kind_goes_to_the_catch_all_rule() -> None:
    assert grammar.code_for("Preposition") == "GR099"
    assert grammar.code_for("SomethingNew") == "GR099"


def test_rules_are_opt_in_and_take_a_dialect() -> None:
    registry = Registry.load(plugins=False)
    gr = [rule for rule in registry if rule.family == "GR" and rule.origin == "builtin"]
    assert {rule.code for rule in gr} >= {*CODES.values(), "GR099"}
    for rule in RULES:
        assert not rule.default_enabled, rule.code
        assert not rule.code.startswith("GR1"), "GR1xx belongs to the LanguageTool backend"
        assert rule.options["dialect"].default == "american"
        assert rule.name.startswith("harper-")


def test_the_rules_switched_off_are_harper_rules() -> None:
    harper = pytest.importorskip("harper")
    switched_off = string_set(_harper.DATA, "harper-rules-off")
    assert switched_off <= set(harper.get_default_lint_config())
    assert not any(_harper.linter("american").get_lint_config()[name] for name in switched_off)


def test_an_unknown_dialect_is_a_definition_error() -> None:
    with pytest.raises(RuleDefinitionError, match="american, british"):
        RULES[0].with_settings(dialect="klingon")


# -- each page's example fires, and its fix gives the corrected text -----------------------


@pytest.mark.parametrize("rule", RULES[:-1], ids=lambda rule: rule.code)
def test_page_example_fires_and_fixes(rule: grammar.HarperRule) -> None:
    page = PAGES[rule.code]
    assert page["example"] in rule.explanation and page["fixed"] in rule.explanation
    found = [d for d in lint(page["example"]) if d.code == rule.code]
    assert found, f"{rule.code}: Harper does not flag the example as {rule.harper_kind}"
    if rule.fixable:
        assert fixed(page["example"], rule.code) == page["fixed"]
    else:
        assert all(d.fix is None for d in found)
    assert [d for d in lint(page["fixed"]) if d.code == rule.code] == []


# -- real sentences: exact spans and fixes ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "flagged", "after"),
    [
        (
            "The goverment announced new fuel subsidies on Tuesday.",
            "GR001",
            "goverment",
            "The government announced new fuel subsidies on Tuesday.",
        ),
        (
            "She don't know when the internet will return, the resident said.",
            "GR004",
            "don't",
            "She doesn't know when the internet will return, the resident said.",
        ),
        (
            "The leaders discussed about the crisis in Almaty on Monday.",
            "GR010",
            "discussed about",
            "The leaders discussed the crisis in Almaty on Monday.",
        ),
        (
            "The company could of avoided the shutdown.",
            "GR011",
            "could of",
            "The company could have avoided the shutdown.",
        ),
        (
            "The talks will resume on Monday. the ministry confirmed the date.",
            "GR012",
            "the",
            "The talks will resume on Monday. The ministry confirmed the date.",
        ),
        # Harper's REMOVE: the space goes.
        (
            "Prices rose sharply , the central bank said on Friday.",
            "GR013",
            " ",
            "Prices rose sharply, the central bank said on Friday.",
        ),
        # INSERT_AFTER: the comma goes after the flagged word.
        (
            "However the government said it would not negotiate with the protesters.",
            "GR013",
            "However",
            "However, the government said it would not negotiate with the protesters.",
        ),
        (
            "The minister met with the the ambassador on Friday.",
            "GR015",
            "the the",
            "The minister met with the ambassador on Friday.",
        ),
        (
            "He ordered the use of lethal force, and also criticized the calls for talks.",
            "GR016",
            "and also",
            "He ordered the use of lethal force, and criticized the calls for talks.",
        ),
        (
            "The airport was closed for a couple days after the clashes.",
            "GR021",
            "couple",
            "The airport was closed for a couple of days after the clashes.",
        ),
    ],
)
def test_fires_with_exact_span_and_fix(text: str, code: str, flagged: str, after: str) -> None:
    assert (code, flagged) in findings(text)
    assert fixed(text, code) == after


def test_fixes_are_unsafe_and_say_what_they_do() -> None:
    [diagnostic] = lint("Prices rose sharply , the central bank said on Friday.")
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    assert diagnostic.fix.message == "Remove a space"
    [spelling] = lint("The goverment announced new fuel subsidies on Tuesday.")
    assert spelling.fix.message == "Replace with `government`"
    # The other suggestions are named in the message.
    assert spelling.message.startswith("Did you mean to spell `goverment` this way? (or `")


@pytest.mark.parametrize(
    "text",
    [
        "The government announced new fuel subsidies on Tuesday.",
        "The results can be seen on the ministry's website.",
        "She doesn't know when the internet will return, the resident said.",
        "The company could have avoided the shutdown.",
        "The governor gave the police free rein to restore order.",
        "The lawmakers alluded to the scandal in their speeches.",
        "The city has a lot of damaged buildings.",
        "The government made a decision to raise fuel prices.",
        "However, the government said it would not negotiate with the protesters.",
        "The interior ministry said 26 protesters had been killed and more than 3,000 detained.",
        "The central bank raised its key rate to 10.25 percent on Monday.",
        # A serial comma and its absence are both house styles.
        "The bloc includes Russia, Belarus, Armenia, Tajikistan and Kyrgyzstan.",
        # AP writes scores and ranges with a hyphen.
        "She won 6-4, 6-3 in the final, her third title in 2019-2021.",
    ],
)
def test_correct_sentences_do_not_fire(text: str) -> None:
    assert findings(text) == []


# -- spans in code points ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "before",
    [
        "😀 Protesters 𝔘 gathered in the square. ",  # astral characters
        "Cafe\u0301s and shops closed in Almaty. ",  # a combining mark
        "👨‍👩‍👧 Families fled the city 🇰🇿. ",  # emoji sequences, a flag
    ],
)
def test_spans_count_code_points(before: str) -> None:
    text = f"{before}The goverment said nothing on Friday."
    [diagnostic] = [d for d in lint(text) if d.code == "GR001"]
    start = text.index("goverment")
    assert diagnostic.span == Span(start, start + len("goverment"))
    assert diagnostic.fix.edits == (Edit(diagnostic.span, "government"),)


def test_each_line_of_plain_text_is_a_paragraph() -> None:
    # A headline and the dateline under it are not one long sentence.
    headline = "Bitcoin miners look to the United States after the internet blackout in Kazakhstan"
    body = (
        "Cryptocurrency miners that rushed to Kazakhstan after China banned the industry last "
        "year are taking a second look at the United States, after an internet shutdown during "
        "deadly unrest knocked their machines offline."
    )
    assert findings(f"{headline}\n{body}\n") == []


# -- dialect ----------------------------------------------------------------------------------

COLOUR = "The colour of the new flag was chosen by a committee in 1992."


def test_british_spelling_is_flagged_in_american_only() -> None:
    assert findings(COLOUR) == [("GR001", "colour")]
    assert findings(COLOUR, dialect="british") == []
    assert findings(COLOUR.replace("colour", "color"), dialect="american") == []


def test_dialect_comes_from_the_configuration(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    (tmp_path / "flag.txt").write_text(COLOUR + "\n", encoding="utf-8")
    american = run_cli("check", "--select", "GR", "flag.txt", cwd=tmp_path)
    assert american.exit_code == 1 and "GR001" in american.stdout
    (tmp_path / "lintnews.toml").write_text('dialect = "british"\n', encoding="utf-8")
    british = run_cli("check", "--select", "GR", "flag.txt", cwd=tmp_path)
    assert british.exit_code == 0, british.stdout


# -- what is not prose --------------------------------------------------------------------------

MARKDOWN = """\
# Protests spread across Kazakhstan

Officials said the goverment would respond on Monday.

```text
The goverment said nothing.
```

    The goverment said nothing in an indented block either.

The code `goverment` and the <!-- goverment --> comment are not prose.
See [the ministry's statement](https://example.com/goverment) for details.
"""


def test_markdown_code_and_markup_are_not_linted() -> None:
    found = [d for d in lint(MARKDOWN, kind="markdown") if d.code == "GR001"]
    assert [d.span.start for d in found] == [MARKDOWN.index("goverment")]


def test_no_diagnostic_reaches_into_masked_text() -> None:
    text = "Officials said so on Monday. The figures are at `https://example.com/x`  and online.\n"
    doc = document_from_text(text, "article.md", "markdown")
    for finding in _harper.findings(doc, "american"):
        assert finding.span.start < finding.span.end
        assert doc.in_prose(finding.span), finding


# -- Harper's lints mapped, with a stand-in for Harper -------------------------------------------


def fake_lint(kind: str, start: int, end: int, text: str, *suggestions: tuple[int, str]) -> Any:
    return SimpleNamespace(
        lint_kind=kind,
        span=SimpleNamespace(start=start, end=end),
        problem_text=text[start:end],
        message="Consider a preposition\n   that fits  here. ",
        suggestions=[SimpleNamespace(kind=k, replacement_text=r) for k, r in suggestions],
    )


def with_fake_harper(monkeypatch: pytest.MonkeyPatch, make: Callable[[str], list[Any]]) -> None:
    checker = SimpleNamespace(lint=lambda text, language: make(text))
    monkeypatch.setattr(_harper, "linter", lambda dialect: checker)


def test_a_new_kind_is_reported_by_the_catch_all(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The government is obsessed on the price of fuel."
    start = text.index("on")
    with_fake_harper(
        monkeypatch,
        lambda chunk: [fake_lint("Preposition", start, start + 2, chunk, (0, "with"), (0, "over"))],
    )
    [diagnostic] = lint(text)
    assert diagnostic.code == "GR099"
    assert diagnostic.message == "Consider a preposition that fits here. (or `over`)"
    assert apply_edits(text, list(diagnostic.fix.edits)) == text.replace(" on ", " with ")


def test_suggestion_kinds_become_edits(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Officials met for a couple days."
    start = text.index("couple")
    with_fake_harper(
        monkeypatch,
        lambda chunk: [
            fake_lint("Miscellaneous", start, start + 6, chunk, (2, " of"), (1, ""), (0, "couple"))
        ],
    )
    [diagnostic] = lint(text)
    assert diagnostic.fix.edits == (Edit(Span(start + 6, start + 6), " of"),)
    assert diagnostic.fix.message == "Insert ` of` after `couple`"
    # REMOVE is named; a suggestion that changes nothing is left out.
    assert diagnostic.message.endswith("(or deleting it)")


def test_a_harper_failure_is_one_backend_diagnostic(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(chunk: str) -> list[Any]:
        raise RuntimeError("Already borrowed")

    with_fake_harper(monkeypatch, broken)
    doc = Document("The minister met the ambassador on Friday.\n")
    found = lint_document(doc, [*RULES, BackendFailure()], RuleTimeout())
    assert [d.code for d in found] == ["LN003"]
    assert "Harper failed" in found[0].message


def test_the_file_budget_is_not_taken_for_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def out_of_time(chunk: str) -> list[Any]:
        raise BudgetExceeded

    with_fake_harper(monkeypatch, out_of_time)
    with pytest.raises(BudgetExceeded):
        list(RULES[0].check(Document("The minister met the ambassador on Friday.\n")))


def test_a_paragraph_too_long_to_be_prose_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "The goverment announced new fuel subsidies on Tuesday.\nThe goverment said so.\n"
    monkeypatch.setattr(_harper, "MAX_PARAGRAPH", 30)
    assert findings(text) == [("GR001", "goverment")]
    assert lint(text)[0].span.start == text.rindex("goverment")


def test_without_harper_selecting_gr_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_harper.importlib.util, "find_spec", lambda name: None)
    registry = Registry.load(plugins=False)
    with pytest.raises(ConfigError, match="pip install harper-py"):
        RuleSet(Config(), registry, Selection(select=("GR",)))
    # ALL takes in only the rules that can run.
    rules = RuleSet(Config(), registry, Selection(select=("ALL",))).rules
    assert not [rule for rule in rules if isinstance(rule, grammar.HarperRule)]


# -- the command line and the library -----------------------------------------------------------


def test_check_select_gr_on_a_folder(cli: Callable[..., Any], tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "fuel.txt").write_text(
        "The goverment made an decision to raise fuel prices.\n", encoding="utf-8"
    )
    (folder / "clean.txt").write_text(
        "The government made a decision to raise fuel prices.\n", encoding="utf-8"
    )
    result = cli("check", "--select", "GR", "--output-format", "json", "articles", cwd=tmp_path)
    assert result.exit_code == 1
    records = result.json()
    assert [(r["code"], r["location"]["column"]) for r in records] == [("GR001", 5), ("GR021", 20)]
    assert {r["fix"]["applicability"] for r in records} == {"unsafe"}
    assert cli("check", "articles", cwd=tmp_path).exit_code == 0  # not in the defaults


def test_unsafe_fixes_converge() -> None:
    text = "The goverment made an decision to raise fuel prices , officials said.\n"
    once = lintnews.fix_text(text, select=["GR"], unsafe=True)
    assert once.text == "The government made a decision to raise fuel prices, officials said.\n"
    assert once.unconverged == ()
    assert lintnews.fix_text(once.text, select=["GR"], unsafe=True).applied == []


def test_harper_is_not_imported_unless_gr_is_selected() -> None:
    code = (
        "import sys, lintnews\n"
        "lintnews.lint_text('The goverment made an decision.\\n')\n"
        "print('harper' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout == "False\n"


# -- the figures the pages give -----------------------------------------------------------------


def test_pages_give_the_measured_findings() -> None:
    for folder, key in (("seeds", "seeds"), ("tests/fixtures/clean_news", "clean")):
        counts: Counter[str] = Counter()
        for path in sorted((ROOT / folder).iterdir()):
            if path.suffix in (".txt", ".md"):
                counts.update(d.code for d in lint_document(read_document(path), RULES))
        documented = {rule.code: PAGES[rule.code][key] for rule in RULES}
        assert documented == {rule.code: counts[rule.code] for rule in RULES}, folder
