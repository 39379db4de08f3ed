"""The body's blocks a pass over the page's markup judges: those printing a line the pass found
in some part of the page (an overlay, an embedded post, a teaser card)."""

from __future__ import annotations

from collections.abc import Collection

from ..blocks import Block
from ..lexicon import text_key


def blocks_printing(
    blocks: list[Block], keys: Collection[str], pass_id: str
) -> tuple[tuple[int, str], ...]:
    """The blocks whose text keys (:func:`~cleaner.lexicon.text_key`) are among ``keys``,
    captions aside, as (index, ``pass_id``); none when they would take half the body or more
    (then the part found holds the story).

    >>> blocks_printing([Block("A."), Block("Sign up"), Block("B.")], {"signup"}, "core.x")
    ((1, 'core.x'),)
    """
    if not keys:
        return ()
    judged = tuple(
        (i, pass_id)
        for i, block in enumerate(blocks)
        if block.kind != "caption" and text_key(block.text) in keys
    )
    return judged if len(judged) * 2 < len(blocks) else ()
