"""Which of a page's title sources agrees with the corpus's gold title, and why the cleaner's
titles miss: the analysis behind ``cleaner/html/title.py``'s rules.

For every page of one part of the split (``training/split.json``; the tuning part by default)
that has a gold title, it reads the sources a title may come from — og:title, twitter:title,
the JSON-LD headline, ``<title>`` less the site's name, the metadata title the cleaner starts
from, the first printed h1 — and prints per corpus how often each agrees with the gold (the
benchmark's comparison, ``html_metrics.titles_match``), the ceiling (some source agrees), and
the cleaner's misses by class. Run from the repository root::

    .venv/bin/python benchmarks/title_sources.py [--part train|val] [--corpus NAME ...]
        [--misses]

``--misses`` also prints each miss (gold, ours, the sources; with ``--run RUN.json``, a
``bench_html.py --json`` file of the same part, trafilatura's title too): for the tuning part
only — the validation part is scored, never read. It also prints, per corpus, how often each
of a few choice rules over the same sources would be right (:data:`RULES`: one source first, two or
three sources agreeing, the h1 a metadata title holds), beside the cleaner's choice: a rule
that gains on one corpus and loses on another does not generalise; and where two sources
disagree in a recurring way (:func:`situations`: the h1 and the metadata title naming different
years, differing in punctuation only, one a kicker plus the other, one the other with more words
after it; the two worded differently, neither holding the other; several h1s; a truncated
og:title; the JSON-LD headline against og:title), which side
the gold follows, per corpus, in pages and in sites: a class whose golds follow one side on
every corpus can be a rule, one they split on cannot. Every miss is classed by kind
(:func:`miss_kind`: a site's or section's segment or a kicker left on or cut, a label glued,
cut short, case or quotes, an h1 that is the site's name, a heading no source gives, the
wording split, a gold no source gives), counted by pages and by sites, for either part (counts
only: no validation title is printed). The misses are also counted as in form
only (the gold's words, or a site segment, kicker or subtitle more or less) against in wording,
and the misses whose gold no source gives by whether the page prints that gold anywhere
(:func:`printed_anywhere`: a gold printed nowhere was read from another copy of the page or
mistyped, out of any extractor's reach), and those it prints by where (:func:`printed_place`:
a heading, an element marked as a title, another element printing it alone, or inside a longer
one; before or after the first h1, and whether that h1 is a breadcrumb's item). Without the
corpora it says so and exits 0.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations

import html_corpora as corpora
import html_metrics as m
import regex
from lxml import etree

from cleaner import Cleaner
from cleaner.decode import decode
from cleaner.html.extract import read_metadata
from cleaner.html.jsonld import read_linked_data
from cleaner.html.meta import clean_value
from cleaner.html.title import headline_title
from cleaner.html.tree import marked, parse, visible_text
from cleaner.lexicon import text_key
from cleaner.page_url import site_from_url

SOURCES = ("og:title", "twitter:title", "json-ld", "<title>", "metadata", "h1")


def sources(page: corpora.Page) -> tuple[dict[str, str | None], list[str]]:
    """The page's title sources (site's name taken off og:title and ``<title>``) and its h1s."""
    text = page.html if isinstance(page.html, str) else decode(page.html, kind="html").text
    tree = parse(text, page.key)

    def meta(name: str) -> str | None:
        for element in tree.iter("meta"):
            if name in (
                (element.get("property") or "").lower(),
                (element.get("name") or "").lower(),
            ):
                return clean_value(element.get("content"))
        return None

    found = read_metadata(tree, page.url)
    site = found.get("sitename") or site_from_url(page.url)
    linked = read_linked_data(tree)
    title = clean_value(tree.findtext(".//title"))
    og = meta("og:title")
    etree.strip_elements(tree, "script", "style", "svg", with_tail=False)
    h1s = [visible_text(e) for e in marked(tree) if e.tag == "h1"]
    h1s = [h for h in h1s if h.strip()]
    return {
        "og:title": headline_title(og, None, site) if og else None,
        "twitter:title": meta("twitter:title"),
        "json-ld": clean_value(linked.headline),
        "<title>": headline_title(title, None, site) if title else None,
        "metadata": clean_value(found.get("title")),
        "h1": h1s[0] if h1s else None,
    }, h1s


Found = dict[str, str | None]
#: A choice rule: the page's sources, its h1s and the cleaner's title → the title it takes.
Rule = Callable[[Found, list[str], str | None], str | None]


def _first_of(name: str) -> Rule:
    """One source first, the cleaner's title where the page has none."""
    return lambda found, h1s, ours: found[name] or ours


