"""Where the story's start goes wrong, on train dumps of sites the model has not seen:
``python -m training.start_errors`` (needs the ``train`` extra, ``training/data`` and
``../shared``).

The train part is cut in two folds by site (:func:`training.tune.fold_of`); a story model is
trained on each fold as ``train_model`` trains and, with the shipped headline model, cleans the
labelled dumps of the other fold (aggregators-dev train cases and the rendered train dumps:
whole pages and their ``-head`` and ``-lead`` cuts). A dump's start is right when the body
begins with its first line labelled ``body``. A wrong start is classed:

- ``early``: the body begins at a line above the lede, by that line's label and shape
  (a standfirst, a repeated headline, a date or byline line, a caption, a kicker or section
  label, a share/listen row, a story-shaped chrome paragraph: a teaser or an unlabelled dek);
- ``late``: the lede is not the body's first line: by what took it (the removal's id and
  the model's probability) and its shape (dateline-led, one sentence, short);
- each with whether the headline was wrong too.

Each class is counted in dumps and in sites (a page is rendered several ways and cut: one
site's layout can fill a class; a pass is worth its sites). ``--dumps N`` takes more rendered
records a corpus and fold (start17-19 used 500: 1,663 dumps, 449 sites); ``--corpora`` limits
the class counts to some corpora (``fundus-dev,aggregators-dev``: the news pages).

The validation part is never read. ``--models DIR`` keeps the fold models there (reused when
present: decisions of ``cleaner/passes/story.py`` can be changed and the dumps cleaned again
without a retrain).

    python -m training.start_errors --models /tmp/folds --json /tmp/start.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from cleaner.blocks import ends_sentence
from training.story_data import DATA, read_records
from training.tune import CASES, fold_of, load_sequences, set_decision, study_scorer, train_fold

_SHARE = re.compile(
    r"\b(listen|share|min(ute)? read|print|e-?mail|facebook|twitter|whatsapp|comments?|"
    r"save|subscribe|follow)\b",
    re.I,
)
_DATE = re.compile(
    r"\b(\d{1,2}[:/.]\d{2}|\d{4}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|updated|published)",
    re.I,
)
_DATELINE = re.compile(r"^[A-ZÀ-Ý][\w .,'’()/-]{1,60}?\s*(\([^)]{1,30}\))?\s*[-–—:]\s")


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).lower()


def _kind(doc_id: str) -> str:
    if doc_id.startswith("aggregators-dev/"):
        return "aggregator"
    for suffix in ("-head", "-lead"):
        if doc_id.endswith(suffix):
            return suffix[1:]
    return "page"


def early_class(line: str, label: str, title: str | None) -> str:
    """What kind of line the body wrongly begins with."""
    words = len(line.split())
    if label in ("title", "standfirst", "date", "byline", "caption", "credit", "contrib"):
        return label
    if title and _norm(title) and _norm(title) in _norm(line):
        return "headline-again"
    if label == "subhead":
        return "subhead"
    if _SHARE.search(line) and words <= 12:
        return "share-row"
    if _DATE.search(line) and words <= 10 and not ends_sentence(line):
        return "date-like"
    if words <= 4 and not ends_sentence(line):
        return "kicker"
    if words >= 8 and ends_sentence(line):
        return f"{label}-paragraph"
    return f"{label}-short"


def late_shape(line: str) -> str:
    """The shape of a lede that was lost."""
    words = len(line.split())
    parts = []
    if _DATELINE.match(line):
        parts.append("dateline")
    sentences = len(re.findall(r"[.!?…][\"'”’»)]*(\s|$)", line))
    parts.append("one-sentence" if sentences <= 1 else "sentences")
    parts.append("short" if words < 20 else "long")
    return "+".join(parts)


def analyse(cleaner: Any, record: dict[str, Any], scorer: Any) -> dict[str, Any]:
    """The start of one cleaned dump against its labels."""
    lines = record["text"].split("\n")
    labels = record["labels"]
    gold = next((i for i, lab in enumerate(labels) if lab == "body"), None)
    article = cleaner.clean(record["text"], kind="text", explain=True)
    gold_title = record["gold"].get("title") if "title" in labels else None
    title_ok = None if gold_title is None else bool(scorer.title_ok(gold_title, article.title))
    out: dict[str, Any] = {
        "id": record["id"],
        "kind": _kind(record["id"]),
        "site": record["site"],
        "corpus": record["corpus"],
        "title_ok": title_ok,
    }
    body = _norm(article.body)
    chrome = [
        _norm(ln)
        for ln, lab in zip(lines, labels, strict=True)
        if lab == "chrome" and ln.count(" ") >= 2
    ]
    story = [
        _norm(ln)
        for ln, lab in zip(lines, labels, strict=True)
        if lab == "body" and ln.count(" ") >= 5
    ]
    out["leak"] = (sum(c in body for c in chrome), len(chrome))
    out["ret"] = (sum(s in body for s in story), len(story))
    if record["corpus"] == "aggregators-dev":
        case = CASES / record["item"]
        gold_labels = json.loads((case / "labels.json").read_text(encoding="utf-8"))
        out["agg"] = scorer.score_case(gold_labels, article.to_dict())
    if gold is None:
        out["result"] = "no-gold"
        return out
    first = _norm(lines[gold])
    if body.startswith(first):
        out["result"] = "ok"
        return out
    # where the body begins: the line holding the body's first characters
    head = body[:40]
    start = None
    joined, offsets = "", []
    for line in lines:
        offsets.append(len(joined))
        joined += _norm(line)
    at = joined.find(head) if head else -1
    if at >= 0:
        start = max(i for i, off in enumerate(offsets) if off <= at)
        while start + 1 < len(lines) and offsets[start + 1] <= at and not _norm(lines[start]):
            start += 1
    out["gold_line"] = lines[gold][:120]
    out["title"] = (article.title or "")[:80]
    out["gold_title"] = (gold_title or "")[:80]
    if not body:
        out["result"] = "empty"
    elif start is not None and start < gold:
        out["result"] = "early"
        out["line"] = lines[start][:120]
        out["label"] = labels[start]
        out["class"] = early_class(lines[start], labels[start], gold_title)
        title_at = next((i for i, lab in enumerate(labels) if lab == "title"), None)
        out["where"] = (
            "no-title" if title_at is None else "above-title" if start < title_at else "header"
        )
    else:
        out["result"] = "late"
        out["line"] = lines[start][:120] if start is not None else body[:80]
        out["label"] = labels[start] if start is not None else "?"
        gone = [r for r in article.removed or () if first[:30] in _norm(r.text)]
        out["class"] = late_shape(lines[gold])
        out["by"] = f"{gone[0].rule} {gone[0].score}" if gone else "kept-elsewhere"
        if not gone and first[:30] in _norm(article.title):
            out["by"] = "title-field"
    return out


def fold_models(models: Path, folds: int) -> list[Path]:
    """The fold story models in ``models`` (``fold0.crfsuite`` …), each trained as
    ``train_model`` trains on the other folds' sites when missing."""
    models.mkdir(parents=True, exist_ok=True)
    paths = [models / f"fold{f}.crfsuite" for f in range(folds)]
    if not all(p.is_file() for p in paths):
        seqs = load_sequences(folds, 600)
        for fold, path in enumerate(paths):
            others = [s for f, v in seqs.items() if f != fold for s in v]
            train_fold(others, {}, path)
            print(f"trained {path}", flush=True)
    return paths


