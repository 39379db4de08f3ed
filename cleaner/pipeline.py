"""The passes that run after the rules, in their order, for each kind of input.

The rules judge one block at a time; the passes of :mod:`cleaner.structure` and the story
model (:mod:`cleaner.passes.story`) judge the page. Which of them run depends on the input,
and is decided here, once, when the page is read (:func:`steps_for`): an HTML page's story was
located by trafilatura, so only the repeated headline and paragraphs go (its captions were
marked by the reader); a text dump's story is located by the story
model or, without it, by the hand-set passes. :func:`run` runs the chosen steps; assemble then
builds the Article from what they leave, without asking where the page came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import structure
from .blocks import Page
from .engine import Outcome
from .engine.apply import Kept
from .passes.author_bio import PASS_ID as AUTHOR_BIO
from .passes.author_bio import drop_author_bio
from .passes.comment_section import PASS_ID as COMMENT_SECTION
from .passes.comment_section import drop_comment_section
from .passes.date_line import PASS_ID as DATE_LINE
from .passes.date_line import drop_date_lines
from .passes.date_opener import PASS_ID as DATE_OPENER
from .passes.date_opener import take_date_opener
from .passes.dateline_lede import PASS_ID as ABOVE_DATELINE
from .passes.dateline_lede import drop_above_dateline
from .passes.dek_byline import PASS_ID as DEK_OVER_BYLINE
from .passes.dek_byline import drop_dek_over_byline
from .passes.dek_header import HEADER_LABELS, drop_dek_over_header
from .passes.dek_header import PASS_ID as DEK_OVER_HEADER
from .passes.doubted_opener import PASS_ID as DOUBTED_OPENER
from .passes.doubted_opener import drop_doubted_opener
from .passes.header_date import PASS_ID as HEADER_DATE
from .passes.header_date import header_date
from .passes.headline import KEEP
from .passes.list_lead import PASS_ID as LIST_UNDER_LEAD
from .passes.list_lead import keep_list_runs
from .passes.next_story import PASS_ID as NEXT_STORY
from .passes.next_story import drop_next_story
from .passes.place_dateline import PASS_ID as PLACE_DATELINE
from .passes.place_dateline import take_place_dateline
from .passes.repeats import repeat_facts
from .passes.story import StoryModel, decide, one_clean_story
from .passes.story_resumes import PASS_ID as STORY_RESUMES
from .passes.story_resumes import keep_resumed
from .passes.stray_below import PASS_ID as STRAY_BELOW
from .passes.stray_below import drop_stray_below
from .passes.unended_opener import PASS_ID as UNENDED_OPENER
from .passes.unended_opener import drop_unended_opener


@dataclass(slots=True)
class Work:
    """What the passes work on: the blocks the rules kept, the headline, and what they share."""

    page: Page
    outcome: Outcome
    kept: list[Kept]
    title: str | None
    #: Registered passes left out (``--disable``); see :mod:`cleaner.passes.registry`.
    off: frozenset[str] = frozenset()
    story: StoryModel | None = None
    #: The story model labelled this page (its probabilities may be asked of ``story``).
    labelled: bool = False


Step = Callable[[Work], None]


def learned_story(work: Work) -> None:
    """The story model labels a text dump's blocks: the story's start and end, the headline."""
    assert work.story is not None
    if "model.clean-story" not in work.off and one_clean_story(work.page.blocks, work.kept):
        return  # a clean story, nothing around it: every block stays
    fallback = None
    if not work.title:  # the hand-set guess, for when the model names no headline
        headline, _ = structure.find_headline(work.kept, work.outcome)
        fallback = work.kept[headline].block.text if headline is not None else None
    work.kept, work.title = decide(
        work.story,
        work.page.blocks,
        work.kept,
        work.outcome,
        title=work.title,
        fallback=fallback,
        off=work.off,
    )
    work.labelled = True


def list_under_lead(work: Work) -> None:
    """core.list-under-lead: with the story model, the list items the model took out under a
    kept line ending with a colon, above a kept block (:mod:`cleaner.passes.list_lead`)."""
    if LIST_UNDER_LEAD not in work.off and work.labelled:
        work.kept = keep_list_runs(work.kept, work.outcome.kept, work.title, work.outcome)


def story_resumes(work: Work) -> None:
    """core.story-resumes: with the story model, the story paragraphs below a box inside the
    story that a drop-rest heading cut (:mod:`cleaner.passes.story_resumes`)."""
    if STORY_RESUMES not in work.off and work.labelled:
        work.kept = keep_resumed(work.kept, work.page.blocks, work.outcome)


def hand_set_headline(work: Work) -> None:
    """Without the model: a text dump's headline, and the menus above it (core.above-headline)."""
    if work.title:
        return
    headline, anchored = structure.find_headline(work.kept, work.outcome)
    if headline is None:
        return
    title_block = work.kept[headline]
    work.title = title_block.block.text
    if "core.above-headline" not in work.off:
        work.kept = structure.drop_above(work.kept, headline, work.outcome, anchored=anchored)
    work.kept = [k for k in work.kept if k is not title_block]


