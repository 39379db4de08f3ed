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

Then, for ``full`` and ``rules``: the rule patterns' tries a seed document (``Matcher.find``
calls, and of them the calls into ``regex``, each with its time limit) and, where ``strace`` is
installed, the system calls a seed document (``strace -f -c`` of the same runs less none) and of
them ``clock_gettime``: ``regex`` reads the process's CPU clock by a system call when a call with
a time limit starts and every 256 steps of its engine, time that callgrind does not count
(benchmarks/README.md, tries29).
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
#: The text path's stages in their order, for ``--table``: each is counted as the path up to
#: and including it, less the path up to the stage before (``tag`` is features, crfsuite's set
#: and its Viterbi; ``decide`` the rest of the story model's pass: marginals, the headline
#: model, the decisions; ``passes`` the repeats passes after it; ``assemble`` the Article).
PREFIXES = (
    "decode",
    "mojibake",
    "blocks",
    "rules",
    "features",
    "crf-set",
    "crf-tag",
    "decide",
    "passes",
    "assemble",
)


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
    decoded = [decode(data) for data in datas]
    pages = [text_to_page(d.text, PageMeta(), utf8=d.utf8) for d in decoded]
    outcomes = [apply_rules(page.blocks, cleaner.rules, explain=True) for page in pages]
    kinds = rule_kinds(cleaner.rules)
    for _ in range(runs):
        if stage == "full":
            for data in datas:
                cleaner.clean(data)
        elif stage == "blocks":
            for data in datas:
                read = decode(data)
                text_to_page(read.text, PageMeta(), utf8=read.utf8)
        elif stage == "rules":
            for page in pages:
                apply_rules(page.blocks, cleaner.rules, explain=True)
        else:
            for page, outcome in zip(pages, outcomes, strict=True):
                page_features(page.blocks, outcome, kinds)


def tries(stage: str, runs: int) -> None:
    """Print the pattern tries of :func:`work`'s ``runs`` runs, a seed document: the
    ``Matcher.find`` calls and the calls into ``regex`` (a cut's ``spans`` one)."""
    from typing import Any

    from cleaner import Cleaner
    from cleaner.engine import model

    counts = {"finds": 0, "calls": 0}
    find, spans = model.Matcher.find, model.Matcher.spans

    def counted(call: Any) -> Any:
        def calling(*args: Any) -> Any:
            counts["calls"] += 1
            return call(*args)

        return calling

    def counted_find(self: model.Matcher, *args: Any, **kwargs: Any) -> Any:
        counts["finds"] += 1
        return find(self, *args, **kwargs)

    def counted_spans(self: model.Matcher, text: str) -> Any:
        counts["calls"] += 1
        return spans(self, text)

    for rule in Cleaner().rules.rules:  # (the built-in rules: every Cleaner's same objects)
        for name in ("_call", "_head"):
            call = getattr(rule.matcher, name)
            if call is not None:
                object.__setattr__(rule.matcher, name, counted(call))
    model.Matcher.find = counted_find  # type: ignore[method-assign]
    model.Matcher.spans = counted_spans  # type: ignore[method-assign]
    before = dict(counts)
    work(stage, 0)
    warm = {name: counts[name] - before[name] for name in counts}
    work(stage, runs)
    docs = runs * len(SEEDS)
    found = {name: (counts[name] - before[name] - 2 * warm[name]) / docs for name in counts}
    print(f"{found['finds']} {found['calls']}")


def system_calls(stage: str, runs: int) -> tuple[int, int] | None:
    """The system calls of :func:`work`'s ``runs`` runs (``strace -f -c``), and of them
    ``clock_gettime``'s; None without strace."""
    if shutil.which("strace") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out_file = f"{tmp}/strace.txt"
        traced = ["strace", "-f", "-c", "-o", out_file, sys.executable, __file__]
        subprocess.run(
            [*traced, "--worker", stage, str(runs)],
            env={**os.environ, "PYTHONHASHSEED": "0"},
            capture_output=True,
            check=True,
        )
        table = Path(out_file).read_text()
    total = re.search(r"^\s*100\.00\s+\S+\s+\S*\s*(\d+)\s+(?:\d+\s+)?total$", table, re.M)
    clock = re.search(r"^\s*\S+\s+\S+\s+\S+\s+(\d+)\s+(?:\d+\s+)?clock_gettime$", table, re.M)
    if total is None:
        raise SystemExit(f"strace printed no total:\n{table[-2000:]}")
    return int(total.group(1)), int(clock.group(1)) if clock else 0


def prefix(stage: str, runs: int) -> None:
    """Clean the seeds once, then run the text path ``runs`` times up to ``stage`` (PREFIXES)."""
    from cleaner import Cleaner, pipeline
    from cleaner.blocks import PageMeta
    from cleaner.decode import decode
    from cleaner.engine import apply_rules
    from cleaner.normalize import repair_mojibake
    from cleaner.passes.crf import CTagger
    from cleaner.passes.features import block_features, page_features
    from cleaner.text_blocks import text_to_page

    cleaner = Cleaner(explain=True)
    story = cleaner.story
    assert story is not None
    datas = [path.read_bytes() for path in SEEDS]
    for data in datas:
        cleaner.clean(data)
    upto = PREFIXES.index(stage)
    steps = {7: pipeline.TEXT_LEARNED[:1], 8: pipeline.TEXT_LEARNED}
    for _ in range(runs):
        for data in datas:
            if upto == 9:
                cleaner.clean(data)
                continue
            read = decode(data)
            text = read.text
            if upto == 1:
                repair_mojibake(text, read.utf8)
            if upto < 2:
                continue
            page = text_to_page(text, PageMeta(), utf8=read.utf8)
            if upto < 3:
                continue
            outcome = apply_rules(page.blocks, cleaner.rules, explain=True)
            if upto in steps:
                pipeline.run(steps[upto], page, outcome, off=cleaner.passes_off, story=story)
            elif upto > 3:
                # as the story pass does: the blocks' features handed to crfsuite's C tagger
                # without the neighbours' prefixed strings (python-crfsuite's: joined)
                tagger = story._tagger()
                columns = block_features(page.blocks, outcome, story.kinds)
                if upto > 4:
                    if isinstance(tagger, CTagger):
                        tagger.set_blocks(*columns)
                    else:
                        tagger.set(page_features(page.blocks, outcome, story.kinds))
                    if upto > 5:
                        tagger.tag()


