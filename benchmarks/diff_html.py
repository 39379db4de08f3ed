"""Compare two runs of the HTML benchmark page by page: what one system won and lost.

Reads two ``bench_html.py --json`` files (say, before and after a change) and lists, for one
system, every page where a figure changed: authors, dates or titles that turned right or wrong,
body F1 that moved by more than ``--min-f1``, captions and credits found, empty bodies; with
``--exact``, also every page where an output differs at all (the body, with ``--json-bodies``
runs, the title, authors, date, captions, the error), as a change meant to keep every output
(speed work) must show none. Run from the repository root::

    .venv/bin/python benchmarks/diff_html.py BEFORE.json AFTER.json [--system cleaner] [--exact]

To compare two systems in one run, give the same file twice with ``--system A --against B``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

_YES_NO = (("authors_ok", "authors"), ("date_ok", "date"), ("title_ok", "title"))
_COUNTS = (
    ("cap", "captions found"),
    ("cred", "credits found"),
    ("cap_left", "captions in body"),
    ("with", "with snippets"),
    ("without", "without snippets"),
)


def _load(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
        return {(r["corpus"], r["key"]): r["systems"] for r in rows}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SystemExit(f"diff_html: {path}: not a bench_html --json file ({exc})") from exc


#: The outputs ``--exact`` compares (the answer's own fields, not its figures).
_OUTPUTS = ("body", "title", "authors", "date", "captions", "credits", "error")


def changes(
    old: dict[str, Any], new: dict[str, Any], min_f1: float, *, exact: bool = False
) -> list[str]:
    """What differs between two answers for one page, one short line each; with ``exact``,
    also each output that differs though no figure moved."""
    lines = []
    if exact:
        lines += [f"{key} differs" for key in _OUTPUTS if old.get(key) != new.get(key)]
    for key, label in _YES_NO:
        if key in old and key in new and old[key] != new[key]:
            lines.append(
                f"{label} {'fixed' if new[key] else 'broken'}: "
                f"{old.get(label)!r} -> {new.get(label)!r}"
            )
    if "f1" in old and "f1" in new and 0 < abs(new["f1"] - old["f1"]) >= min_f1:
        lines.append(
            f"body F1 {old['f1']:.3f} -> {new['f1']:.3f} "
            f"(P {old['p']:.3f} -> {new['p']:.3f}, R {old['r']:.3f} -> {new['r']:.3f})"
        )
    if old.get("empty") != new.get("empty"):
        lines.append("body now empty" if new.get("empty") else "body no longer empty")
    for key, label in _COUNTS:
        if key in old and key in new and old[key] != new[key]:
            lines.append(f"{label} {old[key]} -> {new[key]} of {new.get(key + '_n', '?')}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """List the pages where the system's figures changed, and the tally of wins and losses."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--system", default="cleaner", help="the system to follow")
    parser.add_argument("--against", help="compare --system in AFTER with this one in BEFORE")
    parser.add_argument(
        "--min-f1", type=float, default=0.05, help="smallest body-F1 change listed (default 0.05)"
    )
    parser.add_argument(
        "--exact", action="store_true", help="also list pages whose outputs differ at all"
    )
    args = parser.parse_args(argv)
    before, after = _load(args.before), _load(args.after)
    old_name = args.against or args.system
    shown = 0
    for page in sorted(before.keys() & after.keys()):
        old, new = before[page].get(old_name), after[page].get(args.system)
        if old is None or new is None:
            continue
        lines = changes(old, new, args.min_f1, exact=args.exact)
        if lines:
            shown += 1
            print(f"{page[0]} {page[1]}")
            for line in lines:
                print(f"    {line}")
    only = len(before.keys() ^ after.keys())
    print(
        f"\n{shown} pages changed; {len(before.keys() & after.keys())} compared"
        + (f"; {only} in one file only" if only else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
