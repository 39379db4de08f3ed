"""CPU seconds a page, the cleaner beside trafilatura's default, taking turns page by page: the
time ``count_html_instructions.py``'s instructions stand for, on the same footing.

Usage: python benchmarks/cpu_html.py [--part train|val] [--json OUT] [--limit N]

Both systems are built and warmed up as ``count_html_instructions.py`` does (its warm-up pages,
dateparser's locales and justext's stop words), then run on every page of the part (corpora
interleaved, the one going first changing each page), each call timed by the process's CPU
clock (``time.process_time``: user and system time, whatever else the machine runs). Prints
each system's CPU seconds and their ratio over the part and over the pages that
``count_html_instructions.py`` counts; where the two ratios and the instructions' disagree,
the cause is how fast each system's instructions run, not which pages are counted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
import time
import warnings
from typing import Any

import count_html_instructions as counting
import html_corpora as corpora
import html_systems

SYSTEMS = ("cleaner", "trafilatura default")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("train", "val"), default="train")
    parser.add_argument("--json", help="write each page's CPU seconds to this file")
    parser.add_argument("--limit", type=int, help="only the first N pages of each corpus")
    args = parser.parse_args(argv)
    try:
        counted, warm = counting.pages(args.part, counting.STRIDE)
        parts = corpora.load_parts(corpora.DEFAULT_CORPORA, corpora.SPLIT, args.part)
    except corpora.CorpusMissing as exc:
        print(f"cpu_html: {exc}; nothing to measure.")
        return 0
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")
    from cleaner.html.extract import warm_up

    runs, _ = html_systems.build(list(SYSTEMS), None)
    warm_up()
    for page in warm:
        for call in runs.values():
            with contextlib.suppress(Exception):  # a failure costs what it costs
                call(page.html, page.url)
    sample = {(page.corpus, page.key) for page in counted}
    queues = [list(listed)[: args.limit] for listed in parts.values()]
    pages = [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]
    rows = []
    for i, page in enumerate(pages):
        row: dict[str, Any] = {"corpus": page.corpus, "key": page.key}
        for name in SYSTEMS if i % 2 == 0 else SYSTEMS[::-1]:
            start = time.process_time()
            with contextlib.suppress(Exception):
                runs[name](page.html, page.url)
            row[name] = time.process_time() - start
        row["counted"] = (page.corpus, page.key) in sample
        rows.append(row)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(rows, out)
    for label, chosen in (
        (f"part {args.part}, {len(rows)} pages", rows),
        ("the counted pages", [row for row in rows if row["counted"]]),
    ):
        ours, theirs = (sum(row[name] for row in chosen) for name in SYSTEMS)
        ratio = theirs / ours if ours else 0.0
        print(f"{label}: cleaner {ours:.2f} s, trafilatura default {theirs:.2f} s: {ratio:.3f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