def _agreeing(names: tuple[str, ...], quorum: int) -> Rule:
    """The title ``quorum`` of the named sources word the same (the printed h1's wording when
    it is among them), else the cleaner's."""

    def rule(found: Found, h1s: list[str], ours: str | None) -> str | None:
        given = [(n, v) for n in names if (v := found[n])]
        for group in combinations(given, quorum):
            if all(m.titles_match(group[0][1], v) for _, v in group[1:]):
                return dict(group).get("h1") or group[0][1]
        return ours

    return rule


def _held_h1(found: Found, h1s: list[str], ours: str | None) -> str | None:
    """The longest h1 that og:title holds (a prefix or a part of it), else the cleaner's."""
    og = (found["og:title"] or "").casefold()
    held = [h for h in h1s if og and h.casefold() in og]
    return max(held, key=len) if held else ours


def _linked_h1(found: Found, h1s: list[str], ours: str | None) -> str | None:
    """The JSON-LD headline when an h1 words it the same, else the cleaner's."""
    linked = found["json-ld"]
    return linked if linked and any(m.titles_match(h, linked) for h in h1s) else ours


RULES: dict[str, Rule] = {
    "the cleaner's choice": lambda found, h1s, ours: ours,
    "og:title first": _first_of("og:title"),
    "JSON-LD headline first": _first_of("json-ld"),
    "first h1 first": _first_of("h1"),
    "<title> less the site first": _first_of("<title>"),
    "2 of og:title, JSON-LD, h1 agree": _agreeing(("og:title", "json-ld", "h1"), 2),
    "3 of og, twitter, <title>, JSON-LD": _agreeing(
        ("og:title", "twitter:title", "<title>", "json-ld"), 3
    ),
    "3 of og, twitter, <title>, JSON-LD, h1": _agreeing(
        ("og:title", "twitter:title", "<title>", "json-ld", "h1"), 3
    ),
    "longest h1 og:title holds": _held_h1,
    "JSON-LD headline an h1 words": _linked_h1,
}


_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_WORDS = regex.compile(r"\w+")


def situations(found: Found, h1s: list[str], gold: str) -> list[tuple[str, str]]:
    """Where two sources disagree in one of a few recurring ways, which the gold follows: the
    classes a choice rule would act on ('neither' when the gold is some third wording)."""
    h1 = h1s[0] if h1s else None
    metas = [v for k, v in found.items() if v and k != "h1"]
    out: list[tuple[str, str]] = []

    def pick(name: str, a: tuple[str, str | None], b: tuple[str, str | None]) -> None:
        follows = next((label for label, text in (a, b) if m.titles_match(text, gold)), "neither")
        out.append((name, follows))

    def first(test: Callable[[str, str], bool]) -> str | None:
        return next((v for v in metas if h1 and test(h1, v)), None)

    years = first(lambda h, v: _years(h) != _years(v) and bool(_years(h) and _years(v)))
    if years and h1:
        pick("h1 and metadata name different years", ("h1", h1), ("metadata", years))
    punct = first(lambda h, v: _words(h) == _words(v) and m.title_norm(h) != m.title_norm(v))
    if punct and h1:
        pick("h1 and metadata differ in punctuation only", ("h1", h1), ("metadata", punct))
    kicker = first(lambda h, v: len(text_key(h)) > 8 and _after_kicker(v, h))
    if kicker and h1:
        pick("metadata = a kicker + the h1", ("h1", h1), ("metadata", kicker))
    kicked = first(lambda h, v: len(text_key(v)) > 8 and _after_kicker(h, v))
    if kicked and h1:
        pick("h1 = a kicker + the metadata", ("h1", h1), ("metadata", kicked))
    # the brief's containment classes: one holds the other and goes on (a subtitle, a count,
    # a segment the site's name was not taken from); the raw metadata title (the site's name
    # on) and twitter:title (often so too) are left out
    story = [v for k, v in found.items() if v and k not in ("h1", "metadata", "twitter:title")]
    longer = next((v for v in story if h1 and len(text_key(h1)) > 8 and _goes_on(v, h1)), None)
    if longer and h1:
        pick("metadata = the h1 + more after it", ("h1", h1), ("metadata", longer))
    shorter = next((v for v in story if h1 and len(text_key(v)) > 8 and _goes_on(h1, v)), None)
    if shorter and h1:
        pick("h1 = the metadata + more after it", ("h1", h1), ("metadata", shorter))
    if h1 and not any((years, punct, kicker, kicked, longer, shorter)):
        # the rest: two wordings of the story, neither holding the other (the largest class
        # on wcxb-dev, where its golds split about evenly)
        reworded = next((v for v in story if _reworded(h1, v)), None)
        if reworded:
            pick("h1 and metadata worded differently", ("h1", h1), ("metadata", reworded))
    if len(h1s) > 1:
        later = next((h for h in h1s[1:] if m.titles_match(h, gold)), None)
        pick("several h1s", ("first h1", h1), ("a later h1", later))
    for name in ("og:title", "<title>"):
        value = found[name]
        if value and value.rstrip().endswith(("…", "...")):
            pick(f"{name} ends with an ellipsis", (name, value), ("another", None))
    linked, og = found["json-ld"], found["og:title"]
    if linked and og and not m.titles_match(linked, og):
        pick("JSON-LD headline and og:title differ", ("json-ld", linked), ("og:title", og))
    return out


