"""The wording split of issue 8's titles (the printed h1 and a metadata title wording the story
otherwise), from the page's own evidence: for every page of one part of the split with a gold
title, each title candidate the page gives (its story h1s, og:title, twitter:title, the JSON-LD
headline, ``<title>`` and the metadata's title less the site's name, the first heading of the
story's blocks, the heading printed nearest above the story) with what could tell it from the
cleaner's title without the gold: how many of its own words the address's slug holds, how many
its breadcrumb or the story's first paragraphs repeat, whether the page prints it inside its
``<article>``, how many sources give it, its length, the site's name in it. Run from the
repository root::

    .venv/bin/python benchmarks/title_split.py collect --part train --out /tmp/split-train.json
    .venv/bin/python benchmarks/title_split.py cues /tmp/split-train.json [--cases]
    .venv/bin/python benchmarks/title_split.py halves /tmp/split-train.json \
        [--run TRAIN.json] [--seeds 10]

``collect`` runs the cleaner on every page (about three minutes a part); ``cues``
counts, over the pairs (the cleaner's title, a candidate worded otherwise — neither holding the
other's words), how often each cue that would take the candidate is right (the candidate is the
gold, the cleaner's title is not) and wrong (the reverse), in pages and sites, per corpus. On the
validation part only counts are printed (the gold's text is never kept, only whether each
candidate matches it); ``--cases`` (the tuning part only) prints each case. ``halves`` (the
tuning part only) takes the pages where the first story h1 and a metadata title word the story
otherwise and the gold follows one of them, and fits every rule of one or two of
:data:`PAIR_CUES` (which sources agree, the lengths, the h1's place, the site's name in
og:title, trafilatura's own title from ``--run``, a ``bench_html.py --json`` run of the part)
on half the sites, counting it on the other half against the cleaner's choice, both ways, for
each seed's split of the sites.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import html_corpora as corpora
import html_metrics as m
import regex
from lxml import etree

import cleaner.html.page as page_module
from cleaner import Cleaner
from cleaner.html.meta import clean_value
from cleaner.html.title import headline_title
from cleaner.html.tree import FURNITURE_TAGS, norm, visible_text
from cleaner.lexicon import text_key
from cleaner.page_url import site_from_url

_WORD = regex.compile(r"\w+")
_SLUG_SPLIT = regex.compile(r"[^\p{L}\p{N}]+")
_EXTENSION = regex.compile(r"\.(?:s?html?|php|aspx?|jsp|cms)$", regex.IGNORECASE)
_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_BREADCRUMB = regex.compile(r"breadcrumb", regex.IGNORECASE)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def folded(word: str) -> set[str]:
    """A word's forms as a slug may spell it: case folded, with and without its accents, German
    umlauts as two letters."""
    low = word.casefold()
    plain = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
    return {low, plain, low.translate(_GERMAN)}


def slug_words(url: str | None) -> list[str]:
    """The words of the address's slug: the path segment with the most words (three at least),
    its extension and numbers of more than four digits left out.

    >>> slug_words("https://www.nzz.ch/international/der-brexit-geht-weiter-ld.1516516")
    ['der', 'brexit', 'geht', 'weiter', 'ld']
    >>> slug_words("https://a.com/news/brexit")
    []
    """
    if not url:
        return []
    path = unquote(urlsplit(url.strip()).path)
    best: list[str] = []
    for segment in path.split("/"):
        words = [
            w.casefold()
            for w in _SLUG_SPLIT.split(_EXTENSION.sub("", segment))
            if w and not (w.isdigit() and len(w) > 4)
        ]
        if len(words) > len(best):
            best = words
    return best if len(best) >= 3 else []


_APOSTROPHE = regex.compile(r"(?<=\w)['’](?=\w)")


def words_of(text: str) -> list[str]:
    """A text's words, case folded, an apostrophe inside a word left out ('won't' → 'wont',
    as a slug spells it)."""
    return [w.casefold() for w in _WORD.findall(_APOSTROPHE.sub("", text))]


def page_url(page: corpora.Page, tree: etree._Element) -> str | None:
    """The corpus's address for the page, else the page's canonical or og:url."""
    if page.url:
        return page.url
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            return link.get("href")
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:url" and meta.get("content"):
            return meta.get("content")
    return None


def meta_tag(tree: etree._Element, name: str) -> str | None:
    for element in tree.iter("meta"):
        if name in ((element.get("property") or "").lower(), (element.get("name") or "").lower()):
            return clean_value(element.get("content"))
    return None


def breadcrumb_texts(tree: etree._Element) -> list[str]:
    """The texts of the page's breadcrumb (an element whose class, id or aria-label names
    one), each item's."""
    out: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        marks = " ".join(element.get(a) or "" for a in ("class", "id", "aria-label"))
        if _BREADCRUMB.search(marks):
            for item in element.iter("a", "li", "span"):
                text = norm(visible_text(item))
                if text:
                    out.append(text)
            out.append(norm(visible_text(element)))
    return out


