"""Benchmark: the cleaner beside trafilatura (default and fast) and readability-lxml.

One run over the development corpora in ``../shared/corpora`` (relative to the repository):

- ``trafilatura-dev``: is each ``with`` snippet in the body, and each ``without`` snippet not?
  (accuracy, precision, recall, F1 over all snippets), and the author field where annotated;
- ``readability-dev``: authors against the expected byline, title against the expected title.

Each system gets the page's bytes and URL and is timed per call, in this one process.
Run from the repository root::

    .venv/bin/python benchmarks/bench_html.py [--corpora DIR] [--limit N]

Without the corpora it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import regex

DEFAULT_CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
_SPACES = regex.compile(r"[\s\u00a0\u200b]+")
_BY = regex.compile(r"^\s*(?:by|von|par|por)\s+", regex.IGNORECASE)


@dataclass
class Result:
    """What a system says about one page."""

    text: str = ""
    authors: tuple[str, ...] = ()
    title: str | None = None


@dataclass
class Tally:
    """Counts and time of one system on one corpus."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    authors_ok: int = 0
    authors_n: int = 0
    titles_ok: int = 0
    titles_n: int = 0
    seconds: float = 0.0
    pages: int = 0
    errors: list[str] = field(default_factory=list)


def norm(text: str | None) -> str:
    """Compare texts with spacing, case and Unicode composition evened out."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def authors_right(predicted: tuple[str, ...], expected: str | list[str] | None) -> bool:
    """Right when both name nobody, or when every predicted name is in the expected byline."""
    if isinstance(expected, list):
        expected = "; ".join(expected)
    wanted = norm(_BY.sub("", expected or ""))
    if not wanted:
        return not predicted
    return bool(predicted) and all(norm(name) in wanted for name in predicted)


# ---------------------------------------------------------------- the systems


def systems(with_metadata: bool) -> dict[str, Callable[[bytes, str | None], Result]]:
    import lxml.html
    import trafilatura
    from readability import Document

    from cleaner import Cleaner

    cleaner = Cleaner()

    def ours(html: bytes, url: str | None) -> Result:
        article = cleaner.clean(html, url=url, kind="html")
        return Result(article.body, article.authors, article.title)

    def trafilatura_run(fast: bool) -> Callable[[bytes, str | None], Result]:
        def run(html: bytes, url: str | None) -> Result:
            if not with_metadata:
                return Result(trafilatura.extract(html, url=url, fast=fast) or "")
            out = trafilatura.extract(
                html, url=url, fast=fast, with_metadata=True, output_format="json"
            )
            if not out:
                return Result()
            data = json.loads(out)
            author = data.get("author") or ""
            names = tuple(a.strip() for a in author.split(";") if a.strip())
            return Result(data.get("text") or "", names, data.get("title"))

        return run

    def readability_run(html: bytes, url: str | None) -> Result:
        doc = Document(html, url=url)
        summary = doc.summary(html_partial=True)
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        return Result(text, (), doc.short_title())

    return {
        "cleaner": ours,
        "trafilatura default": trafilatura_run(False),
        "trafilatura fast": trafilatura_run(True),
        "readability-lxml": readability_run,
    }


def timed(run: Callable[[bytes, str | None], Result], html: bytes, url: str | None, tally: Tally):
    start = time.perf_counter()
    try:
        result = run(html, url)
    except Exception as exc:  # a benchmark counts failures, it does not stop on them
        tally.errors.append(f"{type(exc).__name__}: {exc}"[:120])
        result = Result()
    tally.seconds += time.perf_counter() - start
    tally.pages += 1
    return result


# ---------------------------------------------------------------- the corpora


def trafilatura_dev(root: Path, limit: int | None) -> list[tuple[bytes, str | None, dict]]:
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for key, entry in data.items():
        path = root / "pages" / entry["file"]
        if path.is_file():
            url = key.strip() if key.startswith("http") else None
            pages.append((path.read_bytes(), url, entry))
    return pages[:limit]


def readability_dev(root: Path, limit: int | None) -> list[tuple[bytes, str | None, dict]]:
    pages = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        source, meta = folder / "source.html", folder / "expected-metadata.json"
        if source.is_file() and meta.is_file():
            pages.append((source.read_bytes(), None, json.loads(meta.read_text("utf-8"))))
    return pages[:limit]


def _turns(runs: dict, i: int) -> list:
    """The systems in the order they take page ``i``: each goes first as often as the others."""
    items = list(runs.items())
    k = i % len(items)
    return items[k:] + items[:k]


def run_trafilatura_dev(pages, runs) -> dict[str, Tally]:
    """Systems take turns page by page (and change places each page), so that a slower or
    busier moment of the machine weighs on all of them alike."""
    tallies = {name: Tally() for name in runs}
    for i, (html, url, entry) in enumerate(pages):
        for name, run in _turns(runs, i):
            tally = tallies[name]
            text = norm(timed(run, html, url, tally).text)
            for snippet in entry.get("with", []):
                if norm(snippet) in text:
                    tally.tp += 1
                else:
                    tally.fn += 1
            for snippet in entry.get("without", []):
                if norm(snippet) in text:
                    tally.fp += 1
                else:
                    tally.tn += 1
    return tallies


def run_readability_dev(pages, runs) -> dict[str, Tally]:
    tallies = {name: Tally() for name in runs}
    for i, (html, url, meta) in enumerate(pages):
        for name, run in _turns(runs, i):
            tally = tallies[name]
            result = timed(run, html, url, tally)
            tally.authors_n += 1
            tally.authors_ok += authors_right(result.authors, meta.get("byline"))
            tally.titles_n += 1
            tally.titles_ok += norm(result.title) == norm(meta.get("title"))
    return tallies


def run_authors(pages, runs) -> dict[str, Tally]:
    """Author accuracy on the trafilatura-dev pages that are annotated with one."""
    tallies = {name: Tally() for name in runs}
    for i, (html, url, entry) in enumerate(p for p in pages if "author" in p[2]):
        for name, run in _turns(runs, i):
            tally = tallies[name]
            result = timed(run, html, url, tally)
            tally.authors_n += 1
            tally.authors_ok += authors_right(result.authors, entry.get("author"))
    return tallies


# ---------------------------------------------------------------- report


def _pct(num: int, den: int) -> str:
    return f"{100 * num / den:5.1f}%" if den else "   n/a"


def report_body(tallies: dict[str, Tally]) -> None:
    print(f"{'system':22} {'accuracy':>9} {'precision':>9} {'recall':>7} {'F1':>6} "
          f"{'pages/s':>8} {'ms/page':>8} errors")
    for name, t in tallies.items():
        precision = t.tp / (t.tp + t.fp) if t.tp + t.fp else 0.0
        recall = t.tp / (t.tp + t.fn) if t.tp + t.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{name:22} {_pct(t.tp + t.tn, t.tp + t.tn + t.fp + t.fn):>9} {precision:9.3f} "
            f"{recall:7.3f} {f1:6.3f} {t.pages / t.seconds:8.1f} "
            f"{1000 * t.seconds / t.pages:8.1f} {len(t.errors)}"
        )


def report_meta(tallies: dict[str, Tally], titles: bool) -> None:
    head = f"{'system':22} {'authors':>9}" + (f" {'titles':>9}" if titles else "")
    print(head + f" {'pages/s':>8} {'ms/page':>8} errors")
    for name, t in tallies.items():
        authors = _pct(t.authors_ok, t.authors_n) if t.authors_ok or name != "readability-lxml" \
            else "   n/a"
        line = f"{name:22} {authors:>9}"
        if titles:
            line += f" {_pct(t.titles_ok, t.titles_n):>9}"
        print(line + f" {t.pages / t.seconds:8.1f} {1000 * t.seconds / t.pages:8.1f} "
              f"{len(t.errors)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--skip-authors", action="store_true",
                        help="skip the author check on trafilatura-dev (the slowest part)")
    args = parser.parse_args(argv)
    tdev, rdev = args.corpora / "trafilatura-dev", args.corpora / "readability-dev"
    if not (tdev / "evaldata.json").is_file() or not rdev.is_dir():
        print(f"bench_html: corpora not found under {args.corpora}; nothing to measure.")
        return 0
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")

    pages = trafilatura_dev(tdev, args.limit)
    runs = systems(with_metadata=False)
    for html, url, _ in pages[:5]:  # warm up: imports, caches, compiled rules
        for run in runs.values():
            run(html, url)
    print(f"trafilatura-dev: {len(pages)} pages, "
          f"{sum(len(p[2].get('with', [])) for p in pages)} with / "
          f"{sum(len(p[2].get('without', [])) for p in pages)} without snippets (body text)")
    report_body(run_trafilatura_dev(pages, runs))

    meta_runs = systems(with_metadata=True)
    meta_runs.pop("readability-lxml")
    if not args.skip_authors:
        annotated = sum("author" in p[2] for p in pages)
        print(f"\ntrafilatura-dev authors: {annotated} annotated pages (metadata on)")
        report_meta(run_authors(pages, meta_runs), titles=False)

    rpages = readability_dev(rdev, args.limit)
    print(f"\nreadability-dev: {len(rpages)} pages, authors vs byline, titles (metadata on)")
    all_runs = systems(with_metadata=True)
    report_meta(run_readability_dev(rpages, all_runs), titles=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
