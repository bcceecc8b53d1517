"""Property tests of fixing: generated articles with injected artifacts, and any text.

The articles mix clean, professionally edited news sentences with the
artifacts lintnews fixes (doubled periods, a space before a comma, reversed
quotes, a doubled word, a doubled space, a zero-width space, “20 %”, a
French name form, mis-formed acronyms, mojibake, a C1 control, boilerplate
lines), astral characters, LF, CRLF or mixed line endings, with or without
blank lines between paragraphs and a final newline. The properties:

(a) each pass changes the text only inside the edits of the fixes it
    applied, those fixes are allowed and do not conflict, no allowed fix is
    dropped without a conflict, and every clean sentence survives verbatim;
(b) fixing is idempotent;
(c) no allowed fix remains after fixing, and the fix converged;
(d) linting and fixing any text raises nothing, and the passes keep (a);
(e) ``lintnews check --fix --unsafe-fixes`` keeps a file's encoding, byte
    order mark, line endings (each surviving line its own) and final
    newline, and writes what ``lintnews.fix_text`` returns.

All of them, with the example counts below, run in about 40 seconds.
"""

from __future__ import annotations

import codecs
import itertools
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, note, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import lintnews
from lintnews.cli import app
from lintnews.diagnostics import Diagnostic, Edit, Span
from lintnews.fixer import apply_edits, fix_until_stable
from lintnews.registry import Registry


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


HEADLINES = [
    "Kazakhstan declares state of emergency as fuel protests spread",
    "Markets steady as oil prices climb on supply worries",
    "Ruling party wins Kazakhstan election as observers cite lack of competition",
    "Uranium prices jump after unrest in Kazakhstan",
]

# Professionally edited sentences: lintnews reports nothing in them, alone or together.
CLEAN_SENTENCES = [
    "President Kassym-Jomart Tokayev declared a two-week state of emergency in Almaty on "
    "Wednesday.",
    "The government resigned after protests over a sharp rise in fuel prices spread across the "
    "country.",
    "Mr. Tokayev said the country had been attacked by “terrorist gangs” trained abroad.",
    "The interior ministry said more than 3,800 people had been detained since the unrest began.",
    "Internet access was cut across much of Kazakhstan for five days, according to the "
    "monitoring group NetBlocks.",
    "Troops from the Collective Security Treaty Organization (CSTO) arrived in the country at "
    "Mr. Tokayev’s request.",
    "The U.S. State Department urged all sides to show restraint and to respect the right to "
    "peaceful protest.",
    "Kazakhstan is the world’s largest producer of uranium and a major exporter of oil.",
    "The price of liquefied petroleum gas, which many drivers use as fuel, doubled at the start "
    "of the year.",
    "Brent crude rose 1.4 percent to $81.99 a barrel on Thursday.",
    "Shares of Kazatomprom fell 12.5 percent in London before recovering some of their losses.",
    "The tenge weakened to 437.5 per dollar, its lowest level in three months.",
    "Analysts at Goldman Sachs said the unrest was unlikely to disrupt uranium supplies for long.",
    "The benchmark S&P 500 index closed 0.3 percent higher, led by technology shares.",
    "Investors are watching for signs that the Federal Reserve will raise interest rates in March.",
    "Voters in the capital, Nur-Sultan, waited in long lines outside polling stations on Sunday.",
    "The ruling party won 71.1 percent of the vote, according to preliminary results.",
    "Observers from the Organization for Security and Co-operation in Europe said the election "
    "lacked genuine competition.",
    "Turnout was 63.3 percent, the central election commission said.",
    "Opposition leaders said they would challenge the results in court.",
    "“We will not allow anyone to destabilize the country,” Mr. Tokayev said in a televised "
    "address.",
    "Former president Nursultan Nazarbayev, 81, has not been seen in public since the protests "
    "began.",
    "The airport in Almaty, the country’s largest city, reopened to passenger flights on Thursday.",
    "Banks reopened on Monday, and long queues formed outside cash machines across the city.",
    "The health ministry said 225 people had died, including 19 members of the security forces.",
    "Russia’s President Vladimir Putin said the alliance had helped prevent a “color revolution” "
    "in the region.",
    "The European Union called for an independent investigation into the deaths.",
    "China’s President Xi Jinping sent a message of support to Mr. Tokayev, state media reported.",
    "Gold rose to $1,812.40 an ounce as investors sought safer assets.",
    "The yield on the 10-year Treasury note climbed to 1.76 percent.",
    "Parliament approved Alikhan Smailov as the new prime minister on Tuesday.",
    "The election was the first since Mr. Tokayev took office in 2019.",
    "Candidates from five parties competed for 98 seats in the lower house of parliament.",
    "Officials said about 2,000 troops would remain in the country until order was fully restored.",
    "Oil output at the Tengiz field, operated by Chevron, was briefly reduced during the protests.",
    "Economists expect growth of 3.7 percent this year, down from 4.0 percent in 2021.",
]

