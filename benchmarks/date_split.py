"""Where issue 8's dates come from: for every page of one part of the split with a gold date,
each date the page offers (htmldate's extensive and fast searches, its latest date, the JSON-LD's
``datePublished`` / ``dateCreated`` / ``dateModified``, the publication meta tags, the first
``<time datetime>``, the address's date, the dates the rules found printed among the story's
blocks) beside the cleaner's date and whether each is the gold. Run from the repository root::

    .venv/bin/python benchmarks/date_split.py collect --part train --out /tmp/dates-train.json
    .venv/bin/python benchmarks/date_split.py sources /tmp/dates-train.json [--cases]
    .venv/bin/python benchmarks/date_split.py kinds /tmp/dates-train.json

``collect`` runs the cleaner on every page (a few minutes a part); ``sources`` counts, per
corpus, how often each source gives a date, is right, and is right where the cleaner is wrong
(+) or wrong where the cleaner is right (-), in pages and sites; ``kinds`` counts the
cleaner's misses by which source gives the gold. On the validation part only whether each
source is right is kept (no gold, no value) and only counts are printed; ``--cases`` (the
tuning part only) prints each page where the cleaner is wrong.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import html_corpora as corpora
import html_metrics as m
import regex
from lxml import etree

import cleaner.assemble as assemble_module
import cleaner.html.page as page_module
from cleaner import Cleaner
from cleaner.fields import parse_date
from cleaner.page_url import site_from_url

#: Meta tags that state a publication date, in the order htmldate reads them about.
_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "date",
    "article:modified_time",
)
_URL_DATE = regex.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?!\d)")


def meta_dates(tree: etree._Element) -> dict[str, str]:
    """The first value of each publication meta tag (name, property or itemprop)."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        for attr in ("property", "name", "itemprop"):
            key = (element.get(attr) or "").lower()
            if key in _META and key not in found and element.get("content"):
                found[key] = element.get("content") or ""
    return found


_ISO_DAY = regex.compile(r"^\s*(\d{4}-\d\d-\d\d)")


def day_of(value: str | None) -> str | None:
    """A date value as ``YYYY-MM-DD``: an ISO timestamp's own day (no time-zone shift), else a
    printed date parsed."""
    if not value:
        return None
    found = _ISO_DAY.match(value)
    return found.group(1) if found else parse_date(value)


def url_date(url: str | None) -> str | None:
    found = _URL_DATE.search(url or "")
    return "-".join(found.groups()) if found else None


def off_by_one(date: str | None, gold: str) -> bool:
    """Whether a date is a day before or after the gold (a time zone's shift, or a print
    edition's day)."""
    try:
        apart = datetime.date.fromisoformat(date or "") - datetime.date.fromisoformat(gold)
    except ValueError:
        return False
    return abs(apart.days) == 1


def collect(part: str, out: Path, names: list[str] | None) -> int:
    """Run the cleaner on the part's pages; keep each page's date candidates."""
    from htmldate import find_date
    from trafilatura.settings import set_date_params

    by_corpus = corpora.load_parts(corpora.DEFAULT_CORPORA, corpora.SPLIT, part, names)
    seen: dict[str, Any] = {}
    read_metadata, read_linked, page_date = (
        page_module.read_metadata,
        page_module.read_linked_data,
        assemble_module.page_date,
    )

    def spy_meta(tree, url):  # type: ignore[no-untyped-def]
        seen["tree"] = copy.deepcopy(tree)
        seen["url"] = url
        found = read_metadata(tree, url)
        seen["found"] = found
        return found

    def spy_linked(tree):  # type: ignore[no-untyped-def]
        seen["linked"] = linked = read_linked(tree)
        return linked

    def spy_date(printed, meta):  # type: ignore[no-untyped-def]
        seen["printed"] = list(printed)
        seen["meta_source"] = meta.date.source if meta.date else None
        return page_date(printed, meta)

    page_module.read_metadata = spy_meta  # type: ignore[assignment]
    page_module.read_linked_data = spy_linked  # type: ignore[assignment]
    assemble_module.page_date = spy_date  # type: ignore[assignment]
    cleaner = Cleaner()
    rows = []
    for corpus, pages in by_corpus.items():
        for page in pages:
            gold = page.gold.date
            if not gold:
                continue
            seen.clear()
            ours = cleaner.clean(page.html, url=page.url, kind="html").date
            tree, url = seen.get("tree"), seen.get("url")
            cands: dict[str, str | None] = {"ours": ours}
            if tree is not None:
                for name, params in (
                    ("htmldate", set_date_params(True)),
                    ("htmldate-fast", set_date_params(False)),
                    ("htmldate-latest", {**set_date_params(True), "original_date": False}),
                ):
                    try:
                        cands[name] = find_date(copy.deepcopy(tree), url=url, **params)
                    except (ValueError, TypeError, AttributeError, OverflowError):
                        cands[name] = None
                cands["kept"] = seen["found"].get("date")
                for key, value in meta_dates(tree).items():
                    cands[f"meta:{key}"] = day_of(value) or value[:10]
                times = [t.get("datetime") for t in tree.iter("time") if t.get("datetime")]
                for i, value in enumerate(times[:3]):
                    cands[f"time:{i}"] = day_of(value)
            linked = seen.get("linked")
            if linked is not None:
                cands["jsonld:published"] = day_of(linked.published)
                cands["jsonld:modified"] = day_of(linked.modified)
            cands["url"] = url_date(url or page.url)
            for i, value in enumerate(seen.get("printed", [])[:3]):
                cands[f"printed:{i}"] = value
            row = {
                "off_by_one": off_by_one(ours, gold),
                "corpus": corpus,
                "key": page.key,
                "site": site_from_url(url or page.url) or page.key,
                "meta_source": seen.get("meta_source"),
                "right": {k: m.dates_match(v, gold) for k, v in cands.items() if v},
            }
            if part == "train":
                row["gold"] = gold
                row["cands"] = {k: (v[:25] if v else v) for k, v in cands.items()}
            rows.append(row)
        print(f"{corpus}: {sum(r['corpus'] == corpus for r in rows)} pages", file=sys.stderr)
    out.write_text(json.dumps({"part": part, "rows": rows}, ensure_ascii=False), encoding="utf-8")
    return 0


