"""Does a story model trained with synthetic next stories leak less on sites it has not seen?
``python -m training.next_story_study --fractions 0,0.2,0.5`` (needs the ``train`` extra,
``training/data`` and ``../shared``).

The train part is cut into ``--folds`` folds by site (:func:`training.tune.fold_of`). For each
fraction and fold, a story model is trained as ``training.tune`` trains (shipped settings, the
same per-corpus limit and order) on the other folds' dumps, a ``fraction`` of the rendered ones
given a next story by :mod:`training.next_story`, and scored on the fold's own aggregators-dev
train cases (the aggregator scorer) and rendered train pages (``training.rendered_eval``:
body precision, recall, F1), which are real pages, never synthetic. A dump's sequences are
computed once (the chosen sets are nested: a dump chosen at 0.2 is chosen at 0.5 with the
same next story). The validation part is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from cleaner.engine import load_rules
from training import next_story
from training.corpora import load_split
from training.story_data import DATA, LIMIT, read_records, sequences
from training.tune import Sequence, fold_of, held_out_cases, score, study_scorer, train_fold


def fold_sequences(
    records: list[dict[str, Any]],
    donors: dict[str, list[next_story.Donor]],
    fraction: float,
    folds: int,
    cache: dict[tuple[str, bool], list[Sequence]],
    label: str = next_story.LABEL,
    same_site: bool = False,
) -> tuple[dict[int, list[tuple[str, Sequence]]], int]:
    """Per fold, its train sequences at ``fraction`` (at most ``LIMIT`` per corpus, as
    ``training.tune``); and how many dumps got a next story."""
    rules = load_rules()
    out: dict[int, list[tuple[str, Sequence]]] = {f: [] for f in range(folds)}
    taken: Counter[tuple[int, str]] = Counter()
    changed = 0
    for record in records:
        fold, corpus = fold_of(record["site"], folds), record["corpus"]
        if taken[fold, corpus] >= LIMIT:
            continue
        made = None
        if fraction > 0 and next_story.chosen(record["id"], fraction):
            made = next_story.insert(record, donors, label, same_site)
        key = (record["id"], made is not None)
        if key not in cache:
            cache[key] = list(sequences(iter([made or record]), rules))
        changed += made is not None
        for seq in cache[key]:
            out[fold].append((corpus, seq))
            taken[fold, corpus] += 1
    return out, changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m training.next_story_study", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--fractions", default="0,0.2,0.5")
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument(
        "--label",
        default=next_story.LABEL,
        choices=["teaser", "chrome"],
        help="the next story's label (default %(default)s)",
    )
    parser.add_argument(
        "--same-site", action="store_true", help="next stories from other pages of the same site"
    )
    parser.add_argument("--rendered-limit", type=int, default=60, help="train pages per corpus")
    parser.add_argument("--json", type=Path, help="write the figures (and per-case results)")
    args = parser.parse_args(argv)
    scorer = study_scorer("training.next_story_study", "nothing measured")
    if scorer is None:
        return 1
    started = time.perf_counter()
    records = list(read_records(DATA, "train"))
    donors = next_story.collect_donors(records)
    print(
        f"{len(records)} train dumps, donors {sum(map(len, donors.values()))} "
        f"in {time.perf_counter() - started:.0f}s",
        flush=True,
    )
    split = load_split()
    agg, pages = held_out_cases(split, args.folds, args.rendered_limit)
    cache: dict[tuple[str, bool], list[Sequence]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="next-story-"))
    figures = []
    for fraction in (float(f) for f in args.fractions.split(",")):
        started = time.perf_counter()
        seqs, changed = fold_sequences(
            records, donors, fraction, args.folds, cache, args.label, args.same_site
        )
        cases: dict[str, Any] = {}
        sums = Counter[str]()
        for fold in range(args.folds):
            others = [s for f, v in seqs.items() if f != fold for s in v]
            path = tmp / f"fold{fold}-{fraction}-{args.label}-{args.same_site}.crfsuite"
            train_fold(others, {}, path)
            got = score(path, agg[fold], pages[fold], scorer, {})
            cases.update(got["cases"])
            rendered = got["rendered"]
            for name in ("precision", "recall", "f1"):
                sums[name] += getattr(rendered, name) * rendered.dumps
            sums["dumps"] += rendered.dumps
            sums["without_left"] += rendered.without_left
            sums["without_total"] += rendered.without_total
            sums["size"] += path.stat().st_size
        summary = scorer.aggregate(cases)
        dumps = max(sums["dumps"], 1)
        row = {
            "fraction": fraction,
            "label": args.label,
            "same_site": args.same_site,
            "changed": changed,
            **{
                k: round(summary[k], 4)
                for k in ("overall", "leak", "ret", "first", "title", "route")
            },
            **{k: round(sums[k] / dumps, 4) for k in ("precision", "recall", "f1")},
            "without": round(sums["without_left"] / max(sums["without_total"], 1), 4),
            "model_bytes": sums["size"] // args.folds,
            "seconds": round(time.perf_counter() - started),
            "cases": cases,
        }
        figures.append(row)
        print(json.dumps({k: v for k, v in row.items() if k != "cases"}), flush=True)
        if args.json:
            args.json.write_text(json.dumps(figures, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
