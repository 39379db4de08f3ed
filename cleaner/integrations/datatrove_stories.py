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
story's fullest member). Documents are grouped ``batch_size`` at a time
(:meth:`~cleaner.stories.StoryIndex.add_batch`, as the command groups its inputs: the fullest
copies of a batch enter first, and a copy entered before the copies that link it to its story
joins them at the end of the batch), then passed on.

Limits: one index per task (``rank``), so copies that land in different tasks are not grouped
(run the grouping with one task, or shard the input by date); a batch's representative and
relations are those known when the batch passed — a fuller copy in a later batch becomes the
representative of the documents after it, and a story a later batch starts joins an earlier
batch's story when every member of it passes that story's representative test. Story ids never
change once a batch has passed. Where a document joined its story through another member than
the representative, ``metadata["joined"]`` says which (its ``path`` is that member's id), with
their relation, score and the test passed, as ``cleaner-stories`` writes it.
``load_from`` and ``save_to`` name index files (one per rank: ``PATH.RANK``) to group against
an earlier run.
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

#: Documents grouped at once: a batch is held in memory (its documents and their signatures,
#: a few kilobytes each), and copies within one batch are grouped as the command groups them.
BATCH_SIZE = 1000


class StoryGrouper(PipelineStep):  # type: ignore[misc]  # datatrove is untyped
    """Adds ``story``, ``relation``, ``story_score`` and ``representative`` (and ``joined``
    where it tells more) to each document's metadata (see the module docstring)."""

    name = "🗞 Story grouper"
    type = "📰 - STORIES"

    def __init__(
        self,
        *,
        load_from: str | None = None,
        save_to: str | None = None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        super().__init__()
        if batch_size < 1:
            raise ValueError(f"batch_size: {batch_size}, not a positive number of documents")
        self.load_from = load_from
        self.save_to = save_to
        self.batch_size = batch_size

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        """Group the task's documents in order, yielding each with its story."""
        index = StoryIndex.load(f"{self.load_from}.{rank}") if self.load_from else StoryIndex()
        batch: list[Document] = []
        for document in data or ():
            batch.append(document)
            if len(batch) >= self.batch_size:
                yield from self._group(index, batch)
                batch = []
        yield from self._group(index, batch)
        if self.save_to:
            index.save(f"{self.save_to}.{rank}")

    def _group(self, index: StoryIndex, batch: list[Document]) -> Iterator[Document]:
        """Add a batch of documents to the index at once and yield each with its story."""
        if not batch:
            return
        with self.track_time(unit="batch"):
            index.add_batch((document.id, article_of(document)) for document in batch)
        for document in batch:
            found = index.assignment(document.id)
            document.metadata["story"] = found.story
            document.metadata["relation"] = found.relation
            document.metadata["story_score"] = round(found.score, 3)
            document.metadata["representative"] = found.representative
            joined = found.to_dict().get("joined")
            if joined is not None:  # as the command writes it: where it is not the representative
                document.metadata["joined"] = joined
            self.stat_update("documents")
            if found.representative == document.id:
                self.stat_update("stories")
            yield document


def article_of(document: Document) -> Article:
    """The Article a cleaned document stands for: its text as the body, its other fields from
    ``metadata["article"]`` (as CleanerStep writes them) or, failing that, from ``metadata``."""
    meta: dict[str, Any] = document.metadata
    fields = meta.get(ARTICLE_KEY)
    if not isinstance(fields, dict):
        fields = {key: value for key, value in meta.items() if key in FIELDS}
    return article_from(fields, document.text)
