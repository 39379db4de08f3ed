"""Replay a candidate cut of the body on the train part, counted by site (issue 7's leak).

A pass after the story model takes kept blocks out of the body; whether it holds is told by
how many train *sites* it takes story from against how many it cleans, with the story model
that had not seen the site. Sessions end17 to end20 each wrote that capture ad hoc; this is it:

```sh
.venv/bin/python -m training.cut_replay capture --models /tmp/folds --out /tmp/capture.jsonl
.venv/bin/python -m training.cut_replay replay /tmp/capture.jsonl --cut mymodule:cut
```

``capture`` cleans, with ``fold0.crfsuite`` / ``fold1.crfsuite`` of ``--models`` (trained by
``training.tune`` on the train part's folds), each train dump with the fold model that had not
seen its site: the aggregators-dev train cases, the rendered 2,000-character cuts
(``head``) and up to ``--whole`` unwrapped lxml renderings a corpus (``whole``) of
``training/data``. Each record holds the page's blocks (texts and line spans), the blocks the
body kept after every pass, the model's labels and not-story probabilities, the headline, and
the gold: the line labels of a rendered dump, or an aggregator case's labels and the chrome
strings its body leaked. The validation part is never read.

``replay`` calls ``cut(record)`` for each record (a function returning the indices of kept
blocks to take out) and prints, for the rendered dumps, the dumps and sites whose cut takes
story words (gold ``body`` or ``subhead`` lines) and those it cuts clean, with the story and
chrome words taken; for the aggregator cases, the ``body_must`` snippets and leaked chrome
strings inside the blocks taken out.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cleaner.pipeline as pipeline
from cleaner import Cleaner
from cleaner.passes.headline import KEEP
from cleaner.passes.story import StoryModel
from training import tune
from training.corpora import aggregator_scorer, load_split

DATA = Path(__file__).resolve().parent / "data"
#: The rendered corpora the capture reads (their ``training/data`` files).
CORPORA = ("wcxb-dev", "fundus-dev", "readability-dev")
#: Gold line labels of the story.
STORY = ("body", "subhead")
#: Gold line labels of what the body should not hold.
CHROME = ("chrome", "teaser")

Record = dict[str, Any]
Cut = Callable[[Record], Iterable[int]]


class _Recorder:
    """What the pipeline did on a page: :func:`cleaner.pipeline.decide` and
    :func:`cleaner.pipeline.run` wrapped (the cleaner calls them by these names)."""

    def __init__(self) -> None:
        self.page: Record = {}
        self.original = decide, run = pipeline.decide, pipeline.run

        def decided(model: StoryModel, blocks: Any, kept: Any, outcome: Any, **kw: Any) -> Any:
            labels = model.label(blocks, outcome)
            self.page["labels"] = labels
            self.page["notstory"] = [
                round(1 - sum(model.marginal(label, i) for label in KEEP), 3)
                for i in range(len(blocks))
            ]
            return decide(model, blocks, kept, outcome, **kw)

        def ran(steps: Any, page: Any, outcome: Any, **kw: Any) -> Any:
            work = run(steps, page, outcome, **kw)
            self.page["blocks"] = [block.text for block in page.blocks]
            self.page["lines"] = [list(block.lines) for block in page.blocks]
            self.page["kept"] = sorted(item.index for item in work.kept)
            return work

        setattr(pipeline, "decide", decided)  # noqa: B010
        setattr(pipeline, "run", ran)  # noqa: B010

    def close(self) -> None:
        """Put the pipeline's own functions back."""
        setattr(pipeline, "decide", self.original[0])  # noqa: B010
        setattr(pipeline, "run", self.original[1])  # noqa: B010

    def clean(self, cleaner: Cleaner, text: str) -> Record:
        """The record of ``text`` cleaned: what :meth:`__init__`'s wrappers saw, the body and
        the headline."""
        self.page = {}
        article = cleaner.clean(text, kind="text")
        return {**self.page, "body": article.body or "", "title": article.title}


def _fold_cleaners(models: Path) -> dict[int, Cleaner]:
    out = {}
    for fold in (0, 1):
        path = models / f"fold{fold}.crfsuite"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: train the folds with training.tune")
        c = Cleaner()
        c.story = StoryModel(c.rules, path)
        out[fold] = c
    return out


def _rendered(whole: int) -> Iterator[Record]:
    """The train part's rendered dumps of ``training/data``: every 2,000-character cut, and
    the first ``whole`` unwrapped lxml renderings a corpus."""
    for corpus in CORPORA:
        path = DATA / f"{corpus}.jsonl"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run python -m training.build_data")
        taken = 0
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if record["part"] != "train":
                    continue
                if not record.get("head"):
                    if record["renderer"] != "lxml" or record.get("wrap") or taken >= whole:
                        continue
                    taken += 1
                yield record


def capture(models: Path, out: Path, whole: int) -> int:
    """Write the capture (one JSON record a dump) to ``out``; the number of dumps."""
    scorer = aggregator_scorer()
    if scorer is None or not tune.CASES.is_dir():
        raise FileNotFoundError(f"the aggregator cases or their scorer are missing ({tune.CASES})")
    cleaners = _fold_cleaners(models)
    recorder = _Recorder()
    with out.open("w", encoding="utf-8") as sink:
        try:
            return _write(sink, cleaners, recorder, scorer, whole)
        finally:
            recorder.close()


