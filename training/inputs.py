"""Digests of what the two shipped models learn from, so that a change of code, rules or
training data that moves them is seen without training again.

``training.train_model`` records them in ``cleaner/models/story.json`` (``"inputs"``) and
``training.check_sequences`` computes them again and compares:

- ``data``: the train part's dumps (id, text and line labels of each, in the order read);
- ``story``: the story model's training sequences (each dump's block features and labels);
- ``headline``: the headline model's candidates (texts, features and labels of each page's
  candidates), computed with the shipped story model for every page. The headline model itself
  is trained on candidates labelled by fold story models (``training.train_headline``), which
  the same sequences rebuild; the shipped model stands in for them here, so that a change to the
  page's layout or to the headline features shows without training the fold models.

A digest is a SHA-256 of the JSON of each item, in the order the trainers read them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cleaner.engine import RuleSet
from training.story_data import LIMIT, read_records, trained_sequences


class Digest:
    """A digest taken item by item, where the items are consumed by something else (the
    trainer reading the story sequences)."""

    def __init__(self) -> None:
        self._hasher = hashlib.sha256()

    def add(self, item: Any) -> None:
        """Add one item's JSON."""
        self._hasher.update(json.dumps(item, ensure_ascii=False).encode("utf-8"))
        self._hasher.update(b"\n")

    def hexdigest(self) -> str:
        """The SHA-256 (hex, 16 characters) of the items added so far."""
        return self._hasher.hexdigest()[:16]


def digest(items: Iterable[Any]) -> str:
    """The SHA-256 (hex, 16 characters) of the items' JSON, one after another."""
    running = Digest()
    for item in items:
        running.add(item)
    return running.hexdigest()


def data_digest(data: Path) -> str:
    """The digest of the train part's dumps as the trainers read them."""
    return digest((r["id"], r["text"], r["labels"]) for r in read_records(data, "train"))


def story_digest(data: Path, rules: RuleSet) -> str:
    """The digest of the story model's training sequences."""
    return digest(trained_sequences(data, rules, LIMIT))


def headline_digest(data: Path, rules: RuleSet, story_model: Path) -> str:
    """The digest of the headline model's candidates, every page labelled by ``story_model``."""
    from training import train_headline

    models = dict.fromkeys(range(train_headline.FOLDS), story_model)
    return digest(item for _, item in train_headline.items(data, models, rules))


def digests(
    data: Path, rules: RuleSet, story_model: Path, story: str | None = None
) -> dict[str, str]:
    """``data``, ``story`` and ``headline`` digests, as ``story.json`` records them;
    ``story``: the story sequences' digest where the caller took it already (the trainer as it
    read them, ``check_sequences`` from the sequences it compares)."""
    return {
        "data": data_digest(data),
        "story": story_digest(data, rules) if story is None else story,
        "headline": headline_digest(data, rules, story_model),
    }
