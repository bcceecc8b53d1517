"""GR1xx: grammar, spelling and style findings of a LanguageTool server.

One request per document serves every LanguageTool rule (``Document.shared``);
each rule then reports the matches of its LanguageTool category. The rules
and their pages are made from ``rules/data/languagetool.toml``, one rule per
category plus GR199 for the categories without a rule of their own.

The rules run only when selected, and only against a LanguageTool that the
configuration names: a server (``languagetool-url``) or a LanguageTool
folder that lintnews starts (``languagetool-path``). lintnews never
downloads LanguageTool. The client, which imports language_tool_python, is
loaded the first time one of these rules checks a document.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Hashable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from lintnews.diagnostics import Diagnostic, Fix, Span
from lintnews.document import Document
from lintnews.packs.data import DataError, load_data
from lintnews.rule import BackendError, Option, Rule, RuleDefinitionError, rule_class

if TYPE_CHECKING:
    from lintnews.rules._languagetool_client import Finding

_DATA = "languagetool"
#: The category of the rule that takes every category without a rule of its own.
OTHER_CATEGORIES = "*"
SERVER_JAR = "languagetool-server.jar"

NOT_CONFIGURED = (
    "LanguageTool is not configured. Set languagetool-url to a running LanguageTool "
    'server (languagetool-url = "http://localhost:8081" under [tool.lintnews] in '
    "pyproject.toml, or in lintnews.toml), or languagetool-path to the folder of a "
    "LanguageTool download that holds languagetool-server.jar; lintnews does not download "
    "LanguageTool. See the LanguageTool section of the README"
)

_FIX_SAFETY = """
## Fix safety
The fix puts LanguageTool's first suggestion in place of the flagged text.
It is unsafe: the suggestion is a guess that can change what the sentence
says, so it is applied only with `--unsafe-fixes`, after you have read it.

## Configuration
The LanguageTool rules run only when selected (`--select GR1` selects them
all) and when the configuration names a LanguageTool: `languagetool-url`, the
address of a running server, or `languagetool-path`, a LanguageTool folder
that lintnews starts. `dialect` chooses the English variant checked, and the
rule option `languagetool-timeout` the seconds to wait for one file. See the
LanguageTool section of the README.
"""


class _Outcome:
    """LanguageTool's answer on one document, shared by the rules."""

    __slots__ = ("error", "findings")

    def __init__(self, findings: tuple[Finding, ...] = (), error: str | None = None) -> None:
        self.findings = findings
        self.error = error


class LanguageToolRule(Rule):
    """Base of the GR1xx rules: the matches of one LanguageTool category."""

    #: LanguageTool's category id, or OTHER_CATEGORIES.
    category: ClassVar[str] = ""
    default_enabled = False
    fixable = True
    options: ClassVar[Mapping[str, Option]] = {
        "languagetool-url": Option(
            str, "", 'Address of a running LanguageTool server, as "http://localhost:8081"'
        ),
        "languagetool-path": Option(
            str, "", "Folder of a LanguageTool download (with languagetool-server.jar) to start"
        ),
        "dialect": Option(
            str, "american", "English checked: american, british, australian, canadian or indian"
        ),
        "languagetool-timeout": Option(
            (int, float), 10.0, "Seconds to wait for LanguageTool's answer on one file"
        ),
    }

    def resolve_settings(self, given: Mapping[str, Any]) -> dict[str, Any]:
        settings = super().resolve_settings(given)
        if settings["dialect"] not in dialects():
            known = ", ".join(dialects())
            raise RuleDefinitionError(f"option 'dialect' of {self.code} must be one of {known}")
        timeout = settings["languagetool-timeout"]
        if isinstance(timeout, bool) or timeout <= 0:
            raise RuleDefinitionError(
                f"option 'languagetool-timeout' of {self.code} must be a positive number of seconds"
            )
        return settings

    def unavailable(self) -> str | None:
        url, folder = self.settings["languagetool-url"], self.settings["languagetool-path"]
        if not url and not folder:
            return NOT_CONFIGURED
        if not _client_installed():
            return (
                "the LanguageTool rules need the language-tool-python package: "
                "pip install language-tool-python"
            )
        if not url:
            return _folder_problem(Path(folder))
        return None

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if not self.settings["languagetool-url"] and not self.settings["languagetool-path"]:
            return  # not configured: the engine leaves the rule out, a direct call finds nothing
        outcome = doc.shared(self._request_key(), self._ask_languagetool)
        if outcome.error is not None:
            # Every LanguageTool rule raises the same error: the engine makes one LN003 of them.
            raise BackendError(outcome.error)
        for finding in outcome.findings:
            if self._reports(finding.category) and _unmasked(doc, finding):
                yield self._diagnostic(finding)

    def _reports(self, category: str) -> bool:
        if self.category == OTHER_CATEGORIES:
            return category not in categories_with_rules()
        return category == self.category

    def _diagnostic(self, finding: Finding) -> Diagnostic:
        span = Span(finding.start, finding.end)
        fix = None
        if finding.replacement is not None:
            what = f"“{finding.replacement}”" if finding.replacement else "nothing"
            fix = Fix.replace(span, finding.replacement, f"Replace with {what}", safe=False)
        return self.diagnostic(span, f"{finding.message} ({finding.rule_id})", fix=fix)

    def _request_key(self) -> Hashable:
        # Rule options may differ per code; rules with the same settings share a request.
        settings = self.settings
        return (
            "languagetool",
            settings["languagetool-url"],
            settings["languagetool-path"],
            dialects()[settings["dialect"]],
            float(settings["languagetool-timeout"]),
        )

    def _ask_languagetool(self, doc: Document) -> _Outcome:
        _, url, folder, language, timeout = self._request_key()
        try:
            from lintnews.rules import _languagetool_client as client
        except ImportError:
            return _Outcome(error="language-tool-python is not installed")
        try:
            # Masked text keeps offsets; code blocks and markup become spaces.
            found = client.check_text(
                doc.masked_text, url=url, path=folder, language=language, timeout=timeout
            )
        except BackendError as error:
            return _Outcome(error=f"{error}; no LanguageTool rule (GR1xx) ran on this file")
        return _Outcome(findings=tuple(found))


