"""Accuracy of the text path on real pages rendered to text, as a text browser would.

Usage: python benchmarks/bench_text_corpus.py [--limit N] [--why]

Reads ../shared/corpora/trafilatura-dev (not shipped with the project: the script says so and
stops when it is missing), renders each page to plain text with inscriptis, cleans that text,
and checks the corpus's snippets: `with` snippets must survive (in the body or a field),
`without` snippets must be out of the body. Only snippets present in the rendered text count.
--why lists the rule that took each lost snippet.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from cleaner import Cleaner

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "trafilatura-dev"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip().lower()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--why", action="store_true", help="name the rule behind each loss")
    args = parser.parse_args()
    if not (CORPUS / "evaldata.json").exists():
        print(f"corpus not found at {CORPUS}: this benchmark needs ../shared/corpora")
        return 0
    try:
        from inscriptis import get_text
    except ImportError:
        print("inscriptis is not installed: pip install '.[bench]'")
        return 0
    entries = list(json.loads((CORPUS / "evaldata.json").read_text(encoding="utf-8")).values())
    entries = entries[: args.limit] if args.limit else entries
    cleaner = Cleaner(explain=args.why)
    kept = with_total = removed = without_total = 0
    losses: Counter[str] = Counter()
    for entry in entries:
        html = (CORPUS / "pages" / entry["file"]).read_bytes().decode("utf-8", "replace")
        text = get_text(html)
        article = cleaner.clean(text, kind="text")
        body = norm(article.body)
        fields = norm(
            " ".join(
                [
                    article.body,
                    article.title or "",
                    article.byline or "",
                    *article.captions,
                    *article.credits,
                    article.copyright or "",
                ]
            )
        )
        rendered = norm(text)
        for snippet in map(norm, entry.get("with", [])):
            if snippet in rendered:
                with_total += 1
                if snippet in fields:
                    kept += 1
                elif args.why:
                    rules = [r.rule for r in article.removed or () if snippet[:40] in norm(r.text)]
                    losses.update(rules[:1] or ["(not found)"])
                    print(f"lost  {entry['file'][:50]:50s} {rules[:1]} {snippet[:60]!r}")
        for snippet in map(norm, entry.get("without", [])):
            if snippet in rendered:
                without_total += 1
                removed += snippet not in body
    print(f"text path on {len(entries)} pages of trafilatura-dev rendered by inscriptis:")
    kept_share, removed_share = kept / max(with_total, 1), removed / max(without_total, 1)
    print(f"  'with' snippets kept:        {kept}/{with_total} = {kept_share:.3f}")
    print(f"  'without' snippets removed:  {removed}/{without_total} = {removed_share:.3f}")
    if args.why:
        print("  losses by rule:", dict(losses.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
