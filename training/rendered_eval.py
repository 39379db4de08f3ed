"""Body accuracy of a text cleaner on rendered news pages (validation part of the split).

    python -m training.rendered_eval [--part val] [--limit N]   # the cleaner's text path

The pages of wcxb-dev and fundus-dev are rendered to text the way users' dumps are made, by a
fixed set of renderings (:data:`RENDERINGS`: inscriptis unwrapped, the same hard-wrapped at the
page's width, and the text-browser style hard-wrapped), and each dump is given to a cleaner.
Its body is scored against the gold body (wcxb: the main text; fundus: summary and paragraphs)
as WCXB scores: the lower-cased ``\\w+`` tokens as bags, precision, recall and F1 per dump,
averaged over dumps. For wcxb, the share of its ``without`` snippets (boilerplate) left in the
body is counted too, over the snippets that the rendered text holds (case-insensitive,
whitespace-normalised). Where the story starts and the headline, as the aggregator scorer
asks them of text dumps: ``first`` is the share of dumps whose body begins with the gold
body's first :data:`FIRST_TOKENS` tokens, ``title`` the share of dumps with a gold title whose
headline is it (the same tokens, or those and at most :data:`SUFFIX_TOKENS` more: a site's
name after it). ``date`` is the share of dumps with a gold date whose date field is it, and
``wrong`` the share whose date field holds another date (a date the dump may not print at all:
the figure compares cleaners on the same dumps, it has no ceiling of 1).

The benchmark calls :func:`evaluate` with any callable ``text -> object with .body``. It reads
``../shared/corpora`` and says so when it is missing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from training import render
from training.corpora import CORPORA, load_split

#: (renderer, hard-wrapped?) of every page: one unwrapped and one wrapped dump a page
RENDERINGS = (("inscriptis", False), ("inscriptis", True), ("browser", True))
CORPUS_NAMES = ("wcxb-dev", "fundus-dev")
_TOKEN = re.compile(r"\w+")
#: The body starts at the story when its first tokens are the gold body's first this many.
FIRST_TOKENS = 8
#: A headline with at most this many tokens after the gold title's is right (a site suffix).
SUFFIX_TOKENS = 6


class HasBody(Protocol):
    """What a cleaner returns: anything with a ``body`` string (an Article)."""

    @property
    def body(self) -> str: ...


@dataclass
class Case:
    """One rendered dump with its gold."""

    id: str
    corpus: str
    #: the renderer, with "-wrapped" when hard-wrapped
    rendering: str
    text: str
    gold_body: str
    without: list[str] = field(default_factory=list)
    gold_title: str = ""
    #: the gold publication date, ``YYYY-MM-DD``, or ""
    gold_date: str = ""


@dataclass
class Score:
    """Averages over the dumps of one corpus."""

    dumps: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    without_total: int = 0
    without_left: int = 0
    errors: int = 0
    seconds: float = 0.0
    first: int = 0
    titled: int = 0
    title: int = 0
    dated: int = 0
    date: int = 0
    date_wrong: int = 0

    @property
    def without_share(self) -> float | None:
        """Share of the rendered ``without`` snippets left in the body (wcxb), or None."""
        return self.without_left / self.without_total if self.without_total else None

    def as_dict(self) -> dict[str, Any]:
        """The figures as a JSON-ready dict."""
        return {
            "dumps": self.dumps,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "without_left": self.without_share,
            "first": round(self.first / self.dumps, 4) if self.dumps else None,
            "title": round(self.title / self.titled, 4) if self.titled else None,
            "date": round(self.date / self.dated, 4) if self.dated else None,
            "date_wrong": round(self.date_wrong / self.dated, 4) if self.dated else None,
            "errors": self.errors,
            "docs_per_second": round(self.dumps / self.seconds, 1) if self.seconds else None,
        }


def bag(text: str) -> Counter[str]:
    """The lower-cased word tokens of a text as a bag (WCXB's scoring)."""
    return Counter(_TOKEN.findall(unicodedata.normalize("NFC", text).lower()))


def prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Word-bag precision, recall and F1 of a predicted body against the gold body."""
    pred, ref = bag(predicted), bag(gold)
    common = sum((pred & ref).values())
    if not pred or not ref:
        return (1.0, 1.0, 1.0) if not pred and not ref else (0.0, 0.0, 0.0)
    precision, recall = common / sum(pred.values()), common / sum(ref.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


def tokens(text: str) -> list[str]:
    """The lower-cased word tokens of a text, in order."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text).lower())


def starts_story(body: str, gold: str) -> bool:
    """Whether the body begins with the gold body's first :data:`FIRST_TOKENS` tokens."""
    want = tokens(gold)[:FIRST_TOKENS]
    return bool(want) and tokens(body)[: len(want)] == want


def title_right(title: str | None, gold: str) -> bool:
    """Whether a headline is the gold title: its tokens, or those and a short site suffix."""
    want, got = tokens(gold), tokens(title or "")
    return bool(want) and got[: len(want)] == want and len(got) - len(want) <= SUFFIX_TOKENS


def _squash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).lower().split())


