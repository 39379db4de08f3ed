"""Where the text path's body F1 is lost on rendered train pages, by kind, with each kind's
ceiling (issue 7's rendered bar).

```sh
.venv/bin/python -m training.rendered_losses --models /tmp/folds [--limit N] [--by 0,2,3]
```

The rendered train dumps of :mod:`training.rendered_eval` (inscriptis, the same hard-wrapped,
the text-browser style) are cleaned with the fold model that had not seen their site
(``--models DIR`` with ``fold0.crfsuite`` and ``fold1.crfsuite``, the two folds of
:mod:`training.tune`, as ``training.start_errors --models`` or ``training.tune`` train them), so
that the model's fit on the train part does not hide its losses. Every line is labelled by
aligning it with the page's gold (:func:`training.align.label_lines`, as the training data).
A loss is a line of story (``body``, ``subhead``, ``standfirst``) not in the body (recall), or a
line of anything else in it (precision). Each is given a kind:

- recall: ``R | story | <place> | <shape>``, place ``lede`` (above the first story line kept),
  ``middle``, ``tail`` (below the last kept), ``none kept``; shape ``subhead``, ``standfirst``,
  ``list item``, ``quote``, ``short<4``, ``short4-7`` (words), ``paragraph``;
- precision: ``P | <label> | <place> | <shape>``, place ``above`` the story's first line,
  ``header`` (under the headline line), ``inside`` its run, ``right after`` (within six lines),
  ``far below``, ``no story``; shape as :func:`training.leak_kinds.shape` reads it;

and what decided it (the removal's id, or the model's label of its block). A kind's ceiling is
the mean F1 gain over the dumps if its lines alone were put right (precision: their words out
of the body's word bag; recall: theirs in), each dump scored as ``rendered_eval`` scores it.
``--by`` picks the fields of the kind to group by (0 side, 1 label, 2 place, 3 shape, 4 what
decided, 5 the rendering: ``inscriptis``, ``inscriptis-wrapped``, ``browser-wrapped``). The
validation part is never read.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cleaner.api as api
from training import render, rendered_eval, tune
from training.align import label_lines
from training.corpora import fundus, load_split, wcxb
from training.leak_kinds import Capture, cleaners, shape

STORY = frozenset({"body", "subhead", "standfirst"})
_BULLET = re.compile(r"^\s*(?:[*•\-–·+]|\d{1,2}[.)])\s")
_QUOTE = "\"“”„«'‘>"


@dataclass
class Kind:
    """The losses of one kind: lines, dumps and sites, what decided them, the F1 gain."""

    lines: int = 0
    gain: float = 0.0
    dumps: set[str] = field(default_factory=set)
    sites: set[str] = field(default_factory=set)
    deciders: Counter[str] = field(default_factory=Counter)


def labelled_dumps(limit: int) -> Iterator[tuple[rendered_eval.Case, str, list[str]]]:
    """The rendered train dumps with their site and a label per line."""
    split = load_split()
    pages = {
        f"{page.corpus}/{page.item}": page
        for corpus, reader in (("wcxb-dev", wcxb), ("fundus-dev", fundus))
        for page in reader(split[corpus])
        if page.part == "train"
    }
    for case in rendered_eval.cases("train", limit=limit):
        key = "/".join(case.id.split("/")[:2])
        page = pages[key]
        lines = render.render(page.html, case.rendering.split("-")[0])
        labels = label_lines(lines, page.gold)
        if case.rendering.endswith("wrapped"):
            labels = [labels[i] for _, i in render.wrap_lines(lines, render.wrap_width(key))]
        if len(labels) == len(case.text.split("\n")):
            yield case, page.site, labels


def _recall_kind(line: str, label: str, index: int, kept: list[int]) -> tuple[str, ...]:
    place = (
        "none kept"
        if not kept
        else "lede"
        if index < kept[0]
        else "tail"
        if index > kept[-1]
        else "middle"
    )
    words = len(line.split())
    form = (
        label
        if label != "body"
        else "list item"
        if _BULLET.match(line)
        else "quote"
        if line.strip()[:1] in _QUOTE
        else "short<4"
        if words < 4
        else "short4-7"
        if words < 8
        else "paragraph"
    )
    return ("R", "story", place, form)


def _precision_kind(
    line: str, label: str, index: int, story: list[int], title: int | None
) -> tuple[str, ...]:
    if not story:
        place = "no story"
    elif index < story[0]:
        place = "header" if title is not None and title < index else "above"
    elif index <= story[-1]:
        place = "inside"
    else:
        place = "right after" if index - story[-1] <= 6 else "far below"
    return ("P", label, place, shape(line))


def census(models: Path, limit: int, by: list[int]) -> tuple[int, float, dict[str, Kind]]:
    """(dumps, mean F1, the kinds) of the held-out train dumps."""
    kept_lines: list[tuple[int, int]] = []
    removed_by: dict[str, str] = {}
    original = api.assemble

    def assemble(meta: Any, outcome: Any, kept: Any, title: Any) -> Any:
        kept_lines[:] = [item.block.lines for item in kept]
        removed_by.clear()
        for removal in outcome.removed or ():
            removed_by.setdefault(" ".join(removal.text.split()), removal.rule)
        return original(meta, outcome, kept, title)

    api.assemble = assemble  # type: ignore[assignment]
    capture = Capture()
    by_fold = cleaners(models)
    for cleaner in by_fold.values():
        cleaner.explain = True
    kinds: dict[str, Kind] = defaultdict(Kind)
    dumps, total = 0, 0.0
    try:
        for case, site, labels in labelled_dumps(limit):
            body, page = capture.clean(by_fold[tune.fold_of(site, 2)], case.text)
            dumps += 1
            pred, gold = rendered_eval.bag(body), rendered_eval.bag(case.gold_body)
            before = _f1(pred, gold)
            total += before
            in_body = {i for start, end in kept_lines for i in range(start, end)}
            block_at = {
                i: n
                for n, (start, end) in enumerate(page.get("lines", ()))
                for i in range(start, end)
            }
            story = [i for i, label in enumerate(labels) if label in STORY]
            kept_story = [i for i in story if i in in_body]
            title = next((i for i, label in enumerate(labels) if label == "title"), None)
            bags: dict[str, tuple[int, Counter[str]]] = {}
            for index, (line, label) in enumerate(zip(case.text.split("\n"), labels, strict=True)):
                if not line.strip() or label == "blank" or (label in STORY) == (index in in_body):
                    continue
                if label in STORY:
                    kind = _recall_kind(line, label, index, kept_story)
                else:
                    kind = _precision_kind(line, label, index, story, title)
                block = block_at.get(index)
                modelled = f"model {page['labels'][block]}" if page and block is not None else ""
                if label in STORY:  # lost: the removal that names the block's text
                    text = " ".join(page["blocks"][block].split()) if modelled else ""
                    decider = removed_by.get(text) or modelled or "rules"
                else:  # kept: what the model said of it
                    decider = modelled or "clean-story"
                key = " | ".join((*kind, decider, case.rendering)[i] for i in by)
                sign, words = bags.get(key, (+1 if label in STORY else -1, Counter()))
                words.update(rendered_eval.bag(line))
                bags[key] = (sign, words)
                entry = kinds[key]
                entry.lines += 1
                entry.dumps.add(case.id)
                entry.sites.add(site)
                entry.deciders[decider] += 1
            for key, (sign, words) in bags.items():
                kinds[key].gain += _f1(pred + words if sign > 0 else pred - words, gold) - before
    finally:
        api.assemble = original  # type: ignore[assignment]
    return dumps, total / dumps if dumps else 0.0, kinds


def _f1(pred: Counter[str], gold: Counter[str]) -> float:
    common = sum((pred & gold).values())
    if not pred or not gold:
        return 1.0 if not pred and not gold else 0.0
    if not common:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m training.rendered_losses", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--models", type=Path, required=True, help="fold0/fold1.crfsuite")
    parser.add_argument("--limit", type=int, default=0, help="train pages a corpus (0: all)")
    parser.add_argument("--by", default="0,1,2,3", help="kind fields to group by (0-5)")
    parser.add_argument("--least", type=float, default=0.0003, help="smallest ceiling shown")
    args = parser.parse_args(argv)
    if not all((args.models / f"fold{n}.crfsuite").is_file() for n in (0, 1)):
        print(f"training.rendered_losses: no fold models in {args.models}", file=sys.stderr)
        return 1
    try:
        dumps, f1, kinds = census(args.models, args.limit, [int(i) for i in args.by.split(",")])
    except FileNotFoundError as error:
        print(f"training.rendered_losses: {error}; nothing measured", file=sys.stderr)
        return 1
    print(f"{dumps} held-out rendered train dumps, body F1 {f1:.4f}")
    print(f"{'kind':56s} {'ceiling':>8s} {'lines':>6s} {'dumps':>5s} {'sites':>5s}  decided by")
    for key, kind in sorted(kinds.items(), key=lambda item: -item[1].gain):
        ceiling = kind.gain / dumps
        if ceiling < args.least:
            continue
        top = ", ".join(f"{name} {n}" for name, n in kind.deciders.most_common(3))
        print(
            f"{key:56s} {ceiling:8.4f} {kind.lines:6d} {len(kind.dumps):5d} "
            f"{len(kind.sites):5d}  {top}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
