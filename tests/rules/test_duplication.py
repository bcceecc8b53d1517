"""DU rules: words, phrases and sentences that scraping or translation doubled."""

from __future__ import annotations

import inspect
import json
import random
from pathlib import Path

import pytest

from lintnews.diagnostics import Applicability, Span
from lintnews.document import Document
from lintnews.fixer import apply_edits
from lintnews.loader import document_from_text
from lintnews.rule import Rule
from lintnews.rules import duplication
from lintnews.rules._word_text import word_text
from lintnews.rules.duplication import DoubledPhrase, DoubledWord, RepeatedSentence

ROOT = Path(__file__).parents[2]
SEEDS = ROOT / "seeds"
RULES = [
    cls
    for _, cls in inspect.getmembers(duplication, inspect.isclass)
    if issubclass(cls, Rule) and cls.__module__ == duplication.__name__
]


def flagged(rule: Rule, text: str, kind: str = "text") -> list[str]:
    doc = document_from_text(text, "article", kind)
    return [doc.slice(d.span) for d in rule.check(doc)]


def fixed(rule: Rule, text: str) -> str:
    doc = Document(text)
    edits = [e for d in rule.check(doc) if d.fix for e in d.fix.edits]
    return apply_edits(text, edits)


CLEAN = """\
Kazakhstan
Kazakhstan’s President Kassym-Jomart Tokayev said he had had enough of the unrest.
He said that that was the end of it. What it is is a crisis, one adviser said.
What the protesters did did matter, and the army gave her her passport back.
It was very very cold in Walla Walla, Bora Bora and Baden-Baden. “No, no,” he said.
Sirhan Sirhan was jailed, and The The played in Almaty. Bye bye, said the crowd.
The city he lived in in 2010 was calm. What she was working on on Monday was secret.
Prices rose 10 10 times? No: they rose on and on and on, day after day after day.
Troops were deployed to Almaty on Thursday, the ministry said.
The airport reopened on Friday after troops were deployed to Almaty on Thursday, officials said.
He said no. He said no.
"""


@pytest.mark.parametrize("rule", [cls() for cls in RULES], ids=lambda r: r.code)
def test_silent_on_clean_news(rule: Rule) -> None:
    assert flagged(rule, CLEAN) == []


# -- DU001 doubled-word --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Protesters gathered in in the main square of Almaty on Wednesday.",
            "Protesters gathered in the main square of Almaty on Wednesday.",
        ),
        (
            "The the army arrived to restore order, officials said.",
            "The army arrived to restore order, officials said.",
        ),
        (
            "Tokayev asked Moscow to to send troops under the CSTO treaty.",
            "Tokayev asked Moscow to send troops under the CSTO treaty.",
        ),
        (
            "Fuel prices doubled at the the the start of the year.",
            "Fuel prices doubled at the start of the year.",
        ),
        ("Nazarbayev ruled for a a long time.", "Nazarbayev ruled for a long time."),
    ],
)
def test_doubled_word_fires_and_fixes(text: str, expected: str) -> None:
    assert len(flagged(DoubledWord(), text)) == 1
    assert fixed(DoubledWord(), text) == expected


def test_doubled_word_crosses_a_line_break_inside_a_markdown_paragraph() -> None:
    text = "Troops were sent to\nto restore order in Almaty.\n"
    assert flagged(DoubledWord(), text, "markdown") == ["to\nto"]
    # In plain text each line is a paragraph of its own.
    assert flagged(DoubledWord(), text) == []
    assert flagged(DoubledWord(), "Protests in Kazakhstan\n\nKazakhstan’s leader spoke.") == []


def test_doubled_word_fix_is_safe() -> None:
    (diagnostic,) = DoubledWord().check(Document("Troops entered the the city."))
    assert diagnostic.fix.applicability is Applicability.SAFE
    assert diagnostic.message == "Doubled word “the”"


@pytest.mark.parametrize(
    "text",
    [
        "He had had enough of the protests.",
        "She said that that decision was final.",
        "The city they grew up in in the 1990s has changed.",
        "The square where they met in in 2022 was cleared.",
        "The film she was known for for years was banned.",
        "Tokayev, who the protesters turned on on Wednesday, spoke.",
        "Vitamin A a day, the doctor said.",
        "Rating agencies kept the grade at A A for years.",
        "The Trans-Caspian pipeline runs to to-be-built terminals.",
    ],
)
def test_doubled_word_near_misses(text: str) -> None:
    assert flagged(DoubledWord(), text) == []


def test_doubled_word_allowed_option() -> None:
    text = "The crowd chanted shame shame at the police."
    assert flagged(DoubledWord(), text) == ["shame shame"]
    assert flagged(DoubledWord(allowed=["Shame"]), text) == []


