"""Benchmark: where the labelled captions, credits and copyright of the aggregator dumps end.

Run from the repository root::

    .venv/bin/python benchmarks/route_misses.py [--part train|val] [--model PATH] [--corpora DIR]

Each case of ``aggregators-dev`` in the chosen part of ``training/split.json`` is cleaned with
the text path (explanation on), and each of its labelled caption, credit and copyright snippets
is found where the aggregator scorer looks (``../shared/tools/aggregator_eval.py``: its own
field and not the body, whitespace, quotes and dashes tolerated): routed, left in the body,
removed (with the removal's id), in another field (captions, credits, copyright, title, byline,
source), ``partial`` (a field holds a part of it) or ``nowhere`` (not found whole anywhere:
split between texts, or mojibake the cleaner repaired, which the label keeps as printed).

The ``train`` part (the default) prints each miss with its case and where it went; the ``val``
part prints counts only, by where they went (with the id of the rule or label that removed
them: its pages are not for designing rules). ``--model`` cleans every case
with another story model file (for example one trained without some sites, as
``training.tune.train_fold`` trains its fold models, to see the misses on sites it has not seen).
``--rendered`` looks instead at the rendered dumps of ``training/data`` (``python -m
training.build_data`` first; fundus-dev and readability-dev, whose gold holds captions): each
line labelled caption or photo credit (captions), contributor line (credits) or copyright of
an unwrapped rendering is a snippet, scored the same way; it prints counts by form
(:func:`form`) and where they went, with ``--show N`` misses of each form (train part only).
Without the corpora it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from cleaner import Article, Cleaner
from cleaner.passes.story import StoryModel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from training.corpora import CORPORA, aggregator_scorer, load_split  # noqa: E402

#: Each kind of labelled snippet and the Article field it belongs in.
FIELD_OF = {"caption": "captions", "credit": "credits", "copyright": "copyright"}
#: A rendered dump's line labels and the kind of snippet they make (a photo credit line is the
#: caption's: ``captions``).
KIND_OF_LABEL = {
    "caption": "caption",
    "credit": "caption",
    "contrib": "credit",
    "copyright": "copyright",
}
#: The forms a snippet is counted by (the first that matches), for the tallies by form.
FORMS = (
    ("copyright-mark", r"©|\(c\)|\bcopyright\b|ⓒ"),
    (
        "rights-reserved",
        r"(?i)rights? reserved|rechte vorbehalten|droits réservés|riservat|zastrzeżone",
    ),
    (
        "contributed",
        r"(?i)contributed|reporting by|editing by|writing by|with (?:files|inputs) from",
    ),
    ("source-line", r"(?i)^\W*(?:source|quelle|fuente|fonte)s?\s*:"),
    ("agency-paren", r"\((?:[^()]*/)?(?:AP|AFP|Reuters|EPA|Getty|dpa|Xinhua|Pool)\b[^()]*\)\s*$"),
    (
        "photo-label",
        r"(?i)\b(?:photo|foto|bild|image|picture|photograph|credit|illustration)s?\s*(?::|by|von)",
    ),
    ("slash-credit", r"\S\s*/\s*\S[^/]{0,40}$"),
    ("desk-alone", r"(?i)getty|shutterstock|imago|alamy|istock|reuters|\bAP\b|AFP|dpa"),
)


def form(snippet: str) -> str:
    """The form of a snippet (:data:`FORMS`), ``plain`` when none."""
    return next((name for name, pattern in FORMS if re.search(pattern, snippet)), "plain")


#: The fields a snippet is looked for in when it is not where it belongs.
FIELDS = ("captions", "credits", "copyright", "title", "byline", "source")


def _items(labels: dict[str, Any]) -> list[tuple[str, str]]:
    """(kind, snippet) of a case's labels."""
    items = [("caption", s) for s in labels["captions"]]
    items += [("credit", s) for s in labels["credits"]]
    if labels.get("copyright"):
        items.append(("copyright", labels["copyright"]))
    return items


def where(article: Article, kind: str, snippet: str, scorer: ModuleType) -> str:
    """Where one snippet went: ``ok``, ``body``, ``removed:<id>``, ``field:<name>``,
    ``partial:<name>`` or ``nowhere``."""
    data = article.to_dict()
    texts = {name: " \n ".join(scorer._as_list(data.get(name))) for name in FIELDS}
    body = data.get("body") or ""
    in_body = scorer.norm(snippet) in scorer.norm(body) or scorer.qnorm(snippet) in scorer.qnorm(
        body
    )
    if in_body:
        return "body"
    if scorer.found(snippet, texts[FIELD_OF[kind]]):
        return "ok"
    other = [name for name in FIELDS if scorer.found(snippet, texts[name])]
    if other:
        return "field:" + other[0]
    removal = next((r for r in article.removed or () if scorer.found(snippet, r.text)), None)
    if removal is not None:
        return "removed:" + removal.rule
    held = [
        name
        for name in FIELDS
        for value in scorer._as_list(data.get(name))
        if scorer.norm(value) and scorer.norm(value) in scorer.norm(snippet)
    ]
    return "partial:" + held[0] if held else "nowhere"


