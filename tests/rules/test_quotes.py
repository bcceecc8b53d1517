"""QT rules: quotation marks damaged by translation or scraping."""

from __future__ import annotations

import inspect

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews import engine
from lintnews.document import Document
from lintnews.engine import lint_document
from lintnews.fixer import apply_edits
from lintnews.markdown import markdown_regions
from lintnews.prefilter import fold
from lintnews.rule import Rule
from lintnews.rules import quotes
from lintnews.rules.quotes import (
    InterruptedQuotation,
    OpeningMarkCloses,
    QuoteSpacing,
    ReversedQuotes,
    Role,
    UnclosedQuotation,
    UnclosedSingleQuote,
    scan_quotes,
)

RULES = [
    ReversedQuotes(),
    OpeningMarkCloses(),
    InterruptedQuotation(),
    UnclosedQuotation(),
    UnclosedSingleQuote(),
    QuoteSpacing(),
]


def found(text: str, kind: str = "text") -> list[tuple[str, str]]:
    """(code, flagged text) for every QT diagnostic on ``text``."""
    prose = markdown_regions(text)[0] if kind == "markdown" else None
    doc = Document(text, kind=kind, prose=prose)
    return [(d.code, doc.slice(d.span)) for rule in RULES for d in rule.check(doc)]


def fixed(text: str) -> str:
    doc = Document(text)
    edits = [e for rule in RULES for d in rule.check(doc) if d.fix for e in d.fix.edits]
    return apply_edits(text, edits)


# -- the scanner --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Kazakhstan’s president", ["apostrophe"]),
        ("the ’90s and rock ’n’ roll", ["apostrophe"] * 3),
        ("get ’em out, they were dancin’ all night", ["apostrophe"] * 2),
        ("the protesters’ demands", ["apostrophe"]),
        ("a ‘shoot to kill’ order", ["open", "close"]),
        ("“He said ‘no’ twice,” she said.", ["open", "open", "close", "close"]),
        ('a 65" screen and a 5\'10" striker', ["apostrophe"] * 3),
        ('"We will win," he said.', ["open", "close"]),
        (
            "‘He told me “the workers’ rights” matter,’ she said.",
            ["open", "open", "apostrophe", "close", "close"],
        ),
        ("‘Rock ’n’ roll is back,’ she said.", ["open", "apostrophe", "apostrophe", "close"]),
    ],
)
def test_scanner_tells_quotes_from_apostrophes(text: str, roles: list[str]) -> None:
    marks = scan_quotes(Document(text))
    assert [m.role.value for m in marks] == roles


def test_scanner_pairs_marks() -> None:
    marks = scan_quotes(Document("He urged “an end to violence” and ‘restraint’."))
    assert marks[0].partner is marks[1] and marks[2].partner is marks[3]
    assert all(m.role in (Role.OPEN, Role.CLOSE) for m in marks)


# -- each rule: fires, near misses, fixes -------------------------------------


DAMAGED = [
    (
        "security forces should shoot protesters he called ” bandits and terrorists “.",
        "QT001",
        "” bandits and terrorists “",
    ),
    ("The ministry denounced the ”occupation“ of the capital.", "QT001", "”occupation“"),
    (
        "The Interior Ministry said 26 “armed criminals” were “liquidated“, while 18 died.",
        "QT002",
        "“",
    ),
    ("Officials spoke of a ‘counter-terrorism operation‘ in Almaty.", "QT002", "‘"),
    ("The Kazakh equivalent of „shoot to kill“ was not used; “restraint“ was.", "QT002", "“"),
    (
        "“Whoever does not surrender will be destroyed. “I gave the order to shoot.”",
        "QT003",
        "“",
    ),
    (
        "“What stupidity. What kind of negotiations can you have with criminals?",
        "QT004",
        "“",
    ),
    ('He called the vote "a farce and left the room.', "QT004", '"'),
    ("to crack down on what ‘he describes as a revolt fomented abroad.", "QT005", "‘"),
    (
        "any action “likely to lay the foundations for it. ‘an appropriation of institutions”.",
        "QT005",
        "‘",
    ),
    ("“It will be done soon, ”he said.", "QT006", " ”"),
    ("“Those who do not surrender will be eliminated, ”Tokayev added.", "QT006", " ”"),
    ("“It is clearly planned. Our government has relaxed a bit. ”", "QT006", " ”"),
    ("adding that “the operations would continue until the end. “", "QT006", " “"),
    ("“We will restore order,”he said on Friday.", "QT006", "”"),
    ("He called them “ bandits and terrorists” in the address.", "QT006", "“ "),
    ("‘We will not negotiate, ’he said in a televised address.", "QT006", " ’"),
]


