"""The chrome the text path leaves in the body, by where it stands and what it is (issue 7's leak).

```sh
.venv/bin/python -m training.leak_kinds --models /tmp/folds [--rendered 300] [--show]
.venv/bin/python -m training.leak_kinds --part val       # counts only, no text printed
.venv/bin/python -m training.leak_kinds --cases-dir DIR [--show]   # any case folders
.venv/bin/python -m training.leak_kinds --cases-dir syndication    # syndication-dev's labels
```

Aggregator cases: each leaked chrome string (the scorer's `leak`) is found among the page's
blocks and classed by its place against the story's run (the blocks of `body_first` down to
the last `body_must` snippet): `above`, `inside`, `next` (within three blocks after the run),
`far` (further down); by its shape (:func:`shape`: a menu or label line, a teaser or headline
line, a story-shaped paragraph, a footer, a social row, a comment prompt, a related heading,
an ad label, a byline or date line); and by what kept it (the model's label and its
probability that the block is no story, or `clean-story` when the model was not asked).
Rendered dumps (`training/data`, the renderings of `training.rendered_eval`): the lines
labelled `chrome` or `teaser` of three words or more that the body holds, by the same classes
(place against the run of lines labelled story). Counts are given with the number of sites.

The same cases give the first-line misses (the body does not open with ``body_first``:
:func:`first_miss`, how — glued to a prefix on its line, below other paragraphs, dropped — and
what stands first instead) and the route misses (a caption, credit or copyright snippet left
in the body, put in another field or dropped: :func:`route_misses`).

``--cases-dir DIR`` studies case folders as the aggregator scorer reads them (``input.txt``,
``labels.json``, ``source.json``; cleaned as the CLI cleans them, HTML told apart) instead of
aggregators-dev's part; a folder's site is its ``source.json`` URL's, else the syndication-dev
text of its name's (``002-ap-x_m2``, ``unrelated_004_a``). A case on a validation site (of
any corpus, or a syndication-dev validation group's text) is counted but never shown.
``--cases-dir syndication`` reads syndication-dev's hand labels through
:mod:`training.syndication_labels` (the refused ones left out).

On the train part `--models DIR` (with `fold0.crfsuite` and `fold1.crfsuite`, trained on the
folds of `training.tune`) cleans each page with the model that had not seen its site; without
it the shipped model cleans (it has seen every train site). The validation part is scored
with the shipped model and prints counts only (`--show` is refused there).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cleaner.pipeline as pipeline
from cleaner import Cleaner
from cleaner.blocks import ends_sentence, is_story_paragraph
from cleaner.decode import Kind
from cleaner.passes.headline import KEEP
from cleaner.passes.story import StoryModel
from training import rendered_eval, syndication_labels, tune
from training.corpora import aggregator_scorer, load_split

DATA = Path(__file__).resolve().parent / "data"

#: Shapes by words, tried in order (the first that matches names the kind).
_SHAPES = (
    ("ad label", r"\b(advertisement|advertising|sponsored|anzeige|werbung|publicit[ée])\b"),
    (
        "social row",
        r"\b(share|facebook|twitter|whatsapp|linkedin|pinterest|telegram|follow us|e-?mail)\b",
    ),
    ("comment prompt", r"\b(comments?|reply|log ?in|sign ?in|join the discussion)\b"),
    (
        "related heading",
        r"\b(related|read more|read next|also read|see also|more (from|stories|news)|"
        r"recommended|popular|trending|you (may|might) also|up next|watch)\b",
    ),
    (
        "footer",
        r"(©|\bcopyright\b|\bprivacy\b|\bterms\b|\bcontact\b|\babout us\b|all rights|"
        r"\bcookies?\b|\bnewsletter\b|\bsubscribe\b|\bdonat)",
    ),
    (
        "byline or date",
        r"(^by\s|\b(published|updated|posted)\b|\b\d{1,2}:\d{2}\b|"
        r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b)",
    ),
)


def shape(text: str) -> str:
    """What a leaked string's block looks like: a kind named by its words, else by its shape."""
    low = text.casefold()
    for name, pattern in _SHAPES:
        if re.search(pattern, low):
            return name
    words = text.count(" ") + 1
    if is_story_paragraph(text) or (words >= 8 and ends_sentence(text)):
        return "paragraph"
    if words >= 3 and not ends_sentence(text):
        return "teaser or headline line"
    if words < 3:
        return "menu or label line"
    return "short sentence"


