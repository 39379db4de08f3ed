"""The texts the tests holding a rewritten rule pattern to the one it replaced try both on: the
seeds' and text fixtures' blocks with their parts, and (where ``training/data`` is built) every
line and paragraph of the training dumps that a rule would try its pattern on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from cleaner.engine.model import Rule
from cleaner.text_blocks import text_to_page

from .training_dumps import DATA


def block_texts(path: Path) -> Iterator[str]:
    """Each block of a page as the text path makes them, then the block's parts."""
    for block in text_to_page(path.read_text(encoding="utf-8")).blocks:
        yield block.text
        yield from block.parts


def tried_pieces(rules: Iterable[Rule]) -> Iterator[tuple[Rule, str]]:
    """Every line and paragraph of the dumps (``python -m training.build_data``), stripped, with
    each rule that tries its pattern on it: one up to its longest, holding one of its required
    words (if it requires any)."""
    rules = list(rules)
    for path in sorted(DATA.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                text = json.loads(line)["text"]
                for piece in {*text.split("\n"), *text.split("\n\n")}:
                    piece = piece.strip()
                    lower = piece.lower()
                    for rule in rules:
                        if len(piece) <= (rule.scope.max_chars or len(piece)) and (
                            not rule.matcher.requires
                            or any(word in lower for word in rule.matcher.requires)
                        ):
                            yield rule, piece
