"""What a rule reports: spans, edits, fixes and diagnostics.

Every offset is a Unicode code point index into ``Document.text``; spans are
half-open (``end`` is exclusive), the convention of Python slices.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.StrEnum):
    """How sure a rule is that the text is damaged."""

    ERROR = "error"  # a certain artifact
    WARNING = "warning"  # a likely artifact
    INFO = "info"  # a note for the editor


class Applicability(enum.StrEnum):
    """Whether a fix can be applied without a human reading it."""

    SAFE = "safe"  # certain and meaning-preserving: whitespace, a doubled period
    UNSAFE = "unsafe"  # changes content: deleting a line, replacing a name


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A half-open range of code points, ``text[start:end]``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        """True when the spans share a code point (or an empty span sits inside)."""
        if self.start == self.end:
            return other.start <= self.start < other.end
        if other.start == other.end:
            return self.start <= other.start < self.end
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    # Frozen dataclasses with slots unpickle field by field in Python; a
    # constructor call is several times faster, and results cross process
    # and cache boundaries by the thousand.
    def __reduce__(self) -> tuple[type[Span], tuple[int, int]]:
        return (Span, (self.start, self.end))


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of ``span`` with ``replacement`` (empty to delete)."""

    span: Span
    replacement: str

    def __reduce__(self) -> tuple[type[Edit], tuple[Span, str]]:
        return (Edit, (self.span, self.replacement))


@dataclass(frozen=True, slots=True)
class Fix:
    """A set of edits that together correct one diagnostic."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    message: str

    @classmethod
    def replace(cls, span: Span, replacement: str, message: str, *, safe: bool = True) -> Fix:
        applicability = Applicability.SAFE if safe else Applicability.UNSAFE
        return cls((Edit(span, replacement),), applicability, message)

    @property
    def is_safe(self) -> bool:
        return self.applicability is Applicability.SAFE

    def __reduce__(self) -> tuple[type[Fix], tuple[Any, ...]]:
        return (Fix, (self.edits, self.applicability, self.message))


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: which rule, what is wrong, where, and how to mend it."""

    code: str
    message: str
    span: Span
    severity: Severity
    fix: Fix | None = None
    name: str = field(default="", compare=False)

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[Any, ...]]:
        return (
            Diagnostic,
            (self.code, self.message, self.span, self.severity, self.fix, self.name),
        )