def place(index: int, first: int | None, last: int | None) -> str:
    """Where block (or line) ``index`` stands against the story's run ``first``..``last``."""
    if first is None or last is None:
        return "?"
    if index < first:
        return "above"
    if index <= last:
        return "inside"
    return "next" if index - last <= 3 else "far"


class Capture:
    """Records what the story model said of the last page decided (blocks, labels, not-story
    probabilities): :func:`cleaner.pipeline.decide` wrapped."""

    def __init__(self) -> None:
        self.page: dict[str, Any] = {}
        original = getattr(pipeline, "decide")  # noqa: B009

        def wrapped(model: StoryModel, blocks: Any, kept: Any, outcome: Any, **kw: Any) -> Any:
            labels = model.label(blocks, outcome)
            self.page = {
                "blocks": [b.text for b in blocks],
                "lines": [b.lines for b in blocks],
                "labels": labels,
                "notstory": [
                    1 - sum(model.marginal(label, i) for label in KEEP) for i in range(len(blocks))
                ],
            }
            return original(model, blocks, kept, outcome, **kw)

        setattr(pipeline, "decide", wrapped)  # noqa: B010 (the pipeline calls it by this name)

    def clean(self, cleaner: Cleaner, text: str) -> tuple[str, dict[str, Any]]:
        """The body of ``text`` cleaned, and what the model said (empty: not asked)."""
        article, page = self.article(cleaner, text, "text")
        return article["body"] or "", page

    def article(
        self, cleaner: Cleaner, text: str, kind: Kind | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The Article of ``text`` as the CLI's JSON (``kind`` None: told apart as the CLI
        does, so a case holding HTML is cleaned as HTML), and what the model said."""
        self.page = {}
        article = cleaner.clean(text, kind=kind).to_dict()
        return article, self.page


def cleaners(models: Path | None) -> dict[int, Cleaner]:
    """The cleaner of each fold (the same shipped one without ``models``)."""
    out = {}
    for fold in (0, 1):
        c = Cleaner()
        if models is not None:
            c.story = StoryModel(c.rules, models / f"fold{fold}.crfsuite")
        out[fold] = c
    return out


def decider(page: dict[str, Any], index: int | None) -> str:
    """What kept a block: the model's label for it (story, or another label it was not sure
    enough of), or `clean-story` when the model was not asked."""
    if not page:
        return "clean-story"
    if index is None:
        return "?"
    label = page["labels"][index]
    return f"model {label}" if label in KEEP else "held (margin)"


@dataclass
class Case:
    """One aggregator-schema case: a text, its labels and its site (``shown`` False: a case on
    a validation site, whose text and strings are never printed)."""

    name: str
    site: str
    text: str
    gold: dict[str, Any]
    shown: bool = True


def aggregator_cases(part: str) -> list[Case]:
    """aggregators-dev's cases of a part (the validation part's never shown)."""
    if not tune.CASES.is_dir():
        raise FileNotFoundError(f"the aggregator cases are missing ({tune.CASES})")
    out = []
    for name, entry in sorted(load_split()["aggregators-dev"].items()):
        if entry["part"] == part:
            folder = tune.CASES / name
            gold = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
            text = (folder / "input.txt").read_text(encoding="utf-8")
            out.append(Case(name, entry["site"], text, gold, part == "train"))
    return out


def site_of(folder: Path, domain: Callable[[str], str]) -> str:
    """A case folder's site: the domain of ``source.json``'s URL; else, for a folder named
    after a syndication-dev text (``002-ap-x_m2``, ``unrelated_004_a``), that text's URL;
    else the folder's name."""
    source = folder / "source.json"
    if source.is_file():
        url = json.loads(source.read_text(encoding="utf-8")).get("url")
        if url:
            return domain(str(url))
    item = re.sub(r"^unrelated_(\d+)_([ab])$", r"unrelated/\1/\2", folder.name)
    item = re.sub(r"_(m\d+)$", r"/\1", item)
    if "/" in item:
        url = syndication_labels.url_of(syndication_labels.TEXTS, item)
        if url:
            return domain(url)
    return folder.name


