"""Where the ``cleaner`` filter writes results: stdout (one page, or a batch clearly split into
its pages) or one file per input in a folder; and the progress bar on stderr."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any

from .article import Article
from .batch import BatchResult
from .inputs import Source
from .render import explain_lines, render

#: File suffix of each format in an output folder.
SUFFIXES = {"text": ".txt", "markdown": ".md", "json": ".json", "jsonl": ".json"}


def record(
    source: Source, article: Article | None = None, error: str | None = None
) -> dict[str, Any]:
    """The JSON record of one result: ``path``, ``url`` (null when unknown), ``warc_record_id``
    (for WARC records), then the Article's fields or ``error``."""
    data: dict[str, Any] = {"path": source.path, "url": source.url}
    if source.warc_record_id:
        data["warc_record_id"] = source.warc_record_id
    if article is not None:
        data.update(article.to_dict())
    if error is not None:
        data["error"] = error
    return data


class StreamWriter:
    """Results to stdout in one of the formats.

    A page given alone (``alone``: the path of the one input, a file or stdin, when there is
    one) is written as before (the body; one Article as JSON). A batch (``batch``: known from
    the command line, several inputs, a folder or a list) is split so that no page runs into
    the next: text and markdown put a ``==> path <==`` line before each page (as
    ``head`` does), json writes an array of records (with ``path``, ``url``,
    ``warc_record_id``), jsonl a record a line. A page found in what was given (a folder's file,
    a WARC's record) makes a batch even when it is the only one, so that each record says which
    page it is; otherwise a batch is known at the second result (a failed input counts), and the
    first waits for it (except in jsonl).
    """

    def __init__(
        self,
        fmt: str,
        out: IO[str],
        *,
        errors_inline: bool,
        guard: Any,
        alone: str | None = None,
        batch: bool = False,
    ) -> None:
        self.fmt = fmt
        self.out = out
        self.errors_inline = errors_inline
        self.guard = guard  # a context manager that keeps the progress bar off our lines
        self.alone = alone
        self.first: tuple[Source, Article | None, str | None] | None = None
        self.results = 0  # results added, failed ones too: two make a batch
        self.batch = batch  # known to be a batch (a json one is an array, '[]' if empty)
        self.count = 0  # results written

    def add(self, source: Source, article: Article | None, error: str | None) -> None:
        """One result (an error is written only when errors go in the stream). A failed input
        counts towards the batch all the same: 'cleaner -f json good.html gone.html' writes an
        array of one record, as with two pages, not one bare Article."""
        self.results += 1
        shown = article is not None or (self.errors_inline and self.fmt == "jsonl")
        if self.results == 1 and self.fmt != "jsonl" and source.path == self.alone:
            self.first = (source, article, error) if shown else None
            return  # one page, or the first of several: the next result tells
        self.batch = True
        if self.first is not None:
            self._write(*self.first, batch=True, first=True)
            self.first = None
            self.count += 1
        if shown:
            self._write(source, article, error, batch=True, first=self.count == 0)
            self.count += 1

    def archive(self, path: str) -> None:
        """``path`` is a WARC or ARC archive: its pages are a batch's even if there is none,
        so ``cleaner -f json crawl.warc.gz`` of a crawl of 404s writes ``[]`` as an empty
        folder does."""
        self.batch = True

    def close(self) -> None:
        """Write what waits, and close a json array (an empty one for a batch of failures)."""
        if self.first is not None:
            self._write(*self.first, batch=False, first=True)
        elif self.batch and self.fmt == "json":
            self._emit("\n]\n" if self.count else "[]\n")
        self.out.flush()

    def _write(
        self,
        source: Source,
        article: Article | None,
        error: str | None,
        *,
        batch: bool,
        first: bool,
    ) -> None:
        if self.fmt == "jsonl":
            self._emit(json.dumps(record(source, article, error), ensure_ascii=False) + "\n")
        elif self.fmt == "json" and batch:
            text = json.dumps(record(source, article), ensure_ascii=False, indent=2)
            self._emit(("[\n" if first else ",\n") + _indent(text))
        elif article is not None:
            text = render(article, self.fmt)
            if batch:
                text = f"{'' if first else chr(10)}==> {source.path} <==\n{text}"
            self._emit(text + "\n")

    def _emit(self, text: str) -> None:
        with self.guard():
            self.out.write(text)
            self.out.flush()


