"""The language of an article and of the passages in it.

Two tiers keep this cheap. Counting function words tells English prose from
the rest in microseconds: English news is about two words in five from a
short list, and a French or German sentence has more function words of its
own than English ones (the lists are in ``rules/data/language.toml``).
Only text that the count cannot vouch for goes to lingua, a language
detector restricted to the likely source languages and run in its
low-accuracy mode (trigram models: about 20 MB and a tenth of a second to
load, against 250 MB and over two seconds for the full models). On English
news lingua is never imported.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from lintnews.document import Document
from lintnews.packs.data import load_data, string_set
from lintnews.rule import BackendError

if TYPE_CHECKING:
    from lingua import LanguageDetector

#: The languages news is most often translated from, as ISO 639-1 codes.
DEFAULT_SOURCE_LANGUAGES = ("en", "fr", "de", "es", "ru", "uk", "it", "pt", "zh", "ar", "tr")

#: Fewer words than this, and an article's language is not guessed.
MIN_ARTICLE_WORDS = 40
#: Share of English function words from which prose is English, no model needed.
ENGLISH_SHARE = 0.2
#: Words from the start of an article that its language is judged on.
SAMPLE_WORDS = 300
#: How sure the detector must be of an article's language.
ARTICLE_CONFIDENCE = 0.8

# Letters of scripts other than Latin that news is translated from: Greek,
# Cyrillic, Armenian, Hebrew, Arabic, Indic, Thai, Georgian, Hangul, kana
# and CJK ideographs. Punctuation of those blocks is left out. Compiled on
# first use (see _compiled): a class this wide takes milliseconds to compile.
_OTHER_SCRIPT = (
    "[\u0370-\u03ff\u0400-\u052f\u0531-\u0587\u05d0-\u05ea\u0620-\u064a\u066e-\u06d3"
    "\u0750-\u077f\u0900-\u0dff\u0e01-\u0e3a\u10a0-\u10ff\u1100-\u11ff\u3040-\u30ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
# UTF-8 lead bytes of the blocks above (U+0340 to U+1FFF and U+3000 to
# U+DFFF): a text whose bytes have none holds no such letter. Deleting every
# other byte is several times faster than searching a whole article with
# the character class.
_NOT_LEAD_BYTES = bytes(b for b in range(256) if not (0xCD <= b <= 0xE1 or 0xE3 <= b <= 0xED))
# Scripts written without spaces between words: two characters make about a word.
_IDEOGRAPH = "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class Guess(NamedTuple):
    """What the detector found: an ISO 639-1 code and its confidence (0 to 1)."""

    language: str
    confidence: float


def normalized(languages: Iterable[str]) -> tuple[str, ...]:
    """Configured language codes, lowercased, unique, sorted, English always in."""
    return _normalized(tuple(languages))


@functools.cache
def _normalized(languages: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({code.lower() for code in languages} | {"en"}))


@functools.cache
def english_words() -> frozenset[str]:
    """English function words, lowercase and capitalised ("the", "The")."""
    words = string_set("language", "english-function-words")
    return words | {word.capitalize() for word in words}


@functools.cache
def function_words(language: str) -> frozenset[str]:
    """The function words of one language (lowercase), empty when it has no list."""
    if language == "en":
        return english_words()
    return frozenset(load_data("language")["function-words"].get(language, ())) - english_words()


@functools.cache
def foreign_words(languages: tuple[str, ...]) -> frozenset[str]:
    """Function words of the non-English ``languages`` that have a list."""
    return other_words("en", languages)


@functools.cache
def other_words(language: str, languages: tuple[str, ...]) -> frozenset[str]:
    """Function words of ``languages`` other than ``language``, less its own."""
    others = (function_words(code) for code in languages if code != language)
    return frozenset().union(*others) - function_words(language)


def count_in(tokens: list[str], words: frozenset[str]) -> int:
    """How many of ``tokens`` are in ``words``.

    Foreign lists are lowercase, so that names ("Le Monde", "São Paulo",
    "Der Spiegel") do not count; only the first token of a sentence ("Les
    manifestants") counts capitalised too.
    """
    found = sum(map(words.__contains__, tokens))
    if tokens and tokens[0] not in words and tokens[0].lower() in words:
        found += 1
    return found


def other_script_letters(text: str) -> int:
    """How many letters of ``text`` are in a script other than Latin."""
    return 0 if text.isascii() else len(_compiled(_OTHER_SCRIPT).findall(text))


def has_other_script(text: str) -> bool:
    """Whether ``text`` has a letter in a script other than Latin."""
    if text.isascii():
        return False
    if not text.encode("utf-8", "surrogatepass").translate(None, _NOT_LEAD_BYTES):
        return False
    return _compiled(_OTHER_SCRIPT).search(text) is not None


def words_of(doc: Document) -> list[str]:
    """The words of the document's prose (split at whitespace), split once and shared."""
    return doc.shared("lintnews.language.words", lambda d: d.masked_text.split())


def ideographs(text: str) -> int:
    """How many CJK ideographs and kana ``text`` holds."""
    return 0 if text.isascii() else len(_compiled(_IDEOGRAPH).findall(text))


def article_language(
    doc: Document, languages: Iterable[str] = DEFAULT_SOURCE_LANGUAGES
) -> str | None:
    """The language ``doc`` is written in (an ISO 639-1 code), or None when unsure.

    English prose is recognised by its function words alone; anything else
    goes to the detector, restricted to ``languages`` (English is always
    among them). Too short a text, or one the detector is not sure of,
    gives None. Computed once per document and language set.
    """
    chosen = normalized(languages)
    return doc.shared(("lintnews.language.article", chosen), lambda d: _guess(d, chosen))


def _guess(doc: Document, languages: tuple[str, ...]) -> str | None:
    tokens = words_of(doc)[:SAMPLE_WORDS]
    english = sum(map(english_words().__contains__, tokens))
    if len(tokens) >= MIN_ARTICLE_WORDS and english >= ENGLISH_SHARE * len(tokens):
        return "en"
    sample = " ".join(tokens)
    if len(tokens) + ideographs(sample) // 2 < MIN_ARTICLE_WORDS:
        return None
    if _compiled(_IDEOGRAPH).search(sample):  # words without spaces: take characters instead
        sample = sample[: SAMPLE_WORDS * 3]
    guess = identify(sample, languages)
    if guess is None or guess.confidence < ARTICLE_CONFIDENCE:
        return None
    return guess.language


def identify(text: str, languages: Iterable[str] = DEFAULT_SOURCE_LANGUAGES) -> Guess | None:
    """The likeliest of ``languages`` for ``text``, by lingua; None if it cannot tell.

    Raises :class:`BackendError` when lingua is missing or a code is not a
    language it knows.
    """
    chosen = normalized(languages)
    if len(chosen) < 2:
        return None
    values = _detector(chosen).compute_language_confidence_values(text)
    if not values or values[0].value <= 0:
        return None
    best = values[0]
    return Guess(best.language.iso_code_639_1.name.lower(), best.value)


@functools.cache
def _detector(languages: tuple[str, ...]) -> LanguageDetector:
    """A lingua detector for ``languages``, built once per process.

    Low-accuracy mode loads only trigram models: at sentence length it
    tells the source languages apart as well as the full models do, for a
    tenth of the memory and load time. Models load when first needed (no
    preloading), one language at a time, so a run that only meets French
    never loads Chinese.
    """
    try:
        from lingua import IsoCode639_1, LanguageDetectorBuilder
    except ImportError:
        raise BackendError(
            "language identification needs lingua: pip install lingua-language-detector"
        ) from None
    codes = []
    for code in languages:
        try:
            codes.append(IsoCode639_1.from_str(code))
        except ValueError:
            raise BackendError(
                f"source-languages: {code!r} is not a language lingua can identify"
            ) from None
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def language_name(code: str) -> str:
    """The English name of a language code: "fr" -> "French"."""
    names = load_data("language")["names"]
    if code in names:
        return names[code]
    try:
        from lingua import IsoCode639_1, Language

        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code)).name.title()
    except (ImportError, ValueError):
        return code


