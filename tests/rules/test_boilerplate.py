"""Tests for the boilerplate (BP) rule pack in rules/boilerplate.toml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lintnews.diagnostics import Applicability, Edit, Span
from lintnews.document import Document
from lintnews.fixer import apply_edits
from lintnews.packs import load_pack

ROOT = Path(__file__).parents[2]
PACK = ROOT / "rules" / "boilerplate.toml"
SEEDS = ROOT / "seeds"
RULES = {rule.code: rule for rule in load_pack(PACK)}


def hits(code: str, text: str) -> list[str]:
    """The text of every span rule ``code`` flags in ``text``."""
    doc = Document(text)
    return [doc.slice(d.span) for d in RULES[code].check(doc)]


def fix_all(code: str, text: str) -> str:
    """``text`` with the fixes of rule ``code`` applied until none is left.

    As in ruff, each pass applies the fixes whose edits do not overlap an edit
    already taken (two adjacent deleted lines both claim the blank line
    between them), in reverse order, then checks the text again.
    """
    for _ in range(20):
        taken: list[Edit] = []
        for diagnostic in RULES[code].check(Document(text)):
            assert diagnostic.fix is not None
            edits = diagnostic.fix.edits
            if not any(e.span.overlaps(t.span) for e in edits for t in taken):
                taken.extend(edits)
        if not taken:
            return text
        text = apply_edits(text, taken)
    raise AssertionError(f"{code} fixes do not converge")


def in_article(line: str) -> str:
    """``line`` as a paragraph of its own between two article paragraphs."""
    return (
        f"Protests began in the west of the country.\n\n{line}\n\nThe army cordoned off a plaza.\n"
    )


def assert_fires(code: str, line: str) -> None:
    found = hits(code, in_article(line))
    assert len(found) == 1, f"{code} should flag {line!r} once, found {found}"
    assert found[0] in line


def assert_silent(code: str, text: str) -> None:
    found = hits(code, in_article(text))
    assert found == [], f"{code} should not flag {text!r}, found {found}"


# -- the pack itself -------------------------------------------------------------


def test_pack_declares_the_nine_rules_in_order() -> None:
    rules = load_pack(PACK)
    assert [rule.code for rule in rules] == [f"BP{n:03}" for n in range(1, 10)]
    assert [rule.name for rule in rules] == [
        "comment-form",
        "source-link",
        "cms-byline",
        "date-banner",
        "headline-site-suffix",
        "share-buttons",
        "related-links",
        "newsletter-prompt",
        "cookie-notice",
    ]


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_documented_and_fixable(code: str) -> None:
    rule = RULES[code]
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
        assert heading in rule.explanation, f"{code} lacks {heading!r}"
    assert rule.explanation.count("```") >= 4, f"{code} needs a bad and a good example"
    assert rule.summary.strip()
    assert rule.fixable


@pytest.mark.parametrize("code", sorted(RULES))
def test_explanation_example_fires_on_the_bad_text_only(code: str) -> None:
    blocks = RULES[code].explanation.split("```text\n")[1:]
    bad, good = (block.split("```")[0] for block in blocks[:2])
    assert hits(code, bad), f"{code} does not flag its own bad example"
    assert hits(code, good) == [], f"{code} flags its own good example"


# -- BP001 comment-form ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply",
        "LEAVE A REPLY",
        "## Leave a Reply",
        "Leave a Reply Cancel reply",
        "Leave a ReplyCancel reply",
        "Leave a Reply to Jane Doe Cancel reply",
        "Leave a comment",
        "Leave a Reply:",
        "Leave a Comment Cancel Reply",
        "Name*",
        "Email *",
        "Δ",
        "Your email address will not be published.",
        "Your email address will not be published. Required fields are marked *",
        "Your email address will not be published.Required fields are marked *",
        "Your email address will not be published. Required fields are marked *Comment *Name *",
        "Required fields are marked *",
        "Save my name, email, and website in this browser for the next time I comment.",
        "Save my name, email and website in this browser for the next time I comment.",
        "Cancel reply",
        "Post Comment",
        "You must be logged in to post a comment.",
        "12 Comments",
        "No Comments",
        "1 Comment",
        "Comments (3)",
        "Comments are closed.",
        "One thought on “Kazakhstan president vows to destroy bandits”",
        "2 Responses to “Kazakhstan unrest”",
        "Notify me of follow-up comments by email.",
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    ],
)
def test_comment_form_fires(line: str) -> None:
    assert_fires("BP001", line)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry did not leave a reply to our questions, and officials declined to comment.",
        "Leave a reply, the spokesman told reporters, and we will look into it.",
        "Your email address will not be published, the ministry promised, but many doubted it.",
        "Tokayev made 12 comments about the unrest during the broadcast.",
        "Comments by the president drew criticism abroad.",
        "He did not reply.",
    ],
)
def test_comment_form_ignores_sentences(text: str) -> None:
    assert_silent("BP001", text)


def test_comment_form_fix_deletes_the_lines_and_keeps_the_article() -> None:
    text = (
        "The Interior Ministry said 26 protesters were killed.\n"
        "\n"
        "Leave a Reply\n"
        "\n"
        "Your email address will not be published. Required fields are marked *\n"
        "\n"
        "Police returned to the streets.\n"
    )
    assert fix_all("BP001", text) == (
        "The Interior Ministry said 26 protesters were killed.\n\nPolice returned to the streets.\n"
    )


def test_comment_form_fix_at_the_end_of_the_file_keeps_the_last_paragraph() -> None:
    text = (
        "It appears these figures have not been verified.\n\n"
        "Leave a Reply\n\n"
        "Your email address will not be published."
    )
    assert fix_all("BP001", text) == "It appears these figures have not been verified."


def test_comment_form_fix_keeps_crlf_line_breaks() -> None:
    text = "Police returned.\r\n\r\nLeave a Reply\r\n\r\nThe army cordoned off a plaza.\r\n"
    assert fix_all("BP001", text) == "Police returned.\r\n\r\nThe army cordoned off a plaza.\r\n"


def test_comment_form_span_and_fix_are_unsafe_line_deletions() -> None:
    text = in_article("Leave a Reply")
    doc = Document(text)
    [diagnostic] = RULES["BP001"].check(doc)
    start = text.index("Leave a Reply")
    assert diagnostic.span == Span(start, start + len("Leave a Reply"))
    assert diagnostic.fix.applicability is Applicability.UNSAFE
    assert diagnostic.message == "Comment-form residue: “Leave a Reply”"


# -- BP002 source-link -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Source link",
        "Source link -87",
        "Source link – 12",
        "Source Link",
        "SOURCE LINK",
        "Source: link",
        "Source : link",
        "Original source",
        "Read the original article",
        "Read the original article.",
        "View original post",
        "View original post 312 more words",
        "Read the full story at Reuters",
        "Read full article",
        "- Source link",
    ],
)
def test_source_link_fires(line: str) -> None:
    assert_fires("BP002", line)


@pytest.mark.parametrize(
    "text",
    [
        "Source: Reuters",
        "Sources told Reuters the link between the protests and the elite was clear.",
        "The source link between fuel prices and the unrest is plain, analysts said.",
        "Read the original decree, published on Friday, to understand the order.",
        "An original source of the anger was the rise in gas prices.",
    ],
)
def test_source_link_ignores_sentences_and_attributions(text: str) -> None:
    assert_silent("BP002", text)


def test_source_link_fix_keeps_the_neighbouring_paragraphs() -> None:
    text = "Moscow sent troops.\n\nSource link -87\n\nBy admin\n"
    assert fix_all("BP002", text) == "Moscow sent troops.\n\nBy admin\n"


# -- BP003 cms-byline ------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "By admin",
        "by admin",
        "Posted by admin",
        "By Admin | January 8, 2022",
        "by webmaster",
        "By administrator",
        "Posted by wpadmin on January 8, 2022",
        "Posted on January 8, 2022 by admin",
        "By admin in News",
        "By admin - 2 years ago",
        "Author: admin",
        "By admin January 8, 2022",
        "By admin Saturday, 8 January",
        "January 8, 2022 by admin",
        "22/01/2022 | admin",
        "By editor",
        "admin",
    ],
)
def test_cms_byline_fires(line: str) -> None:
    assert_fires("BP003", line)


@pytest.mark.parametrize(
    "text",
    [
        "by Olzhas Auyov",
        "By Shaun Walker in Moscow",
        "By Olzhas Auyov | January 8, 2022",
        "Posted by Tamara Vaal on January 8, 2022",
        "By admin standards the response was slow, officials said.",
        "Administration officials declined to comment.",
        "Badminton was cancelled.",
        "By admin marked the occasion",
        "January 8 – Officials blamed the admin, said the report",
        "2 admin staff were fired",
        "By the editor of the local newspaper, the protests were a surprise.",
    ],
)
def test_cms_byline_ignores_real_bylines_and_sentences(text: str) -> None:
    assert_silent("BP003", text)


# -- BP004 date-banner -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Sat. Jan 22nd, 2022",
        "Saturday, January 22, 2022",
        "January 22, 2022",
        "22 January 2022",
        "22nd of January, 2022",
        "Jan 22, 2022 10:15 am",
        "Sat, 22 Jan 2022 10:15 GMT",
        "Saturday, January 22, 2022 - 10:15",
        "2022-01-22",
        "2022-01-22T10:15:00Z",
        "22/01/2022",
        "Updated: January 22, 2022",
        "Published 22 January 2022, 10:15 GMT",
        "JANUARY 22, 2022",
    ],
)
def test_date_banner_fires(line: str) -> None:
    assert_fires("BP004", line)


@pytest.mark.parametrize(
    "text",
    [
        "On January 22, 2022, security forces regained control of the airport.",
        "The protests began on 2 January 2022 in the west of the country.",
        "January 22, 2022 was the day the internet came back.",
        "Saturday, the president said, would be a day of mourning.",
        "January",
        "2022",
        "Tokayev, 68, said 26 people were killed.",
    ],
)
def test_date_banner_ignores_dated_sentences(text: str) -> None:
    assert_silent("BP004", text)


def test_date_banner_fix_at_the_start_of_the_file() -> None:
    text = "Sat. Jan 22nd, 2022\n\nSecurity forces appear to have regained control.\n"
    assert fix_all("BP004", text) == "Security forces appear to have regained control.\n"


# -- BP005 headline-site-suffix --------------------------------------------------

HEADLINE = "Kazakhstan president vows to destroy ‘bandits and terrorists’ behind protests"


@pytest.mark.parametrize(
    ("headline", "suffix"),
    [
        (f"{HEADLINE} | Kazakhstan", " | Kazakhstan"),
        (f"{HEADLINE} | World news | The Guardian", " | World news | The Guardian"),
        (f"{HEADLINE} | Reuters", " | Reuters"),
        (f"{HEADLINE} ｜ Al Jazeera", " ｜ Al Jazeera"),
        (f"{HEADLINE} | RFE/RL", " | RFE/RL"),
        (
            "Kazakhstan unrest | Security forces regain control of Almaty airport | Reuters",
            " | Reuters",
        ),
        (f"{HEADLINE} | Kazakhstan \r\n\r\nBody.", " | Kazakhstan"),
    ],
)
def test_headline_site_suffix_fires(headline: str, suffix: str) -> None:
    text = f"{headline}\n\nTokayev has vowed an uncompromising crackdown.\n"
    assert hits("BP005", text) == [suffix]


@pytest.mark.parametrize(
    "headline",
    [
        "Kazakhstan: President authorizes indiscriminate fire to contain protests",
        "Kazakhstan president vows crackdown - Reuters",
        "Kazakhstan president vows crackdown — Kazakhstan",
        "Opinion | Why Tokayev Ordered Troops",
        "Kazakhstan | president vows a crackdown on protesters in the country today",
        "Protests | what we know so far",
        "Kazakhstan protests | Tokayev orders troops to fire without warning",
    ],
)
def test_headline_site_suffix_ignores_other_separators(headline: str) -> None:
    text = f"{headline}\n\nTokayev has vowed an uncompromising crackdown.\n"
    assert hits("BP005", text) == []


def test_headline_site_suffix_checks_only_the_first_line() -> None:
    text = f"{HEADLINE}\n\nA table row | Kazakhstan\n"
    assert hits("BP005", text) == []
    text = f"\n\n{HEADLINE} | Kazakhstan\nSecond line | Reuters\n"
    assert hits("BP005", text) == [" | Kazakhstan"]


def test_headline_site_suffix_fix_deletes_from_the_space_before_the_pipe() -> None:
    text = f"{HEADLINE} | Kazakhstan\n\nTokayev has vowed a crackdown.\n"
    assert fix_all("BP005", text) == f"{HEADLINE}\n\nTokayev has vowed a crackdown.\n"


# -- BP006 share-buttons ---------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Share this:",
        "Share this article",
        "Like this:",
        "Like Loading...",
        "Like Loading…",
        "Click to share on Twitter (Opens in new window)",
        "Click to share on Facebook (Opens in new window)",
        "Click to email a link to a friend (Opens in new window)",
        "Click to print (Opens in new window)",
        "Click to share on Twitter (Opens in new window)"
        "Click to share on Facebook (Opens in new window)",
        "Share on Facebook",
        "Share this on WhatsApp",
        "Follow us on Facebook, Instagram and YouTube",
        "Loading...",
        "Tweet",
        "Facebook Twitter LinkedIn WhatsApp Email",
        "Facebook | Twitter | Email",
        "Share 0 Tweet 0 Pin 0",
        "- Share",
        "1.2k Shares",
    ],
)
def test_share_buttons_fire(line: str) -> None:
    assert_fires("BP006", line)


@pytest.mark.parametrize(
    "text",
    [
        "Share this article with anyone who doubts the official figures, he wrote.",
        "Like this, the protests spread from the west to Almaty.",
        "Facebook and Twitter were blocked on Wednesday.",
        "Twitter",
        "Shares in Kazakh oil companies fell sharply.",
        "He did not tweet about the unrest.",
        "Like many others, he left.",
        "Follow us on the march, protesters chanted.",
    ],
)
def test_share_buttons_ignore_sentences(text: str) -> None:
    assert_silent("BP006", text)


def test_share_buttons_fix_removes_a_block_of_buttons() -> None:
    text = (
        "More than 3,800 people have been arrested.\n\n"
        "Share this:\n\n"
        "Click to share on Twitter (Opens in new window)\n"
        "Click to share on Facebook (Opens in new window)\n\n"
        "Like this:\n\n"
        "Like Loading...\n\n"
        "Moscow said more than 70 planes were used.\n"
    )
    assert fix_all("BP006", text) == (
        "More than 3,800 people have been arrested.\n\nMoscow said more than 70 planes were used.\n"
    )


# -- BP007 related-links ---------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Related posts",
        "Related Posts:",
        "Related articles",
        "Related",
        "You may also like",
        "Read more",
        "Read More »",
        "Read more...",
        "Continue reading",
        "Continue reading →",
        "More stories",
        "Read Next",
        "READ NEXT: Russia sends troops to Kazakhstan",
        "Also read: Kazakhstan protests explained",
        "READ MORE: Russia sends troops to Kazakhstan",
        "Related: Tokayev sacks government",
        "See also",
        "Next post: Kazakhstan lifts internet blackout",
        "### Related Posts",
    ],
)
def test_related_links_fire(line: str) -> None:
    assert_fires("BP007", line)


@pytest.mark.parametrize(
    "text",
    [
        "Related posts on social media drew criticism, officials said.",
        "Related-party transactions rose sharply in the oil sector.",
        "Read more carefully, the decree grants the police wide powers.",
        "You may also like to know that the curfew was extended.",
        "More stories of looting emerged on Friday.",
        "Continue reading the statement, the spokesman told reporters.",
    ],
)
def test_related_links_ignore_sentences(text: str) -> None:
    assert_silent("BP007", text)


# -- BP008 newsletter-prompt -----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe to our newsletter",
        "Sign up for our newsletter",
        "Sign up for our free daily newsletter",
        "Sign up to The Morning newsletter",
        "Join our mailing list",
        "Sign up to receive our newsletter",
        "Subscribe to our YouTube channel",
        "Subscribe now",
        "Subscribe",
        "Get the latest news delivered to your inbox",
        "Sign up to get the latest news delivered to your inbox.",
        "Enter your email address",
        "Enter your email address to subscribe to this blog and receive notifications"
        " of new posts by email.",
        "Join 1,234 other subscribers",
    ],
)
def test_newsletter_prompt_fires(line: str) -> None:
    assert_fires("BP008", line)


@pytest.mark.parametrize(
    "text",
    [
        "Readers can subscribe to our newsletter, the editor said.",
        "Protesters were urged to subscribe to Telegram channels for news.",
        "The ministry said activists would get the latest orders in their inbox.",
        "Subscribers to the state channel saw the address live.",
        "Sign up was slow, officials said.",
    ],
)
def test_newsletter_prompt_ignores_sentences(text: str) -> None:
    assert_silent("BP008", text)


# -- BP009 cookie-notice ---------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "We use cookies to ensure that we give you the best experience on our website. "
        "If you continue to use this site we will assume that you are happy with it.",
        "This website uses cookies to improve your experience.",
        "This site uses cookies.",
        "Privacy & Cookies: This site uses cookies. By continuing to use this website, "
        "you agree to their use.",
        "By continuing to use this website, you agree to our use of cookies.",
        "Accept all cookies",
        "Accept cookies",
        "Cookie settings",
        "Cookie Policy",
        "Do not sell my personal information",
    ],
)
def test_cookie_notice_fires(line: str) -> None:
    assert_fires("BP009", line)


@pytest.mark.parametrize(
    "text",
    [
        "Regulators said the company used cookies to track users across sites.",
        "By using cookies, advertisers can follow readers from site to site, the report found.",
        "We use the cookies my grandmother baked, she said.",
        "I agree",
        "Accept",
        "Got it",
    ],
)
def test_cookie_notice_ignores_sentences_and_lone_buttons(text: str) -> None:
    assert_silent("BP009", text)


def test_cookie_notice_flags_buttons_only_after_a_cookie_line() -> None:
    text = (
        "The unrest has boosted world prices for oil.\n\n"
        "We use cookies to give you the best experience.\n\n"
        "Accept\n"
        "Reject all\n\n"
        "The internet has been cut since Wednesday.\n\n"
        "I agree\n"
    )
    assert hits("BP009", text) == [
        "We use cookies to give you the best experience.",
        "Accept",
        "Reject all",
    ]
    assert fix_all("BP009", text) == (
        "The unrest has boosted world prices for oil.\n\n"
        "The internet has been cut since Wednesday.\n\n"
        "I agree\n"
    )


# -- the seed articles ----------------------------------------------------------

GOLD = json.loads((SEEDS / "seeds-gold.json").read_text(encoding="utf-8"))
SEED_FILES = GOLD["files"]


def seed_diagnostics(name: str) -> list:
    doc = Document((SEEDS / name).read_text(encoding="utf-8"), path=name)
    return [d for rule in RULES.values() for d in rule.check(doc)]


def test_seed_gold_lists_boilerplate() -> None:
    required = [a for a in GOLD["artifacts"] if a["class"] == "boilerplate" and a["required"]]
    assert len(required) >= 10
    assert GOLD["negatives"]


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_snippets_match_the_text(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    for item in GOLD["artifacts"] + GOLD["negatives"]:
        if item["file"] == name:
            assert text[item["start"] : item["end"]] == item["snippet"]


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_boilerplate_is_caught(name: str) -> None:
    spans = [d.span for d in seed_diagnostics(name)]
    for artifact in GOLD["artifacts"]:
        if artifact["file"] != name or artifact["class"] != "boilerplate":
            continue
        if not artifact["required"]:
            continue
        target = Span(artifact["start"], artifact["end"])
        assert any(span.overlaps(target) for span in spans), (
            f"{name}: no BP diagnostic on {artifact['snippet']!r}"
        )


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_negatives_are_not_flagged(name: str) -> None:
    diagnostics = seed_diagnostics(name)
    for negative in GOLD["negatives"]:
        if negative["file"] != name:
            continue
        target = Span(negative["start"], negative["end"])
        flagged = [d for d in diagnostics if d.span.overlaps(target)]
        assert flagged == [], f"{name}: {negative['snippet']!r} flagged by {flagged}"


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_diagnostics_stay_on_boilerplate(name: str) -> None:
    """Every BP diagnostic on a seed lands on an annotated boilerplate artifact."""
    boilerplate = [
        Span(a["start"], a["end"])
        for a in GOLD["artifacts"]
        if a["file"] == name and a["class"] == "boilerplate"
    ]
    for diagnostic in seed_diagnostics(name):
        assert any(diagnostic.span.overlaps(span) for span in boilerplate), (
            f"{name}: {diagnostic.code} flags unannotated text: {diagnostic.message}"
        )
