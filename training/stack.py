"""Stacking (an experiment, stack32): a second story model over the first's marginals.

The story model sees a window of neighbours; this gives a second CRF the page: each block's
attributes are the first model's, plus page-level ones read from the first pass's marginals
(:func:`stack_features`): the block's own and its neighbours' not-story probability, binned;
the first pass's label; whether it stands in the page's heaviest run of likely story, above it
or below it and how far (blocks, words); whether it is in another run and how heavy that run
is; the share of likely-story words above it; the main run's length.

Trained the standard way so that it carries over: the second pass's training attributes come
from first-pass marginals out of fold (the two fold models of ``training.tune --keep``, each
giving the marginals of the sites it was not trained on), and it is measured held out on train
by site with second-pass fold models (first pass: the fold model that had not seen the site;
second: the one trained on the other fold).

    python -m training.stack build --first DIR --out /tmp/stack/seqs.pkl
    python -m training.stack train --seqs /tmp/stack/seqs.pkl --out DIR   # fold0/fold1
    python -m training.stack heldout --first DIR --second DIR --dumps PKL --out F.jsonl

``--first DIR`` holds ``fold0.crfsuite`` and ``fold1.crfsuite`` (``training.tune --keep``'s,
renamed or linked); ``--dumps`` is a pickle of :func:`training.rendered_losses.labelled_dumps`
as (id, text, gold body, rendering, site, labels) tuples. ``--only`` picks the second pass's
attributes (``all``: the first's and the stacked ones; ``place``: the first's and the place
ones alone; ``alone``: the stacked ones alone), the same for ``train`` and ``heldout``;
``--blend`` where the labels come from and what the decisions read (:class:`StackedModel`).

With more folds (stack33), one step builds it all, the first-pass fold models trained as
``training.train_model`` trains the shipped one (the first 600 dumps a corpus in the data's
order) less the fold's sites, and the second pass's fold models and whole-train model on the
stacked attributes out of fold (about 15 minutes on a shared core); ``heldout`` then takes
``--folds`` and ``--first DIR/first --second DIR/second``:

    python -m training.stack kfold --folds 4 --only alone --out DIR
    python -m training.stack heldout --folds 4 --first DIR/first --second DIR/second \
        --only alone --blend first/ns --dumps PKL --out F.jsonl

``--blend first/ns+LIMITS`` (stack34) keeps ``ns``'s rescaled marginals only where the limits
allow (:func:`limited`: ``head``, ``down``, ``up``, ``run``, ``next``, ``feed``), and
``--set NAME=VALUE`` moves a decision threshold of :mod:`cleaner.passes.story` for the run:

    python -m training.stack heldout --folds 4 --first DIR/first --second DIR/second \
        --only alone --blend first/ns+head+down --set STORY_MARGIN=0.95 --dumps PKL --out F.jsonl

Measured (benchmarks/README.md, stack32, stack33 and stack34): none beats the first pass alone
by the landing criterion (stack33's ``first/ns`` and stack34's ``first/ns+head+down`` at
``STORY_MARGIN`` 0.95 met it held out, +0.003, and lost on the validation aggregator cases'
leak). Nothing here runs at run time; the validation part is never read.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from cleaner.blocks import Block, word_count
from cleaner.engine import Outcome, RuleSet, load_rules
from cleaner.passes.features import page_features, rule_kinds
from cleaner.passes.story import LABELS, StoryModel
from training import tune
from training.story_data import (
    DATA,
    LIMIT,
    PARAMS,
    labelled_blocks,
    read_records,
    variants,
    weight_of,
)

#: The labels whose probabilities sum to a block's story probability.
STORY_LABELS = ("body", "subhead")
#: A block of not-story probability under this is likely story (its run's member).
LIKELY = 0.5
#: Likely-story blocks with at most this many others between them are one run.
RUN_GAP = 2
_NS_BINS = (0.05, 0.3, 0.7, 0.95, 0.99)
_BLOCK_BINS = (1, 3, 7, 15)
_WORD_BINS = (20, 100, 400)
_RUN_WORD_BINS = (50, 150, 400, 1000)
_SHARE_BINS = (0.1, 0.3, 1.0)


def _bin(value: float, edges: Sequence[float]) -> int:
    """The index of the first edge ``value`` is at most (``len(edges)`` past the last)."""
    for n, edge in enumerate(edges):
        if value <= edge:
            return n
    return len(edges)


def not_story(marginals: list[list[float]]) -> list[float]:
    """Each block's not-story probability from its marginals (in :data:`LABELS` order)."""
    story = [LABELS.index(label) for label in STORY_LABELS]
    return [max(0.0, 1.0 - sum(row[i] for i in story)) for row in marginals]


