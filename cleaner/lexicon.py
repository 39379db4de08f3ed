r"""The language knowledge the cleaner shares, kept in one place.

Month and weekday names, the words that introduce a byline, the marks of a copyright notice,
what ends a sentence and the key that tells two texts the same. The code imports them from
here; rule files use the word lists by name: ``\L<months>`` in a rule's regex stands for any
word of :data:`NAMED_LISTS` ``["months"]`` (the rule loader hands the lists to the pattern),
so a language added here is known to the code and the rules at once.

Languages: English, German, French, Spanish, Italian, Portuguese, Dutch (Swedish, Danish and
Polish for byline words only).
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from .pattern_cache import compile_cached

#: Month names and the abbreviations pages print, per language, January first. A name of
#: several spellings lists them all ('märz maerz', 'août aout').
MONTHS: dict[str, tuple[str, ...]] = {
    "en": (
        "jan january",
        "feb february",
        "mar march",
        "apr april",
        "may",
        "jun june",
        "jul july",
        "aug august",
        "sep sept september",
        "oct october",
        "nov november",
        "dec december",
    ),
    "de": (
        "januar",
        "februar",
        "märz maerz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober okt",
        "november",
        "dezember dez",
    ),
    "fr": (
        "janvier",
        "février fevrier",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août aout",
        "septembre",
        "octobre",
        "novembre",
        "décembre decembre",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "it": (
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ),
    "pt": (
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ),
    "nl": (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
}

#: Weekday names and abbreviations, per language, Monday first.
WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": (
        "mon monday",
        "tue tues tuesday",
        "wed wednesday",
        "thu thur thurs thursday",
        "fri friday",
        "sat saturday",
        "sun sunday",
    ),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "it": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"),
    "pt": (
        "segunda-feira",
        "terça-feira",
        "quarta-feira",
        "quinta-feira",
        "sexta-feira",
        "sábado",
        "domingo",
    ),
}


def _words(table: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for names in table.values() for n in names for w in n.split()))


#: Every month name and abbreviation above, in lower case, each once ('jan', 'january', …
#: 'dezembro'): the rules' ``\L<months>``.
MONTH_WORDS: tuple[str, ...] = _words(MONTHS)
#: Every weekday name and abbreviation above, in lower case, each once: ``\L<weekdays>``.
WEEKDAY_WORDS: tuple[str, ...] = _words(WEEKDAYS)

#: A month's number by any of its names, in lower case ('märz' → 3).
MONTH_NUMBERS: dict[str, int] = {
    name: number
    for names in MONTHS.values()
    for number, spellings in enumerate(names, start=1)
    for name in spellings.split()
}

#: The word that introduces a byline's names, per language ('By Jane Doe', 'Von Anna Müller').
BYLINE_WORDS: dict[str, str] = {
    "en": "by",
    "de": "von",
    "fr": "par",
    "es": "por",
    "it": "di",
    "nl": "door",
    "sv": "av",
    "da": "af",
    "pl": "przez",
}
#: The byline words that open a line only as a byline does. Italian 'di' ('of') is left out:
#: it opens ordinary lines and headlines ('Di Maio says …').
BYLINE_OPENERS: tuple[str, ...] = tuple(w for w in BYLINE_WORDS.values() if w != "di")

#: The words of share and follow buttons, as pages print them in a row ('Facebook Twitter
#: Email', 'Teilen', 'Partager'): the share-bar rule drops such lines, the HTML path does not
#: take a box of them for a caption.
SHARE_WORDS: tuple[str, ...] = (
    "share",
    "shares",
    "tweet",
    "pin",
    "email",
    "e-mail",
    "mail",
    "print",
    "copy",
    "link",
    "save",
    "whatsapp",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "pinterest",
    "instagram",
    "youtube",
    "tiktok",
    "threads",
    "bluesky",
    "mastodon",
    "rss",
    "reddit",
    "flipboard",
    "messenger",
    "telegram",
    "pocket",
    "comment",
    "teilen",
    "twittern",
    "flippen",
    "mailen",
    "partager",
    "compartir",
    "imprimir",
)

#: News agencies by the name :mod:`cleaner.stories` gives them, each with the forms stories print
#: it in, in a sign-off or credit line ('… cases. – BERNAMA', '… awaited. (ANI)', 'Source: dpa',
#: 'The Associated Press').
NEWS_AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "AFP": ("AFP", "Agence France-Presse"),
    "Bloomberg": ("Bloomberg",),
    "dpa": ("dpa", "DPA"),
    "Xinhua": ("Xinhua", "XINHUA"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Jiji": ("Jiji",),
    "Yonhap": ("Yonhap",),
    "Bernama": ("Bernama", "BERNAMA"),
    "ANI": ("ANI",),
    "IANS": ("IANS",),
    "PTI": ("PTI",),
    "UNI": ("UNI",),
    "APP": ("APP",),
    "UNB": ("UNB",),
    "BSS": ("BSS",),
    "UPI": ("UPI",),
    "EFE": ("EFE", "Efe"),
    "ANSA": ("ANSA",),
    "AGI": ("AGI",),
    "Lusa": ("Lusa",),
    "Europa Press": ("Europa Press",),
    "AAP": ("AAP",),
    "CP": ("CP", "The Canadian Press", "Canadian Press"),
    "PA": ("PA", "PA Media"),
    "KUNA": ("KUNA",),
    "WAM": ("WAM",),
    "SPA": ("SPA",),
    "TASS": ("TASS",),
    "Anadolu": ("Anadolu",),
    "NAN": ("NAN",),
    "CNA": ("CNA",),
}
#: The news agencies' printed forms, one list (the rules' ``agencies``; rules match them with
#: case: 'AP' is an agency, 'ap' is not).
AGENCIES: tuple[str, ...] = tuple(form for forms in NEWS_AGENCIES.values() for form in forms)
#: Whom else a story is credited to, by the same names: the agencies' longer names, the
#: Vietnam News Agency, release wires, and broadcasters and papers whose stories others carry
#: with their credit. :mod:`cleaner.stories` keeps two of these sources' stories apart (with
#: :data:`NEWS_AGENCIES`); they are not in the rules' list, where a form more would change what
#: the rules take (and the story model would need retraining).
OTHER_STORY_SOURCES: dict[str, tuple[str, ...]] = {
    "AFP": ("Agence France Presse",),
    "Jiji": ("Jiji Press",),
    "PTI": ("Press Trust of India",),
    "AAP": ("Australian Associated Press",),
    "Anadolu": ("AA",),
    "VNA": ("VNA", "Vietnam News Agency"),
    "PR Newswire": ("PR Newswire", "PRNewswire"),
    "Business Wire": ("Business Wire", "BusinessWire"),
    "GlobeNewswire": ("GlobeNewswire",),
    "Yomiuri": ("Yomiuri",),
    "NHK": ("NHK",),
    "RTHK": ("RTHK",),
    "BBC": ("BBC",),
    "CNN": ("CNN",),
    "Al Jazeera": ("Al Jazeera",),
    "APA": ("APA",),
    "SDA": ("SDA", "Keystone-SDA"),
    "KNA": ("KNA",),
}
#: Every name a story may be credited to, in every printed form (:data:`NEWS_AGENCIES` and
#: :data:`OTHER_STORY_SOURCES`): a name that holds one is not a person's
#: (:func:`cleaner.fields.is_person`: 'Jane Doe APA' is Jane Doe).
STORY_SOURCES: tuple[str, ...] = tuple(
    dict.fromkeys(
        form
        for table in (NEWS_AGENCIES, OTHER_STORY_SOURCES)
        for forms in table.values()
        for form in forms
    )
)

#: Photo agencies and picture desks as a photo credit prints them ('Name / Shutterstock',
#: 'IMAGO/Name', '© Name/picture alliance', 'HANDOUT / AFP'): the ``wire.photo-caption`` rule
#: knows a caption by such a credit at its end, with the news agencies of :data:`AGENCIES`.
PHOTO_AGENCIES: tuple[str, ...] = (
    "Getty Images",
    "Getty",
    "Shutterstock",
    "Alamy",
    "iStock",
    "iStockphoto",
    "IMAGO",
    "imago",
    "picture alliance",
    "picture-alliance",
    "Dreamstime",
    "Dreamstime.com",
    "Depositphotos",
    "Unsplash",
    "Pexels",
    "EPA",
    "EPA-EFE",
    "BELGA",
    "Belga",
    "ANP",
    "Keystone",
    "NTB",
    "KCNA",
    "NurPhoto",
    "ZUMA",
    "Pool",
    "POOL",
    "Handout",
    "HANDOUT",
    # PA's picture desk as British papers print its credit ('Danny Lawson/PA Wire'; PA Media,
    # the agency's name, is one of AGENCIES').
    "PA Wire",
    "PA Images",
)

#: The marks of a copyright notice: the sign, its typed form, the word ('© 2026 Publisher',
#: '(c) Reuters', 'Copyright 2019 AP'). The ``wire.copyright`` rule and the HTML path's
#: notice finder (:mod:`cleaner.html.notice`) match these; in a pattern, a mark that ends in a
#: letter must end its word ('copyrighted' is none).
COPYRIGHT_MARKS: tuple[str, ...] = ("©", "(c)", "copyright")
#: The marks that are signs, not words: a page's footer notice needs one ('© junge Welt'),
#: a link 'Copyright Notice' has none.
COPYRIGHT_SIGNS: tuple[str, ...] = tuple(m for m in COPYRIGHT_MARKS if not m[-1].isalpha())
#: The signs as pages print them, in either case ('©', '(c)', '(C)'): a plain substring test
#: finds them (the story model's copyright cue).
COPYRIGHT_SIGN_FORMS: tuple[str, ...] = tuple(
    dict.fromkeys(form for sign in COPYRIGHT_SIGNS for form in (sign, sign.upper()))
)
#: How a notice reserves the rights, per language ('All rights reserved.', 'Alle Rechte
#: vorbehalten.', 'Tous droits réservés'); with 'all', a notice's holder is what is left. The
#: notice finder reads them all; the ``wire.copyright`` rule, until its retrain is judged, the
#: English one (its ``why`` gives the figures).
RIGHTS_RESERVED: tuple[str, ...] = (
    "all rights reserved",
    "rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "derechos reservados",
    "riproduzione riservata",
    "prawa zastrzeżone",
    "práva vyhrazena",
)

#: The words that label a printed date ('Published: 10 July 2025', 'Aktualisiert am …',
#: 'Mis à jour le …'). A line 'FDA Roundup: March 4, 2025' has words before its date but no
#: label: it is a headline that names a date, not a date line; nor is 'Market Update, July 10,
#: 2025' ('update' alone names a kind of story; 'updated', 'latest update' label a date).
DATE_LABELS: tuple[str, ...] = (
    "published",
    "posted",
    "latest update",
    "last update",
    "updated",
    "last updated",
    "modified",
    "written",
    "created",
    "date",
    "dated",
    "stand",
    "datum",
    "veröffentlicht",
    "aktualisiert",
    "publié",
    "mis à jour",
    "publicado",
    "actualizado",
    "fecha",
    "pubblicato",
    "aggiornato",
)

#: 'And' and 'or' in each language: after a hyphen and a space they show the hyphen stands for
#: a word's repeated part ('Ein- und Ausfuhr', 'pre- or post-war'), no word broken in two.
CONJUNCTIONS: dict[str, tuple[str, ...]] = {
    "en": ("and", "or"),
    "de": ("und", "oder", "bzw."),
    "fr": ("et", "ou"),
    "es": ("y", "o"),
    "it": ("e", "o"),
    "pt": ("e", "ou"),
    "nl": ("en", "of"),
}

#: What ends a sentence: full stops, question and exclamation marks, the ellipsis, and the
#: CJK full stop and marks.
SENTENCE_END_MARKS = ".!?…。！？"
#: What may close a sentence after its end mark: quotes, guillemets, brackets, CJK corner
#: brackets ('He left.”', '… »', '…。」'). The German closing quotes ('„Er ging.“', '»Er
#: ging.«': '“‘«‹' added) were tried with the story model retrained: validation part,
#: aggregators-dev leak 0.293 -> 0.279, overall 0.715 -> 0.717, rendered F1 0.898 unchanged
#: (wrapped 0.896 -> 0.895); three fixtures' recorded misses smaller, but
#: text/xinhuanet-wuhan-heroes lost its last two story paragraphs and
#: text/vancouversun-microsoft-carbon cleaned again changed: not done.
CLOSING_MARKS = "\"'”’»)]」』"
#: What may stand before a sentence's first letter: quotes, guillemets, an opening bracket, the
#: Spanish '¿' and '¡'. (The German '„' too reads better, but splits a wrapped line in one
#: rendered dump of the development corpus, leaving a teaser's half in its body: not yet.)
OPENING_MARKS = "\"'“‘«(¿¡"


def ends_sentence(text: str) -> bool:
    """Whether a text ends like a sentence (closing quotes and brackets allowed). The text
    path and the HTML path use this one test.

    >>> ends_sentence("He left.”"), ends_sentence("«Il est parti…»"), ends_sentence("他走了。」")
    (True, True, True)
    >>> ends_sentence("Related Articles"), ends_sentence("Read more »"), ends_sentence("”")
    (False, False, False)
    """
    end = text.rstrip(CLOSING_MARKS)[-1:]
    return bool(end) and end in SENTENCE_END_MARKS


#: A sentence boundary inside a paragraph: an end mark, maybe one closing mark, then spaces.
SENTENCE_BREAK = compile_cached(
    rf"(?<=[{re.escape(SENTENCE_END_MARKS)}][{re.escape(CLOSING_MARKS)}]?)\s+"
)

_NON_WORD = re.compile(r"[\W_]+")
#: The ASCII bytes that are no word character or are '_' (``[\W_]`` of an ASCII text).
_ASCII_NON_WORD = bytes(b for b in range(128) if not chr(b).isalnum())


#: Texts whose :func:`text_key` is remembered: the HTML reader's passes key the same blocks
#: and captions again and again (tuning part, every 4th page: 46,775 of 61,290 calls were of a
#: text keyed before on the same page, 70% of the time in them).
_KEYS_REMEMBERED = 4096


@functools.lru_cache(maxsize=_KEYS_REMEMBERED)
def text_key(text: str) -> str:
    """The words of a text without case, spacing or punctuation, to tell two texts the same.

    >>> text_key("Rubio, in Kuala Lumpur!") == text_key("RUBIO in kuala-lumpur")
    True
    """
    if text.isascii():
        # the same characters taken out by a byte table, where the pattern engine tests a
        # character class at every position of the text (this runs on whole paragraphs)
        return text.encode("ascii").translate(None, _ASCII_NON_WORD).decode("ascii").lower()
    return _NON_WORD.sub("", text).casefold()


#: The lists a rule's regex may name as ``\L<name>`` (each matches any one of its words; with
#: ``ignore_case`` in any case): ``months``, ``weekdays`` in every language above, and
#: ``byline_words`` the :data:`BYLINE_OPENERS`, ``share_words`` the :data:`SHARE_WORDS`,
#: ``agencies`` the :data:`AGENCIES`, ``photo_agencies`` the :data:`PHOTO_AGENCIES`,
#: ``copyright_marks`` the :data:`COPYRIGHT_MARKS`,
#: ``rights_reserved`` the :data:`RIGHTS_RESERVED`, ``date_labels`` the :data:`DATE_LABELS`.
NAMED_LISTS: dict[str, tuple[str, ...]] = {
    "months": MONTH_WORDS,
    "weekdays": WEEKDAY_WORDS,
    "byline_words": BYLINE_OPENERS,
    "share_words": SHARE_WORDS,
    "agencies": AGENCIES,
    "photo_agencies": PHOTO_AGENCIES,
    "copyright_marks": COPYRIGHT_MARKS,
    "rights_reserved": RIGHTS_RESERVED,
    "date_labels": DATE_LABELS,
}


@functools.cache
def stoplist(language: str) -> frozenset[str]:
    """jusText's stoplist of ``language`` (``"English"``), as ``justext.get_stoplist`` gives
    it (the lines of its file, lower-cased), read from the package's files without importing
    it: jusText's import (lxml's HTML module, urllib's HTTP client) costs a one-page process
    more than reading its lists (about 180 of 190 million instructions)."""
    spec = importlib.util.find_spec("justext")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:  # not a package folder (a zip import): as jusText reads it
        import justext

        return frozenset(justext.get_stoplist(language))
    data = (Path(next(iter(folders))) / "stoplists" / f"{language}.txt").read_bytes()
    return frozenset(line.decode("utf8").lower() for line in data.splitlines())
