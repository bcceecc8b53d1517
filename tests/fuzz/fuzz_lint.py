"""Coverage-guided fuzzing of ``lintnews.lint_text`` and the fixer with atheris.

Not part of the test suite (atheris is not a test dependency). Run it from
the repository root, with the seeds as the starting corpus::

    pip install atheris
    mkdir -p /tmp/lintnews-fuzz && cp seeds/*.txt /tmp/lintnews-fuzz/
    python tests/fuzz/fuzz_lint.py -max_total_time=600 -artifact_prefix=/tmp/ /tmp/lintnews-fuzz

Each input is read as text in the way ``lintnews check`` reads a file
(UTF-8, BOM or UTF-16 honoured, undecodable bytes replaced; a file with
NUL bytes is skipped, as the command does), then linted as
plain text and as Markdown with every rule selected, and fixed with unsafe
fixes on. It fails on any exception, on a span outside the text or not
ending on a code point boundary, on a row and column that do not map back
to their offset, and on a fix edit outside the text.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import lintnews
    from lintnews import engine, fixer, markdown  # noqa: F401 - instrumented for coverage
    from lintnews.document import LineIndex
    from lintnews.loader import BinaryFileError, decode
    from lintnews.registry import Registry

    Registry.load(())  # imports (and so instruments) every rule module


def check_one(text: str, kind: str) -> None:
    index = LineIndex(text)
    for diagnostic in lintnews.lint_text(text, select=["ALL"], kind=kind):
        span = diagnostic.span
        assert 0 <= span.start <= span.end <= len(text), diagnostic
        for offset in (span.start, span.end):
            assert index.offset(index.location(offset)) == offset, (diagnostic, offset)
        for edit in diagnostic.fix.edits if diagnostic.fix else ():
            assert 0 <= edit.span.start <= edit.span.end <= len(text), diagnostic
    fixed = lintnews.fix_text(text, select=["ALL"], unsafe=True, kind=kind)
    assert isinstance(fixed.text, str)


def test_one_input(data: bytes) -> None:
    try:
        text = decode(data).text
    except BinaryFileError:  # NUL bytes: the CLI skips such a file with a note
        return
    check_one(text, "text")
    check_one(text, "markdown")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
