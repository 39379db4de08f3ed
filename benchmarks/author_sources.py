"""Where a page's authors may come from, and why the cleaner's authors miss: the analysis behind
``cleaner/html/meta.py`` and ``cleaner/page_fields.py``'s choices.

For every page of one part of the split (``training/split.json``; the tuning part by default)
with author gold, it reads the sources an author may come from — the JSON-LD's persons and
organisations, the meta tags (``author``, ``article:author``, ``parsely-author``,
``sailthru.author``, ``dc.creator``), trafilatura's metadata author, the printed byline (marked,
unmarked under the headline, searched, closing), ``rel=author`` and ``/author/`` links — and
prints per corpus how often each source's people agree with the gold (the benchmark's
comparison, ``html_metrics.authors_match``), the cleaner's figure and its misses by class.
Run from the repository root::

    .venv/bin/python benchmarks/author_sources.py [--part train|val] [--corpus NAME ...]
        [--misses]

``--misses`` also prints each miss (gold, ours, the sources; with ``--run RUN.json``, a
``bench_html.py --json`` file of the same part, trafilatura's authors too): for the tuning part
only — the validation part is scored, never read. The misses are also counted by the sources
that named the gold's people (none, for most: then no choice among the sources helps).
Without the corpora it says so and exits 0.
"""

from __future__ import annotations

import sys
from collections import Counter

import html_corpora as corpora
import html_metrics as m
from lxml import etree

from cleaner import Article, Cleaner
from cleaner.decode import decode
from cleaner.fields import authors_from_byline
from cleaner.html.extract import read_metadata
from cleaner.html.jsonld import read_linked_data
from cleaner.html.meta import closing_byline, raw_byline, searched_byline, unmarked_byline
from cleaner.html.tree import Story, marked, parse, visible_text
from cleaner.page_fields import people, site_keys

META_NAMES = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator")


def sources(page: corpora.Page, title: str | None) -> dict[str, str | None]:
    """The page's author sources, each as found (a byline or a '; '-joined list)."""
    text = page.html if isinstance(page.html, str) else decode(page.html, kind="html").text
    tree = parse(text, page.key)
    metas: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        key = ((element.get("property") or element.get("name")) or "").lower()
        if key in META_NAMES and element.get("content"):
            metas.setdefault(key, []).append(" ".join(element.get("content", "").split()))
    found = read_metadata(tree, page.url)
    linked = read_linked_data(tree)
    etree.strip_elements(tree, "script", "style", "svg", with_tail=False)
    elements = marked(tree)
    h1s = [element for element in elements if element.tag == "h1"]
    story = Story([])
    links: dict[str, list[str]] = {"rel=author": [], "/author/": []}
    for a in tree.iter("a"):
        label = visible_text(a)
        if not label or len(label) > 60:
            continue
        if "author" in (a.get("rel") or ""):
            links["rel=author"].append(label)
        elif "/author/" in (a.get("href") or ""):
            links["/author/"].append(label)
    out: dict[str, str | None] = {
        "json-ld person": "; ".join(linked.persons) or None,
        "json-ld org": "; ".join(linked.organisations) or None,
        "trafilatura meta": found.get("author"),
    }
    out.update({f"<meta {k}>": "; ".join(dict.fromkeys(v)) for k, v in metas.items()})
    out["marked byline"] = raw_byline(elements, story)
    out["unmarked byline"] = unmarked_byline(h1s, title, story)
    out["searched"] = searched_byline(elements, story)
    out["closing"] = closing_byline(tree, [], story)
    out.update({k: "; ".join(dict.fromkeys(v)) or None for k, v in links.items()})
    return out


def names_of(source: str, value: str | None, sites: tuple[str, ...]) -> tuple[str, ...]:
    """The people a source's value names, read as the cleaner reads that kind of source."""
    if not value:
        return ()
    if "byline" in source or source in ("searched", "closing"):
        return authors_from_byline(value)
    return people(value, sites)


def miss_class(ours: tuple[str, ...], gold: tuple[str, ...]) -> str:
    """Why ``ours`` is not the gold's set of names."""
    want, got = m.author_set(gold), m.author_set(ours)
    if not want:
        return "someone named where the gold names no one"
    if not got:
        return "no one named where the gold names someone"
    if got < want:
        return "a co-author missed"
    if want < got:
        return "someone extra"
    if len(want) == len(got) and all(any(g in w or w in g for w in want) for g in got):
        return "a name's form (a part more or less)"
    return "someone else named"


def _agreeing(
    found: dict[str, str | None],
    gold: tuple[str, ...],
    sites: tuple[str, ...],
    given: Counter[str],
    agree: Counter[str],
) -> list[str]:
    """The sources whose people are the gold's (``given`` and ``agree`` counted on)."""
    named_gold = []
    for name, value in found.items():
        if value:
            given[name] += 1
            hit = m.authors_match(names_of(name, value, sites), gold)
            agree[name] += hit
            if hit:
                named_gold.append(name)
    return named_gold


def _print_miss(
    head: str,
    gold: tuple[str, ...],
    article: Article,
    found: dict[str, str | None],
    traf: list[str] | None,
) -> None:
    """One miss: the gold, ours, trafilatura's (when known), the byline and the sources."""
    print(head)
    print(f"  gold {list(gold)!r}\n  ours {list(article.authors)!r}")
    if traf is not None:
        print(f"  trafilatura {traf!r}")
    print(f"  byline {article.byline!r}")
    for name, value in found.items():
        if value:
            print(f"  {name:18} {value[:150]!r}")


def main(argv: list[str] | None = None) -> int:
    """Parse the options, read the pages, print the tables."""
    args, by_corpus = corpora.study_parts((__doc__ or "").split("\n\n")[0], "author_sources", argv)
    if by_corpus is None:
        return 0
    try:
        run = corpora.run_values(args.run)
    except corpora.CorpusMissing as exc:
        print(f"author_sources: {exc}")
        return 2
    cleaner = Cleaner()
    for corpus, pages in by_corpus.items():
        right_sources: Counter[str] = Counter()
        agree: Counter[str] = Counter()
        given: Counter[str] = Counter()
        classes: Counter[str] = Counter()
        right = total = 0
        for page in pages:
            gold = page.gold.authors
            if gold is None:
                continue
            total += 1
            article = cleaner.clean(page.html, url=page.url, kind="html")
            found = sources(page, article.title)
            named_gold = _agreeing(found, gold, site_keys(None, page.url), given, agree)
            if m.authors_match(article.authors, gold):
                right += 1
                continue
            why = miss_class(article.authors, gold)
            classes[why] += 1
            right_sources[", ".join(named_gold) or "no source"] += 1
            if args.misses:
                traf = run.get((corpus, page.key), {}).get("authors") if run else None
                _print_miss(f"{corpus} {page.key} {page.url}: {why}", gold, article, found, traf)
        print(f"\n{corpus} ({args.part}): {total} pages with author gold")
        for name in sorted(given, key=lambda n: -given[n]):
            print(f"  {name:18} agrees on {agree[name]:4} of the {given[name]:4} pages giving it")
        print(f"  the cleaner right on {right}")
        for why, count in classes.most_common():
            print(f"  miss: {count:3}  {why}")
        for names, count in right_sources.most_common():
            print(f"  miss: {count:3}  the gold named by: {names}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
