"""The learned story labeller: a linear-chain CRF over a text dump's blocks.

The rules run first and keep the decisions they are sure of (explicit promos, print markers,
wire conventions, fields). The model then labels every block of the page — from its shape,
language cues, position, neighbours, repeats and which rules fired on it — as story or as one
of the things around a story, and :func:`decide` acts on the blocks the rules kept:

- ``body``, ``subhead``: stay;
- ``title``: the headline field (when no rule found one); other copies go;
- ``byline``: the byline field (when no rule found one), else removed; ``date``: the date field;
- ``caption``, ``credit``: captions; ``contrib``: credits; ``copyright``: copyright;
- ``standfirst``, ``teaser`` (another story's headline or text), ``chrome``: removed; a story
  paragraph is never another story's nor a standfirst before the story has begun;
- once the story has begun, a label line over a story paragraph (a subhead) that the model
  takes for chrome or a caption without being sure stays (``SUBHEAD_MARGIN``);
- above the story's first paragraph, a short line that ends no sentence and that the model
  keeps without being sure of it is taken for its likeliest other label (``PRE_STORY_DOUBT``);
- the label lines between the story's last paragraph and a rule's cut of the rest of the page
  at another story's first paragraph are the next story's headline (``model.next-story``,
  :func:`_closed`);
- the page's first dateline opening a paragraph under a headline-like line once the story has
  run two paragraphs opens the next story: from that line on, all goes (``model.next-story``,
  :func:`_second_lede`);
- past the last story paragraph the model is sure of, and below a copyright notice the rules
  took after a story paragraph, a block it doubts goes even when it reads as a story
  paragraph (``TAIL_DOUBT``).

Every removal is recorded as ``model.<label>`` with the model's probability for it. The model
file ships in ``cleaner/models/`` and is rebuilt by ``python -m training.train_model``.
"""

from __future__ import annotations

import json
import re
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import compress, count
from operator import attrgetter, eq, itemgetter
from pathlib import Path
from typing import Any, Protocol, cast

import regex

from ..blocks import (
    STORY_LONG_WORDS,
    STORY_WORDS,
    Block,
    ends_sentence,
    is_story_paragraph,
    word_count,
)
from ..code_hash import compiled_module
from ..compiled_follows import PRINTED_TWICE, SIGNOFF
from ..engine import Outcome, RuleSet
from ..engine.apply import Kept
from ..lexicon import CLOSING_MARKS, SENTENCE_END_MARKS, text_key
from ..normalize import collapse_spaces
from ..pattern_cache import compile_cached
from . import headline
from .caption_marker import PASS_ID as CAPTION_MARKER
from .caption_marker import caption_formula, credits_caption, dated_caption, marks_caption
from .caption_position import PASS_ID as CAPTION_POSITION
from .caption_position import places_people
from .credit_form import PASS_ID as CREDIT_FORM
from .credit_form import credit_form
from .crf import CTagger, FileState, Tagger, file_state, open_tagger
from .features import PURE_SWITCH, block_features, page_features, rule_kinds
from .headline import KEEP, Marginal

#: The features of :mod:`.features` as this module found them: where ``page_features`` has
#: been replaced (``training/stability.py`` leaves features out through it), the story model
#: is handed what the replacement gives.
_PAGE_FEATURES = page_features
#: Every label the model gives a block.
LABELS = (
    "body",
    "subhead",
    "title",
    "standfirst",
    "byline",
    "date",
    "caption",
    "credit",
    "contrib",
    "copyright",
    "teaser",
    "chrome",
)
#: Labels of the blocks the model takes away that go to the credits instead when their form
#: is a contributor or attribution line's (:mod:`.credit_form`).
_CREDIT_FROM = frozenset({"chrome", "teaser", "standfirst"})
#: Labels whose blocks go to a field rather than away.
_FIELD_OF = {
    "caption": "captions",
    "credit": "captions",
    "contrib": "credits",
    "copyright": "copyright",
    "date": "date",
}
#: A block that reads as a story paragraph (or, once the story has begun, a sentence of eight
#: words or more) leaves the body only when the model is at least this sure: losing a sentence
#: of the story costs more than leaving chrome in. Searched with ``training.tune`` (train part,
#: two folds by site, the c1 0.5 models; held-out aggregator train cases and rendered train
#: pages): 0.99 (as before) retention 1.000, first 0.704, F1 0.910; 0.97: F1 0.913; 0.95: first
#: 0.741, F1 0.914; 0.9: F1 0.916 (with TITLE_OVER 0.3 and MIDDLE_MARGIN above 1); 0.85: F1
#: 0.916; 0.8: retention 0.977, F1 0.910. 0.9 keeps a step from where retention falls.
STORY_MARGIN = 0.9
#: A block the model routes to a field (caption, photo credit, contributor line, copyright)
#: is moved, not lost: a story-like block leaves the body for its field at this probability,
#: not ``STORY_MARGIN``'s (a caption that reads as a sentence, a long copyright notice stayed
#: in the body before). Chosen on the train part: rendered train dumps' story-like blocks
#: labelled caption at 0.8-0.9 are 12 captions, no story line (below 0.8 unaligned lines);
#: aggregators train route 0.579 at 0.9 -> 0.737 at 0.8, first 0.852 -> 0.889. Validation
#: (this c1 0.5 model): aggregators val the same at 0.8 and 0.9; rendered val dumps at
#: 0.8-0.9: 4 captions and 5 chrome routed, but 3 story lines and 3 subheads with them (body
#: F1 0.899 either way).
ROUTE_MARGIN = 0.8
#: Once the story has run this many paragraphs, a block the model takes for a headline with at
#: least ``NEXT_MIN`` is the next story's (feeds, tag pages): it and all below it go. At 0.5 it
#: cost rendered train pages 0.007 of F1 and changed nothing on the aggregator train cases.
#: The next story's headline above a rule's cut (:func:`_closed`) waits for as many
#: paragraphs: on the train part (fold models, the 27 aggregator cases of sites they had not
#: seen) leak 0.181 -> 0.165 (one case), the rest unchanged; validation unchanged. Removing,
#: besides, what follows a contributor line the rules took whole ('Source: DPA') when a
#: headline-like line and a paragraph come next (a feed's next story) took leak to 0.118 and no
#: story line of 357 rendered train dumps, but changed nothing on the validation cases and cost
#: rendered validation pages story text (recall 0.9271 -> 0.9258, precision the same): left out.
NEXT_AFTER, NEXT_MIN = 2, 0.8
#: Labels that, past ``NEXT_AFTER`` story paragraphs and at ``NEXT_MIN``, begin the next story
#: (``teaser`` added with story-crf-4: the same figures on the train folds, where no such block
#: was that sure).
_NEXT_LABELS = frozenset({"title", "teaser"})
#: Without a headline from the rules, the headline model's likeliest candidate is the
#: headline when its probability reaches this (else there is none). Chosen with nested folds
#: on the train part (``python -m training.train_headline --check``; share of dumps whose
#: choice is right at 0.1 / 0.2 / 0.3; the headline model of start10, c2 10): aggregators-dev
#: 0.731 / 0.692 / 0.692 (26 dumps), ``#story`` cuts 0.831 / 0.836 / 0.830 (993), whole pages
#: 0.662 / 0.659 / 0.647 (1,122), ``-lead`` cuts 0.773 / 0.792 / 0.773 (154); 0.15 within 0.011
#: of 0.2 but for one aggregator case won and one ``-head`` dump lost. Validation
#: (aggregators-dev): title 0.821.
HEADLINE_MIN = 0.2
#: With no headline from the headline model, a block above the story that the story model took
#: out as ``title`` (:func:`_labelled_title`) of this many words or more is the headline. Held
#: out on train (fold story models, ``training.start_errors``; 830 dumps): whole pages' headline
#: 0.530 -> 0.561 (19 dumps right that had none, none lost), the rest unchanged; at any length
#: the aggregator train cases lose one (a two-word section label, 'Home Slider', on a page the
#: gold gives no headline). Validation aggregators-dev: title 0.821 -> 0.846 (one case, a
#: headline over a hard-broken story; one other case gets a wrong headline where it had none);
#: compare_outputs.py: 26 of 585 inputs get a headline where they had none (the body the same),
#: trafilatura-dev's text renderings 6 right of the 16 with a gold title.
LABELLED_TITLE_WORDS = 4
#: Under the headline, a block the model keeps of fewer words and characters than these, that
#: ends no sentence, is the header's (``model.header``).
HEADER_WORDS, HEADER_CHARS = 8, 60
#: Once the story has begun, a short block that ends a sentence and stands between story
#: paragraphs or closes the story ("Max Lee has more.", "We hope you enjoy it!") stays unless
#: the model is at least this sure it is not story: a story cleaned again (nothing around it)
#: must come out the same, and a text whose only body would be such a line keeps it (the two
#: fixtures' closing lines cleaned again scored 0.54 and 0.63).
#: Validation (aggregators-dev val cases; rendered wcxb+fundus val pages): any value from 0.7
#: to 0.99 gives the same figures — overall 0.698 → 0.697, leak 0.279 → 0.284 (one chrome
#: string more on one case), retention 0.990, body F1 0.896 either way.
SHORT_MARGIN = 0.9
#: A story paragraph that ends a sentence and stands between story paragraphs the model keeps
#: leaves the body as chrome only when the model is at least this sure (above 1: never). On
#: train pages of sites a fold model had not seen, such removals it was 0.99 sure of were story
#: text 78 times (wcxb 73, fundus 5), chrome 36; ``training.tune`` (c1 0.5 models): F1 0.9096
#: at 0.99, 0.9098 above 1, aggregator figures unchanged.
MIDDLE_MARGIN = 1.01
#: Once the story has begun, a label line right under a kept block with a story paragraph
#: under it (a subhead) that the model takes for chrome or a caption stays unless the model
#: is at least this sure: a story cleaned again lost its subheads ('Radon in Gebäuden erhöht
#: Lungenkrebsrisiko', 0.49 and, after nine paragraphs, 0.51). Train part (675 whole rendered
#: dumps, main's model 4b1d4c0), what the guard keeps by its gold label: at 0.5, 18 story or
#: subhead lines and 6 chrome; at 0.6, 36 and 18 (chrome headings of a page's other
#: sections, a photo credit). Without the adjacency test more chrome (0.6: 40 and 24; 0.8: 59
#: and 71), among it the related story's headline under a 'Read more' in
#: text/standard-quarantine-list (0.40). Aggregator cases, train and validation: unchanged at
#: 0.5 and 0.6 (validation overall 0.770, leak 0.249).
SUBHEAD_MARGIN = 0.6
#: Above the story's first paragraph, a line of fewer than ``PRE_STORY_WORDS`` words that ends
#: no sentence and that the model keeps as story while giving the other labels together
#: ``PRE_STORY_DOUBT`` or more is taken for the likeliest of them (menus, section labels,
#: teaser headlines above a story). On the train part (rendered dumps and aggregator cases,
#: the shipped model): such lines kept as story were chrome 117 times, story 12; with a
#: doubt under 0.1 they were story 51 times, chrome 176. A line that the next block, a story
#: paragraph, goes on with in lower case is no label line (:func:`_heading_like`; held out on
#: train, fold models: a wrapped wire lede's first line kept, aggregator first 0.852 -> 0.889,
#: the 803 rendered train dumps unchanged; validation unchanged).
PRE_STORY_WORDS, PRE_STORY_DOUBT = 12, 0.1
#: A line of this many words or more that ends with a colon introduces the story text under
#: it (a list, a quote) and is kept as a story paragraph is (the story paragraph's own length).
#: Train part: rendered dumps whose body changes 35 of 1,346 (F1 up 27, down 7: a newsletter's
#: "send this URL to your friend:"), aggregator cases none; validation: 33 of 1,182 dumps, body
#: F1 summed over them +0.17, aggregator figures the same (overall 0.757).
LIST_LEAD_WORDS = 18
#: A sentence of at least this many words is :func:`_sentence_like`: inside the story such a
#: block is kept unless the model is sure of it (:func:`_held`), and core.caption-twice takes it
#: for a story paragraph (:func:`python_printed_twice`; the compiled walk is handed it in
#: :data:`_TWICE_COUNTS`). Set with the decisions tuned on the aggregator train cases (d47b71f:
#: sentences inside the story kept). 6..10 measured (mends26, main 3579c3a): train, two fold
#: models by site (``training.tune --grid c1=0.5``, its 27 held-out aggregator cases and 357
#: rendered dumps): the aggregator figures the same for all five (overall 0.846, leak 0.071);
#: rendered body F1 0.9389, 0.9390, 0.9392, 0.9397, 0.9400 (at 9 and 10 8 dumps up by 0.005 or
#: more, none down; at 6 and 7 3 down). Validation, the shipped model: the 39 aggregator cases
#: the same for all five (overall 0.884, leak 0.144), 330 rendered dumps F1 0.9249, 0.9249,
#: 0.9249, 0.9250, 0.9249. Kept at 8: validation does not confirm the train part's small gain.
SENTENCE_LIKE_WORDS = 8
#: The story paragraphs right above the first one the model keeps (nothing between them but
#: blocks a rule dropped, under the story's header) are the story's lede run: one the model
#: takes for chrome leaves the body only when the model is at least this sure. Where the story
#: starts hangs on features that small changes of the training data flip (a retrain after a
#: text blocks change gave text/salon-grist-emissions' lede, under a contributor line, 0.96
#: chrome where the model before gave 0.85, mostly from '-1:fld:credits'). Held-out train
#: dumps (two folds by site, 627 dumps): first and body the same with and without it; val
#: aggregators the same.
LEDE_MARGIN = 0.99
#: Labels of the lines of a story's header (above its lede): the lede run stops at them.
_HEADER_LABELS = frozenset({"title", "byline", "date", "standfirst", "contrib", "credit"})
#: A block kept above the story's header — above a byline, date or headline line that stands
#: over the first story paragraph the model keeps — is no part of the story (a standfirst, a
#: teaser, a notice): it leaves the body when the model gives its label this much, not
#: ``STORY_MARGIN``. Held-out train dumps (two folds by site, 627 dumps): the body starts at the
#: story's first paragraph 0.491 -> 0.545 (fundus-dev 0.370 -> 0.470, wcxb-dev 0.585 ->
#: 0.645), a lede lost on 5 more dumps (two pages, the model 0.99 sure of it). Validation:
#: aggregators first 0.692 -> 0.718, leak 0.253 -> 0.249; rendered body F1 0.8978 -> 0.900.
ABOVE_HEADER_MARGIN = 0.5
#: The header's lines, for :data:`ABOVE_HEADER_MARGIN`.
_OVER_STORY = frozenset({"title", "byline", "date"})
#: The byline, for a standfirst printed above it (:func:`_stays`).
_BYLINE = frozenset({"byline"})
#: What a rule that takes no field does (:func:`~cleaner.passes.features.rule_kinds`).
_ACTIONS = frozenset({"drop", "drop-rest", "cut"})

