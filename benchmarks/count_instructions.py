"""Instructions per seed document on the text path, by callgrind: figures that do not move with
the machine's load, unlike the wall-clock rates of ``bench_text.py``.

Usage: python benchmarks/count_instructions.py [--stage full|blocks|rules|features] [--runs N]
                                              [--functions N]

Runs this script under ``valgrind --tool=callgrind`` twice, cleaning the two seeds (fixtures/
seeds) 0 times and N times after one warm-up clean, and prints the difference per document: the
loop alone, without start-up, imports and rule loading. String hashing is fixed
(``PYTHONHASHSEED=0``): with random hashing, set and dict layouts change from run to run, and
so the same code's count moves by up to half a million instructions a document. Stages:
``full`` (Cleaner.clean), ``blocks`` (decoding and text blocks), ``rules`` (the rule engine on
the seeds' blocks), ``features`` (the story model's features on the blocks and rule outcome).
``--functions N`` also prints the N compiled functions (the interpreter's loop, the string
methods, the pattern engines, crfsuite …) that take the most of those instructions, per
document: where the work is done, beside how much of it there is (``callgrind_annotate`` of
both runs, one less the other). Needs valgrind (``apt-get install valgrind``) and says so when
it is missing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
STAGES = ("full", "blocks", "rules", "features")


def work(stage: str, runs: int) -> None:
    """Clean (or run one stage on) the seeds once, then ``runs`` more times: what is counted."""
    from cleaner import Cleaner
    from cleaner.blocks import PageMeta
    from cleaner.decode import decode
    from cleaner.engine import apply_rules
    from cleaner.passes.features import page_features, rule_kinds
    from cleaner.text_blocks import text_to_page

    cleaner = Cleaner(explain=True)
    datas = [path.read_bytes() for path in SEEDS]
    for data in datas:
        cleaner.clean(data)
    pages = [text_to_page(decode(data).text, PageMeta()) for data in datas]
    outcomes = [apply_rules(page.blocks, cleaner.rules, explain=True) for page in pages]
    kinds = rule_kinds(cleaner.rules)
    for _ in range(runs):
        if stage == "full":
            for data in datas:
                cleaner.clean(data)
        elif stage == "blocks":
            for data in datas:
                text_to_page(decode(data).text, PageMeta())
        elif stage == "rules":
            for page in pages:
                apply_rules(page.blocks, cleaner.rules, explain=True)
        else:
            for page, outcome in zip(pages, outcomes, strict=True):
                page_features(page.blocks, outcome, kinds)


def count(stage: str, runs: int) -> tuple[int, dict[str, int]]:
    """Instructions of this script doing ``stage`` ``runs`` times, under callgrind: the total,
    and each function's own (exclusive) count."""
    with tempfile.TemporaryDirectory() as tmp:
        out_file = f"{tmp}/callgrind.out"
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out_file}",
                sys.executable,
                __file__,
                "--worker",
                stage,
                str(runs),
            ],
            env={**os.environ, "PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
            check=True,
        )
        found = re.search(r"Collected : (\d+)", out.stderr)
        if not found:
            raise SystemExit(f"callgrind printed no count:\n{out.stderr[-2000:]}")
        annotated = subprocess.run(
            ["callgrind_annotate", "--threshold=100", out_file],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return int(found.group(1)), _by_function(annotated)


#: A line of ``callgrind_annotate``: the count, its share, then ``file:function [object]``.
_ANNOTATED = re.compile(r"\s*([\d,]+) \([^)]*\)\s+(\S.*?)(?: \[.*\])?$")


def _by_function(annotated: str) -> dict[str, int]:
    """Each function's instruction count in ``callgrind_annotate``'s output, by its name
    (the source file's directories left out)."""
    counts: dict[str, int] = {}
    for line in annotated.splitlines():
        found = _ANNOTATED.match(line)
        if found and "PROGRAM TOTALS" not in line:
            place, _, function = found.group(2).rpartition(":")
            name = f"{place.rsplit('/', 1)[-1]}:{function}"
            counts[name] = counts.get(name, 0) + int(found.group(1).replace(",", ""))
    return counts


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        work(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", choices=STAGES, default="full")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--functions", type=int, default=0, metavar="N", help="print the N costliest functions"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        raise SystemExit("valgrind not found: apt-get install valgrind")
    if args.runs < 1:
        raise SystemExit("--runs must be at least 1")
    (base, base_functions), (loaded, functions) = count(args.stage, 0), count(args.stage, args.runs)
    docs = args.runs * len(SEEDS)
    print(
        f"{args.stage}: {(loaded - base) / docs / 1e6:.2f} million instructions per seed document "
        f"(callgrind, PYTHONHASHSEED=0, {args.runs} runs of {len(SEEDS)} seeds less none)"
    )
    if args.functions:
        spent = {
            name: (functions.get(name, 0) - base_functions.get(name, 0)) / docs
            for name in functions.keys() | base_functions.keys()
        }
        for name, per_doc in sorted(spent.items(), key=lambda item: -item[1])[: args.functions]:
            print(f"  {per_doc / 1e3:9.1f} thousand  {name}")


if __name__ == "__main__":
    main()
