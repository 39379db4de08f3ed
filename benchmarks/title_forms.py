"""How issue 8's titles miss by form: for every page of one part of the split with a gold title,
the cleaner's title and each title source the page gives (og:title and ``<title>`` less a last
segment naming the site, twitter:title, the JSON-LD headline, the metadata's title, the printed
h1s: :func:`title_sources.sources`) compared with the gold character by character
(:func:`form_of`): the same words in other punctuation or spacing, more words before or after the
gold's (a kicker before a colon, a segment after a separator, bare words), fewer (the gold goes
on), or another wording. Counted per corpus in pages and sites, the cleaner's misses and every
source's near misses apart: a normalization of the chosen title is worth writing where one form
recurs on several sites. Run from the repository root::

    .venv/bin/python benchmarks/title_forms.py [--part train|val] [--corpus NAME ...] [--misses]

``--misses`` (the tuning part only) prints each of the cleaner's misses of a form other than
another wording, with the text that differs; on the validation part only counts are printed.
Without the corpora it says so and exits 0.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import html_corpora as corpora
import html_metrics as m
import regex
from title_sources import sources

from cleaner import Cleaner
from cleaner.page_url import site_from_url

_WORD = regex.compile(r"\w+")
_COLON = regex.compile(r":\s*$")
_SEPARATED = regex.compile(r"^\s*[|–—·•»*_/-]|[|–—·•»*_/-]\s*$")

RIGHT = "right"
PUNCTUATION = "the same words, other punctuation or spacing"
OTHER = "another wording"
FORMS = (
    RIGHT,
    PUNCTUATION,
    "more before: a kicker and a colon",
    "more before: a segment and a separator",
    "more before: bare words",
    "more after: a colon and a subtitle",
    "more after: a separator and a segment",
    "more after: bare words",
    "more before and after",
    "the gold goes on before: a kicker and a colon",
    "the gold goes on before: a segment and a separator",
    "the gold goes on before: bare words",
    "the gold goes on after: a colon and a subtitle",
    "the gold goes on after: a separator and a segment",
    "the gold goes on after: bare words",
    "the gold goes on before and after",
    OTHER,
)


def _words(text: str) -> list[regex.Match[str]]:
    return list(_WORD.finditer(text))


def _run(hay: list[str], needle: list[str]) -> int:
    """Where ``needle`` starts as a run of ``hay``'s words, else -1."""
    for i in range(len(hay) - len(needle) + 1):
        if hay[i : i + len(needle)] == needle:
            return i
    return -1


def _side(text: str, before: bool) -> str:
    """How a text more than the other's words is set off: 'colon', 'separator' or 'words'."""
    if (before and _COLON.search(text)) or (not before and text.lstrip().startswith(":")):
        return "colon"
    return "separator" if _SEPARATED.search(text) else "words"


_NAMES = {"colon": 0, "separator": 1, "words": 2}


def form_of(text: str | None, gold: str) -> tuple[str, str]:
    """Of which form (:data:`FORMS`) a title is against the gold, and the text that differs
    (what it has more, or what the gold has more; both, for punctuation).

    >>> form_of("Chronik: Lotte Tobisch ist tot", "Lotte Tobisch ist tot")
    ('more before: a kicker and a colon', 'Chronik: ')
    >>> form_of("Big news | Sport | The Daily", "Big news")[0]
    'more after: a separator and a segment'
    >>> form_of("UX Design - A Guide", "UX Design: A Guide")[0]
    'the same words, other punctuation or spacing'
    >>> form_of("10 Tipps", "10 Tipps für ein Fest")
    ('the gold goes on after: bare words', ' für ein Fest')
    >>> form_of("Another story", "Big news")[0], form_of("Big News", "big news")[0]
    ('another wording', 'right')
    """
    if m.titles_match(text, gold):
        return RIGHT, ""
    text = text or ""
    ours, want = _words(text), _words(gold)
    ours_words = [w.group().casefold() for w in ours]
    want_words = [w.group().casefold() for w in want]
    if ours_words == want_words:
        return PUNCTUATION, f"{text!r} / {gold!r}"
    for longer, shorter, more, prefix in (
        (text, want_words, ours, "more"),
        (gold, ours_words, want, "the gold goes on"),
    ):
        found = [w.group().casefold() for w in more]
        at = _run(found, shorter) if shorter else -1
        if at < 0:
            continue
        end = at + len(shorter)
        before = longer[: more[at].start()] if at else ""
        after = longer[more[end - 1].end() :] if end < len(found) else ""
        if before and after:
            return f"{prefix} before and after", f"{before!r} … {after!r}"
        if before:
            return FORMS[2 + _NAMES[_side(before, True)] + (7 if prefix != "more" else 0)], before
        return FORMS[5 + _NAMES[_side(after, False)] + (7 if prefix != "more" else 0)], after
    return OTHER, ""


@dataclass
class Tally:
    """One corpus's forms: pages and sites per (source, form)."""

    pages: Counter[tuple[str, str]] = field(default_factory=Counter)
    sites: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    given: Counter[str] = field(default_factory=Counter)

    def add(self, source: str, form: str, site: str) -> None:
        """Count one source's form on one page."""
        self.given[source] += 1
        self.pages[source, form] += 1
        self.sites[source, form].add(site)

    def report(self, corpus: str, part: str) -> None:
        """Print the corpus's forms, the cleaner's title first."""
        print(f"\n{corpus} ({part}): pages (sites) of each form, by source")
        for source in self.given:
            print(f"  {source} ({self.given[source]} pages)")
            for form in FORMS:
                if self.pages[source, form]:
                    sites = len(self.sites[source, form])
                    print(f"    {self.pages[source, form]:4} ({sites:3})  {form}")


def main(argv: list[str] | None = None) -> int:
    """Parse the options, read the pages, print the forms."""
    args, by_corpus = corpora.study_parts((__doc__ or "").split("\n\n")[0], "title_forms", argv)
    if by_corpus is None:
        return 0
    cleaner = Cleaner()
    for corpus, pages in by_corpus.items():
        tally = Tally()
        for page in pages:
            gold = page.gold.title
            if not gold:
                continue
            site = site_from_url(page.url) or page.key
            ours = cleaner.clean(page.html, url=page.url, kind="html").title
            form, differs = form_of(ours, gold)
            tally.add("the cleaner", form, site)
            if args.misses and form not in (RIGHT, OTHER):
                print(f"{corpus} {page.key}: {form}: {differs}\n  gold {gold!r}\n  ours {ours!r}")
            found, h1s = sources(page)
            for name, value in found.items():
                if value and name != "h1":
                    tally.add(name, form_of(value, gold)[0], site)
            for h1 in dict.fromkeys(h1s):
                tally.add("an h1", form_of(h1, gold)[0], site)
        tally.report(corpus, args.part)
    return 0


if __name__ == "__main__":
    sys.exit(main())
