"""core.repeated-block and core.caption-repeat (:func:`cleaner.structure.drop_repeats`) find
the caption hits before their walk (:func:`cleaner.passes.repeats.repeat_facts`, compiled
and in Python) and skip it where no key is printed twice (asked by the same call, or by
drop_repeats): the same blocks kept and
the same removals, in the same order, as the walk that asked each block in turn (kept here as
it was, the reference)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.blocks import Block, BlockKind, word_count
from cleaner.engine import Outcome
from cleaner.engine.apply import Kept
from cleaner.lexicon import text_key
from cleaner.passes.repeats import (
    _inside_caption,
    _shares_first_word,
    python_caption_hits,
    repeat_facts,
)
from cleaner.structure import _may_repeat, _without_dateline, drop_repeats, story_own_repeats


def _reference(
    kept: list[Kept],
    captions: tuple[str, ...],
    outcome: Outcome,
    *,
    repeats: bool = True,
    caption_repeats: bool = True,
    datelines: tuple[str, ...] = (),
    every_time: frozenset[str] = frozenset(),
    story_own: bool = False,
) -> list[Kept]:
    """drop_repeats as main a8dd74f wrote it: each block asked in turn."""
    if not caption_repeats:
        captions = ()
    keys = [item.block.text for item in kept]
    if datelines:
        keys = [_without_dateline(t, datelines) if t.startswith(datelines) else t for t in keys]
    own = story_own_repeats(kept, keys, every_time) if repeats and story_own else set()
    seen: set[str] = set()
    caption_keys = [text_key(c) for c in captions]
    caption_words = set(" ".join(captions).lower().split())
    longest_caption = max((len(c) for c in captions), default=0)
    result = []
    for item, key in zip(kept, keys, strict=True):
        text = item.block.text
        if repeats and key in seen and _may_repeat(item, every_time) and item.index not in own:
            outcome.remove("core.repeated-block", text)
            continue
        if (
            caption_keys
            and word_count(text) >= 4
            and len(text) <= 2 * longest_caption
            and _shares_first_word(text, caption_words)
            and _inside_caption(text_key(text), caption_keys)
        ):
            outcome.remove("core.caption-repeat", text)
            continue
        seen.add(key)
        result.append(item)
    return result


#: Texts that repeat, hold one another, open with a dateline or are a caption's words:
#: drawn from a few so that repeats and caption hits are common.
_TEXTS = [
    "The mayor said on Tuesday that the bridge would reopen next month after repairs.",
    "WASHINGTON (AP) — The mayor said on Tuesday that the bridge would reopen next month.",
    "The mayor said on Tuesday that the bridge would reopen next month.",
    "Crews work on the bridge in March. (Photo: Ann Lee / AP)",
    "Crews work on the bridge in March.",
    "crews WORK on the bridge in march",
    "Crews work on the bridge in March. Crews work on the bridge in March.",
    "Read more",
    "Share this",
    "İstanbul crews work on the bridge",
    "A short one",
    "",
]
_CAPTIONS = [
    "Crews work on the bridge in March. (Photo: Ann Lee / AP)",
    "Crews work on the bridge in March.",
    "The mayor said on Tuesday",
    "İstanbul crews work on the bridge today",
]


_KINDS: list[BlockKind] = ["para", "list", "table", "heading"]


@st.composite
def _calls(draw: st.DrawFn) -> tuple[list[Kept], tuple[str, ...], dict[str, object]]:
    texts = draw(st.lists(st.one_of(st.sampled_from(_TEXTS), st.text(max_size=30)), max_size=14))
    kinds = draw(st.lists(st.sampled_from(_KINDS), min_size=len(texts), max_size=len(texts)))
    kept = [
        Kept(Block(text, kind), index=2 * i)
        for i, (text, kind) in enumerate(zip(texts, kinds, strict=True))
    ]
    captions = tuple(draw(st.lists(st.sampled_from(_CAPTIONS), max_size=3, unique=True)))
    options: dict[str, object] = {
        "repeats": draw(st.booleans()),
        "caption_repeats": draw(st.booleans()),
        "datelines": draw(st.sampled_from([(), ("WASHINGTON (AP) —",)])),
        "every_time": draw(st.sampled_from([frozenset(), frozenset({"table"})])),
        "story_own": draw(st.booleans()),
    }
    return kept, captions, options


@settings(max_examples=3000)
@given(_calls())
def test_drop_repeats_is_the_walk(
    call: tuple[list[Kept], tuple[str, ...], dict[str, object]],
) -> None:
    kept, captions, options = call
    theirs = Outcome(removed=[])
    want = _reference(list(kept), captions, theirs, **options)  # type: ignore[arg-type]
    datelines = options["datelines"]
    # as pipeline.repeats hands them: no captions where core.caption-repeat is off
    some = captions if options["caption_repeats"] else ()
    compiled, distinct = repeat_facts(kept, some, datelines)  # type: ignore[arg-type]
    walk = {key: value for key, value in options.items() if key != "caption_repeats"}
    for hits, known in ((compiled, distinct), (python_caption_hits(kept, some), None)):
        ours = Outcome(removed=[])
        got = drop_repeats(list(kept), hits, ours, distinct=known, **walk)  # type: ignore[arg-type]
        assert [id(k) for k in got] == [id(k) for k in want]
        assert ours.removed == theirs.removed


def test_drop_repeats_cases() -> None:
    """The three ways out: no repeat and no hit, caption hits alone, a repeat."""
    kept = [Kept(Block(t), index=i) for i, t in enumerate(_TEXTS[:5])]
    outcome = Outcome(removed=[])
    assert drop_repeats(kept, (), outcome) == kept
    assert outcome.removed == []
    assert repeat_facts(kept, (_CAPTIONS[0],), ()) == ([3, 4], True)
    hit = drop_repeats(kept, [3, 4], outcome)
    assert hit == kept[:3]
    assert [r.rule for r in outcome.removed or []] == ["core.caption-repeat"] * 2
    twice = [*kept[:3], Kept(Block(_TEXTS[0]), index=9)]
    outcome = Outcome(removed=[])
    assert drop_repeats(twice, (), outcome) == kept[:3]
    assert [r.rule for r in outcome.removed or []] == ["core.repeated-block"]
