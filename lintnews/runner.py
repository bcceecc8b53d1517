"""One run of ``lintnews check``: files found, configs applied, results gathered.

The flow is: discover files, find each one's configuration, load it into a
:class:`Document`, run the per-document rules (:mod:`lintnews.engine`), let
corpus rules collect what they need, answer from the cache where it can,
and, once every file is in, let the corpus rules report. Texts are not kept
once a file is done unless the caller asks for them (the ``full`` format
shows source lines).
"""

from __future__ import annotations

import itertools
import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lintnews.budget import Budget, BudgetExceeded
from lintnews.config import Config, find_config_file, load_config
from lintnews.corpora import CorpusFields, CorpusItem, corpus_items, is_corpus, record_document
from lintnews.diagnostics import Diagnostic
from lintnews.discovery import discover, is_excluded
from lintnews.document import Document
from lintnews.engine import RuleSet, lint_document, position
from lintnews.language import article_language, skipped_note
from lintnews.loader import (
    BinaryFileError,
    UnreadableFileError,
    decode,
    document_from_bytes,
    document_from_text,
    kind_for,
    read_bytes,
)
from lintnews.registry import Registry
from lintnews.results import STDIN, FileResult, Problem, RunOptions, RunResult
from lintnews.rule import CorpusRule, Rule
from lintnews.rules.runtime import BackendFailure, FileTimeout, RuleTimeout
from lintnews.store import CorpusData
from lintnews.writer import digest

if TYPE_CHECKING:
    from lintnews.cache import Cache
    from lintnews.parallel import Batch


#: Diagnostics about the run, not the file: a file that has one is not cached.
_PASSING_CODES = frozenset({RuleTimeout.code, FileTimeout.code, BackendFailure.code})


