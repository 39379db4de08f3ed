"""Cleaning a clean story changes nothing: how many clean story prefixes come back as they are.

Usage::

    python benchmarks/idempotency.py                       # the fixtures' stories
    python benchmarks/idempotency.py --source fundus-dev --part val
    python benchmarks/idempotency.py --show                # each miss, with what changed

A story is a list of paragraphs: a fixture's expected body (those tests/test_fuzz.py draws
from: no known failure of the body, not listed as changing when cleaned again), or a
fundus-dev page's gold summary and paragraphs (``--source fundus-dev``, from
``../shared/corpora``; the part from ``training/split.json``; without the corpora the script
says so and exits 1). Its prefixes that end a sentence are cleaned as text dumps as they are,
and hard-wrapped at widths 60-100 by ten (prefixes of two paragraphs or more, with spaces
between words: the cases of tests/test_fuzz.py's property test), and each must come back as the
prefix's paragraphs. ``--show`` lists what changed (only for the fixtures and the tuning part:
validation pages are scored, not read).
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
import textwrap
import time
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from cleaner import Cleaner
from cleaner.fixtures import discover
from cleaner.lexicon import ends_sentence

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
SPLIT = ROOT / "training" / "split.json"
WIDTHS = range(60, 101, 10)


def fixture_stories() -> Iterator[tuple[str, tuple[str, ...]]]:
    """The fixtures' expected bodies that tests/test_fuzz.py draws from."""
    known = tomllib.loads((ROOT / "tests" / "known_failures.toml").read_text("utf-8"))
    changing = set(known.get("idempotent", {}))
    for fixture in discover([ROOT / "fixtures"]):
        if "body" in fixture.load_known() or fixture.name in changing:
            continue
        body = (fixture.load_expected() or {}).get("body", "")
        if body:
            yield fixture.name, tuple(body.split("\n\n"))


def fundus_stories(corpora: Path, part: str) -> Iterator[tuple[str, tuple[str, ...]]]:
    """fundus-dev's gold stories (summary, then paragraphs) of one part of the split."""
    split = json.loads(SPLIT.read_text(encoding="utf-8"))["fundus-dev"]
    for key in sorted(k for k, v in split.items() if v["part"] == part):
        path = corpora / "fundus-dev" / key / "gold.json"
        if not path.is_file():
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [" ".join(p.split()) for p in [*gold.get("summary", []), *gold["paragraphs"]]]
        story = tuple(p for p in paragraphs if p)
        if story:
            yield f"fundus-dev/{key}", story


def _wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(c) in ("W", "F") for c in text)


def cases(story: tuple[str, ...]) -> Iterator[tuple[int, int | None, str, str]]:
    """(paragraphs, width or None, input, expected body) for each prefix of a story."""
    for count in range(1, len(story) + 1):
        if not ends_sentence(story[count - 1]):
            continue
        body = "\n\n".join(story[:count])
        yield count, None, body, body
        if count >= 2 and not _wide(body):
            for width in WIDTHS:
                wrapped = "\n\n".join(textwrap.fill(p, width) for p in story[:count])
                yield count, width, wrapped, body


def what_changed(expected: str, got: str) -> str:
    """The paragraphs lost and gained, briefly."""
    before, after = expected.split("\n\n"), got.split("\n\n") if got else []
    lines = []
    for op in difflib.ndiff(before, after):
        if op[:1] in "-+":
            lines.append(f"    {op[:1]} {op[2:][:110]}")
    return "\n".join(lines[:8])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", choices=("fixtures", "fundus-dev"), default="fixtures")
    parser.add_argument("--part", choices=("train", "val"), default="train")
    parser.add_argument("--corpora", type=Path, default=CORPORA)
    parser.add_argument("--show", action="store_true", help="list each miss (not on val)")
    args = parser.parse_args(argv)
    if args.source == "fixtures":
        stories = list(fixture_stories())
    elif not (args.corpora / "fundus-dev").is_dir():
        print(f"fundus-dev not found under {args.corpora}: nothing measured", file=sys.stderr)
        return 1
    else:
        stories = list(fundus_stories(args.corpora, args.part))
    show = args.show and not (args.source != "fixtures" and args.part == "val")
    cleaner = Cleaner()
    totals: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    started = time.perf_counter()
    for name, story in stories:
        for count, width, text, body in cases(story):
            kind = "wrapped" if width else "as is"
            totals[kind] += 1
            got = cleaner.clean(text, kind="text").body
            if got != body:
                misses[kind] += 1
                if show:
                    print(f"{name} [{count} paragraphs, {kind}{f' {width}' if width else ''}]")
                    print(what_changed(body, got))
    seconds = time.perf_counter() - started
    source = args.source if args.source == "fixtures" else f"{args.source} {args.part}"
    print(f"{source}: {len(stories)} stories, {seconds:.0f} s")
    for kind in ("as is", "wrapped"):
        print(f"  {kind:8} {misses[kind]:5} of {totals[kind]:5} prefixes change when cleaned")
    return 0


if __name__ == "__main__":
    sys.exit(main())
