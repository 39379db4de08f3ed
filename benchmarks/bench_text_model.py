"""The text path with and without the story model, beside trafilatura and jusText, on the
validation part of the split (``training/split.json``): one run, the same dumps for all.

    .venv/bin/python benchmarks/bench_text_model.py            # every system
    .venv/bin/python benchmarks/bench_text_model.py --systems model --part train

Prints the aggregator scorer's figures (../shared/tools/aggregator_eval.py, imported by path)
on the aggregators-dev cases of the part, body F1 on the rendered pages of the part
(training/data/*.jsonl from ``python -m training.build_data``: word-bag F1 of the body against
the lines labelled body or subhead), and documents per second. Needs ../shared (says so and
exits 1 when it is missing) and the ``bench`` extra.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CASES = SHARED / "corpora" / "aggregators-dev"
SCORER = SHARED / "tools" / "aggregator_eval.py"
SPLIT = ROOT / "training" / "split.json"
DATA = Path(os.environ.get("CLEANER_TRAINING_DATA", ROOT / "training" / "data"))
SYSTEMS = ("cleaner", "model", "trafilatura", "justext")

Predict = Callable[[str], dict[str, Any]]


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("aggregator_eval", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cleaner_system(*, model: bool, model_path: Path | None = None) -> Predict:
    from cleaner import Cleaner
    from cleaner.passes.story import StoryModel

    cleaner = Cleaner(disable=() if model else ("model",))
    if model and model_path is not None:
        cleaner.story = StoryModel(cleaner.rules, model_path)

    def predict(text: str) -> dict[str, Any]:
        return cleaner.clean(text, kind="text").to_dict()

    return predict


def justext_system() -> Predict:
    import justext

    stoplist = justext.get_stoplist("English")

    def predict(text: str) -> dict[str, Any]:
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        doc = "<html><body>" + "".join(f"<p>{html.escape(p)}</p>" for p in lines) + "</body></html>"
        paragraphs = justext.justext(doc.encode("utf-8"), stoplist, encoding="utf-8")
        body = "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)
        return {"title": None, "authors": [], "dateline": None, "body": body,
                "captions": [], "credits": [], "copyright": None}

    return predict


def aggregator_cases(part: str) -> list[tuple[str, str, dict[str, Any]]]:
    split = json.loads(SPLIT.read_text())["aggregators-dev"]
    cases = []
    for name in sorted(split):
        if split[name]["part"] == part:
            folder = CASES / name
            text = (folder / "input.txt").read_text(encoding="utf-8")
            cases.append((name, text, json.loads((folder / "labels.json").read_text())))
    return cases


_WORDS = re.compile(r"\w+")


def bag_f1(predicted: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the words of ``predicted`` against ``gold`` (multisets)."""
    p, g = Counter(_WORDS.findall(predicted.lower())), Counter(_WORDS.findall(gold.lower()))
    common = sum((p & g).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def rendered_dumps(part: str, limit: int | None) -> list[tuple[str, str, str]]:
    """(id, dump, gold body) of the rendered pages of the part, from training/data."""
    dumps: list[tuple[str, str, str]] = []
    for path in sorted(DATA.glob("*.jsonl")):
        if path.stem == "aggregators-dev":
            continue
        taken = 0
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                if record.get("part") != part:
                    continue
                lines = record["text"].split("\n")
                gold = "\n".join(
                    ln for ln, lab in zip(lines, record["labels"], strict=False)
                    if lab in ("body", "subhead")
                )
                dumps.append((record["id"], record["text"], gold))
                taken += 1
                if limit is not None and taken >= limit:
                    break
    return dumps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset")
    parser.add_argument("--part", default="val", choices=("val", "train"))
    parser.add_argument("--model", type=Path, help="a model file other than the shipped one")
    parser.add_argument("--rendered-limit", type=int, default=None, help="dumps per corpus")
    parser.add_argument("--json", type=Path, help="write per-case results here")
    args = parser.parse_args(argv)
    if not CASES.is_dir() or not SCORER.is_file():
        print(f"bench_text_model: the corpora or the scorer are missing ({SHARED})", file=sys.stderr)
        return 1
    scorer = load_scorer()
    cases = aggregator_cases(args.part)
    rendered = rendered_dumps(args.part, args.rendered_limit)
    makers: dict[str, Callable[[], Predict]] = {
        "cleaner": lambda: cleaner_system(model=False),
        "model": lambda: cleaner_system(model=True, model_path=args.model),
        "trafilatura": lambda: scorer.adapter_trafilatura,
        "justext": justext_system,
    }
    print(f"part: {args.part}; aggregators-dev cases: {len(cases)}; rendered dumps: {len(rendered)}")
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min)")
    header = ("system", "leak", "ret", "first", "title", "authors", "dateline", "route",
              "overall", "F1", "P", "R", "docs/s")
    print(" ".join(f"{h:>8}" if i else f"{h:<12}" for i, h in enumerate(header)))
    per_case: dict[str, Any] = {}
    for name in args.systems.split(","):
        predict = makers[name]()
        results: dict[str, Any] = {}
        started = time.perf_counter()
        for case, text, labels in cases:
            results[case] = scorer.score_case(labels, predict(text))
        f1s: list[tuple[float, float, float]] = []
        for _, text, gold in rendered:
            f1s.append(bag_f1(predict(text).get("body") or "", gold))
        elapsed = time.perf_counter() - started
        agg = scorer.aggregate(results)
        n = max(len(f1s), 1)
        prf = [sum(x[k] for x in f1s) / n for k in range(3)]
        rate = (len(cases) + len(rendered)) / elapsed if elapsed else 0.0
        row = [agg["leak"], agg["ret"], agg["first"], agg["title"], agg["authors"],
               agg["dateline"], agg["route"], agg["overall"], prf[2], prf[0], prf[1]]
        print(f"{name:<12} " + " ".join(f"{v:8.3f}" for v in row) + f" {rate:8.0f}")
        per_case[name] = results
    if args.json:
        args.json.write_text(json.dumps(per_case, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
