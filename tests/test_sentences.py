"""Sentence segmentation: news text with abbreviations, initials and quotations."""

from __future__ import annotations

import itertools
import random

import pytest

from lintnews.diagnostics import Span
from lintnews.document import Document
from lintnews.loader import document_from_text
from lintnews.sentences import document_sentences, sentence_spans


def sentences(text: str, *, markdown: bool = False) -> list[str]:
    return [text[span.start : span.end] for span in sentence_spans(text, markdown=markdown)]


# -- plain news text -------------------------------------------------------------

ALMATY = (
    "Kazakhstan’s President Kassym-Jomart Tokayev said on Friday that order had been "
    "restored. Russian-led troops arrived in Almaty on Thursday. Witnesses reported "
    "gunfire near the main square overnight."
)


def test_a_paragraph_is_cut_at_each_period() -> None:
    assert sentences(ALMATY) == [
        "Kazakhstan’s President Kassym-Jomart Tokayev said on Friday that order had been restored.",
        "Russian-led troops arrived in Almaty on Thursday.",
        "Witnesses reported gunfire near the main square overnight.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Tokayev met Gen. Zhaksylykov and Sen. Warren in St. Petersburg. "
            "Gov. Abbott and Rep. Whitcomb did not attend.",
            [
                "Mr. Tokayev met Gen. Zhaksylykov and Sen. Warren in St. Petersburg.",
                "Gov. Abbott and Rep. Whitcomb did not attend.",
            ],
        ),
        (
            "Mrs. Nazarbayeva and Dr. Suleimenov spoke on Jan. 6. The talks resumed on "
            "Feb. 2 and again on Aug. 14, Sept. 9, Oct. 1, Nov. 30 and Dec. 24.",
            [
                "Mrs. Nazarbayeva and Dr. Suleimenov spoke on Jan. 6.",
                "The talks resumed on Feb. 2 and again on Aug. 14, Sept. 9, Oct. 1, "
                "Nov. 30 and Dec. 24.",
            ],
        ),
        (
            "The prime minister left No. 10 at noon. Kazakhstan vs. Uzbekistan ended 2-1.",
            ["The prime minister left No. 10 at noon.", "Kazakhstan vs. Uzbekistan ended 2-1."],
        ),
        (
            "Miners brought rigs, generators, cables etc. The ministry counted them. "
            "Some hubs, e.g. Ekibastuz, i.e. the coal towns, lost power.",
            [
                "Miners brought rigs, generators, cables etc.",
                "The ministry counted them.",
                "Some hubs, e.g. Ekibastuz, i.e. the coal towns, lost power.",
            ],
        ),
        (
            "The first planes landed at 6 a.m. The curfew ended at 7 p.m. Moscow time.",
            ["The first planes landed at 6 a.m.", "The curfew ended at 7 p.m. Moscow time."],
        ),
        (
            "The U.S. Embassy, the U.K. Foreign Office, the U.N. and the E.U. urged calm. "
            "Troops were sent from Russia to the U.S. ally. He flew to the U.S. The "
            "meeting was cancelled.",
            [
                "The U.S. Embassy, the U.K. Foreign Office, the U.N. and the E.U. urged calm.",
                "Troops were sent from Russia to the U.S. ally.",
                "He flew to the U.S.",
                "The meeting was cancelled.",
            ],
        ),
        (
            "The miner rents space from Allegheny Valley Power Co. The company said the "
            "contract runs for 10 years. Apple Inc. Chief Executive Tim Cook was not there.",
            [
                "The miner rents space from Allegheny Valley Power Co.",
                "The company said the contract runs for 10 years.",
                "Apple Inc. Chief Executive Tim Cook was not there.",
            ],
        ),
    ],
    ids=["titles", "months", "number-and-versus", "etc-eg-ie", "am-pm", "dotted", "companies"],
)
def test_abbreviations(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The novel by J. K. Rowling sold well in Almaty. George W. Bush praised "
            "Kazakhstan in 2006. Presidents from George H.W. Bush on received Nazarbayev.",
            [
                "The novel by J. K. Rowling sold well in Almaty.",
                "George W. Bush praised Kazakhstan in 2006.",
                "Presidents from George H.W. Bush on received Nazarbayev.",
            ],
        ),
        (
            "Researchers found E. coli in the water. The city has a Plan B. It was never used.",
            [
                "Researchers found E. coli in the water.",
                "The city has a Plan B.",
                "It was never used.",
            ],
        ),
    ],
    ids=["names", "single-letters"],
)
def test_initials(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_decimals_amounts_and_versions_do_not_end_sentences() -> None:
    text = (
        "Inflation rose 3.5 per cent in December. The fund lost $1.2bn, and version 2.0 "
        "of the app went live. Visit reuters.com for more."
    )
    assert sentences(text) == [
        "Inflation rose 3.5 per cent in December.",
        "The fund lost $1.2bn, and version 2.0 of the app went live.",
        "Visit reuters.com for more.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The crowd waited… Then the shooting started.",
            ["The crowd waited…", "Then the shooting started."],
        ),
        (
            "The crowd waited... Then the shooting started.",
            ["The crowd waited...", "Then the shooting started."],
        ),
        (
            "“The people . . . Kazakhstan will not forget,” he said. . . . Tokayev left.",
            ["“The people . . . Kazakhstan will not forget,” he said. . . .", "Tokayev left."],
        ),
        (
            # An ellipsis after a space marks an omission: it ends a sentence only
            # before a word that usually opens one.
            "“We will … restore order,” he said. “The bandits … Kazakhstan will answer.” "
            "He paused … The crowd fell silent.",
            [
                "“We will … restore order,” he said.",
                "“The bandits … Kazakhstan will answer.”",
                "He paused …",
                "The crowd fell silent.",
            ],
        ),
    ],
    ids=["unicode", "three-dots", "spaced-dots", "omission"],
)
def test_ellipses(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“We will not negotiate.” He said the talks were over.",
            ["“We will not negotiate.”", "He said the talks were over."],
        ),
        (
            "“Who gave the order?” he asked. “Nobody!” the colonel replied. Was it true? "
            "Nobody knew!",
            [
                "“Who gave the order?” he asked.",
                "“Nobody!” the colonel replied.",
                "Was it true?",
                "Nobody knew!",
            ],
        ),
        (
            "Tokayev called them “bandits and terrorists.” Police made arrests. "
            '"It is calm now," a resident said. "Shops are open."',
            [
                "Tokayev called them “bandits and terrorists.”",
                "Police made arrests.",
                '"It is calm now," a resident said.',
                '"Shops are open."',
            ],
        ),
        (
            "He told ‘The Guardian’ that he had left. ‘I was afraid.’ Then he hung up.",
            ["He told ‘The Guardian’ that he had left.", "‘I was afraid.’", "Then he hung up."],
        ),
        (
            "Le président a déclaré : « Nous ne négocierons pas. » Puis il est parti.",
            ["Le président a déclaré : « Nous ne négocierons pas. »", "Puis il est parti."],
        ),
        (
            "Probably our government has relaxed a bit. ” Armored vehicles left the square.",
            ["Probably our government has relaxed a bit. ”", "Armored vehicles left the square."],
        ),
    ],
    ids=[
        "period-inside",
        "question-exclamation",
        "straight-and-curly",
        "single",
        "french",
        "spaced",
    ],
)
def test_quotations(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_name_and_a_verb_of_saying_after_a_quoted_question_finish_the_sentence() -> None:
    text = (
        '"What negotiations can there be with criminals and murderers?" Tokayev said. '
        "“Who gave the order?” President Kassym-Jomart Tokayev asked on Friday. "
        "“Stop!” The crowd ran."
    )
    assert sentences(text) == [
        '"What negotiations can there be with criminals and murderers?" Tokayev said.',
        "“Who gave the order?” President Kassym-Jomart Tokayev asked on Friday.",
        "“Stop!”",
        "The crowd ran.",
    ]


def test_sentences_ending_in_a_closing_parenthesis() -> None:
    text = (
        "The ministry published the toll (it rose overnight.) Officials gave no names. "
        "Flights resumed (Reuters). The airport reopened [on Monday.] Trains ran."
    )
    assert sentences(text) == [
        "The ministry published the toll (it rose overnight.)",
        "Officials gave no names.",
        "Flights resumed (Reuters).",
        "The airport reopened [on Monday.]",
        "Trains ran.",
    ]


def test_a_lowercase_word_after_a_period_does_not_open_a_sentence() -> None:
    # A machine-translation artifact that PN003 reports: the split is one sentence.
    text = "Tokayev rejected calls to negotiate. with the protesters. The unrest went on."
    assert sentences(text) == [
        "Tokayev rejected calls to negotiate. with the protesters.",
        "The unrest went on.",
    ]


def test_lowercase_brands_and_name_particles_open_sentences() -> None:
    text = "Sales fell. iPhone shipments dropped. The mayor spoke. de Blasio agreed."
    assert sentences(text) == [
        "Sales fell.",
        "iPhone shipments dropped.",
        "The mayor spoke.",
        "de Blasio agreed.",
    ]


def test_a_numbered_list_item_keeps_its_number() -> None:
    text = "1. The first point. It matters.\n2. The second point"
    assert sentences(text) == ["1. The first point.", "It matters.", "2. The second point"]


def test_glued_sentences_stay_one() -> None:
    # No space after the period: WS002 reports the glue, the segmenter does not guess.
    assert sentences("Protests spread to Almaty.The airport closed.") == [
        "Protests spread to Almaty.The airport closed."
    ]


def test_chinese_and_japanese_full_stops_need_no_space() -> None:
    text = "托卡耶夫发表讲话。抗议者离开了广场！He spoke in Russian."
    assert sentences(text) == ["托卡耶夫发表讲话。", "抗议者离开了广场！", "He spoke in Russian."]


# -- lines and paragraphs --------------------------------------------------------


def test_every_line_of_plain_text_ends_a_sentence() -> None:
    text = (
        "Kazakhstan president vows to destroy ‘bandits and terrorists’ behind protests\n"
        "\n"
        "  ALMATY, Kazakhstan (AP) — Order was restored. Troops stayed  \n"
        "Photograph: Vladimir Tretyakov / AP\n"
    )
    assert sentences(text) == [
        "Kazakhstan president vows to destroy ‘bandits and terrorists’ behind protests",
        "ALMATY, Kazakhstan (AP) — Order was restored.",
        "Troops stayed",
        "Photograph: Vladimir Tretyakov / AP",
    ]


def test_crlf_and_lone_cr_line_endings() -> None:
    text = "Order was restored. Troops stayed.\r\nFlights resumed.\rTrains ran.\r\n"
    assert sentences(text) == [
        "Order was restored.",
        "Troops stayed.",
        "Flights resumed.",
        "Trains ran.",
    ]


def test_a_line_separator_is_whitespace_not_a_line_break() -> None:
    text = "Order was restored.\u2028Troops stayed in\u2028Almaty."
    assert sentences(text) == ["Order was restored.", "Troops stayed in\u2028Almaty."]


def test_markdown_paragraphs_wrap_and_blocks_end_sentences() -> None:
    text = (
        "# Kazakhstan lifts curfew\n"
        "Officials said on Monday that the curfew in\n"
        "Almaty would end. Shops reopened.\n"
        "\n"
        "- Flights resumed. Trains ran\n"
        "- Banks opened\n"
        "\n"
        "> “We are tired,” a resident said\n"
        "\n"
        "| City | Curfew |\n"
        "Rain fell all day\n"
    )
    assert sentences(text, markdown=True) == [
        "# Kazakhstan lifts curfew",
        "Officials said on Monday that the curfew in\nAlmaty would end.",
        "Shops reopened.",
        "- Flights resumed.",
        "Trains ran",
        "- Banks opened",
        "> “We are tired,” a resident said",
        "| City | Curfew |",
        "Rain fell all day",
    ]
    # Read as plain text, each line is a paragraph of its own.
    assert "Officials said on Monday that the curfew in" in sentences(text)


# -- offsets ---------------------------------------------------------------------


def test_offsets_are_code_points_past_astral_characters() -> None:
    text = "🇰🇿 Kazakhstan’s flag flew in 𝐀𝐥𝐦𝐚𝐭𝐲. Crowds cheered 🎉! Tokayev spoke."
    spans = sentence_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "🇰🇿 Kazakhstan’s flag flew in 𝐀𝐥𝐦𝐚𝐭𝐲.",
        "Crowds cheered 🎉!",
        "Tokayev spoke.",
    ]
    assert spans[1] == Span(text.index("Crowds"), text.index("!") + 1)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\r\n \t\r\n", "\x1c\x1d"])
