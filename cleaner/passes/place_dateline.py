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

Three more forms, each where the rules take none (dateline36): a place and a **colon**, as Gulf,
Pakistani, Malaysian and Indian papers print AFP's and IANS's copy ('Magdeburg: German police
…' on gulfnews.com, 'MAGDEBURG:' on geo.tv and pakgazette.com, 'Kuala Lumpur:' on
republicworld.com), in title case or capitals; a colon opens a label as often ('Note:',
'Summary:', 'TLDR:', 'Abstract:', 'Important Notice:' open 5 story first lines of the train
dumps, and 'Pro Tip:', 'Cons:' hundreds further down), so the label lists refuse those words and
the place must be named again, with a capital, in the lede or the two paragraphs below it (no
label of the train dumps' first lines is). A place in **capitals with a date before the dash**,
a release's copy printed without its wire's name ('SILVER SPRING, Md., March 4, 2025 —',
phhit.com and qubemark.com; ``wire.dateline`` asks a year for the wire's name, as a year in
every dateline fires on a train dump and moves the story model's inputs: after the model, it
does not). A **date after the dash**, a company's release ('South San Francisco, CA -- March 3,
2025 --', drugs.com; the date was left glued to the lede). A place in capitals and a dash
alone stays ``wire.dateline``'s; a date with no place is ``core.date-opener``'s.
"""

from __future__ import annotations

import regex

from ..blocks import Block, is_story_paragraph
from ..engine import Outcome
from ..engine.apply import Kept
from ..lexicon import NAMED_LISTS
from ..pattern_cache import compile_cached

PASS_ID = "core.place-dateline"
#: The pattern's cheap first test: the lede after the dash has at least this many words
#: (wire.next-dateline's twelve); :func:`place_dateline` then asks it to read as a story
#: paragraph (:func:`..blocks.is_story_paragraph`: 18 words and a sentence end, or 35).
LEDE_WORDS = 12
#: What must follow an opener (a dateline, a date and a dash) for it to open a lede: a capital
#: or an opening quote, twelve words or more, three lower-case words in a row within 120
#: characters (running text). Shared by this module's pattern and ``core.date-opener``'s.
LEDE_AHEAD = rf"""
    (?=["“‘'\p{{Lu}}])
    (?=(?:\S+\s+){{{LEDE_WORDS}}}\S)                              # a lede of twelve words or more,
    (?=.{{0,120}}?\b\p{{Ll}}{{2,}}\s+\p{{Ll}}{{2,}}\s+\p{{Ll}}{{2,}}\b)  # in running text
"""
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
#: Words that open a line before a colon and are a label, not a place ('Summary:', 'TLDR:',
#: 'Note:', 'Abstract:', 'Important Notice:': the train dumps' story paragraphs that open so).
_COLON_LABELS = (
    "tldr|fyi|abstract|important|notice|disclaimer|disclosure|warning|spoilers?|tips?|pro|"
    "proof|ps|editor|editors|pros|cons|source|sources|credit|caption|quote|question|answer|"
    "q|a|transcript|background|context|bottom|why|what|how|who|when|where|here|this|the|"
    "breaking|latest|developing|first|just|must|top|highlights?|recap|bonus|reminder"
)
_PLACE_DATELINE = compile_cached(
    rf"""(?x)
    ^(?P<value>
      (?!(?i:{_LABELS}|\L<weekdays>|\L<months>)\b)
      # Jakarta, Den Haag, A/B; or in capitals: MAGDEBURG, SILVER SPRING
      (?: (?P<title> \p{{Lu}}[\p{{Ll}}'’]+ (?:[-/ ]\p{{Lu}}[\p{{Ll}}'’]+){{0,2}} )
        | (?P<caps> \p{{Lu}}[\p{{Lu}}'’-]+ (?:[ /-]\p{{Lu}}[\p{{Lu}}'’-]+){{0,2}} ) )
      (?: ,\s+ \p{{Lu}}[\p{{L}}.'’]+ (?:\s+\p{{Lu}}[\p{{L}}.'’]+)? )?   # , Texas / , Md.
      (?P<date> ,\s+ (?i:\L<months>)[a-z]*\.?\s+\d{{1,2}} (?:,\s+\d{{4}})? )?   # , March 4, 2025
      (?: \s+ (?:—|–|--|-)                                        # a dash,
          # maybe a date and a dash after it: 'South San Francisco, CA -- March 3, 2025 --'
          (?P<dated> \s* (?i:\L<months>)[a-z]*\.?\s+\d{{1,2}},\s+\d{{4}} \s+ (?:—|–|--|-) )?
          \s*
        | \s*(?P<colon>:)\s+ )                                      # or a colon: 'Magdeburg: …'
    )
    """
    + LEDE_AHEAD,
    months=NAMED_LISTS["months"],
    weekdays=NAMED_LISTS["weekdays"],
)
#: A colon opens a label as often as a place ('Pro Tip:', 'Key points:', 'Remember:'): the place
#: before one must be named again, capitalised, in the lede or the two paragraphs below it.
NAMED_WITHIN = 2
#: Not in the lede's first three words: a glossary's entry names its term again there.
OPENING_WORDS = 3
#: A paragraph below opening with a few capitalised words and a colon: the first is an entry
#: of a list ('Pizza: …', 'Sandwiches: …'), not a dateline, which opens one paragraph.
_LIST_ENTRY = compile_cached(r"\p{Lu}[\p{L}\p{N}'’&/ -]{0,40}:\s")


def place_dateline(text: str, below: tuple[str, ...] = ()) -> str | None:
    """The dateline a paragraph opens with in the module's form, as printed, or ``None``;
    ``below`` holds the paragraphs that follow it (a place before a colon is named again).

    >>> place_dateline("Jakarta – Mob violence rocked two cities in the Indonesian provinces "
    ...                "of Central Java and West Kalimantan on Thursday, police said.")
    'Jakarta –'
    >>> place_dateline("MAGDEBURG: German police arrested a man after a car drove into a "
    ...                "crowd at a Christmas market on Friday.", ("The city of Magdeburg …",))
    'MAGDEBURG:'
    """
    found = _PLACE_DATELINE.match(text)
    if found is None or not is_story_paragraph(text[found.end() :]):
        return None
    value = found.group("value").strip()
    if any(word in _PUBLICATION for word in regex.findall(r"\p{L}+", value.casefold())):
        return None
    place = found.group("title") or found.group("caps")
    if found.group("colon"):
        lede = text[found.end() :]
        if (
            regex.match(rf"(?i:{_COLON_LABELS})\b", place)
            or any(_LIST_ENTRY.match(text) for text in below[:NAMED_WITHIN])
            or not _named_again(place, (_past_opening(lede), *below[:NAMED_WITHIN]))
        ):
            return None
    elif found.group("caps") and not (found.group("date") or found.group("dated")):
        return None  # a place in capitals and a dash alone is wire.dateline's form
    return value


def _past_opening(lede: str) -> str:
    """The lede less its first :data:`OPENING_WORDS` words: an entry of a list or glossary
    names its term again there ('Sunbelt: Sunbelt offers listings …'), a lede seldom its place."""
    return regex.sub(rf"^(?:\S+\s+){{0,{OPENING_WORDS}}}", "", lede)


def _named_again(place: str, texts: tuple[str, ...]) -> bool:
    """Whether one of ``texts`` names ``place`` again with a capital ('Magdeburg' for
    'MAGDEBURG')."""
    words = regex.findall(r"\p{L}[\p{L}'’]*", place)
    named = regex.compile(
        r"(?<![\p{L}\p{N}])" + r"[\s/-]+".join(map(regex.escape, words)) + r"(?![\p{L}\p{N}])",
        regex.IGNORECASE,
    )
    return any(m.group()[:1].isupper() for text in texts for m in named.finditer(text))


def take_place_dateline(kept: list[Kept], outcome: Outcome) -> list[Kept]:
    """The ``kept`` blocks, the first one less a dateline in the module's form (put in the
    dateline field as :data:`PASS_ID`) when the rules took none."""
    if not kept or "dateline" in outcome.fields:
        return kept
    first = kept[0]
    text = first.block.text
    value = place_dateline(text, tuple(item.block.text for item in kept[1 : 1 + NAMED_WITHIN]))
    if value is None:
        return kept
    outcome.put_first("dateline", value, PASS_ID, first.index)
    rest = text[len(value) :].lstrip()
    return [Kept(Block(rest, first.block.kind), first.after_gap, first.index), *kept[1:]]