def _write(
    sink: Any, cleaners: dict[int, Cleaner], recorder: _Recorder, scorer: Any, whole: int
) -> int:
    """The records of :func:`capture` written to ``sink``; their number."""
    count = 0
    for name, entry in sorted(load_split()["aggregators-dev"].items()):
        if entry["part"] != "train":
            continue
        folder = tune.CASES / name
        gold = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        text = (folder / "input.txt").read_text(encoding="utf-8")
        rec = recorder.clean(cleaners[tune.fold_of(entry["site"], 2)], text)
        leaked = scorer.score_case(gold, {"body": rec["body"]})["leaked"]
        rec.update(id=f"agg/{name}", site=entry["site"], kind="agg", gold=gold, leaked=leaked)
        sink.write(json.dumps(rec) + "\n")
        count += 1
    for dump in _rendered(whole):
        rec = recorder.clean(cleaners[tune.fold_of(dump["site"], 2)], dump["text"])
        rec.update(
            id=dump["id"],
            site=dump["site"],
            kind="head" if dump.get("head") else "whole",
            line_labels=dump["labels"],
            text_lines=dump["text"].split("\n"),
        )
        sink.write(json.dumps(rec) + "\n")
        count += 1
    return count


def load(path: Path) -> Iterator[Record]:
    """The records of a capture."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def _flat(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Tally:
    """What a cut took: rendered dumps with story taken (``lost``) and cut clean (``clean``),
    by dump id, with their sites and words; aggregator cases by id."""

    lost: dict[str, tuple[int, int]] = field(default_factory=dict)
    clean: dict[str, tuple[int, int]] = field(default_factory=dict)
    sites: dict[str, set[str]] = field(default_factory=lambda: {"lost": set(), "clean": set()})
    cases: dict[str, tuple[int, int]] = field(default_factory=dict)

    def words(self, which: str, index: int) -> int:
        """The story (``index`` 0) or chrome (1) words of the ``lost`` or ``clean`` dumps."""
        dumps = self.lost if which == "lost" else self.clean
        return sum(counts[index] for counts in dumps.values())


def tally(records: Iterable[Record], cut: Cut) -> Tally:
    """Each record's cut (the kept blocks ``cut`` names) counted: a rendered dump by the story
    and chrome words of the gold lines it takes (``lost`` when any story word), an aggregator
    case by the ``body_must`` snippets and leaked chrome strings inside it."""
    out = Tally()
    for rec in records:
        taken = sorted(set(cut(rec)) & set(rec["kept"]))
        if not taken:
            continue
        if rec["kind"] == "agg":
            text = _flat(" ".join(rec["blocks"][i] for i in taken))
            must = sum(_flat(s) in text for s in rec["gold"]["body_must"])
            leaked = sum(_flat(s) in text for s in rec["leaked"])
            out.cases[rec["id"]] = (must, leaked)
            continue
        words = Counter[str]()
        for index in taken:
            start, end = rec["lines"][index]
            for line in range(start, end):
                label = rec["line_labels"][line]
                kind = "story" if label in STORY else "chrome" if label in CHROME else "other"
                words[kind] += len(rec["text_lines"][line].split())
        which = "lost" if words["story"] else "clean"
        (out.lost if which == "lost" else out.clean)[rec["id"]] = (words["story"], words["chrome"])
        out.sites[which].add(rec["site"])
    return out


def report(result: Tally, *, show: bool = False) -> None:
    """Print what :func:`tally` counted."""
    for name, (must, leaked) in sorted(result.cases.items()):
        print(f"{name}: body_must snippets taken {must}, leaked chrome strings taken {leaked}")
    for which in ("lost", "clean"):
        dumps = result.lost if which == "lost" else result.clean
        print(
            f"{which:5}: {len(dumps)} dumps, {len(result.sites[which])} sites, "
            f"story words {result.words(which, 0)}, chrome words {result.words(which, 1)}"
        )
        if show:
            for name, (story, chrome) in sorted(dumps.items()):
                print(f"    {name}: story {story}, chrome {chrome}")


def _cut_function(spec: str) -> Cut:
    module, _, name = spec.partition(":")
    function: Cut = getattr(importlib.import_module(module), name or "cut")
    return function


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cap = sub.add_parser("capture", help="clean the train part with the fold models")
    cap.add_argument("--models", type=Path, required=True, help="fold0/fold1.crfsuite")
    cap.add_argument("--out", type=Path, required=True)
    cap.add_argument("--whole", type=int, default=500, help="whole renderings a corpus")
    rep = sub.add_parser("replay", help="count a cut on a capture")
    rep.add_argument("capture", type=Path)
    rep.add_argument("--cut", required=True, help="module:function (record -> block indices)")
    rep.add_argument("--show", action="store_true", help="each dump cut")
    args = parser.parse_args(argv)
    try:
        if args.command == "capture":
            print(f"{capture(args.models, args.out, args.whole)} dumps written to {args.out}")
        else:
            report(tally(load(args.capture), _cut_function(args.cut)), show=args.show)
    except (FileNotFoundError, ImportError, AttributeError) as error:
        print(f"cut_replay: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