# -- DU002 doubled-phrase ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_span", "expected_fix"),
    [
        (
            "Almaty is one of the of the largest cities in Central Asia.",
            "of the",
            "Almaty is one of the largest cities in Central Asia.",
        ),
        (
            "Protesters take part in rally in Almaty Protesters take part in rally in Almaty "
            "on January 5.",
            "Protesters take part in rally in Almaty",
            "Protesters take part in rally in Almaty on January 5.",
        ),
        (
            "Police said Collective Security Treaty Organization Collective Security Treaty "
            "Organization troops arrived.",
            "Collective Security Treaty Organization",
            "Police said Collective Security Treaty Organization troops arrived.",
        ),
    ],
)
def test_doubled_phrase_fires_and_fixes(text: str, expected_span: str, expected_fix: str) -> None:
    assert flagged(DoubledPhrase(), text) == [expected_span]
    assert fixed(DoubledPhrase(), text) == expected_fix


def test_doubled_phrase_fix_is_unsafe() -> None:
    (diagnostic,) = DoubledPhrase().check(Document("It was one of the of the worst days."))
    assert diagnostic.fix.applicability is Applicability.UNSAFE


@pytest.mark.parametrize(
    "text",
    [
        "The crowd chanted “Lock her up, lock her up” outside the court.",
        "The song New York New York played as Almaty New Year celebrations began.",
        "Prices went up on and on and on, day after day after day.",
        "The the the army arrived.",
        "Votes were 10 20 10 20 in the two rounds.",
        # Glued copies are WS001's: "KazakhstanProtesters" is one word here.
        "Protesters rally in Almaty, KazakhstanProtesters rally in Almaty, Kazakhstan.",
        "Troops were deployed. Troops were deployed.",
        "The page kept buttons reading “Share this:”, “Like this:”, “Like Loading...”.",
    ],
)
def test_doubled_phrase_near_misses(text: str) -> None:
    assert flagged(DoubledPhrase(), text) == []


# -- DU003 repeated-sentence ---------------------------------------------------


def test_repeated_sentence_inside_a_paragraph_has_no_fix() -> None:
    text = (
        "Troops moved into the city overnight. Flights stopped. "
        "Troops moved into the city overnight."
    )
    doc = Document(text)
    (diagnostic,) = RepeatedSentence().check(doc)
    assert doc.slice(diagnostic.span) == "Troops moved into the city overnight."
    assert diagnostic.span.start > 40
    assert diagnostic.fix is None
    assert diagnostic.message == "Sentence repeated from line 1"


def test_repeated_paragraph_is_reported_once_and_deleted() -> None:
    text = (
        "Tokayev declared a state of emergency. Troops moved into Almaty overnight.\n"
        "Flights stopped at the main airport for two days.\n"
        "Tokayev declared a state of emergency.  Troops moved into Almaty overnight.\n"
        "The curfew was lifted on Monday, officials said.\n"
    )
    doc = Document(text)
    (diagnostic,) = RepeatedSentence().check(doc)
    assert diagnostic.message == "Paragraph repeated from line 1"
    assert doc.location(diagnostic.span.start).row == 3
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    assert fixed(RepeatedSentence(), text) == "\n".join(
        [*text.splitlines()[:2], text.splitlines()[3], ""]
    )


def test_repeated_one_sentence_paragraph_is_deleted() -> None:
    text = (
        "Russian troops landed in Almaty on Thursday night. The airport was closed.\n"
        "Russian troops landed in Almaty on Thursday night.\n"
    )
    assert flagged(RepeatedSentence(), text) == [
        "Russian troops landed in Almaty on Thursday night."
    ]
    assert fixed(RepeatedSentence(), text) == text.splitlines(keepends=True)[0]


@pytest.mark.parametrize(
    "text",
    [
        "He said no. Troops left. He said no.",
        "Troops were deployed to Almaty. Troops were deployed to Astana on Friday.",
        "Russian troops landed in Almaty on Thursday. Russian troops landed in almaty on Friday.",
    ],
)
def test_repeated_sentence_near_misses(text: str) -> None:
    assert flagged(RepeatedSentence(), text) == []


def test_repeated_sentence_min_words_option() -> None:
    text = "Troops entered Almaty. The curfew held. Troops entered Almaty."
    assert flagged(RepeatedSentence(), text) == []
    assert flagged(RepeatedSentence(**{"min-words": 3}), text) == ["Troops entered Almaty."]