# Sentences that carry an artifact of their own (NU003, NM001, QT001, AC001, AC002).
ARTIFACT_SENTENCES = [
    "Unemployment rose to 20 % in the oil-producing regions, the report said.",
    "Vladimir Poutine spoke with Mr. Tokayev by telephone on Friday, the Kremlin said.",
    "Mr. Tokayev described the protesters as ” bandits and terrorists “ in a speech to parliament.",
    "The Collective Security Treaty Organization (CTSC) said it would send about 2,500 troops.",
    "Leaders of the OTAN said they were following events in Kazakhstan closely.",
]

BOILERPLATE = ["Source link", "Leave a Reply", "By admin"]
ASTRAL = ["😀", "🇰🇿", "𝐀"]
# Per-document rules only: the CLI also runs corpus rules, the API does not.
DOCUMENT_RULES = ["PN", "QT", "WS", "DU", "NU", "BP", "EN"]
ENCODINGS = [
    ("utf-8", b""),
    ("utf-8", codecs.BOM_UTF8),
    ("utf-16-le", codecs.BOM_UTF16_LE),
    ("utf-16-be", codecs.BOM_UTF16_BE),
]


@dataclass(frozen=True)
class Article:
    text: str
    #: The headline and every sentence without a fixable artifact, as written.
    clean: tuple[str, ...]
    injected: bool


# -- injecting artifacts into one sentence ------------------------------------------


def _pick(draw: st.DrawFn, positions: Sequence[int]) -> int | None:
    return draw(st.sampled_from(positions)) if positions else None


def _doubled_period(draw: st.DrawFn, s: str) -> str | None:
    if not s.endswith(".") or s.endswith("U.S."):
        return None
    return s + draw(st.sampled_from([" .", "."]))


def _space_before_comma(draw: st.DrawFn, s: str) -> str | None:
    i = _pick(draw, [m.start() for m in re.finditer(", ", s)])
    return None if i is None else s[:i] + " " + s[i:]


def _doubled_word(draw: st.DrawFn, s: str) -> str | None:
    i = _pick(draw, [m.start() for m in re.finditer(" the ", s)])
    return None if i is None else s[:i] + " the" + s[i:]


def _doubled_space(draw: st.DrawFn, s: str) -> str | None:
    spaces = [m.start() for m in re.finditer(r"(?<=[a-z]) (?=[a-z])", s)]
    i = _pick(draw, spaces)
    return None if i is None else s[:i] + " " + s[i:]


def _zero_width_space(draw: st.DrawFn, s: str) -> str | None:
    i = _pick(draw, [m.start() for m in re.finditer(r"(?<=[a-z])(?=[a-z])", s)])
    return None if i is None else s[:i] + "\u200b" + s[i:]


def _reversed_quotes(draw: st.DrawFn, s: str) -> str | None:
    """Two words quoted inside out, ” like this “."""
    runs = [m.span() for m in re.finditer(r"(?<= )[a-z]+ [a-z]+(?= )", s)]
    if not runs:
        return None
    start, end = draw(st.sampled_from(runs))
    first, second = s[start:end].split(" ")
    # Artifacts inside the quotation overlap its fix: they take a second pass.
    variants = [
        f"{first} {second}",
        f"{first}  {second}",
        f"{first} {first} {second}",
        f"{first} {second[:1]}\u200b{second[1:]}",
    ]
    inner = draw(st.sampled_from(variants))
    return f"{s[:start]}” {inner} “{s[end:]}"


def _mojibake(draw: st.DrawFn, s: str) -> str | None:
    return s.replace("’", "â€™", 1) if "’" in s else None


def _c1_control(draw: st.DrawFn, s: str) -> str | None:
    return s.replace("’", "\x92", 1) if "’" in s else None


def _astral(draw: st.DrawFn, s: str) -> str | None:
    """Not an artifact: an emoji or a mathematical letter as a word of its own."""
    i = _pick(draw, [m.start() for m in re.finditer(" ", s)])
    return None if i is None else s[:i] + " " + draw(st.sampled_from(ASTRAL)) + s[i:]