class Runner:
    """One run of ``lintnews check`` over paths (or stdin)."""

    def __init__(self, options: RunOptions, corpus_fields: CorpusFields | None = None) -> None:
        self.options = options
        #: Where the records of a JSON-lines corpus keep their text and id.
        self.corpus_fields = corpus_fields or CorpusFields()
        self._configs: dict[Path, Config] = {}
        self._registries: dict[tuple[Path, ...], Registry] = {}
        self._rule_sets: dict[Path | None, RuleSet] = {}
        self._collected = CorpusData()
        self._texts: Mapping[str, str] = {}
        self._cache = _open_cache(options)
        self._corpus_rules: dict[str, CorpusRule] = {}
        #: Rules selected but not run (a backend not configured), with why.
        self._left_out: dict[tuple[str, str], list[str]] = {}

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
            rule_set = RuleSet(config, registry, self.options.selection)
            self._rule_sets[config.path] = rule_set
            where = str(config.path or "configuration")
            for code, why in rule_set.left_out:
                self._left_out.setdefault((where, why), []).append(code)
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
            # A Path costs about four times its name, and an archive names 100,000.
            names = [str(file) for file in files]
            del files
            self._lint_files(names, result)
        result.files.sort()
        self._report_corpus(result)
        for (where, why), codes in self._left_out.items():
            result.problems.append(Problem(where, f"{', '.join(codes)} not run: {why}", "info"))
        return result

    def _lint_files(self, files: list[str], result: RunResult) -> None:
        """Lint ``files`` in order; a big corpus has its records shared out among workers."""
        from lintnews.parallel import default_jobs

        jobs = self.options.jobs or default_jobs()
        if jobs < 2 or self._texts or self.options.scheduler is not None:
            self._lint_articles(files, result, jobs)
            return
        articles: list[str] = []
        for path in files:
            if is_corpus(path) and _worth_splitting(path):
                self._lint_articles(articles, result, jobs)
                articles = []
                self._lint_corpus_in_pool(path, result, jobs)
            else:
                articles.append(path)
        self._lint_articles(articles, result, jobs)

    def _lint_articles(self, files: list[str], result: RunResult, jobs: int) -> None:
        from lintnews.parallel import lint_in_pool, worth_a_pool

        scheduler = None if self._texts else self.options.scheduler
        if scheduler is None and (not worth_a_pool(len(files), jobs) or self._texts):
            for path in files:
                self._lint_file(path, result)
            return
        # Answering from the cache is cheaper here than shipping results back
        # from a worker: only the files that miss go to the pool.
        files = [path for path in files if not self._answered_from_cache(path, result)]
        if scheduler is None and not worth_a_pool(len(files), jobs):
            for path in files:
                self._lint_file(path, result)
            return
        if scheduler is not None:
            from lintnews.dask import lint_files_on_cluster

            batches = lint_files_on_cluster(self.options, self.corpus_fields, files, scheduler)
        else:
            batches = lint_in_pool(self, files, jobs)
        self._take(batches, result)

    def _lint_corpus_in_pool(self, name: str, result: RunResult, jobs: int) -> None:
        """A corpus read here, its records linted in a pool of ``jobs`` workers."""
        from lintnews.parallel import lint_records_in_pool

        items = corpus_items(Path(name), name, self.corpus_fields)
        batches = _batched(items, RECORDS_PER_BATCH)
        self._take(lint_records_in_pool(self, name, batches, jobs), result)

    def _take(self, batches: Iterable[Batch], result: RunResult) -> None:
        """Put what workers sent back into ``result``, in the order it comes."""
        # Results arrive pickled and go to the store as they are: the run
        # never holds a finished file's diagnostics as objects.
        for done, problems, collected in batches:
            for path, record, count in done:
                result.files.append_record(path, record, count)
            result.problems.extend(problems)
            for code, records in collected.items():
                for path, record in records:
                    self._collected.add_record(code, path, record)
                self._register_corpus_rule(code, records[0][0])

    def lint_batch(self, paths: list[str]) -> Batch:
        """Lint ``paths`` in a worker: the files and corpus data pickled, and problems."""
        result = self._batch_result()
        for path in paths:
            self._lint_file(path, result)
        return self._batch(result)

    def lint_records(self, corpus: str, items: Sequence[CorpusItem]) -> Batch:
        """Lint a batch of a corpus's records in a worker, as :meth:`lint_batch` does files."""
        result = self._batch_result()
        path = Path(corpus)
        self._lint_records(items, path, self.config_for(path.parent), result)
        return self._batch(result)

    def _batch_result(self) -> RunResult:
        """A worker's result for one batch; corpus data goes to its store too."""
        result = RunResult()
        self._collected = CorpusData(result.files.spool)
        return result

    def _batch(self, result: RunResult) -> Batch:
        return list(result.files.records()), result.problems, self._collected.records()

    def _register_corpus_rule(self, code: str, path: str) -> None:
        if code not in self._corpus_rules:
            rules, _ = self.rules_for(path)
            self._corpus_rules[code] = next(r for r in rules if r.code == code)

    def _lint_stdin(self, data: bytes, result: RunResult) -> None:
        name = self.options.stdin_filename or STDIN
        config = self.config_for(Path(name).parent if name != STDIN else Path.cwd())
        if self.options.force_exclude and name != STDIN and is_excluded(Path(name), config):
            return
        doc = _document(data, name, result)
        if doc is not None:
            self._check(doc, Path(name), config, result)

    def _lint_file(self, name: str, result: RunResult) -> None:
        path, display = Path(name), name
        config = self.config_for(path.parent)
        if display in self._texts:
            doc = document_from_text(self._texts[display], display, kind_for(path))
            self._check(doc, path, config, result)
            return
        if is_corpus(path):
            self._lint_corpus(path, config, result)
            return
        try:
            data = read_bytes(path)
        except UnreadableFileError as error:
            result.problems.append(Problem(display, f"cannot read: {error}"))
            return
        key = self._cache_key(data, path, config)
        if key is not None and self._from_cache(key, display, data, result):
            return
        doc = _document(data, display, result)
        if doc is None:
            return
        doc.source_digest = digest(data)
        file, collected = self._check(doc, path, config, result)
        # A timeout or a failed backend depends on the moment, not on the file: not kept.
        passing = any(d.code in _PASSING_CODES for d in file.diagnostics)
        if key is not None and not passing:
            self._store(key, file, collected)

    def _lint_corpus(self, path: Path, config: Config, result: RunResult) -> None:
        """Each record of a corpus as a document of its own (not cached)."""
        self._lint_records(corpus_items(path, str(path), self.corpus_fields), path, config, result)

    def _lint_records(
        self, items: Iterable[CorpusItem], path: Path, config: Config, result: RunResult
    ) -> None:
        for item in items:
            if isinstance(item, Problem):
                result.problems.append(item)
            else:
                self._check(record_document(*item), path, config, result)

    def _check(
        self, doc: Document, path: Path, config: Config, result: RunResult
    ) -> tuple[FileResult, dict[str, Any]]:
        """Lint one document into ``result``; returns it, and what corpus rules collected."""
        rule_set = self.rule_set(config)
        rules = rule_set.for_path(path)
        budget = Budget(config.file_timeout)
        diagnostics: list[Diagnostic] = []
        collected: dict[str, Any] = {}
        skipped: list[str] = []
        try:
            with budget.interrupting():
                diagnostics = lint_document(
                    doc,
                    rules,
                    rule_set.timeout_rule,
                    budget,
                    languages=rule_set.source_languages,
                    skipped=skipped,
                )
                collected = self._collect(doc, rules, budget)
        except BudgetExceeded:  # the timer fired between two steps
            pass
        keep = self.options.keep_text
        diagnostics.sort(key=position)
        file = FileResult(
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
            offsets=doc.offsets,
        )
        result.files.append(file)
        if skipped:
            language = article_language(doc.view, rule_set.source_languages) or "?"
            result.problems.append(Problem(doc.path, skipped_note(language, skipped), "info"))
        return file, collected

    def _collect(self, doc: Document, rules: Sequence[Rule], budget: Budget) -> dict[str, Any]:
        """What corpus rules keep of ``doc``; nothing once the file's budget is spent."""
        collected: dict[str, Any] = {}
        for rule in rules:
            if not isinstance(rule, CorpusRule) or budget.expired():
                continue
            try:
                value = rule.collect(doc.view)
            except BudgetExceeded:
                break
            self._corpus_rules.setdefault(rule.code, rule)
            collected[rule.code] = value
            self._collected.add(rule.code, doc.path, value)
        return collected

    # -- cache ------------------------------------------------------------

    def _cache_key(self, data: bytes, path: Path, config: Config) -> str | None:
        if self._cache is None:
            return None
        rule_set = self.rule_set(config)
        return self._cache.key(data, kind_for(path), rule_set.signature(rule_set.for_path(path)))

    def _answered_from_cache(self, name: str, result: RunResult) -> bool:
        if self._cache is None:
            return False
        path = Path(name)
        if is_corpus(path):  # records are not cached, and a corpus is not read whole
            return False
        try:
            data = read_bytes(path)
        except UnreadableFileError:
            return False  # the worker reports it
        key = self._cache_key(data, path, self.config_for(path.parent))
        return key is not None and self._from_cache(key, name, data, result)

    def _from_cache(self, key: str, display: str, data: bytes, result: RunResult) -> bool:
        entry = self._cache.load(key)
        if entry is None:
            return False
        file = replace(entry.file, path=display)
        if self.options.keep_text:
            file.text = decode(data).text
        result.files.append(file)
        for code, value in entry.collected.items():
            self._collected.add(code, display, value)
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
        """Add what corpus rules find, now that every file is in, to the files it is in."""
        found: dict[str, list[Diagnostic]] = defaultdict(list)
        for code, rule in sorted(self._corpus_rules.items()):
            for path, diagnostic in rule.report(self._collected.view(code)):
                found[path].append(diagnostic)
        for path, diagnostics in found.items():
            at = result.files.find(path)
            if at is None:
                continue
            file = result.files[at]
            placement = file.placement
            kept = [p for d in diagnostics if (p := placement.place(d)) is not None]
            if kept:
                file.diagnostics = sorted([*file.diagnostics, *kept], key=position)
                result.files[at] = file


#: Records sent to a worker at a time: about 25 KB of text each, a tenth of a second's work.
RECORDS_PER_BATCH = 32
#: A corpus smaller than this is linted in one process: a pool would cost more.
MIN_SPLIT_BYTES = 256 * 1024


def _worth_splitting(path: str) -> bool:
    try:
        return os.stat(path).st_size >= MIN_SPLIT_BYTES
    except OSError:  # reported when it is read
        return False


def _batched(items: Iterable[CorpusItem], size: int) -> Iterator[list[CorpusItem]]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _document(data: bytes, name: str, result: RunResult) -> Document | None:
    """The document in ``data``; None, with a note, for a binary file."""
    try:
        return document_from_bytes(data, name, kind_for(name))
    except BinaryFileError as error:
        result.problems.append(Problem(name, f"skipped: {error}", "note"))
        return None


def _open_cache(options: RunOptions) -> Cache | None:
    if not options.cache:
        return None
    from lintnews.cache import Cache, cache_folder

    return Cache(cache_folder(options.cache_dir))


def read_stdin() -> bytes:
    return sys.stdin.buffer.read()