def folder_cases(root: Path) -> list[Case]:
    """The case folders under ``root`` (``input.txt``, ``labels.json``, ``source.json``, as the
    aggregator scorer reads them); a case on a validation site (of any corpus, or of a
    syndication-dev validation group's text) is scored but never shown."""
    domain = syndication_labels.registered_domain
    val = syndication_labels.all_validation_sites(load_split(), syndication_labels.TEXTS, domain)
    out = []
    for folder in sorted(p for p in root.iterdir() if (p / "labels.json").is_file()):
        site = site_of(folder, domain)
        gold = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        text = (folder / "input.txt").read_text(encoding="utf-8")
        out.append(Case(folder.name, site, text, gold, site not in val))
    return out


def syndication_cases() -> list[Case]:
    """syndication-dev's hand-labelled train texts as :mod:`training.syndication_labels` reads
    them (a refused label said on stderr and left out)."""
    return [
        Case(found.item, found.site, found.text, found.labels)
        for found in syndication_labels.labelled_texts(load_split())
    ]


#: What opens a dateline: a place or date and an agency mark (``Bangkok, Mar 28 (AP)``,
#: ``(TNS)``, ``SILVER SPRING, Md., March 4, 2025 /PRNewswire/ --``, ``LONDON —``,
#: ``Magdeburg:``, ``THURSDAY, March 6, 2025 --``).
_OPENER = re.compile(r"^\s*\(?[A-Z][\w .,'/-]{0,60}(\([A-Z][\w .-]{0,20}\)|/[\w .-]+/)")
_OPENER_END = re.compile(r"(\([\w .-]{2,20}\)|/[\w .-]+/|[-\u2013\u2014:])\s*$")


def top_kind(text: str, gold: dict[str, Any], loose: Callable[[str], str]) -> str:
    """What a piece of body (a paragraph, or what stands before ``body_first`` on its line)
    is, the first that fits: the headline, the stored copies' date stamp, a dateline (twelve
    words at most opening with the labels' dateline place or agency), a caption or credit of the
    labels, a chrome string of the labels (by its shape), a dateline or date opener by its
    shape (twelve words at most), else its shape (a paragraph above the first line: a
    standfirst or a story paragraph)."""
    key = loose(text)
    if not key:
        return "nothing"
    title = loose(gold.get("title") or "")
    if title and (key == title or (title in key and len(key) < 2 * len(title))):
        return "headline"
    if re.match(r"^\s*date \d{4}-\d{2}-\d{2}", text):
        return "stored date stamp"
    dateline = gold.get("dateline") or {}
    marks = [loose(dateline.get(k) or "") for k in ("place", "agency")]
    short = len(text.split()) <= 12
    if short and any(m and key.casefold().startswith(m.casefold()) for m in marks):
        return "dateline or date opener"
    for snippet in [*gold["captions"], *gold["credits"]]:
        other = loose(snippet)
        if other and (other in key or (len(key) >= 20 and key in other)):
            return "caption or credit"
    if any(loose(c) and loose(c) in key for c in gold["chrome"]):
        return f"chrome: {shape(text)}"
    if short and (_OPENER.match(text) or _OPENER_END.search(text)):
        return "dateline or date opener"
    kind = shape(text)
    return "standfirst or story paragraph" if kind == "paragraph" else kind