def _unmasked(doc: Document, finding: Finding) -> bool:
    """Whether the match lies in prose only, not on blanks that stand for code or markup."""
    return doc.text[finding.start : finding.end] == doc.masked_text[finding.start : finding.end]


def _folder_problem(folder: Path) -> str | None:
    if not folder.is_dir():
        return f"languagetool-path {folder} is not a folder: point it at a LanguageTool download"
    if not (folder / SERVER_JAR).is_file():
        return (
            f"languagetool-path {folder} holds no {SERVER_JAR}: point it at the folder "
            "of an unzipped LanguageTool download (LanguageTool-*)"
        )
    return None


@functools.cache
def _client_installed() -> bool:
    return importlib.util.find_spec("language_tool_python") is not None


# -- the rules, made from the data file --------------------------------------


def dialects() -> dict[str, str]:
    """The ``dialect`` setting -> the language code LanguageTool checks."""
    return load_data(_DATA)["dialects"]


@functools.cache
def categories_with_rules() -> frozenset[str]:
    return frozenset(entry["category"] for entry in _entries()) - {OTHER_CATEGORIES}


def _entries() -> list[dict[str, str]]:
    entries = load_data(_DATA).get("rules")
    if not isinstance(entries, list):
        raise DataError(f"{_DATA}.toml: 'rules' must be an array of tables")
    return entries


def _page(entry: Mapping[str, str]) -> str:
    return (
        f"## What it does\n{entry['what'].strip()}\n\n"
        f"## Why is this bad?\n{entry['why'].strip()}\n\n"
        f"## Example\n```text\n{entry['example']}\n```\n\n"
        f"Use instead:\n```text\n{entry['use_instead']}\n```\n"
        f"{_FIX_SAFETY}"
    )


def _rule_class(entry: Mapping[str, str]) -> type[LanguageToolRule]:
    try:
        class_name = "LanguageTool" + "".join(
            part.capitalize() for part in entry["name"].removeprefix("languagetool-").split("-")
        )
        made = rule_class(
            LanguageToolRule,
            class_name,
            __name__,
            _page(entry),
            entry,
            category=entry["category"],
        )
    except (KeyError, ValueError) as error:
        raise DataError(f"{_DATA}.toml: rule {entry.get('code', '?')}: {error!r}") from None
    return cast(type[LanguageToolRule], made)


# The registry finds rule classes among a module's attributes.
for _entry in _entries():
    _class = _rule_class(_entry)
    globals()[_class.__name__] = _class
del _entry, _class