def repeated_title(work: Work) -> None:
    """core.repeated-title: the headline wherever the page repeats it as a block of its own."""
    if work.title and "core.repeated-title" not in work.off:
        work.kept = structure.drop_title_repeats(work.kept, work.title, work.outcome)


def title_run_in(work: Work) -> None:
    """core.repeated-title, HTML only: the body's first block when it is the headline run in
    with a kicker or a label (:func:`cleaner.structure.drop_title_run_in`)."""
    if work.title and "core.repeated-title" not in work.off:
        work.kept = structure.drop_title_run_in(work.kept, work.title, work.outcome)


def unended_opener(work: Work) -> None:
    """core.unended-opener: with the story model, the body's first block when it ends no
    sentence and a story paragraph follows (:mod:`cleaner.passes.unended_opener`)."""
    if UNENDED_OPENER not in work.off:
        work.kept = drop_unended_opener(work.kept, work.title, work.outcome)


def dek_over_byline(work: Work) -> None:
    """core.dek-over-byline: with the story model, the body's first block when it stands
    between the headline and a byline or date line under it, over a story paragraph
    (:mod:`cleaner.passes.dek_byline`)."""
    if DEK_OVER_BYLINE not in work.off:
        work.kept = drop_dek_over_byline(work.kept, work.page.blocks, work.title, work.outcome)


def above_dateline(work: Work) -> None:
    """core.above-dateline: with the story model, the blocks the body keeps above the paragraph
    that opens with the page's dateline (:mod:`cleaner.passes.dateline_lede`)."""
    if ABOVE_DATELINE not in work.off:
        work.kept = drop_above_dateline(work.kept, work.outcome)


def place_dateline(work: Work) -> None:
    """core.place-dateline: with the story model, a place in title case and a dash opening the
    body's first paragraph, when the rules took no dateline
    (:mod:`cleaner.passes.place_dateline`)."""
    if PLACE_DATELINE not in work.off:
        work.kept = take_place_dateline(work.kept, work.outcome)


def date_opener(work: Work) -> None:
    """core.date-opener: with the story model, a date and a dash opening the body's first
    paragraph, for the date field (:mod:`cleaner.passes.date_opener`)."""
    if DATE_OPENER not in work.off:
        work.kept = take_date_opener(work.kept, work.outcome)


def doubted_opener(work: Work) -> None:
    """core.doubted-opener: the body's first block, a short paragraph the story model takes
    for no story, over one it takes for story (:mod:`cleaner.passes.doubted_opener`)."""
    story = work.story
    if DOUBTED_OPENER in work.off or story is None or not work.labelled:
        return

    def keeps(index: int) -> float:
        return sum((story.marginal(label, index) for label in KEEP), 0.0)

    work.kept = drop_doubted_opener(work.kept, work.page.blocks, work.title, keeps, work.outcome)


