"""The pipeline API: a :class:`Linter` configured once and used on many texts.

A linter resolves its rules when it is made, so that a mistyped code or a
broken configuration file is an error at once, not in the middle of a job.
It is cheap to pickle: only its settings travel, and a worker process builds
the rules again on first use.

A plain loop over articles::

    import lintnews

    linter = lintnews.Linter(select=["BP", "PN", "QT"], ignore=["BP003"])
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for diagnostic in linter.lint(text):
            print(path, diagnostic.code, diagnostic.message)
        fixed = linter.fix(text).text

A pandas data frame, one row per finding, joined back to the articles::

    import pandas as pd

    linter = lintnews.Linter(config="lintnews.toml")
    findings = pd.DataFrame(linter.records(articles["text"], ids=articles["id"]))
    findings.groupby("code").size()

A process pool (the linter is pickled once per task, without its rules)::

    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor() as pool:
        results = list(pool.map(linter.lint, texts, chunksize=64))

:meth:`Linter.lint` and :meth:`Linter.fix` see one article at a time, so the
corpus rules (NM002, a name spelled two ways across articles) do not run
there: :meth:`Linter.lint_corpus` runs every rule over a collection held in
memory, and ``records(..., corpus=True)`` does the same for a data frame.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from lintnews.config import Config
    from lintnews.diagnostics import Diagnostic
    from lintnews.document import Document, LineIndex, Placement
    from lintnews.engine import RuleSet
    from lintnews.fixer import FixResult
    from lintnews.registry import Registry
    from lintnews.rule import CorpusRule, Rule
    from lintnews.store import CorpusData

KINDS = ("text", "markdown", "html")


class _Compiled(NamedTuple):
    """What a linter builds from its settings: never pickled."""

    rule_set: RuleSet
    corpus_rules: list[CorpusRule]


class Linter:
    """Lints and fixes article texts with one configuration.

    ``select``, ``extend_select`` and ``ignore`` take codes or prefixes as
    on the command line. ``config`` is a ``lintnews.toml`` or
    ``pyproject.toml`` to read (none is looked for otherwise); the keyword
    settings win over it. ``rule_options`` maps a code to its options, as
    ``[rule-options.CODE]`` does; ``dialect`` and ``source_languages`` are
    the top-level settings of the language rules. ``unsafe_fixes`` lets
    :meth:`fix` apply unsafe fixes too.

    Raises :class:`~lintnews.selection.SelectionError` for an unknown code
    and :class:`~lintnews.config.ConfigError` for a configuration that
    cannot be used.
    """

    def __init__(
        self,
        *,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        extend_select: Sequence[str] = (),
        config: str | os.PathLike[str] | Config | None = None,
        rule_options: Mapping[str, Mapping[str, Any]] | None = None,
        dialect: str | None = None,
        source_languages: Sequence[str] | None = None,
        unsafe_fixes: bool = False,
    ) -> None:
        from lintnews.selection import Selection

        self._selection = Selection(
            _codes(select), _codes(extend_select) or (), _codes(ignore) or ()
        )
        self._config = _configured(config, rule_options, dialect, source_languages)
        self.unsafe_fixes = unsafe_fixes
        self._compiled: _Compiled | None = None
        self._check_codes()
        self._build()

    # -- pickling: the settings travel, the rules are built again -----------

    def __getstate__(self) -> dict[str, Any]:
        return {
            "selection": self._selection,
            "config": self._config,
            "unsafe_fixes": self.unsafe_fixes,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._selection = state["selection"]
        self._config = state["config"]
        self.unsafe_fixes = state["unsafe_fixes"]
        self._compiled = None

    def __repr__(self) -> str:
        selection = self._selection
        parts = [f"select={list(selection.select)!r}"] if selection.select is not None else []
        parts += [f"extend_select={list(selection.extend_select)!r}"] * bool(
            selection.extend_select
        )
        parts += [f"ignore={list(selection.ignore)!r}"] * bool(selection.ignore)
        parts += [f"config={str(self._config.path)!r}"] * bool(self._config.path)
        parts += ["unsafe_fixes=True"] * self.unsafe_fixes
        return f"Linter({', '.join(parts)})"

    # -- what it runs -------------------------------------------------------

    @property
    def config(self) -> Config:
        """The configuration in force: the file's, with the keyword settings over it."""
        return self._config

    @property
    def rules(self) -> list[Rule]:
        """The rules that run, configured, corpus rules included."""
        return list(self._build().rule_set.rules)

    @property
    def codes(self) -> list[str]:
        """The codes of the rules that run."""
        return [rule.code for rule in self._build().rule_set.rules]

    @property
    def left_out(self) -> list[tuple[str, str]]:
        """Rules selected by a broad prefix but not run (a backend not configured), with why."""
        return list(self._build().rule_set.left_out)

    # -- one article --------------------------------------------------------

    def lint(self, text: str, *, kind: str = "text", path: str = "-") -> list[Diagnostic]:
        """Diagnostics for one article, in text order; corpus rules do not run.

        ``kind`` is ``"text"`` or ``"markdown"`` (code and HTML comments are
        not prose; disable comments are honoured). ``path`` names the
        article for the configuration's ``per-file-ignores``.
        """
        return self.check_document(text, kind, path)[1]

    def fix(
        self, text: str, *, kind: str = "text", path: str = "-", unsafe: bool | None = None
    ) -> FixResult:
        """Apply the fixes of one article, pass after pass, until none is left.

        Safe fixes, and unsafe ones when the linter was made with
        ``unsafe_fixes`` (or ``unsafe`` is given here). Returns a
        :class:`~lintnews.fixer.FixResult`: the fixed ``text``, the
        diagnostics ``applied`` and those ``remaining``.
        """
        from lintnews.fixer import fix_until_stable

        unsafe = self.unsafe_fixes if unsafe is None else unsafe
        return fix_until_stable(text, lambda t: self.lint(t, kind=kind, path=path), unsafe=unsafe)

    # -- many articles ------------------------------------------------------

    def lint_many(self, texts: Iterable[str], *, kind: str = "text") -> Iterator[list[Diagnostic]]:
        """The diagnostics of each text, in order, one text at a time."""
        for text in texts:
            yield self.lint(text, kind=kind)

    def lint_corpus(
        self, texts: Iterable[str], ids: Iterable[Any] | None = None, *, kind: str = "text"
    ) -> list[list[Diagnostic]]:
        """The diagnostics of each text, corpus rules included, in the order of ``texts``.

        Corpus rules compare the articles with each other, so every text is
        linted before any result is returned. ``ids`` (by default the
        positions 0, 1, ...) name the articles in the messages of corpus
        rules ("spelled “Tokayev” elsewhere in this run (in 17)"); they must
        be unique.
        """
        texts = list(texts)
        names = _names(texts, ids)
        compiled = self._build()
        found: list[list[Diagnostic]] = []
        placements = []
        from lintnews.store import CorpusData

        collected = CorpusData()  # spooled: a big collection's names need not stay in memory
        for text, name in zip(texts, names, strict=True):
            doc, diagnostics = self.check_document(text, kind, name)
            found.append(diagnostics)
            placements.append(doc.placement)
            for rule in compiled.corpus_rules:
                collected.add(rule.code, name, rule.collect(doc.view))
        return _with_corpus(found, names, placements, compiled.corpus_rules, collected)

    def records(
        self,
        texts: Iterable[str],
        ids: Iterable[Any] | None = None,
        *,
        kind: str = "text",
        corpus: bool = False,
    ) -> Iterator[dict[str, Any]]:
        """One flat dict per diagnostic, for ``pandas.DataFrame(linter.records(...))``.

        Keys: ``id`` (from ``ids``, by default the text's position), ``code``,
        ``name``, ``severity``, ``message``, ``start`` and ``end`` (0-based
        code points, end exclusive), ``row``, ``column``, ``end_row`` and
        ``end_column`` (1-based), ``excerpt`` (the text flagged; for HTML, the
        source, tags included), ``fix``
        (the replacement text of the fix's first edit, None without a fix),
        ``fix_applicability`` (``"safe"``, ``"unsafe"`` or None) and
        ``fix_message`` (what the fix does). With
        ``corpus``, the corpus rules run too (every text is read first).
        """
        from lintnews.document import LineIndex

        if corpus:
            texts = list(texts)
            ids = list(range(len(texts))) if ids is None else list(ids)
            results = zip(texts, self.lint_corpus(texts, ids, kind=kind), strict=True)
        else:
            results = ((text, self.lint(text, kind=kind)) for text in texts)
        keys = iter(ids) if ids is not None else itertools.count()
        for text, diagnostics in results:
            key = next(keys, _MISSING)
            if key is _MISSING:
                raise ValueError("fewer ids than texts")
            index = LineIndex(text) if diagnostics else None
            for diagnostic in diagnostics:
                yield finding_record(key, text, index, diagnostic)
        if ids is not None and next(keys, _MISSING) is not _MISSING:
            raise ValueError("more ids than texts")

    # -- internals ----------------------------------------------------------

    @property
    def corpus_rules(self) -> list[CorpusRule]:
        """The selected rules that compare documents (they need a whole collection)."""
        return self._build().corpus_rules

    def check_document(self, text: str, kind: str, path: str) -> tuple[Document, list[Diagnostic]]:
        """The document made of ``text`` and its per-document diagnostics.

        For engines that run the corpus rules themselves (``lintnews.dask``):
        the document is what a corpus rule's ``collect`` takes.
        """
        from lintnews.budget import Budget, BudgetExceeded
        from lintnews.engine import lint_document, position
        from lintnews.loader import document_from_text

        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        if kind not in KINDS:
            raise ValueError(f"kind must be 'text', 'markdown' or 'html', not {kind!r}")
        rule_set = self._build().rule_set
        rules = rule_set.rules if path == "-" else rule_set.for_path(path)
        doc = document_from_text(text, path, kind)
        budget = Budget(self._config.file_timeout)
        languages = rule_set.source_languages
        found: list[Diagnostic] = []
        try:
            with budget.interrupting():
                found = lint_document(
                    doc, rules, rule_set.timeout_rule, budget, languages=languages
                )
        except BudgetExceeded:  # the timer fired between two rules: what they found is lost
            pass
        return doc, sorted(found, key=position)

    def _build(self) -> _Compiled:
        """The rules, built on first use (again after unpickling)."""
        if self._compiled is None:
            from lintnews.engine import RuleSet
            from lintnews.rule import CorpusRule

            registry = _registry(self._config.rule_packs)
            rule_set = RuleSet(self._config, registry, self._selection)
            corpus = [rule for rule in rule_set.rules if isinstance(rule, CorpusRule)]
            self._compiled = _Compiled(rule_set, corpus)
        return self._compiled

    def _check_codes(self) -> None:
        """Unknown codes in the keyword settings, named as such (not as the file's)."""
        from lintnews.config import ConfigError
        from lintnews.selection import validate_prefixes

        registry = _registry(self._config.rule_packs)
        selection = self._selection
        validate_prefixes(
            [*(selection.select or ()), *selection.extend_select, *selection.ignore],
            registry.codes,
        )
        for code, _ in self._config.rule_options:
            if code not in registry:
                raise ConfigError(f"rule_options: unknown rule code {code!r}")


