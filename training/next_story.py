"""Synthetic next stories: a story followed by the start of another, labelled ``teaser``.

Feed and tag pages print the next story under the story (its headline, perhaps a byline or
date line, its first paragraphs), and the aggregator gold labels it chrome. The rendered
corpora hold almost none (five train pages of aggregators-dev have one), so the story model
has not learned what one looks like. This module makes some: for a fraction of the rendered
train dumps (whole pages and their ``-head``/``-lead`` cuts, when the story ends inside the
dump), it inserts after the story's last line (and the caption, credit or contributor lines
right under it) another train page's headline, optionally its byline or date line, and its
first 1-3 paragraphs, from a page of another site, labelled ``teaser``; some with a "Read
more"/"Next" line (``chrome``) over it. Everything is fixed by hashes of the dumps' ids: the
same data gives the same dumps. A dump keeps its id and order, so the per-corpus limits and
the rounds of :func:`training.story_data.read_records` take the same dumps.

Off by default (``FRACTION`` 0). ``python -m training.next_story --fraction 0.2 --out DIR``
writes the data of ``training/data`` with the insertions to ``DIR``; ``python -m
training.build_data --next-stories 0.2`` builds them in place.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.passes.features import STOPLIST_LANGUAGES, _stoplists
from training.render import page_hash, wrap_lines
from training.story_data import HAND_LABELLED

#: Share of the rendered train dumps given a next story; 0: the shipped data has none.
FRACTION = 0.0
#: The label of the next story's lines (the contract's ``teaser``: another story's headline
#: or text).
LABEL = "teaser"
#: Lines printed between a story and the next one; "" for none (half the dumps).
LEAD_INS = ("", "", "", "", "Read more", "Next", "Next story", "Read next", "Up next", "More")
#: A donor paragraph holds this many words at least (a story paragraph, not a kicker).
PARAGRAPH_WORDS = 8
#: Labels of the lines right under the story's last paragraph that stay with the story.
_TRAILING = frozenset({"caption", "credit", "contrib"})
_STORY = frozenset({"body", "subhead"})
#: The renderer whose lines stand in for the browser's (wrapped only in the data).
_DONOR_RENDERER = {"browser": "lxml"}


@dataclass(frozen=True)
class Donor:
    """The start of a story: its headline, byline or date lines, first paragraphs."""

    key: str
    site: str
    renderer: str
    language: str
    headline: str
    header: tuple[str, ...]
    paragraphs: tuple[str, ...]


def language_of(lines: Iterable[str]) -> str:
    """The language whose jusText stopwords are densest in ``lines`` (as the story model's
    features pick a page's): a next story is in the story's language, and one in another
    language would teach the model a cue no real page gives."""
    words = {word for line in lines for word in line.lower().split()}
    counts = [len(stop.intersection(words)) for stop in _stoplists()]
    return STOPLIST_LANGUAGES[counts.index(max(counts))]


def donor_of(record: dict[str, Any]) -> Donor | None:
    """The start of a whole, unwrapped rendered train page's story, or None."""
    if record["corpus"] in HAND_LABELLED or record["wrap"] or record["head"]:
        return None
    if record["part"] != "train":
        return None
    lines, labels = record["text"].split("\n"), record["labels"]
    title = next((i for i, label in enumerate(labels) if label == "title"), None)
    if title is None or len(lines[title].split()) < 3:
        return None
    header: list[str] = []
    paragraphs: list[str] = []
    for line, label in zip(lines[title + 1 :], labels[title + 1 :], strict=True):
        if label in ("byline", "date") and not paragraphs and len(header) < 2:
            header.append(line.strip())
        elif label == "body" and len(line.split()) >= PARAGRAPH_WORDS:
            paragraphs.append(line.strip())
            if len(paragraphs) == 3:
                break
    if not paragraphs:
        return None
    return Donor(
        f"{record['corpus']}/{record['item']}",
        record["site"],
        record["renderer"],
        language_of(paragraphs),
        lines[title].strip(),
        tuple(header),
        tuple(paragraphs),
    )


def collect_donors(records: Iterable[dict[str, Any]]) -> dict[str, list[Donor]]:
    """Donors per renderer, in a fixed order."""
    out: dict[str, list[Donor]] = {}
    for record in records:
        donor = donor_of(record)
        if donor is not None:
            out.setdefault(donor.renderer, []).append(donor)
    for donors in out.values():
        donors.sort(key=lambda d: d.key)
    return out


def chosen(doc_id: str, fraction: float) -> bool:
    """Whether a dump gets a next story at ``fraction`` (the chosen sets are nested: a dump
    chosen at 0.2 is chosen at 0.5, with the same next story)."""
    return page_hash(doc_id, "next-story") % 10_000 < fraction * 10_000


def insert(
    record: dict[str, Any],
    donors: dict[str, list[Donor]],
    label: str = LABEL,
    same_site: bool = False,
) -> dict[str, Any] | None:
    """``record`` with a next story after its story (its lines labelled ``label``), or None
    when it has no story, is a hand-labelled dump, or no donor of another site (another page of
    the same site with ``same_site``) in its language fits."""
    if record["corpus"] in HAND_LABELLED:
        return None
    lines, labels = record["text"].split("\n"), list(record["labels"])
    story = [i for i, label in enumerate(labels) if label in _STORY]
    if not story:
        return None
    last = story[-1]
    for index in range(last + 1, len(labels)):
        if labels[index] in _TRAILING:
            last = index
        elif labels[index] != "blank":
            break
    doc_id = record["id"]
    pool = donors.get(_DONOR_RENDERER.get(record["renderer"], record["renderer"]), [])
    language = language_of(lines[i] for i in story[:20])
    start = page_hash(doc_id, "donor") % max(len(pool), 1)
    donor = next(
        (
            pool[(start + step) % len(pool)]
            for step in range(len(pool))
            if (pool[(start + step) % len(pool)].site == record["site"]) == same_site
            and pool[(start + step) % len(pool)].key != f"{record['corpus']}/{record['item']}"
            and pool[(start + step) % len(pool)].language == language
        ),
        None,
    )
    if donor is None:
        return None
    pieces: list[tuple[str, str]] = []
    lead_in = LEAD_INS[page_hash(doc_id, "lead-in") % len(LEAD_INS)]
    if lead_in:
        pieces.append((lead_in, "chrome"))
    pieces.append((donor.headline, label))
    if page_hash(doc_id, "header") % 2:
        pieces += [(line, label) for line in donor.header]
    count = 1 + page_hash(doc_id, "paragraphs") % 3
    pieces += [(line, label) for line in donor.paragraphs[:count]]
    spaced = "blank" in labels[story[0] : story[-1] + 1]
    new_lines: list[str] = []
    new_labels: list[str] = []
    for text, label in pieces:
        if spaced or not new_lines:
            new_lines.append("")
            new_labels.append("blank")
        wrapped = [t for t, _ in wrap_lines([text], record["wrap"])] if record["wrap"] else [text]
        new_lines += wrapped
        new_labels += [label] * len(wrapped)
    at = last + 1
    out = dict(record)
    out["text"] = "\n".join(lines[:at] + new_lines + lines[at:])
    out["labels"] = labels[:at] + new_labels + labels[at:]
    out["next_story"] = donor.key
    return out


def with_next_stories(
    records: Iterable[dict[str, Any]], donors: dict[str, list[Donor]], fraction: float
) -> Iterator[dict[str, Any]]:
    """``records`` with a next story in the train-part rendered dumps chosen at ``fraction``."""
    for record in records:
        if (
            record["part"] == "train"
            and fraction > 0
            and "next_story" not in record
            and chosen(record["id"], fraction)
        ):
            record = insert(record, donors) or record
        yield record


def _read(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def rewrite(data: Path, out: Path, fraction: float) -> dict[str, int]:
    """Write ``data``'s ``*.jsonl`` to ``out`` (it may be ``data``) with next stories in the
    chosen dumps; returns the dumps changed per file."""
    paths = sorted(data.glob("*.jsonl"))
    donors = collect_donors(r for path in paths for r in _read(path))
    out.mkdir(parents=True, exist_ok=True)
    changed: dict[str, int] = {}
    for path in paths:
        records = list(_read(path))
        target = out / path.name
        count = 0
        with target.open("w", encoding="utf-8") as handle:
            for record in with_next_stories(records, donors, fraction):
                count += "next_story" in record
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        changed[path.name] = count
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m training.next_story", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--fraction", type=float, required=True, help="share of train dumps")
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parent / "data")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (may be --data)")
    args = parser.parse_args(argv)
    if not 0 <= args.fraction <= 1:
        parser.error("--fraction must be between 0 and 1")
    if not any(args.data.glob("*.jsonl")):
        print(f"training.next_story: no labelled dumps in {args.data}", file=sys.stderr)
        return 1
    for name, count in rewrite(args.data, args.out, args.fraction).items():
        print(f"{name}: {count} dumps with a next story")
    return 0


if __name__ == "__main__":
    sys.exit(main())
