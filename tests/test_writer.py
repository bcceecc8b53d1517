"""Writing fixed articles back to disk: bytes, permissions, races and crashes.

Every test goes through the real ``lintnews check --fix`` (in-process, or in
a real process where the process must die) and then reads the file's bytes:
the encoding, byte order mark, line endings, final newline and mode must be
those of the original, and a file that cannot be written safely must be left
exactly as it was, with an error naming it and exit code 2.
"""

from __future__ import annotations

import codecs
import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import lintnews.check
from lintnews import writer
from lintnews.writer import WriteError, digest, encode, write_atomically

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "001_8cf712efd2f80509.txt"

# PN001 (doubled period) has a safe fix: ". ." becomes ".".
ARTIFACT = "The situation in Almaty remains unsafe. ."
FIXED = "The situation in Almaty remains unsafe."
CALM = "Relative calm returned to Almaty on Saturday after a week of unrest."
TOKAYEV = "Kazakhstan’s President Kassym-Jomart Tokayev ordered troops to fire without warning."
ARRESTS = "More than 3,800 people have been arrested, the Interior Ministry said."

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

Cli = Callable[..., Any]


def names(folder: Path) -> list[str]:
    """Everything in ``folder``: a temporary file left behind shows up here."""
    return sorted(p.name for p in folder.iterdir())


def snapshot(path: Path) -> tuple[bytes, int, int, int]:
    """Bytes, mode, inode and mtime: all unchanged when a file was left alone."""
    info = path.lstat()
    return path.read_bytes(), stat.S_IMODE(info.st_mode), info.st_ino, info.st_mtime_ns


# -- round trips -------------------------------------------------------------------


def utf16(text: str, codec: str, bom: bytes) -> bytes:
    return bom + text.encode(codec)


ROUND_TRIPS = [
    pytest.param(
        f"{TOKAYEV}\n\n{ARTIFACT}\n".encode(),
        f"{TOKAYEV}\n\n{FIXED}\n".encode(),
        id="utf-8",
    ),
    pytest.param(
        codecs.BOM_UTF8 + f"{TOKAYEV}\n\n{ARTIFACT}\n".encode(),
        codecs.BOM_UTF8 + f"{TOKAYEV}\n\n{FIXED}\n".encode(),
        id="utf-8-bom",
    ),
    pytest.param(
        utf16(f"{TOKAYEV}\r\n\r\n{ARTIFACT}\r\n", "utf-16-le", codecs.BOM_UTF16_LE),
        utf16(f"{TOKAYEV}\r\n\r\n{FIXED}\r\n", "utf-16-le", codecs.BOM_UTF16_LE),
        id="utf-16-le-bom",
    ),
    pytest.param(
        utf16(f"{TOKAYEV}\n\n{ARTIFACT}\n", "utf-16-be", codecs.BOM_UTF16_BE),
        utf16(f"{TOKAYEV}\n\n{FIXED}\n", "utf-16-be", codecs.BOM_UTF16_BE),
        id="utf-16-be-bom",
    ),
    pytest.param(
        f"{CALM}\r\n\r\n{ARTIFACT}\r\n\r\n{ARRESTS}\r\n".encode(),
        f"{CALM}\r\n\r\n{FIXED}\r\n\r\n{ARRESTS}\r\n".encode(),
        id="crlf",
    ),
    pytest.param(
        f"{CALM}\r\n\n{ARTIFACT}\n{ARRESTS}\r\n\r\n{TOKAYEV}\n".encode(),
        f"{CALM}\r\n\n{FIXED}\n{ARRESTS}\r\n\r\n{TOKAYEV}\n".encode(),
        id="mixed-line-endings",
    ),
    pytest.param(
        f"{CALM}\r\r{ARTIFACT}\r\r{ARRESTS}\r".encode(),
        f"{CALM}\r\r{FIXED}\r\r{ARRESTS}\r".encode(),
        id="lone-cr",
    ),
    pytest.param(
        f"{CALM}\n\n{ARTIFACT}".encode(),
        f"{CALM}\n\n{FIXED}".encode(),
        id="no-final-newline",
    ),
    pytest.param(
        f"{CALM}\r\n\r\n{ARTIFACT}".encode(),
        f"{CALM}\r\n\r\n{FIXED}".encode(),
        id="crlf-no-final-newline",
    ),
    pytest.param(
        f"{ARTIFACT}\n\n\n".encode(),
        f"{FIXED}\n\n\n".encode(),
        id="several-final-newlines",
    ),
]