def test_repeated_sentence_keeps_abbreviations_and_initials_whole() -> None:
    text = (
        "Texas Gov. Greg Abbott courted miners with cheap power. Prices rose.\n"
        "Miners came. Texas Gov. Greg Abbott courted miners with cheap power. They stayed.\n"
    )
    assert flagged(RepeatedSentence(), text) == [
        "Texas Gov. Greg Abbott courted miners with cheap power."
    ]


def test_repeated_sentence_compares_the_real_text_in_markdown() -> None:
    # Masked code spans must not make two different sentences look equal.
    text = (
        "The ministry ran `count --region almaty` to tally the votes.\n\n"
        "The ministry ran `count --region astana` to tally the votes.\n"
    )
    assert flagged(RepeatedSentence(), text, "markdown") == []


# -- the seeds -------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_silent_on_the_seeds(path: Path) -> None:
    """No DU rule fires on the seeds: their only doubling is the caption WS001 reports."""
    json.loads((SEEDS / "seeds-gold.json").read_text(encoding="utf-8"))
    doc = Document(path.read_text(encoding="utf-8"))
    for cls in RULES:
        assert list(cls().check(doc)) == [], cls.code


# -- the cheap first looks -------------------------------------------------------
#
# Each rule first looks for what every match must hold, with str methods, and
# only then runs its patterns. These tests check the looks never miss.

# Characters that word, case and sentence rules treat in unusual ways.
_ODD = [
    *"ab AB-'’_.,;!?…”’\")]\n\r\t 1²½İıiIsſKk\u212aßẞ\u0301\u0307\u0345αιΣσς",
    *"\u00a0\u2028\x1c\x85é\ua7dcƛ",
    "\U0001df95",
    "the",
    "The",
    "THE",
    "  ",
    "in ",
    "of the ",
    "Troops moved into the city overnight. ",
    "Flights stopped. ",
]


# And those that sentence ends in lintnews.sentences turn on.
_SENTENCE_ODD = [
    *_ODD,
    *"»›。！」“(\x1c",
    "Mr. ",
    "U.S. ",
    "Apple Inc. ",
    ". . . ",
    " ” ",
    "“Why?” ",
    "de ",
    "The ",
]


def _odd_texts(count: int, seed: int, alphabet: list[str] = _ODD) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(alphabet, k=rng.randint(1, 40))) for _ in range(count)]


def _documents(texts: list[str]) -> list[Document]:
    return [document_from_text(t, "a", kind) for t in texts for kind in ("text", "markdown")]


def test_word_text_holds_the_token_words() -> None:
    for doc in _documents(_odd_texts(3000, 1)):
        words = word_text(doc).text
        for paragraph in doc.paragraphs:
            expected = duplication._TOKEN.findall(doc.masked_text, paragraph.start, paragraph.end)
            assert words[paragraph.start : paragraph.end].split() == expected, doc.text


def test_doubled_word_looks_at_every_paragraph_that_holds_one() -> None:
    for doc in _documents(_odd_texts(3000, 2)):
        looked_at = set(duplication._may_double_words(doc))
        for paragraph in doc.paragraphs:
            span = (doc.masked_text, paragraph.start, paragraph.end)
            assert paragraph in looked_at or not duplication._DOUBLED_WORD.search(*span), doc.text


def test_doubled_word_checks_a_text_with_unknown_letters_in_full() -> None:
    # U+A7DC is newer than Python's tables; regex pairs it with ƛ.
    doc = Document("They said \ua7dcabc ƛabc again.")
    assert word_text(doc).unknown_letters
    assert duplication._may_double_words(doc) == doc.paragraphs


def _reports(rule: Rule, doc: Document) -> list:
    return [(d.span, d.message) for d in rule.check(doc)]


def test_a_sentence_of_separator_controls_alone_is_an_empty_span() -> None:
    """\x1c-\x1f are whitespace to str.strip but not to regex's \\s: no inverted span."""
    doc = Document("Troops left Almaty. \x1c\x1d")
    assert duplication._trimmed(doc, Span(20, 22)) == Span(20, 20)
    assert duplication._trimmed(doc, Span(0, 20)) == Span(0, 19)


@pytest.mark.parametrize("min_words", [6, 2, 0])
def test_repeated_sentence_look_misses_nothing(
    min_words: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rule = RepeatedSentence(**{"min-words": min_words})
    docs = _documents(_odd_texts(3000, 3) + _odd_texts(1500, 4, _SENTENCE_ODD))
    looked = [_reports(rule, doc) for doc in docs]
    monkeypatch.setattr(duplication, "_may_repeat", lambda doc, long_enough: True)
    for doc, found in zip(docs, looked, strict=True):
        assert found == _reports(rule, doc), doc.text
