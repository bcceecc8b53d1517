"""The consistency kind of pack rule: one name spelled two ways, in a document or a run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from lintnews import prefilter
from lintnews.diagnostics import Diagnostic, Span
from lintnews.document import Document
from lintnews.packs.kinds import PackRule, PackRuleSpec, phrase_pattern, phrase_triggers
from lintnews.rule import CorpusRule, Rule


class _VariantFinder:
    """Finds every variant of every consistency group in a document."""

    def __init__(self, rule: PackRule, groups: Any) -> None:
        if not isinstance(groups, list) or not groups:
            raise ValueError("'groups' must be a list of lists of variants")
        for group in groups:
            if not isinstance(group, list) or len(group) < 2:
                raise ValueError("each group must list at least two variants")
            if not all(isinstance(v, str) and v.strip() for v in group):
                raise ValueError("variants must be non-empty strings")
        self.rule = rule
        self.groups: list[list[str]] = groups
        alternatives = [
            f"(?P<g{g}v{v}>{phrase_pattern(variant)})"
            for g, group in enumerate(groups)
            for v, variant in enumerate(group)
        ]
        self.pattern = rule.compile(alternatives)
        self.triggers = phrase_triggers(v for group in groups for v in group)
        self.group_names = [(g, v) for g, group in enumerate(groups) for v in range(len(group))]

    def occurrences(self, doc: Document) -> list[tuple[int, int, int, int]]:
        """(group, variant, start, end) for each occurrence, in text order."""
        if not prefilter.may_match(doc, self.triggers):
            return []
        found = []
        for match in self.rule.finditer(self.pattern, doc):
            g, v = next((g, v) for g, v in self.group_names if match.group(f"g{g}v{v}") is not None)
            found.append((g, v, match.start(), match.end()))
        return found

    def preferred(self, counts: Counter[tuple[int, int]], group: int) -> int:
        """The most frequent variant of a group; the first listed on a tie."""
        variants = range(len(self.groups[group]))
        return max(variants, key=lambda v: (counts[(group, v)], -v))


class DocumentConsistencyRule(PackRule):
    """Flags a name spelled two ways in one document."""

    def __init__(self, spec: PackRuleSpec) -> None:
        super().__init__(spec)
        self.finder = _VariantFinder(self, spec.data.get("groups"))
        self.triggers = self.finder.triggers
        self.check_message("match", "preferred", "count")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        found = self.finder.occurrences(doc)
        yield from _minority_diagnostics(self, self.finder, found, _variant_counts(found))


class CorpusConsistencyRule(CorpusRule, PackRule):
    """Flags a name spelled two ways across the documents of a run."""

    def __init__(self, spec: PackRuleSpec) -> None:
        PackRule.__init__(self, spec)
        self.finder = _VariantFinder(self, spec.data.get("groups"))
        self.check_message("match", "preferred", "count")

    def check(self, doc: Document) -> Iterable[Diagnostic]:
        return ()

    def collect(self, doc: Document) -> list[tuple[int, int, int, int]]:
        return self.finder.occurrences(doc)

    def report(self, collected: Mapping[str, Any]) -> Iterator[tuple[str, Diagnostic]]:
        counts: Counter[tuple[int, int]] = Counter()
        for found in collected.values():  # one pass for the counts, one for the reports
            counts.update((g, v) for g, v, _, _ in found)
        for path, found in collected.items():
            for diagnostic in _minority_diagnostics(self, self.finder, found, counts):
                yield path, diagnostic


def _variant_counts(found: list[tuple[int, int, int, int]]) -> Counter[tuple[int, int]]:
    return Counter((g, v) for g, v, _, _ in found)


def _minority_diagnostics(
    rule: PackRule,
    finder: _VariantFinder,
    found: list[tuple[int, int, int, int]],
    counts: Counter[tuple[int, int]],
) -> Iterator[Diagnostic]:
    """The uses in ``found`` of a variant less used, in ``counts``, than another of its group."""
    if not found:
        return
    variants_used = Counter(g for g, _ in counts)
    for g, v, start, end in found:
        if variants_used[g] < 2:
            continue
        best = finder.preferred(counts, g)
        if v == best:
            continue
        preferred = finder.groups[g][best]
        yield rule.diagnostic(
            Span(start, end),
            rule.format_message(
                match=finder.groups[g][v],
                preferred=preferred,
                count=str(counts[(g, best)]),
            ),
        )


def ConsistencyRule(spec: PackRuleSpec) -> Rule:  # noqa: N802 - a factory used like a class
    across = spec.data.get("across", "document")
    if across == "document":
        return DocumentConsistencyRule(spec)
    if across == "corpus":
        return CorpusConsistencyRule(spec)
    raise ValueError("across must be 'document' or 'corpus'")
