"""PN: punctuation damaged by translation or scraping."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import ClassVar

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.data import string_set
from lintnews.rule import Option, Rule

_SPACE = r"[^\S\r\n]"
# What may open a word: a bracket or a quotation mark.
_OPENERS = "([{“‘\"'«"
_EXTRA_ABBREVIATIONS = Option(list, [], "Abbreviations to add to the built-in list, as “Obl.”")


class DoubledPeriod(Rule):
    """## What it does
    Flags a sentence that ends in two periods, with or without a space
    between them: `unsafe. .`, `in 2019..`.

    ## Why is this bad?
    Machine translation and copy-and-paste between systems often leave a
    second period behind when a sentence is re-joined. No style guide uses
    two periods to end a sentence, so the second is always noise.

    An ellipsis is not a doubled period: `...`, `…` and the spaced
    `. . .` (with thin or plain spaces) of some house styles are left alone.

    ## Example
    ```text
    The situation in the city remains unsafe. .
    ```

    Use instead:
    ```text
    The situation in the city remains unsafe.
    ```

    ## Fix safety
    The fix deletes the second period and the space before it. It is safe:
    no word changes.
    """

    code = "PN001"
    name = "doubled-period"
    summary = "Sentence ends in two periods"
    severity = Severity.ERROR

    # Exactly two periods: not part of a run of three (an ellipsis, spaced
    # or not), and not next to an ellipsis character.
    PATTERN = regex.compile(rf"(?<![.…]{_SPACE}*)\.(?P<gap>{_SPACE}*)\.(?!{_SPACE}*[.…])")

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for match in self.PATTERN.finditer(doc.masked_text):
            span = Span(*match.span())
            second = Span(match.start("gap"), match.end())
            fix = Fix.replace(second, "", "Remove the second period")
            yield self.diagnostic(span, "Sentence ends in two periods", fix=fix)


class PeriodBeforeComma(Rule):
    """## What it does
    Flags a period directly followed by a comma, with or without a space
    between them: `in 2014. , to put together`, `the protesters., who`.

    ## Why is this bad?
    A period followed by a comma is what is left when a translation engine
    or an editor splits and re-joins a sentence: one of the two marks is
    stray, and usually a fragment of the sentence around it is garbled too.
    The damaged phrase has to be read again by a person.

    A period that closes an abbreviation may be followed by a comma
    (`Apple Inc., the`, `etc.,`, `the U.S., Russia`): those are left alone.
    The abbreviations live in `rules/data/abbreviations.toml`; add your own
    with the `extra-abbreviations` option.

    ## Example
    ```text
    Ukraine, whose Crimean peninsula Russia seized in 2014. , to put together.
    ```

    Use instead:
    ```text
    Ukraine, whose Crimean peninsula Russia seized in 2014.
    ```
    """

    code = "PN002"
    name = "period-before-comma"
    summary = "Period followed by a comma"
    severity = Severity.ERROR
    options: ClassVar[Mapping[str, Option]] = {"extra-abbreviations": _EXTRA_ABBREVIATIONS}

    # Not a period of an ellipsis or a doubled period.
    PATTERN = regex.compile(rf"(?<![.…]{_SPACE}*)\.(?P<gap>{_SPACE}*),")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        abbreviations = _abbreviations(self.settings["extra-abbreviations"])
        for match in self.PATTERN.finditer(text):
            # “Inc.,” is fine; a space between the marks never is.
            if not match.group("gap") and _closes_abbreviation(text, match.start(), abbreviations):
                continue
            yield self.diagnostic(Span(*match.span()), "Period followed by a comma")


class SplitSentence(Rule):
    """## What it does
    Flags a period followed by a word in lowercase, a sign that a sentence
    was split in two: `calling “absurd” calls to negotiate. with the
    protesters`, `those who do not surrender will be annihilated,” he said.
    declared.`

    ## Why is this bad?
    Machine translation sometimes ends a sentence in the middle of a clause
    and carries on in lowercase, or leaves a second verb of saying behind.
    Either the period is stray or words are missing; a person has to read
    the sentence again, so no fix is offered.

    A period after an abbreviation (`Mr.`, `vs.`, `etc.`, `Inc.`, `Jan.`),
    a dotted acronym (`U.S.`, `e.g.`, `a.m.`), an initial (`George W.
    Bush`, `E. coli`) or in an ellipsis (`...`, `. . .`) is left alone, and
    so is a following word that is lowercase by design: a brand (`iPhone`,
    `eBay`), a web address (`reuters.com`) or a name particle (`de`, `van`,
    `von`, `al`). A numbered list item (`1. the first point`) is left alone
    too. The lists live in `rules/data/abbreviations.toml`; add your own
    abbreviations with the `extra-abbreviations` option.

    ## Example
    ```text
    The anti-terrorist actions are ongoing. would continue until the activists were eliminated.
    ```

    Use instead:
    ```text
    The anti-terrorist actions are ongoing and would continue until the activists were eliminated.
    ```
    """

    code = "PN003"
    name = "split-sentence"
    summary = "Period followed by a lowercase word: the sentence looks split"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Option]] = {"extra-abbreviations": _EXTRA_ABBREVIATIONS}

    # The period closes a word (not an ellipsis, not a lone period); the next
    # word may follow an opening quotation mark.
    PATTERN = regex.compile(
        r"(?<=[\p{L}\p{N}\p{M})\]”’\"'])\.(?P<gap>\s+)[“‘\"']?"
        r"(?P<word>\p{Ll}[\p{L}\p{M}’'\-]*)(?P<rest>\S*)"
    )
    # What may close the next word without making it an address or a code.
    TRAILING = ".,;:!?)]”’\"'…"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        abbreviations = _abbreviations(self.settings["extra-abbreviations"])
        starters = string_set("abbreviations", "lowercase-starters")
        for match in self.PATTERN.finditer(text):
            word = match.group("word")
            if (
                not _same_paragraph(match.group("gap"), doc.kind)
                or _closes_abbreviation(text, match.start(), abbreviations)
                or _is_list_marker(text, match.start())
                or word.lower() in starters
                or not word.islower()  # iPhone, eBay, mRNA
                or match.group("rest").rstrip(self.TRAILING)  # reuters.com, http://
            ):
                continue
            span = Span(match.start(), match.end("word"))
            yield self.diagnostic(
                span, f"Sentence looks split: a period is followed by lowercase “{word}”"
            )


class SpaceBeforePunctuation(Rule):
    """## What it does
    Flags a space before a comma, period, semicolon, colon, exclamation
    mark or question mark: `the main airport of Almaty , picked up`,
    `Tokayev a déclaré : “…”`, `Why ?`.

    ## Why is this bad?
    English never puts a space before these marks. French typography puts a
    (no-break) space before `; : ! ?`, and translation engines and scrapers
    leave such spaces behind, as well as spaces before commas where a word
    was dropped or a tag removed.

    The spaced ellipsis `. . .` of some house styles, emoticons (`:)`),
    times, scores and ratios (`3 : 1`) and file extensions (` .pdf`) are left
    alone.

    ## Example
    ```text
    dozens dead and more than a thousand injured , according to the authorities.
    ```

    Use instead:
    ```text
    dozens dead and more than a thousand injured, according to the authorities.
    ```

    ## Fix safety
    The fix deletes the spaces before the mark. It is safe: no word changes.
    """

    code = "PN004"
    name = "space-before-punctuation"
    summary = "Space before a comma, period, semicolon, colon, ! or ?"
    severity = Severity.ERROR

    # After a word, a number or a closing mark; a period that starts a spaced
    # ellipsis is not a candidate.
    PATTERN = regex.compile(
        rf"(?<=[\p{{L}}\p{{N}}\p{{M}})\]”’\"'%])(?P<gap>{_SPACE}+)"
        rf"(?P<mark>[,;:!?]|\.(?!{_SPACE}*\.))"
    )
    # What may follow each mark for it to be the punctuation of a sentence.
    FOLLOWERS: ClassVar[Mapping[str, str | None]] = {
        ",": None,  # anything
        ".": ")]”’\"'",
        ";": "",
        ":": "",
        "!": ")]”’\"'!?",
        "?": ")]”’\"'!?",
    }
    RATIO = regex.compile(rf"\d{_SPACE}+:{_SPACE}+\d")

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        for match in self.PATTERN.finditer(text):
            gap = Span(*match.span("gap"))
            mark = match.group("mark")
            if not doc.slice(gap).isspace() or not self._ends_clause(text, match):
                continue
            fix = Fix.replace(gap, "", f"Remove the space before “{mark}”")
            span = Span(gap.start, match.end())
            yield self.diagnostic(span, f"Space before “{mark}”", fix=fix)

    def _ends_clause(self, text: str, match: regex.Match) -> bool:
        mark, end = match.group("mark"), match.end()
        after = text[end : end + 1]
        allowed = self.FOLLOWERS[mark]
        if allowed is not None and after and not after.isspace() and after not in allowed:
            return False  # :) .pdf :30
        return not (mark == ":" and self.RATIO.match(text, match.start() - 1))


class ParenthesizedEllipsis(Rule):
    """## What it does
    Flags the French elision mark `(…)` or `(...)`, which marks words left
    out of a quotation: `“Constitutional order has been largely restored in
    all regions of the country (…) The local authorities are controlling
    the situation”`.

    ## Why is this bad?
    French (and Spanish, Italian, German) newsrooms mark a cut in a quotation
    with an ellipsis in parentheses. English uses square brackets, `[…]`, or
    a bare ellipsis, so `(…)` in an English article betrays a translation
    that kept the source's typography. The cut itself is fine.

    ## Example
    ```text
    “We are ready and mobilized to (…) be active” if necessary, Macron added.
    ```

    Use instead:
    ```text
    “We are ready and mobilized to […] be active” if necessary, Macron added.
    ```

    ## Fix safety
    The fix replaces the `(…)` with `[…]`. It is unsafe: the house style
    may want a bare ellipsis instead, and an editor should look at the cut.
    """

    code = "PN005"
    name = "parenthesized-ellipsis"
    summary = "French elision mark “(…)” in an English text; English uses “[…]”"
    severity = Severity.WARNING

    PATTERN = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}_])\({_SPACE}*(?:…|\.{_SPACE}?\.{_SPACE}?\.){_SPACE}*\)"
    )

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for match in self.PATTERN.finditer(doc.masked_text):
            span = Span(*match.span())
            fix = Fix.replace(span, "[…]", "Replace with “[…]”", safe=False)
            message = f"French elision mark “{match.group()}”; English uses “[…]”"
            yield self.diagnostic(span, message, fix=fix)


class CapitalAfterComma(Rule):
    """## What it does
    Flags a conjunction or relative pronoun written with a capital letter
    right after a comma: `were “liquidated”, While 18 police officers were
    killed`.

    ## Why is this bad?
    Translation engines and editors who re-join two sentences with a comma
    leave the capital of the second sentence behind. Words such as *while*,
    *although*, *but* or *which* never start a name after a comma in running
    text, so the capital is always a leftover. The list is data, in
    `rules/data/punctuation-conjunctions.toml`; words that may start a name
    or a title (*The*, *That*, *When*) are not in it.

    ## Example
    ```text
    Officials said 26 “armed criminals” were “liquidated”, While 18 police died.
    ```

    Use instead:
    ```text
    Officials said 26 “armed criminals” were “liquidated”, while 18 police died.
    ```

    ## Fix safety
    The fix lowercases the first letter. It is safe: only the case changes.
    """

    code = "PN006"
    name = "capital-after-comma"
    summary = "Conjunction capitalised after a comma, as if a new sentence began"
    severity = Severity.WARNING
    fixable = True

    PATTERN = regex.compile(rf",[”’\"')\]]?{_SPACE}+(?P<word>\p{{Lu}}\p{{Ll}}+)\b")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        words = string_set("punctuation-conjunctions", "conjunctions")
        for match in self.PATTERN.finditer(doc.masked_text):
            word = match["word"]
            if word.lower() not in words:
                continue
            span = Span(*match.span("word"))
            lower = word[0].lower() + word[1:]
            fix = Fix.replace(Span(span.start, span.start + 1), lower[0], f"Write “{lower}”")
            yield self.diagnostic(span, f"“{word}” after a comma takes a small letter", fix=fix)


# -- helpers shared by the rules above ------------------------------------


class _AbbreviationSet:
    """Abbreviations as listed: lowercase entries match in any case."""

    def __init__(self, entries: Iterable[str]) -> None:
        self.exact = frozenset(e for e in entries if e != e.lower())
        self.any_case = frozenset(e for e in entries if e == e.lower())

    def __contains__(self, word: str) -> bool:
        return word in self.exact or word.lower() in self.any_case


def _abbreviations(extra: Iterable[object]) -> _AbbreviationSet:
    entries = set(string_set("abbreviations", "abbreviations"))
    entries.update(e if e.endswith(".") else f"{e}." for e in extra if isinstance(e, str) and e)
    return _AbbreviationSet(entries)


def _word_start(text: str, end: int) -> int:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


def _closes_abbreviation(text: str, period: int, abbreviations: _AbbreviationSet) -> bool:
    """Whether the period at ``period`` ends an abbreviation, initial or dotted acronym."""
    word = text[_word_start(text, period) : period + 1].lstrip(_OPENERS)
    stem = word[:-1]
    if "." in stem:  # U.S., e.g., a.m., kazakhstan.gov.kz
        return True
    if len(stem) == 1 and stem.isalpha():  # J. K. Rowling, E. coli
        return True
    return word in abbreviations


def _is_list_marker(text: str, period: int) -> bool:
    """A number opening its line, as in “1. the first point”."""
    start = _word_start(text, period)
    line_start = text.rfind("\n", 0, start) + 1
    return text[start:period].isdigit() and not text[line_start:start].strip()


def _same_paragraph(gap: str, kind: str) -> bool:
    # Plain text holds a paragraph on a line; Markdown wraps paragraphs.
    breaks = gap.count("\n") + gap.count("\r") - gap.count("\r\n")
    return breaks == 0 or (kind == "markdown" and breaks == 1)
