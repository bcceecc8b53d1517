"""AC: acronyms garbled or left in a foreign language by translation."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.data import load_data
from lintnews.rule import CorpusRule, Rule
from lintnews.rules._context import is_english_context, is_glossed

_DATA = load_data("acronyms")
FOREIGN: dict[str, str] = _DATA["foreign"]
FUNCTION_WORDS = frozenset(_DATA["expansion"]["function-words"])
CORPORATE_WORDS = frozenset(_DATA["expansion"]["corporate-words"])
LEGITIMATE = frozenset(_DATA["legitimate"]["acronyms"])
# A parenthesised acronym: letters only, at least two of them capitals.
_DEFINITION = regex.compile(r"\((?P<acr>\p{Lu}[\p{L}&]{1,9})\)")
# The words of an expansion (hyphens, apostrophes, a dotted U.S.), and the
# run of them, each followed by spaces, that ends at the bracket.
_EXPANSION_WORD = r"(?:(?:\p{Lu}\.){2,}|[\p{L}\p{N}&][\p{L}\p{M}\p{N}’'\-]*)"
_WORD_TOKEN = regex.compile(_EXPANSION_WORD)
_WORD_RUN = regex.compile(
    rf"(?<![^\s]){_EXPANSION_WORD}(?:[^\S\r\n]+{_EXPANSION_WORD})*[^\S\r\n]+$"
)
_ACRONYM_TOKEN = regex.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}\p{Ll}&]{1,9}(?![\p{L}\p{N}])")


# -- expansions -------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One word of an expansion and the letters it may give the acronym."""

    text: str
    start: int
    end: int
    entry: str  # the letter the word must give when it gives any
    rest: str  # further letters it may give, in order (GCHQ: Headquarters)
    optional: bool  # may give none: function words, embedded acronyms

    @property
    def content(self) -> bool:
        return self.text.lower() not in FUNCTION_WORDS


def _word(text: str, start: int) -> Word | None:
    """A word of an expansion, or None for a word that ends it."""
    bare = regex.sub(r"(?:[’']s|[’'])$", "", text)
    if not bare:
        return None
    letters = regex.sub(r"[^\p{L}]", "", bare).upper()
    if bare.lower() in FUNCTION_WORDS:
        return Word(bare, start, start + len(bare), bare[0].upper(), letters[1:], True)
    if not letters:
        return None
    capital = regex.search(r"\p{Lu}", bare)
    if capital is None or bare[0].isdigit():
        return None
    if capital.start() > 0 and not regex.match(r"\p{Ll}+-\p{Lu}", bare):
        return None  # a lower-case word ends the expansion ("al-Sham" does not)
    entry = capital.group()
    is_acronym = len(letters) >= 2 and bare.replace(".", "").isupper()
    rest = letters[letters.index(entry) + 1 :]
    return Word(bare, start, start + len(bare), entry, rest, is_acronym)


def expansion_before(doc: Document, position: int) -> list[Word]:
    """The capitalised words that end just before ``position`` (an open bracket)."""
    text = doc.masked_text
    run = _WORD_RUN.search(text, max(doc.paragraph_at(position).start, position - 200), position)
    words: list[Word] = []
    for token in reversed(list(_WORD_TOKEN.finditer(text, *run.span())) if run else []):
        word = _word(token.group(), token.start())
        if word is None:
            break
        words.insert(0, word)
    while words and not words[0].content:
        words.pop(0)
    while words and not words[-1].content:
        words.pop()
    return words


def aligns(acronym: str, words: list[Word]) -> bool:
    """Whether ``acronym`` abbreviates some run of ``words`` ending with the last.

    Stricter than Schwartz & Hearst (2003), who let any letter of the long form
    match: here every content word must give its first letter, in order, and
    may give more from inside it (RUSADA, GCHQ); function words and embedded
    acronyms (UN, U.S.) may give their first letter or nothing.
    """
    n, m = len(acronym), len(words)

    @functools.cache
    def from_word(i: int, j: int) -> bool:
        if j == m:
            return i == n
        word = words[j]
        if word.optional and from_word(i, j + 1):
            return True
        return i < n and acronym[i] == word.entry and inside(i + 1, j, 0)

    @functools.cache
    def inside(i: int, j: int, k: int) -> bool:
        if from_word(i, j + 1):
            return True
        rest = words[j].rest
        if i == n:
            return False
        position = rest.find(acronym[i], k)
        while position != -1:
            if inside(i + 1, j, position + 1):
                return True
            position = rest.find(acronym[i], position + 1)
        return False

    return any(from_word(0, j) for j in range(m) if words[j].content)


def damerau(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbouring letters as one edit."""
    d = {(i, j): max(i, j) for i in range(len(a) + 1) for j in range(len(b) + 1) if not i * j}
    for i, j in ((i, j) for i in range(1, len(a) + 1) for j in range(1, len(b) + 1)):
        d[i, j] = min(d[i - 1, j] + 1, d[i, j - 1] + 1, d[i - 1, j - 1] + (a[i - 1] != b[j - 1]))
        if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
            d[i, j] = min(d[i, j], d[i - 2, j - 2] + 1)
    return d[len(a), len(b)]


def letters_of(acronym: str) -> str:
    return regex.sub(r"[^\p{L}]", "", acronym).upper()


def garbled(acronym: str, words: list[Word]) -> str | None:
    """The initials ``acronym`` should have been, when it is a garbling of them.

    Fires only on a near miss: same first letter, every letter taken from the
    initials, at most two edits away, and not the same letters reordered
    (a reordering is how a legitimate foreign acronym looks: SPD, FARC, PRI).
    """
    letters = letters_of(acronym)
    n = len(letters)
    content = [w for w in words if w.content]
    if n < 3 or len(content) < n or sum(c.isupper() for c in acronym) < 2:
        return None
    if acronym in LEGITIMATE or acronym in FOREIGN:
        return None
    if any(w.text in CORPORATE_WORDS for w in words):
        return None
    expected = "".join(w.entry for w in content[-n:])
    if (
        letters[0] != expected[0]
        or sorted(letters) == sorted(expected)
        or not set(letters) <= set(expected)
        or damerau(letters, expected) > 2
        or aligns(letters, words)
    ):
        return None
    return expected


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


def foreign_acronyms(doc: Document) -> tuple[tuple[Span, str], ...]:
    """Foreign acronyms in English prose that nobody glosses: (span, English form).

    Computed once per document and shared by AC002 and AC003.
    """
    return doc.shared(_find_foreign_acronyms, lambda d: tuple(_find_foreign_acronyms(d)))


def _find_foreign_acronyms(doc: Document) -> Iterator[tuple[Span, str]]:
    english_here = defined_in_english(doc)
    for match in _FOREIGN_PATTERN.finditer(doc.masked_text):
        form = match.group()
        if form in english_here:
            continue
        span = Span(*match.span())
        english = FOREIGN[form]
        if is_english_context(doc, span) and not is_glossed(doc, span, english):
            yield span, english


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
        tokens = (m.group() for m in _ACRONYM_TOKEN.finditer(doc.masked_text))
        counts = Counter(t.upper() for t in tokens if sum(c.isupper() for c in t) > 1)
        return {"definitions": found, "counts": dict(counts)}

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
