"""Batch throughput and memory of the ``cleaner`` command, beside trafilatura's own command.

    .venv/bin/python benchmarks/bench_batch.py [--sizes 1000,10000] [--jobs 1,2] [--no-trafilatura]

Over trafilatura's 495 development pages (``../shared/corpora/trafilatura-dev``), repeated to
each size, as a folder of links, it runs

- ``cleaner -f jsonl -j N FOLDER > /dev/null`` for each number of jobs, and
- ``trafilatura --input-dir FOLDER --parallel N --json > /dev/null`` (its default mode),

and reports pages a second (wall clock), pages per CPU-second and CPU milliseconds a page (user
+ system time of the whole process tree: the machine is shared, so this is the load-independent
figure), the parent's share of it in CPU seconds (the command's own process, not its workers:
starting, warming up, reading, handing over, writing; sampled every 50 ms, so a little short),
the cores the run got (CPU time over wall time: on a loaded machine, fewer than its jobs), the
speed-up of N jobs over one, and peak memory: the largest single process and the whole process
tree, sampled from /proc every 50 ms. Then it writes the pages into a gzipped WARC (each a
``response`` record, with a request record beside it, as crawls store them) and reports WARC
records a second: read alone (``iter_sources``), and cleaned by the command.
The load average (``uptime``) is printed beside each figure.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "trafilatura-dev" / "pages"
BIN = Path(sys.executable).parent


@dataclass
class Run:
    """One measured command."""

    label: str
    pages: int
    wall: float
    cpu: float
    peak_process_mb: float
    peak_tree_mb: float
    load: tuple[float, float]  # 1-minute load average before and after
    parent_cpu: float  # the command's own process (not its workers), last seen

    def row(self, base: Run | None) -> str:
        speedup = f"{base.wall / self.wall:5.2f}x" if base else "     "
        return (
            f"{self.label:<34} {self.pages:>6} {self.pages / self.wall:8.1f} "
            f"{self.pages / self.cpu:9.1f} {1000 * self.cpu / self.pages:6.1f} "
            f"{self.parent_cpu:6.1f} {self.cpu / self.wall:5.2f} {speedup} "
            f"{self.peak_process_mb:8.0f} "
            f"{self.peak_tree_mb:8.0f}   {self.load[0]:.1f}→{self.load[1]:.1f}"
        )


HEADER = (
    f"{'command':<34} {'pages':>6} {'pages/s':>8} {'pages/cpu-s':>9} {'ms cpu':>6} {'parent':>6} "
    f"{'cores':>5} {'speed':>6} {'max proc':>8} {'tree MB':>8}   load"
)
#: Clock ticks a second, for /proc/PID/stat's CPU times.
TICKS = os.sysconf("SC_CLK_TCK")


def own_cpu(pid: int) -> float | None:
    """User + system CPU seconds of ``pid`` itself (not its children), from /proc."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def tree_rss(pid: int) -> tuple[float, float]:
    """(largest process, whole tree) resident memory in MB of ``pid`` and its descendants."""
    pids, sizes = [pid], []
    while pids:
        current = pids.pop()
        try:
            with open(f"/proc/{current}/statm") as handle:
                sizes.append(int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE"))
            with open(f"/proc/{current}/task/{current}/children") as handle:
                pids.extend(int(p) for p in handle.read().split())
        except (OSError, ValueError):
            continue
    mb = [s / 2**20 for s in sizes] or [0.0]
    return max(mb), sum(mb)


def measure(label: str, pages: int, command: list[str]) -> Run:
    """Run ``command`` (stdout to /dev/null) sampling its memory; wall and CPU time."""
    load_before = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = [0.0, 0.0]
    parent = [0.0]
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE)
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.05):
                one, tree = tree_rss(process.pid)
                peak[0], peak[1] = max(peak[0], one), max(peak[1], tree)
                parent[0] = own_cpu(process.pid) or parent[0]

        sampler = threading.Thread(target=sample)
        sampler.start()
        _, errors = process.communicate()
        done.set()
        sampler.join()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if process.returncode not in (0, 1):
        sys.exit(f"{label}: exit {process.returncode}\n{errors.decode()[-2000:]}")
    load = (load_before, os.getloadavg()[0])
    return Run(label, pages, wall, cpu, peak[0], peak[1], load, parent[0])