def held_out(folds: int, dumps: int) -> dict[int, list[dict[str, Any]]]:
    """The labelled train dumps of each fold that its model did not see: every aggregator
    train case, and the first ``dumps`` rendered records of each other corpus."""
    held: dict[int, list[dict[str, Any]]] = {f: [] for f in range(folds)}
    taken: Counter[tuple[int, str]] = Counter()
    for record in read_records(DATA, "train"):
        fold = fold_of(record["site"], folds)
        key = (fold, record["corpus"])
        if record["corpus"] != "aggregators-dev" and taken[key] >= dumps:
            continue
        taken[key] += 1
        held[fold].append(record)
    return held


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.start_errors", description=__doc__)
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--dumps", type=int, default=150, help="rendered records a corpus, fold")
    parser.add_argument("--models", type=Path, required=True, help="fold models (kept here)")
    parser.add_argument("--json", type=Path, help="write every dump's result here")
    parser.add_argument("--show", action="store_true", help="print every wrong start")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a decision constant of cleaner.passes.story for this run",
    )
    parser.add_argument(
        "--off", action="append", default=[], metavar="ID", help="a pass or rule id to turn off"
    )
    parser.add_argument(
        "--corpora",
        default="",
        metavar="A,B",
        help="count the wrong starts of these corpora only (default: all)",
    )
    args = parser.parse_args(argv)
    scorer = study_scorer("training.start_errors", "nothing measured")
    if scorer is None:
        return 1
    paths = fold_models(args.models, args.folds)
    from cleaner import Cleaner
    from cleaner.passes.story import StoryModel

    for setting in args.set:
        name, _, value = setting.partition("=")
        set_decision(name, float(value), "training.start_errors")

    held = held_out(args.folds, args.dumps)
    results = []
    for fold, path in enumerate(paths):
        cleaner = Cleaner(disable=args.off)
        cleaner.story = StoryModel(cleaner.rules, path)
        results += [analyse(cleaner, record, scorer) for record in held[fold]]
    corpora = frozenset(c for c in args.corpora.split(",") if c)
    report(results, args.show, scorer, corpora)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    return 0


