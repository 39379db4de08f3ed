"""The URL a page declares for itself: ``<link rel=canonical>``, else ``<meta property=og:url>``;
and the site's name as a URL spells it.

Read from the page's head with two small patterns (no parse), so a batch can find the URL of
pages saved without one, and site rules keyed by host apply to them.
"""

from __future__ import annotations

import functools
import html
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, urlsplit

_HEAD_BYTES = 64 * 1024
_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_END_OF_HEAD = re.compile(r"</head\s*>|<body\b", re.IGNORECASE)


def declared_url(page: bytes | str) -> str | None:
    """The page's canonical URL, else its ``og:url``; only absolute http(s) URLs count.

    >>> declared_url(b'<head><link href="https://ex.com/a?b=1&amp;c=2" rel="canonical">')
    'https://ex.com/a?b=1&c=2'
    >>> declared_url('<meta property="og:url" content="//ex.com/b"><link rel=canonical href=/b>')
    'https://ex.com/b'
    >>> declared_url("Plain text, no markup.") is None
    True
    """
    head = page[:_HEAD_BYTES]
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    end = _END_OF_HEAD.search(text)
    if end:
        text = text[: end.start()]
    canonical = og = None
    for match in _TAG.finditer(text):
        attrs = {
            m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in _ATTR.finditer(match.group(2))
        }
        if match.group(1).lower() == "link":
            if canonical is None and "canonical" in attrs.get("rel", "").lower().split():
                canonical = _absolute(attrs.get("href"))
        elif og is None and "og:url" in (attrs.get("property"), attrs.get("name")):
            og = _absolute(attrs.get("content"))
    return canonical or og


def _absolute(url: str | None) -> str | None:
    url = (url or "").strip()
    if url.startswith("//"):
        url = "https:" + url
    return url if url.lower().startswith(("http://", "https://")) and len(url) > 8 else None


def host_of(url: str | None) -> str | None:
    """'https://www.citynews.com/a' → 'citynews.com': the host site packs are keyed by.

    >>> host_of("https://www.citynews.com/a"), host_of("citynews.com/a"), host_of(None)
    ('citynews.com', 'citynews.com', None)
    >>> host_of("https://[2001:db8::1/a"), host_of("https://"), host_of("/news/a")  # no host
    (None, None, None)
    """
    parts = _split(url)
    host = parts.hostname if parts else None
    return host.removeprefix("www.") if host else None


def _split(url: str | None) -> SplitResult | None:
    """The address's parts, one without a scheme read as a host and path ('citynews.com/a',
    '/news/a'); None for no address or a malformed one ('Invalid IPv6 URL': a page's or a
    user's)."""
    if not url:
        return None
    try:
        return urlsplit(url if "//" in url else "//" + url)
    except ValueError:
        return None


def site_from_url(url: str | None) -> str | None:
    """'https://www.citynews.com/a' → 'citynews': a site's name as its address spells it, the
    registered domain's first label by the public suffix list (``tld``'s, as courlan reads it
    for the corpora's split by site): 'thisismoney.co.uk' → 'thisismoney', not 'co'; a host
    with no registered domain (an IP address, 'localhost') names no site.

    Under a country's second-level domain the name was once 'co', 'gv' or 'com' (training part:
    25 pages on 18 sites), a substring of any title segment where the title's site segment is
    looked for ('Economy' cut as the site 'co'); read as the label before it, 1 training title
    changed (bundeskanzleramt.gv.at's '… - Bundeskanzleramt Österreich' cut), no other field.
    """
    host = host_of(url)
    if not host:
        return None
    registered = _registered_domain(host)
    return registered.partition(".")[0] if registered else None


def address_folders(url: str | None) -> list[str]:
    """The folders of an address's path, its page's own name left out: where a site files the
    page ('story', 'opinion', 'contributors' of '/story/opinion/contributors/2025/slug/').

    >>> address_folders("https://ex.com/story/opinion/a-b-c"), address_folders("/news/x/")
    (['story', 'opinion'], ['news'])
    >>> address_folders(None), address_folders("https://[2001:db8::1/a")
    ([], [])
    """
    parts = _split(url)
    return [part for part in parts.path.split("/") if part][:-1] if parts else []


