"""Checks of the line labels against the gold they came from (part of the quality report).

- Hand-labelled dumps (aggregators-dev, syndication-dev): an *oracle* Article is assembled from
  the line labels alone (body lines, the title line, caption, contributor and copyright lines;
  authors and dateline from the gold) and scored by the aggregator scorer
  (``../shared/tools/aggregator_eval.py``). Leak, retention and routing near 1 say the
  conversion put the hand labels on the right lines.
- Rendered pages: the lines labelled ``body``, ``subhead`` and ``standfirst`` are joined and
  scored against the gold body by word bags (as :mod:`training.rendered_eval`): the ceiling a
  labeller trained on these labels can reach, and a measure of the aligner's misses.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html

from training import syndication_labels
from training.corpora import CORPORA, aggregator_scorer
from training.rendered_eval import prf

STORY = ("body", "subhead", "standfirst")
_DATELINE_END = re.compile(r"\s*(?:—|–|--|-|:)\s*")


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def oracle_article(record: dict[str, Any]) -> dict[str, Any]:
    """The Article the line labels of an aggregator dump describe."""
    lines = record["text"].split("\n")
    labels = record["labels"]
    body: list[str] = []
    for text, label in zip(lines, labels, strict=True):
        if label in STORY:
            body.append(text.strip())
        elif label == "blank" and body and body[-1]:
            body.append("")
    dateline = record["gold"].get("dateline") or None
    if body and dateline and dateline.get("place"):
        first = body[0]
        place = dateline["place"].casefold()
        if first.casefold().startswith(place):
            cut = _DATELINE_END.search(first, len(place))
            if cut and cut.start() < len(place) + 40:
                body[0] = first[cut.end() :]

    def of(kind: str) -> list[str]:
        return [t.strip() for t, lab in zip(lines, labels, strict=True) if lab == kind]

    return {
        "title": " ".join(of("title")).lstrip("•*#- ") or None,
        "authors": record["gold"].get("authors") or [],
        "dateline": dateline,
        "body": "\n".join(body).strip(),
        "captions": of("caption") + of("credit"),
        "credits": of("contrib"),
        "copyright": " ".join(of("copyright")) or None,
    }


def hand_labels(record: dict[str, Any]) -> dict[str, Any]:
    """The hand labels a hand-labelled dump's record was made from (aggregators-dev's
    ``labels.json``, or syndication-dev's label file)."""
    if record["corpus"] == "aggregators-dev":
        path = CORPORA / "aggregators-dev" / record["item"] / "labels.json"
    else:
        path = syndication_labels.LABELS / f"{record['item']}.json"
    labels: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return labels


def aggregator_oracle(path: Path) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The aggregator scorer's figures over the oracle Articles of every hand-labelled dump of
    ``path``, and its result a dump (item -> result); None when the scorer is missing."""
    scorer = aggregator_scorer()
    if scorer is None:
        return None
    results = {
        record["item"]: scorer.score_case(hand_labels(record), oracle_article(record))
        for record in _records(path)
    }
    summary: dict[str, Any] = scorer.aggregate(results)
    return summary, results


def gold_bodies(corpus: str) -> dict[str, str]:
    """item -> gold body text of a rendered corpus (no HTML read)."""
    out: dict[str, str] = {}
    if corpus == "wcxb-dev":
        for path in sorted((CORPORA / "wcxb-dev" / "ground-truth").glob("*.json")):
            truth = json.loads(path.read_text(encoding="utf-8"))["ground_truth"]
            out[path.stem] = truth.get("main_content") or ""
    elif corpus == "fundus-dev":
        for case in sorted((CORPORA / "fundus-dev").iterdir()):
            if (case / "gold.json").is_file():
                gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
                out[case.name] = "\n".join(
                    [*(gold.get("summary") or []), *(gold.get("paragraphs") or [])]
                )
    elif corpus == "readability-dev":
        for case in sorted((CORPORA / "readability-dev").iterdir()):
            if (case / "expected.html").is_file():
                html = (case / "expected.html").read_text(encoding="utf-8")
                root = lxml.html.fragment_fromstring(html, create_parent="div")
                out[case.name] = root.text_content()
    return out


def rendered_oracle(path: Path, corpus: str) -> dict[str, tuple[int, float, float, float]]:
    """Per rendering kind: (dumps, mean P, R, F1) of the story-labelled lines against the gold
    body, over whole-page dumps (page beginnings hold only part of the story)."""
    gold = gold_bodies(corpus)
    sums: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    for record in _records(path):
        if record.get("head"):
            continue
        story = "\n".join(
            t
            for t, lab in zip(record["text"].split("\n"), record["labels"], strict=True)
            if lab in STORY
        )
        precision, recall, f1 = prf(story, gold.get(record["item"], ""))
        kind = record["renderer"] + ("-wrapped" if record["wrap"] else "")
        for key in (kind, "all"):
            row = sums[key]
            row[0] += 1
            row[1] += precision
            row[2] += recall
            row[3] += f1
    return {key: (int(n), p / n, r / n, f / n) for key, (n, p, r, f) in sorted(sums.items()) if n}
