"""DU: words, phrases and sentences that scraping or translation doubled."""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.data import string_set
from lintnews.prefilter import fold
from lintnews.rule import Option, Rule
from lintnews.rules._word_text import word_text
from lintnews.sentences import CLOSING_MARKS, END_MARKS, document_sentences

_NOT_WORD = r"[\p{L}\p{M}\p{N}_'’-]"
# A word and its repeats, whitespace between; a hyphen (Baden-Baden), an
# apostrophe (that that's) or any punctuation ("No, no") ends the run.
_DOUBLED_WORD = regex.compile(
    rf"(?<!{_NOT_WORD})(?P<word>\p{{L}}[\p{{L}}\p{{M}}]*)(?:\s+(?P=word)(?!{_NOT_WORD}))+",
    regex.IGNORECASE,
)
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*")
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*")
# Inside a repeated phrase, words are parted by spaces or a comma: quotes,
# colons and sentence ends mean a list such as “Share this:”, “Like this:”.
_INNER_GAP = regex.compile(r",?\s+")
_CLAUSE_BREAK = regex.compile(r"[.!?;:]")
_DATA = "duplication-allowed"


def _normalized(text: str) -> str:
    return " ".join(text.split())


def _has_adjacent_twins(words: Sequence[str]) -> bool:
    return any(map(operator.eq, words, words[1:]))


class DoubledWord(Rule):
    """## What it does
    Flags a word written twice in a row, in any case and across a line break
    inside a paragraph: `the the`, `to to`, `The the`.

    Good English doublings are left alone: `had had`, `that that`,
    `What it is is`, `gave her her`, `very very`, `bye bye`, and the other
    words in `rules/data/duplication-allowed.toml` (the option `allowed` adds
    more). A capitalised second copy (`Walla Walla`, `Bora Bora`,
    `Sirhan Sirhan`), a hyphen (`Baden-Baden`), a comma (`No, no`) and
    numbers are never flagged. A preposition that can end a clause (`in`,
    `on`, `for`) is flagged only when no relative or question word comes
    before it in the sentence and no time expression follows, so
    `the city he lived in in 2010` and `what they worked on on Monday` pass.

    ## Why is this bad?
    Machine translation and line re-joining after scraping repeat short
    words. Readers notice at once, and the error looks careless.

    ## Example
    ```text
    Protesters gathered in in the main square of Almaty on Wednesday.
    ```

    Use instead:
    ```text
    Protesters gathered in the main square of Almaty on Wednesday.
    ```

    ## Fix safety
    The fix deletes the repeats and the space before each. It is safe: the
    doublings that English allows are not flagged.
    """

    code = "DU001"
    name = "doubled-word"
    summary = "Word repeated twice in a row"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Option]] = {
        "allowed": Option(list, [], "More words whose doubling is correct, any case.")
    }

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        masked = doc.masked_text
        allowed = string_set(_DATA, "words") | {w.casefold() for w in self.settings["allowed"]}
        for paragraph in _may_double_words(doc):
            for match in _DOUBLED_WORD.finditer(masked, paragraph.start, paragraph.end):
                word = match["word"].casefold()
                repeat = _WORD.search(masked, match.end("word"), match.end())
                if (
                    word in allowed
                    or (len(word) < 2 and match.group() != "a a")
                    or not repeat.group()[0].islower()
                    or doc.text[match.start() : match.end()] != masked[match.start() : match.end()]
                    or (word in string_set(_DATA, "clause-final") and _may_strand(doc, match))
                ):
                    continue
                fix = Fix.replace(Span(match.end("word"), match.end()), "", "Delete the repeat")
                span = Span(*match.span())
                yield self.diagnostic(span, f"Doubled word “{match['word']}”", fix=fix)


def _may_double_words(doc: Document) -> Sequence[Span]:
    """The paragraphs where _DOUBLED_WORD may match, in text order.

    Its two copies are _TOKEN words (a hyphen, an apostrophe or a digit on
    either side ends the match) with only spaces between, equal once folded.
    """
    words = word_text(doc)
    if words.unknown_letters:
        return doc.paragraphs
    if not _has_adjacent_twins(fold(words.text).split()):
        return ()
    return [
        paragraph
        for paragraph in doc.paragraphs
        if _has_adjacent_twins(fold(words.text[paragraph.start : paragraph.end]).split())
    ]