def printed_places(tree: etree._Element, key: str) -> dict[str, int]:
    """Where the page prints a text (as text_key ``key``): in how many elements whose own
    visible text it is, and of those how many headings, inside an ``<article>``, in the
    furniture, in a link."""
    places: Counter[str] = Counter()
    if not key:
        return dict(places)
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "head"):
            continue
        if element.tag in ("title", "meta", "script", "style"):
            continue
        text = element.text_content() if len(element) else (element.text or "")
        if len(text) > 4 * len(key) + 200 or text_key(text) != key:
            continue
        # the innermost element printing it: skip wrappers whose one child prints it whole
        if any(text_key(c.text_content()) == key for c in element if isinstance(c.tag, str)):
            continue
        places["printed"] += 1
        ancestors = [a.tag for a in element.iterancestors()]
        if element.tag in _HEADINGS or any(t in _HEADINGS for t in ancestors):
            places["heading"] += 1
        if element.tag == "h1" or "h1" in ancestors:
            places["h1"] += 1
        if "article" in ancestors or element.tag == "article":
            places["article"] += 1
        if any(t in FURNITURE_TAGS or t == "header" for t in ancestors):
            places["furniture"] += 1
        if element.tag == "a" or "a" in ancestors:
            places["link"] += 1
    return dict(places)


def collect_page(page: corpora.Page, result: dict[str, Any]) -> dict[str, Any] | None:
    """The page's candidates and their evidence, from what the cleaner's ``_title`` saw."""
    seen = result.get("seen")
    if not seen:
        return None
    found, tree, h1s, linked, blocks, chosen = (
        seen[k] for k in ("found", "tree", "h1s", "linked", "blocks", "chosen")
    )
    url = page_url(page, tree)
    host = site_from_url(url)
    site = found.get("sitename") or host
    meta_title = clean_value(found.get("title"))
    raw_title = clean_value(tree.findtext(".//title"))
    og, twitter = meta_tag(tree, "og:title"), meta_tag(tree, "twitter:title")
    sources: dict[str, str | None] = {
        "og": headline_title(og, None, site) if og else None,
        "twitter": headline_title(twitter, None, site) if twitter else None,
        "jsonld": clean_value(linked),
        "<title>": headline_title(raw_title, None, site) if raw_title else None,
        "metadata": headline_title(meta_title, None, site) if meta_title else None,
    }
    for i, h1 in enumerate(h1s):
        sources[f"h1:{i}"] = h1
    heads = [b.text for b in blocks if b.kind == "heading"]
    paras = [b.text for b in blocks if b.kind == "para"]
    sources["bodyhead"] = heads[0] if heads else None
    ours = result["title"]
    gold = page.gold.title
    slug = slug_words(url)
    slug_forms = set(slug)
    crumbs = breadcrumb_texts(tree)
    crumb_keys = [text_key(c) for c in crumbs]
    first_lines = " ".join(paras[:3])
    first_words = {f for w in words_of(first_lines) for f in folded(w)}
    site_key = text_key(site or "")
    candidates: dict[str, dict[str, Any]] = {}
    for name, text in [*sources.items(), ("ours", ours), ("chosen", chosen)]:
        if not text or not text_key(text):
            continue
        key = text_key(text)
        cand = candidates.setdefault(
            key, {"text": text, "key": key, "sources": [], "gold": m.titles_match(text, gold)}
        )
        cand["sources"].append(name)
    for cand in candidates.values():
        words = words_of(cand["text"])
        cand["words"] = words
        cand["slug_hits"] = [w for w in words if folded(w) & slug_forms]
        cand["body_hits"] = [w for w in words if folded(w) & first_words]
        cand["crumb"] = any(k == cand["key"] for k in crumb_keys)
        cand["crumb_in"] = any(cand["key"] in k for k in crumb_keys if k)
        cand["places"] = printed_places(tree, cand["key"])
        cand["site_named"] = len(site_key) >= 4 and site_key in cand["key"]
    return {
        "corpus": page.corpus,
        "key": page.key,
        "site": host or page.key,
        "url": url,
        "slug": slug,
        "ours": text_key(ours or ""),
        "chosen": text_key(chosen or ""),
        "ours_right": m.titles_match(ours, gold),
        "n_h1": len(h1s),
        "has_crumb": bool(crumbs),
        # the site's name in og:title and <title> (a segment headline_title takes off)
        "og_site": bool(og and sources["og"] != og),
        "title_site": bool(raw_title and sources["<title>"] != raw_title),
        "candidates": list(candidates.values()),
    }


