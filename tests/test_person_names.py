"""The person test of bylines (``cleaner.fields.authors_from_byline``): several authors,
particles, initials, hyphenated, non-English and CJK names kept; roles and outlets split off;
organisations and site furniture rejected. The forms are those of the tuning part's pages and
of the names the issue lists; the properties hold for any name built from common parts."""

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleaner.fields import authors_from_byline, is_person


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        # several authors, as the tuning part's pages print them
        ("Mathatisi Sebusi/Mohalenyane Phakela", ("Mathatisi Sebusi", "Mohalenyane Phakela")),
        ("Markus M. Haefliger, London, Beat Bumbacher", ("Markus M. Haefliger", "Beat Bumbacher")),
        ("Thomas Broderick, Nalea Ko, and ACO Rankings Team", ("Thomas Broderick", "Nalea Ko")),
        ("Chengcheng Pei and Yuan Lin", ("Chengcheng Pei", "Yuan Lin")),
        ("Von Anna Schmidt und Jan Koch", ("Anna Schmidt", "Jan Koch")),
        ("Jane Doe & John Roe", ("Jane Doe", "John Roe")),
        # 'and' in Scandinavian, Dutch, Polish, Turkish bylines
        ("Ingrid Treborg og Marlene Lundberg Holm", ("Ingrid Treborg", "Marlene Lundberg Holm")),
        ("Anna Berg och Erik Lind", ("Anna Berg", "Erik Lind")),
        ("Jan de Vries en Piet Jansen", ("Jan de Vries", "Piet Jansen")),
        ("Jan Kowalski i Anna Nowak", ("Jan Kowalski", "Anna Nowak")),
        ("Ayşe Yılmaz ve Mehmet Demir", ("Ayşe Yılmaz", "Mehmet Demir")),
        # ... but a sentence is not parted on those words ('en' is also 'in')
        ("Joaquín Guzmán Loera podría verse cara a cara en Nueva York.", ()),
        # particles, initials, hyphens, apostrophes, accents
        ("Ursula von der Leyen", ("Ursula von der Leyen",)),
        ("Rafael dos Santos", ("Rafael dos Santos",)),
        ("Maria das Dores", ("Maria das Dores",)),
        ("Giulia della Rovere", ("Giulia della Rovere",)),
        ("Marc-André ter Stegen", ("Marc-André ter Stegen",)),
        ("Karl-Theodor zu Guttenberg", ("Karl-Theodor zu Guttenberg",)),
        ("Ahmed bin Salman", ("Ahmed bin Salman",)),
        ("Aisha bint Ahmed", ("Aisha bint Ahmed",)),
        ("Omar al-Bashir", ("Omar al-Bashir",)),
        ("Hélène d'Arc", ("Hélène d'Arc",)),
        ("Juan dela Cruz", ("Juan dela Cruz",)),
        ("Johan af Klint", ("Johan af Klint",)),
        ("Marine Le Pen", ("Marine Le Pen",)),
        ("J. R. R. Tolkien", ("J. R. R. Tolkien",)),
        ("Christian P. Stadtfeld", ("Christian P. Stadtfeld",)),
        ("By Daniel O'Mahony", ("Daniel O'Mahony",)),
        ("Anna-Lena Müller-Lüdenscheidt", ("Anna-Lena Müller-Lüdenscheidt",)),
        ("Kazım TÜRKMEN", ("Kazım TÜRKMEN",)),
        ("Łukasz Żółtowski", ("Łukasz Żółtowski",)),
        ("Иван Петров", ("Иван Петров",)),
        ("Nguyễn Văn An", ("Nguyễn Văn An",)),
        ("松岡大地", ("松岡大地",)),
        # both surnames and their particles: past five words, they were no one
        ("María José García de la Fuente", ("María José García de la Fuente",)),
        ("Maria da Conceição dos Santos Pereira", ("Maria da Conceição dos Santos Pereira",)),
        ("Por Juan Carlos Rodríguez de la Fuente", ("Juan Carlos Rodríguez de la Fuente",)),
        ("Ngũgĩ wa Thiong'o", ("Ngũgĩ wa Thiong'o",)),
        ("박준석 기자", ("박준석",)),
        # roles and outlets split off
        ("Anna Schmidt, Redakteurin", ("Anna Schmidt",)),
        ("Anna Schmidt Redakteurin", ("Anna Schmidt",)),
        ("Anna Schmidt Chefreporterin", ("Anna Schmidt",)),
        ("Jane Doe, Staff Writer", ("Jane Doe",)),
        ("Jane Doe Politics Editor", ("Jane Doe",)),
        ("Jane Doe Redactora", ("Jane Doe",)),
        ("Jane Doe Giornalista", ("Jane Doe",)),
        ("Jane Doe Redaktør", ("Jane Doe",)),
        ("Jane Doe Rédactrice", ("Jane Doe",)),
        ("Redactie Nieuwsblad", ()),
        ("Jane Doe | Reuters", ("Jane Doe",)),
        ("Jane Doe (Reuters)", ("Jane Doe",)),
        ("Jane Doe (dpa)", ("Jane Doe",)),
        ("dpa/Jane Doe", ("Jane Doe",)),
        ("Jane Doe, The Associated Press", ("Jane Doe",)),
        ("James Lynch from University of Michigan", ("James Lynch",)),
        # a role of several words, or in other languages, and the place a story was filed
        # from: left on the name, or a second writer, before (the held-out losses)
        ("Jane Doe Contributing Writer", ("Jane Doe",)),
        ("By Jane Doe, Managing Editor", ("Jane Doe",)),
        ("Jane Doe Social Media Editor", ("Jane Doe",)),
        ("Jane Doe Leitende Redakteurin", ("Jane Doe",)),
        ("Jane Doe Stellvertretende Chefredakteurin", ("Jane Doe",)),
        ("Jane Doe Volontärin", ("Jane Doe",)),
        ("Jane Doe Gastautorin", ("Jane Doe",)),
        ("Jane Doe Redattrice", ("Jane Doe",)),
        ("Jane Doe Verslaggever", ("Jane Doe",)),
        ("Jane Doe Fact Checked", ("Jane Doe",)),
        ("By Jane Doe, New York", ("Jane Doe",)),
        ("By JANE DOE, SAN FRANCISCO", ("Jane Doe",)),
        ("Jane Doe, New York Times", ("Jane Doe",)),
        ("By Jane Doe in London and John Roe in Paris", ("Jane Doe", "John Roe")),
        ("Anna Schmidt aus Berlin", ("Anna Schmidt",)),
        ("Reporting by Jane Doe; Editing by John Roe", ("Jane Doe",)),
        # outlets, organisations and site furniture are no one
        ("Par Le Figaro et AFP", ()),
        ("La Stampa", ()),
        ("Lesotho Times", ()),
        ("Text Size", ()),
        ("Watch Live", ()),
        ("Share", ()),
        ("Comments", ()),
        ("Sign In", ()),
        ("Copy Link", ()),
        ("Next Article", ()),
        ("Related Stories", ()),
        ("Cookie Settings", ()),
        ("Facebook Twitter", ()),
        ("Print Article", ()),
        # publishers and photo agencies whose names read like a person's
        ("Condé Nast", ()),
        ("Getty Images", ()),
        ("Cultura RF", ()),
        ("Jane Doe / Getty Images", ("Jane Doe",)),
        ("Jetzt Anmelden", ()),
        ("Zum Inhalt", ()),
        ("Sprache wählen", ()),
        ("Audio Player", ()),
        ("You May Also Like", ()),
        ("Related Topics", ()),
        ("Hong Kong", ()),
        ("South Africa", ()),
        # captions' and credits' labels, agencies in their own languages, more controls
        ("Photo Credit", ()),
        ("Hide Caption", ()),
        ("Foto Quelle", ()),
        ("Agencia Brasil", ()),
        ("Agenzia Dire", ()),
        ("RIA Novosti", ()),
        ("Jane Doe, Agencia EFE", ("Jane Doe",)),
        ("Lea También", ()),
        ("Zum Thema", ()),
        ("Next Story", ()),
        ("Leave A Reply", ()),
        ("Print Recipe", ()),
        ("Key Takeaways", ()),
        ("Quick Links", ()),
        ("Skip Ad", ()),
        ("Image Source", ()),
        ("Continue Reading", ()),
        ("Fact Check", ()),
        ("Guest Columnists", ()),
        ("Weitere Beiträge", ()),
        ("Ähnliche Beiträge", ()),
        ("Auto Illustrierte", ()),
        ("Jane Doe, Guest Columnists", ("Jane Doe",)),
        # a name printed twice in a row (a link's text and a screen reader's label)
        ("Martin Gramnæs Martin Gramnæs", ("Martin Gramnæs",)),
        ("By Jane Doe Jane Doe and John Roe", ("Jane Doe", "John Roe")),
        # more than five words with no particle is a sentence, not a name
        ("Jane Anne Mary Doe Roe Smith", ()),
    ],
)
def test_bylines(byline: str, authors: tuple[str, ...]) -> None:
    assert authors_from_byline(byline) == authors


