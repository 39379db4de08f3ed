"""Speed and memory of the text path, beside trafilatura on the same texts as HTML.

Usage: python benchmarks/bench_text.py [--rounds N]

Reads the plain-text fixtures in fixtures/ (seeds and text dumps), cleans each one N times on
one core, and prints documents per second and the peak memory the cleaning allocates. For
comparison it wraps each text's lines in <p> elements and times trafilatura's extract() on the
same texts, the tools taking turns within each round (the machine's load falls on both), and
prints the ratio and the load average. Every job runs once untimed first (the same warm-up for
both tools), and the garbage collections that ran during each job's timed passes are printed.
The cleaner's timed pass over the seeds is 50 documents (about 75 ms here), trafilatura's 10
(about 55 ms): passes of about the same length, so that the machine's interruptions fall on
their best-of alike (benchmarks/README.md clock28).
"""

from __future__ import annotations

import argparse
import gc
import html
import os
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


def interleaved(
    jobs: dict[str, tuple[object, list[object]]], rounds: int
) -> tuple[dict[str, float], dict[str, int]]:
    """Best-of-rounds seconds per job, the jobs taking turns within each round, so that the
    load other processes put on the machine falls on all of them alike; after one untimed
    round of every job (the cleaner's models and trafilatura's first-call set-up loaded, and
    the garbage collections of those first calls run, outside the timed rounds). Also the
    garbage collections that ran during each job's timed passes (``gc.callbacks``)."""
    collections = dict.fromkeys(jobs, 0)
    running: list[str] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and running:
            collections[running[0]] += 1

    for fn, items in jobs.values():
        timed(fn, items, 1)
    best = dict.fromkeys(jobs, float("inf"))
    gc.callbacks.append(count)
    try:
        for _ in range(rounds):
            for name, (fn, items) in jobs.items():
                running[:] = [name]
                best[name] = min(best[name], timed(fn, items, 1))
                running.clear()
    finally:
        gc.callbacks.remove(count)
    return best, collections


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    texts = load_texts()
    seeds = [data for name, data in texts if "rubio" in name]
    cleaner = Cleaner()
    everything = [data for _, data in texts]
    kb = sum(len(d) for d in everything) / len(everything) / 1024
    load = os.getloadavg()[0]

    print(
        f"text path, one core, {len(everything)} fixture texts (mean {kb:.1f} KB), "
        f"best of {args.rounds}; load average {load:.1f} on {os.cpu_count()} cores"
    )
    seed_batch = seeds * 25  # enough work per round to time reliably
    seed_pages = [as_html(d) for d in seeds] * 5
    pages = [as_html(d) for d in everything]

    def clean(data: bytes) -> object:
        return cleaner.clean(data, kind="text")

    def extract(page: str) -> object:
        return trafilatura.extract(page)

    def extract_fast(page: str) -> object:
        return trafilatura.extract(page, fast=True)

    best, collections = interleaved(
        {
            "seeds": (clean, seed_batch),
            "seeds trafilatura": (extract, seed_pages),
            "all": (clean, everything),
            "all trafilatura": (extract, pages),
            "all trafilatura fast": (extract_fast, pages),
        },
        args.rounds,
    )
    rate = {
        "seeds": len(seed_batch) / best["seeds"],
        "seeds trafilatura": len(seed_pages) / best["seeds trafilatura"],
        "all": len(everything) / best["all"],
        "all trafilatura": len(pages) / best["all trafilatura"],
    }
    report("cleaner", "seed-sized (the two seeds)", len(seed_batch), best["seeds"])
    report("trafilatura", "  the seeds as <p> HTML", len(seed_pages), best["seeds trafilatura"])
    report("cleaner", "all text fixtures", len(everything), best["all"])
    report("trafilatura", "  same texts as <p> HTML", len(pages), best["all trafilatura"])
    report("trafilatura", "  fast=True", len(pages), best["all trafilatura fast"])
    seed_ratio = rate["seeds"] / rate["seeds trafilatura"]
    all_ratio = rate["all"] / rate["all trafilatura"]
    print(
        f"  cleaner / trafilatura on the same texts: {seed_ratio:.1f}x on the seeds, "
        f"{all_ratio:.1f}x on all text fixtures"
    )
    print(
        "  garbage collections during the timed passes: "
        + ", ".join(f"{name} {n}" for name, n in collections.items())
    )
    met = rate["seeds"] >= 1000 and min(seed_ratio, all_ratio) >= 3.5
    print(
        f"  bar (1,000 seed-sized docs/s, 3.5x trafilatura): {'met' if met else 'not met'}; "
        f"load average now {os.getloadavg()[0]:.1f}"
    )

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
