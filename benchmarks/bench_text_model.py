"""The text path with and without the story model, beside trafilatura and jusText, on the
validation part of the split (``training/split.json``): one run, the same dumps for all.

    .venv/bin/python benchmarks/bench_text_model.py            # every system
    .venv/bin/python benchmarks/bench_text_model.py --systems model --part train

Prints the aggregator scorer's figures (../shared/tools/aggregator_eval.py, imported by path)
on the aggregators-dev cases of the part; on the rendered wcxb-dev and fundus-dev pages of the
part (``training.rendered_eval``: each page rendered unwrapped and hard-wrapped), body word-bag
F1, precision, recall and the share of wcxb's ``without`` snippets left in; and documents per
second over both. Needs ../shared (says so and exits 1 when it is missing) and the ``bench``
and ``train`` extras.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CASES = SHARED / "corpora" / "aggregators-dev"
SCORER = SHARED / "tools" / "aggregator_eval.py"
SPLIT = ROOT / "training" / "split.json"
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
        return {
            "title": None,
            "authors": [],
            "dateline": None,
            "body": body,
            "captions": [],
            "credits": [],
            "copyright": None,
        }

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


def _combined(one: Any, two: Any) -> Any:
    """Two rendered-pages scores as one (means weighted by their dumps)."""
    from training.rendered_eval import Score

    total = one.dumps + two.dumps
    both = Score(dumps=total)
    if total:
        for key in ("precision", "recall", "f1"):
            setattr(
                both, key, (getattr(one, key) * one.dumps + getattr(two, key) * two.dumps) / total
            )
    both.without_total = one.without_total + two.without_total
    both.without_left = one.without_left + two.without_left
    return both


def _bodies(predict: Predict) -> Callable[[str], _Body]:
    return lambda text: _Body(predict(text).get("body") or "")


class _Body:
    """What the rendered-pages scorer reads of an Article."""

    def __init__(self, body: str) -> None:
        self.body = body


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset")
    parser.add_argument("--part", default="val", choices=("val", "train"))
    parser.add_argument("--model", type=Path, help="a model file other than the shipped one")
    parser.add_argument("--rendered-limit", type=int, default=0, help="pages per corpus")
    parser.add_argument("--json", type=Path, help="write per-case results here")
    args = parser.parse_args(argv)
    if not CASES.is_dir() or not SCORER.is_file():
        print(
            f"bench_text_model: the corpora or the scorer are missing ({SHARED})", file=sys.stderr
        )
        return 1
    scorer = load_scorer()
    cases = aggregator_cases(args.part)
    sys.path.insert(0, str(ROOT))
    from training import rendered_eval

    rendered = rendered_eval.cases(args.part, limit=args.rendered_limit or 0)
    makers: dict[str, Callable[[], Predict]] = {
        "cleaner": lambda: cleaner_system(model=False),
        "model": lambda: cleaner_system(model=True, model_path=args.model),
        "trafilatura": lambda: scorer.adapter_trafilatura,
        "justext": justext_system,
    }
    print(
        f"part: {args.part}; aggregators-dev cases: {len(cases)}; rendered dumps: {len(rendered)}"
    )
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} (1 and 5 min)")
    header = (
        "system",
        "leak",
        "ret",
        "first",
        "title",
        "authors",
        "dateline",
        "route",
        "overall",
        "F1",
        "P",
        "R",
        "without",
        "docs/s",
    )
    print(" ".join(f"{h:>8}" if i else f"{h:<12}" for i, h in enumerate(header)))
    per_case: dict[str, Any] = {}
    f1_wrapped: dict[str, tuple[float, float]] = {}
    for name in args.systems.split(","):
        predict = makers[name]()
        results: dict[str, Any] = {}
        started = time.perf_counter()
        for case, text, labels in cases:
            results[case] = scorer.score_case(labels, predict(text))
        wrapped = rendered_eval.evaluate(_bodies(predict), [c for c in rendered if "-w" in c.id])
        unwrapped = rendered_eval.evaluate(
            _bodies(predict), [c for c in rendered if "-w" not in c.id]
        )
        elapsed = time.perf_counter() - started
        agg = scorer.aggregate(results)
        whole = _combined(wrapped["all"], unwrapped["all"])
        left = whole.without_share or 0.0
        f1_wrapped[name] = (wrapped["all"].f1, unwrapped["all"].f1)
        rate = (len(cases) + len(rendered)) / elapsed if elapsed else 0.0
        row = [
            agg["leak"],
            agg["ret"],
            agg["first"],
            agg["title"],
            agg["authors"],
            agg["dateline"],
            agg["route"],
            agg["overall"],
            whole.f1,
            whole.precision,
            whole.recall,
            left,
        ]
        print(f"{name:<12} " + " ".join(f"{v:8.3f}" for v in row) + f" {rate:8.0f}")
        per_case[name] = results
    print("rendered body F1, hard-wrapped dumps vs the same pages unwrapped:")
    for name, (wrap_f1, flat_f1) in f1_wrapped.items():
        print(f"  {name:<12} wrapped {wrap_f1:.3f}  unwrapped {flat_f1:.3f}")
    if args.json:
        args.json.write_text(json.dumps(per_case, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
