"""Runs the selected rules over documents and gathers their diagnostics.

The flow is: discover files, find each one's configuration, load it into a
:class:`Document`, run the per-document rules, let corpus rules collect what
they need, drop what the user filtered out (selection, per-file ignores,
disable comments, non-prose regions), and, once every file is in, let the
corpus rules report. Texts are not kept once a file is done unless the
caller asks for them (the ``full`` format shows source lines).
"""

from __future__ import annotations

import functools
import os
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lintnews.budget import Budget, BudgetExceeded
from lintnews.config import Config, ConfigError, find_config_file, load_config
from lintnews.diagnostics import Diagnostic
from lintnews.discovery import discover, is_excluded, relative_path
from lintnews.document import Document, is_suppressed
from lintnews.loader import (
    BinaryFileError,
    UnreadableFileError,
    decode,
    document_from_bytes,
    document_from_text,
    kind_for,
    read_bytes,
)
from lintnews.prefilter import may_match, triggers_for
from lintnews.registry import Registry
from lintnews.results import STDIN, FileResult, Problem, RunOptions, RunResult
from lintnews.rule import CorpusRule, Rule, RuleDefinitionError
from lintnews.rules.runtime import FileTimeout, RuleTimeout
from lintnews.selection import Selection, SelectionError, matches
from lintnews.writer import digest

if TYPE_CHECKING:
    from lintnews.cache import Cache


class InternalError(Exception):
    """A rule raised an unexpected exception."""


FILE_TIMEOUT = FileTimeout()
# Corpus rules speak once every file is in; the LN rules are the engine's own notes.
_NOT_RUN_HERE = (CorpusRule, RuleTimeout, FileTimeout)


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
        self.rules = [self._configured(rule) for rule in registry if rule.code in enabled]
        self._signatures: dict[tuple[str, ...], str] = {}
        self.timeout_rule = registry.get(RuleTimeout.code)
        self._validate_codes(registry)

    def _configured(self, rule: Rule) -> Rule:
        settings = self.config.options_for(rule.code)
        if self.config.pattern_timeout is not None and "timeout" in rule.options:
            settings.setdefault("timeout", self.config.pattern_timeout)
        if not settings:
            return rule
        try:
            return rule.with_settings(**settings)
        except RuleDefinitionError as error:
            raise ConfigError(f"{self.config.describe(rule.code)}: {error}") from None

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

            self._signatures[codes] = rules_signature(rules)
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
) -> list[Diagnostic]:
    """Every diagnostic the per-document rules find in ``doc``, in text order.

    With a ``budget``, the rules not yet run when it is spent are skipped and
    named in one LN002 diagnostic.
    """
    found: list[Diagnostic] = []
    pending = [rule for rule in rules if not isinstance(rule, _NOT_RUN_HERE)]
    done = 0
    try:
        for rule in pending:
            if budget is not None and budget.expired():
                raise BudgetExceeded
            if may_match(doc, folded_triggers(rule)):
                found.extend(_run(doc, rule, timeout_rule))
            done += 1
    except BudgetExceeded:
        seconds = budget.seconds if budget is not None else 0.0
        found.append(FILE_TIMEOUT.budget_diagnostic(doc, pending[done:], seconds or 0.0))
    return sorted(found, key=_position)


def _run(doc: Document, rule: Rule, timeout_rule: Rule | None) -> list[Diagnostic]:
    try:
        produced = list(rule.check(doc))
    except TimeoutError:
        if isinstance(timeout_rule, RuleTimeout):
            return [timeout_rule.timeout_diagnostic(doc, rule, _timeout_of(rule))]
        return []
    except Exception as error:
        raise InternalError(f"rule {rule.code} ({rule.name}) failed: {error!r}") from error
    return [d for d in produced if _reportable(doc, d)]


@functools.cache
def folded_triggers(rule: Rule) -> frozenset[str] | None:
    """The rule's triggers, folded for :func:`lintnews.prefilter.may_match`."""
    return None if rule.triggers is None else triggers_for(rule.triggers)


def _timeout_of(rule: Rule) -> float:
    return float(getattr(rule, "settings", {}).get("timeout", 0) or 0)


def _reportable(doc: Document, diagnostic: Diagnostic) -> bool:
    return doc.in_prose(diagnostic.span) and not doc.is_suppressed(diagnostic.code, diagnostic.span)


def _position(diagnostic: Diagnostic) -> tuple[int, int, str]:
    return (diagnostic.span.start, diagnostic.span.end, diagnostic.code)


