"""The registered domain as ``tld`` finds it, from the public suffix list parsed once and kept in
the cache folder (``cleaner.page_url._suffix_nodes``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tld import get_fld
from tld.helpers import project_dir
from tld.utils import MozillaTLDSourceParser

from cleaner import page_url
from cleaner.pattern_cache import CACHE_ENV, SuffixTrie

LIST = Path(project_dir(MozillaTLDSourceParser.local_path))


def _hosts() -> list[str]:
    """Hosts at, under and around every rule of the list (wildcards and exceptions too)."""
    hosts = ["localhost", "127.0.0.1", "2001:db8::1", "BBC.co.uk.", "a..uk", "ex.com:80", "[::1]"]
    for line in LIST.read_text(encoding="utf-8").splitlines():
        rule = line.strip().lstrip("!")
        if rule and not rule.startswith("//"):
            hosts += [rule, "x." + rule.replace("*", "w"), "www.city." + rule.replace("*", "w")]
    return hosts


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    page_url._suffix_nodes.cache_clear()
    yield tmp_path
    page_url._suffix_nodes.cache_clear()


def _domain(host: str) -> str | None:
    return page_url._registered_domain.__wrapped__(host)  # type: ignore[attr-defined,no-any-return]


def test_as_tld_finds_it(cache: Path) -> None:
    hosts = _hosts()
    assert len(hosts) > 20_000
    for round_ in ("parsed", "read from the cache"):
        page_url._suffix_nodes.cache_clear()
        differ = [h for h in hosts if _domain(h) != get_fld("https://" + h, fail_silently=True)]
        assert differ == [], round_
        assert (cache / "suffixes.bin").exists()


def test_a_cache_under_another_key_is_not_served(cache: Path) -> None:
    stale: dict[str, page_url.SuffixNode] = {"": (False, False, None, False)}  # no rules at all
    assert SuffixTrie(cache).nodes("0" * 64 + "-0.0", lambda: stale) is stale
    assert SuffixTrie(cache).nodes("0" * 64 + "-0.0", dict) == stale  # kept, read back
    assert _domain("news.bbc.co.uk") == "bbc.co.uk"


def test_a_damaged_cache_is_parsed_anew(cache: Path) -> None:
    assert _domain("news.bbc.co.uk") == "bbc.co.uk"
    kept = cache / "suffixes.bin"
    kept.write_bytes(kept.read_bytes()[:1000])
    page_url._suffix_nodes.cache_clear()
    assert _domain("news.bbc.co.uk") == "bbc.co.uk"


def test_a_folder_that_cannot_be_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv(CACHE_ENV, str(blocked / "cache"))
    page_url._suffix_nodes.cache_clear()
    try:
        assert page_url._suffix_nodes() is not None
        assert _domain("www.thisismoney.co.uk") == "thisismoney.co.uk"
    finally:
        page_url._suffix_nodes.cache_clear()


def test_another_tld_release_is_asked_itself(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tld

    monkeypatch.setattr(tld, "__version__", "0.14.0")
    page_url._suffix_nodes.cache_clear()
    try:
        assert page_url._suffix_nodes() is None
        assert _domain("news.bbc.co.uk") == "bbc.co.uk"
        assert not (cache / "suffixes.bin").exists()
    finally:
        page_url._suffix_nodes.cache_clear()