def sources(path: Path, cases: bool) -> int:
    """Per corpus and source: pages it gives a date, right, right where ours is wrong."""
    data = json.loads(path.read_text(encoding="utf-8"))
    by_corpus: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in data["rows"]:
        by_corpus[row["corpus"]].append(row)
    for corpus, rows in by_corpus.items():
        ours = sum(r["right"].get("ours", False) for r in rows)
        print(f"\n{corpus}: {len(rows)} pages, ours right on {ours}")
        names = sorted({k for r in rows for k in r["right"]})
        for name in names:
            given = [r for r in rows if name in r["right"]]
            right = [r for r in given if r["right"][name]]
            gain = [r for r in right if not r["right"].get("ours")]
            loss = [r for r in given if not r["right"][name] and r["right"].get("ours")]
            print(
                f"  {name:32} given {len(given):4}  right {len(right):4}  "
                f"+{len(gain)} ({len({r['site'] for r in gain})} sites)  "
                f"-{len(loss)} ({len({r['site'] for r in loss})} sites)"
            )
        if cases and data["part"] == "train":
            for r in rows:
                if not r["right"].get("ours"):
                    source = r["meta_source"]
                    print(f"  MISS {r['key']} [{r['site']}] gold {r['gold']} src {source}")
                    for k, v in r["cands"].items():
                        if v:
                            print(f"      {k:28} {v}  {'OK' if r['right'].get(k) else ''}")
    return 0


def miss_kind(row: dict[str, Any]) -> str:
    """What a page's miss is, from which sources give the gold (the first kind that fits)."""
    right = row["right"]
    if right.get("ours"):
        return ""
    if not any(right.values()):
        return "no source read gives the gold" if not row.get("off_by_one") else "one day off"
    if right.get("jsonld:modified") or right.get("meta:article:modified_time"):
        return "the gold is the modified date"
    if right.get("htmldate-latest"):
        return "the gold is htmldate's latest date"
    if right.get("jsonld:published") or right.get("meta:article:published_time"):
        return "the gold is the stated published date"
    if any(right.get(f"time:{i}") for i in range(3)):
        return "the gold is a <time> element's"
    if any(right.get(f"printed:{i}") for i in range(3)):
        return "the gold is a date the rules found printed"
    return "another source gives the gold"


def kinds(path: Path) -> int:
    """The cleaner's misses by kind: pages and sites per corpus."""
    data = json.loads(path.read_text(encoding="utf-8"))
    counts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in data["rows"]:
        kind = miss_kind(row)
        if kind:
            counts[kind][row["corpus"]].append(row["site"])
    names = sorted({r["corpus"] for r in data["rows"]})
    print(f"{'kind of miss':44}" + "".join(f"{n[:12]:>16}" for n in names))
    for kind, by_corpus in sorted(counts.items(), key=lambda kv: -sum(map(len, kv[1].values()))):
        cells = [by_corpus.get(n, []) for n in names]
        print(f"{kind:44}" + "".join(f"{len(c):>9} ({len(set(c)):>3})" for c in cells))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect")
    c.add_argument("--part", choices=("train", "val"), default="train")
    c.add_argument("--out", type=Path, required=True)
    c.add_argument("--corpus", action="append")
    s = sub.add_parser("sources")
    s.add_argument("path", type=Path)
    s.add_argument("--cases", action="store_true")
    k = sub.add_parser("kinds")
    k.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    if args.command == "collect":
        return collect(args.part, args.out, args.corpus)
    if args.command == "kinds":
        return kinds(args.path)
    return sources(args.path, args.cases)


if __name__ == "__main__":
    sys.exit(main())
