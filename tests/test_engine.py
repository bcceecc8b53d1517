"""The engine: prose regions, disable comments, corpus rules, failing rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.diagnostics import Span
from lintnews.document import Document
from lintnews.engine import InternalError, lint_document
from lintnews.results import RunOptions
from lintnews.rule import Rule
from lintnews.rules.punctuation import DoubledPeriod
from lintnews.runner import Runner
from lintnews.selection import Selection

MARKDOWN = """---
title: Kazakhstan unrest. .
---

# Kazakhstan president vows crackdown

The situation in Almaty remains unsafe. .

```text
Source link
log line. .
```

See [the decree](https://akorda.kz/decree..html). Troops patrolled the city.

<!-- lintnews-disable PN001 -->
Officials said the death toll had risen. .
<!-- lintnews-enable PN001 -->

Source link
"""


def markdown_run(tmp_path: Path, text: str = MARKDOWN) -> list[tuple[str, int]]:
    (tmp_path / "story.md").write_text(text, encoding="utf-8")
    result = Runner(RunOptions(selection=Selection(select=("PN", "BP")))).run([tmp_path])
    return [
        (d.code, result.files[0].index.location(d.span.start).row) for _, d in result.diagnostics
    ]


def test_markdown_reports_prose_only_and_honours_disable_comments(tmp_path: Path) -> None:
    # Front matter, the code block, the link target and the disabled
    # paragraph are not reported; the prose and the last line are.
    assert markdown_run(tmp_path) == [("PN001", 7), ("BP002", 20)]


def test_the_same_text_as_plain_text_reports_everything(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(MARKDOWN, encoding="utf-8")
    result = Runner(RunOptions(selection=Selection(select=("PN",)))).run([tmp_path])
    assert len(result.diagnostics) == 5


def test_corpus_rules_see_every_document(tmp_path: Path) -> None:
    pack = tmp_path / "names.toml"
    pack.write_text(
        '[[rules]]\ncode = "NV001"\nname = "name-variant"\nkind = "consistency"\n'
        'summary = "A name spelled two ways"\nacross = "corpus"\n'
        'message = "“{match}” is spelled “{preferred}” elsewhere ({count} times)"\n'
        'groups = [["Kassym-Jomart", "Kassim-Jomart"]]\n',
        encoding="utf-8",
    )
    (tmp_path / "lintnews.toml").write_text(
        'rule-packs = ["names.toml"]\nselect = ["NV"]\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("Kassym-Jomart Tokayev spoke.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Kassym-Jomart Tokayev left.", encoding="utf-8")
    (tmp_path / "c.md").write_text(
        "Kassim-Jomart Tokayev returned.\n\n<!-- lintnews-disable NV -->\nKassim-Jomart again.\n",
        encoding="utf-8",
    )
    result = Runner(RunOptions()).run([tmp_path])
    reported = [(Path(f.path).name, d.message) for f, d in result.diagnostics]
    assert reported == [("c.md", "“Kassim-Jomart” is spelled “Kassym-Jomart” elsewhere (2 times)")]


class Exploding(Rule):
    """## What it does
    Fails, as a buggy plugin would.

    ## Example
    Any text.
    """

    code = "XE001"
    name = "exploding"
    summary = "Always fails"

    def check(self, doc: Document):
        raise ZeroDivisionError("plugin bug")


def test_a_failing_rule_is_an_internal_error_naming_the_rule() -> None:
    with pytest.raises(InternalError, match=r"rule XE001 \(exploding\) failed"):
        lint_document(Document("Some text."), [Exploding()])


def test_diagnostics_outside_prose_are_dropped() -> None:
    doc = Document("unsafe. . code. .", prose=(Span(0, 9),))
    found = lint_document(doc, [DoubledPeriod()])
    assert [doc.slice(d.span) for d in found] == [". ."]


def test_timeout_through_a_run_reports_the_file_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "slow.toml").write_text(
        '[[rules]]\ncode = "SL001"\nname = "slow"\nkind = "existence"\nsummary = "Slow"\n'
        "message = 'slow'\npatterns = ['(.*?,){15}Kazakhstan']\n",
        encoding="utf-8",
    )
    (tmp_path / "lintnews.toml").write_text(
        'rule-packs = ["slow.toml"]\nselect = ["SL", "PN", "LN"]\npattern-timeout = 0.2\n',
        encoding="utf-8",
    )
    (tmp_path / "a.txt").write_text(
        "Kazakhstan: " + "Troops patrolled Almaty, " * 40 + "and the city. .\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text("Calm returned. .\n", encoding="utf-8")
    result = Runner(RunOptions()).run([tmp_path])
    codes = {Path(f.path).name: [d.code for d in f.diagnostics] for f in result.files}
    assert codes == {"a.txt": ["LN001", "PN001"], "b.txt": ["PN001"]}
