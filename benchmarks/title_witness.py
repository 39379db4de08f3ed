"""Where trafilatura's default title is right and the cleaner's wrong (and the other way round),
and whether trafilatura's title could witness for one of the cleaner's candidates.

For every page of one part of the split with a gold title, it cleans the page with the cleaner's
title rules watched (which rule decided the title: :func:`decided_by`) and reads trafilatura's
title from a ``bench_html.py --json`` run of the same part, then counts per corpus the pages
both get right, the cleaner only, trafilatura only, neither; how often trafilatura's title is
the metadata title the cleaner starts from (``read_metadata``: it is, but for trafilatura's
taking off a site's name and its own search of the page where no meta tag gives a title); the
pages one side only gets right by the rule that decided the cleaner's title; and the pages the
two titles differ on by how they differ (:func:`relation`: a segment more or less, bare words
more, another wording), with which side the gold follows, in pages and sites. Run from the
repository root::

    .venv/bin/python benchmarks/title_witness.py --run RUN.json [--part train|val]
        [--corpus NAME ...] [--misses]

``--misses`` (the tuning part only) prints each page trafilatura gets right and the cleaner not.
Without the corpora or the run file it says so and exits 0 (corpora) or 2 (run).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import html_corpora as corpora
import html_metrics as m
import regex

from cleaner import Cleaner
from cleaner.html import page as html_page
from cleaner.html import title as html_title
from cleaner.lexicon import text_key
from cleaner.page_url import site_from_url

#: The title rules whose answer decides the title, in the order choose_title asks them.
_PREDICATES = ("_section_title", "_linked_h1", "_cut_short", "_linked_rewording", "_newer_year")
_GUARDED = ("_held_whole", "_printed_kicker", "headline_title", "_as_printed")
_STAGES = ("heading_above_story", "marked_after_kicker", "choose_title")
_SEPARATOR = regex.compile(r"\s+[|–—:·•»-]\s+|\s+-\s+|:\s+")
_WORD = regex.compile(r"\w+")
SIDES = ("both", "cleaner", "trafilatura", "neither")


@contextmanager
def watched() -> Iterator[list[tuple[str, Any, Any]]]:
    """Within the block, every call of the title rules is recorded (name, arguments' first,
    answer) in the list yielded; the caller empties it between pages."""
    calls: list[tuple[str, Any, Any]] = []
    saved: list[tuple[Any, str, Any]] = []

    def wrap(module: Any, name: str) -> None:
        inner = getattr(module, name)

        def recorded(*args: Any, **kwargs: Any) -> Any:
            answer = inner(*args, **kwargs)
            calls.append((name, args, answer))
            return answer

        saved.append((module, name, inner))
        setattr(module, name, recorded)

    for name in (*_PREDICATES, *_GUARDED):
        wrap(html_title, name)
    for name in _STAGES:
        wrap(html_page, name)
    try:
        yield calls
    finally:
        for module, name, inner in reversed(saved):
            setattr(module, name, inner)


def decided_by(calls: list[tuple[str, Any, Any]]) -> str:
    """Which rule gave the page's title, from the calls :func:`watched` recorded: the element
    marked as the headline after a metadata title's kicker, the heading above the story, or
    choose_title's branch (the JSON-LD's h1, the printed h1 over a title cut short, reworded,
    naming an older year, holding it whole, worded otherwise, or setting the same words with
    other marks; else the metadata title less the site's name, or the h1 it frames).

    >>> decided_by([("choose_title", ("Other words", ["Headline"], None), "Headline"),
    ...     ("heading_above_story", (), None), ("marked_after_kicker", (), None)])
    'printed h1 worded otherwise'
    >>> cut = ("choose_title", ("Head", ["Headline"], None), "Headline")
    >>> decided_by([("_cut_short", (), True), cut])
    'printed h1: title cut short'
    >>> decided_by([("headline_title", (), "Headline"), cut])
    'metadata title or the h1 it frames'
    >>> decided_by([("_as_printed", ("Big - news", ["Big: news"]), "Big: news")])
    'printed h1: the same words, other marks'
    """
    answers = {name: answer for name, _, answer in calls}
    if answers.get("marked_after_kicker"):
        return "marked headline after a kicker"
    if answers.get("heading_above_story"):
        return "heading above the story"
    if answers.get("_linked_h1"):
        return "the h1 the JSON-LD words"
    for name, label in (
        ("_cut_short", "title cut short"),
        ("_linked_rewording", "JSON-LD rewording"),
        ("_newer_year", "newer year"),
    ):
        if answers.get(name):
            return f"printed h1: {label}"
    if answers.get("_held_whole") and not answers.get("_printed_kicker"):
        return "printed h1: held whole"
    printed = next((c for c in calls if c[0] == "_as_printed"), None)
    if printed is not None and printed[2] != printed[1][0]:
        return "printed h1: the same words, other marks"
    chosen = next((c for c in calls if c[0] == "choose_title"), None)
    if chosen is not None:
        h1s, answer = chosen[1][1], chosen[2]
        best = answers.get("headline_title")
        if len(h1s) == 1 and answer == h1s[0] and text_key(best or "") != text_key(answer):
            return "printed h1 worded otherwise"
    return "metadata title or the h1 it frames"


def relation(ours: str | None, theirs: str | None) -> str:
    """How trafilatura's title stands to the cleaner's: the same (by :func:`text_key`), one
    holding the other with a segment (between separators or after a colon) or bare words more
    before and/or after, or another wording (word-set share from 0.6 on, less, none).

    >>> relation("Big news", "Big news | The Daily")
    'trafilatura longer after by a segment'
    >>> relation("Big news today", "Big news")
    'cleaner longer after by bare words'
    >>> relation("Big news", "Small news")
    'reworded (share < 0.6)'
    """
    if not text_key(ours or "") or not text_key(theirs or ""):
        return "one of them none"
    if text_key(ours or "") == text_key(theirs or ""):
        return "the same"
    for longer, shorter, name in ((theirs, ours, "trafilatura"), (ours, theirs, "cleaner")):
        long_key, short_key = text_key(longer or ""), text_key(shorter or "")
        if short_key not in long_key:
            continue
        at = long_key.index(short_key)
        side = " and ".join(
            s
            for s, more in (("before", at > 0), ("after", at + len(short_key) < len(long_key)))
            if more
        )
        parts = _SEPARATOR.split(longer or "")
        runs = (
            text_key(" ".join(parts[a:b]))
            for a in range(len(parts))
            for b in range(a + 1, len(parts) + 1)
        )
        how = "a segment" if short_key in runs else "bare words"
        return f"{name} longer {side} by {how}"
    a = set(_WORD.findall((ours or "").casefold()))
    b = set(_WORD.findall((theirs or "").casefold()))
    share = len(a & b) / len(a | b) if a | b else 0.0
    return (
        "reworded (share >= 0.6)"
        if share >= 0.6
        else ("reworded (share < 0.6)" if share else "reworded (no word shared)")
    )


def _side(ours_right: bool, theirs_right: bool) -> str:
    return SIDES[
        0 if ours_right and theirs_right else 1 if ours_right else 2 if theirs_right else 3
    ]


def _print_table(
    title: str, counts: dict[str, Counter[str]], sites: dict[str, dict[str, set[str]]]
) -> None:
    print(f"  {title}")
    for key in sorted(counts, key=lambda k: -sum(counts[k].values())):
        cells = "  ".join(
            f"{side} {counts[key][side]:3} ({len(sites[key][side]):3})" for side in SIDES
        )
        print(f"    {key:50} {cells}")


def main(argv: list[str] | None = None) -> int:
    """Parse the options, clean the pages, print the tables."""
    doc = (__doc__ or "").split("\n\n")[0]
    args, by_corpus = corpora.study_parts(doc, "title_witness", argv)
    if by_corpus is None:
        return 0
    try:
        run = corpora.run_values(args.run)
    except corpora.CorpusMissing as exc:
        print(f"title_witness: {exc}")
        return 2
    if not run:
        print(
            "title_witness: needs --run RUN.json, a bench_html.py --json run of the same part "
            "with trafilatura's default"
        )
        return 2
    cleaner = Cleaner()
    with watched() as calls:
        for corpus, pages in by_corpus.items():
            sides: Counter[str] = Counter()
            same = metadata = 0
            by_rule: dict[str, Counter[str]] = defaultdict(Counter)
            rule_sites: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
            by_form: dict[str, Counter[str]] = defaultdict(Counter)
            form_sites: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
            for page in pages:
                gold = page.gold.title
                theirs = run.get((corpus, page.key), {}).get("title")
                if not gold:
                    continue
                calls.clear()
                ours = cleaner.clean(page.html, url=page.url, kind="html").title
                site = site_from_url(page.url) or page.key
                side = _side(m.titles_match(ours, gold), m.titles_match(theirs, gold))
                sides[side] += 1
                chosen = next((c for c in calls if c[0] == "choose_title"), None)
                start = chosen[1][0] if chosen else None
                metadata += text_key(start or "") == text_key(theirs or "")
                rule = decided_by(calls)
                if side in ("cleaner", "trafilatura"):
                    by_rule[rule][side] += 1
                    rule_sites[rule][side].add(site)
                if text_key(ours or "") == text_key(theirs or ""):
                    same += 1
                    continue
                form = relation(ours, theirs)
                by_form[form][side] += 1
                form_sites[form][side].add(site)
                if args.misses and side == "trafilatura":
                    print(f"{corpus} {page.key} [{rule}; {form}]")
                    print(f"  gold {gold!r}\n  ours {ours!r}\n  trafilatura {theirs!r}")
            total = sum(sides.values())
            print(f"\n{corpus} ({args.part}): {total} pages with a gold title")
            print("  right: " + ", ".join(f"{side} {sides[side]}" for side in SIDES))
            print(
                f"  trafilatura's title the cleaner's: {same}; the metadata title the cleaner "
                f"starts from: {metadata}"
            )
            _print_table(
                "one side right, by the rule that gave the cleaner's title (sites):",
                by_rule,
                rule_sites,
            )
            _print_table("the two titles differ, by form (sites):", by_form, form_sites)
    return 0


if __name__ == "__main__":
    sys.exit(main())
