"""NU rules: numbers written the way the source language writes them."""

from __future__ import annotations

import inspect

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews import engine
from lintnews.document import Document
from lintnews.engine import lint_document
from lintnews.fixer import apply_edits
from lintnews.markdown import markdown_regions
from lintnews.prefilter import fold
from lintnews.rule import Rule
from lintnews.rules import numbers
from lintnews.rules.numbers import (
    DecimalComma,
    ForeignOrdinal,
    SpaceBeforePercent,
    SpaceGroupedThousands,
)

RULES = [DecimalComma(), SpaceGroupedThousands(), SpaceBeforePercent(), ForeignOrdinal()]


def found(text: str, kind: str = "text", rules: list[Rule] = RULES) -> list[tuple[str, str]]:
    """(code, flagged text) for every NU diagnostic on ``text``."""
    prose = markdown_regions(text)[0] if kind == "markdown" else None
    doc = Document(text, kind=kind, prose=prose)
    return [(d.code, doc.slice(d.span)) for rule in rules for d in rule.check(doc)]


def apply_fixes(text: str, rules: list[Rule] = RULES) -> str:
    doc = Document(text)
    edits = [e for rule in rules for d in rule.check(doc) if d.fix for e in d.fix.edits]
    return apply_edits(text, edits)


# Professionally edited sentences on which no NU rule may fire.
CLEAN = [
    "More than 3,800 people have been arrested, the ministry said.",
    "a co-ordinated attack by a 20,000-strong army of bandits",
    "The force totals around 2,500 people; turnout was 1,234,567 votes.",
    "“The militants have not laid down their weapons,” Tokayev, 68, said.",
    "Growth was 1, 2 and 3 percent in 2019, 2020 and 2021 respectively.",
    "Nearly 20% of global bitcoin mining, or 20 per cent, is in Kazakhstan.",
    "The tenge fell 3.5 percent to 431.67 per dollar; inflation hit 8.4%.",
    "He finished 21st, then 1st, then 2nd in the 3rd round of the 101st Open.",
    "The 5e edition rules, a 1e-6 margin and 25º C in the shade.",
    "A bottle of Chablis 1er Cru and the 2E code on the form.",
    "On March 3 200 protesters gathered; call +7 727 123 45 67 for details.",
    "Article 3 100 deputies voted; Flight 370 239 people were aboard.",
    "Kazakhstan won 3 : 1; the meeting was on Jan 22 2022 at 10:30.",
    "the 1,2-dichloroethane spill and pages 1,2 of the report",
    "Nursultan Nazarbayev ruled from independence in 1991 to 2019.",
    "In 2022 300 villages were cut off, officials said.",
    "Prices rose 10-15 percent and the figure was 1,234 million tenge.",
    "The Covid-19 100-day plan was unveiled at 9 a.m. on 5 January 2022.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_news_sentences_do_not_fire(text: str) -> None:
    assert found(text) == []


# NU001 decimal-comma


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("the deal is worth 2,5 million dollars", "2,5"),
        ("a budget of 1,2 billion tenge", "1,2"),
        ("the central bank raised its key rate to 3,75 percent", "3,75"),
        ("inflation reached 8,4% in December", "8,4"),
        ("Kazakhstan exported 70,5 million tonnes of oil", "70,5"),
        ("a loan of €1,5bn from the bank", "1,5"),
    ],
)
def test_decimal_comma_fires(text: str, flagged: str) -> None:
    assert found(text, rules=[DecimalComma()]) == [("NU001", flagged)]


@pytest.mark.parametrize(
    "text",
    [
        "More than 2,500 troops and 3,800 people",
        "a 20,000-strong army and 1,234,567 votes",
        "chapters 1,2,3 and 4 of the report",
        "figures for 2019,20 and 21",
        "in 2019, 2020 and 2021 the figures were 1, 2 and 3 percent",
        "the 1,2-dichloroethane leak",
        "a budget of 1 234,5 billion tenge",  # NU002 reports this one
    ],
)
def test_decimal_comma_spares_thousands_and_lists(text: str) -> None:
    assert found(text, rules=[DecimalComma()]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a budget of 1,2 billion tenge", "a budget of 1.2 billion tenge"),
        ("inflation of 8,4% and 3,75 percent", "inflation of 8.4% and 3.75 percent"),
    ],
)
def test_decimal_comma_fix(text: str, expected: str) -> None:
    assert apply_fixes(text, [DecimalComma()]) == expected


