"""Every rule over generated text: no exception, and spans and fixes that fit the text.

Texts are random Unicode (astral characters, combining marks, right-to-left
scripts, every kind of line break and quotation mark) and edited news
sentences with the artifacts lintnews looks for injected between them, as
plain text and as Markdown. For each diagnostic of each rule (all of them
selected): its span and its fix edits lie inside the text, and the row and
column of every offset map back to the offset.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintnews.document import Document
from lintnews.engine import lint_document
from lintnews.loader import document_from_text
from lintnews.registry import Registry
from lintnews.rules.runtime import RuleTimeout

RULES = list(Registry.load(()))
PER_DOCUMENT = [rule for rule in RULES if not hasattr(rule, "collect")]
CORPUS = [rule for rule in RULES if hasattr(rule, "collect")]

SENTENCES = [
    "Kazakh troops patrolled the streets of Almaty on Thursday.",
    "President Kassym-Jomart Tokayev said order had been restored.",
    "The Collective Security Treaty Organization (CSTO) sent 2,500 troops.",
    "“We will not negotiate,” he said.",
    "Prices rose 4.5% in December, the central bank said.",
]
ARTIFACTS = [
    " . .",
    " , ",
    "KazakhstanProtesters",
    "” bandits and terrorists “",
    "Vladimir Poutine",
    "(CTSC)",
    "to negotiate. with the protesters",
    "\nLeave a Reply\n",
    "\nSource link\n",
    "\nBy admin\n",
    "20 %",
    "the the",
    "\u200b",
    "Ã©",
    "\ufffd",
    "\x85",
    "(…)",
    "  ",
    "\r",
    "\r\n\r\n\r\n",
]
ODD = st.characters(
    codec="utf-8",
    categories=("L", "M", "N", "P", "S", "Z", "Cc", "Cf"),
) | st.sampled_from(list("\U0001d518\U0001f600é\u0301שםمر\u202e\u2028“”‘’«»\n\r"))
RANDOM_TEXT = st.text(ODD, max_size=300)
ARTICLE = st.lists(st.sampled_from(SENTENCES + ARTIFACTS), max_size=12).map(" ".join)


def _check(text: str, kind: str) -> None:
    doc = document_from_text(text, "article.txt", kind)
    index = doc.index
    for diagnostic in lint_document(doc, PER_DOCUMENT, RuleTimeout()):
        _fits(text, index, diagnostic.span.start, diagnostic.span.end)
        for edit in diagnostic.fix.edits if diagnostic.fix else ():
            _fits(text, index, edit.span.start, edit.span.end)
    for rule in CORPUS:
        rule.collect(Document(text))


def _fits(text: str, index, start: int, end: int) -> None:
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    for offset in (start, end):
        assert index.offset(index.location(offset)) == offset


PROPERTY_SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY_SETTINGS
@given(RANDOM_TEXT, st.sampled_from(["text", "markdown"]))
def test_random_unicode(text: str, kind: str) -> None:
    _check(text, kind)


@PROPERTY_SETTINGS
@given(ARTICLE, st.sampled_from(["text", "markdown"]))
def test_articles_with_injected_artifacts(text: str, kind: str) -> None:
    _check(text, kind)


@PROPERTY_SETTINGS
@given(st.lists(ARTICLE | RANDOM_TEXT, max_size=4).map("".join))
def test_artifacts_inside_random_text(text: str) -> None:
    _check(text, "text")
