"""Instructions per HTML page, the cleaner beside trafilatura's default, by callgrind: a speed
ratio that does not move with the machine's load, unlike the pages per second of
``bench_html.py``.

Usage: python benchmarks/count_html_instructions.py [--stride N] [--part train|val]
                                                    [--systems a,b] [--count a] [--functions N]
                                                    [--cache]

A fixed set of pages (every ``--stride``-th page of each corpus's part of the split, tuning part
by default; see ``html_corpora.load_parts``) is run through each system under ``valgrind
--tool=callgrind``, in a process that has first built every system and run each on the
warm-up pages (``WARM_UP`` pages of each corpus outside the set, as ``bench_html.py`` warms
up), and compiled dateparser's locales and read justext's stop words first, as
``Cleaner.warm_up`` does: over a second of CPU each that both systems' date search and
trafilatura's full mode would pay on their first pages, once a process (the benchmark's
hundreds of pages make it small; on these few it would be a large part of the count).
Only the counted calls are counted: valgrind instruments only from a request made just
before them, and they run inside ``sys.call_tracing`` (which, with no trace function set,
only calls) where alone callgrind collects (``--toggle-collect``), so start-up, imports and
first calls are left out, on pages the systems have not seen. Systems are called as
``bench_html.py`` calls them (``html_systems``), with logging disabled as there. String
hashing is fixed (``PYTHONHASHSEED=0``), so the same code gives the same count from run to
run. Prints each system's millions of instructions a page and trafilatura's default's count over the
cleaner's: the cleaner's speed in trafilatura default's pages per second, as issue 8 asks it.
``--functions N`` also prints the N compiled functions taking most of each system's
instructions. ``--cache`` simulates the caches as well (callgrind's ``--cache-sim``, several
times slower: use a larger ``--stride``) and prints each system's misses and callgrind's cycle
estimate (:func:`estimated_cycles`), whose ratio is nearer what the wall clock gives. Needs
valgrind (``apt-get install valgrind``) and a C compiler (``cc``, for valgrind's request that
starts instrumenting: what comes before it runs several times quicker).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

import html_corpora as corpora
from count_instructions import _print_functions, annotated_functions

#: Every this many pages of each corpus's part is counted: 60 of the tuning part's 701.
STRIDE = 12
#: Pages of each corpus that every system sees first, uncounted (as ``bench_html.WARM_UP``).
WARM_UP = 2
DEFAULT_SYSTEMS = "cleaner,trafilatura default"


def _one_a_site(
    corpus: str, listed: list[corpora.Page], split: dict[str, dict[str, dict[str, str]]]
) -> list[corpora.Page]:
    """Of a corpus's pages (in key order), the first of each site, sites in name order."""
    firsts: dict[str, corpora.Page] = {}
    for page in listed:
        firsts.setdefault(split[corpus][page.key]["site"], page)
    return [firsts[site] for site in sorted(firsts)]


def pages(part: str, stride: int) -> tuple[list[corpora.Page], list[corpora.Page]]:
    """The counted pages and the warm-up pages (the first ``WARM_UP`` of each corpus outside
    the counted ones). Counted, of each corpus: on the tuning part every ``stride``-th page from
    the first (the sample every figure since the sixteenth session was counted on); on the
    validation part the first page of every ``stride``-th site (sites in name order), so that
    no site is counted twice."""
    counted: list[corpora.Page] = []
    warm: list[corpora.Page] = []
    split = corpora.load_split(corpora.SPLIT)
    for corpus, listed in corpora.load_parts(corpora.DEFAULT_CORPORA, corpora.SPLIT, part).items():
        chosen = (
            listed[::stride] if part == "train" else _one_a_site(corpus, listed, split)[::stride]
        )
        keys = {page.key for page in chosen}
        counted += chosen
        warm += [page for page in listed if page.key not in keys][:WARM_UP]
    return counted, warm


def work(systems_arg: str, counted_system: str, part: str, stride: int) -> None:
    """Build the systems and warm each up; then run ``counted_system`` on the counted pages
    inside ``sys.call_tracing``: the calls callgrind counts."""
    import html_systems

    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    from cleaner.html.extract import warm_up

    counted, warm = pages(part, stride)
    runs, _ = html_systems.build(systems_arg.split(","), None)
    warm_up()  # dateparser's locales and justext's stop words, which both systems use
    for page in warm:
        for call in runs.values():
            with contextlib.suppress(Exception):  # a failure costs what it costs, as there
                call(page.html, page.url)

    def counted_calls() -> None:
        call = runs[counted_system]
        for page in counted:
            with contextlib.suppress(Exception):
                call(page.html, page.url)

    ctypes.CDLL(os.environ[CONTROL_LIBRARY]).start()
    sys.call_tracing(counted_calls, ())


#: The environment variable naming the compiled :data:`CONTROL` for the worker.
CONTROL_LIBRARY = "COUNT_HTML_CONTROL"
#: Callgrind's client request that starts instrumenting, as a function the worker calls
#: through ctypes: everything before it (start-up, imports, warm-up) runs uninstrumented,
#: several times quicker under valgrind.
CONTROL = """
#include <valgrind/callgrind.h>
void start(void) { CALLGRIND_START_INSTRUMENTATION; }
"""


