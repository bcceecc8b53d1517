"""Writing fixed text back to disk without ever leaving a damaged file.

The new content goes to a temporary file in the same folder, is flushed to
disk, takes the old file's permissions, and then replaces the old file in
one ``os.replace``: a reader, or a crash, sees either the old file or the
new one, never half of one. The encoding and byte order mark are those the
file was read with; line endings and the final newline are part of the text
and are kept as they were.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A fixed file that could not be written; the original is untouched."""


def digest(data: bytes) -> bytes:
    """A fingerprint of a file's bytes, to notice a change made by someone else."""
    return hashlib.blake2b(data, digest_size=16).digest()


def encode(text: str, encoding: str, bom: bytes) -> bytes:
    return bom + text.encode(encoding)


def write_atomically(path: Path, data: bytes, *, expected_digest: bytes) -> None:
    """Replace ``path`` with ``data`` if it still holds what was read.

    A symbolic link is followed, so that the file it points to is fixed and
    the link stays a link. Raises :class:`WriteError` when the file is
    read-only, changed on disk since it was read, or cannot be replaced; the
    file is then left as it is.
    """
    path = Path(os.path.realpath(path))
    try:
        info = path.stat()
        current = path.read_bytes()
    except OSError as error:
        raise WriteError(f"cannot read it back before writing: {error.strerror}") from None
    if digest(current) != expected_digest:
        raise WriteError("changed on disk while lintnews ran; left as it is")
    if not info.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise WriteError("the file is read-only")
    descriptor, temporary = _temporary_beside(path)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(info.st_mode))
        _keep_owner(temporary, info)
        os.replace(temporary, path)
    except BaseException as error:
        _remove_quietly(temporary)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write: {error.strerror}") from None
        raise


def _keep_owner(temporary: str, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group where we may (as root)."""
    created = os.stat(temporary)
    if (created.st_uid, created.st_gid) != (info.st_uid, info.st_gid):
        with contextlib.suppress(PermissionError):
            os.chown(temporary, info.st_uid, info.st_gid)


def _temporary_beside(path: Path) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=f".{path.name}.", suffix=".lintnews-tmp", dir=path.parent)
    except OSError as error:
        raise WriteError(f"cannot create a temporary file beside it: {error.strerror}") from None


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
