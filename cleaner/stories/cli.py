"""``cleaner-stories``: clean pages and say which are copies of one story.

One JSON object a line per input: ``path`` (and ``url`` when known), ``story`` (shared by every
copy of one story), ``relation`` to the story's representative (``copy``, ``edited``,
``reworded``) with its ``score``, and ``representative`` (the path of the fullest copy,
preferring one credited to the agency).

Exit codes as ``cleaner``'s: 0 every input grouped, 1 some input failed (the others are still
written), 2 usage error or an unreadable index, 130 interrupted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..api import Cleaner
from ..cli_common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, run_main
from ..errors import CleanerError, InputError

STDIN = "-"
#: File kinds read from a folder (others, such as JSON sidecars, are skipped).
_PAGE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".text")


@dataclass(frozen=True, slots=True)
class Source:
    """One page to group: its name (path), bytes, and URL when known."""

    path: str
    data: bytes
    url: str | None = None


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
        help="pages, folders of pages, .gz files; '-' or none reads one page from stdin",
    )
    parser.add_argument(
        "-f", "--format", choices=("jsonl",), default="jsonl", help="output format (jsonl)"
    )
    parser.add_argument(
        "--files-from", metavar="LIST", help="read input paths from a file, one a line"
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
    from .index import StoryIndex, StoryIndexError, rank
    from .signature import Signature, signature

    parser = build_parser()
    args = parser.parse_args(argv)
    inputs = list(args.inputs)
    if args.files_from:
        try:
            listed = Path(args.files_from).read_text("utf-8").splitlines()
        except OSError as exc:
            print(f"{args.files_from}: cannot read ({exc.strerror or exc})", file=sys.stderr)
            return EXIT_USAGE
        inputs.extend(line.strip() for line in listed if line.strip())
    if not inputs:
        inputs = [STDIN]
    if args.url and len(inputs) > 1:
        parser.error("--url names one page: give one input with it")
    if inputs.count(STDIN) > 1:
        parser.error("'-' (stdin) can be given once")
    try:
        index = StoryIndex.load(args.index) if args.index else StoryIndex()
    except StoryIndexError as exc:
        print(f"cleaner-stories: {exc}", file=sys.stderr)
        return EXIT_USAGE
    cleaner = Cleaner()
    status = EXIT_OK
    entries: list[tuple[Source, Signature]] = []
    for source in _sources(inputs, args.url):
        if isinstance(source, _Failure):
            print(f"{source.path}: {source.reason}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        try:
            article = cleaner.clean(source.data, url=source.url, kind=args.kind)
        except InputError as exc:
            print(f"{source.path}: {exc.reason}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        except CleanerError as exc:
            print(f"{source.path}: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        except RecursionError:
            print(f"{source.path}: markup nested too deeply to parse", file=sys.stderr)
            status = EXIT_FAILED
            continue
        entries.append((source, signature(article)))
    # The fullest copies first, so that each story grows from its best member.
    for source, sig in sorted(entries, key=lambda entry: rank(entry[1]), reverse=True):
        index.add(source.path, sig)
    for source, _ in entries:
        record: dict[str, object] = {"path": source.path}
        if source.url:
            record["url"] = source.url
        record.update(index.assignment(source.path).to_dict())
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    if args.save:
        try:
            index.save(args.save)
        except OSError as exc:
            print(f"{args.save}: cannot write ({exc.strerror or exc})", file=sys.stderr)
            return EXIT_FAILED
    return status


@dataclass(frozen=True, slots=True)
class _Failure:
    path: str
    reason: str


def _sources(inputs: list[str], url: str | None) -> Iterator[Source | _Failure]:
    """Pages from files, folders (recursively, page suffixes only), .gz files and stdin."""
    for name in inputs:
        if name == STDIN:
            yield Source("<stdin>", sys.stdin.buffer.read(), url)
            continue
        path = Path(name)
        if path.is_dir():
            pages = sorted(p for p in path.rglob("*") if p.is_file() and _is_page(p))
            if not pages:
                yield _Failure(name, "folder holds no pages")
            for page in pages:
                yield _read(page, url)
            continue
        yield _read(path, url)


def _is_page(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return name.endswith(_PAGE_SUFFIXES)


def _read(path: Path, url: str | None) -> Source | _Failure:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return _Failure(str(path), "no such file")
    except IsADirectoryError:
        return _Failure(str(path), "is a folder, not a page")
    except OSError as exc:
        return _Failure(str(path), f"cannot read ({exc.strerror or exc})")
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            return _Failure(str(path), "damaged gzip file")
    return Source(str(path), data, url)
