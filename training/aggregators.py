"""Line labels for the hand-labelled aggregator dumps (``aggregators-dev``), from ``labels.json``.

The hand labels are snippets of the dump (headline, author names, the body's first characters,
body snippets, chrome strings, captions, contributor lines, copyright). They are located in the
text (exactly, else whitespace-, quote- and dash-tolerantly) and turned into line labels by the
conventions of the data contract (``training/README.md``): the body runs from the line where it
starts to the line of the last body snippet (to the end when the dump is truncated); before it,
lines not otherwise labelled are chrome; after it, they are ``?`` unless they hold a chrome
string. :func:`hand_record` makes one such dump a training record (aggregators-dev's, and the
hand-labelled syndication-dev texts of :mod:`training.syndication_labels`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

from training.align import BYLINE, COPYRIGHT, COPYRIGHT_YEAR, DATE, PHOTO_CREDIT, tokens

#: characters str.splitlines() breaks at beside \n: made spaces, so both splits agree
BREAKS = str.maketrans({c: " " for c in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})

_FOLD = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "–": "-",
        "—": "-",
        "―": "-",
        "‐": "-",
        "‑": "-",
        "\u00a0": " ",
    }
)


def _folded(text: str) -> tuple[str, list[int]]:
    """The text with whitespace runs as one space and quotes/dashes folded, and for each
    character of it the offset of its source character."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for offset, char in enumerate(text.translate(_FOLD)):
        if char.isspace():
            if not space and out:
                out.append(" ")
                where.append(offset)
            space = True
            continue
        space = False
        out.append(char.lower())
        where.append(offset)
    return "".join(out), where


class Locator:
    """Finds snippets of one dump and answers which lines they cover."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        for match in re.finditer("\n", text):
            self.starts.append(match.end())
        self.folded, self.where = _folded(text)

    def line_of(self, offset: int) -> int:
        """The index of the line holding a character offset."""
        return bisect_right(self.starts, offset) - 1

    def find_all(self, snippet: str) -> list[tuple[int, int]]:
        """Every occurrence as (first line, last line), exact first, else tolerant."""
        spans: list[tuple[int, int]] = []
        if not snippet.strip():
            return spans
        start = self.text.find(snippet)
        while start >= 0:
            spans.append((self.line_of(start), self.line_of(start + len(snippet) - 1)))
            start = self.text.find(snippet, start + 1)
        if spans:
            return spans
        folded, _ = _folded(snippet.strip())
        start = self.folded.find(folded)
        while start >= 0 and folded:
            end = start + len(folded) - 1
            spans.append((self.line_of(self.where[start]), self.line_of(self.where[end])))
            start = self.folded.find(folded, start + 1)
        return spans


def _share(line: str, snippet: str) -> float:
    """How much of a line a snippet covers, by characters (whitespace ignored)."""
    size = len("".join(line.split()))
    return len("".join(snippet.split())) / size if size else 0.0


def _mark(
    find: Locator, lines: list[str], out: list[str], snippet: str | None, label: str, whole: float
) -> list[int]:
    """Label the non-blank lines a snippet covers (a one-line copy only when it covers at
    least ``whole`` of its line); returns the lines labelled."""
    marked = []
    for first, last in find.find_all(snippet or ""):
        for index in range(first, last + 1):
            if out[index] != "blank" and (
                first != last or _share(lines[index], snippet or "") >= whole
            ):
                out[index] = label
                marked.append(index)
    return marked


def _body_lines(find: Locator, labels: dict[str, Any]) -> list[int]:
    """The lines of the first copy of the body's first characters and of each body snippet."""
    body_lines: list[int] = []
    for snippet in [labels.get("body_first") or "", *labels.get("body_must", [])]:
        spans = find.find_all(snippet)
        if spans:
            body_lines.extend(range(spans[0][0], spans[0][1] + 1))
    return body_lines


def _mark_snippets(
    find: Locator, lines: list[str], out: list[str], labels: dict[str, Any]
) -> set[int]:
    """Chrome, captions, credits and copyright by their snippets; returns the mixed lines
    (holding a chrome string among other words)."""
    # chrome first, then the finer labels over it (a byline or a repeated title is chrome too)
    mixed: set[int] = set()
    for snippet in labels.get("chrome", []):
        marked = _mark(find, lines, out, snippet, "chrome", whole=0.5)
        mixed.update(
            i
            for first, last in find.find_all(snippet)
            for i in range(first, last + 1)
            if i not in marked
        )
    for snippet in labels.get("captions", []):
        _mark(find, lines, out, snippet, "caption", whole=0.3)
    for snippet in labels.get("credits", []):
        _mark(find, lines, out, snippet, "contrib", whole=0.5)
    _mark(find, lines, out, labels.get("copyright"), "copyright", whole=0.3)
    return mixed


