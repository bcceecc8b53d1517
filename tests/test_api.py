"""The library API for pipelines: lintnews.lint_text."""

from __future__ import annotations

import pytest

import lintnews


def test_lint_text_finds_artifacts_in_text_order() -> None:
    text = "Sat. Jan 22nd, 2022\n\nThe streets were unsafe. .\n\nSource link\n"
    found = lintnews.lint_text(text)
    assert [d.code for d in found] == ["BP004", "PN001", "BP002"]
    assert text[found[1].span.start : found[1].span.end] == ". ."


def test_lint_text_selection() -> None:
    text = "The streets were unsafe. .\n\nSource link\n"
    assert [d.code for d in lintnews.lint_text(text, select=["pn"])] == ["PN001"]
    assert [d.code for d in lintnews.lint_text(text, ignore=["PN"])] == ["BP002"]


def test_lint_text_markdown_skips_code() -> None:
    text = "```\nunsafe. .\n```\n"
    assert lintnews.lint_text(text, kind="markdown") == []
    assert len(lintnews.lint_text(text)) == 1


def test_lint_text_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="kind must be"):
        lintnews.lint_text("text", kind="docx")
