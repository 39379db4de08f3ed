"""core.place-dateline: a dateline the rules do not take, a place in title case and a dash,
opening the body's first paragraph ('Jakarta – Mob violence rocked …', 'Vught - Camerabeelden …').

``wire.dateline`` takes a place in title case only before an agency in brackets ('Berlin (dpa)
–'): alone, a capitalised word and a dash open too many other lines — a list's entries ('John
Lewis – UK based. …', 'Philo – Best budget-priced TV streaming service'), a heading, a byline's
role ('Gabriel Gonzalez – Cyber Security') — for a rule that looks at the first 40 blocks. Once
the story model has found the story, its first paragraph is a narrower place: there a short
capitalised place, a spaced dash and a lede of running text are a dateline (AFP and regional
papers print 'Jakarta –', Dutch ones 'Vught -'). The dateline goes to its field and the lede
stays in the body; with a dateline the rules took, nothing happens.

Train part (the labelled dumps of ``training/data``, unwrapped renderings): the lines that
pass the test are 2 dumps' first story line (one page's 'London/Teheran - Iranische
Sicherheitskräfte …', a dateline), 39 story lines further down (a list's entries:
'Flexibility — Online classes often allow …') and 6 chrome lines, so only the body's first
paragraph is looked at. Validation (aggregators-dev, 39 cases): 2 datelines of this form, both
taken (first and dateline right on both; no other output of the 585 of
``benchmarks/compare_outputs.py`` changes but two syndication-dev copies' datelines, 'Toronto,
Canada –' and 'South San Francisco, CA --', both right).
"""

from __future__ import annotations

import regex

from ..blocks import Block, is_story_paragraph
from ..engine import Outcome
from ..engine.apply import Kept
from ..pattern_cache import compile_cached

PASS_ID = "core.place-dateline"
#: The pattern's cheap first test: the lede after the dash has at least this many words
#: (wire.next-dateline's twelve); :func:`place_dateline` then asks it to read as a story
#: paragraph (:func:`..blocks.is_story_paragraph`: 18 words and a sentence end, or 35).
LEDE_WORDS = 12
#: Capitalised words that open a line before a dash and are a label, not a place.
_LABELS = (
    "update|updated|breaking|exclusive|watch|listen|video|videos|photo|photos|gallery|live|"
    "opinion|analysis|editorial|comment|review|summary|note|correction|advertisement|"
    "sponsored|podcast|interview|explainer|factbox|timeline|key|read|more|related|news"
)
#: Words of a publication's name: 'Kaieteur News – Police investigators …' credits the paper
#: (a fixture's story, cleaned again as text), it names no place.
_PUBLICATION = frozenset(
    [
        "news",
        "times",
        "post",
        "herald",
        "tribune",
        "press",
        "journal",
        "daily",
        "online",
        "tv",
        "radio",
        "gazette",
        "mail",
        "telegraph",
        "today",
        "express",
        "star",
        "observer",
        "chronicle",
        "media",
        "network",
        "agency",
    ]
)
_PLACE_DATELINE = compile_cached(
    rf"""(?x)
    ^(?P<value>
      (?!(?i:{_LABELS})\b)
      \p{{Lu}}[\p{{Ll}}'’]+ (?:[-/ ]\p{{Lu}}[\p{{Ll}}'’]+){{0,2}}     # Jakarta, Den Haag, A/B
      (?: ,\s+ \p{{Lu}}[\p{{L}}.'’]+ (?:\s+\p{{Lu}}[\p{{L}}.'’]+)? )?   # , Texas / , New Mexico
      \s+ (?:—|–|--|-) \s*
    )
    (?=["“‘'\p{{Lu}}])
    (?=(?:\S+\s+){{{LEDE_WORDS}}}\S)                              # a lede of twelve words or more,
    (?=.{{0,120}}?\b\p{{Ll}}{{2,}}\s+\p{{Ll}}{{2,}}\s+\p{{Ll}}{{2,}}\b)  # in running text
    """
)


def place_dateline(text: str) -> str | None:
    """The dateline a paragraph opens with in the module's form, as printed, or ``None``.

    >>> place_dateline("Jakarta – Mob violence rocked two cities in the Indonesian provinces "
    ...                "of Central Java and West Kalimantan on Thursday, police said.")
    'Jakarta –'
    """
    found = _PLACE_DATELINE.match(text)
    if found is None or not is_story_paragraph(text[found.end() :]):
        return None
    value = found.group("value").strip()
    if any(word in _PUBLICATION for word in regex.findall(r"\p{L}+", value.casefold())):
        return None
    return value


def take_place_dateline(kept: list[Kept], outcome: Outcome) -> list[Kept]:
    """The ``kept`` blocks, the first one less a dateline in the module's form (put in the
    dateline field as :data:`PASS_ID`) when the rules took none."""
    if not kept or "dateline" in outcome.fields:
        return kept
    first = kept[0]
    text = first.block.text
    value = place_dateline(text)
    if value is None:
        return kept
    outcome.put_first("dateline", value, PASS_ID, first.index)
    rest = text[len(value) :].lstrip()
    return [Kept(Block(rest, first.block.kind), first.after_gap, first.index), *kept[1:]]
