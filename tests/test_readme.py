"""The README's configuration and rule-pack examples work as printed."""

from __future__ import annotations

import re
from pathlib import Path

from lintnews.results import RunOptions
from lintnews.runner import Runner

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def toml_block(first_line: str) -> str:
    for block in re.findall(r"```toml\n(.*?)```", README, flags=re.DOTALL):
        if block.startswith(first_line):
            return block
    raise AssertionError(f"no TOML block starting with {first_line!r} in the README")


def test_readme_config_and_pack_examples(tmp_path: Path) -> None:
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "house.toml").write_text(
        toml_block("# styles/house.toml"), encoding="utf-8"
    )
    config = toml_block("# lintnews.toml").replace(
        'select = ["BP", "PN"]', 'select = ["BP", "PN", "HS"]'
    )
    (tmp_path / "lintnews.toml").write_text(config, encoding="utf-8")
    (tmp_path / "a.txt").write_text(
        "He thanked his ally Vladimir Poutine. Troops will leave in the nearest time. .\n\n"
        "Kassim-Jomart Tokayev spoke.\n",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "Kassym-Jomart Tokayev spoke. Kassym-Jomart Tokayev left.\n", encoding="utf-8"
    )
    result = Runner(RunOptions()).run([tmp_path])
    found = sorted((Path(f.path).name, d.code, str(d.severity)) for f, d in result.diagnostics)
    assert found == [
        ("a.txt", "HS001", "error"),
        ("a.txt", "HS002", "warning"),
        ("a.txt", "HS003", "warning"),
        ("a.txt", "PN001", "warning"),  # severity changed by rule-options
    ]
