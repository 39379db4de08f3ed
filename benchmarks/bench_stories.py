"""Benchmark: grouping cleaned articles into stories, beside the shingle and Simhash baselines.

Two parts, run from the repository root::

    .venv/bin/python benchmarks/bench_stories.py [--corpora DIR] [--volume N] [--no-pairs]
        [--margins] [--shifts] [--logo] [--cuts] [--sentences] [--own] [--passages]
        [--robust] [--negatives] [--parts train,val]

1. **Pairs** (``syndication-dev``): every text cleaned with the project's Cleaner, grouped with
   :func:`cleaner.stories.group_articles`, and scored pair by pair with the definitions of
   ``../shared/tools/syndication_eval.py`` (imported from there), separately on the tuning
   (``train``) and validation (``val``) parts of ``training/split.json``. The scorer's two
   baselines (5-word-shingle containment >= 0.3 and trafilatura's Simhash >= 0.8, both on the
   raw texts) are scored on the same pairs. ``--margins`` lists the tuning part's pairs decided
   wrongly or by a thin margin (a score within 0.05 of :data:`~cleaner.stories.decide.SAME` or,
   for a member and its story's representative, of ``REPRESENTATIVE``) with their measures, and
   counts them on the validation part (counts only: its pages are not for designing rules), and
   prints for both parts how far apart the positive and negative pairs' scores lie
   (:func:`separation`).
   ``--sentences`` measures the order of the texts' sentences (:func:`sentence_order`; measured
   and not adopted, see benchmarks/README.md): for each part, the measure by kind of pair, the
   ROC AUC of the measure alone and of the pair scores with and without it as a veto, and the
   part grouped with the veto (:func:`sentences_report`). ``--own`` measures what each text
   brings of its own (measured and not adopted, see benchmarks/README.md): content words
   weighted by their rarity in a background of other stories (wcxb-dev's and fundus-dev's gold
   texts), the shared weight and each side's own material, and paragraph containment, by kind
   of pair with their ROC AUC, and the own material as a veto in the score, grouped
   (:func:`own_report`); with ``--logo``, ``--cuts`` and ``--shifts`` the veto is run there
   too. ``--passages`` measures the shape of the shared word sequences (measured and not
   adopted, see benchmarks/README.md): for the pairs at or over SAME short of a verbatim copy,
   the longest shared run of the shorter text, where it starts and what is shared outside it,
   and each part grouped with the one-passage cap (:func:`passages_report`). ``--parts train``
   scores the tuning
   part alone (while designing: the validation part is scored once, at the end).
   ``--shifts`` groups the same pairs from bodies the cleaner gives with its story model off
   (rules only) and from the raw texts (no cleaning): how much the grouping depends on the
   cleaner's output; ``--cuts`` regroups the tuning part with each text in turn cut to the first
   half of its paragraphs (:func:`cuts_report`). ``--logo`` runs leave-one-group-out on the
   tuning part for each threshold of :mod:`cleaner.stories.decide` (see :func:`logo_report`).
   ``--robust`` scores each part with its texts in other forms: through the HTML path, hard-
   wrapped, cut to their first paragraphs, added one at a time in shuffled orders, and with a
   teaser of each text beside it (:func:`robust_report`). ``--negatives`` groups every page of
   wcxb-dev and fundus-dev (distinct stories, many of one site) in three forms — gold body,
   rendered dump, HTML — and lists the joins between two pages (:func:`negatives_report`).
   (A ``--learned`` option, logistic regressions over the pair measures in place of the hand-set
   score, was measured and removed with its scikit-learn dependency: see benchmarks/README.md.)
2. **Volume**: N synthetic articles (default 100,000) made from the cleaned texts of the
   corpora — distinct stories as collages of sentences with their names and numbers changed,
   and copies of them trimmed, with paragraphs dropped, or with words substituted — generated
   one at a time (the corpus is never held) and added to one StoryIndex on one core, in batches
   of ``--batch`` articles (default 1,000, as the datatrove step groups them; 1: one at a time):
   wall time, peak RSS, and pair precision/recall against the known groups. Trafilatura's Simhash
   fingerprint is timed on the first articles for reference. The articles are already clean:
   cleaning time is not in the figure (the Cleaner's own benchmarks measure it).

Without the corpora it says so and exits 0.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import math
import os
import random
import re
import resource
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from html import escape as html_escape
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from cleaner import Article, Cleaner, Dateline
from cleaner.errors import CleanerError
from cleaner.lexicon import CLOSING_MARKS, SENTENCE_END_MARKS
from cleaner.stories import StoryIndex, group_articles
from cleaner.stories.decide import (
    BEYOND_CHANCE,
    COPY,
    MAX_DAYS,
    REPRESENTATIVE,
    SAME,
    Comparison,
    compare,
)
from cleaner.stories.signature import (
    Signature,
    content_words,
    hashed,
    shingles,
    signature,
    words,
)

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "syndication_eval.py"
SPLIT = Path(__file__).resolve().parents[1] / "training" / "split.json"
#: How close to a threshold a right decision is called thin (about one pair's worth of F1).
MARGIN = 0.05
KINDS = ("copy", "edited", "spun", "same-event", "same-site", "same-event-other-group")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--volume", type=int, default=100_000, help="synthetic articles (0: none)")
    parser.add_argument("--no-pairs", action="store_true", help="skip the labelled pairs")
    parser.add_argument("--margins", action="store_true", help="list thin and wrong pairs")
    parser.add_argument(
        "--shifts", action="store_true", help="also group rules-only and raw bodies"
    )
    parser.add_argument(
        "--logo", action="store_true", help="leave-one-group-out on the tuning part"
    )
    parser.add_argument(
        "--cuts", action="store_true", help="the tuning part with one text cut to its first half"
    )
    parser.add_argument(
        "--sentences", action="store_true", help="the sentence measure by kind of pair"
    )
    parser.add_argument(
        "--own",
        action="store_true",
        help="rare words, own material and paragraphs by kind of pair, and the own-material veto",
    )
    parser.add_argument(
        "--passages",
        action="store_true",
        help="the shared word sequences' shape by pair, and the one-passage cap, grouped",
    )
    parser.add_argument(
        "--robust",
        action="store_true",
        help="the pair figures through the HTML path, wrapped, cut to 3 paragraphs, shuffled",
    )
    parser.add_argument(
        "--negatives",
        action="store_true",
        help="false joins among wcxb-dev's and fundus-dev's pages (gold, dump and HTML)",
    )
    parser.add_argument(
        "--parts", default="train,val", help="parts of syndication-dev to score (train,val)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--batch", type=int, default=1000, help="articles added at once (1: one at a time)"
    )
    args = parser.parse_args(argv)
    root = args.corpora / "syndication-dev"
    if not root.is_dir() or not SCORER.is_file():
        print(f"syndication-dev or its scorer not found under {args.corpora.parent}: nothing to do")
        return 0
    print(f"load (uptime): {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}", flush=True)
    scorer = _scorer()
    cleaner = Cleaner()
    own: Weight | None = None
    if args.own:
        frequencies, texts = background_frequencies(args.corpora)
        if not texts:
            print(f"no wcxb-dev or fundus-dev under {args.corpora}: --own weighs words flat")
        own = rarity(frequencies, texts) if texts else flat
    if not args.no_pairs:
        parts = tuple(args.parts.split(","))
        pairs_report(
            scorer,
            root,
            cleaner,
            margins=args.margins,
            sentences=args.sentences,
            own=own,
            passages=args.passages,
            parts=parts,
        )
        if args.shifts:
            rules_only = Cleaner(disable=["model"])
            for bodies, label in ((rules_only, "rules only"), (None, "raw texts")):
                pairs_report(
                    scorer, root, bodies, label=label, baselines=False, own=own, parts=parts
                )
    if args.robust:
        robust_report(scorer, root, cleaner, tuple(args.parts.split(",")))
    if args.negatives:
        negatives_report(args.corpora, cleaner)
    if args.logo:
        logo_report(scorer, root, cleaner, own)
    if args.cuts:
        cuts_report(scorer, root, cleaner, own)
    if args.volume:
        volume_report(args.corpora, cleaner, args.volume, args.seed, max(args.batch, 1))
    return 0


# --- labelled pairs -------------------------------------------------------------------------


def pairs_report(
    scorer: ModuleType,
    root: Path,
    cleaner: Cleaner | None,
    *,
    label: str = "",
    baselines: bool = True,
    margins: bool = False,
    sentences: bool = False,
    own: Weight | None = None,
    passages: bool = False,
    parts: tuple[str, ...] = ("train", "val"),
) -> None:
    """Group each part's texts (cleaned by ``cleaner``; None: the raw texts as bodies) and score
    the labelled pairs."""
    split = json.loads(SPLIT.read_text("utf-8"))["syndication-dev"]
    groups, unrelated = scorer.load(root)
    all_pairs = scorer.pairs(groups, unrelated)
    files = sorted({f for _, _, ms in groups for _, f in ms} | {f for p in unrelated for f in p})

    def part(path: Path) -> str:
        rel = path.relative_to(root).parts
        key = rel[0] if rel[0] != "unrelated" else f"unrelated/{rel[1]}"
        return str(split[key]["part"])

    print(
        "\nsyndication-dev pairs (recall by kind for copy/edited/spun, kept apart for the rest)"
        + (f": bodies from {label}" if label else "")
    )
    header = f"{'part':5} {'system':16} {'P':>6} {'R':>6} {'F1':>6}"
    print(header + "".join(f" {k[:14]:>14}" for k in KINDS) + "   s/text")
    for name in parts:
        chosen = [f for f in files if part(f) == name]
        ps = [p for p in all_pairs if part(p[2]) == name and part(p[3]) == name]
        start = time.perf_counter()
        articles = [_article(cleaner, f) for f in chosen]
        assignments = group_articles(articles, [str(f) for f in chosen])
        seconds = (time.perf_counter() - start) / max(len(chosen), 1)
        story = {a.key: a.story for a in assignments}
        systems: list[tuple[str, Callable[[Path, Path], bool], float | None]] = [
            ("cleaner-stories", _same_story(story), seconds),
        ]
        if baselines:
            systems.append(("shingles>=0.3", scorer.shingles_same(0.3), None))
            systems.append(("simhash>=0.8", scorer.simhash_same(0.8), None))
        for system, same, took in systems:
            res = scorer.score(same, ps)
            line = (
                f"{name:5} {system:16} {res['precision']:6.3f} {res['recall']:6.3f} "
                f"{res['f1']:6.3f}"
            )
            for kind in KINDS:
                v = res["by_kind"].get(kind)
                line += (
                    f" {v['right']:>6}/{v['n']:<3} {v['right'] / v['n']:4.0%}" if v else " " * 15
                )
            print(line + (f"   {took * 1000:.1f} ms" if took is not None else ""))
        signatures = {str(f): signature(a) for f, a in zip(chosen, articles, strict=True)}
        if margins:
            reps = {a.key: a.representative for a in assignments}
            margins_report(name, ps, story, reps, signatures, root)
        if sentences:
            print(sentences_report(scorer, name, chosen, articles, ps, signatures))
        if own is not None:
            print(own_report(scorer, name, chosen, articles, ps, signatures, own))
        if passages:
            print(passages_report(scorer, name, chosen, articles, ps, signatures, root))


def margins_report(
    name: str,
    ps: list[tuple[bool, str, Path, Path]],
    story: dict[str, str],
    reps: dict[str, str],
    signatures: dict[str, Signature],
    root: Path,
) -> None:
    """The labelled pairs (other-group pairs aside) decided wrongly, or rightly by a thin margin:
    a pair score within :data:`MARGIN` of ``SAME``, or a member's score against its
    representative within :data:`MARGIN` of ``REPRESENTATIVE``. Listed on the tuning part,
    counted on the validation part."""
    counts: Counter[str] = Counter()
    lines: list[str] = []
    for positive, kind, a, b in ps:
        if kind == "other-group":
            continue
        x, y = str(a), str(b)
        pair = compare(signatures[x], signatures[y])
        near = [
            compare(signatures[m], signatures[reps[m]]).score
            for m in (x, y)
            if reps[m] != m and (positive or story[x] == story[y])
        ]
        thin = abs(pair.score - SAME) < MARGIN or any(
            abs(s - REPRESENTATIVE) < MARGIN for s in near
        )
        wrong = (story[x] == story[y]) != positive
        if not (wrong or thin):
            continue
        counts[f"{'wrong' if wrong else 'thin'} {kind}"] += 1
        lines.append(
            f"  {'WRONG' if wrong else 'thin '} {kind:10} {_short(a, root)} {_short(b, root)} "
            f"score {pair.score:.2f} (containment {pair.containment:.2f}, wording "
            f"{pair.wording:.2f}, order {pair.order:.2f}, beyond chance {pair.beyond_chance:.2f}"
            f"{', agencies differ' if pair.agencies_differ else ''}"
            f"{', places differ' if pair.places_differ else ''}"
            f"{f', {pair.days_apart} days apart' if pair.days_apart is not None else ''})"
            + (f" against representatives {', '.join(f'{s:.2f}' for s in near)}" if near else "")
        )
    print(
        f"{name}: pairs decided wrongly or within {MARGIN} of a threshold: "
        + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none")
    )
    if name == "train":
        print("\n".join(lines))
    print(separation(name, ps, signatures, story))


def _decided_by_score(
    ps: list[tuple[bool, str, Path, Path]], signatures: dict[str, Signature]
) -> Iterator[tuple[bool, str, Path, Path, Comparison]]:
    """The labelled pairs of one group or event with their comparison, the negatives among
    them those whose decision rests on the score (not kept apart by their own credits, places
    or dates); other-group pairs aside."""
    for positive, kind, a, b in ps:
        if kind == "other-group":
            continue
        pair = compare(signatures[str(a)], signatures[str(b)])
        if positive or (not pair.elsewhere and (pair.days_apart or 0) <= MAX_DAYS):
            yield positive, kind, a, b, pair


def separation(
    name: str,
    ps: list[tuple[bool, str, Path, Path]],
    signatures: dict[str, Signature],
    story: dict[str, str],
) -> str:
    """The gap between the two populations of pair scores: the highest-scoring negatives
    (same-event pairs, in a group or across two groups of one event, and same-site pairs, not
    kept apart by their own credits, places or dates: their decision rests on the score) and
    the lowest-scoring positives, with how many of each lie across the other's extreme, the
    pairs' ROC AUC, and how many negatives at or over ``SAME`` the story-level tests (the
    representative test, the story's credit) keep apart. Scores only, no page named: it is
    printed for both parts."""
    negatives: list[float] = []
    held = 0
    positives: list[float] = []
    for positive, _, a, b, pair in _decided_by_score(ps, signatures):
        if positive:
            positives.append(pair.score)
        else:
            negatives.append(pair.score)
            held += pair.score >= SAME and story[str(a)] != story[str(b)]
    if not negatives or not positives:
        return f"{name}: separation: no pairs"
    negatives.sort(reverse=True)
    positives.sort()
    top, low = negatives[0], positives[0]
    # the positives no score could take (a garbled rewrite, a wire's first write-through)
    # aside: the gap to the lowest positive at BEYOND_CHANCE or more
    reachable = [s for s in positives if s >= BEYOND_CHANCE]
    # the share of (positive, negative) pairs of pairs ordered rightly (ROC AUC; ties half)
    ordered = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return (
        f"{name}: separation (ROC AUC {ordered / (len(positives) * len(negatives)):.3f}): highest "
        f"negatives {', '.join(f'{s:.2f}' for s in negatives[:4])} (of {len(negatives)}); lowest "
        f"positives {', '.join(f'{s:.2f}' for s in positives[:4])} (of {len(positives)}); gap "
        f"{low - top:+.2f}, positives under the highest negative {sum(s < top for s in positives)},"
        f" negatives over the lowest positive {sum(s > low for s in negatives)}\n"
        f"{name}: from the lowest positive scoring {BEYOND_CHANCE} or more: gap "
        f"{(reachable[0] if reachable else 1.0) - top:+.2f}; at SAME {SAME}: negatives at or over"
        f" it {sum(s >= SAME for s in negatives)} ({held} of them kept apart by the story-level "
        f"tests), positives under it {sum(s < SAME for s in positives)}"
    )


# --- one shared passage (measured, not adopted) --------------------------------------------

#: The one-passage cap (:func:`passage_capped`): the longest shared run of the shorter text's
#: content words is PASSAGE of them or more, starts PASSAGE_START or more into the text, and
#: the text shares at most PASSAGE_REST of its words outside it. Set in the middle of what the
#: tuning part allows (its one such look-alike, 016 m4: run 0.44, start 0.56, rest 0.19; the
#: copy-type pairs it must spare: runs of 0.37 (013 m2-m3, rest 0.38), 0.39 and more starting
#: at 0.17 at most (003 m1-m2, 011, 012, 013 m1-m3)).
PASSAGE = 0.40
PASSAGE_START = 0.35
PASSAGE_REST = 0.30


def passage(a: Sequence[int], b: Sequence[int]) -> tuple[float, float, float]:
    """The shared word sequences of the shorter of two content-word sequences, as shares of its
    length: the longest run of its words covered by 3-grams found in the other, its words so
    covered outside that run, and where the run starts (symmetric).

    >>> passage([1, 2, 3, 0, 4, 5, 6, 7, 8, 9], [4, 5, 6, 7, 8, 9, 12, 1, 2, 3, 13, 14])
    (0.6, 0.3, 0.4)
    """
    short, other = (a, b) if len(a) <= len(b) else (b, a)
    size = len(short)
    if size < 3 or len(other) < 3:
        return 0.0, 0.0, 0.0
    grams = set(zip(other, other[1:], other[2:], strict=False))
    covered = [False] * (size + 1)
    for at, gram in enumerate(zip(short, short[1:], short[2:], strict=False)):
        if gram in grams:
            covered[at : at + 3] = [True] * 3
    longest = start = total = 0
    began = -1
    for at, flag in enumerate(covered):
        if flag:
            total += 1
            began = at if began < 0 else began
        elif began >= 0:
            if at - began > longest:
                longest, start = at - began, began
            began = -1
    return longest / size, (total - longest) / size, start / size


def passage_capped(pair: Comparison, a: Signature, b: Signature) -> Comparison:
    """The pair with the one-passage cap (:data:`PASSAGE`): a pair at or over SAME, short of a
    verbatim copy, whose shared sequences are mostly one run starting inside the shorter text
    (a quoted statement, a release paragraph) scores no more than the words shared outside it."""
    if pair.score < SAME or pair.containment >= COPY:
        return pair
    run, rest, start = passage(a.words, b.words)
    if run >= PASSAGE and start >= PASSAGE_START and rest <= PASSAGE_REST:
        return dataclasses.replace(pair, score=min(pair.score, rest))
    return pair


def passages_report(
    scorer: ModuleType,
    name: str,
    chosen: list[Path],
    articles: list[Article],
    ps: list[tuple[bool, str, Path, Path]],
    signatures: dict[str, Signature],
    root: Path,
) -> str:
    """The shape of the shared sequences (:func:`passage`) of the pairs at or over SAME short of
    a verbatim copy (negatives: those whose decision rests on the score), named on the tuning
    part, by kind only on the validation part; and the part grouped with the one-passage cap."""
    lines = [f"{name}: shared sequences of the pairs at or over SAME under COPY (run/rest/start)"]
    for _, kind, a, b, pair in _decided_by_score(ps, signatures):
        if pair.score < SAME or pair.containment >= COPY:
            continue
        run, rest, start = passage(signatures[str(a)].words, signatures[str(b)].words)
        names = f"{_short(a, root)} {_short(b, root)}" if name == "train" else ""
        capped = run >= PASSAGE and start >= PASSAGE_START and rest <= PASSAGE_REST
        lines.append(
            f"  {kind:10} {names:15} score {pair.score:.2f} containment {pair.containment:.2f}"
            f"  run {run:.2f} rest {rest:.2f} start {start:.2f}{'  capped' if capped else ''}"
        )
    lines[1:] = sorted(lines[1:])
    with patched_compare(passage_capped):
        story = _stories(articles, chosen)
    res = scorer.score(_same_story(story), ps)
    lines.append(
        f"{name}: grouped with the one-passage cap (run {PASSAGE}, start {PASSAGE_START}, rest "
        f"{PASSAGE_REST}): P {res['precision']:.3f} R {res['recall']:.3f} F1 {res['f1']:.3f} "
        + " ".join(
            f"{kind} {v['right']}/{v['n']}"
            for kind in KINDS
            if (v := res["by_kind"].get(kind)) and kind != "same-event-other-group"
        )
    )
    return "\n".join(lines)


# --- the order of sentences (measured, not adopted) ----------------------------------------

#: A sentence's end: a mark (and closing quotes) before a space, or before a capital with no
#: space (texts whose spaces were lost), or a Chinese or Japanese full stop.
_SENTENCE_END = re.compile(
    rf"(?<=[{re.escape(SENTENCE_END_MARKS)}])[{re.escape(CLOSING_MARKS)}]*(?:\s+|(?=[A-Z]))"
    r"|(?<=[。！？])"
)
#: Fewest content words of a sentence of its own (a shorter piece, 'Gen.', joins the next).
SENTENCE_WORDS = 3
#: Most content words of one sentence: a longer run (a text whose punctuation a spinner
#: stripped) is cut into pieces of PIECE_WORDS.
LONGEST_SENTENCE = 45
PIECE_WORDS = 15
#: Dice coefficient of two sentences' content words from which they match (tuning part: F1
#: 0.948 from 0.20 to 0.28 with the veto, 0.932 at 0.18 and 0.30).
SENTENCE_MATCH = 0.25
#: Fewest sentences (the first left out) for their order to be judged.
MIN_SENTENCES = 2


def sentence_sets(body: str) -> list[set[str]]:
    """The distinct content words of each sentence of a body but the first (every report of an
    event opens alike), within the signature's first 400 content words."""
    sets: list[set[str]] = []
    held: list[str] = []
    total = 0
    for paragraph in body.split("\n\n"):
        for sentence in _SENTENCE_END.split(paragraph):
            content = held + content_words(words(sentence))
            if len(content) < SENTENCE_WORDS:
                held = content
                continue
            held = []
            size = PIECE_WORDS if len(content) > LONGEST_SENTENCE else len(content)
            for at in range(0, len(content), size):
                sets.append(set(content[at : at + size]))
            total += len(content)
        if total >= 400:
            break
    if held and sets:
        sets[-1].update(held)
    return sets[1:]


