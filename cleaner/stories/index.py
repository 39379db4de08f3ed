"""An incremental index of stories: add articles, ask which story each belongs to, save it and
load it again so that today's crawl is grouped against last week's.

Candidates come from MinHash LSH (datasketch), so a new article meets only the few indexed ones
that share much with it, not all of them. Each article is entered three times — its content
words, its lede's (the first ones), and its anchors (names and numbers) — and looked up the
same three ways: a teaser or a trimmed copy, whose words are a small part of the full story's,
still meets it through the lede, and a reworded copy, whose words changed, through its anchors
(in an LSH of its own, with shorter bands: a reworded or condensed copy shares only a third
of its names and numbers with the original). An article is also entered and looked up by the
lede after its first paragraph: a copy whose page opens with a photo caption meets its story by
the story's own first words, whichever of the two comes first (tuning part: 012 m2, a caption
and its credit above the AP text, had no candidate; validation figures unchanged).
Each candidate is then judged by :mod:`.decide`; the article joins the story of the best one
judged the same (if it is also close to that story's representative or to another member
credited to the story's agency, or a verbatim part of the candidate: see
:meth:`StoryIndex._best_match`), or starts a story of its own. Stories are
never merged afterwards, so one wrong pair cannot chain two stories into one; only within a
batch (:meth:`StoryIndex.add_batch`), an article that started a story of its own
before the fuller copies of its story arrived joins them at the end of the batch, and a story
the batch started joins an earlier batch's story when every member of it passes that story's
representative test (the copies of a story of which an earlier crawl held a thin copy).

Memory grows with the index (about 8 KB an article on the benchmark's synthetic articles: 838 MB
peak at 100,000 with the fourth entry, 759 MB without; see :mod:`.bands`), not with what passes
through it.
"""

from __future__ import annotations

import hashlib
import pickle
from array import array
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..article import Article
from ..errors import CleanerError
from .bands import Bands
from .decide import (
    COPY,
    RELAY,
    REPRESENTATIVE,
    SHORT_SHARE,
    SHORT_WORDS,
    Comparison,
    compare,
    contained,
    may_be_same,
)
from .signature import Signature, signature

#: File header of a saved index, and the layout version it was written with (4: the buckets of
#: :mod:`.bands` in place of datasketch's ``MinHashLSH`` objects; 5: four entries an article;
#: 6: the signature's ``lede``; 7: its ``outlet``; 8: what each member joined through).
_FORMAT = "cleaner-stories-index"
_VERSION = 8
#: MinHash permutations, and the bands of rows of the content words' LSH: 21 bands of 3 rows,
#: what datasketch's ``MinHashLSH`` chooses for an estimated Jaccard threshold of 0.3. On 10,000
#: synthetic articles of the benchmark, 3.6 candidates per new article and no copy without
#: one; at 0.25 (18 bands of 2 rows) 63 candidates, and as many more as the index grows. Tuning
#: part (bodies cleaned before the story model): F1 0.891 at 0.3 (0.899 at 0.25); validation
#: 0.844 at both.
NUM_PERM = 64
CONTENT_BANDS = (21, 3)
#: Bands of two rows for the anchors' LSH (the first 48 permutations): a pair whose anchor sets
#: have a Jaccard of 0.3 meets with probability 0.90, against 0.44 in 21 bands of 3 rows. The
#: labelled pairs of syndication-dev that the decision accepts have anchor Jaccards down to
#: 0.22 (tuning part); with 21x3 bands validation F1 was 0.818, with 24x2 0.882 — what judging
#: every pair gives. Anchors are specific to a story, so the candidates barely grow: 1.18 ms
#: an article on 20,000 synthetic articles against 1.12, and the same peak memory (415 MB); on
#: 100,000, 186 s of CPU and 1.76 GB peak against 166 s and 1.6 GB (other runs, other loads).
ANCHOR_BANDS = (24, 2)
#: Content words in the lede entry (about two sentences).
LEDE_WORDS = 40
#: Share of a member's word 3-grams found in another from which it copies that one's words: a
#: member many others copy words from is closer to the original than a rewrite, which shares
#: words with none. One way (the copier's share): a teaser copies its full story's words, the
#: full story does not copy the teaser's — with the shorter's share, a teaser of the agency's
#: text gained the support of every full copy and became the story's representative
#: (``bench_stories.py --robust``, each text's first three paragraphs beside it: validation
#: 015, whose representative the teaser then was, let in a look-alike scoring 0.51 against
#: it; with the stand-in guard of :meth:`StoryIndex._story_test`, negatives kept apart 80/84 ->
#: 83/84, F1 0.866 -> 0.906; tuning 0.938 unchanged; the texts alone unchanged, tuning 0.962,
#: validation 0.970).
VERBATIM = 0.5
#: Most candidates judged per new article (the LSH returns them in no order; more than this
#: many means a template shared by many pages, where the first ones suffice).
MAX_CANDIDATES = 200
#: Most members credited to the story's agency kept as originals (see :class:`_Story`): a
#: bound on the representative test's cost, not a decision (syndication-dev's stories have at
#: most two such members, tuning 010 and validation 015; the decision's figures are
#: :mod:`.decide`'s). A member that is a verbatim part of another (:data:`~.decide.COPY` of its
#: 3-grams in it: a teaser) is no original, and an original that a later member holds verbatim
#: is one no more; a stand-in shorter than :data:`~.decide.SHORT_WORDS` content words or than
#: :data:`~.decide.SHORT_SHARE` of the representative's stands in for nothing (see
#: :meth:`StoryIndex._story_test`).
ORIGINALS = 4
#: datasketch's MinHash scheme (fixed, so saved indexes stay comparable across versions).
_SCHEME = "affine32"
#: LSH entries per article: its content words, its lede's, its anchors, and its lede after its
#: first paragraph (when it has more than one).
_ENTRIES = 4