class Runner:
    """One run of ``lintnews check`` over paths (or stdin)."""

    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self._configs: dict[Path, Config] = {}
        self._registries: dict[tuple[Path, ...], Registry] = {}
        self._rule_sets: dict[Path | None, RuleSet] = {}
        self._collected: dict[str, dict[str, Any]] = defaultdict(dict)
        self._texts: Mapping[str, str] = {}
        self._cache = _open_cache(options)
        self._corpus_rules: dict[str, CorpusRule] = {}

    # -- configuration ----------------------------------------------------

    def config_for(self, folder: Path) -> Config:
        if self.options.config_path is not None:
            return self._load_config(self.options.config_path)
        if self.options.isolated:
            return Config()
        folder = Path(os.path.abspath(folder))
        if folder not in self._configs:
            found = find_config_file(folder)
            self._configs[folder] = self._load_config(found) if found else Config()
        return self._configs[folder]

    def _load_config(self, path: Path) -> Config:
        key = Path(os.path.abspath(path))
        if key not in self._configs:
            self._configs[key] = load_config(path)
        return self._configs[key]

    def rule_set(self, config: Config) -> RuleSet:
        if config.path not in self._rule_sets:
            registry = self.registry(config.rule_packs)
            self._rule_sets[config.path] = RuleSet(config, registry, self.options.selection)
        return self._rule_sets[config.path]

    def registry(self, packs: tuple[Path, ...] = ()) -> Registry:
        if packs not in self._registries:
            self._registries[packs] = Registry.load(packs)
        return self._registries[packs]

    def known_rules(self) -> dict[str, Rule]:
        """Every rule this run has seen, configured where a config applied."""
        known: dict[str, Rule] = {}
        for registry in self._registries.values():
            known.update((rule.code, rule) for rule in registry)
        for rule_set in self._rule_sets.values():
            known.update((rule.code, rule) for rule in rule_set.rules)
        return known

    # -- the run ----------------------------------------------------------

    def run(
        self,
        paths: Sequence[Path],
        stdin: bytes | None = None,
        texts: Mapping[str, str] | None = None,
    ) -> RunResult:
        """Lint ``paths`` (or ``stdin``); ``texts`` stands in for files by path."""
        self._texts = texts or {}
        result = RunResult()
        # Resolve the selection before any file is read, so that a bad code or
        # config is an error even when no article gets linted.
        first = paths[0] if paths and stdin is None else Path(self.options.stdin_filename or ".")
        self.rule_set(self.config_for(first if first.is_dir() else first.parent))
        if stdin is not None:
            self._lint_stdin(stdin, result)
        else:
            files, missing = discover(
                paths,
                self.config_for,
                force_exclude=self.options.force_exclude,
                follow_links=self.options.follow_links,
            )
            for item in missing:
                result.problems.append(Problem(item.path, item.reason, item.level))
            self._lint_files(files, result)
        self._report_corpus(result)
        result.files.sort(key=lambda f: f.path)
        return result

    def _lint_files(self, files: list[Path], result: RunResult) -> None:
        from lintnews.parallel import default_jobs, lint_in_pool, worth_a_pool

        jobs = self.options.jobs or default_jobs()
        if not worth_a_pool(len(files), jobs) or self._texts:
            for path in files:
                self._lint_file(path, result)
            return
        # Answering from the cache is cheaper here than shipping results back
        # from a worker: only the files that miss go to the pool.
        files = [path for path in files if not self._answered_from_cache(path, result)]
        if not worth_a_pool(len(files), jobs):
            for path in files:
                self._lint_file(path, result)
            return
        for done, problems, collected in lint_in_pool(self, files, jobs):
            result.files.extend(done)
            result.problems.extend(problems)
            for code, by_path in collected.items():
                self._collected[code].update(by_path)
                self._register_corpus_rule(code, next(iter(by_path)))

    def lint_batch(self, paths: list[Path]) -> tuple[list[FileResult], list[Problem], dict]:
        """Lint ``paths`` in a worker: the files, their problems, and corpus data."""
        result = RunResult()
        self._collected = defaultdict(dict)
        for path in paths:
            self._lint_file(path, result)
        return result.files, result.problems, {c: dict(d) for c, d in self._collected.items()}

    def _register_corpus_rule(self, code: str, path: str) -> None:
        if code not in self._corpus_rules:
            rules, _ = self.rules_for(path)
            self._corpus_rules[code] = next(r for r in rules if r.code == code)

    def _lint_stdin(self, data: bytes, result: RunResult) -> None:
        name = self.options.stdin_filename or STDIN
        config = self.config_for(Path(name).parent if name != STDIN else Path.cwd())
        if self.options.force_exclude and name != STDIN and is_excluded(Path(name), config):
            return
        try:
            doc = document_from_bytes(data, name, kind_for(name))
        except BinaryFileError as error:
            result.problems.append(Problem(name, f"skipped: {error}", "note"))
            return
        self._check(doc, Path(name), config, result)

    def _lint_file(self, path: Path, result: RunResult) -> None:
        display = str(path)
        config = self.config_for(path.parent)
        if display in self._texts:
            doc = document_from_text(self._texts[display], display, kind_for(path))
            self._check(doc, path, config, result)
            return
        try:
            data = read_bytes(path)
        except UnreadableFileError as error:
            result.problems.append(Problem(display, f"cannot read: {error}"))
            return
        key = self._cache_key(data, path, config)
        if key is not None and self._from_cache(key, display, data, result):
            return
        try:
            doc = document_from_bytes(data, display, kind_for(path))
        except BinaryFileError as error:
            result.problems.append(Problem(display, f"skipped: {error}", "note"))
            return
        doc.source_digest = digest(data)
        collected = self._check(doc, path, config, result)
        # A timeout depends on the machine's load, not on the file: not kept.
        timed_out = any(
            d.code in (RuleTimeout.code, FileTimeout.code) for d in result.files[-1].diagnostics
        )
        if key is not None and not timed_out:
            self._store(key, result.files[-1], collected)

    def _check(
        self, doc: Document, path: Path, config: Config, result: RunResult
    ) -> dict[str, Any]:
        """Lint one document into ``result``; returns what corpus rules collected."""
        rule_set = self.rule_set(config)
        rules = rule_set.for_path(path)
        budget = Budget(config.file_timeout)
        diagnostics: list[Diagnostic] = []
        collected: dict[str, Any] = {}
        try:
            with budget.interrupting():
                diagnostics = lint_document(doc, rules, rule_set.timeout_rule, budget)
                collected = self._collect(doc, rules, budget)
        except BudgetExceeded:  # the timer fired between two steps
            pass
        keep = self.options.keep_text
        result.files.append(
            FileResult(
                doc.path,
                diagnostics,
                doc.index,
                doc.suppressions,
                text=doc.text if keep else None,
                kind=doc.kind,
                encoding=doc.encoding,
                bom=doc.bom,
                digest=doc.source_digest,
                lossy=doc.decode_error is not None,
            )
        )
        return collected

    def _collect(self, doc: Document, rules: Sequence[Rule], budget: Budget) -> dict[str, Any]:
        """What corpus rules keep of ``doc``; nothing once the file's budget is spent."""
        collected: dict[str, Any] = {}
        for rule in rules:
            if not isinstance(rule, CorpusRule) or budget.expired():
                continue
            try:
                value = rule.collect(doc)
            except BudgetExceeded:
                break
            self._corpus_rules.setdefault(rule.code, rule)
            collected[rule.code] = self._collected[rule.code][doc.path] = value
        return collected

    # -- cache ------------------------------------------------------------

    def _cache_key(self, data: bytes, path: Path, config: Config) -> str | None:
        if self._cache is None:
            return None
        rule_set = self.rule_set(config)
        return self._cache.key(data, kind_for(path), rule_set.signature(rule_set.for_path(path)))

    def _answered_from_cache(self, path: Path, result: RunResult) -> bool:
        if self._cache is None:
            return False
        try:
            data = read_bytes(path)
        except UnreadableFileError:
            return False  # the worker reports it
        key = self._cache_key(data, path, self.config_for(path.parent))
        return key is not None and self._from_cache(key, str(path), data, result)

    def _from_cache(self, key: str, display: str, data: bytes, result: RunResult) -> bool:
        entry = self._cache.load(key)
        if entry is None:
            return False
        file = replace(entry.file, path=display)
        if self.options.keep_text:
            file.text = decode(data).text
        result.files.append(file)
        for code, value in entry.collected.items():
            self._collected[code][display] = value
            self._register_corpus_rule(code, display)
        return True

    def _store(self, key: str, file: FileResult, collected: dict[str, Any]) -> None:
        from lintnews.cache import Entry

        self._cache.store(key, Entry(replace(file, text=None), collected))

    def rules_for(self, path: str) -> tuple[list[Rule], Rule | None]:
        """The rules that ran on ``path`` (after per-file ignores), and LN001."""
        folder = Path.cwd() if path == STDIN else Path(path).parent
        rule_set = self.rule_set(self.config_for(folder))
        return rule_set.for_path(path), rule_set.timeout_rule

    def _report_corpus(self, result: RunResult) -> None:
        by_path = {f.path: f for f in result.files}
        for code, rule in sorted(self._corpus_rules.items()):
            for path, diagnostic in rule.report(self._collected[code]):
                file = by_path.get(path)
                if file is None or is_suppressed(
                    file.suppressions, diagnostic.code, diagnostic.span
                ):
                    continue
                file.diagnostics.append(diagnostic)
        for file in result.files:
            file.diagnostics.sort(key=_position)


def _open_cache(options: RunOptions) -> Cache | None:
    if not options.cache:
        return None
    from lintnews.cache import Cache, cache_folder

    return Cache(cache_folder(options.cache_dir))


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()
