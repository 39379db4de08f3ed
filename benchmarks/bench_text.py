"""Speed and memory of the text path, beside trafilatura on the same texts as HTML.

Usage: python benchmarks/bench_text.py [--rounds N]

Reads the plain-text fixtures in fixtures/ (seeds and text dumps), cleans each one N times on
one core, and prints documents per second and the peak memory the cleaning allocates. For
comparison it wraps each text's lines in <p> elements and times trafilatura's extract() on them.
"""

from __future__ import annotations

import argparse
import html
import statistics
import time
import tracemalloc
from pathlib import Path

import trafilatura

from cleaner import Cleaner

ROOT = Path(__file__).resolve().parents[1]


def load_texts() -> list[tuple[str, bytes]]:
    paths = sorted((ROOT / "fixtures").glob("*/*.txt"))
    return [(p.name, p.read_bytes()) for p in paths]


def as_html(data: bytes) -> str:
    lines = data.decode("utf-8", "replace").splitlines()
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    return f"<html><body><article>{paragraphs}</article></body></html>"


def timed(fn, items, rounds: int) -> float:  # type: ignore[no-untyped-def]
    """Best-of-rounds seconds for one pass over ``items``."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            fn(item)
        best = min(best, time.perf_counter() - start)
    return best


def report(tool: str, label: str, count: int, seconds: float) -> None:
    rate, per_doc = count / seconds, seconds / count * 1e3
    print(f"  {tool:12s} {label:28s} {rate:8.0f} docs/s  {per_doc:7.2f} ms/doc")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = load_texts()
    seeds = [data for name, data in texts if "rubio" in name]
    cleaner = Cleaner()
    everything = [data for _, data in texts]
    kb = sum(len(d) for d in everything) / len(everything) / 1024

    print(
        f"text path, one core, {len(everything)} fixture texts (mean {kb:.1f} KB), "
        f"best of {args.rounds}"
    )
    seed_batch = seeds * 25  # enough work per round to time reliably
    batches = (("seed-sized (the two seeds)", seed_batch), ("all text fixtures", everything))
    for label, items in batches:
        seconds = timed(lambda d: cleaner.clean(d, kind="text"), items, args.rounds)
        report("cleaner", label, len(items), seconds)

    pages = [as_html(d) for d in everything]
    seconds = timed(trafilatura.extract, pages, max(1, args.rounds // 2))
    report("trafilatura", "same texts as <p> HTML", len(pages), seconds)
    fast = timed(lambda p: trafilatura.extract(p, fast=True), pages, max(1, args.rounds // 2))
    report("trafilatura", "  fast=True", len(pages), fast)

    tracemalloc.start()
    for data in everything:
        cleaner.clean(data, kind="text")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sizes = [len(d) for d in everything]
    print(
        f"  peak memory allocated while cleaning: {peak / 2**20:.1f} MiB (largest input "
        f"{max(sizes) / 1024:.0f} KB, median {statistics.median(sizes) / 1024:.0f} KB)"
    )


if __name__ == "__main__":
    main()
