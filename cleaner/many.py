"""Many pages through one Cleaner: the work each batch worker does, and ``Cleaner.clean_many``.

Every batch (the command line, :meth:`cleaner.Cleaner.clean_many`, the engine integrations)
cleans a page the same way, with :class:`CleanWork`: the URL is the caller's, else the
source's (WARC header, ``.url`` sidecar), else the one the page declares (canonical, og:url).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .article import Article
from .batch import DEFAULT_TIMEOUT, BatchResult, run_batch
from .decode import Kind, decode
from .errors import InputError
from .inputs import Source
from .page_url import declared_url

if TYPE_CHECKING:
    from .api import Cleaner

#: The reason a page with no story fails, when empty Articles are not allowed.
NO_STORY = "no story found"


@dataclass(frozen=True, slots=True)
class Cleaned:
    """One cleaned page and the URL it was cleaned with."""

    article: Article
    url: str | None


@dataclass(frozen=True, slots=True)
class CleanWork:
    """Clean one Source with ``cleaner``: picklable, so it can be handed to worker processes."""

    cleaner: Cleaner
    url: str | None = None
    kind: Kind | None = None
    allow_empty: bool = True

    def __call__(self, source: Source) -> Cleaned:
        """The Article of one source; raises :class:`InputError` (``no story found`` too)."""
        url = self.url or source.url or declared_url(source.data)
        article = self.cleaner.clean(source.data, url=url, kind=self.kind)
        if not self.allow_empty and not article.body:
            raise InputError(NO_STORY)
        return Cleaned(article, url)

    def prepare(self, first: Sequence[Source] = ()) -> None:
        """Warm the Cleaner up for the pages of ``first`` (the batch's first sources); the
        batch runner calls it before forking its workers. The HTML path's warm-up (dateparser's
        locales: about 2.4 s of CPU) runs only when one of them is HTML or none is known: a
        batch of text dumps does not need it, and a worker that meets an HTML page later pays
        it there once."""
        html = self.kind == "html" or (
            self.kind is None and (not first or any(map(is_html, first)))
        )
        self.cleaner.warm_up(html=html)


def is_html(source: Source) -> bool:
    """Whether a source holds an HTML page (read as the cleaner reads it)."""
    if source.error is not None:
        return False
    try:
        return decode(source.data).kind == "html"
    except InputError:  # unreadable: it fails alone, and tells nothing of the batch
        return False


def as_source(page: str | bytes | Source, index: int) -> Source:
    """A Source for a page given as text or bytes (named ``#index``)."""
    if isinstance(page, Source):
        return page
    if not isinstance(page, str | bytes | bytearray):  # fails alone, named, as a bad input
        what = type(page).__name__
        return Source(f"#{index}", name=str(index), error=f"a page is str or bytes, not {what}")
    data = bytes(page) if isinstance(page, bytearray) else page
    return Source(f"#{index}", data=data, name=str(index))


def clean_many(
    cleaner: Cleaner,
    pages: Iterable[str | bytes | Source],
    *,
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    kind: Kind | None = None,
    allow_empty: bool = True,
) -> Iterator[BatchResult[Article]]:
    """See :meth:`cleaner.Cleaner.clean_many`."""
    work = CleanWork(cleaner, kind=kind, allow_empty=allow_empty)
    sources = (as_source(page, i) for i, page in enumerate(pages))
    for result in run_batch(sources, work, jobs=jobs, timeout=timeout):
        yield with_article(result)


def with_article(result: BatchResult[Cleaned]) -> BatchResult[Article]:
    """A result of :class:`CleanWork` as the Article, its source carrying the URL used."""
    if result.value is None:
        return BatchResult(result.source, error=result.error)
    source = replace(result.source, url=result.value.url)
    return BatchResult(source, value=result.value.article)
