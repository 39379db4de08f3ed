"""Stories: which cleaned articles are copies of one story (wire reprints, edited and reworded
copies), and which are only other stories of the same event.

>>> from cleaner.stories import StoryIndex, group_articles   # imports datasketch on first use

``StoryIndex`` grows one article at a time and saves to a file; ``group_articles`` groups a
list at once. ``cleaner-stories`` is the command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .index import Assignment, StoryIndex, StoryIndexError, group_articles

__all__ = ["Assignment", "StoryIndex", "StoryIndexError", "group_articles"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import index

        return getattr(index, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
