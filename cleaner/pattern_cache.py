"""Patterns compiled once and kept between processes: the rule packs', and those the modules
compile as they are imported (:func:`compile_cached`, every module-level ``regex`` pattern of the
package); and the rule files' TOML, parsed once (:class:`RuleTables`, in a file of its own beside
the patterns').

The ``regex`` module compiles a pattern in Python (it parses it, optimises it and writes the
code its C engine runs); for the built-in packs that was the largest part of a one-page process
(about 0.9 of 2.5 billion instructions of ``cleaner PAGE``). What it hands its C engine
(``_regex.compile``'s arguments: the pattern, its flags, the code as a list of numbers, the
group names, the named lists) is plain data; this module keeps it in a file of the user's cache
folder and hands it to the engine again in later processes, which then skip the Python.

- The key of a pattern is its text, its flags, the words of the named lists it is handed and
  the version of ``regex`` (one file per version and engine layout): any change compiles anew.
- A pattern read back is checked against the one it stands for (text, flags, groups); anything
  unreadable, damaged (the file carries its digest) or refused by the engine is compiled as
  without the cache. A pattern that does not compile raises as ever: only compiled ones are
  kept.
- Writers replace the file whole (a temporary file renamed over it), so concurrent processes
  read an old or a new file, never a part; two writing at once lose one's additions, which the
  next process compiles and adds again.
- ``CLEANER_CACHE_DIR`` names the folder (default ``$XDG_CACHE_HOME/cleaner``, else
  ``~/.cache/cleaner``); set to the empty string it turns the cache off. The file is as
  trusted as the folder: it is the user's own, like Python's ``__pycache__``.

The code is taken as ``regex.compile`` makes it: while a pattern is compiled, the engine's
``compile`` is seen through a recorder (``regex._main._regex``). Where that module's layout is
not the one expected, nothing is recorded and every process compiles as before.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import enum
import hashlib
import marshal
import os
import re
import sys
import threading
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from types import CodeType
from typing import Any

import regex
import regex._main as _regex_main

#: The environment variable naming the cache folder ("" for none).
CACHE_ENV = "CLEANER_CACHE_DIR"
#: Entries a file keeps at most, those the latest processes used last: over twice what the
#: package keeps (222 entries: 174 patterns, 48 of the packs and 126 of modules, and the packs'
#: 48 derived readings; 2.3 KB each).
MAX_ENTRIES = 512
_HEADER = b"cleaner-patterns 2\n"
_DIGEST = 4  # bytes of the payload's CRC-32, after the header (a damaged file, not a forged one)
#: The engine that runs compiled patterns, and what identifies its code's layout.
_ENGINE: Any = getattr(_regex_main, "_regex", None)
_LAYOUT = f"{regex.__version__}-{getattr(_ENGINE, 'MAGIC', '')}-{getattr(_ENGINE, 'CODE_SIZE', '')}"
_RECORDING = threading.Lock()
#: Stdlib ``re``'s compiler (``re`` imports it) and its engine (see :class:`StdlibPatterns`).
_re_compiler: Any = sys.modules["re._compiler"]
_sre: Any = _re_compiler._sre

#: What the engine is handed for one pattern (``_regex.compile``'s arguments), as plain data.
Code = tuple[Any, ...]


def cache_folder() -> Path | None:
    """The folder the compiled patterns are kept in, or None (``CLEANER_CACHE_DIR=""``)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


