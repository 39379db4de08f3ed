"""``cleaner-rules``: rules as code under test.

    cleaner-rules list     [--rules DIR]... [--no-builtin]     one line per rule
    cleaner-rules show ID  [--rules DIR]... [--no-builtin]     one rule in full
    cleaner-rules test     [DIR ...] [--no-builtin] [-v]       run each rule's own examples,
                           [--fixtures FOLDER]...               and check its seen_in
    cleaner-rules unused   [FIXTURES ...] [--rules DIR]...     rules firing on no fixture
                           [--no-builtin]
    cleaner-rules validate [DIR ...] [--no-builtin]            check rule files, report every error

``test`` also checks each rule's ``seen_in``: every entry naming a fixture of the fixture
folders (``--fixtures``, default ``fixtures/`` when there is one) must see the rule fire;
other entries (corpus ids) are counted as not checked. ``unused`` lists the rules that fire
on none of the fixtures: those of the ``--rules`` folders when some are given (the built-in
packs still run after them, as in use), else the built-in packs'.

``test`` and ``validate`` work on the given folders (or rule files) and, with none, on the
built-in packs; given folders are also checked against the built-in packs for duplicate ids
unless ``--no-builtin``.

Exit codes: 0 all good, 1 a test failed, a file is invalid, or a given path is not there or
holds no rule file (for unused: no fixture), 2 usage or rule-file error (for list/show/test),
130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import regex

from . import __version__
from .cli_common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, run_main
from .engine import BUILTIN_RULES, RuleSet, load_rules
from .engine.loader import each_once, load_file, rule_files, unique_rules
from .engine.model import Rule
from .engine.selftest import Result, run_all
from .errors import FixtureError, RuleFileError
from .fixtures import discover
from .passes import PASSES, Pass, pass_by_id


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleaner-rules",
        description="List, show, test and validate cleaner rule files.",
        epilog="Exit codes: 0 all good, 1 a test failed, a file is invalid or a path holds"
        " nothing to check, 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    listing = commands.add_parser("list", help="one line per rule: id, pack, action, description")
    show = commands.add_parser("show", help="one rule in full: what it matches, its examples")
    show.add_argument("rule_id", metavar="ID", help="a rule id (or an alias)")
    for sub in (listing, show):
        sub.add_argument(
            "--rules",
            action="append",
            default=[],
            metavar="DIR",
            help="an extra rule folder (repeatable), listed before the built-in packs",
        )
        sub.add_argument(
            "--no-builtin", action="store_true", help="leave out the built-in rule packs"
        )
    test = commands.add_parser("test", help="run every rule's own examples and timing test")
    validate = commands.add_parser(
        "validate", help="check rule files: keys, patterns, examples, duplicate ids"
    )
    for sub in (test, validate):
        sub.add_argument(
            "paths",
            nargs="*",
            metavar="DIR",
            help="rule folders or files (default: the built-in packs)",
        )
        sub.add_argument(
            "--no-builtin",
            action="store_true",
            help="do not check the given folders' ids against the built-in packs",
        )
    test.add_argument("-v", "--verbose", action="store_true", help="name every rule tested")
    test.add_argument(
        "--fixtures",
        action="append",
        default=None,
        metavar="FOLDER",
        help="fixture folder for the seen_in check (repeatable; default: fixtures/ if present)",
    )
    test.add_argument("--no-fixtures", action="store_true", help="skip the seen_in check")
    unused = commands.add_parser("unused", help="the rules that fire on none of the fixtures")
    unused.add_argument(
        "fixtures", nargs="*", metavar="FIXTURES", help="fixture folders (default: fixtures/)"
    )
    unused.add_argument(
        "--rules",
        action="append",
        default=[],
        metavar="DIR",
        help="a rule folder (repeatable): its rules are listed, not the built-in packs' "
        "(which still run after them, as in use)",
    )
    unused.add_argument(
        "--no-builtin", action="store_true", help="leave the built-in packs out of the run"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code."""
    return run_main(_run, argv, "cleaner-rules")


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "unused" and not args.fixtures and not Path(DEFAULT_FIXTURES).is_dir():
        # as cleaner-fixtures: no folder named and none here is a usage error, not a failure
        parser.error(f"no {DEFAULT_FIXTURES}/ folder here: name the fixture folders")
    files: list[Path] = []
    paths: list[str] = args.paths if args.command in ("validate", "test") else []
    missing: list[_NoRuleFiles] = []
    if paths:
        # a path that is not there, or a folder with no rule file (a hook's wrong `args`),
        # fails the run as cleaner's missing page and empty folder do (exit 1), not a 'valid'
        # folder; the other paths are still checked
        files = _files(paths, missing)
        for problem in missing:
            print(f"cleaner-rules: {problem}", file=sys.stderr)
        if not files:
            return EXIT_FAILED
        paths = [path for path in paths if path not in {p.path for p in missing}]
    failed = EXIT_FAILED if missing else EXIT_OK
    if args.command == "validate":
        return max(failed, _validate(files, paths, builtin=not args.no_builtin))
    if args.command == "test":
        # Every error in every file first, as `validate` reports them: a file that cannot
        # load cannot be tested.
        errors = _errors(files, given=bool(paths), builtin=not args.no_builtin)
        if errors:
            _print_errors(errors, paths)
            return EXIT_FAILED
    try:
        if args.command == "test":
            rules, engine = _rules_under_test(files, builtin=not args.no_builtin)
        else:
            rules = load_rules(args.rules, builtin=not args.no_builtin)
    except RuleFileError as exc:
        print(f"cleaner-rules: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "list":
        _list(rules.rules)
        _list_passes(PASSES)
        return EXIT_OK
    if args.command == "show":
        rule = rules.by_id(args.rule_id)
        registered = pass_by_id(args.rule_id)
        if rule is None and registered is None:
            print(f"cleaner-rules: {_unknown(args.rule_id, rules, args.rules)}", file=sys.stderr)
            return EXIT_USAGE
        print("\n".join(describe(rule) if rule is not None else describe_pass(registered)))  # type: ignore[arg-type]
        return EXIT_OK
    if args.command == "unused":
        listed = _of_folders(rules) if args.rules else rules.rules
        return _unused(rules, listed, args.fixtures or [DEFAULT_FIXTURES])
    code = max(failed, _test(rules, args.verbose))
    if args.no_fixtures:
        return code
    folders = args.fixtures or ([DEFAULT_FIXTURES] if Path(DEFAULT_FIXTURES).is_dir() else [])
    return max(code, _seen_in(rules, engine, folders))


DEFAULT_FIXTURES = "fixtures"


def _seen_in(rules: RuleSet, engine: RuleSet, folders: list[str]) -> int:
    """Check each rule's seen_in against the fixtures; print failures and a summary."""
    from .evidence import check_seen_in

    try:
        results = check_seen_in(rules, folders, engine=engine)
    except FixtureError as exc:
        print(f"cleaner-rules: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not results:
        return EXIT_OK  # no rule lists where it was seen: nothing to say
    by_id = {rule.id: rule for rule in rules.rules}
    failed = [r for r in results if r.status == "fail"]
    for result in failed:
        rule = by_id[result.rule]
        where = f"{rule.path}:{rule.line}" if rule.line else rule.path
        print(f"{where}: {result.rule}: seen_in {result.entry!r}: {result.message}")
    checked = sum(r.status != "unchecked" for r in results)
    unchecked = len(results) - checked
    shown = ", ".join(folders) if folders else "no fixture folder"
    print(
        f"seen_in: {checked - len(failed)} of {checked} entries fire on their fixture ({shown}), "
        f"{unchecked} not fixtures here (not checked)"
    )
    return EXIT_FAILED if failed else EXIT_OK


def _of_folders(rules: RuleSet) -> tuple[Rule, ...]:
    """The rules not from the built-in packs (those of the ``--rules`` folders)."""
    builtin = BUILTIN_RULES.resolve()
    return tuple(r for r in rules.rules if not Path(r.path).resolve().is_relative_to(builtin))


def _unused(rules: RuleSet, listed: Sequence[Rule], folders: list[str]) -> int:
    """Print the ids of the ``listed`` rules that fire on none of the fixtures of ``folders``
    (cleaned with all of ``rules``)."""
    from .evidence import fired_on_fixtures, unused

    try:
        fixtures = discover(folders)
    except FixtureError as exc:  # a folder that is not there: a failed input, as in cleaner
        print(f"cleaner-rules: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if not fixtures:  # 'every rule fires on none of 0 fixtures' said nothing of the rules
        print(f"cleaner-rules: no fixtures in {', '.join(folders)}", file=sys.stderr)
        return EXIT_FAILED
    idle = unused(listed, fired_on_fixtures(rules, fixtures))
    for rule_id in idle:
        print(rule_id)
    print(
        f"{len(idle)} of {len(listed)} rules fire on none of {len(fixtures)} fixtures",
        file=sys.stderr,
    )
    return EXIT_OK


# ---------------------------------------------------------------- list / show


def _list(rules: Iterable[Rule]) -> None:
    rules = list(rules)
    if not rules:
        print("no rules")
        return
    width_id = max(len(r.id) for r in rules)
    width_pack = max(len(_pack(r)) for r in rules)
    width_action = max(len(_action(r)) for r in rules)
    for rule in rules:
        print(
            f"{rule.id:<{width_id}}  {_pack(rule):<{width_pack}}  "
            f"{_action(rule):<{width_action}}  {rule.description}"
        )


def _list_passes(passes: Iterable[Pass]) -> None:
    """The registered passes (code, not rule files), after the rules."""
    passes = list(passes)
    width = max(len(p.id) for p in passes)
    for item in passes:
        kind = "model" if item.id.startswith("model") else "structure"
        print(f"{item.id:<{width}}  pass/{kind}  {'+'.join(item.paths)}  {item.description}")


def describe_pass(item: Pass) -> list[str]:
    """The lines ``cleaner-rules show`` prints for a registered pass."""
    lines = [item.id, f"  {item.description}", "", f"  code:     {item.where}"]
    lines.append(f"  runs on:  {', '.join(item.paths)} pages")
    if item.examples:
        lines.extend(["", "  examples:"])
        lines.extend(f"    {example}" for example in item.examples)
    return lines


def _pack(rule: Rule) -> str:
    group = Path(rule.path).parent.name
    return f"{group}/{rule.pack}" if group else rule.pack


def _action(rule: Rule) -> str:
    if rule.field:
        return f"{rule.action.value}:{rule.field}"
    return rule.action.value


def _match_lines(rule: Rule) -> list[str]:
    """What a rule matches, as ``show`` prints it."""
    matcher = rule.matcher
    if matcher.phrases is not None:
        return [
            f"  matches:  the whole line is one of {len(matcher.phrases)} phrases:",
            *(f"            - {p}" for p in sorted(matcher.phrases)),
        ]
    if matcher.pattern is not None:
        case = ", ignoring case" if matcher.pattern.flags & regex.IGNORECASE else ""
        return [
            f"  matches:  regex on each {matcher.on.value}{case}:",
            *(f"            {line}" for line in matcher.pattern.pattern.splitlines()),
        ]
    return []


def _scope_lines(rule: Rule) -> list[str]:
    """Where on the page a rule applies, as ``show`` prints it (nothing when anywhere)."""
    scope = rule.scope
    where_parts = [
        f"{name} = {value}"
        for name, value in (
            ("top", scope.top),
            ("bottom", scope.bottom),
            ("after", scope.after),
            ("max_chars", scope.max_chars),
            ("kinds", ", ".join(sorted(scope.kinds)) if scope.kinds else None),
        )
        if value is not None
    ]
    if scope.once:
        where_parts.append("once")
    return [f"  scope:    {'; '.join(where_parts)}"] if where_parts else []


def describe(rule: Rule) -> list[str]:
    """The lines ``cleaner-rules show`` prints for a rule."""
    where = f"{rule.path}:{rule.line}" if rule.line else rule.path
    lines = [rule.id, f"  {rule.description}", "", f"  file:     {where}"]
    lines.append(f"  pack:     {_pack(rule)}")
    action = rule.action.value
    if rule.field:
        action += f" → field {rule.field!r} (take {rule.take})"
    lines.append(f"  action:   {action}")
    lines.extend(_match_lines(rule))
    lines.extend(_scope_lines(rule))
    if rule.gate is not None:
        hosts = ", ".join(rule.gate.hosts) or "none"
        lines.append(f"  site:     runs only on {hosts} (or pages with the pack's signatures)")
    if rule.why:
        lines.append(f"  why:      {rule.why}")
    if rule.aliases:
        lines.append(f"  aliases:  {', '.join(rule.aliases)}")
    if rule.seen_in:
        lines.append(f"  seen in:  {', '.join(rule.seen_in)}")
    examples = rule.examples
    if examples is not None:
        for title, items in (
            ("must match", examples.match),
            ("must not match", examples.no_match),
            ("known misses (todo)", examples.todo_match),
        ):
            if items:
                lines.extend(["", f"  {title}:"])
                lines.extend(f"    {text!r}" for text in items)
        if examples.cases:
            lines.extend(["", "  cases:"])
            for case in examples.cases:
                lines.append(f"    {case.input!r}")
                lines.append(f"      → output {case.output!r}")
                if case.value is not None:
                    lines.append(f"      → {rule.field} {case.value!r}")
    return lines


def _unknown(rule_id: str, rules: RuleSet, folders: list[str]) -> str:
    """Why ``show`` finds no rule ``rule_id``: close ids, and, when no ``--rules`` folder was
    given, that a user's pack is read with one (the folder ``rules/`` here named when it
    defines the id), where it said only 'no rule or pass'."""
    from difflib import get_close_matches  # here: only for an id not found

    known = [name for rule in rules.rules for name in (rule.id, *rule.aliases)]
    close = get_close_matches(rule_id, [*known, *(p.id for p in PASSES)], n=2)
    message = f"no rule or pass with id {rule_id!r}"
    if close:
        message += f" (did you mean {' or '.join(close)}?)"
    if folders:
        return message
    here = Path(DEFAULT_RULES)
    with contextlib.suppress(RuleFileError, OSError):
        if here.is_dir() and load_rules([here], builtin=False).by_id(rule_id) is not None:
            return f"{message}: {here}/ here defines it, read with --rules {here}"
    return f"{message}; a rule of your own pack is read with --rules DIR"


#: The folder of a user's rules beside their fixtures (as ``make_user_repo`` lays them out).
DEFAULT_RULES = "rules"


# ---------------------------------------------------------------- test


def _rules_under_test(files: list[Path], *, builtin: bool) -> tuple[RuleSet, RuleSet]:
    """The rules of the given rule files (checked for duplicate ids against the built-in
    packs), or the built-in packs when none are given; and the rule set they run in for the
    seen_in check (theirs first, then the built-in packs, as ``cleaner --rules`` runs them)."""
    if not files:
        loaded = load_rules()
        return loaded, loaded
    loaded = load_rules(builtin=builtin)  # the built-in ids, to catch a duplicate
    seen = {name: rule for rule in loaded.rules for name in (rule.id, *rule.aliases)}
    builtin_files = {p.resolve() for p in loaded.files}
    own: list[Rule] = []
    for path in files:
        if path.resolve() in builtin_files:
            continue  # our own packs, named by path: they are tested as they are
        own.extend(unique_rules(load_file(path), seen))
    if not own and builtin_files.intersection(p.resolve() for p in files):
        return loaded, loaded
    tested = RuleSet(tuple(own), tuple(files))
    return tested, RuleSet((*own, *loaded.rules), (*files, *loaded.files))


@dataclass(frozen=True)
class _NoRuleFiles:
    """A given path that is not there, or a folder that holds no rule file."""

    path: str
    reason: str

    def __str__(self) -> str:
        if self.reason == _NO_SUCH:
            return f"{self.path}: {self.reason}"
        return f"{self.reason} in {self.path}"


_NO_SUCH = "no such file or folder"


def _files(paths: Iterable[str], missing: list[_NoRuleFiles]) -> list[Path]:
    """The rule files of the given folders and files, in order, each once: a file reached
    twice (by its folder and by itself, or a folder and one inside it) is read once, not
    reported twice and taken for a second definition of its own ids. A path that holds no
    rule file is added to ``missing``."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = rule_files(path)
            if not found:
                missing.append(_NoRuleFiles(raw, "no rule files (*.toml)"))
        elif path.is_file():
            found = [path]
        else:
            found = []
            missing.append(_NoRuleFiles(raw, _NO_SUCH))
        files.extend(found)
    return each_once(files)


def _test(rules: RuleSet, verbose: bool) -> int:
    results = run_all(rules)
    failed = [r for r in results if r.status == "fail"]
    todo = [r for r in results if r.status == "todo"]
    notes = [r for r in results if r.status == "pass" and r.message.startswith("now matches")]
    by_rule: dict[str, list[Result]] = {}
    for result in results:
        by_rule.setdefault(result.check.rule.id, []).append(result)
    for rule_id, own in by_rule.items():
        bad = [r for r in own if r.status == "fail"]
        if verbose:
            print(f"{'FAIL' if bad else 'ok  '} {rule_id} ({len(own)} checks)")
        for result in bad:
            print(f"{result.where}: {rule_id}: {result.check.name}: {result.message}")
    for result in (*todo, *notes):
        print(f"{result.where}: {result.check.rule.id}: {result.check.name}: {result.message}")
    bad_rules = {r.check.rule.id for r in failed}
    print(
        f"{len(rules.rules) - len(bad_rules)} rules passed, {len(bad_rules)} failed "
        f"({len(results) - len(failed)} checks passed, {len(failed)} failed, {len(todo)} todo)"
    )
    return EXIT_FAILED if failed else EXIT_OK


# ---------------------------------------------------------------- validate


def validate(paths: Iterable[str], *, builtin: bool = True) -> list[RuleFileError]:
    """Every error in the given rule files (or the built-in packs): each file on its own,
    then ids defined twice, among the files and against the built-in packs."""
    paths = list(paths)
    missing: list[_NoRuleFiles] = []
    files = _files(paths, missing)
    found = _errors(files, given=bool(paths), builtin=builtin) if files or not paths else []
    return [RuleFileError(m.path, m.reason) for m in missing] + found


def _errors(files: list[Path], *, given: bool, builtin: bool) -> list[RuleFileError]:
    """:func:`validate` on files already listed (none given: the built-in packs)."""
    files = files if given else rule_files(BUILTIN_RULES)
    errors: list[RuleFileError] = []
    seen: dict[str, Rule] = {}
    if given and builtin:
        own = {p.resolve() for p in files}
        for path in rule_files(BUILTIN_RULES):
            if path.resolve() not in own:
                try:
                    rules = load_file(path)
                except RuleFileError:
                    continue  # the built-in packs are validated on their own
                seen.update({name: r for r in rules for name in (r.id, *r.aliases)})
    for path in files:
        try:
            rules = load_file(path)
        except RuleFileError as exc:
            errors.append(exc)
            continue
        for rule in rules:
            for name in (rule.id, *rule.aliases):
                first = seen.get(name)
                if first is not None:
                    what = "id" if name == rule.id else f"alias {name!r}"
                    errors.append(
                        RuleFileError(
                            rule.path,
                            f"{what} already defined in {first.path}:{first.line}",
                            rule=rule.id,
                            key="id" if name == rule.id else "aliases",
                        )
                    )
                else:
                    seen[name] = rule
    return errors


def _validate(files: list[Path], paths: list[str], *, builtin: bool) -> int:
    errors = _errors(files, given=bool(paths), builtin=builtin)
    if errors:
        _print_errors(errors, paths)
        return EXIT_FAILED
    print(f"{_shown(paths)}: valid")
    return EXIT_OK


def _shown(paths: list[str]) -> str:
    return ", ".join(paths) if paths else "the built-in packs"


def _print_errors(errors: list[RuleFileError], paths: list[str]) -> None:
    for error in errors:
        print(error)
    print(f"{len(errors)} error{'s' if len(errors) != 1 else ''} in {_shown(paths)}")
