"""HTML articles: the visible text is linted, every offset stays in the source."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lintnews import Linter
from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.fixer import apply_edits
from lintnews.loader import document_from_text, kind_for

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FIXTURE = ROOT / "tests" / "fixtures" / "html" / "almaty.html"
# Characters written as references, as a news CMS writes them.
ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\u00a0": "&nbsp;", "’": "&rsquo;"}
HEAD = (
    "<!DOCTYPE html>\n<html><head><title>World news</title>"
    "<style>p { margin: 0 }</style></head><body>\n"
    '<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/asia">Asia</a></nav>\n'
    '<script>var note = "Source link  ,, “ bandits ”. .";</script>\n'
    "<!-- Source link -->\n"
)


def as_html(text: str) -> str:
    """The article with each line a paragraph, under a script, a style and a nav bar."""
    lines = [
        f"<p>{''.join(ESCAPES.get(c, c) for c in line)}</p>" if line.strip() else ""
        for line in text.split("\n")
    ]
    return HEAD + "\n".join(lines) + "\n</body></html>\n"


def visible(source: str, start: int, end: int) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", source[start:end]))


def lint_json(cli: Callable[..., Any], path: Path) -> list[dict[str, Any]]:
    result = cli("check", str(path), "--output-format", "json", "--exit-zero", cwd=path.parent)
    return json.loads(result.stdout)


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINTNEWS_NO_CACHE", "1")


def test_html_files_are_read_as_html() -> None:
    assert kind_for("world/almaty.html") == kind_for("ALMATY.HTM") == "html"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_seed_as_html_gives_the_text_diagnostics(
    seed: Path, tmp_path: Path, cli: Callable[..., Any]
) -> None:
    text = seed.read_text(encoding="utf-8")
    source = as_html(text)
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    (tmp_path / "article.html").write_text(source, encoding="utf-8")
    plain = lint_json(cli, tmp_path / "article.txt")
    marked_up = lint_json(cli, tmp_path / "article.html")
    assert plain, "every seed has findings"
    expected = [(d["code"], d["message"], text[d["offset"] : d["end_offset"]]) for d in plain]
    found = [
        (d["code"], d["message"], visible(source, d["offset"], d["end_offset"])) for d in marked_up
    ]
    assert found == expected
    doc = document_from_text(source, "article.html", "html")
    for finding in marked_up:
        start = doc.location(finding["offset"])
        assert finding["location"] == {"row": start.row, "column": start.column}


def test_locations_point_into_the_html_source(cli: Callable[..., Any]) -> None:
    (finding,) = lint_json(cli, FIXTURE)
    assert finding["code"] == "PN001"
    source = FIXTURE.read_text(encoding="utf-8")
    line = source.splitlines()[finding["location"]["row"] - 1]
    column = finding["location"]["column"] - 1
    assert line[column : column + 3] == ". ."
    assert line.startswith("<p>President Kassym-Jomart <b>Tokayev</b>")


def test_fix_edits_the_html_and_keeps_markup(tmp_path: Path, cli: Callable[..., Any]) -> None:
    article = tmp_path / "almaty.html"
    source = FIXTURE.read_text(encoding="utf-8")
    article.write_text(source, encoding="utf-8")
    cli("check", str(article), "--fix", "--exit-zero", cwd=tmp_path)
    fixed = article.read_text(encoding="utf-8")
    assert fixed == source.replace(
        "Almaty&rsquo;s centre remains unsafe. .</p>", "Almaty&rsquo;s centre remains unsafe.</p>"
    )
    assert re.findall(r"<[^>]*>|&\w+;", fixed) == re.findall(r"<[^>]*>|&\w+;", source)
    assert "<pre>unsafe. .</pre>" in fixed
    assert "<code>grep unsafe. .</code>" in fixed


def lint(source: str, **settings: Any) -> list[tuple[str, str]]:
    """Each finding's code and the source it spans."""
    found = Linter(**settings).lint(source, kind="html")
    return [(d.code, source[d.span.start : d.span.end]) for d in found]


def fixed(source: str) -> str:
    return Linter().fix(source, kind="html", unsafe=True).text


