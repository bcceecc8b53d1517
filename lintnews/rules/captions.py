"""CP: photo captions and credits left in the body of an article."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

import regex

from lintnews.diagnostics import Diagnostic, Fix, Severity, Span
from lintnews.document import Document
from lintnews.packs.data import string_set
from lintnews.rule import Rule
from lintnews.rules._credits import DATA, H, alternation, credit_candidates, credit_tail, stripped

CAPTION_LINE = regex.compile(
    rf"^{H}*(?:(?:{alternation('caption-labels')}){H}*[,:]|Image{H}+caption|Media{H}+caption)"
    rf"{H}*[^\r\n]{{1,400}}?{H}*$",
    regex.MULTILINE,
)


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
        for span in _outermost(credit_candidates(text)):
            credit = doc.slice(span)
            row = doc.location(span.start).row
            fix = None
            if _is_whole_line(doc, row, span):
                fix = Fix.replace(doc.line_removal(row), "", "Delete the credit line", safe=False)
            yield self.diagnostic(span, f"Photo credit left in the text: “{credit}”", fix=fix)


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
    # Every match holds a caption label or "Image caption"/"Media caption":
    # so the longest word of one, in any case ("CAPTION" folds to "caption").
    triggers = frozenset(
        max(label.split(), key=len) for label in [*string_set(DATA, "caption-labels"), "caption"]
    )

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        for match in CAPTION_LINE.finditer(doc.masked_text):
            span = stripped(doc.masked_text, Span(*match.span()))
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
    # (The definition; ``_copy_starts`` finds its matches faster.)
    STARTS = regex.compile(rf"^{H}*(?=\p{{Lu}})|(?<=[.!?]{H}*)(?=\p{{Lu}})", regex.MULTILINE)
    # Glued only: a copy after a space is a doubled phrase (DU002).
    GLUED = regex.compile(r"(?P<copy>\p{Lu}[^\r\n]{18,399}?\S)(?P=copy)(?!\w)")

    fixable = True

    def check(self, doc: Document) -> Iterator[Diagnostic]:
        yield from self._glued(doc)
        yield from self._repeated_lines(doc)

    def _glued(self, doc: Document) -> Iterator[Diagnostic]:
        text = doc.masked_text
        taken = -1
        for head in _copy_starts(text):
            if head < taken:
                continue
            # A copy of 20 characters or more, then itself: the copy's first 20
            # characters recur within 421 of its start, or there is no match.
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
        paragraphs = [(p, text[p.start : p.end].strip()) for p in doc.paragraphs]
        for (first, caption), (second, following) in itertools.pairwise(paragraphs):
            # Most paragraphs do not start with the one before: that is tested first.
            if not following.startswith(caption) or not self._is_repeat(caption, following):
                continue
            if doc.location(first.start).row != doc.location(first.end).row:
                continue
            row = doc.location(first.start).row
            offset = second.start + text[second.start : second.end].index(caption)
            span = Span(stripped(text, first).start, offset + len(caption))
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


# The matches of DoubledCaption.STARTS, from patterns that each start with
# a literal (a line feed, a full stop), which the engine finds many times
# faster than STARTS's lookbehind, tried at every position.
_LINE_START = regex.compile(rf"\n{H}*\p{{Lu}}")
_TEXT_START = regex.compile(rf"{H}*\p{{Lu}}")
_AFTER_STOPS = tuple(regex.compile(rf"{regex.escape(stop)}{H}*\p{{Lu}}") for stop in ".!?")


def _copy_starts(text: str) -> list[int]:
    """Where ``DoubledCaption.STARTS`` matches, in order.

    A match after a stop is empty, at the capital; one at a line start (the
    start of the text or after a line feed: a CR alone does not start a
    line for ``^``) takes the spaces before the capital and starts with them.
    """
    starts = [m.start() + 1 for m in _LINE_START.finditer(text)]
    if _TEXT_START.match(text):
        starts.append(0)
    for stop in _AFTER_STOPS:
        starts += [m.end() - 1 for m in stop.finditer(text)]
    return sorted(starts)


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


def _is_whole_line(doc: Document, row: int, span: Span) -> bool:
    line = doc.index.line_span(row)
    content = doc.masked_text[line.start : line.end].strip()
    return content == doc.slice(span).strip()