def count(stage: str, runs: int, worker: str = "--worker") -> tuple[int, dict[str, int]]:
    """Instructions of this script doing ``stage`` ``runs`` times, under callgrind: the total,
    and each function's own (exclusive) count. ``worker``: ``--prefix`` for a PREFIXES stage."""
    with tempfile.TemporaryDirectory() as tmp:
        out_file = f"{tmp}/callgrind.out"
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={out_file}",
                sys.executable,
                __file__,
                worker,
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
        functions = annotated_functions(out_file)
    return int(found.group(1)), functions


def annotated_functions(out_file: str) -> dict[str, int]:
    """Each function's instruction count in a callgrind output file (``callgrind_annotate``)."""
    annotated = subprocess.run(
        ["callgrind_annotate", "--auto=no", "--threshold=100", out_file],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return by_function(annotated)


#: A line of ``callgrind_annotate`` or ``cg_annotate``: the count (negative in a ``cg_diff``),
#: its share, then ``file:function`` (callgrind's followed by `` [object]``).
_ANNOTATED = re.compile(r"\s*(-?[\d,]+) \([^)]*\)\s+(\S.*?)(?: \[.*\])?$")


def by_function(annotated: str) -> dict[str, int]:
    """Each function's count in ``callgrind_annotate``'s or ``cg_annotate``'s output, by its
    name (the source file's directories left out)."""
    counts: dict[str, int] = {}
    for line in annotated.splitlines():
        found = _ANNOTATED.match(line)
        if found and "PROGRAM TOTALS" not in line:
            place, _, function = found.group(2).rpartition(":")
            name = f"{place.rsplit('/', 1)[-1]}:{function}"
            counts[name] = counts.get(name, 0) + int(found.group(1).replace(",", ""))
    return counts


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] in ("--worker", "--prefix", "--tries"):
        worker = {"--worker": work, "--prefix": prefix, "--tries": tries}[sys.argv[1]]
        worker(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", choices=STAGES, default="full")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--functions", type=int, default=0, metavar="N", help="print the N costliest functions"
    )
    parser.add_argument(
        "--table", action="store_true", help="each stage of the text path, in its order"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        raise SystemExit("valgrind not found: apt-get install valgrind")
    if args.runs < 1:
        raise SystemExit("--runs must be at least 1")
    if args.table:
        table(args.runs, args.functions)
        return
    (base, base_functions), (loaded, functions) = count(args.stage, 0), count(args.stage, args.runs)
    docs = args.runs * len(SEEDS)
    print(
        f"{args.stage}: {(loaded - base) / docs / 1e6:.2f} million instructions per seed document "
        f"(callgrind, PYTHONHASHSEED=0, {args.runs} runs of {len(SEEDS)} seeds less none)"
    )
    _print_functions(functions, base_functions, docs, args.functions)
    if args.stage in ("full", "rules"):
        _print_tries(args.stage, args.runs)


def _print_tries(stage: str, runs: int) -> None:
    """The pattern tries a seed document, and the system calls where strace is installed."""
    docs = runs * len(SEEDS)
    out = subprocess.run(
        [sys.executable, __file__, "--tries", stage, str(runs)],
        env={**os.environ, "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    print(
        f"  pattern tries (Matcher.find) {float(out[0]):.1f}, calls into regex {float(out[1]):.1f}"
    )
    base, loaded = system_calls(stage, 0), system_calls(stage, runs)
    if base is None or loaded is None:
        print("  system calls: strace not found (apt-get install strace)")
        return
    calls, clocks = ((b - a) / docs for a, b in zip(base, loaded, strict=True))
    print(f"  system calls {calls:.1f}, of them clock_gettime {clocks:.1f} (strace -f -c)")


def table(runs: int, top: int) -> None:
    """Print each of PREFIXES' stages' instructions per seed document (the path up to it less
    the path up to the one before), and with ``top`` its ``top`` costliest functions."""
    docs = runs * len(SEEDS)
    before, before_functions = count(PREFIXES[0], 0, "--prefix")
    total = 0.0
    for stage in PREFIXES:
        loaded, functions = count(stage, runs, "--prefix")
        spent = (loaded - before) / docs
        total += spent
        print(f"{stage:>9}: {spent / 1e6:6.2f} million  (path so far {total / 1e6:.2f})")
        _print_functions(functions, before_functions, docs, top)
        before, before_functions = loaded, functions
    print(f"callgrind, PYTHONHASHSEED=0, {runs} runs of {len(SEEDS)} seeds (clean() at the end)")


def _print_functions(functions: dict[str, int], base: dict[str, int], docs: int, top: int) -> None:
    """The ``top`` functions that take most instructions in ``functions`` beyond ``base``."""
    spent = {name: (functions.get(name, 0) - base.get(name, 0)) / docs for name in functions | base}
    for name, per_doc in sorted(spent.items(), key=lambda item: -item[1])[:top]:
        print(f"  {per_doc / 1e3:9.1f} thousand  {name}")


if __name__ == "__main__":
    main()
