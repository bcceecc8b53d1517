"""Offset maps: view offsets to source offsets, and fixes that leave markup whole."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lintnews.diagnostics import Edit, Span
from lintnews.html import html_document
from lintnews.offsets import OffsetMap

SOURCE = (
    "<p>President <b>Tokayev</b>&rsquo;s office said\n"
    "  order was restored in &NotEqualTilde; Almaty.</p><p>Troops stayed.</p>"
)


@pytest.fixture
def doc():
    return html_document(SOURCE, "a.html")


def source_of(doc, start: int, end: int) -> str:
    span = doc.offsets.span(Span(start, end))
    return doc.text[span.start : span.end]


def test_view_spans_map_to_the_source_they_were_read_from(doc) -> None:
    view = doc.view.text
    assert view.startswith("President Tokayev’s office said order was restored in ≂̸ Almaty.\n\n")
    word = view.index("Tokayev’s")
    assert source_of(doc, word, word + 9) == "Tokayev</b>&rsquo;s"
    troops = view.index("Troops")
    assert source_of(doc, troops, troops + 6) == "Troops"
    wrapped = view.index(" order")
    assert source_of(doc, wrapped, wrapped + 1) == "\n  "


def test_an_empty_span_sits_after_the_text_before_it(doc) -> None:
    view = doc.view.text
    after = view.index("Tokayev") + len("Tokayev")
    point = doc.offsets.span(Span(after, after))
    assert doc.text[: point.start].endswith("Tokayev")
    assert doc.offsets.span(Span(0, 0)) == Span(3, 3)  # the first visible character


def test_a_reference_is_replaced_whole_or_not_at_all(doc) -> None:
    view = doc.view.text
    sign = view.index("≂̸")
    assert doc.offsets.cuts(sign + 1)  # the reference stands for two characters
    assert doc.offsets.edit(Edit(Span(sign, sign + 1), "=")) is None
    (edit,) = doc.offsets.edit(Edit(Span(sign, sign + 2), "≠"))
    assert doc.text[edit.span.start : edit.span.end] == "&NotEqualTilde;"


def test_an_edit_between_tags_is_escaped(doc) -> None:
    view = doc.view.text
    said = view.index("said")
    (edit,) = doc.offsets.edit(Edit(Span(said, said + 4), "said <sic> & added"))
    assert edit.replacement == "said &lt;sic&gt; &amp; added"


def test_a_deletion_across_tags_keeps_them(doc) -> None:
    view = doc.view.text
    start = view.index("Almaty.")
    edits = doc.offsets.edit(Edit(Span(start, view.index(" stayed")), ""))
    assert [doc.text[e.span.start : e.span.end] for e in edits] == ["Almaty.", "Troops"]


def test_a_replacement_across_a_tag_is_refused_without_the_view(doc) -> None:
    view = doc.view.text
    start = view.index("Almaty.")
    assert doc.offsets.edit(Edit(Span(start, view.index(" stayed")), "Soldiers")) is None


def test_it_pickles_small_and_whole(doc) -> None:
    data = pickle.dumps(doc.offsets)
    restored = pickle.loads(data)
    assert len(data) < 600
    for offset in range(len(doc.view.text) + 1):
        assert restored.source_start(offset) == doc.offsets.source_start(offset)
        assert restored.source_end(offset) == doc.offsets.source_end(offset)
    assert restored.markup_within(Span(0, len(SOURCE))) == doc.offsets.markup_within(
        Span(0, len(SOURCE))
    )


def test_an_empty_view_maps_to_the_start() -> None:
    empty = OffsetMap((), (), 0)
    assert empty.span(Span(0, 0)) == Span(0, 0)
    assert html_document("<script>var a = 1;</script>", "a.html").view.text == ""


PIECES = st.sampled_from(
    [
        "Almaty",
        " ",
        "\n  ",
        "<b>",
        "</b>",
        "<p>",
        "</p>",
        "<br>",
        "&amp;",
        "&rsquo;",
        "&NotEqualTilde;",
        "<script>x</script>",
        "<code>y</code>",
        "<!-- c -->",
        ". .",
        "’",
        "<div>",
        "</div>",
        "<img src=x>",
        "<title>T</title>",
        "&bogus;",
        "&",
    ]
)


@given(st.lists(PIECES, max_size=20).map("".join))
def test_every_view_character_comes_from_visible_source(source: str) -> None:
    doc = html_document(source, "a.html")
    view, offsets = doc.view.text, doc.offsets
    for offset in range(len(view)):
        span = offsets.span(Span(offset, offset + 1))
        assert 0 <= span.start <= span.end <= len(source)
        if view[offset] == "Almaty"[0]:
            assert source[span.start] == "A"
    # Deleting the whole view keeps hidden content and comments, and takes
    # tags only as whole elements.
    edits = offsets.edit(Edit(Span(0, len(view)), "")) or ()
    kept = "".join(source[a:b] for a, b in _gaps(edits, len(source)))
    for hidden in ("<script>x</script>", "<code>y</code>", "<!-- c -->"):
        assert kept.count(hidden) == source.count(hidden)
    for opening, closing in (("<b>", "</b>"), ("<p>", "</p>")):
        balance = kept.count(opening) - kept.count(closing)
        assert balance == source.count(opening) - source.count(closing)
    assert "Almaty" not in kept


def _gaps(edits, length: int) -> list[tuple[int, int]]:
    position, kept = 0, []
    for edit in sorted(edits, key=lambda e: e.span.start):
        kept.append((position, edit.span.start))
        position = edit.span.end
    kept.append((position, length))
    return kept