def _years(text: str) -> set[str]:
    return set(_YEAR.findall(text))


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def _goes_on(whole: str, part: str) -> bool:
    """Whether ``whole`` is ``part`` with words after it."""
    whole_key, part_key = text_key(whole), text_key(part)
    return whole_key != part_key and whole_key.startswith(part_key)


def _reworded(a: str, b: str) -> bool:
    """Whether two titles word the story differently: other words, neither text holding the
    other."""
    a_key, b_key = text_key(a), text_key(b)
    return bool(a_key and b_key) and a_key not in b_key and b_key not in a_key


def _after_kicker(whole: str, part: str) -> bool:
    """Whether ``whole`` is ``part`` with words before it."""
    whole_key, part_key = text_key(whole), text_key(part)
    return whole_key != part_key and whole_key.endswith(part_key)


#: The miss classes that differ from the gold in form only (see :func:`miss_class`).
FORM_CLASSES = (
    "case, punctuation or quotes",
    "a site segment, kicker or subtitle left",
    "a part or kicker dropped",
)


def miss_class(ours: str | None, gold: str, found: dict[str, str | None], h1s: list[str]) -> str:
    """Why ``ours`` is not the gold title, judged against the page's sources."""
    if not ours:
        return "no title"
    gold_key, ours_key = text_key(gold), text_key(ours)
    if gold_key == ours_key:
        return "case, punctuation or quotes"
    if gold_key and gold_key in ours_key:
        return "a site segment, kicker or subtitle left"
    if ours_key and ours_key in gold_key:
        return "a part or kicker dropped"
    ours_printed = any(m.titles_match(h, ours) for h in h1s)
    if any(m.titles_match(h, gold) for h in h1s):
        return "the printed h1 wanted, another source taken"
    agree = [k for k in SOURCES[:4] if found[k] and m.titles_match(found[k], gold)]
    if agree:
        taken = "the h1" if ours_printed else "another"
        return f"{'+'.join(agree)} wanted, {taken} taken"
    return "a gold no source gives"


#: The separators a title's segments are set off by, for :func:`miss_kind` ('Site | Section |
#: Headline', 'Headline – Site', 'Kicker: Headline', 'Home » News » Headline'). The colon is
#: kept apart: what comes before it is a kicker or a label, not a site's or section's name.
_SEGMENT_SEP = regex.compile(r"\s+(?:\||-|–|—|::|·|•|»|«|/|>)\s+")
_COLON = regex.compile(r"\s?:\s+")
#: A label a page glues before its headline ('LIVE', 'EXCLUSIVE', 'Opinion', 'WATCH').
_LABEL = regex.compile(
    r"^(?:live|exclusive|opinion|analysis|breaking|update[sd]?|watch|video|photos|exklusiv|"
    r"kommentar|meinung|interview|review|podcast|eilmeldung|liveblog|ticker)\b",
    regex.IGNORECASE,
)


def _segments(text: str) -> list[str]:
    """A title's segments between spaced separators and after colons, those with words."""
    parts = [p for piece in _SEGMENT_SEP.split(text) for p in _COLON.split(piece)]
    return [p for p in parts if text_key(p)]