def test_no_sentences_in_empty_or_blank_text(text: str) -> None:
    assert sentence_spans(text) == []
    assert sentence_spans(text, markdown=True) == []


def test_spans_are_ordered_trimmed_and_stay_in_their_line() -> None:
    pieces = [
        *'ab AB.!?…”’")]\n\r\t 1“(«»。',
        "\u00a0",
        "\u2028",
        "\x1c",
        "Mr. ",
        "U.S. ",
        "J. K. ",
        ". . . ",
        "the ",
        "The ",
        "Troops moved in. ",
    ]
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choices(pieces, k=rng.randint(1, 30)))
        for markdown in (False, True):
            spans = sentence_spans(text, markdown=markdown)
            for before, after in itertools.pairwise(spans):
                assert before.end <= after.start, text
            for span in spans:
                piece = text[span.start : span.end]
                assert piece and piece == piece.strip(), text
                assert markdown or not {"\n", "\r"} & set(piece), text


# -- documents -------------------------------------------------------------------


def test_document_sentences_read_the_masked_text_once() -> None:
    text = "The ministry ran `tally.py --final. Now` overnight. Results came at 9 a.m. Monday."
    doc = document_from_text(text, "article.md", "markdown")
    spans = document_sentences(doc)
    assert [doc.slice(s) for s in spans] == [
        "The ministry ran `tally.py --final. Now` overnight.",
        "Results came at 9 a.m. Monday.",
    ]
    assert document_sentences(doc) is spans


def test_document_sentences_of_plain_text() -> None:
    doc = Document("Order was restored.\nTroops stayed. Flights resumed.")
    assert [doc.slice(s) for s in document_sentences(doc)] == [
        "Order was restored.",
        "Troops stayed.",
        "Flights resumed.",
    ]