#: Past the last story paragraph the model keeps with at least ``TAIL_SURE`` (once the story has
#: run ``NEXT_AFTER`` paragraphs), a block the model gives ``TAIL_DOUBT`` or more of not being
#: story leaves even when it reads as a story paragraph (``STORY_MARGIN`` asks that of the
#: likeliest label alone, and after a story the doubt is often shared between chrome, teaser
#: and standfirst: author bios, teaser summaries, calls to action). On the train part (fold
#: models, rendered train pages; aggregator train cases unchanged at every value): F1 0.9163 ->
#: 0.9178 at 0.8, 0.9191 at 0.7 (precision 0.9008 -> 0.9064, recall 0.9498 -> 0.9486,
#: boilerplate left 4.9% -> 4.0%), 0.9197 at 0.6 and 0.9190 at 0.5 (recall 0.9475, 0.9450);
#: 0.7 keeps most of the gain for half the recall. ``TAIL_SURE`` 0.8 or 0.95: the same.
#: Validation (the model of 4b1d4c0): rendered F1 0.898 -> 0.899 (P 0.901 -> 0.906, R 0.927 ->
#: 0.925, boilerplate left 5.6% -> 5.4%; fundus-dev 0.909 -> 0.913); aggregator cases unchanged
#: (overall 0.770, leak 0.249, retention 1.000); syndication retention unchanged.
TAIL_SURE, TAIL_DOUBT = 0.9, 0.7

#: Below the first copyright notice a rule took (once the story has kept a paragraph above it),
#: a block the model doubts at ``TAIL_DOUBT`` leaves whatever the margins below would keep (a
#: closing sentence, a story-shaped paragraph): the notice closes the story. Train part (fold
#: models of sites they had not seen; 1,127 rendered dumps, 27 aggregator cases): at 0.7 the
#: blocks it takes are 8 chrome blocks and no story line (at 0.5: 16, none story), F1 0.9159 ->
#: 0.9160 with the second-lede cut below; the aggregator cases unchanged. Validation: one
#: aggregator case (3 chrome strings), rendered F1 0.9005 -> 0.9007 (26 dumps changed, 25 of
#: them better; recall down by at most 0.014 on 9).
#:
#: The next story's headline over its dateline lede (:func:`_second_lede`) has at least this
#: many words, and at most this many blocks a rule took (the next story's byline or date line)
#: stand between the two. The page's first dateline after two kept story paragraphs is rare:
#: the 19 ``wire.dateline`` hits of the train captures (aggregator cases and 1,127 rendered
#: dumps, fold models) all stand before them; on validation it stands there under a headline
#: on one aggregator case (3 chrome strings, and the dateline field right) and on no rendered
#: dump, and without the headline on two rendered dumps whose gold keeps it (a story's own
#: dateline in its middle, a caption's): the headline is required.
LEDE_HEAD_WORDS, LEDE_HEAD_GAP = 3, 2

#: A feed's sign-off: WordPress closes each post of its feeds with 'The post <title> appeared
#: first on <site>.', so what a dump prints below it is the next post or the page's chrome
#: (:func:`_signed_off`). Train part (the whole rendered dumps of ``training/data``): the form
#: stands after the story on 2 wcxb-dev pages and every line below it is chrome (80 lines);
#: aggregators-dev 014 prints the other forms ``generic.republished-from`` knows ('This
#: article was first published in …') above its lede, as wcxb-dev pages print 'originally
#: published' notes inside their story: those close nothing.
_FEED_SIGNOFF = re.compile(r"\bthe post\b.{1,250}?\bappeared first on\b", re.IGNORECASE)
#: A piece every sign-off holds, looked for in the whole page (one scan by the ``regex``
#: engine's case-blind string search) before :data:`_FEED_SIGNOFF` is tried on each block: the
#: pattern, case-blind with word edges, tries every position of every block (1.7 million
#: instructions a seed document), and lower-casing the page costs a fifth of that. Only these
#: letters and their capitals match them case-blind in either engine ('i' and 's', which other
#: letters match too, are left out), so a page holding a sign-off holds the piece.
_FEED_SIGNOFF_PIECE = compile_cached("appeared f", regex.IGNORECASE)


