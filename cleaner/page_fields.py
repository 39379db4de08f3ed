"""What the page says of itself (:class:`~cleaner.blocks.PageMeta`, raw strings as the reader
found them) → the Article's typed fields: the people in the metadata's author fields, the
metadata's date. Called once, by :func:`cleaner.assemble.assemble`; the readers only find.
"""

from __future__ import annotations

import unicodedata

import regex

from .blocks import PageMeta
from .fields import authors_from_byline, parse_date, single_names
from .lexicon import text_key
from .page_url import host_of, site_from_url
from .pattern_cache import compile_cached

#: A site's name is compared with authors' names from this many letters on.
_SITE_KEY_MIN = 4
#: A name in lower case ('kirstin boatto'), as some metadata gives it: two or three words of
#: letters. Tuning part: 1 page more right (wcxb-dev), none lost.
_LOWER_NAME = compile_cached(r"\p{Ll}+(?:[-'’]\p{Ll}+)*(?:\s+\p{Ll}+(?:[-'’]\p{Ll}+)*){1,2}")
#: A web address for an author ('nieuwsblad.be'): the site, no person.
_DOMAIN = compile_cached(r"(?i)\w\.(?:com|org|net|[a-z]{2})\b")


def meta_authors(meta: PageMeta) -> tuple[str, ...]:
    """The people the page's author fields name: the first field, in the reader's order of
    trust (``meta.authors``), that names anyone.

    >>> from cleaner.blocks import Found
    >>> meta = PageMeta(authors=(Found("Staff", "json-ld"), Found("Ann Lee", "search")))
    >>> meta_authors(meta)
    ('Ann Lee',)
    """
    if not meta.authors:
        return ()  # (a text dump's: the site's keys not made for nothing)
    sites = site_keys(meta.sitename, meta.url)
    printed = meta.byline is not None and meta.byline.source == "unmarked"
    for found in meta.authors:
        if printed and found.source == "meta":
            # The meta tag's author (often the account that posted) yields to a byline printed
            # under the headline: on the tuning part, where the two differed (2 pages), the
            # printed one was right on 1, the meta tag on none (a marked byline, by contrast,
            # yields to the meta tag: right on 1 page against its 6).
            continue
        names = people(found.text, sites, meta.url)
        if names:
            return names
    return ()


def meta_date(meta: PageMeta) -> str | None:
    """The metadata's date as ``YYYY-MM-DD``, or None (none found, or not a valid date)."""
    return parse_date(meta.date.text) if meta.date else None


#: The metadata's date sources that win over a date the rules found printed among the story's
#: blocks: htmldate's date confirmed by the JSON-LD, and the date printed under the headline
#: (:func:`cleaner.html.headline_date.headline_date`, whose tuning figures count it so).
_OVER_PRINTED = ("json-ld", "headline")


def page_date(printed: list[str], meta: PageMeta) -> str | None:
    """The story's date: the first date the rules found printed on the page, else the
    metadata's; the metadata's first when the page's JSON-LD ``datePublished`` and htmldate
    agree on it (source ``json-ld``): a date printed near the story may be its update, a
    comment's or a copyright year. Tuning part, against the printed date first: 4 pages more
    right, 2 lost (a forum thread and a story updated after its JSON-LD date)."""
    typed = meta_date(meta)
    if typed and meta.date and meta.date.source in _OVER_PRINTED:
        return typed
    return printed[0] if printed else typed


def site_keys(sitename: str | None, url: str | None) -> tuple[str, ...]:
    """The site's name as keys to compare names with: its stated name and its address's."""
    keys = (_fold(sitename or ""), _fold(site_from_url(url) or ""))
    return tuple(key for key in dict.fromkeys(keys) if len(key) >= _SITE_KEY_MIN)


def _fold(text: str) -> str:
    """A text's key without accents ('Habertürk' → 'haberturk')."""
    decomposed = unicodedata.normalize("NFKD", text_key(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _is_site(name: str, sites: tuple[str, ...]) -> bool:
    """Whether a name is the site's own ('Hildesheimer Presse' on hildesheimer-presse.de,
    'Happy Coffee Deutschland' on happycoffee.org)."""
    key = _fold(name)
    return any(
        site == key or site in key or (len(key) >= _SITE_KEY_MIN and key in site) for site in sites
    )


def _address_key(url: str | None) -> str | None:
    """The page's host as a name's key ('https://www.mdr.de/a' → 'mdrde'), or None."""
    host = host_of(url)
    return _fold(host.replace(".", " ")) if host else None


def _capitalized(word: regex.Match[str]) -> str:
    return word.group(0).capitalize()


def people(author: str | None, sites: tuple[str, ...], url: str | None = None) -> tuple[str, ...]:
    """The metadata's author field ("A; B") → the people in it: organisations, the site's own
    name, and a name repeated in short ('Tina Huffman' beside 'Tina Flint Huffman') left out;
    one-word names ('Floyd', 'Maria & Katerina') only when the field holds nothing else.

    The page's address written as a name is no person: 'mdr.de' as trafilatura's metadata
    gives it, 'Mdr De', on mdr.de (tuning part 1 page changed, its gold another; validation
    part 3 pages changed, 1 more right, none lost — trafilatura-dev)."""
    if not author:
        return ()
    address = _address_key(url)
    parts = [
        part
        for part in author.split(";")
        if part.strip() and not _DOMAIN.search(part) and _fold(part) != address
    ]
    names: list[str] = []
    for part in parts:
        found = authors_from_byline(part)
        if not found and _LOWER_NAME.fullmatch(part.strip()):
            found = authors_from_byline(regex.sub(r"\p{L}+", _capitalized, part.strip()))
        if not found and len(parts) == 1:
            found = single_names(part)
        names.extend(name for name in found if name not in names)
    # The outlet listed beside its writers ('Jungle World', 'El Mostrador'); a name alone that
    # is the site's is kept: personal sites carry their author's name. Dropping a one-word
    # site name alone too ('Euronews') took 1 more page of the tuning part right but lost 6 of
    # wcxb-dev's validation part (4.4 points of its pages naming people): not done.
    if len(names) > 1:
        names = [name for name in names if not _is_site(name, sites)] or names
    words = [set(name.casefold().split()) for name in names]
    return tuple(
        name
        for i, name in enumerate(names)
        if not any(j != i and words[i] < other for j, other in enumerate(words))
    )
