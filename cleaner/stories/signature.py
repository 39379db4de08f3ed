"""What of a cleaned Article survives copying, editing and rewording: its signature.

* ``shingles`` — hashes of the body's word 3-grams (verbatim and lightly edited copies);
* ``words`` — the body's content words in order (a reworded copy keeps many, in order);
* ``anchors`` — the body's proper names and numbers, in reading order (a reworded copy keeps
  them, and keeps their order, while its wording changes);
* ``agency`` — the news agency or release wire the page credits (dateline, source, copyright,
  credits, an agency tag at the start of the body, a credit in its first paragraphs, or a
  sign-off closing it);
* ``outlet`` — the outlet a sign-off credit names when it is no agency (``-TTG Asia.``, kept
  by the cleaner's rule ``wire.outlet-signoff``): a trade site's or blog's item credited to
  its own source is not a copy of an agency's story, however much of the agency's wording it
  quotes;
* ``place`` — the dateline's place (its first part, folded: ``MELBOURNE, Australia`` →
  ``melbourne``), when the cleaner found a dateline: a wire's copies keep it, and a story
  filed from elsewhere is another story;
* ``date`` — the publication day, the Article's date (the cleaner reads it from the page, and
  from the `` date YYYY-MM-DD`` prefix stored text copies carry): copies of one story appear
  within days of each other;
* the body's ``length`` (to choose a story's representative);
* ``second`` — where the body's second paragraph starts among its content words (a page that
  opens with a photo caption is also looked up by the lede after it);
* ``lede`` — the same when the first paragraph reads as a sentence (a line of chrome, ``Newsletter
  Signup Register / Login``, does not): a story opening with a lede of its own over another's
  story as background is another story (:data:`.decide.FOREIGN_LEDE`).

Hashes are CRC-32 of the normalized text, stable across processes, so a saved index still
matches what a later run computes.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
import zlib
from array import array
from dataclasses import dataclass

from ..article import Article
from ..lexicon import (
    CLOSING_MARKS,
    MONTHS,
    NEWS_AGENCIES,
    OTHER_STORY_SOURCES,
    SENTENCE_END_MARKS,
    WEEKDAYS,
    ends_sentence,
)

#: Words that open sentences or stand capitalized in headlines without being names.
_NOT_NAMES = frozenset(
    """a about after against all also an and another any are as at be because been before being
    between both but by can could did do does during each even every few for from had has have
    having he her here hers him his how however i if in into is it its just last later least
    less many may me more most much my new next no nor not now of off on once one only or other
    our out over own per said says same she should since so some still such than that the their
    them then there these they this those though through thus to too two under until up upon us
    very was we were what when where whether which while who whom whose why will with within
    without would yet you your mr mrs ms dr st""".split()  # noqa: SIM905
) | {
    # and the English months and weekdays, as the lexicon spells them
    *(word for names in MONTHS["en"] for word in names.split()),
    *(names.split()[-1] for names in WEEKDAYS["en"]),
}

#: Every printed form of a source a story may be credited to (the lexicon's news agencies and
#: other story sources), and its all-capitals form ('© KYODO', '--(BUSINESS WIRE)--'), by the
#: name it is known under. Matched with case: 'AP' is an agency, 'ap' is not.
AGENCIES: dict[str, str] = {
    shape: name
    for table in (NEWS_AGENCIES, OTHER_STORY_SOURCES)
    for name, forms in table.items()
    for form in forms
    for shape in (form, form.upper())
}
_AGENCY_ALT = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))
#: An agency tag as bodies print it near their start: ``(AP)``, ``/PRNewswire/``,
#: ``--(BUSINESS WIRE)--`` (a photo credit ``(Name/AP)`` is not one).
_AGENCY_TAG = re.compile(rf"\(\s*(?:[Tt]he\s+)?({_AGENCY_ALT})\s*\)|/\s*({_AGENCY_ALT})\s*/")
#: An agency named as a credit line or copyright holder: ``© KYODO``, ``(c) Reuters``.
_AGENCY_WORD = re.compile(rf"\b({_AGENCY_ALT})\b")
#: A story credited to an agency in its first paragraphs (``…, Bernama reported.``, ``Yonhap
#: reports``), when no dateline or credit names one: another outlet's story built on another
#: agency's report is not a copy of this agency's story (tuning part: 016 m3, a story quoting
#: Bernama, was grouped with the IANS story; tuning F1 0.934 -> 0.948, validation unchanged).
_AGENCY_REPORTED = re.compile(rf"\b({_AGENCY_ALT})(?i:\s+news\s+agency)?\s+(?:reported|reports)\b")
#: A source's sign-off closing the body, a short name after a dash or in parentheses after the
#: last sentence's end: ``… strengthened. — VNA/VNS``, ``… Tuesday.– NNN-BERNAMA``, ``…
#: awaited. (ANI)``. The cleaner's rule ``wire.agency-signoff`` moves the plainest ones to the
#: credits; read here too, the agency does not depend on the cleaner taking it (a rules-only
#: clean, an earlier cleaner's bodies or raw texts: tuning F1 0.887 -> 0.901 with the bodies
#: of main at 18:40, 0.758 -> 0.770 on raw texts; main's bodies and validation unchanged).
#: Only a known agency counts: any closing name (``-TTG Asia.``, a trade site quoting the same
#: statement, tuning 016 m4) kept that pair apart on main's bodies (tuning 0.948 -> 0.962), but
#: on raw texts a page's closing chrome is taken for a source (validation 0.928 -> 0.879). Such a
#: name counts only where the cleaner kept it as a credit (:func:`outlet_of`).
_SIGNOFF = re.compile(
    rf"[{re.escape(SENTENCE_END_MARKS)}][{re.escape(CLOSING_MARKS)}]?\s*(?:(?:—|–|--?)\s*|\(\s*)"
    r"([A-Z][\w&/.' -]{1,28}?)\s*\)?\.?\s*$"
)
_SIGNOFF_REACH = 80
#: A credit that is a sign-off alone: a dash and a name of one to four words (no photo credit
#: ``– Angela Christofilou/The Independent``, no sentence).
_CREDIT_SIGNOFF = re.compile(r"(?:—|–|--?)\s*([^\W\d_][\w&'’]*(?: [\w&'’]+){0,3})\.?")
#: How far into the body a story's credit to an agency still counts (about three paragraphs).
_REPORTED_REACH = 1000
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"[^\W\d_][\w'’]*|\d[\d.,:]*\d|\d")
_ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")
_SHINGLE = 3
#: How far into the body an agency tag still counts as the page's own dateline.
_TAG_REACH = 300
#: Content words and anchors kept per article: a page beginning holds fewer; longer stories
#: are compared on their first part, which is the part every copy keeps.
_MAX_WORDS = 400
_MAX_ANCHORS = 120


@dataclass(frozen=True, slots=True)
class Signature:
    """The comparable parts of one Article (see the module docstring); sequences are CRC-32
    hashes in compact arrays, so that an index of many signatures stays small."""

    shingles: array[int]
    words: array[int]
    anchors: array[int]
    agency: str | None
    date: str | None
    length: int
    #: The dateline's place, folded (None: no dateline, or one without a place).
    place: str | None = None
    #: Where in ``words`` the body's second paragraph starts (0: one paragraph). A copy whose
    #: page opens with a photo caption is looked up by the lede after it too.
    second: int = 0
    #: ``second`` when the first paragraph ends as a sentence does, else 0.
    lede: int = 0
    #: The outlet a sign-off credit names, folded, when it is no agency (see
    #: :func:`outlet_of`).
    outlet: str | None = None

    @property
    def credited(self) -> str | None:
        """The source the page credits for the story: its agency, else its outlet."""
        return self.agency or self.outlet


def fold(text: str) -> str:
    """Lower case, compatibility forms and accents folded, so that spellings compare.

    >>> fold("Café ＡＰ")
    'cafe ap'
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    if text.isascii():
        return text
    # only the runs outside ASCII can hold combining marks (a quarter of the grouping's CPU
    # went to testing every character of every body)
    return _NOT_ASCII.sub(_without_marks, text)


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match[str]) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The folded words of a text, one-letter words (a split ``'s``) left out.

    >>> words("History’s first: 7:35 a.m.")
    ['history', 'first', '35']
    """
    return [w for w in _WORD.findall(fold(text)) if len(w) > 1]


def shingles(tokens: list[str], size: int = _SHINGLE) -> array[int]:
    """Sorted distinct CRC-32 hashes of the word ``size``-grams (of the whole text when it is
    shorter)."""
    grams = {
        " ".join(tokens[i : i + size]) for i in range(max(len(tokens) - size + 1, 1)) if tokens
    }
    return array("I", sorted({zlib.crc32(g.encode()) for g in grams}))


def hashed(items: list[str]) -> array[int]:
    """CRC-32 hashes of strings, in order."""
    return array("I", (zlib.crc32(item.encode()) for item in items))


def anchors(text: str) -> list[str]:
    """Proper names and numbers in reading order, folded.

    >>> anchors("At 7:35 the Bishop of Rome, Francis, died. He was 88.")
    ['7:35', 'bishop', 'rome', 'francis', '88']
    """
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if token[0].isdigit():
            out.append(token.rstrip(".,:"))
            continue
        if not token[0].isupper():
            continue
        word = fold(token).replace("’", "'").split("'")[0]
        if len(word) > 1 and word not in _NOT_NAMES:
            out.append(word)
    return out


def agency_of(article: Article) -> str | None:
    """The agency or wire that the page credits for the story, or None."""
    candidates: list[str | None] = []
    if article.dateline and article.dateline.agency:
        candidates.append(article.dateline.agency)
    candidates.append(article.source)
    candidates.append(article.copyright)
    candidates.extend(article.credits)
    for text in candidates:
        if text:
            match = _AGENCY_WORD.search(text)
            if match:
                return AGENCIES[match.group(1)]
    match = _AGENCY_TAG.search(article.body[:_TAG_REACH])
    if match:
        return AGENCIES[match.group(1) or match.group(2)]
    match = _AGENCY_REPORTED.search(article.body[:_REPORTED_REACH])
    if match:
        return AGENCIES[match.group(1)]
    return signoff(article.body)


def signoff(body: str) -> str | None:
    """The agency a sign-off closing the body names (one of :data:`AGENCIES`), or None.

    >>> signoff("… from today to Tuesday.– NNN-BERNAMA")
    'Bernama'
    >>> signoff("… were further strengthened. — VNA/VNS")
    'VNA'
    >>> signoff("… across all three pillars. -TTG Asia.") is None  # not an agency
    True
    """
    match = _SIGNOFF.search(body[-_SIGNOFF_REACH:])
    if match is None:
        return None
    known = _AGENCY_WORD.search(match.group(1))
    return AGENCIES[known.group(1)] if known else None


def outlet_of(article: Article) -> str | None:
    """The outlet a sign-off among the credits names (a dash and a name, as the cleaner's
    rules ``wire.outlet-signoff`` and ``wire.credit-line`` keep it), folded, or None. Only the
    credits are read: the cleaner has told the sign-off from the page's closing chrome, which
    a body's or a raw text's last line is not (any closing name read from the body as a source
    cost raw texts, validation F1 0.928 -> 0.879; see :data:`_SIGNOFF`).

    >>> outlet_of(Article(body="…", credits=["-TTG Asia."]))
    'ttg asia'
    >>> outlet_of(Article(body="…", credits=["Reporting by Jane Doe"])) is None
    True
    """
    for credit in article.credits:
        match = _CREDIT_SIGNOFF.fullmatch(credit.strip())
        if match:
            return " ".join(words(match.group(1))) or None
    return None


def place_of(article: Article) -> str | None:
    """The dateline's place, its first part folded, or None.

    >>> from cleaner import Dateline
    >>> place_of(Article(body="…", dateline=Dateline("MELBOURNE, Australia", "AP", "")))
    'melbourne'
    """
    if article.dateline is None:
        return None
    place = " ".join(words(article.dateline.place.split(",")[0]))
    return place or None


def published(article: Article) -> str | None:
    """The day an article was published, ``YYYY-MM-DD``: its date's day, when it is one.

    >>> published(Article(body="Tokyo, Aug. 5", date="2020-08-05T09:30:00+09:00"))
    '2020-08-05'
    """
    match = _ISO_DAY.match(article.date or "")
    if match is None:
        return None
    try:
        datetime.date.fromisoformat(match.group(1))
    except ValueError:
        return None
    return match.group(1)


def content_words(tokens: list[str]) -> list[str]:
    """The content words among a text's folded words (:func:`words`): three letters or more,
    none of the function words that stand capitalized.

    >>> content_words(words("The Bishop of Rome spoke on Monday"))
    ['bishop', 'rome', 'spoke']
    """
    return [w for w in tokens if len(w) > 2 and w not in _NOT_NAMES]


def signature(article: Article) -> Signature:
    """The signature of one cleaned Article."""
    body = article.body
    tokens = words(body)
    content = content_words(tokens)[:_MAX_WORDS]
    first, _, rest = body.partition("\n\n")
    second = min(len(content_words(words(first))) if rest else 0, len(content))
    return Signature(
        shingles=shingles(tokens),
        words=hashed(content),
        anchors=hashed(anchors(body)[:_MAX_ANCHORS]),
        agency=agency_of(article),
        date=published(article),
        place=place_of(article),
        length=len(body),
        second=second,
        lede=second if ends_sentence(first.rstrip()) else 0,
        outlet=outlet_of(article),
    )
