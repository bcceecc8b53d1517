"""CP rules: photo captions and credits left in the body of an article."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.diagnostics import Diagnostic, Span
from lintnews.document import Document
from lintnews.engine import folded_triggers, lint_document
from lintnews.fixer import apply_edits
from lintnews.loader import document_from_text
from lintnews.prefilter import fold
from lintnews.rule import Rule
from lintnews.rules import _credits as credits
from lintnews.rules import captions
from lintnews.rules._hints import lines_holding
from lintnews.rules.captions import CaptionLabel, DoubledCaption, PhotoCredit

SEEDS = Path(__file__).parents[2] / "seeds"


def in_article(line: str) -> str:
    """``line`` as a paragraph of its own between two article paragraphs."""
    return (
        f"Protests began in the west of the country.\n\n{line}\n\nThe army cordoned off a plaza.\n"
    )


def check(rule: Rule, text: str) -> list[Diagnostic]:
    return list(rule.check(Document(text)))


def flagged(rule: Rule, text: str) -> list[str]:
    doc = Document(text)
    return [doc.slice(d.span) for d in rule.check(doc)]


def fixed(rule: Rule, text: str) -> str:
    edits = [edit for d in rule.check(Document(text)) if d.fix for edit in d.fix.edits]
    return apply_edits(text, edits)


# -- CP001 photo-credit ------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        (
            "Kassym-Jomart Tokayev delivered a speech on television on Friday. Photograph: "
            "Document from the press service of the President of Kazakhstan / EPA",
            "Photograph: Document from the press service of the President of Kazakhstan / EPA",
        ),
        (
            "Protesters in Almaty, on January 5, 2022 [Abduaziz Madyarov/AFP/Getty Images via AFP]",
            "[Abduaziz Madyarov/AFP/Getty Images via AFP]",
        ),
        ("Police patrol the streets of Almaty. (Photo: Reuters)", "(Photo: Reuters)"),
        (
            "Troops guard the airport (Photo by Valery Sharifulin/TASS)",
            "(Photo by Valery Sharifulin/TASS)",
        ),
        ("Riot police in Almaty (AP Photo/Vasily Krestyaninov)", "(AP Photo/Vasily Krestyaninov)"),
        (
            "A burnt car in Almaty, Kazakhstan, January 7, 2022. REUTERS/Pavel Mikheyev",
            "REUTERS/Pavel Mikheyev",
        ),
        (
            "Tokayev addresses the nation [File: Kazakh Presidency/AFP]",
            "[File: Kazakh Presidency/AFP]",
        ),
        ("Smoke rises over the mayor's office in Almaty [AFP]", "[AFP]"),
        ("Troops at Almaty airport. © Reuters", "© Reuters"),
    ],
)
def test_photo_credit_inside_a_line(line: str, credit: str) -> None:
    diagnostics = check(PhotoCredit(), in_article(line))
    assert flagged(PhotoCredit(), in_article(line)) == [credit]
    assert diagnostics[0].fix is None


@pytest.mark.parametrize(
    "line",
    [
        "Photograph: Document from the press service of the President of Kazakhstan / EPA",
        "Credit: AP Photo/Vladimir Tretyakov",
        "Image source, Getty Images",
        "Image source, EPA-EFE/REX/Shutterstock",
        "Image copyright AFP",
        "Photo: AFP",
        "Picture: Pavel Mikheyev/Reuters",
        "© Reuters",
        "REUTERS/Pavel Mikheyev",
        "Getty Images",
        "AFP via Getty Images",
        "Kazakh Presidential Press Service/Handout via REUTERS",
        "(AP Photo/Vasily Krestyaninov)",
    ],
)
def test_photo_credit_line_is_deleted_by_the_unsafe_fix(line: str) -> None:
    text = in_article(line)
    (diagnostic,) = check(PhotoCredit(), text)
    assert Document(text).slice(diagnostic.span) == line
    assert not diagnostic.fix.is_safe
    assert fixed(PhotoCredit(), text) == (
        "Protests began in the west of the country.\n\nThe army cordoned off a plaza.\n"
    )


def test_photo_credit_line_at_the_end_keeps_the_paragraph_before_it() -> None:
    text = "The army cordoned off a plaza.\n\nREUTERS/Pavel Mikheyev\n"
    assert fixed(PhotoCredit(), text) == "The army cordoned off a plaza.\n"


@pytest.mark.parametrize(
    "line",
    [
        "Reuters reported on Friday that the airport had reopened.",
        "A woman named Kuralai told AFP on Friday that she was scared.",
        "ALMATY (Reuters) – The President of Kazakhstan announced on Friday.",
        "MOSCOW, Jan 7 (Reuters) - Russian troops arrived in Kazakhstan.",
        "(Reporting by Olzhas Auyov; Editing by Peter Graff)",
        "(Additional reporting by Pavel Polityuk in Kyiv; Writing by Mark Trevelyan)",
        "(Report Olzhas Auyov, Tamara Vaal and Pavel Mikheyev, written by Peter Graff)",
        "(Writing by Peter Graff; Editing by Mark Heinrich/Reuters)",
        "The EPA said on Friday it would tighten the rules.",
        "The Environmental Protection Agency (EPA) said the rules would change.",
        "He told The Associated Press (AP) that he would stay.",
        "A Reuters/Ipsos poll showed 40% support for the president.",
        "A Reuters/Ipsos Core Political survey found voters split.",
        "The story was first reported by Reuters/AFP.",
        "Reuters and AFP journalists saw armoured vehicles.",
        "The big picture: markets fell sharply on Friday.",
        "Credit Suisse shares fell 5% on Friday.",
        "Credit: the central bank cut rates by 0.5 percentage points.",
        "Photographs of the square showed burnt cars.",
        "Getty Images said it had removed the photo.",
        "Associated Press writer Vladimir Isachenkov in Moscow contributed to this report.",
        "The picture was taken by a Reuters photographer in Almaty.",
        "US/UK relations were discussed, as were the AC/DC tour dates.",
        "See https://www.reuters.com/world/asia-pacific/ for the full story.",
        "The Kremlin said via TASS that Putin had spoken to Tokayev.",
        "Additional information from Reuters/AFP.",
        "Reuters/AFP",
        "By Olzhas Auyov and Mariya Gordeyeva",
    ],
)
def test_photo_credit_silent_on_agency_mentions(line: str) -> None:
    assert check(PhotoCredit(), in_article(line)) == []


def test_photo_credit_in_markdown_skips_link_targets() -> None:
    text = "Prices rose [on Friday](https://example.com/REUTERS/Pavel-Mikheyev).\n"
    doc = document_from_text(text, "a.md", "markdown")
    assert list(PhotoCredit().check(doc)) == []


# -- CP002 doubled-caption ---------------------------------------------------------


def test_glued_caption_is_flagged_and_the_first_copy_deleted() -> None:
    caption = "Protesters take part in a rally in Almaty, Kazakhstan"
    line = f"{caption}{caption}, on January 5, 2022"
    text = in_article(line)
    assert flagged(DoubledCaption(), text) == [caption + caption]
    assert fixed(DoubledCaption(), text) == in_article(f"{caption}, on January 5, 2022")


def test_glued_caption_span_covers_the_glue_point() -> None:
    text = (SEEDS / "001_8cf712efd2f80509.txt").read_text(encoding="utf-8")
    (diagnostic,) = check(DoubledCaption(), text)
    glue = text.index("KazakhstanProtesters")
    assert diagnostic.span.start < glue + len("KazakhstanProtesters")
    assert glue < diagnostic.span.end


def test_repeated_markdown_paragraph_of_two_lines_is_not_a_caption() -> None:
    text = "Protesters gather\nin Almaty, Kazakhstan\n\nProtesters gather\nin Almaty, Kazakhstan\n"
    doc = document_from_text(text, "a.md", "markdown")
    assert list(DoubledCaption().check(doc)) == []


def test_caption_repeated_after_a_space_is_left_to_doubled_phrase() -> None:
    line = "Riot police in Republic Square Riot police in Republic Square"
    assert flagged(DoubledCaption(), in_article(line)) == []


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
@pytest.mark.parametrize(
    "credit", ["", " [Mariya Gordeyeva/Reuters]", ". REUTERS/Pavel Mikheyev", " Photo: AFP"]
)
def test_caption_repeated_on_the_next_line_is_flagged(gap: str, credit: str) -> None:
    caption = "Protesters gather in Almaty, Kazakhstan"
    text = in_article(f"{caption}{gap}{caption}{credit}")
    (diagnostic,) = check(DoubledCaption(), text)
    assert Document(text).slice(diagnostic.span) == f"{caption}{gap}{caption}"
    assert fixed(DoubledCaption(), text) == in_article(f"{caption}{credit}")


@pytest.mark.parametrize(
    "text",
    [
        in_article("“Shame! Shame! Shame!” the crowd chanted."),
        in_article("The crowd chanted. Shame on you, Tokayev! Shame on you, Tokayev!"),
        in_article("New York, New York, so good they named it twice."),
        in_article("Almaty, Almaty and Almaty again: three rallies in a day."),
        # A short line twice, and a line that merely starts like the next one.
        "RUSSIAN SUPPORT\n\nRUSSIAN SUPPORT\n",
        "Protesters gather in Almaty\n\nProtesters gathered in Almaty again on Friday.\n",
        # A subheading the next paragraph opens with.
        "Russian forces secure airport\n\nRussian forces secure airport in Almaty, Moscow said.\n",
        "Tokayev speaks to the nation\n\nTokayev speaks to the nation's governors on Friday.\n",
        # One long word repeated is not a caption.
        in_article("HA" * 20),
        # A long paragraph repeated is not a caption (another rule's business).
        ("Kazakh President Kassym-Jomart Tokayev blamed foreign-trained terrorists. " * 5 + "\n")
        * 2,
    ],
)
def test_doubled_caption_silent_on_repetition_that_is_not_a_caption(text: str) -> None:
    assert check(DoubledCaption(), text) == []


# -- CP003 caption-label -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Image caption, Protesters stormed the mayor's office in Almaty",
        "Image caption Protesters stormed the mayor's office in Almaty",
        "Media caption, Tokayev: “I gave the order to shoot to kill”",
        "Caption: Riot police in Republic Square",
    ],
)
def test_caption_label_line_is_flagged_and_deleted(line: str) -> None:
    text = in_article(line)
    (diagnostic,) = check(CaptionLabel(), text)
    assert Document(text).slice(diagnostic.span) == line
    assert not diagnostic.fix.is_safe
    assert fixed(CaptionLabel(), text) == (
        "Protests began in the west of the country.\n\nThe army cordoned off a plaza.\n"
    )


@pytest.mark.parametrize(
    "line",
    [
        "The caption under the photo was changed on Friday.",
        "Caption contests were popular, the magazine said.",
        "He said the image caption had been misleading.",
    ],
)
def test_caption_label_silent_on_prose(line: str) -> None:
    assert check(CaptionLabel(), in_article(line)) == []


# -- the seeds and the documentation -----------------------------------------------


def test_seed_003_professionally_edited_is_silent() -> None:
    text = (SEEDS / "003_be770c9c753a573d.txt").read_text(encoding="utf-8")
    for rule in (PhotoCredit(), DoubledCaption(), CaptionLabel()):
        assert check(rule, text) == []


def rules_of_module() -> list[type[Rule]]:
    return [
        value
        for _, value in inspect.getmembers(captions, inspect.isclass)
        if issubclass(value, Rule) and value.code and value.__module__ == captions.__name__
    ]


def test_module_defines_the_three_rules() -> None:
    assert sorted(rule.code for rule in rules_of_module()) == ["CP001", "CP002", "CP003"]


# -- triggers and the fast scans ---------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        in_article("Image caption, Protesters in Almaty"),
        in_article("MEDIA CAPTION: Tokayev's address"),
        in_article("The picture caption was wrong."),
        "Caption:\u00a0Riot police\r\nImage\tcaption, x\r",
    ],
)
def test_caption_label_gives_the_same_with_and_without_its_triggers(text: str) -> None:
    rule = CaptionLabel()
    direct = check(rule, text)
    assert [d.span for d in lint_document(Document(text), [rule])] == [d.span for d in direct]
    if direct:
        assert any(trigger in fold(text) for trigger in folded_triggers(rule))


PIECES = [
    "Photo: ", "Photograph: Name/EPA", "Image source, Getty Images", "Getty Images", "GETTY IMAGES",
    "[Mariya Gordeyeva/Reuters]", "(AP Photo/Vasily Krestyaninov)", "[AFP]", "(EPA-EFE)", "(EPA)",
    "REUTERS/Pavel Mikheyev", "Name via Getty Images", "© Reuters", "Protesters rally in Almaty",
    "Protesters rally in Almaty", "A.", "B!", "x?", "(", ")", "[", "]", "/", " ", " ", "  ",
    "\u00a0", "\t", "\n", "\n", "\r\n", "\r", "\u3000", "É", "x",
]  # fmt: skip


@st.composite
def pieced(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.sampled_from(PIECES), max_size=25)))


@settings(max_examples=400, deadline=None)
@given(pieced())
def test_fast_scans_find_what_their_patterns_find(text: str) -> None:
    assert captions._copy_starts(text) == [m.start() for m in DoubledCaption.STARTS.finditer(text)]
    assert [m.span() for m in credits._bracketed(text)] == [
        m.span() for m in credits.BRACKETED.finditer(text)
    ]
    lines = regex.finditer(r"^[^\r\n]+$", text, regex.MULTILINE)
    assert list(credits._service_lines(text)) == [
        credits.stripped(text, Span(*m.span()))
        for m in lines
        if credits.SERVICE.fullmatch(m.group())
    ]


@settings(max_examples=300, deadline=None)
@given(pieced())
def test_photo_credit_candidates_are_those_of_whole_scans(text: str) -> None:
    lines = lines_holding(text, credits._LABEL_HINTS, "\n")
    for pattern in (credits.LABELLED, credits.SOURCE_LINE):
        in_lines = [m.span() for start, end in lines for m in pattern.finditer(text, start, end)]
        assert in_lines == [m.span() for m in pattern.finditer(text)]
    chains = [
        m.span()
        for start, end in lines_holding(text, credits._CHAIN_HINTS)
        for m in credits.chain().finditer(text, start, end)
    ]
    assert chains == [m.span() for m in credits.chain().finditer(text)]