ARTIFACTS = [
    _doubled_period,
    _space_before_comma,
    _doubled_word,
    _doubled_space,
    _zero_width_space,
    _reversed_quotes,
    _mojibake,
    _c1_control,
]


@st.composite
def articles(draw: st.DrawFn, *, text_bom: bool = True) -> Article:
    """A headline and 2-8 paragraphs of 1-4 sentences, artifacts injected at random."""
    headline = draw(st.sampled_from(HEADLINES))
    sizes = draw(st.lists(st.integers(1, 4), min_size=2, max_size=8))
    # Each sentence at most once: a repeated one is a DU003 artifact of its own.
    pool = draw(
        st.lists(
            st.sampled_from(CLEAN_SENTENCES + ARTIFACT_SENTENCES),
            min_size=sum(sizes),
            max_size=sum(sizes),
            unique=True,
        )
    )
    clean: list[str] = [headline]
    injected = False
    paragraphs: list[str] = []
    taken = 0
    for size in sizes:
        sentences = []
        for sentence in pool[taken : taken + size]:
            damaged = sentence in ARTIFACT_SENTENCES
            # Most sentences stay clean; some get one artifact, a few two (which may interact).
            for _ in range(draw(st.sampled_from([0, 0, 0, 1, 1, 2]))):
                inject = draw(st.sampled_from([_astral, *ARTIFACTS]))
                changed = inject(draw, sentence)
                if changed is not None:
                    sentence = changed
                    damaged = damaged or inject is not _astral
            if damaged:
                injected = True
            else:
                clean.append(sentence)
            sentences.append(sentence)
        taken += size
        paragraphs.append(" ".join(sentences))
    for line in draw(st.lists(st.sampled_from(BOILERPLATE), unique=True, max_size=3)):
        paragraphs.insert(draw(st.integers(0, len(paragraphs))), line)
        injected = True
    lines = [headline, *paragraphs]
    endings = draw(st.sampled_from(["lf", "crlf", "mixed"]))
    blank = draw(st.booleans())

    def eol() -> str:
        if endings == "mixed":
            return draw(st.sampled_from(["\n", "\r\n"]))
        return "\n" if endings == "lf" else "\r\n"

    text = lines[0]
    for line in lines[1:]:
        text += eol() + (eol() if blank else "") + line
    if draw(st.booleans()):
        text += eol()
    if text_bom and draw(st.booleans()):
        text = "\ufeff" + text
        injected = True
    return Article(text, tuple(clean), injected)


# -- checking one fix, pass by pass ---------------------------------------------------


def _allowed(diagnostic: Diagnostic, unsafe: bool) -> bool:
    return diagnostic.fix is not None and (unsafe or diagnostic.fix.is_safe)


def _conflict(a: Span, b: Span) -> bool:
    """Edits conflict when they share a character, or their order at one point is unknown."""
    if a.start == b.start and (a.start == a.end or b.start == b.end):
        return True
    return a.start < b.end and b.start < a.end


