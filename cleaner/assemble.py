"""Kept blocks + field values → the Article: title once, typed fields, body paragraphs."""

from __future__ import annotations

from .article import Article, Dateline, Removal
from .blocks import PageMeta
from .engine import Outcome
from .engine.apply import Kept
from .fields import authors_from_byline, choose_authors, parse_date, parse_dateline
from .lexicon import ends_sentence
from .normalize import collapse_spaces
from .page_fields import meta_authors, page_date

#: Why an Article has no body.
_NO_STORY = "no story text found on the page"


def assemble(meta: PageMeta, outcome: Outcome, kept: list[Kept], title: str | None) -> Article:
    """Build the Article from the blocks that stay (``kept``, as the passes of
    :mod:`cleaner.pipeline` left them), the headline, the field values the rules found and the
    page's metadata (``meta``: what the page says of itself, HTML or text alike, as found:
    its authors and date are parsed here, once)."""
    fields = outcome.fields
    captions = _all(fields, "captions")
    byline = _first(fields, "byline")
    authors = authors_from_byline(byline) if byline else ()
    marked = authors_from_byline(meta.byline.text) if meta.byline else ()
    if not authors and meta.byline:
        byline = byline or meta.byline.text
        authors = marked
    elif meta.byline and marked and not set(marked) & set(authors):
        # The page's own byline element (marked up as the author's, or under the headline)
        # over a 'By' line the rules found among the blocks naming someone else (a related
        # story's, a translation's 'Por …'). Tuning part: the two named different people on 1
        # page, where the element was right.
        byline, authors = meta.byline.text, marked
    authors = choose_authors(authors, meta_authors(meta), meta.unprinted)
    body = "\n\n".join(_paragraphs(kept))
    _account_unshown(fields, outcome)
    dateline_raw = _first(fields, "dateline")
    dates = [d for d in (parse_date(v) for v, _ in fields.get("date", ())) if d]
    return Article(
        title=title,
        authors=authors,
        byline=byline,
        dateline=parse_dateline(dateline_raw) if dateline_raw else None,
        date=page_date(dates, meta),
        source=_first(fields, "source"),
        credits=_all(fields, "credits"),
        copyright=_first(fields, "copyright") or (meta.copyright.text if meta.copyright else None),
        captions=captions,
        body=body,
        removed=tuple(outcome.removed) if outcome.removed is not None else None,
        warnings=() if body else (_NO_STORY,),
    )


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


__all__ = ["Dateline", "Removal", "assemble"]
