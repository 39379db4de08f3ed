"""Find rule files, parse them, and put the rules in the order they run: a RuleSet."""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .. import pattern_cache
from ..errors import RuleFileError
from ..pattern_cache import compile_cached
from .model import Gate, Rule, line_key
from .schema import parse_rule


def _builtin_folder() -> Path:
    """The packs shipped inside the package (``cleaner.rules``); in a source checkout that
    is not installed, the ``rules/`` folder beside the package."""
    try:  # (found, not imported: importlib.resources costs a one-page process 10 ms)
        spec = importlib.util.find_spec("cleaner.rules")
    except ModuleNotFoundError:
        spec = None
    folders = spec.submodule_search_locations if spec is not None else None
    if folders:
        return Path(next(iter(folders)))
    return Path(__file__).resolve().parents[2] / "rules"


#: The rule packs shipped inside the package.
BUILTIN_RULES = _builtin_folder()
#: Order of the built-in groups: the most specific knowledge first, generic chrome last.
GROUP_ORDER = ("sites", "print", "wire", "generic")
_TOP_KEYS = {"pack", "rule"}
_PACK_KEYS = {"description", "hosts", "signatures"}


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Compiled rules in the order they run, and the files they came from."""

    rules: tuple[Rule, ...]
    files: tuple[Path, ...] = ()

    def by_id(self, rule_id: str) -> Rule | None:
        """The rule with this id (or alias), if any."""
        for rule in self.rules:
            if rule.id == rule_id or rule_id in rule.aliases:
                return rule
        return None

    def without(self, disabled: Iterable[str]) -> RuleSet:
        """The same set less the named rules (ids or aliases)."""
        off = set(disabled)
        kept = tuple(r for r in self.rules if r.id not in off and not off.intersection(r.aliases))
        return RuleSet(kept, self.files)


def rule_files(folder: Path) -> list[Path]:
    """The rule files under ``folder``: built-in groups in their order, then any others."""
    found = sorted(p for p in folder.rglob("*.toml") if p.is_file())
    rank = {name: i for i, name in enumerate(GROUP_ORDER)}
    return sorted(found, key=lambda p: (rank.get(p.parent.name, -1), str(p)))


def each_once(files: Iterable[Path], taken: set[Path] | None = None) -> list[Path]:
    """``files`` in order, each file once, told apart by its resolved path: a folder given
    twice, or with one inside it, or a file given by its folder and by itself, is not read
    twice and refused for defining its own ids again. ``taken`` holds the resolved paths
    already read (updated with these).

    >>> each_once([Path("rules/a.toml"), Path("rules/../rules/a.toml"), Path("b.toml")])
    [PosixPath('rules/a.toml'), PosixPath('b.toml')]
    """
    seen = taken if taken is not None else set()
    kept = []
    for path in files:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            kept.append(path)
    return kept


def load_file(path: Path) -> list[Rule]:
    """Parse one rule file; refuse it with a breadcrumb error if anything is wrong."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = pattern_cache.tables().parse(text)
    except OSError as exc:
        raise RuleFileError(shown, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise RuleFileError(shown, "not UTF-8 text") from None
    except ValueError as exc:  # tomllib.TOMLDecodeError (imported only to parse)
        raise RuleFileError(shown, f"not valid TOML: {exc}") from None
    for key in data:
        if key not in _TOP_KEYS:
            raise RuleFileError(shown, "unknown top-level key (allowed: [pack], [[rule]])", key=key)
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise RuleFileError(shown, "a rule file holds one or more [[rule]] tables", key="rule")
    gate = _gate(data.get("pack", {}), shown, path.stem)
    lines = _id_lines(text)
    return [
        replace(
            parse_rule(
                table,
                path=shown,
                pack=path.stem,
                group=path.parent.name,
                line=_line_of(lines, table),
            ),
            gate=gate,
        )
        for table in tables
    ]


def _gate(pack: object, shown: str, name: str) -> Gate | None:
    """A site pack's gate from its [pack] table; ``None`` for packs that apply everywhere."""
    if not isinstance(pack, dict):
        raise RuleFileError(shown, "must be a table", key="pack")
    for key in pack:
        if key not in _PACK_KEYS:
            raise RuleFileError(
                shown, f"unknown key (allowed: {', '.join(sorted(_PACK_KEYS))})", key=f"pack.{key}"
            )
    hosts, signatures = pack.get("hosts", []), pack.get("signatures", [])
    for key, value in (("hosts", hosts), ("signatures", signatures)):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise RuleFileError(shown, "must be a list of non-empty strings", key=f"pack.{key}")
    if not hosts and not signatures:
        return None
    return Gate(
        name,
        tuple(h.lower().removeprefix("www.") for h in hosts),
        frozenset(line_key(s) for s in signatures),
    )


def load_rules(folders: Iterable[Path | str] = (), *, builtin: bool = True) -> RuleSet:
    """Load the caller's folders (first: they know their sites best) and the built-in packs.

    Raises :class:`RuleFileError` for a bad file or an id defined twice.
    """
    builtin_paths = list(_builtin_files()) if builtin else []
    # a built-in folder given as the caller's is not read twice either (its files' resolved
    # paths, asked only when the caller gives folders)
    taken = set(_builtin_resolved()) if folders and builtin else set()
    paths: list[Path] = []
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            raise RuleFileError(str(folder), "not a folder of rule files")
        paths.extend(each_once(rule_files(folder), taken))
    own = _all_rules(list(paths))
    if builtin:
        paths.extend(builtin_paths)
        # the built-in ids are taken first, so an id defined again is blamed on the caller's
        # file, not on the built-in pack it repeats (the rules still run the caller's first)
        seen: dict[str, Rule] = {}
        shipped = list(unique_rules(_builtin_rules(), seen))
        rules = [*unique_rules(own, seen), *shipped]
    else:
        rules = list(unique_rules(own))
    pattern_cache.save()  # the patterns compiled anew, for the next process
    return RuleSet(tuple(rules), tuple(paths))


def _all_rules(paths: list[Path]) -> Iterator[Rule]:
    for path in paths:
        yield from load_file(path)


@functools.cache
def _builtin_files() -> tuple[Path, ...]:
    """The built-in packs' files (:func:`rule_files` of :data:`BUILTIN_RULES`), listed once per
    process: they are package data, not a folder the caller edits (its folders are walked on
    every :func:`load_rules`). Walking the folder and stat-ing its files again cost each fresh
    Cleaner about 1.5 ms under the profiler. A process that edits them clears this,
    :func:`_builtin_resolved` and :func:`_builtin_rules` (``cache_clear``)."""
    return tuple(rule_files(BUILTIN_RULES))


@functools.cache
def _builtin_resolved() -> frozenset[Path]:
    """The resolved paths of :func:`_builtin_files`, once per process: what a caller's folder
    is told apart from (:func:`each_once`). Resolved on every :func:`load_rules` given
    folders, they cost about 0.2 ms a file (a fifth of a fresh Cleaner's CPU)."""
    return frozenset(path.resolve() for path in _builtin_files())


@functools.cache
def _builtin_rules() -> tuple[Rule, ...]:
    """The built-in packs, parsed and compiled once per process (rules are frozen values, so
    every Cleaner may share them): a Cleaner made per call, e.g. to explain, costs little."""
    return tuple(_all_rules(list(_builtin_files())))


def unique_rules(rules: Iterable[Rule], seen: dict[str, Rule] | None = None) -> Iterator[Rule]:
    """The rules, refusing an id (or alias) defined twice, here or among ``seen``."""
    seen = {} if seen is None else seen
    for rule in rules:
        for name in (rule.id, *rule.aliases):
            if name in seen:
                first = seen[name]
                raise RuleFileError(
                    rule.path,
                    f"id already defined in {first.path}:{first.line}",
                    rule=rule.id,
                    key="id",
                )
            seen[name] = rule
        yield rule


#: A line that sets a rule's id (``id = "pack.name"``); its value is the first group.
_ID_LINE = compile_cached(r"""(?m)^\s*id\s*=\s*["']([^"'\n]*)["']""")


def _line_of(lines: dict[str, int], table: object) -> int:
    """The line of a rule table's id (:func:`_id_lines`); 0 where it has none."""
    rule_id = table.get("id") if isinstance(table, dict) else None
    return lines.get(rule_id, 0) if isinstance(rule_id, str) else 0


def _id_lines(text: str) -> dict[str, int]:
    """The line number of each id in a rule file's text: the first line that sets it."""
    lines: dict[str, int] = {}
    for found in _ID_LINE.finditer(text):
        lines.setdefault(found[1], text.count("\n", 0, found.start()) + 1)
    return lines
