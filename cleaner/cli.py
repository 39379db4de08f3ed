"""``cleaner``: a filter. Pages in (files, ``-`` or stdin), stories out (stdout).

Exit codes: 0 all inputs cleaned, 1 any input failed (the others are still written),
2 usage or rule-file error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .api import Cleaner
from .cli_common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, run_main
from .errors import CleanerError, InputError, RuleFileError
from .render import FORMATS, explain_lines, render

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one input: its rendering, or the reason it failed."""

    name: str
    output: str | None = None
    error: str | None = None
    explained: tuple[str, ...] = ()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Clean news pages (HTML or plain-text dumps): the story alone on stdout.",
        epilog="Exit codes: 0 all cleaned, 1 some input failed, 2 usage or rule-file error.",
    )
    parser.add_argument(
        "inputs", nargs="*", metavar="FILE", help="pages to clean; '-' or none reads stdin"
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        default="text",
        help="output format (default: text, the body)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="record each removal with its rule id (json: 'removed'; text: on stderr)",
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
    parser.add_argument("--url", help="the page's URL (site rules, metadata); with one input")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument(
        "--html", dest="kind", action="store_const", const="html", help="treat inputs as HTML"
    )
    kind.add_argument(
        "--text", dest="kind", action="store_const", const="text", help="treat inputs as plain text"
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="clean N inputs at once; 0 uses every core (default 1)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the filter; returns the exit code."""
    return run_main(_run, argv)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    inputs = args.inputs or [STDIN]
    if args.url and len(inputs) > 1:
        parser.error("--url names one page: give one input with it")
    if args.jobs < 0:
        parser.error("--jobs takes 0 (every core) or more")
    if inputs.count(STDIN) > 1:
        parser.error("'-' (stdin) can be given once")
    options = _Options(
        tuple(args.rules),
        not args.no_builtin,
        args.explain,
        tuple(args.disable),
        args.format,
        args.url,
        args.kind,
    )
    try:
        options.cleaner()  # load the rules once up front, so a bad rule file stops everything
    except RuleFileError as exc:
        print(f"cleaner: {exc}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    outputs: list[str] = []
    total = len(inputs)
    progress = sys.stderr.isatty() and total > 1
    for done, result in enumerate(_results(inputs, options, args.jobs), start=1):
        if progress:
            print(f"\rcleaned {done}/{total}", end="", file=sys.stderr, flush=True)
        if result.error is not None:
            if progress:
                print(file=sys.stderr)
            print(f"{result.name}: {result.error}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        for line in result.explained:
            print(f"{result.name}: {line}" if total > 1 else line, file=sys.stderr)
        if args.format == "json" and total > 1:
            outputs.append(result.output or "")
        else:
            sys.stdout.write((result.output or "") + "\n")
            if args.format in ("text", "markdown") and total > 1:
                sys.stdout.write("\n")
    if progress:
        print(file=sys.stderr)
    if outputs:
        sys.stdout.write("[\n" + ",\n".join(outputs) + "\n]\n")
    sys.stdout.flush()
    return status


@dataclass(frozen=True, slots=True)
class _Options:
    rule_dirs: tuple[str, ...]
    builtin: bool
    explain: bool
    disable: tuple[str, ...]
    format: str
    url: str | None
    kind: str | None

    def cleaner(self) -> Cleaner:
        """The Cleaner for these options, compiled once per process (workers included)."""
        if self not in _CLEANERS:
            _CLEANERS[self] = Cleaner(
                rule_dirs=self.rule_dirs,
                builtin=self.builtin,
                explain=self.explain,
                disable=self.disable,
            )
        return _CLEANERS[self]


_CLEANERS: dict[_Options, Cleaner] = {}


def _results(inputs: list[str], options: _Options, jobs: int) -> Iterator[Result]:
    if jobs == 1 or len(inputs) == 1 or STDIN in inputs:
        yield from (clean_one(name, options) for name in inputs)
        return
    workers = jobs or os.cpu_count() or 1
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(clean_one, inputs, [options] * len(inputs), chunksize=4)


def clean_one(name: str, options: _Options) -> Result:
    """Read, clean and render one input; any failure becomes a one-line reason."""
    try:
        data = sys.stdin.buffer.read() if name == STDIN else Path(name).read_bytes()
    except FileNotFoundError:
        return Result(name, error="no such file")
    except IsADirectoryError:
        return Result(name, error="is a folder, not a page")
    except OSError as exc:
        return Result(name, error=f"cannot read ({exc.strerror or exc})")
    shown = "<stdin>" if name == STDIN else name
    try:
        article = options.cleaner().clean(data, url=options.url, kind=options.kind, name=None)  # type: ignore[arg-type]
    except InputError as exc:
        return Result(shown, error=exc.reason)
    except CleanerError as exc:
        return Result(shown, error=str(exc))
    except RecursionError:
        return Result(shown, error="markup nested too deeply to parse")
    except Exception as exc:
        return Result(
            shown, error=f"internal error ({type(exc).__name__}: {exc}); please report it"
        )
    explained = (
        tuple(explain_lines(article))
        if options.explain and options.format in ("text", "markdown")
        else ()
    )
    output = render(article, options.format, path=shown)
    return Result(shown, output=output, explained=explained)
