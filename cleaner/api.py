"""The library surface: ``clean()`` for one page, ``Cleaner`` to compile the rules once."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from . import pattern_cache, pipeline
from .article import Article
from .assemble import assemble
from .blocks import Page, PageMeta
from .decode import Kind, decode
from .engine import RuleSet, apply_rules, load_rules
from .engine.model import timeout_warnings, timeouts_noted
from .errors import InputError, UnknownRuleError
from .page_url import host_of
from .passes import known_ids, split_disabled
from .passes.story import StoryModel, model_path
from .text_blocks import text_to_page

if TYPE_CHECKING:
    from .batch import BatchResult
    from .inputs import Source


class Cleaner:
    """Compiles the rules once; ``clean()`` may then be called from many threads at once.

    ``rule_dirs``: extra rule folders (they run before the built-in packs);
    ``builtin``: load the built-in packs; ``explain``: fill ``Article.removed`` (on HTML,
    with what was removed from the story trafilatura extracted: what the extraction left out
    of the page is not listed);
    ``disable``: ids of rules or passes to leave out (``cleaner-rules list`` names them).
    One folder or one id may be given alone (``rule_dirs="my-rules"``).
    """

    def __init__(
        self,
        *,
        rule_dirs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | None = (),
        builtin: bool = True,
        explain: bool = False,
        disable: str | Iterable[str] | None = (),
    ) -> None:
        rule_dirs = _several("rule_dirs", rule_dirs, (str, os.PathLike))  # one: not its letters
        disable = _several("disable", disable, (str,))
        rules = load_rules(rule_dirs, builtin=builtin)
        self._known_ids = known_ids(rules)
        off = list(dict.fromkeys(disable))
        unknown = [rule_id for rule_id in off if rule_id not in self._known_ids]
        if unknown:
            from difflib import get_close_matches  # here: only for a typo in ``disable``

            raise UnknownRuleError(
                unknown, {i: get_close_matches(i, self._known_ids, n=2) for i in unknown}
            )
        rule_ids, self.passes_off = split_disabled(off)
        self.rules: RuleSet = rules.without(rule_ids)
        self.explain = explain
        #: The learned story labeller for text dumps (None when disabled or not shipped).
        self.story: StoryModel | None = None
        if "model" not in self.passes_off and model_path().is_file():
            self.story = StoryModel(self.rules)

    def known_ids(self) -> frozenset[str]:
        """The ids ``disable`` may name: rule ids and aliases, registered passes' ids."""
        return self._known_ids

    def clean(
        self,
        source: str | bytes,
        *,
        url: str | None = None,
        kind: Kind | None = None,
        name: str | None = None,
        explain: bool | None = None,
    ) -> Article:
        """Clean one page (HTML or text, str or bytes). ``kind`` forces ``"html"``/``"text"``;
        ``name`` names the input in error messages (default: ``url``, else ``"<string>"`` or
        ``"<bytes>"``); ``explain`` overrides the Cleaner's own setting for this call. Raises
        :class:`InputError`."""
        _check_call(source, url, kind)
        if name is None:
            name = url or ("<bytes>" if isinstance(source, bytes | bytearray) else "<string>")
        decoded = decode(source, kind=kind, name=name)
        if not decoded.text.strip():
            raise InputError("input is empty", name)
        meta = PageMeta(url=url)
        explain = self.explain if explain is None else explain
        with timeouts_noted() as slow:
            if decoded.kind == "html":
                page = _html_reader()(decoded.text, meta, name=name)
            else:
                page = text_to_page(decoded.text, meta, utf8=decoded.utf8)
            steps = pipeline.steps_for(decoded.kind, learned=self.story is not None)
            outcome = apply_rules(page.blocks, self.rules, host=host_of(url), explain=explain)
            work = pipeline.run(steps, page, outcome, off=self.passes_off, story=self.story)
        pattern_cache.save()  # what the first page's modules compiled, for the next process
        article = assemble(page.meta, outcome, work.kept, work.title)
        if slow:  # a rule left unapplied is said, not passed over in silence
            late = timeout_warnings(slow, self.rules.rules)
            article = dataclasses.replace(article, warnings=(*article.warnings, *late))
        return article

    def warm_up(self, *, html: bool = True) -> None:
        """Load and compile now what cleaning loads on first use (the extraction libraries,
        dateparser's locales: over 1 s of CPU on the first page that needs them). A batch calls
        it before starting its worker processes, which then share it instead of each paying.
        ``html=False``: only what text dumps need (the story model's stoplists)."""
        if html:
            _html_reader()
            from .html.extract import warm_up

            warm_up()
        for page in _WARM_PAGES if html else _WARM_PAGES[1:]:
            with contextlib.suppress(InputError):
                self.clean(page, explain=False)

    def clean_many(
        self,
        pages: Iterable[str | bytes | Source],
        *,
        jobs: int = 1,
        timeout: float | None = 30.0,
        kind: Kind | None = None,
        allow_empty: bool = True,
    ) -> Iterator[BatchResult[Article]]:
        """Clean many pages in ``jobs`` worker processes (0: one per core), in order.

        ``pages``: str or bytes, or :class:`cleaner.inputs.Source` (from
        :func:`cleaner.inputs.iter_sources`, with its URL), read lazily. Yields one
        :class:`cleaner.batch.BatchResult` per page: ``.value`` the Article, or ``.error`` the
        reason (a page that crashes or kills its worker, or runs past ``timeout`` seconds,
        fails alone; None, 0 or infinity: no limit). ``.source.url`` is the URL used (given,
        or the page's canonical).
        ``allow_empty=False`` makes a page with no story a failure (``"no story found"``).
        """
        from .many import clean_many

        return clean_many(
            self, pages, jobs=jobs, timeout=timeout, kind=kind, allow_empty=allow_empty
        )