def _run_of(segments: list[str], key: str) -> tuple[int, int] | None:
    """The run of ``segments`` (start, end) whose joined words are ``key``, if any."""
    keys = [text_key(s) for s in segments]
    for i in range(len(keys)):
        for j in range(i + 1, len(keys) + 1):
            if "".join(keys[i:j]) == key:
                return i, j
    return None


#: The kinds of :func:`miss_kind`, in the brief's order (issue 8's titles, seventeenth session).
MISS_KINDS = (
    "no title",
    "case, quotes, markup or spacing",
    "a kicker or label before a colon left on",
    "a label glued before the headline (LIVE, Opinion …)",
    "a site's or section's segment left on",
    "words around the gold left on, no separator",
    "a segment or kicker cut that the gold keeps",
    "cut short (the gold goes on)",
    "words dropped, no separator",
    "an h1 that is the site's name or a label taken",
    "a heading that is no title source taken",
    "the wording split (another source's words)",
    "a gold no source gives",
)


def miss_kind(
    ours: str | None, gold: str, found: Found, h1s: list[str], host: str | None = None
) -> str:
    """Of which kind (:data:`MISS_KINDS`) a title that misses the gold is, by form: what ours
    has that the gold has not (a segment, a kicker, a label, more words) or lacks; else which
    source it came from. ``host``: the address's name ('citynews'), to tell the site's name.

    >>> found = dict.fromkeys(SOURCES)
    >>> miss_kind("Chronik: Lotte Tobisch ist tot", "Lotte Tobisch ist tot", found, [])
    'a kicker or label before a colon left on'
    >>> miss_kind("Site - News - Big headline here", "Big headline here", found, [])
    "a site's or section's segment left on"
    >>> miss_kind("10 Tipps", "10 Tipps für ein Fest", found, [])
    'cut short (the gold goes on)'
    """
    if not ours:
        return MISS_KINDS[0]
    ours_key, gold_key = text_key(ours), text_key(gold)
    if ours_key == gold_key:
        return MISS_KINDS[1]
    if gold_key and gold_key in ours_key:
        run = _run_of(_segments(ours), gold_key)
        if run:
            before = ours[: ours.casefold().find(_segments(ours)[run[0]][:8].casefold())]
            if run[0] > 0 and run[1] == len(_segments(ours)) and _COLON.search(before):
                return MISS_KINDS[3] if _LABEL.match(ours) else MISS_KINDS[2]
            return MISS_KINDS[4]
        return MISS_KINDS[3] if _LABEL.match(ours) else MISS_KINDS[5]
    if ours_key and ours_key in gold_key:
        if _run_of(_segments(gold), ours_key):
            return MISS_KINDS[6]
        if gold_key.startswith(ours_key) or ours.rstrip().endswith(("…", "...")):
            return MISS_KINDS[7]
        return MISS_KINDS[8]
    printed = [h for h in h1s if text_key(h) == ours_key]
    host_key = text_key(host or "")
    named = len(host_key) >= 4 and (host_key in ours_key or ours_key in host_key)
    if printed and (named or len(ours.split()) <= 2 < len(gold.split())):
        return MISS_KINDS[9]
    gold_given = any(v and m.titles_match(v, gold) for v in [*found.values(), *h1s])
    if not printed and not any(v and text_key(v) == ours_key for v in found.values()):
        return MISS_KINDS[10]
    return MISS_KINDS[11] if gold_given else MISS_KINDS[12]


def printed_anywhere(page: corpora.Page, gold: str) -> bool:
    """Whether the page prints the gold title anywhere in its visible text (its words in
    order, as :func:`text_key` keys them; scripts, styles and the ``<head>`` left out). A gold
    that no source gives and the page prints nowhere was read from another copy of the page (a
    later edit, a teaser elsewhere) or mistyped ('… Grenzen zu setzten' on a page printing
    'setzen'): no extractor reading this page can give it.

    >>> from types import SimpleNamespace
    >>> page = SimpleNamespace(html="<head><title>Old</title></head><p>New words here</p>",
    ...                        key="k")
    >>> printed_anywhere(page, "New Words here"), printed_anywhere(page, "Old")
    (True, False)
    """
    key = text_key(gold)
    return bool(key) and key in text_key(" ".join(_visible_tree(page).itertext()))