def dek_over_header(work: Work) -> None:
    """core.dek-over-header: the body's first block, which the story model doubts, over a
    byline, date or credit line the model took out (:mod:`cleaner.passes.dek_header`)."""
    story = work.story
    if DEK_OVER_HEADER in work.off or story is None or not work.labelled:
        return

    def keeps(index: int) -> float:
        return sum((story.marginal(label, index) for label in KEEP), 0.0)

    def header(index: int) -> float:
        return sum((story.marginal(label, index) for label in HEADER_LABELS), 0.0)

    work.kept = drop_dek_over_header(
        work.kept, work.page.blocks, work.title, keeps, header, work.outcome
    )


def author_bio(work: Work) -> None:
    """core.author-bio: with the story model, the author's bio after the story
    (:mod:`cleaner.passes.author_bio`)."""
    if AUTHOR_BIO not in work.off:
        work.kept = drop_author_bio(work.kept, work.outcome)


def comment_section(work: Work) -> None:
    """core.comment-section: with the story model, a readers' comment section under the
    story and all below it (:mod:`cleaner.passes.comment_section`)."""
    if COMMENT_SECTION not in work.off:
        work.kept = drop_comment_section(work.kept, work.page.blocks, work.outcome)


def next_story(work: Work) -> None:
    """core.next-story: with the story model, the next story on a feed page and all below it
    (:mod:`cleaner.passes.next_story`)."""
    if NEXT_STORY not in work.off:
        work.kept = drop_next_story(work.kept, work.page.blocks, work.title, work.outcome)


def stray_below(work: Work) -> None:
    """core.stray-below: with the story model, short runs of kept text far below the story,
    among blocks taken out (:mod:`cleaner.passes.stray_below`)."""
    if STRAY_BELOW not in work.off and work.labelled:
        work.kept = drop_stray_below(work.kept, work.page.blocks, work.outcome)


def date_line(work: Work) -> None:
    """core.date-line: with the story model, kept blocks that are only a date or time stamp
    (:mod:`cleaner.passes.date_line`)."""
    if DATE_LINE not in work.off:
        work.kept = drop_date_lines(work.kept, work.outcome)


def date_in_header(work: Work) -> None:
    """core.header-date: with the story model, the date printed between the headline and the
    body, for an empty date field (:mod:`cleaner.passes.header_date`)."""
    if HEADER_DATE not in work.off and work.labelled:
        header_date(work.kept, work.page.blocks, work.title, work.outcome)


def standfirst(work: Work) -> None:
    """core.standfirst: without the model, what stands between headline and byline."""
    if "core.standfirst" not in work.off:
        work.kept = structure.drop_standfirst(work.kept, work.outcome)


def repeats(work: Work) -> None:
    """core.repeated-block and core.caption-repeat: a paragraph or a caption printed again
    (the captions as found so far: the rules' and the story model's)."""
    captions: tuple[str, ...] = ()
    if "core.caption-repeat" not in work.off:
        captions = tuple(
            dict.fromkeys(value for value, _ in work.outcome.fields.get("captions", ()))
        )
    datelines = _datelines(work)
    hits, distinct = repeat_facts(work.kept, captions, datelines)
    work.kept = structure.drop_repeats(
        work.kept,
        hits,
        work.outcome,
        repeats="core.repeated-block" not in work.off,
        datelines=datelines,
        distinct=distinct,
    )


