"""The story model's training dumps: the labelled dumps of ``training/data/*.jsonl`` read in a
fixed order, each with its variants, turned into the blocks the cleaner sees at run time and
labelled (:func:`sequences`), and the trainer's settings. ``training.train_model`` trains the
story model on them, ``training.train_headline`` its fold models, ``training.tune`` and the
studies theirs.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cleaner.blocks import Block
from cleaner.engine import RuleSet, apply_rules
from cleaner.passes.features import page_features, rule_kinds
from cleaner.passes.story import LABELS
from cleaner.text_blocks import text_to_page

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
#: Aggregator dumps are the closest to what users feed the text path, and few: each counts
#: this many times in training.
AGGREGATOR_WEIGHT = 4
#: The corpora of real text dumps labelled by hand (``renderer`` ``dump``): trained on as found
#: (no variants), each dump :func:`weight_of` times.
HAND_LABELLED = ("aggregators-dev", "syndication-dev")
#: How many times a hand-labelled dump counts in training, by corpus.
WEIGHTS = {"aggregators-dev": AGGREGATOR_WEIGHT, "syndication-dev": AGGREGATOR_WEIGHT}


def weight_of(corpus: str, weights: dict[str, int] | None = None) -> int:
    """How many times a dump of ``corpus`` counts in training (``weights`` for
    :data:`WEIGHTS`, as ``training.tune`` tries others)."""
    return (WEIGHTS if weights is None else weights).get(corpus, 1)


#: A dump whose blocks the aligner could not label ('?') beyond this fraction is left out.
MAX_UNKNOWN = 0.3
#: Dumps taken per corpus (variants included), in the data's order: enough for the model to
#: level off, few enough to train in minutes on two cores.
LIMIT = 600
#: crfsuite parameters (L1 and L2 penalties, iterations). Searched with ``training.tune`` on
#: the train part (two folds by site; held-out aggregator overall / rendered F1): c1 0.01
#: 0.605 / 0.904, 0.05 (as before) 0.606 / 0.905, 0.2 0.620 / 0.909, 0.5 0.626 / 0.910, 1.0
#: 0.619 / 0.908 (retention 0.985); at c1 0.5, c2 0.001 0.619 / 0.908, 0.1 0.626 / 0.907.
#: The aggregator weight (2: 0.619 / 0.909, 8: 0.626 / 0.909) and the limit (900: 0.613 /
#: 0.912) stay as they were.
PARAMS = {"c1": 0.5, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}
#: Users' dumps are often the first couple of kilobytes of a page (as aggregators-dev's are),
#: some starting at the page's top, some near the headline: each rendered page is also
#: trained on cut to about this many characters, from its top and from near its headline.
PREFIX_CHARS = 2000


def block_label(block: Block, labels: list[str]) -> str | None:
    """A block's label: the label of most of its characters' lines ('?' when unknown)."""
    start, end = block.lines
    counts: Counter[str] = Counter()
    for label in labels[start:end]:
        if label != "blank":
            counts[label] += 1
    if not counts:
        return "?"
    label, _ = counts.most_common(1)[0]
    return label if label in LABELS else "?"


def sequences(
    records: Iterator[dict[str, Any]], rules: RuleSet
) -> Iterator[tuple[str, list[list[str]], list[str]]]:
    """(id, features, labels) per usable dump; blocks of unknown label are left out of the
    sequence (their features still computed with the whole page around them)."""
    kinds = rule_kinds(rules)
    for record in records:
        for doc_id, text, labels in variants(record):
            found = _sequence(text, labels, rules, kinds)
            if found is not None:
                yield doc_id, *found


def variants(record: dict[str, Any]) -> Iterator[tuple[str, str, list[str]]]:
    """(id, text, line labels) of the dumps trained on for one record: the dump itself, and
    for a rendered page the story alone (one page in three), its first ~2,000 characters and
    ~2,000 characters from near its headline."""
    text, labels = record["text"], record["labels"]
    if len(labels) != len(text.split("\n")):
        print(f"training: {record['id']}: labels do not match lines; skipped", file=sys.stderr)
        return
    yield record["id"], text, labels
    if record.get("corpus") in HAND_LABELLED:
        return
    lines = text.split("\n")
    story = [i for i, label in enumerate(labels) if label in _STORY_LINES]
    if story and _pick(record["id"], 3):
        # The story alone (a cleaned body cleaned again, a dump that is all story): the
        # model must leave it whole.
        yield (
            record["id"] + "#body",
            "\n\n".join(lines[i] for i in story),
            _spaced([labels[i] for i in story]),
        )
    for suffix, start in (("#prefix", 0), ("#story", _near_title(record["id"], labels))):
        if start is None:
            continue
        rest = lines[start:]
        cut = "\n".join(rest).count("\n", 0, PREFIX_CHARS) + 1
        if cut >= len(rest):
            continue  # the page is short: its whole text is trained on already
        yield record["id"] + suffix, "\n".join(rest[:cut]), labels[start : start + cut]


#: Line labels kept in a story-alone variant.
_STORY_LINES = frozenset({"title", "body", "subhead"})


def _pick(doc_id: str, one_in: int) -> bool:
    """One dump in ``one_in``, fixed by its id."""
    return hashlib.sha1(doc_id.encode("utf-8")).digest()[1] % one_in == 0


def _spaced(labels: list[str]) -> list[str]:
    """Line labels for lines joined with blank lines between them."""
    spaced: list[str] = []
    for label in labels:
        if spaced:
            spaced.append("blank")
        spaced.append(label)
    return spaced


def _near_title(doc_id: str, labels: list[str]) -> int | None:
    """Where a dump cut to start near the headline begins: 0 to 3 lines above the first line
    labelled title (the number fixed by the dump's id), as dumps that skip the page's menus
    do."""
    first = next((i for i, label in enumerate(labels) if label == "title"), None)
    if first is None:
        return None
    above = hashlib.sha1(doc_id.encode("utf-8")).digest()[0] % 4
    return max(0, first - above)


def labelled_blocks(
    text: str, labels: list[str], rules: RuleSet, kinds: dict[str, str]
) -> tuple[tuple[Block, ...], list[list[str]], list[str], list[int]] | None:
    """One dump's blocks, every block's features and label, and the positions of the blocks
    whose label is known; None when too few are known."""
    page = text_to_page(text)
    if not page.blocks:
        return None
    outcome = apply_rules(page.blocks, rules)
    feats = page_features(page.blocks, outcome, kinds)
    tags = [str(block_label(b, labels)) for b in page.blocks]
    known = [i for i, t in enumerate(tags) if t != "?"]
    if len(known) < (1 - MAX_UNKNOWN) * len(tags) or not known:
        return None
    return page.blocks, feats, tags, known


def _sequence(
    text: str, labels: list[str], rules: RuleSet, kinds: dict[str, str]
) -> tuple[list[list[str]], list[str]] | None:
    """The features and labels of one dump's blocks, or None when too few are known."""
    found = labelled_blocks(text, labels, rules, kinds)
    if found is None:
        return None
    _, feats, tags, known = found
    return [feats[i] for i in known], [tags[i] for i in known]


#: The corpora whose dumps are read in rounds (:func:`spread_order`): the rendered ones (an
#: aggregators-dev page is one dump, its order is the file's either way). Validation, retrained
#: on main fab147d, against the file's order: rendered wcxb+fundus body F1 0.9017 -> 0.907 (P
#: 0.910 -> 0.912, R 0.927 -> 0.931, without snippets 5.2% -> 4.8%), aggregators-dev (39
#: cases) leak 0.192 -> 0.175, title 0.846 -> 0.872, first 0.846 -> 0.821, overall 0.860 ->
#: 0.862. wcxb-dev and readability-dev alone in rounds: overall 0.840 (leak 0.197, first 0.795,
#: title 0.821, route 0.704 -> 0.667).
SPREAD = ("fundus-dev", "readability-dev", "wcxb-dev")


def read_records(data: Path, part: str) -> Iterator[dict[str, Any]]:
    """The dumps of one part of the split, in a fixed order: files sorted, and in each file the
    pages' dumps in rounds (:func:`spread_order`), so that a per-corpus limit takes one
    rendering of many pages before a second rendering of any."""
    for path in sorted(data.glob("*.jsonl")):
        with path.open("rb") as handle:
            offsets = [
                (offset, item) for offset, item, rec_part in _index(handle) if rec_part == part
            ]
            order = spread_order(offsets) if path.stem in SPREAD else [o for o, _ in offsets]
            for offset in order:
                handle.seek(offset)
                yield json.loads(handle.readline())


def _index(handle: Any) -> Iterator[tuple[int, str, str]]:
    """(byte offset, page, part) of every line of a data file."""
    offset = 0
    for line in handle:
        record = json.loads(line)
        yield offset, str(record.get("item")), str(record.get("part"))
        offset += len(line)


def spread_order(offsets: list[tuple[int, str]]) -> list[int]:
    """The offsets of (offset, page) pairs (a page's dumps together, pages in file order)
    reordered in rounds: each page's first dump, then each page's second, and so on, a page's
    dumps rotated by a hash of the page so that the first round mixes the renderings. The
    per-corpus limit (``LIMIT``) took the dumps in file order, six or so a page: the story model
    saw 35 of the 300 train sites of wcxb-dev (199 whole dumps), and dropped the short story
    lines (subheads, list items, table rows) of the others that the labels call story."""
    pages: dict[str, list[int]] = {}
    for offset, page in offsets:
        pages.setdefault(page, []).append(offset)
    ranked: list[tuple[int, int, int]] = []
    for order, (page, dumps) in enumerate(pages.items()):
        turn = hashlib.sha1(page.encode("utf-8")).digest()[0] % len(dumps)
        for index, offset in enumerate(dumps):
            ranked.append(((index - turn) % len(dumps), order, offset))
    return [offset for _, _, offset in sorted(ranked)]


def trained_sequences(
    data: Path, rules: RuleSet, limit_per_corpus: int | None, skip: tuple[str, ...] = ()
) -> Iterator[tuple[str, list[list[str]], list[str]]]:
    """(id, features, labels) of the dumps the model trains on: :func:`sequences` of the train
    part, less the corpora in ``skip``, at most ``limit_per_corpus`` dumps a corpus."""
    per_corpus: Counter[str] = Counter()
    for doc_id, feats, tags in sequences(read_records(data, "train"), rules):
        corpus = doc_id.split("/", 1)[0]
        if corpus in skip:
            continue
        if limit_per_corpus is not None and per_corpus[corpus] >= limit_per_corpus:
            continue
        per_corpus[corpus] += 1
        yield doc_id, feats, tags


def has_data(data: Path, program: str) -> bool:
    """Whether ``data`` holds labelled dumps; if not, says how to make them."""
    if any(data.glob("*.jsonl")):
        return True
    print(
        f"{program}: no labelled dumps in {data}; run `python -m training.build_data` "
        "first (it needs ../shared/corpora)",
        file=sys.stderr,
    )
    return False
