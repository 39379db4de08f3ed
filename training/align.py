"""Label the lines of a rendered page by aligning them with the page's gold annotation.

The gold body (paragraphs, subheads, standfirst) and the gold captions are turned into streams
of word tokens; so is the rendered text, line after line. A rendered token is *covered* when a
run of :data:`N` consecutive tokens around it (crossing line ends on both sides) also occurs in
a gold stream, so a line broken off a paragraph still aligns while a menu word that happens to
be in the story does not. A line mostly covered takes the gold kind (``body``, ``subhead``,
``standfirst``, ``caption``), a line barely covered is not story; in between it is ``?``.

The story is the heaviest chain of story lines in the gold's order; copies of story text out
of that order are ``?`` (short ones away from the story, table-of-contents entries and teasers,
``chrome``). Around it: the headline (the copy of the gold title nearest above the
story; other copies are ``chrome``), byline and date lines in the header, contributor,
copyright and photo-credit lines by their printed form, and everything else ``chrome``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

import regex

from cleaner.lexicon import AGENCIES, BYLINE_WORDS, COPYRIGHT_MARKS, MONTH_WORDS, RIGHTS_RESERVED

#: shingle length in tokens; 4 keeps chance matches of common words out
N = 4
#: a line is story when at least this share of its tokens is covered ...
COVERED = 0.75
#: ... and not story when at most this share is
UNCOVERED = 0.25

_TOKEN = re.compile(r"\w+")
#: month names and abbreviations of the lexicon's languages, matched as word beginnings
#: ('Sept.', 'Januar', 'mars')
_MONTHS = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
DATE = re.compile(
    rf"\b(?:(?:{_MONTHS})[a-zé]*\.?\s+\d{{1,2}}|\d{{1,2}}\.?\s+(?:{_MONTHS})[a-zé]*\.?|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{1,2}:\d{2}|\d{4}年\d{1,2}月|"
    r"(?:yesterday|today|hours? ago|minutes? ago|days? ago|updated|published|posted)\b)",
    re.IGNORECASE,
)
BYLINE = re.compile(
    rf"^\W{{0,3}}(?:{'|'.join(BYLINE_WORDS.values())}|written by|words by|story by|posted by)"
    r"\s*:?\s+\S|^\W{0,3}(?-i:By(?=[A-ZÀ-Þ][a-zß-ÿ]))",
    re.IGNORECASE,
)
#: the lexicon's news agencies as printed ('AP', 'Reuters', 'dpa'), longest first
_AGENCIES = "|".join(re.escape(a) for a in sorted(AGENCIES, key=len, reverse=True))
#: a contributor or agency line: 'Reporting by …', '… contributed to this report', 'With AFP',
#: a sign-off '— AP' (the agencies of the lexicon, as printed)
CONTRIB = re.compile(
    r"(?:^\W{0,3}(?:reporting|additional reporting|writing|editing|edited|compiled|"
    r"research|translated)\s+by\b|contributed to (?:this|the) (?:report|story|article)|"
    r"\bappeared first on\b|^\W{0,3}source\s*:|"
    rf"^\W{{0,3}}(?:with|mit|avec)\s+(?-i:{_AGENCIES})\b|"
    rf"^\W{{0,3}}(?:—|--|-)\s*(?-i:{_AGENCIES})\W*$|"
    r"^\W{0,3}(?:words|text|editing|reporting|research|additional reporting)"
    r"(?:\s*(?:&|and)\s*(?:images|pictures|photos|editing))?\s*:)",
    re.IGNORECASE,
)
#: A copyright notice: a line opening with one of the lexicon's marks ('©', '(c)', 'Copyright'),
#: or holding one of its reservations ('All rights reserved', 'Alle Rechte vorbehalten',
#: 'Riproduzione riservata' …): the ``wire.copyright`` rule's knowledge, so that the labels and
#: the rule agree on what a notice is.
COPYRIGHT = regex.compile(
    r"(?i)^\W{0,3}\L<marks>(?:(?<!\w)|(?!\w))|\L<reserved>",
    marks=COPYRIGHT_MARKS,
    reserved=RIGHTS_RESERVED,
)
#: a copyright notice names a year or says so; "© Name/Agency" alone is a photo credit
COPYRIGHT_YEAR = regex.compile(
    r"(?i)\b(?:19|20)\d\d\b|copyright|all rights|rechte|\L<reserved>", reserved=RIGHTS_RESERVED
)
PHOTO_CREDIT = re.compile(
    r"(?:^\W{0,3}(?:photos?|foto|fotos|image|images|bild|picture|pictures|credit|credits|"
    r"illustration|graphic|video)\s*(?::|by|/|©)|\bgetty images\b|\bshutterstock\b|\bimago\b|"
    r"\bistock\b|\balamy\b|\bpicture alliance\b|\bdpa\b\s*$|/\s*(?:ap|afp|reuters|epa|dpa|"
    r"anadolu|ansa|keystone|aap|pa)\b\s*(?:photo|images?)?\s*$|\b(?:ap|afp|reuters|epa)\s+photo\b)",
    re.IGNORECASE,
)


def norm(text: str) -> str:
    """NFC, case-folded, whitespace collapsed: the form texts are compared in."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def tokens(text: str) -> list[str]:
    """Case-folded word tokens of a text (NFC)."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text).casefold())


@dataclass
class Gold:
    """What a page's annotation says, in the shape the aligner needs."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    #: (kind, text) in page order; kind is body, subhead or standfirst
    body: list[tuple[str, str]] = field(default_factory=list)
    #: caption texts and photo-credit texts
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)


