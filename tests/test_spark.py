"""The Spark example job, run as a user runs it (its command line, master local[*]) on two WARC
files the test writes, to JSON lines and to Parquet: the same Articles as the command. One
Spark session for the module (a JVM start is the slow part)."""

from __future__ import annotations

from .engine_pages import require

require("pyspark")

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cleaner import Article
from cleaner.integrations import spark as job
from cleaner.integrations.spark import COLUMNS, clean_partition

from .engine_pages import MENU_URL, command_articles, pages, write_warcs


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    """A local Spark session, active while the module's tests run."""
    assert shutil.which("java"), "Spark needs a Java runtime (.ci/run installs one)"
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYSPARK_PYTHON", sys.executable)  # Spark's workers run this interpreter
        spark = (
            SparkSession.builder.master("local[2]")
            .appName("cleaner-tests")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        yield spark
        spark.stop()


@pytest.fixture(scope="module")
def warcs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return [str(p) for p in write_warcs(tmp_path_factory.mktemp("warcs"))]


@pytest.fixture(scope="module")
def expected(warcs: list[str]) -> dict[str, Article]:
    """The command's Articles for the WARCs' pages, by URL."""
    return command_articles(*warcs)


def check_records(records: list[dict[str, Any]], expected: dict[str, Article]) -> None:
    """Every column present, the command's Articles by URL, each with its record id."""
    assert records and all(sorted(r) == sorted(COLUMNS) for r in records)
    cleaned = {r["url"]: Article.from_dict(r) for r in records}
    assert len(expected) == len(pages()) - 1 and MENU_URL not in cleaned
    assert cleaned == expected
    assert {r["warc_record_id"] is not None for r in records} == {True}
    assert {r["error"] for r in records} == {None}


def failures_told(stderr: str, *also: str) -> None:
    """The job names each failed page on stderr, as the command does: the menu page with no
    story (and ``also``); before, they were left out of the output in silence, exit 0."""
    lines = stderr.splitlines()
    assert [line for line in lines if line.endswith(": no story found")] != []
    for line in also:
        assert line in lines


def test_example_job_from_warc_to_jsonl_gives_the_commands_articles(
    session: Any,
    warcs: list[str],
    expected: dict[str, Article],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    missing = str(tmp_path / "missing.warc.gz")
    assert job.main([str(out), *warcs, missing]) == 1
    failures_told(capsys.readouterr().err, f"{missing}: no such file")
    parts = sorted(out.glob("part-*.json"))
    lines = [line for part in parts for line in part.read_text(encoding="utf-8").splitlines()]
    records = [json.loads(line) for line in lines]
    assert all(list(r) == list(COLUMNS) for r in records)  # in order, nulls written
    check_records(records, expected)


def test_example_job_to_parquet_gives_the_commands_articles(
    session: Any,
    warcs: list[str],
    expected: dict[str, Article],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "parquet"
    assert job.main(["--format", "parquet", str(out), *warcs]) == 1
    failures_told(capsys.readouterr().err)
    assert sorted(out.glob("part-*.parquet"))
    frame = session.read.parquet(str(out))
    assert frame.schema == job.schema()  # typed columns: arrays, the dateline's struct
    records = [row.asDict(recursive=True) for row in frame.collect()]
    check_records(records, expected)
    assert session.getActiveSession() is not None  # the job left the running session alone


def test_spark_submit_runs_the_module_file(
    warcs: list[str], expected: dict[str, Article], tmp_path: Path
) -> None:
    """As the README runs the job on a cluster: ``spark-submit …/cleaner/integrations/spark.py
    OUT WARC…``, the module run as a file, outside its package (master local[1] here)."""
    import os
    import subprocess

    bin_dir = Path(sys.executable).parent
    out = tmp_path / "submitted"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    env["PYSPARK_PYTHON"] = sys.executable
    done = subprocess.run(
        [str(bin_dir / "spark-submit"), "--master", "local[1]", job.__file__, str(out), *warcs],
        env=env,
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 1, done.stderr.decode(errors="replace")[-3000:]
    # spark-submit passes the Python driver's stderr on through its own stdout
    failures_told(done.stdout.decode(errors="replace"))
    parts = sorted(out.glob("part-*.json"))
    records = [json.loads(line) for p in parts for line in p.read_text("utf-8").splitlines()]
    check_records(records, expected)


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


def test_clean_partition_names_a_column_of_the_wrong_type() -> None:
    # a row's column of the wrong type is the job's error: it failed as 'internal error
    # (TypeError: url must be a str or None, not bytes); please report it'. A URL in bytes is
    # decoded, as the Scrapy pipeline decodes one; a path that is not a str is shown as one
    url, page = pages(1)[0]
    rows = [
        {"data": page, "url": url.encode(), "path": "bytes-url"},
        {"data": page, "url": 5, "path": "int-url"},
        {"data": 5, "path": "int-data"},
        {"data": page, "url": b"https://x.example/caf\xe9", "path": "latin-1-url"},
        {"data": page, "path": 7},
    ]
    records = list(clean_partition(rows, timeout=None))
    assert [(r["path"], r["url"], r["error"]) for r in records] == [
        ("bytes-url", url, None),
        ("int-url", None, "the row's 'url' is int, not the page's URL (str)"),
        ("int-data", None, "the row's 'data' is int, not the page (str or bytes)"),
        ("latin-1-url", None, "the row's 'url' is bytes that are not UTF-8, not the page's URL"),
        ("7", url, None),  # its canonical link
    ]
    assert records[0]["body"] == records[4]["body"] != ""


def test_example_job_refuses_a_folder_it_would_wipe(
    warcs: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Spark's overwrite mode deletes the output folder first: 'python -m
    # cleaner.integrations.spark . crawl.warc.gz' took the working folder's files with it
    out = tmp_path / "notes"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(SystemExit) as caught:
        job.main([str(out), *warcs])
    assert caught.value.code == 2 and (out / "notes.txt").read_text() == "mine"
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"python -m cleaner.integrations.spark: error: {out} holds files a Spark job did not "
        "write (notes.txt), and the job replaces the whole folder: give a new folder, or one "
        "an earlier job wrote"
    )