def repeated_blocks(work: Work) -> None:
    """core.repeated-block alone, for an HTML page: there the captions were found on the page
    and their copies in the body marked by the reader (:func:`cleaner.html.captions.
    mark_captions`), one mechanism; core.caption-repeat after it took story words on the
    validation part (wcxb-dev: 2 pages' recall lower, none better). A table's row is kept each
    time (:data:`HTML_EVERY_TIME`), and so are the story's own short lines printed again inside
    it (:func:`cleaner.structure.story_own_repeats`)."""
    if "core.repeated-block" not in work.off:
        work.kept = structure.drop_repeats(
            work.kept,
            (),
            work.outcome,
            datelines=_datelines(work),
            every_time=HTML_EVERY_TIME,
            story_own=True,
        )


#: The kinds of HTML body block core.repeated-block keeps however often printed: a table's
#: rows (a header row printed over each table, the same row in two tables of data). Tuning
#: part: 5 wcxb-dev pages up (0.976 -> 0.982 the most), none down, wcxb-dev F1 +0.00004;
#: validation part: one wcxb-dev page up (0.980 -> 0.982), none down. (List items too lost on
#: both parts: a list printed three times over, a story's copy set as a list.)
HTML_EVERY_TIME = frozenset({"table"})


def judged(work: Work) -> None:
    """What the reader judged no part of the story (an HTML story's closing author bio and
    calls to action: :mod:`cleaner.html.closing`), removed under the id it gave."""
    ids = {index: pass_id for index, pass_id in work.page.judged if pass_id not in work.off}
    if not ids:
        return
    kept = []
    for item in work.kept:
        if item.index in ids:
            work.outcome.remove(ids[item.index], item.block.text)
        else:
            kept.append(item)
    work.kept = kept


def _datelines(work: Work) -> tuple[str, ...]:
    """The datelines the rules took from the page, as printed."""
    return tuple(dict.fromkeys(value for value, _ in work.outcome.fields.get("dateline", ())))


def trailing_furniture(work: Work) -> None:
    """core.trailing-furniture: without the model, the labels and link lists after a text
    dump's last sentence. (In HTML, trafilatura has judged the ending already; second-guessing
    its short closing lines cost more story than chrome on the development corpus.)"""
    if "core.trailing-furniture" not in work.off:
        work.kept = structure.drop_tail(work.kept, work.outcome)


#: A text dump with the story model.
TEXT_LEARNED: tuple[Step, ...] = (
    learned_story,
    list_under_lead,
    story_resumes,
    repeated_title,
    repeats,
    author_bio,
    comment_section,
    next_story,
    unended_opener,
    dek_over_byline,
    above_dateline,
    place_dateline,
    date_opener,
    doubted_opener,
    dek_over_header,
    stray_below,
    date_line,
    date_in_header,
)
#: A text dump without it: the hand-set structural passes.
TEXT_HAND_SET: tuple[Step, ...] = (
    hand_set_headline,
    repeated_title,
    standfirst,
    repeats,
    trailing_furniture,
)
#: An HTML page: trafilatura located the story. (The story model on its blocks lost on the
#: tuning part: wcxb-dev F1 0.952 -> 0.936, fundus-dev 0.941 -> 0.940, trafilatura-dev
#: with/without 93.7% -> 91.5% and two empty bodies.)
HTML: tuple[Step, ...] = (judged, repeated_title, title_run_in, repeated_blocks)


def steps_for(kind: str, *, learned: bool) -> tuple[Step, ...]:
    """The steps for an input of this kind ("html" or "text"); ``learned``: the story model
    is on."""
    if kind == "html":
        return HTML
    return TEXT_LEARNED if learned else TEXT_HAND_SET


def run(
    steps: tuple[Step, ...],
    page: Page,
    outcome: Outcome,
    *,
    off: frozenset[str] = frozenset(),
    story: StoryModel | None = None,
) -> Work:
    """Run ``steps`` on what the rules kept; the result holds the blocks that stay and the
    headline (the rules' title field, else the page's metadata, else the steps')."""
    values = outcome.fields.get("title")
    title = (values[0][0] if values else None) or page.meta.title
    work = Work(page, outcome, list(outcome.kept), title, off, story)
    for step in steps:
        step(work)
    return work
