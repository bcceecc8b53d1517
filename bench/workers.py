"""Child processes of ``bench/run.py``: one tool over the first N corpus files.

``python bench/workers.py TOOL CORPUS N`` lints the first ``N`` files of
``CORPUS`` (sorted by name) in this one process and prints
``{"files": ..., "findings": ...}`` as JSON. TOOL is ``proselint`` (its
default checks), ``harper`` (harper-py, every lint switched on, plain text)
or ``regex`` (one precompiled alternation of 20 patterns: the practical
ceiling of a pure-Python regex linter).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: Twenty patterns of the kind lintnews looks for, run as one alternation.
PATTERNS = [
    r"\w\. \.(?!\.)",
    r"[ \t]+[,.;:!?]",
    r"^Leave a Reply$",
    r"^Source link$",
    r"^By admin$",
    r"\bPoutine\b",
    r"\bOTSC\b",
    r"\bin the nearest time\b",
    r"^Photograph: .+$",
    r" \| [A-Z][\w ]+$",
    r"” [^“”\n]{1,200} “",
    r"\b(?P<word>\w+) (?P=word)\b",
    r"^Read more\b",
    r"^Share this\b",
    r"\bClick here\b",
    r"^Related posts?$",
    r"\bSubscribe to\b",
    r"\bAll rights reserved\b",
    r"[a-z]\. [a-z]{3,}",
    r"\u00a0|\u200b",
]


def lint_proselint(paths: list[Path]) -> int:
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    return sum(len(LintFile(path).lint(DEFAULT)) for path in paths)


def lint_harper(paths: list[Path]) -> int:
    from harper import Language, Linter

    linter = Linter()
    linter.set_lint_config({name: True for name in linter.get_default_lint_config()})
    return sum(
        len(linter.lint(path.read_text(encoding="utf-8"), language=Language.PLAINTEXT))
        for path in paths
    )


def lint_regex(paths: list[Path]) -> int:
    import regex

    pattern = regex.compile("|".join(f"(?:{p})" for p in PATTERNS), regex.MULTILINE)
    return sum(sum(1 for _ in pattern.finditer(path.read_text(encoding="utf-8"))) for path in paths)


TOOLS = {"proselint": lint_proselint, "harper": lint_harper, "regex": lint_regex}


def main() -> None:
    tool, corpus, limit = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    paths = sorted(corpus.glob("*.txt"))[:limit]
    print(json.dumps({"files": len(paths), "findings": TOOLS[tool](paths)}))


if __name__ == "__main__":
    main()
