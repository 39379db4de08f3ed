"""Known failures of the fixture invariants (tests/known_failures.toml), from what the fixtures
do now.

    .venv/bin/python -m tests.write_known_failures            # show what would change (exit 1)
    .venv/bin/python -m tests.write_known_failures --accept   # rewrite the file

Only ``--accept`` writes: entries that still fail keep their reason (edit reasons by hand:
they are the record of why); fixed ones are dropped; new failures get a reason drawn from the
difference, to be refined. Misses of the expected Articles are not here: they are recorded
per field beside each fixture by ``cleaner-fixtures check --accept``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib

import regex

from cleaner import Article, Cleaner
from cleaner.accounting import lost_lines
from cleaner.fixtures import clean_fixture, discover, source_text
from cleaner.render import FORMATS, render

from .conftest import FIXTURES
from .test_fixtures import CHECKS, KNOWN_FAILURES

HEADER = """\
# Fixtures that break an invariant of tests/test_fixtures.py (nothing lost, idempotent, no
# crash). Each entry runs as xfail(strict=True): when a change fixes one, its test fails until
# the entry is deleted here. Keep one line per fixture: "name" = "why it fails".
# `python -m tests.write_known_failures --accept` drops fixed entries and adds new ones.
# Misses of the expected Article are recorded per field in fixtures/**/NAME.known.json
# (`cleaner-fixtures check --accept`).
"""


def _short(text: str, limit: int = 50) -> str:
    return json.dumps(text if len(text) <= limit else text[: limit - 1] + "…", ensure_ascii=False)


def lost_reason(lost: list[str], article: Article) -> str:
    first = f"{len(lost)} piece(s) lost, first {_short(lost[0])}"
    if article.date and any(regex.search(r"\d", piece) for piece in lost):
        return (
            f"{first}: the date line becomes date {article.date}, but its printed text "
            "is neither kept nor recorded in removed"
        )
    return first


def idempotent_reason(body: str, again: Article) -> str:
    paragraphs = body.split("\n\n")
    if again.title and again.title in paragraphs[:3]:
        return f"cleaned again, the body's paragraph {_short(again.title)} is taken for a headline"
    return "cleaning the body again changes it"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accept", action="store_true", help="rewrite known_failures.toml")
    args = parser.parse_args(argv)
    old = tomllib.loads(KNOWN_FAILURES.read_text(encoding="utf-8"))
    new: dict[str, dict[str, str]] = {c: {} for c in CHECKS}
    explaining, plain = Cleaner(explain=True), Cleaner()
    for fixture in discover([FIXTURES]):
        name = fixture.name
        try:
            article = clean_fixture(fixture, explaining)
            lost = lost_lines(source_text(fixture), article)
            if lost:
                new["nothing-lost"][name] = lost_reason(lost, article)
            if article.body:
                again = plain.clean(article.body, kind="text")
                if again.body != article.body:
                    new["idempotent"][name] = idempotent_reason(article.body, again)
            other = clean_fixture(fixture, plain)
            for fmt in FORMATS:
                render(other, fmt)
        except Exception as exc:
            new["no-crash"][name] = f"{type(exc).__name__}: {exc}"
    out = [HEADER]
    for check_name in CHECKS:
        out.append(f"\n[{check_name}]\n")
        for name, reason in sorted(new[check_name].items()):
            reason = old.get(check_name, {}).get(name, reason)
            out.append(f"{json.dumps(name)} = {json.dumps(reason, ensure_ascii=False)}\n")
    text = "".join(out)
    counts = ", ".join(f"{c} {len(new[c])}" for c in CHECKS)
    if text == KNOWN_FAILURES.read_text(encoding="utf-8"):
        print(f"{KNOWN_FAILURES.name} is up to date: {counts}")
        return 0
    if not args.accept:
        for check_name in CHECKS:
            was, now = set(old.get(check_name, {})), set(new[check_name])
            for name in sorted(now - was):
                print(f"new   [{check_name}] {name}: {new[check_name][name]}")
            for name in sorted(was - now):
                print(f"fixed [{check_name}] {name}")
        print(f"{KNOWN_FAILURES.name} differs from the fixtures; --accept rewrites it")
        return 1
    KNOWN_FAILURES.write_text(text, encoding="utf-8")
    print(f"wrote {KNOWN_FAILURES}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
