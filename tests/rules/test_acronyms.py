"""AC rules: acronyms garbled or left in a foreign language by translation."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.document import Document
from lintnews.fixer import apply_edits
from lintnews.rule import Rule
from lintnews.rules import _expansions as expansions
from lintnews.rules import acronyms
from lintnews.rules._hints import finditer_at
from lintnews.rules.acronyms import AcronymMismatch, AcronymVariant, ForeignAcronym

SEEDS = Path(__file__).parents[2] / "seeds"


def flagged(rule: Rule, text: str) -> list[str]:
    doc = Document(text)
    return [doc.slice(d.span) for d in rule.check(doc)]


def fixed(rule: Rule, text: str) -> str:
    edits = [e for d in rule.check(Document(text)) for e in d.fix.edits]
    return apply_edits(text, edits)


def corpus(rule: AcronymVariant, texts: dict[str, str]) -> list[tuple[str, str, str]]:
    """(path, flagged text, message) for a run over ``texts``."""
    collected = {path: rule.collect(Document(text, path)) for path, text in texts.items()}
    return [
        (path, texts[path][d.span.start : d.span.end], d.message)
        for path, d in rule.report(collected)
    ]


# -- AC001 acronym-mismatch --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "acronym", "expected"),
    [
        (
            "The Collective Security Treaty Organization (CTSC) – which links Russia to several "
            "former Soviet republics – said it would dispatch around 2,500 men.",
            "CTSC",
            "CSTO",
        ),
        (
            "Inspectors from the International Atomic Energy Agency (IAEE) will visit the site "
            "next week, the ministry said.",
            "IAEE",
            "IAEA",
        ),
        (
            "Leaders of the Shanghai Cooperation Organisation (SCC) met in Samarkand on Friday.",
            "SCC",
            "SCO",
        ),
        (
            "Observers from the Organization for Security and Co-operation in Europe (OSSE) "
            "said the vote was orderly.",
            "OSSE",
            "OSCE",
        ),
    ],
)
def test_mismatch_fires_on_garbled_acronyms(text: str, acronym: str, expected: str) -> None:
    assert flagged(AcronymMismatch(), text) == [acronym]
    assert fixed(AcronymMismatch(), text) == text.replace(f"({acronym})", f"({expected})")


@pytest.mark.parametrize(
    "text",
    [
        "The mission falls under the Collective Security Treaty Organization (CSTO), which "
        "consists of Russia and five former Soviet allies.",
        "Ministers of the Organisation of the Petroleum Exporting Countries (OPEC) meet today.",
        "The North Atlantic Treaty Organization (NATO) said it was watching closely.",
        "The Union of European Football Associations (UEFA) moved the final.",
        "Fighters of the Islamic State of Iraq and the Levant (ISIL) retreated.",
        "The Federal Bureau of Investigation (FBI) opened an inquiry.",
        "Monitors from the Organization for Security and Co-operation in Europe (OSCE) arrived.",
        "The Organisation for Economic Co-operation and Development (OECD) cut its forecast.",
        "Leaders of the Asia-Pacific Economic Cooperation (APEC) forum met in Lima.",
        "The Economic Community of West African States (ECOWAS) imposed sanctions.",
        "The Department of Justice (DoJ) declined to comment.",
        "The Russian Anti-Doping Agency (RUSADA) was suspended again.",
        "Government Communications Headquarters (GCHQ) issued a warning.",
        "The U.S. Agency for International Development (USAID) pledged $20 million.",
        "The UN High Commissioner for Refugees (UNHCR) said 2,000 people had fled.",
        "Militants of the Islamic State of Iraq and al-Sham (ISIS) claimed the attack.",
        # Legitimate foreign acronyms: letters of their own, or reordered.
        "Karim Massimov, who led Kazakhstan’s National Security Committee (KNB), was arrested.",
        "Russia’s Federal Security Service (FSB) said it had detained two men.",
        "Doctors Without Borders (MSF) said its hospital was hit.",
        "The populist Swiss People’s Party (SVP) won 28% of the vote.",
        "Uzbekistan’s State Security Service (SGB) said it had arrested the suspects.",
        "Scientists at the European Organization for Nuclear Research (CERN) confirmed it.",
        "The Revolutionary Armed Forces of Colombia (FARC) laid down their arms in 2017.",
        "Germany’s Social Democratic Party (SPD) won the most seats.",
        "The Institutional Revolutionary Party (PRI) ruled Mexico for 71 years.",
        "The Chinese Communist Party (CPC) opened its congress on Sunday.",
        "The anti-immigration Alternative for Germany (AfD) gained ground.",
        "Talks at the Conference on Interaction and Confidence-Building Measures in Asia (CICA).",
        # Tickers after company names, credits, lower-case expansions.
        "Shares of NextEra Energy Inc (NEE) rose 2% in New York.",
        "Delta Air Lines Inc (DAL) cut its outlook.",
        "ALMATY (Reuters) – The President of Kazakhstan announced on Friday",
        "Photograph: Abduaziz Madyarov (AFP)",
        "Growth in gross domestic product (GDP) slowed to 3.5%.",
        "The Collective Security Treaty Organization (OTSC) is handled by AC002.",
    ],
)
def test_mismatch_is_silent_on_real_acronyms(text: str) -> None:
    assert flagged(AcronymMismatch(), text) == []


def test_mismatch_span_is_the_acronym_and_fix_is_unsafe() -> None:
    text = "The Collective Security Treaty Organization (CTSC) said it would send troops."
    (diagnostic,) = AcronymMismatch().check(Document(text))
    assert text[diagnostic.span.start : diagnostic.span.end] == "CTSC"
    assert not diagnostic.fix.is_safe
    assert "Collective Security Treaty Organization" in diagnostic.message


def test_alignment_lets_function_words_give_a_letter_or_none() -> None:
    def words(text: str) -> list[acronyms.Word]:
        doc = Document(text + " (X)")
        return acronyms.expansion_before(doc, len(text) + 1)

    assert acronyms.aligns("DOJ", words("Department of Justice"))
    assert acronyms.aligns("DJ", words("Department of Justice"))
    assert not acronyms.aligns("CTSC", words("the Collective Security Treaty Organization"))
    assert [w.text for w in words("Kazakhstan’s National Security Committee")] == [
        "Kazakhstan",
        "National",
        "Security",
        "Committee",
    ]


# -- AC002 foreign-acronym ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "form", "english"),
    [
        (
            "Almaty Airport is guarded by “peacekeeping forces” sent by Russia and other "
            "Security Treaty Organization countries. collective (OTSC).",
            "OTSC",
            "CSTO",
        ),
        (
            "Troops from the ODKB began arriving in Almaty on Thursday, the ministry said.",
            "ODKB",
            "CSTO",
        ),
        (
            "Members of the North Atlantic Treaty Organization (OTAN) met in Brussels.",
            "OTAN",
            "NATO",
        ),
        ("The ONU Security Council will meet on Monday to discuss the crisis.", "ONU", "UN"),
        (
            "The FMI said the tenge had lost a fifth of its value since the start of the year.",
            "FMI",
            "IMF",
        ),
        ("Foreign ministers of the UE agreed on a new package of sanctions on Monday.", "UE", "EU"),
        ("The talks between Kazakhstan and the EEUU were postponed, officials said.", "EEUU", "US"),
    ],
)
def test_foreign_acronym_fires_in_english_prose(text: str, form: str, english: str) -> None:
    assert flagged(ForeignAcronym(), text) == [form]
    assert fixed(ForeignAcronym(), text) == text.replace(form, english)


@pytest.mark.parametrize(
    "text",
    [
        # Glossed or paired on purpose.
        "Troops of the CSTO, known in Russian as the ODKB, arrived on Thursday.",
        "The alliance, OTAN by its French acronym, was founded in 1949.",
        "The CSTO (ODKB) said its forces would number about 2,500.",
        "Protesters carried banners reading ‘ONU’ outside the mission in Almaty.",
        # Not English: a quote in French or Spanish.
        "« Les troupes de l’OTAN ne sont pas dans le pays », a-t-il dit.",
        "El portavoz de la ONU dijo que la situación es grave.",
        # Defined in English in the same document.
        "The Finnish Meteorological Institute (FMI) said the winter was mild. FMI data "
        "showed the warmest January on record.",
        # Left out of the list: English readings of the same letters.
        "The temple was built around 500 BCE, according to the museum.",
        "The consumer price index (CPI) rose 8.4% in the year to December.",
        "Officials at the UNO headquarters in New York said the vote was postponed.",
        # Part of a longer word or a code.
        "The ONUMOZ mission ended in 1994.",
        "The UE5 engine powers the new game.",
    ],
)
def test_foreign_acronym_is_silent_when_glossed_quoted_or_not_english(text: str) -> None:
    assert flagged(ForeignAcronym(), text) == []


def test_foreign_acronym_span_is_the_form() -> None:
    text = "Troops from the ODKB began arriving in Almaty on Thursday, the ministry said."
    (diagnostic,) = ForeignAcronym().check(Document(text))
    assert diagnostic.span.end - diagnostic.span.start == 4
    assert not diagnostic.fix.is_safe


# -- AC003 acronym-variant --------------------------------------------------------


KNB = (
    "Karim Massimov, who led Kazakhstan’s National Security Committee (KNB), was arrested. "
    "The KNB said in a statement that he was suspected of treason."
)
NSC = (
    "The former head of Kazakhstan’s National Security Committee (NSC) has been detained "
    "on suspicion of high treason, the committee said."
)


def test_variant_flags_the_rare_acronym_of_a_body_and_names_the_usual_one() -> None:
    found = corpus(AcronymVariant(), {"a.txt": KNB, "b.txt": KNB, "c.txt": NSC})
    assert [(path, text) for path, text, _ in found] == [("c.txt", "NSC")]
    assert "“KNB”" in found[0][2] and "a.txt" in found[0][2]


@pytest.mark.parametrize(
    "texts",
    [
        # One form only.
        {"a.txt": KNB, "b.txt": KNB},
        # A tie: no majority to name.
        {"a.txt": KNB.split(" The KNB")[0], "b.txt": NSC},
        # Case only: FT house style.
        {
            "a.txt": "Talks with the US and Nato, the North Atlantic Treaty Organisation (Nato).",
            "b.txt": "The North Atlantic Treaty Organisation (NATO) met. NATO said so. NATO agreed",
        },
        # Already reported by AC001 (garbled) and AC002 (foreign).
        {
            "a.txt": "The Collective Security Treaty Organization (CSTO) met. The CSTO said.",
            "b.txt": "The Collective Security Treaty Organization (CTSC) will send 2,500 men.",
            "c.txt": "Russia asked the Collective Security Treaty Organization (OTSC) for help.",
        },
    ],
)
def test_variant_is_silent_without_a_clear_majority_or_when_reported(
    texts: dict[str, str],
) -> None:
    assert corpus(AcronymVariant(), texts) == []


# -- the seeds and the docs ------------------------------------------------------


def test_seed_artifacts_are_found() -> None:
    seed_000 = (SEEDS / "000_37d922766cd08bbe.txt").read_text(encoding="utf-8")
    seed_002 = (SEEDS / "002_aba87432a477d7a0.txt").read_text(encoding="utf-8")
    assert flagged(ForeignAcronym(), seed_000) == ["OTSC"]
    assert flagged(AcronymMismatch(), seed_002) == ["CTSC"]


def test_professionally_edited_seed_is_silent() -> None:
    text = (SEEDS / "003_be770c9c753a573d.txt").read_text(encoding="utf-8")
    assert flagged(AcronymMismatch(), text) == flagged(ForeignAcronym(), text) == []


# -- the fast scans find what the patterns they stand for find ---------------------

PIECES = [
    "NATO", "Nato", "AT&T", "McDonald", "Ab&Cd", "A&", "Abcdefghijk", "\ua7cb", "ǅ", "ʼ", "É",
    "\u0301", "1", ".", "-", "’s", "U.S.", "OTAN", "OTSC", "EE.UU.", "EE. UU.", "ONU", "UE",
    "Collective Security Treaty Organization", "the", "of", " ", " ", "  ", "\u00a0", "\n",
    "\r", "(",
]  # fmt: skip


@st.composite
def pieced(draw: st.DrawFn) -> str:
    return "".join(draw(st.lists(st.sampled_from(PIECES), max_size=25)))


@settings(max_examples=400, deadline=None)
@given(pieced())
def test_acronym_counts_are_those_of_every_token(text: str) -> None:
    tokens = (m.group() for m in acronyms._ACRONYM_TOKEN.finditer(text))
    every = Counter(t.upper() for t in tokens if sum(c.isupper() for c in t) > 1)
    counts = acronyms._acronym_counts(text)
    assert counts == every
    assert list(counts) == list(every)


@settings(max_examples=400, deadline=None)
@given(pieced(), st.integers(0, 60), st.integers(0, 60))
def test_the_backwards_run_search_finds_the_forward_one(text: str, start: int, end: int) -> None:
    forward = expansions._WORD_RUN.search(text, start, end)
    backwards = expansions._WORD_RUN_BACKWARDS.search(text, start, end)
    assert (forward and forward.span()) == (backwards and backwards.span())


@settings(max_examples=400, deadline=None)
@given(pieced())
def test_foreign_forms_are_found_at_their_literals(text: str) -> None:
    pattern = acronyms._FOREIGN_PATTERN
    found = finditer_at(pattern, text, acronyms._ANY_FOREIGN)
    assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]
