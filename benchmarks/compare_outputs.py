"""Before/after check for changes that must not change any output (speed work, refactors).

Usage:
    python benchmarks/compare_outputs.py --write before.jsonl   # on the old code
    python benchmarks/compare_outputs.py --check before.jsonl   # on the new code
    python benchmarks/compare_outputs.py --disable model --write …  # the hand-set passes

Cleans, with explanation on, every fixture (text and HTML), every aggregators-dev and
syndication-dev dump, 200 trafilatura-dev pages rendered to text by inscriptis (60 of them also
hard-wrapped at 72 columns) and 60 of them as HTML, and writes one JSON object a line (the
Article, ``removed`` included) or compares with such a file: it lists every input whose output
differs, with the first differing field. Exit 1 on any difference. The corpora come from
``../shared/corpora``; without them only the fixtures are compared (it says so).
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

from cleaner import Cleaner, InputError

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
#: How many trafilatura-dev pages are rendered to text, wrapped, and kept as HTML.
RENDERED, WRAPPED, AS_HTML = 200, 60, 60

Input = tuple[str, bytes | str, str, str | None]  # id, data, kind, url


def fixture_inputs() -> Iterator[Input]:
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.suffix not in (".txt", ".html"):
            continue
        url_file = path.with_suffix(".url")
        url = url_file.read_text(encoding="utf-8").strip() if url_file.exists() else None
        kind = "html" if path.suffix == ".html" else "text"
        yield f"fixtures/{path.relative_to(ROOT / 'fixtures')}", path.read_bytes(), kind, url


def corpus_inputs() -> Iterator[Input]:
    for path in sorted((CORPORA / "aggregators-dev").glob("*/input.txt")):
        yield f"aggregators-dev/{path.parent.name}", path.read_bytes(), "text", None
    for path in sorted((CORPORA / "syndication-dev").rglob("*.txt")):
        yield (
            f"syndication-dev/{path.relative_to(CORPORA / 'syndication-dev')}",
            (path.read_bytes()),
            "text",
            None,
        )
    evaldata = CORPORA / "trafilatura-dev" / "evaldata.json"
    if not evaldata.exists():
        return
    from inscriptis import get_text

    entries = sorted(json.loads(evaldata.read_text(encoding="utf-8")).items())[:RENDERED]
    for n, (url, entry) in enumerate(entries):
        html = (CORPORA / "trafilatura-dev" / "pages" / entry["file"]).read_bytes()
        text = get_text(html.decode("utf-8", "replace"))
        yield f"trafilatura-dev/{entry['file']}/inscriptis", text, "text", None
        if n < WRAPPED:
            wrapped = "\n".join(
                "\n".join(textwrap.wrap(line, 72)) if line.strip() else ""
                for line in text.splitlines()
            )
            yield f"trafilatura-dev/{entry['file']}/inscriptis-w72", wrapped, "text", None
        if n < AS_HTML:
            yield f"trafilatura-dev/{entry['file']}/html", html, "html", url


def outputs(disable: list[str]) -> Iterator[tuple[str, dict[str, object]]]:
    cleaner = Cleaner(explain=True, disable=disable)
    sources = [fixture_inputs()]
    if CORPORA.is_dir():
        sources.append(corpus_inputs())
    else:
        print(f"corpora not found at {CORPORA}: comparing the fixtures only", file=sys.stderr)
    for source in sources:
        for name, data, kind, url in source:
            try:
                article = cleaner.clean(data, kind=kind, url=url, name=name)  # type: ignore[arg-type]
            except InputError as exc:
                yield name, {"error": str(exc)}
                continue
            yield name, article.to_dict()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, help="write the outputs to this file")
    group.add_argument("--check", type=Path, help="compare the outputs with this file")
    parser.add_argument(
        "--disable", action="append", default=[], help="a rule or pass to leave out (repeatable)"
    )
    args = parser.parse_args()
    if args.write:
        with args.write.open("w", encoding="utf-8") as out:
            count = 0
            for name, data in outputs(args.disable):
                out.write(json.dumps({"id": name, "out": data}, ensure_ascii=False) + "\n")
                count += 1
        print(f"wrote {count} outputs to {args.write}")
        return 0
    before = {}
    for line in args.check.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        before[record["id"]] = record["out"]
    differ = same = 0
    for name, data in outputs(args.disable):
        old = before.pop(name, None)
        if old == data:
            same += 1
            continue
        differ += 1
        if old is None:
            print(f"NEW    {name}")
            continue
        fields = [k for k in dict.fromkeys([*old, *data]) if old.get(k) != data.get(k)]
        print(f"DIFFER {name}: {', '.join(fields)}")
        for key in fields[:2]:
            print(f"    before {key}: {json.dumps(old.get(key), ensure_ascii=False)[:300]}")
            print(f"    after  {key}: {json.dumps(data.get(key), ensure_ascii=False)[:300]}")
    for name in before:
        differ += 1
        print(f"GONE   {name}")
    print(f"{same} identical, {differ} different")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