def test_rules_read_the_visible_text() -> None:
    doc = document_from_text(FIXTURE.read_text(encoding="utf-8"), "a.html", "html")
    view = doc.view.text
    for hidden in ("Source link", "dataLayer", "font-weight", "Home", "grep", "href", "<", ">"):
        assert hidden not in view
    assert "Kazakhstan’s president vows crackdown\n\nPresident Kassym-Jomart Tokayev said" in view
    assert "Shops in AT&T\u00a0Plaza were looted,\nwitnesses said." in view
    assert view.endswith("on the logs.\n")


def test_block_tags_part_paragraphs_and_inline_tags_do_not() -> None:
    source = (
        "<p>Order had been restored in Almaty.</p><p>Officials said the curfew would stay.</p>"
        "<p>Shops were looted,<br>witnesses said, as <b>Tokayev</b>&rsquo;s guards watched.</p>"
    )
    view = document_from_text(source, "a.html", "html").view
    assert view.text == (
        "Order had been restored in Almaty.\n\nOfficials said the curfew would stay.\n\n"
        "Shops were looted,\nwitnesses said, as Tokayev’s guards watched.\n"
    )


def test_a_wrapped_source_line_reads_as_one_space() -> None:
    source = (
        "<div>\n  <p>\n    Troops fired on protesters\n"
        "    in Almaty on Wednesday.\n  </p>\n</div>\n"
    )
    view = document_from_text(source, "a.html", "html").view
    assert view.text == "Troops fired on protesters in Almaty on Wednesday.\n"


def test_references_read_as_what_they_stand_for() -> None:
    source = "<p>AT&amp;T&#8217;s staff met &lsquo;bandits&rsquo; near &NotEqualTilde; signs.</p>"
    view = document_from_text(source, "a.html", "html").view
    assert view.text == "AT&T’s staff met ‘bandits’ near \u2242\u0338 signs.\n"


def test_inline_code_stands_apart_and_is_not_prose() -> None:
    source = "<p>Engineers ran <code>grep unsafe. .</code> on the logs.</p>"
    view = document_from_text(source, "a.html", "html").view
    assert view.text == "Engineers ran \ufffc on the logs.\n"
    assert not view.in_prose(Span(13, 16))
    assert lint(source) == []  # neither the code's ". ." nor the spaces around it


def test_a_word_split_by_markup_reads_whole() -> None:
    # Read as "Tokayev" and "’s" apart, the possessive looked like a stray closing quote.
    source = "<p>President <b>Tokayev</b>&rsquo;s office said order had been restored.</p>"
    assert lint(source) == []
    assert lint(source.replace("&rsquo;s", "&rsquo;s , aides said")) == [("PN004", " ,")]


def test_a_finding_across_markup_points_at_the_source() -> None:
    source = "<p>He called them ” bandits and <em>terrorists</em> “ on state television.</p>"
    assert lint(source) == [("QT001", "” bandits and <em>terrorists</em> “")]
    # The fix is made change by change, each beside the tags, never across them.
    assert fixed(source) == (
        "<p>He called them “bandits and <em>terrorists</em>” on state television.</p>"
    )


def test_a_deletion_that_empties_an_element_removes_it() -> None:
    source = (
        "<article>\n<p>Troops fired on protesters.</p>\n<h3>Leave a Reply</h3>\n"
        "<p>Your email address will not be published.</p>\n</article>\n"
    )
    assert lint(source) == [
        ("BP001", "Leave a Reply"),
        ("BP001", "Your email address will not be published."),
    ]
    assert fixed(source) == "<article>\n<p>Troops fired on protesters.</p>\n\n\n</article>\n"


def test_a_deletion_keeps_what_is_not_text() -> None:
    source = "<p>Source link <img src='/logo.png'> <code>rss</code></p>\n<p>Troops fired.</p>\n"
    assert lint(source) == [("BP002", "Source link")]
    # The line goes, but not the image and the code that are on it.
    assert fixed(source) == ("<p><img src='/logo.png'><code>rss</code></p>\n<p>Troops fired.</p>\n")


