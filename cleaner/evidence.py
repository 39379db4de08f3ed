"""Rules that prove themselves: where each rule fires, checked against its ``seen_in``.

A rule's ``seen_in`` lists fixtures (``text/natgeo-redonda-goats``, a name relative to a
fixture folder) or corpus pages (``aggregators-dev/012-…``) where the chrome it describes was
seen. :func:`check_seen_in` cleans each listed fixture and says whether the rule fires on it;
entries that are not fixtures of the given folders are reported as not checked (a benchmark
checks corpus ids where the corpora are present). :func:`fired` is the set of rules that
fire on one page, as the engine runs them in cleaning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .blocks import PageMeta
from .decode import Kind, decode
from .engine import RuleSet, apply_rules
from .engine.model import Rule
from .fixtures import Fixture, discover
from .page_url import host_of
from .text_blocks import text_to_page


def fired(
    rules: RuleSet,
    source: str | bytes,
    *,
    url: str | None = None,
    kind: Kind | None = None,
    name: str | None = None,
) -> frozenset[str]:
    """The ids of the rules that fire on a page (take a block, a span or a field)."""
    decoded = decode(source, kind=kind, name=name)
    meta = PageMeta(url=url)
    if decoded.kind == "html":
        from .html import html_to_page

        page = html_to_page(decoded.text, meta, name=name)
    else:
        page = text_to_page(decoded.text, meta, utf8=decoded.utf8)
    outcome = apply_rules(page.blocks, rules, host=host_of(url))
    return frozenset(rule_id for ids in outcome.hits.values() for rule_id in ids)


def fired_on_fixtures(rules: RuleSet, fixtures: Iterable[Fixture]) -> dict[str, frozenset[str]]:
    """For each fixture (by name), the rules that fire on its page."""
    out = {}
    for fixture in fixtures:
        if fixture.input is None:
            continue
        kind: Kind = "html" if fixture.input.suffix == ".html" else "text"
        out[fixture.name] = fired(
            rules, fixture.input.read_bytes(), url=fixture.url, kind=kind, name=fixture.name
        )
    return out


def unused(rules: RuleSet | Iterable[Rule], fires: Mapping[str, frozenset[str]]) -> list[str]:
    """The ids of the rules (a RuleSet's, or the ones given) that fire on none of the pages."""
    seen = set().union(*fires.values()) if fires else set()
    listed = rules.rules if isinstance(rules, RuleSet) else rules
    return [rule.id for rule in listed if rule.id not in seen]


@dataclass(frozen=True, slots=True)
class SeenIn:
    """One ``seen_in`` entry of one rule: ``ok`` (fires there), ``fail`` (with why), or
    ``unchecked`` (not a fixture of the folders given)."""

    rule: str
    entry: str
    status: str
    message: str = ""


def check_seen_in(
    rules: RuleSet, folders: Iterable[str | Path], engine: RuleSet | None = None
) -> list[SeenIn]:
    """Check every ``seen_in`` entry of ``rules`` against the fixtures in ``folders``, the
    pages cleaned with ``engine`` (the whole rule set in use; default ``rules``).

    An entry naming a fixture must see its rule fire; an entry whose first part is a folder
    of the fixture folders but names no fixture is a failure (a typo, or a fixture gone); any
    other entry (a corpus id) is left unchecked.
    """
    roots = [Path(folder) for folder in folders]
    fixtures = {f.name: f for f in discover(roots)} if roots else {}
    top = {p.name for root in roots for p in root.iterdir() if p.is_dir()}
    cache: dict[str, frozenset[str]] = {}
    results = []
    for rule in rules.rules:
        for entry in rule.seen_in:
            fixture = fixtures.get(entry)
            if fixture is None:
                if entry.split("/", 1)[0] in top:
                    results.append(SeenIn(rule.id, entry, "fail", "no such fixture"))
                else:
                    results.append(SeenIn(rule.id, entry, "unchecked", "not a fixture here"))
                continue
            if entry not in cache:
                cache.update(fired_on_fixtures(engine or rules, [fixture]))
            if rule.id in cache.get(entry, frozenset()):
                results.append(SeenIn(rule.id, entry, "ok"))
            else:
                results.append(SeenIn(rule.id, entry, "fail", "the rule does not fire on it"))
    return results
