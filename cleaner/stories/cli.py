"""``cleaner-stories``: clean pages and say which are copies of one story.

One JSON object a line per input: ``path`` (and ``url`` when known), ``story`` (shared by every
copy of one story), ``relation`` to the story's representative (``copy``, ``edited``,
``reworded``) with its ``score``, and ``representative`` (the path of the fullest copy,
preferring one credited to the agency).

A page read from stdin is named ``<stdin>``, or ``<stdin>:N`` when the index loaded with
``--index`` already holds a ``<stdin>`` page (one of an earlier run): it is a new page, not
that one. (A file path the loaded index holds keeps its saved story.)

Exit codes as ``cleaner``'s: 0 every input grouped, 1 some input failed (the others are still
written), 2 usage error or an unreadable index, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import __version__
from ..api import Cleaner
from ..batch import failure_reason
from ..cli_common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, run_main
from ..errors import CleanerError
from ..inputs import STDIN, STDIN_NAME, ListError, iter_sources

if TYPE_CHECKING:
    from ..inputs import Source
    from .signature import Signature


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner-stories",
        description="Clean news pages and group them into stories: wire reprints, edited and "
        "reworded copies share a story id; other outlets' stories of the same event do not.",
        epilog="Exit codes: 0 all grouped, 1 some input failed, 2 usage or index error.",
    )
    parser.add_argument(
        "inputs",
        nargs="*",
        metavar="INPUT",
        help="pages, folders of pages, .gz files, WARC files; '-' or none reads stdin",
    )
    parser.add_argument(
        "-f", "--format", choices=("jsonl",), default="jsonl", help="output format (jsonl)"
    )
    parser.add_argument(
        "--files-from", metavar="LIST", help="read input paths from a file ('-': stdin), one a line"
    )
    parser.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help="the files of folders to read (repeatable; default: pages and WARC files)",
    )
    parser.add_argument(
        "--index",
        metavar="FILE",
        help="group against a saved index (from --save), e.g. last week's crawl",
    )
    parser.add_argument("--save", metavar="FILE", help="save the index after grouping")
    parser.add_argument("--url", help="the page's URL; with one input")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument(
        "--html", dest="kind", action="store_const", const="html", help="treat inputs as HTML"
    )
    kind.add_argument(
        "--text", dest="kind", action="store_const", const="text", help="treat inputs as text"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    return run_main(_run, argv)


def _run(argv: Sequence[str] | None) -> int:
    from .index import StoryIndex, StoryIndexError

    parser = build_parser()
    args = parser.parse_args(argv)
    inputs = list(args.inputs)
    if not inputs and not args.files_from:
        inputs = [STDIN]
    if args.url and (len(inputs) > 1 or args.files_from):
        parser.error("--url names one page: give one input with it")
    if inputs.count(STDIN) + (args.files_from == STDIN) > 1:
        parser.error("'-' (stdin) can be read once")
    if args.files_from and args.files_from != STDIN and not os.access(args.files_from, os.R_OK):
        parser.error(f"--files-from {args.files_from}: cannot read it")
    try:
        index = StoryIndex.load(args.index) if args.index else StoryIndex()
    except StoryIndexError as exc:
        print(f"cleaner-stories: {exc}", file=sys.stderr)
        return EXIT_USAGE
    cleaner = Cleaner()
    status = EXIT_OK
    seen = 0
    # Only names and signatures are kept (the index holds the signatures anyway), not pages.
    entries: list[tuple[str, str | None, Signature]] = []
    skipped: Counter[str] = Counter()
    sources = iter_sources(inputs, files_from=args.files_from, glob=args.glob, skipped=skipped)
    try:
        for source in sources:
            seen += 1
            status = _take(source, cleaner, args, entries) or status
    except ListError as exc:  # the list became unreadable (or is a folder)
        print(f"cleaner-stories: --files-from {exc}", file=sys.stderr)
        return EXIT_USAGE
    if skipped:
        summary = ", ".join(f"{reason} ({n})" for reason, n in skipped.most_common())
        print(f"cleaner-stories: passed over: {summary}", file=sys.stderr)
    if not seen:
        print("cleaner-stories: no pages found in the inputs", file=sys.stderr)
    if STDIN_NAME in index:  # a saved index holds an earlier stdin page: this one is new
        fresh = f"{STDIN_NAME}:{len(index)}"
        entries = [(fresh if p == STDIN_NAME else p, u, sig) for p, u, sig in entries]
    index.add_batch((path, sig) for path, _, sig in entries)
    for path, url, _ in entries:
        record: dict[str, object] = {"path": path}
        if url:
            record["url"] = url
        record.update(index.assignment(path).to_dict())
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if args.save:
        try:
            index.save(args.save)
        except OSError as exc:
            print(f"{args.save}: cannot write ({exc.strerror or exc})", file=sys.stderr)
            return EXIT_FAILED
    return status


def _take(
    source: Source,
    cleaner: Cleaner,
    args: argparse.Namespace,
    entries: list[tuple[str, str | None, Signature]],
) -> int:
    """Clean one input and keep its signature; returns EXIT_FAILED (the reason on stderr) if
    it cannot be read or cleaned, else EXIT_OK."""
    from .signature import signature

    if source.error is not None:
        print(f"{source.path}: {source.error}", file=sys.stderr)
        return EXIT_FAILED
    url = args.url or source.url
    try:
        article = cleaner.clean(source.data, url=url, kind=args.kind)
    except (CleanerError, RecursionError) as exc:  # as cleaner says it of a batch's input
        print(f"{source.path}: {failure_reason(exc)}", file=sys.stderr)
        return EXIT_FAILED
    entries.append((source.path, url, signature(article)))
    return EXIT_OK