class StoryIndexError(CleanerError):
    """A saved index that cannot be read: names the file and the reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


#: How an article passed the story test when it joined (see :meth:`StoryIndex._best_match`):
#: against the story's representative, against another member credited to the story's agency
#: (a stand-in: the wire's own version), or as a verbatim part of the member it matched.
TESTS = ("representative", "original", "contained")


@dataclass(frozen=True, slots=True)
class Joined:
    """What an article joined its story through: the member it matched best when it was
    added (its key), the pair's relation (what the article is of that member) and score, and
    which story test it passed (one of :data:`TESTS`)."""

    member: str
    relation: str
    score: float
    test: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.member,
            "relation": self.relation,
            "score": round(self.score, 3),
            "test": self.test,
        }


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article stands: its story, its relation to the story's representative
    (``copy``, ``edited``, ``reworded``) with the pair's score, the representative's key, and
    what it joined the story through (:class:`Joined`; None for the member that started the
    story). The relation and score are the issue's ("to the story's representative"); an
    article that joined through a member other than the representative (a stand-in, or the
    member it is a verbatim part of) may score low against the representative, and
    ``joined`` says what it did match (:meth:`to_dict` writes it where that member is not the
    representative)."""

    key: str
    story: str
    relation: str
    score: float
    representative: str
    joined: Joined | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "story": self.story,
            "relation": self.relation,
            "score": round(self.score, 3),
            "representative": self.representative,
        }
        if self.joined is not None and self.joined.member != self.representative:
            out["joined"] = self.joined.to_dict()  # said only where it adds to the above
        return out


@dataclass(frozen=True, slots=True)
class _Found:
    """What :meth:`StoryIndex._best_match` found: the story; the story's members whose words
    the article copies (:data:`VERBATIM` or more of the article's 3-grams found in the member:
    each gains the article's support); how many of them copy the article's words (the same,
    the other way: the article's support); the members the article holds verbatim
    (:data:`~.decide.COPY` of the member's 3-grams in it) and whether it is itself a verbatim
    part of one; the member matched best, and the test passed (an index into :data:`TESTS`)."""

    story: int
    copied: list[int]
    copying: int
    holds: list[int]
    part: bool
    member: int
    test: int
    #: Whether a member of a story that an earlier batch started was judged the same too.
    earlier: bool = False


@dataclass(slots=True)
class _Story:
    id: str
    representative: int
    rank: tuple[int, int, int]
    agency: str | None
    size: int
    #: Members credited to the story's agency (at most :data:`ORIGINALS`): the agency's own
    #: text, each of which the representative test may be passed against.
    originals: list[int] = field(default_factory=list)


