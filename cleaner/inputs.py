"""Batch inputs → a stream of pages: files, ``-`` (stdin), folders, lists of paths, gzip, WARC.

:func:`iter_sources` is the one reader every batch command shares::

    skipped = Counter()
    for source in iter_sources(["pages/", "crawl.warc.gz"], files_from="todo.txt",
                               skipped=skipped):
        if source.error:            # unreadable input: named, the batch goes on
            print(f"{source.path}: {source.error}")
        else:
            clean(source.data, url=source.url)

What it reads:

- a file: the page itself; gzip-compressed (``.gz`` or sniffed) pages are decompressed;
- a WARC or ARC file (gzipped or not, known by its first bytes): one :class:`Source` per HTML
  ``response`` record with status 200, its ``WARC-Target-URI`` as ``url`` (see
  :mod:`cleaner.warc`); other records are counted in ``skipped``;
- a folder: every page file under it, recursively, in name order (hidden files and folders
  left out); ``glob`` patterns choose the files (default :data:`PAGE_SUFFIXES`, each optionally
  ``.gz``, and WARC/ARC files);
- ``-``: stdin (a page, gzip or a WARC stream);
- ``files_from``: a file (or ``-``, stdin) naming one path a line, each read as above.

A page's URL comes from its WARC header or, for a file ``NAME.html``, from a sidecar
``NAME.url`` (one line). Everything is streamed: one page is in memory at a time, and a list of
a million paths is read a line at a time.
"""

from __future__ import annotations

import fnmatch
import gzip
import io
import os
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

from .decode import MAX_INPUT_BYTES
from .warc import is_arc, is_warc, iter_warc, iter_warcio

STDIN = "-"
#: The name stdin goes by in messages and records.
STDIN_NAME = "<stdin>"
#: Files a folder is searched for when no ``glob`` is given (each also with ``.gz``).
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text")
#: Archive files a folder is searched for (each also with ``.gz``).
ARCHIVE_SUFFIXES = (".warc", ".arc")
_GZIP_MAGIC = b"\x1f\x8b"
_HEAD = 16


@dataclass(frozen=True, slots=True)
class Source:
    """One page to clean, or one input that could not be read (``error`` set, ``data`` empty).

    ``path`` names it in messages and records (a WARC record: ``crawl.warc.gz#<record id>``);
    ``name`` is a relative path for an output file mirroring the input tree: the input's path
    as given, normalized (``crawl/a/b.html``; an absolute one without its leading ``/``), a WARC
    record's under its archive's (``crawl.warc.gz/<uuid>``), stdin's ``stdin``.
    """

    path: str
    data: bytes | str = b""
    url: str | None = None
    warc_record_id: str | None = None
    name: str = ""
    error: str | None = None


def iter_sources(
    paths: Iterable[str | os.PathLike[str]],
    *,
    files_from: str | os.PathLike[str] | None = None,
    glob: Iterable[str] | None = None,
    skipped: Counter[str] | None = None,
    exclude: Callable[[str], bool] | None = None,
    stdin: IO[bytes] | None = None,
    on_archive: Callable[[str], None] | None = None,
) -> Iterator[Source]:
    """Every page of ``paths`` then of the list ``files_from``, in order, one at a time.

    ``glob``: patterns choosing the files of folders (a pattern with ``/`` is matched against
    the path under the folder, else against the file name). ``skipped`` counts what was passed
    over, by reason (WARC records that are not pages, files the patterns leave out).
    ``exclude(name)`` returns True for pages not to read (e.g. already cleaned), counted as
    ``"already done"``. ``stdin`` replaces ``sys.stdin.buffer`` for ``-``. ``on_archive(path)``
    is called when an input turns out to be a WARC or ARC archive, before its records (which
    may hold no page at all).
    An input that cannot be read is yielded with ``error`` set; nothing is raised for it.
    """
    counter: Counter[str] = skipped if skipped is not None else Counter()
    patterns = tuple(glob or ())
    reader = _Reader(counter, patterns, exclude, stdin, on_archive)
    for path in paths:
        yield from reader.read(os.fspath(path))
    if files_from is not None:
        for path in _list_lines(os.fspath(files_from), stdin):
            yield from reader.read(path)


def count_sources(
    paths: Iterable[str | os.PathLike[str]],
    *,
    glob: Iterable[str] | None = None,
    limit: int | None = None,
) -> int | None:
    """How many pages :func:`iter_sources` will yield for ``paths``, when known without reading
    them: None when stdin or an archive (known by its name) is among them. ``limit``: stop
    counting (and walking folders) past it, returning ``limit + 1``."""
    patterns = tuple(glob or ())
    total = 0
    for raw in paths:
        if limit is not None and total > limit:
            return total
        path = os.fspath(raw)
        if path == STDIN:
            return None
        if os.path.isdir(path):
            files: Iterable[str] = (p for p, _ in _walk(path, patterns, Counter()))
        else:
            files = (path,)
        for file in files:
            if _is_archive_name(file):
                return None
            total += 1
            if limit is not None and total > limit:
                return total
    return total