class FolderWriter:
    """One file per result under ``folder``: the input's output name (its path, see
    :attr:`Source.name`) with the format's suffix added (``crawl/a.html`` →
    ``DIR/crawl/a.html.json``), so inputs of one stem (``a.html``, ``a.txt``) or one relative
    path under two folders never share a file. Written through a temporary file, so an
    interrupted run leaves no half-written file; a file this run has already written is never
    overwritten (the second input fails, naming it)."""

    def __init__(self, folder: str, fmt: str) -> None:
        self.folder = Path(folder)
        self.fmt = fmt
        # Files this run writes are stamped at or after this time (file times run up to a
        # clock tick behind the clock read here: 50 ms covers it; a run starts slower than that).
        self.started_ns = time.time_ns() - 50_000_000

    def target(self, name: str) -> Path:
        """The output file of an input named ``name`` (``a/b.html.gz`` → ``a/b.html.gz.json``)."""
        return self.folder.joinpath(*PurePosixPath(name + SUFFIXES[self.fmt]).parts)

    def exists(self, name: str) -> bool:
        """Whether the input named ``name`` has been written already (``--skip-existing``)."""
        return self.target(name).exists()

    def write(self, source: Source, article: Article) -> str | None:
        """Write one Article; the reason when it cannot be written."""
        if self.fmt in ("json", "jsonl"):
            indent = 2 if self.fmt == "json" else None
            text = json.dumps(record(source, article), ensure_ascii=False, indent=indent)
        else:
            text = render(article, self.fmt)
        target = self.target(source.name or "stdin")
        try:
            if target.stat().st_mtime_ns >= self.started_ns:
                return f"{target} was written by another input of this run"
        except OSError:
            pass  # not there yet
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(target, text + "\n")
        except OSError as exc:
            return f"cannot write {target} ({exc.strerror or exc})"
        return None


def _write_atomically(target: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


class Progress:
    """A tqdm bar on stderr (only when stderr is a terminal): pages done of the total (or a
    count for streams), rate, time left, and failures apart. Lines written through
    :meth:`guard` clear the bar first and redraw it after, so it never breaks into them."""

    def __init__(self, total: int | None, *, enabled: bool) -> None:
        self.bar: Any = None
        self.failed = 0
        if enabled:
            from tqdm import tqdm

            tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
            ncols, nrows = _screen_shape(sys.stderr)
            self.bar = tqdm(
                total=total,
                unit="page",
                desc="cleaning",
                file=sys.stderr,
                ncols=ncols,
                nrows=nrows,
                mininterval=0.2,
                smoothing=0.1,
                postfix={"failed": 0},
            )
            # measured again before each draw, as tqdm's dynamic_ncols does, but a terminal
            # that reports no size (a pseudo-terminal nobody sized: 0 rows, 0 columns) gets
            # 80 x 24: tqdm's own measure gives it -1 rows and draws nothing at all
            self.bar.dynamic_ncols = _screen_shape

    def step(self, result: BatchResult[Any]) -> None:
        """Count one result."""
        if self.bar is None:
            return
        if result.error is not None:
            self.failed += 1
            self.bar.set_postfix(failed=self.failed, refresh=False)
        if self.bar.total is not None and self.bar.n >= self.bar.total:
            self.bar.total = None  # more pages than counted (an archive by another name)
        self.bar.update(1)

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Clear the bar while a line is written to the terminal."""
        if self.bar is None:
            yield
            return
        from tqdm import tqdm

        with tqdm.external_write_mode(file=sys.stderr):
            yield

    def close(self) -> None:
        """Leave the bar's last state on screen."""
        if self.bar is not None:
            self.bar.close()


def _screen_shape(stream: IO[str]) -> tuple[int, int]:
    """The bar's room on the terminal of ``stream`` as tqdm counts it (columns and rows less
    one); 80 x 24 where the terminal reports none."""
    try:
        columns, rows = os.get_terminal_size(stream.fileno())
    except (OSError, ValueError):
        columns = rows = 0
    return (columns or 80) - 1, (rows or 24) - 1


def explained(article: Article, source: Source, *, batch: bool) -> list[str]:
    """``--explain`` lines for stderr (text and markdown), named by input in a batch."""
    return [f"{source.path}: {line}" if batch else line for line in explain_lines(article)]
