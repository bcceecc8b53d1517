"""Tests for ``lintnews.markdown``: which parts of an article rules may report into."""

from __future__ import annotations

import itertools

import pytest

from lintnews.diagnostics import Span
from lintnews.document import Suppression
from lintnews.markdown import markdown_regions

LEDE = "Kazakhstan’s President Kassym-Jomart Tokayev ordered troops to fire without warning."
SECOND = "More than 3,800 people have been arrested, the ministry said."


def prose_of(text: str) -> tuple[Span, ...]:
    return markdown_regions(text)[0]


def suppressions_of(text: str) -> tuple[Suppression, ...]:
    return markdown_regions(text)[1]


def needle_span(text: str, needle: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def is_prose(text: str, needle: str) -> bool:
    """True when ``needle`` lies wholly inside one prose span."""
    target = needle_span(text, needle)
    return any(span.contains(target) for span in prose_of(text))


def touches_prose(text: str, needle: str) -> bool:
    """True when any code point of ``needle`` is inside a prose span."""
    target = needle_span(text, needle)
    return any(span.overlaps(target) for span in prose_of(text))


def test_empty_text_has_no_regions() -> None:
    assert markdown_regions("") == ((), ())


def test_plain_paragraph_is_one_prose_span() -> None:
    text = f"{LEDE}\n{SECOND}\n"
    assert prose_of(text) == (Span(0, len(LEDE) + 1 + len(SECOND)),)
    assert suppressions_of(text) == ()


@pytest.mark.parametrize(
    "front",
    [
        "---\ntitle: Kazakhstan unrest\nauthor: Guardian staff\n---\n",
        "---\ntitle: Kazakhstan unrest\nauthor: Guardian staff\n...\n",
        "+++\ntitle = 'Kazakhstan unrest'\nauthor = 'Guardian staff'\n+++\n",
    ],
    ids=["yaml", "yaml-dots", "toml"],
)
def test_front_matter_is_not_prose(front: str) -> None:
    text = f"{front}\n{LEDE}\n"
    assert not touches_prose(text, "Kazakhstan unrest")
    assert not touches_prose(text, "Guardian staff")
    assert prose_of(text) == (needle_span(text, LEDE),)


def test_front_matter_only_at_the_very_start() -> None:
    text = f"{LEDE}\n\n---\nauthor: Guardian staff\n---\n"
    assert is_prose(text, "author: Guardian staff")


def test_unclosed_front_matter_is_a_thematic_break() -> None:
    text = f"---\n{LEDE}\n"
    assert is_prose(text, LEDE)


@pytest.mark.parametrize(
    "fence",
    [
        "```python\nforce = 'lethal' ;  print( force )\n```\n",
        "~~~ {.js}\nforce = 'lethal' ;  print( force )\n~~~\n",
        "````\n```\nforce = 'lethal' ;  print( force )\n```\n````\n",
    ],
    ids=["backticks", "tildes", "nested-fence"],
)
def test_fenced_code_is_not_prose(fence: str) -> None:
    text = f"{LEDE}\n\n{fence}\n{SECOND}\n"
    assert not touches_prose(text, "force = 'lethal'")
    assert is_prose(text, LEDE)
    assert is_prose(text, SECOND)


def test_unclosed_fence_runs_to_the_end() -> None:
    text = f"{LEDE}\n\n```\nforce = 'lethal'\n\n{SECOND}\n"
    assert is_prose(text, LEDE)
    assert not touches_prose(text, SECOND)
    assert prose_of(text) == (needle_span(text, LEDE),)


def test_indented_code_is_not_prose() -> None:
    text = f"{LEDE}\n\n    curl  https://example.com/feed\n\n{SECOND}\n"
    assert not touches_prose(text, "curl  https")
    assert is_prose(text, SECOND)


def test_html_block_is_not_prose() -> None:
    text = f'{LEDE}\n\n<div class="ad">\nAdvertisement\n</div>\n\n{SECOND}\n'
    assert not touches_prose(text, "Advertisement")
    assert not touches_prose(text, '<div class="ad">')
    assert is_prose(text, SECOND)


def test_block_html_comment_spanning_lines_is_not_prose() -> None:
    text = f"{LEDE}\n\n<!-- editor's note:\ncheck the casualty figures -->\n{SECOND}\n"
    assert not touches_prose(text, "casualty figures")
    assert is_prose(text, SECOND)


def test_inline_html_comment_spanning_lines_is_not_prose() -> None:
    text = f"{LEDE} <!-- check\nthe figures --> {SECOND}\n"
    assert not touches_prose(text, "check")
    assert not touches_prose(text, "the figures")
    assert is_prose(text, LEDE)
    assert is_prose(text, SECOND)


@pytest.mark.parametrize(
    ("markup", "hidden"),
    [
        ("`lethal_force()`", "lethal_force()"),
        ("``a ` tick``", "a ` tick"),
    ],
    ids=["single", "double-backtick"],
)
def test_code_span_is_not_prose(markup: str, hidden: str) -> None:
    text = f"The order, {markup}, was read on television.\n"
    assert not touches_prose(text, hidden)
    assert is_prose(text, "The order, ")
    assert is_prose(text, ", was read on television.")


def test_escaped_backticks_stay_prose() -> None:
    text = "Troops were told \\`fire without warning\\` on Friday.\n"
    assert is_prose(text, "fire without warning")


def test_unmatched_backtick_does_not_swallow_the_sentence() -> None:
    text = f"A stray ` mark. {LEDE}\n"
    assert is_prose(text, LEDE)


def test_backtick_runs_pair_only_with_runs_of_equal_length() -> None:
    text = "Officials said ``lethal` force was authorised.\n"
    assert is_prose(text, "lethal")


def test_backticks_do_not_pair_across_blocks() -> None:
    text = "# Tokayev’s `order\nTroops were told to ` fire without warning.\n"
    assert is_prose(text, "Troops were told to")


def test_inline_link_target_and_title_are_not_prose() -> None:
    text = 'Read the [Source link](https://example.com/a_(b) "The Guardian") here.\n'
    assert not touches_prose(text, '(https://example.com/a_(b) "The Guardian")')
    assert is_prose(text, "Read the [Source link]")
    assert is_prose(text, " here.")


def test_image_target_is_not_prose_but_alt_text_is() -> None:
    text = "![Protesters in Almaty](/img/almaty.jpg) Police returned.\n"
    assert not touches_prose(text, "/img/almaty.jpg")
    assert is_prose(text, "Protesters in Almaty")
    assert is_prose(text, " Police returned.")


def test_full_reference_label_is_not_prose() -> None:
    text = "See [the statement][tokayev-speech] on Friday.\n\n[tokayev-speech]: https://akorda.kz\n"
    assert not touches_prose(text, "[tokayev-speech]")
    assert is_prose(text, "See [the statement]")
    assert is_prose(text, " on Friday.")


def test_link_reference_definition_is_not_prose() -> None:
    text = f'{LEDE}\n\n[id]: https://example.com "Title"\n\n{SECOND}\n'
    assert not touches_prose(text, "https://example.com")
    assert not touches_prose(text, '"Title"')
    assert is_prose(text, SECOND)


@pytest.mark.parametrize(
    "autolink", ["<https://www.theguardian.com/world>", "<newsdesk@example.com>"]
)
def test_autolink_is_not_prose(autolink: str) -> None:
    text = f"Write to {autolink} with tips.\n"
    assert not touches_prose(text, autolink)
    assert is_prose(text, "Write to ")
    assert is_prose(text, " with tips.")


def test_inline_tags_are_not_prose_but_their_text_is() -> None:
    text = 'Tokayev <span class="quote">called them bandits</span> on Friday.<br/>\n'
    assert not touches_prose(text, '<span class="quote">')
    assert not touches_prose(text, "</span>")
    assert not touches_prose(text, "<br/>")
    assert is_prose(text, "called them bandits")


def test_block_structure_keeps_text_as_prose() -> None:
    text = (
        "# Kazakhstan president vows crackdown\n\n"
        "Leave a Reply\n=============\n\n"
        "> Relative calm returned to Almaty.\n>\n> > Gunshots rang out.\n\n"
        "- Looted shops\n  - shattered glass\n    1. burned cars\n\n"
        "| City | Arrests |\n|------|---------|\n| Almaty | 3,800 `est` |\n"
    )
    for needle in [
        "Kazakhstan president vows crackdown",
        "Leave a Reply",
        "Relative calm returned to Almaty.",
        "Gunshots rang out.",
        "Looted shops",
        "shattered glass",
        "burned cars",
        "Arrests",
        "3,800",
    ]:
        assert is_prose(text, needle), needle
    assert not touches_prose(text, "`est`")


def test_list_item_code_is_not_prose() -> None:
    text = "- Source link\n\n      indented_code_in_list()\n"
    assert is_prose(text, "Source link")
    assert not touches_prose(text, "indented_code_in_list")


def test_spans_are_sorted_disjoint_and_non_empty() -> None:
    text = (
        "---\ntitle: x\n---\n# Leave a Reply\n\n"
        "`a` [b](c) `d` <e> <!-- f --> text\n\n```\ncode\n```\n| x | `y` |\n|---|---|\n"
    )
    spans = prose_of(text)
    assert spans
    assert all(len(span) > 0 for span in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_offsets_index_the_original_text_whatever_the_line_breaks(newline: str) -> None:
    text = newline.join(["# Leave a Reply", "", "```", "code()", "```", "", LEDE, SECOND, ""])
    spans = prose_of(text)
    assert spans == (
        needle_span(text, "# Leave a Reply"),
        Span(text.index(LEDE), text.index(SECOND) + len(SECOND)),
    )
    assert not touches_prose(text, "code()")


def test_lone_cr_front_matter_is_detected() -> None:
    text = f"---\rtitle: Kazakhstan unrest\r---\r{LEDE}\r"
    assert prose_of(text) == (needle_span(text, LEDE),)


def test_offsets_count_code_points_not_utf16_units() -> None:
    text = "😀🇰🇿 `code` Source link\n"
    # Three code points of emoji and a space, then six for the code span.
    assert prose_of(text) == (Span(0, 4), Span(10, 22))
    assert text[10:22] == " Source link"


def test_disable_enable_pair() -> None:
    text = f"<!-- lintnews-disable PN001 -->\n{LEDE}\n<!-- lintnews-enable PN001 -->\n{SECOND}\n"
    enable = text.index("<!-- lintnews-enable")
    assert suppressions_of(text) == (Suppression(Span(0, enable), frozenset({"PN001"})),)
    assert is_prose(text, LEDE)
    assert not touches_prose(text, "lintnews-disable")


@pytest.mark.parametrize("separator", [", ", " ", ","])
def test_disable_several_codes(separator: str) -> None:
    text = f"<!-- lintnews-disable BP{separator}PN001 -->\n{LEDE}\n"
    (suppression,) = suppressions_of(text)
    assert suppression.codes == frozenset({"BP", "PN001"})
    assert suppression.covers("BP003")
    assert not suppression.covers("EN001")


def test_disable_without_codes_covers_all_rules() -> None:
    text = f"{LEDE}\n\n<!-- lintnews-disable -->\n{SECOND}\n"
    start = text.index("<!--")
    assert suppressions_of(text) == (Suppression(Span(start, len(text))),)


def test_enable_without_disable_is_ignored() -> None:
    text = f"{LEDE}\n\n<!-- lintnews-enable PN001 -->\n{SECOND}\n"
    assert suppressions_of(text) == ()


def test_enable_of_some_codes_leaves_the_others_disabled() -> None:
    text = f"<!-- lintnews-disable PN001 BP -->\n{LEDE}\n<!-- lintnews-enable BP -->\n{SECOND}\n"
    enable = text.index("<!-- lintnews-enable")
    assert set(suppressions_of(text)) == {
        Suppression(Span(0, enable), frozenset({"BP"})),
        Suppression(Span(0, len(text)), frozenset({"PN001"})),
    }


def test_enable_of_other_codes_leaves_a_disable_open() -> None:
    text = f"<!-- lintnews-disable PN001 -->\n{LEDE}\n<!-- lintnews-enable BP -->\n{SECOND}\n"
    assert suppressions_of(text) == (Suppression(Span(0, len(text)), frozenset({"PN001"})),)


def test_enable_with_codes_leaves_a_bare_disable_open() -> None:
    text = f"<!-- lintnews-disable -->\n{LEDE}\n<!-- lintnews-enable BP -->\n{SECOND}\n"
    assert suppressions_of(text) == (Suppression(Span(0, len(text))),)


def test_bare_enable_closes_every_disable() -> None:
    text = (
        f"<!-- lintnews-disable PN001 -->\n{LEDE}\n<!-- lintnews-disable -->\n"
        f"{SECOND}\n<!-- lintnews-enable -->\nLeave a Reply\n"
    )
    enable = text.index("<!-- lintnews-enable")
    second = text.index("<!-- lintnews-disable -->")
    assert suppressions_of(text) == (
        Suppression(Span(0, enable), frozenset({"PN001"})),
        Suppression(Span(second, enable)),
    )


def test_disable_next_line_skips_blank_lines() -> None:
    text = f"<!-- lintnews-disable-next-line PN001 -->\n\n  \n{LEDE}\n{SECOND}\n"
    assert suppressions_of(text) == (Suppression(needle_span(text, LEDE), frozenset({"PN001"})),)


def test_inline_disable_next_line_with_crlf() -> None:
    text = f"{LEDE} <!-- lintnews-disable-next-line -->\r\n{SECOND}\r\n"
    assert suppressions_of(text) == (Suppression(needle_span(text, SECOND)),)


def test_disable_next_line_at_end_of_text_suppresses_nothing() -> None:
    assert suppressions_of(f"{LEDE}\n\n<!-- lintnews-disable-next-line -->\n") == ()


@pytest.mark.parametrize(
    "quoted",
    [
        "```html\n<!-- lintnews-disable -->\n```\n",
        "~~~\n<!-- lintnews-disable -->\n",
        "    <!-- lintnews-disable -->\n",
        "Write `<!-- lintnews-disable -->` to switch rules off.\n",
        "---\nnote: <!-- lintnews-disable -->\n---\n",
    ],
    ids=["fence", "unclosed-fence", "indented", "code-span", "front-matter"],
)
def test_directives_quoted_as_code_do_not_count(quoted: str) -> None:
    text = f"{quoted}\n{LEDE}\n" if quoted.startswith("---") else f"{LEDE}\n\n{quoted}"
    assert suppressions_of(text) == ()
