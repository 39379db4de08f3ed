"""The chrome the text path leaves in the body, by where it stands and what it is (issue 7's leak).

```sh
.venv/bin/python -m training.leak_kinds --models /tmp/folds [--rendered 300] [--show]
.venv/bin/python -m training.leak_kinds --part val       # counts only, no text printed
```

Aggregator cases: each leaked chrome string (the scorer's `leak`) is found among the page's
blocks and classed by its place against the story's run (the blocks of `body_first` down to
the last `body_must` snippet): `above`, `inside`, `next` (within three blocks after the run),
`far` (further down); by its shape (:func:`shape`: a menu or label line, a teaser or headline
line, a story-shaped paragraph, a footer, a social row, a comment prompt, a related heading,
an ad label, a byline or date line); and by what kept it (the model's label and its
probability that the block is no story, or `clean-story` when the model was not asked).
Rendered dumps (`training/data`, the renderings of `training.rendered_eval`): the lines
labelled `chrome` or `teaser` of three words or more that the body holds, by the same classes
(place against the run of lines labelled story). Counts are given with the number of sites.

On the train part `--models DIR` (with `fold0.crfsuite` and `fold1.crfsuite`, trained on the
folds of `training.tune`) cleans each page with the model that had not seen its site; without
it the shipped model cleans (it has seen every train site). The validation part is scored
with the shipped model and prints counts only (`--show` is refused there).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import cleaner.pipeline as pipeline
from cleaner import Cleaner
from cleaner.blocks import ends_sentence, is_story_paragraph
from cleaner.passes.headline import KEEP
from cleaner.passes.story import StoryModel
from training import rendered_eval, tune
from training.corpora import aggregator_scorer, load_split

DATA = Path(__file__).resolve().parent / "data"

#: Shapes by words, tried in order (the first that matches names the kind).
_SHAPES = (
    ("ad label", r"\b(advertisement|advertising|sponsored|anzeige|werbung|publicit[ée])\b"),
    (
        "social row",
        r"\b(share|facebook|twitter|whatsapp|linkedin|pinterest|telegram|follow us|e-?mail)\b",
    ),
    ("comment prompt", r"\b(comments?|reply|log ?in|sign ?in|join the discussion)\b"),
    (
        "related heading",
        r"\b(related|read more|read next|also read|see also|more (from|stories|news)|"
        r"recommended|popular|trending|you (may|might) also|up next|watch)\b",
    ),
    (
        "footer",
        r"(©|\bcopyright\b|\bprivacy\b|\bterms\b|\bcontact\b|\babout us\b|all rights|"
        r"\bcookies?\b|\bnewsletter\b|\bsubscribe\b|\bdonat)",
    ),
    (
        "byline or date",
        r"(^by\s|\b(published|updated|posted)\b|\b\d{1,2}:\d{2}\b|"
        r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b)",
    ),
)


def shape(text: str) -> str:
    """What a leaked string's block looks like: a kind named by its words, else by its shape."""
    low = text.casefold()
    for name, pattern in _SHAPES:
        if re.search(pattern, low):
            return name
    words = text.count(" ") + 1
    if is_story_paragraph(text) or (words >= 8 and ends_sentence(text)):
        return "paragraph"
    if words >= 3 and not ends_sentence(text):
        return "teaser or headline line"
    if words < 3:
        return "menu or label line"
    return "short sentence"


def place(index: int, first: int | None, last: int | None) -> str:
    """Where block (or line) ``index`` stands against the story's run ``first``..``last``."""
    if first is None or last is None:
        return "?"
    if index < first:
        return "above"
    if index <= last:
        return "inside"
    return "next" if index - last <= 3 else "far"