def sidecar_url(path: str) -> str | None:
    """The URL in ``NAME.url`` beside ``NAME.html`` (or ``NAME.html.gz``), if there is one."""
    stem = path.removesuffix(".gz")
    candidate = os.path.splitext(stem)[0] + ".url"
    try:
        with open(candidate, encoding="utf-8-sig", errors="replace") as handle:
            for line in handle:
                if line.strip():
                    return line.strip()
    except OSError:
        return None
    return None


class _Reader:
    """Turns one path of any kind into Sources, counting what it passes over."""

    def __init__(
        self,
        skipped: Counter[str],
        patterns: tuple[str, ...],
        exclude: Callable[[str], bool] | None,
        stdin: IO[bytes] | None,
        on_archive: Callable[[str], None] | None = None,
    ) -> None:
        self.skipped = skipped
        self.patterns = patterns
        self.exclude = exclude
        self.stdin = stdin
        self.on_archive = on_archive

    def read(self, path: str) -> Iterator[Source]:
        if path == STDIN:
            stdin = self.stdin or sys.stdin.buffer
            if stdin.isatty():  # a terminal: its ^D ends the page once, not at every read
                stdin = io.BufferedReader(_EndsOnce(stdin))
            yield from self._stream(stdin, STDIN_NAME, "stdin", None)
        elif os.path.isdir(path):
            for file, relative in _walk(path, self.patterns, self.skipped):
                yield from self._file(file, _output_name(os.path.join(path, relative)))
        else:
            yield from self._file(path, _output_name(path))

    def _file(self, path: str, name: str) -> Iterator[Source]:
        if self.exclude is not None and not _is_archive_name(path) and self.exclude(name):
            self.skipped["already done"] += 1
            return
        try:
            handle = open(path, "rb")  # noqa: SIM115 (closed below, after streaming)
        except OSError as exc:
            yield Source(path, name=name, error=_os_reason(exc))
            return
        with handle:
            yield from self._stream(handle, path, name, path)

    def _stream(self, raw: IO[bytes], shown: str, name: str, path: str | None) -> Iterator[Source]:
        """One page, or the pages of an archive, from an open binary stream."""
        try:
            head = _read_head(raw)
            inner = _gunzip_head(head) if head.startswith(_GZIP_MAGIC) else head
        except (OSError, EOFError, zlib.error) as exc:
            yield Source(shown, name=name, error=_os_reason(exc))
            return
        if is_warc(inner) or is_arc(inner):
            if self.on_archive is not None:
                self.on_archive(shown)
            archive = _rewound(raw, head)
            yield from self._archive(archive, shown, name, arc=is_arc(inner))
            return
        stream = io.BufferedReader(_Chain(head, raw))
        try:
            data = _read_page(stream, gzipped=head.startswith(_GZIP_MAGIC))
        except _TooLarge as exc:
            yield Source(shown, name=name, error=str(exc))
            return
        except (OSError, EOFError, zlib.error) as exc:
            yield Source(shown, name=name, error=_os_reason(exc))
            return
        url = sidecar_url(path) if path is not None else None
        yield Source(shown, data=data, url=url, name=name)

    def _archive(self, stream: IO[bytes], shown: str, name: str, *, arc: bool) -> Iterator[Source]:
        records = (
            iter_warcio(stream, self.skipped, arc=True) if arc else iter_warc(stream, self.skipped)
        )
        count = 0
        try:
            for record in records:
                count += 1
                key = record.record_id or f"offset-{record.offset}"
                record_name = f"{name}/{_safe_name(key)}"
                if self.exclude is not None and self.exclude(record_name):
                    self.skipped["already done"] += 1
                    continue
                yield Source(
                    f"{shown}#{key}",
                    data=record.data,
                    url=record.url,
                    warc_record_id=record.record_id,
                    name=record_name,
                    error=record.error,
                )
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as exc:  # a damaged archive (FastWARC panics are BaseExceptions):
            # name it and go on with the next input
            kind = "ARC" if arc else "WARC"
            yield Source(
                shown, name=name, error=f"{kind} unreadable after {count} pages ({_reason(exc)})"
            )


