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
        return self.diagnostic(Span(0, min(1, len(doc.text))), message)
