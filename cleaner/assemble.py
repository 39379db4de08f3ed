"""Kept blocks + field values → the Article: title once, typed fields, body paragraphs."""

from __future__ import annotations

from . import structure
from .article import Article, Dateline, Removal
from .blocks import Page
from .engine import Outcome
from .engine.apply import Kept
from .fields import authors_from_byline, choose_authors, parse_date, parse_dateline
from .lexicon import ends_sentence, text_key
from .normalize import collapse_spaces
from .passes.story import StoryModel, decide

#: Why an Article has no body.
_NO_STORY = "no story text found on the page"


def assemble(
    page: Page,
    outcome: Outcome,
    *,
    off: frozenset[str] = frozenset(),
    story: StoryModel | None = None,
) -> Article:
    """Build the Article from what the rules kept and found; ``off`` names the registered
    passes (:mod:`cleaner.passes.registry`) left out; ``story`` labels a text dump's blocks
    (without it, the hand-set structural passes of :mod:`cleaner.structure` run)."""
    fields = outcome.fields
    kept = list(outcome.kept)
    title = _first(fields, "title") or page.meta.title
    learned = page.kind == "text" and story is not None and "model" not in off
    if learned:
        assert story is not None
        fallback = None
        if not title:  # the hand-set guess, for when the model names no headline
            headline, _ = structure.find_headline(kept, outcome)
            fallback = kept[headline].block.text if headline is not None else None
        kept, title = decide(
            story, page.blocks, kept, outcome, title=title, fallback=fallback, off=off
        )
    elif page.kind == "text" and not title:
        headline, anchored = structure.find_headline(kept, outcome)
        if headline is not None:
            title_block = kept[headline]
            title = title_block.block.text
            if "core.above-headline" not in off:
                kept = structure.drop_above(kept, headline, outcome, anchored=anchored)
            kept = [k for k in kept if k is not title_block]
    if title and "core.repeated-title" not in off:
        kept = _drop_repeats(kept, title, outcome)
    if page.kind == "text" and not learned and "core.standfirst" not in off:
        kept = structure.drop_standfirst(kept, outcome)
    captions = _all(fields, "captions")
    kept = structure.drop_repeats(
        kept,
        captions,
        outcome,
        repeats="core.repeated-block" not in off,
        caption_repeats="core.caption-repeat" not in off,
    )
    if page.kind == "text" and not learned and "core.trailing-furniture" not in off:
        # In HTML, trafilatura has judged the ending already; second-guessing its short
        # closing lines cost more story than chrome on the development corpus.
        kept = structure.drop_tail(kept, outcome)
    byline = _first(fields, "byline")
    authors = authors_from_byline(byline) if byline else ()
    if not authors and page.meta.byline:
        byline = byline or page.meta.byline
        authors = authors_from_byline(page.meta.byline)
    authors = choose_authors(authors, page.meta.authors)
    body = "\n\n".join(_paragraphs(kept))
    _account_unshown(fields, outcome)
    dateline_raw = _first(fields, "dateline")
    dates = [d for d in (parse_date(v) for v, _ in fields.get("date", ())) if d]
    return Article(
        title=title,
        authors=authors,
        byline=byline,
        dateline=parse_dateline(dateline_raw) if dateline_raw else None,
        date=dates[0] if dates else page.meta.date,
        source=_first(fields, "source"),
        credits=_all(fields, "credits"),
        copyright=_first(fields, "copyright") or page.meta.copyright,
        captions=captions,
        body=body,
        removed=tuple(outcome.removed) if outcome.removed is not None else None,
        warnings=() if body else (_NO_STORY,),
    )


def same_text(a: str, b: str) -> bool:
    """Whether two strings are the same words, ignoring case, spacing and punctuation."""
    return text_key(a) == text_key(b)


def _drop_repeats(kept: list[Kept], title: str, outcome: Outcome) -> list[Kept]:
    """Remove the headline wherever the page repeats it as a block of its own."""
    result = []
    for item in kept:
        # Cheap length test first: most blocks are nowhere near the headline's length.
        if abs(len(item.block.text) - len(title)) <= len(title) // 4 + 4 and same_text(
            item.block.text, title
        ):
            outcome.remove("core.repeated-title", item.block.text)
        else:
            result.append(item)
    return result


def _paragraphs(kept: list[Kept]) -> list[str]:
    """Body paragraphs; a paragraph cut in two by removed chrome is made whole again."""
    paragraphs: list[str] = []
    for item in kept:
        text = item.block.text
        if (
            item.after_gap
            and paragraphs
            and not ends_sentence(paragraphs[-1])
            and text[:1].islower()
        ):
            paragraphs[-1] = collapse_spaces(f"{paragraphs[-1]} {text}")
        else:
            paragraphs.append(text)
    return paragraphs


#: Fields of one value: the first found is shown. (A date's printed text is in ``removed``
#: already, whichever is shown.)
_SINGLE_FIELDS = ("title", "byline", "dateline", "source", "copyright")


def _account_unshown(fields: dict[str, list[tuple[str, str]]], outcome: Outcome) -> None:
    """Values of a one-value field beyond the one shown (a second byline or copyright line)
    go to ``removed`` under the rule that found them: nothing printed is lost."""
    for name in _SINGLE_FIELDS:
        values = fields.get(name, [])
        for value, rule in values[1:]:
            if value != values[0][0]:
                outcome.remove(rule, value)


def _first(fields: dict[str, list[tuple[str, str]]], name: str) -> str | None:
    values = fields.get(name)
    return values[0][0] if values else None


def _all(fields: dict[str, list[tuple[str, str]]], name: str) -> tuple[str, ...]:
    seen: list[str] = []
    for value, _ in fields.get(name, ()):
        if value not in seen:
            seen.append(value)
    return tuple(seen)


__all__ = ["Dateline", "Removal", "assemble", "same_text"]
