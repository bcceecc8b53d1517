"""``json-lines``: one JSON object a line, the objects of the ``json`` format."""

from __future__ import annotations

import json
from typing import TextIO

from lintnews.output import Report
from lintnews.output.json import records


def render(report: Report, stream: TextIO) -> None:
    for item in records(report):
        stream.write(json.dumps(item, ensure_ascii=False))
        stream.write("\n")
