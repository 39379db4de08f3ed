"""The four HTML development corpora read into one shape: a page, its URL and its gold.

Which pages are read comes from ``training/split.json`` (the fixed split by site): the
validation part by default. A gold field is None where the corpus has no annotation for it on
that page; an empty value (``""``, ``[]``) is an annotation saying "none".
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

CORPORA = ("trafilatura-dev", "readability-dev", "wcxb-dev", "fundus-dev")
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = ROOT.parent / "shared" / "corpora"
"""Where the development corpora are when the repository sits beside ``shared``."""
SPLIT = ROOT / "training" / "split.json"


@dataclass(frozen=True)
class Caption:
    """A gold image caption and its photo credits."""

    text: str
    credits: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gold:
    """What a page should give; None = not annotated on this page."""

    body: str | None = None
    """The whole main text (wcxb-dev, fundus-dev)."""
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    has_story: bool = True
    """The page has a story, so an empty body is a failure."""
    authors: tuple[str, ...] | None = None
    """The expected names (a byline string is one item, split when scored)."""
    named: bool = False
    """The byline names at least one person."""
    date: str | None = None
    title: str | None = None
    captions: tuple[Caption, ...] | None = None


@dataclass(frozen=True)
class Page:
    """One page of a corpus: the input given to every system alike, and its gold."""

    corpus: str
    key: str
    html: bytes | str = field(repr=False)
    """Bytes as fetched (trafilatura-dev, readability-dev); text where the corpus documents
    the encoding (wcxb-dev, fundus-dev: UTF-8, whatever the page's meta tag says)."""
    url: str | None
    gold: Gold


class CorpusMissing(Exception):
    """A corpus (or the split) is not where the benchmark looks for it."""


def load_split(path: Path) -> dict[str, dict[str, dict[str, str]]]:
    """The committed split: ``{corpus: {item: {"part": "train"|"val", "site": ...}}}``."""
    if not path.is_file():
        raise CorpusMissing(f"{path}: the split file is missing (run python -m training.split)")
    data: dict[str, dict[str, dict[str, str]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _names(value: str | list[str] | None) -> tuple[str, ...]:
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _trafilatura_dev(root: Path, keys: set[str]) -> list[Page]:
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(keys & data.keys()):
        entry = data[key]
        path = root / "pages" / entry["file"]
        if not path.is_file():
            continue
        gold = Gold(
            with_snippets=tuple(entry.get("with", [])),
            without_snippets=tuple(entry.get("without", [])),
            has_story=bool(entry.get("with")),
            authors=_names(entry["author"]) if "author" in entry else None,
            named=bool(entry.get("author")),
            date=entry.get("date") or None,
            title=entry.get("title") or None,
        )
        url = key.strip() if key.startswith("http") else None
        pages.append(Page("trafilatura-dev", key, path.read_bytes(), url, gold))
    return pages


def _readability_dev(root: Path, keys: set[str]) -> list[Page]:
    pages = []
    for key in sorted(keys):
        folder = root / key
        source, meta_path = folder / "source.html", folder / "expected-metadata.json"
        if not (source.is_file() and meta_path.is_file()):
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        expected = folder / "expected.html"
        gold = Gold(
            has_story=expected.is_file() and expected.stat().st_size > 0,
            authors=_names(meta.get("byline")),
            named=bool(meta.get("byline")),
            date=(meta.get("publishedTime") or "")[:10] or None,
            title=meta.get("title") or None,
        )
        pages.append(Page("readability-dev", key, source.read_bytes(), None, gold))
    return pages


def _wcxb_dev(root: Path, keys: set[str]) -> list[Page]:
    pages = []
    for key in sorted(keys):
        truth_path = root / "ground-truth" / f"{key}.json"
        html_path = root / "html" / f"{key}.html.gz"
        if not (truth_path.is_file() and html_path.is_file()):
            continue
        data = json.loads(truth_path.read_text(encoding="utf-8"))
        truth = data["ground_truth"]
        gold = Gold(
            body=truth.get("main_content") or "",
            with_snippets=tuple(truth.get("with") or ()),
            without_snippets=tuple(truth.get("without") or ()),
            has_story=bool((truth.get("main_content") or "").strip()),
            authors=_names(truth.get("author")),
            named=bool(truth.get("author")),
            date=truth.get("publish_date") or None,
            title=truth.get("title") or None,
        )
        with gzip.open(html_path, "rt", encoding="utf-8") as handle:
            html = handle.read()
        pages.append(Page("wcxb-dev", key, html, data.get("url"), gold))
    return pages


def _fundus_dev(root: Path, keys: set[str]) -> list[Page]:
    pages = []
    for key in sorted(keys):
        folder = root / key
        if not (folder / "gold.json").is_file():
            continue
        data = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        body = "\n\n".join([*data.get("summary", []), *data.get("paragraphs", [])])
        persons = data.get("authors_person")
        captions = data.get("captions")
        gold = Gold(
            body=body,
            has_story=bool(body.strip()),
            authors=tuple(persons) if persons is not None else None,
            named=bool(persons),
            date=data.get("date") or None,
            title=data.get("title") or None,
            captions=None
            if captions is None
            else tuple(
                Caption(c["caption"] or "", tuple(c.get("credits") or ())) for c in captions
            ),
        )
        html = (folder / "page.html").read_text(encoding="utf-8")
        pages.append(Page("fundus-dev", key, html, data.get("url"), gold))
    return pages


_READERS = {
    "trafilatura-dev": _trafilatura_dev,
    "readability-dev": _readability_dev,
    "wcxb-dev": _wcxb_dev,
    "fundus-dev": _fundus_dev,
}


def load(
    corpora: Path, split: dict[str, dict[str, dict[str, str]]], corpus: str, part: str
) -> list[Page]:
    """The pages of one corpus in one part of the split (``train``, ``val`` or ``all``)."""
    root = corpora / corpus
    if not root.is_dir():
        raise CorpusMissing(f"{root}: corpus not found")
    items = split.get(corpus)
    if not items:
        raise CorpusMissing(f"training/split.json has no items for {corpus}")
    keys = {k for k, v in items.items() if part == "all" or v["part"] == part}
    return _READERS[corpus](root, keys)


def load_parts(
    corpora: Path, split_path: Path, part: str, names: Sequence[str] | None = None
) -> dict[str, list[Page]]:
    """The pages of each named corpus (all of :data:`CORPORA` by default) in one part of the
    split at ``split_path``; raises :class:`CorpusMissing` naming what is not there."""
    if not corpora.is_dir():
        raise CorpusMissing(f"corpora not found under {corpora}")
    split = load_split(split_path)
    return {c: load(corpora, split, c, part) for c in names or CORPORA}


def study_parts(
    description: str, prog: str, argv: list[str] | None
) -> tuple[argparse.Namespace, dict[str, list[Page]] | None]:
    """The options of a source study (``--corpora``, ``--part``, ``--corpus``, ``--misses``,
    the last for the tuning part only, and ``--run``) parsed from ``argv``, and the pages they
    name; None, after saying so, when the corpora are missing."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--part", choices=("train", "val"), default="train")
    parser.add_argument("--corpus", action="append", choices=CORPORA)
    parser.add_argument("--misses", action="store_true", help="print each miss (tuning part)")
    parser.add_argument(
        "--run",
        type=Path,
        help="a bench_html.py --json file of the same part: with --misses, trafilatura's "
        "default's value is printed beside each miss",
    )
    args = parser.parse_args(argv)
    if args.misses and args.part != "train":
        parser.error("--misses reads pages: the tuning part only")
    try:
        return args, load_parts(args.corpora, SPLIT, args.part, args.corpus)
    except CorpusMissing as exc:
        print(f"{prog}: {exc}; nothing to measure.")
        return args, None


def run_values(
    path: Path | None, system: str = "trafilatura default"
) -> dict[tuple[str, str], dict]:
    """One system's per-page results in a ``bench_html.py --json`` file, by (corpus, page key);
    empty without a file. Raises :class:`CorpusMissing` when the file is not there."""
    if path is None:
        return {}
    if not path.is_file():
        raise CorpusMissing(f"run file not found: {path}")
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {(r["corpus"], r["key"]): r["systems"].get(system, {}) for r in rows}