def first_miss(body: str, gold: dict[str, Any], text: str, scorer: Any) -> dict[str, str]:
    """Why the body does not open with ``body_first``: ``how`` (``empty body``, ``glued`` —
    something before it on its line —, ``below`` — paragraphs above it —, ``dropped`` — the
    body lacks it and opens above or below where it stands in the input), ``top``, what
    stands first (:func:`top_kind` of the glued prefix or of the first paragraph), and
    ``text``, that prefix or paragraph's start."""
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    if not paragraphs:
        return {"how": "empty body", "top": "nothing", "text": ""}
    want = scorer.loose(gold["body_first"])
    keys = [scorer.loose(p) for p in paragraphs]
    at = next((i for i, k in enumerate(keys) if want in k), None)
    if at == 0:
        # the prefix before body_first on the first paragraph, in the paragraph's own words
        head = keys[0][: keys[0].index(want)]
        prefix, n = "", 0
        for char in paragraphs[0]:
            if n >= len(head):
                break
            prefix += char
            n += not char.isspace()
        return {"how": "glued", "top": top_kind(prefix, gold, scorer.loose), "text": prefix}
    top = top_kind(paragraphs[0], gold, scorer.loose)
    if at is not None:
        return {"how": "below", "top": top, "text": paragraphs[0][:80]}
    where = scorer.loose(text).find(keys[0][:60])
    first_at = scorer.loose(text).find(want)
    side = "?" if where < 0 or first_at < 0 else ("above" if where < first_at else "below")
    if side == "below":
        top = "story paragraph (start lost)"
    return {"how": f"dropped, opens {side}", "top": top, "text": paragraphs[0][:80]}


def route_misses(article: dict[str, Any], gold: dict[str, Any], scorer: Any) -> list[str]:
    """Each caption, credit or copyright snippet the scorer counts misrouted, as
    ``field: fate`` (``in body``, ``in body and field``, ``in FIELD`` — another field —,
    ``dropped``)."""
    body = article.get("body") or ""
    fields = {
        name: " \n ".join(scorer._as_list(article.get(name)))
        for name in ("captions", "credits", "copyright")
    }
    wanted = [
        ("captions", gold["captions"]),
        ("credits", gold["credits"]),
        ("copyright", [gold["copyright"]] if gold.get("copyright") else []),
    ]
    out = []
    for name, snippets in wanted:
        for snippet in snippets:
            in_field = scorer.found(snippet, fields[name])
            in_body = scorer.norm(snippet) in scorer.norm(body) or scorer.qnorm(
                snippet
            ) in scorer.qnorm(body)
            if in_field and not in_body:
                continue
            other = [f for f, t in fields.items() if f != name and scorer.found(snippet, t)]
            if in_body:
                fate = "in body and field" if in_field else "in body"
            else:
                fate = f"in {other[0]}" if other else "dropped"
            out.append(f"{name}: {fate}")
    return out


