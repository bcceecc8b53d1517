"""The engine: prose regions, disable comments, corpus rules, failing rules."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar

import pytest

from lintnews.config import Config, ConfigError, load_config
from lintnews.diagnostics import Span
from lintnews.document import Document
from lintnews.engine import InternalError, RuleSet, lint_document
from lintnews.registry import Registry
from lintnews.results import RunOptions
from lintnews.rule import BackendError, Option, Rule
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


class DialectAware(Rule):
    """## What it does
    Flags "colour" unless the configured dialect is British.

    ## Example
    The colour of the flag.
    """

    code = "XD001"
    name = "dialect-aware"
    summary = "Flags colour outside British English"
    options: ClassVar[Mapping[str, Option]] = {"dialect": Option(str, "american", "dialect")}

    def check(self, doc: Document):
        at = doc.text.find("colour")
        if at >= 0 and self.settings["dialect"] != "british":
            yield self.diagnostic(Span(at, at + 6), "American English writes color")


class NeedsServer(Rule):
    """## What it does
    Stands for a rule that needs a server nobody configured.

    ## Example
    Any text.
    """

    code = "XS001"
    name = "needs-server"
    summary = "Needs a server"
    options: ClassVar[Mapping[str, Option]] = {"languagetool-url": Option(str, "", "server")}

    def unavailable(self) -> str | None:
        if self.settings["languagetool-url"]:
            return None
        return "set languagetool-url in the configuration"

    def check(self, doc: Document):
        raise BackendError("http://localhost:9/v2/check: connection refused")


def _registry_with(*rules: Rule) -> Registry:
    registry = Registry.load()
    registry._rules.update((rule.code, rule) for rule in rules)
    return registry


def test_top_level_language_keys_reach_rules_that_declare_them(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text('dialect = "british"\n', encoding="utf-8")
    registry = _registry_with(DialectAware())
    british = RuleSet(load_config(tmp_path / "lintnews.toml"), registry, Selection(("XD",)))
    american = RuleSet(Config(), registry, Selection(("XD",)))
    doc = Document("The colour of the flag.")
    assert lint_document(doc, british.rules) == []
    assert [d.code for d in lint_document(doc, american.rules)] == ["XD001"]
    with_option = Config(rule_options=(("XD001", (("dialect", "american"),)),))
    assert with_option.options_for("XD001") == {"dialect": "american"}


def test_an_unavailable_rule_asked_for_by_name_is_an_error() -> None:
    registry = _registry_with(NeedsServer(), DialectAware())
    for selected in (("XS",), ("XS001",), ("XD001", "XS001")):
        with pytest.raises(ConfigError, match=r"XS.* selected: set languagetool-url"):
            RuleSet(Config(), registry, Selection(selected))
    broad = RuleSet(Config(), registry, Selection(("X",)))
    assert [rule.code for rule in broad.rules] == ["XD001"]
    assert broad.left_out == [("XS001", "set languagetool-url in the configuration")]


def test_a_failed_backend_is_one_diagnostic_and_the_other_rules_still_report() -> None:
    configured = NeedsServer().with_settings(**{"languagetool-url": "http://localhost:9"})
    doc = Document("The colour of the flag. .")
    found = lint_document(doc, [configured, DialectAware(), DoubledPeriod()])
    assert [d.code for d in found] == ["LN003", "XD001", "PN001"]
    assert found[0].message == (
        "http://localhost:9/v2/check: connection refused; not run on this file: XS001"
    )
    twin = type("NeedsServerToo", (NeedsServer,), {"code": "XS002", "name": "needs-server-too"})
    found = lint_document(doc, [configured, twin().with_settings(**{"languagetool-url": "x"})])
    assert [d.message for d in found] == [
        "http://localhost:9/v2/check: connection refused; not run on this file: XS001, XS002"
    ]


FRENCH = (
    "Le président russe Vladimir Poutine s'est entretenu vendredi avec son homologue kazakh "
    "Kassym-Jomart Tokaïev, a indiqué le Kremlin. Selon le ministère de l'Intérieur, 26 "
    "personnes ont été tuées et plus de 3 800 arrêtées depuis le début des troubles. Les "
    "troupes de l'Organisation du traité de sécurité collective sont arrivées jeudi à Almaty "
    "pour protéger les bâtiments publics, dans le cadre d'une mission de maintien de la paix."
)


def test_english_only_rules_do_not_run_on_an_article_in_another_language() -> None:
    registry = Registry.load()
    rules = [registry.get(code) for code in ("NM001", "TR001", "TR014", "PN001")]
    skipped: list[str] = []
    lint_document(Document(FRENCH), rules, skipped=skipped)
    assert skipped == ["NM001", "TR001"]
    skipped.clear()
    lint_document(Document("Vladimir Poutine met Tokayev."), rules, skipped=skipped)
    assert skipped == []  # too short to know its language: every rule runs


def test_verbose_names_the_rules_not_run(tmp_path: Path, cli) -> None:
    (tmp_path / "article.txt").write_text(FRENCH, encoding="utf-8")
    quiet = cli("check", str(tmp_path), "--isolated", "--select", "NM,TR,PN")
    assert "article in French" not in quiet.stderr
    verbose = cli("check", str(tmp_path), "--isolated", "--select", "NM,TR,PN", "--verbose")
    assert "article in French: 14 rules for other languages not run (NM001, TR001–TR013)" in (
        verbose.stderr
    )