def sentence_order(first: list[set[str]], second: list[set[str]]) -> tuple[float, int]:
    """Of the fewer sentences, the share aligned one for one with the other text's in order (a
    monotone alignment; two sentences match when their content words' Dice coefficient is
    SENTENCE_MATCH or more), less the share aligned against the other's sentences reversed
    (what a shared vocabulary aligns in any order); and how many sentences that share is of."""
    fewest = min(len(first), len(second))
    if not fewest:
        return 0.0, 0
    rows = [
        sum(
            1 << j
            for j, other in enumerate(second)
            if 2 * len(words_ & other) >= SENTENCE_MATCH * (len(words_) + len(other))
        )
        for words_ in first
    ]
    width = len(second)
    reverse = [int(f"{row:0{width}b}"[::-1], 2) for row in rows]
    return (_aligned(rows, width) - _aligned(reverse, width)) / fewest, fewest


def _aligned(rows: list[int], width: int) -> int:
    """The most matches of a monotone alignment: the bit-parallel LCS recurrence of
    :func:`cleaner.stories.decide.lcs_length`, which holds for any match matrix given as one bit
    mask a row."""
    full = (1 << width) - 1
    row = full
    for mask in rows:
        matched = row & mask
        row = ((row + matched) | (row - matched)) & full
    return width - row.bit_count()


