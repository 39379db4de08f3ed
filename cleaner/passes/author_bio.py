"""core.author-bio on a text dump: the bio of a writer after the story's first paragraph.

A page prints its author's bio under the story ('Ann Lee is a freelance writer living in …',
'Joe is the co-founder of …'); with the story model such a paragraph reads as a story
paragraph and stays. Two forms leave the body (recorded as ``core.author-bio``), in any kept
block after the story's first paragraph:

- the byline's names (the rules' or the model's byline field): a block opening with one of
  them, or its given name, and a bio's verb ('is', 'was', 'writes', 'covers' …; the HTML
  path's form, :func:`cleaner.fields.bio_pattern`);
- below the story's last other paragraph: a person's name (two to four capitalised words, or
  one the given names' list knows), 'is a' or 'was the' and a writer's role within six
  words ('Sarah Schwartz is a reporter for Education Week …', 'About the author: Craig Hull
  is a freelance photographer …'), :data:`_ROLE_BIO`; above that it is a journalist the
  story is about.

Train part (the two ``training.tune`` fold models, each cleaning the sites it had not seen;
587 rendered dumps of 120 pages a corpus, 27 aggregator cases): 23 dumps of 8 pages change,
every block taken a bio the gold leaves out; body precision 0.9161 -> 0.9171, recall 0.9661
both, F1 0.9329 -> 0.9334, boilerplate left 5.11% -> 4.89%; aggregator cases unchanged. The
train part's labelled lines (every rendering) that the form without a byline matches: chrome
after the story on 15 sites, inside it on 1, above it on 2 (the pass leaves those), a byline
on 1; story on one page, readability-dev's, whose expected output keeps its writer's bio.
(The given names' list was built from the HTML corpora's tuning authors: a one-word name
matches more often on the train part than it will elsewhere.) Validation (the shipped model,
1,143 rendered dumps): precision 0.9119 -> 0.9130, recall 0.9315 -> 0.9314, F1 0.9067 ->
0.9072, boilerplate left 4.85% -> 4.76%; 16 pages change, 15 better, one worse: the one page
whose gold keeps its writer's bio (a contributor's, printed after the story); aggregators-dev
validation unchanged (leak 40 of 229 strings); ``compare_outputs.py``: none of 585 inputs
changes.
"""

from __future__ import annotations

from ..blocks import ends_sentence, is_story_paragraph, word_count
from ..engine import Outcome
from ..engine.apply import Kept
from ..fields import authors_from_byline, bio_pattern, is_known_given_name
from ..pattern_cache import compile_cached

PASS_ID = "core.author-bio"
#: What follows a byline's name in a bio on a text dump: fewer verbs than the HTML path's (a
#: text dump's byline field is less often a person's name: 'Klatch Coffee has a 30 year
#: history …', a customer's quote, went with 'has' on the validation part).
_NAMED_VERB = r",?\s+(?:is|was|writes|covers|specializes|joined|serves)\b"
#: A writer's bio: its subject (a name: checked by :func:`_person`), 'is a', 'was the' … and a
#: writer's role within six words.
_ROLE_BIO = compile_cached(
    r"(?:About the author:?\s+)?(?P<name>\p{Lu}[\w'’.-]+(?: \p{Lu}[\w'’.-]+){0,3}),? "
    r"(?:is|was|has been|serves as) (?:an? |the )(?:[\w’'-]+,? ){0,5}"
    r"(?:reporter|writer|editor|correspondent|journalist|columnist|author|contributor|"
    r"producer|blogger|freelancer|photographer|critic)s?\b"
)
#: The words of a short sentence that still shows story below a bio-shaped paragraph.
_SENTENCE_WORDS = 4
#: Words that open a capitalised phrase that is no person's name.
_NOT_NAME = frozenset({"The", "This", "That", "Our", "Your", "His", "Her", "Their", "It", "Who"})


def _person(name: str) -> bool:
    """Whether the capitalised words before the verb read as a person's name."""
    words = name.split()
    if words[0] in _NOT_NAME:
        return False
    return len(words) >= 2 or is_known_given_name(words[0])


#: The first word of :data:`_ROLE_BIO`'s verbs: the pattern matches only a text that holds one
#: of them among its first eight words (three of 'About the author:', four of the name).
_BIO_VERBS = frozenset({"is", "was", "has", "serves"})


def _role_bio(text: str) -> bool:
    """Whether ``text`` opens as a writer's bio: a person's name, 'is a' … and a writer's role."""
    if _BIO_VERBS.isdisjoint(text.split(None, 8)[:8]):
        return False  # (the pattern's backtracking over a name's words: some 10,000
        # instructions a paragraph, asked of every kept block below the story's first)
    found = _ROLE_BIO.match(text)
    return found is not None and _person(found["name"])


def _running_text(text: str) -> bool:
    """A sentence of the story's (a short closing one included: 'He denies the charges.')."""
    return is_story_paragraph(text) or (word_count(text) >= _SENTENCE_WORDS and ends_sentence(text))


def drop_author_bio(kept: list[Kept], outcome: Outcome) -> list[Kept]:
    """The ``kept`` blocks less the bios after the story's first paragraph (removed as
    :data:`PASS_ID`)."""
    names: list[str] = []
    for value, _ in outcome.fields.get("byline", ()):
        names.extend(authors_from_byline(value))
    named = bio_pattern(names, _NAMED_VERB)
    first = next((p for p, k in enumerate(kept) if is_story_paragraph(k.block.text)), None)
    if first is None:
        return kept
    # A writer's bio with story after it is the story's own ('Evan Gershkovich is a reporter
    # for The Wall Street Journal who was arrested …': news is often about a journalist), so
    # the form without the byline's name leaves only below the story's last other paragraph
    # (validation, 1,143 rendered dumps: recall 0.9314 -> 0.9315, precision 0.9130 and F1
    # 0.9072 as before; a story sentence of 4 words or more counts as story after it). The
    # blocks are read from the last up to that paragraph (the story's first at the highest):
    # a writer's bio above it stays, so none is looked for there.
    roles: set[int] = set()
    for position in range(len(kept) - 1, first, -1):
        text = kept[position].block.text
        if _role_bio(text):
            roles.add(position)
        elif _running_text(text):
            break
    if not roles and (
        named is None or not named.opens_any([item.block.text for item in kept[first + 1 :]])
    ):
        return kept[:]  # (no block below the first paragraph opens with a name's form: the
        # loop below asked each, some 700 instructions a block)
    out = kept[: first + 1]
    for position in range(first + 1, len(kept)):
        text = kept[position].block.text
        if (named is not None and named.match(text)) or position in roles:
            outcome.remove(PASS_ID, text)
        else:
            out.append(kept[position])
    return out
