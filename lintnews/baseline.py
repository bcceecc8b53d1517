"""Baselines: record today's findings so that only new ones are reported.

An archive that adopts lintnews late records what it has with
``--add-baseline FILE`` and checks with ``--baseline FILE`` from then on.
Findings are matched by file and fingerprint (:mod:`lintnews.fingerprint`,
the same as SARIF's ``partialFingerprints``), so a finding whose paragraph
moved to another line is still known. File names are stored relative to the
baseline's folder, so the check may run from anywhere.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from lintnews.fingerprint import VERSION, fingerprints
from lintnews.jsontext import indented
from lintnews.results import FileResult, RunResult

FORMAT_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message says why."""


def write_baseline(path: Path, result: RunResult) -> int:
    """Record every finding of ``result`` in ``path``; returns how many."""
    findings = [
        {"file": _key(path, file.path), "code": d.code, "fingerprint": fp, "message": d.message}
        for file in result.files.with_diagnostics()
        for d, fp in zip(file.diagnostics, _fingerprints(file), strict=True)
    ]
    document = {"version": FORMAT_VERSION, "fingerprint": VERSION, "findings": findings}
    try:
        path.write_text(indented(document) + "\n", "utf-8")
    except OSError as error:
        raise BaselineError(f"cannot write baseline {path}: {error.strerror}") from None
    return len(findings)


def apply_baseline(path: Path, result: RunResult) -> int:
    """Drop from ``result`` the findings recorded in ``path``; returns how many."""
    known = _load(path)
    hidden = 0
    for at in range(len(result.files)):
        if not result.files.diagnostics_in(at):
            continue
        file = result.files[at]
        name = _key(path, file.path)
        keep = [
            d
            for d, fp in zip(file.diagnostics, _fingerprints(file), strict=True)
            if (name, fp) not in known
        ]
        if len(keep) < len(file.diagnostics):
            hidden += len(file.diagnostics) - len(keep)
            file.diagnostics = keep
            result.files[at] = file
    return hidden


def _load(path: Path) -> set[tuple[str, str]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BaselineError(f"cannot read baseline {path}: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BaselineError(f"baseline {path} is not valid JSON: {error}") from None
    if not isinstance(document, dict) or document.get("version") != FORMAT_VERSION:
        raise BaselineError(f"baseline {path} is not a lintnews baseline (version 1)")
    if document.get("fingerprint") != VERSION:
        raise BaselineError(
            f"baseline {path} uses fingerprints {document.get('fingerprint')!r}; "
            f"record it again with --add-baseline"
        )
    findings = document.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(f, dict)
        and isinstance(f.get("file"), str)
        and isinstance(f.get("fingerprint"), str)
        for f in findings
    ):
        raise BaselineError(f"baseline {path}: 'findings' must list file and fingerprint")
    return {(f["file"], f["fingerprint"]) for f in findings}


def _fingerprints(file: FileResult) -> list[str]:
    if file.text is None:
        raise ValueError("baselines need the text of each file (keep_text)")
    return fingerprints(file.text, file.index, file.diagnostics)


def _key(baseline: Path, path: str) -> str:
    """A file's name relative to the baseline's folder, with forward slashes."""
    if path == "-":
        return path
    folder = os.path.abspath(baseline.parent)
    return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()
