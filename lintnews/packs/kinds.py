"""The rule kinds a TOML pack can declare: existence and substitution (see consistency.py)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import regex

from lintnews import prefilter
from lintnews.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.lines import Openings, line_heads, line_starts
from lintnews.patterns import LazyPattern
from lintnews.rule import Option, Rule

DEFAULT_TIMEOUT = 1.0

# A match may not start or end inside a word; edges that are punctuation
# ("marked *") are left alone, which plain \b would get wrong.
_START_BOUNDARY = r"(?:(?<!\w)|(?!\w))"
_END_BOUNDARY = r"(?:(?!\w)|(?<!\w))"
_HORIZONTAL_SPACE = r"[^\S\r\n]"
# Whole-line matches look past leading Markdown markup: "## Related posts".
_LINE_MARKUP = rf"{_HORIZONTAL_SPACE}*(?:(?:#{{1,6}}|>|[-*+]){_HORIZONTAL_SPACE}+)*[*_]*"
# A plain `^` lets the regex engine jump from line to line; a text with lone
# CR line endings needs the slower form that also starts after a CR.
_LINE_START = rf"^{_LINE_MARKUP}"
_LINE_START_AFTER_CR = rf"(?:^|(?<=\r)){_LINE_MARKUP}"
_LINE_END = rf"[*_]*{_HORIZONTAL_SPACE}*(?=\r|\n|\Z)"

# Whole-line rules try their pattern at each line start rather than scanning
# every character, unless lines are so short that one scan is cheaper.
_PER_LINE_MIN_AVERAGE = 64

PATTERN_OPTIONS = {
    "timeout": Option((int, float), DEFAULT_TIMEOUT, "Seconds a pattern may run on one document.")
}


@dataclass(frozen=True)
class PackRuleSpec:
    """The validated fields every pack rule shares."""

    code: str
    name: str
    summary: str
    message: str
    explanation: str
    severity: Severity
    default_enabled: bool
    ignore_case: bool
    word_boundaries: bool
    origin: str
    data: Mapping[str, Any]
    #: Shipped with lintnews (and tested), so its patterns may compile lazily.
    builtin: bool = False


def phrase_pattern(phrase: str) -> str:
    """A literal phrase as a pattern in which any run of spaces matches."""
    words = phrase.split()
    if not words:
        raise ValueError("a phrase may not be empty")
    return rf"{_HORIZONTAL_SPACE}+".join(regex.escape(word) for word in words)


def phrase_triggers(phrases: Iterable[str]) -> frozenset[str] | None:
    return prefilter.combine(prefilter.phrase_triggers(p) for p in phrases)


def pattern_triggers(patterns: Iterable[str]) -> frozenset[str] | None:
    return prefilter.combine(prefilter.required_literals(p) for p in patterns)


def string_list(data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{key!r} must be a list of strings")
    return value


class PackRule(Rule):
    """Metadata and matching shared by every rule declared in a pack."""

    options = PATTERN_OPTIONS

    def __init__(self, spec: PackRuleSpec) -> None:
        self.spec = spec
        self.code = spec.code
        self.name = spec.name
        self.summary = spec.summary
        self.severity = spec.severity
        self.default_enabled = spec.default_enabled
        self.origin = spec.origin
        self.flags = regex.IGNORECASE if spec.ignore_case else 0
        super().__init__()

    @property
    def explanation(self) -> str:
        return self.spec.explanation.strip()

    @property
    def timeout(self) -> float:
        return float(self.settings["timeout"])

    #: Literals one of which every match contains (see :mod:`lintnews.prefilter`).
    triggers: frozenset[str] | None = None

    def compile(self, alternatives: Iterable[str], *, line: bool = False) -> Any:
        """One alternation of every pattern, longest first, with boundaries.

        A built-in pack's pattern is compiled when first used; a user pack's
        at once, so that a pattern error is reported when the pack loads.
        """
        body = "|".join(f"(?:{p})" for p in sorted(alternatives, key=len, reverse=True))
        if not body:
            raise ValueError("declares no phrases or patterns")
        if self.spec.word_boundaries:
            body = f"{_START_BOUNDARY}(?:{body}){_END_BOUNDARY}"
        if line:
            self._line_body = f"(?P<hit>{body}){_LINE_END}"
            body = f"{_LINE_START}{self._line_body}"
        return self.lazy(body, self.flags | regex.MULTILINE)

    def lazy(self, source: str, flags: int) -> LazyPattern:
        pattern = LazyPattern(source, flags)
        if not self.spec.builtin:
            pattern.compiled  # noqa: B018 - compiled now to report errors at load time
        return pattern

    def pattern_for(self, doc: Document, pattern: Any) -> Any:
        """``pattern``, or its slower twin for a whole-line rule on a text with lone CRs."""
        if not hasattr(self, "_line_body") or not doc.has_lone_cr:
            return pattern
        if not hasattr(self, "_after_cr"):
            body = f"{_LINE_START_AFTER_CR}{self._line_body}"
            self._after_cr = self.lazy(body, self.flags | regex.MULTILINE)
        return self._after_cr

    def format_message(self, **values: str) -> str:
        return self.spec.message.format_map(values)

    def check_message(self, *placeholders: str) -> None:
        """Fail at load time, not on the first match, on an unknown placeholder."""
        try:
            self.format_message(**dict.fromkeys(placeholders, ""))
        except (KeyError, IndexError, ValueError) as error:
            raise ValueError(f"message has an unknown placeholder: {error}") from None

    def finditer(
        self, pattern: Any, doc: Document, pos: int = 0, endpos: int | None = None
    ) -> Iterator[Any]:
        end = len(doc.masked_text) if endpos is None else endpos
        return pattern.finditer(doc.masked_text, pos, end, timeout=self.timeout)

    def line_matches(
        self, pattern: Any, doc: Document, openings: Openings | None = None
    ) -> Iterator[Any]:
        """What :meth:`finditer` finds with a pattern that only matches at line starts.

        The pattern is tried at each line start instead of at every character
        (only at lines that begin with one of ``openings``, when given),
        within the same time limit for the whole document.
        """
        text = doc.masked_text
        starts = line_starts(doc)
        if len(starts) * _PER_LINE_MIN_AVERAGE > len(text):
            yield from self.finditer(pattern, doc)
            return
        if openings is not None:
            heads = line_heads(doc)
            starts = [
                start for start, head in zip(starts, heads, strict=True) if openings.admits(head)
            ]
        deadline = time.monotonic() + self.timeout
        end = 0
        for start in starts:
            if start < end:
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("regex timed out")
            match = pattern.match(text, start, len(text), timeout=left)
            if match is not None:
                end = match.end()
                yield match


class ExistenceRule(PackRule):
    """Flags phrases or patterns wherever they occur (or on a line of their own)."""

    SCOPES = ("text", "line", "headline")
    FIXES = ("delete-line", "delete")

    def __init__(self, spec: PackRuleSpec) -> None:
        super().__init__(spec)
        data = spec.data
        self.scope = data.get("scope", "text")
        if self.scope not in self.SCOPES:
            raise ValueError(f"scope must be one of {', '.join(self.SCOPES)}")
        self.fix_kind = data.get("fix")
        if self.fix_kind is not None and self.fix_kind not in self.FIXES:
            raise ValueError(f"fix must be one of {', '.join(self.FIXES)}")
        self.fix_message = data.get("fix-message", "")
        self.fixable = self.fix_kind is not None
        phrases = string_list(data, "phrases")
        patterns = string_list(data, "patterns")
        self._alternatives = (phrases, patterns)
        self.pattern = self.compile(
            [*map(phrase_pattern, phrases), *patterns], line=self.scope == "line"
        )
        self.triggers = prefilter.combine([phrase_triggers(phrases), pattern_triggers(patterns)])
        exceptions = string_list(data, "exceptions")
        self.exceptions = (
            self.lazy("|".join(f"(?:{e})" for e in exceptions), self.flags) if exceptions else None
        )
        self.check_message("match")

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for span in self._matches(doc):
            text = doc.slice(span)
            if self.exceptions and self.exceptions.fullmatch(text):
                continue
            yield self.diagnostic(
                span, self.format_message(match=text), fix=self._fix(doc, span, text)
            )

    def _matches(self, doc: Document) -> Iterator[Span]:
        if self.scope == "headline":
            headline = next((p for p in doc.paragraphs), None)
            if headline is None:
                return
            # The search stops where the first line's text ends, so that `$`
            # anchors there whatever the line ending.
            first_line = doc.index.line_span(doc.location(headline.start).row)
            content = doc.slice(first_line).rstrip("\r\n")
            end = min(first_line.start + len(content), headline.end)
            for match in self.finditer(self.pattern, doc, headline.start, end):
                yield Span(*match.span())
            return
        if self.scope == "line":
            pattern = self.pattern_for(doc, self.pattern)
            for match in self.line_matches(pattern, doc, self._openings):
                yield Span(*match.span("hit"))
            return
        for match in self.finditer(self.pattern, doc):
            yield Span(*match.span())

    @cached_property
    def _openings(self) -> Openings | None:
        """What every whole-line match begins with: a phrase's first word, a pattern's opening."""
        phrases, patterns = self._alternatives
        found = {
            prefilter.fold(phrase.split()[0])[: prefilter.OPENING_LENGTH] for phrase in phrases
        }
        for pattern in patterns:
            opening = prefilter.openings(pattern)
            if opening is None:
                return None
            found |= opening
        return Openings(found)

    def _fix(self, doc: Document, span: Span, text: str) -> Fix | None:
        if self.fix_kind == "delete-line":
            row = doc.location(span.start).row
            message = self.fix_message or "Delete the line"
            return Fix.replace(doc.line_removal(row), "", message, safe=False)
        if self.fix_kind == "delete":
            message = self.fix_message or f"Delete “{text.strip()}”"
            return Fix.replace(span, "", message, safe=False)
        return None


class SubstitutionRule(PackRule):
    """Flags a phrase that has a preferred form and offers the replacement."""

    def __init__(self, spec: PackRuleSpec) -> None:
        super().__init__(spec)
        swap = spec.data.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise ValueError("'swap' must be a table of phrase = replacement")
        if not all(isinstance(v, str) for v in swap.values()):
            raise ValueError("every replacement in 'swap' must be a string")
        self.is_regex = spec.data.get("regex", False)
        if not isinstance(self.is_regex, bool):
            raise ValueError("'regex' must be true or false")
        self.applicability = Applicability(spec.data.get("applicability", "unsafe"))
        self.replacements = list(swap.values())
        keys = list(swap) if self.is_regex else [phrase_pattern(k) for k in swap]
        # One named group per key tells which entry matched; each key is also
        # compiled alone so that its own groups (\1) expand in its replacement.
        self.pattern = self.compile(f"(?P<k{i}>{key})" for i, key in enumerate(keys))
        self.key_patterns = [self.lazy(key, self.flags) for key in keys]
        self.triggers = pattern_triggers(swap) if self.is_regex else phrase_triggers(swap)
        self.check_message("match", "replacement")

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for match in self.finditer(self.pattern, doc):
            index = next(
                i for i in range(len(self.replacements)) if match.group(f"k{i}") is not None
            )
            replacement = self.replacements[index]
            if self.is_regex:
                alone = self.key_patterns[index].fullmatch(match.group())
                replacement = alone.expand(replacement) if alone else replacement
            span = Span(*match.span())
            text = match.group()
            if text == replacement:
                continue
            fix = Fix(
                (Edit(span, replacement),),
                self.applicability,
                f"Replace with “{replacement}”",
            )
            yield self.diagnostic(
                span, self.format_message(match=text, replacement=replacement), fix=fix
            )
