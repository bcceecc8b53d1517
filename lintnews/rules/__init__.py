"""Built-in rules, one module a family (``punctuation`` holds the PN rules).

The registry imports every module of this package and collects the
:class:`lintnews.rule.Rule` subclasses each defines with a code, so a new
family needs no registration beyond its module.
"""

from __future__ import annotations

import pkgutil


def family_modules() -> list[str]:
    """The importable names of the family modules, in a stable order."""
    return sorted(
        f"{__name__}.{info.name}"
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    )
