"""A datatrove pipeline step that groups cleaned documents into stories.

Put it after the step that cleans pages (its documents' ``text`` is the cleaned body; the
Article's other fields, when the cleaning step leaves them in ``metadata`` under their JSON
names — ``title``, ``dateline``, ``date``, ``source``, ``credits``, ``copyright`` — sharpen the
decision)::

    from cleaner.stories.datatrove import StoryGrouper

    pipeline = [reader, cleaning_step, StoryGrouper(save_to="stories/index"), writer]

Each document gets ``metadata["story"]``, ``metadata["relation"]`` (``copy``, ``edited``,
``reworded``), ``metadata["story_score"]`` and ``metadata["representative"]`` (the id of the
story's fullest member), and is passed on at once.

Limits: one index per task (``rank``), so copies that land in different tasks are not grouped
(run the grouping with one task, or shard the input by date); documents stream through, so the
representative and relation are those known when the document passed — a fuller copy seen later
becomes the representative of the documents after it. Story ids never change. ``load_from`` and
``save_to`` name index files (one per rank: ``PATH.RANK``) to group against an earlier run.
"""

from __future__ import annotations

from typing import Any

from datatrove.data import Document, DocumentsPipeline  # type: ignore[import-untyped]
from datatrove.pipeline.base import PipelineStep  # type: ignore[import-untyped]

from ..article import Article, Dateline
from .index import StoryIndex


class StoryGrouper(PipelineStep):  # type: ignore[misc]
    """Adds ``story``, ``relation``, ``story_score`` and ``representative`` to each document's
    metadata (see the module docstring)."""

    name = "🗞 Story grouper"
    type = "📰 - STORIES"

    def __init__(self, *, load_from: str | None = None, save_to: str | None = None) -> None:
        super().__init__()
        self.load_from = load_from
        self.save_to = save_to

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        index = StoryIndex.load(f"{self.load_from}.{rank}") if self.load_from else StoryIndex()
        for document in data:
            with self.track_time():
                index.add(document.id, article_of(document))
                found = index.assignment(document.id)
                document.metadata["story"] = found.story
                document.metadata["relation"] = found.relation
                document.metadata["story_score"] = round(found.score, 3)
                document.metadata["representative"] = found.representative
            self.stat_update("documents")
            if found.representative == document.id:
                self.stat_update("stories")
            yield document
        if self.save_to:
            index.save(f"{self.save_to}.{rank}")


def article_of(document: Document) -> Article:
    """The Article a cleaned document stands for: its text as the body, the other fields from
    its metadata where the cleaning step left them."""
    meta: dict[str, Any] = document.metadata
    dateline = meta.get("dateline")
    return Article(
        body=document.text,
        title=_text(meta.get("title")),
        dateline=Dateline(
            place=str(dateline.get("place") or ""),
            agency=_text(dateline.get("agency")),
            raw=str(dateline.get("raw") or ""),
        )
        if isinstance(dateline, dict)
        else None,
        date=_text(meta.get("date")),
        source=_text(meta.get("source")),
        credits=tuple(str(c) for c in meta.get("credits") or ()),
        copyright=_text(meta.get("copyright")),
    )


def _text(value: object) -> str | None:
    return str(value) if value else None
