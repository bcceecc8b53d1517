"""NM002's statistics: what it keeps of each article, and how it decides across a run.

A run over an archive keeps, for every article, the name forms it uses
until every article is in. That has to stay small: an article keeps one
tuple of its forms (each a ``(word, skeleton, partner)`` that the run shares
between articles) and one array of integers, the number of uses of each
form followed by their starts and ends.

Deciding reads these twice, never building a list of every use: once to
count each spelling's uses and files per name, then, for the few names
spelled two ways, again to find where the rare spellings are.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from lintnews.diagnostics import Span
from lintnews.rules._name_runs import fold

#: A word of a name, its skeleton, and its partner's skeleton ("<" before it, ">" after).
Form = tuple[str, str, "str | None"]
#: What NM002 keeps of one article: its forms, and per form a count then starts and ends.
Kept = tuple[tuple[Form, ...], array]
Group = tuple[str, "str | None"]


def pack(uses: Mapping[Form, list[int]]) -> Kept:
    """One article's forms, each with its flat list of starts and ends."""
    packed = array("i")  # offsets of a text under 2 GB characters
    for offsets in uses.values():
        packed.append(len(offsets) // 2)
        packed.extend(offsets)
    return tuple(uses), packed


def unpack(kept: Kept) -> Iterator[tuple[Form, array]]:
    """Each form of one article with its starts and ends."""
    forms, packed = kept
    at = 0
    for form in forms:
        count = packed[at]
        yield form, packed[at + 1 : at + 1 + 2 * count]
        at += 1 + 2 * count


@dataclass
class _Spellings:
    """How one name is spelled across the run."""

    uses: dict[str, int] = field(default_factory=dict)  # folded spelling -> uses
    files: dict[str, int] = field(default_factory=dict)  # folded spelling -> files
    spelled: dict[str, str] = field(default_factory=dict)  # folded -> first form seen
    forms: set[str] = field(default_factory=set)
    _last_file: dict[str, str] = field(default_factory=dict)

    def add(self, path: str, form: str, uses: int) -> None:
        folded = fold(form)
        self.uses[folded] = self.uses.get(folded, 0) + uses
        if self._last_file.get(folded) != path:  # an article's forms arrive together
            self._last_file[folded] = path
            self.files[folded] = self.files.get(folded, 0) + 1
        self.spelled.setdefault(folded, form)
        self.forms.add(form)

    def rare(self, preferred: str | None) -> tuple[str, set[str]]:
        """The usual spelling, and the forms to report.

        Without a canonical form, the usual spelling must be used more often
        and in more files than the rare one, or at least twice as often.
        """
        if preferred is not None:
            best = preferred.replace("'", "’")
            return preferred, {f for f in self.forms if f.replace("'", "’") != best}
        ranked = sorted(self.uses.items(), key=lambda item: -item[1])  # stable: first seen wins
        (top, most), *others = ranked
        rare = {
            folded
            for folded, uses in others
            if (most > uses and self.files[top] > self.files[folded]) or most >= max(2, 2 * uses)
        }
        return self.spelled[top], {f for f in self.forms if fold(f) in rare}


def variants(
    collected: Mapping[str, Any], canonical: Mapping[Group, str]
) -> Iterator[tuple[str, str, str, list[str], list[Span]]]:
    """(path, rare form, usual form, files using the usual form, spans) to report."""
    group_of = _grouping(collected, canonical)
    spellings: dict[Group, _Spellings] = {}
    for path, kept in collected.items():
        for form, offsets in unpack(kept):
            group = group_of(form)
            if group is not None:
                spellings.setdefault(group, _Spellings()).add(path, form[0], len(offsets) // 2)
    decided = {}
    for group, spelled in spellings.items():
        best, rare = spelled.rare(canonical.get(group))
        if rare:
            decided[group] = (best, rare)
    if decided:
        yield from _rare_uses(collected, group_of, decided)


def _rare_uses(
    collected: Mapping[str, Any],
    group_of: Any,
    decided: dict[Group, tuple[str, set[str]]],
) -> Iterator[tuple[str, str, str, list[str], list[Span]]]:
    where: dict[Group, set[str]] = {group: set() for group in decided}
    found: dict[Group, dict[tuple[str, str], list[Span]]] = {group: {} for group in decided}
    for path, kept in collected.items():
        for form, offsets in unpack(kept):
            group = group_of(form)
            if group not in decided:
                continue
            if form[0] in decided[group][1]:
                spans = found[group].setdefault((path, form[0]), [])
                spans += (Span(offsets[i], offsets[i + 1]) for i in range(0, len(offsets), 2))
            else:
                where[group].add(path)
    for group, (best, _) in decided.items():
        places = sorted(where[group])
        for (path, form), spans in found[group].items():
            yield path, form, best, places, sorted(spans)


def _grouping(collected: Mapping[str, Any], canonical: Mapping[Group, str]) -> Any:
    """The name a form belongs to: (skeleton, partner's skeleton).

    A word used alone joins the full name it is the surname of, when only
    one name has that surname (Tokaev → Kassym-Jomart Tokayev).
    """
    surnames: dict[str, set[str]] = {}
    everything = (form[1:] for kept in collected.values() for form in kept[0])
    for key, partner in [*everything, *canonical]:
        if partner is not None and partner.startswith("<"):
            surnames.setdefault(key, set()).add(partner)

    def group_of(form: Form) -> Group | None:
        _, key, partner = form
        if partner is not None:
            return (key, partner)
        partners = surnames.get(key, ())
        return (key, next(iter(partners))) if len(partners) == 1 else None

    return group_of
