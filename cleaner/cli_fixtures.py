"""``cleaner-fixtures``: check fixtures against their expected Articles, or rewrite them.

    cleaner-fixtures check  [PATH ...] [--rules DIR]... [--no-builtin] [-j N] [-v] [--accept]
    cleaner-fixtures update [PATH ...] [--rules DIR]... [--no-builtin] [--with-removed]

A PATH is a folder (searched recursively) or a file of a fixture (``.txt``, ``.html``,
``.json`` or ``.url``); with none, ``fixtures/`` in the working folder.

``check --accept`` records today's output of every field that misses its expectation as a
known failure (``NAME.known.json``, see :mod:`cleaner.known`) and drops fixed entries; it is
the only way entries are written. ``update`` rewrites expectations but keeps the expected value
of every field listed as a known failure.

Exit codes: 0 every fixture holds (check) or was written (update), 1 some fixture failed (or
a path is not there, or the paths hold no fixture), 2 usage or rule-file error, 130
interrupted.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import __version__, known
from .api import Cleaner
from .cli_common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, run_main
from .errors import CleanerError, FixtureError, RuleFileError
from .fixtures import KNOWN_KEYS, Fixture, Outcome, check, discover, dump, report, write_atomic

DEFAULT_FOLDER = "fixtures"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner-fixtures",
        description="Regression fixtures: pages with the Article expected from each.",
        epilog="Exit codes: 0 all hold, 1 some fixture failed or none was found,"
        " 2 usage or rule-file error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, text in (
        ("check", "clean every fixture and show how each differs from its expectation"),
        ("update", "rewrite expectations from the current output (after a deliberate change)"),
    ):
        sub = commands.add_parser(name, help=text, description=text)
        sub.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help=f"fixture folders or files (default: {DEFAULT_FOLDER}/)",
        )
        sub.add_argument(
            "--rules",
            action="append",
            default=[],
            metavar="DIR",
            help="an extra rule folder (repeatable); runs before the built-in packs",
        )
        sub.add_argument(
            "--no-builtin", action="store_true", help="do not load the built-in rule packs"
        )
        sub.add_argument(
            "-j",
            "--jobs",
            type=int,
            default=1,
            metavar="N",
            help="clean N fixtures at once; 0 uses every core (default 1)",
        )
        sub.add_argument("-v", "--verbose", action="store_true", help="name every fixture")
        if name == "check":
            sub.add_argument(
                "--accept",
                action="store_true",
                help="record each field that misses its expectation now as a known failure "
                "(NAME.known.json), and drop the entries of fixed fields",
            )
        if name == "update":
            removed = sub.add_mutually_exclusive_group()
            removed.add_argument(
                "--with-removed",
                dest="removed",
                action="store_const",
                const=True,
                help="write 'removed' (rule id and text of each removal) into every expectation",
            )
            removed.add_argument(
                "--without-removed",
                dest="removed",
                action="store_const",
                const=False,
                help="leave 'removed' out of every expectation",
            )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``check`` or ``update``; returns the exit code."""
    return run_main(_run, argv, "cleaner-fixtures")


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.jobs < 0:
        parser.error("--jobs takes 0 (every core) or more")
    paths = args.paths
    if not paths:
        if not Path(DEFAULT_FOLDER).is_dir():
            parser.error(f"no {DEFAULT_FOLDER}/ folder here: name the fixture folders or files")
        paths = [DEFAULT_FOLDER]
    options = (tuple(args.rules), not args.no_builtin)
    _CLEANERS.clear()  # rule files may have changed since an earlier call in this process
    try:
        _cleaner(options)  # a bad rule file stops everything, before any fixture is read
    except RuleFileError as exc:
        print(f"cleaner-fixtures: {exc}", file=sys.stderr)
        return EXIT_USAGE
    # A path that is not there, or inputs that hold no fixture, fail the run as cleaner's
    # missing page and empty folder do (exit 1, SPEC: an input failed), the others checked.
    there = [path for path in paths if os.path.exists(path)]
    for path in paths:
        if path not in there:
            print(f"cleaner-fixtures: {path}: no such file or folder", file=sys.stderr)
    try:
        fixtures = discover(there)
    except FixtureError as exc:
        print(f"cleaner-fixtures: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if not fixtures:
        if there:
            print(f"cleaner-fixtures: no fixtures in {', '.join(there)}", file=sys.stderr)
        return EXIT_FAILED
    outcomes = _outcomes(fixtures, options, args.jobs)
    if args.command == "check":
        code = _accept(outcomes, args.verbose) if args.accept else _check(outcomes, args.verbose)
    else:
        code = _update(outcomes, args.removed, args.verbose)
    return EXIT_FAILED if len(there) < len(paths) else code


def _check(outcomes: Iterator[Outcome], verbose: bool) -> int:
    passed = failed = with_known = 0
    for outcome in outcomes:
        if outcome.ok:
            passed += 1
            listed = outcome.known_fields
            with_known += bool(listed)
            if verbose:
                note = f" (known failures: {', '.join(listed)})" if listed else ""
                print(f"ok   {outcome.fixture.shown}{note}")
            continue
        failed += 1
        print("\n".join(report(outcome)), flush=True)
    known_note = f" ({with_known} with known failures)" if with_known else ""
    print(f"{passed} passed{known_note}, {failed} failed")
    if failed:
        print(
            "After a deliberate change, `cleaner-fixtures update` rewrites the expectations; "
            "`cleaner-fixtures check --accept` records fields still wrong as known failures."
        )
    return EXIT_FAILED if failed else EXIT_OK


def _accept(outcomes: Iterator[Outcome], verbose: bool) -> int:
    """Rewrite each fixture's known failures from today's output."""
    changed = unchanged = failed = 0
    for outcome in outcomes:
        fixture = outcome.fixture
        if outcome.error is not None or outcome.actual is None:
            failed += 1
            print(f"FAIL     {fixture.shown}: {outcome.error}", flush=True)
            continue
        before = fixture.load_known()
        after = known.accepted(outcome.actual, outcome.differing, before)
        if after == before:
            unchanged += 1
            if verbose:
                print(f"same     {fixture.shown}")
            continue
        changed += 1
        path = fixture.known_file
        if after:
            write_atomic(path, known.dump(after, KNOWN_KEYS))
        else:
            path.unlink()
        added = [f for f in after if f not in before]
        refreshed = [f for f in after if f in before and after[f].got != before[f].got]
        dropped = [f for f in before if f not in after]
        parts = [
            f"{label} {', '.join(fields)}"
            for label, fields in (("new", added), ("changed", refreshed), ("fixed", dropped))
            if fields
        ]
        print(f"accepted {fixture.shown}: " + "; ".join(parts))
    print(f"{changed} accepted, {unchanged} unchanged, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


def _update(outcomes: Iterator[Outcome], removed: bool | None, verbose: bool) -> int:
    changed = unchanged = failed = 0
    for outcome in outcomes:
        fixture = outcome.fixture
        if outcome.actual is None:  # the page could not be cleaned, or the JSON is broken
            failed += 1
            print(f"FAIL    {fixture.shown}: {outcome.error}{_unread_hint(fixture)}", flush=True)
            continue
        keep_removed = (
            removed
            if removed is not None
            else outcome.expected is None or "removed" in outcome.expected
        )
        new = dict(outcome.actual)
        for status in outcome.known:  # a known failure keeps its expectation: the truth
            if outcome.expected is not None and status.field in outcome.expected:
                new[status.field] = outcome.expected[status.field]
        if not keep_removed:
            new.pop("removed", None)
        text = dump(new)
        old = fixture.expected.read_text(encoding="utf-8") if fixture.expected.is_file() else None
        if old == text:
            unchanged += 1
            if verbose:
                print(f"same    {fixture.shown}")
            continue
        write_atomic(fixture.expected, text)
        changed += 1
        if outcome.expected is None:
            print(f"new     {fixture.shown}: wrote {fixture.expected.name}")
        else:
            before = outcome.expected
            fields = [k for k in KNOWN_KEYS if before.get(k) != new.get(k)] or ["formatting"]
            print(f"updated {fixture.shown}: {', '.join(fields)}")
    print(f"{changed} updated, {unchanged} unchanged, {failed} failed")
    return EXIT_FAILED if failed else EXIT_OK


def _unread_hint(fixture: Fixture) -> str:
    """What to do when ``update`` cannot read an expectation (a merge's conflict markers, a
    hand edit gone wrong): it keeps the file rather than lose what it held."""
    try:
        fixture.load_expected()
    except FixtureError:
        name = fixture.expected.name
        return (
            f" (update keeps a file it cannot read: correct {name}, or remove it to write it anew)"
        )
    return ""


_CLEANERS: dict[tuple[tuple[str, ...], bool], Cleaner] = {}


def _cleaner(options: tuple[tuple[str, ...], bool]) -> Cleaner:
    """One explaining Cleaner per option set and process (pool workers included)."""
    if options not in _CLEANERS:
        _CLEANERS[options] = Cleaner(rule_dirs=options[0], builtin=options[1], explain=True)
    return _CLEANERS[options]


def _check_one(fixture: Fixture, options: tuple[tuple[str, ...], bool]) -> Outcome:
    try:
        return check(fixture, _cleaner(options))
    except CleanerError as exc:
        return Outcome(fixture, error=str(exc))


def _outcomes(
    fixtures: list[Fixture], options: tuple[tuple[str, ...], bool], jobs: int
) -> Iterator[Outcome]:
    if jobs == 1 or len(fixtures) == 1:
        yield from (_check_one(f, options) for f in fixtures)
        return
    workers = jobs or os.cpu_count() or 1
    # ^C reaches every process of the terminal's group: a worker ends at once, in silence
    # (a waiting one printed a KeyboardInterrupt traceback), and this one drops the fixtures
    # not yet begun
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_end_at_interrupts)
    try:
        yield from pool.map(_check_one, fixtures, [options] * len(fixtures), chunksize=2)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _end_at_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
