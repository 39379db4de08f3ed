"""Bylines, datelines and dates as printed → typed fields."""

import pytest

from cleaner.fields import authors_from_byline, display_case, parse_date, parse_dateline


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By MATTHEW LEE", ("Matthew Lee",)),
        ("By MATTHEW LEE, Associated Press Diplomatic Writer", ("Matthew Lee",)),
        ("By JOSH BOAK and ZEKE MILLER", ("Josh Boak", "Zeke Miller")),
        ("By Jane Doe, John Roe & Ann Poe", ("Jane Doe", "John Roe", "Ann Poe")),
        ("By Staff Writer", ()),
        ("By Reuters", ()),
        ("By The Associated Press", ()),
        ("BY SARAH O'NEIL | Staff Writer", ("Sarah O'Neil",)),
        # organisations are no people: associations, parties, institutes, papers, companies
        ("Bundesverband WindEnergie e V", ()),
        ("Sekretariat Partei Mensch Umwelt Tierschutz", ()),
        ("Daniel Burstein, MECLABS Institute", ("Daniel Burstein",)),
        ("Deutsche Wirtschaftsnachrichten", ()),
        ("Hildesheimer Presse", ()),
        ("Flatworld Solutions Editorial Team", ()),
        ("Super User", ()),  # a content system's default account
        ("Justin C. Meserole; Trial Attorney", ("Justin C. Meserole",)),
        # labels before the names
        ("Auteur: Anna Kubišta", ("Anna Kubišta",)),
        ("Authors: Aniruddha Roy , Jyoti Patel", ("Aniruddha Roy", "Jyoti Patel")),
        ("Recipe by PJ Hamel", ("PJ Hamel",)),
        ("Private Nachricht", ()),  # a forum's button
        ("Rezept von", ()),  # a label: no name ends with a particle
        ("By Tomson Highway and From Masculindians", ("Tomson Highway",)),
        # a slash parts names, desks and outlets
        ("TOI Lifestyle Desk / etimes.in /", ()),
        ("Jane Doe/The Local", ("Jane Doe",)),
        # labels and phrases in capitals are no names; a surname that is a word stays one
        ("Fact Checked", ()),
        ("Eat What Tonight", ()),
        ("By Xiaoying You", ("Xiaoying You",)),
    ],
)
def test_authors_are_people_in_display_case(byline: str, authors: tuple[str, ...]) -> None:
    assert authors_from_byline(byline) == authors


def test_display_case_leaves_mixed_case_alone() -> None:
    assert display_case("danah boyd") == "danah boyd"
    assert display_case("MARY-KATE MCCARTHY") == "Mary-Kate McCarthy"


@pytest.mark.parametrize(
    ("raw", "place", "agency"),
    [
        ("KUALA LUMPUR, Malaysia (AP) —", "KUALA LUMPUR, Malaysia", "AP"),
        ("LONDON, July 10 (Reuters) -", "LONDON", "Reuters"),
        ("WASHINGTON —", "WASHINGTON", None),
        ("TOKYO (Kyodo) --", "TOKYO", "Kyodo"),
        ("Kuala Lumpur, Oct 26 (IANS)", "Kuala Lumpur", "IANS"),
        ("SILVER SPRING, Md., March 4, 2025 /PRNewswire/ --", "SILVER SPRING, Md.", "PRNewswire"),
        ("NEW YORK, March 04, 2025 (GLOBE NEWSWIRE) --", "NEW YORK", "GLOBE NEWSWIRE"),
        ("SAN FRANCISCO--(BUSINESS WIRE)--", "SAN FRANCISCO", "BUSINESS WIRE"),
    ],
)
def test_dateline_parts(raw: str, place: str, agency: str | None) -> None:
    dateline = parse_dateline(raw)
    assert (dateline.place, dateline.agency, dateline.raw) == (place, agency, raw)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("July 10, 2025", "2025-07-10"),
        ("Jan. 3, 2024", "2024-01-03"),
        ("10 July 2025", "2025-07-10"),
        ("2025-07-10", "2025-07-10"),
        ("February 30, 2025", None),
        ("no date here", None),
    ],
)
def test_dates(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso
