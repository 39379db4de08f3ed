"""``cleaner-stories``: clean pages and say which are copies of one story.

One JSON object a line per input: ``path`` (and ``url`` when known), ``story`` (shared by every
copy of one story), ``relation`` to the story's representative (``copy``, ``edited``,
``reworded``) with its ``score``, and ``representative`` (the path of the fullest copy,
preferring one credited to the agency); and ``joined`` where the page joined its story through
another member than the representative: that member's ``path``, the ``relation`` and ``score``
of the page to it, and the ``test`` it passed (``original``: the member is credited to the
story's agency, the wire's own version; ``contained``: the page is a verbatim part of it;
``representative``: the representative it was tested against has since been replaced).

A page read from stdin is named ``<stdin>``, or ``<stdin>:N`` when the index loaded with
``--index`` already holds a ``<stdin>`` page (one of an earlier run): it is a new page, not
that one. (A file path the loaded index holds keeps its saved story.)

Inputs are cleaned as ``cleaner`` cleans a batch (:class:`~cleaner.many.CleanWork` through
:func:`~cleaner.batch.run_batch`): the same URL for each page (``--url``, the WARC record, a
``NAME.url`` file, else the page's canonical link), the same ``--jobs`` and ``--timeout``, and
the same failures — an unreadable input, a page that cannot be cleaned, one that takes longer
than the timeout, and a page with no story (``no story found``: it cannot be a copy of one).

Exit codes as ``cleaner``'s: 0 every input grouped, 1 some input failed (the others are still
written) or no page was found in the inputs, 2 usage error or an unreadable index, 130
interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import __version__
from ..api import Cleaner
from ..batch import run_batch
from ..cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    ManyPages,
    add_batch_options,
    check_batch_inputs,
    one_page,
    run_main,
    shown_path,
)
from ..inputs import STDIN, STDIN_NAME, ListError, iter_sources
from ..many import CleanWork, with_article

if TYPE_CHECKING:
    from .signature import Signature


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner-stories",
        description="Clean news pages and group them into stories: wire reprints, edited and "
        "reworded copies share a story id; other outlets' stories of the same event do not.",
        epilog="Exit codes: 0 all grouped, 1 some input failed or no page was found,"
        " 2 usage or index error.",
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
    add_batch_options(parser)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    return run_main(_run, argv, "cleaner-stories")


def _run(argv: Sequence[str] | None) -> int:
    from .index import StoryIndex, StoryIndexError

    parser = build_parser()
    args = parser.parse_args(argv)
    inputs = _check(parser, args)
    try:
        index = StoryIndex.load(args.index) if args.index else StoryIndex()
    except StoryIndexError as exc:
        print(f"cleaner-stories: {exc}", file=sys.stderr)
        return EXIT_USAGE
    entries: list[tuple[str, str | None, Signature]] = []
    try:
        status = _clean(inputs, args, entries)
    except ListError as exc:  # the list became unreadable (or is a folder)
        print(f"cleaner-stories: --files-from {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ManyPages as exc:  # --url with a WARC piped in, or a WARC named as a page
        parser.error(str(exc))
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


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> list[str]:
    """The inputs (stdin when none is given); usage errors (exit 2) before anything is read."""
    inputs = list(args.inputs)
    if not inputs and not args.files_from:
        inputs = [STDIN]
    check_batch_inputs(parser, args, inputs)
    return inputs


def _clean(
    inputs: list[str], args: argparse.Namespace, entries: list[tuple[str, str | None, Signature]]
) -> int:
    """Clean the inputs as ``cleaner`` cleans a batch, keeping each page's name, URL and
    signature (not the page); returns EXIT_FAILED if some input failed (the reason on stderr),
    else EXIT_OK. Raises :class:`~cleaner.inputs.ListError` if the list becomes unreadable."""
    from .signature import signature

    # a page with no story fails, as cleaner's does by default: it cannot be a copy of one
    work = CleanWork(Cleaner(), url=args.url, kind=args.kind, allow_empty=False)
    status = EXIT_OK
    seen = 0
    skipped: Counter[str] = Counter()
    sources = iter_sources(inputs, files_from=args.files_from, glob=args.glob, skipped=skipped)
    if args.url and len(inputs) == 1 and not args.files_from:
        sources = one_page(sources, shown_path(inputs[0]))
    for raw in run_batch(sources, work, jobs=args.jobs, timeout=args.timeout or None):
        seen += 1
        result = with_article(raw)
        if result.value is None:
            print(f"{result.source.path}: {result.error}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        entries.append((result.source.path, result.source.url, signature(result.value)))
    if skipped:
        summary = ", ".join(f"{reason} ({n})" for reason, n in skipped.most_common())
        print(f"cleaner-stories: passed over: {summary}", file=sys.stderr)
    if not seen:  # nothing was cleaned: a failed run, as cleaner's
        print("cleaner-stories: no pages found in the inputs", file=sys.stderr)
        return EXIT_FAILED
    return status
