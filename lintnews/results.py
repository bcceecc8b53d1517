"""What a run produces: per-file results, problems, and the run's options.

Kept apart from the engine so that output formats, the fixer and the cache
can use these types without loading the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lintnews.diagnostics import Diagnostic
from lintnews.document import LineIndex, Placement, Suppression
from lintnews.offsets import OffsetMap
from lintnews.selection import Selection
from lintnews.store import FileResults

STDIN = "-"


@dataclass
class FileResult:
    """What a run keeps of one file."""

    path: str
    diagnostics: list[Diagnostic]
    index: LineIndex
    suppressions: tuple[Suppression, ...] = ()
    #: The text and how it was stored, kept only when the caller asks
    #: (``keep_text``): the ``full`` format and the fixer need them.
    text: str | None = None
    kind: str = "text"
    encoding: str = "utf-8"
    bom: bytes = b""
    #: Fingerprint of the bytes read, to notice a change made meanwhile.
    digest: bytes = b""
    #: Whether undecodable bytes were replaced: such a file is never written.
    lossy: bool = False
    #: Where the text rules read lies in ``text`` (HTML), for corpus rules' findings.
    offsets: OffsetMap | None = None

    # A run keeps its files pickled (lintnews.store); field by field, a
    # dataclass would write every field's name into every record.
    def __reduce__(self) -> tuple[type[FileResult], tuple]:
        return (
            FileResult,
            (
                self.path,
                self.diagnostics,
                self.index,
                self.suppressions,
                self.text,
                self.kind,
                self.encoding,
                self.bom,
                self.digest,
                self.lossy,
                self.offsets,
            ),
        )

    @property
    def placement(self) -> Placement:
        """What puts a corpus rule's finding, made on the text rules read, in this file."""
        return Placement(self.suppressions, self.offsets)


@dataclass(frozen=True)
class Problem:
    """A file that could not be linted, or a note about one."""

    path: str
    message: str
    level: str = "error"  # "error" makes the exit code 2; "note" does not


@dataclass
class RunResult:
    #: The files linted, in path order, read back from the run's store one by one.
    files: FileResults = field(default_factory=FileResults)
    problems: list[Problem] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[tuple[FileResult, Diagnostic]]:
        """Every diagnostic with its file, all in memory: for small runs."""
        return [(f, d) for f in self.files for d in f.diagnostics]

    @property
    def has_diagnostics(self) -> bool:
        return self.files.diagnostic_count > 0

    @property
    def has_errors(self) -> bool:
        return any(p.level == "error" for p in self.problems)


@dataclass(frozen=True)
class RunOptions:
    """What the command line adds on top of configuration files."""

    selection: Selection = field(default_factory=Selection)
    config_path: Path | None = None
    isolated: bool = False
    force_exclude: bool = False
    #: Lint files that links found in a folder point to outside it.
    follow_links: bool = False
    stdin_filename: str | None = None
    keep_text: bool = False
    #: Worker processes; 1 lints in this process. None means all cores.
    jobs: int | None = None
    #: Keep results per file in ``cache_dir`` (default ``./.lintnews_cache``).
    cache: bool = False
    cache_dir: Path | None = None
    #: Address of a running Dask scheduler to lint the files on (needs lintnews[dask]).
    scheduler: str | None = None
