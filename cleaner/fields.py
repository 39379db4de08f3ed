"""Field values as the rules found them → typed fields: authors from a byline, a parsed
dateline, an ISO date. Pure functions over strings."""

from __future__ import annotations

import regex

from .article import Dateline

_BY = regex.compile(r"^\s*(?:by|von|par|por|di|door|av)\s*[:\s]\s*", regex.IGNORECASE)
_SPLIT = regex.compile(r"\s*(?:,|;|\||\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*", regex.IGNORECASE)
_NOT_A_PERSON = regex.compile(
    r"\b(?:staff|writer|writers|reporter|reporters|correspondent|correspondents|editor|editors|"
    r"editorial|board|desk|team|bureau|press|associated|reuters|afp|ap|news|newsroom|agency|"
    r"agencies|contributor|contributors|columnist|photographer|producer|service|wire|wires|"
    r"media|times|post|journal|herald|tribune|daily|weekly|magazine|network|online|digital|"
    r"senior|chief|diplomatic|political|national|international|business|science|sports|"
    r"special|to|the|for|of|updated|published|redaktion|nachrichten)\b",
    regex.IGNORECASE,
)
_NAME_WORD = regex.compile(
    r"[\p{Lu}][\p{L}'’.-]*|(?:de|da|del|der|den|di|du|la|le|van|von|bin|al|ibn)"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
_DATE_MDY = regex.compile(r"(?i)\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DATE_DMY = regex.compile(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b")
_DATE_ISO = regex.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DATELINE_DATE = regex.compile(
    r",\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*$"
)
_AGENCY = regex.compile(r"\(\s*([^()]+?)\s*\)")
_DASH_END = regex.compile(r"\s*(?:—|–|--|-)\s*$")


def authors_from_byline(byline: str) -> tuple[str, ...]:
    """The people named in a byline, in display case; roles and organisations left out.

    >>> authors_from_byline("By MATTHEW LEE, Associated Press Diplomatic Writer")
    ('Matthew Lee',)
    >>> authors_from_byline("By Jane Doe and JOHN O'NEIL | Staff Writers")
    ('Jane Doe', "John O'Neil")
    """
    names: list[str] = []
    for part in _SPLIT.split(_BY.sub("", byline)):
        part = part.strip(" .")
        if _is_person(part):
            name = display_case(part)
            if name not in names:
                names.append(name)
    return tuple(names)


def _is_person(part: str) -> bool:
    words = part.split()
    if not 2 <= len(words) <= 5 or _NOT_A_PERSON.search(part):
        return False
    return all(_NAME_WORD.fullmatch(w) for w in words)


def display_case(name: str) -> str:
    """A name printed in capitals, in display case; other names are left as printed.

    >>> display_case("MATTHEW LEE"), display_case("JEAN-LUC MCDONALD"), display_case("Ann de Vries")
    ('Matthew Lee', 'Jean-Luc McDonald', 'Ann de Vries')
    """
    letters = [c for c in name if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return name
    titled = regex.sub(r"\p{L}+", lambda m: m.group(0).capitalize(), name.lower())
    titled = regex.sub(r"\bMc(\p{Ll})", lambda m: "Mc" + m.group(1).upper(), titled)
    return titled


def parse_dateline(raw: str) -> Dateline:
    """Split a printed dateline into place and agency.

    >>> parse_dateline("KUALA LUMPUR, Malaysia (AP) —")
    Dateline(place='KUALA LUMPUR, Malaysia', agency='AP', raw='KUALA LUMPUR, Malaysia (AP) —')
    >>> parse_dateline("LONDON, July 10 (Reuters) -").place
    'LONDON'
    """
    raw = raw.strip()
    agency_match = _AGENCY.search(raw)
    agency = agency_match.group(1) if agency_match else None
    place = raw[: agency_match.start()] if agency_match else _DASH_END.sub("", raw)
    place = _DATELINE_DATE.sub("", place.strip().rstrip(",")).strip()
    return Dateline(place=place, agency=agency, raw=raw)


def parse_date(text: str) -> str | None:
    """A printed date as ``YYYY-MM-DD``, or ``None`` when it is not a valid date.

    >>> parse_date("July 10, 2025"), parse_date("3 Sept. 2024"), parse_date("2025-02-30")
    ('2025-07-10', '2024-09-03', None)
    """
    for pattern, order in ((_DATE_ISO, "ymd"), (_DATE_MDY, "mdy"), (_DATE_DMY, "dmy")):
        found = pattern.search(text)
        if not found:
            continue
        parts = dict(zip(order, found.groups(), strict=True))
        month = parts["m"]
        month_no = int(month) if month.isdigit() else _MONTHS.get(month.lower()[:3])
        if month_no and _valid(int(parts["y"]), month_no, int(parts["d"])):
            return f"{int(parts['y']):04d}-{month_no:02d}-{int(parts['d']):02d}"
    return None


def _valid(year: int, month: int, day: int) -> bool:
    import datetime

    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2100
