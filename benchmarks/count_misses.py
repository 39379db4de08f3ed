"""Cache misses and mispredicted branches per seed document, the cleaner beside trafilatura on
the same texts, by cachegrind: why the two run so different a number of instructions a second,
in figures that do not move with the machine's load (``bench_text.py``'s do).

Usage: python benchmarks/count_misses.py [--runs N] [--cache BYTES] [--functions N]

Runs this script under ``valgrind --tool=cachegrind --cache-sim=yes --branch-sim=yes`` twice a
tool, handling the two seeds (fixtures/seeds) 0 times and N times after two warm-up rounds, and
prints the difference per document, as ``count_instructions.py`` does: the cleaner's
``Cleaner.clean(kind="text")`` and trafilatura's ``extract`` of the seeds as ``<p>`` HTML
(``bench_text.as_html``), in the same kind of process. Cachegrind simulates a first-level
cache (32 KB, as this machine's) and one cache behind it, here as large as one core's second
level (``--cache``, 1 MiB by default: AMD EPYC's L2; cachegrind's own default would be the
32 MB L3, which both tools' loops fit in): its misses are the lines fetched from the shared L3
or memory, which are what other processes on the machine compete for. Its branch predictor is
a simple one (mispredictions are an upper bound, not the CPU's). ``--functions N`` also prints
the N functions with the most misses of that second cache, per cleaner document.
``PYTHONHASHSEED=0`` as in ``count_instructions.py``. Needs valgrind.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
TOOLS = ("cleaner", "trafilatura")
#: Cachegrind's event names, as its summary prints them, and how this script names them.
EVENTS = {
    "Ir": "instructions",
    "I1mr": "L1i misses",
    "ILmr": "2nd-cache misses, code",
    "Dr": "data reads",
    "D1mr": "L1d read misses",
    "DLmr": "2nd-cache misses, reads",
    "Dw": "data writes",
    "D1mw": "L1d write misses",
    "DLmw": "2nd-cache misses, writes",
    "Bc": "conditional branches",
    "Bcm": "  mispredicted",
    "Bi": "indirect branches",
    "Bim": "  mispredicted",
}


def work(tool: str, runs: int) -> None:
    """Handle the seeds twice, then ``runs`` more times: what is counted."""
    datas = [path.read_bytes() for path in SEEDS]
    if tool == "cleaner":
        from cleaner import Cleaner

        cleaner = Cleaner()
        items: list[object] = list(datas)

        def run(item: object) -> object:
            return cleaner.clean(item, kind="text")  # type: ignore[arg-type]
    else:
        import trafilatura
        from bench_text import as_html

        items = [as_html(data) for data in datas]

        def run(item: object) -> object:
            return trafilatura.extract(item)

    for _ in range(2 + runs):
        for item in items:
            run(item)


def count(tool: str, runs: int, cache: int, out_file: str) -> None:
    """Cachegrind's counts of this script doing ``tool`` ``runs`` times, into ``out_file``."""
    subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=yes",
            "--branch-sim=yes",
            "--I1=32768,8,64",
            "--D1=32768,8,64",
            f"--LL={cache},8,64",
            f"--cachegrind-out-file={out_file}",
            sys.executable,
            __file__,
            "--worker",
            tool,
            str(runs),
        ],
        env={**os.environ, "PYTHONHASHSEED": "0"},
        capture_output=True,
        text=True,
        check=True,
    )


def totals(out_file: str) -> dict[str, int]:
    """The program totals of a cachegrind output file, by event."""
    events: list[str] = []
    for line in Path(out_file).read_text().splitlines():
        if line.startswith("events:"):
            events = line.split()[1:]
        elif line.startswith("summary:"):
            return dict(zip(events, map(int, line.split()[1:]), strict=True))
    raise SystemExit(f"cachegrind wrote no summary in {out_file}")


def by_function(diff_file: str, event: str) -> dict[str, int]:
    """Each function's count of ``event`` in a ``cg_diff`` file (``cg_annotate``)."""
    annotated = subprocess.run(
        ["cg_annotate", "--auto=no", f"--show={event}", f"--sort={event}", diff_file],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    from count_instructions import by_function as annotated_counts  # benchmarks/ on the path

    return annotated_counts(annotated)


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        sys.path.insert(0, str(ROOT / "benchmarks"))
        work(sys.argv[2], int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cache", type=int, default=1 << 20, metavar="BYTES")
    parser.add_argument("--functions", type=int, default=0, metavar="N")
    args = parser.parse_args()
    if shutil.which("valgrind") is None or shutil.which("cg_diff") is None:
        raise SystemExit("valgrind not found: apt-get install valgrind")
    if args.runs < 1 or args.cache < 1 << 16 or args.cache & (args.cache - 1):
        raise SystemExit("--runs must be at least 1, --cache a power of two of 64 KB or more")
    docs = args.runs * len(SEEDS)
    per_doc: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for tool in TOOLS:
            base, loaded = f"{tmp}/{tool}.0", f"{tmp}/{tool}.n"
            count(tool, 0, args.cache, base)
            count(tool, args.runs, args.cache, loaded)
            before, after = totals(base), totals(loaded)
            per_doc[tool] = {event: (after[event] - before[event]) / docs for event in EVENTS}
            if tool == "cleaner" and args.functions:
                diff = f"{tmp}/cleaner.diff"
                with open(diff, "w") as out:
                    subprocess.run(["cg_diff", base, loaded], stdout=out, check=True)
                functions = by_function(diff, "DLmr")
        print(
            f"per seed document (cachegrind, PYTHONHASHSEED=0, {args.runs} runs of {len(SEEDS)} "
            f"seeds less none; L1 32 KB, second cache {args.cache >> 10} KB)"
        )
        print(f"  {'':26s} {'cleaner':>12s} {'trafilatura':>12s}   a thousand instructions")
        for event, name in EVENTS.items():
            ours, theirs = per_doc["cleaner"][event], per_doc["trafilatura"][event]
            rates = ""
            if event != "Ir":
                rates = (
                    f"{ours / per_doc['cleaner']['Ir'] * 1e3:8.2f} "
                    f"{theirs / per_doc['trafilatura']['Ir'] * 1e3:8.2f}"
                )
            print(f"  {name:26s} {ours:12,.0f} {theirs:12,.0f}   {rates}")
        misses = {t: sum(per_doc[t][e] for e in ("ILmr", "DLmr", "DLmw")) for t in TOOLS}
        print(
            f"  second-cache misses in all: cleaner {misses['cleaner']:,.0f} "
            f"({misses['cleaner'] / per_doc['cleaner']['Ir'] * 1e3:.2f} a thousand "
            f"instructions), trafilatura {misses['trafilatura']:,.0f} "
            f"({misses['trafilatura'] / per_doc['trafilatura']['Ir'] * 1e3:.2f})"
        )
        if args.functions:
            print("  the cleaner's second-cache read misses by function, per document:")
            top = sorted(functions.items(), key=lambda item: -item[1])[: args.functions]
            for name, n in top:
                print(f"  {n / docs:9,.0f}  {name}")


if __name__ == "__main__":
    main()
