"""Where each built-in rule fires: on the fixtures, and on the tuning (train) part of the
development corpora: each page as found, and its text renderings in ``training/data`` when
``python -m training.build_data`` has written them (a rule of the text path may fire on a
rendering of a page whose HTML path never shows it the line). Prints, per rule, how many
fixtures and corpus pages it fires on, and the rules that fire nowhere; checks the corpus ids
rules list in ``seen_in``; ``--write`` fills each rule's ``seen_in`` (up to ``--fixtures-max``
fixtures and ``--corpus-max`` corpus pages).

Usage::

    python benchmarks/rule_evidence.py [--write] [--no-corpora] [--limit N]

Reads ``../shared/corpora`` and ``training/split.json`` (only ``train`` items: tuning data);
without the corpora it says so and uses the fixtures alone. Corpus ids are
``<corpus>/<item>`` (``aggregators-dev/002-daily8-…``, ``trafilatura-dev/<file>``,
``syndication-dev/<group>/<member>``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from cleaner.engine import load_rules
from cleaner.engine.loader import RuleSet
from cleaner.evidence import fired, fired_on_fixtures
from cleaner.fixtures import discover

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
SPLIT = ROOT / "training" / "split.json"
DUMPS = ROOT / "training" / "data"


def corpus_pages(limit: int | None) -> Iterator[tuple[str, bytes, str, str | None]]:
    """``(corpus id, page bytes, kind, url)`` for every train item of the corpora, then for
    every train dump of ``training/data`` (its id the item's: ``wcxb-dev/0034``)."""
    split = json.loads(SPLIT.read_text(encoding="utf-8"))

    def train(corpus: str) -> list[str]:
        items = split.get(corpus, {})
        keys = sorted(k for k, v in items.items() if v["part"] == "train")
        return keys[:limit] if limit else keys

    def read(*parts: str) -> bytes:
        return CORPORA.joinpath(*parts).read_bytes()

    for item in train("aggregators-dev"):
        yield f"aggregators-dev/{item}", read("aggregators-dev", item, "input.txt"), "text", None
    for item in train("syndication-dev"):
        if item.startswith("unrelated/"):
            continue
        for member in sorted((CORPORA / "syndication-dev" / item).glob("m*.txt")):
            yield f"syndication-dev/{item}/{member.stem}", member.read_bytes(), "text", None
    for item in train("readability-dev"):
        yield f"readability-dev/{item}", read("readability-dev", item, "source.html"), "html", None
    for item in train("fundus-dev"):
        yield f"fundus-dev/{item}", read("fundus-dev", item, "page.html"), "html", None
    evaldata = json.loads((CORPORA / "trafilatura-dev" / "evaldata.json").read_text("utf-8"))
    for item in train("trafilatura-dev"):
        name = evaldata[item]["file"]
        yield f"trafilatura-dev/{name}", read("trafilatura-dev", "pages", name), "html", None
    for item in train("wcxb-dev"):
        data = gzip.decompress((CORPORA / "wcxb-dev" / "html" / f"{item}.html.gz").read_bytes())
        yield f"wcxb-dev/{item}", data, "html", None
    yield from training_dumps(limit)


def training_dumps(limit: int | None) -> Iterator[tuple[str, bytes, str, str | None]]:
    """The train dumps of ``training/data`` (none when it is not built), under their item's
    id, with the page's URL when the gold has one."""
    for path in sorted(DUMPS.glob("*.jsonl")):
        items: set[str] = set()
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                dump = json.loads(line)
                if dump["part"] != "train":
                    continue
                items.add(dump["item"])
                if limit and len(items) > limit:
                    break
                page_id = f"{dump['corpus']}/{dump['item']}"
                yield page_id, dump["text"].encode("utf-8"), "text", dump["gold"].get("url")


def write_seen_in(rules: RuleSet, seen: dict[str, list[str]]) -> int:
    """Set each rule's ``seen_in = [...]`` line in its file; returns the files changed."""
    changed = 0
    for path in sorted({Path(rule.path) for rule in rules.rules}):
        text = path.read_text(encoding="utf-8")
        new = text
        for rule in rules.rules:
            if Path(rule.path) != path:
                continue
            entries = seen.get(rule.id, [])
            new = _set_seen_in(new, rule.id, entries)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed


def _set_seen_in(text: str, rule_id: str, entries: list[str]) -> str:
    start = text.index(f'id = "{rule_id}"')
    end = text.index("\n[", start)  # the rule's first sub-table ([rule.match])
    head = text[start:end]
    line = f"seen_in = {json.dumps(entries, ensure_ascii=False)}" if entries else ""
    if re.search(r"^seen_in = \[", head, re.M):
        head = re.sub(r"^seen_in = \[[^\]]*\]\n?", line + "\n" if line else "", head, flags=re.M)
    elif line:
        head = head + "\n" + line
    return text[:start] + head + text[end:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="fill seen_in in the rule files")
    parser.add_argument("--no-corpora", action="store_true", help="the fixtures alone")
    parser.add_argument("--limit", type=int, default=None, help="train items per corpus")
    parser.add_argument("--fixtures-max", type=int, default=5)
    parser.add_argument("--corpus-max", type=int, default=3)
    args = parser.parse_args()
    rules = load_rules()
    on_fixtures = fired_on_fixtures(rules, discover([ROOT / "fixtures"]))
    on_corpus: dict[str, frozenset[str]] = {}
    if not args.no_corpora:
        if not CORPORA.is_dir():
            print(f"rule_evidence: no corpora at {CORPORA}; the fixtures alone", file=sys.stderr)
        else:
            if not DUMPS.is_dir():
                print(f"rule_evidence: no {DUMPS} (python -m training.build_data)", file=sys.stderr)
            for n, (page_id, data, kind, url) in enumerate(corpus_pages(args.limit), 1):
                try:
                    found = fired(rules, data, url=url, kind=kind, name=page_id)  # type: ignore[arg-type]
                    on_corpus[page_id] = on_corpus.get(page_id, frozenset()) | found
                except Exception as exc:  # an unreadable page counts as firing nothing
                    print(f"rule_evidence: {page_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
                if n % 100 == 0:
                    print(f"  {n} corpus pages", file=sys.stderr)
    seen: dict[str, list[str]] = {}
    nowhere = []
    print(f"{'rule':34s} fixtures  corpus(train, {len(on_corpus)} pages)")
    for rule in rules.rules:
        fixtures = sorted(name for name, ids in on_fixtures.items() if rule.id in ids)
        corpus = sorted(page for page, ids in on_corpus.items() if rule.id in ids)
        print(f"{rule.id:34s} {len(fixtures):8d}  {len(corpus):6d}")
        if not on_corpus:  # no corpora here: keep the corpus ids written before
            corpus = [entry for entry in rule.seen_in if entry not in on_fixtures]
        seen[rule.id] = fixtures[: args.fixtures_max] + corpus[: args.corpus_max]
        if not fixtures and not corpus:
            nowhere.append(rule.id)
        for entry in rule.seen_in:
            if entry in on_corpus and rule.id not in on_corpus[entry]:
                print(f"  seen_in {entry!r}: {rule.id} does not fire there")
    idle = [r.id for r in rules.rules if not any(r.id in ids for ids in on_fixtures.values())]
    print(f"\n{len(idle)} of {len(rules.rules)} rules fire on no fixture: {', '.join(idle)}")
    print(f"{len(nowhere)} fire on no fixture and no train corpus page: {', '.join(nowhere)}")
    if args.write:
        print(f"seen_in written in {write_seen_in(rules, seen)} rule files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
