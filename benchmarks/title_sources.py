"""Which of a page's title sources agrees with the corpus's gold title, and why the cleaner's
titles miss: the analysis behind ``cleaner/html/title.py``'s rules.

For every page of one part of the split (``training/split.json``; the tuning part by default)
that has a gold title, it reads the sources a title may come from — og:title, twitter:title,
the JSON-LD headline, ``<title>`` less the site's name, the metadata title the cleaner starts
from, the first printed h1 — and prints per corpus how often each agrees with the gold (the
benchmark's comparison, ``html_metrics.titles_match``), the ceiling (some source agrees), and
the cleaner's misses by class. Run from the repository root::

    .venv/bin/python benchmarks/title_sources.py [--part train|val] [--corpus NAME ...]
        [--misses]

``--misses`` also prints each miss (gold, ours, the sources): for the tuning part only — the
validation part is scored, never read. Without the corpora it says so and exits 0.
"""

from __future__ import annotations

import sys
from collections import Counter

import html_corpora as corpora
import html_metrics as m
from lxml import etree

from cleaner import Cleaner
from cleaner.decode import decode
from cleaner.html.extract import read_metadata
from cleaner.html.jsonld import read_linked_data
from cleaner.html.meta import clean_value
from cleaner.html.title import headline_title
from cleaner.html.tree import marked, parse, visible_text
from cleaner.lexicon import text_key
from cleaner.page_url import site_from_url

SOURCES = ("og:title", "twitter:title", "json-ld", "<title>", "metadata", "h1")


def sources(page: corpora.Page) -> tuple[dict[str, str | None], list[str]]:
    """The page's title sources (site's name taken off og:title and ``<title>``) and its h1s."""
    text = page.html if isinstance(page.html, str) else decode(page.html, kind="html").text
    tree = parse(text, page.key)

    def meta(name: str) -> str | None:
        for element in tree.iter("meta"):
            if name in (
                (element.get("property") or "").lower(),
                (element.get("name") or "").lower(),
            ):
                return clean_value(element.get("content"))
        return None

    found = read_metadata(tree, page.url)
    site = found.get("sitename") or site_from_url(page.url)
    linked = read_linked_data(tree)
    title = clean_value(tree.findtext(".//title"))
    og = meta("og:title")
    etree.strip_elements(tree, "script", "style", "svg", with_tail=False)
    h1s = [visible_text(e) for e in marked(tree) if e.tag == "h1"]
    h1s = [h for h in h1s if h.strip()]
    return {
        "og:title": headline_title(og, None, site) if og else None,
        "twitter:title": meta("twitter:title"),
        "json-ld": clean_value(linked.headline),
        "<title>": headline_title(title, None, site) if title else None,
        "metadata": clean_value(found.get("title")),
        "h1": h1s[0] if h1s else None,
    }, h1s


def miss_class(ours: str | None, gold: str, found: dict[str, str | None], h1s: list[str]) -> str:
    """Why ``ours`` is not the gold title, judged against the page's sources."""
    if not ours:
        return "no title"
    gold_key, ours_key = text_key(gold), text_key(ours)
    if gold_key == ours_key:
        return "case, punctuation or quotes"
    if gold_key and gold_key in ours_key:
        return "a site segment, kicker or subtitle left"
    if ours_key and ours_key in gold_key:
        return "a part or kicker dropped"
    ours_printed = any(m.titles_match(h, ours) for h in h1s)
    if any(m.titles_match(h, gold) for h in h1s):
        return "the printed h1 wanted, another source taken"
    agree = [k for k in SOURCES[:4] if found[k] and m.titles_match(found[k], gold)]
    if agree:
        taken = "the h1" if ours_printed else "another"
        return f"{'+'.join(agree)} wanted, {taken} taken"
    return "a gold no source gives"


def main(argv: list[str] | None = None) -> int:
    """Parse the options, read the pages, print the tables."""
    args, by_corpus = corpora.study_parts((__doc__ or "").split("\n\n")[0], "title_sources", argv)
    if by_corpus is None:
        return 0
    cleaner = Cleaner()
    for corpus, pages in by_corpus.items():
        agree: Counter[str] = Counter()
        given: Counter[str] = Counter()
        classes: Counter[str] = Counter()
        right = ceiling = total = 0
        for page in pages:
            gold = page.gold.title
            if not gold:
                continue
            total += 1
            found, h1s = sources(page)
            for name, value in found.items():
                if value:
                    given[name] += 1
                    agree[name] += m.titles_match(value, gold)
            ceiling += any(v and m.titles_match(v, gold) for v in [*found.values(), *h1s])
            ours = cleaner.clean(page.html, url=page.url, kind="html").title
            if m.titles_match(ours, gold):
                right += 1
                continue
            why = miss_class(ours, gold, found, h1s)
            classes[why] += 1
            if args.misses:
                print(f"{corpus} {page.key}: {why}\n  gold {gold!r}\n  ours {ours!r}")
                for name, value in found.items():
                    print(f"  {name:14} {value!r}")
        print(f"\n{corpus} ({args.part}): {total} pages with a gold title")
        for name in SOURCES:
            print(f"  {name:14} agrees on {agree[name]:4} of the {given[name]:4} pages giving it")
        print(f"  some source agrees (the ceiling): {ceiling}; the cleaner right on {right}")
        for why, count in classes.most_common():
            print(f"  miss: {count:3}  {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
