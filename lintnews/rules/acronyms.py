"""AC: acronyms garbled or left in a foreign language by translation."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.rule import CorpusRule, Rule
from lintnews.rules._context import is_english_context, is_glossed
from lintnews.rules._expansions import (
    FOREIGN,
    Word,
    aligns,
    expansion_before,
    garbled,
    letters_of,
)
from lintnews.rules._hints import finditer_at

# A parenthesised acronym: letters only, at least two of them capitals.
_DEFINITION = regex.compile(r"\((?P<acr>\p{Lu}[\p{L}&]{1,9})\)")
_ACRONYM_TOKEN = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}\p{Ll}&]{1,9}(?![\p{L}\p{N}])")
# How every _ACRONYM_TOKEN with two capitals starts (most tokens are
# capitalised words: looking for these instead is twice as fast).
_TWO_CAPITALS = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{Ll}&]{0,8}\p{Lu}")


def definitions(doc: Document) -> tuple[tuple[regex.Match, list[Word]], ...]:
    """Each acronym defined in the document with the words before it.

    Computed once per document and shared by AC001, AC002 and AC003.
    """
    return doc.shared(_find_definitions, lambda d: tuple(_find_definitions(d)))


def _find_definitions(doc: Document) -> Iterator[tuple[regex.Match, list[Word]]]:
    for match in _DEFINITION.finditer(doc.masked_text):
        acronym = match.group("acr")
        if sum(c.isupper() for c in acronym) < 2:
            continue
        words = expansion_before(doc, match.start())
        if sum(w.content for w in words) >= 2:
            yield match, words


def defined_in_english(doc: Document) -> frozenset[str]:
    """Acronyms this document defines with an English expansion that fits them."""
    return frozenset(
        m.group("acr") for m, words in definitions(doc) if aligns(letters_of(m.group("acr")), words)
    )


_FOREIGN_PATTERN = regex.compile(
    r"(?<![\p{L}\p{N}.])(?:"
    + "|".join(regex.escape(k) for k in sorted(FOREIGN, key=len, reverse=True))
    + r")(?![\p{L}\p{N}])"
)


# Every match of _FOREIGN_PATTERN starts with a form as it is: the standard
# library finds these literals in half the time, and most texts have none.
_ANY_FOREIGN = re.compile("|".join(re.escape(k) for k in sorted(FOREIGN, key=len, reverse=True)))


def foreign_acronyms(doc: Document) -> tuple[tuple[Span, str], ...]:
    """Foreign acronyms in English prose that nobody glosses: (span, English form).

    Computed once per document and shared by AC002 and AC003.
    """
    return doc.shared(_find_foreign_acronyms, lambda d: tuple(_find_foreign_acronyms(d)))


def _find_foreign_acronyms(doc: Document) -> Iterator[tuple[Span, str]]:
    english_here: frozenset[str] | None = None
    for match in finditer_at(_FOREIGN_PATTERN, doc.masked_text, _ANY_FOREIGN):
        if english_here is None:  # worked out only for a text with a form
            english_here = defined_in_english(doc)
        form = match.group()
        if form in english_here:
            continue
        span = Span(*match.span())
        english = FOREIGN[form]
        if is_english_context(doc, span) and not is_glossed(doc, span, english):
            yield span, english


def _acronym_counts(text: str) -> dict[str, int]:
    """How often each acronym token (two capitals or more) occurs, by its upper case.

    The tokens are those of ``_ACRONYM_TOKEN.finditer(text)`` that hold two
    capitals, each found at a start of ``_TWO_CAPITALS`` that is not inside
    the token before: a token with one capital holds no such start.
    """
    counts: dict[str, int] = {}
    end = 0
    for start in _TWO_CAPITALS.finditer(text, overlapped=True):
        token = _ACRONYM_TOKEN.match(text, start.start()) if start.start() >= end else None
        if token is None:
            continue
        end = token.end()
        # Not every \p{Lu} of regex is upper case for str (Unicode versions differ).
        if sum(map(str.isupper, token.group())) > 1:
            key = token.group().upper()
            counts[key] = counts.get(key, 0) + 1
    return counts


# -- rules ------------------------------------------------------------------------


class AcronymMismatch(Rule):
    """## What it does
    Flags an acronym in brackets that nearly, but not quite, spells the
    initials of the name before it: `Collective Security Treaty Organization
    (CTSC)`. As in real acronyms, function words may give a letter or not
    (OPEC, ISIL, DoJ) and a word may give more than one (APEC, GCHQ).

    Only near misses fire: same first letter, every letter from the
    initials, at most two edits away. Letters of its own (`Federal Security
    Service (FSB)`, `National Security Committee (KNB)`) or the same letters
    reordered (`Social Democratic Party (SPD)`) mark a legitimate foreign
    acronym and are left alone, as are tickers (`NextEra Energy Inc (NEE)`).

    ## Why is this bad?
    Machine translation rebuilds an acronym from a foreign original and
    often scrambles it; readers cannot find the body under that name.

    ## Example
    ```text
    The Collective Security Treaty Organization (CTSC) said it would dispatch around 2,500 men.
    ```

    Use instead:
    ```text
    The Collective Security Treaty Organization (CSTO) said it would dispatch around 2,500 men.
    ```

    ## Fix safety
    The fix writes the initials of the name in place of the acronym. It is
    unsafe: the body may be known by another acronym altogether.
    """

    code = "AC001"
    name = "acronym-mismatch"
    summary = "Acronym in brackets does not match the initials of the name before it"
    severity = Severity.WARNING

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for match, words in definitions(doc):
            acronym = match.group("acr")
            expected = garbled(acronym, words)
            if expected is None:
                continue
            first = [w for w in words if w.content][-len(expected)]
            name = doc.text[first.start : words[-1].end]
            span = Span(*match.span("acr"))
            fix = Fix.replace(span, expected, f"Replace with “{expected}”", safe=False)
            message = f"“{acronym}” does not match the initials of “{name}” ({expected})"
            yield self.diagnostic(span, message, fix=fix)


class ForeignAcronym(Rule):
    """## What it does
    Flags the foreign-language acronym of an international body in English
    prose: `OTSC` or `ODKB` for the CSTO, `OTAN` for NATO, `ONU` for the UN,
    `UE` for the EU, `OMS` for the WHO, `EEUU` for the US. The list lives in
    `rules/data/acronyms.toml`; forms with an English reading of their own
    (`BCE`, `CPI`, `UNO`) are left out.

    A form is left alone in a sentence that is not English, where the
    writer glosses it (`the CSTO, known in Russian as ODKB`, `the CSTO
    (ODKB)`), and where the document defines it with an English name that
    fits it (`Finnish Meteorological Institute (FMI)`).

    ## Why is this bad?
    A translation engine that does not know the English acronym copies the
    source one; English readers know the CSTO, not the OTSC.

    ## Example
    ```text
    Troops were sent by members of the Collective Security Treaty Organization (OTSC).
    ```

    Use instead:
    ```text
    Troops were sent by members of the Collective Security Treaty Organization (CSTO).
    ```

    ## Fix safety
    The fix writes the English acronym. It is unsafe: it changes a word, and
    a rare text may mean another body with the same letters.
    """

    code = "AC002"
    name = "foreign-acronym"
    summary = "Foreign-language acronym of an international body in English text"
    severity = Severity.WARNING

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for span, english in foreign_acronyms(doc):
            form = doc.slice(span)
            fix = Fix.replace(span, english, f"Replace with “{english}”", safe=False)
            message = f"Foreign-language acronym “{form}”: English uses “{english}”"
            yield self.diagnostic(span, message, fix=fix)


class AcronymVariant(CorpusRule):
    """## What it does
    Flags a body that the articles of one run abbreviate two ways: one
    article defines `National Security Committee (NSC)` while the others
    write `National Security Committee (KNB)` and use `KNB` throughout. The
    rarer acronym is flagged where it is defined, naming the usual one and
    a file that uses it.

    Acronyms that differ only in case (`NATO` and `Nato`, a house style) are
    one acronym. Definitions that AC001 (a garbled acronym) or AC002 (a
    foreign one) already report are not reported again.

    ## Why is this bad?
    Articles translated or edited separately drift apart; readers of the
    run, and search, take the two acronyms for two bodies.

    ## Example
    ```text
    Kazakhstan’s National Security Committee (NSC) said its former head had been detained.
    ```

    Use instead (the acronym the other articles use):
    ```text
    Kazakhstan’s National Security Committee (KNB) said its former head had been detained.
    ```
    """

    code = "AC003"
    name = "acronym-variant"
    summary = "A body abbreviated differently from the rest of the run"
    severity = Severity.WARNING

    def collect(self, doc: Document) -> dict[str, Any]:
        foreign = {span.start for span, _ in foreign_acronyms(doc)}
        found = []
        for match, words in definitions(doc):
            acronym = match.group("acr")
            content = [w.text.lower() for w in words if w.content]
            key = " ".join(content[-len(letters_of(acronym)) :])
            reported = garbled(acronym, words) is not None or match.start("acr") in foreign
            found.append((key, acronym, *match.span("acr"), reported))
        return {"definitions": found, "counts": _acronym_counts(doc.masked_text)}

    def report(self, collected: Mapping[str, Any]) -> Iterator[tuple[str, Diagnostic]]:
        by_key: dict[str, dict[str, list[tuple[str, str, int, int, bool]]]] = defaultdict(dict)
        totals: Counter[str] = Counter()
        for path, data in collected.items():
            totals.update(data["counts"])
            for key, acronym, start, end, reported in data["definitions"]:
                uses = by_key[key].setdefault(acronym.upper(), [])
                uses.append((path, acronym, start, end, reported))
        for forms in by_key.values():
            if len(forms) < 2:
                continue
            ranked = sorted(forms, key=lambda f: -totals[f])
            best = ranked[0]
            if totals[best] <= totals[ranked[1]]:
                continue
            where = next(p for p, data in collected.items() if data["counts"].get(best))
            spelled = forms[best][0][1]
            for form in ranked[1:]:
                for path, acronym, start, end, reported in forms[form]:
                    if reported:
                        continue
                    message = (
                        f"“{acronym}” is written “{spelled}” elsewhere in this run "
                        f"({totals[best]} times, e.g. in {Path(where).name})"
                    )
                    yield path, self.diagnostic(Span(start, end), message)
