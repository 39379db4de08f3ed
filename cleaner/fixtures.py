"""Regression fixtures: an input page plus the Article expected from it.

A fixture is either a pair of files sharing a stem (``NAME.txt`` or ``NAME.html``, ``NAME.json``,
optionally ``NAME.url``) or a folder per fixture (``NAME/input.txt`` or ``NAME/input.html``,
``NAME/expected.json``, optionally ``NAME/input.url``). This module finds them, cleans them,
compares the result with the expectation field by field (``body`` paragraph by paragraph, as a
unified diff) and rewrites expectations atomically.

>>> diff = compare({"title": "A", "body": "One.\\n\\nTwo."}, {"title": "A", "body": "One.\\n\\n2."})
>>> [d.field for d in diff]
['body']
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from . import known
from .accounting import MAX_PIECES, pieces, texts_of
from .api import Cleaner
from .article import FIELD_ORDER, Article
from .decode import Kind
from .diffs import unified, with_word_changes
from .errors import CleanerError, FixtureError
from .lexicon import SENTENCE_BREAK
from .normalize import repair_mojibake, strip_invisible

INPUT_SUFFIXES = (".txt", ".html")
FIXTURE_SUFFIXES = (*INPUT_SUFFIXES, ".json", ".url")
FOLDER_INPUT = "input"  # NAME/input.txt|html, NAME/input.url
FOLDER_EXPECTED = "expected.json"
FOLDER_KNOWN = "known.json"  # NAME/known.json, or NAME.known.json beside a pair
KNOWN_SUFFIX = ".known"
#: Keys an expectation may hold: the contract's fields and the Article's warnings.
KNOWN_KEYS = (*FIELD_ORDER, "warnings")


@dataclass(frozen=True, slots=True)
class Fixture:
    """One fixture: where its input, URL and expectation live.

    ``name`` identifies it in reports (the stem, relative to the folder it was found in or
    to the working folder); ``input`` is ``None`` for an expectation left without its page.
    """

    name: str
    expected: Path
    input: Path | None = None
    url_file: Path | None = None

    @property
    def known_file(self) -> Path:
        """Where the fixture's known failures live (see :mod:`cleaner.known`)."""
        if self.expected.name == FOLDER_EXPECTED:
            return self.expected.with_name(FOLDER_KNOWN)
        return self.expected.with_suffix(KNOWN_SUFFIX + ".json")

    def load_known(self) -> dict[str, known.KnownEntry]:
        """The fixture's known failures, field by field; empty when it has none."""
        return known.load(self.known_file, KNOWN_KEYS)

    @property
    def shown(self) -> str:
        """The fixture as a path from the working folder: its stem, or its own folder."""
        if self.expected.name == FOLDER_EXPECTED:
            return _name(self.expected.parent, None)
        return _name(self.expected.with_suffix(""), None)

    @property
    def url(self) -> str | None:
        if self.url_file is None or not self.url_file.is_file():
            return None
        return self.url_file.read_text(encoding="utf-8-sig").strip() or None

    def load_expected(self) -> dict[str, Any] | None:
        """The expectation as JSON data; ``None`` when it has not been written yet."""
        if not self.expected.is_file():
            return None
        try:
            data = json.loads(self.expected.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise FixtureError(f"{self.expected}: expectation is not valid JSON ({exc})") from None
        if not isinstance(data, dict):
            raise FixtureError(f"{self.expected}: expectation must be a JSON object")
        unknown = [key for key in data if key not in KNOWN_KEYS]
        if unknown:
            raise FixtureError(
                f"{self.expected}: unknown field {unknown[0]!r} "
                f"(fields are: {', '.join(KNOWN_KEYS)})"
            )
        if "body" in data:
            data["body"] = known.body_from_disk(data["body"], str(self.expected))
        return data


# ---------------------------------------------------------------- discovery


def discover(paths: Iterable[str | Path]) -> list[Fixture]:
    """The fixtures in folders (searched recursively) and behind given files, each once.

    A given ``.txt``/``.html``/``.json``/``.url`` file stands for its fixture; other files
    (``README.md``, rule files) are passed over. A path that does not exist is an error.
    """
    found: dict[Path, Fixture] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for fixture in _in_folder(path):
                found.setdefault(_key(fixture), fixture)
        elif path.is_file():
            given = fixture_for(path)
            if given is not None:
                found.setdefault(_key(given), given)
        else:
            raise FixtureError(f"{raw}: no such file or folder")
    return sorted(found.values(), key=lambda f: f.name)


def fixture_for(path: Path, root: Path | None = None) -> Fixture | None:
    """The fixture a file belongs to, or ``None`` when the file is not part of one."""
    if path.suffix not in FIXTURE_SUFFIXES:
        return None
    if path.name in (
        FOLDER_EXPECTED,
        FOLDER_KNOWN,
        *(FOLDER_INPUT + s for s in FIXTURE_SUFFIXES),
    ):
        folder = path.parent
        inputs = [folder / (FOLDER_INPUT + s) for s in INPUT_SUFFIXES]
        return Fixture(
            name=_name(folder, root),
            expected=folder / FOLDER_EXPECTED,
            input=next((p for p in inputs if p.is_file()), None),
            url_file=folder / (FOLDER_INPUT + ".url"),
        )
    stem = path.with_suffix("")
    if path.suffix == ".json" and stem.suffix == KNOWN_SUFFIX:
        stem = stem.with_suffix("")
    inputs = [stem.with_suffix(s) for s in INPUT_SUFFIXES]
    return Fixture(
        name=_name(stem, root),
        expected=stem.with_suffix(".json"),
        input=next((p for p in inputs if p.is_file()), None),
        url_file=stem.with_suffix(".url"),
    )


def _in_folder(folder: Path) -> Iterator[Fixture]:
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or any(
            part.startswith(".") for part in path.relative_to(folder).parts
        ):
            continue
        if path.suffix in (*INPUT_SUFFIXES, ".json"):
            fixture = fixture_for(path, folder)
            if fixture is not None:
                yield fixture


def _name(stem: Path, root: Path | None) -> str:
    if root is not None:
        try:
            relative = stem.relative_to(root).as_posix()
            return stem.resolve().name if relative == "." else relative
        except ValueError:
            pass
    try:
        return stem.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return stem.as_posix()


def _key(fixture: Fixture) -> Path:
    return fixture.expected.resolve()


# ---------------------------------------------------------------- running


def clean_fixture(fixture: Fixture, cleaner: Cleaner) -> Article:
    """Clean a fixture's input (with the URL it carries). Raises :class:`CleanerError`."""
    if fixture.input is None:
        raise FixtureError(
            f"expectation without an input ({fixture.expected.name} needs a "
            f"{' or '.join(INPUT_SUFFIXES)} page beside it)"
        )
    kind: Kind = "html" if fixture.input.suffix == ".html" else "text"
    return cleaner.clean(fixture.input.read_bytes(), url=fixture.url, kind=kind, name=fixture.name)


def expectation(article: Article, *, with_removed: bool) -> dict[str, Any]:
    """The Article as an expectation: contract field order, ``removed`` only if asked."""
    data = article.to_dict(with_removed=with_removed)
    return {key: data[key] for key in KNOWN_KEYS if key in data}


def dump(data: dict[str, Any]) -> str:
    """Deterministic expectation JSON: field order, 2-space indent, UTF-8 as is, final newline,
    ``body`` as a list of paragraphs (so a review diff shows the paragraph that changed)."""
    ordered = {key: data[key] for key in KNOWN_KEYS if key in data}
    if "body" in ordered:
        ordered["body"] = known.body_to_disk(ordered["body"])
    return json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and ``os.replace``."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, _mode_for(path))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The file's own permissions, or what a new file gets under the current umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@dataclass(frozen=True, slots=True)
class Outcome:
    """What checking (or updating) one fixture found.

    ``diffs`` are the fields that miss the expectation and are not listed as known failures;
    ``known`` the status of each listed field (see :mod:`cleaner.known`).
    """

    fixture: Fixture
    diffs: tuple[FieldDiff, ...] = ()
    error: str | None = None
    actual: dict[str, Any] | None = None  # the cleaned Article as an expectation, with removed
    expected: dict[str, Any] | None = None
    known: tuple[known.KnownStatus, ...] = ()

    @property
    def ok(self) -> bool:
        """No error, no unlisted difference, and every known failure exactly as recorded."""
        return (
            self.error is None
            and not self.diffs
            and all(status.state == "same" for status in self.known)
        )

    @property
    def differing(self) -> list[str]:
        """Every field that misses the expectation now, listed or not, in contract order."""
        fields = {d.field for d in self.diffs}
        fields |= {s.field for s in self.known if s.state != "fixed"}
        return [key for key in KNOWN_KEYS if key in fields]

    @property
    def known_fields(self) -> list[str]:
        """The listed fields that fail exactly as recorded."""
        return [s.field for s in self.known if s.state == "same"]


def check(fixture: Fixture, cleaner: Cleaner) -> Outcome:
    """Clean one fixture and compare it with its expectation and its known failures.

    ``cleaner`` should have ``explain=True`` so that an expectation holding ``removed`` can be
    compared; ``removed`` and ``warnings`` are compared only when the expectation holds them.
    """
    try:
        expected = fixture.load_expected()
        entries = fixture.load_known()
        article = clean_fixture(fixture, cleaner)
    except CleanerError as exc:
        return Outcome(fixture, error=_reason(exc, fixture))
    except Exception as exc:  # a crash in the cleaner is a failed fixture, not a crashed run
        return Outcome(fixture, error=f"internal error ({type(exc).__name__}: {exc})")
    if expected is None:
        return Outcome(
            fixture,
            error=f"no expectation yet ({fixture.expected.name}); "
            "`cleaner-fixtures update` writes it from the current output",
            actual=expectation(article, with_removed=True),
        )
    full = expectation(article, with_removed=True)
    diffs = compare(expected, full)
    statuses = known.classify(expected, full, entries, [d.field for d in diffs])
    return Outcome(
        fixture,
        tuple(d for d in diffs if d.field not in entries),
        actual=full,
        expected=expected,
        known=tuple(statuses),
    )


def _reason(exc: CleanerError, fixture: Fixture) -> str:
    text = str(exc)
    for prefix in (f"{fixture.name}: ", f"{fixture.expected}: "):
        text = text.removeprefix(prefix)
    return text


# ---------------------------------------------------------------- comparing


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """How one field differs: readable lines, ready to print under the field's name."""

    field: str
    lines: tuple[str, ...]


def compare(expected: dict[str, Any], actual: dict[str, Any]) -> list[FieldDiff]:
    """Field-by-field differences, in contract order, for the fields the expectation holds."""
    diffs = []
    for key in KNOWN_KEYS:
        if key not in expected:
            continue
        want, got = expected[key], actual.get(key, _default(key))
        if key == "authors" and want is None:
            want = []
        if want == got:
            continue
        diffs.append(FieldDiff(key, tuple(_field_lines(key, want, got))))
    return diffs


def _default(key: str) -> Any:
    return "" if key == "body" else None if key in _SCALARS else []


_SCALARS = ("title", "byline", "dateline", "date", "source", "copyright")


def _field_lines(key: str, want: Any, got: Any) -> list[str]:
    if key == "body" and isinstance(want, str) and isinstance(got, str):
        return with_word_changes(unified(want.split("\n\n"), got.split("\n\n")))
    if key == "removed" and isinstance(want, list) and isinstance(got, list):
        return unified([_removal_line(r) for r in want], [_removal_line(r) for r in got])
    if isinstance(want, list) and isinstance(got, list):
        return unified([_show(v) for v in want], [_show(v) for v in got])
    if isinstance(want, dict) and isinstance(got, dict):
        return [
            f"{sub}: expected {_show(want.get(sub))}, got {_show(got.get(sub))}"
            for sub in dict.fromkeys([*want, *got])
            if want.get(sub) != got.get(sub)
        ]
    return [f"- expected {_show(want)}", f"+ got      {_show(got)}"]


def _removal_line(item: Any) -> str:
    if isinstance(item, dict):
        return f"{item.get('rule')}: {_show(item.get('text'))}"
    return _show(item)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def report(outcome: Outcome) -> list[str]:
    """The lines printed for a failed fixture: its name, then each field's difference, then
    each known failure that is fixed or changed."""
    name = outcome.fixture.shown
    if outcome.error is not None:
        return [f"FAIL {name}: {outcome.error}"]
    heads = [d.field for d in outcome.diffs]
    summary = [", ".join(heads) + (" differs" if len(heads) == 1 else " differ")] if heads else []
    summary += [f"known failure {s.field} {s.state}" for s in outcome.known if s.state != "same"]
    lines = [f"FAIL {name}: " + "; ".join(summary)]
    for diff in outcome.diffs:
        lines.append(f"  {diff.field}:")
        lines.extend("    " + line for line in diff.lines)
    for status in outcome.known:
        if status.state == "fixed":
            lines.append(
                f"  {status.field}: fixed, now as expected; "
                "`cleaner-fixtures check --accept` drops its known-failure entry"
            )
        elif status.state == "changed":
            lines.append(f"  {status.field} (known failure):")
            lines.extend("    " + line for line in status.lines)
    return lines


# ---------------------------------------------------------------- invariants


_WORDS = regex.compile(r"\p{L}[\p{L}\p{M}]*|\p{N}+")
_BROKEN_WORD = regex.compile(r"(?<=\p{L})-[ \t]*\n\s*(?=\p{L})")  # a word hyphenated at a wrap
_INNER_HYPHEN = regex.compile(r"(?<=\p{L})[-‐‑]\s*(?=\p{L})")


def words(text: str) -> list[str]:
    """The words of a text, case-folded, for loss accounting.

    >>> words("Co\\u00adop-\\neration, “Quote”!")
    ['cooperation', 'quote']
    """
    text = unicodedata.normalize("NFKC", strip_invisible(text))  # as the cleaner strips them
    text = _INNER_HYPHEN.sub("", text)
    return [w.casefold() for w in _WORDS.findall(text)]


def accounted_text(article: Article) -> str:
    """Everything an Article holds: body, every field, and every removal."""
    return "\n".join(texts_of(article))


def lost_sentences(source: str, article: Article) -> list[str]:
    """Sentences (or lines) of ``source`` whose words are nowhere in the Article: not in the
    body, not in a field, not in ``removed``. The Article must be cleaned with explanation on.

    >>> from cleaner.article import Removal
    >>> art = Article(body="Kept.", removed=(Removal("x.y", "Dropped"),))
    >>> lost_sentences("Kept.\\nDropped\\nVanished here.", art)
    ['Vanished here.']
    """
    haystack = " " + " ".join(words(accounted_text(article))) + " "
    # control characters go before the lines are split, as the cleaner strips them first:
    # str.splitlines() would break a line at one of them (\x1c-\x1e) that the cleaner drops
    source = _BROKEN_WORD.sub("-", strip_invisible(source))
    lost = []
    for line in source.splitlines():
        for sentence in SENTENCE_BREAK.split(line):
            found = words(sentence)
            if found and pieces(found, haystack) > MAX_PIECES:
                lost.append(" ".join(sentence.split()))
    return lost


def source_text(fixture: Fixture) -> str:
    """The text a fixture's page gives the rules: the decoded dump, or the HTML's blocks."""
    if fixture.input is None:
        raise FixtureError(f"{fixture.name}: no input")
    kind: Kind = "html" if fixture.input.suffix == ".html" else "text"
    return page_text(fixture.input.read_bytes(), kind, url=fixture.url, name=fixture.name)


def page_text(
    source: str | bytes, kind: Kind | None, *, url: str | None = None, name: str | None = None
) -> str:
    """The text a page gives the rules, for loss accounting: a dump as the text path reads it
    (mojibake repaired), or the blocks of an HTML page."""
    from .blocks import PageMeta
    from .decode import decode

    decoded = decode(source, kind=kind, name=name)
    if decoded.kind == "text":
        return repair_mojibake(decoded.text)
    from .html import html_to_page

    page = html_to_page(decoded.text, PageMeta(url=url), name=name)
    return "\n\n".join(block.text for block in page.blocks)
