"""NM002's kept statistics: packing, and the two-pass decision against a plain reference.

The reference is the straightforward form of the decision (every use listed,
then grouped), which NM002 used before it had to fit an archive in memory.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.diagnostics import Span
from lintnews.rules._name_runs import fold
from lintnews.rules._name_variants import pack, unpack, variants

FORMS = [
    ("Tokayev", "tokaev", "<kasim-jomart"),
    ("Tokaev", "tokaev", "<kasim-jomart"),
    ("TOKAYEV", "tokaev", "<kasim-jomart"),
    ("Tokayev", "tokaev", None),
    ("Tokaev", "tokaev", None),
    ("Kassym-Jomart", "kasim-jomart", ">tokaev"),
    ("Kassim-Jomart", "kasim-jomart", ">tokaev"),
    ("Nazarbayev", "nazarbaev", None),
    ("Nazarbaev", "nazarbaev", None),
    ("O'Brien", "obrien", None),
    ("O’Brien", "obrien", None),
]


def test_pack_and_unpack_round_trip() -> None:
    uses = {FORMS[0]: [3, 10, 40, 47], FORMS[7]: [60, 70]}
    kept = pack(uses)
    assert [(form, list(offsets)) for form, offsets in unpack(kept)] == [
        (FORMS[0], [3, 10, 40, 47]),
        (FORMS[7], [60, 70]),
    ]


def reference(collected, canonical):
    """(path, form, best, where, spans) as NM002 decided with every use in a list."""
    surnames = defaultdict(set)
    pairs = [(f[1], f[2]) for kept in collected.values() for f, _ in unpack(kept)]
    for key, partner in [*pairs, *canonical]:
        if partner is not None and partner.startswith("<"):
            surnames[key].add(partner)
    groups = defaultdict(list)
    for path, kept in collected.items():
        for (token, key, partner), offsets in unpack(kept):
            if partner is None:
                if len(surnames[key]) != 1:
                    continue
                partner = next(iter(surnames[key]))
            for i in range(0, len(offsets), 2):
                groups[(key, partner)].append((path, token, offsets[i], offsets[i + 1]))
    for group, uses in groups.items():
        preferred = canonical.get(group)
        counts = Counter(fold(f) for _, f, _, _ in uses)
        files = defaultdict(set)
        spelled = {}
        for path, form, _, _ in uses:
            files[fold(form)].add(path)
            spelled.setdefault(fold(form), form)
        if preferred is not None:
            best = preferred
            rare = {f for _, f, _, _ in uses if f.replace("'", "’") != best.replace("'", "’")}
        else:
            (top, most), *others = counts.most_common()
            best = spelled[top]
            rare_folds = {
                k
                for k, n in others
                if (most > n and len(files[top]) > len(files[k])) or most >= max(2, 2 * n)
            }
            rare = {f for _, f, _, _ in uses if fold(f) in rare_folds}
        where = sorted({p for p, f, _, _ in uses if f not in rare})
        reported = set()
        for path, form, _, _ in uses:
            if form in rare and (path, form) not in reported:
                reported.add((path, form))
                spans = sorted(Span(s, e) for p, f, s, e in uses if p == path and f == form)
                yield path, form, best, where, spans


ARTICLE = st.dictionaries(
    st.sampled_from(FORMS),
    st.lists(st.integers(0, 500), min_size=1, max_size=3).map(
        lambda starts: [x for s in sorted(set(starts)) for x in (s, s + 5)]
    ),
    max_size=6,
)


@settings(max_examples=500, deadline=None)
@given(st.lists(ARTICLE, max_size=6), st.booleans())
def test_two_passes_decide_as_the_reference(articles, with_canonical: bool) -> None:
    collected = {str(Path(f"wire/{i:02d}.txt")): pack(uses) for i, uses in enumerate(articles)}
    canonical = {("tokaev", "<kasim-jomart"): "Tokayev"} if with_canonical else {}
    assert list(variants(collected, canonical)) == list(reference(collected, canonical))
