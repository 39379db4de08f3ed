"""Search the story model's training settings on the TRAIN part only: ``python -m training.tune``.

The train part of the split (``training/split.json``) is cut by site into ``--folds`` folds
(a site's fold is a hash of its registered domain, so no site is on both sides). For each
setting of the grid and each fold, a model is trained on the other folds' dumps (as
``training.train_model`` trains: same sequences, weights, per-corpus limit) and scored on the
fold's own aggregators-dev train cases (the aggregator scorer, imported by path), apart on its
hand-labelled syndication-dev train texts (``synd``: :mod:`training.syndication_labels`), and
on its rendered wcxb-dev and fundus-dev train pages (``training.rendered_eval``: body word-bag
F1). ``sw`` in a setting weights the syndication-dev dumps (default: as ``w``; ``sw=0`` leaves
them out).
The validation part is never read. Needs ``training/data`` (``python -m training.build_data``)
and ``../shared``; says so and exits 1 when they are missing.

    python -m training.tune                                    # the default grid
    python -m training.tune --grid 'c1=0.05,0.2 c2=0.01' --json /tmp/tune.json
    python -m training.tune --folds 5 --grid 'topic=0,1' --keep /tmp/folds   # without the cue

``topic=0`` trains without the topic cue (``cleaner/passes/topic.py``); ``--keep DIR`` keeps
each setting's fold models and its held-out dumps' scores (rendered: P, R, F1 a dump; the
aggregator scorer's results a case) for reading which dumps a setting moves; ``--models DIR``
scores the fold models kept there instead of training.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from cleaner.engine import load_rules
from training import rendered_eval, syndication_labels
from training.corpora import aggregator_scorer, load_split
from training.story_data import (
    DATA,
    LIMIT,
    PARAMS,
    WEIGHTS,
    read_records,
    sequences,
    weight_of,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CASES = SHARED / "corpora" / "aggregators-dev"
#: The default grid: crfsuite's L1 and L2 penalties and iterations, the aggregator weight and
#: the per-corpus limit (the shipped values are in it).
GRID = "c1=0.01,0.05,0.2,0.5 c2=0.001,0.01,0.1 it=200 w=4 limit=600"

Sequence = tuple[str, list[list[str]], list[str]]


def fold_of(site: str, folds: int) -> int:
    """A site's fold, fixed by its name (salted: the split itself is the parity of the
    unsalted hash, so every train site would fall in one fold)."""
    return hashlib.sha1(f"tune:{site}".encode()).digest()[0] % folds


def parse_grid(text: str) -> list[dict[str, float]]:
    """``'c1=0.05,0.2 c2=0.01'`` → every combination, as dicts."""
    axes: list[tuple[str, list[float]]] = []
    for part in text.split():
        name, _, values = part.partition("=")
        axes.append((name, [float(v) for v in values.split(",")]))
    return [
        dict(zip([n for n, _ in axes], combo, strict=True))
        for combo in itertools.product(*(v for _, v in axes))
    ]


def load_sequences(folds: int, most: int) -> dict[int, list[tuple[str, Sequence]]]:
    """Per fold, its train-part sequences (corpus, sequence), at most ``most`` per corpus."""
    rules = load_rules()
    out: dict[int, list[tuple[str, Sequence]]] = {f: [] for f in range(folds)}
    taken: Counter[tuple[int, str]] = Counter()
    for record in read_records(DATA, "train"):
        fold, corpus = fold_of(record["site"], folds), record["corpus"]
        if taken[fold, corpus] >= most:
            continue
        for doc_id, feats, tags in sequences(iter([record]), rules):
            out[fold].append((corpus, (doc_id, feats, tags)))
            taken[fold, corpus] += 1
    return out


def study_scorer(command: str, outcome: str) -> ModuleType | None:
    """The aggregator scorer when the training data and the aggregator cases are there (the
    fold studies need all three), else None after saying on stderr what ``command`` needs and
    that ``outcome`` ('nothing tuned')."""
    scorer = aggregator_scorer()
    if not any(DATA.glob("*.jsonl")) or scorer is None or not CASES.is_dir():
        print(f"{command}: needs {DATA}/*.jsonl and {SHARED}; {outcome}", file=sys.stderr)
        return None
    return scorer


def held_out_cases(
    split: dict[str, Any], folds: int, rendered_limit: int
) -> tuple[dict[int, list[tuple[str, str, Any]]], dict[int, list[Any]]]:
    """The train part's aggregator cases (name, input, labels) and rendered dumps, by the
    fold their site falls in: what each fold's model is scored on."""
    agg: dict[int, list[tuple[str, str, Any]]] = {f: [] for f in range(folds)}
    for name, entry in sorted(split["aggregators-dev"].items()):
        if entry["part"] == "train":
            folder = CASES / name
            agg[fold_of(entry["site"], folds)].append(
                (
                    name,
                    (folder / "input.txt").read_text(encoding="utf-8"),
                    json.loads((folder / "labels.json").read_text()),
                )
            )
    pages: dict[int, list[Any]] = {f: [] for f in range(folds)}
    for case in rendered_eval.cases("train", limit=rendered_limit):
        corpus, item = case.id.split("/")[:2]
        pages[fold_of(split[corpus][item]["site"], folds)].append(case)
    return agg, pages


