"""NU: numbers written the way the source language writes them."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.data import string_set
from lintnews.rule import Rule

_SPACE = r"[^\S\r\n]"
# Spaces that French, Russian and SI typography group digits with.
_GROUP_SPACE = "[ \u00a0\u202f\u2009]"
_SPACE_NAMES = {
    " ": "a space",
    "\u00a0": "a no-break space (U+00A0)",
    "\u202f": "a narrow no-break space (U+202F)",
    "\u2009": "a thin space (U+2009)",
}
_DATA = "numbers-words"


class DecimalComma(Rule):
    """## What it does
    Flags a decimal comma before a unit or an amount: `2,5 million`,
    `1,2 billion tenge`, `3,75 percent`, `0,5%`.

    ## Why is this bad?
    French, Russian, German and most other languages write decimals with a
    comma; English uses a point. A translation that keeps `2,5 million`
    makes English readers see a typo or, worse, “two thousand five
    hundred”.

    Only a comma followed by one or two digits and then a unit or an amount
    word (`million`, `percent`, `%`, `tenge`, `km`…) is flagged, so
    thousands separators (`2,500`, `20,000-strong`, `1,234,567`) and lists
    (`1, 2 and 3`, `in 2019, 2020`) are left alone. The words live in
    `rules/data/numbers-words.toml`.

    ## Example
    ```text
    The central bank raised its key rate to 3,75 percent.
    ```

    Use instead:
    ```text
    The central bank raised its key rate to 3.75 percent.
    ```

    ## Fix safety
    The fix replaces the comma with a point. It is unsafe: it changes a
    number, and a person should check the source.
    """

    code = "NU001"
    name = "decimal-comma"
    summary = "Decimal comma in a number (“2,5 million”); English uses a point"
    severity = Severity.WARNING

    # Exactly one or two digits after the comma, not part of a longer list.
    PATTERN = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}.,]|\d{_GROUP_SPACE})(?P<whole>\d{{1,3}}),(?P<fraction>\d{{1,2}})(?!\p{{N}})"
        rf"{_SPACE}?(?P<unit>%|[\p{{L}}°][\p{{L}}\p{{N}}/]*)"
    )
    # What every match contains: a comma, one or two digits, no third. A
    # short pattern that starts with a literal: cheap to search for, and
    # thousands separators (“3,800”) fail it.
    NEEDED = regex.compile(r",\d{1,2}(?!\p{N})")

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        if not self.NEEDED.search(text):
            return
        units = string_set(_DATA, "decimal-units")
        for match in self.PATTERN.finditer(text):
            unit = match.group("unit")
            if unit != "%" and unit.lower() not in units:
                continue
            span = Span(match.start(), match.end("fraction"))
            decimal = f"{match.group('whole')}.{match.group('fraction')}"
            fix = Fix.replace(span, decimal, f"Write “{decimal}”", safe=False)
            message = f"Decimal comma in “{doc.slice(span)}”; English writes “{decimal}”"
            yield self.diagnostic(span, message, fix=fix)


class SpaceGroupedThousands(Rule):
    """## What it does
    Flags a number whose thousands are grouped with spaces: `3 800 people`,
    `20 000 troops`, `1 234 567`, with plain, no-break (U+00A0), narrow
    no-break (U+202F) or thin (U+2009) spaces.

    ## Why is this bad?
    French and Russian typography group digits with a (narrow no-break)
    space; English news writes `3,800`. A translation that keeps the spaces
    reads as two numbers (“3” and “800”), and a line break may split it.

    The rule is strict: a lead group of one to three digits, then groups of
    exactly three digits with the same space, and no digit group right
    before or after. A number after a month or a label (`on March 3 200
    protesters`, `Article 3 100 deputies`) is left alone; those words live
    in `rules/data/numbers-words.toml`.

    ## Example
    ```text
    More than 3 800 people have been arrested, the ministry said.
    ```

    Use instead:
    ```text
    More than 3,800 people have been arrested, the ministry said.
    ```

    ## Fix safety
    The fix writes commas between the groups, and a point for a decimal
    comma after them (`1 234,5` becomes `1,234.5`). It is unsafe: if the
    digits are two numbers after all, the fix merges them.
    """

    code = "NU002"
    name = "space-grouped-thousands"
    summary = "Thousands grouped with spaces (“3 800”); English uses commas"
    severity = Severity.WARNING

    PATTERN = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}\p{{M}}.,:+\-–/#№]|\d{_GROUP_SPACE})"
        rf"(?P<lead>[1-9]\d{{0,2}})(?P<sep>{_GROUP_SPACE})\d{{3}}(?:(?P=sep)\d{{3}})*"
        rf"(?P<decimal>,\d+)?(?!\p{{N}}|{_GROUP_SPACE}\d|[.,]\d)"
    )
    # What every match contains, in a pattern that starts with a class of
    # ASCII digits, which regex searches for fast.
    NEEDED = regex.compile(rf"[1-9]\d{{0,2}}{_GROUP_SPACE}\d{{3}}")
    WORD_BEFORE = regex.compile(rf"([\p{{L}}\p{{N}}\-]+)\.?{_SPACE}+$")

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        if not self.NEEDED.search(text):
            return
        labels = string_set(_DATA, "separate-after")
        for match in self.PATTERN.finditer(text):
            before = self.WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
            if before and before.group(1).lower() in labels:
                continue
            span = Span(*match.span())
            number = doc.slice(span)
            separator = match.group("sep")
            english = number.replace(",", ".").replace(separator, ",")
            fix = Fix.replace(span, english, f"Write “{english}”", safe=False)
            message = (
                f"Thousands grouped with {_SPACE_NAMES[separator]} in “{number}”; "
                f"English writes “{english}”"
            )
            yield self.diagnostic(span, message, fix=fix)


class SpaceBeforePercent(Rule):
    """## What it does
    Flags a space between a number and the percent sign: `20 %`, `3,5 %`,
    with a plain or a no-break space.

    ## Why is this bad?
    French typography puts a (no-break) space before `%`; English news
    writes `20%` (or `20 percent`, `20 per cent`). A translation that keeps
    the space looks sloppy, and a line break may strand the sign.

    ## Example
    ```text
    The country accounts for nearly 20 % of global bitcoin mining.
    ```

    Use instead:
    ```text
    The country accounts for nearly 20% of global bitcoin mining.
    ```

    ## Fix safety
    The fix deletes the space. It is safe: no word or number changes.
    """

    code = "NU003"
    name = "space-before-percent"
    summary = "Space between a number and “%”"
    severity = Severity.WARNING

    # Spaces after a digit, then “%”. The pattern starts at the “%” and looks
    # back: regex searches for a literal fast, but tries a pattern that
    # starts with a lookbehind at every position of a text that has one.
    PATTERN = regex.compile(rf"%(?<=\d(?P<gap>{_SPACE}+)%)")
    triggers = ("%",)

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for match in self.PATTERN.finditer(doc.masked_text):
            gap = Span(*match.span("gap"))
            if not doc.slice(gap).isspace():  # masked Markdown, not a space
                continue
            fix = Fix.replace(gap, "", "Remove the space before “%”")
            yield self.diagnostic(Span(gap.start, match.end()), "Space before “%”", fix=fix)


class ForeignOrdinal(Rule):
    """## What it does
    Flags an ordinal number written with a French, Spanish, Portuguese or
    Italian suffix: `1er`, `1re`, `3ème`, `2ᵉ`, `2ª`, `1.º`, and `2e` or
    `3º` before a word such as a month, `arrondissement` or `century`.

    ## Why is this bad?
    English writes `1st`, `2nd`, `3rd`, `4th`. A translation that keeps
    `1er January` or `the 20e arrondissement` shows its source language.

    Forms that are never English are always flagged. The short `e` and `º`
    are flagged only before a word that takes an ordinal (listed in
    `rules/data/numbers-words.toml`), so that `5e` (a game's fifth
    edition), `1e-6` and `25º C` (a degree sign typed as `º`) are left
    alone. `1er Cru` (a wine classification) is left alone too.

    ## Example
    ```text
    The curfew will remain in force until 1er February, the government said.
    ```

    Use instead:
    ```text
    The curfew will remain in force until 1st February, the government said.
    ```

    ## Fix safety
    The fix writes the English ordinal (`1st`). It is unsafe: the date or
    phrase around it often needs rewording too (`February 1`).
    """

    code = "NU004"
    name = "foreign-ordinal"
    summary = "Ordinal with a foreign suffix (“1er”, “3ème”, “2ª”); English writes “1st”"
    severity = Severity.WARNING

    PATTERN = regex.compile(
        r"(?<![\p{L}\p{N}\p{M}.,])(?P<number>\d{1,4})"
        r"(?P<suffix>ème|eme|ère|ere|er|re|e|ᵉʳ|ᵉ|ª|\.º|\.ª|º)(?![\p{L}\p{N}\p{M}])"
        rf"(?={_SPACE}*(?P<next>[\p{{L}}\p{{M}}]*))"
    )
    # What every match contains: a digit and the first character of a suffix.
    NEEDED = regex.compile(r"\d(?:[eèrᵉªº]|\.[ºª])")
    # Suffixes that belong to “1” only: premier, première.
    FIRST_ONLY = frozenset({"er", "re", "ère", "ere"})
    # Suffixes that need a following word to be read as ordinals.
    AMBIGUOUS = frozenset({"e", "º"})

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        if not self.NEEDED.search(text):
            return
        nouns = string_set(_DATA, "ordinal-nouns")
        for match in self.PATTERN.finditer(text):
            number, suffix = match.group("number"), match.group("suffix")
            following = match.group("next").lower()
            if suffix in self.FIRST_ONLY and (number != "1" or following == "cru"):
                continue
            if suffix in self.AMBIGUOUS and following not in nouns:
                continue
            span = Span(match.start(), match.end("suffix"))
            english = _english_ordinal(int(number))
            fix = Fix.replace(span, english, f"Write “{english}”", safe=False)
            message = f"Foreign ordinal “{doc.slice(span)}”; English writes “{english}”"
            yield self.diagnostic(span, message, fix=fix)


def _english_ordinal(number: int) -> str:
    suffix = "th"
    if not 10 <= number % 100 <= 20:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