def vetoed(pair: Comparison, first: list[set[str]], second: list[set[str]]) -> Comparison:
    """The pair with the veto: when the ordered measures make its score (above containment) and
    the sentences align no better in order than reversed, the score falls to containment."""
    if pair.score <= pair.containment:
        return pair
    share, count = sentence_order(first, second)
    if count < MIN_SENTENCES or share > 0:
        return pair
    return dataclasses.replace(pair, score=pair.containment)


def sentence_veto(articles: list[Article]) -> AbstractContextManager[None]:
    """Group with the veto (:func:`patched_compare`), each signature's sentences found by its
    content words."""
    sets = {signature(a).words.tobytes(): sentence_sets(a.body) for a in articles}
    return patched_compare(
        lambda pair, a, b: vetoed(
            pair, sets.get(a.words.tobytes(), []), sets.get(b.words.tobytes(), [])
        )
    )


def sentences_report(
    scorer: ModuleType,
    name: str,
    chosen: list[Path],
    articles: list[Article],
    ps: list[tuple[bool, str, Path, Path]],
    signatures: dict[str, Signature],
) -> str:
    """The sentence measure (:func:`sentence_order`) by kind of labelled pair (other-group
    pairs aside; of the negatives, those whose decision rests on the score, as in
    :func:`separation`): min, median and max and how many pair scores its veto lowers; the
    ROC AUC of the measure alone and of the pair score without and with the veto; and the part
    grouped with the veto."""
    bodies = {str(f): sentence_sets(a.body) for f, a in zip(chosen, articles, strict=True)}
    by_kind: dict[str, list[float]] = {}
    lowered: Counter[str] = Counter()
    scores: dict[str, tuple[list[float], list[float]]] = {
        k: ([], []) for k in ("alone", "without", "with")
    }
    for positive, kind, a, b, pair in _decided_by_score(ps, signatures):
        share, count = sentence_order(bodies[str(a)], bodies[str(b)])
        by_kind.setdefault(kind, []).append(share)
        side = 0 if positive else 1
        after = vetoed(pair, bodies[str(a)], bodies[str(b)]).score
        lowered[kind] += after < pair.score
        scores["alone"][side].append(share if count >= MIN_SENTENCES else 0.0)
        scores["without"][side].append(pair.score)
        scores["with"][side].append(after)
    lines = [f"{name}: sentence order beyond chance by kind (min / median / max; scores vetoed)"]
    for kind, values in by_kind.items():
        values.sort()
        lines.append(
            f"  {kind:24} {len(values):4} pairs  {values[0]:+.2f} / "
            f"{values[len(values) // 2]:+.2f} / {values[-1]:+.2f}  vetoed {lowered[kind]}"
        )
    lines.append(
        f"{name}: ROC AUC of the measure alone {_auc(*scores['alone']):.3f}; of the pair score "
        f"without the veto {_auc(*scores['without']):.3f}, with it {_auc(*scores['with']):.3f}"
    )
    with sentence_veto(articles):
        res = scorer.score(_same_story(_stories(articles, chosen)), ps)
    kinds = ", ".join(
        f"{k} {v['right']}/{v['n']}" for k, v in res["by_kind"].items() if k != "other-group"
    )
    lines.append(
        f"{name}: grouped with the veto: P {res['precision']:.3f} R {res['recall']:.3f} "
        f"F1 {res['f1']:.3f} ({kinds})"
    )
    for label, (positives, negatives) in (("without", scores["without"]), ("with", scores["with"])):
        top, low = sorted(negatives, reverse=True)[:4], sorted(positives)[:4]
        lines.append(
            f"{name}: {label} the veto: highest negatives {', '.join(f'{v:.2f}' for v in top)};"
            f" lowest positives {', '.join(f'{v:.2f}' for v in low)}"
        )
    return "\n".join(lines)


