"""The compiled story features (``_cfeatures.c``): see :mod:`cleaner.passes.features`."""

from collections.abc import Mapping, Sequence
from typing import Any

SOURCE_HASH: str
#: The build's record of the Python followed (cleaner.code_hash.built_record).
BUILT_SOURCES: str

def configure(config: Mapping[str, Any], /) -> None: ...
def block_features(
    blocks: Sequence[Any],
    kept: Sequence[Any],
    extras: Mapping[int, tuple[str, str, list[str]]],
    stoplists: tuple[frozenset[str], ...],
    /,
) -> tuple[list[list[str]], list[list[str]], list[list[str]]]: ...
def join_records(
    own: list[list[str]],
    near: list[list[str]],
    far: list[list[str]],
    tables: tuple[Mapping[str, bytes], ...],
    edges: tuple[bytes, bytes, bytes, bytes],
    /,
) -> list[bytes]: ...
def weighted_records(
    ids: Mapping[str, int], xseq: Sequence[Mapping[str, float]], /
) -> list[bytes]: ...

# The headline model's page-wide facts (headline.py's _content_words and _page_keys).
HEADLINE_HASH: str

def content_words(text: str, /) -> set[str]: ...
def first_words(
    texts: Sequence[str], head_chars: int, strip_mark: Any, key: Any, /
) -> set[str]: ...
def page_keys(
    blocks: Sequence[Any],
    firsts: set[str],
    max_words: int,
    head_chars: int,
    strip_mark: Any,
    key: Any,
    /,
) -> list[str]: ...

SIGNOFF_HASH: str

def signoff_blocks(blocks: Sequence[Any], /) -> list[int]: ...

HOLDS_ANY_HASH: str

def holds_any(text: str, words: Sequence[str], /) -> bool: ...
