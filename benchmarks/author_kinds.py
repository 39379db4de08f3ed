"""The author figures of one HTML benchmark run split by what the gold names.

The benchmark's authors figure counts every page with author gold alike; the golds of
trafilatura-dev and wcxb-dev also name teams, desks, outlets and user names ('Podium Staff',
'News Desk', 'jsteinhardt'), which the contract's ``authors`` (people only) never gives. This
splits the pages by the gold's kind — no one; a team, desk or outlet (one of a few words such as
'staff', 'team', 'desk'); one word (a user name, a first name, a brand); people — and prints, for
each kind, the pages and how many each system got right. The kind is read from the gold alone
(not by the cleaner's own person test). Run from the repository root::

    .venv/bin/python benchmarks/author_kinds.py RUN.json [--part val]

where RUN.json is ``bench_html.py --json`` output of the same part. ``--classes`` also counts
the cleaner's misses by class (:func:`miss_class`: a name where the gold names no one, no one
where it names someone — by the gold's kind —, a name too many, a co-author missing, more or
fewer words, another form, another name), in pages and in sites (``training/split.json``), with
how many of them trafilatura's default gets right: a class on many sites is one a rule may fix;
counts only, so it may be run on the validation part.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import html_corpora as corpora
import html_metrics as m
import regex

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("no one", "people", "team, desk, outlet", "one word")
_BODY = regex.compile(
    r"(?i)\b(?:staff|team|desk|editors?|editorial|redaktion|newsroom|news|online|media|"
    r"contributors?|agency|agencies|agenturen|report|group|forum|social|global|inc|ltd)\b"
)


def kind(gold: tuple[str, ...]) -> str:
    """What a page's author gold names (see the module's docstring).

    >>> kind(()), kind(("Podium Staff",)), kind(("jsteinhardt",)), kind(("Ann Lee, Bo Kim",))
    ('no one', 'team, desk, outlet', 'one word', 'people')
    """
    names = m.author_set(gold)
    if not names:
        return "no one"
    if any(_BODY.search(name) for name in names):
        return "team, desk, outlet"
    # a name in a script without case ('焦鹏') is one word and a person's
    if any(len(name.split()) == 1 and not regex.search(r"\p{Lo}", name) for name in names):
        return "one word"
    return "people"


def miss_class(gold: tuple[str, ...], ours: list[str] | tuple[str, ...]) -> str | None:
    """Why the cleaner's authors are not the gold's, or None when they are.

    >>> miss_class(("Ann Lee",), []), miss_class((), ["Ann Lee"])
    ('no one named (people)', 'someone named where the gold names no one')
    >>> miss_class(("Ann Lee, Bo Kim",), ["Ann Lee"]), miss_class(("Ann Lee",), ["Ann Leigh"])
    ('a co-author missing', 'another form')
    """
    want, got = m.author_set(gold), m.author_set(ours)
    if want == got:
        return None
    if not want:
        return "someone named where the gold names no one"
    if not got:
        return f"no one named ({kind(gold)})"
    if got > want:
        return "a name too many"
    if got < want:
        return "a co-author missing"
    gold_words = {word for name in want for word in name.split()}
    our_words = {word for name in got for word in name.split()}
    if gold_words < our_words:
        return "more words (a role or an outlet kept)"
    if our_words < gold_words:
        return "fewer words"
    if gold_words & our_words:
        return "another form"
    return f"another name ({kind(gold)})"


def _print_classes(
    corpus: str,
    pages: list[corpora.Page],
    answers: dict[tuple[str, str], dict[str, dict[str, Any]]],
    sites: dict[str, dict[str, str]],
) -> None:
    """The cleaner's misses on one corpus by class, in pages and sites."""
    misses: dict[str, list[tuple[str, bool]]] = {}
    for page in pages:
        systems = answers.get((corpus, page.key))
        if page.gold.authors is None or systems is None or "cleaner" not in systems:
            continue
        ours = systems["cleaner"].get("authors") or []
        why = miss_class(page.gold.authors, ours)
        if why:
            theirs = systems.get("trafilatura default", {}).get("authors_ok")
            site = sites.get(page.key, {}).get("site", page.key)
            misses.setdefault(why, []).append((site, bool(theirs)))
    print(f"{'the cleaner misses':44}{'pages':>7}{'sites':>7}{'trafilatura right':>19}")
    for why, found in sorted(misses.items(), key=lambda kv: -len({s for s, _ in kv[1]})):
        right = sum(theirs for _, theirs in found)
        print(f"{why:44}{len(found):>7}{len({s for s, _ in found}):>7}{right:>19}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run", type=Path, help="a bench_html.py --json file")
    parser.add_argument("--part", default="val", choices=("train", "val", "all"))
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--classes", action="store_true", help="count the misses by class")
    args = parser.parse_args(argv)
    try:
        rows = json.loads(args.run.read_text(encoding="utf-8"))
        answers = {(r["corpus"], r["key"]): r["systems"] for r in rows}
        split = corpora.load_split(ROOT / "training" / "split.json")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SystemExit(f"author_kinds: {args.run}: not a bench_html --json file ({exc})") from exc
    except corpora.CorpusMissing as exc:
        raise SystemExit(f"author_kinds: {exc}") from exc
    for corpus in sorted({c for c, _ in answers}, key=corpora.CORPORA.index):
        try:
            pages = corpora.load(args.corpora, split, corpus, args.part)
        except corpora.CorpusMissing as exc:
            raise SystemExit(f"author_kinds: {exc}") from exc
        tally: Counter[tuple[str, str]] = Counter()
        names: list[str] = []
        for page in pages:
            systems = answers.get((corpus, page.key))
            if page.gold.authors is None or systems is None:
                continue
            k = kind(page.gold.authors)
            tally[(k, "")] += 1
            for name, answer in systems.items():
                if "authors_ok" in answer:
                    if name not in names:
                        names = sorted([*names, name], key=lambda n: (n != "cleaner", n))
                    tally[(k, name)] += bool(answer["authors_ok"])
        print(
            f"\n{corpus} ({args.part}): author gold on {sum(tally[(k, '')] for k in KINDS)} pages"
        )
        print(f"{'the gold names':22}{'pages':>7}" + "".join(f"{n:>22}" for n in names))
        for k in KINDS:
            n = tally[(k, "")]
            if n:
                cells = "".join(
                    f"{tally[(k, s)]:>13} ({100 * tally[(k, s)] / n:5.1f}%)" for s in names
                )
                print(f"{k:22}{n:>7}{cells}")
        if args.classes:
            _print_classes(corpus, pages, answers, split.get(corpus, {}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
