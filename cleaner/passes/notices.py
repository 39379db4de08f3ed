"""core.notice on a text dump: a publisher's notice in a sentence that the story model kept.

A page prints, above, inside or under its story, notices that read as a story paragraph and
stay with the story model: an affiliate disclosure ('This post may contain affiliate links
…', 'I may earn a small commission …'), a paywall or subscription appeal ('Support
independent journalism by subscribing …', 'Become a paid subscriber to …', 'This content is
reserved for subscribers only'), a newsletter's or a donation's ('Thanks for reading!
Subscribe for free to receive new posts …', 'Please consider supporting us.'). A kept block of
at most :data:`MAX_WORDS` words that holds one of :data:`NOTICE`'s phrases leaves the body
(recorded as ``core.notice``); a body of
notices alone stays.

Train part (leak30, ``training.cut_replay`` with the two held-out fold models of the shipped
setting, 859 dumps): 24 dumps on 15 sites cut clean (695 chrome words), none losing a story
word; aggregator train cases untouched. Every line of every train rendering (wcxb-dev,
fundus-dev, readability-dev) the form matches: chrome or teaser on 27 sites (115 lines),
story on one site (creativeramblingsblog's 'This post may contain affiliate links, view my
full disclosure policy.', a notice its gold keeps).
"""

from __future__ import annotations

import regex

from ..blocks import word_count
from ..engine import Outcome
from ..engine.apply import Kept

PASS_ID = "core.notice"
#: A notice's phrases: the publisher speaking of its links, its subscribers or its readers'
#: support ('we' or 'I' earn a commission: 'they get a commission' is a story's sentence).
NOTICE = regex.compile(
    r"\b(?:(?:may|might|can) (?:contain|include|use) affiliate links"
    r"|are affiliate (?:links|ones)"
    r"|by using the affiliate links"
    r"|affiliate disclaimer"
    r"|(?:we|I) (?:may |might |will |could )?(?:earn|receive|get|make) a (?:small )?commission"
    r"|(?:generate|earn) small commissions"
    r"|subscribe for free to receive"
    r"|support (?:our|independent) journalism"
    r"|become a paid subscriber"
    r"|reserved for subscribers"
    r"|please consider (?:liking|sharing|subscribing|donating|supporting us)"
    r"|kept alive by reader donations"
    r")",
    regex.IGNORECASE,
)
#: The longest block read as a notice: a story paragraph that speaks of affiliate links or
#: commissions is longer than a notice (train part: the notices the fold models keep are 4 to
#: 67 words).
MAX_WORDS = 80


def is_notice(text: str) -> bool:
    """Whether ``text`` is a short block holding a publisher's notice."""
    return NOTICE.search(text) is not None and word_count(text) <= MAX_WORDS


def drop_notices(kept: list[Kept], outcome: Outcome) -> list[Kept]:
    """The ``kept`` blocks less the publisher's notices (removed as :data:`PASS_ID`); a body of
    notices alone stays."""
    notices = [is_notice(item.block.text) for item in kept]
    if len(kept) < 2 or all(notices):
        return kept
    out = []
    for item, notice in zip(kept, notices, strict=True):
        if notice:
            outcome.remove(PASS_ID, item.block.text)
        else:
            out.append(item)
    return out
