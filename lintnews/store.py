"""Where a run keeps what it has finished: pickled records, not live objects.

A run over an archive finishes files by the hundred thousand, and corpus
rules report only once every file is in. Held as Python objects, the
diagnostics, line indexes and corpus statistics of 100,000 articles take
about a gigabyte; pickled into one temporary file they take a tenth of that,
on disk once they outgrow :data:`IN_MEMORY`. The heap keeps only each
file's path and where its record starts. Records are read back one at a
time, as a format writes its report or a corpus rule decides.
"""

from __future__ import annotations

import bisect
import pickle
import sys
import tempfile
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

if TYPE_CHECKING:
    from lintnews.results import FileResult

#: Records stay in memory up to this many bytes, then move to a temporary file.
IN_MEMORY = 4 * 1024 * 1024


class StoreError(Exception):
    """The temporary file that holds a run's results cannot be written."""


class Spool:
    """Pickled records, appended to a temporary file and read back by number."""

    def __init__(self, in_memory: int = IN_MEMORY) -> None:
        # Lives as long as the results it holds; deleted when they are.
        self._file = tempfile.SpooledTemporaryFile(max_size=in_memory, prefix="lintnews-")  # noqa: SIM115
        self._starts = array("q")
        self._ends = array("q")
        self._end = 0

    def add(self, record: bytes) -> int:
        """Keep ``record``; returns its number."""
        self._file.seek(self._end)
        try:
            self._file.write(record)
        except OSError as error:
            raise StoreError(
                f"cannot keep the run's results in {tempfile.gettempdir()}: {error.strerror};"
                " set TMPDIR to a folder with free space"
            ) from None
        self._starts.append(self._end)
        self._end += len(record)
        self._ends.append(self._end)
        return len(self._starts) - 1

    def put(self, value: Any) -> int:
        return self.add(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))

    def record(self, number: int) -> bytes:
        start = self._starts[number]
        self._file.seek(start)
        return self._file.read(self._ends[number] - start)

    def get(self, number: int) -> Any:
        return pickle.loads(self.record(number))

    def close(self) -> None:
        self._file.close()


class FileResults(Sequence["FileResult"]):
    """A run's files, each read back from its record when asked for.

    Each item is a new :class:`FileResult`: changing it changes nothing
    here; store the changed one with ``files[i] = file``.
    """

    def __init__(self, files: Sequence[FileResult] = (), spool: Spool | None = None) -> None:
        self._spool = spool or Spool()
        self._paths: list[str] = []
        self._records = array("q")
        self._counts = array("q")  # diagnostics per file, for the exit code and summaries
        for file in files:
            self.append(file)

    def append(self, file: FileResult) -> None:
        self.append_record(file.path, pack(file), len(file.diagnostics))

    def append_record(self, path: str, record: bytes, diagnostics: int) -> None:
        """Keep a file already pickled (by a worker process): it is not unpickled here."""
        self._paths.append(sys.intern(path))  # one copy, shared with the corpus data
        self._records.append(self._spool.add(record))
        self._counts.append(diagnostics)

    @property
    def spool(self) -> Spool:
        return self._spool

    def records(self) -> Iterator[tuple[str, bytes, int]]:
        """Each file as ``append_record`` takes it: to send from a worker to the run."""
        for path, number, count in zip(self._paths, self._records, self._counts, strict=True):
            yield path, self._spool.record(number), count

    def sort(self) -> None:
        """Put the files in path order."""
        order = sorted(range(len(self._paths)), key=self._paths.__getitem__)
        self._paths = [self._paths[i] for i in order]
        self._records = array("q", (self._records[i] for i in order))
        self._counts = array("q", (self._counts[i] for i in order))

    def find(self, path: str) -> int | None:
        """The position of ``path`` among files sorted by :meth:`sort`."""
        at = bisect.bisect_left(self._paths, path)
        return at if at < len(self._paths) and self._paths[at] == path else None

    @property
    def paths(self) -> Sequence[str]:
        return self._paths

    @property
    def diagnostic_count(self) -> int:
        return sum(self._counts)

    def diagnostics_in(self, index: int) -> int:
        return self._counts[index]

    def __len__(self) -> int:
        return len(self._paths)

    @overload
    def __getitem__(self, index: int) -> FileResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[FileResult]: ...
    def __getitem__(self, index: int | slice) -> FileResult | list[FileResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._spool.get(self._records[index])

    def __setitem__(self, index: int, file: FileResult) -> None:
        self._paths[index] = file.path
        self._records[index] = self._spool.put(file)
        self._counts[index] = len(file.diagnostics)

    def __iter__(self) -> Iterator[FileResult]:
        for number in self._records:
            yield self._spool.get(number)

    def with_diagnostics(self) -> Iterator[FileResult]:
        """The files that have diagnostics, without reading back the clean ones."""
        for number, count in zip(self._records, self._counts, strict=True):
            if count:
                yield self._spool.get(number)

    def __repr__(self) -> str:
        return f"FileResults({len(self)} files)"


class CorpusData:
    """What corpus rules collected, per rule and per file, until every file is in."""

    def __init__(self, spool: Spool | None = None) -> None:
        self._spool = spool or Spool()
        self._by_code: dict[str, tuple[list[str], array]] = {}

    def add(self, code: str, path: str, value: Any) -> None:
        self.add_record(code, path, pack(value))

    def add_record(self, code: str, path: str, record: bytes) -> None:
        paths, numbers = self._by_code.setdefault(code, ([], array("q")))
        paths.append(sys.intern(path))
        numbers.append(self._spool.add(record))

    def records(self) -> dict[str, list[tuple[str, bytes]]]:
        """Everything collected, pickled: to send from a worker to the run."""
        return {
            code: [(path, self._spool.record(n)) for path, n in zip(*kept, strict=True)]
            for code, kept in self._by_code.items()
        }

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def view(self, code: str) -> Mapping[str, Any]:
        """Path -> what the rule collected there, read back as it is asked for."""
        paths, numbers = self._by_code.get(code, ([], array("q")))
        return _Collected(self._spool, paths, numbers)


class _Collected(Mapping[str, Any]):
    """One corpus rule's data, in the order the files were linted."""

    def __init__(self, spool: Spool, paths: list[str], numbers: array) -> None:
        self._spool = spool
        self._paths = paths
        self._numbers = numbers
        self._positions: dict[str, int] | None = None

    def __getitem__(self, path: str) -> Any:
        if self._positions is None:
            self._positions = {p: i for i, p in enumerate(self._paths)}
        return self._spool.get(self._numbers[self._positions[path]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def items(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]
        for path, number in zip(self._paths, self._numbers, strict=True):
            yield path, self._spool.get(number)

    def values(self) -> Iterator[Any]:  # type: ignore[override]
        for number in self._numbers:
            yield self._spool.get(number)


def pack(value: Any) -> bytes:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