class StoryIndex:
    """Stories of the articles added so far. Not thread-safe; one index per process or task.

    >>> from cleaner import Article
    >>> index = StoryIndex()
    >>> text = "Rain fell on Paris on Monday as Mayor Anne Hidalgo opened the new bridge. " * 3
    >>> first = index.add("a", Article(body=text))
    >>> index.add("b", Article(body=text + "Officials said more work remains.")) == first
    True
    >>> index.assignment("b").relation
    'copy'
    """

    def __init__(self) -> None:
        from datasketch import MinHash  # type: ignore[import-untyped]

        self._template = MinHash(num_perm=NUM_PERM, hashfunc=_identity, scheme=_SCHEME)
        self._lsh = Bands(*CONTENT_BANDS)
        self._anchor_lsh = Bands(*ANCHOR_BANDS)
        self._keys: list[str] = []
        self._ids: dict[str, int] = {}
        self._sigs: list[Signature] = []
        self._story_of: list[int] = []
        self._stories: list[_Story] = []
        self._support: list[int] = []
        #: The member each article matched when it joined (-1: it started its story), and the
        #: test it passed (an index into TESTS).
        self._joined = array("i")
        self._test = array("b")
        #: During :meth:`add_batch`: the first story the batch may start, and the batch's
        #: articles that were judged the same as a member of an earlier story too.
        self._older: int | None = None
        self._hinted: list[int] = []

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def add(self, key: str, article: Article | Signature) -> str:
        """Add one article under ``key`` (a path or URL); returns its story id. Adding a key
        again returns its story unchanged."""
        if key in self._ids:
            return self.story_of(key)
        sig = article if isinstance(article, Signature) else signature(article)
        found = self._best_match(sig)
        number = len(self._keys)
        self._keys.append(key)
        self._ids[key] = number
        self._sigs.append(sig)
        self._support.append(found.copying if found else 0)
        self._joined.append(found.member if found else -1)
        self._test.append(found.test if found else 0)
        if found is None:
            story = _Story(_story_id(key), number, self._rank(number), sig.agency, 1)
            if sig.agency:
                story.originals.append(number)
            self._story_of.append(len(self._stories))
            self._stories.append(story)
        else:
            self._story_of.append(found.story)
            story = self._join(number, found)
            if found.earlier:
                self._hinted.append(number)
        for entry, (lsh, minhash) in enumerate(self._entries(sig)):
            lsh.insert(_ENTRIES * number + entry, minhash)
        return story.id

    def add_many(self, items: Iterable[tuple[str, Article | Signature]]) -> list[str]:
        """Add articles in order; returns their story ids."""
        return [self.add(key, article) for key, article in items]

    def add_batch(self, items: Iterable[tuple[str, Article | Signature]]) -> list[str]:
        """Add a batch of articles at once; returns their story ids, in input order.

        The fullest copies are entered first (see :func:`rank`), so that each story grows from
        them; then each article of the batch that still stands alone joins the story it now
        matches, if any (a trimmed or edited copy entered before the copies that link it to
        its story); and a story the batch started joins a story of an earlier batch when one of
        its members matches that story and every member passes its representative test (see
        :meth:`_settle`). Story ids of the batch are final only when this returns; earlier ids
        never change.
        """
        batch = [
            (key, article if isinstance(article, Signature) else signature(article))
            for key, article in items
        ]
        new = [(key, sig) for key, sig in batch if key not in self._ids]
        new.sort(key=lambda entry: rank(entry[1]), reverse=True)
        first, older = len(self._keys), len(self._stories)
        self._older, self._hinted = older, []
        try:
            for key, sig in new:
                self.add(key, sig)
            for key, _ in new:
                self._rejoin(self._ids[key])
        finally:
            self._older = None
        self._settle(first, older)
        return [self.story_of(key) for key, _ in batch]

    def _settle(self, first: int, older: int) -> None:
        """Move each story the batch started (``older`` and on; its members are the batch's
        articles, ``first`` and on) into the earlier story its fullest member joins (judged
        against the earlier articles alone), when every member passes that story's
        representative test: the batch's copies of a story that an earlier batch holds only a
        thin copy of (a condensation that founded a story of its own) join it, as they would
        have in one batch. Earlier ids never change."""
        batch = range(first, len(self._keys))
        # only stories with a member judged the same as an earlier story's (the cost of a
        # batch stays that of its articles)
        probes: dict[int, list[int]] = {}
        for number in self._hinted:
            if self._story_of[number] >= older:
                probes.setdefault(self._story_of[number], []).append(number)
        self._hinted = []
        if not probes:
            return
        members: dict[int, list[int]] = {}
        for number in batch:
            if self._story_of[number] in probes:
                members.setdefault(self._story_of[number], []).append(number)
        for story_number, group in members.items():
            story = self._stories[story_number]
            for probe in sorted(probes[story_number], key=self._rank, reverse=True):
                found = self._best_match(self._sigs[probe], exclude=batch)
                if found is not None and found.story < older:
                    break
            else:
                continue
            target = self._stories[found.story]
            if not all(self._story_test(self._sigs[n], target) >= 0 for n in group):
                continue
            story.size = 0
            for number in group:
                self._story_of[number] = found.story
                if number == probe:
                    self._joined[number], self._test[number] = found.member, found.test
                    self._join(number, found)
                else:
                    self._join(number, _Found(found.story, [], 0, [], False, -1, 0))

    def match(self, article: Article | Signature) -> str | None:
        """The story an article would join, without adding it (None: a story of its own)."""
        sig = article if isinstance(article, Signature) else signature(article)
        found = self._best_match(sig)
        return None if found is None else self._stories[found.story].id

    def story_of(self, key: str) -> str:
        """The story id of an added key (KeyError if it was never added)."""
        return self._stories[self._story_of[self._ids[key]]].id

    def assignment(self, key: str) -> Assignment:
        """Story, relation to the representative, score and representative of an added key,
        and what it joined the story through."""
        number = self._ids[key]
        story = self._stories[self._story_of[number]]
        joined = None
        member = self._joined[number]
        if member >= 0:
            through = compare(self._sigs[member], self._sigs[number])
            test = TESTS[self._test[number]]
            joined = Joined(self._keys[member], through.relation, through.score, test)
        rep = story.representative
        if rep == number:
            return Assignment(key, story.id, "copy", 1.0, key, joined)
        pair = compare(self._sigs[rep], self._sigs[number])
        return Assignment(key, story.id, pair.relation, pair.score, self._keys[rep], joined)

    def assignments(self) -> Iterator[Assignment]:
        """Every added article's assignment, in the order they were added."""
        return (self.assignment(key) for key in self._keys)

    def save(self, path: str | Path) -> None:
        """Write the index to a file (pickle: load only files you wrote yourself)."""
        state = {
            "format": _FORMAT,
            "version": _VERSION,
            "lsh": self._lsh,
            "anchor_lsh": self._anchor_lsh,
            "keys": self._keys,
            "sigs": self._sigs,
            "story_of": self._story_of,
            "stories": self._stories,
            "support": self._support,
            "joined": self._joined,
            "test": self._test,
        }
        with open(path, "wb") as out:
            pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, path: str | Path) -> StoryIndex:
        """Read an index written by :meth:`save`. Raises :class:`StoryIndexError`."""
        try:
            with open(path, "rb") as source:
                state = pickle.load(source)
        except FileNotFoundError:
            raise StoryIndexError(path, "no such file") from None
        except OSError as exc:
            raise StoryIndexError(path, f"cannot read ({exc.strerror or exc})") from None
        except Exception:
            raise StoryIndexError(path, "not a saved story index") from None
        if not isinstance(state, dict) or state.get("format") != _FORMAT:
            raise StoryIndexError(path, "not a saved story index")
        if state.get("version") != _VERSION:
            raise StoryIndexError(path, f"index layout {state.get('version')}, not {_VERSION}")
        index = cls()
        index._lsh = state["lsh"]
        index._anchor_lsh = state["anchor_lsh"]
        index._keys = state["keys"]
        index._ids = {key: number for number, key in enumerate(index._keys)}
        index._sigs = state["sigs"]
        index._story_of = state["story_of"]
        index._stories = state["stories"]
        index._support = state["support"]
        index._joined = state["joined"]
        index._test = state["test"]
        return index

    def _entries(self, sig: Signature) -> list[tuple[Bands, Any]]:
        """Each LSH entry of an article, with its LSH: content words, lede, anchors, and the
        lede after the first paragraph when there is more than one. An article is entered as
        it is looked up: a page opening with a photo caption is found by a copy that comes
        after it, as it finds a copy that came before (the lookup alone made the grouping
        depend on the order: fixtures/stories/titan's captioned page added first, its copy
        added next started a story of its own)."""
        parts = [
            (self._lsh, sig.words),
            (self._lsh, sig.words[:LEDE_WORDS]),
            (self._anchor_lsh, sig.anchors),
        ]
        if 0 < sig.second < len(sig.words):  # the lede after a first paragraph (a caption)
            parts.append((self._lsh, sig.words[sig.second : sig.second + LEDE_WORDS]))
        return [(lsh, self._minhash(part)) for lsh, part in parts]

    def _minhash(self, part: Any) -> Any:
        """The MinHash values (a numpy array) of a sequence's distinct hashes."""
        from datasketch import MinHash

        minhash = MinHash(
            num_perm=NUM_PERM,
            hashfunc=_identity,
            permutations=self._template.permutations,
            scheme=_SCHEME,
        )
        minhash.update_batch(list(set(part)))
        return minhash.hashvalues

    def _rank(self, number: int) -> tuple[int, int, int]:
        """How close a member is to the original: credited to an agency, then the number of
        members that copy its words (a rewrite has none), then its length."""
        sig = self._sigs[number]
        return (1 if sig.agency else 0, self._support[number], sig.length)

    def _rejoin(self, number: int) -> None:
        """Move a member that is a story of its own into the story it matches now, if any."""
        alone = self._stories[self._story_of[number]]
        if alone.size != 1:
            return
        sig = self._sigs[number]
        found = self._best_match(sig, exclude=(number,))
        if found is None:
            return
        alone.size = 0
        self._story_of[number] = found.story
        self._support[number] = found.copying
        self._joined[number] = found.member
        self._test[number] = found.test
        self._join(number, found)

    def _join(self, number: int, found: _Found) -> _Story:
        """Count member ``number`` into the story found: the members whose words it copies
        gain its support, and the story's representative is the closest to the original."""
        story = self._stories[found.story]
        story.size += 1
        agency = self._sigs[number].agency
        story.agency = story.agency or agency
        if agency and agency == story.agency and not found.part:
            # an original it holds verbatim (a teaser of it, entered first) stands in no more
            story.originals = [n for n in story.originals if n not in found.holds]
            if len(story.originals) < ORIGINALS:
                story.originals.append(number)
        for member in found.copied:
            self._support[member] += 1
        for member in (*found.copied, number):
            order = self._rank(member)
            if order > story.rank:
                story.representative, story.rank = member, order
        return story

    def _best_match(self, sig: Signature, exclude: Collection[int] = ()) -> _Found | None:
        """The story of the most similar indexed article judged the same story (or None), with
        the members of that story whose words the article shares (containment >= VERBATIM),
        that article, and the test it passed; the indexed articles ``exclude`` (the article
        itself, when it is already in; a batch's articles) are passed.

        A candidate judged the same counts if the article is also close to the candidate's
        story's representative (:data:`~.decide.REPRESENTATIVE`) or to one of the story's
        members credited to its agency (the wire's own versions of the story: a desk's edit of
        one version need not share much with another; see :mod:`.decide`), or if the article's
        word 3-grams are contained in the candidate's (:data:`~.decide.COPY`, one way: the
        article is a verbatim part of a member, and adds nothing a look-alike could chain on). A
        copy is not lost because the cleaner kept only a piece of it: syndication-dev 020 m1,
        cut to a 631-character fragment of the release by the story model since f2c009e, lies
        wholly in m2 (1.00) but scores 0.16 against the story's representative, the longer
        machine expansion m4; it stood alone (tuning F1 0.948 -> 0.924, copy 6/7, spun 27/32).
        With this, tuning 0.948 again (copy 7/7, spun 29/32), validation unchanged (0.909)."""
        if not sig.words or not self._keys:
            return None
        best: tuple[float, int, int, int] | None = None
        earlier = False
        #: by story, the test its representative or a stand-in passes (TESTS' index), or -1
        checked: dict[int, int] = {}
        #: (member, the article's share in it, its share in the article) where either is
        #: VERBATIM or more
        close: list[tuple[int, float, float]] = []
        for number in self._candidates(sig, exclude):
            other = self._sigs[number]
            if not may_be_same(sig, other):
                continue
            pair: Comparison = compare(sig, other)
            if pair.containment >= VERBATIM:  # the larger of the two one-way shares
                into = contained(sig.shingles, other.shingles)
                close.append((number, into, contained(other.shingles, sig.shingles)))
            story = self._story_of[number]
            if pair.same and self._older is not None and story < self._older:
                earlier = True
            if not pair.same or (best is not None and pair.score <= best[0]):
                continue
            agency = self._stories[story].agency
            credited = sig.credited
            if credited and agency and credited != agency and pair.containment < RELAY:
                continue  # the story is credited to another source, and this is no relay
            if story not in checked:
                checked[story] = self._story_test(sig, self._stories[story])
            if checked[story] >= 0:
                best = (pair.score, story, number, checked[story])
            elif contained(sig.shingles, other.shingles) >= COPY:
                best = (pair.score, story, number, TESTS.index("contained"))
        if best is None:
            return None
        return self._found(best, close, earlier)

    def _candidates(self, sig: Signature, exclude: Collection[int]) -> list[int]:
        """The indexed articles sharing an LSH bucket with the article (at most
        :data:`MAX_CANDIDATES`), less ``exclude``."""
        numbers: dict[int, None] = {}
        for lsh, minhash in self._entries(sig):
            for entry in lsh.query(minhash):
                numbers[entry // _ENTRIES] = None
                if len(numbers) >= MAX_CANDIDATES:
                    break
        return [number for number in numbers if number not in exclude]

    def _found(
        self,
        best: tuple[float, int, int, int],
        close: list[tuple[int, float, float]],
        earlier: bool,
    ) -> _Found:
        """What :meth:`_best_match` found, from its best candidate (score, story, member,
        test) and the close members (see there)."""
        _, story, member, test = best
        mates = [entry for entry in close if self._story_of[entry[0]] == story]
        return _Found(
            story,
            [n for n, into, _ in mates if into >= VERBATIM],
            sum(1 for _, _, out in mates if out >= VERBATIM),
            [n for n, _, out in mates if out >= COPY],
            any(into >= COPY for _, into, _ in mates),
            member,
            test,
            earlier,
        )

    def _story_test(self, sig: Signature, story: _Story) -> int:
        """Whether an article passes the representative test (:func:`_near`) against the
        story's representative (0) or another member credited to its agency (1), else -1.

        A stand-in must be a version of the agency's text, not a flash or a teaser of it: the
        measures are shares of the shorter text, so a look-alike telling the same lede scores
        high against a short one. It counts only when it is no short text in
        :func:`.decide.combine`'s sense — :data:`~.decide.SHORT_WORDS` content words or more,
        and :data:`~.decide.SHORT_SHARE` of the representative's or more. Measured: the stand-ins
        that join anything on syndication-dev are two full versions of one wire story (tuning
        010 m1, 176 content words, 0.98 of the representative's; validation 015 m1, 194, 0.94),
        far from either bound, so no tuning or validation figure moves and leave-one-group-out
        cannot choose the bounds (they are decide's, not new); taking each tuning member in
        turn as a stand-in, the look-alikes that would pass against it are 012 m5 against 012
        m1 (49 content words, the AP byline page: under SHORT_WORDS) and 016 m3-m5 against 016
        m2 (116, 0.63 of the representative's: not caught, and kept apart by their credits).
        With the first three paragraphs of each text beside it (``bench_stories.py --robust``),
        the teaser of validation 015's Yonhap text stood in and let a look-alike in (0.51
        against it): negatives 80/84 -> 83/84 with this bound or the verbatim-part rule of
        :data:`ORIGINALS` (either alone), and the one-way support of :data:`VERBATIM`."""
        rep = self._sigs[story.representative]
        if _near(sig, rep):
            return TESTS.index("representative")
        for member in story.originals:
            if member == story.representative:
                continue
            stand_in = self._sigs[member]
            if len(stand_in.words) < SHORT_WORDS or len(stand_in.words) < SHORT_SHARE * len(
                rep.words
            ):
                continue  # a flash or a teaser of the agency's text stands in for nothing
            if _near(sig, stand_in):
                return TESTS.index("original")
        return -1


def group_articles(
    articles: Iterable[Article], keys: Iterable[str] | None = None
) -> list[Assignment]:
    """Group a list of Articles at once (:meth:`StoryIndex.add_batch`); returns one Assignment
    per article, in input order. ``keys`` name the articles (default: their positions as
    strings).
    """
    items = list(articles)
    names = [str(n) for n in range(len(items))] if keys is None else list(keys)
    if len(names) != len(items):
        raise ValueError("keys and articles differ in number")
    index = StoryIndex()
    index.add_batch(zip(names, items, strict=True))
    return [index.assignment(name) for name in names]


def _near(sig: Signature, member: Signature) -> bool:
    """Whether an article passes the representative test against one member."""
    near = compare(sig, member)
    return near.score >= REPRESENTATIVE and not near.apart


def rank(sig: Signature) -> tuple[int, int]:
    """The order in which a batch is entered: articles credited to an agency first, then the
    longest, so that each story grows from its fullest copy."""
    return (1 if sig.agency else 0, sig.length)


def _story_id(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


def _identity(value: int) -> int:
    return value
