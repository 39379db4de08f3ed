"""A learned chooser among a page's title sources, scored leave-one-corpus-out on the tuning
part against the cleaner's rules (``cleaner/html/title.py``): the study behind not shipping one.

Each distinct wording the sources give (:func:`title_sources.sources`: og:title and ``<title>``
less the site's name, twitter:title, the JSON-LD headline, trafilatura's metadata title, every
printed h1, and the cleaner's own title) is a candidate with features: which sources give it,
how many, its length in words, whether another candidate holds it or it holds another, whether
it names the site, ends in an ellipsis, has a separator or a colon, how it compares with the
cleaner's title (word share, part of it, holding it), how many h1s the page prints and which one
it is. A maximum-entropy classifier (crfsuite over one-candidate sequences, L-BFGS:
deterministic) learns which candidate is the gold title (the benchmark's comparison,
``html_metrics.titles_match``; the gold's exact form where a source gives it) from three
corpora's tuning pages and chooses on the fourth's; the cleaner's title is kept unless the
model's best candidate is likelier by ``--margin``. Pages where no candidate is the gold are
left out of training (they teach no choice) but counted when scoring. Run from the repository
root::

    .venv/bin/python benchmarks/title_chooser.py [--margin 0 0.2 ...] [--reg 0.1,0.1 1,1 ...]

The validation part is never read. Without the corpora it says so and exits 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import html_corpora as corpora
import html_metrics as m
import regex
from title_sources import sources

from cleaner import Cleaner
from cleaner.lexicon import text_key

_WORD = regex.compile(r"\w+")
_SEPARATOR = regex.compile(r"\s[|–—·•»-]\s")
Record = dict[str, Any]


def read_pages(corpora_dir: Path) -> list[Record]:
    """Every tuning page with a gold title: its corpus, gold, sources, h1s and the cleaner's
    title."""
    pages = corpora.load_parts(corpora_dir, corpora.SPLIT, "train")
    cleaner = Cleaner()
    out = []
    for corpus, listed in pages.items():
        for page in listed:
            if not page.gold.title:
                continue
            found, h1s = sources(page)
            ours = cleaner.clean(page.html, url=page.url, kind="html").title
            out.append(
                {
                    "corpus": corpus,
                    "gold": page.gold.title,
                    "found": found,
                    "h1s": h1s,
                    "ours": ours,
                }
            )
    return out


def candidates(record: Record) -> list[tuple[str, dict[str, float]]]:
    """Each distinct wording (the cleaner's first) with its features."""
    found: dict[str, tuple[str, dict[str, float]]] = {}

    def add(text: str | None, tag: str) -> None:
        key = text_key(text or "")
        if key:
            found.setdefault(key, (text or "", {"bias": 1.0}))[1][tag] = 1.0

    add(record["ours"], "src=rules")
    for name, value in record["found"].items():
        if name != "h1":
            add(value, f"src={name}")
    h1s = record["h1s"]
    for i, h1 in enumerate(h1s):
        add(h1, "src=h1")
        add(h1, f"h1={min(i, 2)}")
    keys = list(found)
    for key, (text, feats) in found.items():
        _relate(key, text, feats, keys, record["ours"] or "", len(h1s))
    return list(found.values())


def _relate(
    key: str, text: str, feats: dict[str, float], keys: list[str], ours: str, h1s: int
) -> None:
    """A candidate's features beyond its sources: its shape and how it compares with the other
    candidates and the cleaner's title."""
    rules_key = text_key(ours)
    given = sum(1 for k in feats if k.startswith("src=") and k != "src=rules")
    feats[f"given={min(given, 5)}"] = 1.0
    feats[f"words={_bucket(len(text.split()), (1, 2, 4, 7, 12, 20))}"] = 1.0
    if any(other != key and other in key for other in keys):
        feats["holds_other"] = 1.0
    if any(other != key and key in other for other in keys):
        feats["held_by_other"] = 1.0
    if _SEPARATOR.search(text):
        feats["separator"] = 1.0
    if ": " in text:
        feats["colon"] = 1.0
    if text.rstrip().endswith(("…", "...")):
        feats["ellipsis"] = 1.0
    if rules_key and key != rules_key:
        feats[f"vs_rules={_bucket(_share(text, ours), (0.0, 0.3, 0.6, 0.9))}"] = 1.0
        if key in rules_key:
            feats["part_of_rules"] = 1.0
        elif rules_key in key:
            feats["holds_rules"] = 1.0
    shape = f"h1s={min(h1s, 3)}"
    feats[shape] = 1.0
    if "src=rules" in feats:
        feats[f"rules&{shape}"] = 1.0
        feats[f"rules&given={min(given, 5)}"] = 1.0


def labels_of(listed: list[tuple[str, dict[str, float]]], gold: str) -> list[bool]:
    """The candidates equal to the gold (normalised), else those the benchmark takes for it."""
    exact = [m.title_norm(text) == m.title_norm(gold) for text, _ in listed]
    return exact if any(exact) else [m.titles_match(text, gold) for text, _ in listed]


def train(records: list[Record], out: Path, params: dict[str, float]) -> None:
    """A maxent model of the title candidates of ``records``, written to ``out``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({**params, "max_iterations": 300})
    for record in records:
        listed = candidates(record)
        labels = labels_of(listed, record["gold"])
        if any(labels):
            for (_, feats), right in zip(listed, labels, strict=True):
                trainer.append([feats], ["title" if right else "other"])
    trainer.train(str(out))


def choose(tagger: Any, record: Record, margin: float) -> str | None:
    """The likeliest candidate when it beats the cleaner's title by ``margin``."""
    scored = []
    for text, feats in candidates(record):
        tagger.set([feats])
        scored.append((tagger.marginal("title", 0), text, "src=rules" in feats))
    if not scored:
        return record["ours"]
    best, text, _ = max(scored, key=lambda s: s[0])
    rules = next((p for p, _, is_rules in scored if is_rules), None)
    return record["ours"] if rules is not None and best - rules < margin else text


def loco(records: list[Record], margins: list[float], params: dict[str, float]) -> None:
    """Per held-out corpus and pooled: pages right by the cleaner and by the model trained on
    the other corpora, at each margin."""
    import pycrfsuite

    right: Counter[tuple[str, float]] = Counter()
    rules: Counter[str] = Counter()
    count: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as folder:
        for corpus in corpora.CORPORA:
            held = [r for r in records if r["corpus"] == corpus]
            if not held:
                continue
            path = Path(folder) / f"{corpus}.crfsuite"
            train([r for r in records if r["corpus"] != corpus], path, params)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            for record in held:
                count[corpus] += 1
                rules[corpus] += m.titles_match(record["ours"], record["gold"])
                for margin in margins:
                    chosen = choose(tagger, record, margin)
                    right[corpus, margin] += m.titles_match(chosen, record["gold"])
    for margin in margins:
        print(f"\nmargin {margin} (c1 {params['c1']}, c2 {params['c2']}): cleaner -> model")
        for corpus in [*count, "pooled"]:
            n = count[corpus] if corpus != "pooled" else sum(count.values())
            had = rules[corpus] if corpus != "pooled" else sum(rules.values())
            got = (
                right[corpus, margin]
                if corpus != "pooled"
                else sum(right[c, margin] for c in count)
            )
            print(
                f"  {corpus:16} {n:4} pages  {100 * had / n:5.1f}% -> {100 * got / n:5.1f}%  "
                f"({got - had:+d} pages)"
            )


def _bucket(value: float, edges: tuple[float, ...]) -> str:
    reached = [edge for edge in edges if value >= edge]
    return f"{reached[-1]:g}" if reached else "lt"


def _share(a: str, b: str) -> float:
    words_a, words_b = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    union = words_a | words_b
    return len(words_a & words_b) / len(union) if union else 0.0


def main(argv: list[str] | None = None) -> int:
    """Parse the options, read the tuning pages, print the leave-one-corpus-out figures."""
    parser = argparse.ArgumentParser(
        prog="title_chooser", description=(__doc__ or "").split("\n\n")[0]
    )
    parser.add_argument("--corpora", type=Path, default=corpora.DEFAULT_CORPORA)
    parser.add_argument("--margin", type=float, nargs="+", default=[0.0, 0.2])
    parser.add_argument(
        "--reg", nargs="+", default=["0.1,0.1", "1,1"], help="L1,L2 weights to try (c1,c2)"
    )
    args = parser.parse_args(argv)
    try:
        records = read_pages(args.corpora)
    except corpora.CorpusMissing as exc:
        print(f"title_chooser: {exc}; nothing to measure.")
        return 0
    for pair in args.reg:
        c1, c2 = (float(x) for x in pair.split(","))
        loco(records, args.margin, {"c1": c1, "c2": c2})
    return 0


if __name__ == "__main__":
    sys.exit(main())
