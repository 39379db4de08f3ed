"""How much the story's start and headline move with the training data: ``python -m
training.stability`` (needs the ``train`` extra, ``training/data`` and ``../shared``).

The train part of the split is cut in two folds by site (:func:`training.tune.fold_of`). For
each fold and each of ``--seeds`` seeds, a story model is trained as ``train_model`` trains
(same sequences, weights, per-corpus limit, crfsuite settings) on a share (``--share``, 0.9) of
the OTHER fold's sites, drawn by a salted hash of the site and the seed: the models of one
fold differ only by which tenth of the sites they did not see. Each model, with the shipped
headline model, cleans

- its held-out fold: the fold's aggregators-dev train cases (the aggregator scorer) and the
  first ``--dumps`` labelled train dumps a rendered corpus (whole pages and their ``-head`` and
  ``-lead`` cuts, as built), and
- the validation part: the aggregators-dev val cases and the first ``--dumps`` labelled val
  dumps a rendered corpus (scores only: nothing per case is printed).

On a labelled dump, ``first`` is whether the body begins with the first line labelled
``body``; ``title`` whether the title is the gold title (the aggregator scorer's test; dumps
with no line labelled ``title`` are not counted); ``leak`` the share of chrome lines of three
words or more found in the body; ``ret`` the share of body lines of six words or more found in
it. The flip rates are the shares of dumps whose start (the body's first 80 characters) or
headline differs between two models of one fold (averaged over pairs), on the held-out fold
and on validation; ``cross`` compares the models of the two folds (trained on disjoint halves
of the train part) on validation.

``--variant`` names feature sets (:data:`VARIANTS`: filters of the features of
:mod:`cleaner.passes.features`, applied in training and at tagging time); ``--params`` sets
crfsuite's ``c1``, ``c2``; ``--bag`` averages the marginals of the seeds' models as one model.

    python -m training.stability --seeds 2 --json /tmp/stab.json
    python -m training.stability --variant nowords --params c1=1.0
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from cleaner.engine import load_rules
from cleaner.passes.features import page_features as _BASE_FEATURES
from training.corpora import load_split
from training.story_data import DATA, LIMIT, PARAMS, read_records, sequences, weight_of
from training.tune import CASES, fold_of, study_scorer

Filter = Callable[[list[str]], list[str]]
Sequence = tuple[str, list[list[str]], list[str]]

#: Feature names that carry a word's identity (a block's or a neighbour's first or last word).
_WORDS = re.compile(r"^(?:-?[12]:)?(?:first|last):")
_NEIGHBOUR_WORDS = re.compile(r"^-?[12]:first:")


def _drop(pattern: re.Pattern[str]) -> Filter:
    def keep(feats: list[str]) -> list[str]:
        return [f for f in feats if not pattern.match(f)]

    return keep


#: Feature filters tried: ``full`` (as shipped), ``noneighbour`` (no neighbours' first words),
#: ``nowords`` (no first or last word at all).
VARIANTS: dict[str, Filter | None] = {
    "full": None,
    "noneighbour": _drop(_NEIGHBOUR_WORDS),
    "nowords": _drop(_WORDS),
}


def _in_share(site: str, seed: int, share: float) -> bool:
    """Whether a site is among the ``share`` of sites a seed's model is trained on."""
    digest = hashlib.sha1(f"stability:{seed}:{site}".encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < share


def load(folds: int) -> dict[int, list[tuple[str, str, Sequence]]]:
    """Per fold, its train-part sequences as (corpus, site, sequence), at most ``LIMIT`` per
    corpus (variants counted), in the data's order."""
    rules = load_rules()
    out: dict[int, list[tuple[str, str, Sequence]]] = {f: [] for f in range(folds)}
    taken: Counter[tuple[int, str]] = Counter()
    for record in read_records(DATA, "train"):
        fold, corpus = fold_of(record["site"], folds), record["corpus"]
        for seq in sequences(iter([record]), rules):
            if taken[fold, corpus] >= LIMIT:
                break
            taken[fold, corpus] += 1
            out[fold].append((corpus, record["site"], seq))
    return out


def train_one(
    seqs: list[tuple[str, str, Sequence]],
    path: Path,
    keep: Filter | None,
    params: dict[str, float],
) -> int:
    """Train a model on ``seqs`` (features filtered by ``keep``); the sequences used."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({**PARAMS, **params})
    for corpus, _, (_, feats, tags) in seqs:
        if keep is not None:
            feats = [keep(f) for f in feats]
        for _ in range(weight_of(corpus)):
            trainer.append(feats, tags)
    trainer.train(str(path))
    return len(seqs)


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


class Dump:
    """A labelled dump to clean: its text and what a right Article has."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.id: str = record["id"]
        self.text: str = record["text"]
        lines = self.text.split("\n")
        labels = record["labels"]
        self.first = next(
            (_norm(ln) for ln, lab in zip(lines, labels, strict=True) if lab == "body"), ""
        )
        self.title = record["gold"].get("title") if "title" in labels else None
        self.chrome = [
            _norm(ln)
            for ln, lab in zip(lines, labels, strict=True)
            if lab == "chrome" and ln.count(" ") >= 2
        ]
        self.story = [
            _norm(ln)
            for ln, lab in zip(lines, labels, strict=True)
            if lab == "body" and ln.count(" ") >= 5
        ]


def rendered(part: str, folds: int, most: int) -> dict[int, list[Dump]]:
    """The first ``most`` labelled dumps per rendered corpus of a part (per fold for train;
    all under fold 0 for val), each with a body line."""
    out: dict[int, list[Dump]] = {f: [] for f in range(folds)}
    taken: Counter[tuple[int, str]] = Counter()
    for record in read_records(DATA, part):
        if record["corpus"] == "aggregators-dev" or "body" not in record["labels"]:
            continue
        fold = fold_of(record["site"], folds) if part == "train" else 0
        if taken[fold, record["corpus"]] < most:
            taken[fold, record["corpus"]] += 1
            out[fold].append(Dump(record))
    return out


def aggregator_cases(part: str, folds: int) -> dict[int, list[tuple[str, str, Any]]]:
    """The aggregators-dev cases of a part, per fold for train (all under fold 0 for val)."""
    split = load_split()["aggregators-dev"]
    out: dict[int, list[tuple[str, str, Any]]] = {f: [] for f in range(folds)}
    for name, entry in sorted(split.items()):
        if entry["part"] != part:
            continue
        folder = CASES / name
        fold = fold_of(entry["site"], folds) if part == "train" else 0
        out[fold].append(
            (
                name,
                (folder / "input.txt").read_text(encoding="utf-8"),
                json.loads((folder / "labels.json").read_text(encoding="utf-8")),
            )
        )
    return out


class Bagged:
    """Several taggers as one: marginals averaged, labels the likeliest averaged marginal."""

    def __init__(self, paths: list[Path]) -> None:
        import pycrfsuite

        self.taggers = []
        for path in paths:
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            self.taggers.append(tagger)
        self._labels = self.taggers[0].labels()

    def set(self, feats: Any) -> None:
        for tagger in self.taggers:
            tagger.set(feats)

    def marginal(self, label: str, index: int) -> float:
        return sum(t.marginal(label, index) for t in self.taggers) / len(self.taggers)

    def tag(self) -> list[str]:
        size = len(self.taggers[0].tag())
        return [max(self._labels, key=lambda lab: self.marginal(lab, i)) for i in range(size)]

    def labels(self) -> list[str]:
        return list(self._labels)


def make_cleaner(paths: list[Path], keep: Filter | None) -> Any:
    """A Cleaner whose story model is ``paths`` (averaged when several), features filtered."""
    from cleaner import Cleaner
    from cleaner.passes import story
    from cleaner.passes.story import StoryModel

    cleaner = Cleaner()
    model = StoryModel(cleaner.rules, paths[0])
    if len(paths) > 1:
        model._local.tagger = Bagged(paths)
    cleaner.story = model
    base = _BASE_FEATURES
    story.page_features = base if keep is None else (lambda *a: [keep(f) for f in base(*a)])
    return cleaner


def outcomes(cleaner: Any, dumps: list[Dump]) -> dict[str, dict[str, Any]]:
    """Per dump: first, title (None when not counted), leak and story lines, start, headline."""
    out = {}
    for dump in dumps:
        article = cleaner.clean(dump.text, kind="text")
        body = _norm(article.body)
        out[dump.id] = {
            "first": bool(dump.first) and body.startswith(dump.first),
            "title": None if dump.title is None else _title_ok(dump.title, article.title),
            "chrome": (sum(c in body for c in dump.chrome), len(dump.chrome)),
            "story": (sum(s in body for s in dump.story), len(dump.story)),
            "start": body[:80],
            "headline": _norm(article.title),
        }
    return out


_SCORER: ModuleType | None = None


def _title_ok(gold: str, title: str | None) -> bool:
    assert _SCORER is not None
    return bool(_SCORER.title_ok(gold, title))


def agg_outcomes(cleaner: Any, cases: list[tuple[str, str, Any]]) -> dict[str, dict[str, Any]]:
    """Per aggregator case: the scorer's result, with the start and headline."""
    assert _SCORER is not None
    out = {}
    for name, text, labels in cases:
        article = cleaner.clean(text, kind="text").to_dict()
        result = _SCORER.score_case(labels, article)
        result["start"] = _norm(article.get("body"))[:80]
        result["headline"] = _norm(article.get("title"))
        out[name] = result
    return out


def summary(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Figures averaged over models: aggregator scorer figures, rendered first / title / leak /
    ret, and flip rates between the models (pairs)."""
    figures: dict[str, float] = {}
    aggs = [_SCORER.aggregate(run["agg"]) for run in runs if run["agg"] and _SCORER]
    for key in ("overall", "leak", "ret", "first", "title", "route"):
        if aggs:
            figures[f"agg_{key}"] = sum(a[key] for a in aggs) / len(aggs)
    rows = [run["rendered"] for run in runs]
    if rows and rows[0]:
        firsts = [sum(r["first"] for r in row.values()) / len(row) for row in rows]
        titled = [[r["title"] for r in row.values() if r["title"] is not None] for row in rows]
        figures["first"] = sum(firsts) / len(firsts)
        figures["title"] = sum(sum(t) / max(len(t), 1) for t in titled) / len(titled)
        for key in ("chrome", "story"):
            shares = [
                sum(r[key][0] for r in row.values()) / max(sum(r[key][1] for r in row.values()), 1)
                for row in rows
            ]
            figures["leak" if key == "chrome" else "ret"] = sum(shares) / len(shares)
    for name, attr in (("flip_start", "start"), ("flip_title", "headline")):
        pairs = list(itertools.combinations(runs, 2))
        if not pairs:
            continue
        flips = []
        for a, b in pairs:
            both = {**a["agg"], **a["rendered"]}
            other = {**b["agg"], **b["rendered"]}
            flips.append(sum(both[k][attr] != other[k][attr] for k in both) / max(len(both), 1))
        figures[name] = sum(flips) / len(flips)
    return {k: round(v, 4) for k, v in figures.items()}


def main(argv: list[str] | None = None) -> int:
    global _SCORER
    parser = argparse.ArgumentParser(prog="python -m training.stability", description=__doc__)
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--share", type=float, default=0.9, help="share of sites a model sees")
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--dumps", type=int, default=60, help="rendered dumps a corpus and fold")
    parser.add_argument("--variant", action="append", choices=list(VARIANTS))
    parser.add_argument(
        "--params", default="", help="crfsuite settings, ';' between settings: 'c1=1.0; c2=0.1'"
    )
    parser.add_argument("--bag", action="store_true", help="also the seeds' models averaged")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    _SCORER = study_scorer("training.stability", "nothing measured")
    if _SCORER is None:
        return 1
    settings = [
        {k: float(v) for k, _, v in (p.partition("=") for p in group.split())}
        for group in args.params.split(";")
    ]
    started = time.perf_counter()
    seqs = load(args.folds)
    held = rendered("train", args.folds, args.dumps)
    held_agg = aggregator_cases("train", args.folds)
    val = rendered("val", 1, args.dumps)[0]
    val_agg = aggregator_cases("val", 1)[0]
    print(
        f"sequences {[len(v) for v in seqs.values()]}, held-out dumps "
        f"{[len(v) for v in held.values()]}, val dumps {len(val)} "
        f"({time.perf_counter() - started:.0f}s)",
        flush=True,
    )
    tmp = Path(tempfile.mkdtemp(prefix="stability-"))
    figures = []
    for variant, params in itertools.product(args.variant or ["full"], settings):
        keep = VARIANTS[variant]
        name = variant + "".join(f"-{k}{v}" for k, v in params.items())
        held_runs: list[list[dict[str, Any]]] = []
        val_runs: list[list[dict[str, Any]]] = []
        for fold in range(args.folds):
            others = [s for f, v in seqs.items() if f != fold for s in v]
            paths = []
            for seed in range(args.seeds):
                path = tmp / f"{name}-f{fold}-s{seed}.crfsuite"
                chosen = [s for s in others if _in_share(s[1], seed, args.share)]
                train_one(chosen, path, keep, params)
                paths.append(path)
            models = [[p] for p in paths] + ([paths] if args.bag else [])
            held_runs.append([])
            val_runs.append([])
            for model in models:
                cleaner = make_cleaner(model, keep)
                held_runs[-1].append(
                    {
                        "agg": agg_outcomes(cleaner, held_agg[fold]),
                        "rendered": outcomes(cleaner, held[fold]),
                    }
                )
                val_runs[-1].append(
                    {"agg": agg_outcomes(cleaner, val_agg), "rendered": outcomes(cleaner, val)}
                )
        seeds = slice(0, args.seeds)
        row: dict[str, Any] = {"variant": variant, "params": params}
        # held-out: each fold's models on that fold, folds pooled by averaging
        for name, runs in (("held", held_runs), ("val", val_runs)):
            per_fold = [summary(r[seeds]) for r in runs]
            row[name] = _mean(per_fold)
            if args.bag:
                row[name + "_bag"] = _mean([summary(r[-1:]) for r in runs])
        cross = [summary([val_runs[0][s], val_runs[1][s]]) for s in range(args.seeds)]
        row["val_cross"] = {k: v for k, v in _mean(cross).items() if k.startswith("flip")}
        if args.bag:
            bags = summary([val_runs[0][-1], val_runs[1][-1]])
            row["val_cross_bag"] = {k: v for k, v in bags.items() if k.startswith("flip")}
        row["seconds"] = round(time.perf_counter() - started)
        figures.append(row)
        print(json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


def _mean(rows: list[dict[str, float]]) -> dict[str, float]:
    keys = [k for k in rows[0] if all(k in r for r in rows)] if rows else []
    return {k: round(sum(r[k] for r in rows) / len(rows), 4) for k in keys}


if __name__ == "__main__":
    sys.exit(main())