class Capture:
    """Records what the story model said of the last page decided (blocks, labels, not-story
    probabilities): :func:`cleaner.pipeline.decide` wrapped."""

    def __init__(self) -> None:
        self.page: dict[str, Any] = {}
        original = getattr(pipeline, "decide")  # noqa: B009

        def wrapped(model: StoryModel, blocks: Any, kept: Any, outcome: Any, **kw: Any) -> Any:
            labels = model.label(blocks, outcome)
            self.page = {
                "blocks": [b.text for b in blocks],
                "lines": [b.lines for b in blocks],
                "labels": labels,
                "notstory": [
                    1 - sum(model.marginal(label, i) for label in KEEP) for i in range(len(blocks))
                ],
            }
            return original(model, blocks, kept, outcome, **kw)

        setattr(pipeline, "decide", wrapped)  # noqa: B010 (the pipeline calls it by this name)

    def clean(self, cleaner: Cleaner, text: str) -> tuple[str, dict[str, Any]]:
        """The body of ``text`` cleaned, and what the model said (empty: not asked)."""
        self.page = {}
        body = cleaner.clean(text, kind="text").body
        return body, self.page


def cleaners(models: Path | None) -> dict[int, Cleaner]:
    """The cleaner of each fold (the same shipped one without ``models``)."""
    out = {}
    for fold in (0, 1):
        c = Cleaner()
        if models is not None:
            c.story = StoryModel(c.rules, models / f"fold{fold}.crfsuite")
        out[fold] = c
    return out


def decider(page: dict[str, Any], index: int | None) -> str:
    """What kept a block: the model's label for it (story, or another label it was not sure
    enough of), or `clean-story` when the model was not asked."""
    if not page:
        return "clean-story"
    if index is None:
        return "?"
    label = page["labels"][index]
    return f"model {label}" if label in KEEP else "held (margin)"


def aggregator_leaks(part: str, models: Path | None, capture: Capture) -> list[dict[str, Any]]:
    """One record per leaked chrome string of the part's aggregator cases."""
    scorer = aggregator_scorer()
    if scorer is None or not tune.CASES.is_dir():
        raise FileNotFoundError(f"the aggregator cases or their scorer are missing ({tune.CASES})")
    split = load_split()["aggregators-dev"]
    by_fold = cleaners(models)
    out: list[dict[str, Any]] = []
    total = 0
    for name, entry in sorted(split.items()):
        if entry["part"] != part:
            continue
        folder = tune.CASES / name
        gold = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        text = (folder / "input.txt").read_text(encoding="utf-8")
        body, page = capture.clean(by_fold[tune.fold_of(entry["site"], 2)], text)
        result = scorer.score_case(gold, {"body": body})
        total += result["chrome_total"]
        blocks = page.get("blocks") or [p for p in re.split(r"\n\s*\n", body) if p.strip()]

        def block_of(snippet: str, blocks: list[str] = blocks) -> int | None:
            key = scorer.loose(snippet)
            return next((i for i, b in enumerate(blocks) if key in scorer.loose(b)), None)

        first = block_of(gold["body_first"])
        must = [i for i in map(block_of, gold["body_must"]) if i is not None]
        last = max([*must, *([first] if first is not None else [])], default=None)
        for string in result["leaked"]:
            index = block_of(string)
            block = blocks[index] if index is not None else string
            notstory = page["notstory"][index] if page and index is not None else None
            out.append(
                {
                    "case": name,
                    "site": entry["site"],
                    "string": string,
                    "place": place(index, first, last) if index is not None else "?",
                    "shape": shape(block),
                    "decider": decider(page, index),
                    "notstory": notstory,
                }
            )
    print(f"aggregators-dev {part}: {len(out)} of {total} chrome strings leak")
    return out


def _line_labels(part: str) -> dict[str, list[str]]:
    """Line labels of the whole rendered dumps of a part, by their text."""
    out: dict[str, list[str]] = {}
    for corpus in rendered_eval.CORPUS_NAMES:
        path = DATA / f"{corpus}.jsonl"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run python -m training.build_data")
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if record["part"] == part and not record.get("head") and "#" not in record["id"]:
                    out[record["text"]] = record["labels"]
    return out