# --- rare words, own material, paragraphs (measured, not adopted) ---------------------------


def background_frequencies(corpora: Path) -> tuple[dict[int, int], int]:
    """How many of the background texts hold each content word (hashed as
    :attr:`Signature.words` holds them), and how many texts there are. The background is the
    corpora's texts other than syndication-dev's, as gold text: wcxb-dev's main texts and
    fundus-dev's paragraphs (about 820 texts of other stories)."""
    texts: list[str] = []
    for path in sorted((corpora / "wcxb-dev" / "ground-truth").glob("*.json")):
        texts.append(json.loads(path.read_text("utf-8"))["ground_truth"].get("main_content") or "")
    for path in sorted((corpora / "fundus-dev").glob("*/gold.json")):
        texts.append("\n".join(json.loads(path.read_text("utf-8")).get("paragraphs") or []))
    counts: Counter[int] = Counter()
    for text in texts:
        counts.update(set(hashed(content_words(words(text)))))
    return dict(counts), len(texts)


Weight = Callable[[int], float]


def rarity(frequencies: dict[int, int], texts: int) -> Weight:
    """A content word's weight: its inverse document frequency in the background (a word no
    background text holds, a name or a number of this story, weighs most)."""
    return lambda word: math.log((texts + 1) / (frequencies.get(word, 0) + 1))


def flat(word: int) -> float:
    """Every word weighs one (the control for :func:`rarity`)."""
    return 1.0


def own_material(a: Signature, b: Signature, weight: Weight) -> tuple[float, float, float]:
    """Of the two texts' distinct content words, weighted: the shared weight over the lesser
    text's (a), and each text's own material, the share of its weight that the other lacks
    (b), the larger first. A copy brings little of its own (a trimmed one: none; the longer
    side's own material is the part the other cut); another outlet's story of the same event
    shares the event's rare words and brings its own sources, places and quotes."""
    first, second = set(a.words), set(b.words)
    total_a = sum(weight(w) for w in first)
    total_b = sum(weight(w) for w in second)
    shared = sum(weight(w) for w in first & second)
    if not total_a or not total_b:
        return 0.0, 1.0, 1.0
    own_a, own_b = 1 - shared / total_a, 1 - shared / total_b
    return shared / min(total_a, total_b), max(own_a, own_b), min(own_a, own_b)


#: Fewest words of a paragraph whose containment counts (a shorter one, a heading or a credit,
#: is passed over).
PARAGRAPH_WORDS = 8
#: Share of a paragraph's word 3-grams in the other text from which the paragraph is kept.
PARAGRAPH_KEPT = 0.5


def paragraph_containment(first: str, second: str) -> float:
    """Of the shorter body's paragraphs (of :data:`PARAGRAPH_WORDS` words or more), the share of
    words in paragraphs the other body keeps (half their word 3-grams in it) (c): an edited
    copy keeps whole paragraphs; a look-alike shares a sentence or a quote."""
    paragraphs = [
        [t for t in (words(p) for p in body.split("\n\n")) if len(t) >= PARAGRAPH_WORDS]
        for body in (first, second)
    ]
    small, large = sorted(paragraphs, key=lambda ps: sum(map(len, ps)))
    total = sum(map(len, small))
    if not total:
        return 0.0
    other = set(shingles([w for p in large for w in p]))
    kept = 0
    for tokens in small:
        grams = shingles(tokens)
        kept += len(tokens) * (len(other.intersection(grams)) >= PARAGRAPH_KEPT * len(grams))
    return kept / total


#: Own material (the larger side's, :func:`own_material`) from which a pair whose score the
#: ordered measures make falls to its containment (:func:`own_vetoed`). Tuning part: see
#: benchmarks/README.md.
OWN_VETO = 0.8
OWN_GRID = (0.7, 0.75, 0.8, 0.85, 0.9)


def own_vetoed(
    pair: Comparison, a: Signature, b: Signature, weight: Weight, at: float
) -> Comparison:
    """The pair with the veto: when the ordered measures make its score (above containment) and
    the larger side's own material is ``at`` or more, the score falls to containment."""
    if pair.score <= pair.containment:
        return pair
    if own_material(a, b, weight)[1] < at:
        return pair
    return dataclasses.replace(pair, score=pair.containment)


@contextmanager
def patched_compare(
    veto: Callable[[Comparison, Signature, Signature], Comparison],
) -> Iterator[None]:
    """Group with a veto on :func:`~cleaner.stories.decide.compare`, patched where the index
    calls it."""
    from cleaner.stories import decide
    from cleaner.stories import index as story_index

    original = decide.compare

    def compare_with_veto(a: Signature, b: Signature) -> Comparison:
        return veto(original(a, b), a, b)

    for module in (decide, story_index):
        setattr(module, "compare", compare_with_veto)  # noqa: B010
    try:
        yield
    finally:
        for module in (decide, story_index):
            setattr(module, "compare", original)  # noqa: B010


