"""core.header-date on a text dump: the story's date printed in its header, for the date field.

The rules take a printed date line near the top of a dump (``generic.printed-date``,
``generic.timestamp-line``: the first 15 blocks) and the story model routes a block it labels
``date``. A rendered page's header often stands further down (menus above it), and the model
takes its date line for chrome or the header's furniture (``model.chrome``, ``model.header``,
``core.date-line``): the date field stays empty though the page prints the date under its
headline. When no date was found, the first short block between the headline and the body's
first block that holds a date (:func:`cleaner.fields.parse_date`) gives the date field its
text (the block stays out of the body, under the id that took it). Not a block routed to the
captions, credits or copyright (:data:`OTHER_FIELDS`), nor one above the headline (a site's
'today' over its menus), nor anything when no headline is found above the body.

Rendered dumps with a gold date (``training.rendered_eval``'s three renderings; the date field
against the gold's day): train part 654 -> 723 right of 1,115, wrong 96 -> 107 (the wrong ones
'Last Updated' lines where the gold is the first publication, 5 pages); validation part 510 ->
578 right of 996 (51.2% -> 58.0%), wrong 81 -> 94; body, first and title unchanged, the 39
aggregators-dev validation cases unchanged. On the 14 trafilatura-dev renderings whose date it
fills, the date is the one the HTML path reads from the page's metadata.
"""

from __future__ import annotations

from ..blocks import Block, word_count
from ..engine import Outcome
from ..engine.apply import Kept
from ..fields import parse_date
from .headline import strip_heading_mark

PASS_ID = "core.header-date"
#: A block routed to one of these fields is not the story's date line: a photo's caption or
#: credit prints the day the photo was taken ('… in Singapore March 22, 2017. REUTERS/Edgar
#: Su'), a copyright line a year.
OTHER_FIELDS = ("captions", "credits", "copyright")
#: A date line holds at most this many words ('Published: 15:56 BST, 27 April 2024 | Updated:
#: 15:57 BST, 27 April 2024' is 14; figures above at 16).
MAX_WORDS = 16
#: And at most this many characters (generic.printed-date's bound).
MAX_CHARS = 160


def header_date(
    kept: list[Kept], blocks: tuple[Block, ...], title: str | None, outcome: Outcome
) -> None:
    """Put the first date printed between the headline and the body's first block into the
    date field, when it has none (``blocks``: the page's; ``title``: the headline)."""
    if outcome.fields.get("date") or not kept or not title:
        return
    first = kept[0].index
    headline = next(
        (
            i
            for i in range(first - 1, -1, -1)
            if blocks[i].text.endswith(title) and strip_heading_mark(blocks[i].text) == title
        ),
        None,
    )
    if headline is None:
        return
    elsewhere = {i for name in OTHER_FIELDS for i in outcome.positions.get(name, ())}
    for index in range(headline + 1, first):
        text = blocks[index].text
        if index in elsewhere or len(text) > MAX_CHARS or word_count(text) > MAX_WORDS:
            continue
        if parse_date(text):
            outcome.put("date", text, PASS_ID, index)
            return
