"""Benchmark: does the text path keep the story's sentences? Gold from syndicated copies.

Run from the repository root::

    .venv/bin/python benchmarks/syndication_retention.py [--part train|val] [--corpora DIR]

``syndication-dev`` holds groups of pages that carry one story (wire copies, edited copies,
rewrites, other outlets' stories of the same event), each a plain-text dump of a real page from
a site the text model never saw. A sentence found in the raw texts of two members of one group
from two different sites (after normalisation: case, punctuation, spacing, mojibake and wrapped
hyphens do not count) is story text: page chrome is a site's own, and chrome shared by two pages
of one site is not counted. Every member is cleaned with the text path (explanation on), and
each such sentence of its raw text must come out whole in the Article's body or title; the
agency original of each group is a member like the others, so its sentences found in any copy
are counted too. A sentence missing from both is LOST; the report says where it went: a
removal (with the rule's or the model's id and probability), another field (captions, byline,
copyright …), or nowhere whole (cut between texts, or partly dropped).

Printed per part of ``training/split.json`` (``train`` by default, the tuning part): each lost
sentence with its member and where it went (the ``val`` part prints counts only: its pages are
not for designing rules), then the totals: shared sentences kept, members with any loss, and
the losses by where they went. Without the corpora it says so and exits 0. Seconds to run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from cleaner import Article, Cleaner
from cleaner.accounting import words
from cleaner.lexicon import SENTENCE_BREAK
from cleaner.normalize import repair_mojibake

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
SPLIT = Path(__file__).resolve().parents[1] / "training" / "split.json"
#: A shared run of fewer words is not counted as a sentence: short lines (a site's name, a
#: section label, "Share this article") recur across unrelated sites.
MIN_WORDS = 6
#: A text holding at least this share of a lost sentence's word trigrams is named as where it
#: went.
SHARE = 0.1


@dataclass
class Member:
    """One page of a group: its raw words, its candidate sentences, its cleaned Article."""

    group: str
    name: str
    relation: str
    site: str
    haystack: str
    candidates: set[tuple[str, ...]]
    article: Article
    shared: list[tuple[str, ...]] = field(default_factory=list)


@dataclass
class Loss:
    """A shared sentence a member's Article does not hold in its body or title."""

    member: Member
    sentence: tuple[str, ...]
    where: list[tuple[str, str, int]]  # (field or removal id, its probability, % of trigrams)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--part", choices=("train", "val"), default="train")
    args = parser.parse_args(argv)
    root = args.corpora / "syndication-dev"
    if not root.is_dir():
        print(f"syndication-dev not found under {args.corpora}: nothing to do")
        return 0
    split = json.loads(SPLIT.read_text("utf-8"))["syndication-dev"]
    groups = sorted(d for d in root.iterdir() if (d / "members.json").is_file() and d.name in split)
    groups = [d for d in groups if split[d.name]["part"] == args.part]
    print(f"load (uptime): {os.getloadavg()[0]:.2f}; part {args.part}: {len(groups)} groups")
    cleaner = Cleaner(explain=True)
    start = time.perf_counter()
    members = [m for d in groups for m in shared_sentences(load_group(d, cleaner))]
    took = time.perf_counter() - start
    losses = [loss for m in members for loss in lost(m)]
    if args.part == "train":
        for loss in losses:
            m = loss.member
            text = " ".join(loss.sentence)
            print(f"  {m.group} {m.name} ({m.relation}): {text[:100]!r}")
            went = ", ".join(f"{label}{score} ({share}%)" for label, score, share in loss.where)
            print(f"      -> {went or 'nowhere whole'}")
    report(members, losses, took)
    return 0


def load_group(directory: Path, cleaner: Cleaner) -> list[Member]:
    """The members of one group, each cleaned."""
    entries = json.loads((directory / "members.json").read_text("utf-8"))
    found = []
    for entry in entries:
        path = directory / entry["file"]
        raw = path.read_bytes()
        text = repair_mojibake(raw.decode("utf-8", errors="replace"))
        host = (urlsplit(entry["url"]).hostname or entry["file"]).removeprefix("www.")
        found.append(
            Member(
                group=directory.name,
                name=entry["file"].removesuffix(".txt"),
                relation=entry["relation"],
                site=host,
                haystack=_joined(words(text)),
                candidates=candidates(text),
                article=cleaner.clean(raw, kind="text", name=str(path)),
            )
        )
    return found


