"""Built-in rules, one module a family.

The registry imports the modules listed here and collects every
:class:`lintnews.rule.Rule` subclass they define with a code.
"""

FAMILY_MODULES: dict[str, str] = {
    "EN": "lintnews.rules.encoding",
    "LN": "lintnews.rules.runtime",
    "PN": "lintnews.rules.punctuation",
}
