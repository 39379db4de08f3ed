"""Write the fixed split of the development corpora into a tuning part and a validation part.

Every item of every corpus is keyed to its site (registered domain, via courlan), and a site
goes wholly to one part by a hash of its name, so the two parts share no site. The result,
``training/split.json``, is committed: benchmarks and training read it, never recompute it.

    python -m training.split            # reads ../shared/corpora, writes training/split.json

syndication-dev is split by story event (groups of one event stay together), its unrelated
same-site pairs by site. Readability's test pages carry no URL: their folder name stands for the
site (``nytimes-3`` -> ``nytimes``).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

from courlan import extract_domain

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = Path(__file__).resolve().parent / "split.json"


def part_of(site: str) -> str:
    """'train' or 'val' for a site, by the parity of its name's SHA-1 (half the sites each)."""
    digest = hashlib.sha1(site.encode("utf-8")).digest()
    return "val" if digest[0] % 2 else "train"


def domain(url: str) -> str:
    """The registered domain of a URL ('https://www.bbc.co.uk/x' -> 'bbc.co.uk')."""
    if url.startswith("hard::"):  # trafilatura's "hard::site.tld-slug.html" keys
        return url.removeprefix("hard::").split("-")[0].removesuffix(".html")
    return extract_domain(url) or url


def _items() -> dict[str, dict[str, str]]:
    sites: dict[str, dict[str, str]] = {}
    agg = {}
    for case in sorted((CORPORA / "aggregators-dev").iterdir()):
        if (case / "source.json").is_file():
            agg[case.name] = domain(json.loads((case / "source.json").read_text())["url"])
    sites["aggregators-dev"] = agg
    wcxb = {}
    for gold in sorted((CORPORA / "wcxb-dev" / "ground-truth").glob("*.json")):
        wcxb[gold.stem] = domain(json.loads(gold.read_text())["url"])
    sites["wcxb-dev"] = wcxb
    fundus = {}
    for case in sorted((CORPORA / "fundus-dev").iterdir()):
        if (case / "gold.json").is_file():
            fundus[case.name] = domain(json.loads((case / "gold.json").read_text())["url"])
    sites["fundus-dev"] = fundus
    evaldata = json.loads((CORPORA / "trafilatura-dev" / "evaldata.json").read_text())
    sites["trafilatura-dev"] = {key: domain(key) for key in sorted(evaldata)}
    sites["readability-dev"] = {
        case.name: re.sub(r"-\d+$", "", case.name)
        for case in sorted((CORPORA / "readability-dev").iterdir())
        if case.is_dir()
    }
    synd = {}
    for group in sorted((CORPORA / "syndication-dev").iterdir()):
        if (group / "group.json").is_file():
            synd[group.name] = "event:" + json.loads((group / "group.json").read_text())["event"]
    for pair in sorted((CORPORA / "syndication-dev" / "unrelated").iterdir()):
        if (pair / "pair.json").is_file():
            synd["unrelated/" + pair.name] = json.loads((pair / "pair.json").read_text())["site"]
    sites["syndication-dev"] = synd
    return sites


def main() -> int:
    if not CORPORA.is_dir():
        print(
            f"training.split: the corpora are missing ({CORPORA}); nothing written",
            file=sys.stderr,
        )
        return 1
    split = {
        corpus: {item: {"site": site, "part": part_of(site)} for item, site in items.items()}
        for corpus, items in _items().items()
    }
    OUT.write_text(json.dumps(split, indent=1, ensure_ascii=False, sort_keys=True) + "\n")
    for corpus, items in split.items():
        val = sum(1 for v in items.values() if v["part"] == "val")
        print(f"{corpus}: {len(items)} items, {val} validation, {len(items) - val} tuning")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