def study(
    cases: list[Case], models: Path | None, capture: Capture, label: str
) -> dict[str, list[dict[str, Any]]]:
    """One record per leaked chrome string (``leaks``), per case whose body does not open
    with ``body_first`` (``firsts``) and per misrouted snippet (``routes``) of ``cases``; the
    scorer's summary printed under ``label``."""
    scorer = aggregator_scorer()
    if scorer is None:
        raise FileNotFoundError("the aggregator scorer is missing")
    by_fold = cleaners(models)
    leaks: list[dict[str, Any]] = []
    firsts: list[dict[str, Any]] = []
    routes: list[dict[str, Any]] = []
    results = {}
    for case in cases:
        article, page = capture.article(by_fold[tune.fold_of(case.site, 2)], case.text)
        gold = case.gold
        body = article["body"] or ""
        result = scorer.score_case(gold, article)
        results[case.name] = result
        blocks = page.get("blocks") or [p for p in re.split(r"\n\s*\n", body) if p.strip()]

        def block_of(snippet: str, blocks: list[str] = blocks) -> int | None:
            key = scorer.loose(snippet)
            return next((i for i, b in enumerate(blocks) if key in scorer.loose(b)), None)

        first = block_of(gold["body_first"])
        must = [i for i in map(block_of, gold["body_must"]) if i is not None]
        last = max([*must, *([first] if first is not None else [])], default=None)
        common = {"case": case.name, "site": case.site, "shown": case.shown}
        for string in result["leaked"]:
            index = block_of(string)
            block = blocks[index] if index is not None else string
            notstory = page["notstory"][index] if page and index is not None else None
            leaks.append(
                {
                    **common,
                    "string": string,
                    "place": place(index, first, last) if index is not None else "?",
                    "shape": "stored date stamp"
                    if re.match(r"^\s*date \d{4}-\d{2}-\d{2}\s*$", string)
                    else shape(block),
                    "decider": decider(page, index),
                    "notstory": notstory,
                }
            )
        if not result["first"]:
            firsts.append({**common, **first_miss(body, gold, case.text, scorer)})
        for miss in route_misses(article, gold, scorer):
            field, fate = miss.split(": ", 1)
            routes.append({**common, "field": field, "fate": fate})
    summary = scorer.aggregate(results)
    print(
        f"{label}: {len(cases)} cases, overall {summary['overall']:.3f}, leak "
        f"{summary['leak']:.3f} ({len(leaks)} of "
        f"{sum(r['chrome_total'] for r in results.values())} chrome strings; macro "
        f"{summary['leak_macro']:.3f}), retention {summary['ret']:.3f}, first "
        f"{summary['first']:.3f}, title {summary['title']:.3f}, route {summary['route']:.3f} "
        f"({summary['route_items']} snippets)"
    )
    return {"leaks": leaks, "firsts": firsts, "routes": routes}


def _line_labels(part: str) -> dict[str, list[str]]:
    """Line labels of the whole rendered dumps of a part, by their text."""
    out: dict[str, list[str]] = {}
    for corpus in rendered_eval.CORPUS_NAMES:
        path = DATA / f"{corpus}.jsonl"
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run python -m training.build_data")
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if record["part"] == part and not record.get("head") and "#" not in record["id"]:
                    out[record["text"]] = record["labels"]
    return out


def rendered_leaks(
    part: str, models: Path | None, capture: Capture, limit: int
) -> list[dict[str, Any]]:
    """One record per chrome line (three words or more) left in the body of a rendered dump."""
    if limit <= 0:
        return []
    split = load_split()
    labels_of = _line_labels(part)
    by_fold = cleaners(models)
    out: list[dict[str, Any]] = []
    dumps = lines_total = 0
    for case in rendered_eval.cases(part, limit=limit):
        labels = labels_of.get(case.text)
        if labels is None:
            continue
        corpus, item = case.id.split("/")[:2]
        site = split[corpus][item]["site"]
        body, page = capture.clean(by_fold[tune.fold_of(site, 2)], case.text)
        dumps += 1
        text_lines = case.text.split("\n")
        story = [i for i, label in enumerate(labels) if label in ("body", "subhead", "standfirst")]
        first, last = (story[0], story[-1]) if story else (None, None)
        flat = " ".join(body.split())
        block_at = {}
        for n, (start, end) in enumerate(page.get("lines", [])):
            block_at.update(dict.fromkeys(range(start, end), n))
        for i, label in enumerate(labels):
            line = " ".join(text_lines[i].split())
            if label not in ("chrome", "teaser") or line.count(" ") < 2:
                continue
            lines_total += 1
            if line not in flat:
                continue
            index = block_at.get(i)
            block = page["blocks"][index] if page and index is not None else line
            out.append(
                {
                    "case": case.id,
                    "site": site,
                    "string": line,
                    "place": place(i, first, last),
                    "shape": shape(block),
                    "decider": decider(page, index),
                    "notstory": page["notstory"][index] if page and index is not None else None,
                    "words": line.count(" ") + 1,
                }
            )
    print(f"rendered {part}: {len(out)} of {lines_total} chrome lines left in {dumps} dumps")
    return out


