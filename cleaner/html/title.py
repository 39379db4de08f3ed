"""The story's title from its candidates: the metadata's title (trafilatura's reading of the
meta tags), the page's ``<title>``, ``og:title``, ``twitter:title``, the JSON-LD headline and the
printed ``h1`` headlines. A candidate wins by the agreement of the other sources; the printed
headline wins over a differently worded metadata title when it is the page's only one.
"""

from __future__ import annotations

import html

import lxml.html
import regex

from ..normalize import normalize_line, text_key
from .meta import clean_value

#: A headline found inside the page's title is the headline from this many letters on.
_HEADLINE_KEY_MIN = 12
_FRAMES = "|-–—•·»"
_TITLE_SEPARATORS = regex.compile(r"\s+[|–—:·•»-]\s+|\s+-\s+")
_WORD = regex.compile(r"\w+")
#: The printed h1s weighed against the metadata's title: the first few of the page.
_H1S = 3
#: The page's only h1 is taken over a differently worded metadata title when it has at least
#: this many words and shares with that title more than none but less than this share of its
#: words (word-set Jaccard): two wordings of the same story, the printed one being what the
#: reader sees. On the tuning part this took 25 more titles right on wcxb-dev (of 365), 3 on
#: trafilatura-dev (of 191), 3 fewer on fundus-dev (of 77: there the gold follows og:title),
#: none changed on readability-dev; near-identical wordings (a share of 0.6 and over) are
#: mostly the metadata's right (fundus-dev -4 and trafilatura-dev -5 more when taken).
_PRINTED_MIN_WORDS = 4
_PRINTED_MAX_SHARE = 0.6


def meta_titles(tree: lxml.html.HtmlElement) -> list[str]:
    """The page's titles other than the metadata's: og:title, twitter:title and ``<title>``."""
    found = []
    for name in ("og:title", "twitter:title"):
        for meta in tree.xpath(f"//meta[@property='{name}' or @name='{name}']"):
            value = clean_value(meta.get("content"))
            if value:
                found.append(value)
                break
    head = clean_value(tree.findtext(".//head/title"))
    if head:
        found.append(head)
    return found


def choose_title(
    title: str | None,
    h1s: list[str],
    headline: str | None,
    others: list[str],
    sitename: str | None,
) -> str | None:
    """The story's title: the metadata's ``title`` less the site's name (or the printed h1
    when the title frames it), unless a printed h1 or the JSON-LD ``headline`` agrees with more
    of the page's ``others`` (og:title, twitter:title, ``<title>``) and the headline; the page's
    only h1 when it words the story differently from the title (see _PRINTED_MAX_SHARE).

    On the tuning part the agreement vote took 3 more titles right on fundus-dev (of 77),
    2 on trafilatura-dev and 1 on wcxb-dev, and lost none.
    """
    h1s = [h for h in h1s if h][:_H1S]
    headline = clean_value(html.unescape(headline)) if headline else None
    best = headline_title(title, h1s[0] if h1s else None, sitename)
    sources = [s for s in (headline, *others) if s]
    score = _votes(best, sources, sitename) if best else -1
    for candidate in [*h1s, *([headline] if headline else [])]:
        votes = _votes(candidate, [s for s in sources if s is not candidate], sitename)
        if votes > score:
            best, score = candidate, votes
    if best and len(h1s) == 1 and text_key(best) != text_key(h1s[0]):
        printed = h1s[0]
        share = _share(best, printed)
        if len(printed.split()) >= _PRINTED_MIN_WORDS and 0 < share < _PRINTED_MAX_SHARE:
            return printed
    return best


def _votes(candidate: str, sources: list[str], sitename: str | None) -> int:
    """How many sources give the candidate, alone or framed by a section or the site's name."""
    key = text_key(candidate)
    if not key:
        return 0
    site = text_key(sitename or "")
    return sum(
        text_key(source) == key
        or (len(key) >= _HEADLINE_KEY_MIN and key != site and _framed(source, candidate, sitename))
        for source in sources
    )


def _share(a: str, b: str) -> float:
    """The Jaccard share of two texts' word sets, case folded."""
    words_a, words_b = set(_WORD.findall(a.casefold())), set(_WORD.findall(b.casefold()))
    union = words_a | words_b
    return len(words_a & words_b) / len(union) if union else 0.0


def headline_title(title: str | None, headline: str | None, sitename: str | None) -> str | None:
    """The headline: the page's title less the site's name, or the page's h1 when the title
    is that h1 plus the site's name."""
    if headline and title:
        head_key, title_key = text_key(headline), text_key(title)
        if head_key and head_key != title_key and title_key.startswith(head_key):
            return headline
        if len(head_key) >= _HEADLINE_KEY_MIN and _framed(title, headline, sitename):
            return headline  # the title is the headline with a section or site around it
        if len(title.split()) == 1 and len(headline.split()) > 2:
            return headline  # a one-word title ('blog', 'Geschichte'): the page's section
    if title:
        parts = _TITLE_SEPARATORS.split(title)
        if len(parts) > 1:
            site_key = text_key(sitename or "")
            last = text_key(parts[-1])
            if site_key and (last == site_key or last in site_key or site_key in last):
                return normalize_line(title[: title.rfind(parts[-1])]).rstrip(" |–—:·•»-")
    return title or headline


def _framed(title: str, headline: str, sitename: str | None) -> bool:
    """Whether the title is the headline with other segments set off by a separator ('|', '-',
    '•' …; a colon's kicker belongs to the headline), the headline not being the site's name."""
    at = title.casefold().find(headline.casefold())
    if at < 0 or text_key(headline) == text_key(sitename or ""):
        return False
    before, after = title[:at].rstrip(), title[at + len(headline) :].lstrip()
    return (
        bool(before or after)
        and (not before or before[-1] in _FRAMES)
        and (not after or after[0] in _FRAMES)
    )
