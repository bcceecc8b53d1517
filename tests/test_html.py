"""HTML articles: the visible text is linted, every offset stays in the source."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lintnews.diagnostics import Span
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


def test_hidden_elements_and_markup_are_blank() -> None:
    doc = document_from_text(FIXTURE.read_text(encoding="utf-8"), "a.html", "html")
    masked = doc.masked_text
    assert len(masked) == len(doc.text)
    for hidden in ("Source link", "dataLayer", "font-weight", "Home", "grep", "href", "<", ">"):
        assert hidden not in masked


def test_block_tags_part_paragraphs_and_inline_tags_do_not() -> None:
    source = (
        "<p>Order had been restored in Almaty.</p><p>Officials said the curfew would stay.</p>"
        "<p>Shops were looted,<br>witnesses said, as <b>Tokayev</b> spoke.</p>"
    )
    doc = document_from_text(source, "a.html", "html")
    assert [visible(source, p.start, p.end) for p in doc.paragraphs] == [
        "Order had been restored in Almaty.",
        "Officials said the curfew would stay.",
        "Shops were looted,",
        "witnesses said, as Tokayev spoke.",
    ]
    assert "Almaty.\n\n\n\n\n\n\nOfficials" in doc.masked_text


def test_references_read_as_their_character_at_their_place() -> None:
    source = (
        "<p>Kazakhstan&rsquo;s leader met &lsquo;bandits&rsquo; and AT&amp;T&#8217;s staff.</p>"
    )
    doc = document_from_text(source, "a.html", "html")
    masked = doc.masked_text
    assert masked[source.index("&rsquo;s")] == "’"  # a letter follows: at the "&"
    closing = source.index("&rsquo; and")
    assert masked[closing : closing + 7] == "      ’"  # a space follows: at the ";"
    assert masked[source.index("&amp;")] == "&"
    assert masked[source.index("&#8217;")] == "’"
    assert "&" not in masked.replace("AT&", "")


def test_spans_that_would_edit_markup_are_not_reported() -> None:
    source = "<p>Officials said <b>Tokayev</b> and AT&amp;T agreed.</p>"
    doc = document_from_text(source, "a.html", "html")
    tag = source.index("<b>")
    reference = source.index("&amp;")
    assert doc.in_prose(Span(source.index("Officials"), tag))
    assert not doc.in_prose(Span(tag - 5, tag + 4))  # takes a tag along
    assert not doc.in_prose(Span(reference, reference + 1))  # cuts a reference
    assert doc.in_prose(Span(reference - 2, reference + 6))  # holds it whole
    assert not doc.in_prose(Span(0, 3))  # the <p> itself


def test_an_artifact_beside_a_reference_is_found_and_fixed(
    tmp_path: Path, cli: Callable[..., Any]
) -> None:
    article = tmp_path / "news.htm"
    article.write_text("<p>The situation in Almaty remains unsafe&nbsp;. .</p>\n", encoding="utf-8")
    (finding,) = lint_json(cli, article)
    assert finding["code"] == "PN001"
    cli("check", str(article), "--fix", "--exit-zero", cwd=tmp_path)
    assert article.read_text(encoding="utf-8") == (
        "<p>The situation in Almaty remains unsafe&nbsp;.</p>\n"
    )
