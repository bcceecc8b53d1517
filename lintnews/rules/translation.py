"""TR: translation residue found by language identification.

The calques of this family (TR001 to TR013) are phrase lists, in the
``rules/translation.toml`` pack. This module holds what a list cannot do:
a sentence left in the language the article was translated from.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from typing import ClassVar, NamedTuple

from lintnews.diagnostics import Diagnostic, Severity, Span
from lintnews.document import Document
from lintnews.language import (
    DEFAULT_SOURCE_LANGUAGES,
    Guess,
    article_language,
    count_in,
    function_words,
    has_other_script,
    identify,
    ideographs,
    language_name,
    normalized,
    other_script_letters,
    other_words,
    words_of,
)
from lintnews.rule import Option, Rule
from lintnews.sentences import document_sentences

# A quotation: double quotes of any style, or guillemets, within a sentence.
_QUOTATION = re.compile(r"[“„«\"]([^“”„«»\"\r\n]+)[”“»\"]")
# Function words of other languages a sentence needs to be a candidate.
_MIN_FOREIGN = 3
# Share of a sentence's characters in another script that makes it a candidate.
_OTHER_SCRIPT_SHARE = 0.4
# Words outside the quotation marks that make a sentence's frame.
_FRAME_WORDS = 3
# A quotation in a sentence of the article's language needs this many words
# more than a sentence does, so that titles of books and films are left alone.
_QUOTATION_EXTRA_WORDS = 4


class Passage(NamedTuple):
    """Text that may be in another language: a sentence, or a quotation in one."""

    span: Span
    kind: str


class UntranslatedSentence(Rule):
    """## What it does
    Flags a sentence written in another language than the article around
    it: a paragraph of the French wire story left in an English article,
    a Russian quotation that nobody translated. The message names the
    language found.

    The article's language is found once: English by its function words,
    any other by a language detector (lingua, restricted to the
    `source-languages` of the configuration, by default English, French,
    German, Spanish, Russian, Ukrainian, Italian, Portuguese, Chinese,
    Arabic and Turkish). Then each sentence is screened by counting
    function words ("the", "said" against "le", "der", "que"): only one
    with three of another language and more than twice as many as of the
    article's, or one in another script, goes to the detector. On English
    news the detector is never even loaded.

    Names, places and titles do not fire: a sentence needs `min-words`
    words (6) that are not capitalised, the detector must be
    `min-confidence` sure (0.9), and the sentence must hold two function
    words of the language found. A quotation in a sentence that is
    otherwise in the article's language (`her novel “Les Années” won`)
    is judged on its own, and only from ten words up. Nothing is reported
    on a text too short for its language to be known.

    ## Why is this bad?
    A sentence in the source language is a translation that did not
    happen: the English reader loses what it says, and it shows that
    nobody read the article before it went out.

    ## Example
    ```text
    Police returned to the streets of Almaty on Friday.
    Les manifestants ont pris d'assaut la mairie mercredi soir, selon des témoins.
    ```

    Use instead:
    ```text
    Police returned to the streets of Almaty on Friday.
    Protesters stormed the city hall on Wednesday evening, witnesses said.
    ```
    """

    code = "TR014"
    name = "untranslated-sentence"
    summary = "Sentence left in another language than the article's"
    severity = Severity.WARNING
    languages: ClassVar[frozenset[str] | None] = None
    options: ClassVar[Mapping[str, Option]] = {
        "source-languages": Option(
            (tuple, list),
            DEFAULT_SOURCE_LANGUAGES,
            "Languages articles are translated from (ISO 639-1 codes); "
            "set once for every rule with the top-level `source-languages` key",
        ),
        "min-words": Option(int, 6, "Words (not names) a sentence needs to be judged"),
        "min-confidence": Option(
            (float, int), 0.9, "How sure the detector must be of the foreign language (0 to 1)"
        ),
    }

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        languages = normalized(self.settings["source-languages"])
        article = article_language(doc, languages)
        if article is None:
            return
        for passage in candidates(doc, article, languages, self.settings["min-words"]):
            text = doc.masked_text[passage.span.start : passage.span.end]
            guess = identify(text, languages)
            if guess is None or guess.language == article:
                continue
            if guess.confidence >= self.settings["min-confidence"] and confirmed(text, guess):
                name = language_name(guess.language)
                yield self.diagnostic(passage.span, f"{passage.kind} in {name} left untranslated")


def candidates(
    doc: Document, article: str, languages: tuple[str, ...], min_words: int
) -> Iterator[Passage]:
    """The passages of ``doc`` worth handing to the detector, by cheap tests.

    A sentence is a candidate when it has three function words of the other
    languages and more than twice as many as of the article's own, or when
    it is in another script than the article (Cyrillic in English, Latin in
    Russian).
    """
    text = doc.masked_text
    own, others = function_words(article), other_words(article, languages)
    scripts = has_other_script(text)
    # Most articles have not three function words of another language in
    # all: no sentence of theirs can be a candidate, none need be looked at.
    if not scripts and count_in(words_of(doc), _any_case(others)) < _MIN_FOREIGN:
        return
    in_other_script = scripts and _mostly_other_script(text)
    for span in document_sentences(doc):
        piece = text[span.start : span.end]
        script = scripts and _mostly_other_script(piece) != in_other_script
        if not script and not _more_foreign(piece.split(), own, others):
            continue
        passage = _passage(text, span, own, others, min_words)
        if passage is not None and content_words(text, passage.span) >= min_words:
            yield passage


@functools.cache
def _any_case(words: frozenset[str]) -> frozenset[str]:
    return words | {word.capitalize() for word in words}


def _mostly_other_script(text: str) -> bool:
    return other_script_letters(text) >= _OTHER_SCRIPT_SHARE * len(text)


def _more_foreign(tokens: list[str], own: frozenset[str], others: frozenset[str]) -> bool:
    """Whether a sentence has several foreign function words, and far more than its own.

    A sentence in French or German has four or more in a dozen words and
    hardly any English ones; an English sentence quoting a title ("Ceci
    n'est pas une pipe") or a menu ("café au lait") has a few of each.
    """
    found = count_in(tokens, others)
    return found >= _MIN_FOREIGN and found > 2 * count_in(tokens, own)


def confirmed(text: str, guess: Guess) -> bool:
    """Whether the passage has function words of the language found, when it has a list.

    The detector is sure of a language for English prose full of its names
    ("Lula da Silva won in São Paulo"); two function words of the language
    itself ("que", "não") are what a real sentence in it always has.
    """
    words = function_words(guess.language)
    return not words or has_other_script(text) or count_in(text.split(), words) >= 2


def _passage(
    text: str, span: Span, own: frozenset[str], others: frozenset[str], min_words: int
) -> Passage | None:
    """The passage to judge in a candidate sentence.

    A sentence whose words outside quotation marks are in the article's
    language quotes on purpose: only a long quotation in it is judged, by
    itself. Any other sentence is judged whole.
    """
    quotations = list(_QUOTATION.finditer(text, span.start, span.end))
    if not quotations:
        return Passage(span, "sentence")
    frame = _outside(text, span, quotations).split()
    own_words = count_in(frame, own)
    if len(frame) < _FRAME_WORDS or own_words == 0 or own_words <= count_in(frame, others):
        return Passage(span, "sentence")
    longest = max(quotations, key=lambda match: len(match.group(1)))
    inner = longest.group(1)
    start = longest.start(1) + len(inner) - len(inner.lstrip())
    quoted = Span(start, longest.start(1) + len(inner.rstrip(", \t")))
    if content_words(text, quoted) < min_words + _QUOTATION_EXTRA_WORDS:
        return None
    return Passage(quoted, "quotation")


def _outside(text: str, span: Span, quotations: list[re.Match[str]]) -> str:
    pieces, position = [], span.start
    for match in quotations:
        pieces.append(text[position : match.start()])
        position = match.end()
    pieces.append(text[position : span.end])
    return " ".join(pieces)


def content_words(text: str, span: Span) -> int:
    """Words of a passage that are not capitalised names (its first word counts).

    Each two CJK characters count as a word, since those scripts put no
    spaces between words.
    """
    passage = text[span.start : span.end]
    words = passage.split()
    capitalised = sum(map(str.__ne__, words[1:], passage.lower().split()[1:]))
    return len(words) - capitalised + ideographs(passage) // 2