def held_out_syndication(
    split: dict[str, Any], folds: int
) -> dict[int, list[tuple[str, str, Any]]]:
    """The hand-labelled syndication-dev train texts (name, text as found, labels) by the fold
    their site falls in (:mod:`training.syndication_labels`; refused labels left out): scored
    by the aggregator scorer apart from the aggregators-dev cases."""
    out: dict[int, list[tuple[str, str, Any]]] = {f: [] for f in range(folds)}
    for found in syndication_labels.labelled_texts(split):
        out[fold_of(found.site, folds)].append((found.item, found.text, found.labels))
    return out


def fold_weights(setting: dict[str, float]) -> dict[str, int]:
    """The hand-labelled corpora's weights of a setting: ``w`` the aggregator dumps', ``sw``
    the syndication dumps' (default: as ``w`` when it is given, else as shipped)."""
    weight = int(setting.get("w", WEIGHTS["aggregators-dev"]))
    default = weight if "w" in setting else WEIGHTS["syndication-dev"]
    return {
        "aggregators-dev": weight,
        "syndication-dev": int(setting.get("sw", default)),
    }


def train_fold(
    seqs: list[tuple[str, Sequence]], setting: dict[str, float], path: Path
) -> dict[str, int]:
    """Train one model as train_model does, on ``seqs`` with ``setting``; the dumps used."""
    import pycrfsuite

    params = dict(PARAMS)
    params.update(
        c1=setting.get("c1", PARAMS["c1"]),
        c2=setting.get("c2", PARAMS["c2"]),
        max_iterations=int(setting.get("it", PARAMS["max_iterations"])),
    )
    weights = fold_weights(setting)
    limit = int(setting.get("limit", LIMIT))
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(params)
    per_corpus: Counter[str] = Counter()
    for corpus, (_, feats, tags) in seqs:
        if per_corpus[corpus] >= limit:
            continue
        per_corpus[corpus] += 1
        if not setting.get("topic", 1):  # topic=0: without the topic cue
            feats = [[f for f in item if not f.startswith("topic:")] for item in feats]
        for _ in range(weight_of(corpus, weights)):
            trainer.append(feats, tags)
    trainer.train(str(path))
    return dict(per_corpus)


def set_decision(name: str, value: float, program: str) -> None:
    """Set the decision constant ``name`` of :mod:`cleaner.passes.story` to ``value`` for this
    run (``--sweep`` here, the studies' ``--set``); ``program`` exits naming it when the module
    has no such number."""
    from cleaner.passes import story

    current = getattr(story, name, None)
    if isinstance(current, bool) or not isinstance(current, int | float):
        raise SystemExit(f"{program}: cleaner.passes.story has no decision constant {name}")
    setattr(story, name, value)


#: The decision constants as shipped, restored before each setting of ``--sweep``.
_DEFAULTS: dict[str, Any] = {}


def score(
    path: Path,
    agg_cases: list[tuple[str, str, Any]],
    pages: list[Any],
    scorer: ModuleType,
    decision: dict[str, float],
    synd_cases: list[tuple[str, str, Any]] | None = None,
) -> dict[str, Any]:
    """A model's aggregator results per case and rendered-page figures on held-out dumps, with
    the decision constants of :mod:`cleaner.passes.story` set as ``decision`` says; the
    aggregator scorer's results on the held-out syndication-dev texts apart (``synd``)."""
    from cleaner import Cleaner
    from cleaner.passes import story
    from cleaner.passes.story import StoryModel

    for name, value in {**_DEFAULTS, **decision}.items():
        _DEFAULTS.setdefault(name, getattr(story, name, None))
        set_decision(name, value, "training.tune")

    cleaner = Cleaner()
    cleaner.story = StoryModel(cleaner.rules, path)
    results = {
        name: scorer.score_case(labels, cleaner.clean(text, kind="text").to_dict())
        for name, text, labels in agg_cases
    }
    synd = {
        name: scorer.score_case(labels, cleaner.clean(text, kind="text").to_dict())
        for name, text, labels in synd_cases or []
    }
    bodies: list[str] = []

    def clean(text: str) -> Any:
        article = cleaner.clean(text, kind="text")
        bodies.append(article.body or "")
        return article

    rendered = rendered_eval.evaluate(clean, pages)
    per_dump = {
        case.id: rendered_eval.prf(body, case.gold_body)
        for case, body in zip(pages, bodies, strict=True)
    }
    return {"cases": results, "synd": synd, "rendered": rendered["all"], "dumps": per_dump}


