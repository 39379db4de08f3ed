"""core.date-opener: a date and a dash opening the body's first paragraph, with no place
('THURSDAY, March 6, 2025 -- The U.S. Food and Drug Administration has approved …').

HealthDay's copy opens its lede so ('MONDAY, Jan. 6, 2025 (HealthDay News) --'), and the sites
that reprint it keep the date (drugs.com's news pages, syndication-dev 021/m6); a company's
release the same way after its place ('South San Francisco, CA -- March 3, 2025 --' is
``core.place-dateline``'s). No place is printed, so it is no dateline; the date is the story's
and not its text: it goes to the date field (after any date found before it) and the lede stays
in the body. A date, a dash and a time or a reading time ('June 30, 2026 - 4.34pm',
'February 4, 2025 - 11 minutes': 13 lines of the train dumps, all chrome) have no lede of
running text after them; no line of the train dumps opens with the form and a lede.
"""

from __future__ import annotations

from ..blocks import Block, is_story_paragraph
from ..engine import Outcome
from ..engine.apply import Kept
from ..lexicon import NAMED_LISTS
from ..pattern_cache import compile_cached
from .place_dateline import LEDE_AHEAD

PASS_ID = "core.date-opener"
_DATE_OPENER = compile_cached(
    r"""(?x)
    ^(?P<value>
      (?: (?i:\L<weekdays>)\.?,?\s+ )?                               # THURSDAY,
      (?i:\L<months>)[a-z]*\.?\s+\d{1,2},\s+\d{4}                   # March 6, 2025
      (?: \s+ \( \p{Lu}[\p{L} ]{1,30} \) )?                        # (HealthDay News)
      \s+ (?:—|–|--|-) \s*
    )
    """
    + LEDE_AHEAD,
    months=NAMED_LISTS["months"],
    weekdays=NAMED_LISTS["weekdays"],
)


def date_opener(text: str) -> str | None:
    """The date and dash a paragraph opens with, as printed, or ``None``.

    >>> date_opener("THURSDAY, March 6, 2025 -- The U.S. Food and Drug Administration has "
    ...             "approved a clot-dissolving drug for the treatment of stroke in adults.")
    'THURSDAY, March 6, 2025 --'
    >>> date_opener("June 30, 2026 - 4.34pm") is None
    True
    """
    found = _DATE_OPENER.match(text)
    if found is None or not is_story_paragraph(text[found.end() :]):
        return None
    return found.group("value").strip()


def take_date_opener(kept: list[Kept], outcome: Outcome) -> list[Kept]:
    """The ``kept`` blocks, the first one less a date opener (put in the date field as
    :data:`PASS_ID`, after the dates found before it)."""
    if not kept:
        return kept
    first = kept[0]
    value = date_opener(first.block.text)
    if value is None:
        return kept
    outcome.put("date", value, PASS_ID, first.index)
    outcome.remove(PASS_ID, value)
    rest = first.block.text[len(value) :].lstrip()
    return [Kept(Block(rest, first.block.kind), first.after_gap, first.index), *kept[1:]]
