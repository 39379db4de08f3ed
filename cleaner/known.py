"""Known failures of a fixture, field by field: the wrong output the cleaner gives today.

A fixture whose expectation is right but not met yet keeps a sidecar beside it
(``NAME.known.json``, or ``known.json`` in a folder fixture) holding, for each field that
differs, the output the cleaner gives now and optionally why::

    {
      "title": {"got": "Frank Witzel", "why": "the author line is taken for the headline"},
      "body": {"got": ["First paragraph.", "Chrome kept in the body."]}
    }

Checking a fixture then sorts every field into one of:

- it matches the expectation and is not listed: it holds;
- it differs and is not listed: a failure (a regression, or a new field gone wrong);
- it is listed and gives exactly the recorded output: a known failure, still the same;
- it is listed and now matches the expectation: *fixed*, a failure until the entry goes;
- it is listed and gives some other output: *changed*, a failure (worse or better, it says
  which when it can count) until the new output is accepted.

Entries are only written by :func:`accepted` (``cleaner-fixtures check --accept``).

>>> statuses = classify({"title": "T", "body": "A"}, {"title": "X", "body": "A"},
...                     {"title": KnownEntry("X")}, ["title"])
>>> [(s.field, s.state) for s in statuses]
[('title', 'same')]
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .diffs import unified
from .errors import FixtureError

State = Literal["same", "fixed", "changed"]


@dataclass(frozen=True, slots=True)
class KnownEntry:
    """One field's recorded wrong output (``body`` as one string) and why, if written."""

    got: Any
    why: str | None = None


@dataclass(frozen=True, slots=True)
class KnownStatus:
    """What became of one listed field: ``same``, ``fixed`` or ``changed`` (with lines)."""

    field: str
    state: State
    lines: tuple[str, ...] = ()
    why: str | None = None


def body_to_disk(value: Any) -> Any:
    """``body`` as stored on disk: one list item per paragraph.

    >>> body_to_disk("One.\\n\\nTwo.")
    ['One.', 'Two.']
    >>> body_to_disk("")
    []
    """
    if isinstance(value, str):
        return value.split("\n\n") if value else []
    return value


def body_from_disk(value: Any, where: str) -> str:
    """``body`` read from disk, as a list of paragraphs or (the older form) one string.

    >>> body_from_disk(["One.", "Two."], "x.json")
    'One.\\n\\nTwo.'
    """
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        return "\n\n".join(value)
    raise FixtureError(f"{where}: body must be a list of paragraphs (strings) or a string")


def load(path: Path, fields: Iterable[str]) -> dict[str, KnownEntry]:
    """The entries of a known-failure file; empty when there is none."""
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FixtureError(f"{path}: known failures are not valid JSON ({exc})") from None
    allowed = tuple(fields)
    if not isinstance(data, dict):
        raise FixtureError(f"{path}: known failures must be a JSON object of fields")
    entries: dict[str, KnownEntry] = {}
    for field, entry in data.items():
        if field not in allowed:
            raise FixtureError(
                f"{path}: unknown field {field!r} (fields are: {', '.join(allowed)})"
            )
        if not isinstance(entry, dict) or "got" not in entry or set(entry) - {"got", "why"}:
            raise FixtureError(f'{path}: {field}: an entry is {{"got": …, "why": "…"}}')
        why = entry.get("why")
        if why is not None and not isinstance(why, str):
            raise FixtureError(f"{path}: {field}: why must be a string")
        got = body_from_disk(entry["got"], f"{path}: {field}") if field == "body" else entry["got"]
        entries[field] = KnownEntry(got, why)
    return entries


def dump(entries: Mapping[str, KnownEntry], order: Iterable[str]) -> str:
    """A known-failure file's text: fields in contract order, ``body`` as a list."""
    data: dict[str, Any] = {}
    for field in order:
        if field in entries:
            entry = entries[field]
            got = body_to_disk(entry.got) if field == "body" else entry.got
            data[field] = {"got": got, **({"why": entry.why} if entry.why else {})}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def classify(
    expected: Mapping[str, Any],
    actual: Mapping[str, Any],
    known: Mapping[str, KnownEntry],
    differing: Iterable[str],
) -> list[KnownStatus]:
    """The status of each listed field; ``differing`` names the fields that miss the
    expectation now."""
    differing = set(differing)
    statuses = []
    for field, entry in known.items():
        got = actual.get(field)
        if field not in expected or field not in differing:
            statuses.append(KnownStatus(field, "fixed", why=entry.why))
        elif got == entry.got:
            statuses.append(KnownStatus(field, "same", why=entry.why))
        else:
            lines = (_verdict(field, expected[field], entry.got, got), *_change(entry.got, got))
            statuses.append(KnownStatus(field, "changed", tuple(lines), entry.why))
    return statuses


def _verdict(field: str, want: Any, before: Any, now: Any) -> str:
    """Whether the new output is closer to the expectation than the recorded one."""
    old, new = distance(field, want, before), distance(field, want, now)
    unit = "paragraph(s)" if field == "body" else "item(s)"
    if old is None or new is None:
        return "the recorded wrong output changed (no measure of better or worse for this field)"
    if new < old:
        return f"better than recorded: {old} → {new} {unit} differ from the expectation"
    if new > old:
        return f"worse than recorded: {old} → {new} {unit} differ from the expectation"
    return f"as far from the expectation as recorded ({new} {unit} differ), but different"


def distance(field: str, want: Any, got: Any) -> int | None:
    """How many paragraphs (``body``) or list items differ between two values; ``None`` for
    single values, where there is no count.

    >>> distance("body", "A\\n\\nB\\n\\nC", "A\\n\\nX\\n\\nC")
    2
    """
    if field == "body" and isinstance(want, str) and isinstance(got, str):
        want, got = body_to_disk(want), body_to_disk(got)
    if isinstance(want, list) and isinstance(got, list):
        a = [json.dumps(v, sort_keys=True) for v in want]
        b = [json.dumps(v, sort_keys=True) for v in got]
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        same = sum(block.size for block in matcher.get_matching_blocks())
        return len(a) + len(b) - 2 * same
    return None


def _change(before: Any, now: Any) -> list[str]:
    if isinstance(before, str) and isinstance(now, str) and "\n\n" in before + now:
        before, now = body_to_disk(before), body_to_disk(now)
    if isinstance(before, list) and isinstance(now, list):
        show = [json.dumps(v, ensure_ascii=False) for v in before]
        return [
            "from the recorded output:",
            *unified(show, [json.dumps(v, ensure_ascii=False) for v in now]),
        ]
    return [
        f"- recorded {json.dumps(before, ensure_ascii=False)}",
        f"+ now      {json.dumps(now, ensure_ascii=False)}",
    ]


def accepted(
    actual: Mapping[str, Any], differing: Iterable[str], known: Mapping[str, KnownEntry]
) -> dict[str, KnownEntry]:
    """The entries after accepting today's output: every field that differs now, with its
    output, keeping the ``why`` already written for a field that was listed."""
    out = {}
    for field in differing:
        old = known.get(field)
        out[field] = KnownEntry(actual.get(field), old.why if old else None)
    return out
