"""The datatrove step: documents cleaned by an earlier step get their story in metadata."""

from __future__ import annotations

import gzip
from pathlib import Path

from datatrove.data import Document  # type: ignore[import-untyped]

from cleaner import Cleaner
from cleaner.stories.datatrove import StoryGrouper, article_of

from .conftest import FIXTURES

TECH = FIXTURES / "stories" / "techcrunch"


def documents(*names: str) -> list[Document]:
    cleaner = Cleaner()
    out = []
    for name in names:
        article = cleaner.clean(gzip.decompress((TECH / f"{name}.txt.gz").read_bytes()))
        meta = article.to_dict()
        body = meta.pop("body")
        out.append(Document(text=body, id=name, metadata=meta))
    return out


def test_step_adds_story_metadata_and_passes_documents_on(tmp_path: Path) -> None:
    step = StoryGrouper(save_to=str(tmp_path / "index"))
    docs = list(step.run(iter(documents("copy-a", "copy-b", "other-story"))))
    assert [d.id for d in docs] == ["copy-a", "copy-b", "other-story"]
    story = {d.id: d.metadata["story"] for d in docs}
    assert story["copy-a"] == story["copy-b"] != story["other-story"]
    assert docs[1].metadata["relation"] == "copy"
    assert docs[1].metadata["representative"] in ("copy-a", "copy-b")
    assert (tmp_path / "index.0").is_file()
    later = StoryGrouper(load_from=str(tmp_path / "index"))
    (rewrite,) = later.run(iter(documents("reworded")))
    assert rewrite.metadata["story"] == story["copy-a"]
    assert rewrite.metadata["relation"] == "reworded"


def test_article_of_reads_the_cleaned_fields() -> None:
    doc = Document(
        text="Body.",
        id="x",
        metadata={
            "title": "T",
            "dateline": {"place": "ROME", "agency": "AP", "raw": "ROME (AP) —"},
        },
    )
    article = article_of(doc)
    assert article.title == "T" and article.dateline is not None
    assert article.dateline.agency == "AP" and article.body == "Body."
