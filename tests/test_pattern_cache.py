"""cleaner.pattern_cache: rule patterns compiled once and kept between processes — the same
patterns back, a changed pattern compiled anew, a damaged file ignored, writers that never
leave a part of a file."""

from __future__ import annotations

import multiprocessing
import tomllib
from pathlib import Path
from typing import Any

import pytest
import regex

from cleaner import pattern_cache as patterns
from cleaner.engine import load_rules
from cleaner.engine.loader import BUILTIN_RULES, rule_files
from cleaner.lexicon import NAMED_LISTS
from cleaner.pattern_cache import PatternStore

LISTS: dict[str, Any] = dict(NAMED_LISTS)


def _builtin_patterns() -> list[tuple[str, int, dict[str, Any]]]:
    """The built-in packs' patterns as the loader compiles them, with their examples' texts."""
    found = []
    for path in rule_files(BUILTIN_RULES):
        for table in tomllib.loads(path.read_text(encoding="utf-8"))["rule"]:
            match = table["match"]
            if "regex" in match:
                flags = regex.IGNORECASE if match.get("ignore_case", False) else 0
                found.append((match["regex"], flags | regex.VERSION0, LISTS))
    return found


def _texts() -> list[str]:
    texts = []
    for path in rule_files(BUILTIN_RULES):
        for table in tomllib.loads(path.read_text(encoding="utf-8"))["rule"]:
            examples = table.get("examples", {})
            texts += examples.get("match", []) + examples.get("no_match", [])
    return texts


def _never_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    def compile_recorded(*args: object) -> object:
        raise AssertionError("compiled though the cache holds it")

    monkeypatch.setattr(patterns, "compile_recorded", compile_recorded)


