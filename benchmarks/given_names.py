"""Build ``cleaner/given_names.txt``: the given names of the tuning part's gold authors.

For every page of the tuning part (``training/split.json``, ``train``) of the four HTML
corpora (trafilatura-dev, readability-dev, wcxb-dev, fundus-dev), each gold author that the
cleaner's person test reads as a person gives its given name (``cleaner.fields.given_name``:
the first word after a title or particle, not an initial, case-folded: 'Dr. Jane E. Roe' ->
'jane'); a word the same part's gold bodies print in lower case more often than capitalised is
left out (a brand's 'Your Native Teacher', 'Help …'); the list is the rest, sorted, one a
line. The validation part is never read. Deterministic: the same corpora and split give the
same bytes. Run from the repository root::

    .venv/bin/python benchmarks/given_names.py [--out cleaner/given_names.txt] [--check]

With ``--check`` it writes nothing and exits 1 when the shipped list differs from a rebuild.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import html_corpora as corpora
import regex

from cleaner.fields import authors_from_byline, given_name

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "cleaner" / "given_names.txt"
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’-]*")


def common_words(pages: list[corpora.Page]) -> set[str]:
    """The words the pages' gold bodies print in lower case more often than capitalised
    ('your', 'help', 'computer'), case-folded: words, not names."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for page in pages:
        for word in _WORD.findall(page.gold.body or ""):
            (lower if word[0].islower() else upper)[word.casefold()] += 1
    return {word for word, count in lower.items() if count > upper[word]}


def build(corpora_dir: Path) -> list[str]:
    """The sorted given names of the tuning part's gold authors of the four corpora."""
    parts = corpora.load_parts(corpora_dir, corpora.SPLIT, "train")
    common = common_words([page for pages in parts.values() for page in pages])
    names: set[str] = set()
    for pages in parts.values():
        for page in pages:
            for gold in page.gold.authors or ():
                for person in authors_from_byline(gold):
                    given = given_name(person)
                    if given:
                        names.add(given)
    return sorted(names - common)


def main(argv: list[str] | None = None) -> int:
    """Build the list, write it (or compare it with the shipped one)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=corpora.DEFAULT_CORPORA)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    try:
        text = "".join(f"{name}\n" for name in build(args.corpora))
    except corpora.CorpusMissing as exc:
        print(f"given_names: {exc}; nothing built.")
        return 0
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"given_names: {args.out} {'matches' if same else 'differs from'} a rebuild")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"given_names: {text.count(chr(10))} names -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
