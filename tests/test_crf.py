"""crfsuite's C tagger (cleaner.passes.crf) gives python-crfsuite's labels and probabilities:
with crfsuite's own scoring of the records, and with the state scores summed by the compiled
module (``score_blocks``) for every page of the seeds, the fixtures and (where ``training/data``
is built) every dump the models are trained and validated on, both models."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pycrfsuite
import pytest

from cleaner import Cleaner
from cleaner.blocks import PageMeta
from cleaner.code_hash import followed_hash
from cleaner.compiled_follows import CRF
from cleaner.decode import decode
from cleaner.engine import apply_rules
from cleaner.passes import crf, headline
from cleaner.passes.crf import CTagger, open_tagger
from cleaner.passes.features import block_features, page_features, rule_kinds
from cleaner.passes.story import StoryModel, headline_path, model_path
from cleaner.text_blocks import text_to_page

from .conftest import TEXT_PAGES
from .outcomes import require_extension
from .training_dumps import dump_texts, needs_training_data


def _reference(path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def _pages() -> list[list[list[str]]]:
    cleaner = Cleaner()
    kinds = rule_kinds(cleaner.rules)
    pages = []
    for path in TEXT_PAGES:
        read = decode(path.read_bytes())
        page = text_to_page(read.text, PageMeta(), utf8=read.utf8)
        if page.blocks:
            outcome = apply_rules(page.blocks, cleaner.rules)
            pages.append(page_features(page.blocks, outcome, kinds))
    return pages


def test_the_story_models_labels_and_probabilities_are_python_crfsuites() -> None:
    reference, tagger = _reference(model_path()), CTagger(model_path())
    assert tagger.labels() == reference.labels()
    pages = _pages()
    assert len(pages) >= 10
    for feats in pages:
        reference.set(feats)
        tagger.set(feats)
        assert tagger.tag() == reference.tag()
        for index in range(len(feats)):
            for label in reference.labels():
                # the same C arithmetic on the same attributes in the same order: equal bits
                assert tagger.marginal(label, index) == reference.marginal(label, index)


def test_a_page_handed_as_block_features_is_scored_as_its_joined_features() -> None:
    # set_blocks looks the neighbours' attributes up by their offset, without the prefixed
    # strings: the same records in the same order, so the same bits; pages of one, two and
    # three blocks too (their edges), cut from the seeds and fixtures.
    reference, tagger = _reference(model_path()), CTagger(model_path())
    cleaner = Cleaner()
    kinds = rule_kinds(cleaner.rules)
    pages = 0
    for path in TEXT_PAGES:
        read = decode(path.read_bytes())
        blocks = text_to_page(read.text, PageMeta(), utf8=read.utf8).blocks
        for cut in (blocks[:1], blocks[:2], blocks[:3], blocks):
            if not cut:
                continue
            outcome = apply_rules(cut, cleaner.rules)
            reference.set(page_features(cut, outcome, kinds))
            tagger.set_blocks(*block_features(cut, outcome, kinds))
            pages += 1
            assert tagger.tag() == reference.tag()
            for index in range(len(cut)):
                for label in reference.labels():
                    assert tagger.marginal(label, index) == reference.marginal(label, index)
    assert pages >= 40


def test_attributes_the_model_does_not_know_are_left_out_as_crfsuite_leaves_them() -> None:
    reference, tagger = _reference(model_path()), CTagger(model_path())
    feats = [["bias", "no such attribute", "kind:text"], ["nor this one"], ["bias", "words:3"]]
    reference.set(feats)
    tagger.set(feats)
    assert tagger.tag() == reference.tag()
    assert tagger.marginal("body", 1) == reference.marginal("body", 1)


def test_the_headline_models_valued_attributes_are_python_crfsuites() -> None:
    reference, tagger = _reference(headline_path()), CTagger(headline_path())
    feats = [
        {"bias": 1.0, "mt": 0.73, "lab=title": 1.0, "unknown": 2.0},
        {"bias": 1.0, "mt": 0.125, "lab=body": 1.0, "sent": 1.0},
        {"bias": 1.0, "mt": 0.0, "nedge": 1.0},
    ]
    reference.set(feats)
    tagger.set(feats)
    assert tagger.tag() == reference.tag()
    for index in range(3):
        assert tagger.marginal("title", index) == reference.marginal("title", index)


def test_a_position_or_label_out_of_range_is_a_clear_error() -> None:
    tagger = CTagger(model_path())
    tagger.set([["bias"], ["bias"]])
    with pytest.raises(ValueError, match="out of range"):
        tagger.marginal("body", 2)
    with pytest.raises(ValueError, match="label"):
        tagger.marginal("no such label", 0)


def test_a_file_that_is_no_model_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.crfsuite"
    path.write_bytes(b"not a model at all")
    with pytest.raises(ValueError, match="not a crfsuite model"):
        CTagger(path)


def test_without_crfsuites_c_functions_python_crfsuite_tags(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing() -> None:
        raise AttributeError("crfsuite_create_instance_from_file")

    reference = CTagger(model_path())
    monkeypatch.setattr(crf, "_library", missing)
    tagger = open_tagger(model_path())
    assert isinstance(tagger, pycrfsuite.Tagger)
    feats = _pages()[0]
    tagger.set(feats)
    reference.set(feats)
    assert tagger.tag() == reference.tag()


def test_where_crfsuites_records_are_laid_out_otherwise_python_crfsuite_tags(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # On a platform aligning a double to 4 bytes the packed records would be misread by C.
    monkeypatch.setattr(crf, "_ATTRIBUTE", struct.Struct("=id"))
    assert isinstance(open_tagger(model_path()), pycrfsuite.Tagger)


def _columns_of_the_pages() -> list[tuple[list[list[str]], list[list[str]], list[list[str]]]]:
    cleaner = Cleaner()
    kinds = rule_kinds(cleaner.rules)
    pages = []
    for path in TEXT_PAGES:
        read = decode(path.read_bytes())
        blocks = text_to_page(read.text, PageMeta(), utf8=read.utf8).blocks
        for cut in (blocks[:1], blocks[:2], blocks[:3], blocks[:4], blocks):
            if cut:
                pages.append(block_features(cut, apply_rules(cut, cleaner.rules), kinds))
    return pages


def _scores(tagger: pycrfsuite.Tagger | CTagger, count: int) -> tuple[list[str], list[float]]:
    labels = list(tagger.tag())
    return labels, [tagger.marginal(label, n) for n in range(count) for label in tagger.labels()]


def test_the_model_files_state_table_is_the_one_crfsuite_reads() -> None:
    # every state feature python-crfsuite lists (its dump prints the weights to 6 places),
    # under its attribute's id, with its label: no more, no fewer
    reference, tagger = _reference(model_path()), CTagger(model_path())
    labels_n, attrs, starts, labels, weights = crf.state_table(model_path().read_bytes())
    assert (labels_n, attrs) == (len(reference.labels()), tagger._attrs.num(tagger._attrs_p))
    first = struct.unpack(f"{attrs + 1}i", starts)
    read = struct.unpack(f"{first[-1]}i", labels), struct.unpack(f"{first[-1]}d", weights)
    listed = reference.info().state_features
    assert len(listed) == first[-1] > 10_000
    names = reference.labels()
    for (attr, label), weight in listed.items():
        aid = tagger._ids[attr]
        found = {names[read[0][f]]: read[1][f] for f in range(first[aid], first[aid + 1])}
        assert found[label] == pytest.approx(weight, abs=1e-6), (attr, label)


def test_a_model_file_cut_short_or_of_another_kind_has_no_state_table() -> None:
    data = model_path().read_bytes()
    for broken in (data[:40], data[:-5000], b"lCRX" + data[4:], b"not a model"):
        with pytest.raises(ValueError):
            crf.state_table(broken)


def test_the_compiled_module_follows_this_crf_py() -> None:
    """What ``_cfeatures.c``'s ``join_records``, ``state_table`` and ``score_blocks`` follow of
    crf.py (``compiled_follows.CRF``) is the code they were written to: when this fails, that
    code changed (crfsuite scores the records everywhere): bring the C level (the tests here
    compare them), then set its ``CRF_HASH`` to the one printed and rebuild
    (``pip install -e .``)."""
    try:
        from cleaner.passes import _cfeatures
    except ImportError:
        pytest.skip("the package was built without its C extension")
    assert followed_hash(CRF) == _cfeatures.CRF_HASH
    if os.environ.get("CLEANER_PURE_FEATURES") != "1":
        assert crf._score_blocks is not None and crf._join_records is not None


def test_the_compiled_state_table_is_the_python_one() -> None:
    # both models' files, and bytes cut or altered anywhere the reading checks (a header, a
    # chunk id, a reference's feature of another attribute or past the features, the file's
    # end): the same tuple or a ValueError either way
    require_extension("cleaner.passes._cfeatures")
    compiled = getattr(crf._module, "state_table", None)
    if compiled is None:
        pytest.skip("the compiled module is not used here")
    story, titles = model_path().read_bytes(), headline_path().read_bytes()
    assert compiled(story) == crf.state_table(story)
    assert compiled(titles) == crf.state_table(titles)
    at_features, at_refs = (
        struct.unpack_from("<I", story, 28)[0],
        struct.unpack_from("<I", story, 44)[0],
    )
    first_ref = struct.unpack_from("<I", story, at_refs + 12)[0]
    broken = [story[:n] for n in (0, 40, 47, 48, at_features + 20, at_refs + 100, len(story) - 3)]
    for at, value in (
        (0, b"XCRF"),
        (8, b"FOMX"),
        (at_features, b"FEAX"),
        (at_refs, b"AFRX"),
        (at_refs + 8, struct.pack("<I", 1)),  # fewer references than attributes
        (at_features + 8, struct.pack("<I", 10**6)),  # more features than the file holds
        (first_ref + 4, struct.pack("<I", 10**6)),  # a feature past the features
        (first_ref + 4, struct.pack("<I", 10_000)),  # another attribute's (or a transition)
        (at_features + 12, struct.pack("<I", 1)),  # the first feature a transition
        (at_features + 12 + 8, struct.pack("<I", 99)),  # a label past the labels
    ):
        broken.append(story[:at] + value + story[at + len(value) :])
    for data in broken:
        with pytest.raises(ValueError):
            crf.state_table(data)
        with pytest.raises(ValueError):
            compiled(data)


def test_pages_handed_as_columns_are_scored_by_the_compiled_module() -> None:
    """A package built with its C extension sums the state scores there (a build that
    silently fell back to crfsuite's scoring would go unmeasured)."""
    require_extension("cleaner.passes._cfeatures")
    if crf._score_blocks is None:  # CLEANER_PURE_FEATURES=1, or the C not level with crf.py
        pytest.skip("the compiled module is not used here")
    reference, tagger = _reference(model_path()), CTagger(model_path())
    pages = _columns_of_the_pages()
    assert len(pages) >= 50
    for own, near, far in pages:
        tagger.set_blocks(own, near, far)
        assert tagger._scorer is not None
        reference.set(page_features_of(own, near, far))
        assert _scores(tagger, len(own)) == _scores(reference, len(own))


def test_probabilities_are_asked_of_the_compiled_module_as_of_ctypes() -> None:
    """Once a probe page was scored, a package built with its C extension asks crfsuite's
    probabilities through the compiled ``marginal_point`` (a build that silently kept ctypes
    would go unmeasured), of both models: every label at every block the same bits as through
    ctypes, and as python-crfsuite's."""
    require_extension("cleaner.passes._cfeatures")
    if crf._score_blocks is None:  # CLEANER_PURE_FEATURES=1, or the C not level with crf.py
        pytest.skip("the compiled module is not used here")
    reference, tagger = _reference(model_path()), CTagger(model_path())
    for own, near, far in _columns_of_the_pages()[:20]:
        tagger.set_blocks(own, near, far)
        assert crf._chosen_marginal_point is crf._marginal_point
        reference.set(page_features_of(own, near, far))
        for index in range(len(own)):
            for label in tagger.labels():
                value = tagger.marginal(label, index)
                assert value == tagger._ctypes_marginal(tagger._label_ids[label], index)
                assert value == reference.marginal(label, index)
    heads, head_reference = CTagger(headline_path()), _reference(headline_path())
    feats = [
        {"bias": 1.0, "mt": 0.73, "lab=title": 1.0},
        {"bias": 1.0, "mt": 0.125, "lab=body": 1.0, "sent": 1.0},
        {"bias": 1.0, "mt": 0.0, "nedge": 1.0},
    ]
    heads.set(feats)
    head_reference.set(feats)
    for index in range(len(feats)):
        for label in heads.labels():
            value = heads.marginal(label, index)
            assert value == heads._ctypes_marginal(heads._label_ids[label], index)
            assert value == head_reference.marginal(label, index)


def test_two_taggers_in_turn_and_copied_attribute_strings_are_scored_alike() -> None:
    """``score_blocks`` keeps the ids it read by the attribute objects' addresses, for the
    tables of one tagger at a time: taggers taking turns (each its own tables), and attribute
    strings equal to the usual ones but other objects, give crfsuite's scores all the same."""
    if crf._score_blocks is None:  # CLEANER_PURE_FEATURES=1, or the C not level with crf.py
        pytest.skip("the compiled module is not used here")
    reference, first, second = (
        _reference(model_path()),
        CTagger(model_path()),
        CTagger(model_path()),
    )

    def copied(column: list[list[str]]) -> list[list[str]]:
        return [[attr.encode("utf-8").decode("utf-8") for attr in attrs] for attrs in column]

    for n, (own, near, far) in enumerate(_columns_of_the_pages()[:12]):
        if n % 3 == 2:
            own, near, far = copied(own), copied(near), copied(far)
        reference.set(page_features_of(own, near, far))
        expected = _scores(reference, len(own))
        for tagger in (first, second) if n % 2 else (second, first):
            tagger.set_blocks(own, near, far)
            assert tagger._scorer is not None
            assert _scores(tagger, len(own)) == expected


def page_features_of(
    own: list[list[str]], near: list[list[str]], far: list[list[str]]
) -> list[list[str]]:
    """The joined attributes (features.page_features) of a page's columns."""
    total = len(own)
    joined = []
    for b in range(total):
        attrs = list(own[b])
        for offset, column in ((-2, far), (-1, near), (1, near), (2, far)):
            at = b + offset
            prefix = f"{offset}:"
            attrs += [prefix + a for a in column[at]] if 0 <= at < total else [prefix + "edge"]
        joined.append(attrs)
    return joined


def test_a_scorer_that_scores_otherwise_is_refused_by_the_probe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a compiled scoring that read crfsuite's tagger otherwise (here: the page's blocks
    # reversed) is caught by the probe page: crfsuite scores the records itself
    if crf._score_blocks is None:
        pytest.skip("the compiled module is not used here")
    real = crf._score_blocks

    def reversed_blocks(
        scorer: tuple[object, ...], own: list[list[str]], *rest: list[list[str]]
    ) -> None:
        real(scorer, own[::-1], *(column[::-1] for column in rest))

    monkeypatch.setattr(crf, "_score_blocks", reversed_blocks)
    reference, tagger = _reference(model_path()), CTagger(model_path())
    own, near, far = _columns_of_the_pages()[-1]
    tagger.set_blocks(own, near, far)
    assert tagger._scorer is None
    reference.set(page_features_of(own, near, far))
    assert _scores(tagger, len(own)) == _scores(reference, len(own))


def test_a_model_files_check_is_made_once_for_all_its_taggers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every tagger read the state table and scored the probe page at its first page: about 5
    # of the 41 ms a Cleaner built for one page costs (a Cleaner per page in a scraper, or a
    # tagger per thread). A later tagger of the same file takes the first's check; a file
    # changed since is checked anew
    if crf._score_blocks is None:
        pytest.skip("the compiled module is not used here")
    path = tmp_path / "story.crfsuite"
    path.write_bytes(model_path().read_bytes())
    probed: list[Path] = []
    probe = CTagger._probe_page

    def counted(self: CTagger, attrs: int) -> tuple[list[list[str]], ...]:
        probed.append(self._path_name)
        return probe(self, attrs)

    monkeypatch.setattr(CTagger, "_probe_page", counted)
    reference = _reference(model_path())
    own, near, far = _columns_of_the_pages()[-1]
    reference.set(page_features_of(own, near, far))
    expected = _scores(reference, len(own))
    for _ in range(3):
        tagger = CTagger(path)
        tagger.set_blocks(own, near, far)
        assert tagger._scorer is not None and _scores(tagger, len(own)) == expected
    assert probed == [path]
    path.write_bytes(model_path().read_bytes() + b"")  # the same bytes, written again
    os.utime(path, ns=(1, 1))
    CTagger(path).set_blocks(own, near, far)
    assert probed == [path, path]


def test_a_model_file_gone_since_it_was_opened_leaves_crfsuite_scoring(tmp_path: Path) -> None:
    path = tmp_path / "story.crfsuite"
    path.write_bytes(model_path().read_bytes())
    reference, tagger = _reference(model_path()), CTagger(path)
    path.unlink()
    own, near, far = _columns_of_the_pages()[-1]
    tagger.set_blocks(own, near, far)
    assert tagger._scorer is None
    reference.set(page_features_of(own, near, far))
    assert _scores(tagger, len(own)) == _scores(reference, len(own))


@needs_training_data
def test_the_training_dumps_labels_probabilities_and_headlines_are_python_crfsuites() -> None:
    """Every dump ``training.train_model`` makes of both parts (slow: about 15,000 pages):
    the story model's labels and every probability, and the headline model's choice and its
    probabilities (computed from the story model's), with crfsuite's C tagger as the text
    path runs it and with python-crfsuite's ``Tagger``."""
    cleaner = Cleaner()
    fast = StoryModel(cleaner.rules)
    slow = StoryModel(cleaner.rules)
    # (its own python-crfsuite taggers, not the thread's shared ones: story._thread_tagger)
    reference, headline_reference = _reference(model_path()), _reference(headline_path())
    slow._tagger = lambda: reference  # type: ignore[method-assign]
    slow._headline_tagger = lambda: headline_reference  # type: ignore[method-assign]
    assert isinstance(fast._tagger(), CTagger)
    seen = headlines = 0
    for text in dump_texts():
        page = text_to_page(text)
        if not page.blocks:
            continue
        outcome = apply_rules(page.blocks, cleaner.rules)
        labels = fast.label(page.blocks, outcome)
        assert labels == slow.label(page.blocks, outcome)
        count = len(page.blocks)
        assert _scores(fast._tagger(), count) == _scores(slow._tagger(), count)
        title = fast.headline(page.blocks, labels, outcome.kept, outcome, None)
        assert title == slow.headline(page.blocks, labels, outcome.kept, outcome, None)
        positions = len(headline.candidates(labels, outcome.kept))
        if positions:  # the headline model was handed the page
            headlines += 1
            assert _scores(fast._headline_tagger(), positions) == _scores(
                slow._headline_tagger(), positions
            )
        seen += 1
    assert seen > 1000 and headlines > 100


def test_a_model_files_state_names_the_file_and_changes_with_it(tmp_path: Path) -> None:
    """crf.file_state keys the caches of what is read from a model file (crf._CHECKED's state
    tables, story._thread_tagger's taggers): the same file untouched is one state, a rewritten
    file another, a file replaced by another of the same size and time another, a missing file
    reads -1."""
    model, other = tmp_path / "m.crfsuite", tmp_path / "other.crfsuite"
    model.write_bytes(b"x" * 10)
    state = crf.file_state(model)
    assert state[0] == str(model) and state[4] == 10 and crf.file_state(model) == state
    model.write_bytes(b"x" * 11)
    assert crf.file_state(model) != state
    state = crf.file_state(model)
    other.write_bytes(b"y" * 11)
    os.utime(other, ns=(state[3], state[3]))
    other.replace(model)
    assert crf.file_state(model) != state and crf.file_state(model)[3:] == state[3:]
    assert crf.file_state(tmp_path / "none.crfsuite")[1:] == (-1, -1, -1, -1)
