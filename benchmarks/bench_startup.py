"""Start-up cost: one document a process, as in a shell pipeline or a pre-commit check, beside
trafilatura's command line on the same page in the same run.

Usage: python benchmarks/bench_startup.py [--runs N] [--instructions]

Runs ``cleaner PAGE`` and ``trafilatura < PAGE`` as whole processes, N times each, taking turns
(cleaner, trafilatura, cleaner, …) so that the machine's load falls on both alike, on two kinds
of input: a text dump (fixtures/seeds/ap-rubio-daily8.txt; trafilatura is handed the same text
with each non-empty line a ``<p>``, as the text benchmarks do) and an HTML page
(fixtures/html/ars-minecraft-exploit.html). Prints each command's CPU seconds a process (user
and system, the worker process the cleaner forks included: the waited-for children's rusage),
its median, minimum and maximum, processes a second of CPU and the ratio, pair by pair.

The cleaner's compiled patterns are kept between processes (``cleaner/pattern_cache.py``): the
benchmark gives it a cache folder of its own, reports the first process (empty cache) apart,
and times the runs after it. Python's bytecode is written (``PYTHONDONTWRITEBYTECODE`` is left
out of the children's environment) and one unmeasured run of each command goes first.

``--instructions`` counts each command's instructions once under callgrind instead (valgrind
needed), figures that do not move with the machine's load: for the cleaner, whose worker is a
fork, the worker's count (a forked process starts with its parent's count) stands for the
whole, leaving out what the parent does after the fork (receiving and printing the Article).
"""

from __future__ import annotations

import argparse
import html
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TEXT_PAGE = ROOT / "fixtures" / "seeds" / "ap-rubio-daily8.txt"
HTML_PAGE = ROOT / "fixtures" / "html" / "ars-minecraft-exploit.html"


def as_html(text: str) -> str:
    """A text dump as trafilatura is handed it: each non-empty line a paragraph."""
    lines = [line for line in text.splitlines() if line.strip()]
    paragraphs = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
    return f"<html><body><article>{paragraphs}</article></body></html>"


def commands(text_as_html: Path) -> dict[str, tuple[list[str], Path]]:
    """Each command and the file it reads on stdin (the cleaner reads its argument)."""
    cleaner, trafilatura = str(BIN / "cleaner"), str(BIN / "trafilatura")
    return {
        "text: cleaner": ([cleaner, str(TEXT_PAGE)], Path(os.devnull)),
        "text: trafilatura": ([trafilatura], text_as_html),
        "html: cleaner": ([cleaner, str(HTML_PAGE)], Path(os.devnull)),
        "html: trafilatura": ([trafilatura], HTML_PAGE),
    }


def environment(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["CLEANER_CACHE_DIR"] = str(cache)
    env["PYTHONHASHSEED"] = "0"
    return env


def cpu_seconds(argv: Sequence[str], stdin: Path, env: dict[str, str]) -> float:
    """The CPU seconds (user and system) of one process and the children it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with stdin.open("rb") as feed:
        done = subprocess.run(argv, stdin=feed, stdout=subprocess.DEVNULL, env=env, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)}: exit status {done.returncode}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def instructions(argv: Sequence[str], stdin: Path, env: dict[str, str], scratch: Path) -> int:
    """Instructions of one run under callgrind: the largest count of its processes (a forked
    worker's count holds its parent's up to the fork). The cleaner is given no time limit
    (``--timeout 0``): under callgrind a page takes 50 times as long."""
    if Path(argv[0]).name == "cleaner":
        argv = [argv[0], "--timeout", "0", *argv[1:]]
    for old in scratch.glob("callgrind.*"):
        old.unlink()
    with stdin.open("rb") as feed:
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={scratch}/callgrind.%p",
                *argv,
            ],
            stdin=feed,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            check=True,
        )
    counts = []
    for path in scratch.glob("callgrind.*"):
        found = re.search(r"^(?:summary|totals): (\d+)", path.read_text(), re.MULTILINE)
        if found:
            counts.append(int(found.group(1)))
    return max(counts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="processes of each command")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions once, by callgrind"
    )
    args = parser.parse_args(argv)
    if args.instructions and shutil.which("valgrind") is None:
        print("--instructions needs valgrind (apt-get install valgrind)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        scratch = Path(folder)
        text_as_html = scratch / "seed.html"
        text_as_html.write_text(as_html(TEXT_PAGE.read_text(encoding="utf-8")), "utf-8")
        env = environment(scratch / "cache")
        jobs = commands(text_as_html)
        cpu_seconds(*jobs["text: cleaner"], {**env, "CLEANER_CACHE_DIR": ""})  # bytecode
        first = cpu_seconds(*jobs["text: cleaner"], env)  # the pattern cache still empty
        for command, stdin in jobs.values():  # bytecode written, caches warm
            cpu_seconds(command, stdin, env)
        print(f"load average {os.getloadavg()[0]:.1f}; one document a process")
        if args.instructions:
            for name, (command, stdin) in jobs.items():
                count = instructions(command, stdin, env, scratch)
                print(f"  {name:18s} {count / 1e6:8.0f} million instructions a process")
            return 0
        times: dict[str, list[float]] = {name: [] for name in jobs}
        for _ in range(args.runs):
            for name, (command, stdin) in jobs.items():
                times[name].append(cpu_seconds(command, stdin, env))
        print(f"  {'command':18s} {'median':>8s} {'min':>8s} {'max':>8s}  (CPU seconds a process)")
        for name, seconds in times.items():
            print(
                f"  {name:18s} {statistics.median(seconds):8.3f} {min(seconds):8.3f} "
                f"{max(seconds):8.3f}  {1 / statistics.median(seconds):5.1f} processes/s"
            )
        for kind in ("text", "html"):
            ratios = [
                t / c
                for c, t in zip(
                    times[f"{kind}: cleaner"], times[f"{kind}: trafilatura"], strict=True
                )
            ]
            print(
                f"  {kind}: cleaner's speed / trafilatura's, pair by pair: median "
                f"{statistics.median(ratios):.2f}x (min {min(ratios):.2f}, max {max(ratios):.2f})"
            )
        print(f"  the cleaner's first process, its pattern cache empty: {first:.3f} s")
        print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
