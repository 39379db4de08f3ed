"""A drop-rest heading set inside the story (a 'Read Next' box of links) takes only itself;
at the story's end it still takes the page's tail."""

from __future__ import annotations

from cleaner.engine import apply_rules, load_rules
from cleaner.text_blocks import text_to_page

OPENING = (
    "The council voted on Monday to close the old bridge over the river for repairs, "
    "a decision that will send traffic through the town centre for most of the summer."
)
SECOND = (
    "Shops in the centre said they expected more customers, while residents of the streets "
    "along the detour asked the council for a lower speed limit while the works go on."
)
STORY = (
    "Engineers found cracks in two of the bridge's supports last autumn, and the council "
    "said that the repairs could not wait another winter without putting drivers at risk, "
    "the report presented to the members of the transport committee on Monday said."
)
#: Story paragraphs that differ from each other (a repeated block is no story)
STORIES = [f"{STORY[:-1]}, in the {n}th paragraph of its findings." for n in range(4, 14)]
LINKS = "\n\n".join(["* How to plan a detour", "* Bridge works in the county", "* Bus times"])


#: The page's top (the drop-rest headings fire only below its first fifth)
MENU = ["Home", "World", "Sport", "Business", "Weather", "Bridge to close for summer repairs"]


def _kept(text: str) -> list[str]:
    """The blocks the rules keep from the story's first paragraph on."""
    page = text_to_page("\n\n".join([*MENU, text]))
    outcome = apply_rules(page.blocks, load_rules(), explain=True)
    kept = [item.block.text for item in outcome.kept]
    return kept[kept.index(OPENING) :]


def test_a_box_inside_the_story_takes_only_its_heading() -> None:
    page = "\n\n".join([OPENING, SECOND, STORY, "Read Next", LINKS, *STORIES])
    kept = _kept(page)
    assert "Read Next" not in kept  # only the heading went
    assert kept == [
        OPENING,
        SECOND,
        STORY,
        *(link[2:] for link in LINKS.split("\n\n")),
        *STORIES,
    ]  # the story below the box is kept


def test_a_heading_at_the_story_end_still_takes_the_rest() -> None:
    tail = "\n\n".join(["Related Articles", LINKS, STORY, STORY])
    page = "\n\n".join([OPENING, SECOND, *STORIES, tail])
    assert _kept(page) == [OPENING, SECOND, *STORIES]  # more story above than below


def test_short_running_lines_below_do_not_make_a_box() -> None:
    # A pager's line and a cookie notice read as sentences but are not the story resuming.
    tail = "\n\n".join(
        [
            "Related Articles",
            LINKS,
            "Previous post: Back to the bridge works. Next post: The summer fair returns.",
            "This website uses cookies. If you go on using it you agree to their use.",
            *[
                f"Comment {n}: a reader who lives by the river thinks the bridge works could "
                "wait until the autumn, posted today."
                for n in range(20)
            ],
        ]
    )
    kept = _kept("\n\n".join([OPENING, SECOND, STORY, tail]))
    assert kept == [OPENING, SECOND, STORY]