def _splice(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with sorted, non-overlapping ``edits``: kept pieces and replacements in turn."""
    kept = []
    end = 0
    for edit in edits:
        kept.append(text[end : edit.span.start])
        end = edit.span.end
    kept.append(text[end:])
    out = kept[0]
    for edit, piece in zip(edits, kept[1:], strict=True):
        out += edit.replacement + piece
    return out


def _check_passes(
    text: str, *, unsafe: bool, kind: str = "text", select: Sequence[str] | None = None
) -> str:
    """Fix ``text`` recording every pass, check each pass, and return the fixed text."""
    texts: list[str] = []
    found: list[list[Diagnostic]] = []

    def lint(current: str) -> list[Diagnostic]:
        diagnostics = lintnews.lint_text(current, kind=kind, select=select)
        texts.append(current)
        found.append(diagnostics)
        return diagnostics

    result = fix_until_stable(text, lint, unsafe=unsafe)
    assert result.text == lintnews.fix_text(text, unsafe=unsafe, kind=kind, select=select).text
    assert result.text == texts[-1]
    applied = {id(d) for d in result.applied}
    counted = 0
    for number, (before, diagnostics, after) in enumerate(
        zip(texts, found, texts[1:], strict=False), 1
    ):
        chosen = [d for d in diagnostics if id(d) in applied]
        counted += len(chosen)
        note(f"pass {number}: {[(d.code, d.fix.edits) for d in chosen]}")
        assert chosen, f"pass {number} changed the text with no fix applied"
        assert all(_allowed(d, unsafe) for d in chosen), "a fix that is not allowed was applied"
        edits = sorted(
            (e for d in chosen for e in d.fix.edits), key=lambda e: (e.span.start, e.span.end)
        )
        for one, other in itertools.pairwise(edits):
            assert not _conflict(one.span, other.span), f"conflicting edits {one} and {other}"
        chosen_spans = [e.span for e in edits]
        for d in diagnostics:
            if _allowed(d, unsafe) and id(d) not in applied:
                assert any(_conflict(e.span, s) for e in d.fix.edits for s in chosen_spans), (
                    f"{d.code} at {d.span} was dropped without a conflict"
                )
        expected = _splice(before, edits)
        assert apply_edits(before, edits) == expected
        assert after == expected, "a pass changed text outside its edits"
    assert counted == len(result.applied)
    return result.text


# -- (a) edits only, clean sentences intact ---------------------------------------------

# The default rules, and every rule (WS005, off by default, too) but the
# grammar checkers (GR): their unsafe fixes are a checker's guesses, which
# "correct" a name its dictionary does not know (Tokayev -> Tokay's).
EVERY_RULE_BUT_GR = tuple(sorted({rule.family for rule in Registry.load(())} - {"GR"}))
SELECTIONS = st.sampled_from([None, EVERY_RULE_BUT_GR])


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@_settings(150)
@given(article=articles(), kind=st.sampled_from(["text", "markdown"]), select=SELECTIONS)
def test_fixes_change_only_their_edits(
    article: Article, kind: str, select: Sequence[str] | None, unsafe: bool
) -> None:
    note(f"article: {article.text!r}")
    fixed = _check_passes(article.text, unsafe=unsafe, kind=kind, select=select)
    note(f"fixed: {fixed!r}")
    for sentence in article.clean:
        assert sentence in fixed, f"clean sentence altered: {sentence!r}"
    if not article.injected:
        assert fixed == article.text


# -- (b) idempotence ------------------------------------------------------------------------


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@_settings(100)
@given(article=articles(), select=SELECTIONS)
def test_fixing_twice_is_fixing_once(
    article: Article, select: Sequence[str] | None, unsafe: bool
) -> None:
    note(f"article: {article.text!r}")
    once = lintnews.fix_text(article.text, unsafe=unsafe, select=select)
    event(f"passes: {once.passes}")
    note(f"once: {once.text!r}")
    twice = lintnews.fix_text(once.text, unsafe=unsafe, select=select)
    assert twice.text == once.text
    assert twice.applied == []


# -- (c) nothing fixable left ---------------------------------------------------------------


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
@_settings(100)
@given(article=articles(), select=SELECTIONS)
# One blank line between CRLF paragraphs was once read as two by WS005, whose
# no-op fix then stayed allowed.
@example(
    article=Article("Headline\r\n\r\nOne.\r\n", ("Headline",), injected=False),
    select=EVERY_RULE_BUT_GR,
)
def test_no_allowed_fix_remains(
    article: Article, select: Sequence[str] | None, unsafe: bool
) -> None:
    note(f"article: {article.text!r}")
    result = lintnews.fix_text(article.text, unsafe=unsafe, select=select)
    note(f"fixed: {result.text!r}")
    note(f"remaining: {[(d.code, d.span) for d in result.remaining]}")
    assert result.unconverged == ()
    assert [d for d in result.remaining if _allowed(d, unsafe)] == []
    assert lintnews.lint_text(result.text, select=select) == result.remaining
    assert result.changed == (article.text != result.text)


# -- (d) any text ------------------------------------------------------------------------------

# Line and paragraph breaks, controls, invisible and astral characters, and the
# punctuation and words the rules look for.
SPECIAL = st.sampled_from(
    [
        "\r",
        "\n",
        "\r\n",
        "\x0b",
        "\x0c",
        "\x85",
        "\x92",
        "\u2028",
        "\u2029",
        "\u200b",
        "\ufeff",
        "\ufffd",
        "\x00",
        "😀",
        "🇰🇿",
        "𝐀",
        " ",
        "  ",
        ".",
        ". .",
        " ,",
        "“",
        "”",
        "‘",
        "’",
        '"',
        "%",
        " %",
        "(…)",
        "#",
        "`",
        "```",
        "*",
        "-",
        ">",
        "|",
        "the the",
        "Poutine",
        "OTAN",
        "(CTSC)",
        "Leave a Reply",
        "Source link",
        "By admin",
        "Ã©",
        "â€™",
        "20",
        "3,800",
    ]
)
# Any code point but a lone surrogate, which no UTF-8 file can hold.
ANY_TEXT = st.lists(
    st.one_of(SPECIAL, st.text(st.characters(exclude_categories=["Cs"]), max_size=8)),
    max_size=40,
).map("".join)
KINDS = st.sampled_from(["text", "markdown"])


@_settings(300)
@given(text=ANY_TEXT, kind=KINDS, unsafe=st.booleans(), select=SELECTIONS)
def test_any_text_lints_and_fixes(
    text: str, kind: str, unsafe: bool, select: Sequence[str] | None
) -> None:
    note(f"text: {text!r}")
    lintnews.lint_text(text, kind=kind, select=select)
    result = lintnews.fix_text(text, kind=kind, unsafe=unsafe, select=select)
    lintnews.lint_text(result.text, kind=kind, select=select)


@_settings(300)
@given(text=ANY_TEXT, kind=KINDS, unsafe=st.booleans(), select=SELECTIONS)
def test_any_text_fixes_change_only_their_edits(
    text: str, kind: str, unsafe: bool, select: Sequence[str] | None
) -> None:
    note(f"text: {text!r}")
    _check_passes(text, unsafe=unsafe, kind=kind, select=select)


# -- (e) the file round trip through the CLI ------------------------------------------------


def _line_endings(text: str) -> set[str]:
    return {m.group() for m in re.finditer(r"\r\n|\r|\n", text)}


def _line_ends(text: str) -> list[str]:
    """The line ending of each line that holds more than spaces ("" for an unended last line)."""
    lines = re.finditer(r"([^\r\n]*)(\r\n|\r|\n|\Z)", text)
    return [m.group(2) for m in lines if m.group(1).strip()]


def _check_cli_round_trip(article: Article, encoding: tuple[str, bytes], suffix: str) -> None:
    codec, bom = encoding
    text = article.text
    note(f"article: {text!r} as {codec} with BOM {bom!r}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(bom + text.encode(codec))
        args = ["check", "--isolated", "--quiet", "--fix", "--unsafe-fixes"]
        args += ["--select", ",".join(DOCUMENT_RULES), str(path)]
        outcome = CliRunner().invoke(app, args, catch_exceptions=False)
        note(f"exit {outcome.exit_code}: {outcome.output}")
        assert outcome.exit_code in (0, 1)
        data = path.read_bytes()
    note(f"written: {data!r}")
    assert data.startswith(bom)
    if not bom:
        assert not data.startswith(codecs.BOM_UTF8)
    fixed = data[len(bom) :].decode(codec)
    kind = "markdown" if suffix == ".md" else "text"
    api = lintnews.fix_text(text, select=DOCUMENT_RULES, unsafe=True, kind=kind)
    assert fixed == api.text
    before, after = _line_endings(text), _line_endings(fixed)
    if before == {"\r\n"}:
        assert after <= {"\r\n"}, "a lone LF in a CRLF file"
    if before == {"\n"}:
        assert after <= {"\n"}, "a CR in an LF file"
    assert after <= before, "a new kind of line ending"
    # Only boilerplate lines go, and every other line keeps its own line ending, but
    # for the last one, which ends as the file did.
    kept = _line_ends(
        "".join(line for line in text.splitlines(keepends=True) if line.strip() not in BOILERPLATE)
    )
    if not text.endswith(("\n", "\r")):
        kept[-1] = ""
    assert _line_ends(fixed) == kept, "a line lost or changed its line ending"
    assert fixed.endswith(("\n", "\r")) == text.endswith(("\n", "\r"))


@_settings(120)
@given(
    article=articles(text_bom=False),
    encoding=st.sampled_from(ENCODINGS),
    suffix=st.sampled_from([".txt", ".md"]),
)
# WS005 once split this CRLF into CR + LF and "fixed" the blank line into CR, CR.
@example(
    article=Article("Headline\r\n\nOne.\n", ("Headline",), injected=False),
    encoding=ENCODINGS[0],
    suffix=".txt",
)
def test_cli_fix_keeps_encoding_and_line_endings(
    article: Article, encoding: tuple[str, bytes], suffix: str
) -> None:
    _check_cli_round_trip(article, encoding, suffix)