def own_veto(weight: Weight, at: float) -> Callable[[Comparison, Signature, Signature], Comparison]:
    """The own-material veto at ``at`` as a patch for :func:`patched_compare`."""
    return lambda pair, a, b: own_vetoed(pair, a, b, weight, at)


#: The band of pair scores where the decision is made (ROC AUC within it, as the fifth session
#: measured its candidates: the score alone 0.759 then).
BAND = (0.30, 0.75)


def own_report(
    scorer: ModuleType,
    name: str,
    chosen: list[Path],
    articles: list[Article],
    ps: list[tuple[bool, str, Path, Path]],
    signatures: dict[str, Signature],
    weight: Weight,
) -> str:
    """The three measures (rarity-weighted shared words, own material both ways, paragraph
    containment) by kind of labelled pair (negatives: those whose decision rests on the
    score, as in :func:`separation`): min / quartiles / max; their ROC AUC alone, over all
    pairs and within :data:`BAND`, the same with flat weights; the pair score's AUC with the
    own-material veto at each value of :data:`OWN_GRID`, and the part grouped with it."""
    bodies = {str(f): a.body for f, a in zip(chosen, articles, strict=True)}
    # the weights an index offers as it grows: the part's own texts as the background
    in_part: Counter[int] = Counter()
    for sig in signatures.values():
        in_part.update(set(sig.words))
    grown = rarity(dict(in_part), len(signatures))
    keys = (
        "shared",
        "own (larger)",
        "own (smaller)",
        "paragraphs",
        "own flat (larger)",
        "shared, weights of the part",
        "own of the part (larger)",
    )
    rows: list[tuple[bool, str, float, float, dict[str, float]]] = []
    for positive, kind, a, b, pair in _decided_by_score(ps, signatures):
        x, y = signatures[str(a)], signatures[str(b)]
        shared, larger, smaller = own_material(x, y, weight)
        values = {
            "shared": shared,
            "own (larger)": -larger,
            "own (smaller)": -smaller,
            "paragraphs": paragraph_containment(bodies[str(a)], bodies[str(b)]),
            "own flat (larger)": -own_material(x, y, flat)[1],
        }
        shared_part, larger_part, _ = own_material(x, y, grown)
        values["shared, weights of the part"] = shared_part
        values["own of the part (larger)"] = -larger_part
        rows.append((positive, kind, pair.score, pair.containment, values))
    lines = [f"{name}: rare words, own material, paragraphs by kind (min / q1 / median / q3 / max)"]
    for key in keys:
        lines.append(f"  {key}")
        kinds: dict[str, list[float]] = {}
        for _, kind, _, _, values in rows:
            kinds.setdefault(kind, []).append(abs(values[key]))
        for kind, found in kinds.items():
            found.sort()
            n = len(found)
            lines.append(
                f"    {kind:24} {n:4}  "
                + " / ".join(f"{found[i]:.2f}" for i in (0, n // 4, n // 2, 3 * n // 4, n - 1))
            )

    def auc(
        value: Callable[[tuple[bool, str, float, float, dict[str, float]]], float],
        band: bool = False,
    ) -> float:
        chosen_rows = [r for r in rows if not band or BAND[0] <= r[2] <= BAND[1]]
        return _auc(
            [value(r) for r in chosen_rows if r[0]], [value(r) for r in chosen_rows if not r[0]]
        )

    lines.append(
        f"{name}: ROC AUC alone (all pairs / scores {BAND[0]}-{BAND[1]}): score "
        f"{auc(lambda r: r[2]):.3f} / {auc(lambda r: r[2], True):.3f}; "
        + "; ".join(
            f"{key} {auc(lambda r, k=key: r[4][k]):.3f} / {auc(lambda r, k=key: r[4][k], True):.3f}"
            for key in keys
        )
    )
    lines.append(
        f"{name}: ROC AUC of the score with a boost: + 0.25 x (shared rare weight - 0.5) "
        f"{auc(lambda r: r[2] + 0.25 * (r[4]['shared'] - 0.5)):.3f}; the larger of the score "
        f"and the paragraphs kept {auc(lambda r: max(r[2], r[4]['paragraphs'])):.3f}; - 0.5 x "
        f"own material (larger) {auc(lambda r: r[2] + 0.5 * r[4]['own (larger)']):.3f}"
    )
    vetoes = []
    for at in OWN_GRID:

        def vetoed_score(
            r: tuple[bool, str, float, float, dict[str, float]], at: float = at
        ) -> float:
            _, _, score, containment, values = r
            return containment if score > containment and -values["own (larger)"] >= at else score

        with patched_compare(own_veto(weight, at)):
            res = scorer.score(_same_story(_stories(articles, chosen)), ps)
        right_by_kind = " ".join(
            f"{k} {v['right']}/{v['n']}" for k, v in res["by_kind"].items() if k != "other-group"
        )
        negatives = sorted((vetoed_score(r) for r in rows if not r[0]), reverse=True)[:4]
        positives = sorted(vetoed_score(r) for r in rows if r[0])[:4]
        vetoes.append(
            f"  veto at {at}: AUC {auc(vetoed_score):.3f}; highest negatives "
            f"{' '.join(f'{v:.2f}' for v in negatives)}, lowest positives "
            f"{' '.join(f'{v:.2f}' for v in positives)}; grouped P {res['precision']:.3f} R "
            f"{res['recall']:.3f} F1 {res['f1']:.3f} ({right_by_kind})"
        )
    lines.append(f"{name}: the own-material veto (rarity weights) in the score")
    lines.extend(vetoes)
    return "\n".join(lines)


def _auc(positives: list[float], negatives: list[float]) -> float:
    """The share of (positive, negative) pairs ordered rightly (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    right = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return right / (len(positives) * len(negatives))


#: The thresholds run leave-one-group-out, with the values tried (higher is stricter for each).
LOGO_GRID: dict[str, tuple[float, ...]] = {
    "SAME": (0.34, 0.36, 0.38, 0.40, 0.42, 0.44, 0.46, 0.48),
    "REPRESENTATIVE": (0.30, 0.32, 0.35, 0.38, 0.40, 0.42, 0.45),
    "BEYOND_CHANCE": (0.15, 0.18, 0.20, 0.22, 0.25, 0.28, 0.30),
    "COPY": (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95),
}


def logo_report(
    scorer: ModuleType, root: Path, cleaner: Cleaner, own: Weight | None = None
) -> None:
    """Leave-one-group-out on the tuning part, one threshold at a time (the others as set):
    the tuning part is grouped at each value of :data:`LOGO_GRID`; for each of its groups (a
    story group or a same-site pair) left out in turn, the value is chosen on the other groups'
    labelled pairs (the best F1; of equal ones the strictest, the highest), and the left-out
    group's own pairs are scored at it. Prints how often each value is chosen and the pooled
    left-out F1. With ``own`` (the rarity weights), the own-material veto's threshold too
    (:data:`OWN_GRID`)."""
    from cleaner.stories import decide
    from cleaner.stories import index as story_index

    chosen, ps, group_of = _tuning_part(scorer, root)
    articles = [_article(cleaner, f) for f in chosen]
    names = sorted({group_of[f] for f in chosen})
    print(f"\nleave-one-group-out on the tuning part ({len(names)} groups)")
    for threshold, values in LOGO_GRID.items():
        kept = getattr(decide, threshold)
        decided: dict[float, dict[str, str]] = {}
        try:
            for value in values:
                for module in (decide, story_index):
                    if hasattr(module, threshold):
                        setattr(module, threshold, value)
                decided[value] = _stories(articles, chosen)
        finally:
            for module in (decide, story_index):
                if hasattr(module, threshold):
                    setattr(module, threshold, kept)
        print(_left_out(scorer, threshold, kept, values, decided, names, ps, group_of))
    if own is not None:
        with_veto: dict[float, dict[str, str]] = {}
        for at in OWN_GRID:
            with patched_compare(own_veto(own, at)):
                with_veto[at] = _stories(articles, chosen)
        print(_left_out(scorer, "OWN_VETO", OWN_VETO, OWN_GRID, with_veto, names, ps, group_of))


def _left_out(
    scorer: ModuleType,
    threshold: str,
    kept: float,
    values: tuple[float, ...],
    decided: dict[float, dict[str, str]],
    names: list[str],
    ps: list[tuple[bool, str, Path, Path]],
    group_of: dict[Path, str],
) -> str:
    """One line of :func:`logo_report`: the value chosen with each group left out, the pooled
    left-out F1, and the whole part's F1 by value (``decided``: the part's stories by value)."""
    picks: Counter[float] = Counter()
    left_out: list[tuple[bool, bool]] = []
    for name in names:
        rest = [p for p in ps if name not in (group_of[p[2]], group_of[p[3]])]
        own = [p for p in ps if group_of[p[2]] == group_of[p[3]] == name]

        def f1_at(value: float, pairs: list[Any] = rest) -> float:
            return float(scorer.score(_same_story(decided[value]), pairs)["f1"])

        best = max(values, key=lambda v: (round(f1_at(v), 6), v))
        picks[best] += 1
        story = decided[best]
        left_out.extend((p[0], story[str(p[2])] == story[str(p[3])]) for p in own)
    tp = sum(1 for label, said in left_out if label and said)
    fp = sum(1 for label, said in left_out if not label and said)
    fn = sum(1 for label, said in left_out if label and not said)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    whole = {v: scorer.score(_same_story(decided[v]), ps)["f1"] for v in values}
    return (
        f"  {threshold:15} (set {kept}): chosen "
        + ", ".join(f"{v} x{n}" for v, n in sorted(picks.items()))
        + f"; pooled left-out F1 {f1:.3f}; whole part by value: "
        + " ".join(f"{v}:{f:.3f}" for v, f in whole.items())
    )


def cuts_report(
    scorer: ModuleType, root: Path, cleaner: Cleaner, own: Weight | None = None
) -> None:
    """How the grouping fares when the cleaner keeps only the first half of a text's paragraphs:
    each text of the tuning part with two paragraphs or more is cut in turn, the part regrouped
    and its labelled pairs scored. By the text's relation: the change in F1, and the cuts that
    take a look-alike into a story (a look-alike's first half, its lede, is where stories of one
    event say the same; the own reporting comes later)."""
    chosen, ps, _ = _tuning_part(scorer, root)
    articles = {f: _article(cleaner, f) for f in chosen}
    groups, _ = scorer.load(root)
    relation = {f: r for _, _, members in groups for r, f in members}

    variants: list[tuple[str, Any]] = [("", None)]
    if own is not None:
        variants.append((f", with the own-material veto at {OWN_VETO}", own_veto(own, OWN_VETO)))
    for label, veto in variants:
        with patched_compare(veto) if veto else _nothing():
            _cuts(scorer, root, chosen, ps, articles, relation, label)


@contextmanager
def _nothing() -> Iterator[None]:
    yield


def _cuts(
    scorer: ModuleType,
    root: Path,
    chosen: list[Path],
    ps: list[tuple[bool, str, Path, Path]],
    articles: dict[Path, Article],
    relation: dict[Path, str],
    label: str,
) -> None:
    """The lines of :func:`cuts_report` for one way of grouping."""

    def scored(cut: dict[Path, Article]) -> tuple[float, int]:
        res = scorer.score(
            _same_story(_stories([cut.get(f, articles[f]) for f in chosen], chosen)), ps
        )
        return float(res["f1"]), int(res["by_kind"]["same-event"]["right"])

    f1, apart = scored({})
    print(
        f"\nthe tuning part with one text cut to its first half (uncut: F1 {f1:.3f}, same-event "
        f"kept apart {apart}){label}"
    )
    for kind in ("different-story-same-event", "copy", "edited-copy", "spun-copy"):
        changes: list[tuple[float, int, Path]] = []
        for f in (f for f in chosen if relation.get(f) == kind):
            paragraphs = articles[f].body.split("\n\n")
            if len(paragraphs) < 2:
                continue
            half = "\n\n".join(paragraphs[: (len(paragraphs) + 1) // 2])
            cut_f1, cut_apart = scored({f: dataclasses.replace(articles[f], body=half)})
            changes.append((cut_f1 - f1, cut_apart - apart, f))
        taken = [c for c in changes if c[1] < 0]
        print(
            f"  {kind:27} {len(changes)} cut; F1 change worst {min(c[0] for c in changes):+.3f},"
            f" mean {sum(c[0] for c in changes) / len(changes):+.3f}; look-alikes taken "
            f"into a story: {len(taken)} ("
            + ", ".join(f"{_short(c[2], root)} {-c[1]} pairs" for c in taken)
            + ")"
        )


def _tuning_part(
    scorer: ModuleType, root: Path
) -> tuple[list[Path], list[tuple[bool, str, Path, Path]], dict[Path, str]]:
    """The tuning part's texts, its labelled pairs, and each text's group (a story group or a
    same-site pair)."""
    split = json.loads(SPLIT.read_text("utf-8"))["syndication-dev"]
    groups, unrelated = scorer.load(root)
    all_pairs = scorer.pairs(groups, unrelated)
    group_of: dict[Path, str] = {}
    for name, _, members in groups:
        for _, path in members:
            group_of[path] = name
    for a, b in unrelated:
        group_of[a] = group_of[b] = f"unrelated/{a.parent.name}"
    chosen = sorted(f for f, g in group_of.items() if split[g]["part"] == "train")
    ps = [p for p in all_pairs if p[2] in group_of and p[3] in group_of]
    ps = [p for p in ps if p[2] in chosen and p[3] in chosen]
    return chosen, ps, group_of


def _short(path: Path, root: Path) -> str:
    rel = path.relative_to(root).parts
    return f"{rel[0][:3]}/{Path(rel[-1]).stem}"


def _article(cleaner: Cleaner | None, path: Path) -> Article:
    if cleaner is None:
        return Article(body=path.read_text("utf-8", errors="replace"))
    return cleaner.clean(path.read_bytes(), name=str(path))


def _stories(articles: list[Article], paths: list[Path]) -> dict[str, str]:
    """The story each article is grouped into, by its path."""
    return {a.key: a.story for a in group_articles(articles, [str(f) for f in paths])}


def _same_story(story: dict[str, str]) -> Callable[[Path, Path], bool]:
    return lambda a, b: story[str(a)] == story[str(b)]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("syndication_eval", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- robustness: the same texts in other forms --------------------------------------------

#: Columns a hard-wrapped copy is wrapped at (``--robust``).
WRAP = 70
#: Paragraphs a teaser keeps (``--robust``).
TEASER = 3
#: Orders of adding one at a time (``--robust``): seeds of the shuffles.
SHUFFLES = (1, 2, 3, 4, 5)


def robust_report(scorer: ModuleType, root: Path, cleaner: Cleaner, parts: tuple[str, ...]) -> None:
    """The pair figures of each part when its texts come in other forms (``--robust``): through
    the HTML path (each line of the stored text a paragraph of a page), hard-wrapped at
    :data:`WRAP` columns, every cleaned body cut to its first :data:`TEASER` paragraphs, and
    added one at a time (no batch) in the corpus's order and in shuffled orders
    (:data:`SHUFFLES`); and, beside every text left whole, a teaser of it (its first
    :data:`TEASER` paragraphs, for the texts that have more): how many teasers join the story of
    the text they are cut from, and the figures of the whole texts with the teasers among them."""
    print(f"\nrobustness: the pair figures with the texts in other forms ({', '.join(parts)})")
    for name in parts:
        chosen, ps = _part(scorer, root, name)
        keys = [str(f) for f in chosen]
        raw = {f: f.read_bytes() for f in chosen}
        text = [cleaner.clean(raw[f], name=str(f)) for f in chosen]
        html = [cleaner.clean(_as_html(raw[f]), kind="html", name=str(f)) for f in chosen]
        wrapped = [cleaner.clean(_wrapped(raw[f]), kind="text", name=str(f)) for f in chosen]
        cut = [dataclasses.replace(a, body=_teaser(a.body)) for a in text]
        rows: list[tuple[str, dict[str, str]]] = [
            ("text path (batch)", _stories(text, chosen)),
            ("HTML path", _stories(html, chosen)),
            (f"wrapped at {WRAP}", _stories(wrapped, chosen)),
            (f"first {TEASER} paragraphs", _stories(cut, chosen)),
            ("one at a time", _one_at_a_time(text, keys, None)),
        ]
        rows += [(f"shuffled, seed {seed}", _one_at_a_time(text, keys, seed)) for seed in SHUFFLES]
        rows += [(f"two batches, seed {seed}", _two_batches(text, keys, seed)) for seed in SHUFFLES]
        spread: dict[str, list[float]] = {"shuffled": [], "two batches": []}
        for label, story in rows:
            res = scorer.score(_same_story(story), ps)
            for way, f1s in spread.items():
                if label.startswith(way):
                    f1s.append(float(res["f1"]))
            print(f"  {name:5} {label:22} {_figures(res)}")
        for way, f1s in spread.items():
            print(f"  {name:5} {way} F1 from {min(f1s):.3f} to {max(f1s):.3f}")
        teasers = {
            f"{key}#teaser": dataclasses.replace(a, body=_teaser(a.body))
            for key, a in zip(keys, text, strict=True)
            if a.body.count("\n\n") >= TEASER
        }
        together = _stories_by_key([*text, *teasers.values()], [*keys, *teasers])
        joined = sum(together[t] == together[t.removesuffix("#teaser")] for t in teasers)
        res = scorer.score(_same_story(together), ps)
        print(
            f"  {name:5} {'teasers beside':22} {_figures(res)}; teasers joining their text "
            f"{joined}/{len(teasers)}"
        )


def _figures(res: dict[str, Any]) -> str:
    """F1, the positives found by kind and the negatives kept apart, from a scorer result."""
    by = res["by_kind"]
    found = "  ".join(
        f"{kind} {by[kind]['right']}/{by[kind]['n']}"
        for kind in ("copy", "edited", "spun")
        if kind in by
    )
    negatives = [by[k] for k in ("same-event", "same-site") if k in by]
    apart = sum(v["right"] for v in negatives)
    return f"F1 {res['f1']:.3f}  {found}  negatives {apart}/{sum(v['n'] for v in negatives)}"


def _part(
    scorer: ModuleType, root: Path, name: str
) -> tuple[list[Path], list[tuple[bool, str, Path, Path]]]:
    """One part's texts and its labelled pairs."""
    split = json.loads(SPLIT.read_text("utf-8"))["syndication-dev"]
    groups, unrelated = scorer.load(root)
    files = sorted({f for _, _, ms in groups for _, f in ms} | {f for p in unrelated for f in p})

    def part(path: Path) -> str:
        rel = path.relative_to(root).parts
        key = rel[0] if rel[0] != "unrelated" else f"unrelated/{rel[1]}"
        return str(split[key]["part"])

    chosen = [f for f in files if part(f) == name]
    ps = [p for p in scorer.pairs(groups, unrelated) if part(p[2]) == part(p[3]) == name]
    return chosen, ps


def _as_html(raw: bytes) -> bytes:
    """A stored text as a page: each line a paragraph."""
    lines = raw.decode("utf-8", errors="replace").splitlines()
    body = "\n".join(f"<p>{html_escape(line)}</p>" for line in lines if line.strip())
    page = f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n{body}\n</body></html>'
    return page.encode("utf-8")


def _wrapped(raw: bytes) -> bytes:
    """A stored text hard-wrapped at :data:`WRAP` columns, its blank lines kept."""
    out: list[str] = []
    for line in raw.decode("utf-8", errors="replace").splitlines():
        out.extend(textwrap.wrap(line, WRAP) or [""])
    return "\n".join(out).encode("utf-8")


def _teaser(body: str) -> str:
    return "\n\n".join(body.split("\n\n")[:TEASER])


def _one_at_a_time(articles: list[Article], keys: list[str], seed: int | None) -> dict[str, str]:
    """The story of each article added one at a time (:meth:`StoryIndex.add`), in the given
    order or shuffled with ``seed``."""
    order = list(range(len(keys)))
    if seed is not None:
        random.Random(seed).shuffle(order)
    index = StoryIndex()
    for n in order:
        index.add(keys[n], articles[n])
    return {key: index.story_of(key) for key in keys}


def _two_batches(articles: list[Article], keys: list[str], seed: int) -> dict[str, str]:
    """The story of each article when a random half is added as one batch and the rest as a
    second (last week's crawl, then today's)."""
    order = list(range(len(keys)))
    random.Random(seed).shuffle(order)
    index = StoryIndex()
    half = len(order) // 2
    for part in (order[:half], order[half:]):
        index.add_batch((keys[n], articles[n]) for n in part)
    return {key: index.story_of(key) for key in keys}


def _stories_by_key(articles: list[Article], keys: list[str]) -> dict[str, str]:
    return {a.key: a.story for a in group_articles(articles, keys)}


# --- false joins among pages of distinct stories --------------------------------------------


def negatives_report(corpora: Path, cleaner: Cleaner) -> None:
    """False joins at scale (``--negatives``): every page of wcxb-dev and fundus-dev (both
    parts), distinct stories, many from one site, grouped in one index three times over — its
    gold body (no cleaning, no date), a text dump of it rendered as users' dumps are (one of
    ``training.rendered_eval.RENDERINGS`` by page, cleaned on the text path) and its HTML
    (cleaned on the HTML path). Two forms of one page in one story is the expected join (their
    share is printed: how well the dump and the HTML path keep a page's story); two pages in one
    story is a false join unless the corpora hold one story twice — each is listed to be read,
    with its pair's measures and whether the pages share a site."""
    start = time.process_time()
    keys, articles, site, failed = _page_forms(corpora, cleaner)
    cleaned = time.process_time() - start
    story = _stories_by_key(articles, keys)
    forms_of: dict[str, list[str]] = {}
    members: dict[str, list[str]] = {}
    for key in keys:
        forms_of.setdefault(key.rsplit("#", 1)[0], []).append(key)
        members.setdefault(story[key], []).append(key)
    form_pairs = Counter[str]()
    form_total = Counter[str]()
    for page_keys in forms_of.values():
        for a, b in _pairs_of(page_keys):
            label = f"{a.rsplit('#', 1)[1]}-{b.rsplit('#', 1)[1]}"
            form_total[label] += 1
            form_pairs[label] += story[a] == story[b]
    page_pairs = Counter[tuple[str, str]]()
    for group in members.values():
        for a, b in _pairs_of(group):
            pa, pb = a.rsplit("#", 1)[0], b.rsplit("#", 1)[0]
            if pa != pb:
                page_pairs[(min(pa, pb), max(pa, pb))] += 1
    print(
        f"\nfalse joins: {len(forms_of)} pages of wcxb-dev and fundus-dev, {len(keys)} texts "
        f"(gold, dump, HTML; {failed} forms with no story), {len(set(story.values()))} stories, "
        f"{cleaned:.0f} s CPU to clean"
    )
    print(
        "  forms of one page in one story: "
        + ", ".join(f"{k} {form_pairs[k]}/{form_total[k]}" for k in sorted(form_total))
    )
    by_key = dict(zip(keys, articles, strict=True))
    for page_keys in forms_of.values():
        for a, b in _pairs_of(page_keys):
            if story[a] != story[b]:
                print(f"    apart: {a} {b.rsplit('#', 1)[1]}: {_measures(by_key[a], by_key[b])}")
    same_site = sum(site[a] == site[b] for a, b in page_pairs)
    per_site = Counter(site.values())
    print(
        f"  pages joined to another page: {len(page_pairs)} pairs ({same_site} of one site) of "
        f"{len(forms_of) * (len(forms_of) - 1) // 2} page pairs "
        f"({sum(n * (n - 1) // 2 for n in per_site.values())} of one site, {len(per_site)} sites)"
    )
    for (a, b), n in sorted(page_pairs.items()):
        ka, kb = forms_of[a][0], forms_of[b][0]
        print(
            f"    {a} {b} ({n} form pairs{', one site' if site[a] == site[b] else ''}): "
            f"{ka.rsplit('#', 1)[1]}-{kb.rsplit('#', 1)[1]} {_measures(by_key[ka], by_key[kb])}"
        )


def _measures(a: Article, b: Article) -> str:
    """A pair's score and what decided it, for a listing."""
    sa, sb = signature(a), signature(b)
    pair = compare(sa, sb)
    return (
        f"score {pair.score:.2f} (containment {pair.containment:.2f}, wording "
        f"{pair.wording:.2f}, order {pair.order:.2f}; content words {len(sa.words)}/"
        f"{len(sb.words)}; dates {a.date}/{b.date}" + (", kept apart" if pair.apart else "") + ")"
    )


def _pairs_of(items: list[str]) -> Iterator[tuple[str, str]]:
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            yield a, b


def _page_forms(
    corpora: Path, cleaner: Cleaner
) -> tuple[list[str], list[Article], dict[str, str], int]:
    """The three forms of every page of wcxb-dev and fundus-dev (see :func:`negatives_report`):
    keys ``corpus/item#form``, their Articles, each page's site, and the forms with no story."""
    root = Path(__file__).resolve().parents[1]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from training import render
    from training.rendered_eval import RENDERINGS, _pages

    keys: list[str] = []
    articles: list[Article] = []
    site: dict[str, str] = {}
    failed = 0
    for corpus in ("wcxb-dev", "fundus-dev"):
        for part in ("train", "val"):
            for item, page, gold, *_ in _pages(corpus, part):
                page_id = f"{corpus}/{item}"
                site[page_id] = _site_of(corpora, corpus, item)
                renderer, wrap = RENDERINGS[render.page_hash(page_id) % len(RENDERINGS)]
                lines = render.render(page, renderer)
                if wrap:
                    lines = [t for t, _ in render.wrap_lines(lines, render.wrap_width(page_id))]
                forms = {
                    "gold": re.sub(r"\n+", "\n\n", gold.strip()),
                    "dump": "\n".join(lines),
                    "html": page,
                }
                for form, text in forms.items():
                    try:
                        if form == "gold":
                            article = Article(body=text)
                        else:
                            article = cleaner.clean(text, kind="text" if form == "dump" else "html")
                    except CleanerError:
                        failed += 1
                        continue
                    if article.body.strip():
                        keys.append(f"{page_id}#{form}")
                        articles.append(article)
                    else:
                        failed += 1
    return keys, articles, site, failed


def _site_of(corpora: Path, corpus: str, item: str) -> str:
    """A page's site: wcxb-dev's URL host, fundus-dev's publisher (its folder's second part)."""
    if corpus == "fundus-dev":
        return item.split("-")[1]
    truth = json.loads((corpora / "wcxb-dev" / "ground-truth" / f"{item}.json").read_text("utf-8"))
    host = re.sub(r"^www\.", "", urlsplit(str(truth.get("url") or "")).netloc)
    return host or item


# --- volume ---------------------------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"])")
_CAPITAL = re.compile(r"\b([A-Z][a-z]{2,})\b")
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"\b[a-z]{4,}\b")


