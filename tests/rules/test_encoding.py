"""EN rules: text damaged on its way through encodings."""

from __future__ import annotations

import inspect
import sys
import time

import pytest

from lintnews import engine
from lintnews.diagnostics import Diagnostic
from lintnews.document import Document
from lintnews.engine import lint_document
from lintnews.fixer import apply_edits
from lintnews.loader import document_from_bytes, document_from_text, kind_for
from lintnews.prefilter import fold
from lintnews.rule import Rule
from lintnews.rules import encoding
from lintnews.rules.encoding import (
    ControlCharacter,
    InvalidUtf8,
    Mojibake,
    ReplacementCharacter,
)


def check(rule: Rule, text: str) -> list[Diagnostic]:
    return list(rule.check(Document(text)))


def flagged(rule: Rule, text: str) -> list[str]:
    doc = Document(text)
    return [doc.slice(d.span) for d in rule.check(doc)]


def fixed(rule: Rule, text: str, *, unsafe: bool = True) -> str:
    edits = [
        edit
        for d in rule.check(Document(text))
        if d.fix and (unsafe or d.fix.is_safe)
        for edit in d.fix.edits
    ]
    return apply_edits(text, edits)


# "Россия" as UTF-8 read as Windows-1252, C1 controls where it has no letter.
RUSSIA = "Ð\u00a0Ð¾Ñ\u0081Ñ\u0081Ð¸Ñ\u008f"


# -- EN001 invalid-utf8 ------------------------------------------------------------


def test_invalid_utf8_is_reported_once_at_the_first_bad_byte() -> None:
    data = b"Relative calm returned to Almaty.\n" + b"Caf\xe9 owners \xff reopened.\n"
    doc = document_from_bytes(data, "a.txt", "text")
    (diagnostic,) = InvalidUtf8().check(doc)
    assert diagnostic.span.start == len("Relative calm returned to Almaty.\nCaf")
    assert "0xe9" in diagnostic.message or "e9" in diagnostic.message
    assert doc.text.count("\ufffd") == 2  # the rest is still decoded, nothing dropped


def test_valid_utf8_with_accents_is_fine() -> None:
    doc = document_from_bytes("edited by Blandine Hénault\n".encode(), "a.txt", "text")
    assert list(InvalidUtf8().check(doc)) == []


# -- EN002 mojibake ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bad", "good"),
    [
        ("CafÃ© owners in Almaty reopened on Friday.", "Ã©", "é"),
        ("Kazakhstanâ€™s president vowed to restore order.", "â€™", "’"),
        ("Macron spoke at the Ã‰lysÃ©e on Friday.", "Ã‰lysÃ©", "Élysé"),
        ("The fuel price rose to 5Â°C, no, to Â£5m.", "Â°", "°"),
        ("edited by Blandine HÃ©nault", "Ã©", "é"),
        ("Troops arrived in SÃ£o Paulo and ZÃ¼rich.", "Ã£", "ã"),
        ("A naÃ¯ve reading of the decree.", "Ã¯", "ï"),
        ("The protests â€“ the worst since 1991 â€“ spread.", "â€“", "–"),
        ("In Ã\u00a0 Almaty", "Ã\u00a0", "à"),
        ("Xi spoke from åŒ—äº¬ on Friday.", "åŒ—äº¬", "北京"),
        ("Officials in Î‘Î¸Î®Î½Î± said so.", "Î‘Î¸Î®Î½Î±", "Αθήνα"),
        (
            "Ð\u00a0Ð¾Ñ\u0081Ñ\u0081Ð¸Ñ\u008f sent troops.",
            "Ð\u00a0Ð¾Ñ\u0081Ñ\u0081Ð¸Ñ\u008f",
            "Россия",
        ),
        ("The word Ã‚Â« liquidated Ã‚Â» was used.", "Ã‚Â«", "«"),
    ],
)
def test_mojibake_is_flagged_with_ftfys_fix(text: str, bad: str, good: str) -> None:
    diagnostics = check(Mojibake(), text)
    doc = Document(text)
    matching = [d for d in diagnostics if doc.slice(d.span) == bad]
    assert matching, [doc.slice(d.span) for d in diagnostics]
    for diagnostic in matching:
        assert diagnostic.fix.is_safe
        assert diagnostic.fix.edits[0].replacement == good


