"""core.credit-form: a contributor or attribution line the story model took away goes to the
credits.

Two forms, each a convention of many publishers and no story sentence's:

* a contributor line opened by who reported, edited or compiled the story ('(Reported by
  Shinichi Saoshiro; Editing by Yoko Nishikawa)', '– additional reporting by Donald Matthys',
  'Edited by Betsy Beyer'): the forms ``wire.contributor-line`` does not take whole (its
  'Reporting by' opens the line; a parenthesis, 'Reported by' or a dash before it do not);
* a line that names where the story was first published ('This article was first published in
  Universe Today', 'This post first appeared on …', 'Originally published on …'), a mirror's
  credit to the story's first publisher (the aggregators-dev labels' convention: credits).

With the story model, a text dump's block of at most :data:`MOST_WORDS` words in one of these
forms that the model takes away as chrome, a teaser or a standfirst goes to the credits instead
(:func:`cleaner.passes.story.decide`): the body is the same either way, the line is only moved
to its field. A block the model keeps is not looked at.

Train part (``training/data``, unwrapped renderings and the aggregator dumps; 60 words or
fewer): 19 lines in the forms on 8 sites, 6 labelled contributor lines (4 sites), 4 a byline
('Edited by …', 1 site), 6 chrome (2 sites: a blog's 'This post first appeared on …', a
journal's editing history 'Edited by …; submitted …'), 3 story (1 site: 'The article was
originally published in April 2020 and was updated …', a date, not a publisher: the form wants
a name after the preposition, not a month or a number). Of the blocks the training.tune fold
models (trained on the other sites) take away as chrome on the train part's inscriptis
renderings and aggregator dumps, 1 is in the forms: the aggregator train case's Reuters line
above, a labelled credit. Held out on the 27 aggregator train cases (fold models): route 11/19
-> 12/19 (0.579 -> 0.632, that one case), nothing else moved. Validation (main 100871a):
aggregators-dev route 0.704 -> 0.741 (19 -> 20 of 27: one case's 'This article was originally
published on …', removed as chrome before), overall 0.871 -> 0.877, leak, retention, first,
title unchanged; rendered wcxb-dev and fundus-dev validation pages unchanged (F1 0.913);
compare_outputs.py: 1 of 585 outputs changes (that case); syndication retention 73/74 and
272/272.
"""

from __future__ import annotations

from ..blocks import word_count
from ..pattern_cache import compile_cached

PASS_ID = "core.credit-form"
#: A credit line in one of the forms is at most this many words long (the train part's are
#: 4-12; the contributor rule's lines run to 500 characters).
MOST_WORDS = 60

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_FORM = compile_cached(
    r"""(?x)^\W{0,3}(?:
        (?i:(?:additional\s+)?(?:reported|reporting|editing|edited|compiled|compiling)\s+by)
        \s+\p{Lu}
      | (?i:(?:this|the)\s+(?:article|story|post|piece)\s+(?:was\s+)?
            (?:first|originally)\s+(?:published|appeared|ran)
          | (?:originally|first)\s+(?:published|appeared))
        \s+(?i:in|on|at|by)\s+(?!(?:"""
    + _MONTHS
    + r""")\b)\p{Lu}
    )"""
)


def credit_form(text: str) -> bool:
    """Whether a block is a contributor or attribution line by its form.

    >>> credit_form("(Reported by Shinichi Saoshiro; Editing by Yoko Nishikawa)")
    True
    >>> credit_form("This article was first published in Universe Today")
    True
    >>> credit_form("The article was originally published in April 2020 and was updated.")
    False
    >>> credit_form("Reporters by the river said the water rose overnight.")
    False
    """
    return word_count(text) <= MOST_WORDS and _FORM.match(text) is not None