def _visible_tree(page: corpora.Page) -> etree._Element:
    """The page's tree, its scripts, styles and ``<head>`` left out."""
    text = page.html if isinstance(page.html, str) else decode(page.html, kind="html").text
    tree = parse(text, page.key)
    etree.strip_elements(tree, "script", "style", "head", with_tail=False)
    return tree


#: Where a gold printed on the page but in no title source stands (printed_place).
PLACES = (
    "a heading (h2-h6, unmarked) printing it alone",
    "an element marked as a title or headline printing it alone",
    "another element printing it alone (a paragraph, a link, a strong)",
    "held in a longer element (a kicker, a subtitle or more around it)",
)
_TITLE_MARK = regex.compile(r"title|headline", regex.IGNORECASE)
_CRUMB_MARK = regex.compile(r"crumb", regex.IGNORECASE)


def _marks(element: etree._Element) -> str:
    return " ".join(filter(None, (element.get(a) for a in ("class", "id", "itemprop"))))


def printed_place(tree: etree._Element, gold: str) -> tuple[str, str] | None:
    """Where the page (``tree``, scripts, styles and ``<head>`` left out) prints a gold title,
    as one of :data:`PLACES` and a note: the innermost element printing it (tag, class),
    whether it stands before or after the page's first h1, and whether that h1 is an item of
    a breadcrumb trail (its class or id, or one of its first four ancestors', names one);
    None where the page prints it nowhere (see printed_anywhere).

    >>> tree = parse("<body><nav class='breadcrumbs'><h1>Search title</h1></nav>"
    ...              "<div><h2 class='headline'>The Headline</h2><p><b>Kicker</b> A b c</p>"
    ...              "</div></body>", "k")
    >>> printed_place(tree, "The headline")[0] == PLACES[1]
    True
    >>> printed_place(tree, "The headline")[1]
    'h2.headline after the h1 (the h1 a breadcrumb item)'
    >>> printed_place(tree, "A b c")[0] == PLACES[3], printed_place(tree, "Nothing")
    (True, None)
    """
    key = text_key(gold)
    if not key:
        return None
    holders = {
        e for e in tree.iter() if isinstance(e.tag, str) and key in text_key(visible_text(e))
    }
    # the first element (page order) holding it with no child holding it
    inner = next((e for e in tree.iter() if e in holders and not holders.intersection(e)), None)
    if inner is None:
        return None
    alone = text_key(visible_text(inner)) == key
    if not alone:
        place = PLACES[3]
    elif _TITLE_MARK.search(_marks(inner)):
        place = PLACES[1]
    elif inner.tag in ("h2", "h3", "h4", "h5", "h6"):
        place = PLACES[0]
    else:
        place = PLACES[2]
    h1 = next(tree.iter("h1"), None)
    where = "no h1"
    if h1 is not None:
        order = {e: i for i, e in enumerate(tree.iter())}
        where = (
            "inside the h1"
            if h1 in inner.iterancestors() or inner is h1
            else ("before the h1" if order[inner] < order[h1] else "after the h1")
        )
        lineage = [h1, *list(h1.iterancestors())[:4]]
        if any(_CRUMB_MARK.search(_marks(e)) for e in lineage):
            where += " (the h1 a breadcrumb item)"
    marks = _marks(inner)[:40]
    return place, f"{inner.tag}{'.' if marks else ''}{marks} {where}"


def _print_miss(head: str, gold: str, ours: str | None, traf: str | None, found: Found) -> None:
    """One miss: the gold, ours, trafilatura's (unless not known: ''), the sources."""
    print(f"{head}\n  gold {gold!r}\n  ours {ours!r}")
    if traf != "":
        print(f"  {'trafilatura':14} {traf!r}")
    for name, value in found.items():
        print(f"  {name:14} {value!r}")


