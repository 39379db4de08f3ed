"""Benchmark: the cleaner beside trafilatura, readability-lxml, newspaper4k and rs-trafilatura.

One run over the HTML development corpora in ``../shared/corpora`` (trafilatura-dev,
readability-dev, wcxb-dev, fundus-dev), on one part of the fixed split by site
(``training/split.json``; the validation part by default). Per corpus and system: body
word-bag F1 (wcxb, fundus) or with/without snippet accuracy (trafilatura-dev), empty bodies,
authors, dates, titles, captions and photo credits (fundus), pages per second; then the
issue's bars, the cleaner against trafilatura's default. How each figure is scored:
``benchmarks/html_metrics.py``.

Systems take turns page by page, each going first as often as the others, all in this one
process (rs-trafilatura in a worker that times its own call), so that the machine's load
weighs on all alike. Run from the repository root::

    .venv/bin/python benchmarks/bench_html.py [--part val|train|all] [--corpus NAME ...]
        [--limit N] [--systems a,b] [--json OUT] [--rs-python PATH]

Without the corpora it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import html_corpora as corpora
import html_metrics as m
import html_systems as systems
from html_corpora import Page
from html_systems import Output

WARM_UP = 2
"""Pages of each corpus every system sees untimed first (imports, caches, compiled rules)."""


def warm_shared() -> None:
    """What the first pages needing them would pay, once a process, in libraries the systems
    share (dateparser's locales, justext's stop words: about 1 s of CPU each, see
    ``cleaner.html.extract.warm_up``), paid before the timing, as
    ``count_html_instructions.py`` pays it: else whichever system meets such a page first is
    charged for both (htmlspeed22: 0.44 s of CPU still to pay after the validation part's
    warm-up pages, about 1% of the cleaner's time over the part)."""
    from cleaner.html.extract import warm_up

    warm_up()


# ---------------------------------------------------------------- scoring one answer


def score(page: Page, out: Output, gives: frozenset[str]) -> dict[str, Any]:
    """The per-page figures of one system's answer; ``gives`` names the fields beside the body
    that the system produces (the others are not scored for it)."""
    gold = page.gold
    body = m.norm(out.body)
    rec: dict[str, Any] = {"empty": not out.body.strip() and gold.has_story}
    if gold.body is not None:
        rec["p"], rec["r"], rec["f1"] = m.bag_prf(out.body, gold.body)
    if gold.with_snippets or gold.without_snippets:
        rec["with"] = sum(m.norm(s) in body for s in gold.with_snippets)
        rec["with_n"] = len(gold.with_snippets)
        rec["without"] = sum(m.norm(s) in body for s in gold.without_snippets)
        rec["without_n"] = len(gold.without_snippets)
    if gold.authors is not None and "authors" in gives:
        rec["authors_ok"] = m.authors_match(out.authors, gold.authors)
        rec["named"] = gold.named
    if gold.date and "date" in gives:
        rec["date_ok"] = m.dates_match(out.date, gold.date)
    if gold.title and "title" in gives:
        rec["title_ok"] = m.titles_match(out.title, gold.title)
    if gold.captions is not None:
        in_gold_body = m.norm(gold.body)
        shown = [c for c in gold.captions if m.tokens(c.text)]  # a bare "-" is no caption
        stray = [c for c in shown if m.norm(c.text) not in in_gold_body]
        left = [c for c in stray if m.norm(c.text) in body]
        rec["cap_left"] = len(left)
        rec["cap_left_n"] = len(stray)
        # what kind of residue: a body line of its own (a caption form not read) or words
        # inside a longer line, and whether the caption was found all the same
        lines = {m.norm(line) for line in out.body.split("\n")}
        rec["cap_left_line"] = sum(m.norm(c.text) in lines for c in left)
        if "captions" in gives:
            rec["cap_left_found"] = sum(m.contained(c.text, out.captions or ()) for c in left)
        if "captions" in gives:
            pool = [*(out.captions or ()), *(out.credits or ())]
            credits = [cr for c in gold.captions for cr in c.credits if m.tokens(cr)]
            rec["cap"] = sum(m.contained(c.text, out.captions or ()) for c in shown)
            rec["cap_n"] = len(shown)
            rec["cred"] = sum(m.contained(cr, pool) for cr in credits)
            rec["cred_n"] = len(credits)
    return rec


# ---------------------------------------------------------------- tallies


@dataclass
class Tally:
    """One system on one corpus: its per-page records, summed up on demand."""

    recs: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0

    def _vals(self, key: str, where: Callable[[dict[str, Any]], bool] = bool) -> list[Any]:
        return [r[key] for r in self.recs if key in r and where(r)]

    def mean(self, key: str) -> float | None:
        """Mean of a per-page figure over the pages where it was measured."""
        vals = self._vals(key)
        return sum(vals) / len(vals) if vals else None

    def share(self, key: str, where: Callable[[dict[str, Any]], bool] = bool) -> tuple[int, int]:
        """(right, pages) of a per-page yes/no figure."""
        vals = self._vals(key, where)
        return sum(vals), len(vals)

    def ratio(self, key: str) -> tuple[int, int]:
        """(found, total) of a counted figure summed over pages (``key`` and ``key_n``)."""
        return sum(self._vals(key)), sum(self._vals(key + "_n"))

    def snippet_accuracy(self) -> tuple[int, int]:
        """(right, snippets): ``with`` snippets kept plus ``without`` snippets left out."""
        w, wn = self.ratio("with")
        wo, won = self.ratio("without")
        return w + (won - wo), wn + won

    def median_seconds(self) -> float:
        """The median time of one page (robust to a system's rare pathological page)."""
        return statistics.median(r["seconds"] for r in self.recs) if self.recs else 0.0

    @property
    def pages(self) -> int:
        return len(self.recs)

    @property
    def empty(self) -> int:
        return sum(r["empty"] for r in self.recs)


def _turns(names: list[str], i: int) -> Iterator[str]:
    """The systems in the order they take page ``i``: each goes first as often as the others."""
    k = i % len(names)
    yield from names[k:] + names[:k]


def run(
    pages: list[Page], runs: dict[str, systems.TimedRun], keep_bodies: bool, progress: bool
) -> tuple[dict[str, dict[str, Tally]], list[dict[str, Any]]]:
    """Every page through every system; tallies by corpus and system, and per-page rows."""
    names = list(runs)
    tallies: dict[str, dict[str, Tally]] = {}
    rows: list[dict[str, Any]] = []
    for i, page in enumerate(pages):
        row: dict[str, Any] = {
            "corpus": page.corpus,
            "key": page.key,
            "url": page.url,
            "systems": {},
        }
        for name in _turns(names, i):
            tally = tallies.setdefault(page.corpus, {n: Tally() for n in names})[name]
            error = None
            try:
                out, seconds = runs[name](page.html, page.url)
            except Exception as exc:  # a benchmark counts failures, it does not stop on them
                out, error = systems.failed(name), f"{type(exc).__name__}: {exc}"
                seconds = exc.seconds if isinstance(exc, systems.PageTimeout) else 0.0
                tally.errors += 1
            tally.seconds += seconds
            rec = score(page, out, systems.FIELDS[name])
            rec["seconds"] = seconds
            tally.recs.append(rec)
            row["systems"][name] = {
                **rec,
                "seconds": round(seconds, 4),
                "error": error,
                "title": out.title,
                "authors": out.authors,
                "date": out.date,
                "captions": out.captions,
                "body_words": len(m.tokens(out.body)),
                **({"body": out.body} if keep_bodies else {}),
            }
        rows.append(row)
        if progress and (i + 1) % 50 == 0:
            print(f"  {i + 1}/{len(pages)} pages", file=sys.stderr, flush=True)
    return tallies, rows


# ---------------------------------------------------------------- report


def _pct(pair: tuple[int, int]) -> str:
    right, n = pair
    return f"{100 * right / n:.1f}" if n else "n/a"


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _rate(t: Tally) -> float:
    return t.pages / t.seconds if t.seconds else 0.0


def _columns(corpus: str, t0: Tally) -> list[tuple[str, Callable[[Tally], str]]]:
    """The table's columns for one corpus: only the figures its gold allows."""
    cols: list[tuple[str, Callable[[Tally], str]]] = []
    if any("f1" in r for r in t0.recs):
        cols += [
            ("F1", lambda t: _num(t.mean("f1"))),
            ("P", lambda t: _num(t.mean("p"))),
            ("R", lambda t: _num(t.mean("r"))),
        ]
    if any("with_n" in r for r in t0.recs):
        cols += [
            ("w/wo%", lambda t: _pct(t.snippet_accuracy())),
            ("with%", lambda t: _pct(t.ratio("with"))),
            ("wout%", lambda t: _pct(t.ratio("without"))),
        ]
    cols += [("empty", lambda t: str(t.empty))]
    cols += [
        ("auth%", lambda t: _pct(t.share("authors_ok"))),
        ("named%", lambda t: _pct(t.share("authors_ok", lambda r: r.get("named", False)))),
        ("date%", lambda t: _pct(t.share("date_ok"))),
        ("title%", lambda t: _pct(t.share("title_ok"))),
    ]
    if any("cap_left_n" in r for r in t0.recs):
        cols += [
            ("cap%", lambda t: _pct(t.ratio("cap"))),
            ("cred%", lambda t: _pct(t.ratio("cred"))),
            ("capbody%", lambda t: _pct(t.ratio("cap_left"))),
        ]
    cols += [
        ("pages/s", lambda t: f"{_rate(t):.1f}"),
        ("ms p50", lambda t: f"{1000 * t.median_seconds():.0f}"),
        ("err", lambda t: str(t.errors)),
    ]
    return cols


def _gold_counts(corpus: str, t0: Tally) -> str:
    named = sum(r.get("named", False) for r in t0.recs)
    parts = [f"{t0.pages} pages"]
    if any("with_n" in r for r in t0.recs):
        parts.append(f"{t0.ratio('with')[1]} with / {t0.ratio('without')[1]} without snippets")
    parts += [
        f"author gold on {sum('authors_ok' in r for r in t0.recs)} ({named} naming people)",
        f"date gold on {sum('date_ok' in r for r in t0.recs)}",
        f"title gold on {sum('title_ok' in r for r in t0.recs)}",
    ]
    if any("cap_n" in r for r in t0.recs):
        parts.append(f"{t0.ratio('cap')[1]} captions, {t0.ratio('cred')[1]} credits")
    return ", ".join(parts)


def report(tallies: dict[str, dict[str, Tally]]) -> None:
    """One table per corpus, systems as rows."""
    for corpus, by_system in tallies.items():
        # the gold counts come from a system that gives every field
        t0 = max(by_system.values(), key=lambda t: sum(len(r) for r in t.recs))
        cols = _columns(corpus, t0)
        print(f"\n{corpus}: {_gold_counts(corpus, t0)}")
        print(f"{'system':20}" + "".join(f"{h:>9}" for h, _ in cols))
        for name, t in by_system.items():
            print(f"{name:20}" + "".join(f"{f(t):>9}" for _, f in cols))


def caption_residue(tallies: dict[str, dict[str, Tally]], name: str = "cleaner") -> list[str]:
    """What the caption text left in one system's bodies is, in counts only: captions left,
    on how many pages, how many are a body line of their own, how many its captions hold."""
    lines = []
    for corpus, by in tallies.items():
        t = by.get(name)
        if t is None or not any("cap_left_n" in r for r in t.recs):
            continue
        left = sum(t._vals("cap_left"))
        pages = sum(1 for r in t.recs if r.get("cap_left"))
        own = sum(t._vals("cap_left_line"))
        found = sum(t._vals("cap_left_found"))
        lines.append(
            f"{corpus} {name}: {left} captions left in the body on {pages} pages, {own} of them "
            f"a body line of their own, {found} also among its captions"
        )
    return lines


def _overall_rate(tallies: dict[str, dict[str, Tally]], name: str) -> float:
    pages = sum(by[name].pages for by in tallies.values() if name in by)
    seconds = sum(by[name].seconds for by in tallies.values() if name in by)
    return pages / seconds if seconds else 0.0


def bars(tallies: dict[str, dict[str, Tally]]) -> list[tuple[bool, str]]:
    """Issue 8's bars, the cleaner against trafilatura's default: (met, line) each."""
    ours, base = "cleaner", "trafilatura default"
    lines: list[tuple[bool, str]] = []

    def share(t: Tally, key: str, named: bool = False) -> float | None:
        right, n = t.share(key, (lambda r: r.get("named", False)) if named else bool)
        return 100 * right / n if n else None

    for corpus, by in tallies.items():
        if ours not in by or base not in by:
            continue
        c, b = by[ours], by[base]
        for label, key, named, margin in (
            ("authors", "authors_ok", False, 10.0),
            ("authors (bylines naming people)", "authors_ok", True, 10.0),
            ("dates", "date_ok", False, 0.0),
            ("titles", "title_ok", False, 10.0),
        ):
            x, y = share(c, key, named), share(b, key, named)
            if x is not None and y is not None:
                need = min(y + margin, 100.0)  # a margin over a near-perfect score: all right
                lines.append(
                    (x >= need, f"{corpus} {label}: {x:.1f}% vs {y:.1f}% (need ≥ {need:.1f}%)")
                )
        if corpus in ("wcxb-dev", "fundus-dev"):
            x2, y2 = c.mean("f1"), b.mean("f1")
            if x2 is not None and y2 is not None:
                need = min(y2 + 0.01, 1.0)
                lines.append(
                    (x2 >= need, f"{corpus} body F1: {x2:.3f} vs {y2:.3f} (need ≥ {need:.3f})")
                )
        if corpus == "trafilatura-dev":
            (cr, cn), (br, bn) = c.snippet_accuracy(), b.snippet_accuracy()
            if cn and bn:
                lines.append(
                    (
                        cr / cn >= br / bn,
                        f"{corpus} with/without accuracy: "
                        f"{100 * cr / cn:.1f}% vs {100 * br / bn:.1f}%",
                    )
                )
        lines.append(
            (
                c.empty == 0,
                f"{corpus} pages with a story and an empty body: {c.empty} (trafilatura {b.empty})",
            )
        )
        if corpus == "fundus-dev":
            for label, key, want, above in (
                ("caption recall", "cap", 0.90, True),
                ("photo-credit recall", "cred", 0.90, True),
                ("caption text left in the body", "cap_left", 0.02, False),
            ):
                right, n = c.ratio(key)
                if n:
                    v = right / n
                    lines.append(
                        (
                            v >= want if above else v <= want,
                            f"{corpus} {label}: {100 * v:.1f}% "
                            f"(need {'≥' if above else '≤'} {100 * want:.0f}%)",
                        )
                    )
    x, y = _overall_rate(tallies, ours), _overall_rate(tallies, base)
    if not (x and y):
        return lines
    rs = (
        _overall_rate(tallies, "rs-trafilatura")
        if any("rs-trafilatura" in by for by in tallies.values())
        else None
    )
    rs_note = f"; rs-trafilatura {rs:.1f}" if rs else "; rs-trafilatura not run"
    lines.append((x >= y, f"speed: {x:.1f} pages/s vs {y:.1f} ({x / y:.2f}×, aim 1.5×{rs_note})"))
    return lines


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the benchmark, print the tables and the bars."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=corpora.DEFAULT_CORPORA)
    parser.add_argument(
        "--part",
        choices=("val", "train", "all"),
        default="val",
        help="part of training/split.json to run on (default: val)",
    )
    parser.add_argument(
        "--corpus",
        action="append",
        choices=corpora.CORPORA,
        help="only this corpus (repeatable; default: all four)",
    )
    parser.add_argument("--limit", type=int, help="only the first N pages of each corpus")
    parser.add_argument(
        "--systems",
        default=",".join(systems.SYSTEMS),
        help="comma-separated system names (default: all)",
    )
    parser.add_argument("--json", type=Path, help="write per-page results to this file")
    parser.add_argument(
        "--json-bodies", action="store_true", help="with --json, include each system's body text"
    )
    parser.add_argument(
        "--rs-python",
        type=Path,
        help="a Python with rs-trafilatura (default: .venv-rs/bin/python or $RS_PYTHON)",
    )
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.systems.split(",") if n.strip()]
    unknown = [n for n in names if n not in systems.SYSTEMS]
    if unknown:
        parser.error(f"unknown system(s) {', '.join(unknown)}; known: {', '.join(systems.SYSTEMS)}")
    try:
        by_corpus = {
            c: pages[: args.limit]
            for c, pages in corpora.load_parts(
                args.corpora, corpora.SPLIT, args.part, args.corpus
            ).items()
        }
    except corpora.CorpusMissing as exc:
        print(f"bench_html: {exc}; nothing to measure.")
        return 0
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")

    runs, notes = systems.build(names, args.rs_python)
    for note in notes:
        print(f"note: {note}")
    warm_shared()
    for pages in by_corpus.values():  # warm up
        for page in pages[:WARM_UP]:
            for name, call in runs.items():
                try:
                    call(page.html, page.url)
                except Exception:  # counted in the timed run
                    print(f"note: {name} failed on warm-up page {page.key}", file=sys.stderr)
    # corpora interleaved page by page, so no system meets one corpus at a quieter moment
    queues = [list(p) for p in by_corpus.values()]
    pages = [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]
    load = os.getloadavg()
    print(
        f"part {args.part}: {len(pages)} pages; load average at start "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores"
    )
    tallies, rows = run(pages, runs, args.json_bodies, progress=True)
    for worker in runs.values():
        if isinstance(worker, systems.RsWorker):
            worker.close()
    tallies = {c: tallies[c] for c in by_corpus if c in tallies}
    report(tallies)
    for line in caption_residue(tallies):
        print(f"\n{line}")
    load = os.getloadavg()
    print(f"\nload average at end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("\nIssue 8 bars (cleaner vs trafilatura default):")
    for ok, line in bars(tallies):
        print(f"  {'✓' if ok else '✗'} {line}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nper-page results: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