def rendered_items(data: Path, part: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(id, text, [(kind, snippet)]) of the rendered dumps of ``part`` whose gold routes
    something: each labelled line of an unwrapped rendering is one snippet."""
    out = []
    for corpus in ("fundus-dev", "readability-dev"):
        path = data / f"{corpus}.jsonl"
        if not path.is_file():
            continue
        for line in path.open(encoding="utf-8"):
            dump = json.loads(line)
            if dump["part"] != part or dump["wrap"]:
                continue
            items = [
                (KIND_OF_LABEL[label], text.strip())
                for text, label in zip(dump["text"].split("\n"), dump["labels"], strict=True)
                if label in KIND_OF_LABEL and text.strip()
            ]
            if items:
                out.append((dump["id"], dump["text"], items))
    return out


def rendered(data: Path, part: str, show: int, scorer: ModuleType, cleaner: Cleaner) -> int:
    """Where the rendered dumps' caption, credit and copyright snippets go, by form."""
    dumps = rendered_items(data, part)
    if not dumps:
        print(f"route_misses: no rendered dumps in {data} (python -m training.build_data)")
        return 0
    tally: Counter[tuple[str, str, str]] = Counter()
    shown: Counter[tuple[str, str]] = Counter()
    for ident, text, items in dumps:
        article = cleaner.clean(text, kind="text")
        for kind, snippet in items:
            went = where(article, kind, snippet, scorer)
            shape = form(snippet)
            tally[kind, shape, went.split(":")[0] if went.startswith("partial") else went] += 1
            if went != "ok" and part == "train" and shown[kind, shape] < show:
                shown[kind, shape] += 1
                print(f"{ident}: {kind}/{shape} -> {went}: {snippet[:160]!r}")
    total = sum(tally.values())
    routed = sum(n for (_, _, went), n in tally.items() if went == "ok")
    print(f"rendered {part}: {len(dumps)} dumps, {routed}/{total} snippets routed")
    by_form: Counter[tuple[str, str]] = Counter()
    ok_form: Counter[tuple[str, str]] = Counter()
    for (kind, shape, went), count in tally.items():
        by_form[kind, shape] += count
        ok_form[kind, shape] += count if went == "ok" else 0
    for (kind, shape), count in sorted(by_form.items()):
        places = ", ".join(
            f"{went} {n}"
            for (k, f, went), n in sorted(tally.items(), key=lambda x: -x[1])
            if (k, f) == (kind, shape) and went != "ok"
        )
        print(f"  {kind:9} {shape:16} {ok_form[kind, shape]:4}/{count:<4} {places}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("train", "val"), default="train")
    parser.add_argument("--model", type=Path, help="a story model file to clean with")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--rendered", action="store_true", help="the rendered dumps instead")
    parser.add_argument("--show", type=int, default=3, help="misses shown a form (--rendered)")
    args = parser.parse_args(argv)
    cases = args.corpora / "aggregators-dev"
    scorer = aggregator_scorer()
    if not cases.is_dir() or scorer is None:
        print(f"route_misses: {cases} or the aggregator scorer is missing; nothing measured")
        return 0
    cleaner = Cleaner(explain=True)
    if args.model:
        cleaner.story = StoryModel(cleaner.rules, args.model)
    if args.rendered:
        return rendered(ROOT / "training" / "data", args.part, args.show, scorer, cleaner)
    tally: Counter[tuple[str, str]] = Counter()
    for name, entry in sorted(load_split()["aggregators-dev"].items()):
        if entry["part"] != args.part:
            continue
        labels = json.loads((cases / name / "labels.json").read_text(encoding="utf-8"))
        article = cleaner.clean(
            (cases / name / "input.txt").read_text(encoding="utf-8"), kind="text"
        )
        for kind, snippet in _items(labels):
            went = where(article, kind, snippet, scorer)
            tally[kind, went] += 1
            if went != "ok" and args.part == "train":
                print(f"{name}: {kind}/{form(snippet)} -> {went}: {snippet!r}")
    total = sum(tally.values())
    routed = sum(n for (_, went), n in tally.items() if went == "ok")
    print(
        f"part {args.part}: {routed}/{total} routed" + (f" ({routed / total:.3f})" if total else "")
    )
    for (kind, went), count in sorted(tally.items()):
        print(f"  {kind:9} {went:32} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