def test_decimal_comma_fix_is_unsafe() -> None:
    (diagnostic,) = DecimalComma().check(Document("a rate of 3,75 percent"))
    assert not diagnostic.fix.is_safe
    assert "3.75" in diagnostic.message


# NU002 space-grouped-thousands


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("More than 3 800 people have been arrested", "3 800"),
        ("Russia sent 20 000 troops", "20 000"),
        ("a turnout of 1 234 567 votes", "1 234 567"),
        ("more than 3\u202f800 people", "3\u202f800"),
        ("more than 3\u00a0800 people", "3\u00a0800"),
        ("more than 3\u2009800 people", "3\u2009800"),
        ("a 20 000-strong army", "20 000"),
        ("an area of 2 724 900 square kilometres", "2 724 900"),
        ("a budget of 1 234,5 billion tenge", "1 234,5"),
    ],
)
def test_space_grouped_thousands_fires(text: str, flagged: str) -> None:
    assert found(text, rules=[SpaceGroupedThousands()]) == [("NU002", flagged)]


@pytest.mark.parametrize(
    "text",
    [
        "On March 3 200 protesters gathered in the square",
        "on Jan 22 2022 the curfew ended",
        "In 2022 300 villages were cut off",
        "call +7 727 123 45 67 for information",
        "Article 3 100 deputies voted in favour",
        "the Covid-19 100-day plan",
        "a score of 3 1000 metres from the line",
        "the numbers 12 34 56 on the ticket",
        "Almaty region 2022 140 215",  # a table row: year, then two columns
    ],
)
def test_space_grouped_thousands_near_misses(text: str) -> None:
    assert found(text, rules=[SpaceGroupedThousands()]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("More than 3 800 people", "More than 3,800 people"),
        ("a turnout of 1\u202f234\u202f567 votes", "a turnout of 1,234,567 votes"),
        ("a budget of 1 234,5 billion tenge", "a budget of 1,234.5 billion tenge"),
    ],
)
def test_space_grouped_thousands_fix(text: str, expected: str) -> None:
    assert apply_fixes(text, [SpaceGroupedThousands()]) == expected


def test_space_grouped_thousands_names_the_space() -> None:
    (diagnostic,) = SpaceGroupedThousands().check(Document("3\u202f800 people"))
    assert "U+202F" in diagnostic.message
    assert not diagnostic.fix.is_safe


# NU003 space-before-percent


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("nearly 20 % of global bitcoin mining", " %"),
        ("nearly 20\u00a0% of global bitcoin mining", "\u00a0%"),
        ("nearly 20\u202f% of global bitcoin mining", "\u202f%"),
    ],
)
def test_space_before_percent_fires(text: str, flagged: str) -> None:
    assert found(text, rules=[SpaceBeforePercent()]) == [("NU003", flagged)]


@pytest.mark.parametrize(
    "text",
    ["nearly 20% of mining", "nearly 20 per cent", "nearly 20 percent", "the % sign"],
)
def test_space_before_percent_near_misses(text: str) -> None:
    assert found(text, rules=[SpaceBeforePercent()]) == []


def test_space_before_percent_fix_is_safe() -> None:
    text = "nearly 20\u00a0% of mining and 3 % of oil"
    assert apply_fixes(text, [SpaceBeforePercent()]) == "nearly 20% of mining and 3% of oil"
    (diagnostic, _) = SpaceBeforePercent().check(Document(text))
    assert diagnostic.fix.is_safe


def test_space_before_percent_ignores_masked_markdown() -> None:
    text = "nearly 20<!-- source: AFP --> % of global bitcoin mining\n"
    assert found(text, "markdown", [SpaceBeforePercent()]) == []


# NU004 foreign-ordinal


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("the curfew will remain until 1er February", "1er"),
        ("le 1er janvier", "1er"),
        ("for the 1re time", "1re"),
        ("for the 1ère fois", "1ère"),
        ("the 3ème round of talks", "3ème"),
        ("the 3eme round of talks", "3eme"),
        ("in the 20e arrondissement of Paris", "20e"),
        ("in the 2ᵉ arrondissement", "2ᵉ"),
        ("the 2ª división", "2ª"),
        ("the 1.º de mayo rally", "1.º"),
        ("the 3º round", "3º"),
        ("since the 21e century", "21e"),
    ],
)
def test_foreign_ordinal_fires(text: str, flagged: str) -> None:
    assert found(text, rules=[ForeignOrdinal()]) == [("NU004", flagged)]


