"""The rendered dumps the cleaner gets badly wrong: the tail of the per-dump F1 (issue 7).

    python -m training.worst_dumps /tmp/capture.jsonl [--under 0.7] [--show]

reads a capture of :mod:`training.cut_replay` (the train part's rendered dumps cleaned by the
fold model that had not seen their site; the aggregator cases are skipped) and scores each
dump's body against its gold story lines (``body`` and ``subhead``) as
:mod:`training.rendered_eval` scores a body: word bags, P, R and F1 per dump, averaged. It
prints how the mean F1 is spread: for each threshold, the dumps and sites under it and the
share of the mean's gap to 1 they carry; then the dumps under ``--under`` by cause, counted
by dumps and sites. The causes, from where the gold story's words and the kept chrome's words
lie against the kept blocks:

- ``nothing kept``: an empty body;
- ``story cut at its tail`` / ``at its head`` / ``lost in its middle``: recall under 0.5 with
  precision 0.7 or more, by where most of the story words left out lie against the kept run;
- ``wrong run``: recall and precision both under the bars (another run than the story kept);
- ``chrome kept above`` / ``inside`` / ``below``: precision under 0.7 with recall 0.7 or more,
  by where most of the kept chrome words lie against the gold story's first and last blocks;
- ``mixed``: the rest.

The gold here is the aligner's line labels, not the corpus's gold text that
:mod:`training.rendered_eval` reads, so the figures are close to its, not the same.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from training.cut_replay import STORY, Record, load
from training.rendered_eval import prf

_WORD = re.compile(r"\w+")
#: The F1 thresholds of the distribution.
THRESHOLDS = (0.3, 0.5, 0.7, 0.9)
#: A recall or precision under this is the dump's failure (the causes above).
BAR = 0.5
#: The other side counts as right from this.
FAIR = 0.7


@dataclass(frozen=True)
class Dump:
    """One rendered dump's score and the cause of a poor one."""

    ident: str
    site: str
    precision: float
    recall: float
    f1: float
    cause: str


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _block_words(rec: Record) -> list[tuple[int, int]]:
    """Each block's gold story words and other words."""
    labels, texts = rec["line_labels"], rec["text_lines"]
    counts = []
    for start, end in rec["lines"]:
        story = sum(_words(texts[j]) for j in range(start, end) if labels[j] in STORY)
        other = sum(_words(texts[j]) for j in range(start, end) if labels[j] not in STORY)
        counts.append((story, other))
    return counts


def cause(rec: Record, precision: float, recall: float) -> str:
    """Why a dump's body is poor (see the module's list)."""
    kept = sorted(rec["kept"])
    if not kept:
        return "nothing kept"
    counts = _block_words(rec)
    story_blocks = [i for i, (story, _) in enumerate(counts) if story]
    if recall < BAR and precision >= FAIR:
        left_out = [i for i in story_blocks if i not in set(kept)]
        head = sum(counts[i][0] for i in left_out if i < kept[0])
        tail = sum(counts[i][0] for i in left_out if i > kept[-1])
        middle = sum(counts[i][0] for i in left_out) - head - tail
        if tail >= max(head, middle):
            return "story cut at its tail"
        return "story cut at its head" if head >= middle else "story lost in its middle"
    if recall < FAIR and precision < FAIR:
        return "wrong run"
    if precision < FAIR and story_blocks:
        first, last = story_blocks[0], story_blocks[-1]
        above = sum(counts[i][1] for i in kept if i < first)
        below = sum(counts[i][1] for i in kept if i > last)
        inside = sum(counts[i][1] for i in kept) - above - below
        where = max((above, "above"), (inside, "inside"), (below, "below"))[1]
        return f"chrome kept {where}"
    return "mixed"


def score(records: Iterable[Record]) -> list[Dump]:
    """The rendered dumps of a capture with a gold story, scored."""
    dumps = []
    for rec in records:
        if rec["kind"] == "agg":
            continue
        gold = "\n".join(
            text
            for text, label in zip(rec["text_lines"], rec["line_labels"], strict=True)
            if label in STORY
        )
        if not gold.strip():
            continue
        precision, recall, f1 = prf(rec["body"], gold)
        dumps.append(
            Dump(rec["id"], rec["site"], precision, recall, f1, cause(rec, precision, recall))
        )
    return dumps


def report(dumps: list[Dump], under: float, *, show: bool = False) -> None:
    """The distribution of per-dump F1 and the poor dumps' causes, by dumps and sites."""
    count = len(dumps)
    if not count:
        print("no rendered dump with a gold story")
        return
    mean = sum(d.f1 for d in dumps) / count
    precision = sum(d.precision for d in dumps) / count
    recall = sum(d.recall for d in dumps) / count
    print(f"{count} dumps, {len({d.site for d in dumps})} sites: F1 {mean:.4f}")
    print(f"  P {precision:.4f} R {recall:.4f}; gap to 1: {1 - mean:.4f}")
    for threshold in THRESHOLDS:
        poor = [d for d in dumps if d.f1 < threshold]
        carried = sum(1 - d.f1 for d in poor) / count
        share = carried / (1 - mean) if mean < 1 else 0.0
        sites = len({d.site for d in poor})
        print(
            f"  F1 < {threshold}: {len(poor):4d} dumps ({sites:3d} sites) "
            f"carry {carried:.4f} of the gap ({share:.0%})"
        )
    by_cause: dict[str, list[Dump]] = defaultdict(list)
    for dump in dumps:
        if dump.f1 < under:
            by_cause[dump.cause].append(dump)
    print(f"dumps under {under} by cause: dumps, sites, share of the mean's gap")
    for name, poor in sorted(by_cause.items(), key=lambda item: -sum(1 - d.f1 for d in item[1])):
        carried = sum(1 - d.f1 for d in poor) / count
        print(f"  {name:26s} {len(poor):4d} {len({d.site for d in poor}):4d} {carried:.4f}")
        if show:
            for d in sorted(poor, key=lambda d: d.f1):
                print(f"      {d.f1:.3f} P {d.precision:.3f} R {d.recall:.3f} {d.ident}")


def main(argv: list[str] | None = None) -> int:
    """Command line: score a capture and print the tail."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("capture", type=Path, help="a training.cut_replay capture (JSON lines)")
    parser.add_argument("--under", type=float, default=0.7, help="the causes of dumps under this")
    parser.add_argument("--show", action="store_true", help="list the dumps of each cause")
    args = parser.parse_args(argv)
    if not args.capture.is_file():
        print(f"no capture at {args.capture}: run training.cut_replay capture", file=sys.stderr)
        return 2
    report(score(load(args.capture)), args.under, show=args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
