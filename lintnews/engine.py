"""Runs the selected rules over one document.

:class:`RuleSet` is the rules one configuration selects, with their
settings. :func:`lint_document` runs them over a document: a rule whose
triggers the document lacks is skipped, a pattern that times out is
reported (LN001), the file's time budget stops the rules left (LN002), and
what the user filtered out (non-prose regions, disable comments) is dropped.
The run over files and folders is :mod:`lintnews.runner`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from fnmatch import fnmatch
from pathlib import Path

from lintnews.budget import Budget, BudgetExceeded
from lintnews.config import Config, ConfigError
from lintnews.diagnostics import Diagnostic
from lintnews.discovery import relative_path
from lintnews.document import Document
from lintnews.language import DEFAULT_SOURCE_LANGUAGES, applies, article_language
from lintnews.prefilter import may_match, triggers_for
from lintnews.registry import Registry
from lintnews.rule import BackendError, CorpusRule, Rule, RuleDefinitionError
from lintnews.rules.runtime import BackendFailure, FileTimeout, RuleTimeout
from lintnews.selection import ALL, Selection, SelectionError, matches


class InternalError(Exception):
    """A rule raised an unexpected exception."""


FILE_TIMEOUT = FileTimeout()
BACKEND_FAILURE = BackendFailure()
# Corpus rules speak once every file is in; the LN rules are the engine's own notes.
_NOT_RUN_HERE = (CorpusRule, RuleTimeout, FileTimeout, BackendFailure)


class RuleSet:
    """The configured rules that run for files governed by one config."""

    def __init__(self, config: Config, registry: Registry, selection: Selection) -> None:
        self.config = config
        layered = Selection(config.select, config.extend_select, config.ignore).override(
            select=selection.select,
            extend_select=selection.extend_select,
            ignore=selection.ignore,
        )
        try:
            enabled = layered.resolve(registry)
        except SelectionError as error:
            where = f"{config.path}: " if config.path and selection.select is None else ""
            raise ConfigError(f"{where}{error}") from None
        configured = [self._configured(rule) for rule in registry if rule.code in enabled]
        #: Rules selected but left out, each with why (a backend not configured).
        self.left_out: list[tuple[str, str]] = []
        self.rules = self._available(configured, layered)
        #: The languages an article's language is chosen from (``source-languages``).
        self.source_languages: tuple[str, ...] = tuple(
            dict(config.language).get("source-languages", DEFAULT_SOURCE_LANGUAGES)
        )
        self._signatures: dict[tuple[str, ...], str] = {}
        self.timeout_rule = registry.get(RuleTimeout.code)
        self._validate_codes(registry)

    def _configured(self, rule: Rule) -> Rule:
        settings = self.config.options_for(rule.code)
        if self.config.pattern_timeout is not None and "timeout" in rule.options:
            settings.setdefault("timeout", self.config.pattern_timeout)
        for key, value in self.config.language:
            if key in rule.options:
                settings.setdefault(key, value)
        if not settings:
            return rule
        try:
            return rule.with_settings(**settings)
        except RuleDefinitionError as error:
            raise ConfigError(f"{self.config.describe(rule.code)}: {error}") from None

    def _available(self, rules: list[Rule], selection: Selection) -> list[Rule]:
        """``rules`` without those that cannot run; an error if one was asked for by name."""
        reasons = {rule.code: rule.unavailable() for rule in rules}
        if not any(reasons.values()):
            return rules
        unusable = {code for code, reason in reasons.items() if reason}
        for prefix in (*(selection.select or ()), *selection.extend_select):
            named = [rule.code for rule in rules if matches(rule.code, [prefix])]
            if prefix != ALL and named and all(code in unusable for code in named):
                where = f"{self.config.path}: " if self.config.path else ""
                raise ConfigError(f"{where}{prefix} selected: {reasons[named[0]]}")
        self.left_out = [(code, reasons[code] or "") for code in sorted(unusable)]
        return [rule for rule in rules if rule.code not in unusable]

    def _validate_codes(self, registry: Registry) -> None:
        for code, _ in self.config.rule_options:
            if code not in registry:
                raise ConfigError(
                    f"{self.config.describe(code)}: rule-options: unknown rule code {code!r}"
                )
        for glob, codes in self.config.per_file_ignores:
            try:
                Selection(select=codes).resolve(registry)
            except SelectionError as error:
                raise ConfigError(
                    f"{self.config.describe(glob)}: per-file-ignores {glob!r}: {error}"
                ) from None

    def signature(self, rules: Sequence[Rule]) -> str:
        """What identifies these rules and their settings, for cache keys."""
        codes = tuple(rule.code for rule in rules)
        if codes not in self._signatures:
            from lintnews.cache import rules_signature

            # The languages decide which rules run on an article in another language.
            languages = ",".join(self.source_languages)
            self._signatures[codes] = f"{rules_signature(rules)}:{languages}"
        return self._signatures[codes]

    def for_path(self, path: Path | str) -> list[Rule]:
        """The rules that run on ``path``, after its per-file ignores."""
        ignored: list[str] = []
        relative = relative_path(Path(path), self.config.root) or Path(path).as_posix()
        for glob, codes in self.config.per_file_ignores:
            if fnmatch(relative, glob) or fnmatch(Path(path).name, glob):
                ignored.extend(codes)
        if not ignored:
            return self.rules
        return [rule for rule in self.rules if not matches(rule.code, ignored)]


def lint_document(
    doc: Document,
    rules: Sequence[Rule],
    timeout_rule: Rule | None = None,
    budget: Budget | None = None,
    *,
    languages: Sequence[str] = DEFAULT_SOURCE_LANGUAGES,
    skipped: list[str] | None = None,
) -> list[Diagnostic]:
    """Every diagnostic the per-document rules find in ``doc``, in text order.

    Rules read ``doc.view`` (for HTML, the visible text); what they find is
    placed back in ``doc`` (:attr:`Document.placement`). With a ``budget``,
    the rules not yet run when it is spent are skipped and named in one
    LN002 diagnostic. A rule for other languages than the article's (chosen
    from ``languages``) is skipped and its code added to ``skipped``.
    """
    view = doc.view
    found: list[Diagnostic] = []
    notes: list[Diagnostic] = []  # the engine's own, made on ``doc`` itself
    pending = [rule for rule in rules if not isinstance(rule, _NOT_RUN_HERE)]
    language = _language_of(view, pending, languages)
    failed: dict[str, list[Rule]] = {}  # a backend's failure -> the rules it stopped
    done = 0
    try:
        for rule in pending:
            if budget is not None and budget.expired():
                raise BudgetExceeded
            if not applies(rule.languages, language):
                if skipped is not None:
                    skipped.append(rule.code)
            elif may_match(view, folded_triggers(rule)):
                try:
                    found.extend(_run(view, rule, timeout_rule))
                except BackendError as error:
                    failed.setdefault(str(error), []).append(rule)
            done += 1
    except BudgetExceeded:
        seconds = budget.seconds if budget is not None else 0.0
        notes.append(FILE_TIMEOUT.budget_diagnostic(doc, pending[done:], seconds or 0.0))
    # One note per failure, not one per rule of the backend that failed.
    notes.extend(BACKEND_FAILURE.failure_diagnostic(doc, r, why) for why, r in failed.items())
    placement = doc.placement
    placed = (placement.place(d, view.text) for d in found)
    return sorted([*(d for d in placed if d is not None), *notes], key=position)


def _run(view: Document, rule: Rule, timeout_rule: Rule | None) -> list[Diagnostic]:
    try:
        produced = list(rule.check(view))
    except TimeoutError:
        if isinstance(timeout_rule, RuleTimeout):
            return [timeout_rule.timeout_diagnostic(view, rule, _timeout_of(rule))]
        return []
    except BackendError:
        raise
    except Exception as error:
        raise InternalError(f"rule {rule.code} ({rule.name}) failed: {error!r}") from error
    return [d for d in produced if view.in_prose(d.span)]


def _language_of(doc: Document, rules: Sequence[Rule], languages: Sequence[str]) -> str | None:
    """The article's language, when a rule depends on it (once per document)."""
    if all(rule.languages is None for rule in rules):
        return None
    try:
        return article_language(doc, languages)
    except BackendError:  # no detector: every rule runs, as on an unknown language
        return None


@functools.cache
def folded_triggers(rule: Rule) -> frozenset[str] | None:
    """The rule's triggers, folded for :func:`lintnews.prefilter.may_match`."""
    return None if rule.triggers is None else triggers_for(rule.triggers)


def _timeout_of(rule: Rule) -> float:
    return float(getattr(rule, "settings", {}).get("timeout", 0) or 0)


def position(diagnostic: Diagnostic) -> tuple[int, int, str]:
    return (diagnostic.span.start, diagnostic.span.end, diagnostic.code)