@functools.cache
def _registry(packs: tuple[Path, ...] = ()) -> Registry:
    from lintnews.registry import Registry

    return Registry.load(packs)


def _codes(codes: Sequence[str] | None) -> tuple[str, ...] | None:
    if codes is None:
        return None
    if isinstance(codes, str):
        codes = [codes]
    # "BP,PN" as on the command line, too
    parts = (part.strip().upper() for code in codes for part in code.split(","))
    return tuple(part for part in parts if part)


def _configured(
    config: str | os.PathLike[str] | Config | None,
    rule_options: Mapping[str, Mapping[str, Any]] | None,
    dialect: str | None,
    source_languages: Sequence[str] | None,
) -> Config:
    """The file's configuration (or the defaults) with the keyword settings over it."""
    from dataclasses import replace
    from pathlib import Path

    from lintnews.config import DIALECTS, Config, ConfigError, load_config

    if config is None:
        base = Config()
    elif isinstance(config, Config):
        base = config
    else:
        base = load_config(Path(os.fspath(config)))
    language = dict(base.language)
    if dialect is not None:
        if dialect not in DIALECTS:
            raise ConfigError(f"dialect: must be one of {', '.join(DIALECTS)}, not {dialect!r}")
        language["dialect"] = dialect
    if source_languages is not None:
        if isinstance(source_languages, str) or not all(
            isinstance(code, str) and len(code) == 2 and code.isalpha() for code in source_languages
        ):
            raise ConfigError('source_languages: must be ISO 639-1 codes, like ["fr", "ru"]')
        language["source-languages"] = tuple(code.lower() for code in source_languages)
    options = {code: dict(settings) for code, settings in base.rule_options}
    for code, settings in (rule_options or {}).items():
        options.setdefault(code.upper(), {}).update(settings)
    return replace(
        base,
        language=tuple(language.items()),
        rule_options=tuple((code, tuple(settings.items())) for code, settings in options.items()),
    )