def _may_strand(doc: Document, match: regex.Match) -> bool:
    """True when a doubled preposition may end one clause and start the next."""
    masked = doc.masked_text
    line_start = masked.rfind("\n", 0, match.start()) + 1
    before = masked[line_start : match.start()]
    clause = _CLAUSE_BREAK.split(before)[-1]
    relatives = string_set(_DATA, "relative-words")
    if any(w.casefold() in relatives for w in _WORD.findall(clause)):
        return True
    after = regex.findall(r"[\p{L}\p{N}]+", masked[match.end() : match.end() + 60])[:2]
    times = string_set(_DATA, "time-words")

    def is_time(token: str) -> bool:
        return token[0].isdigit() or token.casefold() in times

    if after and is_time(after[0]):
        return True
    determiner = after and after[0].casefold() in string_set(_DATA, "time-determiners")
    return bool(determiner and len(after) > 1 and is_time(after[1]))


class DoubledPhrase(Rule):
    """## What it does
    Flags a phrase of two or more words written twice in a row, with only
    spaces between the copies: `one of the of the largest`, a photo caption
    kept twice.

    The copies must match exactly, case and punctuation included. A phrase
    of capitalised words only must be at least four words long (so that a
    name such as `New York New York` in a title passes), and the copies must
    not be separated by punctuation (`Lock her up, lock her up`).

    ## Why is this bad?
    Scrapers keep both the alternative text and the caption of an image, and
    translation tools repeat a phrase when they re-join split sentences. The
    sentence reads as nonsense until the repeat is removed.

    ## Example
    ```text
    Almaty is one of the of the largest cities in Central Asia.
    ```

    Use instead:
    ```text
    Almaty is one of the largest cities in Central Asia.
    ```

    ## Fix safety
    The fix deletes the second copy. It is unsafe: it deletes words, and an
    editor may prefer to rewrite the sentence.
    """

    code = "DU002"
    name = "doubled-phrase"
    summary = "Phrase repeated twice in a row"
    severity = Severity.WARNING
    #: The longest phrase looked for, in words: a long caption.
    MAX_WORDS = 60

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = word_text(doc).text
        for paragraph in doc.paragraphs:
            # The same as _TOKEN.findall(doc.masked_text, paragraph.start, paragraph.end).
            words = text[paragraph.start : paragraph.end].split()
            pairs = list(itertools.pairwise(words))
            # A phrase of two words or more repeated at once starts with a pair
            # of words that recurs: only such tokens are tried, in text order.
            if len(set(pairs)) == len(pairs):
                continue
            tokens = _LazyTokens(doc.masked_text, paragraph)
            repeated = {pair for pair, count in Counter(pairs).items() if count > 1}
            starts = itertools.compress(itertools.count(), map(repeated.__contains__, pairs))
            free = 0
            for i in starts:
                if i < free:
                    continue
                size = self._repeat_at(doc, tokens, words, pairs, i)
                if not size:
                    continue
                first_end, second = tokens[i + size - 1].end(), tokens[i + size]
                copy = Span(second.start(), tokens[i + 2 * size - 1].end())
                fix = Fix.replace(
                    Span(first_end, copy.end), "", "Delete the second copy", safe=False
                )
                yield self.diagnostic(
                    copy, f"Phrase repeated: “{_short(doc.slice(copy))}”", fix=fix
                )
                free = i + 2 * size

    def _repeat_at(
        self,
        doc: Document,
        tokens: _LazyTokens,
        words: list[str],
        pairs: list[tuple[str, str]],
        i: int,
    ) -> int:
        """The length in words of a phrase at token ``i`` that is repeated at once, or 0.

        ``words`` holds the text of each token, ``pairs`` each token's with the next.
        """
        limit = min(self.MAX_WORDS, (len(words) - i) // 2)
        pair = pairs[i]
        position = i + 2
        while True:
            # The sizes, in increasing order, at which the phrase's first two
            # words recur: a copy of two words or more starts with them.
            try:
                position = pairs.index(pair, position, i + limit + 1)
            except ValueError:
                return 0
            size = position - i
            position += 1
            phrase = words[i : i + size]
            if phrase != words[i + size : i + 2 * size]:
                continue
            if _rhythm(words, i, size):
                return 0  # longer repeats here are multiples of the rhythm
            joins = zip(tokens[i : i + size - 1], tokens[i + 1 : i + size], strict=True)
            first = Span(tokens[i].start(), tokens[i + size - 1].end())
            second = Span(tokens[i + size].start(), tokens[i + 2 * size - 1].end())
            gap = doc.text[first.end : second.start]
            if (
                not gap.isspace()
                or not all(_INNER_GAP.fullmatch(doc.text, a.end(), b.start()) for a, b in joins)
                or _normalized(doc.slice(first)) != _normalized(doc.slice(second))
                or len(set(phrase)) < 2
                or all(w[0].isdigit() for w in phrase)
                or (size < 4 and not any(w[0].islower() for w in phrase))
                or doc.text[first.start : second.end] != doc.masked_text[first.start : second.end]
            ):
                continue
            return size


class _LazyTokens:
    """The matches of _TOKEN in a paragraph, found when first indexed.

    Their texts (``_TOKEN.findall``) are enough to look for repeats, which
    are rare; offsets are needed only to check and report one.
    """

    def __init__(self, text: str, paragraph: Span) -> None:
        self._text = text
        self._paragraph = paragraph
        self._matches: list[regex.Match[str]] | None = None

    def __getitem__(self, index: Any) -> Any:
        if self._matches is None:
            paragraph = self._paragraph
            self._matches = list(_TOKEN.finditer(self._text, paragraph.start, paragraph.end))
        return self._matches[index]


def _rhythm(words: list[str], i: int, size: int) -> bool:
    """True when the repeat runs on either side: "on and on and on", "day after day after day"."""
    after = i + 2 * size < len(words) and words[i + 2 * size] == words[i]
    before = i > 0 and words[i - 1] == words[i + size - 1]
    return after or before


def _short(text: str, limit: int = 50) -> str:
    text = _normalized(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class RepeatedSentence(Rule):
    """## What it does
    Flags a sentence or a paragraph that already appeared earlier in the
    article, word for word (spaces and line breaks aside). The second copy is
    reported; sentences shorter than six words (`He said no.`) are ignored,
    and the option `min-words` changes that length. Sentences are split as
    in every lintnews rule: an abbreviation (`Gov. Greg Abbott`), an initial
    (`George W. Bush`) or a period before a lowercase word does not end one.

    ## Why is this bad?
    Scrapers pick up the same paragraph twice (once from a teaser or a
    caption, once from the body), and translation pipelines that work
    paragraph by paragraph sometimes emit one twice. Edited news does not
    repeat a sentence verbatim.

    ## Example
    ```text
    Troops moved into the city overnight. Flights stopped. Troops moved into the city overnight.
    ```

    Use instead:
    ```text
    Troops moved into the city overnight. Flights stopped.
    ```

    ## Fix safety
    When the copy is a whole paragraph, the fix deletes that paragraph's
    line. It is unsafe: it deletes text, and an editor should check which
    copy belongs where. A sentence repeated inside a paragraph has no fix.
    """

    code = "DU003"
    name = "repeated-sentence"
    summary = "Sentence or paragraph repeated in the article"
    severity = Severity.WARNING
    options: ClassVar[Mapping[str, Option]] = {
        "min-words": Option(int, 6, "Shortest sentence to compare, in words.")
    }

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        if not _may_repeat(doc, self._long_enough):
            return
        seen_paragraphs: dict[str, Span] = {}
        seen_sentences: dict[str, Span] = {}
        sentences = document_sentences(doc)
        for paragraph in doc.paragraphs:
            whole = _normalized(doc.slice(paragraph))
            if whole in seen_paragraphs and self._long_enough(whole):
                yield self._report(doc, _trimmed(doc, paragraph), seen_paragraphs[whole], paragraph)
                continue
            seen_paragraphs.setdefault(whole, paragraph)
            for sentence in _inside(sentences, paragraph):
                text = _normalized(doc.slice(sentence))
                # Only long enough sentences are kept, so one seen before is long enough.
                if text in seen_sentences:
                    owner = paragraph if text == whole else None
                    yield self._report(doc, sentence, seen_sentences[text], owner)
                elif self._long_enough(text):
                    seen_sentences[text] = sentence

    def _long_enough(self, text: str) -> bool:
        needed = self.settings["min-words"]
        # Counting stops at the number needed: long paragraphs are not scanned to the end.
        return sum(1 for _ in itertools.islice(_WORD.finditer(text), max(needed, 0))) >= needed

    def _report(self, doc: Document, span: Span, first: Span, paragraph: Span | None) -> Diagnostic:
        row = doc.location(first.start).row
        fix = None
        removal = _paragraph_removal(doc, paragraph) if paragraph else None
        if removal is not None:
            fix = Fix.replace(removal, "", "Delete the repeated paragraph", safe=False)
        kind = "Paragraph" if paragraph else "Sentence"
        return self.diagnostic(span, f"{kind} repeated from line {row}", fix=fix)


# Every mark after which a sentence may end, and the line breaks between
# paragraphs. (One character class, which ``re`` scans for quickly.)
_PIECE_BREAK = re.compile(f"[{re.escape(END_MARKS)}\n]")
# What may stand between a sentence's last mark and the next sentence, in
# whitespace-normalised text.
_PIECE_LEAD = " " + CLOSING_MARKS


def _may_repeat(doc: Document, long_enough: Callable[[str], bool]) -> bool:
    """False when no paragraph or sentence long enough is repeated in ``doc``.

    Spares most articles, which repeat nothing, the sentence split. In plain
    text a sentence starts a paragraph or follows a mark, the closing quotes
    and brackets after it and spaces; so once the whitespace-normalised
    paragraphs are cut at every mark and stripped of what may lead them, a
    repeated sentence is a run of pieces that each occur twice, with all the
    sentence's words. Markdown, whose sentences also start where a block
    does, and documents with masked parts are always checked in full.
    """
    text = doc.text
    if doc.kind == "markdown" or doc.masked_text != text:
        return True
    paragraphs = [_normalized(text[p.start : p.end]) for p in doc.paragraphs]
    if any(long_enough(t) for t in _repeated(paragraphs)):
        return True
    pieces = [piece.lstrip(_PIECE_LEAD) for piece in _PIECE_BREAK.split("\n".join(paragraphs))]
    repeated = set(_repeated(pieces))
    if not repeated:
        return False
    run: list[str] = []
    for piece in [*pieces, None]:
        if piece in repeated:
            run.append(piece)
        elif run:
            if long_enough(" ".join(run)):
                return True
            run = []
    return False


def _repeated(items: list[str]) -> list[str]:
    if len(set(items)) == len(items):
        return []
    return [item for item, count in Counter(items).items() if count > 1]


def _trimmed(doc: Document, span: Span) -> Span:
    text = doc.slice(span)
    if not text.strip():  # str.strip takes \x1c-\x1f, which regex's \s does not split at
        return Span(span.start, span.start)
    start = span.start + len(text) - len(text.lstrip())
    return Span(start, span.start + len(text.rstrip()))


def _inside(sentences: Sequence[Span], paragraph: Span) -> Iterator[Span]:
    """The sentences that lie in ``paragraph`` (a sentence never crosses a paragraph)."""
    i = bisect.bisect_left(sentences, paragraph.start, key=operator.attrgetter("start"))
    while i < len(sentences) and sentences[i].start < paragraph.end:
        yield sentences[i]
        i += 1


def _paragraph_removal(doc: Document, paragraph: Span) -> Span | None:
    """What to delete so that a one-line paragraph goes; None for a wrapped one."""
    row = doc.location(paragraph.start).row
    if doc.location(paragraph.end).row != row:
        return None
    return doc.line_removal(row)