class _Recorder:
    """The engine as ``regex`` sees it while one pattern is compiled: its ``compile`` call's
    arguments are kept."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.args: tuple[Any, ...] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    def compile(self, *args: Any) -> Any:
        self.args = args
        return self.engine.compile(*args)


def _same(one: regex.Pattern[str], other: regex.Pattern[str]) -> bool:
    return (one.pattern, one.flags, one.groups, dict(one.groupindex)) == (
        other.pattern,
        other.flags,
        other.groups,
        dict(other.groupindex),
    )


def compile_recorded(
    pattern: str, flags: int, lists: Mapping[str, Collection[str]]
) -> tuple[regex.Pattern[str], Code | None]:
    """``regex.compile(pattern, flags, ignore_unused=True, **lists)``, and the engine's code
    for it as plain data (None where it could not be recorded). Raises ``regex.error`` as
    ``regex.compile`` does."""
    recorder = _Recorder(_ENGINE)
    named: dict[str, Any] = dict(lists)
    with _RECORDING:
        if _ENGINE is None:
            return regex.compile(pattern, flags, ignore_unused=True, **named), None
        setattr(_regex_main, "_regex", recorder)  # noqa: B010 (a module's private name)
        try:
            compiled = regex.compile(
                pattern, flags, ignore_unused=True, cache_pattern=False, **named
            )
        finally:
            setattr(_regex_main, "_regex", _ENGINE)  # noqa: B010
    args = recorder.args
    if args is None or not args or args[0] != pattern:
        return compiled, None
    code = tuple(int(arg) if isinstance(arg, enum.IntFlag) else arg for arg in args)
    try:
        marshal.dumps(code)
        if not _same(_ENGINE.compile(*code), compiled):
            return compiled, None
    except Exception:  # not plain data, or refused by the engine: not kept
        return compiled, None
    return compiled, code


#: Digests of named lists already seen, by the identity of their (immutable) word lists; each
#: kept with the lists, whose identities then cannot be reused.
_DIGESTS: dict[tuple[tuple[str, int], ...], tuple[tuple[Collection[str], ...], str]] = {}


def _lists_digest(lists: Mapping[str, Collection[str]]) -> str:
    """The digest of the named lists' words (their order and repeats do not count); that of
    lists of tuples or frozensets (the lexicon's, handed for every rule) is made once."""
    identity = tuple((name, id(values)) for name, values in lists.items())
    known = _DIGESTS.get(identity)
    if known is not None:
        return known[1]
    words = sorted((name, sorted(set(values))) for name, values in lists.items())
    digest = hashlib.sha256(repr(words).encode("utf-8", "surrogatepass")).hexdigest()
    if all(isinstance(values, tuple | frozenset) for values in lists.values()):
        if len(_DIGESTS) >= 64:
            _DIGESTS.clear()
        _DIGESTS[identity] = (tuple(lists.values()), digest)
    return digest


def _key(pattern: str, flags: int, lists: Mapping[str, Collection[str]]) -> str:
    text = repr((pattern, int(flags), int(regex.DEFAULT_VERSION), _lists_digest(lists)))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _digest(payload: bytes) -> bytes:
    """The digest a cache file carries of its payload: its CRC-32, which tells a file cut short
    or damaged (the files are the user's own, as ``__pycache__`` is: not a guard against a
    forged one). A sha256 had cost some 28 instructions a byte under callgrind: about 23 million
    a process for the 840 KB of the pattern, rule-table and suffix files."""
    return zlib.crc32(payload).to_bytes(4, "big")


class CacheFile:
    """Entries (plain data, by key) read from and written to one file of the cache folder: the
    file carries its payload's digest (a damaged one reads as empty) and is replaced whole (a
    temporary file renamed over it). What a process adds is written by :meth:`save`, with the
    file's entries and those used last kept, at most ``max_entries``."""

    def __init__(self, folder: Path | None, name: str, header: bytes, max_entries: int) -> None:
        self.path = None if folder is None else folder / name
        self._header, self._max = header, max_entries
        self._read: dict[str, Any] | None = None
        self._added: dict[str, Any] = {}
        self._used: dict[str, None] = {}  # the keys asked for in this process, in order
        self._lock = threading.Lock()  # between threads adding entries and one saving

    def _entries(self) -> dict[str, Any]:
        if self._read is None:
            self._read = self._load()
        return self._read

    def _load(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            data = self.path.read_bytes()
        except OSError:
            return {}
        start = len(self._header) + _DIGEST
        payload = data[start:]
        if data[: len(self._header)] != self._header or data[len(self._header) : start] != (
            _digest(payload)
        ):
            return {}
        try:
            entries = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def _get(self, key: str) -> Any:
        """The entry kept under ``key`` (read or added), or None."""
        entry = self._entries().get(key)
        return entry if entry is not None else self._added.get(key)

    def _use(self, key: str, added: Any = None) -> None:
        """Mark ``key`` used in this process; ``added``: its entry, new, to write."""
        with self._lock:
            if added is not None:
                self._added[key] = added
            self._used[key] = None

    def save(self) -> None:
        """Write the entries added to the file (with those it held, the ones used in this
        process last, at most ``max_entries``); nothing where there is none, and nothing on an
        error (a folder that cannot be written: each process works without it)."""
        if self.path is None or not self._added:
            return
        with self._lock:
            self._save(self.path)

    def _save(self, path: Path) -> None:
        merged = {**self._entries(), **self._added}
        for key in self._used:  # the ones in use last: kept when the oldest are dropped
            if key in merged:
                merged[key] = merged.pop(key)
        kept = dict(list(merged.items())[-self._max :])
        payload = marshal.dumps(kept)
        import tempfile  # here: most processes write nothing (13 ms to import)

        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(self._header + _digest(payload) + payload)
                os.replace(temporary, path)
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            self._read, self._added = kept, {}


#: What :meth:`PatternStore.derived` keeps for a reading of None (``_get``'s None is "not
#: kept"); no reading gives this string.
_READ_NONE = "\x00derived: none"


class PatternStore(CacheFile):
    """Compiled patterns, read from and written to one file (:func:`cache_folder`): ask it for
    patterns with :meth:`compile`, then :meth:`save` what was compiled anew."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder, f"patterns-{_LAYOUT}.bin", _HEADER, MAX_ENTRIES)

    def _load(self) -> dict[str, Any]:
        return {} if _ENGINE is None else super()._load()

    def compile(
        self, pattern: str, flags: int, lists: Mapping[str, Collection[str]]
    ) -> regex.Pattern[str]:
        """The pattern compiled as ``regex.compile(pattern, flags, ignore_unused=True,
        **lists)`` compiles it: from the cache where it holds it, else compiled (and kept).
        Without a folder, compiled as that call compiles it: nothing is recorded that no
        process would read."""
        if self.path is None:
            named: dict[str, Any] = dict(lists)
            return regex.compile(pattern, flags, ignore_unused=True, **named)
        key = _key(pattern, flags, lists)
        code = self._get(key)
        if isinstance(code, tuple) and code and code[0] == pattern:
            with contextlib.suppress(Exception):  # refused: compiled below as without it
                compiled: regex.Pattern[str] = _ENGINE.compile(*code)
                if compiled.pattern == pattern:
                    self._use(key)
                    return compiled
        compiled, code = compile_recorded(pattern, flags, lists)
        if code is not None:
            self._use(key, code)
        return compiled

    def derived(
        self,
        pattern: str,
        flags: int,
        lists: Mapping[str, Collection[str]],
        name: str,
        compute: Callable[[], Any],
    ) -> Any:
        """What ``compute`` reads off the pattern (plain data ``marshal`` writes), kept under
        the pattern's key and ``name`` (the reading and its version): from the cache where it
        holds it, else computed (and kept). The caller checks what it reads back. A reading of
        None is kept too (as :data:`_READ_NONE`): most built-in patterns have no literal for
        ``edges.read_lacking``, whose walk, some 30 ms a pattern, had run in every process."""
        key = f"{_key(pattern, flags, lists)}:{name}"
        kept = self._get(key)
        if kept is not None:
            self._use(key)
            return None if kept == _READ_NONE else kept
        found = compute()
        with contextlib.suppress(ValueError):  # not plain data: computed in every process
            marshal.dumps(found)
            self._use(key, _READ_NONE if found is None else found)
        return found


class RuleTables(CacheFile):
    """Rule files' TOML parsed once and kept between processes (tomllib parsing the built-in
    packs' 88 KB was about 98 of ``Cleaner()``'s 182 million instructions): by the sha256 of a
    file's text, so an edited file is parsed anew; an entry read back is a fresh copy. A
    file that does not parse raises as ever (only parsed ones are kept); one whose tables hold
    what ``marshal`` cannot write (TOML dates and times) is parsed in every process."""

    def __init__(self, folder: Path | None) -> None:
        version = f"{sys.version_info[0]}.{sys.version_info[1]}"  # tomllib's
        super().__init__(folder, f"rule-tables-{version}.bin", _TABLES_HEADER, MAX_TABLES)

    def parse(self, text: str) -> dict[str, Any]:
        """``tomllib.loads(text)``, from the cache where it holds this text's tables. Raises
        ``tomllib.TOMLDecodeError`` as ``tomllib.loads`` does."""
        key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        kept = self._get(key)
        if isinstance(kept, bytes):
            with contextlib.suppress(Exception):  # unreadable: parsed below as without it
                tables = marshal.loads(kept)
                if isinstance(tables, dict):
                    self._use(key)
                    return tables
        import tomllib  # here: a process whose rule files are all kept needs no parser

        tables = tomllib.loads(text)
        with contextlib.suppress(ValueError):  # dates and times: not kept
            self._use(key, marshal.dumps(tables))
        return tables


class GeneratedCode(CacheFile):
    """The code ``dataclasses`` writes for a class (its ``__init__``, ``__eq__``, ``__repr__``,
    ``__setattr__``, …: source text handed to ``exec``), compiled once and kept between
    processes: parsing and compiling the package's 150-odd such texts cost some 75 million
    instructions a process (``bench_startup.py --instructions``, 819 -> 745 million a text
    dump's). By the text itself (a class changed writes another text), in a file
    of this Python's bytecode version and optimization level; an entry read back is the code
    ``exec(text, ...)`` would have compiled: ``compile(text, "<string>", "exec")``, with no
    ``__future__`` flag (``dataclasses`` imports none)."""

    def __init__(self, folder: Path | None) -> None:
        from importlib.util import MAGIC_NUMBER

        name = f"generated-{MAGIC_NUMBER.hex()}-{sys.flags.optimize}.bin"
        super().__init__(folder, name, _CODE_HEADER, MAX_CODE)

    def exec(self, source: Any, globals: dict[str, Any] | None = None, locals: Any = None) -> None:
        """``exec(source, globals, locals)``, with a text's code from the cache where it holds
        it (else compiled, and kept)."""
        if not isinstance(source, str):
            exec(source, globals, locals)
            return
        exec(self._code(source, source, "exec"), globals, locals)

    def eval(self, source: Any, globals: dict[str, Any] | None = None, locals: Any = None) -> Any:
        """``eval(source, globals, locals)`` (``namedtuple``'s ``__new__``), with a text's code
        from the cache where it holds it: the text compiled without its leading blanks, as
        ``eval`` compiles it."""
        if not isinstance(source, str):
            return eval(source, globals, locals)
        return eval(self._code(f"eval:{source}", source.lstrip(" \t"), "eval"), globals, locals)

    def _code(self, key: str, text: str, mode: str) -> CodeType:
        """The code kept under ``key``, else ``compile(text, "<string>", mode)`` (kept): with no
        ``__future__`` flag, as ``dataclasses`` and ``collections`` import none."""
        code = self._get(key)
        if isinstance(code, CodeType):
            self._use(key)
            return code
        code = compile(text, "<string>", mode, dont_inherit=True)
        self._use(key, code)
        return code


_CODE_HEADER = b"cleaner-generated-code 1\n"
#: Texts a cache file keeps at most (a CLI process writes some 160).
MAX_CODE = 1024
_CODE: GeneratedCode | None = None


class StdlibPatterns(CacheFile):
    """Stdlib ``re`` patterns compiled once and kept between processes, as
    :class:`PatternStore` keeps ``regex``'s: what ``re._compiler.compile`` hands ``_sre.compile``
    (the pattern, its flags, the code as a list of numbers, the groups) is plain data. For the
    patterns the package's modules and the extraction libraries compile as they are imported
    (some 300, among them ``passes/headline.py``'s CJK class, about 40 million instructions
    alone: ``re`` builds a charmap of its 28,000 code points in Python; an HTML page's process
    1,291 -> 991 million instructions, a text dump's 727 -> 669): by the pattern and its
    flags, in a file of this Python's ``re`` engine. A pattern read back is the one
    ``_sre.compile`` makes of the same arguments; one asked with ``re.DEBUG`` is compiled."""

    def __init__(self, folder: Path | None) -> None:
        from importlib.util import MAGIC_NUMBER

        name = f"re-{MAGIC_NUMBER.hex()}-{_sre.MAGIC}-{_sre.CODESIZE}.bin"
        super().__init__(folder, name, _RE_HEADER, MAX_RE)
        self.real = _re_compiler.compile

    def compile(self, pattern: Any, flags: int = 0) -> Any:
        """``re._compiler.compile(pattern, flags)``, from the cache where it holds it."""
        if not isinstance(pattern, str | bytes) or flags & re.DEBUG:
            return self.real(pattern, flags)
        key = (pattern, flags)
        args = self._get(key)  # type: ignore[arg-type]
        if isinstance(args, tuple) and len(args) == 6 and args[0] == pattern:
            with contextlib.suppress(Exception):  # refused: compiled below as without it
                compiled = _sre.compile(*args)
                self._use(key)  # type: ignore[arg-type]
                return compiled
        recorder = _Recorder(_sre)
        with _RECORDING:
            setattr(_re_compiler, "_sre", recorder)  # noqa: B010 (a module's private name)
            try:
                compiled = self.real(pattern, flags)
            finally:
                setattr(_re_compiler, "_sre", _sre)  # noqa: B010
        if recorder.args is None or recorder.args[0] != pattern:
            return compiled
        text, all_flags, code, groups, groupindex, indexgroup = recorder.args
        # the code's opcodes are int subclasses (re._constants' named ones): kept as numbers,
        # which is what _sre reads of them
        args = (text, int(all_flags), [int(op) for op in code], int(groups), dict(groupindex))
        args += (tuple(indexgroup),)
        with contextlib.suppress(Exception):  # not plain data, or refused: not kept
            marshal.dumps(args)
            again = _sre.compile(*args)
            if (again.pattern, again.flags, again.groups, again.groupindex) == (
                compiled.pattern,
                compiled.flags,
                compiled.groups,
                compiled.groupindex,
            ):
                self._use(key, args)  # type: ignore[arg-type]
        return compiled


_RE_HEADER = b"cleaner-re 1\n"
#: Patterns a cache file keeps at most (a one-page HTML process compiles some 310).
MAX_RE = 2048
_RE: StdlibPatterns | None = None


@contextlib.contextmanager
def compiled_once() -> Iterator[None]:
    """While it lasts, what the package's imports compile is taken from the cache folder: the
    methods ``dataclasses`` generates (:class:`GeneratedCode`) and the stdlib ``re`` patterns
    (:class:`StdlibPatterns`); what was compiled anew is kept at its end. ``dataclasses``'
    module-level name ``exec`` and ``re._compiler.compile`` are set, then put back (where the
    first is already set, nothing is done; without a cache folder, nothing either). For
    imports, not pages: a pattern a page builds would churn the file. One thread at a time
    patches: another entering meanwhile (or this one again) compiles as without it."""
    global _CODE, _RE
    folder = cache_folder()
    if folder is None or not _PATCHING.acquire(blocking=False):
        yield
        return
    try:
        if "exec" in vars(dataclasses) or "eval" in vars(collections):  # set by another
            yield
            return
        if _CODE is None:
            _CODE = GeneratedCode(folder)
        if _RE is None:
            _RE = StdlibPatterns(folder)
        stdlib_compile = _re_compiler.compile
        dataclasses.exec = _CODE.exec  # type: ignore[attr-defined]
        collections.eval = _CODE.eval  # type: ignore[attr-defined]
        _re_compiler.compile = _RE.compile
        try:
            yield
        finally:
            _re_compiler.compile = stdlib_compile
            with contextlib.suppress(AttributeError):
                del dataclasses.exec  # type: ignore[attr-defined]
            with contextlib.suppress(AttributeError):
                del collections.eval  # type: ignore[attr-defined]
            _CODE.save()
            _RE.save()
    finally:
        _PATCHING.release()


_PATCHING = threading.Lock()


class SuffixTrie(CacheFile):
    """The public suffix list's trie as :mod:`cleaner.page_url` reads it, parsed once and kept
    between processes (parsing it cost 314 million instructions a process, a third of an HTML
    page's start-up): by a key naming the list file's digest and its reader's version."""

    def __init__(self, folder: Path | None) -> None:
        super().__init__(folder, "suffixes.bin", _SUFFIX_HEADER, max_entries=2)

    def nodes(self, key: str, parse: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The nodes kept under ``key``, else ``parse()``'s (kept, and the file written)."""
        kept = self._get(key)
        if isinstance(kept, dict) and "" in kept:  # "": the root, in every parsed trie
            return kept
        nodes = parse()
        self._use(key, nodes)
        self.save()
        return nodes


_SUFFIX_HEADER = b"cleaner-suffixes 2\n"

#: Rule files whose tables a cache file keeps at most (the built-in packs are 14).
MAX_TABLES = 256
_TABLES_HEADER = b"cleaner-rule-tables 2\n"

_STORE: PatternStore | None = None
_TABLES: RuleTables | None = None


def store() -> PatternStore:
    """The process's store, for the cache folder named when it is first asked for."""
    global _STORE
    if _STORE is None:
        _STORE = PatternStore(cache_folder())
    return _STORE


def tables() -> RuleTables:
    """The process's parsed rule files, for the cache folder named when first asked for."""
    global _TABLES
    if _TABLES is None:
        _TABLES = RuleTables(cache_folder())
    return _TABLES


def compile_cached(pattern: str, flags: int = 0, **lists: Collection[str]) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags, **lists)``, through the process's store: for the
    patterns a module compiles as it is imported (kept by the next :func:`save`)."""
    return store().compile(pattern, flags, lists)


def save() -> None:
    """Keep the patterns this process compiled anew for the next ones (cheap when there are
    none): called once the rules are loaded, and after a page is cleaned (the HTML path's
    modules are imported with the first HTML page); and the rule files parsed anew."""
    store().save()
    if _TABLES is not None:
        _TABLES.save()
