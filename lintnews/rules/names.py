"""NM: names left in a foreign form, spelled two ways, or split by a dash."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, ClassVar

import regex

from lintnews.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.data import load_data
from lintnews.rule import CorpusRule, Option, Rule
from lintnews.rules._context import (
    ENGLISH_WORDS,
    FOREIGN_WORDS,
    is_english_context,
    is_glossed,
)
from lintnews.rules._hints import finditer_at, finditer_in_lines
from lintnews.rules._name_runs import (
    MIN_LENGTH,
    PARTICLES,
    TITLES,
    name_runs,
    partners,
    skeleton,
)
from lintnews.rules._name_variants import Form, Kept, pack, variants

_DATA = load_data("names")
EXONYMS: dict[str, str] = _DATA["exonyms"]
CONTEXTUAL: dict[str, str] = _DATA["name-context"]
_BEFORE = frozenset(_DATA["name-context-words"]["before"])
_AFTER = frozenset(_DATA["name-context-words"]["after"])

_FORMS = {**EXONYMS, **CONTEXTUAL}
_FOREIGN_FORM = regex.compile(
    r"(?<![\p{L}\p{N}])(?:"
    + "|".join(regex.escape(k) for k in sorted(_FORMS, key=len, reverse=True))
    + r")(?![\p{L}\p{N}])"
)
# Every match of _FOREIGN_FORM starts with a form as it is: the standard
# library finds these literals in a third of the time, and most texts have none.
_ANY_FORM = re.compile("|".join(re.escape(k) for k in sorted(_FORMS, key=len, reverse=True)))
_PREVIOUS_WORD = regex.compile(r"(\S+)[^\S\r\n]+$")
_NEXT_WORD = regex.compile(r"[^\S\r\n]+([\p{L}’']+)")
_POSSESSIVE = regex.compile(r"[’']s$")
_HYPHENATED = regex.compile(
    r"(?<![\p{L}\-])(?P<prev>[\p{L}’'.]+[^\S\r\n]+)?"
    r"(?P<name>\p{Lu}[\p{Ll}\p{M}]+(?:-\p{Lu}[\p{Ll}\p{M}]+)+)(?![\p{L}\-])"
)
# Every match of _HYPHENATED holds this join, and no line break. Each hint
# starts with a literal, which the engine finds far faster than a class.
_HYPHENATED_HINTS = (regex.compile(r"-(?<=[\p{Ll}\p{M}]-)(?=\p{Lu})"),)
_SPLIT = regex.compile(
    r"(?<![\p{L}\-])(?P<left>\p{Lu}[\p{Ll}\p{M}]+)"
    r"(?P<gap>[^\S\r\n]+[‐‑–—-][^\S\r\n]*|[^\S\r\n]*[‐‑–—][^\S\r\n]*|[^\S\r\n]*[‐‑–—-][^\S\r\n]+)"
    r"(?P<right>\p{Lu}[\p{Ll}\p{M}]+)(?![\p{L}\-])"
)

# Every match of _SPLIT holds one of these dashes, and no line break.
_SPLIT_HINTS = (
    regex.compile(r"-(?:(?<=[^\S\r\n]-)|(?=[^\S\r\n]))"),
    *(regex.compile(dash) for dash in "‐‑–—"),
)


class ForeignNameForm(Rule):
    """## What it does
    Flags a person or place name left in its French, German or Spanish
    form in English prose: `Vladimir Poutine`, `Nazarbaïev`, `Tokaïev`,
    `Abliazov`, `Moscou`, `Pékin`, `Moskau`. The list, with the English
    form of each, lives in `rules/data/names.toml`.

    `Poutine` is also a Canadian dish, so it is flagged only next to a first
    name or title (`Vladimir`, `President`, `Mr`, `M.`) or before a verb
    such as `said` or `told`. No form is flagged in a sentence that is not
    English (a French quote), after a foreign article (`Université libre de
    Bruxelles`), or where the writer glosses it (`Beijing (Pékin in
    French)`). `Kiev` is not listed: it is legitimate in historic and
    quoted contexts.

    ## Why is this bad?
    Articles translated from French or German agency copy keep the source
    spelling of names. English readers, and search, know Putin and Moscow.

    ## Example
    ```text
    He also thanked his ally Vladimir Poutine for his help.
    ```

    Use instead:
    ```text
    He also thanked his ally Vladimir Putin for his help.
    ```

    ## Fix safety
    The fix writes the English form. It is unsafe: it changes a name.
    """

    code = "NM001"
    name = "foreign-name-form"
    summary = "Name in its foreign (French, German, Spanish) form in English text"
    severity = Severity.WARNING
    languages = frozenset({"en"})

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        for match in finditer_at(_FOREIGN_FORM, text, _ANY_FORM):
            form = match.group()
            span = Span(*match.span())
            line = doc.index.line_span(doc.location(span.start).row)
            previous = _PREVIOUS_WORD.search(text, line.start, span.start)
            following = _NEXT_WORD.match(text, span.end, line.end)
            before = previous.group(1) if previous else ""
            after = following.group(1) if following else ""
            if form in CONTEXTUAL and before not in _BEFORE and after not in _AFTER:
                continue
            if before.lower() in FOREIGN_WORDS and before.lower() not in ENGLISH_WORDS:
                continue
            english = _FORMS[form]
            if not is_english_context(doc, span) or is_glossed(doc, span, english):
                continue
            fix = Fix.replace(span, english, f"Replace with “{english}”", safe=False)
            yield self.diagnostic(span, f"Foreign form “{form}”: English uses “{english}”", fix=fix)


class NameVariant(CorpusRule):
    """## What it does
    Flags a name that the articles of one run spell two ways, such as
    `Kassim-Jomart Tokayev` in one article and `Kassym-Jomart Tokayev` in
    four others. The rarer spelling is flagged once per article, at its
    first use, naming the usual spelling and a file that uses it.

    Spellings are variants when they differ as transliterations do: y/i/ï,
    kh/h, zh/j, q/k, ye/e, ya/ia and doubled letters (Tokayev/Tokaev,
    Mukhtar/Muhtar, Zhanaozen/Janaozen). A first name is compared only with
    the same surname, and a surname with the same first name, so that
    different people (Mohamed Salah, Mohammed bin Salman) stay apart;
    Nur-Sultan (the city) and Nursultan (the first name) differ by their
    hyphen. Without a canonical form, the usual spelling must be used more
    often and in more files than the rarer one, or at least twice as
    often, and differences of accents only
    (Erdoğan/Erdogan) or of case are left alone as house style.

    The option `canonical` lists full names in the spelling to enforce;
    any variant of one is then flagged, even in a single article:

    ```toml
    [rule-options.NM002]
    canonical = ["Kassym-Jomart Tokayev", "Mukhtar Ablyazov"]
    ```

    ## Why is this bad?
    Articles translated from different languages transliterate names each
    their own way. Readers take the variants for different people, and
    search for one misses the other.

    ## Example
    ```text
    President Kassim-Jomart Tokayev said calm had almost been restored.
    ```

    Use instead (the spelling of the rest of the run):
    ```text
    President Kassym-Jomart Tokayev said calm had almost been restored.
    ```

    ## Fix safety
    The fix writes the usual spelling over every use of the rarer one in
    the article. It is unsafe: it changes a name.
    """

    code = "NM002"
    name = "name-variant"
    summary = "A name spelled differently from the rest of the run"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Option]] = {
        "canonical": Option(list, [], "Full names in the spelling to enforce in every article.")
    }

    fixable = True

    def collect(self, doc: Document) -> Kept:
        """Each name form once, with the start and end of each of its uses (see _name_variants)."""
        found: dict[Form, list[int]] = {}

        def add(token: str, key: str, partner: str | None, start: int, end: int) -> None:
            if _compared(token):
                found.setdefault((token, key, partner), []).extend((start, end))

        for run in name_runs(doc.masked_text):
            if len(run) == 1:  # most runs: a word alone, compared with nothing
                token, start, end = run[0]
                add(token, skeleton(token), None, start, end)
                continue
            keys = [skeleton(token) for token, _, _ in run]
            for (token, start, end), key, partner in zip(run, keys, partners(keys), strict=True):
                add(token, key, partner, start, end)
        return pack(found)

    def _canonical(self) -> dict[tuple[str, str | None], str]:
        canonical: dict[tuple[str, str | None], str] = {}
        for name in self.settings["canonical"]:
            tokens = str(name).split()
            keys = [skeleton(t) for t in tokens]
            for token, key, partner in zip(tokens, keys, partners(keys), strict=True):
                canonical[(key, partner)] = token
        return canonical

    def report(self, collected: Mapping[str, Any]) -> Iterator[tuple[str, Diagnostic]]:
        for path, form, best, where, spans in variants(collected, self._canonical()):
            message = _variant_message(form, best, path, where)
            fix = Fix(
                tuple(Edit(span, best) for span in spans),
                Applicability.UNSAFE,
                f"Replace with “{best}”",
            )
            yield path, self.diagnostic(spans[0], message, fix=fix)


def _compared(token: str) -> bool:
    """Whether a word of a name is compared: long enough, and no foreign form or particle."""
    return len(token) >= MIN_LENGTH and token not in _FORMS and token not in PARTICLES


def _variant_message(form: str, best: str, path: str, where: list[str]) -> str:
    if not where:
        return f"“{form}” is a variant of the canonical spelling “{best}”"
    place = "this file" if where == [path] else ", ".join(Path(w).name for w in where[:2])
    return f"“{form}” is spelled “{best}” elsewhere in this run (in {place})"


class SplitHyphenatedName(CorpusRule):
    """## What it does
    Flags a hyphenated name broken by a spaced dash, `Forestier – Walker`,
    when the same run spells it `Forestier-Walker` in a name (after a first
    name or a title) elsewhere.

    A spaced dash between other capitalised words is a real dash and is
    left alone: `Almaty – Kazakhstan’s largest city – was calm`,
    `ALMATY (Reuters) – The`.

    ## Why is this bad?
    Translation and typesetting tools turn the hyphen of a double-barrelled
    name into a dash with spaces, so the name reads as two clauses.

    ## Example
    ```text
    “… that will help them and ordinary people,” says Forestier – Walker.
    ```

    Use instead:
    ```text
    “… that will help them and ordinary people,” says Forestier-Walker.
    ```

    ## Fix safety
    The fix writes the hyphenated form used elsewhere. It is unsafe: it
    joins two words into one name.
    """

    code = "NM003"
    name = "split-hyphenated-name"
    summary = "Hyphenated name split by a spaced dash"
    severity = Severity.WARNING

    fixable = True

    def collect(self, doc: Document) -> dict[str, list]:
        text = doc.masked_text
        hyphenated = finditer_in_lines(_HYPHENATED, text, _HYPHENATED_HINTS)
        names = sorted({m.group("name") for m in hyphenated if _is_first_name(m.group("prev"))})
        splits = [
            (f"{m.group('left')}-{m.group('right')}", m.start(), m.end())
            for m in finditer_in_lines(_SPLIT, text, _SPLIT_HINTS)
        ]
        return {"names": names, "splits": splits}

    def report(self, collected: Mapping[str, Any]) -> Iterator[tuple[str, Diagnostic]]:
        where: dict[str, list[str]] = defaultdict(list)
        for path, data in collected.items():
            for name in data["names"]:
                where[name].append(path)
        for path, data in collected.items():
            for joined, start, end in data["splits"]:
                if joined not in where:
                    continue
                place = "this file" if path in where[joined] else Path(where[joined][0]).name
                span = Span(start, end)
                fix = Fix.replace(span, joined, f"Write “{joined}”", safe=False)
                message = f"Name split by a dash: “{joined}” is hyphenated elsewhere (in {place})"
                yield path, self.diagnostic(span, message, fix=fix)


def _is_first_name(previous: str | None) -> bool:
    """Whether the word before a hyphenated name makes it a person's name."""
    if not previous:
        return False
    word = _POSSESSIVE.sub("", previous.strip())
    if word in TITLES or word.rstrip(".") in TITLES:
        return True
    return bool(regex.match(r"\p{Lu}\p{Ll}", word)) and word.lower() not in ENGLISH_WORDS