def _mark_title(find: Locator, lines: list[str], out: list[str], title: str, start: int) -> None:
    """The headline: one line holding mostly the title, or the lines a hard-wrapped title
    spans; the copy nearest above the body."""
    copies = [
        (first, last)
        for first, last in find.find_all(title)
        if first != last or _share(lines[first], title) >= 0.6
    ]
    # a copy that is the headline alone beats one with more words around it
    exact = [c for c in copies if c[0] != c[1] or _share(lines[c[0]], title) >= 0.95]
    copies = exact or copies
    above = [c for c in copies if c[1] < start]
    if copies:
        first, last = above[-1] if above else copies[0]
        for index in range(first, last + 1):
            if out[index] != "blank":
                out[index] = "title"


def _mark_header(lines: list[str], out: list[str], labels: dict[str, Any], start: int) -> None:
    """Byline, date and dateline lines above the body."""
    authors = [a for a in labels.get("authors", []) if a.strip()]
    for index in range(0, start):
        line, label = lines[index], out[index]
        if label not in ("", "chrome"):
            continue
        toks = tokens(line)
        if len(toks) > 16:
            continue
        names = set(toks)
        if any(tokens(a) and tokens(a)[-1] in names for a in authors) or BYLINE.search(line):
            out[index] = "byline"
        elif len(toks) <= 12 and DATE.search(line):
            out[index] = "date"
    place = ((labels.get("dateline") or {}).get("place") or "").casefold()
    for index in range(0, start):
        if (
            place
            and out[index] == ""
            and len(tokens(lines[index])) <= 12
            and (lines[index].strip().casefold().startswith(place))
        ):
            out[index] = "body"  # a dateline on a line of its own: the story's first words


def _line_label(
    line: str, label: str, index: int, body_snippet: bool, span: tuple[int, int], mixed: set[int]
) -> str:
    """A line's final label from the snippet label it has (if any) and where it stands
    relative to the body's ``span`` (start, end)."""
    if label in ("", "chrome") and not body_snippet and len(tokens(line)) <= 12:
        bare = line.strip().startswith("©") and not COPYRIGHT_YEAR.search(line)
        if PHOTO_CREDIT.search(line) or bare:
            return "credit"
        if label == "" and COPYRIGHT.search(line) and COPYRIGHT_YEAR.search(line):
            return "copyright"
    if label:
        if body_snippet and label in ("chrome", "caption"):
            return "body"  # a body line that also holds a chrome string or caption
        return label
    start, end = span
    if index < start:
        return "chrome"
    if index <= end:
        # a line of the story's stretch holding a chrome string among other words, and no
        # body snippet, is mixed: '?'
        return "?" if index in mixed and not body_snippet else "body"
    return "?"


def _after_story(out: list[str], end: int) -> None:
    """After the story, once another story or chrome has begun, its credits and captions are
    not the story's: chrome."""
    begun = False
    for index in range(end + 1, len(out)):
        if out[index] == "?":
            begun = True
        elif begun and out[index] in ("caption", "contrib", "copyright", "credit", "title"):
            out[index] = "chrome"


def label_case(text: str, labels: dict[str, Any]) -> list[str]:
    """One label per line of an aggregator dump, from its hand labels."""
    lines = text.split("\n")
    find = Locator(text)
    out: list[str] = ["blank" if not line.strip() else "" for line in lines]

    body_lines = _body_lines(find, labels)
    if not body_lines:
        return ["blank" if lab == "blank" else "?" for lab in out]
    first_spans = find.find_all(labels.get("body_first") or "")
    start = first_spans[0][0] if first_spans else min(body_lines)
    end = len(lines) - 1 if labels.get("truncated") else max(body_lines)

    mixed = _mark_snippets(find, lines, out, labels)
    title = labels.get("title")
    if title:
        _mark_title(find, lines, out, title, start)
    _mark_header(lines, out, labels, start)
    for index, line in enumerate(lines):
        out[index] = _line_label(line, out[index], index, index in body_lines, (start, end), mixed)
    _after_story(out, end)
    return out


def hand_record(
    corpus: str, item: str, site: str, part: str, raw: str, labels: dict[str, Any], url: str | None
) -> dict[str, Any]:
    """The training record of one hand-labelled text dump as found (``raw``): the text with
    CRLF made LF and the other line breaks spaces, one line label a line (:func:`label_case`),
    and the gold fields the labels give."""
    text = raw.replace("\r\n", "\n").translate(BREAKS)
    return {
        "id": f"{corpus}/{item}/dump",
        "corpus": corpus,
        "item": item,
        "site": site,
        "part": part,
        "renderer": "dump",
        "wrap": None,
        "head": True,
        "text": text,
        "labels": label_case(text, labels),
        "gold": {
            "title": labels.get("title"),
            "authors": labels.get("authors", []),
            "date": None,
            "dateline": labels.get("dateline"),
            "truncated": labels.get("truncated"),
            "url": url,
        },
    }
