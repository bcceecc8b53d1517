"""Configuration discovery, precedence and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.config import ConfigError, find_config_file, load_config
from lintnews.results import RunOptions
from lintnews.runner import Runner

ARTICLE = "The situation in Almaty remains unsafe. .\n\nSource link\n"


def lint(folder: Path, **options) -> list[str]:
    result = Runner(RunOptions(**options)).run([folder])
    return [d.code for _, d in result.diagnostics]


def test_found_from_the_linted_path_upward(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text('select = ["PN"]\n', encoding="utf-8")
    nested = tmp_path / "2022" / "01"
    nested.mkdir(parents=True)
    (nested / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert find_config_file(nested) == tmp_path / "lintnews.toml"
    assert lint(tmp_path) == ["PN001"]


def test_nearest_config_governs_its_folder(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text('select = ["PN"]\n', encoding="utf-8")
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / ".lintnews.toml").write_text('select = ["BP"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "wire" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    result = Runner(RunOptions()).run([tmp_path])
    by_file = {Path(f.path).name: [d.code for d in f.diagnostics] for f in result.files}
    assert by_file["a.txt"] == ["PN001"]
    assert by_file["b.txt"] == ["BP002"]


def test_dot_lintnews_toml_is_preferred_over_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.lintnews]\nselect = ["BP"]\n', encoding="utf-8")
    (tmp_path / ".lintnews.toml").write_text('select = ["PN"]\n', encoding="utf-8")
    assert find_config_file(tmp_path) == tmp_path / ".lintnews.toml"


def test_pyproject_without_tool_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text('select = ["PN"]\n', encoding="utf-8")
    inner = tmp_path / "project"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config_file(inner) == tmp_path / "lintnews.toml"


def test_pyproject_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.lintnews]\nselect = ["BP"]\nignore = ["BP002"]\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert lint(tmp_path) == []


def test_command_line_wins_over_the_file(tmp_path: Path) -> None:
    from lintnews.selection import Selection

    (tmp_path / "lintnews.toml").write_text('select = ["BP"]\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert lint(tmp_path, selection=Selection(select=("PN",))) == ["PN001"]
    assert lint(tmp_path, isolated=True) == ["PN001", "BP002"]


def test_per_file_ignores_and_excludes(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text(
        'extend-exclude = ["drafts"]\n[per-file-ignores]\n"wire/*.txt" = ["BP"]\n',
        encoding="utf-8",
    )
    for folder in ("wire", "drafts", "desk"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = Runner(RunOptions()).run([tmp_path])
    by_file = {Path(f.path).parent.name: [d.code for d in f.diagnostics] for f in result.files}
    assert by_file == {"desk": ["PN001", "BP002"], "wire": ["PN001"]}


def test_rule_options_change_severity(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text(
        '[rule-options.PN001]\nseverity = "info"\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = Runner(RunOptions()).run([tmp_path])
    severities = {d.code: str(d.severity) for _, d in result.diagnostics}
    assert severities["PN001"] == "info"


def test_rule_packs_are_loaded_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "house.toml").write_text(
        '[[rules]]\ncode = "HS001"\nname = "exonym"\nkind = "substitution"\n'
        'summary = "French exonym"\nmessage = "Use {replacement}"\n'
        'swap = { "Poutine" = "Putin" }\n',
        encoding="utf-8",
    )
    (tmp_path / "lintnews.toml").write_text(
        'rule-packs = ["styles/house.toml"]\n', encoding="utf-8"
    )
    (tmp_path / "a.txt").write_text("He thanked Vladimir Poutine.\n", encoding="utf-8")
    assert lint(tmp_path) == ["HS001"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["PN"]\n', r"lintnews\.toml:1: selct: unknown key"),
        ('select = "PN"\n', r"lintnews\.toml:1: select: must be a list of strings"),
        ("select = [\n", r"lintnews\.toml: invalid TOML"),
        ("pattern-timeout = -1\n", r"lintnews\.toml:1: pattern-timeout: must be a positive"),
        ('file-timeout = "10"\n', r"lintnews\.toml:1: file-timeout: must be a positive"),
        ("file-timeout = true\n", r"lintnews\.toml:1: file-timeout: must be a positive"),
        ('\ndialect = "scottish"\n', r"lintnews\.toml:2: dialect: must be one of american, brit"),
        ('languagetool-url = "localhost:8081"\n', r":1: languagetool-url: must be an http://"),
        ("languagetool-path = 3\n", r":1: languagetool-path: must be the path of a Language"),
        ("languagetool-timeout = 0\n", r":1: languagetool-timeout: must be a positive number"),
        ('source-languages = ["french"]\n', r":1: source-languages: must be a list of ISO 639-1"),
        ('source-languages = "fr"\n', r":1: source-languages: must be a list of ISO 639-1"),
    ],
)
def test_malformed_config_names_file_line_and_key(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "lintnews.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path / "lintnews.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('select = ["XX"]\n', "unknown rule code or prefix 'XX'"),
        (
            "[rule-options.ZZ999]\nseverity = 'info'\n",
            r"lintnews\.toml:1: rule-options: unknown rule code 'ZZ999'",
        ),
        ("[rule-options.PN001]\nstrictness = 2\n", "unknown option 'strictness' for PN001"),
        ('[per-file-ignores]\n"*.txt" = ["QQ1"]\n', "unknown rule code or prefix 'QQ1'"),
    ],
)
def test_unknown_codes_in_config_are_errors(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "lintnews.toml").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as raised:
        Runner(RunOptions()).run([tmp_path])
    assert "lintnews.toml" in str(raised.value)


def test_tool_table_errors_name_the_prefix(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.lintnews]\nexclud = ["x"]\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"pyproject\.toml:2: tool\.lintnews\.exclud: unknown key"
    ):
        load_config(tmp_path / "pyproject.toml")


def test_file_timeout(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text("file-timeout = 2.5\n", encoding="utf-8")
    assert load_config(tmp_path / "lintnews.toml").file_timeout == 2.5
    (tmp_path / "lintnews.toml").write_text("", encoding="utf-8")
    assert load_config(tmp_path / "lintnews.toml").file_timeout == 10.0


def test_language_keys_are_read_and_a_path_is_made_absolute(tmp_path: Path) -> None:
    (tmp_path / "lintnews.toml").write_text(
        'dialect = "british"\nlanguagetool-url = "http://localhost:8081/"\n'
        'languagetool-path = "tools/LanguageTool-6.4"\nsource-languages = ["FR", "ru"]\n',
        encoding="utf-8",
    )
    config = load_config(tmp_path / "lintnews.toml")
    assert dict(config.language) == {
        "dialect": "british",
        "languagetool-url": "http://localhost:8081",
        "languagetool-path": str((tmp_path / "tools" / "LanguageTool-6.4").resolve()),
        "source-languages": ("fr", "ru"),
    }