@dataclass
class Tally:
    """What one corpus's pages gave: sources agreeing, misses by class, situations by side."""

    total: int = 0
    right: int = 0
    ceiling: int = 0
    agree: Counter[str] = field(default_factory=Counter)
    given: Counter[str] = field(default_factory=Counter)
    classes: Counter[str] = field(default_factory=Counter)
    follows: Counter[tuple[str, str]] = field(default_factory=Counter)
    sites: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    by_rule: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    kind_sites: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: misses whose gold no source gives, by whether the page prints it (printed_anywhere)
    unsourced: Counter[bool] = field(default_factory=Counter)
    #: of those printed, where (printed_place), and how many below a breadcrumb's h1
    places: Counter[str] = field(default_factory=Counter)
    crumbs: int = 0

    def report(self, corpus: str, part: str) -> None:
        """Print the corpus's tables."""
        print(f"\n{corpus} ({part}): {self.total} pages with a gold title")
        for name in SOURCES:
            print(
                f"  {name:14} agrees on {self.agree[name]:4} of the {self.given[name]:4} "
                "pages giving it"
            )
        print(
            f"  some source agrees (the ceiling): {self.ceiling}; the cleaner right on {self.right}"
        )
        for why, count in self.classes.most_common():
            print(f"  miss: {count:3}  {why}")
        form = sum(self.classes[why] for why in FORM_CLASSES)
        print(f"  misses in form only (the same words, a segment or kicker more or less): {form}")
        print(
            f"  misses in wording (another source's words, or no source's): "
            f"{sum(self.classes.values()) - form}"
        )
        for kind in MISS_KINDS:
            if self.kinds[kind]:
                sites = len(self.kind_sites[kind])
                print(f"  kind: {self.kinds[kind]:3} pages, {sites:3} sites  {kind}")
        if self.unsourced:
            print(
                f"  golds no source gives: {self.unsourced[True]} printed on the page, "
                f"{self.unsourced[False]} printed nowhere on it (another copy's or mistyped)"
            )
        for place in PLACES:
            if self.places[place]:
                print(f"  printed: {self.places[place]:3}  {place}")
        if self.crumbs:
            print(f"  printed where the page's first h1 is a breadcrumb's item: {self.crumbs}")
        for name in dict.fromkeys(name for name, _ in self.follows):
            counts = ", ".join(
                f"{w} {n} ({len(self.sites[s, w])} sites)"
                for (s, w), n in sorted(self.follows.items())
                if s == name
            )
            print(f"  where {name}, the gold follows: {counts}")
        for name in RULES:
            share = 100 * self.by_rule[name] / self.total if self.total else 0.0
            print(f"  rule: {share:5.1f}%  {name}")


def main(argv: list[str] | None = None) -> int:
    """Parse the options, read the pages, print the tables."""
    args, by_corpus = corpora.study_parts((__doc__ or "").split("\n\n")[0], "title_sources", argv)
    if by_corpus is None:
        return 0
    try:
        run = corpora.run_values(args.run)
    except corpora.CorpusMissing as exc:
        print(f"title_sources: {exc}")
        return 2
    cleaner = Cleaner()
    for corpus, pages in by_corpus.items():
        tally = Tally()
        for page in pages:
            gold = page.gold.title
            if not gold:
                continue
            tally.total += 1
            found, h1s = sources(page)
            for name, value in found.items():
                if value:
                    tally.given[name] += 1
                    tally.agree[name] += m.titles_match(value, gold)
            for where in situations(found, h1s, gold):
                tally.follows[where] += 1
                tally.sites[where].add(site_from_url(page.url) or page.key)
            tally.ceiling += any(v and m.titles_match(v, gold) for v in [*found.values(), *h1s])
            ours = cleaner.clean(page.html, url=page.url, kind="html").title
            for name, rule in RULES.items():
                tally.by_rule[name] += m.titles_match(rule(found, h1s, ours), gold)
            if m.titles_match(ours, gold):
                tally.right += 1
                continue
            why = miss_class(ours, gold, found, h1s)
            tally.classes[why] += 1
            site = site_from_url(page.url)
            kind = miss_kind(ours, gold, found, h1s, site)
            tally.kinds[kind] += 1
            tally.kind_sites[kind].add(site or page.key)
            place = None
            if not any(v and m.titles_match(v, gold) for v in [*found.values(), *h1s]):
                tally.unsourced[printed_anywhere(page, gold)] += 1
                place = printed_place(_visible_tree(page), gold)
                if place:
                    tally.places[place[0]] += 1
                    tally.crumbs += "breadcrumb" in place[1]
            if args.misses:
                traf = run.get((corpus, page.key), {}).get("title", "") if run else ""
                _print_miss(f"{corpus} {page.key}: {why}", gold, ours, traf, found)
                if place:
                    print(f"  {'printed':14} {place[0]}: {place[1]}")
        tally.report(corpus, args.part)
    return 0


if __name__ == "__main__":
    sys.exit(main())