def candidates(text: str) -> set[tuple[str, ...]]:
    """Sentences of a raw text as word tuples, split three ways so that neither hard wrapping
    nor chrome glued to a line hides one: each line's sentences, each paragraph's (lines up to
    a blank line joined), and the whole text's."""
    pieces: list[str] = []
    paragraphs = [" ".join(p.split("\n")) for p in text.split("\n\n")]
    for unit in [*text.split("\n"), *paragraphs, " ".join(text.split())]:
        pieces.extend(SENTENCE_BREAK.split(unit))
    found = (tuple(words(piece)) for piece in pieces)
    return {w for w in found if len(w) >= MIN_WORDS}


def shared_sentences(group: list[Member]) -> list[Member]:
    """Fill each member's ``shared``: candidate sentences (of any member) in its raw text and
    in the raw text of a member of another site; the longest only, not their parts."""
    pool = set().union(*(m.candidates for m in group))
    for member in group:
        others = [o.haystack for o in group if o.site != member.site]
        inside = [s for s in pool if _joined(s) in member.haystack]
        mine = {s for s in inside if any(_joined(s) in h for h in others)}
        member.shared = sorted(
            s for s in mine if not any(t != s and _joined(s) in _joined(t) for t in mine)
        )
    return group


def lost(member: Member) -> list[Loss]:
    """The member's shared sentences not whole in its Article's body or title."""
    art = member.article
    kept = _joined(words(art.body)) + " | " + _joined(words(art.title or ""))
    texts: list[tuple[str, str, str]] = [("body", "", art.body), ("title", "", art.title or "")]
    fields = art.to_dict()
    for name in ("byline", "date", "source", "copyright"):
        texts.append((name, "", fields.get(name) or ""))
    texts.append(("authors", "", " ".join(art.authors)))
    texts.append(("dateline", "", art.dateline.raw if art.dateline else ""))
    texts.extend(("captions", "", c) for c in art.captions)
    texts.extend(("credits", "", c) for c in art.credits)
    for removal in art.removed or ():
        score = f" {removal.score:.2f}" if removal.score is not None else ""
        texts.append((f"removed {removal.rule}", score, removal.text))
    losses = []
    for sentence in member.shared:
        if _joined(sentence) in kept:
            continue
        grams = _trigrams(sentence)
        where: dict[str, tuple[str, str, int]] = {}
        for label, score, text in texts:
            hay = _joined(words(text))
            share = round(100 * sum(_joined(g) in hay for g in grams) / max(len(grams), 1))
            if share >= SHARE * 100 and share > where.get(label, ("", "", -1))[2]:
                where[label] = (label, score, share)
        losses.append(Loss(member, sentence, sorted(where.values(), key=lambda w: -w[2])))
    return losses


def report(members: list[Member], losses: list[Loss], took: float) -> None:
    """The totals: shared sentences kept, members with a loss, losses by where they went."""
    total = sum(len(m.shared) for m in members)
    with_shared = [m for m in members if m.shared]
    losing = {(loss.member.group, loss.member.name) for loss in losses}
    kept = total - len(losses)
    print(
        f"\nshared sentences kept whole in body or title: {kept}/{total} "
        f"({kept / max(total, 1):.1%}); members with any loss: {len(losing)}/{len(with_shared)}"
        f" (of {len(members)} members); {took:.1f} s to clean {len(members)} pages"
    )
    for relation in sorted({m.relation for m in members}):
        of = [m for m in members if m.relation == relation]
        n = sum(len(m.shared) for m in of)
        gone = sum(1 for loss in losses if loss.member.relation == relation)
        print(
            f"  {relation:27} {len(of):3} members, {sum(1 for m in of if m.shared):3} with shared"
            f" sentences: {n - gone}/{n} kept"
        )
    by_kind: Counter[str] = Counter()
    for loss in losses:
        by_kind[loss.where[0][0] if loss.where else "nowhere"] += 1
    print("lost sentences by where most of their words went (body: split or partly dropped):")
    for kind, n in by_kind.most_common():
        print(f"  {n:4}  {kind}")
    by_member = Counter(f"{loss.member.group} {loss.member.name}" for loss in losses)
    if by_member:
        print("lost per member: " + ", ".join(f"{k} {v}" for k, v in sorted(by_member.items())))


def _joined(seq: tuple[str, ...] | list[str]) -> str:
    return " " + " ".join(seq) + " "


def _trigrams(seq: tuple[str, ...]) -> list[tuple[str, ...]]:
    return [seq[i : i + 3] for i in range(len(seq) - 2)]


if __name__ == "__main__":
    sys.exit(main())