def model_path() -> Path:
    """The model file shipped in the package (beside its modules: found by path, not by
    importlib.resources, whose import costs a one-page process more than the model's load)."""
    return Path(__file__).resolve().parents[1] / "models" / "story.crfsuite"


def headline_path() -> Path:
    """The headline model file shipped in the package (:mod:`cleaner.passes.headline`)."""
    return model_path().with_name("headline.crfsuite")


@cache
def model_info() -> dict[str, Any]:
    """The shipped model's metadata (version, labels, feature-set hash), or {} when absent."""
    path = model_path().with_suffix(".json")
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data


def model_version() -> str:
    """The shipped model's version, for ``cleaner --version``."""
    return str(model_info().get("version", "none"))


#: Each thread's open taggers by model file (:func:`.crf.file_state`: its path, device, inode,
#: mtime and size): shared by the StoryModels (the Cleaners) of a thread, where each opened its own
#: (about 1.3 ms a Cleaner, its attribute caches filled anew). A tagger holds only the page last
#: set in it, and one thread cleans one page at a time: a page's labels, marginals and headline are
#: asked before another page is set.
_TAGGERS = threading.local()


def _thread_tagger(state: FileState) -> Tagger:
    """This thread's tagger of the model file as ``state`` (:func:`.crf.file_state`: its path
    first) found it."""
    opened: dict[FileState, Tagger] | None = getattr(_TAGGERS, "opened", None)
    if opened is None:
        opened = _TAGGERS.opened = {}
    tagger = opened.get(state)
    if tagger is None:
        if len(opened) > 8:
            opened.clear()
        tagger = opened[state] = open_tagger(Path(state[0]))
    return tagger


