"""The wheel carries the rule packs, so a non-editable install finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_the_builtin_packs(tmp_path: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    (wheel,) = tmp_path.glob("lintnews-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {
        n.removeprefix("lintnews/builtin_packs/")
        for n in names
        if n.startswith("lintnews/builtin_packs/")
    }
    sources = {p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.toml")}
    assert shipped == sources
    assert "lintnews/cli.py" in names


def test_installed_package_finds_its_packs() -> None:
    from lintnews.packs import builtin_pack_paths

    assert {p.name for p in builtin_pack_paths()} == {
        p.name for p in (ROOT / "rules").glob("*.toml")
    }
