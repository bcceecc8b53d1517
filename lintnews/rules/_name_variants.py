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


class _Spellings:
    """How one name is spelled across the run.

    An archive names hundreds of thousands of people, nearly all spelled one
    way: the first spelling's counts are kept inline, and a table of other
    spellings exists only for the few names that have them.
    """

    __slots__ = ("_files", "_first", "_forms", "_last", "_others", "_spelled", "_uses")

    def __init__(self, path: str, form: str, uses: int) -> None:
        self._first = fold(form)
        self._spelled = form  # the first form seen of the first spelling
        self._uses = uses
        self._files = 1
        self._last = path  # an article's forms arrive together: a new path is a new file
        self._others: dict[str, list] | None = None  # folded -> [uses, files, spelled, last]
        self._forms: set[str] | None = None  # forms other than _spelled

    def add(self, path: str, form: str, uses: int) -> None:
        if form != self._spelled:
            if self._forms is None:
                self._forms = set()
            self._forms.add(form)
        folded = fold(form)
        if folded == self._first:
            self._uses += uses
            if self._last != path:
                self._last = path
                self._files += 1
            return
        if self._others is None:
            self._others = {}
        entry = self._others.get(folded)
        if entry is None:
            self._others[folded] = [uses, 1, form, path]
            return
        entry[0] += uses
        if entry[3] != path:
            entry[3] = path
            entry[1] += 1

    def rare(self, preferred: str | None) -> tuple[str, set[str]]:
        """The usual spelling, and the forms to report.

        Without a canonical form, the usual spelling must be used more often
        and in more files than the rare one, or at least twice as often.
        """
        forms = {self._spelled, *(self._forms or ())}
        if preferred is not None:
            best = preferred.replace("'", "’")
            return preferred, {f for f in forms if f.replace("'", "’") != best}
        if self._others is None:
            return self._spelled, set()
        counts = {self._first: (self._uses, self._files, self._spelled)}
        counts.update((folded, (u, f, s)) for folded, (u, f, s, _) in self._others.items())
        ranked = sorted(counts.items(), key=lambda item: -item[1][0])  # stable: first seen wins
        (_, (most, files, spelled)), *others = ranked
        rare = {
            folded
            for folded, (uses, in_files, _) in others
            if (most > uses and files > in_files) or most >= max(2, 2 * uses)
        }
        return spelled, {f for f in forms if fold(f) in rare}


def variants(
    collected: Mapping[str, Any], canonical: Mapping[Group, str]
) -> Iterator[tuple[str, str, str, list[str], list[Span]]]:
    """(path, rare form, usual form, files using the usual form, spans) to report."""
    group_of = _grouping(collected, canonical)
    spellings: dict[Group, _Spellings] = {}
    for path, kept in collected.items():
        for form, offsets in unpack(kept):
            group = group_of(form)
            if group is None:
                continue
            spelled = spellings.get(group)
            if spelled is None:
                spellings[group] = _Spellings(path, form[0], len(offsets) // 2)
            else:
                spelled.add(path, form[0], len(offsets) // 2)
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

    def add(key: str, partner: str | None) -> None:
        if partner is not None and partner.startswith("<"):
            surnames.setdefault(key, set()).add(partner)

    for kept in collected.values():  # one article at a time: a run may hold 100,000
        for _, key, partner in kept[0]:
            add(key, partner)
    for key, partner in canonical:
        add(key, partner)

    def group_of(form: Form) -> Group | None:
        _, key, partner = form
        if partner is not None:
            return (key, partner)
        partners = surnames.get(key, ())
        return (key, next(iter(partners))) if len(partners) == 1 else None

    return group_of
