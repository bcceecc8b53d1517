"""The names of a text, for NM002: runs of capitalised words, and their skeletons.

Kept apart from the rules in ``names.py`` because finding them fast takes
some care: this is the costliest scan of the NM family.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator

import regex

from lintnews.packs.data import load_data
from lintnews.rules._context import ENGLISH_WORDS

_VARIANTS = load_data("names")["variants"]
TITLES = frozenset(_VARIANTS["titles"])
MIN_LENGTH: int = _VARIANTS["min-length"]
PARTICLES = frozenset(_VARIANTS["particles"])
_SKELETON = [(regex.compile(p), r) for p, r in _VARIANTS["skeleton"]]

_LEFT = r"(?<![\p{L}\p{N}\-’'])"
_TAIL = r"[\p{L}\p{M}]*(?:[-’'][\p{L}\p{M}]+)*"
_RIGHT = r"(?![\p{L}\p{N}])"
_PARTICLE_WORDS = "|".join(regex.escape(p) for p in sorted(PARTICLES, key=len, reverse=True))
# A capitalised word, with hyphenated parts, an apostrophe (O’Brien) or an
# Arabic article (al-Assad); or a lower-case name particle (bin, van, de).
# This defines the words of a name; name_runs scans for its branches apart.
NAME_TOKEN = regex.compile(
    rf"{_LEFT}(?:(?:\p{{Ll}}{{1,3}}-)?\p{{Lu}}{_TAIL}|{_PARTICLE_WORDS}){_RIGHT}"
)
# Together, the branches make the engine try every lower-case letter of the
# text (0.6 ms an article); apart, the first two cost a tenth of that, and
# particles are looked for only where they can join a name.
_CAPITALISED = regex.compile(rf"{_LEFT}\p{{Lu}}{_TAIL}{_RIGHT}")
_PREFIXED = regex.compile(rf"{_LEFT}\p{{Ll}}{{1,3}}-\p{{Lu}}{_TAIL}{_RIGHT}")
_PARTICLE = regex.compile(rf"{_LEFT}(?:{_PARTICLE_WORDS}){_RIGHT}")
# The first two characters of each particle (all have two or more).
_PARTICLE_HEADS = frozenset(p[:2] for p in PARTICLES)
_GAP = regex.compile(r"[^\S\r\n]|\u00a0")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents: Nazarbaïev -> nazarbaiev (kept per name, like skeleton)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The spelling of ``word`` with transliteration differences undone.

    Kept per word: a run sees the same names in article after article.
    """
    folded = fold(word)
    for pattern, replacement in _SKELETON:
        folded = pattern.sub(replacement, folded)
    return folded


def partners(keys: list[str]) -> list[str | None]:
    """For each word of a name, the word it is compared with: the next one,
    or for the last (the surname) the one before, marked "<"; None alone."""
    if len(keys) < 2:
        return [None] * len(keys)
    return [f">{keys[i + 1]}" for i in range(len(keys) - 1)] + [f"<{keys[-2]}"]


def name_runs(text: str) -> Iterator[list[tuple[str, int, int]]]:
    """Runs of capitalised words joined by single spaces: the names of a text.

    Titles, sentence-initial function words and all-capital words end a run;
    so does a possessive, as its "’s" is not a space ("Kazakhstan’s
    Tokayev"). Particles stay inside (Mohammed bin Salman). Each word is
    (text, start, end).

    The runs are those of the words of ``NAME_TOKEN.finditer(text)``, but
    that a particle is looked for only a space after a name word or after
    another particle so placed: one anywhere else would start a run or end
    one, and be trimmed off it.
    """
    tokens = _capitalised_tokens(text)
    run: list[tuple[str, int, int]] = []
    for k, (start, raw) in enumerate(tokens):
        token, name_word = _classify(raw)
        if run and not (name_word and start == run[-1][2] + 1 and _is_gap(text[start - 1])):
            yield _trim(run)
            run = []
        if not name_word:
            continue
        end = start + len(token)
        run.append((token, start, end))
        # Particles up to the next capitalised word, each a space after the last.
        following = tokens[k + 1][0] if k + 1 < len(tokens) else len(text)
        while end + 1 < following and text[end + 1 : end + 3] in _PARTICLE_HEADS:
            particle = _PARTICLE.match(text, end + 1) if _is_gap(text[end]) else None
            if particle is None:
                break
            run.append((particle.group(), end + 1, particle.end()))
            end = particle.end()
    if run:
        yield _trim(run)


def _capitalised_tokens(text: str) -> list[tuple[int, str]]:
    """(start, text) of the words NAME_TOKEN finds but its particles.

    A particle never overlaps these, so leaving particles out changes none of
    them; where a particle and a prefixed word start together ("al-Assad"),
    the word wins, as it comes first in NAME_TOKEN.
    """
    prefixed = list(_PREFIXED.finditer(text, overlapped=True)) if "-" in text else []
    if not prefixed:
        return [(m.start(), m.group()) for m in _CAPITALISED.finditer(text)]
    # Both branches at every start, then what one finditer of both keeps:
    # each match that does not overlap the one before.
    found = sorted(
        (m.start(), m.group()) for m in (*_CAPITALISED.finditer(text, overlapped=True), *prefixed)
    )
    tokens = []
    end = -1
    for start, token in found:
        if start >= end:
            tokens.append((start, token))
            end = start + len(token)
    return tokens


@functools.lru_cache(maxsize=65536)
def _classify(token: str) -> tuple[str, bool]:
    """``token`` without a possessive "’s", and whether it is a name word."""
    # A token holds no line break, so "’s" at its end is the possessive.
    if token.endswith(("’s", "'s")):
        token = token[:-2]
    return token, _is_name_word(token)


def _is_name_word(token: str) -> bool:
    if token in PARTICLES:
        return True
    if token in TITLES or token.lower() in ENGLISH_WORDS:
        return False
    return not (len(token) > 1 and token.replace("-", "").isupper())


def _is_gap(char: str) -> bool:
    return char == " " or _GAP.fullmatch(char) is not None


def _trim(run: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """``run`` without the particles at its ends ("the office de")."""
    while run and run[0][0] in PARTICLES:
        run = run[1:]
    while run and run[-1][0] in PARTICLES:
        run = run[:-1]
    return run