def _pages(corpus: str, part: str) -> Iterator[tuple[str, str, str, list[str], str, str]]:
    """(item, html, gold body, without snippets, gold title, gold date) of the pages of one
    part of a corpus."""
    split = load_split()[corpus]
    if corpus == "wcxb-dev":
        base = CORPORA / "wcxb-dev"
        for path in sorted((base / "ground-truth").glob("*.json")):
            if split[path.stem]["part"] != part:
                continue
            truth = json.loads(path.read_text(encoding="utf-8"))["ground_truth"]
            with gzip.open(base / "html" / f"{path.stem}.html.gz", "rt", encoding="utf-8") as f:
                html = f.read()
            yield (
                path.stem,
                html,
                truth.get("main_content") or "",
                truth.get("without") or [],
                truth.get("title") or "",
                (truth.get("publish_date") or "")[:10],
            )
    else:
        base = CORPORA / "fundus-dev"
        for case in sorted(p for p in base.iterdir() if (p / "gold.json").is_file()):
            if split[case.name]["part"] != part:
                continue
            gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
            body = "\n\n".join([*(gold.get("summary") or []), *(gold.get("paragraphs") or [])])
            page = (case / "page.html").read_text(encoding="utf-8")
            date = (gold.get("date") or "")[:10]
            yield case.name, page, body, [], gold.get("title") or "", date


def cases(part: str = "val", corpora: tuple[str, ...] = CORPUS_NAMES, limit: int = 0) -> list[Case]:
    """The rendered dumps of a part of the split (deterministic order and renderings)."""
    if not CORPORA.is_dir():
        raise FileNotFoundError(f"the corpora are missing ({CORPORA})")
    out: list[Case] = []
    for corpus in corpora:
        for count, (item, html, gold, without, title, date) in enumerate(_pages(corpus, part)):
            if limit and count >= limit:
                break
            key = f"{corpus}/{item}"
            for name, wrapped in RENDERINGS:
                lines = render.render(html, name)
                suffix = ""
                if wrapped:
                    width = render.wrap_width(key)
                    lines = [text for text, _ in render.wrap_lines(lines, width)]
                    suffix = f"-w{width}"
                text = "\n".join(lines)
                if text.strip():
                    rendering = name + ("-wrapped" if wrapped else "")
                    out.append(
                        Case(
                            f"{key}/{name}{suffix}",
                            *(corpus, rendering, text, gold, without, title, date),
                        )
                    )
    return out


