"""Precision: professionally edited news must come through the default rules clean.

``tests/fixtures/clean_news/`` holds original articles written in the house
styles of AP, Reuters, the FT, the Guardian, the BBC and an American
magazine, plus one Markdown explainer. They are free of artifacts on
purpose, and full of what a careless rule mistakes for one: quotations that
run over several paragraphs (the paragraph ends with no closing quote and
the next opens with one), nested and scare quotes, apostrophes (’90s, rock
’n’ roll, the Joneses’), abbreviations and initials (Gen., No. 10, U.S.,
e.g., George H.W. Bush, J. K. Rowling), decimals, times, money and ranges,
camel-case brands (iPhone, JPMorgan, DeSantis), hyphenated names, acronyms
defined in each house's way (Opec, OSCE, KNB), the FT's thin-spaced
``. . .`` ellipsis, a bracketed elision, legitimately repeated words ("had
had", "that that"), a real byline, a Reuters trailer, a chart credit
sentence and a food story about poutine.

Any diagnostic on the fixture is a false positive of the rule that fired:
fix the rule, never the fixture. Adding a file is welcome; it must be
proofread to the same standard.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from lintnews.loader import ARTICLE_SUFFIXES, read_document
from lintnews.results import RunOptions
from lintnews.runner import Runner

ROOT = Path(__file__).resolve().parents[1]
CLEAN_NEWS = ROOT / "tests" / "fixtures" / "clean_news"
FT_SEED = ROOT / "seeds" / "003_be770c9c753a573d.txt"

# The scraped residue a scraper appended to the FT seed article.
FT_SEED_BOILERPLATE = {"Source link", "Leave a Reply", "Your email address will not be published."}

THIN = "\u2009"

# Features of the house styles that the fixture must keep covering.
STYLE_MARKERS = {
    "AP dateline": "ALMATY, Kazakhstan (AP) —",
    "Reuters dateline": "ALMATY, Jan 7 (Reuters) - ",
    "Reuters trailer": "(Reporting by ",
    "Reuters byline": "By Olzhas Auyov",
    "FT thin-spaced ellipsis": f"{THIN}.{THIN}.{THIN}.{THIN}",
    "FT Opec": "Organisation of the Petroleum Exporting Countries (Opec)",
    "FT US and Nato": "the US and Nato",
    "British per cent": "3.5 per cent",
    "percent sign": "18%",
    "BBC honorific without a period": "Mr Tokayev",
    "straight double quote": '"',
    "curly double quotes": "“",
    "nested single quotes": "said ‘enough’ twice",
    "single-quoted scare quote": "‘shoot to kill’",
    "spaced en dash": " – ",
    "en dash range": "2019–2022",
    "ellipsis character": "…",
    "bracketed elision": "bandits […] They",
    "apostrophes": "rock ’n’ roll",
    "initials": "George H.W. Bush",
    "chart credit": "(Source: Reuters)",
    "poutine": "poutine",
}


def fixture_files() -> list[Path]:
    return sorted(
        p for p in CLEAN_NEWS.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
    )


def fixture_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in fixture_files())


def describe(diagnostics: list[dict[str, Any]]) -> str:
    """One line per diagnostic, ``file:row:col CODE message: “text”``."""
    lines = []
    for d in diagnostics:
        text = Path(d["filename"]).read_text(encoding="utf-8-sig")
        excerpt = text[d["offset"] : d["end_offset"]]
        where = f"{d['filename']}:{d['location']['row']}:{d['location']['column']}"
        lines.append(f"{where}: {d['code']} {d['message']}: “{excerpt}”")
    return "\n".join(lines)


def check_json(run_cli: Callable[..., Any], path: Path) -> tuple[Any, list[dict[str, Any]]]:
    """``lintnews check PATH`` with the default rules only (no config file)."""
    result = run_cli("check", str(path), "--output-format", "json", "--isolated")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    return result, result.json()


def test_default_rules_report_nothing_on_clean_news(run_cli: Callable[..., Any]) -> None:
    result, diagnostics = check_json(run_cli, CLEAN_NEWS)
    assert diagnostics == [], (
        f"{len(diagnostics)} false positive(s) on professionally edited news:\n"
        + describe(diagnostics)
    )
    assert result.exit_code == 0


def test_every_clean_news_file_is_linted() -> None:
    # A config exclude or a discovery bug must not make the precision test pass vacuously.
    result = Runner(RunOptions(isolated=True)).run([CLEAN_NEWS])
    assert result.problems == []
    assert sorted(Path(f.path).resolve() for f in result.files) == [
        p.resolve() for p in fixture_files()
    ]


def test_ft_seed_fires_only_boilerplate_rules(run_cli: Callable[..., Any]) -> None:
    _, diagnostics = check_json(run_cli, FT_SEED)
    report = describe(diagnostics)
    assert diagnostics, "the scraped lines at the end of the FT seed were not flagged"
    assert all(d["code"].startswith("BP") for d in diagnostics), (
        "only BP rules may fire on the professionally edited FT article:\n" + report
    )
    lines = FT_SEED.read_text(encoding="utf-8").splitlines()
    flagged = {d["location"]["row"] for d in diagnostics}
    boilerplate = {row for row, line in enumerate(lines, 1) if line in FT_SEED_BOILERPLATE}
    assert flagged == boilerplate, "BP must flag the scraped lines and nothing else:\n" + report


def test_clean_news_size() -> None:
    files = fixture_files()
    assert len(files) >= 8, [p.name for p in files]
    assert any(p.suffix == ".md" for p in files), "the fixture needs a Markdown article"
    # Every file opens with a headline; the rest are body paragraphs.
    body = {p.name: len(read_document(p).paragraphs) - 1 for p in files}
    assert all(count >= 5 for count in body.values()), body
    assert sum(body.values()) >= 60, body


@pytest.mark.parametrize("feature", sorted(STYLE_MARKERS))
def test_clean_news_covers_house_styles(feature: str) -> None:
    assert STYLE_MARKERS[feature] in fixture_text(), f"no {feature} in the clean-news fixture"


def test_clean_news_unspaced_em_dash() -> None:
    assert re.search(r"\w—\w", fixture_text()), "no unspaced em dash (American magazine style)"


@pytest.mark.parametrize(("opening", "closing"), [('"', '"'), ("“", "”")])
def test_clean_news_has_multi_paragraph_quotation(opening: str, closing: str) -> None:
    """A paragraph left open, the next one opening with a quotation mark again."""
    found = False
    for path in fixture_files():
        paragraphs = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
        for first, second in pairwise(paragraphs):
            if opening == closing:
                left_open = first.count(opening) % 2 == 1
            else:
                left_open = first.count(opening) > first.count(closing)
            found = found or (left_open and second.startswith(opening))
    assert found, f"no quotation in {opening}…{closing} running over two paragraphs"


def test_describe_names_file_row_column_and_code(run_cli: Callable[..., Any]) -> None:
    # The failure message of the precision test must point a developer at the text.
    _, diagnostics = check_json(run_cli, FT_SEED)
    line = describe(diagnostics[:1])
    assert re.match(r".+003_be770c9c753a573d\.txt:\d+:\d+: BP\d{3} .+: “.+”$", line), line
