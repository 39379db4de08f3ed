"""What the three command-line programs share: exit codes, the entry-point wrapper and the
usage checks of a batch's inputs."""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO, TypeVar, cast

from .batch import DEFAULT_TIMEOUT
from .inputs import STDIN, STDIN_NAME, Source, count_sources

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

_T = TypeVar("_T")


def run_main(
    run: Callable[[Sequence[str] | None], int],
    argv: Sequence[str] | None,
    prog: str = "cleaner",
) -> int:
    """Call ``run(argv)``; ^C exits 130, and a closed pipe (``| head``) ends quietly as the
    Python docs advise, never with a traceback. Output that cannot be written (a full disk,
    ``> /dev/full``) is one line, ``prog: cannot write to stdout (reason)``, exit 1."""
    stdout = sys.stdout
    sys.stdout = cast(TextIO, _Stdout(stdout))
    try:
        return run(argv)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FAILED
    except StdoutError as exc:
        print(f"{prog}: cannot write to stdout ({exc})", file=sys.stderr)
        _silence_stdout()
        return EXIT_FAILED
    finally:
        sys.stdout = stdout


class StdoutError(Exception):
    """stdout refused a write for another reason than a closed pipe (the reason)."""


class _Stdout:
    """``sys.stdout`` during a run: a write or flush that fails, other than into a closed pipe,
    raises :class:`StdoutError`, so it is told apart from a failing output file."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._guarded(self._stream.write, text)

    def flush(self) -> None:
        self._guarded(self._stream.flush)

    @staticmethod
    def _guarded(call: Callable[..., _T], *args: Any) -> _T:
        """``call(*args)``, its OSError (but a closed pipe's) raised as StdoutError."""
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError(exc.strerror or str(exc)) from exc

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    """stdout to /dev/null, so that the interpreter's last flush at exit says nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def add_batch_options(group: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """A batch's ``--jobs`` and ``--timeout`` options (checked by :func:`check_batch_inputs`)."""
    group.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="clean N inputs at once; 0 uses every core (default 1)",
    )
    group.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"give up on an input after SECONDS (default {DEFAULT_TIMEOUT:g}; 0 or inf: no limit)",
    )


def check_batch_inputs(
    parser: argparse.ArgumentParser, args: argparse.Namespace, inputs: list[str]
) -> None:
    """The usage errors (exit 2) of a batch's inputs and options, before anything is read:
    ``--url`` with more than one page (or a folder or archive that may hold several),
    ``--jobs`` or ``--timeout`` below 0, stdin named twice, an unreadable ``--files-from``
    list."""
    if args.url and (len(inputs) > 1 or args.files_from):
        parser.error("--url names one page: give one input with it")
    if args.url and inputs != [STDIN] and count_sources(inputs, glob=args.glob, limit=1) != 1:
        # a folder or an archive: the URL would stand for every page's own (a WARC record's)
        parser.error(str(ManyPages(inputs[0], "may hold several")))
    if args.jobs < 0:
        parser.error("--jobs takes 0 (every core) or more")
    if not 0 <= args.timeout <= math.inf:  # nan too ('inf': no limit, as 0)
        parser.error("--timeout takes seconds (0: no limit)")
    if inputs.count(STDIN) + (args.files_from == STDIN) > 1:
        parser.error("'-' (stdin) can be read once")
    if args.files_from and args.files_from != STDIN:
        # why it cannot be read: a folder was refused as 'is a folder, not a page' (it is
        # no page), a missing list with only 'cannot read it'
        if os.path.isdir(args.files_from):
            parser.error(f"--files-from {args.files_from}: a folder, not a list of paths")
        if not os.path.exists(args.files_from):
            parser.error(f"--files-from {args.files_from}: cannot read it (no such file)")
        if not os.access(args.files_from, os.R_OK):
            parser.error(f"--files-from {args.files_from}: cannot read it (permission denied)")


class ManyPages(Exception):
    """``--url`` with an input that holds (or may hold) several pages."""

    def __init__(self, path: str, holds: str) -> None:
        super().__init__(
            f"--url names one page, and {path} {holds}: a batch's pages take their URLs from "
            "their WARC records, NAME.url files or canonical links"
        )


def shown_path(path: str) -> str:
    """An input as its pages' ``path`` names it (``-``: ``<stdin>``)."""
    return STDIN_NAME if path == STDIN else path


def one_page(sources: Iterable[Source], given: str) -> Iterator[Source]:
    """The sources of the one input ``given`` (as :func:`shown_path` names it) that ``--url``
    names, stopped with :class:`ManyPages` at an archive's record: a WARC or ARC known only
    once read (piped on stdin, or a file named as a page), whose records have URLs of their
    own, is refused as one given by its name is, before any page is cleaned."""
    for source in sources:
        if source.path.startswith(f"{given}#"):
            raise ManyPages(given, "is a WARC or ARC archive")
        yield source
