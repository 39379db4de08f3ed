"""Train the story labeller: ``python -m training.train_model`` (needs the ``train`` extra).

Reads the labelled dumps of ``training/data/*.jsonl`` (written by ``python -m
training.build_data``; see training/README.md for the schema), keeps the ``train`` part of the
split, turns each dump into the blocks the cleaner sees at run time (``text_to_page`` and the
built-in rules), labels each block with the labels of its lines, and trains a linear-chain CRF
(crfsuite, L-BFGS: deterministic) on the features of :mod:`cleaner.passes.features`. Writes
``cleaner/models/story.crfsuite`` and ``story.json`` (version, labels, feature-set hash, what it
was trained on), then the headline model ``headline.crfsuite`` (:mod:`training.train_headline`),
and records in ``story.json`` the digests of both models' inputs (:mod:`training.inputs`).
The same data gives the same model files, bit for bit.

    python -m training.train_model                  # the shipped model
    python -m training.train_model --out /tmp/m     # somewhere else (experiments)
    python -m training.train_model --headline-only  # the headline model alone
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from cleaner.engine import RuleSet, load_rules
from cleaner.passes.story import LABELS
from training.inputs import Digest
from training.story_data import (
    DATA,
    HERE,
    LIMIT,
    PARAMS,
    WEIGHTS,
    has_data,
    trained_sequences,
    weight_of,
)

OUT = HERE.parent / "cleaner" / "models" / "story.crfsuite"
#: The model's version: bump when the features or the label set change.
VERSION = "story-crf-3"


def feature_hash() -> str:
    """A hash of the feature code (``features.py`` and the topic cue's ``topic.py``), so a
    model is known to match the features it was built on."""
    passes = Path(__file__).resolve().parent.parent / "cleaner" / "passes"
    code = b"".join((passes / name).read_bytes() for name in ("features.py", "topic.py"))
    return hashlib.sha256(code).hexdigest()[:16]


def rules_hash(rules: RuleSet) -> str:
    """A hash of the rule files, so a model is known to match the rules it was built with."""
    return hashlib.sha256(b"".join(p.read_bytes() for p in rules.files)).hexdigest()[:16]


def train(
    data: Path,
    out: Path,
    *,
    limit_per_corpus: int | None = None,
    skip: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Train on ``data``'s train part and write the model to ``out`` (+ ``.json``), leaving
    out the corpora named in ``skip`` (to tune decisions on dumps the model has not seen)."""
    import pycrfsuite

    rules = load_rules()
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(PARAMS)
    counts: Counter[str] = Counter()
    docs: Counter[str] = Counter()
    sequences = Digest()
    for doc_id, feats, tags in trained_sequences(data, rules, limit_per_corpus, skip):
        sequences.add((doc_id, feats, tags))
        corpus = doc_id.split("/", 1)[0]
        if "#" in doc_id:
            corpus += "#" + doc_id.split("#", 1)[1]
        weight = weight_of(corpus)
        for _ in range(weight):
            trainer.append(feats, tags)
        docs[corpus] += 1
        counts.update(tags)
    if not docs:
        raise SystemExit(f"training: no training dumps in {data}")
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))
    info = {
        "version": VERSION,
        "labels": list(LABELS),
        "features": feature_hash(),
        "rules": rules_hash(rules),
        "params": PARAMS,
        "weights": WEIGHTS,
        "limit_per_corpus": limit_per_corpus,
        "trained_on": dict(sorted(docs.items())),
        "block_labels": dict(sorted(counts.items())),
        "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
        "inputs": {"story": sequences.hexdigest()},
    }
    out.with_suffix(".json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.train_model", description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA, help="folder of *.jsonl dumps")
    parser.add_argument("--out", type=Path, default=OUT, help="model file to write")
    parser.add_argument(
        "--limit", type=int, default=LIMIT, help=f"at most N dumps per corpus (default {LIMIT})"
    )
    parser.add_argument(
        "--skip", action="append", default=[], metavar="CORPUS", help="leave a corpus out"
    )
    parser.add_argument(
        "--headline-only",
        action="store_true",
        help="keep the story model as it is and train the headline model again (after a change"
        " to cleaner/passes/headline.py or training/train_headline.py alone)",
    )
    parser.add_argument(
        "--folds",
        type=Path,
        help="folder of the headline's story-fold0/1.crfsuite (written by an earlier run of"
        " training.train_headline from the same data and rules) to use instead of training them",
    )
    args = parser.parse_args(argv)
    if not has_data(args.data, "training"):
        return 1
    if args.headline_only:
        info = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        if info.get("features") != feature_hash() or info.get("rules") != rules_hash(load_rules()):
            print("training: the story model is out of date; train it first", file=sys.stderr)
            return 1
    else:
        info = train(args.data, args.out, limit_per_corpus=args.limit, skip=tuple(args.skip))
    from training import inputs, train_headline

    # the story sequences' digest as train() read them (with --headline-only, as the story
    # model was trained: the features and rules are checked the same above)
    story = info.pop("inputs", {}).get("story")
    info["headline"] = train_headline.build(
        args.data, args.out.with_name("headline.crfsuite"), args.folds
    )
    info["inputs"] = inputs.digests(args.data, load_rules(), args.out, story=story)
    args.out.with_suffix(".json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(info, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
