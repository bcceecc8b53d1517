"""Line starts and line heads: where whole-line rules look, and on which lines."""

from __future__ import annotations

from pathlib import Path

from lintnews.document import Document
from lintnews.packs import load_pack
from lintnews.packs.lines import Openings, line_heads, line_starts
from lintnews.registry import Registry


def test_line_starts_after_lf_crlf_and_lone_cr() -> None:
    assert line_starts(Document("One.\nTwo.\r\nThree.")) == [0, 5, 11]
    assert line_starts(Document("One.\rTwo.\r\nThree.")) == [0, 5, 11]


def test_heads_begin_at_every_place_after_leading_markup() -> None:
    doc = Document("Troops left Almaty.\n## Source link\n> **Read more**")
    heads = line_heads(doc)
    assert heads[0] == ("troops left almaty.\n## source link\n> **read more",)  # 48 characters
    assert heads[1][-1].startswith("source link") and heads[1][0].startswith("## source")
    assert len(heads[1]) == 4 and len(heads[2]) == 5


def test_openings_admit_a_word_or_a_digit() -> None:
    openings = Openings({"source", "read", "\\d"})
    assert openings.admits(("source link",))
    assert openings.admits(("## read more", "# read more", " read more", "read more"))
    assert openings.admits(("\u0661\u0662 comments",))  # an Arabic-Indic digit is a digit
    assert not openings.admits(("troops left almaty.",))


def test_a_line_rule_with_no_admitted_line_compiles_nothing(tmp_path: Path) -> None:
    rule = Registry.load(()).get("BP002")
    prose = "Kazakh troops patrolled the streets of Almaty on Thursday after a night of unrest. "
    doc = Document(f"{prose * 3}\nOfficials said calm had returned. {prose}\n")
    assert list(rule.check(doc)) == []
    assert "compiled" not in vars(rule.pattern)
    doc = Document(f"{prose * 3}\nSource link\n")
    assert [doc.slice(d.span) for d in rule.check(doc)] == ["Source link"]
    assert "compiled" in vars(rule.pattern)


def test_a_user_line_rule_whose_pattern_begins_with_a_class_tries_every_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(
        '[pack]\nname = "t"\n[[rules]]\ncode = "TS001"\nname = "wrote"\nkind = "existence"\n'
        'summary = "s"\nmessage = "m"\nscope = "line"\npatterns = [\'[A-Z]\\w+ wrote:\']\n',
        encoding="utf-8",
    )
    (rule,) = load_pack(path)
    doc = Document("Troops left.\nJane wrote:\n")
    assert [doc.slice(d.span) for d in rule.check(doc)] == ["Jane wrote:"]
