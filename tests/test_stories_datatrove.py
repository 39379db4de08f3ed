"""The story step in a datatrove pipeline: after CleanerStep, each document gets its story."""

from __future__ import annotations

from .engine_pages import require

require("datatrove")

import gzip
from pathlib import Path

import pytest
from datatrove.data import Document

from cleaner.integrations.datatrove import CleanerStep
from cleaner.integrations.datatrove_stories import StoryGrouper, article_of
from cleaner.stories import StoryIndex
from cleaner.stories.index import Assignment, Joined

from .conftest import FIXTURES

TECH = FIXTURES / "stories" / "techcrunch"
CRASH = FIXTURES / "stories" / "liverpool"


def pages(*names: str, folder: Path = TECH) -> list[Document]:
    """The fixture pages as a reader gives them: raw text, not yet cleaned."""
    return [
        Document(text=gzip.decompress((folder / f"{n}.txt.gz").read_bytes()).decode(), id=n)
        for n in names
    ]


def test_after_the_cleaner_step_documents_get_their_story(tmp_path: Path) -> None:
    cleaned = CleanerStep(kind="text").run(iter(pages("copy-a", "copy-b", "other-story")))
    docs = list(StoryGrouper(save_to=str(tmp_path / "index")).run(cleaned))
    assert [d.id for d in docs] == ["copy-a", "copy-b", "other-story"]
    story = {d.id: d.metadata["story"] for d in docs}
    assert story["copy-a"] == story["copy-b"] != story["other-story"]
    assert docs[1].metadata["relation"] == "copy"
    assert docs[1].metadata["representative"] in ("copy-a", "copy-b")
    assert (tmp_path / "index.0").is_file()
    later = StoryGrouper(load_from=str(tmp_path / "index"))
    (rewrite,) = later.run(CleanerStep(kind="text").run(iter(pages("reworded"))))
    assert rewrite.metadata["story"] == story["copy-a"]
    assert rewrite.metadata["relation"] == "reworded"


def test_article_of_reads_the_cleaned_fields() -> None:
    dateline = {"place": "ROME", "agency": "AP", "raw": "ROME (AP) —"}
    nested = Document(
        text="Body.", id="x", metadata={"article": {"title": "T", "dateline": dateline}}
    )
    flat = Document(text="Body.", id="y", metadata={"title": "T", "dateline": dateline, "url": "u"})
    for doc in (nested, flat):
        article = article_of(doc)
        assert article.title == "T" and article.body == "Body."
        assert article.dateline is not None and article.dateline.agency == "AP"


def test_documents_are_grouped_in_batches_as_the_command_groups_them() -> None:
    # The PA copy links the two edits of it; entered last one by one, it comes too late for
    # the late edit, which scores under SAME against the first edit (see test_stories). In
    # one batch the fullest copies enter first and the late edit joins at the batch's end.
    names = ("edited", "edited-late", "copy")

    def grouped(batch_size: int) -> dict[str, str]:
        cleaned = CleanerStep(kind="text").run(iter(pages(*names, folder=CRASH)))
        docs = list(StoryGrouper(batch_size=batch_size).run(cleaned))
        assert [d.id for d in docs] == list(names)
        return {d.id: d.metadata["story"] for d in docs}

    assert len(set(grouped(batch_size=3).values())) == 1
    one_by_one = grouped(batch_size=1)
    assert one_by_one["edited-late"] != one_by_one["copy"] == one_by_one["edited"]


def test_a_batch_size_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="batch_size: 0"):
        StoryGrouper(batch_size=0)


def test_what_a_document_joined_through_is_written_where_it_is_not_the_representative(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    through = Joined(member="wire", relation="copy", score=0.97, test="original")

    def assignment(self: StoryIndex, key: str) -> Assignment:
        joined = through if key == "copy-b" else None
        return Assignment(key, "s1", "edited", 0.4, representative="copy-a", joined=joined)

    monkeypatch.setattr(StoryIndex, "assignment", assignment)
    cleaned = CleanerStep(kind="text").run(iter(pages("copy-a", "copy-b")))
    first, second = StoryGrouper().run(cleaned)
    assert "joined" not in first.metadata
    assert second.metadata["joined"] == {
        "path": "wire",
        "relation": "copy",
        "score": 0.97,
        "test": "original",
    }
