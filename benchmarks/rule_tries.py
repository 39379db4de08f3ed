"""How much of the rule engine's work is pattern tries, and how often a page's blocks repeat:
the two questions before a prefilter or a cache is built (issue 7's speed; benchmarks/README).

Usage: python benchmarks/rule_tries.py [--aggregators] [--rules N] [FILES …]

Runs the rule engine on each text dump (the seeds by default; ``--aggregators`` the
aggregators-dev inputs) and prints, per document: its blocks; the rule × block pairs of the
page's plan (the rules of the packs it opens, for its block kinds); those left by the length
buckets (``max_chars``); the candidates left by the required-word gate; the pattern tries left
by the scopes (the ``Matcher.find`` calls, ungated ones apart); and the hits. Then the rules
with the most tries (``--rules N``), and the blocks whose text an earlier block of the page, or
of an earlier document of the run, already had (what a cache of block features keyed by text
could serve). Counts only: nothing is timed.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

from cleaner import Cleaner
from cleaner.blocks import PageMeta
from cleaner.decode import decode
from cleaner.engine import apply as engine_apply
from cleaner.engine import model as engine_model
from cleaner.text_blocks import text_to_page

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
AGGREGATORS = ROOT.parent / "shared" / "corpora" / "aggregators-dev"


def count(paths: list[Path], top: int) -> None:
    """Print the per-document figures of ``paths`` and the ``top`` rules by tries."""
    cleaner = Cleaner(explain=True)
    rule_of = {id(rule.matcher): rule.id for rule in cleaner.rules.rules}
    totals: Counter[str] = Counter()
    tries: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    find = engine_model.Matcher.find
    candidates = engine_apply._Plan.candidates

    def counted_find(self: engine_model.Matcher, *args: Any, **kwargs: Any) -> Any:
        found = find(self, *args, **kwargs)
        rule = rule_of.get(id(self), "?")
        tries[rule] += 1
        totals["tries"] += 1
        if not self.requires and self.phrases is None:
            totals["ungated tries"] += 1
        if found:
            hits[rule] += 1
            totals["hits"] += 1
        return found

    def counted_candidates(
        self: engine_apply._Plan, view: engine_model.BlockView, kind: str
    ) -> Any:
        chosen = candidates(self, view, kind)
        bucket = self.buckets[engine_apply.bisect_left(self.limits, len(view.text))]
        totals["pairs in the plan"] += len(self.rules)
        totals["pairs in the length bucket"] += len(bucket.rules)
        totals["candidates (word gate)"] += len(chosen)
        return chosen

    seen_before: set[str] = set()
    engine_model.Matcher.find = counted_find  # type: ignore[method-assign]
    engine_apply._Plan.candidates = counted_candidates  # type: ignore[method-assign]
    try:
        for path in paths:
            read = decode(path.read_bytes())
            page = text_to_page(read.text, PageMeta(), utf8=read.utf8)
            engine_apply.apply_rules(page.blocks, cleaner.rules, explain=True)
            totals["blocks"] += len(page.blocks)
            on_page: set[str] = set()
            for block in page.blocks:
                if block.text in on_page:
                    totals["repeats within the page"] += 1
                elif block.text in seen_before:
                    totals["repeats of an earlier document"] += 1
                on_page.add(block.text)
            seen_before |= on_page
    finally:
        engine_model.Matcher.find = find  # type: ignore[method-assign]
        engine_apply._Plan.candidates = candidates  # type: ignore[method-assign]
    documents = len(paths)
    print(f"{documents} documents; per document:")
    for name in (
        "blocks",
        "pairs in the plan",
        "pairs in the length bucket",
        "candidates (word gate)",
        "tries",
        "ungated tries",
        "hits",
        "repeats within the page",
        "repeats of an earlier document",
    ):
        print(f"  {name:32s} {totals[name] / documents:8.1f}")
    print(f"the {top} rules with the most tries (per document: tries, hits):")
    for rule, n in tries.most_common(top):
        print(f"  {rule:40s} {n / documents:6.1f} {hits[rule] / documents:6.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--aggregators", action="store_true", help="aggregators-dev's inputs")
    parser.add_argument("--rules", type=int, default=12, help="how many rules to list")
    args = parser.parse_args()
    paths: list[Path] = list(args.files)
    if args.aggregators:
        if not AGGREGATORS.is_dir():
            raise SystemExit(f"{AGGREGATORS} not found: the corpora are not here")
        paths += sorted(AGGREGATORS.glob("*/input.txt"))
    count(paths or SEEDS, args.rules)


if __name__ == "__main__":
    main()