@pytest.mark.parametrize(("text", "code", "flagged"), DAMAGED)
def test_rule_fires_on_damaged_quotes(text: str, code: str, flagged: str) -> None:
    assert found(text) == [(code, flagged)]


def test_mixed_garbled_quotation_is_reported_by_both_rules() -> None:
    text = "any action “likely to lay the foundations for it. ‘an appropriation of institutions “."
    assert found(text) == [("QT005", "‘"), ("QT006", " “")]


CLEAN = [
    # Apostrophes of every kind.
    "Kazakhstan’s President Kassym-Jomart Tokayev has vowed an uncompromising crackdown.",
    "Nostalgia for the ’90s, when oil prices were high, runs deep in Almaty.",
    "Nostalgia for the ‘90s runs deep in Almaty.",
    "Rock ’n’ roll bars reopened, and “‘90s nostalgia is back,” he said.",
    "‘Kazakhstan’s future is bright,’ he said.",
    "Protesters chanted “get ’em out” outside the akimat, dancin’ in the square.",
    "Meeting two of the protesters’ other demands, he accepted the government’s resignation.",
    "Côte d’Ivoire and O’Neill’s pub, Sana‘a and ’s-Hertogenbosch were mentioned.",
    "'Tis the season, said the mayor of Aktau.",
    # Single and double quotations, nested, in American and British styles.
    "Kazakhstan’s president issues ‘shoot to kill’ order in push to end unrest",
    "‘We hear explosions’",
    "“He said ‘no’ twice,” the official told Reuters.",
    "“They call it a ‘counter-terrorism operation’,” he said.",
    "‘We will not negotiate with terrorists,’ Mr Tokayev said. ‘They must be destroyed.’",
    "‘He told me “shoot to kill”,’ she said.",
    "‘The workers’ demands are fair,’ she said on Tuesday.",
    "“He said ‘no.’” The meeting ended at 10.30 a.m.",
    "“He said ‘no’\u200a” the official added.",
    "“We reject the so-called “peace” plan,” he said.",
    '"We reject the so-called "peace" plan," he said.',
    "The order—“shoot to kill”—was read on state TV (“Khabar”) at 9 p.m.",
    "“Why?” he asked. “Because we must.”",
    "“We will—” he began, before the feed was cut.",
    "“ … and we will restore order,” he said.",
    '"We will win," he said. Then "they left."',
    "He said 'no' and then 'yes', according to the U.S. embassy.",
    "Xi praised Tokayev for “taking decisive firm action at critical times.”",
    "Order “largely restored”",
    "German media called it „Schießbefehl“ and Poles „rozkaz strzelania”.",
    "The film ”Sortie” was shown in Stockholm.",
    # Quotation marks as units and odd neighbours.
    'A 65" screen costs $500, and the 5\'10" striker signed on Jan. 3.',
    "Dr. J. K. Rowling said: *“We will publish it.”*",
    "The protest was called “Qantar”, i.e. “January”, by organisers, e.g. in Zhanaozen.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_news_is_left_alone(text: str) -> None:
    assert found(text) == []


# -- triggers -------------------------------------------------------------------


def linted(text: str, kind: str = "text", *, prefilter: bool = True) -> list:
    prose = markdown_regions(text)[0] if kind == "markdown" else None
    with pytest.MonkeyPatch.context() as patch:
        if not prefilter:
            patch.setattr(engine, "may_match", lambda doc, triggers: True)
        return lint_document(Document(text, kind=kind, prose=prose), RULES)


@pytest.mark.parametrize(("text", "code", "flagged"), DAMAGED)
def test_a_damaged_text_holds_a_trigger_of_its_rule(text: str, code: str, flagged: str) -> None:
    rule = next(rule for rule in RULES if rule.code == code)
    assert any(fold(trigger) in fold(text) for trigger in rule.triggers)
    assert linted(text) == linted(text, prefilter=False)


@pytest.mark.parametrize("text", [*CLEAN, "No quotation mark at all.", "Only an inch: 5'."])
def test_clean_texts_give_the_same_with_and_without_prefilter(text: str) -> None:
    assert linted(text) == linted(text, prefilter=False)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"“”„\"‘’‚'", " ", "\n", "\n\n", "a", "’s", ", ", ". ", "`x`"]),
        max_size=24,
    ).map("".join),
    st.sampled_from(["text", "markdown"]),
)
def test_quote_soup_gives_the_same_with_and_without_prefilter(text: str, kind: str) -> None:
    assert linted(text, kind) == linted(text, kind, prefilter=False)


