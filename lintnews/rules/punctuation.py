"""PN: punctuation damaged by translation or scraping."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import ClassVar

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.data import string_set
from lintnews.rule import Option, Rule
from lintnews.rules._candidates import HSPACE, HSPACE_CHARS, finditer, run_start
from lintnews.rules._periods import (
    closes_abbreviation,
    is_list_marker,
    known_abbreviations,
    same_paragraph,
)

_SPACE = r"[^\S\r\n]"
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
    # Where a match may start: the part of it with no lookaround.
    START = re.compile(rf"\.[{HSPACE}]*\.")

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for match in finditer(self.PATTERN, self.START, doc.masked_text):
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
    # Where a match may start: the part of it with no lookaround.
    START = re.compile(rf"\.[{HSPACE}]*,")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        abbreviations = known_abbreviations(self.settings["extra-abbreviations"])
        for match in finditer(self.PATTERN, self.START, text):
            # “Inc.,” is fine; a space between the marks never is.
            if not match.group("gap") and closes_abbreviation(text, match.start(), abbreviations):
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
    # Where a match may start: a period, spaces (what \s is to regex) and,
    # perhaps after a quotation mark, a letter that may be lowercase: a-z,
    # or any character outside ASCII but the two opening marks.
    START = re.compile(rf"\.[{HSPACE}\n\r]+[“‘\"']?[^\x00-`{{-\x7f“‘]")
    # What may close the next word without making it an address or a code.
    TRAILING = ".,;:!?)]”’\"'…"

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        abbreviations = known_abbreviations(self.settings["extra-abbreviations"])
        starters = string_set("abbreviations", "lowercase-starters")
        for match in finditer(self.PATTERN, self.START, text):
            word = match.group("word")
            if (
                not same_paragraph(match.group("gap"), doc.kind)
                or closes_abbreviation(text, match.start(), abbreviations)
                or is_list_marker(text, match.start())
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

    # Spaces after a word, a number or a closing mark, then the mark; a
    # period that starts a spaced ellipsis is not one. Every such match ends
    # in a mark after a space: ``re`` finds those few marks fast (looking for
    # the marks first, then back), and the rest is checked at each of them.
    CANDIDATE = re.compile(f"[,;:!?.](?<=[{HSPACE}].)")
    BEFORE = regex.compile(r"[\p{L}\p{N}\p{M})\]”’\"'%]")
    ELLIPSIS_AFTER = regex.compile(rf"{_SPACE}*\.")
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
        for start, end in self._spaced_marks(text):
            gap, mark = Span(start, end - 1), text[end - 1]
            if not doc.slice(gap).isspace() or not self._ends_clause(text, start, end):
                continue
            fix = Fix.replace(gap, "", f"Remove the space before “{mark}”")
            yield self.diagnostic(Span(start, end), f"Space before “{mark}”", fix=fix)

    def _spaced_marks(self, text: str) -> Iterator[tuple[int, int]]:
        """Start and end of each run of spaces after a word, with the mark after it."""
        for hit in self.CANDIDATE.finditer(text):
            end = hit.end()
            start = run_start(text, end - 1, HSPACE_CHARS)  # all the spaces are one gap
            if start == 0 or not self.BEFORE.match(text, start - 1):
                continue
            if text[end - 1] == "." and self.ELLIPSIS_AFTER.match(text, end):
                continue
            yield start, end

    def _ends_clause(self, text: str, start: int, end: int) -> bool:
        mark, after = text[end - 1], text[end : end + 1]
        allowed = self.FOLLOWERS[mark]
        if allowed is not None and after and not after.isspace() and after not in allowed:
            return False  # :) .pdf :30
        return not (mark == ":" and self.RATIO.match(text, start - 1))


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
    triggers = ("(",)

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
        for match in finditer(self.PATTERN, _comma_capitals(words), doc.masked_text):
            word = match["word"]
            if word.lower() not in words:
                continue
            span = Span(*match.span("word"))
            lower = word[0].lower() + word[1:]
            fix = Fix.replace(Span(span.start, span.start + 1), lower[0], f"Write “{lower}”")
            yield self.diagnostic(span, f"“{word}” after a comma takes a small letter", fix=fix)


# -- helpers --------------------------------------------------------------


@functools.cache
def _comma_capitals(words: frozenset[str]) -> re.Pattern:
    """Where a match of PN006 may start: a comma, then the capital of one of ``words``.

    A word that lowercases to a listed one starts with the capital of its
    first letter when it starts with an ASCII letter; any other start is a
    character outside ASCII (the Kelvin sign lowercases to k), though not a
    curly quotation mark.
    """
    capitals = sorted({re.escape(w[0].upper()) for w in words if w[:1].isascii()})
    first = "|".join([r"[^\x00-\x7f“”‘’]", *capitals])
    return re.compile(rf",[”’\"')\]]?[{HSPACE}]+(?:{first})")