@pytest.mark.parametrize(("before", "after"), ROUND_TRIPS)
def test_fix_writes_back_the_same_encoding_and_line_endings(
    cli: Cli, tmp_path: Path, before: bytes, after: bytes
) -> None:
    article = tmp_path / "almaty.txt"
    article.write_bytes(before)
    result = cli("check", "--fix", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == "Fixed 1 issue (0 remaining).\n"
    assert article.read_bytes() == after
    assert names(tmp_path) == ["almaty.txt"]


def test_utf16_file_is_written_back_in_utf16_with_non_ascii_text(cli: Cli, tmp_path: Path) -> None:
    """Not re-encoded to UTF-8: the curly apostrophe stays two UTF-16 bytes."""
    article = tmp_path / "tokayev.txt"
    article.write_bytes(utf16(f"{TOKAYEV} .\n", "utf-16-le", codecs.BOM_UTF16_LE))
    assert cli("check", "--fix", "--select", "PN", "tokayev.txt", cwd=tmp_path).exit_code == 0
    data = article.read_bytes()
    assert data.startswith(codecs.BOM_UTF16_LE)
    assert "’".encode("utf-16-le") in data
    assert data[2:].decode("utf-16-le") == f"{TOKAYEV}\n"


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664, 0o755, 0o750], ids=oct)
def test_fix_keeps_the_file_mode(cli: Cli, tmp_path: Path, mode: int) -> None:
    article = tmp_path / "almaty.txt"
    article.write_bytes(f"{CALM}\n\n{ARTIFACT}\n".encode())
    article.chmod(mode)
    result = cli("check", "--fix", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert article.read_bytes() == f"{CALM}\n\n{FIXED}\n".encode()
    assert stat.S_IMODE(article.stat().st_mode) == mode
    assert names(tmp_path) == ["almaty.txt"]


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file to another user")
def test_fix_keeps_the_owner_when_root_fixes_another_users_file(cli: Cli, tmp_path: Path) -> None:
    article = tmp_path / "almaty.txt"
    article.write_bytes(f"{ARTIFACT}\n".encode())
    os.chown(article, 65534, 65534)
    assert cli("check", "--fix", "almaty.txt", cwd=tmp_path).exit_code == 0
    assert article.read_bytes() == f"{FIXED}\n".encode()
    info = article.stat()
    assert (info.st_uid, info.st_gid) == (65534, 65534)


def test_fix_through_a_symlink_keeps_the_link(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    target = tmp_path / "archive" / "almaty.txt"
    target.write_bytes(f"{ARTIFACT}\n".encode())
    link = tmp_path / "latest.txt"
    link.symlink_to(Path("archive") / "almaty.txt")
    result = cli("check", "--fix", "latest.txt", cwd=tmp_path)
    assert link.is_symlink()
    if result.exit_code == 0:  # written through the link
        assert target.read_bytes() == f"{FIXED}\n".encode()
    else:  # or refused, with an error
        assert result.exit_code == 2
        assert target.read_bytes() == f"{ARTIFACT}\n".encode()


# -- files that must not be written ------------------------------------------------


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o464], ids=oct)
def test_read_only_file_is_not_written_even_by_root(cli: Cli, tmp_path: Path, mode: int) -> None:
    """The owner write bit decides, so that root (who may write anything) is refused too."""
    article = tmp_path / "almaty.txt"
    article.write_bytes(f"{CALM}\n\n{ARTIFACT}\n".encode())
    article.chmod(mode)
    before = snapshot(article)
    result = cli("check", "--fix", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith("error: almaty.txt: not fixed: ")
    assert "read-only" in errors[0]
    assert snapshot(article) == before
    assert names(tmp_path) == ["almaty.txt"]
    # What was not fixed is still reported, and not counted as fixed.
    assert "almaty.txt:3:39: PN001" in result.stdout
    assert result.stdout.endswith("Fixed 0 issues (1 remaining).\n")


def test_read_only_file_does_not_stop_the_others(cli: Cli, tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_bytes(f"{ARTIFACT}\n".encode())
    locked.chmod(0o444)
    open_file = tmp_path / "open.txt"
    open_file.write_bytes(f"{CALM}\n\n{ARTIFACT}\n".encode())
    result = cli("check", "--fix", ".", cwd=tmp_path)
    assert result.exit_code == 2
    assert open_file.read_bytes() == f"{CALM}\n\n{FIXED}\n".encode()
    assert locked.read_bytes() == f"{ARTIFACT}\n".encode()
    assert "error: locked.txt: not fixed:" in result.stderr
    assert "open.txt" not in result.stderr
    assert result.stdout.endswith("Fixed 1 issue (1 remaining).\n")


@pytest.mark.skipif(IS_ROOT, reason="root can create files in a read-only folder")
def test_folder_not_writable_for_the_temporary_file(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    article = folder / "almaty.txt"
    article.write_bytes(f"{ARTIFACT}\n".encode())
    before = snapshot(article)
    folder.chmod(0o555)
    try:
        result = cli("check", "--fix", "desk/almaty.txt", cwd=tmp_path)
        after = snapshot(article)
        inside = names(folder)
    finally:
        folder.chmod(0o755)
    assert result.exit_code == 2
    assert "error: desk/almaty.txt: not fixed: cannot create a temporary file" in result.stderr
    assert after == before
    assert inside == ["almaty.txt"]


def test_temporary_file_that_cannot_be_created(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-only folder of the test above, simulated so that it also runs as root."""

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    article = tmp_path / "almaty.txt"
    article.write_bytes(f"{ARTIFACT}\n".encode())
    before = snapshot(article)
    monkeypatch.setattr(writer.tempfile, "mkstemp", refuse)
    result = cli("check", "--fix", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 2
    assert (
        "error: almaty.txt: not fixed: cannot create a temporary file beside it: "
        "Permission denied" in result.stderr
    )
    assert snapshot(article) == before


def test_invalid_utf8_file_is_never_written_back(cli: Cli, tmp_path: Path) -> None:
    """EN001 is reported; the safe PN001 fix is refused with a warning, not an error."""
    data = f"{ARTIFACT}\n\nCaf".encode() + b"\xe9" + b" owners in Almaty said. .\n"
    article = tmp_path / "cafe.txt"
    article.write_bytes(data)
    before = snapshot(article)
    result = cli("check", "--fix", "--unsafe-fixes", "cafe.txt", cwd=tmp_path)
    assert result.exit_code == 1
    assert snapshot(article) == before
    assert "cafe.txt:3:4: EN001" in result.stdout
    assert "cafe.txt:1:39: PN001" in result.stdout
    assert result.stdout.endswith("Fixed 0 issues (3 remaining).\n")
    assert result.stderr.splitlines() == [
        "warning: cafe.txt: not fixed: the file is not valid UTF-8 "
        "and would be written back changed"
    ]
    assert names(tmp_path) == ["cafe.txt"]


# -- races: the file changes or goes away while lintnews runs ---------------------


def _between_reading_and_writing(
    monkeypatch: pytest.MonkeyPatch, meddle: Callable[[], None]
) -> None:
    """Run ``meddle`` after the run has read and fixed the files, before any write."""
    real_fix_run = lintnews.check.fix_run

    def fix_run_then_meddle(*args: Any, **kwargs: Any) -> Any:
        fixes = real_fix_run(*args, **kwargs)
        meddle()
        return fixes

    monkeypatch.setattr(lintnews.check, "fix_run", fix_run_then_meddle)


def test_file_changed_on_disk_mid_run_is_not_overwritten(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "almaty.txt"
    article.write_bytes(f"{ARTIFACT}\n".encode())
    edited = f"{ARTIFACT}\n\n{ARRESTS}\n".encode()  # an editor saved a new paragraph
    _between_reading_and_writing(monkeypatch, lambda: article.write_bytes(edited))
    result = cli("check", "--fix", "almaty.txt", cwd=tmp_path)
    assert result.exit_code == 2
    assert article.read_bytes() == edited
    assert "error: almaty.txt: not fixed: changed on disk" in result.stderr
    assert result.stdout.endswith("Fixed 0 issues (1 remaining).\n")
    assert names(tmp_path) == ["almaty.txt"]


def test_file_removed_mid_run_is_not_recreated(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file deleted while lintnews ran stays deleted: writing it back would undo that."""
    article = tmp_path / "almaty.txt"
    article.write_bytes(f"{ARTIFACT}\n".encode())
    kept = tmp_path / "arrests.txt"
    kept.write_bytes(f"{ARRESTS} .\n".encode())
    _between_reading_and_writing(monkeypatch, article.unlink)
    result = cli("check", "--fix", ".", cwd=tmp_path)
    assert result.exit_code == 2
    assert not article.exists()
    assert names(tmp_path) == ["arrests.txt"]
    assert kept.read_bytes() == f"{ARRESTS}\n".encode()
    assert "error: almaty.txt: not fixed:" in result.stderr


def test_write_atomically_refuses_a_stale_digest(tmp_path: Path) -> None:
    article = tmp_path / "almaty.txt"
    read = f"{ARTIFACT}\n".encode()
    article.write_bytes(f"{ARTIFACT}\n\n{ARRESTS}\n".encode())
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomically(article, f"{FIXED}\n".encode(), expected_digest=digest(read))
    assert article.read_bytes() == f"{ARTIFACT}\n\n{ARRESTS}\n".encode()
    assert names(tmp_path) == ["almaty.txt"]


def test_write_atomically_refuses_a_missing_file(tmp_path: Path) -> None:
    article = tmp_path / "almaty.txt"
    with pytest.raises(WriteError):
        write_atomically(article, f"{FIXED}\n".encode(), expected_digest=digest(b""))
    assert names(tmp_path) == []


def test_write_atomically_replaces_a_file_that_still_holds_what_was_read(
    tmp_path: Path,
) -> None:
    article = tmp_path / "almaty.txt"
    read = f"{ARTIFACT}\n".encode()
    article.write_bytes(read)
    article.chmod(0o640)
    write_atomically(article, f"{FIXED}\n".encode(), expected_digest=digest(read))
    assert article.read_bytes() == f"{FIXED}\n".encode()
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert names(tmp_path) == ["almaty.txt"]


def test_digest_and_encode() -> None:
    assert digest(b"unsafe. .") == digest(b"unsafe. .")
    assert digest(b"unsafe. .") != digest(b"unsafe.")
    assert encode("Almaty\r\n", "utf-8", codecs.BOM_UTF8) == b"\xef\xbb\xbfAlmaty\r\n"
    assert encode("Алматы", "utf-16-be", codecs.BOM_UTF16_BE) == (
        codecs.BOM_UTF16_BE + "Алматы".encode("utf-16-be")
    )


# -- interrupted writes: the old file or the new one, never half of one ----------


FAILURES = {
    "fsync": OSError(errno.ENOSPC, "No space left on device"),
    "chmod": OSError(errno.EPERM, "Operation not permitted"),
    "replace": OSError(errno.EXDEV, "Invalid cross-device link"),
}


@pytest.mark.parametrize("step", list(FAILURES))
def test_failed_write_leaves_the_original_and_no_temporary_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    article = tmp_path / "almaty.txt"
    article.write_bytes(f"{CALM}\n\n{ARTIFACT}\n".encode())
    before = snapshot(article)

    error = FAILURES[step]

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(writer.os, step, fail)
    result = cli("check", "--fix", "almaty.txt", cwd=tmp_path)
    monkeypatch.undo()
    assert result.exit_code == 2
    assert f"error: almaty.txt: not fixed: cannot write: {error.strerror}" in result.stderr
    assert snapshot(article) == before
    assert names(tmp_path) == ["almaty.txt"]


def test_interrupt_at_replace_leaves_the_original_and_no_temporary_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "almaty.txt"
    article.write_bytes(f"{CALM}\n\n{ARTIFACT}\n".encode())
    before = snapshot(article)

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(writer.os, "replace", interrupt)
    result = cli("check", "--fix", "almaty.txt", cwd=tmp_path)
    monkeypatch.undo()
    assert result.exit_code == 130
    assert "lintnews: interrupted" in result.stderr
    assert snapshot(article) == before
    assert names(tmp_path) == ["almaty.txt"]


KILL_SCRIPT = """
import os
import signal
import sys

import lintnews.writer
from lintnews.cli import main

when, path = sys.argv[1], sys.argv[2]
real_replace = lintnews.writer.os.replace


def replace_and_die(source, target):
    if when == "after":
        real_replace(source, target)
    os.kill(os.getpid(), signal.SIGKILL)


lintnews.writer.os.replace = replace_and_die
sys.argv = ["lintnews", "check", "--fix", "--unsafe-fixes", path]
main()
"""


def _fixed_seed(tmp_path: Path, cli: Cli) -> bytes:
    """What ``--fix --unsafe-fixes`` makes of the seed, in a run that is not killed."""
    folder = tmp_path / "reference"
    folder.mkdir()
    shutil.copyfile(SEED, folder / SEED.name)
    (folder / SEED.name).chmod(0o644)
    cli("check", "--fix", "--unsafe-fixes", SEED.name, cwd=folder)
    return (folder / SEED.name).read_bytes()


def _killed_fix(tmp_path: Path, when: str) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path / "desk"
    folder.mkdir()
    article = folder / SEED.name
    shutil.copyfile(SEED, article)
    article.chmod(0o644)
    process = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, when, SEED.name],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return article, process


def test_process_killed_before_replace_leaves_the_old_file_complete(
    cli: Cli, tmp_path: Path
) -> None:
    fixed = _fixed_seed(tmp_path, cli)
    article, process = _killed_fix(tmp_path, "before")
    assert process.returncode == -signal.SIGKILL, process.stderr
    assert article.read_bytes() == SEED.read_bytes()
    # A temporary file may be left behind: it holds the whole new text, and it
    # is not an article that a later run would lint.
    for name in names(article.parent):
        if name != article.name:
            assert name.startswith(f".{article.name}.")
            assert name.endswith(".lintnews-tmp")
            assert (article.parent / name).read_bytes() == fixed
    later = cli("check", "--output-format", "json", ".", cwd=article.parent)
    assert {record["filename"] for record in later.json()} == {article.name}


def test_process_killed_right_after_replace_leaves_the_new_file_complete(
    cli: Cli, tmp_path: Path
) -> None:
    fixed = _fixed_seed(tmp_path, cli)
    assert fixed != SEED.read_bytes()
    article, process = _killed_fix(tmp_path, "after")
    assert process.returncode == -signal.SIGKILL, process.stderr
    assert article.read_bytes() == fixed
    assert names(article.parent) == [article.name]