def _control_library(tmp: str) -> str:
    """:data:`CONTROL` compiled into a shared library under ``tmp``: its path."""
    source, library = Path(tmp, "control.c"), Path(tmp, "control.so")
    source.write_text(CONTROL, encoding="utf-8")
    built = subprocess.run(
        ["cc", "-shared", "-fPIC", "-O1", "-o", str(library), str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    if built.returncode:
        raise SystemExit(f"cannot build the callgrind control library:\n{built.stderr}")
    return str(library)


#: The C function that ``sys.call_tracing`` calls its function through.
COUNTED = "_PyEval_CallTracing"


#: Callgrind's cycle estimate (as KCachegrind's): an instruction one cycle, a first-level cache
#: miss (instruction or data) ten more, a last-level miss a hundred more.
L1_MISS_CYCLES = 10
LL_MISS_CYCLES = 100


def estimated_cycles(events: dict[str, int]) -> int:
    """Callgrind's cycle estimate from the events of a ``--cache-sim=yes`` run."""
    first = events["I1mr"] + events["D1mr"] + events["D1mw"]
    last = events["ILmr"] + events["DLmr"] + events["DLmw"]
    return events["Ir"] + L1_MISS_CYCLES * first + LL_MISS_CYCLES * last


def count(
    systems_arg: str, counted_system: str, part: str, stride: int, cache: bool = False
) -> tuple[dict[str, int], dict[str, int]]:
    """Events of ``counted_system`` on the counted pages (see :func:`work`), under callgrind:
    the totals by event name (``Ir``, the instructions; with ``cache``, also the simulated
    caches' reads, writes and misses), and each compiled function's own instructions (none
    with ``cache``)."""
    with tempfile.TemporaryDirectory() as tmp:
        out_file = f"{tmp}/callgrind.out"
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--cache-sim={'yes' if cache else 'no'}",
                "--instr-atstart=no",
                "--collect-atstart=no",
                f"--toggle-collect={COUNTED}",
                f"--callgrind-out-file={out_file}",
                sys.executable,
                __file__,
                "--worker",
                systems_arg,
                counted_system,
                part,
                str(stride),
            ],
            env={**os.environ, "PYTHONHASHSEED": "0", CONTROL_LIBRARY: _control_library(tmp)},
            capture_output=True,
            text=True,
            check=False,
        )
        found = [line for line in out.stderr.splitlines() if "Collected :" in line]
        named = [line for line in out.stderr.splitlines() if "Events    :" in line]
        if out.returncode or not found or not named:
            raise SystemExit(f"callgrind run failed:\n{out.stderr[-3000:]}")
        values = [int(value) for value in found[-1].rsplit(":", 1)[1].split()]
        events = dict(zip(named[-1].rsplit(":", 1)[1].split(), values, strict=True))
        functions = {} if cache else annotated_functions(out_file)
    return events, functions


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 5 and argv[0] == "--worker":
        work(argv[1], argv[2], argv[3], int(argv[4]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("train", "val"), default="train")
    parser.add_argument("--stride", type=int, default=STRIDE, help="count every N-th page")
    parser.add_argument("--systems", default=DEFAULT_SYSTEMS, help="systems of html_systems")
    parser.add_argument(
        "--count",
        help="count only these of --systems (all are built and warmed up all the same)",
    )
    parser.add_argument(
        "--functions", type=int, default=0, metavar="N", help="print the N costliest functions"
    )
    parser.add_argument(
        "--cache",
        action="store_true",
        help="simulate the caches too (several times slower): misses and estimated cycles",
    )
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        raise SystemExit("valgrind not found: apt-get install valgrind")
    if args.stride < 1:
        parser.error("--stride must be at least 1")
    names = [name.strip() for name in args.systems.split(",") if name.strip()]
    systems_arg = ",".join(names)
    try:
        counted, _ = pages(args.part, args.stride)
    except corpora.CorpusMissing as exc:
        print(f"count_html_instructions: {exc}; nothing to measure.")
        return 0
    counted_names = [n.strip() for n in args.count.split(",")] if args.count else names
    if not set(counted_names) <= set(names):
        parser.error("--count names a system not in --systems")
    per_page: dict[str, float] = {}
    cycles: dict[str, float] = {}
    for name in counted_names:
        events, functions = count(systems_arg, name, args.part, args.stride, args.cache)
        per_page[name] = events["Ir"] / len(counted)
        print(f"{name:<22} {per_page[name] / 1e6:8.2f} million instructions a page", flush=True)
        if args.cache:
            cycles[name] = estimated_cycles(events) / len(counted)
            _print_cache(events, len(counted), cycles[name])
        _print_functions(functions, {}, len(counted), args.functions)
    print(
        f"({len(counted)} pages of the {args.part} part, "
        + (f"every {args.stride}th page" if args.part == "train" else f"every {args.stride}th site")
        + " of each corpus; callgrind, PYTHONHASHSEED=0)"
    )
    if "cleaner" in per_page and "trafilatura default" in per_page:
        ratio = per_page["trafilatura default"] / per_page["cleaner"]
        print(f"cleaner speed: {ratio:.3f}x trafilatura default's pages per second")
        if cycles:
            ratio = cycles["trafilatura default"] / cycles["cleaner"]
            print(f"by estimated cycles: {ratio:.3f}x")
    return 0


def _print_cache(events: dict[str, int], pages: int, cycles: float) -> None:
    """A ``--cache`` run's data accesses, misses and estimated cycles, a page."""
    reads_writes = (events["Dr"] + events["Dw"]) / pages
    first = (events["I1mr"] + events["D1mr"] + events["D1mw"]) / pages
    last = (events["ILmr"] + events["DLmr"] + events["DLmw"]) / pages
    print(
        f"  {reads_writes / 1e6:8.2f} million data reads and writes, first-level misses "
        f"{first / 1e6:.3f} million (instructions {events['I1mr'] / pages / 1e6:.3f}), "
        f"last-level {last / 1e6:.3f} million; {cycles / 1e6:.2f} million estimated cycles"
    )


if __name__ == "__main__":
    sys.exit(main())