def sentence_pool(corpora: Path, cleaner: Cleaner) -> list[str]:
    """Sentences of the cleaned texts of syndication-dev and aggregators-dev."""
    sources = sorted((corpora / "syndication-dev").rglob("*.txt"))
    sources += sorted((corpora / "aggregators-dev").rglob("input.txt"))
    pool: list[str] = []
    for path in sources:
        body = cleaner.clean(path.read_bytes(), name=str(path)).body
        for paragraph in body.split("\n\n"):
            pool.extend(s for s in _SENTENCE.split(paragraph) if len(s.split()) >= 6)
    return pool


def synthetic(pool: list[str], n: int, seed: int) -> Iterator[tuple[str, int, Article]]:
    """``n`` articles as (key, true story, Article): stories of 1-6 members, the first the
    original, the others copies trimmed, with sentences dropped, or with words substituted."""
    rng = random.Random(seed)
    vocabulary = sorted({w for s in pool[:3000] for w in _WORD.findall(s)})
    made = story = 0
    while made < n:
        sentences = [
            _disguise(rng.choice(pool), rng, story, vocabulary) for _ in range(rng.randint(6, 14))
        ]
        agency = rng.choice((None, None, "AP", "Reuters", "AFP"))
        members = min(rng.choice((1, 1, 2, 3, 4, 6)), n - made)
        for member in range(members):
            text = sentences if member == 0 else _copy(sentences, rng, vocabulary)
            dateline = Dateline("CITY", agency, f"CITY ({agency}) —") if agency else None
            body = "\n\n".join(" ".join(text[i : i + 2]) for i in range(0, len(text), 2))
            yield f"s{story}/m{member}", story, Article(body=body, dateline=dateline)
            made += 1
        story += 1