def runs(ns: list[float], words: list[int]) -> list[tuple[int, int, int]]:
    """The runs of likely story: (first, last, words of its likely blocks)."""
    out: list[tuple[int, int, int]] = []
    first = last = -1
    weight = 0
    for i, value in enumerate(ns):
        if value >= LIKELY:
            continue
        if first >= 0 and i - last - 1 <= RUN_GAP:
            last, weight = i, weight + words[i]
            continue
        if first >= 0:
            out.append((first, last, weight))
        first, last, weight = i, i, words[i]
    if first >= 0:
        out.append((first, last, weight))
    return out


def stack_features(
    marginals: list[list[float]], first_labels: list[str], words: list[int]
) -> list[list[str]]:
    """The page-level attributes of each block (prefix ``S``) from the first pass."""
    ns = not_story(marginals)
    bins = [_bin(v, _NS_BINS) for v in ns]
    total = len(ns)
    found = runs(ns, words)
    main = max(found, key=lambda run: run[2]) if found else None
    story_words = sum(w for w, v in zip(words, ns, strict=True) if v < LIKELY)
    before = 0  # likely-story words above the block
    out: list[list[str]] = []
    for i in range(total):
        feats = [f"S:ns={bins[i]}", f"S:lab={first_labels[i]}"]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            feats.append(f"S{offset:+d}:ns={bins[j] if 0 <= j < total else 'e'}")
        for offset in (-1, 1):
            j = i + offset
            feats.append(f"S{offset:+d}:lab={first_labels[j] if 0 <= j < total else 'e'}")
        if main is None:
            place = "none"
        elif i < main[0]:
            gap = main[0] - i
            place = f"above{_bin(gap, _BLOCK_BINS)}"
            feats.append(f"S:aw={_bin(sum(words[i + 1 : main[0]]), _WORD_BINS)}")
        elif i > main[1]:
            gap = i - main[1]
            place = f"below{_bin(gap, _BLOCK_BINS)}"
            feats.append(f"S:bw={_bin(sum(words[main[1] + 1 : i]), _WORD_BINS)}")
        else:
            place = "in" if ns[i] < LIKELY else "gap"
        feats.append(f"S:run={place}")
        feats.append(f"S:run={place}|ns={bins[i]}")
        if main is not None:
            feats.append(f"S:runlen={_bin(main[1] - main[0] + 1, _BLOCK_BINS)}")
            feats.append(f"S:runw={_bin(main[2], _RUN_WORD_BINS)}")
            for run in found:
                if run is not main and run[0] <= i <= run[1]:
                    share = _bin(run[2] / main[2] if main[2] else 1.0, _SHARE_BINS)
                    feats.append(f"S:orun={share}")
                    feats.append(f"S:orun={share}|ns={bins[i]}")
        if story_words:
            feats.append(f"S:above={min(4, int(5 * before / story_words))}")
        if ns[i] < LIKELY:
            before += words[i]
        out.append(feats)
    return out


#: The page's place attributes alone (``--only place``): no binned probabilities, no labels.
PLACE = ("S:run=", "S:aw=", "S:bw=", "S:runlen=", "S:runw=", "S:orun=", "S:above=")


