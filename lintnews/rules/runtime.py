"""LN: notes lintnews makes about its own run over a document."""

from __future__ import annotations

from collections.abc import Iterator

from lintnews.diagnostics import Diagnostic, Severity, Span
from lintnews.document import Document
from lintnews.rule import Rule


class RuleTimeout(Rule):
    """## What it does
    Reports a rule that gave up on a document because one of its patterns
    ran longer than its timeout (one second unless `pattern-timeout` or the
    rule's `timeout` option says otherwise).

    ## Why is this bad?
    A pattern such as `(.*?,){15}Kazakhstan` can backtrack for minutes on one
    long paragraph full of commas. lintnews stops it, reports which rule it was, and goes on with
    the other rules and files, so the document was not fully checked by
    that rule.

    ## Example
    A user pack with `patterns = ['(.*?,){15}Kazakhstan']` on a paragraph
    that lists forty towns.

    Use instead: a pattern without nested repetition, such as
    `(?:[^,\n]*,){15}[^,\n]*Kazakhstan`.
    """

    code = "LN001"
    name = "rule-timeout"
    summary = "A rule's pattern timed out on this document"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        # The engine reports timeouts as it meets them; see timeout_diagnostic.
        return iter(())

    def timeout_diagnostic(self, doc: Document, rule: Rule, seconds: float) -> Diagnostic:
        message = (
            f"{rule.code} ({rule.name}) timed out after {seconds:g} s and was skipped "
            "for this file; its pattern may backtrack catastrophically"
        )
        return self.diagnostic(_file_start(doc), message)


class FileTimeout(Rule):
    """## What it does
    Reports that lintnews stopped checking a file because it ran past its
    time budget (`file-timeout`, ten seconds unless configured), and names
    the rules that did not run on it.

    ## Why is this bad?
    An article takes milliseconds. A file that takes seconds is not an
    article: a 50 MB line of scraped text, a million-line dump. lintnews
    gives it its budget, reports what it found so far and which rules it
    skipped, and goes on with the other files, so one such file cannot stall
    a run over an archive.

    ## Example
    A 50 MB export with no line breaks, in a folder of articles.

    Use instead: split the export into articles, or raise `file-timeout` in
    the configuration for the folder that holds such files.
    """

    code = "LN002"
    name = "file-timeout"
    summary = "A file ran past its time budget; some rules were skipped"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        # The engine reports an exhausted budget itself; see budget_diagnostic.
        return iter(())

    def budget_diagnostic(self, doc: Document, skipped: list[Rule], seconds: float) -> Diagnostic:
        count = len(skipped)
        message = (
            f"Stopped after the file's time budget of {seconds:g} s (file-timeout): "
            f"{count} rule{'s' if count != 1 else ''} not run on this file ({_codes(skipped)})"
        )
        return self.diagnostic(_file_start(doc), message)


class BackendFailure(Rule):
    """## What it does
    Reports that a rule which asks an outside checker (a LanguageTool server)
    got no usable answer for this file: the server was down, too slow, or
    answered with an error or with something that is not its JSON. The
    message names the checker and what went wrong.

    ## Why is this bad?
    The rules of that checker did not run on the file, so a clean report
    would say more than lintnews knows. Every other rule still ran, and
    their findings are reported as usual.

    ## Example
    `languagetool-url = "http://localhost:8081"` in the configuration while
    no server listens there.

    Use instead: start the server (see the README), or point
    `languagetool-url` at one that runs.
    """

    code = "LN003"
    name = "backend-failure"
    summary = "An outside checker failed on this file; its rules did not run"
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        # The engine reports a failed backend as it meets it; see failure_diagnostic.
        return iter(())

    def failure_diagnostic(self, doc: Document, rules: list[Rule], reason: str) -> Diagnostic:
        message = f"{reason}; not run on this file: {_codes(rules)}"
        return self.diagnostic(_file_start(doc), message)


def _codes(rules: list[Rule], shown: int = 12) -> str:
    """``PN001, PN002 and 3 more``: the codes of rules that did not run."""
    listed = ", ".join(rule.code for rule in rules[:shown])
    return listed + (f" and {len(rules) - shown} more" if len(rules) > shown else "")


def _file_start(doc: Document) -> Span:
    """Where a note about the whole file points: its first character."""
    return Span(0, min(1, len(doc.text)))
