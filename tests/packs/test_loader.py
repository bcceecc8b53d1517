"""Loading TOML rule packs: validation errors name the file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.packs import PackError, builtin_pack_paths, load_pack

VALID = """
[pack]
name = "house-style"

[[rules]]
code = "HS001"
name = "foreign-exonym"
kind = "substitution"
summary = "French form of a Russian name"
message = "Use “{replacement}” rather than “{match}”"
swap = { "Vladimir Poutine" = "Vladimir Putin" }
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_pack_loads(tmp_path: Path) -> None:
    (rule,) = load_pack(write(tmp_path, VALID))
    assert (rule.code, rule.name, rule.origin) == (
        "HS001",
        "foreign-exonym",
        str(tmp_path / "pack.toml"),
    )
    assert rule.fixable


def test_builtin_packs_are_found() -> None:
    names = {path.name for path in builtin_pack_paths()}
    assert "boilerplate.toml" in names


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[[rules]\ncode = 1")
    with pytest.raises(PackError, match=r"pack\.toml: invalid TOML"):
        load_pack(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('kind = "substitution"', 'kind = "spelling"'), "kind must be one of"),
        (('name = "foreign-exonym"', 'name = "Foreign Exonym"'), "kebab-case"),
        (('code = "HS001"', 'code = "hs-1"'), "must look like"),
        (("swap =", "swapp ="), "unknown key 'swapp'"),
        (("{replacement}", "{replacment}"), "unknown placeholder"),
        (
            ('swap = { "Vladimir Poutine" = "Vladimir Putin" }', "swap = []"),
            "'swap' must be a table",
        ),
    ],
)
def test_invalid_rule_names_line_and_key(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = write(tmp_path, VALID.replace(*change))
    with pytest.raises(PackError, match=message) as raised:
        load_pack(path)
    assert str(raised.value).startswith(str(path))
    if "code" not in change[0]:
        assert f"{path}:6:" in str(raised.value)  # the line of the rule's code


def test_bad_regex_is_a_pack_error(tmp_path: Path) -> None:
    text = (
        VALID
        + """
[[rules]]
code = "HS002"
name = "broken-pattern"
kind = "existence"
summary = "A pattern with an unbalanced bracket"
message = "Found {match}"
patterns = ["(Kazakh"]
"""
    )
    with pytest.raises(PackError, match="HS002"):
        load_pack(write(tmp_path, text))


def test_duplicate_code_in_one_pack(tmp_path: Path) -> None:
    second = VALID.split("[[rules]]")[1]
    with pytest.raises(PackError, match="HS001 is declared twice"):
        load_pack(write(tmp_path, VALID + "[[rules]]" + second))


def test_unknown_top_level_key(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="unknown key 'rule'"):
        load_pack(write(tmp_path, "[[rule]]\ncode = 'HS001'\n"))


def test_a_pack_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = VALID.replace(
        'swap = { "Vladimir Poutine" = "Vladimir Putin" }',
        f"swap = {{ \"__import__('os').system('touch {marker}')\" = \"x\" }}",
    )
    (rule,) = load_pack(write(tmp_path, text))
    assert not marker.exists()
    assert rule.code == "HS001"


def test_unknown_key_in_pack_header(tmp_path: Path) -> None:
    path = write(
        tmp_path, VALID.replace('name = "house-style"', 'name = "house-style"\nauthor = "desk"')
    )
    with pytest.raises(PackError, match=r"pack\.toml:4: pack: unknown key 'author'"):
        load_pack(path)


def test_pack_language_limits_its_rules_to_articles_in_it(tmp_path: Path) -> None:
    path = write(
        tmp_path, VALID.replace('name = "house-style"', 'name = "house-style"\nlanguage = "en"')
    )
    (rule,) = load_pack(path)
    assert rule.languages == frozenset({"en"})
    (plain,) = load_pack(write(tmp_path, VALID))
    assert plain.languages is None


def test_pack_language_must_be_a_code(tmp_path: Path) -> None:
    text = VALID.replace('name = "house-style"', 'name = "house-style"\nlanguage = "English"')
    with pytest.raises(PackError, match="pack: 'language' must be an ISO 639-1 code"):
        load_pack(write(tmp_path, text))
