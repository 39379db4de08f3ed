"""The datatrove step, end to end: WarcReader → CleanerStep → JsonlWriter on two WARC files the
test writes, with LocalPipelineExecutor and 2 tasks; the same Articles as the command."""

from __future__ import annotations

from .engine_pages import require

require("datatrove")

import json
from pathlib import Path

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor

from cleaner.integrations.datatrove import CleanerStep, warc_pipeline
from cleaner.integrations.records import article_from

from .engine_pages import MENU_URL, command_articles, pages, write_warcs
from .warcs import write_warc


def test_warc_pipeline_with_two_tasks_gives_the_commands_articles(tmp_path: Path) -> None:
    warcs = write_warcs(tmp_path / "warcs")
    out = tmp_path / "out"
    executor = LocalPipelineExecutor(
        pipeline=warc_pipeline(str(tmp_path / "warcs"), str(out)),
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    documents = [
        json.loads(line)
        for path in sorted(out.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    assert len(list(out.glob("*.jsonl"))) == 2  # one file per task
    cleaned = {
        d["metadata"]["url"]: article_from(d["metadata"]["article"], d["text"]) for d in documents
    }
    expected = command_articles(*map(str, warcs))
    assert len(expected) == len(pages()) - 1  # the menu page has no story
    assert cleaned == expected
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    dropped = {k: v for step in stats for k, v in step["stats"].items() if k.startswith("dropped")}
    assert dropped == {"dropped": 1, "dropped_no_story": 1}
    assert MENU_URL not in cleaned


def test_a_text_document_and_a_failure_through_filter() -> None:
    step = CleanerStep()
    story = Document(
        text="Park plan approved\n\nBy JANE DOE\n\nThe city council approved a new park on Monday after a long debate.",
        id="1",
    )
    assert step.filter(story) is True
    assert story.text.startswith("The city council approved")
    assert story.metadata["article"]["authors"] == ["Jane Doe"]
    empty = Document(text="", id="2")
    assert step.filter(empty) == (False, "clean_failed")
    assert empty.metadata["clean_error"] == "input is empty"


def test_warc_pipeline_skips_an_unanswered_response_as_the_command_does(tmp_path: Path) -> None:
    # a 404 page holding a story's HTML: the command skips the record (HTTP status), and so
    # must the pipeline, which datatrove's own WarcReader would hand on as a page
    (url, story), (missing_url, other) = pages(2)[:2]
    warc = tmp_path / "warcs" / "crawl.warc.gz"
    warc.parent.mkdir()
    write_warc(
        warc,
        [(url, 200, "text/html; charset=utf-8", story), (missing_url, 404, "text/html", other)],
    )
    out = tmp_path / "out"
    LocalPipelineExecutor(
        pipeline=warc_pipeline(str(warc.parent), str(out)),
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    urls = {
        json.loads(line)["metadata"]["url"]
        for path in out.glob("*.jsonl")
        for line in path.read_text(encoding="utf-8").splitlines()
    }
    assert urls == set(command_articles(str(warc))) == {url}
