"""The base classes every rule derives from.

A rule has a code (``PN001``), a kebab-case name (``doubled-period``), a
one-line summary, a Markdown explanation and a default severity. For a
built-in rule the explanation is its class docstring, so that the code and
its documentation cannot drift apart.

Per-document rules implement :meth:`Rule.check`. Corpus rules see every
document of a run: :meth:`CorpusRule.collect` extracts what the rule needs
from one document (small and picklable, so that texts can be dropped and
results cached), and :meth:`CorpusRule.report` speaks once all are in.
"""

from __future__ import annotations

import copy
import inspect
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document

CODE_PATTERN = regex.compile(r"[A-Z]{1,4}[0-9]{3}")
NAME_PATTERN = regex.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


class RuleDefinitionError(ValueError):
    """A rule declares an invalid code, name or option."""


class BackendError(Exception):
    """A rule's outside checker (a LanguageTool server) failed on a document.

    The engine reports it as one LN003 diagnostic for the document and goes
    on with the other rules; the message says what failed and how to mend it.
    """


@dataclass(frozen=True)
class Option:
    """A per-rule setting users may change under ``rule-options``."""

    type: type | tuple[type, ...]
    default: Any
    help: str


class Rule:
    """A check over one document.

    Subclasses set ``code``, ``name``, ``summary`` and usually ``severity``,
    and implement :meth:`check`. The class docstring is the explanation.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: ClassVar[Severity] = Severity.WARNING
    #: Whether the rule runs when the user selects nothing.
    default_enabled: ClassVar[bool] = True
    #: Whether the rule's diagnostics can carry a fix.
    fixable: ClassVar[bool] = False
    #: Where the rule comes from: "builtin", a pack file, or a plugin name.
    origin: ClassVar[str] = "builtin"
    options: ClassVar[Mapping[str, Option]] = {}
    #: Literal strings one of which occurs (ignoring case) in every text the
    #: rule can flag; the engine skips the rule on a document that has none.
    #: None: no such strings, the rule always runs. See :mod:`lintnews.prefilter`.
    triggers: ClassVar[Iterable[str] | None] = None
    #: Languages (ISO 639-1 codes) of the articles the rule makes sense for;
    #: None: any. The engine skips the rule on an article known to be in
    #: another language (:func:`lintnews.language.article_language`).
    languages: ClassVar[frozenset[str] | None] = None

    def __init__(self, **settings: Any) -> None:
        self.configure(settings)

    def configure(self, settings: Mapping[str, Any]) -> None:
        """Apply user settings; ``severity`` is accepted by every rule."""
        settings = dict(settings)
        severity = settings.pop("severity", None)
        if severity is not None:
            try:
                self.severity = Severity(severity)
            except ValueError:
                raise RuleDefinitionError(
                    f"severity of {self.code} must be error, warning or info"
                ) from None
        self.settings = self.resolve_settings(settings)

    def with_settings(self, **settings: Any) -> Rule:
        """A copy of this rule with user settings (``rule-options``) applied."""
        clone = copy.copy(self)
        clone.configure(settings)
        return clone

    # -- metadata ---------------------------------------------------------

    @property
    def explanation(self) -> str:
        """The Markdown documentation shown by ``lintnews rule CODE``."""
        return inspect.cleandoc(type(self).__doc__ or self.summary)

    @property
    def family(self) -> str:
        return regex.match(r"[A-Z]+", self.code).group()

    @classmethod
    def validate_definition(cls) -> None:
        if not CODE_PATTERN.fullmatch(cls.code or ""):
            raise RuleDefinitionError(f"rule {cls.__name__}: code {cls.code!r} is not like 'PN001'")
        if not NAME_PATTERN.fullmatch(cls.name or ""):
            raise RuleDefinitionError(f"rule {cls.code}: name {cls.name!r} is not kebab-case")
        if not cls.summary:
            raise RuleDefinitionError(f"rule {cls.code}: summary is empty")

    def resolve_settings(self, given: Mapping[str, Any]) -> dict[str, Any]:
        settings = {key: option.default for key, option in self.options.items()}
        for key, value in given.items():
            option = self.options.get(key)
            if option is None:
                known = ", ".join(sorted(self.options)) or "none"
                raise RuleDefinitionError(
                    f"unknown option {key!r} for {self.code} (known: {known})"
                )
            if not isinstance(value, option.type):
                raise RuleDefinitionError(
                    f"option {key!r} of {self.code} must be {_type_name(option.type)}"
                )
            settings[key] = value
        return settings

    def backend_version(self) -> str:
        """The version of the outside checker the rule asks (Harper's package), or "".

        Part of the cache key: an upgraded checker may find other things.
        """
        return ""

    def unavailable(self) -> str | None:
        """Why this rule cannot run with its settings (a backend not configured), or None.

        A rule selected by a prefix that names only such rules is a
        configuration error with this message; one taken in by a broader
        prefix (``GR``, ``ALL``) is left out of the run.
        """
        return None

    # -- checking ---------------------------------------------------------

    def check(self, doc: Document) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def diagnostic(self, span: Span, message: str, *, fix: Fix | None = None) -> Diagnostic:
        """A diagnostic of this rule, with its code, name and severity filled in.

        The message is interned: the same artifact recurs across an archive,
        and a batch of results then carries (and pickles) one copy of it.
        """
        return Diagnostic(self.code, sys.intern(message), span, self.severity, fix, self.name)


class CorpusRule(Rule):
    """A check across every document of a run (a name spelled two ways)."""

    def check(self, doc: Document) -> Iterable[Diagnostic]:
        return ()

    def collect(self, doc: Document) -> Any:
        """What this rule keeps of one document: small and picklable."""
        raise NotImplementedError

    def report(self, collected: Mapping[str, Any]) -> Iterable[tuple[str, Diagnostic]]:
        """Diagnostics, each with the path it belongs to, once every document is in."""
        raise NotImplementedError


def rule_class(
    base: type[Rule], class_name: str, module: str, doc: str, entry: Mapping[str, Any], **extra: Any
) -> type[Rule]:
    """A rule class made from a data entry (``code``, ``name``, ``summary``, ``severity``).

    For the rules of an outside checker, one per kind of finding it reports:
    raises KeyError or ValueError on an incomplete or invalid entry.
    """
    attributes = {
        "__doc__": doc,
        "__module__": module,
        "__qualname__": class_name,
        "code": entry["code"],
        "name": entry["name"],
        "summary": entry["summary"],
        "severity": Severity(entry["severity"]),
        **extra,
    }
    return type(class_name, (base,), attributes)


def _type_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    return " or ".join(k.__name__ for k in kinds)
