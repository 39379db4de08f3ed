"""What tells a dek from a lede besides its place, on train dumps of sites the model has not
seen: ``python -m training.start_cues --models DIR`` (needs the ``train`` extra,
``training/data`` and ``../shared``).

The held-out set and fold models are ``training.start_errors``'s (``--dumps``, ``--models``:
the same files are reused). Each dump is cleaned by the model of the fold it is not in, and the
state at ``core.doubted-opener`` (the last start pass but this session's) is taken: the body's
first two blocks, the story model's probabilities of them and of the blocks between them, the
rules' dateline and header lines. An *opening* is a first block that reads as a story paragraph
of 8 words or more ending a sentence, under a headline, over a story paragraph not in lower
case. It is a *dek* when its lines are labelled standfirst or chrome, the second block's body
and no byline or date line the rules took stands above it (aggregators-dev keeps a dek under
the byline as story); a *lede* when labelled body. Each cue (:data:`CUES`) is counted on both,
in dumps and in sites: a cue for a pass marks deks on many sites and ledes on none.

start20 (main 35c811c; training/README.md, "Where the start goes wrong"): 73 deks (24 sites),
496 ledes (169 sites); no dek opened with a dateline or was followed by a paragraph going on
from it, and a header line the model labels stood between a dek and the lede on 5 sites that
no rule read (``core.dek-over-header``). The validation part is never read.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.blocks import ends_sentence, is_story_paragraph, word_count
from cleaner.passes.dek_header import GOES_ON, HEADER_LABELS
from training.start_errors import fold_models, held_out

_WORD = re.compile(r"\w{4,}")
#: A dateline or an agency opening the block: a capitalised place and a dash, '(AP) —'.
_DATELINE = re.compile(
    r"^\W{0,3}[A-ZÀ-Ý][\w .,'’/-]{1,40}?(\s*\([^)]{1,30}\))?\s*[-–—]\s|\((AP|Reuters|AFP|dpa|UPI)\)"
)
#: What else may open a paragraph that goes on from the one above it.
_ALSO_GOES_ON = re.compile(r"(?:the|in|on|at|according)\b", re.IGNORECASE)


@dataclass
class Opening:
    """The body's first two blocks at ``core.doubted-opener`` in one held-out dump."""

    id: str
    site: str
    title: str | None
    first: str
    second: str
    first_label: str
    second_label: str
    #: the story model's probability that the first and second blocks are story
    keeps_first: float
    keeps_second: float
    standfirst_first: float
    #: (text, the model's byline + date + credit probability) of the blocks between them
    between: list[tuple[str, float]] = field(default_factory=list)
    under_byline: bool = False
    dateline: bool = False