def classes(rows: list[dict[str, Any]]) -> list[tuple[str, str, int, int, int]]:
    """The wrong starts of ``rows`` (one result) by class and where (early) or what took the
    lede (late): (class, where, dumps, sites, dumps whose headline was wrong too), the classes
    of most sites first."""
    dumps: Counter[tuple[str, str]] = Counter()
    sites: dict[tuple[str, str], set[str]] = {}
    bad_title: Counter[tuple[str, str]] = Counter()
    for row in rows:
        key = (row["class"], row.get("where", row.get("by", "").split(" ")[0]))
        dumps[key] += 1
        sites.setdefault(key, set()).add(row.get("site", row["id"]))
        bad_title[key] += row["title_ok"] is False
    order = sorted(dumps, key=lambda key: (-len(sites[key]), -dumps[key], key))
    return [
        (cls, where, dumps[cls, where], len(sites[cls, where]), bad_title[cls, where])
        for cls, where in order
    ]


def report(
    results: list[dict[str, Any]],
    show: bool,
    scorer: Any,
    corpora: frozenset[str] = frozenset(),
) -> None:
    """Counts per dump kind, and the wrong starts by class (of ``corpora`` only, when given)."""
    cases = {r["id"]: r["agg"] for r in results if "agg" in r}
    if cases:
        summary = scorer.aggregate(cases)
        print(
            "aggregator scorer: "
            + "  ".join(
                f"{k} {summary[k]:.3f}"
                for k in ("overall", "leak", "ret", "first", "title", "route")
            )
        )
    kinds = Counter(r["kind"] for r in results if r["result"] != "no-gold")
    for kind, total in sorted(kinds.items()):
        rows = [r for r in results if r["kind"] == kind]
        ok = sum(r["result"] == "ok" for r in rows)
        titled = [r["title_ok"] for r in rows if r["title_ok"] is not None]
        print(
            f"{kind:<11} {total:>5} dumps  first {ok / total:.3f}  "
            f"title {sum(titled) / max(len(titled), 1):.3f}  "
            + "  ".join(f"{k} {v}" for k, v in Counter(r["result"] for r in rows).items())
            + "  leak {:.3f}  ret {:.3f}".format(
                *(
                    sum(r[key][0] for r in rows if key in r)
                    / max(sum(r[key][1] for r in rows if key in r), 1)
                    for key in ("leak", "ret")
                )
            )
        )
    wrong = [
        r
        for r in results
        if r["result"] in ("early", "late", "empty") and (not corpora or r["corpus"] in corpora)
    ]
    for result in ("early", "late"):
        print(f"\n{result}" + (f" ({', '.join(sorted(corpora))})" if corpora else "") + ":")
        rows = [r for r in wrong if r["result"] == result]
        for cls, where, n, sites, bad_title in classes(rows):
            print(
                f"  {n:>4} dumps {sites:>3} sites  {cls:<28} {where:<22} (title wrong {bad_title})"
            )
    if show:
        for r in wrong:
            print(json.dumps(r, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