def test_mojibake_reports_each_run_and_fixes_the_line() -> None:
    text = "“CafÃ© owners in Almaty,â€\u009d said HÃ©nault.\n"
    assert flagged(Mojibake(), text) == ["Ã©", "â€\u009d", "Ã©"]
    assert fixed(Mojibake(), text) == "“Café owners in Almaty,” said Hénault.\n"


@pytest.mark.parametrize(
    "text",
    [
        "edited by Blandine Hénault; reporting from Pékin and São Paulo.",
        "The Zürich-based bank called it a naïve plan.",
        "Ελλάδα, Россия and 北京 were mentioned in the statement.",
        "“We hear explosions,” she said – and ‘they are close’ — she added…",
        "Kazakhstan’s café’s owners said «non» in Genève.",
        "The temperature fell to −5°C and the price to £5m, or €6m.",
        "Ça va, said the minister, à bientôt.",
        "Ãrvíztűrő is not a word, and neither is Âmbito here.",
    ],
)
def test_mojibake_silent_on_correct_text(text: str) -> None:
    assert check(Mojibake(), text) == []


def test_accented_text_never_reaches_ftfy(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(text: str) -> str:
        raise AssertionError(f"ftfy called on {text!r}")

    monkeypatch.setattr(encoding.ftfy, "fix_encoding", refuse)
    encoding.mojibake_edits.cache_clear()
    text = "Hénault in Pékin, São Paulo and Zürich; a naïve “Ελλάδα” – Россия, 北京.\n"
    assert check(Mojibake(), text) == []


def test_mojibake_is_fast_on_long_clean_text() -> None:
    paragraph = "Kazakhstan’s president, Kassym-Jomart Tokayev, met officials in Zürich. " * 50
    text = (paragraph + "\n\n") * 200
    started = time.perf_counter()
    assert check(Mojibake(), text) == []
    assert time.perf_counter() - started < 1.0


def test_mojibake_ignores_markdown_code() -> None:
    text = "Prices rose.\n\n```\nCafÃ© = 1\n```\n\nCafÃ© owners reopened.\n"
    doc = document_from_text(text, "a.md", "markdown")
    spans = [d.span for d in Mojibake().check(doc)]
    assert [doc.slice(s) for s in spans] == ["Ã©"]
    assert spans[0].start > text.index("```\n\n")


# -- EN003 replacement-character ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("The Elys\ufffde Palace said Macron spoke to Tokayev.", ["\ufffd"]),
        ("Tokayev\ufffd\ufffds speech was broadcast on Friday.", ["\ufffd\ufffd"]),
        ("\ufffdWhat stupidity,\ufffd he said.", ["\ufffd", "\ufffd"]),
    ],
)
def test_replacement_characters_are_flagged_per_run(text: str, runs: list[str]) -> None:
    assert flagged(ReplacementCharacter(), text) == runs
    assert all(d.fix is None for d in check(ReplacementCharacter(), text))


def test_replacement_characters_of_an_undecodable_file_are_left_to_en001() -> None:
    doc = document_from_bytes(b"Caf\xe9 owners reopened.\n", "a.txt", "text")
    assert "\ufffd" in doc.text
    assert list(ReplacementCharacter().check(doc)) == []
    assert len(list(InvalidUtf8().check(doc))) == 1


def test_replacement_character_is_silent_on_clean_text() -> None:
    assert check(ReplacementCharacter(), "Kazakhstan’s café owners in Zürich.") == []


# -- EN004 control-character -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "after", "safe"),
    [
        ("Troops arrived\x0bin Almaty on Friday.", "Troops arrived in Almaty on Friday.", True),
        ("Troops arrived \x0b in Almaty.", "Troops arrived  in Almaty.", True),
        ("The ministry\x01 said 26 were killed.", "The ministry said 26 were killed.", True),
        (
            "More than 3,800\x7f people were arrested.",
            "More than 3,800 people were arrested.",
            True,
        ),
        ("Prices rose.\x0c\nThe army withdrew.", "Prices rose.\nThe army withdrew.", True),
        ("Kazakhstan\x92s president spoke.", "Kazakhstan’s president spoke.", False),
        ("\x93We will restore order,\x94 he said.", "“We will restore order,” he said.", False),
        ("The protests \x96 the worst in decades.", "The protests – the worst in decades.", False),
        ("The alliance\x81 sent troops.", "The alliance sent troops.", True),
    ],
)
def test_control_characters_are_flagged_and_fixed(text: str, after: str, safe: bool) -> None:
    diagnostics = check(ControlCharacter(), text)
    assert diagnostics
    assert all(d.fix.is_safe is safe for d in diagnostics)
    assert fixed(ControlCharacter(), text) == after


