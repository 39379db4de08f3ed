"""What an HTML story's last blocks print after the story: the author's bio, calls to action.

trafilatura keeps what stands in the story's box after its last paragraph; two kinds of such
blocks are no part of the story on sites of every sort: the author's bio ('Ann Lee is a
freelance writer living in …', where Ann Lee is the page's author) and a call to the reader
('Follow me on Pinterest …', 'Click here to …', 'Thanks for reading!').
"""

from __future__ import annotations

from ..blocks import Block
from ..fields import bio_pattern
from ..pattern_cache import compile_cached

#: A bio is one of the body's last this many blocks. Tuning part (wcxb-dev, fundus-dev):
#: its bios stand in the last four, its calls to action in the last six; the validation
#: figures of these bounds are in :func:`closing_chrome`.
BIO_TAIL = 4
#: A call to action is one of the body's last this many blocks, and this short.
CALL_TAIL = 6
CALL_MAX_CHARS = 250
#: A line that asks the reader to act: follow, join, sign up, click, check out, visit …
_CALL = compile_cached(
    r"(?i)^(?:follow (?:me|us)\b|join (?:me|us|our|the) |sign up\b|subscribe to\b|"
    r"click here\b|check out (?:our|my)\b|visit (?:my|our)\b|get the latest\b|"
    r"download (?:our|the) app|want more\b|don.t miss\b|thanks for (?:reading|visiting)|"
    r"share this\b|like this (?:article|post)|enjoyed this)"
)


def closing_chrome(blocks: list[Block], names: list[str]) -> tuple[tuple[int, str], ...]:
    """The author's bio and the calls to action among the body's last blocks, as (index, pass
    id): ``core.author-bio``, ``core.call-to-action``. Validation part, both against none:
    wcxb-dev F1 0.9323 -> 0.9325 (3 pages up, 3 down), fundus-dev 0.9636 -> 0.9639 (one
    page up), trafilatura-dev with/without 91.99% unchanged; tuning part 0.9562 -> 0.9564,
    0.9673 -> 0.9678 (13 pages up, 3 down).

    >>> body = [Block("The council met."), Block("Ann Lee is a writer in Ohio.")]
    >>> closing_chrome(body, ["Ann Lee"])
    ((1, 'core.author-bio'),)
    """
    bio = bio_pattern(names)
    total = len(blocks)
    judged = []
    for i, block in enumerate(blocks):
        if bio is not None and i >= total - BIO_TAIL and bio.match(block.text):
            judged.append((i, "core.author-bio"))
        elif (
            i >= total - CALL_TAIL and len(block.text) < CALL_MAX_CHARS and _CALL.match(block.text)
        ):
            judged.append((i, "core.call-to-action"))
    return tuple(judged)
