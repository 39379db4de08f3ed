"""The pages the engine integrations are tested on, and the cleaner command's Articles for
them: every integration must give the same Articles as the command on the same pages."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from cleaner import Article

from .conftest import FIXTURES
from .test_cli import CLEANER
from .warcs import write_warc


def require(module: str) -> ModuleType:
    """The engine module; in a checkout whose venv predates the ``engines`` extra, the test
    module is skipped with the command that installs it. Never skipped in CI (``CI`` set):
    there a missing engine is an error."""
    if os.environ.get("CI"):
        return importlib.import_module(module)
    return pytest.importorskip(module, reason="engines not installed: pip install -e '.[test]'")


#: A page with no story: every integration drops it, the command fails it.
MENU_URL = "https://menu.example/"
MENU = b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


def pages(count: int = 4) -> list[tuple[str, bytes]]:
    """``(url, html)`` of ``count`` HTML fixture pages (with their URLs), then the menu page."""
    found = []
    for page in sorted((FIXTURES / "html").glob("*.html")):
        url_file = page.with_suffix(".url")
        if url_file.exists():
            found.append((url_file.read_text(encoding="utf-8").strip(), page.read_bytes()))
    return [*found[:count], (MENU_URL, MENU)]


def write_warcs(folder: Path, count: int = 4) -> list[Path]:
    """The pages in two gzipped WARC files (status 200, text/html)."""
    folder.mkdir(parents=True, exist_ok=True)
    all_pages = pages(count)
    halves = [all_pages[::2], all_pages[1::2]]
    paths = []
    for i, half in enumerate(halves):
        path = folder / f"crawl-{i}.warc.gz"
        write_warc(path, [(url, 200, "text/html; charset=utf-8", body) for url, body in half])
        paths.append(path)
    return paths


def command_articles(*args: str) -> dict[str, Article]:
    """The command's Articles by URL (``cleaner -f jsonl ARGS``); failures left out."""
    result = subprocess.run(
        [CLEANER, "-f", "jsonl", *args], capture_output=True, timeout=300, check=False
    )
    assert result.returncode in (0, 1), result.stderr
    articles = {}
    for line in result.stdout.decode().splitlines():
        record = json.loads(line)
        articles[record["url"]] = Article.from_dict(record)
    return articles