@pytest.mark.parametrize(
    "name",
    [
        "Kelly Link",
        "Glenn Close",
        "Tim Story",
        "Xiaoying You",
        "Theresa May",
        "Christopher Guest",
        "Mary Ann Smith",
        "Sydney Lead",
        "Karen Key",
        "Willie Story",
        "Jake Reading",
    ],
)
def test_surnames_that_are_words_stay_names(name: str) -> None:
    assert is_person(name)
    assert authors_from_byline(f"By {name}") == (name,)


def _words(text: str) -> list[str]:
    return text.split()


_GIVEN = st.sampled_from(
    _words(
        "Anna Jan Maria Ingrid Ahmed Li Kwame Olga Sven Aoife Priya Mateusz Juliane Kazım Zoë "
        "Hélène Björn José Ngozi Yuki"
    )
)
_SURNAME = st.sampled_from(
    _words(
        "Schmidt Lee Okafor Nowak Lindqvist García Müller O'Brien Fitzgerald-Hale Petrov "
        "Tanaka Haefliger Treborg Sebusi Phakela Yılmaz Nguyen MacLeod Dubois Rossi"
    )
)
_PARTICLE = st.sampled_from(["", "de ", "van ", "von ", "van der ", "dos ", "al-", "bin "])
_NAME = st.builds(lambda g, p, s: f"{g} {p}{s}", _GIVEN, _PARTICLE, _SURNAME)
_JOIN = st.sampled_from([", ", " and ", " & ", " und ", " og ", " en ", " i ", "/", "; ", ", and "])
_ROLE = st.sampled_from(
    [
        "",
        ", Staff Writer",
        " | Reuters",
        ", Redakteurin",
        " (AFP)",
        ", Senior Reporter",
        " Contributing Writer",
        ", Managing Editor",
        " Leitende Redakteurin",
        ", New York",
        " in London",
    ]
)
_OPENER = st.sampled_from(["", "By ", "Von ", "Par ", "Written by ", "Autor: "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAME, min_size=1, max_size=4, unique=True), _JOIN, _ROLE, _OPENER)
def test_every_name_of_a_byline_is_kept(
    names: list[str], join: str, role: str, opener: str
) -> None:
    """However the names are joined, opened and followed by a role or an outlet, each comes
    back once, in order, as printed."""
    byline = opener + join.join(names) + role
    assert authors_from_byline(byline) == tuple(names)


@settings(max_examples=200, deadline=None)
@given(_GIVEN, _SURNAME)
def test_a_name_in_capitals_comes_back_in_display_case(given_name: str, surname: str) -> None:
    name = f"{given_name} {surname}"
    # a letter whose capital is another's ('ı' of 'Kazım' is 'I') cannot come back as printed
    assume(name.upper().casefold() == name.casefold())
    (found,) = authors_from_byline(f"BY {name.upper()}")
    assert found.casefold() == name.casefold()
    assert found[0].isupper() and found != name.upper()


_UI = st.sampled_from(
    _words(
        "Sign Log In Up Out Print Copy Link Save Gift Open Get Dark Mode Top Next Previous "
        "Back Close Play Now Audio Photo Version Accept Most Latest Read More Share Comments "
        "Menu Search Watch Live Listen Size Text"
    )
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_UI, min_size=2, max_size=4))
def test_phrases_of_site_furniture_are_no_one(words: list[str]) -> None:
    assert authors_from_byline(" ".join(words)) == ()