def test_the_packs_patterns_come_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every built-in pattern, compiled in one process and read back in the next, is the same
    pattern and finds the same spans in every example text of every rule."""
    fresh = PatternStore(tmp_path)
    compiled = [fresh.compile(*spec) for spec in _builtin_patterns()]
    fresh.save()
    _never_compiled(monkeypatch)
    again = PatternStore(tmp_path)
    texts = _texts()
    for spec, first in zip(_builtin_patterns(), compiled, strict=True):
        second = again.compile(*spec)
        assert (second.pattern, second.flags, second.groupindex) == (
            first.pattern,
            first.flags,
            first.groupindex,
        )
        for text in texts:
            one, other = first.search(text), second.search(text)
            assert (one and (one.span(), one.groups())) == (
                other and (other.span(), other.groups())
            )


def test_a_changed_pattern_or_list_is_compiled_anew(tmp_path: Path) -> None:
    store = PatternStore(tmp_path)
    store.compile(r"\L<words> news", 0, {"words": ("local", "world")})
    store.save()
    again = PatternStore(tmp_path)
    widened = again.compile(r"\L<words> news", 0, {"words": ("local", "world", "sport")})
    assert widened.search("sport news")
    assert again.compile(r"\L<words> views", 0, {"words": ("world",)}).search("world views")
    assert not again.compile(r"\L<words> news", 0, {"words": ("local",)}).search("world news")


def test_what_is_read_off_a_pattern_is_kept_beside_it(tmp_path: Path) -> None:
    """``derived``: computed once, read back in the next process under the pattern's key and
    the reading's name; another name, pattern or list is computed anew; what ``marshal``
    cannot write is computed every time."""
    calls: list[str] = []

    def reading(value: object) -> Any:
        def read() -> object:
            calls.append(repr(value))
            return value

        return read

    store = PatternStore(tmp_path)
    lists = {"words": ("local", "world")}
    assert store.derived(r"\L<words>", 0, lists, "edges-1-line", reading(("a", None, "b"))) == (
        "a",
        None,
        "b",
    )
    assert store.derived(r"\L<words>", 0, lists, "odd", reading({1, 2}.__iter__)) is not None
    store.save()
    again = PatternStore(tmp_path)
    kept = again.derived(r"\L<words>", 0, lists, "edges-1-line", reading("not asked"))
    assert kept == ("a", None, "b")
    assert again.derived(r"\L<words>", 0, lists, "edges-2-line", reading(1)) == 1
    assert again.derived(r"\L<words>", 0, {"words": ("local",)}, "edges-1-line", reading(2)) == 2
    assert again.derived(r"\L<words> x", 0, lists, "edges-1-line", reading(3)) == 3
    assert "'not asked'" not in calls and len(calls) == 5


def test_a_reading_of_none_or_a_falsy_value_is_kept_too(tmp_path: Path) -> None:
    """``derived`` keeps a reading of None (most patterns have no literal to read) and falsy
    ones: the next process reads them back rather than walk the pattern again."""
    calls: list[object] = []

    def reading(value: object) -> Any:
        def read() -> object:
            calls.append(value)
            return value

        return read

    store = PatternStore(tmp_path)
    for name, value in (("none", None), ("empty", ""), ("zero", 0), ("pair", ("a", None))):
        assert store.derived("x+", 0, {}, name, reading(value)) == value
    store.save()
    again = PatternStore(tmp_path)
    for name, value in (("none", None), ("empty", ""), ("zero", 0), ("pair", ("a", None))):
        assert again.derived("x+", 0, {}, name, reading("asked again")) == value
    assert "asked again" not in calls and len(calls) == 4


def test_a_kept_literal_reading_is_read_back_and_one_of_another_layout_read_anew(
    tmp_path: Path,
) -> None:
    """``edges.cached_lacking``: the reading kept under its version; an entry that does not
    read as one (another layout) is read again from the pattern."""
    from cleaner.engine.edges import LACKING_VERSION, cached_lacking, read_lacking

    pattern = regex.compile(r"^(?:(?=[\s\S]*?\()[A-Z][a-z]+|[A-Z][A-Z]+)")
    store = PatternStore(tmp_path)

    def derived(name: str, read: Any) -> Any:
        return store.derived(pattern.pattern, pattern.flags, {}, name, read)

    found = cached_lacking(derived, pattern)
    assert found == read_lacking(pattern) and found is not None and found[0] == "("
    store.save()
    again = PatternStore(tmp_path)
    kept = again.derived(pattern.pattern, pattern.flags, {}, LACKING_VERSION, lambda: "unread")
    assert kept == found
    odd = PatternStore(tmp_path / "odd")
    odd.derived(pattern.pattern, pattern.flags, {}, LACKING_VERSION, lambda: ("((", "", None))
    assert (
        cached_lacking(
            lambda name, read: odd.derived(pattern.pattern, pattern.flags, {}, name, read),
            pattern,
        )
        == found
    )


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-10] + b"0123456789",  # changed: no longer its digest
        lambda data: b"not a cache file",
    ],
)
def test_a_damaged_file_is_ignored_and_written_again(
    tmp_path: Path, damage: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PatternStore(tmp_path)
    store.compile(r"(?i)photo:\s*\w+", 0, {})
    store.save()
    assert store.path is not None
    store.path.write_bytes(damage(store.path.read_bytes()))
    again = PatternStore(tmp_path)
    assert again.compile(r"(?i)photo:\s*\w+", 0, {}).search("PHOTO: AP")
    again.save()
    _never_compiled(monkeypatch)
    assert PatternStore(tmp_path).compile(r"(?i)photo:\s*\w+", 0, {}).search("Photo: Reuters")


def test_a_pattern_that_does_not_compile_raises_and_is_not_kept(tmp_path: Path) -> None:
    store = PatternStore(tmp_path)
    with pytest.raises(regex.error):
        store.compile(r"(unbalanced", 0, {})
    store.save()
    assert store.path is not None and not store.path.exists()


def test_no_folder_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``CLEANER_CACHE_DIR=""`` turns the cache off; a folder that cannot be written is no
    error (each process then compiles)."""
    monkeypatch.setenv(patterns.CACHE_ENV, "")
    assert patterns.cache_folder() is None
    off = PatternStore(None)
    assert off.compile(r"by \w+", 0, {}).search("by AP")
    off.save()
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    store = PatternStore(blocked / "cache")
    assert store.compile(r"by \w+", 0, {}).search("by AP")
    store.save()


