"""A text dump's blocks, compiled (``_ctext.c``): see :mod:`cleaner.text_blocks`."""

from collections.abc import Callable, Mapping
from typing import Any

SOURCE_HASH: str
#: The build's record of the Python followed (cleaner.code_hash.built_record).
BUILT_SOURCES: str

def configure(config: Mapping[str, Any], /) -> None: ...
def blocks(text: str, normalize: Callable[[str], str], /) -> list[Any]: ...
def xml_unfit(text: str, /) -> bool: ...