def _names(texts: Sequence[str], ids: Iterable[Any] | None) -> list[str]:
    names = [str(i) for i in range(len(texts))] if ids is None else [str(i) for i in ids]
    if len(names) != len(texts):
        raise ValueError(f"{len(names)} ids for {len(texts)} texts")
    if len(set(names)) != len(names):
        raise ValueError("ids must be unique: corpus rules name articles by them")
    return names


def _with_corpus(
    found: list[list[Diagnostic]],
    names: list[str],
    placements: list[Placement],
    rules: list[CorpusRule],
    collected: CorpusData,
) -> list[list[Diagnostic]]:
    """``found`` with what the corpus rules report, each in its article, in text order."""
    from lintnews.engine import position

    at = {name: number for number, name in enumerate(names)}
    for rule in rules:
        for name, diagnostic in rule.report(collected.view(rule.code)):
            number = at[name]
            placed = placements[number].place(diagnostic)
            if placed is not None:
                found[number].append(placed)
    return [sorted(diagnostics, key=position) for diagnostics in found]


_MISSING = object()


def finding_record(key: Any, text: str, index: LineIndex, diagnostic: Diagnostic) -> dict[str, Any]:
    """One diagnostic as the flat row of :meth:`Linter.records`."""
    span, fix = diagnostic.span, diagnostic.fix
    start, end = index.location(span.start), index.location(span.end)
    edits = sorted(fix.edits, key=lambda edit: edit.span.start) if fix else ()
    return {
        "id": key,
        "code": diagnostic.code,
        "name": diagnostic.name,
        "severity": str(diagnostic.severity),
        "message": diagnostic.message,
        "start": span.start,
        "end": span.end,
        "row": start.row,
        "column": start.column,
        "end_row": end.row,
        "end_column": end.column,
        "excerpt": text[span.start : span.end],
        "fix": edits[0].replacement if edits else None,
        "fix_applicability": str(fix.applicability) if fix else None,
        "fix_message": fix.message if fix else None,
    }