def test_load_rules_keeps_the_packs_patterns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A user's pack loaded twice: the second time from the cache, with the same rules."""
    pack = tmp_path / "rules" / "mysite.toml"
    pack.parent.mkdir()
    pack.write_text(
        '[[rule]]\nid = "mysite.promo"\ndescription = "A promo line."\naction = "drop"\n'
        '[rule.match]\nregex = "(?i)subscribe to \\\\w+"\n'
        '[rule.examples]\nmatch = ["Subscribe to Daily8"]\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(patterns, "_STORE", PatternStore(tmp_path / "cache"))
    first = load_rules([pack.parent], builtin=False)
    monkeypatch.setattr(patterns, "_STORE", PatternStore(tmp_path / "cache"))
    _never_compiled(monkeypatch)
    second = load_rules([pack.parent], builtin=False)
    assert [(r.id, r.matcher.pattern and r.matcher.pattern.pattern) for r in second.rules] == [
        (r.id, r.matcher.pattern and r.matcher.pattern.pattern) for r in first.rules
    ]
    pattern = second.rules[0].matcher.pattern
    assert pattern is not None and pattern.search("subscribe to Daily8")


def _writer(folder: str, number: int, rounds: int) -> None:
    for round_ in range(rounds):
        store = PatternStore(Path(folder))
        for n in range(5):
            store.compile(rf"writer{number} round{round_} n{n} \w+", 0, {})
        store.save()


def test_concurrent_writers_never_leave_a_part_of_a_file(tmp_path: Path) -> None:
    """Four processes writing at once while this one reads: every read finds a whole file
    (its digest right) or none, and the file left behind is whole."""
    context = multiprocessing.get_context("spawn")
    writers = [
        context.Process(target=_writer, args=(str(tmp_path), number, 15)) for number in range(4)
    ]
    for writer in writers:
        writer.start()
    reads = 0
    while any(writer.is_alive() for writer in writers) or reads == 0:
        reader = PatternStore(tmp_path)
        if reader.path is not None and reader.path.exists():  # once written, only replaced
            assert reader._load(), "a file read in part"
            reads += 1
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    final = PatternStore(tmp_path)
    entries = final._load()
    assert entries, "the last writer's file is whole"
    assert all(code[0].startswith("writer") for code in entries.values())


def test_rule_files_are_parsed_once_and_again_when_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule folder loaded by three processes: the first parses the file and keeps its tables,
    the second reads them back (tomllib not called), the third, after the file was edited,
    parses it anew and sees the edit."""
    from cleaner.pattern_cache import RuleTables

    from .user_repo import RULE

    pack = tmp_path / "rules" / "gazette.toml"
    pack.parent.mkdir()
    pack.write_text(RULE, encoding="utf-8")
    parsed: list[str] = []
    real = tomllib.loads
    monkeypatch.setattr(tomllib, "loads", lambda text: parsed.append(text) or real(text))

    def process() -> list[tuple[str, str]]:  # a new process: its own store, the same folder
        monkeypatch.setattr(patterns, "_TABLES", RuleTables(tmp_path / "cache"))
        rules = load_rules([pack.parent], builtin=False)
        patterns.save()
        return [(rule.id, rule.description) for rule in rules.rules]

    first = process()
    assert len(parsed) == 1 and first[0][1].startswith("The daily digest promo")
    assert process() == first and len(parsed) == 1  # read back, not parsed
    pack.write_text(RULE.replace("The daily digest promo", "The digest promo"), encoding="utf-8")
    edited = process()
    assert len(parsed) == 2 and edited[0][1] == "The digest promo printed under every headline."
    assert process() == edited and len(parsed) == 2
    # what is read back is a copy: changing one process's tables changes no other's
    tables = RuleTables(tmp_path / "cache")
    tables.parse(pack.read_text(encoding="utf-8"))["rule"].clear()
    assert tables.parse(pack.read_text(encoding="utf-8"))["rule"]


def test_a_rule_file_with_a_date_is_parsed_each_time(tmp_path: Path) -> None:
    """TOML dates cannot be kept (marshal has no datetime): such a file is parsed, not cached."""
    from cleaner.pattern_cache import RuleTables

    text = 'when = 2026-11-27T10:00:00Z\n[[rule]]\nid = "x.y"\n'
    tables = RuleTables(tmp_path / "cache")
    assert tables.parse(text)["when"].year == 2026
    tables.save()
    assert tables.path is not None and not tables.path.exists()


def test_a_process_with_warm_caches_parses_no_rule_file(tmp_path: Path) -> None:
    """The start-up saving held: once a process has kept the built-in packs' tables, the next
    makes a Cleaner and cleans a page without importing tomllib (about 100 million
    instructions of a one-page process were its parsing)."""
    import os
    import subprocess
    import sys

    script = (
        "import sys, cleaner\n"
        "cleaner.Cleaner().clean('Park opens\\n\\nThe city opened the park on Monday.')\n"
        "print('tomllib' in sys.modules)\n"
    )
    env = {**os.environ, "CLEANER_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]  # the first parses and keeps, the second reads back


def test_without_the_cache_the_edges_are_not_read_and_outputs_are_the_same(
    tmp_path: Path,
) -> None:
    """``CLEANER_CACHE_DIR=""``: no rule's edges nor literal are read (engine/schema.py: a process without
    the cache would read them anew each time, about 0.16-0.36 s), and a page comes out the
    same as with them (they only spare tries that cannot match)."""
    import json
    import os
    import subprocess
    import sys

    fixtures = Path(__file__).resolve().parents[1] / "fixtures"
    script = (
        "import json, sys, cleaner\n"
        "made = cleaner.Cleaner(explain=True)\n"
        "edged = sum(r.matcher.opens is not None or r.matcher.closes is not None\n"
        "            or r.matcher.lacks is not None for r in made.rules.rules)\n"
        "pages = [made.clean(open(p, encoding='utf-8').read()).to_dict() for p in sys.argv[1:]]\n"
        "print(json.dumps([edged, pages]))\n"
    )
    paths = [str(p) for p in sorted(fixtures.rglob("*.txt"))]
    found = []
    for cache in ("", str(tmp_path / "cache")):
        env = {**os.environ, "CLEANER_CACHE_DIR": cache}
        done = subprocess.run(
            [sys.executable, "-c", script, *paths],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        found.append(json.loads(done.stdout))
    (off, off_pages), (on, on_pages) = found
    assert off == 0 and on > 25  # 27 of the built-in rules have edges, 7 a literal
    assert off_pages == on_pages and len(on_pages) == len(paths) > 10


def test_dataclasses_generated_code_is_read_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A class made under ``generated_code()`` has the methods ``dataclasses`` makes without
    it; the next store reads their code back instead of compiling it; ``dataclasses`` is left
    as it was."""
    import dataclasses

    def make() -> type:
        @dataclasses.dataclass(frozen=True, slots=True)
        class Place:
            name: str
            rank: int = 0
            tags: tuple[str, ...] = dataclasses.field(default_factory=tuple)

        return Place

    plain = make()
    monkeypatch.setattr(patterns, "_CODE", None)
    monkeypatch.setenv(patterns.CACHE_ENV, str(tmp_path))
    with patterns.compiled_once():
        first = make()
    assert "exec" not in vars(dataclasses)
    assert list(tmp_path.glob("generated-*.bin"))
    monkeypatch.setattr(patterns, "_CODE", None)
    compiled: list[str] = []
    real = compile
    monkeypatch.setattr(
        patterns, "compile", lambda *a, **k: compiled.append(a[0]) or real(*a, **k), raising=False
    )
    with patterns.compiled_once():
        second = make()
    assert not compiled  # every method's code read back
    for made in (first, second):
        for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__"):
            ours, theirs = getattr(made, name).__code__, getattr(plain, name).__code__
            assert ours.co_code == theirs.co_code and ours.co_consts == theirs.co_consts
            assert ours.co_filename == theirs.co_filename  # __repr__: dataclasses' wrapper
        assert made.__init__.__code__.co_filename == "<string>"  # type: ignore[misc]
        one = made("Paris", 2)
        assert repr(one).endswith("Place(name='Paris', rank=2, tags=())")
        assert one == made("Paris", 2) != made("Paris")
        with pytest.raises(dataclasses.FrozenInstanceError):
            one.rank = 3  # type: ignore[misc]


