"""The systems the HTML benchmark compares, each behind one call: page in, :class:`Output` out.

Each system is given the same input (bytes or text, and the URL when the corpus has one) and
timed around that one call, in this process; rs-trafilatura runs in a worker process under a
Python it has wheels for, and times its own call there. A field a system does not produce is
None (shown as n/a), not empty.
"""

from __future__ import annotations

import json
import os
import pickle
import select
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

WORKER = Path(__file__).resolve().parent / "rs_worker.py"
RS_PYTHON = Path(__file__).resolve().parents[1] / ".venv-rs" / "bin" / "python"


@dataclass
class Output:
    """What one system says about one page (None: the system gives no such field)."""

    body: str = ""
    title: str | None = None
    authors: tuple[str, ...] | None = None
    date: str | None = None
    captions: tuple[str, ...] | None = None
    credits: tuple[str, ...] | None = None


Run = Callable[[bytes | str, str | None], Output]
"""A system: (page, url) -> Output."""

TimedRun = Callable[[bytes | str, str | None], tuple[Output, float]]
"""A system that reports the seconds its own call took."""


def _timed(run: Run) -> TimedRun:
    def call(html: bytes | str, url: str | None) -> tuple[Output, float]:
        start = time.perf_counter()
        out = run(html, url)
        return out, time.perf_counter() - start

    return call


def cleaner() -> Run:
    """The cleaner as a library: ``Cleaner().clean(html, url=url)``."""
    from cleaner import Cleaner

    engine = Cleaner()

    def run(html: bytes | str, url: str | None) -> Output:
        a = engine.clean(html, url=url, kind="html")
        return Output(
            a.body, a.title, tuple(a.authors), a.date, tuple(a.captions), tuple(a.credits)
        )

    return run


def trafilatura(fast: bool) -> Run:
    """trafilatura's ``extract`` with metadata, comments off; ``fast`` skips its fallbacks."""
    import trafilatura as traf

    def run(html: bytes | str, url: str | None) -> Output:
        out = traf.extract(
            html,
            url=url,
            fast=fast,
            include_comments=False,
            with_metadata=True,
            output_format="json",
        )
        if not out:
            return Output(authors=(), captions=None)
        data = json.loads(out)
        author = data.get("author") or ""
        names = tuple(a.strip() for a in author.split(";") if a.strip())
        return Output(data.get("text") or "", data.get("title"), names, data.get("date"))

    return run


def readability() -> Run:
    """readability-lxml: the article's HTML (made text by inscriptis, in its time) and short
    title; no byline or date (n/a)."""
    from inscriptis import get_text  # type: ignore[import-untyped]
    from readability import Document  # type: ignore[import-untyped]

    def run(html: bytes | str, url: str | None) -> Output:
        doc = Document(html, url=url)
        summary = doc.summary(html_partial=True)
        return Output(get_text(summary) if summary.strip() else "", doc.short_title())

    return run


def newspaper() -> Run:
    """newspaper4k on the given HTML (no network): title, authors, publish date, text."""
    from newspaper import Article  # type: ignore[import-untyped]

    def run(html: bytes | str, url: str | None) -> Output:
        article = Article(url or "http://localhost/", fetch_images=False)
        article.download(input_html=html)  # bytes: decoded by newspaper itself
        article.parse()
        date = article.publish_date.date().isoformat() if article.publish_date else None
        return Output(article.text or "", article.title or None, tuple(article.authors), date)

    return run


class PageTimeout(Exception):
    """A system ran out of time on a page; ``seconds`` is the time it was given."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no answer in {seconds:.0f} s")
        self.seconds = seconds


class RsWorker:
    """rs-trafilatura in a worker process (its wheels are for CPython 3.12 only)."""

    def __init__(self, python: Path, timeout: float = 300.0) -> None:
        self.python, self.timeout = python, timeout
        self._start()

    def _start(self) -> None:
        self.proc = subprocess.Popen(
            [str(self.python), str(WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        self._in: IO[bytes] = self.proc.stdin  # type: ignore[assignment]
        self._out: IO[bytes] = self.proc.stdout  # type: ignore[assignment]

    def __call__(self, html: bytes | str, url: str | None) -> tuple[Output, float]:
        pickle.dump((html, url), self._in)
        self._in.flush()
        ready, _, _ = select.select([self._out], [], [], self.timeout)
        if not ready:  # a page it never finishes: end the worker, start another
            self.proc.kill()
            self.proc.wait()
            self._start()
            raise PageTimeout(self.timeout)
        reply: dict[str, Any] = pickle.load(self._out)
        if "error" in reply:
            raise RuntimeError(reply["error"])
        out = Output(
            reply["body"],
            reply["title"],
            tuple(reply["authors"]),
            reply["date"],
            tuple(reply["captions"]),
        )
        return out, float(reply["seconds"])

    def close(self) -> None:
        """End the worker."""
        self._in.close()
        self.proc.wait(timeout=10)


def rs_trafilatura(python: Path | None) -> tuple[TimedRun | None, str]:
    """The rs-trafilatura worker, or None and the reason it is skipped."""
    python = python or (Path(os.environ["RS_PYTHON"]) if "RS_PYTHON" in os.environ else RS_PYTHON)
    if not python.is_file():
        return None, (
            f"rs-trafilatura skipped: no Python with it at {python} (its wheels are "
            "for CPython 3.12: python3.12 -m venv .venv-rs && .venv-rs/bin/pip "
            "install rs-trafilatura, or --rs-python PATH)"
        )
    check = subprocess.run([str(python), "-c", "import rs_trafilatura"], capture_output=True)
    if check.returncode:
        return None, f"rs-trafilatura skipped: {python} cannot import rs_trafilatura"
    return RsWorker(python), ""


FIELDS: dict[str, frozenset[str]] = {
    "cleaner": frozenset({"title", "authors", "date", "captions", "credits"}),
    "trafilatura default": frozenset({"title", "authors", "date"}),
    "trafilatura fast": frozenset({"title", "authors", "date"}),
    "readability-lxml": frozenset({"title"}),
    "newspaper4k": frozenset({"title", "authors", "date"}),
    "rs-trafilatura": frozenset({"title", "authors", "date", "captions"}),
}
"""The fields beside the body each system gives (the others are n/a for it)."""


def failed(name: str) -> Output:
    """What a system that raised on a page is scored as: every field it gives, empty."""
    fields = FIELDS[name]
    return Output(
        authors=() if "authors" in fields else None,
        captions=() if "captions" in fields else None,
        credits=() if "credits" in fields else None,
    )


SYSTEMS = (
    "cleaner",
    "trafilatura default",
    "trafilatura fast",
    "readability-lxml",
    "newspaper4k",
    "rs-trafilatura",
)


def build(names: list[str], rs_python: Path | None) -> tuple[dict[str, TimedRun], list[str]]:
    """The named systems, ready to run, and notes on those skipped."""
    makers: dict[str, Callable[[], Run]] = {
        "cleaner": cleaner,
        "trafilatura default": lambda: trafilatura(False),
        "trafilatura fast": lambda: trafilatura(True),
        "readability-lxml": readability,
        "newspaper4k": newspaper,
    }
    runs: dict[str, TimedRun] = {}
    notes: list[str] = []
    for name in names:
        if name == "rs-trafilatura":
            worker, note = rs_trafilatura(rs_python)
            if worker is None:
                notes.append(note)
            else:
                runs[name] = worker
        else:
            try:
                runs[name] = _timed(makers[name]())
            except ImportError as exc:
                notes.append(f"{name} skipped: {exc} (pip install -e '.[bench]')")
    return runs, notes