def _disguise(sentence: str, rng: random.Random, story: int, vocabulary: list[str]) -> str:
    """A pool sentence made this story's own: other names, other numbers, and a third of its
    words changed, so that two distinct stories do not share whole sentences of the pool."""
    names = _CAPITAL.sub(lambda m: m.group(1) + rng.choice("aeiou") + str(story), sentence)
    numbers = _NUMBER.sub(lambda m: str(rng.randint(2, 9999)), names)
    return _WORD.sub(
        lambda m: rng.choice(vocabulary) if rng.random() < 0.33 else m.group(0), numbers
    )


def _copy(sentences: list[str], rng: random.Random, vocabulary: list[str]) -> list[str]:
    kind = rng.choice(("verbatim", "trimmed", "dropped", "substituted"))
    if kind == "trimmed":
        return sentences[: max(3, int(len(sentences) * rng.uniform(0.4, 0.8)))]
    if kind == "dropped":
        drop = set(rng.sample(range(len(sentences)), k=max(1, len(sentences) // 5)))
        return [s for i, s in enumerate(sentences) if i not in drop]
    if kind == "substituted":
        return [
            _WORD.sub(lambda m: rng.choice(vocabulary) if rng.random() < 0.25 else m.group(0), s)
            for s in sentences
        ]
    return list(sentences)


def volume_report(corpora: Path, cleaner: Cleaner, n: int, seed: int, batch_size: int) -> None:
    pool = sentence_pool(corpora, cleaner)
    # flushed: a worker process the cleaner starts must not inherit unwritten output
    print(
        f"\nvolume: {n} synthetic articles from {len(pool)} corpus sentences, "
        f"added {batch_size} at a time",
        flush=True,
    )
    rss_before = _peak_rss_mb()
    index = StoryIndex()
    truth: list[int] = []
    keys: list[str] = []
    start = time.perf_counter()
    cpu = time.process_time()
    batch: list[tuple[str, Article]] = []
    for key, story, article in synthetic(pool, n, seed):
        batch.append((key, article))
        truth.append(story)
        keys.append(key)
        if len(batch) >= batch_size:
            index.add_batch(batch)
            batch = []
        if len(keys) % 20_000 == 0:
            took, used = time.perf_counter() - start, time.process_time() - cpu
            print(
                f"  {len(keys):>7} added  {took:7.1f} s wall  {used:7.1f} s CPU  "
                f"peak RSS {_peak_rss_mb():7.0f} MB  load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    if batch:
        index.add_batch(batch)
    seconds = time.perf_counter() - start
    used = time.process_time() - cpu
    predicted = [index.story_of(key) for key in keys]
    precision, recall = _pair_scores(truth, predicted)
    print(
        f"grouped {n} articles in {seconds:.1f} s wall, {used:.1f} s CPU "
        f"({used / n * 1000:.2f} ms CPU/article); "
        f"peak RSS {_peak_rss_mb():.0f} MB (before the index: {rss_before:.0f} MB); "
        f"{len(set(predicted))} stories found, {len(set(truth))} made"
    )
    print(f"synthetic pairs: precision {precision:.3f} recall {recall:.3f}")
    _simhash_reference(pool, min(n, 5_000), seed)


def _simhash_reference(pool: list[str], n: int, seed: int) -> None:
    from trafilatura.deduplication import Simhash

    bodies = [a.body for _, _, a in synthetic(pool, n, seed)]
    start = time.perf_counter()
    for body in bodies:
        Simhash(body)
    took = time.perf_counter() - start
    print(f"reference: trafilatura Simhash fingerprint alone {took / n * 1000:.2f} ms/article")


def _pair_scores(truth: list[int], predicted: list[str]) -> tuple[float, float]:
    def pairs(counts: Counter[Any]) -> int:
        return sum(c * (c - 1) // 2 for c in counts.values())

    both = pairs(Counter(zip(truth, predicted, strict=True)))
    said = pairs(Counter(predicted))
    real = pairs(Counter(truth))
    return (both / said if said else 1.0), (both / real if real else 1.0)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
