"""A datatrove pipeline step that groups cleaned documents into stories (:mod:`cleaner.stories`).

Put it after :class:`cleaner.integrations.datatrove.CleanerStep`: a document's ``text`` is then
the story's body and ``metadata["article"]`` its other fields (the dateline's agency, the
source, the copyright and the credits sharpen the decision; documents cleaned elsewhere may carry
those fields at the top of ``metadata`` instead)::

    from cleaner.integrations.datatrove import CleanerStep
    from cleaner.integrations.datatrove_stories import StoryGrouper

    pipeline = [reader, CleanerStep(), StoryGrouper(save_to="stories/index"), writer]

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

from collections.abc import Iterator
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..article import Article
from ..stories import StoryIndex
from .datatrove import ARTICLE_KEY
from .records import FIELDS, article_from


class StoryGrouper(PipelineStep):  # type: ignore[misc]  # datatrove is untyped
    """Adds ``story``, ``relation``, ``story_score`` and ``representative`` to each document's
    metadata (see the module docstring)."""

    name = "🗞 Story grouper"
    type = "📰 - STORIES"

    def __init__(self, *, load_from: str | None = None, save_to: str | None = None) -> None:
        super().__init__()
        self.load_from = load_from
        self.save_to = save_to

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        """Group the task's documents in order, yielding each with its story."""
        index = StoryIndex.load(f"{self.load_from}.{rank}") if self.load_from else StoryIndex()
        for document in data or ():
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
    """The Article a cleaned document stands for: its text as the body, its other fields from
    ``metadata["article"]`` (as CleanerStep writes them) or, failing that, from ``metadata``."""
    meta: dict[str, Any] = document.metadata
    fields = meta.get(ARTICLE_KEY)
    if not isinstance(fields, dict):
        fields = {key: value for key, value in meta.items() if key in FIELDS}
    return article_from(fields, document.text)
