#!/usr/bin/env python3
"""Score lintnews diagnostics against a gold annotation of articles.

usage: score_gold.py GOLD.json ARTICLES_DIR DIAGNOSTICS.json

DIAGNOSTICS.json is the output of `lintnews check --output-format json`
(a list of objects with filename, code, location/end_location as 1-based
row and column in Unicode code points, end exclusive).

A gold artifact counts as caught when a diagnostic's span overlaps it.
A negative is violated when a diagnostic's span overlaps it.
A diagnostic that overlaps no gold artifact counts as unexplained.
Exit 0 when every required artifact is caught and no negative is violated.
"""

import json
import sys
from pathlib import Path


def line_starts(text):
    starts, pos = [0], 0
    for line in text.splitlines(keepends=True):
        pos += len(line)
        starts.append(pos)
    return starts


def offset(starts, loc):
    row, col = loc["row"], loc["column"]
    return starts[min(row, len(starts)) - 1] + col - 1


def main(gold_path, articles, diags_path):
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    diags = json.loads(Path(diags_path).read_text(encoding="utf-8"))
    texts, spans = {}, {}
    for d in diags:
        name = Path(d["filename"]).name
        if name not in texts:
            p = Path(articles) / name
            if not p.exists():
                continue
            texts[name] = line_starts(p.read_text(encoding="utf-8"))
        s = offset(texts[name], d["location"])
        e = offset(texts[name], d["end_location"])
        spans.setdefault(name, []).append((s, max(e, s + 1), d["code"]))

    def hits(f, a, b):
        return [c for s, e, c in spans.get(f, []) if s < b and a < e]

    caught, missed = 0, []
    required = [a for a in gold["artifacts"] if a["required"]]
    for a in required:
        if hits(a["file"], a["start"], a["end"]):
            caught += 1
        else:
            missed.append(a)
    optional = [a for a in gold["artifacts"] if not a["required"]]
    opt_caught = sum(bool(hits(a["file"], a["start"], a["end"])) for a in optional)
    violated = [(n, hits(n["file"], n["start"], n["end"])) for n in gold["negatives"]]
    violated = [(n, c) for n, c in violated if c]
    unexplained = []
    for f, ss in spans.items():
        for s, e, c in ss:
            if not any(
                a["file"] == f and s < a["end"] and a["start"] < e for a in gold["artifacts"]
            ):
                unexplained.append((f, s, e, c))

    for a in missed:
        print(f"missed   {a['file']} [{a['class']}] {a['snippet']!r}")
    for n, c in violated:
        print(f"violated {n['file']} {n['snippet']!r} by {','.join(sorted(set(c)))} ({n['why']})")
    for f, s, e, c in unexplained:
        print(f"unexplained {f} {c} at {s}-{e}")
    print(
        f"required caught {caught}/{len(required)}, optional caught {opt_caught}/{len(optional)}, "
        f"negatives violated {len(violated)}/{len(gold['negatives'])}, unexplained {len(unexplained)}"
    )
    return 0 if not missed and not violated else 1


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