def kept(stacked: list[list[str]], only: str) -> list[list[str]]:
    """The stacked attributes of a feature set: ``all``, ``place``, or ``alone`` (all of them,
    given to the second pass without the first's attributes)."""
    if only in ("all", "alone"):
        return stacked
    return [[f for f in feats if f.startswith(PLACE) and "|" not in f] for feats in stacked]


def first_pass(tagger: Any, feats: list[list[str]]) -> tuple[list[list[float]], list[str]]:
    """The first model's marginals (:data:`LABELS` order) and labels of a page's blocks."""
    tagger.set(feats)
    labels = list(tagger.tag())
    known = set(tagger.labels())
    marginals = [
        [tagger.marginal(label, i) if label in known else 0.0 for label in LABELS]
        for i in range(len(feats))
    ]
    return marginals, labels


def open_tagger(path: Path) -> Any:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


class StackedModel(StoryModel):
    """A :class:`StoryModel` whose labels and marginals are the second pass's (the first
    model's file, then ``second``); the headline model as shipped."""

    def __init__(
        self, rules: RuleSet, first: Path, second: Path, only: str = "all", blend: str = "none"
    ) -> None:
        super().__init__(rules, first)
        self.first = open_tagger(first)
        self.second = open_tagger(second)
        self.only = only
        #: ``LABELS/MARGINALS``: where the labels come from (``second``; ``run``: the second
        #: pass's inside the first pass's main run of likely story, the first's elsewhere;
        #: ``first``) and the marginals the decisions read (``second``; ``first``; ``mean``:
        #: the two averaged; ``ns``: the first's, rescaled so that the story labels sum to the
        #: second pass's story probability). ``none``, ``first`` and ``mean`` alone are
        #: stack32's names: ``second/second``, ``second/first``, ``second/mean``.
        self.blend = {"none": "second/second", "first": "second/first", "mean": "second/mean"}.get(
            blend, blend
        )
        self._marginals: list[list[float]] = []

    def label(self, blocks: tuple[Block, ...], outcome: Outcome) -> list[str]:
        if not blocks:
            return []
        feats = page_features(blocks, outcome, self.kinds)
        marginals, labels = first_pass(self.first, feats)
        words = [word_count(b.text) for b in blocks]
        stacked = kept(stack_features(marginals, labels, words), self.only)
        if self.only == "alone":
            feats = [[] for _ in feats]
        self.second.set([a + b for a, b in zip(feats, stacked, strict=True)])
        second = list(self.second.tag())
        known = set(self.second.labels())
        sharp = [
            [self.second.marginal(label, i) if label in known else 0.0 for label in LABELS]
            for i in range(len(feats))
        ]
        source, reads = self.blend.split("/")
        self._marginals = blended(marginals, sharp, reads)
        if reads.startswith("ns+"):
            self._marginals = limited(
                marginals, self._marginals, labels, blocks, words, reads.split("+")[1:]
            )
        if source == "first":
            return labels
        if source == "run":
            found = runs(not_story(marginals), words)
            if not found:
                return labels
            main = max(found, key=lambda run: run[2])
            return [second[i] if main[0] <= i <= main[1] else labels[i] for i in range(len(labels))]
        return second

    def labels(self) -> tuple[str, ...]:
        return LABELS

    def marginal(self, label: str, index: int) -> float:
        return self._marginals[index][LABELS.index(label)]

    def page_marginal(self) -> Any:
        return self.marginal