def test_control_character_run_is_one_diagnostic() -> None:
    text = "The ministry said\x01\x02\x03 26 were killed."
    assert flagged(ControlCharacter(), text) == ["\x01\x02\x03"]


@pytest.mark.parametrize(
    "text",
    [
        "Prices rose\tby 5%.\r\nThe army withdrew.\n",
        "Kazakhstan’s president – Tokayev – spoke «tonight» in Zürich…",
        "A zero\u00a0width-free line with no-break spaces.",
    ],
)
def test_control_character_silent_on_tabs_line_breaks_and_text(text: str) -> None:
    assert check(ControlCharacter(), text) == []


def test_c1_inside_mojibake_is_left_to_en002() -> None:
    text = "He said: â€\u009dno.â€\u009d And Kazakhstan\x92s army.\n"
    assert flagged(ControlCharacter(), text) == ["\x92"]
    assert flagged(Mojibake(), text) == ["â€\u009dno.â€\u009d"]


def test_c1_controls_of_mojibake_cyrillic_are_left_to_en002() -> None:
    text = f"{RUSSIA} sent troops to Kazakhstan.\n"
    assert check(ControlCharacter(), text) == []
    assert fixed(Mojibake(), text) == "Россия sent troops to Kazakhstan.\n"


def test_replacement_character_inside_mojibake_is_left_to_en002() -> None:
    text = "“The militants have not laid down their weapons,â€\ufffd he said in the Elys\ufffde.\n"
    doc = Document(text)
    (lost,) = ReplacementCharacter().check(doc)
    assert lost.span.start == text.index("Elys") + 4
    assert flagged(Mojibake(), text) == ["â€\ufffd"]


# -- triggers ----------------------------------------------------------------------


def test_control_character_triggers_are_the_characters_it_flags() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    flagged = {char for run in encoding._CONTROL_RUN.findall(every) for char in run}
    assert set(ControlCharacter.triggers) == flagged
    assert all(fold(char) == char for char in flagged)  # folding leaves them alone


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (ReplacementCharacter(), "The Elys\ufffde Palace said Macron spoke to Tokayev."),
        (ControlCharacter(), "Kazakhstan\x92s president vowed\x0bto restore order."),
        (ControlCharacter(), "The ministry\x01 said 26 were killed."),
    ],
)
def test_a_flagged_text_holds_a_trigger(rule: Rule, text: str) -> None:
    assert check(rule, text)
    assert any(fold(trigger) in fold(text) for trigger in rule.triggers)


@pytest.mark.parametrize(
    "data",
    [
        "The Elys\ufffde Palace, Kazakhstan\x92s army, a \x7f and\x1c more.\n".encode(),
        "```\ncode \ufffd\x01\n```\nKazakhstan\u2019s café in Zürich.\n".encode(),
        b"Caf\xe9 owners reopened \x01.\n",
        "Kazakhstan\u2019s café in Zürich \u2013 and \u00a0 more.\n".encode(),
    ],
)
@pytest.mark.parametrize("path", ["a.txt", "a.md"])
def test_same_diagnostics_with_and_without_prefilter(data: bytes, path: str) -> None:
    rules = [InvalidUtf8(), Mojibake(), ReplacementCharacter(), ControlCharacter()]
    filtered = lint_document(document_from_bytes(data, path, kind_for(path)), rules)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "may_match", lambda doc, triggers: True)
        assert lint_document(document_from_bytes(data, path, kind_for(path)), rules) == filtered


# -- documentation -----------------------------------------------------------------


def rules_of_module() -> list[type[Rule]]:
    return [
        value
        for _, value in inspect.getmembers(encoding, inspect.isclass)
        if issubclass(value, Rule) and value.code and value.__module__ == encoding.__name__
    ]


def test_module_defines_the_four_rules() -> None:
    assert sorted(rule.code for rule in rules_of_module()) == [
        "EN001",
        "EN002",
        "EN003",
        "EN004",
    ]
