"""Tests for the translation-residue (TR) rule pack in rules/translation.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.diagnostics import Applicability
from lintnews.document import Document
from lintnews.fixer import apply_edits
from lintnews.packs import load_pack

ROOT = Path(__file__).parents[2]
PACK = ROOT / "rules" / "translation.toml"
SEEDS = ROOT / "seeds"
RULES = {rule.code: rule for rule in load_pack(PACK)}


def hits(code: str, text: str) -> list[str]:
    doc = Document(text)
    return [doc.slice(d.span) for d in RULES[code].check(doc)]


def fixed(code: str, text: str) -> str:
    edits = [edit for d in RULES[code].check(Document(text)) if d.fix for edit in d.fix.edits]
    return apply_edits(text, edits)


def test_pack_declares_the_rules_in_order() -> None:
    assert list(RULES) == [f"TR{n:03}" for n in range(1, 14)]


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_is_a_documented_warning(code: str) -> None:
    rule = RULES[code]
    assert rule.severity == "warning"
    for heading in ("## What it does", "## Why is this bad?", "## Example", "Use instead:"):
        assert heading in rule.explanation
    if rule.fixable:
        assert "## Fix safety" in rule.explanation
    assert any(
        language in rule.explanation for language in ("Russian", "French", "German", "Spanish")
    )


# Each rule's examples: (code, sentence, flagged text).
FIRES = [
    ("TR001", "Bandits and terrorists, who should be destroyed. It will happen in the "
     "nearest time.", "in the nearest time"),
    ("TR001", "Talks with Moscow will resume in the nearest future.", "in the nearest future"),
    ("TR001", "In the nearest days the troops will leave Kazakhstan.", "In the nearest days"),
    ("TR002", "A state of emergency was declared on the territory of the country.",
     "on the territory of the country"),
    ("TR002", "A curfew was imposed on the whole territory of Kazakhstan.",
     "on the whole territory of"),
    ("TR003", "The arrests put into question the government's promise of a dialogue.",
     "put into question"),
    ("TR003", "The vote is putting in question the reforms.", "putting in question"),
    ("TR004", "The troops were deployed in the frame of the CSTO mission.", "in the frame of"),
    ("TR004", "Within the frame of the agreement, 2,500 troops were sent.", "Within the frame of"),
    ("TR005", "It is question of sending 2,500 troops, the alliance said.", "It is question of"),
    ("TR005", "According to the ministry, it acts of a terrorist attack.", "it acts of"),
    ("TR006", "Nazarbayev, who has led the country since 30 years, still wields influence.",
     "since 30 years"),
    ("TR006", "Fuel prices have been frozen since years.", "since years"),
    ("TR006", "It is the first such protest since ten years.", "since ten years"),
    ("TR007", "Residents made photos of the burnt cars outside the mayor's office.", "made photos"),
    ("TR007", "Soldiers were making a selfie in Republic Square.", "making a selfie"),
    ("TR008", "More than 3,000 people have been arrested and 18 members of the security forces "
     "have been killed, but this balance sheet seems not to have been updated since Thursday.",
     "balance sheet"),
    ("TR008", "The balance sheet rose to 164 people killed, the ministry said.", "balance sheet"),
    ("TR008", "The human balance sheet of the unrest is heavy.", "human balance sheet"),
    ("TR008", "The balance sheet of the clashes was not updated.", "balance sheet of the clashes"),
    ("TR009", "He thanked his ally Vladimir Putin for sending troops to support the capacity.",
     "support the capacity"),
    ("TR009", "Protests against the capacity in place spread to Almaty.", "against the capacity"),
    ("TR010", "Protests began on the background of rising fuel prices.", "on the background of"),
    ("TR011", "A dozen of protesters were detained outside the mayor's office.",
     "A dozen of protesters"),
    ("TR011", "Police arrested a hundred of demonstrators.", "a hundred of demonstrators"),
    ("TR012", "In the same time, Tokayev accepted the government's resignation.",
     "In the same time"),
    ("TR012", "Prices rose and, in the same time, wages fell.", "in the same time"),
    ("TR013", "Thousands of people assisted to the funeral of the police officers.",
     "assisted to the funeral"),
]  # fmt: skip


@pytest.mark.parametrize(("code", "sentence", "match"), FIRES)
def test_calque_is_flagged(code: str, sentence: str, match: str) -> None:
    assert hits(code, sentence) == [match]


@pytest.mark.parametrize(
    ("code", "sentence", "after"),
    [
        ("TR001", "It will happen in the nearest time.", "It will happen soon."),
        ("TR001", "In the nearest time, they will leave.", "Soon, they will leave."),
        ("TR001", "Talks resume in the nearest future.", "Talks resume in the near future."),
        ("TR001", "In the nearest weeks, troops leave.", "In the coming weeks, troops leave."),
        ("TR010", "Protests began on the background of rising prices.",
         "Protests began against the backdrop of rising prices."),
        ("TR010", "On the background of rising prices, protests began.",
         "Against the backdrop of rising prices, protests began."),
        ("TR012", "In the same time, Tokayev accepted the resignation.",
         "At the same time, Tokayev accepted the resignation."),
        ("TR012", "Prices rose and, in the same time, wages fell.",
         "Prices rose and, at the same time, wages fell."),
        ("TR013", "Thousands assisted to the funeral in Almaty.",
         "Thousands attended the funeral in Almaty."),
        ("TR013", "She assists to the ceremony.", "She attends the ceremony."),
        ("TR013", "Assisting to the summit were 12 leaders.",
         "Attending the summit were 12 leaders."),
    ],
)  # fmt: skip
def test_substitution_fix(code: str, sentence: str, after: str) -> None:
    diagnostics = list(RULES[code].check(Document(sentence)))
    assert all(d.fix.applicability is Applicability.UNSAFE for d in diagnostics)
    assert fixed(code, sentence) == after


@pytest.mark.parametrize(
    "sentence",
    [
        # Clean English around the same words.
        "He said the troops would leave soon, in the near future.",
        "The nearest town is 30 km from the airport.",
        "Russia plans to deploy nuclear weapons on the territory of Belarus.",
        "The debt put the question of default back on the table.",
        "He was not in the frame of mind to negotiate.",
        "It depends on the frame of reference.",
        "The car was caught in the frame of the camera.",
        "It is a question of time, the minister said.",
        "There is no question of talks with criminals.",
        "It acts of its own accord, the minister said of the alliance.",
        "Since two years ago, fuel prices have doubled.",
        "Since years of talks failed, the protests grew.",
        "It was the first rise since 2019.",
        "Since weeks-long protests began, 20 people have died.",
        "He made a photo album of the protests.",
        "She made the photos public on Friday.",
        "They made photos available to Reuters.",
        "Banks with weak balance sheets were the biggest casualties of the selloff.",
        "The central bank's balance sheet grew by 5% after the war killed demand.",
        "The balance sheet grew by 5 percent after the war killed demand for loans.",
        "The bank, which employs 3,000 people, said its balance sheet was strong.",
        "Hospitals asked for help to support the capacity of their wards.",
        "The plant operated at full capacity.",
        "A white cross on the background of the flag.",
        "A dozen of them were detained, and a hundred of the protesters arrested.",
        "A thousand of whom were released on Friday.",
        "He finished in the same time as last year.",
        "The deals closed in the same time frame.",
        "Prices rose, but in the same time period wages fell.",
        "Volunteers will assist at the summit.",
        "Police assisted the army in Almaty.",
        "Troops were sent to assist to restore order.",
        "The government took the decision to raise fuel prices.",
        "Actually, the market rallied on Friday.",
        "The last week of trading was quiet.",
        "Several Western countries have already expressed their concern.",
    ],
)
def test_pack_silent_on_clean_english(sentence: str) -> None:
    doc = Document(sentence)
    found = [(code, doc.slice(d.span)) for code, rule in RULES.items() for d in rule.check(doc)]
    assert found == []


@pytest.mark.parametrize(
    ("seed", "code", "match"),
    [
        ("000_37d922766cd08bbe.txt", "TR001", "in the nearest time"),
        ("002_aba87432a477d7a0.txt", "TR008", "balance sheet"),
        ("004_b243aad635b5d671.txt", "TR009", "support the capacity"),
    ],
)
def test_seed_calques_and_nothing_else(seed: str, code: str, match: str) -> None:
    doc = Document((SEEDS / seed).read_text(encoding="utf-8"))
    found = [(c, doc.slice(d.span)) for c, rule in RULES.items() for d in rule.check(doc)]
    assert found == [(code, match)]


def test_pack_silent_on_the_edited_seed() -> None:
    doc = Document((SEEDS / "003_be770c9c753a573d.txt").read_text(encoding="utf-8"))
    assert [d for rule in RULES.values() for d in rule.check(doc)] == []
