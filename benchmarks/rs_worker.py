"""rs-trafilatura worker for the HTML benchmark, run under a Python that has its wheel.

Reads pickled ``(html, url)`` pairs on stdin, answers each with a pickled dict on stdout:
``body, title, authors, date, captions, seconds`` (the extraction call alone, timed here),
or ``error``. Ends at end of input.
"""

from __future__ import annotations

import pickle
import sys
import time
from typing import Any

import rs_trafilatura  # type: ignore[import-not-found,unused-ignore]


def extract(html: bytes | str, url: str | None) -> dict[str, Any]:
    """One page through rs-trafilatura (images on, for their captions)."""
    start = time.perf_counter()
    if isinstance(html, bytes):
        result = rs_trafilatura.extract_bytes(html, url=url, include_images=True)
    else:
        result = rs_trafilatura.extract(html, url=url, include_images=True)
    seconds = time.perf_counter() - start
    author = result.author or ""
    return {
        "body": result.main_content or "",
        "title": result.title,
        "authors": [a.strip() for a in author.split(";") if a.strip()],
        "date": result.date,
        "captions": [i.caption for i in result.images or () if i.caption],
        "seconds": seconds,
    }


def main() -> int:
    """Serve pages until stdin closes."""
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            html, url = pickle.load(source)
        except EOFError:
            return 0
        try:
            reply = extract(html, url)
        except Exception as exc:  # reported to the benchmark, which counts it as an error
            reply = {"error": f"{type(exc).__name__}: {exc}"[:200]}
        pickle.dump(reply, sink)
        sink.flush()


if __name__ == "__main__":
    sys.exit(main())
