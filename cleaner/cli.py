"""``cleaner``: a filter. Pages in (files, ``-``, folders, lists of paths, gzip, WARC), stories
out (stdout, or one file per input in a folder).

Exit codes: 0 all inputs cleaned, 1 any input failed (the others are still written) or no page
was found in the inputs, 2 usage or rule-file error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from . import __version__
from .pattern_cache import compiled_once

with compiled_once():  # the imports' classes and stdlib patterns, compiled once (pattern_cache)
    from .api import Cleaner
    from .batch import BatchResult, run_batch
    from .cli_common import (
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
    from .cli_output import FolderWriter, Progress, StreamWriter, explained
    from .errors import RuleFileError, UnknownRuleError
    from .inputs import STDIN, ListError, Source, count_sources, iter_sources
    from .many import CleanWork, is_html, with_article
    from .passes.story import headline_path, model_path, model_version
    from .render import FORMATS

#: Said once on stderr, at the end, with ``--explain`` when an HTML page was given: trafilatura's
#: extraction of the story from the page names nothing of what it left out, so ``removed``
#: starts from what it kept (listing the rest would mean walking every page's text again).
EXTRACTION_NOTE = (
    "cleaner: note: --explain names what the rules and passes removed from the story "
    "trafilatura extracted; what the extraction left out of an HTML page (menus, sidebars, "
    "comments, ads) is not named"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Clean news pages (HTML or plain-text dumps): the story alone on stdout.",
        epilog="Exit codes: 0 all cleaned, 1 some input failed or no page was found,"
        " 2 usage or rule-file error, 130 interrupted.",
    )
    parser.add_argument(
        "inputs",
        nargs="*",
        metavar="PATH",
        help="pages, folders (searched recursively), gzip, WARC or ARC files; '-' or none: stdin",
    )
    parser.add_argument(
        "-f", "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="record each removal with its rule id (json: 'removed'; text: on stderr); on "
        "HTML, what trafilatura's extraction left out of the page is not listed",
    )
    parser.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="DIR",
        help="an extra rule folder (repeatable); runs before the built-in packs",
    )
    parser.add_argument(
        "--no-builtin", action="store_true", help="do not load the built-in rule packs"
    )
    parser.add_argument(
        "--disable", action="append", default=[], metavar="ID", help="leave out a rule (repeatable)"
    )
    parser.add_argument(
        "--url",
        help="the page's URL (site rules, metadata); with one input. In a batch each "
        "page's URL comes from its WARC record, a NAME.url file beside it, or its canonical link",
    )
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument(
        "--html", dest="kind", action="store_const", const="html", help="treat inputs as HTML"
    )
    kind.add_argument(
        "--text", dest="kind", action="store_const", const="text", help="treat inputs as plain text"
    )
    batch = parser.add_argument_group("batches")
    batch.add_argument(
        "--files-from", metavar="FILE", help="read more paths from FILE, one a line ('-': stdin)"
    )
    batch.add_argument(
        "--glob",
        action="append",
        default=[],
        metavar="PATTERN",
        help="files to take from folders (repeatable; default: pages, .gz, WARC and ARC files)",
    )
    batch.add_argument(
        "-o",
        "--output-dir",
        metavar="DIR",
        help="write one file per input under DIR, mirroring the inputs' paths, instead of stdout",
    )
    batch.add_argument(
        "--skip-existing",
        action="store_true",
        help="with -o: leave out inputs already written (resume an interrupted run)",
    )
    batch.add_argument(
        "--errors",
        choices=("stderr", "jsonl"),
        default="stderr",
        help="jsonl: also write each failed input as {path, error} in the jsonl stream",
    )
    batch.add_argument(
        "--allow-empty",
        action="store_true",
        help="a page with no story is not a failure: write its empty Article",
    )
    add_batch_options(batch)
    parser.add_argument(
        "--version", action=_Version, help="show the version (and the story model's) and exit"
    )
    return parser


class _Version(argparse.Action):
    """``--version``: the package's version and the shipped models', read only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(f"{parser.prog} {__version__} (story model {model_id()})")
        parser.exit()


