"""Rewrite tests/known_failures.toml from what the fixtures do now.

    .venv/bin/python -m tests.write_known_failures

Entries that still fail keep their reason (edit reasons by hand: they are the record of why);
fixed ones are dropped; new failures get a reason drawn from the difference, to be refined.
"""

from __future__ import annotations

import json
import tomllib

import regex

from cleaner import Article, Cleaner
from cleaner.fixtures import Outcome, check, clean_fixture, discover, lost_sentences, source_text
from cleaner.render import FORMATS, render

from .conftest import FIXTURES
from .test_fixtures import CHECKS, KNOWN_FAILURES

HEADER = """\
# Fixtures the cleaner does not get right yet, per check of tests/test_fixtures.py.
# Each entry runs as xfail(strict=True): when a change fixes one, its test fails until the
# entry is deleted here. Keep one line per fixture: "name" = "why it fails".
# `python -m tests.write_known_failures` drops fixed entries and adds new ones.
"""


def _short(text: str, limit: int = 50) -> str:
    return json.dumps(text if len(text) <= limit else text[: limit - 1] + "…", ensure_ascii=False)


def expected_reason(outcome: Outcome) -> str:
    if outcome.error:
        return outcome.error
    assert outcome.expected is not None and outcome.actual is not None
    parts = []
    fields = [d.field for d in outcome.diffs if d.field != "body"]
    missed = [f for f in fields if outcome.expected.get(f) and not outcome.actual.get(f)]
    wrong = [f for f in fields if f not in missed]
    if missed:
        parts.append(f"misses {', '.join(missed)}")
    if wrong:
        parts.append(f"gets {', '.join(wrong)} wrong")
    if any(d.field == "body" for d in outcome.diffs):
        want = outcome.expected.get("body", "").split("\n\n")
        got = outcome.actual.get("body", "").split("\n\n")
        extra = [p for p in got if p not in want]
        lost = [p for p in want if p not in got]
        if extra:
            parts.append(
                f"body keeps {len(extra)} paragraph(s) of chrome, first {_short(extra[0])}"
            )
        if lost:
            parts.append(f"body lacks {len(lost)} story paragraph(s), first {_short(lost[0])}")
        if not extra and not lost:
            parts.append("body paragraphs in another order")
    return "; ".join(parts)


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


def main() -> None:
    old = tomllib.loads(KNOWN_FAILURES.read_text(encoding="utf-8"))
    new: dict[str, dict[str, str]] = {c: {} for c in CHECKS}
    explaining, plain = Cleaner(explain=True), Cleaner()
    for fixture in discover([FIXTURES]):
        name = fixture.name
        outcome = check(fixture, explaining)
        if not outcome.ok:
            new["expected"][name] = expected_reason(outcome)
        try:
            article = clean_fixture(fixture, explaining)
            lost = lost_sentences(source_text(fixture), article)
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
    KNOWN_FAILURES.write_text("".join(out), encoding="utf-8")
    print(f"wrote {KNOWN_FAILURES}: " + ", ".join(f"{c} {len(new[c])}" for c in CHECKS))


if __name__ == "__main__":
    main()