def _figures(scorer: ModuleType, results: dict[str, Any]) -> dict[str, float] | None:
    """The aggregator scorer's overall, leak, retention, first and title over ``results``."""
    if not results:
        return None
    summary = scorer.aggregate(results)
    return {k: round(summary[k], 4) for k in ("overall", "leak", "ret", "first", "title")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m training.tune", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--grid", default=GRID, help=f"settings to try, groups separated by ';' (default {GRID!r})"
    )
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--rendered-limit", type=int, default=60, help="train pages per corpus")
    parser.add_argument(
        "--sweep",
        help="decision constants of cleaner.passes.story to try with each model (as --grid, "
        "groups separated by ';': 'TITLE_OVER=0.3,0.5; STORY_MARGIN=0.97')",
    )
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", type=Path, help="keep fold models and per-dump scores here")
    parser.add_argument(
        "--models",
        type=Path,
        help="score the fold models an earlier run kept in this folder (--keep) instead of "
        "training them",
    )
    args = parser.parse_args(argv)
    scorer = study_scorer("training.tune", "nothing tuned")
    if scorer is None:
        return 1
    grid = [s for group in args.grid.split(";") for s in parse_grid(group)]
    split = load_split()
    most = max(int(s.get("limit", LIMIT)) for s in grid)
    started = time.perf_counter()
    seqs = {} if args.models else load_sequences(args.folds, most)
    print(
        f"sequences: {[len(v) for v in seqs.values()]} in {time.perf_counter() - started:.0f}s",
        flush=True,
    )
    agg, pages = held_out_cases(split, args.folds, args.rendered_limit)
    synd = held_out_syndication(split, args.folds)
    print(
        f"held-out aggregator cases per fold: {[len(v) for v in agg.values()]}; "
        f"syndication texts: {[len(v) for v in synd.values()]}; "
        f"rendered dumps: {[len(v) for v in pages.values()]}",
        flush=True,
    )
    sweep = [d for group in (args.sweep or "").split(";") for d in parse_grid(group)] or [{}]
    figures = []
    tmp = Path(tempfile.mkdtemp(prefix="tune-"))
    for setting in grid:
        started = time.perf_counter()
        results: list[dict[str, Any]] = [{} for _ in sweep]
        synd_results: list[dict[str, Any]] = [{} for _ in sweep]
        f1 = [0.0 for _ in sweep]
        precision = [0.0 for _ in sweep]
        recall = [0.0 for _ in sweep]
        dumps = [0 for _ in sweep]
        label = "_".join(f"{k}{v:g}" for k, v in setting.items())
        for fold in range(args.folds):
            if args.models:
                path = args.models / f"{label}-fold{fold}.crfsuite"
            else:
                others = [s for f, v in seqs.items() if f != fold for s in v]
                path = tmp / f"fold{fold}.crfsuite"
                train_fold(others, setting, path)
            if args.keep:
                args.keep.mkdir(parents=True, exist_ok=True)
            if args.keep and not args.models:
                shutil.copy(path, args.keep / f"{label}-fold{fold}.crfsuite")
            for n, decision in enumerate(sweep):
                got = score(path, agg[fold], pages[fold], scorer, decision, synd[fold])
                results[n].update(got["cases"])
                synd_results[n].update(got["synd"])
                if args.keep:
                    per = args.keep / f"{label}-{n}-dumps.json"
                    known = json.loads(per.read_text()) if per.exists() else {}
                    known.update(got["dumps"])
                    known.update({f"agg:{k}": v for k, v in got["cases"].items()})
                    known.update({f"synd:{k}": v for k, v in got["synd"].items()})
                    per.write_text(json.dumps(known))
                f1[n] += got["rendered"].f1 * got["rendered"].dumps
                precision[n] += got["rendered"].precision * got["rendered"].dumps
                recall[n] += got["rendered"].recall * got["rendered"].dumps
                dumps[n] += got["rendered"].dumps
        for n, decision in enumerate(sweep):
            summary = scorer.aggregate(results[n])
            row = {
                "setting": setting,
                "decision": decision,
                **{
                    k: round(summary[k], 4)
                    for k in ("overall", "leak", "ret", "first", "title", "route")
                },
                "synd": _figures(scorer, synd_results[n]),
                "f1": round(f1[n] / dumps[n], 4) if dumps[n] else None,
                "p": round(precision[n] / dumps[n], 4) if dumps[n] else None,
                "r": round(recall[n] / dumps[n], 4) if dumps[n] else None,
                "seconds": round(time.perf_counter() - started),
            }
            figures.append(row)
            print(json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
