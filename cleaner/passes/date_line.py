"""core.date-line on a text dump: a block that is only a date or time stamp, anywhere.

The rules take a date line near the top of a dump (``generic.printed-date`` and
``generic.timestamp-line``, the first 15 blocks; the story's own date goes to the date field),
and a relative age anywhere (``generic.relative-age``). Below that, a feed or tag page prints a
date line under each other story's headline and teaser, a blog's archive list a date under each
post, a live page a time over each entry: the story model keeps some of them as story (a short
line between kept blocks). After the model, a kept block that is only a printed date or a time
(:data:`_DATE_LINE`: maybe labelled, 'Updated: 12/19/2025 14:03', maybe with a weekday, a time
zone, and a source's or a writer's name after a separator, '12/19/2025 • Mises Wire • Ann Lee')
leaves the body, recorded as ``core.date-line`` in ``removed``. A date in a sentence, a dated
heading ('Market Update, July 10, 2025'), a table's row of figures ('2/1/2013 | +13.1%': the
name after a separator opens with a letter) and a wrapped fragment ending a sentence
('April 15, 2025.') are not the form.

Train part (``training.cut_replay``, the two held-out fold models of the shipped setting, 859
dumps): 11 dumps on 10 sites cut clean (69 chrome words: a news site's times under its other
stories, an archive's dates, a shop's blog dates, a think tank's dated teasers), none losing a
story word; the aggregator train cases unchanged. Validation (shipped model): aggregators-dev
(39) unchanged (leak 0.127: its leaked strings are no such blocks); rendered F1 0.9116 ->
0.9117 (P 0.9215 -> 0.9216, R 0.9309 =), trafilatura-dev ``without`` left 4.82% -> 4.65%.
"""

from __future__ import annotations

from functools import cache

import regex

from ..engine import Outcome
from ..engine.apply import Kept
from ..lexicon import NAMED_LISTS
from ..pattern_cache import compile_cached

PASS_ID = "core.date-line"
#: A block longer than this is no date line (generic.printed-date's bound).
MAX_CHARS = 160

_DATE = r"""(?:
   \L<months>\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}
 | \d{1,2}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?\L<months>\.?,?\s+(?:de\s+)?\d{4}
 | \d{4}-\d{2}-\d{2} | \d{1,2}/\d{1,2}/\d{2,4} | \d{1,2}\.\d{1,2}\.\d{4}
)"""
_TIME = r"""(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|uhr)?
 | \d{1,2}[.h]\d{2}\s*(?:[ap]\.?m\.?|uhr))"""
_ZONE = r"(?-i:[A-Z]{2,5})\b"
#: A line that is only a date (with a year) or a time, as :mod:`regex` reads it with the
#: lexicon's word lists: a label ('Updated', 'Published on'), a weekday, the date or the time,
#: then more of the stamp (a time, a date, a time zone, a weekday), brackets, and after a
#: separator or 'by' a name.
_DATE_LINE = rf"""(?x)
    (?:\L<date_labels>(?:\s+(?:on|am|le|el))?\s*[:,]?\s*)?
    [\[(]?(?:\L<weekdays>\.?,?\s+)?
    (?:{_DATE}|{_TIME})
    (?:[\s,·|-]*(?:at\s+|um\s+|à\s+)?(?:{_DATE}|{_TIME}|\(?{_ZONE}\)?|\L<weekdays>\b\.?))*
    [\])]?
    (?:\s*(?:[|/•·]|by\b)\s*\p{{L}}.{{0,80}})?"""


@cache
def _date_line() -> regex.Pattern[str]:
    """:data:`_DATE_LINE` compiled (through the pattern cache), the first time a block gets so
    far (no process pays for it that never meets a line opening as a date line and holding a
    stamp)."""
    return compile_cached(
        _DATE_LINE,
        regex.IGNORECASE | regex.VERSION0,
        months=NAMED_LISTS["months"],
        weekdays=NAMED_LISTS["weekdays"],
        date_labels=NAMED_LISTS["date_labels"],
    )


#: What every date line holds and few other short blocks do: a year (four digits), a time or a
#: numeric date ('3:04', '14h30', '10.07', '12/19', '2023-11').
_STAMP = compile_cached(r"\d(?:\d\d\d|:\d\d|[./h-]\d)")
#: The words a date line can open with (lower case, without a closing '.', ',' or ':'): a
#: month's or a weekday's name, a date label's first word. A line opening with a digit, '[' or
#: '(' may be one too.
_OPENERS = frozenset((*NAMED_LISTS["months"], *NAMED_LISTS["weekdays"])) | frozenset(
    label.split()[0] for label in NAMED_LISTS["date_labels"]
)


def is_date_line(text: str) -> bool:
    """Whether ``text`` is only a date or time stamp (:data:`_DATE_LINE`). Tried only where it
    opens as one may (:data:`_OPENERS`) and holds a stamp (:data:`_STAMP`): a call of
    :data:`_DATE_LINE` (its word lists under ignored case) costs some 40,000 instructions on a
    short line that holds a digit, one of :data:`_STAMP` some 6,000, the opening's test a few
    hundred (``count_instructions.py``: 0.10 million instructions a seed document with a digit
    alone as the gate, 0.08 with :data:`_STAMP` alone)."""
    text = text.strip()
    if not text or len(text) > MAX_CHARS:
        return False
    if not (text[0].isdigit() or text[0] in "[(") and (
        text.split(None, 1)[0].rstrip(".,:").lower() not in _OPENERS
    ):
        return False
    return _STAMP.search(text) is not None and _date_line().fullmatch(text) is not None


def drop_date_lines(kept: list[Kept], outcome: Outcome) -> list[Kept]:
    """The ``kept`` blocks less the date lines (removed as :data:`PASS_ID`)."""
    out = []
    for item in kept:
        text = item.block.text
        if len(text) <= MAX_CHARS and is_date_line(text):
            outcome.remove(PASS_ID, text)
        else:
            out.append(item)
    return out