Grams = dict[tuple[str, ...], tuple[str, int]]


def _shingles(parts: list[tuple[str, str]]) -> tuple[Grams, Grams]:
    """The N-token shingles of a stream of (kind, text), each to the kind and stream position
    of its first occurrence; and the token tuples of whole parts, for short parts matched whole."""
    stream: list[tuple[str, str]] = []
    whole: Grams = {}
    for kind, text in parts:
        toks = tokens(text)
        if toks:
            whole.setdefault(tuple(toks), (kind, len(stream)))
        stream.extend((tok, kind) for tok in toks)
    grams: Grams = {}
    words = [tok for tok, _ in stream]
    for i in range(len(words) - N + 1):
        grams.setdefault(tuple(words[i : i + N]), (stream[i][1], i))
    return grams, whole


@dataclass
class Cover:
    """How a rendered line aligns with a gold stream."""

    share: float = 0.0  #: the share of its tokens covered
    kind: str | None = None  #: the gold kind most of them come from
    position: int = -1  #: where in the gold stream it comes from (median), -1 if nowhere


def _coverage(line_tokens: list[list[str]], grams: Grams, whole: Grams) -> list[Cover]:
    """Per line: how its tokens are covered by gold shingles (runs may cross line ends)."""
    flat = [tok for toks in line_tokens for tok in toks]
    covered = [False] * len(flat)
    kinds: list[str | None] = [None] * len(flat)
    starts: list[int] = [-1] * len(flat)
    for i in range(len(flat) - N + 1):
        hit = grams.get(tuple(flat[i : i + N]))
        if hit is not None:
            for j in range(i, i + N):
                covered[j] = True
                if kinds[j] is None:
                    kinds[j], starts[j] = hit[0], hit[1] + (j - i)
    result: list[Cover] = []
    position = 0
    for toks in line_tokens:
        count = len(toks)
        if not count:
            result.append(Cover())
            continue
        span = range(position, position + count)
        position += count
        share = sum(covered[j] for j in span) / count
        seen = [kinds[j] for j in span if kinds[j]]
        names = sorted({k for k in seen if k})
        kind = max(names, key=seen.count) if names else None
        places = sorted(starts[j] for j in span if starts[j] >= 0)
        cover = Cover(share, kind, places[len(places) // 2] if places else -1)
        exact = whole.get(tuple(toks))
        if exact is not None and (count < N or share < COVERED):
            cover = Cover(1.0, exact[0], exact[1])
        result.append(cover)
    return result


def _in_order(candidates: list[tuple[int, int, int]]) -> set[int]:
    """The heaviest chain of (line, gold position, weight) with strictly rising positions.

    Story text the page prints twice (a standfirst as a teaser above, a paragraph as a pull
    quote, the author names of the gold's last line in the byline) leaves one copy out of
    order; the chain keeps the copy that goes with the rest. Ties go to the later start,
    then to the nearest predecessor (a heading over a table of contents entry of it).
    """
    best: list[tuple[int, int]] = []  # (weight, start line) of the best chain ending here
    back: list[int] = []
    for i, (line, pos, weight) in enumerate(candidates):
        best.append((weight, line))
        back.append(-1)
        for j in range(i):
            if candidates[j][1] < pos:
                option = (best[j][0] + weight, best[j][1])
                if option >= best[i]:  # ties: the nearest predecessor
                    best[i], back[i] = option, j
    if not best:
        return set()
    i = max(range(len(best)), key=lambda k: (best[k], -k))
    chain: set[int] = set()
    while i >= 0:
        chain.add(candidates[i][0])
        i = back[i]
    return chain


def _title_parts(title: str) -> list[list[str]]:
    """The token lists of a gold title's parts around site separators (' | ', ' - ') or after
    a kicker ('Kenia: '), longest first, of three words or more: a page prints 'Story' where
    its <title> says 'Story | Site', or the kicker on a line of its own."""
    parts = [tokens(p) for p in re.split(r"\s[|\-–—·»]\s|(?<=\w):\s", title)]
    return sorted((p for p in parts if len(p) >= 3), key=len, reverse=True)[:1]


def _longer_title(lines: list[str], title_tokens: list[str], body_start: int) -> list[int]:
    """Lines above the story that start with the whole gold title and go on for at most 15
    more words without ending a sentence: the page's fuller headline."""
    size = len(title_tokens)
    return [
        i
        for i in range(0, body_start + 1)
        if (toks := tokens(lines[i]))[:size] == title_tokens
        and size < len(toks) <= size + 15
        and not lines[i].rstrip().endswith(".")
    ]


def _is_title(
    line: str, title_norm: str, title_tokens: list[str], parts: list[list[str]] | None = None
) -> bool:
    text = norm(line).lstrip("#* ").strip()
    if not title_tokens or not text:
        return False
    if text == title_norm:
        return True
    toks = tokens(line)
    if toks == title_tokens or (parts and toks in parts):
        return True
    # the headline with a short site suffix (" - Site", " | Site")
    rest = text[len(title_norm) - 2 :] if len(text) > len(title_norm) else ""
    return (
        len(toks) <= len(title_tokens) + 5
        and toks[: len(title_tokens)] == title_tokens
        and bool(re.search(r"\s[|\-–—:·»]\s", rest))
    )


def _near_title(lines: list[str], title_norm: str, body_start: int) -> list[int]:
    """The line above the story most like the title (character ratio 0.85 or more), for
    titles printed with other punctuation or mojibake; [] when none is."""
    best, best_ratio = -1, 0.85
    seen = 0
    for index in range(body_start, -1, -1):
        text = norm(lines[index])
        if not text:
            continue
        seen += 1
        if seen > 40:
            break
        if len(text) <= 1.5 * len(title_norm):
            ratio = difflib.SequenceMatcher(None, text, title_norm, autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = index, ratio
    return [best] if best >= 0 else []


def _holds(toks: list[str], part: list[str]) -> bool:
    """Whether ``part`` occurs in ``toks`` as a contiguous run."""
    size = len(part)
    return any(toks[i : i + size] == part for i in range(len(toks) - size + 1))


def _author_hit(toks: list[str], authors: list[str]) -> bool:
    """Whether a line names one of the authors in full (every word of the name)."""
    names = set(toks)
    for author in authors:
        parts = [p for p in tokens(author) if len(p) > 1]
        if parts and all(p in names for p in parts):
            return True
    return False


def _first_labels(
    lines: list[str], body_cov: list[Cover], cap_cov: list[Cover] | None
) -> list[str]:
    """Per line: blank, the gold kind of a line mostly covered, '' for a line barely covered
    (decided later), '?' in between; a caption or credit where the captions cover it."""
    labels: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip():
            labels.append("blank")
            continue
        cover = body_cov[index]
        if cover.share >= COVERED and cover.kind:
            labels.append(cover.kind)
        elif cover.share <= UNCOVERED:
            labels.append("")  # not story: decided below
        else:
            labels.append("?")
        if cap_cov is not None and labels[-1] in ("", "?"):
            cap = cap_cov[index]
            if cap.share >= COVERED and cap.kind:
                labels[-1] = cap.kind
    return labels


def _label_copies(
    labels: list[str],
    line_tokens: list[list[str]],
    story: list[tuple[int, int, int]],
    chain: set[int],
    gold: Gold,
) -> None:
    """Label the story lines out of the chain (copies of story text)."""
    first, last = min(chain), max(chain)
    # a copy of story text: a short one away from the story is a table of contents entry or a
    # teaser (chrome); inside the story, a short one the gold holds more often than the chain
    # does is a repeated heading or list item ("Pros", "Cons") and keeps its kind, another one
    # is a table of contents entry (chrome); a long one (a pull quote, text the gold holds
    # elsewhere) is '?'
    in_gold = Counter(tuple(tokens(text)) for _, text in gold.body)
    in_chain = Counter(tuple(line_tokens[i]) for i in chain)
    for index, _, _ in story:
        if index in chain:
            continue
        words = tuple(line_tokens[index])
        if len(words) >= 12:
            labels[index] = "?"
        elif first < index < last and in_chain[words] < in_gold[words]:
            in_chain[words] += 1
        else:
            labels[index] = "chrome"


def _headline(lines: list[str], labels: list[str], title: str, body_start: int, last: int) -> int:
    """Label the copies of the title: the one nearest above the story's first body line is
    the headline (its index is returned, -1 if none is), the others chrome."""
    title_line = -1
    title_tokens = tokens(title)
    title_norm, parts = norm(title), _title_parts(title)
    candidates = [
        i for i, line in enumerate(lines) if _is_title(line, title_norm, title_tokens, parts)
    ]
    if not candidates:
        candidates = _longer_title(lines, title_tokens, body_start)
    if not candidates:
        candidates = _near_title(lines, title_norm, body_start)
    above = [i for i in candidates if i <= body_start]
    if above:
        title_line = above[-1]
    elif candidates and candidates[0] <= last:
        title_line = candidates[0]
    for i in candidates:
        labels[i] = "title" if i == title_line else "chrome"
    return title_line


def _header(lines: list[str], title_line: int, body_start: int) -> range:
    """The header: from six non-blank lines above the headline (or twelve above the story when
    no headline is found) down to the story's first body line."""
    anchor = title_line if 0 <= title_line < body_start else body_start
    reach = 6 if anchor == title_line else 12
    header_from = anchor
    while header_from > 0 and reach:
        header_from -= 1
        reach -= bool(lines[header_from].strip())
    return range(header_from, body_start + 1)


@dataclass
class _Frame:
    """Where the story stands, for labelling the lines around it."""

    first: int  #: the story's first line (or the headline's, when above)
    last: int  #: the story's last line
    body_start: int  #: the story's first body line
    header: range  #: the header lines
    authors: list[str]
    title_tokens: list[str]


def _header_label(line: str, toks: list[str], label: str, authors: list[str]) -> str | None:
    """A byline or date line of the header, or None."""
    named = len(toks) <= 12 and _author_hit(toks, authors)
    if named or (label != "body" and BYLINE.search(line)):
        return "byline"
    if label != "body" and len(toks) <= 12 and DATE.search(line):
        return "date"
    return None


def _notice_label(
    line: str,
    toks: list[str],
    label: str,
    short: bool,
    place: tuple[bool, bool],
    authors: list[str],
) -> str | None:
    """A byline under the story, a contributor line or a copyright notice, or None;
    ``place`` says whether the line is in the story and whether it is just after it."""
    in_story, after = place
    around = in_story or after
    if (
        label in ("", "?")
        and after
        and len(toks) <= 12
        and BYLINE.search(line)
        and (_author_hit(toks, authors))
    ):
        return "byline"  # "Written by …" under the story
    if label in ("", "?", "body") and short and around and CONTRIB.search(line):
        return "contrib"
    if (
        label in ("", "?", "body")
        and len(toks) <= 40
        and COPYRIGHT.search(line)
        and (COPYRIGHT_YEAR.search(line))
    ):
        return "copyright" if around else "chrome"
    return None


def _late_label(index: int, line: str, toks: list[str], label: str, frame: _Frame) -> str:
    """A line's label from its printed form and where it stands relative to the story."""
    short = len(toks) <= 16 and len(line.strip()) <= 160
    near = index in frame.header or (frame.first <= index <= frame.body_start + 3)
    in_story = frame.first <= index <= frame.last
    after = frame.last < index <= frame.last + 12
    if label in ("", "?", "body", "standfirst") and short and near and index != frame.body_start:
        head = _header_label(line, toks, label, frame.authors)
        if head is not None:
            return head
    notice = _notice_label(line, toks, label, short, (in_story, after), frame.authors)
    if notice is not None:
        return notice
    if (
        label in ("", "?")
        and len(toks) <= 12
        and (in_story or near)
        and (PHOTO_CREDIT.search(line) or line.startswith("©"))
    ):
        return "credit"
    if label in ("", "?") and frame.title_tokens and _holds(toks, frame.title_tokens):
        return "chrome"  # the headline inside a share line, a teaser, a link
    return "chrome" if label == "" else label


def label_lines(lines: list[str], gold: Gold) -> list[str]:
    """One label per line (see the data contract in ``training/README.md``)."""
    line_tokens = [tokens(line) for line in lines]
    grams, whole = _shingles(gold.body)
    cap_parts = [("caption", c) for c in gold.captions] + [("credit", c) for c in gold.credits]
    cap_grams, cap_whole = _shingles(cap_parts)
    body_cov = _coverage(line_tokens, grams, whole)
    cap_cov = _coverage(line_tokens, cap_grams, cap_whole) if cap_parts else None
    labels = _first_labels(lines, body_cov, cap_cov)

    # the story: the story lines that follow the gold's order; copies out of order are '?'
    story = [
        (i, body_cov[i].position, len(line_tokens[i]))
        for i, label in enumerate(labels)
        if label in ("body", "subhead", "standfirst") and body_cov[i].position >= 0
    ]
    chain = _in_order(story)
    if not chain:
        return ["blank" if lab == "blank" else "?" for lab in labels]
    first, last = min(chain), max(chain)
    _label_copies(labels, line_tokens, story, chain, gold)
    body_start = next(
        (i for i in sorted(chain) if labels[i] == "body" and len(line_tokens[i]) >= 8),
        next((i for i in sorted(chain) if labels[i] in ("body", "subhead")), first),
    )

    # the headline: the copy of the title nearest above the story's first body line
    title_line = _headline(lines, labels, gold.title, body_start, last) if gold.title else -1
    header = _header(lines, title_line, body_start)
    if title_line >= 0:
        first = min(first, title_line)
    title_tokens = tokens(gold.title) if gold.title else []
    frame = _Frame(first, last, body_start, header, gold.authors, title_tokens)
    for index, raw in enumerate(lines):
        if labels[index] not in ("blank", "title"):
            labels[index] = _late_label(
                index, raw.strip(), line_tokens[index], labels[index], frame
            )
    return labels