def test_namedtuples_new_is_read_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``namedtuple``'s ``__new__`` (an ``eval`` of its text) made under ``compiled_once()`` is
    the one made without it, compiled the first time and read back the next."""
    import collections

    plain = collections.namedtuple("Span", "start end label", defaults=(None,))
    monkeypatch.setenv(patterns.CACHE_ENV, str(tmp_path))
    compiled: list[str] = []
    real = compile
    monkeypatch.setattr(
        patterns, "compile", lambda *a, **k: compiled.append(a[0]) or real(*a, **k), raising=False
    )
    for _ in range(2):
        monkeypatch.setattr(patterns, "_CODE", None)
        monkeypatch.setattr(patterns, "_RE", None)
        with patterns.compiled_once():
            made = collections.namedtuple("Span", "start end label", defaults=(None,))
        assert "eval" not in vars(collections)
        ours, theirs = made.__new__.__code__, plain.__new__.__code__
        assert (ours.co_code, ours.co_consts, ours.co_filename) == (
            theirs.co_code,
            theirs.co_consts,
            theirs.co_filename,
        )
        assert made(1, 2) == (1, 2, None) and made(1, 2, "x").label == "x"
    assert [text for text in compiled if text.startswith("lambda")] == [
        "lambda _cls, start, end, label: _tuple_new(_cls, (start, end, label))"
    ]  # the first time only


def test_a_process_with_warm_caches_compiles_no_dataclass_method_nor_re_pattern(
    tmp_path: Path,
) -> None:
    """The start-up saving held: the second process imports the package and its CLI without
    compiling a dataclass's generated method (some 75 million instructions of a one-page
    process) nor parsing a stdlib ``re`` pattern; without a cache folder nothing is patched."""
    import os
    import subprocess
    import sys

    script = (
        "import builtins, dataclasses\n"
        "seen = []\n"
        "real = builtins.compile\n"
        "def counted(source, *args, **named):\n"
        "    if str(source).startswith('def __create_fn__'):\n"
        "        seen.append(source)\n"
        "    return real(source, *args, **named)\n"
        "builtins.compile = counted\n"
        "import re._parser\n"
        "parsed = []\n"
        "parse = re._parser.parse\n"
        "re._parser.parse = lambda *a, **k: parsed.append(a[0]) or parse(*a, **k)\n"
        "import cleaner.cli\n"
        "from cleaner import pattern_cache\n"
        "print(len(seen), 'exec' in vars(dataclasses), pattern_cache._CODE is None)\n"
        "print(len(parsed))\n"
    )
    runs = []
    for cache in (str(tmp_path / "cache"), str(tmp_path / "cache"), ""):
        env = {**os.environ, "CLEANER_CACHE_DIR": cache}
        done = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        runs.append(done.stdout.split())
    (compiled, patched, none, parsed), (again, *_, parsed_again), (*_, off_patched, off_none, _) = (
        runs
    )
    assert int(compiled) > 100 and again == "0"
    # the stdlib re patterns of the imports: those left are the 6 of modules imported before a
    # compiled_once() can start (pattern_cache's own imports: dataclasses' inspect and tokenize,
    # regex's string and locale; cli.py's argparse and its gettext)
    assert int(parsed) > 30 and int(parsed_again) <= 6
    assert patched == off_patched == "False" and none == "False" and off_none == "True"


def test_stdlib_patterns_are_read_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``re`` patterns compiled under ``compiled_once()`` are those ``re`` compiles without it
    (``Pattern.__eq__`` compares the engine's code too), and the next store reads them back
    instead of compiling them; ``re._compiler.compile`` is put back."""
    import re

    asked: list[tuple[Any, int]] = [
        (r"(?P<word>\w+)\s+(\d{2,4})", 0),
        (r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", 0),
        (r"^by\s+(.+?)$", re.IGNORECASE | re.MULTILINE),
        (rb"<meta[^>]+charset=[\"']?([\w-]+)", re.IGNORECASE),
        (r"(?x) a  b  # spaced", 0),
    ]

    def compile_all() -> list[re.Pattern[Any]]:
        re.purge()  # re's own cache of this process: every pattern compiled again
        return [re.compile(pattern, flags) for pattern, flags in asked]

    plain = compile_all()
    real = patterns._re_compiler.compile
    monkeypatch.setenv(patterns.CACHE_ENV, str(tmp_path))
    for _ in range(2):  # written, then read back
        monkeypatch.setattr(patterns, "_RE", None)
        monkeypatch.setattr(patterns, "_CODE", None)
        with patterns.compiled_once():
            kept = compile_all()
        assert patterns._re_compiler.compile is real
        assert kept == plain
        assert [p.groupindex for p in kept] == [p.groupindex for p in plain]
        assert kept[0].match("Paris 2024").groups() == ("Paris", "2024")
        assert kept[2].findall("BY Jane Doe\nno") == ["Jane Doe"]
    monkeypatch.setattr(patterns, "_RE", patterns.StdlibPatterns(tmp_path))

    def refused(*args: Any) -> Any:
        raise AssertionError(f"compiled again: {args}")

    monkeypatch.setattr(patterns._RE, "real", refused)
    with patterns.compiled_once():
        assert compile_all() == plain  # every one read back


def test_compiled_once_nested_patches_once_and_puts_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A ``compiled_once()`` entered while one lasts (this thread or another) leaves the
    patches as they are; the outer one puts ``re`` and ``dataclasses`` back."""
    import dataclasses

    stdlib = patterns._re_compiler.compile
    monkeypatch.setenv(patterns.CACHE_ENV, str(tmp_path))
    with patterns.compiled_once():
        patched = patterns._re_compiler.compile
        assert patched is not stdlib and "exec" in vars(dataclasses)
        with patterns.compiled_once():
            assert patterns._re_compiler.compile is patched
        assert patterns._re_compiler.compile is patched and "exec" in vars(dataclasses)
    assert patterns._re_compiler.compile is stdlib and "exec" not in vars(dataclasses)
