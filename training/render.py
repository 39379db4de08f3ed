"""Render an HTML page to plain text the ways users' text dumps are made.

Four renderers, each a function ``html -> list of lines`` (no line breaks inside a line):

- ``inscriptis``: inscriptis' layout-aware text (indentation as it prints it).
- ``html2text``: html2text's markdown-ish text, unwrapped, links and images left out.
- ``lxml``: the text of each block element on its own line (no blank lines).
- ``browser``: a text browser's page: blocks as ``lxml``, list bullets, blank lines around
  paragraphs, headings and lists, hard-wrapped at a width chosen per page in 60-80
  (see :func:`wrap_width`).

Any rendering can be hard-wrapped afterwards (:func:`wrap_lines`); a wrapped line keeps the
index of the line it came from, so labels given to unwrapped lines carry over.
"""

from __future__ import annotations

import hashlib
import re
import textwrap
from collections.abc import Callable

import lxml.html
from lxml import etree

#: elements whose text never shows on a page
SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "head",
        "title",
        "meta",
        "link",
        "iframe",
        "object",
        "embed",
        "canvas",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "form-data",
    }
)
#: elements that start and end a line of their own
BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
        "picture",
        "time-block",
    }
)
#: blocks a text browser sets off with a blank line
PARAGRAPHS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "ul",
        "ol",
        "dl",
        "table",
        "figure",
        "hr",
    }
)
#: cells end with a tab-like gap, not a line
CELLS = frozenset({"td", "th"})

_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def page_hash(key: str, salt: str = "") -> int:
    """A stable integer from a page id (SHA-1), for choices that must not change between runs."""
    return int.from_bytes(hashlib.sha1((salt + key).encode("utf-8")).digest()[:8], "big")


def wrap_width(key: str) -> int:
    """The hard-wrap width for a page: 60-80 columns, fixed by the page id."""
    return 60 + page_hash(key, "width") % 21


def _parse(html: str) -> etree._Element | None:
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    return root


def _hidden(el: etree._Element) -> bool:
    """Whether an element is hidden by its ``hidden`` attribute or an inline ``display:none``."""
    return el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(
        " ", ""
    )


class _Blocks:
    """Collects the visible text of an element tree, one block element per line."""

    def __init__(self, browser: bool) -> None:
        self.browser = browser
        self.out: list[str] = []
        self.current: list[str] = []

    def flush(self, gap: bool = False) -> None:
        """End the line being collected (if it holds text), then a blank line with ``gap``."""
        text = _SPACE.sub(" ", "".join(self.current)).strip()
        self.current.clear()
        if text and text != "*":
            self.out.append(text)
        if gap and self.out and self.out[-1]:
            self.out.append("")

    def walk(self, el: etree._Element) -> None:
        """Collect an element's text, its children's and its tail."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag.lower() in SKIP or _hidden(el):
            if el.tail:
                self.current.append(el.tail)
            return
        tag = tag.lower()
        self._open(tag)
        if el.text:
            self.current.append(el.text)
        for child in el:
            self.walk(child)
        self._close(tag)
        if el.tail:
            self.current.append(el.tail)

    def _open(self, tag: str) -> None:
        if tag in BLOCKS:
            self.flush(self.browser and tag in PARAGRAPHS)
            if self.browser and tag == "li":
                self.current.append("* ")
        if tag == "br":
            self.flush()

    def _close(self, tag: str) -> None:
        if tag in CELLS:
            self.current.append("  ")
        if tag in BLOCKS:
            self.flush(self.browser and tag in PARAGRAPHS)


def _block_lines(html: str, browser: bool) -> list[str]:
    """The page's visible text, one block element per line.

    With ``browser``, list items get a ``*`` bullet and paragraph-like blocks a blank line
    before and after, as a text browser prints them.
    """
    root = _parse(html)
    if root is None:
        return []
    blocks = _Blocks(browser)
    blocks.walk(root)
    blocks.flush()
    out = blocks.out
    while out and not out[-1]:
        out.pop()
    return out


def render_lxml(html: str) -> list[str]:
    """Text of each block element on its own line (lxml), no blank lines."""
    return _block_lines(html, browser=False)


def render_browser(html: str, width: int = 72) -> list[str]:
    """A text browser's rendering: bullets, blank lines around paragraphs, wrapped at ``width``."""
    lines = _block_lines(html, browser=True)
    return [line for line, _ in wrap_lines(lines, width)]


def render_inscriptis(html: str) -> list[str]:
    """inscriptis' text rendering, trailing spaces cut."""
    from inscriptis import get_text  # type: ignore[import-untyped]

    root = _parse(html)
    if root is None:
        return []
    text = get_text(html)
    return _lines(text)


def render_html2text(html: str) -> list[str]:
    """html2text's rendering, unwrapped, without links and images."""
    import html2text

    conv = html2text.HTML2Text()
    conv.body_width = 0
    conv.ignore_links = True
    conv.ignore_images = True
    conv.ignore_emphasis = True
    return _lines(conv.handle(html))


def _lines(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    # more than one blank line in a row says nothing more than one
    out: list[str] = []
    for line in lines:
        if line.strip() or (out and out[-1].strip()):
            out.append(line if line.strip() else "")
    while out and not out[-1]:
        out.pop()
    return out


def wrap_lines(lines: list[str], width: int) -> list[tuple[str, int]]:
    """Hard-wrap each line at ``width`` columns; each piece keeps its source line's index."""
    out: list[tuple[str, int]] = []
    for index, line in enumerate(lines):
        if len(line) <= width:
            out.append((line, index))
            continue
        indent = line[: len(line) - len(line.lstrip())]
        pieces = textwrap.wrap(
            line.strip(),
            width=width,
            initial_indent=indent,
            subsequent_indent=indent + ("  " if line.lstrip().startswith("* ") else ""),
            break_long_words=False,
            break_on_hyphens=False,
        )
        out.extend((piece, index) for piece in pieces or [line])
    return out


def _browser_unwrapped(html: str) -> list[str]:
    return _block_lines(html, browser=True)


#: renderer name -> unwrapped lines; ``browser`` is always hard-wrapped afterwards
RENDERERS: dict[str, Callable[[str], list[str]]] = {
    "inscriptis": render_inscriptis,
    "html2text": render_html2text,
    "lxml": render_lxml,
    "browser": _browser_unwrapped,
}


def render(html: str, renderer: str) -> list[str]:
    """Unwrapped lines of a page by one renderer (``browser`` here is its unwrapped form)."""
    return RENDERERS[renderer](html)