def applies(rule_languages: frozenset[str] | None, article: str | None) -> bool:
    """Whether a rule for ``rule_languages`` (None: any) runs on an article in ``article``.

    An article whose language is unknown gets every rule: skipping is for
    articles known to be in another language.
    """
    return rule_languages is None or article is None or article in rule_languages


def skipped_note(language: str, codes: Iterable[str]) -> str:
    """What ``--verbose`` says of the rules not run on an article in another language.

    "article in French: 14 rules for other languages not run (NM001, TR001–TR013)"
    """
    codes = sorted(codes)
    rules = "rule" if len(codes) == 1 else "rules"
    return (
        f"article in {language_name(language)}: {len(codes)} {rules} for other languages "
        f"not run ({code_ranges(codes)})"
    )


def code_ranges(codes: Iterable[str]) -> str:
    """Rule codes with runs of consecutive ones joined: "NM001, TR001–TR013"."""
    runs: list[list[str]] = []
    for code in sorted(codes):
        if runs and _follows(runs[-1][-1], code):
            runs[-1].append(code)
        else:
            runs.append([code])
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def _follows(previous: str, code: str) -> bool:
    prefix, number = previous.rstrip("0123456789"), previous.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return code.rstrip("0123456789") == prefix and code[len(prefix) :] == f"{int(number) + 1:03}"