def collect(part: str, out: Path, names: list[str] | None) -> int:
    """Run the cleaner on the part's pages, keep each page's candidates and evidence."""
    by_corpus = corpora.load_parts(corpora.DEFAULT_CORPORA, corpora.SPLIT, part, names)
    seen: dict[str, Any] = {}
    original = page_module._title

    def spy(found, tree, h1s, url, linked, blocks):  # type: ignore[no-untyped-def]
        title = original(found, tree, h1s, url, linked, blocks)
        # the h1 texts the rules weigh (story_headlines), as _title reads them
        titles_seen = {
            text_key(headline_title(t, None, found.get("sitename") or site_from_url(url)) or "")
            for t in (clean_value(found.get("title")), clean_value(linked))
            if t
        }
        texts = [page_module.printed_headline(h, titles_seen) or visible_text(h) for h in h1s]
        kept = page_module.story_headlines(
            texts, clean_value(found.get("title")), found.get("sitename"), site_from_url(url)
        )
        seen.update(
            found=found,
            tree=tree,
            h1s=[texts[i] for i in kept],
            linked=linked,
            blocks=blocks,
            chosen=title,
        )
        return title

    page_module._title = spy  # type: ignore[assignment]
    cleaner = Cleaner()
    rows = []
    for corpus, pages in by_corpus.items():
        for page in pages:
            if not page.gold.title:
                continue
            seen.clear()
            title = cleaner.clean(page.html, url=page.url, kind="html").title
            row = collect_page(page, {"seen": dict(seen), "title": title})
            if row:
                rows.append(row)
        print(f"{corpus}: {sum(r['corpus'] == corpus for r in rows)} pages", file=sys.stderr)
    evidence = {"part": part, "rows": rows}
    out.write_text(json.dumps(evidence, ensure_ascii=False, indent=0), encoding="utf-8")
    return 0


Cand = dict[str, Any]
#: A cue: the page, the cleaner's title and a candidate worded otherwise → how strongly it
#: takes the candidate (more than 0: taken).
Cue = Callable[[dict[str, Any], Cand, Cand], float]


def reworded(a: Cand, b: Cand) -> bool:
    """Neither text holds the other's words (the wording split, not a segment more or less).

    >>> reworded({"key": "brexitnervenkrieg"}, {"key": "dernervenkriegumdenbrexit"})
    True
    >>> reworded({"key": "brexit"}, {"key": "brexitnervenkrieg"})
    False
    """
    return bool(a["key"] and b["key"]) and a["key"] not in b["key"] and b["key"] not in a["key"]


