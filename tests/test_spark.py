"""The Spark example job, run as a user runs it (a subprocess, master local[*]) on two WARC
files the test writes: JSON-lines records, the same Articles as the command."""

from __future__ import annotations

from .engine_pages import require

require("pyspark")

import json
import shutil
import subprocess
import sys
from pathlib import Path

from cleaner import Article
from cleaner.integrations.spark import COLUMNS, clean_partition

from .engine_pages import MENU_URL, command_articles, pages, write_warcs


def test_example_job_from_warc_to_jsonl_gives_the_commands_articles(tmp_path: Path) -> None:
    assert shutil.which("java"), "Spark needs a Java runtime (.ci/run installs one)"
    warcs = write_warcs(tmp_path / "warcs")
    out = tmp_path / "out"
    job = subprocess.run(
        [sys.executable, "-m", "cleaner.integrations.spark", str(out), *map(str, warcs)],
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert job.returncode == 0, job.stderr.decode()[-3000:]
    records = [
        json.loads(line)
        for part in sorted(out.glob("part-*.json"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    assert all(list(r) == list(COLUMNS) for r in records)  # every column, nulls included
    cleaned = {r["url"]: Article.from_dict(r) for r in records}
    expected = command_articles(*map(str, warcs))
    assert len(expected) == len(pages()) - 1 and MENU_URL not in cleaned
    assert cleaned == expected
    assert {r["warc_record_id"] is not None for r in records} == {True}


def test_clean_partition_keeps_failures_in_place_with_their_reason() -> None:
    rows = [
        {"data": b"", "path": "empty"},
        {"data": pages(1)[0][1], "url": pages(1)[0][0], "path": "page"},
        {"data": b"", "path": "unread", "error": "no such file"},
    ]
    records = list(clean_partition(rows))
    assert [(r["path"], r["error"]) for r in records] == [
        ("empty", "input is empty"),
        ("page", None),
        ("unread", "no such file"),
    ]
    assert records[1]["body"] and records[1]["url"] == pages(1)[0][0]
