"""A made-up news page for the HTML tests: a story of four paragraphs in an article between a
nav and a footer."""

from __future__ import annotations

STORY = [
    "The city council voted on Tuesday to build a new bridge over the river, ending a debate "
    "that had gone on for more than a decade and divided the neighbourhoods on either bank.",
    "The mayor said the bridge would open in three years and cost about forty million euros, "
    "most of it paid by the regional government and a smaller part by the city itself.",
    "Opponents said the money would be better spent on schools, and promised to keep "
    "fighting the plan in court, where two earlier projects had been stopped.",
    "Residents on the eastern bank welcomed the vote, saying the ferry that now links the two "
    "halves of the city is slow, crowded and often cancelled in winter.",
]


def page(article: str, head: str = "", before: str = "", after: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"{before}<article>{article}</article>{after}"
        "<footer><p>Contact us</p><p>Privacy policy</p></footer></body></html>"
    )


def paragraphs(items: list[str] = STORY) -> str:
    return "".join(f"<p>{p}</p>" for p in items)