def _own(a: Cand, b: Cand, field: str) -> int:
    """How many of ``a``'s words that ``b`` has not are in ``a``'s ``field`` hits."""
    others = set(b["words"])
    return sum(1 for w in set(a[field]) if w not in others)


def _is_h1(c: Cand) -> bool:
    return any(s.startswith("h1:") for s in c["sources"])


_META = ("og", "jsonld", "twitter", "<title>", "metadata")


def _metas(c: Cand) -> int:
    return sum(s in _META for s in c["sources"])


def slug_lcs(slug: list[str], words: list[str]) -> int:
    """How many words the slug and a candidate share in order (the longest common
    subsequence, a slug word matching any spelling :func:`folded` gives a candidate word).

    >>> slug_lcs(["der", "brexit", "geht", "in", "die", "naechste"], words_of("Brexit: nächste"))
    2
    >>> slug_lcs(["wont", "be", "easy"], words_of("It won't be easy"))
    3
    """
    forms = [folded(w) for w in words]
    previous = [0] * (len(words) + 1)
    for s in slug:
        current = [0]
        for j, f in enumerate(forms):
            current.append(previous[j] + 1 if s in f else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def slug_cover(row: dict[str, Any], c: Cand) -> tuple[float, float]:
    """The share of the slug's words and of the candidate's that they share in order."""
    slug = row["slug"]
    if not slug or not c["words"]:
        return 0.0, 0.0
    n = slug_lcs(slug, c["words"])
    return n / len(slug), n / len(c["words"])


def _slugged(
    row: dict[str, Any], t: Cand, c: Cand, of_slug: float, of_words: float, gap: float
) -> float:
    """The slug spells the candidate (``of_slug`` of the slug's words and ``of_words`` of its
    own, in order) and ours by ``gap`` less of the slug."""
    cs, cw = slug_cover(row, c)
    ts, _ = slug_cover(row, t)
    return float(cs >= of_slug and cw >= of_words and cs - ts >= gap)


def spelled(row: dict[str, Any], c: Cand, share: float = 0.9) -> bool:
    """Whether the address's slug spells the candidate: they share in order at least ``share``
    of the slug's words and of the candidate's (a CMS makes the slug from one wording)."""
    of_slug, of_words = slug_cover(row, c)
    return of_slug >= share and of_words >= share


CUES: dict[str, Cue] = {
    "spelled by the slug, ours not (0.9)": lambda r, t, c: float(
        spelled(r, c) and not spelled(r, t)
    ),
    "spelled by the slug, ours not (0.8)": lambda r, t, c: float(
        spelled(r, c, 0.8) and not spelled(r, t, 0.8)
    ),
    "spelled by the slug, ours not (1.0)": lambda r, t, c: float(
        spelled(r, c, 1.0) and not spelled(r, t, 1.0)
    ),
    "the slug spells it (0.9), ours 0.1 of it less": lambda r, t, c: _slugged(
        r, t, c, 0.9, 0.9, 0.1
    ),
    "the slug spells it (0.8), ours 0.2 of it less": lambda r, t, c: _slugged(
        r, t, c, 0.8, 0.9, 0.2
    ),
    "slug: more of its own words": lambda r, t, c: (
        _own(c, t, "slug_hits") - _own(t, c, "slug_hits")
    ),
    "slug: 2+ more of its own words": lambda r, t, c: (
        _own(c, t, "slug_hits") - _own(t, c, "slug_hits") - 1
    ),
    "slug: its own words, none of ours": lambda r, t, c: (
        _own(c, t, "slug_hits") if not _own(t, c, "slug_hits") else 0
    ),
    "slug: holds every slug word, ours not": lambda r, t, c: float(
        bool(r["slug"])
        and len(set(c["slug_hits"])) >= len(set(r["slug"]))
        and len(set(t["slug_hits"])) < len(set(r["slug"]))
    ),
    "first paragraphs: more of its own words": lambda r, t, c: (
        _own(c, t, "body_hits") - _own(t, c, "body_hits")
    ),
    "breadcrumb prints it, not ours": lambda r, t, c: float(c["crumb"] and not t["crumb"]),
    "breadcrumb holds it, not ours": lambda r, t, c: float(c["crumb_in"] and not t["crumb_in"]),
    "printed in <article>, ours not": lambda r, t, c: float(
        bool(c["places"].get("article")) and not t["places"].get("article")
    ),
    "printed, ours not": lambda r, t, c: float(
        bool(c["places"].get("printed")) and not t["places"].get("printed")
    ),
    "printed more often": lambda r, t, c: (
        c["places"].get("printed", 0) - t["places"].get("printed", 0)
    ),
    "printed as a heading, ours not": lambda r, t, c: float(
        bool(c["places"].get("heading")) and not t["places"].get("heading")
    ),
    "ours printed only in the furniture": lambda r, t, c: float(
        t["places"].get("printed", 0) > 0
        and t["places"].get("furniture", 0) >= t["places"].get("printed", 0)
        and c["places"].get("printed", 0) > c["places"].get("furniture", 0)
    ),
    "longer (words)": lambda r, t, c: len(c["words"]) - len(t["words"]),
    "shorter (words)": lambda r, t, c: len(t["words"]) - len(c["words"]),
    "ours names the site, it not": lambda r, t, c: float(t["site_named"] and not c["site_named"]),
    "og and JSON-LD give it, ours neither": lambda r, t, c: float(
        "og" in c["sources"]
        and "jsonld" in c["sources"]
        and "og" not in t["sources"]
        and "jsonld" not in t["sources"]
    ),
    "more metadata sources give it": lambda r, t, c: _metas(c) - _metas(t),
    "the h1, ours a metadata title": lambda r, t, c: float(_is_h1(c) and not _is_h1(t)),
    "a metadata title, ours the h1": lambda r, t, c: float(not _is_h1(c) and _is_h1(t)),
}


def read_evidence(path: Path) -> tuple[str, list[dict[str, Any]]]:
    """The part and the pages of a ``collect`` file."""
    evidence = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(evidence, list):  # the first files, of the tuning part
        return "train", evidence
    return evidence["part"], evidence["rows"]


def cues(rows: list[dict[str, Any]], show: bool, only: list[str] | None) -> int:
    """Count each cue's right and wrong changes over the pages' wording-split pairs."""
    for row in rows:
        for cand in row["candidates"]:
            cand["words"] = words_of(cand["text"])
    names = [n for n in CUES if not only or any(o in n for o in only)]
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    sites: dict[tuple[str, str], set[str]] = defaultdict(set)
    corpus_of: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    split_pages: Counter[str] = Counter()
    agreement: Counter[tuple[str, str]] = Counter()
    agreement_sites: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        ours = next((c for c in row["candidates"] if "ours" in c["sources"]), None)
        if ours is None:
            continue
        others = [c for c in row["candidates"] if c is not ours and reworded(ours, c)]
        # the story's wordings: its h1s and the metadata titles (the story's first heading
        # only for the cue that names it)
        others = [c for c in others if any(_is_h1(c) or s in _META for s in c["sources"])]
        if not others:
            continue
        split_pages[row["corpus"]] += 1
        spelt = [c for c in others if spelled(row, c) != spelled(row, ours)]
        if spelt:
            one, other = (ours, spelt[0]) if spelled(row, ours) else (spelt[0], ours)
            side = "the spelled" if one["gold"] and not other["gold"] else "the other"
            side = side if one["gold"] != other["gold"] else "neither"
            who = "ours spelled" if one is ours else "it spelled"
            agreement[who, side] += 1
            agreement_sites[who, side].add(row["site"])
        split_pages["wrong, another wording right"] += (not ours["gold"]) and any(
            c["gold"] for c in others
        )
        for name in names:
            scored = [(CUES[name](row, ours, c), c) for c in others]
            scored = [(s, c) for s, c in scored if s > 0]
            if not scored:
                continue
            best = max(scored, key=lambda sc: sc[0])[1]
            if best["gold"] and not ours["gold"]:
                side = "right"
            elif ours["gold"] and not best["gold"]:
                side = "wrong"
            else:
                side = "neither"
            tally[name][side] += 1
            sites[name, side].add(row["site"])
            corpus_of[name, side][row["corpus"]] += 1
            if show and side != "neither":
                print(f"{name} {side}: {row['corpus']} {row['key']}")
                print(f"   ours {ours['text']!r}  ({','.join(ours['sources'])})")
                print(f"   cand {best['text']!r}  ({','.join(best['sources'])})")
                print(f"   slug {' '.join(row['slug'])!r}")
    print(f"pages with a wording split: {dict(split_pages)}")
    print(
        "where the slug spells (0.9) one of ours and a candidate worded otherwise, the gold "
        "follows (pages, sites):"
    )
    for (who, side), count in sorted(agreement.items()):
        print(f"  {who:15} {side:13} {count:4} ({len(agreement_sites[who, side])})")
    print(f"{'cue':42} right (sites)  wrong (sites)  neither  right share  by corpus r/w")
    for name in names:
        t = tally[name]
        decided = t["right"] + t["wrong"]
        share = t["right"] / decided if decided else 0.0
        per = " ".join(
            f"{c[:4]} {corpus_of[name, 'right'][c]}/{corpus_of[name, 'wrong'][c]}"
            for c in corpora.CORPORA
        )
        print(
            f"{name:42} {t['right']:4} ({len(sites[name, 'right']):3})   "
            f"{t['wrong']:4} ({len(sites[name, 'wrong']):3})   {t['neither']:5}   "
            f"{share:5.2f}   {per}"
        )
    return 0


_PREFERRED_META = ("og", "<title>", "metadata", "jsonld", "twitter")


def split_pairs(
    rows: list[dict[str, Any]], run: dict[tuple[str, str], dict[str, Any]]
) -> list[dict[str, Any]]:
    """The pages of the wording split: the first story h1 (``H``) and a metadata title worded
    otherwise (``M``: og:title's, else ``<title>``'s, the metadata's, the JSON-LD headline's,
    twitter:title's wording), the gold following exactly one of them; each with its cues as
    booleans (:data:`PAIR_CUES`), the side the cleaner took ('H', 'M' or neither) and the side
    trafilatura's title (``run``, a ``bench_html.py --json`` run of the same part) words."""
    pairs = []
    for row in rows:
        for cand in row["candidates"]:
            cand.setdefault("words", words_of(cand["text"]))
        h = next((c for c in row["candidates"] if "h1:0" in c["sources"]), None)
        if h is None:
            continue
        metas = [c for c in row["candidates"] if c is not h and reworded(h, c) and _metas(c)]
        if not metas:
            continue
        m_ = min(
            metas, key=lambda c: min(_PREFERRED_META.index(s) for s in c["sources"] if s in _META)
        )
        if h["gold"] == m_["gold"]:
            continue
        ours = next((c for c in row["candidates"] if "ours" in c["sources"]), None)
        traf = run.get((row["corpus"], row["key"]), {}).get("title")
        pair = {
            "row": row,
            "H": h,
            "M": m_,
            "gold": "H" if h["gold"] else "M",
            "ours": "H" if ours is h else "M" if ours is m_ else "",
            "traf": "H"
            if traf and m.titles_match(traf, h["text"])
            else ("M" if traf and m.titles_match(traf, m_["text"]) else ""),
        }
        pair["cues"] = {name: bool(cue(pair)) for name, cue in PAIR_CUES.items()}
        pairs.append(pair)
    return pairs


def _share_words(a: Cand, b: Cand) -> float:
    x, y = set(a["words"]), set(b["words"])
    return len(x & y) / len(x | y) if x | y else 0.0


PairCue = Callable[[dict[str, Any]], bool]
#: The cues a wording-split pair may be told by (titles28's leads): which sources agree, the
#: lengths, the h1's place, the site's name in og:title, trafilatura's own choice, the slug.
PAIR_CUES: dict[str, PairCue] = {
    "JSON-LD words H": lambda p: "jsonld" in p["H"]["sources"],
    "JSON-LD words M": lambda p: "jsonld" in p["M"]["sources"],
    "og:title words M": lambda p: "og" in p["M"]["sources"],
    "<title> words M": lambda p: "<title>" in p["M"]["sources"],
    "twitter words M": lambda p: "twitter" in p["M"]["sources"],
    "a metadata title words H": lambda p: _metas(p["H"]) > 0,
    "3+ metadata sources word M": lambda p: _metas(p["M"]) >= 3,
    "H longer (words)": lambda p: len(p["H"]["words"]) > len(p["M"]["words"]),
    "H 3+ words longer": lambda p: len(p["H"]["words"]) >= len(p["M"]["words"]) + 3,
    "M 3+ words longer": lambda p: len(p["M"]["words"]) >= len(p["H"]["words"]) + 3,
    "H 8+ words": lambda p: len(p["H"]["words"]) >= 8,
    "H 4 words at most": lambda p: len(p["H"]["words"]) <= 4,
    "word share < 0.3": lambda p: _share_words(p["H"], p["M"]) < 0.3,
    "word share < 0.5": lambda p: _share_words(p["H"], p["M"]) < 0.5,
    "H printed in <article>": lambda p: bool(p["H"]["places"].get("article")),
    "H printed in the furniture": lambda p: bool(p["H"]["places"].get("furniture")),
    "M printed on the page": lambda p: bool(p["M"]["places"].get("printed")),
    "M printed as a heading": lambda p: bool(p["M"]["places"].get("heading")),
    "several h1s": lambda p: p["row"]["n_h1"] > 1,
    "og:title names the site": lambda p: bool(p["row"].get("og_site")),
    "<title> names the site": lambda p: bool(p["row"].get("title_site")),
    "trafilatura takes H": lambda p: p["traf"] == "H",
    "trafilatura takes M": lambda p: p["traf"] == "M",
    "slug spells H": lambda p: spelled(p["row"], p["H"], 0.8),
    "slug spells M": lambda p: spelled(p["row"], p["M"], 0.8),
    "first paragraphs: more of H's own words": lambda p: (
        _own(p["H"], p["M"], "body_hits") > _own(p["M"], p["H"], "body_hits")
    ),
    "breadcrumb holds H": lambda p: bool(p["H"]["crumb_in"]),
    "breadcrumb holds M": lambda p: bool(p["M"]["crumb_in"]),
}


Rule = Callable[[dict[str, Any]], str]


def _rules(over_ours: bool) -> list[tuple[str, Rule]]:
    """Every rule 'H (or M) when one cue or two hold' (each cue taken or negated), else the
    cleaner's side (``over_ours``) or the other side: the combinations a half is fitted over."""
    literals = [(n, True) for n in PAIR_CUES] + [(n, False) for n in PAIR_CUES]
    conjunctions = [(a,) for a in literals] + [
        (a, b) for i, a in enumerate(literals) for b in literals[i + 1 :] if a[0] != b[0]
    ]
    rules: list[tuple[str, Rule]] = []
    for conj in conjunctions:
        text = " and ".join(n if v else f"not ({n})" for n, v in conj)
        for side, other in (("H", "M"), ("M", "H")):

            def rule(
                p: dict[str, Any],
                conj: tuple[tuple[str, bool], ...] = conj,
                side: str = side,
                other: str = other,
            ) -> str:
                if all(p["cues"][n] == v for n, v in conj):
                    return side
                return str(p["ours"]) if over_ours else other

            rest = "the cleaner's" if over_ours else other
            rules.append((f"{side} when {text}, else {rest}", rule))
    if not over_ours:
        rules.append(("always H", lambda p: "H"))
        rules.append(("always M", lambda p: "M"))
    return rules


def _score(pairs: list[dict[str, Any]], rule: Rule) -> tuple[int, int, set[str], set[str]]:
    """A rule against the cleaner's choice on ``pairs``: pages it takes right that the cleaner
    took wrong, the reverse, and their sites."""
    gained = lost = 0
    gained_sites: set[str] = set()
    lost_sites: set[str] = set()
    for p in pairs:
        right, before = rule(p) == p["gold"], p["ours"] == p["gold"]
        if right and not before:
            gained += 1
            gained_sites.add(p["row"]["site"])
        elif before and not right:
            lost += 1
            lost_sites.add(p["row"]["site"])
    return gained, lost, gained_sites, lost_sites


def halves(rows: list[dict[str, Any]], run_path: Path | None, seeds: int) -> int:
    """The wording split told by cue combinations, cross-validated over the part's sites: the
    sites split in two (seeded), the best rule over the cleaner's choice fitted on one half
    (most pages gained less lost) and counted on the other, both ways."""
    import random

    pairs = split_pairs(rows, corpora.run_values(run_path))
    sites = sorted({p["row"]["site"] for p in pairs})
    print(
        f"wording-split pages: {len(pairs)} on {len(sites)} sites; the gold the h1 on "
        f"{sum(p['gold'] == 'H' for p in pairs)}, a metadata title on "
        f"{sum(p['gold'] == 'M' for p in pairs)}; the cleaner right on "
        f"{sum(p['ours'] == p['gold'] for p in pairs)}"
    )
    for name in PAIR_CUES:
        on = [p for p in pairs if p["cues"][name]]
        print(
            f"  {name:42} on {len(on):3}: gold H {sum(p['gold'] == 'H' for p in on):3}, "
            f"M {sum(p['gold'] == 'M' for p in on):3}"
        )
    for over_ours in (True, False):
        rules = _rules(over_ours)
        print(f"rules {'over the cleaner' if over_ours else 'in its place'} ({len(rules)}):")
        totals: Counter[str] = Counter()
        for seed in range(seeds):
            order = list(sites)
            random.Random(seed).shuffle(order)
            half = set(order[: len(order) // 2])
            parts = (
                [p for p in pairs if p["row"]["site"] in half],
                [p for p in pairs if p["row"]["site"] not in half],
            )
            for fit, held in (parts, parts[::-1]):
                scored = [(_score(fit, rule), name, rule) for name, rule in rules]
                (fg, fl, _, _), name, rule = max(scored, key=lambda x: x[0][0] - x[0][1])
                g, lo, gs, ls = _score(held, rule)
                totals["gained"] += g
                totals["lost"] += lo
                totals["wins"] += g - lo > 0 and len(gs) >= 2
                totals["runs"] += 1
                print(
                    f"  seed {seed}: fit {len(fit):3} pages +{fg}/-{fl}, held out "
                    f"{len(held):3}: +{g} ({len(gs)} sites) / -{lo} ({len(ls)} sites): {name}"
                )
        print(
            f"  held out over {totals['runs']} fits: +{totals['gained']} / -{totals['lost']} "
            f"pages; {totals['wins']} fits gain on the held-out half on two sites or more"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect")
    c.add_argument("--part", choices=("train", "val"), default="train")
    c.add_argument("--corpus", action="append", choices=corpora.CORPORA)
    c.add_argument("--out", type=Path, required=True)
    q = sub.add_parser("cues")
    q.add_argument("evidence", type=Path)
    q.add_argument("--cases", action="store_true", help="print each case (tuning part only)")
    q.add_argument("--only", action="append", help="the cues whose name holds this")
    h = sub.add_parser("halves")
    h.add_argument("evidence", type=Path)
    h.add_argument("--run", type=Path, help="a bench_html.py --json run with trafilatura's")
    h.add_argument("--seeds", type=int, default=10)
    args = parser.parse_args(argv)
    if args.command == "halves":
        part, rows = read_evidence(args.evidence)
        if part != "train":
            parser.error("halves fits on the pages: the tuning part only")
        return halves(rows, args.run, args.seeds)
    if args.command == "cues":
        part, rows = read_evidence(args.evidence)
        if args.cases and part != "train":
            parser.error("--cases prints titles: the tuning part only")
        return cues(rows, args.cases, args.only)
    if args.command == "collect":
        return collect(args.part, args.out, args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