class StoryModel:
    """The trained labeller and headline model of a :class:`~cleaner.Cleaner`. A crfsuite
    tagger is not thread-safe: each thread gets its own, opened from the same file (and shared
    by the thread's StoryModels of that file: :func:`_thread_tagger`)."""

    def __init__(
        self, rules: RuleSet, path: Path | None = None, headline: Path | None = None
    ) -> None:
        self.path = path or model_path()
        self.headline_path = headline or headline_path()
        for file in (self.path, self.headline_path):
            if not file.is_file():
                raise FileNotFoundError(f"story model missing: {file}")
        self.kinds = rule_kinds(rules)
        self._states = (file_state(self.path), file_state(self.headline_path))
        self._mine: tuple[int, Tagger, Tagger] | None = None
        self._tagger()  # open once now: a broken file fails here, not on the first page
        self._headline_tagger()

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (to worker processes) without the taggers: each process opens its own."""
        return {"path": self.path, "headline": self.headline_path, "kinds": self.kinds}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.path, self.headline_path = state["path"], state["headline"]
        self.kinds = state["kinds"]
        self._states = (file_state(self.path), file_state(self.headline_path))
        self._mine = None

    def _taggers(self) -> tuple[int, Tagger, Tagger]:
        """This thread's id and its taggers of the two model files (:func:`_thread_tagger`),
        kept on the StoryModel for the thread that asked last (a thread of another id looks
        them up again; an id is reused only once its thread has ended, and the taggers kept
        are then no other live thread's). A page asks 60-170 marginals (the text fixtures), and
        the thread-local lookup (its attribute, a hash of the file's state) cost about as much
        as crfsuite's marginal itself."""
        ident = threading.get_ident()
        mine = self._mine
        if mine is None or mine[0] != ident:
            mine = self._mine = (
                ident,
                _thread_tagger(self._states[0]),
                _thread_tagger(self._states[1]),
            )
        return mine

    def _tagger(self) -> Tagger:
        mine = self._mine
        if mine is not None and mine[0] == threading.get_ident():
            return mine[1]
        return self._taggers()[1]

    def _headline_tagger(self) -> Tagger:
        return self._taggers()[2]

    def label(self, blocks: tuple[Block, ...], outcome: Outcome) -> list[str]:
        """A label for each block of the page (the most likely sequence); their probabilities
        are then asked of :meth:`marginal`, only where a decision needs one."""
        if not blocks:
            return []
        tagger = self._tagger()
        if isinstance(tagger, CTagger) and page_features is _PAGE_FEATURES:
            # the same attributes, neighbours' looked up by their offset without the strings
            tagger.set_blocks(*block_features(blocks, outcome, self.kinds))
        else:  # python-crfsuite's Tagger, or page_features replaced (training/stability.py)
            tagger.set(page_features(blocks, outcome, self.kinds))
        return list(tagger.tag())

    def labels(self) -> tuple[str, ...]:
        """The labels the model was trained with."""
        return tuple(self._tagger().labels())

    def marginal(self, label: str, index: int) -> float:
        """The probability of ``label`` at ``index`` for the page last labelled in this thread."""
        return float(self._tagger().marginal(label, index))

    def page_marginal(self) -> Marginal:
        """:meth:`marginal` as one function for the page last labelled in this thread, until
        the thread labels another (:meth:`.crf.CTagger.page_marginal`: the same floats, a page's
        60-170 marginals asked without the tagger looked up and its state read each time)."""
        tagger = self._tagger()
        if isinstance(tagger, CTagger):
            return tagger.page_marginal()
        return self.marginal

    def headline(
        self,
        blocks: tuple[Block, ...],
        labels: list[str],
        kept: list[Kept],
        outcome: Outcome,
        fallback: str | None,
    ) -> str | None:
        """The headline among the kept blocks (:mod:`cleaner.passes.headline`), or None, for
        the page last labelled in this thread."""
        positions = headline.candidates(labels, kept)
        if not positions:
            return None
        feats = headline.features(
            self.page_marginal(), labels, blocks, kept, positions, outcome, fallback
        )
        tagger = self._headline_tagger()
        tagger.set(feats)
        sure, best = max((tagger.marginal("title", n), n) for n in range(len(positions)))
        return kept[positions[best]].block.text if sure >= HEADLINE_MIN else None


def decide(
    model: StoryModel,
    blocks: tuple[Block, ...],
    kept: list[Kept],
    outcome: Outcome,
    *,
    title: str | None,
    off: frozenset[str],
    fallback: str | None = None,
) -> tuple[list[Kept], str | None]:
    """Act on the model's labels for the blocks the rules kept: the blocks that stay, and the
    headline (the rules' when they found one; else the headline model's choice, which knows
    ``fallback``, the hand-set finder's; the finder's alone when ``model.title`` or
    ``model.headline`` is off). A block the headline field holds leaves the body without a
    removal entry."""
    labels = model.label(blocks, outcome)
    marginal = model.page_marginal()
    if not title:
        title = (
            fallback
            if "model.title" in off or "model.headline" in off
            else model.headline(blocks, labels, kept, outcome, fallback)
        )
    has_byline = bool(outcome.fields.get("byline"))
    result: list[Kept] = []
    story = 0  # story paragraphs kept so far
    paragraphs = list(headline.story_paragraphs(labels, kept))  # (asked once: first and last)
    last_story = paragraphs[-1] if paragraphs else -1
    sure_end: list[int] = []  # found when first needed (:func:`_margin`)
    first = paragraphs[0] if paragraphs else None
    lede = _lede(first, kept, labels, outcome, model.kinds)
    above = _above_header(first, kept, labels, outcome)
    above_byline = _above_header(first, kept, labels, outcome, _BYLINE)
    next_lines, closing = (
        _closed(blocks, kept, outcome, model.kinds)
        if "model.next-story" not in off
        else (set(), -1)
    )
    gone = _gone(model, blocks, kept, labels, outcome, title=title, off=off, closed=next_lines)
    notices = _notices(outcome, model.kinds)
    noticed = frozenset(notices)
    closed = False  # past a copyright notice the rules took after a story paragraph
    dropped: list[int] = []  # positions of the blocks taken away as chrome, teaser …
    titled: list[tuple[float, int]] = []  # the blocks taken away as title: probability, position
    for position, item in enumerate(kept):
        name = labels[item.index] if item.index < len(labels) else "body"
        text = item.block.text
        how = gone.get(position)
        if (
            how is not None
            or (text != title and not (name == "body" and is_story_paragraph(text)))
            or caption_formula(text)
            or (not story and dated_caption(text))
        ) and _taken_first(  # (the test above: where :func:`_taken_first` is False at once)
            marginal,
            outcome,
            item,
            how,
            name,
            title,
            off,
            blocks[item.index + 1].text if item.index + 1 < len(blocks) else None,
            blocks[item.index - 1].text if item.index else None,
            above=not story,
        ):
            continue
        while notices and notices[0] < item.index:
            closed = closed or story > 0  # the story had begun above the notice
            notices.pop(0)
        if name in KEEP and not story and position < last_story and _heading_like(kept, position):
            name = _doubted(model, marginal, name, item.index)
        if name in KEEP or _stays(name, off, story, text, above_byline=position in above_byline):
            result.append(item)
            story += is_story_paragraph(text)
            continue
        score = round(marginal(name, item.index), 3)
        if (
            name in _NEXT_LABELS
            and story >= NEXT_AFTER
            and score >= NEXT_MIN
            and text != title
            and "model.next-story" not in off
        ):
            for rest in kept[position:]:
                outcome.remove("model.next-story", rest.block.text, score)
            break
        margin = _margin(
            marginal, kept, paragraphs, position, name, story, sure_end, position in above, closing
        )
        held = not (closed and _not_story(marginal, item.index) >= TAIL_DOUBT) and _held(
            kept, position, name, score, margin, story, lede, last_story, empty=not result
        )
        if held or _closes_above_notice(kept, result, position, story, noticed):
            result.append(item)
            story += is_story_paragraph(text)
            continue
        rule = f"model.{name}"
        if title and text == title:
            continue  # the headline itself, now in its field
        if name == "byline" and not has_byline:
            outcome.put("byline", text, rule, item.index)
            has_byline = True
        elif not _to_field(outcome, item, name, rule, score, kept[-1].index, off):
            outcome.remove(rule, text, score)
            dropped.append(position)
            if name == "title":
                titled.append((score, position))
    result = _fall_back(model, kept, result, dropped, outcome, off)
    if result:
        _story_notice_first(outcome, result[0].index)
    title = title or _labelled_title(kept, labels, result, titled, outcome, off)
    return result, headline.strip_heading_mark(title) if title else title


def _labelled_title(
    kept: list[Kept],
    labels: list[str],
    result: list[Kept],
    titled: list[tuple[float, int]],
    outcome: Outcome,
    off: frozenset[str],
) -> str | None:
    """When the headline model names no headline: the block above the story's first paragraph
    that the story model labelled ``title`` and took out of the body (``titled``: its
    probability and position in ``kept``; the surest of them), of :data:`LABELLED_TITLE_WORDS`
    words or more. Its ``model.title`` removal entry goes: the headline field holds it. The body
    is as it was. (The headline model's candidates are the blocks nearest the story's third
    paragraph: a headline over a hard-broken story, whose lines are no story paragraph each, is
    far above them.)"""
    if "model.title" in off or "model.headline" in off:
        return None
    first = next(headline.story_paragraphs(labels, kept), len(kept))
    body = {id(item) for item in result}
    found = [
        (score, -position)
        for score, position in titled
        if position < first
        and id(kept[position]) not in body
        and word_count(kept[position].block.text) >= LABELLED_TITLE_WORDS
    ]
    if not found:
        return None
    text = kept[-max(found)[1]].block.text
    if outcome.removed is not None:
        at = max(
            n for n, r in enumerate(outcome.removed) if r.rule == "model.title" and r.text == text
        )
        del outcome.removed[at]
    return text


def _story_notice_first(outcome: Outcome, top: int) -> None:
    """When the first copyright notice found stands above the story (``top``: the index of
    the body's first block; a site's notice printed in the page's header) and another stands
    below the story's start, the one below is the story's and is shown first. Validation
    (aggregators-dev; found reading its misses): copyright 1 -> 2 of 2, one case ('© 2024
    Boise State Public Radio' over the story's 'Copyright 2024 NPR.'); no other of the 585
    inputs of ``compare_outputs.py`` changed, nor any rendered train or validation dump's
    routed snippets."""
    positions = outcome.positions.get("copyright", [])
    if len(positions) < 2 or positions[0] >= top:
        return
    below = next((n for n, at in enumerate(positions) if at > top), None)
    if below is None:
        return
    values = outcome.fields["copyright"]
    values.insert(0, values.pop(below))
    positions.insert(0, positions.pop(below))


def _to_field(
    outcome: Outcome,
    item: Kept,
    name: str,
    rule: str,
    score: float,
    last: int,
    off: frozenset[str],
) -> bool:
    """Put a block the model takes out of the body (labelled ``name`` with probability
    ``score``; ``rule``: the model's id for it) in a field, if one is its: the field of its
    label (:func:`_route`; ``last``: the index of the last kept block), or the credits when
    the model takes it away but its form is a contributor or attribution line's
    (:mod:`.credit_form`). False when it has none."""
    if name in _FIELD_OF:
        _route(outcome, _FIELD_OF[name], item, rule, score, last)
        return True
    if name in _CREDIT_FROM and CREDIT_FORM not in off and credit_form(item.block.text):
        outcome.put("credits", item.block.text, CREDIT_FORM, item.index)
        return True
    return False


def _route(outcome: Outcome, field: str, item: Kept, rule: str, score: float, last: int) -> None:
    """Put a block the model labels for a field there (``last``: the index of the last kept
    block). A copyright line when the rules found one already is removed, unless theirs stands
    below every kept block (a footer's, under the related links a drop-rest heading removed):
    then the story's own is shown. A date line is removed, the field holding its parsed date."""
    text = item.block.text
    if field == "copyright" and outcome.fields.get("copyright"):
        if outcome.positions["copyright"][0] > last:
            outcome.put_first(field, text, rule, item.index)
        else:
            outcome.remove(rule, text, score)
        return
    outcome.put(field, text, rule, item.index)
    if field == "date":
        outcome.remove(rule, text, score)


def _held(
    kept: list[Kept],
    position: int,
    name: str,
    score: float,
    margin: float,
    story: int,
    lede: set[int],
    last_story: int,
    *,
    empty: bool,
) -> bool:
    """Whether a kept block the model labels ``name`` (not story) with probability ``score``
    stays in the body all the same: a story paragraph the model is not sure enough of
    (``margin``, :func:`_margin`), the lede run, a sentence between story paragraphs, a short
    closing line, a subhead (the margins above). ``story``: story paragraphs kept so far;
    ``empty``: none kept yet."""
    text = kept[position].block.text
    return bool(
        (score < margin and (_reads_as_story(text) or (story and _sentence_like(text))))
        or (score < LEDE_MARGIN and name == "chrome" and position in lede)
        or (
            score < MIDDLE_MARGIN
            and name == "chrome"
            and story
            and position < last_story
            and is_story_paragraph(text)
            and ends_sentence(text)
        )
        or (
            score < SHORT_MARGIN
            and (story or (empty and position + 1 == len(kept)))  # never an empty body
            and _closes_or_joins(kept, position)
        )
        or (
            score < SUBHEAD_MARGIN
            and name in ("chrome", "caption")
            and story
            and _subhead(kept, position)
        )
    )


#: The least words of a closing paragraph over the copyright notice (:func:`_closes_above_notice`):
#: a sentence, not a label ('Related:', 'Tags: …'). Measured with the shipped model (read in rounds;
#: no fold models): rendered validation dumps F1 0.907 both, recall 0.931 -> 0.932 (fundus-dev 0.951
#: -> 0.952), `without` 4.8% both; rendered train dumps (80 pages a corpus) unchanged; aggregators-
#: dev validation and train cases unchanged; of the 585 inputs of compare_outputs 2 change: a
#: fixture's closing paragraph kept (wsvn, the story's), and a medical site's disclaimer over its
#: copyright kept (syndication-dev train 021 m6, chrome); the portal copy's closing quote
#: (tests/test_aggregators.py) kept. Syndication retention 73/74 and 272/272 unchanged.
CLOSING_WORDS = 8


def _closes_above_notice(
    kept: list[Kept], result: list[Kept], position: int, story: int, noticed: frozenset[int]
) -> bool:
    """Whether the block at ``position`` is the story's closing paragraph over the page's copyright
    notice: it ends a sentence in ``CLOSING_WORDS`` words or more, the block above it is one the
    story kept that ends a sentence (``NEXT_AFTER`` story paragraphs or more kept), and the
    block right below it is one a rule took a copyright notice from (``noticed``). The model
    read in rounds calls such a paragraph chrome with no other sign ('Police are also asking
    parents …' over 'Copyright 2023 Sunbeam Television Corp.', 0.88)."""
    item = kept[position]
    return (
        story >= NEXT_AFTER  # so the story kept a block above: result is not empty
        and result[-1] is kept[position - 1]
        and ends_sentence(result[-1].block.text)
        and item.index + 1 in noticed
        and word_count(item.block.text) >= CLOSING_WORDS
        and ends_sentence(item.block.text)
    )


def _taken_first(
    marginal: Marginal,
    outcome: Outcome,
    item: Kept,
    how: str | bool | None,
    name: str,
    title: str | None,
    off: frozenset[str],
    following: str | None = None,
    previous: str | None = None,
    *,
    above: bool = False,
) -> bool:
    """Whether a block is taken before the model's label is acted on: one :func:`_gone` took
    (``how`` it goes: the header under the headline, a caption printed twice, the next story
    after a rule's cut; :func:`_leave`), or core.caption-position's block placing people in a
    picture or core.caption-marker's block with a caption's mark (``following``: the page's next
    block's text), unless the model keeps it as story and it reads as a story paragraph
    (:mod:`.caption_position`, :mod:`.caption_marker`). A caption in a wire service's formula
    goes whatever the model says, and the photo credit line under it (``previous``: the page's
    block above) joins it (:func:`.caption_marker.caption_formula`); so does, ``above`` the
    story's first paragraph, a block closing with a caption's date from which a rule cut an
    agency's sign-off (:func:`.caption_marker.dated_caption`). The sign-off a rule cut from a
    caption is its credit: it leaves the credits for the caption."""
    text = item.block.text
    if how is not None:
        _leave(marginal, outcome, item, how)
        return True
    if text == title:
        return False
    if CAPTION_MARKER not in off and (
        caption_formula(text) or (above and dated_caption(text) and item.index in _signed(outcome))
    ):
        outcome.put(
            "captions", _with_signoff(outcome, text, item.index), CAPTION_MARKER, item.index
        )
        return True
    if name == "body" and is_story_paragraph(text):
        return False
    if CAPTION_POSITION not in off and places_people(text):
        outcome.put("captions", text, CAPTION_POSITION, item.index)
        return True
    if CAPTION_MARKER not in off and marks_caption(text, following):
        outcome.put("captions", text, CAPTION_MARKER, item.index)
        return True
    if CAPTION_MARKER not in off and credits_caption(text, previous):
        _join_credit(outcome, text, item.index)
        return True
    return False


#: The rule that cuts an agency's sign-off from a paragraph's end to the credits ('… 2024. —
#: Reuters'): under a caption, the caption's credit.
_SIGNOFF_RULE = "wire.agency-signoff"


def _signed(outcome: Outcome) -> list[int]:
    """The blocks an agency's sign-off was cut from (:data:`_SIGNOFF_RULE`)."""
    return [
        at
        for (_, rule), at in zip(
            outcome.fields.get("credits", ()), outcome.positions.get("credits", ()), strict=False
        )
        if rule == _SIGNOFF_RULE
    ]


def _with_signoff(outcome: Outcome, text: str, index: int) -> str:
    """A caption's text with the agency's sign-off a rule cut from its block (block ``index``)
    taken back from the credits."""
    credits = outcome.fields.get("credits")
    if not credits:
        return text
    positions = outcome.positions["credits"]
    for n, ((_, rule), at) in enumerate(zip(credits, positions, strict=False)):
        if at == index and rule == _SIGNOFF_RULE:
            return f"{text} {outcome.take('credits', n)}"
    return text


def _join_credit(outcome: Outcome, credit: str, index: int) -> None:
    """Join a photo credit line to the caption core.caption-marker took from the block above
    (block ``index - 1``); a caption not taken so, the credit is a caption of its own."""
    captions = outcome.fields.get("captions", [])
    positions = outcome.positions.get("captions", [])
    for n in range(len(positions) - 1, -1, -1):
        if positions[n] == index - 1 and captions[n][1] == CAPTION_MARKER:
            captions[n] = (f"{captions[n][0]} {collapse_spaces(credit)}", CAPTION_MARKER)
            return
    outcome.put("captions", credit, CAPTION_MARKER, index)


#: When the model keeps no story paragraph, the run of story paragraphs it took for chrome that
#: holds at least this many words (:func:`story_words`: a script written without spaces counted
#: by its characters) and ``FALLBACK_BLOCKS`` paragraphs is the body (:func:`fallback_run`): a
#: page whose story the model doubts as a whole (a site unlike any it was trained on) gives its
#: story, not nothing.
FALLBACK_WORDS, FALLBACK_BLOCKS = 60, 2
#: Other blocks that may stand between two paragraphs of the fallback's run (a picture's link
#: and a subhead between the lede and the next paragraph). Train part (502 dumps, one rendering
#: a page, as if the model dropped every block): the chosen runs hold 4,897 story blocks and
#: 147 chrome with one between, 7,005 and 201 with two, 8,209 and 268 with three.
FALLBACK_GAP = 2
#: With no such run, a run of at least this many sentences of eight words or more (and
#: ``FALLBACK_WORDS`` in all) that the model took away is the body: wire copy printed a
#: sentence a paragraph, each under a story paragraph's length ('Police are investigating
#: after a man died in a multi-vehicle crash on a Toronto highway.', aggregators-dev train 027,
#: emptied whole by the fold model that had not seen its site). Held out (fold story models,
#: ``training.start_errors``'s selection at 500 rendered dumps a corpus and fold, 1,663 dumps;
#: start18): 3 dumps of 2 pages that had an empty body keep their story (15 story lines of 22
#: back, 2 chrome lines with them), no other dump changes; validation unchanged
#: (aggregators-dev 39 cases, rendered wcxb-dev and fundus-dev pages, compare_outputs.py
#: 585 identical, syndication 73/74 and 272/272).
FALLBACK_SENTENCES = 4
#: Characters of Chinese or Japanese (Han, kana) that stand for one word of a spaced script, as
#: long as a story paragraph goes: the train part's story paragraphs hold a median of 38 words
#: (106 pages of fundus-dev and readability-dev, a median a page) and of 118 such characters
#: (its 5 Chinese and Japanese pages), 3.1 characters a word.
CJK_CHARS_PER_WORD = 3
#: Characters of another text written without spaces (Thai, Lao, Khmer, Burmese: letters that
#: spell words of several each; no train page is written in them) that count as a word: 300
#: characters for ``FALLBACK_WORDS``, the fallback's length for them as before.
UNSPACED_CHARS_PER_WORD = 5
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def story_words(text: str) -> float:
    """The words of a text, for a script written without spaces counted by its characters: the
    space-separated words that hold no Chinese or Japanese character, and those characters at
    ``CJK_CHARS_PER_WORD`` a word; a text of another script with no space at
    ``UNSPACED_CHARS_PER_WORD`` characters a word.

    >>> story_words("Council backs the riverside park")
    5.0
    >>> story_words("東京都は13日、新しい計画を発表した。")  # 15 Han and kana
    5.0
    """
    cjk = len(_CJK.findall(text))
    if cjk:
        return (
            sum(1 for word in text.split(" ") if not _CJK.search(word)) + cjk / CJK_CHARS_PER_WORD
        )
    if " " not in text:
        return len(text) / UNSPACED_CHARS_PER_WORD
    return float(word_count(text))


def _fall_back(
    model: StoryModel,
    kept: list[Kept],
    result: list[Kept],
    dropped: list[int],
    outcome: Outcome,
    off: frozenset[str],
) -> list[Kept]:
    """The blocks that stay, with :func:`fallback_run`'s run (and its removals taken back) when
    the model kept no story paragraph."""
    if "model.fallback" in off or any(is_story_paragraph(k.block.text) for k in result):
        return result
    run = fallback_run(model, kept, dropped)
    if run and outcome.removed is not None:
        back = {kept[p].block.text for p in run}
        outcome.removed[:] = [
            r for r in outcome.removed if not (r.rule.startswith("model.") and r.text in back)
        ]
    return sorted([*result, *(kept[p] for p in run)], key=lambda k: k.index) if run else result


def fallback_run(model: StoryModel, kept: list[Kept], dropped: list[int]) -> list[int]:
    """Of the positions in ``dropped`` (kept blocks the model took away), the likeliest run of
    story paragraphs: consecutive kept blocks that read as story and end a sentence
    (``FALLBACK_GAP`` other blocks may stand between two of them), scored by their length
    weighted by the model's probability of story (plus a floor, so a run it doubts throughout
    is still weighed by its length); with no such run long enough, the likeliest run of
    ``FALLBACK_SENTENCES`` sentences of eight words or more; empty when none is long enough."""

    def paragraph(text: str) -> bool:
        return _unspaced_sentence(text) or (is_story_paragraph(text) and ends_sentence(text))

    def weight(run: list[int]) -> float:
        marginal = model.marginal
        return sum(
            len(kept[p].block.text) * (1.01 - _not_story(marginal, kept[p].index)) for p in run
        )

    runs = _runs(kept, dropped, paragraph, FALLBACK_BLOCKS)
    if not runs:
        runs = _runs(kept, dropped, _sentence_like, FALLBACK_SENTENCES)
    return max(runs, key=weight) if runs else []


def _runs(
    kept: list[Kept], dropped: list[int], fits: Callable[[str], bool], least: int
) -> list[list[int]]:
    """The runs of blocks at positions ``dropped`` whose text ``fits`` (``FALLBACK_GAP`` other
    blocks may stand between two), of ``least`` blocks and ``FALLBACK_WORDS`` words or more."""
    runs: list[list[int]] = []
    for position in sorted(dropped):
        if not fits(kept[position].block.text):
            continue
        if runs and position - runs[-1][-1] <= FALLBACK_GAP + 1:
            runs[-1].append(position)
        else:
            runs.append([position])
    return [
        run
        for run in runs
        if len(run) >= least and sum(story_words(kept[p].block.text) for p in run) >= FALLBACK_WORDS
    ]


#: The id of :func:`printed_twice`'s routing.
CAPTION_TWICE = "core.caption-twice"
#: A caption printed twice in a row is at least this many words long (a label printed twice,
#: 'Read the full report', is not one).
TWICE_WORDS = 5
#: What the second copy of a caption may add to the first: a photo credit of at most this
#: many characters that ends no sentence ('(kbtx)', 'Nick Westoll / File / Global News'); a
#: photo credit line a rule took under the caption, of at most as many, joins it.
TWICE_CREDIT = 60


def printed_twice(
    kept: list[Kept], labels: list[str], outcome: Outcome, title: str | None
) -> dict[int, bool]:
    """Positions of the captions a dump prints twice in a row (an image's text and its
    caption, the second copy often with the photo credit added), inside the story: below its
    header (the headline, a byline or date line: a rule's field or the model's label; once
    the headline stands among the blocks, another the model labels a headline is not the
    header's: a standfirst under it) or a
    sentence the model keeps, and above a sentence the model keeps. The copy that holds the
    other goes to the captions (True), the other is removed (False). A headline printed twice
    is the headline's, a menu is above the story, a related list below it. When the copies
    are most of the story's paragraphs, the story is printed twice and none is taken (a page
    of paragraphs each printed twice lost its whole body to the captions: readability-dev
    social-buttons, all four renderings; on the aggregator train cases, the syndication texts
    and the fixtures, the pass takes 1 to 4 blocks, a caption of 5 to 59 words).

    The image's text over its caption when a rule took the caption by its photo credit
    (:func:`_copy_of`: the caption's words, case and punctuation aside, or their beginning)
    is a copy too: it goes to the captions unless a caption prints it as it stands. Train
    part: the form is on no aggregator train case (the renderings print no image text); the
    fixture text/vancouversun-microsoft-carbon prints it (the copy, removed as chrome before,
    is removed as the caption's). Validation part (aggregators-dev; found reading its misses,
    so not a measure on unseen pages): captions 13 -> 15 of 20 on 2 cases, nothing else
    moved; rendered validation dumps unchanged (232 of 427 snippets routed)."""
    compiled = _compiled()
    if compiled is None:
        return python_printed_twice(kept, labels, outcome, title)
    return compiled.printed_twice(
        kept, labels, outcome, title, KEEP, _OVER_STORY, _TWICE_COUNTS, _MARKS, _copy_of
    )


def python_printed_twice(
    kept: list[Kept], labels: list[str], outcome: Outcome, title: str | None
) -> dict[int, bool]:
    """:func:`printed_twice`'s walk of the kept blocks. The Python of the compiled
    ``printed_twice`` (``_cfeatures.c``, handed :data:`KEEP`, :data:`_OVER_STORY`,
    :data:`_TWICE_COUNTS`, :data:`_MARKS` and :func:`_copy_of`;
    ``tests/test_printed_twice_scan.py`` holds the two equal)."""
    prose = [
        p
        for p, k in enumerate(kept)
        if labels[k.index] in KEEP
        and (is_story_paragraph(k.block.text) or _sentence_like(k.block.text))
    ]
    if not prose:
        return {}
    # the header's lowest line above the first sentence (a block index), else that sentence
    top = kept[prose[0]].index
    fields = {i for name in ("byline", "date") for i in outcome.positions.get(name, ())}
    headed = title is not None and any(k.block.text == title for k in kept[: prose[0]])
    over_story = _OVER_STORY - {"title"} if headed else _OVER_STORY
    header = max(
        (
            k.index
            for k in kept[: prose[0]]
            if k.block.text == title or labels[k.index] in over_story
        ),
        default=-1,
    )
    header = max([header, *(i for i in fields if i < top)])
    start = header if header >= 0 else top
    found: dict[int, bool] = {}
    texts = list(map(_TEXT, kept[: prose[-1]]))
    firsts = list(map(_FIRST, texts))
    # two blocks in a row are compared only when they open with the same character (of any
    # others of five words or more :func:`_twice` finds no copy): the pairs picked in C, not
    # each asked in the loop
    for position in compress(count(), map(eq, firsts, firsts[1:])):
        one, two = kept[position], kept[position + 1]
        if position in found or one.index <= start or two.index != one.index + 1:
            continue
        a, b = texts[position], texts[position + 1]
        if (
            a == title
            or b == title
            or min(word_count(a), word_count(b)) < TWICE_WORDS
            or {labels[one.index], labels[two.index]} & _OVER_STORY
        ):
            continue  # the headline, a byline or date line printed twice
        longer = _twice(a, b)
        if longer is not None:
            found[position], found[position + 1] = longer == 0, longer == 1
    credited = _credited_captions(outcome)
    # a block printed twice is of an odd length (:func:`_doubled`), a caption's copy stands
    # over the caption: only those blocks are asked (the odd lengths picked in C)
    candidates: Iterable[int] = compress(count(), map(_ODD, map(len, texts)))
    if credited:  # (the kept blocks right over a credited caption, found by bisection)
        over = (bisect_left(kept, at - 1, key=_INDEX) for at in credited)
        candidates = sorted(
            {*candidates, *(p for p in over if p < len(texts) and kept[p].index + 1 in credited)}
        )
    for position in candidates:
        text = texts[position]
        if (
            position not in found
            and kept[position].index > start
            and labels[kept[position].index] not in _OVER_STORY
            and text != title
            and (
                _doubled(text)
                or (
                    kept[position].index + 1 in credited  # (no caption: no copy of one)
                    and _copy_of(text, credited[kept[position].index + 1])
                )
            )
        ):
            found[position] = True
    taken = len(found.keys() & prose)  # (each position once in either)
    if 2 * taken > len(prose):
        # most of the story's paragraphs printed twice: the story is, not its captions (a
        # page rendered twice over); its copies stay in the body, where nothing is lost
        return {}
    return found


#: A kept block's text, a text's first character and whether a length is odd, for
#: :func:`printed_twice`'s picks by ``map`` (C calls, where the loop's own tests cost some 500
#: instructions a block).
_TEXT = attrgetter("block.text")
_INDEX = attrgetter("index")
_FIRST = itemgetter(slice(1))
_ODD = (1).__and__

#: What the compiled ``printed_twice`` takes for the counts the Python asks: a caption's
#: words (:data:`TWICE_WORDS`), its credit's characters (:data:`TWICE_CREDIT`), and
#: :func:`_sentence_like`'s (:data:`SENTENCE_LIKE_WORDS`) and :func:`is_story_paragraph`'s
#: words.
_TWICE_COUNTS = (TWICE_WORDS, TWICE_CREDIT, SENTENCE_LIKE_WORDS, STORY_WORDS, STORY_LONG_WORDS)
#: ... and for :func:`ends_sentence`: the closing marks, a NUL, the sentence ends.
_MARKS = CLOSING_MARKS + "\0" + SENTENCE_END_MARKS


class _Compiled(Protocol):
    """The compiled module's function this module calls."""

    def printed_twice(
        self,
        kept: list[Kept],
        labels: list[str],
        outcome: Outcome,
        title: str | None,
        keep: frozenset[str],
        over_story: frozenset[str],
        counts: tuple[int, int, int, int, int],
        marks: str,
        copy_of: Callable[[str, str], bool],
        /,
    ) -> dict[int, bool]: ...


@cache
def _compiled() -> _Compiled | None:
    """The compiled module, where the package was built with it and its
    ``PRINTED_TWICE_HASH`` is this code's (:data:`cleaner.compiled_follows.PRINTED_TWICE`);
    None else, or where ``CLEANER_PURE_FEATURES=1`` asks for the Python."""
    compiled = compiled_module(
        f"{__package__}._cfeatures", "PRINTED_TWICE_HASH", PRINTED_TWICE, PURE_SWITCH
    )
    return None if compiled is None else cast(_Compiled, compiled)


def _credited_captions(outcome: Outcome) -> dict[int, str]:
    """The captions a rule took (by their photo credit), by the index of their block."""
    values = outcome.fields.get("captions", [])
    return {
        at: value
        for (value, rule), at in zip(values, outcome.positions.get("captions", ()), strict=False)
        if not rule.startswith(("model.", "core."))
    }


def _copy_of(text: str, caption: str) -> bool:
    """Whether a block is the image's text of the caption printed under it, which a rule took
    with its photo credit: the caption's words (case, spacing and punctuation aside) or their
    beginning, the caption adding at most :data:`TWICE_CREDIT` characters (its credit, where
    the picture was taken)."""
    if not caption or word_count(text) < TWICE_WORDS:
        return False
    short, whole = text_key(text), text_key(caption)
    return bool(short) and whole.startswith(short) and len(whole) - len(short) <= TWICE_CREDIT


def _leave(marginal: Marginal, outcome: Outcome, item: Kept, how: str | bool) -> None:
    """A block that leaves the body whatever its label: removed as ``how`` says (an id of
    :func:`_gone`), or a caption printed twice (:func:`printed_twice`: True the copy that
    goes to the captions, of a block of two copies joined one copy; False the other copy,
    removed; a caption the rules found already, removed)."""
    text = item.block.text
    if isinstance(how, str):
        outcome.remove(how, text, round(_not_story(marginal, item.index), 3))
        return
    caption = text[: len(text) // 2] if how and _doubled(text) else text
    captions = outcome.fields.get("captions", [])
    if how and not any(caption in value for value, _ in captions):
        text = text[len(caption) :].strip()
        # the photo credit printed under it (in its block or the next) that a rule took
        # alone: one caption
        under = next(
            (
                n
                for n, at in enumerate(outcome.positions.get("captions", ()))
                if at in (item.index, item.index + 1)
                and not captions[n][1].startswith(("model.", "core."))
            ),
            -1,
        )
        if (
            under >= 0
            and len(captions[under][0]) <= TWICE_CREDIT
            and not _copy_of(caption, captions[under][0])  # the caption itself, credited
        ):
            credit, rule = captions[under]
            captions[under] = (f"{caption} {credit}", rule)
        else:
            outcome.put("captions", caption, CAPTION_TWICE, item.index)
    outcome.remove(CAPTION_TWICE, text)


def _doubled(text: str) -> bool:
    """A block that is one text of :data:`TWICE_WORDS` words or more printed twice, its two
    lines joined ('Commissioners from left to right are: … Wells. Commissioners from left to
    right are: … Wells.')."""
    half = len(text) // 2
    return (
        len(text) % 2 == 1
        and text[half] == " "
        and text[:half] == text[half + 1 :]
        and text.count(" ") + 1 >= 2 * TWICE_WORDS
    )


def _twice(a: str, b: str) -> int | None:
    """Which of two blocks holds the other: 1 ``b`` (the same text: the second copy, which a
    credit line printed under it joins), 0 ``a``; None when neither repeats the other. The
    copy that holds the other adds a short credit to it, or the other is its beginning cut
    with an ellipsis (an image's text shortened: 'The Redonda tree lizard (Anolis nubilus),
    one of the reptiles that rebounded after invasive species were ...')."""
    if a == b:
        return 1
    short, longer = (a, 1) if len(a) < len(b) else (b, 0)
    whole = b if longer else a
    stem = short.removesuffix("...").removesuffix("…").rstrip()
    if stem != short and stem.count(" ") + 1 >= TWICE_WORDS and whole.startswith(stem):
        return longer
    if not whole.startswith(short):
        return None
    added = whole[len(short) :].strip()
    if 0 < len(added) <= TWICE_CREDIT and not ends_sentence(added):
        return longer
    return None


def one_clean_story(blocks: tuple[Block, ...], kept: list[Kept]) -> bool:
    """Whether a dump is one clean story and nothing else: no rule took any of its blocks, and
    each is a story paragraph that ends a sentence or a subhead between two (a label line with
    a story paragraph above and below). Such a dump keeps every block (``model.clean-story``):
    no headline, menu or teaser stands in it, and a story cleaned again must come back as it
    is, where the model, seeing no page around a paragraph, may take it for chrome. A sentence
    of eight words or more counts as a story paragraph here (a one-sentence lede, a short
    paragraph), in Chinese or Japanese one of ``_UNSPACED_SENTENCE`` characters."""
    if not kept or len(kept) != len(blocks):
        return False
    texts = [item.block.text for item in kept]
    prose = [_sentence_like(t) or _unspaced_sentence(t) for t in texts]
    for position, text in enumerate(texts):
        if prose[position]:
            continue
        if not (
            0 < position < len(texts) - 1
            and _label_line(text)
            and prose[position - 1]
            and prose[position + 1]
        ):
            return False
    return True


#: A sentence of this many characters, written without spaces (Chinese, Japanese), is as long
#: as one of eight words (fundus-dev's Japanese story paragraphs: 40 characters and more).
_UNSPACED_SENTENCE = 20


def _unspaced_sentence(text: str) -> bool:
    """A sentence of a script written without spaces, of some length: '…と語った。'"""
    return " " not in text and len(text) >= _UNSPACED_SENTENCE and ends_sentence(text)


def _margin(
    marginal: Marginal,
    kept: list[Kept],
    paragraphs: list[int],
    position: int,
    name: str,
    story: int,
    sure_end: list[int],
    above_header: bool,
    closing: int = -1,
) -> float:
    """How sure the model must be of its label for a block that reads as story to leave:
    ``ROUTE_MARGIN`` for a field, ``STORY_MARGIN`` else; nothing past the story's last sure
    paragraph for a block it doubts (``TAIL_DOUBT``); at most ``ABOVE_HEADER_MARGIN`` above the
    story's header. ``sure_end`` holds that paragraph's position once found (:func:`_sure_end`
    of ``paragraphs``, the story paragraphs the model keeps; asked once a page). ``closing`` is
    the position of the story paragraph right above the next story a rule cut
    (:func:`_closed`): the rules have found where the story ends, so the model's doubt about
    the tail is not asked there."""
    if (
        story >= NEXT_AFTER
        and position != closing
        and _not_story(marginal, kept[position].index) >= TAIL_DOUBT
    ):
        if not sure_end:
            sure_end.append(_sure_end(marginal, kept, paragraphs))
        if 0 <= sure_end[0] < position:
            return 0.0
    margin = ROUTE_MARGIN if name in _FIELD_OF and name != "date" else STORY_MARGIN
    return min(margin, ABOVE_HEADER_MARGIN) if above_header else margin


def _sure_end(marginal: Marginal, kept: list[Kept], paragraphs: list[int]) -> int:
    """The position of the last story paragraph the model keeps (``paragraphs``: their
    positions, :func:`.headline.story_paragraphs`) with at least :data:`TAIL_SURE` (-1 when
    there is none): looked for from the last up (the text fixtures' pages asked the marginals of
    every story paragraph, some 110 thousand instructions a page)."""
    for position in reversed(paragraphs):
        if 1 - _not_story(marginal, kept[position].index) >= TAIL_SURE:
            return position
    return -1


def _lede(
    first: int | None,
    kept: list[Kept],
    labels: list[str],
    outcome: Outcome,
    kinds: dict[str, str],
) -> set[int]:
    """Positions of the story's lede run: the kept blocks right above ``first`` (the position
    of the first story paragraph the model keeps) that are story paragraphs ending a sentence.
    The run stops at the story's header: a block a rule took for a field (a byline, a date, a
    contributor line) or that the model labels as the header's (:data:`_HEADER_LABELS`), and at
    any other kept block; a block a rule dropped (an advertisement marker) is passed over."""
    run: set[int] = set()
    if first is None:
        return run
    below = first - 1  # the kept blocks stand in page order: the next above is kept[below]
    for index in range(kept[first].index - 1, -1, -1):
        label = labels[index] if index < len(labels) else "chrome"
        if label in _HEADER_LABELS:
            break
        if below < 0 or kept[below].index != index:
            position = None
        else:
            position, below = below, below - 1
        if position is None:
            if any(kinds.get(hit, "drop") not in _ACTIONS for hit in outcome.hits.get(index, ())):
                break  # a field the rules took: the header
            continue
        text = kept[position].block.text
        if not (is_story_paragraph(text) and ends_sentence(text)):
            break
        run.add(position)
    return run


def _above_header(
    first: int | None,
    kept: list[Kept],
    labels: list[str],
    outcome: Outcome,
    over: frozenset[str] = _OVER_STORY,
) -> set[int]:
    """Positions of the kept blocks above the story's header: above the nearest byline, date
    or headline line (a rule's field or the model's label; the labels ``over``) over
    ``first``, the position of the first story paragraph the model keeps."""
    if first is None:
        return set()
    fields = {
        i for name in ("byline", "date") if name in over for i in outcome.positions.get(name, ())
    }
    top = kept[first].index
    header = next(
        (
            index
            for index in range(top - 1, -1, -1)
            if index in fields or (index < len(labels) and labels[index] in over)
        ),
        None,
    )
    if header is None:
        return set()
    # the kept blocks stand in page order: those above ``header`` are the first ones
    return set(range(bisect_left(kept, header, key=_INDEX)))


def _header(kept: list[Kept], labels: list[str], title: str | None, outcome: Outcome) -> set[int]:
    """Positions of the blocks the model keeps right under the headline (at the top, when there
    is none), before anything that could be story, that are short and end no sentence (a date
    line, a name, a kicker, a photo credit): the header's, not the story's. A block a rule took
    the dateline from stays; a block the next goes on with (in lower case) is a paragraph's
    first line and ends the header."""
    # without a headline, the header is what stands above everything else
    start = next((p for p, k in enumerate(kept) if k.block.text == title), None) if title else -1
    if start is None:
        return set()
    datelines = set(outcome.positions.get("dateline", ()))
    header = set()
    for position in range(start + 1, len(kept)):
        item = kept[position]
        text = item.block.text
        if item.index >= len(labels) or labels[item.index] not in KEEP:
            continue
        if text.count(" ") >= HEADER_WORDS or len(text) > HEADER_CHARS or ends_sentence(text):
            break
        if position + 1 < len(kept) and kept[position + 1].block.text[:1].islower():
            break  # the first line of a paragraph the next block goes on with
        if item.index not in datelines:
            header.add(position)
    return header


def _closed(
    blocks: tuple[Block, ...], kept: list[Kept], outcome: Outcome, kinds: dict[str, str]
) -> tuple[set[int], int]:
    """Where the story has closed, once it has run :data:`NEXT_AFTER` paragraphs, right above
    a rule's cut of the rest of the page at another story's first paragraph (another story's
    dateline): the positions of the label lines after the story's last paragraph (the next
    story's headline and kicker), and the position of that paragraph (-1: none found)."""
    # (the first such block: the least index, without the hits sorted or a generator)
    cuts = [i for i, ids in outcome.hits.items() if kinds.get(ids[0], "") == "drop-rest"]
    cut = min(cuts) if cuts else None
    if cut is None or cut >= len(blocks) or not is_story_paragraph(blocks[cut].text):
        return set(), -1  # only before another story's first paragraph
    lines: list[int] = []
    for position in reversed([p for p, k in enumerate(kept) if k.index < cut]):
        text = kept[position].block.text
        # a label line, or a headline too long for one: no sentence end, no story paragraph
        if ends_sentence(text) or is_story_paragraph(text):
            story_before = sum(is_story_paragraph(k.block.text) for k in kept[: position + 1])
            if is_story_paragraph(text) and story_before >= NEXT_AFTER:
                return set(lines), position
            break
        lines.append(position)
    return set(), -1


def _second_lede(
    kept: list[Kept], labels: list[str], outcome: Outcome, title: str | None
) -> set[int]:
    """Positions of the kept blocks from the next story's headline on, when the dateline the
    rules found (``wire.dateline``: the page's first) opens a paragraph that stands after the
    story has run :data:`NEXT_AFTER` paragraphs the model keeps, under a headline-like line: a
    story's own dateline opens its lede, so this one opens the next story's (a feed or tag page
    whose first story printed none; with one, ``wire.next-dateline`` cuts the rest). The
    dateline leaves its field for ``removed``: it is the next story's."""
    at = outcome.positions.get("dateline", ())
    if not at:
        return set()
    lede = next((p for p, k in enumerate(kept) if k.index == at[0]), None)
    if lede is None or lede < 1 or not is_story_paragraph(kept[lede].block.text):
        return set()
    head = kept[lede - 1]
    if (
        head.block.text == title
        or not _label_line(head.block.text)
        or head.block.text.count(" ") + 1 < LEDE_HEAD_WORDS
        or kept[lede].index - head.index - 1 > LEDE_HEAD_GAP
    ):
        return set()
    story = sum(1 for _ in headline.story_paragraphs(labels, kept[: lede - 1]))
    if story < NEXT_AFTER:
        return set()
    outcome.remove("model.next-story", outcome.take("dateline"))
    return set(range(lede - 1, len(kept)))


def python_signoff_blocks(blocks: Sequence[Block]) -> list[int]:
    """The indexes of the page's blocks that hold the sign-off's piece
    (:data:`_FEED_SIGNOFF_PIECE`), in order: looked for in the whole page first (no match holds
    the newline joining it), then in each block. The compiled module's ``signoff_blocks``
    finds the same without the page joined or a pattern call, where the regex engine's
    case-blind search cost some 53 thousand instructions a seed document and the sign-off's
    pattern tried on each block of a page that holds the piece some 40 more
    (benchmarks/README.md, speed33)."""
    if not _FEED_SIGNOFF_PIECE.search("\n".join([block.text for block in blocks])):
        return []
    return [i for i, block in enumerate(blocks) if _FEED_SIGNOFF_PIECE.search(block.text)]


@cache
def _signoff_blocks() -> Callable[[Sequence[Block]], list[int]]:
    """:func:`python_signoff_blocks`, compiled where the package was built with it and its
    ``SIGNOFF_HASH`` is this code's (:data:`cleaner.compiled_follows.SIGNOFF`), and
    ``CLEANER_PURE_FEATURES=1`` does not ask for the Python."""
    compiled = compiled_module(f"{__package__}._cfeatures", "SIGNOFF_HASH", SIGNOFF, PURE_SWITCH)
    if compiled is None:
        return python_signoff_blocks
    return cast(Callable[[Sequence[Block]], list[int]], compiled.signoff_blocks)


def _signed_off(blocks: tuple[Block, ...], kept: list[Kept]) -> set[int]:
    """Positions of the kept blocks below a feed's sign-off (:data:`_FEED_SIGNOFF`, in a block a
    rule took or one kept) that stands below a kept block that reads as a story paragraph, or
    is glued to one: the post has ended there. The model's label for the paragraph is not
    asked: on a feed's page it may take the post for chrome and the next post for the story."""
    # (the pattern is tried on the blocks that hold its piece alone: a block that matches it
    # holds the piece, tests/test_story_model.py)
    pieces = _signoff_blocks()(blocks)
    if not pieces:
        return set()
    holding = set(pieces)
    story = False
    at = 0  # the next kept position
    for index, block in enumerate(blocks):
        while at < len(kept) and kept[at].index < index:
            at += 1
        here = at < len(kept) and kept[at].index == index
        signoff = _FEED_SIGNOFF.search(block.text) if index in holding else None
        if signoff and (
            story or (here and is_story_paragraph(block.text[: signoff.start()].rstrip()))
        ):
            return set(range(at + here, len(kept)))  # (the post's last paragraph, glued, stays)
        story = story or (here and is_story_paragraph(block.text))
    return set()


def _gone(
    model: StoryModel,
    blocks: tuple[Block, ...],
    kept: list[Kept],
    labels: list[str],
    outcome: Outcome,
    *,
    title: str | None,
    off: frozenset[str],
    closed: set[int],
) -> dict[int, str | bool]:
    """Positions of kept blocks that leave the body whatever their label, with the id of
    their removal: the header's lines (:func:`_header`), the next story's headline above a
    rule's cut (``closed``, found by :func:`_closed`); or, for a caption printed twice
    (:func:`printed_twice`), whether it is the copy that goes to the captions."""
    gone: dict[int, str | bool] = {}
    if "model.header" not in off:
        gone.update(dict.fromkeys(_header(kept, labels, title, outcome), "model.header"))
    if CAPTION_TWICE not in off:
        gone.update(printed_twice(kept, labels, outcome, title))
    if "model.next-story" not in off:
        gone.update(dict.fromkeys(closed, "model.next-story"))
        gone.update(dict.fromkeys(_second_lede(kept, labels, outcome, title), "model.next-story"))
        gone.update(dict.fromkeys(_signed_off(blocks, kept), "model.next-story"))
    return gone


def _notices(outcome: Outcome, kinds: dict[str, str]) -> list[int]:
    """The indexes of the blocks a rule took a copyright notice from (``wire.copyright``), in
    page order: one below a story paragraph closes the story, and below it a block the model
    doubts at :data:`TAIL_DOUBT` leaves whatever it reads as (:func:`decide`)."""
    # (one comprehension over the hits' ids, no map made for each block: half the
    # instructions)
    hits = outcome.hits
    return sorted(
        {index for index, ids in hits.items() for rule in ids if kinds.get(rule) == "copyright"}
    )


def _stays(
    name: str, off: frozenset[str], story: int, text: str, *, above_byline: bool = False
) -> bool:
    """A block the model keeps as story (or whose label's removal is off); a story paragraph
    the model takes for another story's before the story has begun is the story's (a next
    story comes after the story), and so is one it takes for a standfirst unless it stands
    above the byline (``above_byline``), where aggregators-dev's labels put a standfirst.

    The story model learns standfirsts from fundus-dev's summaries, and takes a lede printed
    over the picture or the date line for one: a wire story's 'Yonhap reports.' lede over a
    photo credit, at 0.94; on the train part a 40-word lede over 'First Published …'.
    Validation, with the model read in rounds: syndication-dev 71 -> 73/74 sentences kept
    (train 271 -> 272/272); aggregators-dev first 0.846 -> 0.821 (one case of 39, a ticker's
    standfirst over its picture, no byline), leak, title, route and retention the same, the
    27 train cases unchanged."""
    return (
        name in KEEP
        or f"model.{name}" in off
        or (name == "teaser" and not story and is_story_paragraph(text))
        or (name == "standfirst" and not (story or above_byline) and is_story_paragraph(text))
    )


def _not_story(marginal: Marginal, index: int) -> float:
    """The model's probability that block ``index`` is no part of the story (``marginal``: the
    page's, :meth:`StoryModel.page_marginal`)."""
    # (a float start: the same sum, and the compiled build, which types sum() by its start,
    # raised TypeError on an int one; setup.py. A list, not a generator: the same additions
    # in the same order, without the generator's frame)
    return 1 - sum([marginal(label, index) for label in KEEP], 0.0)


def _label_line(text: str) -> bool:
    """A short line that is no sentence: a label, a heading, a link's text."""
    return text.count(" ") < PRE_STORY_WORDS and not ends_sentence(text)


def _heading_like(kept: list[Kept], position: int) -> bool:
    """A label line (:func:`_label_line`) that the next block, a story paragraph, does not go on
    with in lower case: the first line of a hard-wrapped paragraph the text blocks left alone
    ('Hurricane Hugo, the Caribbean killer blamed for 25' over 'deaths, seethed past …') is no
    heading."""
    if not _label_line(kept[position].block.text):
        return False
    after = kept[position + 1] if position + 1 < len(kept) else None
    return not (
        after is not None
        and after.index == kept[position].index + 1
        and after.block.text[:1].islower()
        and is_story_paragraph(after.block.text)
    )


def _doubted(model: StoryModel, marginal: Marginal, name: str, index: int) -> str:
    """For a label line above the story that the model keeps: the likeliest other label when
    the model gives the others together ``PRE_STORY_DOUBT`` or more, else ``name``."""
    if _not_story(marginal, index) < PRE_STORY_DOUBT:
        return name
    return max(
        (lab for lab in model.labels() if lab not in KEEP),
        key=lambda lab: marginal(lab, index),
    )


def _reads_as_story(text: str) -> bool:
    """A story paragraph, or a long sentence that ends with a colon: a lede or paragraph that
    introduces a list or a quote ("... is providing a summary of news from around the agency:").
    On the train part's unwrapped dumps, lines of ``LIST_LEAD_WORDS`` words or more ending with
    a colon are story text 1,363 times, chrome 38 (one site's notice), unlabelled 44."""
    if is_story_paragraph(text):
        return True
    if _CJK.search(text) and _cjk_story_paragraph(text):
        return True
    return text.endswith(":") and text.count(" ") + 1 >= LIST_LEAD_WORDS


def _cjk_story_paragraph(text: str) -> bool:
    """A paragraph of Chinese or Japanese that reads as story: it ends a sentence in
    ``STORY_WORDS`` words or more, counted by its characters (:func:`story_words`). Such a
    paragraph is one "word" between spaces, so a Japanese paper's lede went on the model's
    label alone, without ``STORY_MARGIN``: Tokyo Shimbun's lede over a photo caption, taken for
    chrome at 0.85, the body beginning at the second paragraph. Train part, fold models (a
    story model per fold of sites cleaning the other fold's labelled dumps, the set of
    ``training.start_errors`` at 500 rendered dumps a corpus and fold, 1,663 dumps; start17,
    main 7088dae): the body starts at the story's first paragraph on 8 more dumps (3 sites:
    Tokyo Shimbun, Sankei, Mainichi), none fewer; story lines kept 108,919 -> 108,925, chrome
    lines left 16,187 -> 16,188. A long block that ends no sentence is not asked of: so read, a
    Chinese encyclopedia's infobox ('中文名 蔡健雅 外文名 Tanya Chua …', trafilatura-dev) stayed.
    Validation: aggregators-dev (39 cases) and the rendered wcxb-dev and fundus-dev pages
    unchanged; compare_outputs.py 585 of 585 identical."""
    return ends_sentence(text) and story_words(text) >= STORY_WORDS


def _sentence_like(text: str) -> bool:
    """A sentence of some length (:data:`SENTENCE_LIKE_WORDS` words or more): inside the story,
    such a block is kept unless the model is sure of it."""
    return word_count(text) >= SENTENCE_LIKE_WORDS and ends_sentence(text)


def _subhead(kept: list[Kept], position: int) -> bool:
    """A label line (short, no sentence) right under a kept block, nothing taken away between
    them, with a story paragraph under it: inside the story, a subhead (a related story's
    headline under a 'Read more' a rule took is not one)."""
    return (
        _label_line(kept[position].block.text)
        and 0 < position < len(kept) - 1
        and kept[position - 1].index == kept[position].index - 1
        and is_story_paragraph(kept[position + 1].block.text)
    )


def _closes_or_joins(kept: list[Kept], position: int) -> bool:
    """A block that ends a sentence and is the last kept block or followed by a story
    paragraph: a closing line of the story, or a short sentence inside it."""
    if not ends_sentence(kept[position].block.text):
        return False
    return position + 1 == len(kept) or is_story_paragraph(kept[position + 1].block.text)
