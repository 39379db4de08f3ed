"""The hand labels of syndication-dev's train-part texts as training dumps.

``training/labels/syndication-dev/<group>/<mN>.json`` (and ``unrelated/<NNN>/<a|b>.json``) label
the stored text copy ``../shared/corpora/syndication-dev/<same path>.txt`` in aggregators-dev's
schema (``labels.json``: title, authors, dateline, body_first, body_must, chrome, captions,
credits, copyright, truncated). Each becomes a record as aggregators-dev's dumps do
(:func:`training.aggregators.hand_record`): corpus ``syndication-dev``, item the label's path
(``002-ap-myanmar-thailand-quake/m2``), site the registered domain of the text's URL
(``members.json`` or ``pair.json``), part ``train``.

A label is refused, said on stderr and skipped, when its group is not in the train part of
``training/split.json`` (syndication-dev is split by story event) or when its site is a
validation site: a site of any corpus's validation part there, or the site of a text of a
validation group (whose split names the event, not the sites): those texts are only ever scored.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from training.aggregators import hand_record
from training.corpora import CORPORA

CORPUS = "syndication-dev"
#: the hand labels, in the repository
LABELS = Path(__file__).resolve().parent / "labels" / CORPUS
#: the texts they label (not part of the repository)
TEXTS = CORPORA / CORPUS


def validation_sites(split: dict[str, dict[str, dict[str, str]]]) -> set[str]:
    """Every site of the validation part, whatever its corpus."""
    return {
        entry["site"]
        for items in split.values()
        for entry in items.values()
        if entry["part"] == "val"
    }


def validation_group_sites(
    split: dict[str, dict[str, dict[str, str]]], texts: Path, domain: Callable[[str], str]
) -> set[str]:
    """The sites of the texts of syndication-dev's validation groups and pairs (their URLs in
    ``members.json`` / ``pair.json``; the split keys a group by its story's event)."""
    sites: set[str] = set()
    for group, entry in split.get(CORPUS, {}).items():
        if entry["part"] != "val":
            continue
        folder = texts / group
        if (folder / "pair.json").is_file():
            pair = json.loads((folder / "pair.json").read_text(encoding="utf-8"))
            sites.update(domain(pair[key]) for key in ("a", "b") if pair.get(key))
        elif (folder / "members.json").is_file():
            members = json.loads((folder / "members.json").read_text(encoding="utf-8"))
            sites.update(domain(member["url"]) for member in members if member.get("url"))
    return sites


def all_validation_sites(
    split: dict[str, dict[str, dict[str, str]]], texts: Path, domain: Callable[[str], str]
) -> set[str]:
    """The sites a labelled text may not stand on: every corpus's validation sites
    (:func:`validation_sites`) and the sites of syndication-dev's validation groups' texts
    (:func:`validation_group_sites`)."""
    return validation_sites(split) | validation_group_sites(split, texts, domain)


def group_of(item: str) -> str:
    """The split's key of a labelled text: ``'002-x/m2'`` -> ``'002-x'``,
    ``'unrelated/004/a'`` -> ``'unrelated/004'``."""
    return item.rsplit("/", 1)[0]


def url_of(texts: Path, item: str) -> str | None:
    """The URL of a labelled text, from its group's ``members.json`` or its pair's
    ``pair.json``; None when neither names it."""
    folder, name = texts / group_of(item), item.rsplit("/", 1)[1]
    if (folder / "pair.json").is_file():
        pair = json.loads((folder / "pair.json").read_text(encoding="utf-8"))
        url = pair.get(name)
        return str(url) if url else None
    if (folder / "members.json").is_file():
        for member in json.loads((folder / "members.json").read_text(encoding="utf-8")):
            if member.get("file") == f"{name}.txt":
                return str(member["url"])
    return None


def refusal(
    item: str, site: str | None, split: dict[str, dict[str, dict[str, str]]], val: set[str]
) -> str | None:
    """Why a labelled text may not be trained on, or None when it may."""
    entry = split.get(CORPUS, {}).get(group_of(item))
    if entry is None:
        return f"its group {group_of(item)} is not in training/split.json"
    if entry["part"] != "train":
        return f"its group {group_of(item)} is in the {entry['part']} part"
    if site is None:
        return "no URL names it (members.json / pair.json)"
    if site in val:
        return f"its site {site} is a validation site"
    return None


class LabelledText(NamedTuple):
    """One labelled text that may be trained on: its item (the label's path), site, URL, the
    text as found and its hand labels."""

    item: str
    site: str
    url: str
    text: str
    labels: dict[str, Any]


def registered_domain(url: str) -> str:
    """The split's registered domain of a URL (:func:`training.split.domain`)."""
    # imported here: courlan (which training.split imports) imported before the HTML path's
    # libraries makes their first import warn (urllib3's DependencyWarning), an error under
    # the tests' warning filter
    from training.split import domain

    return domain(url)


def labelled_texts(
    split: dict[str, dict[str, dict[str, str]]],
    labels: Path = LABELS,
    texts: Path = TEXTS,
    domain: Callable[[str], str] = registered_domain,
) -> Iterator[LabelledText]:
    """The labelled texts that may be trained on, in sorted order; refused labels are said on
    stderr and skipped. ``domain`` gives a URL's site."""
    val = all_validation_sites(split, texts, domain)
    for path in sorted(labels.rglob("*.json")):
        item = path.relative_to(labels).with_suffix("").as_posix()
        url = url_of(texts, item)
        site = domain(url) if url else None
        why = refusal(item, site, split, val)
        if why is None and not (texts / f"{item}.txt").is_file():
            why = f"its text {item}.txt is missing"
        if why is not None:
            print(f"training: {CORPUS} label {item} refused: {why}", file=sys.stderr)
            continue
        assert site is not None and url is not None
        yield LabelledText(
            item,
            site,
            url,
            (texts / f"{item}.txt").read_text(encoding="utf-8"),
            json.loads(path.read_text(encoding="utf-8")),
        )


def records(
    split: dict[str, dict[str, dict[str, str]]],
    labels: Path = LABELS,
    texts: Path = TEXTS,
    domain: Callable[[str], str] = registered_domain,
) -> Iterator[dict[str, Any]]:
    """The training records of the labelled texts (:func:`labelled_texts`), in sorted order."""
    for found in labelled_texts(split, labels, texts, domain):
        yield hand_record(
            CORPUS, found.item, found.site, "train", found.text, found.labels, found.url
        )