def evaluate(clean: Callable[[str], HasBody], dumps: list[Case]) -> dict[str, Score]:
    """Score a cleaner on rendered dumps: per corpus, ``"all"``, and per rendering
    (``"inscriptis"``, ``"inscriptis-wrapped"``, ``"browser-wrapped"``: the same pages, so a
    wrapped rendering compares with its unwrapped one). A dump the cleaner fails on counts as
    an empty body (and an error)."""
    names = [
        *dict.fromkeys(case.corpus for case in dumps),
        "all",
        *dict.fromkeys(case.rendering for case in dumps),
    ]
    scores: dict[str, Score] = {name: Score() for name in names}
    for case in dumps:
        started = time.perf_counter()
        try:
            article = clean(case.text)
            body, title = article.body or "", getattr(article, "title", None)
            date = getattr(article, "date", None)
            failed = False
        except Exception:  # a failing cleaner is scored, not fatal
            body, title, date, failed = "", None, None, True
        spent = time.perf_counter() - started
        precision, recall, f1 = prf(body, case.gold_body)
        rendered, kept = _squash(case.text), _squash(body)
        present = [s for s in map(_squash, case.without) if s and s in rendered]
        for key in (case.corpus, "all", case.rendering):
            score = scores[key]
            score.dumps += 1
            score.precision += precision
            score.recall += recall
            score.f1 += f1
            score.errors += failed
            score.seconds += spent
            score.without_total += len(present)
            score.without_left += sum(s in kept for s in present)
            score.first += starts_story(body, case.gold_body)
            if case.gold_title:
                score.titled += 1
                score.title += title_right(title, case.gold_title)
            if case.gold_date:
                score.dated += 1
                score.date += bool(date) and str(date)[:10] == case.gold_date
                score.date_wrong += bool(date) and str(date)[:10] != case.gold_date
    for score in scores.values():
        if score.dumps:
            score.precision /= score.dumps
            score.recall /= score.dumps
            score.f1 /= score.dumps
    return scores


def print_scores(name: str, scores: dict[str, Score]) -> None:
    """One line per corpus: dumps, P, R, F1, without left, first, title, date (right and
    wrong), docs/s."""
    for corpus, score in scores.items():
        share = score.without_share
        left = f"{share:6.1%}" if share is not None else "     -"
        rate = score.dumps / score.seconds if score.seconds else 0.0
        first = score.first / score.dumps if score.dumps else 0.0
        title = score.title / score.titled if score.titled else 0.0
        date = score.date / score.dated if score.dated else 0.0
        wrong = score.date_wrong / score.dated if score.dated else 0.0
        print(
            f"{name:24s} {corpus:18s} {score.dumps:5d} {score.precision:6.3f} "
            f"{score.recall:6.3f} {score.f1:6.3f} {left:>8s} {first:6.3f} {title:6.3f} "
            f"{date:6.3f} {wrong:6.3f} {rate:8.1f}  errors {score.errors}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m training.rendered_eval", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--part", choices=("val", "train"), default="val")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages a corpus")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    try:
        dumps = cases(args.part, limit=args.limit)
    except FileNotFoundError as error:
        print(f"training.rendered_eval: {error}; nothing measured", file=sys.stderr)
        return 1
    from cleaner import Cleaner

    cleaner = Cleaner()
    systems: dict[str, Callable[[str], HasBody]] = {
        "cleaner (text path)": lambda text: cleaner.clean(text, kind="text"),
        "dump as is": lambda text: _Whole(text),
    }
    renderings = ", ".join(f"{n}{' wrapped' if w else ''}" for n, w in RENDERINGS)
    print(f"rendered pages ({args.part} part, {renderings}): body word-bag scores")
    print(
        f"{'system':24s} {'corpus/rendering':18s} {'dumps':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} "
        f"{'without':>8s} {'first':>6s} {'title':>6s} {'date':>6s} {'wrong':>6s} {'docs/s':>8s}"
    )
    figures = {}
    for name, system in systems.items():
        scores = evaluate(system, dumps)
        print_scores(name, scores)
        figures[name] = {k: v.as_dict() for k, v in scores.items()}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=1)
    return 0


@dataclass
class _Whole:
    """The dump itself as the body: the floor every cleaner should beat on precision."""

    body: str


if __name__ == "__main__":
    raise SystemExit(main())
