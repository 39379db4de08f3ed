"""cleaner: the story alone from a news page, with byline, dateline, date, credits, captions
and copyright as fields.

>>> from cleaner import clean
>>> clean("Headline here\\n\\nBy JANE DOE\\n\\nThe story starts here.").authors
('Jane Doe',)
"""

from .pattern_cache import compiled_once

with compiled_once():  # the imports' classes and stdlib patterns, compiled once (pattern_cache)
    from .api import Cleaner, clean
    from .article import Article, Dateline, Removal
    from .errors import CleanerError, FixtureError, InputError, RuleFileError, UnknownRuleError

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Cleaner",
    "CleanerError",
    "Dateline",
    "FixtureError",
    "InputError",
    "Removal",
    "RuleFileError",
    "UnknownRuleError",
    "__version__",
    "clean",
]