def test_a_fix_that_would_put_text_on_one_side_of_a_tag_is_dropped() -> None:
    doc = document_from_text("<p>Shares rose 5<b>%</b> on Monday.</p>", "a.html", "html")
    view = doc.view.text
    start = view.index("5%")
    spelled = Fix.replace(Span(start, start + 2), "five per cent", "Spell out")
    finding = Diagnostic("NU001", "Figure", Span(start, start + 2), Severity.INFO, spelled)
    placed = doc.placement.place(finding, view)
    assert placed is not None and placed.fix is None  # the finding stays, without its fix
    assert doc.text[placed.span.start : placed.span.end] == "5<b>%"


def test_a_rewrite_around_a_tag_is_made_beside_it() -> None:
    doc = document_from_text("<p>Vladimir <i>Poutine</i> said.</p>", "a.html", "html")
    view = doc.view.text
    start = view.index("Vladimir")
    rename = Fix.replace(Span(start, view.index(" said")), "Vladimir Putin", "Rename")
    finding = Diagnostic("NM001", "Misspelt name", rename.edits[0].span, Severity.ERROR, rename)
    placed = doc.placement.place(finding, view)
    assert placed is not None and placed.fix is not None
    assert apply_edits(doc.text, placed.fix.edits) == "<p>Vladimir <i>Putin</i> said.</p>"


def test_replacement_text_is_escaped() -> None:
    doc = document_from_text("<p>Shares of AT and T fell.</p>", "a.html", "html")
    view = doc.view.text
    edit = Fix.replace(Span(view.index("AT and T"), view.index(" fell")), "AT&T", "Join")
    finding = Diagnostic("XX001", "Ampersand", edit.edits[0].span, Severity.INFO, edit)
    placed = doc.placement.place(finding, view)
    assert placed is not None and placed.fix is not None
    assert [e.replacement for e in placed.fix.edits] == ["&amp;"]


def test_disable_comments_work_as_in_markdown() -> None:
    source = (
        "<p>The situation remains unsafe. .</p>\n"
        "<!-- lintnews-disable-next-line PN001 -->\n"
        "<p>The curfew stays in force. .</p>\n"
    )
    assert lint(source) == [("PN001", ". .")]


def test_corpus_findings_are_placed_in_the_html_source() -> None:
    texts = [
        "<p>President <b>Kassym-Jomart Tokayev</b> spoke on Friday.</p>\n"
        "<p>Tokayev said order had been restored.</p>",
        "<p>In a televised address, <a href='/t'>President Tokayev</a> spoke.</p>",
        "<div><p>Later that night, &laquo;Tokaev&raquo; met the security council.</p></div>",
    ]
    found = Linter(select=["NM002"]).lint_corpus(texts, kind="html")
    assert [
        [(d.code, texts[i][d.span.start : d.span.end]) for d in f] for i, f in enumerate(found)
    ] == [
        [],
        [],
        [("NM002", "Tokaev")],
    ]
    assert fixed_corpus(texts, found)[2].startswith(
        "<div><p>Later that night, &laquo;Tokayev&raquo;"
    )


def fixed_corpus(texts: list[str], found: list[list[Diagnostic]]) -> list[str]:
    return [
        apply_edits(text, [e for d in diagnostics if d.fix for e in d.fix.edits])
        for text, diagnostics in zip(texts, found, strict=True)
    ]


def test_an_artifact_beside_a_reference_is_found_and_fixed(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    article = tmp_path / "news.htm"
    article.write_text("<p>The situation in Almaty remains unsafe&nbsp;. .</p>\n", encoding="utf-8")
    (finding,) = lint_json(cli, article)
    assert finding["code"] == "PN001"
    cli("check", str(article), "--fix", "--exit-zero", cwd=tmp_path)
    # As in text: the two periods become one, then the space left before it goes.
    assert article.read_text(encoding="utf-8") == (
        "<p>The situation in Almaty remains unsafe.</p>\n"
    )


@pytest.mark.parametrize("seed", SEEDS[:2], ids=lambda p: p.stem)
def test_crlf_html_reads_as_lf_html(seed: Path) -> None:
    source = as_html(seed.read_text(encoding="utf-8"))
    crlf = source.replace("\n", "\r\n")
    linter = Linter()
    lf_found = [(d.code, d.message) for d in linter.lint(source, kind="html")]
    assert lf_found
    assert [(d.code, d.message) for d in linter.lint(crlf, kind="html")] == lf_found
