"""The pack rule kinds (kinds.py, consistency.py), line scope and the timeout."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from lintnews.document import Document
from lintnews.engine import lint_document
from lintnews.packs import kinds, load_pack
from lintnews.packs.consistency import CorpusConsistencyRule
from lintnews.rules.runtime import RuleTimeout


def pack(tmp_path: Path, body: str) -> list:
    path = tmp_path / "pack.toml"
    path.write_text('[pack]\nname = "test"\n' + body, encoding="utf-8")
    return load_pack(path)


def rule_toml(code: str, name: str, kind: str, extra: str, message: str = "Found “{match}”") -> str:
    return (
        f'[[rules]]\ncode = "{code}"\nname = "{name}"\nkind = "{kind}"\n'
        f'summary = "Test rule"\nmessage = "{message}"\n{extra}\n'
    )


def hits(rule, text: str) -> list[str]:
    doc = Document(text)
    return [doc.slice(d.span) for d in rule.check(doc)]


class TestExistence:
    def test_phrase_matches_any_run_of_spaces_and_respects_case(self, tmp_path: Path) -> None:
        (rule,) = pack(
            tmp_path, rule_toml("TS001", "calque", "existence", 'phrases = ["in the nearest time"]')
        )
        assert hits(rule, "Troops will leave in the  nearest time, he said.") == [
            "in the  nearest time"
        ]
        assert hits(rule, "In the nearest time troops will leave.") == []

    def test_ignore_case(self, tmp_path: Path) -> None:
        (rule,) = pack(
            tmp_path,
            rule_toml(
                "TS001",
                "calque",
                "existence",
                'phrases = ["in the nearest time"]\nignore-case = true',
            ),
        )
        assert hits(rule, "In the nearest time troops will leave.") == ["In the nearest time"]

    def test_word_boundaries(self, tmp_path: Path) -> None:
        (rule,) = pack(tmp_path, rule_toml("TS001", "acronym", "existence", 'phrases = ["OTSC"]'))
        assert hits(rule, "troops of the OTSC arrived") == ["OTSC"]
        assert hits(rule, "the BOTSCHAFT statement") == []
        (loose,) = pack(
            tmp_path,
            rule_toml(
                "TS001", "acronym", "existence", 'phrases = ["OTSC"]\nword-boundaries = false'
            ),
        )
        assert hits(loose, "the BOTSCHAFT statement") == ["OTSC"]

    def test_boundaries_allow_punctuation_edges(self, tmp_path: Path) -> None:
        (rule,) = pack(
            tmp_path,
            rule_toml("TS001", "marked", "existence", 'phrases = ["Required fields are marked *"]'),
        )
        assert hits(rule, "Required fields are marked *\n") == ["Required fields are marked *"]

    def test_line_scope_matches_whole_lines_only(self, tmp_path: Path) -> None:
        (rule,) = pack(
            tmp_path,
            rule_toml(
                "TS001",
                "comment-form",
                "existence",
                'phrases = ["Leave a Reply"]\nscope = "line"\nignore-case = true',
            ),
        )
        text = "He did not leave a reply to the letter.\n\nLeave a Reply\r\n## Leave a reply\n"
        assert hits(rule, text) == ["Leave a Reply", "Leave a reply"]

    def test_exceptions(self, tmp_path: Path) -> None:
        (rule,) = pack(
            tmp_path,
            rule_toml(
                "TS001",
                "glued",
                "existence",
                r"patterns = ['\p{Ll}\p{Lu}\p{Ll}+']"
                + "\nword-boundaries = false\nexceptions = ['cDonald']",
            ),
        )
        assert hits(rule, "KazakhstanProtesters and McDonald") == ["nProtesters"]

    def test_headline_scope(self, tmp_path: Path) -> None:
        (rule,) = pack(
            tmp_path,
            rule_toml(
                "TS001",
                "site-suffix",
                "existence",
                r"patterns = [' \| Kazakhstan$']" + '\nscope = "headline"\nfix = "delete"',
            ),
        )
        text = "\nKazakhstan president vows crackdown | Kazakhstan\n\nA quote | Kazakhstan\n"
        doc = Document(text)
        (found,) = rule.check(doc)
        assert doc.slice(found.span) == " | Kazakhstan"
        assert found.fix is not None and not found.fix.is_safe
        assert found.span.start < text.index("\n\n", 1)

    def test_delete_line_fix(self, tmp_path: Path) -> None:
        (rule,) = pack(
            tmp_path,
            rule_toml(
                "TS001",
                "source-link",
                "existence",
                'phrases = ["Source link"]\nscope = "line"\nfix = "delete-line"',
            ),
        )
        text = "The paper cited Xi as saying.\n\nSource link\n\nLeave a Reply\n"
        (found,) = rule.check(Document(text))
        (edit,) = found.fix.edits
        assert (
            text[: edit.span.start] + text[edit.span.end :]
            == "The paper cited Xi as saying.\n\nLeave a Reply\n"
        )


class TestSubstitution:
    def test_swap_offers_replacement(self, tmp_path: Path) -> None:
        (rule,) = pack(
            tmp_path,
            rule_toml(
                "TS002",
                "exonym",
                "substitution",
                'swap = { "Vladimir Poutine" = "Vladimir Putin", "Abliazov" = "Ablyazov" }\n'
                'applicability = "unsafe"',
                message="Use “{replacement}” for “{match}”",
            ),
        )
        doc = Document("He thanked his ally Vladimir Poutine; Mukhtar Abliazov disagreed.")
        found = list(rule.check(doc))
        assert [d.message for d in found] == [
            "Use “Vladimir Putin” for “Vladimir Poutine”",
            "Use “Ablyazov” for “Abliazov”",
        ]
        assert found[0].fix.edits[0].replacement == "Vladimir Putin"
        assert not found[0].fix.is_safe

    def test_regex_swap_expands_groups(self, tmp_path: Path) -> None:
        (rule,) = pack(
            tmp_path,
            rule_toml(
                "TS002",
                "percent-space",
                "substitution",
                r"swap = { '(\d+) %' = '\1%' }"
                + '\nregex = true\napplicability = "safe"\nword-boundaries = false',
                message="Write “{replacement}”",
            ),
        )
        (found,) = rule.check(Document("Turnout was 20 % lower."))
        assert found.fix.edits[0].replacement == "20%"
        assert found.fix.is_safe


class TestConsistency:
    GROUPS = 'groups = [["Kassym-Jomart", "Kassim-Jomart"], ["Nur-Sultan", "Nursultan"]]'

    def test_minority_variant_in_a_document(self, tmp_path: Path) -> None:
        (rule,) = pack(
            tmp_path,
            rule_toml(
                "TS003",
                "name-variant",
                "consistency",
                self.GROUPS,
                message="“{match}” is spelled “{preferred}” {count} times",
            ),
        )
        text = (
            "Kassym-Jomart Tokayev spoke. Kassim-Jomart Tokayev left. "
            "Kassym-Jomart Tokayev returned."
        )
        (found,) = rule.check(Document(text))
        assert found.message == "“Kassim-Jomart” is spelled “Kassym-Jomart” 2 times"

    def test_one_variant_is_fine(self, tmp_path: Path) -> None:
        (rule,) = pack(tmp_path, rule_toml("TS003", "name-variant", "consistency", self.GROUPS))
        assert hits(rule, "Kassim-Jomart Tokayev spoke in Nur-Sultan.") == []

    def test_corpus_scope_reports_across_documents(self, tmp_path: Path) -> None:
        (rule,) = pack(
            tmp_path,
            rule_toml("TS003", "name-variant", "consistency", self.GROUPS + '\nacross = "corpus"'),
        )
        assert isinstance(rule, CorpusConsistencyRule)
        docs = {
            "a.txt": Document("Kassym-Jomart Tokayev spoke."),
            "b.txt": Document("Kassym-Jomart Tokayev left."),
            "c.txt": Document("Kassim-Jomart Tokayev returned."),
        }
        collected = {path: rule.collect(doc) for path, doc in docs.items()}
        reported = list(rule.report(collected))
        assert [(path, docs[path].slice(d.span)) for path, d in reported] == [
            ("c.txt", "Kassim-Jomart")
        ]


def test_catastrophic_pattern_times_out_with_a_diagnostic(tmp_path: Path) -> None:
    (rule,) = pack(
        tmp_path,
        rule_toml("TS009", "backtracker", "existence", r"patterns = ['(.*?,){15}Kazakhstan']"),
    )
    rule = rule.with_settings(timeout=0.2)
    # The text has the pattern's literal, so the pre-filter lets it run.
    doc = Document("Kazakhstan: " + "Troops patrolled Almaty, " * 40 + "and the capital.")
    started = time.monotonic()
    diagnostics = lint_document(doc, [rule], RuleTimeout())
    assert time.monotonic() - started < 5
    (diagnostic,) = diagnostics
    assert diagnostic.code == "LN001"
    assert "TS009" in diagnostic.message and "timed out" in diagnostic.message


def test_unknown_rule_option_is_rejected(tmp_path: Path) -> None:
    (rule,) = pack(
        tmp_path, rule_toml("TS001", "calque", "existence", 'phrases = ["in the nearest time"]')
    )
    with pytest.raises(ValueError, match="unknown option 'timeot'"):
        rule.with_settings(timeot=1)


def test_headline_dollar_anchor_works_with_crlf(tmp_path: Path) -> None:
    (rule,) = pack(
        tmp_path,
        rule_toml(
            "TS001",
            "site-suffix",
            "existence",
            r"patterns = [' \| Kazakhstan$']" + '\nscope = "headline"',
        ),
    )
    assert hits(rule, "Kazakhstan president vows crackdown | Kazakhstan\r\n\r\nBody.") == [
        " | Kazakhstan"
    ]


def test_line_scope_finds_lines_after_lone_carriage_returns(tmp_path: Path) -> None:
    (rule,) = pack(
        tmp_path,
        rule_toml(
            "TS001", "comment-form", "existence", 'phrases = ["Leave a Reply"]\nscope = "line"'
        ),
    )
    for ending in ("\n", "\r\n", "\r"):
        text = ending.join(["The airport reopened.", "", "Leave a Reply", ""])
        assert hits(rule, text) == ["Leave a Reply"], repr(ending)


LONG_LINE = "Kazakh troops patrolled the streets of Almaty on Thursday after a night of unrest. "


@pytest.mark.parametrize("average", [0, 10**9], ids=["per-line", "one-scan"])
def test_line_scope_finds_the_same_lines_either_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, average: int
) -> None:
    """Whole-line rules try each line start, or scan once where lines are short."""
    monkeypatch.setattr(kinds, "_PER_LINE_MIN_AVERAGE", average)
    (rule,) = pack(
        tmp_path,
        rule_toml(
            "TS001",
            "source-link",
            "existence",
            "patterns = ['Source link(?:\\nSource link)?']\nscope = 'line'",
        ),
    )
    for ending in ("\n", "\r\n", "\r"):
        lines = [LONG_LINE * 3, "Source link", "## Source link", "Not a Source link", "Source link"]
        assert hits(rule, ending.join(lines)) == ["Source link"] * 3, repr(ending)
    # A match that runs over a line break hides the next line start, as one scan does.
    assert hits(rule, "Source link\nSource link\nSource link") == [
        "Source link\nSource link",
        "Source link",
    ]


def test_line_scope_times_out_per_document(tmp_path: Path) -> None:
    (rule,) = pack(
        tmp_path,
        rule_toml(
            "TS009", "backtracker", "existence", "patterns = ['(.*?,){15}Almaty']\nscope = 'line'"
        ),
    )
    rule = rule.with_settings(timeout=0.3)
    doc = Document("\n".join(["Troops patrolled Almaty, " * 30] * 20))
    started = time.monotonic()
    (diagnostic,) = lint_document(doc, [rule], RuleTimeout())
    assert time.monotonic() - started < 3
    assert diagnostic.code == "LN001"
