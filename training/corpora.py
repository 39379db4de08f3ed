"""Read the development corpora's pages and gold annotations into one shape (:class:`Page`).

Each reader yields the items of one corpus in sorted order; the site and the split part come
from ``training/split.json``. The corpora live in ``../shared/corpora`` (not part of the
repository); :data:`CORPORA` is where they are looked for.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import lxml.html

from cleaner.lexicon import BYLINE_OPENERS
from training.align import Gold

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
SPLIT = Path(__file__).resolve().parent / "split.json"
#: The aggregator scorer beside the corpora (``../shared/tools/aggregator_eval.py``).
SCORER = CORPORA.parent / "tools" / "aggregator_eval.py"

#: the corpora with whole HTML pages and a gold body, rendered to text
RENDERED = ("wcxb-dev", "fundus-dev", "readability-dev")


def aggregator_scorer() -> ModuleType | None:
    """The aggregator scorer imported by path, or None when it is missing."""
    if not SCORER.is_file():
        return None
    spec = importlib.util.spec_from_file_location("aggregator_eval", SCORER)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Page:
    """One HTML page of a corpus with what its annotation says."""

    corpus: str
    item: str
    site: str
    part: str
    html: str
    gold: Gold
    #: the gold fields written with each dump (title, authors, date, url, ...)
    meta: dict[str, Any] = field(default_factory=dict)


def load_split() -> dict[str, dict[str, dict[str, str]]]:
    """``training/split.json``: corpus -> item -> {site, part}."""
    data: dict[str, dict[str, dict[str, str]]] = json.loads(SPLIT.read_text(encoding="utf-8"))
    return data


#: the word that opens a byline, in the lexicon's languages ('By', 'Von', 'Par' …)
_BY = re.compile(rf"^\s*(?:{'|'.join(BYLINE_OPENERS)})\s+", re.IGNORECASE)


def split_authors(byline: str | None) -> list[str]:
    """'A, B and C' -> ['A', 'B', 'C'] (a byline string of names)."""
    if not byline:
        return []
    text = _BY.sub("", byline.strip())
    parts = re.split(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b)\s*", text)
    return [p.strip() for p in parts if p.strip()]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def wcxb(split: dict[str, dict[str, str]]) -> Iterator[Page]:
    """WCXB dev pages: gold main text (subheads from its markdown form), title, author, date."""
    base = CORPORA / "wcxb-dev"
    for path in sorted((base / "ground-truth").glob("*.json")):
        item = path.stem
        record = json.loads(path.read_text(encoding="utf-8"))
        truth = record["ground_truth"]
        title = truth.get("title") or None
        heads = {
            " ".join(line.lstrip("#").split()).casefold()
            for line in (truth.get("main_content_markdown") or "").split("\n")
            if line.startswith("#")
        }
        body: list[tuple[str, str]] = []
        for line in (truth.get("main_content") or "").split("\n"):
            text = line.strip()
            folded = " ".join(text.split()).casefold()
            if not text or (title and folded == " ".join(title.split()).casefold()):
                continue
            kind = "subhead" if folded in heads else "body"
            body.append((kind, text))
        authors = split_authors(truth.get("author"))
        with gzip.open(base / "html" / f"{item}.html.gz", "rt", encoding="utf-8") as page:
            html = page.read()
        info = split[item]
        yield Page(
            "wcxb-dev",
            item,
            info["site"],
            info["part"],
            html,
            Gold(title=title, authors=authors, date=truth.get("publish_date"), body=body),
            {
                "title": title,
                "authors": authors,
                "date": truth.get("publish_date"),
                "url": record.get("url"),
            },
        )


def fundus(split: dict[str, dict[str, str]]) -> Iterator[Page]:
    """Fundus pages: summary (standfirst), paragraphs and subheads, captions with credits."""
    base = CORPORA / "fundus-dev"
    for case in sorted(p for p in base.iterdir() if (p / "gold.json").is_file()):
        gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
        body = [("standfirst", _nfc(s)) for s in gold.get("summary") or []]
        subheads = gold.get("is_subhead") or []
        for index, para in enumerate(gold.get("paragraphs") or []):
            sub = index < len(subheads) and subheads[index]
            body.append(("subhead" if sub else "body", _nfc(para)))
        captions: list[str] = []
        credits: list[str] = []
        for cap in gold.get("captions") or []:
            if cap.get("caption"):
                captions.append(_nfc(cap["caption"]))
            credits.extend(_nfc(c) for c in cap.get("credits") or [] if c)
        authors = gold.get("authors_person") or []
        info = split[case.name]
        yield Page(
            "fundus-dev",
            case.name,
            info["site"],
            info["part"],
            (case / "page.html").read_text(encoding="utf-8"),
            Gold(
                title=gold.get("title"),
                authors=authors,
                date=gold.get("date"),
                body=body,
                captions=captions,
                credits=credits,
            ),
            {
                "title": gold.get("title"),
                "authors": authors,
                "date": gold.get("date"),
                "url": gold.get("url"),
            },
        )


def _expected_blocks(html: str) -> list[tuple[str, str]]:
    """Readability's expected article as (kind, text) blocks: headings are subheads,
    figure captions captions, the rest body."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out: list[tuple[str, str]] = []
    blocks = {
        "p",
        "li",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "figcaption",
        "td",
        "th",
        "dt",
        "dd",
    }
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag not in blocks or any(
            (a.tag if isinstance(a.tag, str) else "") in blocks for a in el.iterancestors()
        ):
            continue
        text = " ".join(el.text_content().split())
        if not text:
            continue
        kind = (
            "subhead"
            if tag[:1] == "h" and tag[1:].isdigit()
            else ("caption" if tag == "figcaption" else "body")
        )
        out.append((kind, text))
    return out


def readability(split: dict[str, dict[str, str]]) -> Iterator[Page]:
    """Readability test pages: its expected article, title, byline and date."""
    base = CORPORA / "readability-dev"
    for case in sorted(p for p in base.iterdir() if (p / "expected.html").is_file()):
        meta = json.loads((case / "expected-metadata.json").read_text(encoding="utf-8"))
        blocks = _expected_blocks((case / "expected.html").read_text(encoding="utf-8"))
        body = [(k, t) for k, t in blocks if k != "caption"]
        captions = [t for k, t in blocks if k == "caption"]
        authors = split_authors(meta.get("byline"))
        date = (meta.get("publishedTime") or "")[:10] or None
        info = split[case.name]
        yield Page(
            "readability-dev",
            case.name,
            info["site"],
            info["part"],
            (case / "source.html").read_text(encoding="utf-8", errors="replace"),
            Gold(title=meta.get("title"), authors=authors, date=date, body=body, captions=captions),
            {"title": meta.get("title"), "authors": authors, "date": date, "url": None},
        )


READERS = {"wcxb-dev": wcxb, "fundus-dev": fundus, "readability-dev": readability}
