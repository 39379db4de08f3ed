"""crfsuite's C tagger (cleaner.passes.crf) gives python-crfsuite's labels and probabilities."""

from __future__ import annotations

import struct
from pathlib import Path

import pycrfsuite
import pytest

from cleaner import Cleaner
from cleaner.blocks import PageMeta
from cleaner.decode import decode
from cleaner.engine import apply_rules
from cleaner.passes import crf
from cleaner.passes.crf import CTagger, open_tagger
from cleaner.passes.features import block_features, page_features, rule_kinds
from cleaner.passes.story import headline_path, model_path
from cleaner.text_blocks import text_to_page

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "fixtures" / "seeds").glob("*.txt")) + sorted(
    (ROOT / "fixtures" / "text").glob("*.txt")
)


def _reference(path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return tagger


def _pages() -> list[list[list[str]]]:
    cleaner = Cleaner()
    kinds = rule_kinds(cleaner.rules)
    pages = []
    for path in PAGES:
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
    for path in PAGES:
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
