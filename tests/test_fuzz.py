"""Property tests (hypothesis): whatever the input, ``clean()`` returns an Article or raises
``InputError``; nothing of a page (text or HTML) is lost; a clean story passes through
unchanged.

Inputs are random bytes, and pieces of the fixtures' pages mutated (spans deleted, duplicated
or replaced by random text and markup, lines dropped and cut). Examples are few and drawn
deterministically so the suite stays fast and stable; ``benchmarks/fuzz.py`` runs the same
kind of search by the million.
"""

from __future__ import annotations

import json
import re
import textwrap
import tomllib
import unicodedata
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Article, Cleaner, InputError
from cleaner.fixtures import discover, lost_sentences, page_text
from cleaner.lexicon import ends_sentence

from .conftest import FIXTURES

SETTINGS = settings(
    max_examples=40,
    deadline=None,  # one HTML page may take a second on a loaded machine
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MARKUP = ["<div>", "</div>", "<p>", "</p>", "<script>", "<!--", "-->", "&amp;", "&#0;", "<br>"]


@cache
def cleaner(explain: bool = False) -> Cleaner:
    return Cleaner(explain=explain)


@cache
def pages(suffix: str) -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob(f"*{suffix}")))


@cache
def accountable_pages() -> tuple[str, ...]:
    """Text pages whose fixture is not a known breach of the nothing-lost invariant."""
    known = tomllib.loads(Path(__file__).with_name("known_failures.toml").read_text("utf-8"))
    skip = set(known.get("nothing-lost", {}))
    return tuple(
        f.input.read_text(encoding="utf-8")
        for f in discover([FIXTURES])
        if f.input is not None and f.input.suffix == ".txt" and f.name not in skip
    )


@cache
def clean_stories() -> tuple[tuple[str, ...], ...]:
    """The expected bodies of fixtures, as paragraphs: those whose body has no known failure
    and that are not known to change when cleaned again (``known_failures.toml``'s
    ``idempotent`` entries, which tests/test_fixtures.py runs as strict xfail)."""
    known = tomllib.loads(Path(__file__).with_name("known_failures.toml").read_text("utf-8"))
    changing = set(known.get("idempotent", {}))
    stories = []
    for fixture in discover([FIXTURES]):
        if "body" in fixture.load_known() or fixture.name in changing:
            continue
        body = (fixture.load_expected() or {}).get("body", "")
        if body:
            stories.append(tuple(body.split("\n\n")))
    return tuple(stories)


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def check_article(article: Article) -> None:
    """What every Article promises, whatever the input."""
    body = article.body
    assert unicodedata.is_normalized("NFC", body)
    assert not re.search("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", body)
    assert "\n\n\n" not in body and body == body.strip()
    assert all(p and p == p.strip() for p in body.split("\n\n")) or body == ""
    assert json.loads(json.dumps(article.to_dict())) == article.to_dict()


@st.composite
def mutated(draw: st.DrawFn, sources: tuple[str, ...], markup: bool, limit: int) -> str:
    """A piece of one page, then a few spans deleted, duplicated or replaced."""
    page = draw(st.sampled_from(sources))
    start = draw(st.integers(0, max(len(page) - 1, 0)))
    text = page[start : start + draw(st.integers(1, limit))]
    inserts = st.text(max_size=40)
    if markup:
        inserts = st.one_of(inserts, st.sampled_from(MARKUP))
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 200)))
        op = draw(st.sampled_from(["delete", "duplicate", "replace"]))
        if op == "delete":
            text = text[:i] + text[j:]
        elif op == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i] + draw(inserts) + text[j:]
    return text


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from([None, "text", "html"]))
def test_random_bytes_give_an_article_or_an_input_error(data: bytes, kind: str | None) -> None:
    try:
        article = cleaner().clean(data, kind=kind)  # type: ignore[arg-type]
    except InputError as exc:
        assert exc.reason
        return
    check_article(article)


@SETTINGS
@given(st.data())
def test_mutated_html_loses_nothing(data: st.DataObject) -> None:
    """An Article or InputError; and every sentence of the blocks read from the page is in
    the body, a field or ``removed``."""
    page = data.draw(mutated(pages(".html"), markup=True, limit=20_000))
    try:
        article = cleaner(explain=True).clean(page, kind="html")
    except InputError as exc:
        assert exc.reason
        return
    check_article(article)
    lost = lost_sentences(page_text(page, "html"), article)
    assert not lost, "not in the body, a field or removed:\n" + "\n".join(lost)


@SETTINGS
@given(st.data())
def test_mutated_text_loses_nothing(data: st.DataObject) -> None:
    text = data.draw(mutated(accountable_pages(), markup=False, limit=6000))
    try:
        article = cleaner(explain=True).clean(text, kind="text")
    except InputError as exc:
        assert exc.reason
        return
    check_article(article)
    lost = lost_sentences(page_text(text, "text"), article)
    assert not lost, "not in the body, a field or removed:\n" + "\n".join(lost)


@SETTINGS
@given(st.data())
def test_a_clean_story_passes_through_unchanged(data: st.DataObject) -> None:
    """A story's first paragraphs up to a sentence's end, as is or hard-wrapped, come back
    as they are: cleaning an already clean body changes nothing. Wrapped, the prefix holds two
    paragraphs or more (a lone paragraph wrapped once, two lines, shows no width and reads as
    a headline and a line as well as a paragraph) and is written with spaces between words
    (``textwrap`` breaks Chinese and Japanese at their rare spaces, which a reader cannot
    tell from breaks inside a word; tests/test_text_blocks.py wraps them as printed).
    ``benchmarks/idempotency.py`` runs every such prefix: all 294 as they are and all 1,335
    wrapped (widths 60-100 by ten) come back whole.
    """
    story = data.draw(st.sampled_from(clean_stories()))
    ends = [n for n in range(1, len(story) + 1) if ends_sentence(story[n - 1])]
    count = data.draw(st.sampled_from(ends))
    body = "\n\n".join(story[:count])
    text = body
    if count >= 2 and not any(map(_wide, body)) and data.draw(st.booleans()):
        width = data.draw(st.integers(60, 100))
        text = "\n\n".join(textwrap.fill(p, width) for p in story[:count])
    assert cleaner().clean(text, kind="text").body == body


def test_a_hard_wrapped_clean_story_comes_back_whole() -> None:
    """Paragraphs wrapped once each, blank lines between: no paragraph shows the width alone,
    and the first line of one was taken for a headline (found by property testing)."""
    story = next(s for s in clean_stories() if s[0].startswith("The police have now released"))
    body = "\n\n".join(story[:3])
    wrapped = "\n\n".join(textwrap.fill(p, 88) for p in story[:3])
    assert cleaner().clean(wrapped, kind="text").body == body