def blended(first: list[list[float]], second: list[list[float]], reads: str) -> list[list[float]]:
    """The marginals the decisions read (:class:`StackedModel`'s ``blend``, its second part)."""
    if reads == "first":
        return first
    if reads == "second":
        return second
    if reads == "mean":
        return [
            [(a + b) / 2 for a, b in zip(r, s, strict=True)]
            for r, s in zip(first, second, strict=True)
        ]
    story = [LABELS.index(label) for label in STORY_LABELS]
    out = []
    for row, sharp in zip(first, second, strict=True):
        was = sum(row[i] for i in story)
        now = sum(sharp[i] for i in story)
        up = now / was if was > 1e-9 else 1.0
        down = (1 - now) / (1 - was) if was < 1 - 1e-9 else 1.0
        out.append([v * (up if i in story else down) for i, v in enumerate(row)])
    return out


#: The first pass's labels whose marginals the next-story cut reads (story.py's _NEXT_LABELS).
NEXT_LABELS = ("title", "teaser")


def sure_end(marginals: list[list[float]], labels: list[str], blocks: tuple[Block, ...]) -> int:
    """The index of the last block the first pass keeps as story, that reads as a story
    paragraph, with story probability at least ``story.TAIL_SURE`` (-1: none): as
    ``story._sure_end`` finds it over the blocks the rules kept, here over every block."""
    from cleaner.blocks import is_story_paragraph
    from cleaner.passes import story as story_pass

    story = [LABELS.index(label) for label in STORY_LABELS]
    for i in range(len(labels) - 1, -1, -1):
        if (
            labels[i] in STORY_LABELS
            and is_story_paragraph(blocks[i].text)
            and sum(marginals[i][k] for k in story) >= story_pass.TAIL_SURE
        ):
            return i
    return -1


def next_title(labels: list[str], blocks: tuple[Block, ...]) -> int:
    """The index of the first block the first pass labels title or teaser once it has labelled
    ``story.NEXT_AFTER`` story paragraphs above it (a next story's headline: where a feed's
    next story may begin), or the page's length."""
    from cleaner.blocks import is_story_paragraph
    from cleaner.passes import story as story_pass

    seen = 0
    for i, label in enumerate(labels):
        if label in NEXT_LABELS and seen >= story_pass.NEXT_AFTER:
            return i
        seen += label in STORY_LABELS and is_story_paragraph(blocks[i].text)
    return len(labels)


def limited(
    first: list[list[float]],
    rescaled: list[list[float]],
    labels: list[str],
    blocks: tuple[Block, ...],
    words: list[int],
    limits: list[str],
) -> list[list[float]]:
    """``ns``'s rescaled marginals kept only where every limit allows (stack34), the first
    pass's elsewhere: ``head`` at or above the first pass's sure end (:func:`sure_end`; the
    tail below it left to the first pass); ``up`` where the rescale raises story probability;
    ``run`` inside the first pass's main run of likely story; ``next`` not on a block the first
    pass labels title or teaser (the next-story cut's labels); ``down`` (with ``head``) below
    the sure end too where the rescale lowers story probability (``downk``: on the blocks the
    first pass labels story alone); ``feed`` (with ``head``) the sure end no lower than the
    block above :func:`next_title`."""
    story = [LABELS.index(label) for label in STORY_LABELS]
    end = sure_end(first, labels, blocks) if "head" in limits else len(first)
    if "feed" in limits:
        end = min(end, next_title(labels, blocks) - 1)
    lo, hi = 0, len(first) - 1
    if "run" in limits:
        found = runs(not_story(first), words)
        if found:
            lo, hi, _ = max(found, key=lambda run: run[2])
        else:
            lo, hi = 0, -1
    out = []
    for i, (row, new) in enumerate(zip(first, rescaled, strict=True)):
        ok = i <= end and lo <= i <= hi
        raises = sum(new[k] for k in story) > sum(row[k] for k in story)
        if "up" in limits and not raises:
            ok = False
        if "down" in limits and i > end and not raises:
            ok = True  # below the sure end, the rescale where it lowers story probability
        if "downk" in limits and i > end and not raises and labels[i] in STORY_LABELS:
            ok = True  # the same, on the blocks the first pass keeps as story alone
        if "next" in limits and labels[i] in NEXT_LABELS:
            ok = False
        out.append(new if ok else row)
    return out


