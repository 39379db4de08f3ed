"""The library surface: ``clean()`` for one page, ``Cleaner`` to compile the rules once."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from .article import Article
from .assemble import assemble
from .blocks import PageMeta
from .decode import Kind, decode
from .engine import RuleSet, apply_rules, load_rules
from .errors import InputError
from .passes import split_disabled
from .text_blocks import text_to_page


class Cleaner:
    """Compiles the rules once; ``clean()`` may then be called from many threads at once.

    ``rule_dirs``: extra rule folders (they run before the built-in packs);
    ``builtin``: load the built-in packs; ``explain``: fill ``Article.removed``;
    ``disable``: ids of rules or passes to leave out (``cleaner-rules list`` names them).
    """

    def __init__(
        self,
        *,
        rule_dirs: Iterable[str | Path] = (),
        builtin: bool = True,
        explain: bool = False,
        disable: Iterable[str] = (),
    ) -> None:
        rule_ids, self.passes_off = split_disabled(disable)
        self.rules: RuleSet = load_rules(rule_dirs, builtin=builtin).without(rule_ids)
        self.explain = explain

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
        ``name`` names the input in error messages; ``explain`` overrides the Cleaner's own
        setting for this call. Raises :class:`InputError`."""
        decoded = decode(source, kind=kind, name=name)
        if not decoded.text.strip():
            raise InputError("input is empty", name)
        meta = PageMeta(url=url)
        if decoded.kind == "html":
            from .html import html_to_page

            page = html_to_page(decoded.text, meta, name=name)
        else:
            page = text_to_page(decoded.text, meta)
        explain = self.explain if explain is None else explain
        outcome = apply_rules(page.blocks, self.rules, host=_host(url), explain=explain)
        return assemble(page, outcome, off=self.passes_off)


_default: Cleaner | None = None
_default_lock = threading.Lock()


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


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname
    return host.removeprefix("www.") if host else None
