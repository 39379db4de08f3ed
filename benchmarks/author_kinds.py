"""The author figures of one HTML benchmark run split by what the gold names.

The benchmark's authors figure counts every page with author gold alike; the golds of
trafilatura-dev and wcxb-dev also name teams, desks, outlets and user names ('Podium Staff',
'News Desk', 'jsteinhardt'), which the contract's ``authors`` (people only) never gives. This
splits the pages by the gold's kind — no one; a team, desk or outlet (one of a few words such as
'staff', 'team', 'desk'); one word (a user name, a first name, a brand); people — and prints, for
each kind, the pages and how many each system got right. The kind is read from the gold alone
(not by the cleaner's own person test). Run from the repository root::

    .venv/bin/python benchmarks/author_kinds.py RUN.json [--part val]

where RUN.json is ``bench_html.py --json`` output of the same part.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run", type=Path, help="a bench_html.py --json file")
    parser.add_argument("--part", default="val", choices=("train", "val", "all"))
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
