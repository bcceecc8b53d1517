"""``json-lines``: one JSON object a line, the objects of the ``json`` format."""

from __future__ import annotations

from typing import TextIO

from lintnews.jsontext import compact
from lintnews.output import Report
from lintnews.output.json import records


def render(report: Report, stream: TextIO) -> None:
    for item in records(report):
        stream.write(compact(item))
        stream.write("\n")