#: An HTML page and a text dump, cleaned by :meth:`Cleaner.warm_up` (their results unused).
_WARM_PAGES = (
    "<html><head><title>Park approved</title></head><body><article><h1>Park approved</h1>"
    "<p>By Ann Lee, Staff writer. March 3, 2021</p><p>The council approved a park on Monday "
    "after a long debate about the land by the river.</p></article></body></html>",
    "Park approved\n\nBy Ann Lee\n\nSPRINGFIELD (AP) - The council approved a park on Monday "
    "after a long debate about the land by the river.\n",
)


def _several(name: str, value: Any, alone: tuple[type, ...]) -> list[Any]:
    """``rule_dirs`` or ``disable`` as a list: one value alone, a list of them, or None (none);
    anything else a TypeError naming the argument ('rule_dirs' was "'int' object is not
    iterable")."""
    if value is None:
        return []
    if isinstance(value, alone):
        return [value]
    if isinstance(value, bytes) or not isinstance(value, Iterable):
        kinds = " or ".join(t.__name__ for t in alone)
        raise TypeError(f"{name} takes a {kinds} or a list of them, not {type(value).__name__}")
    return list(value)


_default: Cleaner | None = None
_default_lock = threading.Lock()


def _check_call(source: object, url: object, kind: object) -> None:
    """A TypeError or ValueError naming a wrong argument of :meth:`Cleaner.clean`, before
    it fails deeper down with a message about something else."""
    if not isinstance(source, str | bytes | bytearray):
        hint = (
            " (a path: give its bytes, Path(...).read_bytes())"
            if isinstance(source, os.PathLike)
            else ""
        )
        raise TypeError(
            f"clean() takes the page as str or bytes, not {type(source).__name__}{hint}"
        )
    if url is not None and not isinstance(url, str):
        raise TypeError(f"url must be a str or None, not {type(url).__name__}")
    if kind not in (None, "html", "text"):
        raise ValueError(f"kind must be 'html', 'text' or None, not {kind!r}")


@functools.cache
def _html_reader() -> Callable[..., Page]:
    """:func:`cleaner.html.html_to_page`, its modules and the extraction libraries imported the
    first time an HTML page is read, what their imports compile taken from the cache folder
    (:func:`cleaner.pattern_cache.compiled_once`): once a process, so that no page after the
    first swaps the stdlib's names while other threads work."""
    with pattern_cache.compiled_once():
        from .html import html_to_page
        from .html.extract import import_libraries

        import_libraries()
    return html_to_page


def clean(
    source: str | bytes,
    *,
    url: str | None = None,
    kind: Kind | None = None,
    explain: bool = False,
) -> Article:
    """Clean one page with the built-in rules: ``clean(html_or_text, url=None)`` → Article.

    The rules are compiled once per process; ``explain`` is only a flag of the call."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Cleaner()
    return _default.clean(source, url=url, kind=kind, explain=explain)
