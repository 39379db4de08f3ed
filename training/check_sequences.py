"""Whether a change moves what the models learn: ``python -m training.check_sequences``.

The story model learns from the rules' hits on the training dumps (they are features), so a
rule that fires on a training dump changes what ``python -m training.train_model`` builds, and
the shipped model is then no longer the one the command rebuilds. This compares the training
sequences (features of every block of the dumps the model trains on) under the built-in rules
as they are against the rules of a git revision (default: the commit that last changed
``cleaner/models/story.crfsuite``), and lists the dumps whose sequences differ, with the first
block that differs and the features it gains and loses. Exit status 1 when any differs: retrain
(and measure) before landing the rules change, or change the rule so that it does not fire there.

    python -m training.check_sequences                 # against the shipped model's rules
    python -m training.check_sequences --rev main~3    # against another revision's rules

That finds what a rules change moves, but not what a change of code moves (the page's layout,
the features, the headline's candidates: b7e38ff moved a headline training dump unseen). So it
then computes the digests of both models' inputs (:mod:`training.inputs`: the train dumps, the
story sequences, the headline candidates) and compares them with those ``train_model`` recorded
in ``story.json``; any that differs is named and the exit status is 1 (``--rules-only`` skips
this). Needs the labelled dumps of ``training/data`` (``python -m training.build_data``) and
git. About a minute for the 1,675 sequences the model trains on, two more for the digests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from cleaner.engine import RuleSet, load_rules
from training import inputs
from training.story_data import DATA, LIMIT, has_data, trained_sequences

ROOT = Path(__file__).resolve().parent.parent
MODEL = "cleaner/models/story.crfsuite"


def features_by_dump(data: Path, rules: RuleSet) -> dict[str, list[list[str]]]:
    """The features of each dump the shipped story model trains on, by dump id."""
    return {doc: feats for doc, feats, _ in trained_sequences(data, rules, LIMIT)}


def moved_inputs(
    data: Path, rules: RuleSet, model: Path = ROOT / MODEL, story: str | None = None
) -> list[str] | None:
    """The models' inputs (:mod:`training.inputs`) whose digest differs from the one the
    story model's ``.json`` (the shipped ``story.json``) records, in the order data, story,
    headline; None when it records none (a model trained before the digests were kept).
    ``story``: the story sequences' digest under ``rules`` where the caller took it already."""
    recorded = json.loads(model.with_suffix(".json").read_text(encoding="utf-8"))
    if "inputs" not in recorded:
        return None
    now = inputs.digests(data, rules, model, story)
    return [name for name, value in recorded["inputs"].items() if now.get(name) != value]


def rules_at(rev: str, folder: Path) -> Path:
    """The ``rules`` folder of git revision ``rev``, extracted under ``folder``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "rules"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(folder, filter="data")
        else:
            tar.extractall(folder)  # our own repository's rules
    return folder / "rules"


def last_model_commit() -> str:
    """The commit that last changed the shipped story model."""
    out = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%H", "--", MODEL],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not out:
        raise SystemExit(f"check_sequences: no commit changed {MODEL}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rev",
        help="the revision whose rules to compare with (default: the "
        "commit that last changed the story model)",
    )
    parser.add_argument("--data", type=Path, default=DATA, help="labelled dumps (training/data)")
    parser.add_argument("--show", type=int, default=15, help="differing dumps to print")
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="compare the rules' sequences only, not the digests of the models' inputs",
    )
    args = parser.parse_args(argv)
    if not has_data(args.data, "check_sequences"):
        return 2
    rev = args.rev or last_model_commit()
    rules = load_rules()
    sequences = list(trained_sequences(args.data, rules, LIMIT))
    now = {doc: feats for doc, feats, _ in sequences}
    with tempfile.TemporaryDirectory() as tmp:
        then = features_by_dump(args.data, load_rules([rules_at(rev, Path(tmp))], builtin=False))
    differ = [doc for doc in sorted(now.keys() | then.keys()) if now.get(doc) != then.get(doc)]
    for doc in differ[: args.show]:
        a, b = now.get(doc, []), then.get(doc, [])
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), None)
        if at is None:
            print(f"{doc}: {len(b)} -> {len(a)} blocks")
        else:
            gained, lost = sorted(set(a[at]) - set(b[at])), sorted(set(b[at]) - set(a[at]))
            print(f"{doc} block {at}: + {gained[:6]} - {lost[:6]}")
    print(
        f"{len(differ)} of {len(now)} training sequences differ from the rules of {rev[:12]}"
        + ("" if not differ else ": the shipped model is not what train_model now builds")
    )
    if args.rules_only:
        return 1 if differ else 0
    moved = moved_inputs(args.data, rules, story=inputs.digest(sequences))
    if moved is None:
        print("story.json records no digests of the models' inputs: train again to record them")
    elif moved:
        print(
            f"the models' inputs moved since they were trained ({', '.join(moved)}): "
            + (
                "training/data is not the data they were built from"
                if "data" in moved
                else "the code or the rules changed what they learn; train again"
            )
        )
    else:
        print("the models' inputs (data, story sequences, headline candidates) are as trained")
    return 1 if differ or moved else 0


if __name__ == "__main__":
    sys.exit(main())