# --- building the second pass's training sequences -------------------------------------------


def _page(text: str, labels: list[str], rules: RuleSet, kinds: dict[str, str]) -> Any:
    found = labelled_blocks(text, labels, rules, kinds)
    if found is None:
        return None
    blocks, feats, tags, known = found
    return feats, tags, known, [word_count(b.text) for b in blocks]


def _train_pages(
    folds: int, enough: Callable[[int, str], bool]
) -> Iterator[tuple[int, str, str, Any]]:
    """(fold, corpus, id, :func:`_page`) of the train part's dumps in the data's order, a
    record's variants together, passing over the records of a fold and corpus the caller has
    ``enough`` of (asked as each record comes: the caller counts what it took so far)."""
    rules = load_rules()
    kinds = rule_kinds(rules)
    for record in read_records(DATA, "train"):
        fold, corpus = tune.fold_of(record["site"], folds), record["corpus"]
        if enough(fold, corpus):
            continue
        for doc_id, text, line_labels in variants(record):
            found = _page(text, line_labels, rules, kinds)
            if found is not None:
                yield fold, corpus, doc_id, found


def build(first: Path, out: Path, folds: int = 2, most: int = LIMIT) -> None:
    """The train part's sequences as ``training.tune`` loads them, each with the stacked
    attributes from the first-pass fold model that had not seen its site."""
    taggers = {f: open_tagger(first / f"fold{f}.crfsuite") for f in range(folds)}
    seqs: list[tuple[int, str, str, list[list[str]], list[list[str]], list[str]]] = []
    taken: Counter[tuple[int, str]] = Counter()
    for fold, corpus, doc_id, found in _train_pages(folds, lambda f, c: taken[f, c] >= most):
        feats, tags, known, words = found
        marginals, labels = first_pass(taggers[fold], feats)
        stacked = stack_features(marginals, labels, words)
        seqs.append(
            (
                fold,
                corpus,
                doc_id,
                [feats[i] for i in known],
                [stacked[i] for i in known],
                [tags[i] for i in known],
            )
        )
        taken[fold, corpus] += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pickle.dumps(seqs))
    print(f"{len(seqs)} sequences: {dict(Counter((s[0], s[1]) for s in seqs))}")


def train(seqs_path: Path, out: Path, folds: int = 2, only: str = "all") -> None:
    """The second pass's fold models: fold ``k`` trained on the other folds' sequences (as
    ``training.tune.train_fold``: the shipped settings, limit and aggregator weight)."""
    import pycrfsuite

    seqs = pickle.loads(seqs_path.read_bytes())
    out.mkdir(parents=True, exist_ok=True)
    for fold in range(folds):
        trainer = pycrfsuite.Trainer(verbose=False)
        trainer.set_params(PARAMS)
        per_corpus: Counter[str] = Counter()
        for seq_fold, corpus, _, feats, extra, tags in seqs:
            if seq_fold == fold or per_corpus[corpus] >= LIMIT:
                continue
            per_corpus[corpus] += 1
            base = feats if only != "alone" else [[] for _ in feats]
            items = [a + b for a, b in zip(base, kept(extra, only), strict=True)]
            for _ in range(weight_of(corpus)):
                trainer.append(items, tags)
        trainer.train(str(out / f"fold{fold}.crfsuite"))
        print(f"fold {fold}: {dict(per_corpus)}", flush=True)


# --- K folds: first-pass fold models as the full model is trained, out-of-fold attributes --


Page = tuple[int, str, str, list[list[str]], list[str], list[int], list[int]]