def _content(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _headline_share(o: Opening) -> float:
    words = _content(o.title or "")
    return len(_content(o.first) & words) / max(len(words), 1)


#: The cues measured, each of an opening.
CUES: dict[str, Callable[[Opening], bool]] = {
    "opens with a dateline or an agency": lambda o: o.dateline or bool(_DATELINE.search(o.first)),
    "the next paragraph goes on (pronoun, connective)": lambda o: bool(GOES_ON.match(o.second)),
    "… or opens with The/In/On/At/According": lambda o: bool(
        GOES_ON.match(o.second) or _ALSO_GOES_ON.match(o.second)
    ),
    "repeats half the headline's content words": lambda o: _headline_share(o) >= 0.5,
    "repeats none of them": lambda o: _headline_share(o) == 0,
    "the next paragraph repeats 30% of its words": lambda o: (
        len(_content(o.first) & _content(o.second)) >= 0.3 * max(len(_content(o.first)), 1)
    ),
    "blocks taken out before the next paragraph": lambda o: bool(o.between),
    "a header line (model) before the next paragraph": lambda o: any(
        p >= 0.5 for _, p in o.between
    ),
    "the model gives it under 0.5 of story": lambda o: o.keeps_first < 0.5,
    "the model gives it 0.3 of standfirst": lambda o: o.standfirst_first >= 0.3,
    "one sentence": lambda o: len(re.findall(r"[.!?…][\"'”’»)]*(\s|$)", o.first)) <= 1,
}


def kind(o: Opening) -> str | None:
    """``dek``, ``lede`` or None (no opening, or neither)."""
    if not o.title or not is_story_paragraph(o.first) or not ends_sentence(o.first):
        return None
    if word_count(o.first) < 8 or not is_story_paragraph(o.second) or o.second[:1].islower():
        return None
    if o.first_label == "body":
        return "lede"
    if o.first_label in ("standfirst", "chrome") and o.second_label == "body":
        return None if o.under_byline else "dek"
    return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def label_of(record: dict[str, Any], text: str) -> str:
    """The label of the dump's line where a block's text begins (``?`` when not found)."""
    head = _norm(text)[:40]
    joined, offsets = "", []
    for line in record["text"].split("\n"):
        offsets.append(len(joined))
        joined += _norm(line)
    at = joined.find(head) if head else -1
    if at < 0:
        return "?"
    line = max(i for i, off in enumerate(offsets) if off <= at)
    while line + 1 < len(offsets) and offsets[line + 1] <= at:
        line += 1
    return str(record["labels"][line])


@contextmanager
def openings_at_doubted_opener(
    found: list[dict[str, Any]], marginal: Callable[[str, int], float]
) -> Iterator[None]:
    """Within it, each text dump cleaned with the story model appends its state at
    ``core.doubted-opener`` to ``found`` (the step's function is wrapped, then restored);
    ``marginal`` is the story model's (asked while the page is the one it labelled last)."""
    from cleaner import pipeline
    from cleaner.passes.doubted_opener import under_byline

    original = pipeline.drop_doubted_opener

    def wrapped(kept: Any, blocks: Any, title: Any, keeps: Any, outcome: Any) -> Any:
        if len(kept) >= 2:
            first, second = kept[0], kept[1]
            between = [
                (blocks[at].text, sum(marginal(label, at) for label in HEADER_LABELS))
                for at in range(first.index + 1, second.index)
            ]
            found.append(
                {
                    "title": title,
                    "first": first.block.text,
                    "second": second.block.text,
                    "keeps": (keeps(first.index), keeps(second.index)),
                    "standfirst": marginal("standfirst", first.index),
                    "between": between,
                    "under": under_byline(first.index, blocks, title, outcome),
                    "dateline": first.index in outcome.positions.get("dateline", ()),
                }
            )
        return original(kept, blocks, title, keeps, outcome)

    pipeline.drop_doubted_opener = wrapped
    try:
        yield
    finally:
        pipeline.drop_doubted_opener = original


def openings(models: Path, folds: int, dumps: int) -> list[Opening]:
    """The openings of the held-out dumps, each cleaned by the model of the other fold."""
    from cleaner import Cleaner
    from cleaner.passes.story import StoryModel

    held = held_out(folds, dumps)
    out = []
    for fold, path in enumerate(fold_models(models, folds)):
        cleaner = Cleaner()
        story = cleaner.story = StoryModel(cleaner.rules, path)
        for record in held[fold]:
            found: list[dict[str, Any]] = []
            with openings_at_doubted_opener(found, story.marginal):
                cleaner.clean(record["text"], kind="text")
            if not found:
                continue
            state = found[0]
            out.append(
                Opening(
                    record["id"],
                    record["site"],
                    state["title"],
                    state["first"],
                    state["second"],
                    label_of(record, state["first"]),
                    label_of(record, state["second"]),
                    state["keeps"][0],
                    state["keeps"][1],
                    state["standfirst"],
                    state["between"],
                    state["under"],
                    state["dateline"],
                )
            )
    return out


def report(found: list[Opening]) -> None:
    """Each cue's deks and ledes, in dumps and sites."""
    kinds = {"dek": [o for o in found if kind(o) == "dek"]}
    kinds["lede"] = [o for o in found if kind(o) == "lede"]

    def count(rows: list[Opening]) -> str:
        return f"{len(rows):>4} dumps {len({o.site for o in rows}):>3} sites"

    print(f"{'openings':<52} dek {count(kinds['dek'])}   lede {count(kinds['lede'])}")
    for name, cue in CUES.items():
        dek = [o for o in kinds["dek"] if cue(o)]
        lede = [o for o in kinds["lede"] if cue(o)]
        print(f"{name:<52} dek {count(dek)}   lede {count(lede)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.start_cues", description=__doc__)
    parser.add_argument("--folds", type=int, default=2)
    parser.add_argument("--dumps", type=int, default=500, help="rendered records a corpus, fold")
    parser.add_argument("--models", type=Path, required=True, help="fold models (kept here)")
    args = parser.parse_args(argv)
    report(openings(args.models, args.folds, args.dumps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
