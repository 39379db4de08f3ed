"""A text dump's blocks, compiled (``_ctext.c``): see :mod:`cleaner.text_blocks`."""

from collections.abc import Callable, Mapping
from typing import Any

SOURCE_HASH: str

def configure(config: Mapping[str, Any], /) -> None: ...
def blocks(text: str, normalize: Callable[[str], str], /) -> list[Any]: ...