def load_pages(folds: int, most: int = LIMIT) -> list[Page]:
    """The train part's dumps in the data's order (fold, corpus, id, every block's attributes,
    labels, known positions, words), as many a corpus as :func:`chosen` needs for every fold."""
    pages: list[Page] = []
    count: Counter[tuple[str, int]] = Counter()
    total: Counter[str] = Counter()

    def enough(_: int, corpus: str) -> bool:
        return min(total[corpus] - count[corpus, k] for k in range(folds)) >= most

    for fold, corpus, doc_id, (feats, tags, known, words) in _train_pages(folds, enough):
        pages.append((fold, corpus, doc_id, feats, tags, known, words))
        count[corpus, fold] += 1
        total[corpus] += 1
    return pages


def chosen(pages: list[Page], fold: int | None, most: int = LIMIT) -> list[int]:
    """The pages a model of ``fold`` trains on: as ``training.train_model`` takes them (the
    first ``most`` a corpus in the data's order), less the fold's sites (``None``: all).
    (``training.tune --folds K`` takes each fold's first ``most`` and fills a model's limit
    from the lowest other fold first: past two folds a model would see one fold's sites.)"""
    out: list[int] = []
    per_corpus: Counter[str] = Counter()
    for n, page in enumerate(pages):
        if page[0] == fold or per_corpus[page[1]] >= most:
            continue
        per_corpus[page[1]] += 1
        out.append(n)
    return out