@pytest.mark.parametrize(
    "text",
    [
        "He finished 21st, 1st, 2nd, 3rd and 11th",
        "the 5e edition of the game",
        "a margin of 1e-6 and 10e6 dollars",
        "it was 25º C in Almaty",
        "a glass of Chablis 1er Cru",
        "the 2E form and 2e 3e in the table",
        "the 4er and 2re codes",
        "the A1er motorway",
    ],
)
def test_foreign_ordinal_near_misses(text: str) -> None:
    assert found(text, rules=[ForeignOrdinal()]) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("until 1er February", "until 1st February"),
        ("the 2ème, 3ème, 11ème and 22ème rounds", "the 2nd, 3rd, 11th and 22nd rounds"),
        (
            "the 13e arrondissement and the 112e régiment",
            "the 13th arrondissement and the 112th régiment",
        ),
    ],
)
def test_foreign_ordinal_fix(text: str, expected: str) -> None:
    assert apply_fixes(text, [ForeignOrdinal()]) == expected


# -- the quick tests before each pattern -----------------------------------------


def texts(*pieces: str) -> st.SearchStrategy[str]:
    """Texts made of ``pieces``: few, so that they meet in every order."""
    return st.lists(st.sampled_from(pieces), max_size=16).map("".join)


# Digits of several scripts (Arabic-Indic, mathematical, superscript).
DIGITS = ("1", "12", "0", "٣", "\U0001d7d9", "²")
AROUND_NUMBERS = {
    DecimalComma: texts(*DIGITS, ",", ",5", ",٣", ",\U0001d7d9", ",75", ",123", " ", "a", "%"),
    SpaceGroupedThousands: texts(
        *DIGITS, " ", "\xa0", "\u202f", "\u2009", "000", "800", "٣٣٣", ",5", ".", "-", "a"
    ),
    ForeignOrdinal: texts(
        *DIGITS, "e", "er", "re", "ème", "ère", "ᵉ", "ᵉʳ", "ª", "º", ".º", ".ª", ".", " ", "a"
    ),
    SpaceBeforePercent: texts(*DIGITS, " ", "\xa0", "\u2009", "\t", "\n", "%", "a", "`"),
}


# Matches that a slightly narrower quick test would miss.
EDGE_CASES = ["10 000", "1٣\xa0000", "1,٣ million", "1,\U0001d7d9%", "٣e janvier", "2.º", "1ᵉʳ"]


@pytest.mark.parametrize("rule", [DecimalComma, SpaceGroupedThousands, ForeignOrdinal])
def test_a_text_with_a_match_has_what_the_quick_test_needs(rule: type) -> None:
    for text in EDGE_CASES:
        assert not rule.PATTERN.search(text) or rule.NEEDED.search(text), text

    @settings(max_examples=600, deadline=None)
    @given(AROUND_NUMBERS[rule])
    def check(text: str) -> None:
        if rule.PATTERN.search(text):
            assert rule.NEEDED.search(text)

    check()


# The pattern NU003 used, which regex tried at every offset of a text with a “%”.
PERCENT_AFTER_SPACE = regex.compile(r"(?<=\d)(?P<gap>[^\S\r\n]+)%")


@settings(max_examples=400, deadline=None)
@given(AROUND_NUMBERS[SpaceBeforePercent])
def test_space_before_percent_matches_as_it_did(text: str) -> None:
    now = [(m.start("gap"), m.end()) for m in SpaceBeforePercent.PATTERN.finditer(text)]
    assert now == [(m.start("gap"), m.end()) for m in PERCENT_AFTER_SPACE.finditer(text)]


def test_space_before_percent_has_its_trigger() -> None:
    rule = SpaceBeforePercent()
    text = "Inflation reached 8,4 % and 9 \xa0%."
    assert list(rule.check(Document(text)))
    assert any(fold(t) in fold(text) for t in rule.triggers)
    for sample in (text, "Inflation reached 8 per cent."):
        filtered = lint_document(Document(sample), [rule])
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(engine, "may_match", lambda doc, triggers: True)
            assert lint_document(Document(sample), [rule]) == filtered


# -- documentation ----------------------------------------------------------------

NU_RULES = [
    cls
    for _, cls in inspect.getmembers(numbers, inspect.isclass)
    if issubclass(cls, Rule) and cls.__module__ == numbers.__name__
]


def test_module_defines_four_rules() -> None:
    assert sorted(cls.code for cls in NU_RULES) == ["NU001", "NU002", "NU003", "NU004"]
