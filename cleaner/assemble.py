"""Kept blocks + field values → the Article: title once, typed fields, body paragraphs."""

from __future__ import annotations

from .article import Article, Dateline, Removal
from .blocks import PageMeta
from .engine import Outcome
from .engine.apply import Kept
from .fields import authors_from_byline, choose_authors, parse_date, parse_dateline
from .lexicon import ends_sentence, text_key
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
    notice = _notice(fields)
    _account_unshown(fields, outcome, {"copyright": notice})
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
        copyright=notice or (meta.copyright.text if meta.copyright else None),
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


def _account_unshown(
    fields: dict[str, list[tuple[str, str]]], outcome: Outcome, shown: dict[str, str | None]
) -> None:
    """Values of a one-value field beside the one shown (the first, or ``shown[name]``: a
    second byline or copyright line) go to ``removed`` under the rule that found them:
    nothing printed is lost."""
    for name in _SINGLE_FIELDS:
        values = fields.get(name, [])
        if not values:
            continue
        chosen = shown.get(name) or values[0][0]
        for value, rule in values:
            if value != chosen:
                outcome.remove(rule, value)


#: What is left of a mark printed alone ('Copyright', '©', '(c)'), as :func:`text_key` reads it.
_BARE_MARKS = frozenset({"", "c", "copyright"})


def _notice(fields: dict[str, list[tuple[str, str]]]) -> str | None:
    """The copyright notice shown: the first that says more than the mark. A mark alone (a
    footer's 'Copyright' link or heading, a '©' on a line of its own) names no holder and no
    year; it is shown only when nothing else was found. Train part: 17 dumps showed such a
    mark before a full notice ('Copyright' over '© 2026 Travel? Yes Please!'; 4 wcxb-dev
    sites), none of them a labelled notice."""
    values = fields.get("copyright")
    if not values:
        return None
    return next((v for v, _ in values if text_key(v) not in _BARE_MARKS), values[0][0])


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