def test_quotation_run_over_paragraphs_is_fine() -> None:
    text = (
        "“We were dealing with armed and well-prepared bandits,” he said. “What stupidity.\n"
        "\n"
        "“What kind of negotiations can you have with criminals?” he added.\n"
    )
    assert found(text) == []


def test_single_quotation_run_over_paragraphs_is_fine() -> None:
    text = "‘We fled at night.\n‘Nobody told us anything,’ she said.\n"
    assert found(text) == []


def test_unclosed_quotation_before_a_plain_paragraph_fires() -> None:
    text = "“What stupidity. It will happen soon.\n\nPromising a crackdown, he left.\n"
    assert found(text) == [("QT004", "“")]


def test_markdown_paragraph_spans_lines_and_code_is_ignored() -> None:
    text = "“We will restore order,\nwhatever it takes,” he said.\n\nRun `grep '\"' file` now.\n"
    assert found(text, kind="markdown") == []


@pytest.mark.parametrize(
    "text",
    [
        "He typed “`rm -rf`” and left.\n",
        "He typed ‘`rm -rf`’ and left.\n",
        "She called it “[a farce](https://example.com/x)” on Friday.\n",
        "She called it ‘[a farce](https://example.com/x)’ on Friday.\n",
    ],
)
def test_markdown_code_and_link_targets_are_not_spaces(text: str) -> None:
    doc = Document(text, kind="markdown", prose=markdown_regions(text)[0])
    assert [m.role for m in scan_quotes(doc)] == [Role.OPEN, Role.CLOSE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "he called ” bandits and terrorists “.",
            "he called “bandits and terrorists”.",
        ),
        ("were “liquidated“, while 18 died", "were “liquidated”, while 18 died"),
        ("were “liquidated“while 18 died", "were “liquidated” while 18 died"),
        ("“It will be done soon, ”he said.", "“It will be done soon,” he said."),
        ("“They will be eliminated, ”Tokayev said.", "“They will be eliminated,” Tokayev said."),
        ("“Our government has relaxed a bit. ”", "“Our government has relaxed a bit.”"),
        ("adding that “activists were eliminated. “", "adding that “activists were eliminated.”"),
        ("“We will restore order,”he said.", "“We will restore order,” he said."),
        ("He called them “ bandits” again.", "He called them “bandits” again."),
        ("the German „Schießbefehl “ order", "the German „Schießbefehl“ order"),
    ],
)
def test_fixes(text: str, expected: str) -> None:
    assert fixed(text) == expected


def test_straight_quote_after_a_space_gets_no_fix() -> None:
    # It may close the quotation or open a new one.
    doc = Document('"Whoever does not surrender will be destroyed. "I gave the order.')
    (diagnostic,) = QuoteSpacing().check(doc)
    assert diagnostic.fix is None


def test_fixes_are_safe() -> None:
    doc = Document("he called ” bandits “, were “killed“, and “soon, ”he said.")
    diagnostics = [d for rule in RULES for d in rule.check(doc)]
    assert {d.code for d in diagnostics} == {"QT001", "QT002", "QT006"}
    assert all(d.fix.is_safe for d in diagnostics)


def test_every_rule_of_the_module_is_tested() -> None:
    """Their pages are checked with every rule's in test_rule_pages.py."""
    rules = [
        obj
        for obj in vars(quotes).values()
        if inspect.isclass(obj) and issubclass(obj, Rule) and obj.code
    ]
    assert len(rules) == len(RULES)


def test_quotation_hard_wrapped_over_lines_is_fine() -> None:
    text = (
        "“Those who do not surrender will be eliminated,” Tokayev said. “Law enforcement\n"
        "and the army have been given the order to shoot,” he added.\n"
    )
    assert found(text) == []


def test_next_line_that_opens_a_quotation_does_not_carry_one_on() -> None:
    text = "‘We fled at night.\nThe army’s ‘order’ came later, the residents said.\n"
    assert found(text) == [("QT005", "‘")]


def test_leading_elision_does_not_carry_a_quotation_on() -> None:
    text = "“We were dealing with armed bandits.\n\n’Tis the season of unrest, analysts said.\n"
    assert found(text) == [("QT004", "“")]