def report(
    leaks: list[dict[str, Any]],
    *,
    words: bool = False,
    keys: tuple[str, ...] = ("place", "shape", "decider"),
) -> None:
    """The records counted by each of ``keys`` and by the first two together (leaks: place,
    shape, what kept them; sites in brackets)."""
    for key in keys:
        counts: Counter[str] = Counter()
        sites: dict[str, set[str]] = defaultdict(set)
        for leak in leaks:
            counts[leak[key]] += leak["words"] if words else 1
            sites[leak[key]].add(leak["site"])
        row = ", ".join(f"{k} {n} ({len(sites[k])})" for k, n in counts.most_common())
        print(f"  by {key}: {row}")
    pairs: Counter[tuple[str, str]] = Counter()
    sites2: dict[tuple[str, str], set[str]] = defaultdict(set)
    for leak in leaks:
        pairs[leak[keys[0]], leak[keys[1]]] += leak["words"] if words else 1
        sites2[leak[keys[0]], leak[keys[1]]].add(leak["site"])
    print(f"  by {keys[0]} and {keys[1]}:")
    for (where, what), n in pairs.most_common():
        print(f"    {where:18} {what:30} {n:4} ({len(sites2[where, what])} sites)")


def show(found: dict[str, list[dict[str, Any]]], rendered: list[dict[str, Any]]) -> None:
    """Each leak, first-line miss and route miss of the cases that may be shown."""
    for leak in [*found["leaks"], *rendered]:
        if not leak.get("shown", True):
            continue
        ns = "-" if leak["notstory"] is None else f"{leak['notstory']:.2f}"
        print(
            f"{leak['case'][:40]:40} {leak['place']:6} {leak['shape'][:14]:14} "
            f"{leak['decider'][:14]:14} {ns:>5} {leak['string'][:90]!r}"
        )
    for miss in found["firsts"]:
        if miss["shown"]:
            print(
                f"first  {miss['case'][:40]:40} {miss['how'][:12]:12} {miss['top'][:24]:24} "
                f"{miss['text'][:70]!r}"
            )
    for miss in found["routes"]:
        if miss["shown"]:
            print(f"route  {miss['case'][:40]:40} {miss['field']:10} {miss['fate']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=("train", "val"), default="train")
    parser.add_argument(
        "--cases-dir",
        help="case folders to study instead of aggregators-dev's part (input.txt, labels.json; "
        "'syndication': syndication-dev's hand-labelled train texts)",
    )
    parser.add_argument("--models", type=Path, help="fold0/fold1.crfsuite (train part)")
    parser.add_argument("--rendered", type=int, default=0, help="pages a corpus (0: none)")
    parser.add_argument("--show", action="store_true", help="print each leak (train only)")
    parser.add_argument("--json", type=Path, help="write the leaks here (train only)")
    args = parser.parse_args(argv)
    if args.part == "val" and (args.show or args.json or args.models or args.cases_dir):
        parser.error("the validation part is scored with the shipped model, counts only")
    capture = Capture()
    try:
        if args.cases_dir == "syndication":
            cases, label = syndication_cases(), "syndication-dev labels"
        elif args.cases_dir:
            cases, label = folder_cases(Path(args.cases_dir)), args.cases_dir
        else:
            cases, label = aggregator_cases(args.part), f"aggregators-dev {args.part}"
        found = study(cases, args.models, capture, label)
        hidden = sum(not case.shown for case in cases)
        if args.cases_dir and hidden:
            print(f"  ({hidden} cases on validation sites: counted, never shown)")
        report(found["leaks"])
        print(f"first-line misses: {len(found['firsts'])}")
        if found["firsts"]:
            report(found["firsts"], keys=("how", "top"))
        print(f"route misses: {len(found['routes'])}")
        if found["routes"]:
            report(found["routes"], keys=("field", "fate"))
        rendered = rendered_leaks(args.part, args.models, capture, args.rendered)
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    if rendered:
        print("  (rendered: words of the lines left)")
        report(rendered, words=True)
    if args.show:
        show(found, rendered)
    if args.json:
        shown = {k: [r for r in v if r["shown"]] for k, v in found.items()}
        args.json.write_text(
            json.dumps({"agg": shown, "rendered": rendered}, ensure_ascii=False),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
