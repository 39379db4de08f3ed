"""The HTML path: a page's markup → a Page of blocks and metadata (see :mod:`.page`)."""

from .page import html_to_page
from .tree import MAX_HTML_CHARS

__all__ = ["MAX_HTML_CHARS", "html_to_page"]