def model_id() -> str:
    """The models' version name and the digest of their files: every retraining keeps the
    name, the digest tells two trainings apart (``story-crf-3, sha256 1a2b3c4d5e6f``)."""
    digest = hashlib.sha256()
    for path in (model_path(), headline_path()):
        with contextlib.suppress(OSError):
            digest.update(path.read_bytes())
    return f"{model_version()}, sha256 {digest.hexdigest()[:12]}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the filter; returns the exit code."""
    return run_main(_run, argv)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    inputs = args.inputs or ([] if args.files_from else [STDIN])
    _check(parser, args, inputs)
    try:
        cleaner = Cleaner(
            rule_dirs=args.rules,
            builtin=not args.no_builtin,
            explain=args.explain,
            disable=args.disable,
        )
    except RuleFileError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UnknownRuleError as exc:
        print(f"cleaner: --disable: {exc} (cleaner-rules list shows them)", file=sys.stderr)
        return EXIT_USAGE

    if (STDIN in inputs or args.files_from == STDIN) and sys.stdin.isatty():
        # a filter typed alone waits for its input: say what it waits for
        what = "paths, one a line" if args.files_from == STDIN else "a page"
        print(f"cleaner: reading {what} from the terminal; end with ^D", file=sys.stderr)
    bar = sys.stderr.isatty()  # the total is counted for the bar, else only up to 2
    total = (
        None if args.files_from else count_sources(inputs, glob=args.glob, limit=None if bar else 1)
    )
    single = total == 1 or (inputs == [STDIN] and not args.files_from)
    # the path of a page given alone (one file, or stdin): a page found in what was given (a
    # folder's file, an archive's record) is named in the output as a batch's pages are
    several = len(inputs) != 1 or args.files_from or os.path.isdir(inputs[0])
    alone = None if several else shown_path(inputs[0])
    progress = Progress(total, enabled=bar and not single)
    folder = FolderWriter(args.output_dir, args.format) if args.output_dir else None
    stream = StreamWriter(
        args.format,
        sys.stdout,
        errors_inline=args.errors == "jsonl",
        guard=progress.guard if sys.stdout.isatty() else contextlib.nullcontext,
        alone=alone,
        batch=bool(several) and folder is None,  # with -o DIR, stdout holds nothing
    )
    skipped: Counter[str] = Counter()
    html = _HtmlSeen(args.kind)
    sources = _sources(args, inputs, skipped, folder, alone, html, stream)
    work = CleanWork(cleaner, url=args.url, kind=args.kind, allow_empty=args.allow_empty)
    status = EXIT_OK
    seen = 0
    try:
        for raw in run_batch(sources, work, jobs=args.jobs, timeout=args.timeout or None):
            seen += 1
            result = with_article(raw)
            source, article, error = result.source, result.value, result.error
            if article is not None and folder is not None:
                error = folder.write(source, article)
            if article is not None and args.explain and args.format in ("text", "markdown"):
                _say(progress, explained(article, source, batch=source.path != alone))
            if article is not None and error is None and article.warnings:
                _say(progress, [f"{source.path}: warning: {line}" for line in article.warnings])
            if error is not None:
                status = EXIT_FAILED
                _say(progress, [f"{source.path}: {error}"])
                result = BatchResult(source, error=error)
            progress.step(result)
            if folder is None:
                stream.add(source, article if error is None else None, error)
    except ListError as exc:
        progress.close()
        print(f"cleaner: --files-from {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ManyPages as exc:
        progress.close()
        parser.error(str(exc))
    finally:
        stream.close()
    progress.close()
    if html.seen:
        print(EXTRACTION_NOTE, file=sys.stderr)
    if skipped:
        print(f"cleaner: passed over: {_summary(skipped)}", file=sys.stderr)
    if not seen and not skipped["already done"]:
        # nothing was cleaned: a folder or archive with no page (or a wrong --glob) fails the
        # run as an empty stdin does, so `cleaner crawl/ > out.jsonl && …` stops there
        print("cleaner: no pages found in the inputs", file=sys.stderr)
        return EXIT_FAILED
    return status


def _check(parser: argparse.ArgumentParser, args: argparse.Namespace, inputs: list[str]) -> None:
    """Usage errors (exit 2) before anything is read."""
    check_batch_inputs(parser, args, inputs)
    if args.skip_existing and not args.output_dir:
        parser.error("--skip-existing goes with -o DIR")
    if args.errors == "jsonl" and (args.format != "jsonl" or args.output_dir):
        parser.error("--errors jsonl goes with --format jsonl on stdout (not with -o DIR)")
    if args.output_dir and os.path.exists(args.output_dir) and not os.path.isdir(args.output_dir):
        parser.error(f"-o {args.output_dir}: not a folder")
    if args.output_dir:
        # made now: a folder that cannot be made or written fails the run once, not every input
        try:
            os.makedirs(args.output_dir, exist_ok=True)
        except OSError as exc:
            parser.error(f"-o {args.output_dir}: cannot make the folder ({exc.strerror or exc})")
        if not os.access(args.output_dir, os.W_OK | os.X_OK):
            parser.error(f"-o {args.output_dir}: cannot write in the folder")


def _sources(
    args: argparse.Namespace,
    inputs: list[str],
    skipped: Counter[str],
    folder: FolderWriter | None,
    alone: str | None,
    html: _HtmlSeen,
    stream: StreamWriter,
) -> Iterator[Source]:
    """The pages of the inputs, as the options say: those already written left out
    (``--skip-existing``), an archive refused at its first record with ``--url``, and with
    ``--explain`` each sniffed for HTML until one is. An archive makes the stream a batch's
    (on stdout), even one that holds no page."""
    sources = iter_sources(
        inputs,
        files_from=args.files_from,
        glob=args.glob,
        skipped=skipped,
        exclude=folder.exists if folder and args.skip_existing else None,
        on_archive=None if folder else stream.archive,
    )
    if args.url and alone is not None:
        sources = one_page(sources, alone)
    return html.watch(sources) if args.explain else sources


class _HtmlSeen:
    """Whether an HTML page went to be cleaned (for :data:`EXTRACTION_NOTE`): each page is
    sniffed here, before a worker takes it, until one is HTML."""

    def __init__(self, kind: str | None) -> None:
        self.kind = kind
        self.seen = False

    def watch(self, sources: Iterable[Source]) -> Iterator[Source]:
        for source in sources:
            if not self.seen and self.kind != "text":
                self.seen = self.kind == "html" or is_html(source)
            yield source


def _say(progress: Progress, lines: list[str]) -> None:
    if lines:
        with progress.guard():
            for line in lines:
                print(line, file=sys.stderr)


def _summary(skipped: Counter[str]) -> str:
    """``WARC request record (4), HTTP status 404 (1)``: most frequent first."""
    return ", ".join(f"{reason} ({count})" for reason, count in skipped.most_common())
