"""Whether any broad source on the page could name the author where the cleaner names no one.

For the pages of one part where a ``bench_html.py --json`` run's cleaner gave no author, it
reads sources wider than the cleaner's own — a person's name as a segment of the page's
``<title>``; the meta tags ``author``, ``article:author``, ``twitter:creator``,
``twitter:data1``, ``dc.creator``, ``citation_author``, ``parsely-author``, ``sailthru.author``,
``byl``; any element marked as an author's, byline's, writer's or creator's anywhere on the
page (furniture too); any link to a profile page ('/author/', '/people/', '/team/' …); an
``<address>``; a 'By …' / 'Posted by …' line anywhere; a name in a heading followed by a job
('Asser Christensen' / 'Licensed Q Arabica Grader') — and counts per corpus and source the
pages where the source names the gold (a gain, were it a last resort), names someone where the
gold names no one (a loss) or names someone else. The counts are what a last-resort rule could
win at best. Run from the repository root::

    .venv/bin/python benchmarks/author_reach.py RUN.json [--part train|val] [--pages]

``--pages`` prints each gain and loss: for the tuning part only (the validation part is
counted, never read). Without the corpora it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import html_corpora as corpora
import html_metrics as m
import regex
from lxml import etree

from cleaner.decode import decode
from cleaner.fields import authors_from_byline, is_single_name
from cleaner.html.tree import parse, visible_text

_BY_LINE = regex.compile(
    r"(?i)^(?:(?:posted|written|published|words|text|story|reported)\s+)?"
    r"(?:by|von|par|por|door)\s*:?\s+(.{3,60})$"
)
_BY_OWN = ("by ", "by:", "pos", "wri", "von", "par", "por")
_LINE_TAIL = regex.compile(r"(?i)\s+(?:on|at|in|\||·|•|–|—|-)\s.*$")
_MARK = regex.compile(r"(?i)author|byline|writer|creator|contributor")
_PROFILE = regex.compile(
    r"/(?:author|authors|autor|writer|profile|people|team|staff|user|u|members?)/[^/?#]"
)
_TITLE_SEP = regex.compile(r"\s+[|–—·•:-]\s+")
_JOB = regex.compile(
    r"(?i)\b(?:expert|writer|editor|reporter|correspondent|attorney|executive|contributor|"
    r"columnist|journalist|director|manager|founder|ceo|president|analyst|specialist|engineer|"
    r"consultant|producer|professor|researcher|officer|strategist|author|developer|designer|"
    r"scientist|grader|marketer)\b"
)
_META = (
    "author", "article:author", "twitter:creator", "twitter:data1", "dc.creator",
    "citation_author", "parsely-author", "sailthru.author", "byl",
)  # fmt: skip
_LINE_TAGS = ("p", "span", "div", "li", "small", "em", "strong", "time", "h2", "h3", "h4", "h5")


def _names(text: str) -> tuple[str, ...]:
    text = text.strip(" .,:;|")
    return authors_from_byline(text) or ((text,) if is_single_name(text) else ())


def sources(tree: etree._Element) -> dict[str, tuple[str, ...]]:
    """The first value each broad source gives on the page, as names."""
    out: dict[str, tuple[str, ...]] = {}
    for source, names in (*_head_sources(tree), *_body_sources(tree)):
        if names and source not in out:
            out[source] = names
    return out


def _head_sources(tree: etree._Element) -> Iterator[tuple[str, tuple[str, ...]]]:
    head = tree.find("head")
    for title in head.iter("title") if head is not None else ():
        parts = _TITLE_SEP.split(visible_text(title))
        for part in (parts[-1], parts[0]) if len(parts) > 1 else ():
            names = authors_from_byline(part)
            if names and m.norm(names[0]) == m.norm(part):
                yield "title segment", names
    for meta in tree.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").lower()
        if key in _META:
            yield f"<meta {key}>", _names(meta.get("content") or "")


def _body_sources(tree: etree._Element) -> Iterator[tuple[str, tuple[str, ...]]]:
    body = tree.find("body")
    for element in body.iter() if body is not None else ():
        if not isinstance(element.tag, str):
            continue
        marks = " ".join(element.get(a) or "" for a in ("class", "id", "itemprop", "rel"))
        if _MARK.search(marks):
            text = visible_text(element)
            if 3 <= len(text) <= 80:
                by = _BY_LINE.match(text)
                yield "marked, anywhere", _names(by.group(1) if by else text)
        if element.tag == "a" and _PROFILE.search(element.get("href") or ""):
            text = visible_text(element)
            if 3 <= len(text) <= 60:
                yield "profile link, anywhere", _names(text)
        if element.tag == "address":
            yield "address", _names(visible_text(element))
        if element.tag in _LINE_TAGS and (element.text or "").strip()[:3].lower() in _BY_OWN:
            text = visible_text(element)
            by = _BY_LINE.match(text) if len(text) <= 90 else None
            if by:
                yield "'By' line, anywhere", _names(_LINE_TAIL.sub("", by.group(1)))
        if element.tag in ("h3", "h4", "h5", "h6", "strong", "b") and not len(element):
            text = visible_text(element)
            after = element.getnext()
            if 5 <= len(text) <= 40 and after is not None and _JOB.search(visible_text(after)[:80]):
                yield "name then job", authors_from_byline(text)


def main(argv: list[str] | None = None) -> int:
    """Parse the options, read the pages, print the counts."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("run", type=Path, help="a bench_html.py --json file of the same part")
    parser.add_argument("--part", default="train", choices=("train", "val"))
    parser.add_argument("--pages", action="store_true", help="print gains and losses (tuning)")
    parser.add_argument("--corpora", type=Path, default=corpora.DEFAULT_CORPORA)
    args = parser.parse_args(argv)
    if args.pages and args.part != "train":
        parser.error("--pages reads pages: the tuning part only")
    try:
        rows = json.loads(args.run.read_text(encoding="utf-8"))
        ours = {(r["corpus"], r["key"]): r["systems"]["cleaner"] for r in rows}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SystemExit(f"author_reach: {args.run}: not a bench_html --json file ({exc})") from exc
    try:
        parts = corpora.load_parts(args.corpora, corpora.SPLIT, args.part)
    except corpora.CorpusMissing as exc:
        print(f"author_reach: {exc}; nothing to measure.")
        return 0
    for corpus, pages in parts.items():
        tally: Counter[tuple[str, str]] = Counter()
        named = empty = reached = 0
        for page in pages:
            gold, answer = page.gold.authors, ours.get((corpus, page.key))
            if gold is None or answer is None or answer.get("authors"):
                continue
            has_gold = bool(m.author_set(gold))
            named, empty = named + has_gold, empty + (not has_gold)
            html = page.html if isinstance(page.html, str) else decode(page.html, kind="html").text
            tree = parse(html, page.key)
            etree.strip_elements(tree, "script", "style", "svg", with_tail=False)
            hit = False
            for source, names in sources(tree).items():
                right = m.authors_match(names, gold)
                what = "gain" if right else ("other" if has_gold else "loss")
                hit |= right
                tally[(source, what)] += 1
                if args.pages and what != "other":
                    print(f"   {corpus} {page.key} {source}: {what} {names} gold {list(gold)}")
            reached += hit
        print(
            f"{corpus} ({args.part}): the cleaner names no one on {named} pages whose gold names"
            f" someone (a source names the gold on {reached}) and {empty} whose gold names no one"
        )
        for source in sorted({s for s, _ in tally}, key=lambda s: -tally[(s, "gain")]):
            counts = "  ".join(f"{w} {tally[(source, w)]:3}" for w in ("gain", "loss", "other"))
            print(f"   {source:24} {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