def _walk(
    folder: str,
    patterns: tuple[str, ...],
    skipped: Counter[str],
    under: PurePosixPath | None = None,
) -> Iterator[tuple[str, str]]:
    """``(path, path under folder)`` of each chosen file under ``folder``, depth first in name
    order, without following links to folders."""
    under = under or PurePosixPath()
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        skipped["unreadable folder"] += 1
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        relative = under / entry.name
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            # a file, or a link that leads nowhere (reading it then names the problem)
            is_file = entry.is_symlink() or entry.is_file()  # a link: no stat here
        except OSError:  # a link loop: read it, to report it by name
            is_dir, is_file = False, True
        if is_dir:
            yield from _walk(entry.path, patterns, skipped, relative)
        elif is_file:
            if _chosen(relative, patterns):
                yield entry.path, str(relative)
            elif not entry.name.endswith(".url"):  # sidecars are read with their page
                skipped["files not chosen by name"] += 1


def _chosen(relative: PurePosixPath, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        stem = relative.name.lower().removesuffix(".gz")
        return stem.endswith(PAGE_SUFFIXES + ARCHIVE_SUFFIXES) or "." not in stem
    return any(fnmatch.fnmatch(str(relative) if "/" in p else relative.name, p) for p in patterns)


class _EndsOnce(io.RawIOBase):
    """A terminal read as a file is: once a read has come back empty (^D), every later one does.
    A terminal waits for more after it (the page was read to its end only at the third ^D)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.ended:
            return 0
        # one read of the terminal: a line, or nothing at ^D
        data: bytes = getattr(self.stream, "read1", self.stream.read)(len(buffer))
        self.ended = not data
        buffer[: len(data)] = data
        return len(data)


def _list_lines(path: str, stdin: IO[bytes] | None) -> Iterator[str]:
    """The paths of a list file, one a line (blank lines passed over), read lazily."""
    if path == STDIN:
        stream = io.TextIOWrapper(stdin or sys.stdin.buffer, encoding="utf-8", errors="replace")
        yield from (line.rstrip("\r\n") for line in stream if line.strip())
        return
    try:
        handle = open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        raise ListError(path, _os_reason(exc)) from None
    with handle:
        yield from (line.rstrip("\r\n") for line in handle if line.strip())


class ListError(Exception):
    """The ``files_from`` list itself cannot be read (a usage error, not a failed page)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"{path}: {reason}")


class _TooLarge(Exception):
    pass


def _read_page(stream: IO[bytes], *, gzipped: bool) -> bytes:
    """A whole page, decompressed; refused past :data:`MAX_INPUT_BYTES` (gzip bombs too)."""
    source: IO[bytes] = gzip.GzipFile(fileobj=stream) if gzipped else stream  # type: ignore[assignment]
    data = source.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise _TooLarge(_too_large(None))
    return data


def _rewound(raw: IO[bytes], head: bytes) -> IO[bytes]:
    """The stream from its start: rewound when it can seek, else its head put back."""
    if raw.seekable():
        raw.seek(0)
        return raw
    return io.BufferedReader(_Chain(head, raw))


def _read_head(stream: IO[bytes], size: int = 64 * 1024) -> bytes:
    """Up to ``size`` first bytes of a stream (a pipe may deliver them in pieces)."""
    parts: list[bytes] = []
    got = 0
    while got < size:
        chunk = stream.read(size - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of gzip data."""
    return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, _HEAD)


class _Chain(io.RawIOBase):
    """Bytes already read, then the rest of their stream: a stream read from its start."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _is_archive_name(path: str) -> bool:
    return path.lower().removesuffix(".gz").endswith(ARCHIVE_SUFFIXES)


def _output_name(path: str) -> str:
    """Where an input's output goes under an output folder: its path as given, normalized
    (``./crawl/a.html`` → ``crawl/a.html``), so that inputs of different paths never share a
    name; a path outside the working folder (absolute, or through ``..``) as its absolute path
    without the leading ``/`` (as ``tar`` names members)."""
    norm = os.path.normpath(path)
    if os.path.isabs(norm) or norm == os.pardir or norm.startswith(os.pardir + os.sep):
        norm = os.path.abspath(norm).lstrip(os.sep)
    return norm.replace(os.sep, "/")


def _safe_name(key: str) -> str:
    """A record id as a file name: ``urn:uuid:abc`` → ``abc``."""
    key = key.removeprefix("urn:uuid:")
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in key)


def _too_large(size: int | None) -> str:
    limit = MAX_INPUT_BYTES // 2**20
    if size is None:
        return f"input is over the {limit} MB limit"
    return f"input is {size // 2**20} MB, over the {limit} MB limit"


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a page"
    if isinstance(exc, gzip.BadGzipFile | zlib.error):
        return f"damaged gzip data ({exc})"
    if isinstance(exc, EOFError):
        return "truncated gzip data"
    if isinstance(exc, OSError):
        return f"cannot read ({exc.strerror or exc})"
    return _reason(exc)


def _reason(exc: BaseException) -> str:
    """An exception's message on one line, at most 200 characters."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"