@functools.lru_cache(maxsize=1024)
def _registered_domain(host: str) -> str | None:
    """The host's registered domain ('news.bbc.co.uk' → 'bbc.co.uk'), None for an IP address
    or a single label ('localhost'); cached, a batch's pages sharing a few hosts. As ``tld``'s
    ``get_fld("https://" + host, fail_silently=True)`` finds it (the public suffix list courlan
    reads for trafilatura), walking :func:`_suffix_nodes` as ``tld`` walks its trie; where the
    list cannot be read, ``tld`` itself is asked."""
    nodes = _suffix_nodes()
    if nodes is None:
        from tld import get_fld

        registered = get_fld("https://" + host, fail_silently=True)
        return registered if isinstance(registered, str) else None
    split = _split(host)
    hostname = split.hostname if split else None  # lower-cased by urlsplit
    if not hostname:
        return None
    parts = hostname.rstrip(".").split(".")
    key, depth, suffix = "", 0, 0  # suffix: the labels of the longest rule met, 0 for none
    for part in reversed(parts):
        _, _, exception, branches = nodes[key]
        if not branches or part == exception:
            break
        child = f"{key}.{part}"
        if child not in nodes:
            child = f"{key}.*"
            if child not in nodes:
                break
        depth, key = depth + 1, child
        if nodes[key][0]:
            suffix = depth
    if not suffix:
        return None
    if suffix == len(parts):
        return hostname  # the host is a public suffix
    return ".".join(parts[max(1, len(parts) - suffix) - 1 :])


#: A node of the public suffix list's trie, by its labels from the right ('.uk.co'; the root
#: ''): whether a rule ends there, whether that rule is a private domain's, the label of an
#: exception rule under it ('!city.kawasaki.jp' → 'city' under '.jp.kawasaki'), whether it
#: has children.
SuffixNode = tuple[bool, bool, str | None, bool]

#: The ``tld`` release whose list reading and trie walk :func:`_parse_suffixes` and
#: :func:`_registered_domain` follow; with another, ``tld.get_fld`` is asked.
_TLD_FOLLOWED = "0.13."


@functools.cache
def _suffix_nodes() -> dict[str, SuffixNode] | None:
    """The public suffix list ``tld`` ships, as nodes (:data:`SuffixNode`), or None where it
    cannot be read. Parsed once and kept in the cache folder (``CLEANER_CACHE_DIR``, as the
    compiled patterns are), keyed by the list file's sha256 and ``tld``'s version: parsing it,
    as ``tld`` does on its first use, cost 314 million instructions a process (a third of an
    HTML page's start-up). A folder that cannot be written leaves each process parsing it."""
    import hashlib

    import tld

    from .pattern_cache import SuffixTrie, cache_folder

    if not str(getattr(tld, "__version__", "")).startswith(_TLD_FOLLOWED):
        return None  # the walk follows this version's trie: another is asked itself
    try:
        from tld.helpers import project_dir
        from tld.utils import MozillaTLDSourceParser

        local = MozillaTLDSourceParser.local_path
        data = Path(local if os.path.isabs(local) else project_dir(local)).read_bytes()
        text = data.decode("utf-8")
    except (ImportError, AttributeError, OSError, UnicodeDecodeError):
        return None
    key = f"{hashlib.sha256(data).hexdigest()}-{tld.__version__}"
    return SuffixTrie(cache_folder()).nodes(key, lambda: _parse_suffixes(text))


def _parse_suffixes(text: str) -> dict[str, SuffixNode]:
    """The list's nodes, read line by line as ``tld`` 0.13's ``BaseMozillaTLDSourceParser``
    reads them into its trie (``Trie.add``), with its private rules.

    >>> nodes = _parse_suffixes("// c\\nuk\\nco.uk\\n*.ck\\n!www.ck\\n")
    >>> nodes[".uk"], nodes[".uk.co"]
    ((True, False, None, True), (True, False, None, False))
    >>> nodes[".ck"], nodes[".ck.*"]
    ((True, False, 'www', True), (True, False, None, False))
    """
    nodes: dict[str, list[Any]] = {"": [False, False, None, False]}
    private = False
    for line in text.splitlines(keepends=True):
        if "===BEGIN PRIVATE DOMAINS===" in line:
            private = True
        if "// xn--" in line:
            line = line.split()[1]
        if line[0] in ("/", "\n"):
            continue
        key = ""
        for part in reversed(line.strip().split(".")):
            node = nodes[key]
            if part.startswith("!"):
                node[2] = part[1:]
                break
            node[3] = True
            key = f"{key}.{part}"
            nodes.setdefault(key, [False, False, None, False])
        node = nodes[key]
        node[0] = True
        if private:
            node[1] = True
    return {key: (node[0], node[1], node[2], node[3]) for key, node in nodes.items()}
