"""CP: photo captions and credits left in the body of an article."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.data import string_set
from lintnews.packs.kinds import phrase_pattern
from lintnews.rule import Rule
from lintnews.rules._lines import finditer_in_lines

_DATA = "captions-credits"
_H = r"[^\S\r\n]"


def _names(*keys: str) -> str:
    """An alternation of the names under ``keys``, longest first, also in capitals."""
    names = {name for key in keys for name in string_set(_DATA, key)}
    names |= {name.upper() for name in names}
    parts = (phrase_pattern(name) for name in names)
    return "|".join(sorted(parts, key=len, reverse=True))


_AGENCY = rf"(?<![\w-])(?:{_names('agencies', 'photo-services')})(?![\w-])"
_SERVICE = rf"(?<![\w-])(?:{_names('photo-services')})(?![\w-])"
_CREDIT_WORD = rf"(?<![\w-])(?:{_names('credit-words')})(?![\w-])"
_WORD = r"\p{Lu}[\p{L}\p{M}'’.-]*"
_PARTICLE = r"(?:de|da|del|van|von|der|den|al|el|bin|ibn|la|le|di|du|dos|das)"
_PERSON = rf"{_WORD}(?:{_H}+(?:{_PARTICLE}{_H}+)?{_WORD}){{1,3}}"
_PART = rf"(?:{_AGENCY}|{_CREDIT_WORD}|{_PERSON})"
# "Name/AGENCY/Getty Images via AFP", "REUTERS/Name/File Photo", "Name via Getty Images".
_CHAIN = rf"{_PART}(?:(?:{_H}*/{_H}*{_PART})+(?:{_H}+via{_H}+{_AGENCY})?|{_H}+via{_H}+{_AGENCY})"
# Where a label can open a credit: a line start, a sentence end, a bracket.
_LEAD = rf"(?:(?<=^{_H}*)|(?<=[.!?…\"”’)\]]{_H}*)|(?<=[\[(]{_H}*))"
_TO_END = rf"(?={_H}*(?:$|[\])]))"

AGENCY = regex.compile(_AGENCY)
SERVICE = regex.compile(rf"{_H}*(?:{_SERVICE}){_H}*")
PERSON = regex.compile(rf"{_PERSON}[.,]?")
CREDIT_WORD = regex.compile(_CREDIT_WORD)
LABELLED = regex.compile(
    rf"{_LEAD}(?:{_names('credit-labels')})(?:{_H}*:|{_H}+by(?={_H}))"
    rf"{_H}*(?P<content>[^\r\n\[\]()]{{1,150}}?){_TO_END}",
    regex.MULTILINE,
)
BRACKETED = regex.compile(r"\[(?P<square>[^\[\]\r\n]{2,200})\]|\((?P<round>[^()\r\n]{2,200})\)")
SOURCE_LINE = regex.compile(
    rf"{_LEAD}(?:{_names('source-labels')})(?:{_H}*[,:]{_H}*|{_H}+)"
    rf"[^\r\n\[\]]{{1,100}}?(?={_H}*$|(?:{_names('caption-labels')})[,:{_H}])",
    regex.MULTILINE,
)
CAPTION_LINE = regex.compile(
    rf"^{_H}*(?:(?:{_names('caption-labels')}){_H}*[,:]|Image{_H}+caption|Media{_H}+caption)"
    rf"{_H}*[^\r\n]{{1,400}}?{_H}*$",
    regex.MULTILINE,
)
_CREDIT_TAIL = (
    rf"{_H}*[,.|–-]?{_H}*(?:[\[(]|©|{_CHAIN}|{_SERVICE}|(?:{_names('credit-labels')}){_H}*:)"
)
# Prose, not a credit: "a Reuters/Ipsos poll", "the AFP/Getty Images archive".
_ARTICLE_BEFORE = regex.compile(rf"\b(?:a|an|the|of|by){_H}+$", regex.IGNORECASE)
_WORD_AFTER = regex.compile(rf"{_H}+\p{{Ll}}")


# The patterns that hold _CHAIN take a tenth of a second to compile, so each
# is compiled when first needed; most articles need none.


@functools.cache
def chain() -> regex.Pattern[str]:
    return regex.compile(rf"(?<![\w/.:@-]){_CHAIN}(?![\w/])", regex.MULTILINE)


@functools.cache
def copyright_credit() -> regex.Pattern[str]:
    return regex.compile(rf"©{_H}*(?:\d{{4}}{_H}*)?(?:{_CHAIN}|{_AGENCY}|{_PERSON})")


@functools.cache
def credit_tail() -> regex.Pattern[str]:
    return regex.compile(_CREDIT_TAIL)


# Every match of chain() holds a slash or "via", and no line break.
_CHAIN_HINT = regex.compile(r"/|via")


def _may_hold_chain(text: str) -> bool:
    return "/" in text or "via" in text


def _is_credit(text: str) -> bool:
    """True when ``text`` (what follows a credit label) names a source."""
    text = text.strip()
    return bool(
        # A chain holds a slash or "via": without one, no need to compile it.
        (_may_hold_chain(text) and chain().search(text))
        or AGENCY.search(text)
        or CREDIT_WORD.search(text)
        or PERSON.fullmatch(text)
    )


def _is_picture_chain(chain: str) -> bool:
    """A chain credits a picture unless it only joins text agencies."""
    rest = AGENCY.sub("", chain)
    return bool(SERVICE.search(chain) or regex.search(r"\p{L}", regex.sub(r"\bvia\b", "", rest)))


def _bracket_credit(inner: str, square: bool, at_line_end: bool) -> bool:
    inner = inner.strip()
    if LABELLED.match(inner):
        return True
    # A chain holds a slash or "via": without one, no need to compile it.
    chain_match = _may_hold_chain(inner) and chain().fullmatch(inner)
    if chain_match and _is_picture_chain(inner):
        return True
    if square and at_line_end and AGENCY.fullmatch(inner):
        # Captions end "[AFP]"; round brackets there would be a dateline.
        return True
    # "(EPA)" is the Environmental Protection Agency after its name.
    return bool(SERVICE.fullmatch(inner) and regex.search(r"[\s-]", inner))


class PhotoCredit(Rule):
    """## What it does
    Flags a photo credit left in the text of an article:
    `Photograph: Document from the press service of the President of
    Kazakhstan / EPA`, `[Abduaziz Madyarov/AFP/Getty Images via AFP]`,
    `(Photo: Reuters)`, `(AP Photo/Vasily Krestyaninov)`,
    `REUTERS/Pavel Mikheyev`, `Image source, Getty Images`, `© Reuters`, or
    a picture agency alone on a line (`Getty Images`).

    A sentence that merely names an agency is not a credit: “Reuters
    reported on Friday”, “told AFP”, the dateline `ALMATY (Reuters) –`, the
    byline trailer `(Reporting by Olzhas Auyov; Editing by Peter Graff)`,
    “a Reuters/Ipsos poll” and “the EPA said” are left alone.

    ## Why is this bad?
    The credit belonged under a picture on the web page. Without the picture
    it interrupts the text, often in the middle of a paragraph.

    ## Example
    ```text
    Tokayev delivered a speech on television. Photograph: Kazakh presidential press service/EPA
    ```

    Use instead:
    ```text
    Tokayev delivered a speech on television.
    ```

    ## Fix safety
    When the credit is a line of its own, the fix deletes the line. It is
    unsafe because it removes text. A credit inside a line has no fix: the
    caption around it has to be judged by an editor.
    """

    code = "CP001"
    name = "photo-credit"
    summary = "Photo credit left in the body of the article"
    severity = Severity.WARNING

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        for span in _outermost(self._candidates(text)):
            credit = doc.slice(span)
            row = doc.location(span.start).row
            fix = None
            if _is_whole_line(doc, row, span):
                fix = Fix.replace(doc.line_removal(row), "", "Delete the credit line", safe=False)
            yield self.diagnostic(span, f"Photo credit left in the text: “{credit}”", fix=fix)

    def _candidates(self, text: str) -> Iterator[Span]:
        for match in LABELLED.finditer(text):
            if _is_credit(match.group("content")):
                yield Span(*match.span())
        for match in BRACKETED.finditer(text):
            square = match.group("square") is not None
            inner = match.group("square") if square else match.group("round")
            if _bracket_credit(inner, square, _at_line_end(text, match.end())):
                yield Span(*match.span())
        # A chain holds a slash or "via": without one, no need to compile it.
        chains = finditer_in_lines(chain(), text, _CHAIN_HINT) if _may_hold_chain(text) else ()
        for match in chains:
            before = text[max(0, match.start() - 8) : match.start()]
            if (
                _is_picture_chain(match.group())
                and not _ARTICLE_BEFORE.search(before)
                and not _WORD_AFTER.match(text, match.end())
            ):
                yield Span(*match.span())
        # A copyright credit starts with the sign: without one, no need to compile it.
        if "©" in text:
            for match in copyright_credit().finditer(text):
                yield Span(*match.span())
        for match in SOURCE_LINE.finditer(text):
            yield Span(*match.span())
        for match in regex.finditer(r"^[^\r\n]+$", text, regex.MULTILINE):
            if SERVICE.fullmatch(match.group()):
                yield _stripped(text, Span(*match.span()))


class CaptionLabel(Rule):
    """## What it does
    Flags a caption kept with the label a web page gave it:
    `Image caption, Protesters in Almaty`, `Media caption, Tokayev's
    address`, `Caption: Riot police in Republic Square`.

    ## Why is this bad?
    The label and the caption described a picture or a video that is not
    there any more. The line reads as a stray fragment between paragraphs.

    ## Example
    ```text
    Image caption, Protesters stormed the mayor's office in Almaty
    ```

    Use instead: delete the line, or turn the caption into a sentence of the
    article if it says something the text does not.

    ## Fix safety
    The fix deletes the whole line. It is unsafe because it removes text.
    """

    code = "CP003"
    name = "caption-label"
    summary = "Caption kept with its web-page label (“Image caption, …”)"
    severity = Severity.ERROR

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for match in CAPTION_LINE.finditer(doc.masked_text):
            span = _stripped(doc.masked_text, Span(*match.span()))
            row = doc.location(span.start).row
            fix = Fix.replace(doc.line_removal(row), "", "Delete the caption line", safe=False)
            yield self.diagnostic(span, f"Caption with its label: “{doc.slice(span)}”", fix=fix)


class DoubledCaption(Rule):
    """## What it does
    Flags a caption printed twice: glued to itself
    (`Protesters gather in Almaty, KazakhstanProtesters gather in Almaty,
    Kazakhstan, on January 5`) or repeated on the next line, where the second
    copy may end with the photo credit.

    A phrase repeated after a space, inside a line, is reported by `DU002`
    (doubled-phrase) instead.

    The repeated text must be at least three words and twenty characters
    long, and a line repeated on the next line at most 300 characters: a
    caption, not a paragraph.

    ## Why is this bad?
    Web pages often carry a caption twice, once as the picture's alternative
    text and once under it. A scraper that keeps both prints the same words
    twice in a row.

    ## Example
    ```text
    Protesters rally in Almaty, KazakhstanProtesters rally in Almaty, Kazakhstan, on January 5
    ```

    Use instead:
    ```text
    Protesters rally in Almaty, Kazakhstan, on January 5
    ```

    ## Fix safety
    The fix deletes the first copy. It is unsafe because it removes text,
    though the same words remain right after it.
    """

    code = "CP002"
    name = "doubled-caption"
    summary = "Caption printed twice in a row"
    severity = Severity.ERROR

    MIN_LENGTH = 20
    MAX_LINE = 300
    # A copy starts a line or a sentence: "…Kazakhstan.Protesters…" too.
    STARTS = regex.compile(rf"^{_H}*(?=\p{{Lu}})|(?<=[.!?]{_H}*)(?=\p{{Lu}})", regex.MULTILINE)
    # Glued only: a copy after a space is a doubled phrase (DU002).
    GLUED = regex.compile(r"(?P<copy>\p{Lu}[^\r\n]{18,399}?\S)(?P=copy)(?!\w)")

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        yield from self._glued(doc)
        yield from self._repeated_lines(doc)

    def _glued(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        taken = -1
        for start in self.STARTS.finditer(text):
            if start.start() < taken:
                continue
            # A copy of 20 characters or more, then itself: the copy's first 20
            # characters recur within 421 of its start, or there is no match.
            head = start.start()
            if text.find(text[head : head + 20], head + 20, head + 421) < 0:
                continue
            match = self.GLUED.match(text, head)
            if not match or not self._is_copy(match):
                continue
            taken = match.end()
            span = Span(*match.span())
            first = Span(match.start(), match.end("copy"))
            fix = Fix.replace(first, "", "Delete the first copy", safe=False)
            copy = match.group("copy")
            yield self.diagnostic(span, f"Caption printed twice: “{copy}”", fix=fix)

    @staticmethod
    def _is_copy(match: regex.Match[str]) -> bool:
        return len(match.group("copy").split()) >= 3

    def _repeated_lines(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        paragraphs = doc.paragraphs
        for first, second in itertools.pairwise(paragraphs):
            caption = text[first.start : first.end].strip()
            following = text[second.start : second.end].strip()
            if not self._is_repeat(caption, following):
                continue
            if doc.location(first.start).row != doc.location(first.end).row:
                continue
            row = doc.location(first.start).row
            offset = second.start + text[second.start : second.end].index(caption)
            span = Span(_stripped(text, first).start, offset + len(caption))
            fix = Fix.replace(doc.line_removal(row), "", "Delete the first copy", safe=False)
            yield self.diagnostic(span, f"Caption printed twice: “{caption}”", fix=fix)

    def _is_repeat(self, caption: str, following: str) -> bool:
        if not (self.MIN_LENGTH <= len(caption) <= self.MAX_LINE) or len(caption.split()) < 3:
            return False
        if not caption[0].isupper() or not following.startswith(caption):
            return False
        # The second copy may carry the credit: "… Almaty [Mariya Gordeyeva/Reuters]".
        rest = following[len(caption) :]
        return not rest or credit_tail().match(rest) is not None


def _outermost(spans: Iterable[Span]) -> list[Span]:
    """The spans not inside another one, each once, in text order."""
    ordered = sorted(set(spans), key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in ordered:
        if kept and kept[-1].contains(span):
            continue
        if kept and kept[-1].overlaps(span):
            kept[-1] = Span(kept[-1].start, max(kept[-1].end, span.end))
            continue
        kept.append(span)
    return kept


def _stripped(text: str, span: Span) -> Span:
    chunk = text[span.start : span.end]
    start = span.start + len(chunk) - len(chunk.lstrip())
    return Span(start, max(start, span.start + len(chunk.rstrip())))


def _at_line_end(text: str, offset: int) -> bool:
    return regex.match(rf"{_H}*(?:\r|\n|$)", text[offset : offset + 40]) is not None


def _is_whole_line(doc: Document, row: int, span: Span) -> bool:
    line = doc.index.line_span(row)
    content = doc.masked_text[line.start : line.end].strip()
    return content == doc.slice(span).strip()