def train_on(items: list[tuple[str, list[list[str]], list[str]]], path: Path) -> None:
    """One CRF on (corpus, attributes, labels) with the shipped settings and weight."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(PARAMS)
    for corpus, feats, tags in items:
        for _ in range(weight_of(corpus)):
            trainer.append(feats, tags)
    trainer.train(str(path))


def kfold(out: Path, folds: int, only: str = "alone") -> None:
    """Everything ``heldout`` needs with ``folds`` folds, in ``out`` (each step skipped when
    its file is there): ``pages.pkl``; ``first/foldK.crfsuite`` (first pass, the fold's sites
    left out); ``stacked.pkl`` (every page's stacked attributes from the first-pass model that
    had not seen its site); ``second/foldK.crfsuite`` (second pass, as the first's fold
    model); ``second/full.crfsuite`` (all sites' out-of-fold attributes)."""
    import time

    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    pages_path = out / "pages.pkl"
    if pages_path.is_file():
        pages = pickle.loads(pages_path.read_bytes())
    else:
        pages = load_pages(folds)
        pages_path.write_bytes(pickle.dumps(pages))
    print(
        f"{len(pages)} pages: {dict(Counter((p[0], p[1]) for p in pages))} "
        f"({time.perf_counter() - started:.0f}s)",
        flush=True,
    )
    (out / "first").mkdir(exist_ok=True)
    for fold in range(folds):
        path = out / "first" / f"fold{fold}.crfsuite"
        if path.is_file():
            continue
        picked = chosen(pages, fold)
        items = [
            (
                pages[n][1],
                [pages[n][3][i] for i in pages[n][5]],
                [pages[n][4][i] for i in pages[n][5]],
            )
            for n in picked
        ]
        train_on(items, path)
        print(
            f"first fold {fold}: {dict(Counter(pages[n][1] for n in picked))} "
            f"({time.perf_counter() - started:.0f}s)",
            flush=True,
        )
    stacked_path = out / "stacked.pkl"
    if stacked_path.is_file():
        stacked = pickle.loads(stacked_path.read_bytes())
    else:
        taggers = {f: open_tagger(out / "first" / f"fold{f}.crfsuite") for f in range(folds)}
        stacked = []
        for fold, _, _, feats, _, known, words in pages:
            marginals, labels = first_pass(taggers[fold], feats)
            every = stack_features(marginals, labels, words)
            stacked.append([every[i] for i in known])
        stacked_path.write_bytes(pickle.dumps(stacked))
        print(f"stacked ({time.perf_counter() - started:.0f}s)", flush=True)
    (out / "second").mkdir(exist_ok=True)
    for fold in [*range(folds), None]:
        name = "full" if fold is None else f"fold{fold}"
        path = out / "second" / f"{name}.crfsuite"
        if path.is_file():
            continue
        items = []
        for n in chosen(pages, fold):
            _, corpus, _, feats, tags, known, _ = pages[n]
            base = [[] for _ in known] if only == "alone" else [feats[i] for i in known]
            extra = kept(stacked[n], only)
            items.append(
                (
                    corpus,
                    [a + b for a, b in zip(base, extra, strict=True)],
                    [tags[i] for i in known],
                )
            )
        train_on(items, path)
        print(f"second {name} ({time.perf_counter() - started:.0f}s)", flush=True)


def heldout(
    first: Path,
    second: Path | None,
    dumps_path: Path,
    out: Path,
    only: str = "all",
    blend: str = "none",
    folds: int = 2,
) -> None:
    """Per-dump body P, R, F1 of the rendered train dumps (``recall31``'s pickle of
    ``rendered_losses.labelled_dumps``: id, text, gold body, rendering, site, labels), each
    cleaned by the fold models that had not seen its site; then the 27 aggregator train cases
    (the aggregator scorer's results a case)."""
    from cleaner import Cleaner
    from training import rendered_eval
    from training.corpora import aggregator_scorer, load_split

    cleaners = {}
    for fold in range(folds):
        c = Cleaner()
        path = first / f"fold{fold}.crfsuite"
        c.story = (
            StoryModel(c.rules, path)
            if second is None
            else StackedModel(c.rules, path, second / f"fold{fold}.crfsuite", only, blend)
        )
        cleaners[fold] = c
    dumps = pickle.loads(dumps_path.read_bytes())
    with out.open("w") as handle:
        for cid, text, gold, rendering, site, _ in dumps:
            body = cleaners[tune.fold_of(site, folds)].clean(text, kind="text").body or ""
            p, r, f1 = rendered_eval.prf(body, gold)
            row = {"id": cid, "site": site, "r": rendering, "f1": f1, "p": p, "rec": r}
            handle.write(json.dumps(row) + "\n")
        scorer = aggregator_scorer()
        if scorer is None:
            raise FileNotFoundError("the aggregator scorer is missing")
        split = load_split()["aggregators-dev"]
        results = {}
        for name, entry in sorted(split.items()):
            if entry["part"] != "train":
                continue
            folder = tune.CASES / name
            labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
            text = (folder / "input.txt").read_text(encoding="utf-8")
            article = cleaners[tune.fold_of(entry["site"], folds)].clean(text, kind="text")
            results[name] = scorer.score_case(labels, article.to_dict())
        summary = scorer.aggregate(results)
        handle.write(json.dumps({"agg": summary, "cases": results}, default=str) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.stack", description=__doc__)
    parser.add_argument("step", choices=("build", "train", "heldout", "kfold"))
    parser.add_argument("--folds", type=int, default=2, help="folds by site (kfold, heldout)")
    parser.add_argument("--first", type=Path, help="first-pass fold0/fold1.crfsuite")
    parser.add_argument("--second", type=Path, help="second-pass fold models (heldout)")
    parser.add_argument("--seqs", type=Path, help="the built sequences (train)")
    parser.add_argument("--dumps", type=Path, help="the labelled rendered dumps (heldout)")
    parser.add_argument(
        "--only", default="all", choices=("all", "place", "alone"), help="feature set"
    )
    parser.add_argument("--blend", default="none", help="none, first, mean, or LABELS/MARGINALS")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a decision threshold of cleaner.passes.story for this run (heldout; stack34)",
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    for item in args.set:
        name, _, value = item.partition("=")
        tune.set_decision(name, float(value), "training.stack")
    if args.step == "build":
        build(args.first, args.out)
    elif args.step == "train":
        train(args.seqs, args.out, only=args.only)
    elif args.step == "kfold":
        kfold(args.out, args.folds, args.only)
    else:
        heldout(args.first, args.second, args.dumps, args.out, args.only, args.blend, args.folds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