def rendered_leaks(
    part: str, models: Path | None, capture: Capture, limit: int
) -> list[dict[str, Any]]:
    """One record per chrome line (three words or more) left in the body of a rendered dump."""
    if limit <= 0:
        return []
    split = load_split()
    labels_of = _line_labels(part)
    by_fold = cleaners(models)
    out: list[dict[str, Any]] = []
    dumps = lines_total = 0
    for case in rendered_eval.cases(part, limit=limit):
        labels = labels_of.get(case.text)
        if labels is None:
            continue
        corpus, item = case.id.split("/")[:2]
        site = split[corpus][item]["site"]
        body, page = capture.clean(by_fold[tune.fold_of(site, 2)], case.text)
        dumps += 1
        text_lines = case.text.split("\n")
        story = [i for i, label in enumerate(labels) if label in ("body", "subhead", "standfirst")]
        first, last = (story[0], story[-1]) if story else (None, None)
        flat = " ".join(body.split())
        block_at = {}
        for n, (start, end) in enumerate(page.get("lines", [])):
            block_at.update(dict.fromkeys(range(start, end), n))
        for i, label in enumerate(labels):
            line = " ".join(text_lines[i].split())
            if label not in ("chrome", "teaser") or line.count(" ") < 2:
                continue
            lines_total += 1
            if line not in flat:
                continue
            index = block_at.get(i)
            block = page["blocks"][index] if page and index is not None else line
            out.append(
                {
                    "case": case.id,
                    "site": site,
                    "string": line,
                    "place": place(i, first, last),
                    "shape": shape(block),
                    "decider": decider(page, index),
                    "notstory": page["notstory"][index] if page and index is not None else None,
                    "words": line.count(" ") + 1,
                }
            )
    print(f"rendered {part}: {len(out)} of {lines_total} chrome lines left in {dumps} dumps")
    return out


def report(leaks: list[dict[str, Any]], *, words: bool = False) -> None:
    """The leaks counted by place and shape, and by what kept them (sites in brackets)."""
    for key in ("place", "shape", "decider"):
        counts: Counter[str] = Counter()
        sites: dict[str, set[str]] = defaultdict(set)
        for leak in leaks:
            counts[leak[key]] += leak["words"] if words else 1
            sites[leak[key]].add(leak["site"])
        row = ", ".join(f"{k} {n} ({len(sites[k])})" for k, n in counts.most_common())
        print(f"  by {key}: {row}")
    pairs: Counter[tuple[str, str]] = Counter()
    sites2: dict[tuple[str, str], set[str]] = defaultdict(set)
    for leak in leaks:
        pairs[leak["place"], leak["shape"]] += leak["words"] if words else 1
        sites2[leak["place"], leak["shape"]].add(leak["site"])
    print("  by place and shape:")
    for (where, what), n in pairs.most_common():
        print(f"    {where:7} {what:24} {n:6} ({len(sites2[where, what])} sites)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("train", "val"), default="train")
    parser.add_argument("--models", type=Path, help="fold0/fold1.crfsuite (train part)")
    parser.add_argument("--rendered", type=int, default=0, help="pages a corpus (0: none)")
    parser.add_argument("--show", action="store_true", help="print each leak (train only)")
    parser.add_argument("--json", type=Path, help="write the leaks here (train only)")
    args = parser.parse_args(argv)
    if args.part == "val" and (args.show or args.json or args.models):
        parser.error("the validation part is scored with the shipped model, counts only")
    capture = Capture()
    try:
        agg = aggregator_leaks(args.part, args.models, capture)
        report(agg)
        rendered = rendered_leaks(args.part, args.models, capture, args.rendered)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    if rendered:
        print("  (rendered: words of the lines left)")
        report(rendered, words=True)
    if args.show:
        for leak in [*agg, *rendered]:
            ns = "-" if leak["notstory"] is None else f"{leak['notstory']:.2f}"
            print(
                f"{leak['case'][:40]:40} {leak['place']:6} {leak['shape'][:14]:14} "
                f"{leak['decider'][:14]:14} {ns:>5} {leak['string'][:90]!r}"
            )
    if args.json:
        args.json.write_text(json.dumps({"agg": agg, "rendered": rendered}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