def page_folder(folder: Path, pages: list[Path], size: int) -> Path:
    """``size`` links to the corpus pages, repeated in order."""
    target = folder / f"pages-{size}"
    target.mkdir(parents=True)
    for i in range(size):
        (target / f"{i:06d}.html").symlink_to(pages[i % len(pages)])
    return target


def write_warc(path: Path, pages: list[Path], size: int) -> None:
    """A gzipped WARC of ``size`` response records (with their request records)."""

    def record(kind: str, url: str, block: bytes, content_type: str) -> bytes:
        head = (
            f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
            f"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(block)}\r\n\r\n"
        )
        return gzip.compress(head.encode() + block + b"\r\n\r\n", compresslevel=6)

    with open(path, "wb") as out:
        for i in range(size):
            body = pages[i % len(pages)].read_bytes()
            url = f"https://example.org/page/{i}"
            http = (
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
            )
            out.write(record("request", url, b"GET / HTTP/1.1\r\n\r\n", "application/http"))
            out.write(record("response", url, http, "application/http; msgtype=response"))


def read_rate(warc: Path) -> tuple[int, float]:
    """Records read by ``iter_sources`` and the seconds it took (no cleaning)."""
    sys.path.insert(0, str(ROOT))
    from cleaner.inputs import iter_sources

    start = time.perf_counter()
    count = sum(1 for _ in iter_sources([warc]))
    return count, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="batch sizes (default 1000,10000)")
    parser.add_argument("--jobs", default="1,2", help="numbers of jobs (default 1,2)")
    parser.add_argument("--warc-records", type=int, default=1000, help="records in the WARC")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip trafilatura")
    parser.add_argument("--no-warc", action="store_true", help="skip the WARC figures")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(
            f"corpus not found: {CORPUS} (the development corpora are not part of this "
            "repository; see the README)",
            file=sys.stderr,
        )
        return 2
    pages = sorted(CORPUS.glob("*.html"))
    sizes = [int(s) for s in args.sizes.split(",")]
    jobs = [int(j) for j in args.jobs.split(",")]
    cleaner, trafilatura = str(BIN / "cleaner"), shutil.which("trafilatura", path=str(BIN))
    print(
        f"{len(pages)} pages of trafilatura-dev, repeated; {os.cpu_count()} cores; "
        f"load {os.getloadavg()[0]:.1f} at start"
    )
    print(HEADER)
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = page_folder(Path(tmp), pages, size)
            base = None
            for n in jobs:
                run = measure(
                    f"cleaner -j {n}", size, [cleaner, "-f", "jsonl", "-j", str(n), str(folder)]
                )
                print(run.row(base), flush=True)
                base = base or run
            if trafilatura and not args.no_trafilatura:
                tbase = None
                for n in jobs:
                    run = measure(
                        f"trafilatura --parallel {n}",
                        size,
                        [trafilatura, "--input-dir", str(folder), "--parallel", str(n), "--json"],
                    )
                    print(run.row(tbase), flush=True)
                    tbase = tbase or run
            shutil.rmtree(folder)
        if args.no_warc:
            print(f"load {os.getloadavg()[0]:.1f} at end")
            return 0
        warc = Path(tmp) / "crawl.warc.gz"
        write_warc(warc, pages, args.warc_records)
        count, seconds = read_rate(warc)
        mb = warc.stat().st_size / 2**20
        print(f"\nWARC: {count} HTML records ({mb:.0f} MB gzipped, with request records)")
        print(f"  read alone (iter_sources, FastWARC): {count / seconds:,.0f} records/s")
        base = None
        for n in jobs:
            run = measure(
                f"cleaner -j {n} crawl.warc.gz",
                count,
                [cleaner, "-f", "jsonl", "-j", str(n), str(warc)],
            )
            print("  " + run.row(base).replace("pages", "recs"), flush=True)
            base = base or run
    print(f"load {os.getloadavg()[0]:.1f} at end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
