"""core.author-bio as it was written first (every kept block after the story's first paragraph
asked whether it is a writer's bio, the story's last other paragraph found among all), held to
the pass's faster form (the blocks read from the last up to that paragraph): the same blocks
kept and removed on made pages of story paragraphs, short sentences, bios and other lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blocks import Block, is_story_paragraph
from cleaner.engine import Outcome
from cleaner.engine.apply import Kept
from cleaner.fields import authors_from_byline, bio_pattern
from cleaner.passes import author_bio as ab


def reference_drop(kept: list[Kept], outcome: Outcome) -> list[Kept]:
    """:func:`cleaner.passes.author_bio.drop_author_bio` as first written."""
    names: list[str] = []
    for value, _ in outcome.fields.get("byline", ()):
        names.extend(authors_from_byline(value))
    named = bio_pattern(names, ab._NAMED_VERB)
    first = next((p for p, k in enumerate(kept) if is_story_paragraph(k.block.text)), None)
    if first is None:
        return kept
    roles = {p for p in range(first + 1, len(kept)) if ab._role_bio(kept[p].block.text)}
    last_story = max(
        (p for p, k in enumerate(kept) if p not in roles and ab._running_text(k.block.text)),
        default=first,
    )
    out = kept[: first + 1]
    for position in range(first + 1, len(kept)):
        text = kept[position].block.text
        if (named is not None and named.match(text)) or (
            position in roles and position > last_story
        ):
            outcome.remove(ab.PASS_ID, text)
        else:
            out.append(kept[position])
    return out


_LINES = [
    "The city council voted on Tuesday to close two schools, a decision that parents had "
    "fought for months against the wishes of the mayor and the board.",
    "The schools will close at the end of the year, and their pupils will move to others in "
    "the district, the council said in a statement on Wednesday night.",
    "He denies the charges.",
    "Read more",
    "Sarah Schwartz is a reporter for Education Week who covers school closures.",
    "About the author: Craig Hull is a freelance photographer based in Ohio.",
    "Ann Lee is a staff writer at the Post.",
    "Ann was the paper's editor for ten years.",
    "Evan Gershkovich is a reporter for The Wall Street Journal who was arrested in Russia "
    "while on a reporting trip and held for more than a year before his release last summer.",
    "The council is a body of writers.",
    "Related Articles",
]


@st.composite
def _pages(draw: st.DrawFn) -> tuple[list[str], str | None]:
    texts = draw(st.lists(st.sampled_from(_LINES), max_size=14))
    return texts, draw(st.sampled_from([None, "By Ann Lee", "Sarah Schwartz and Joe Doe"]))


def _run(drop: object, texts: list[str], byline: str | None) -> tuple[list[str], list[str]]:
    outcome = Outcome(kept=[], removed=[])
    if byline:
        outcome.put("byline", byline, "test")
    kept = [Kept(Block(text), index=n) for n, text in enumerate(texts)]
    out = drop(kept, outcome)  # type: ignore[operator]
    assert outcome.removed is not None
    return [k.block.text for k in out], [r.text for r in outcome.removed]


@settings(max_examples=2000, deadline=None)
@given(_pages())
def test_the_pass_keeps_and_removes_what_the_first_form_does(
    page: tuple[list[str], str | None],
) -> None:
    texts, byline = page
    assert _run(ab.drop_author_bio, texts, byline) == _run(reference_drop, texts, byline)
