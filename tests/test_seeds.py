"""The two seeds, field by field, as the first issue states what 'done' means for them."""

from __future__ import annotations

import pytest

from cleaner import Article, clean

from .conftest import SEED_APP, SEED_PAPER


@pytest.fixture(scope="module")
def paper() -> Article:
    return clean(SEED_PAPER.read_bytes())


@pytest.fixture(scope="module")
def app() -> Article:
    return clean(SEED_APP.read_bytes())


def test_local_paper_fields(paper: Article) -> None:
    assert paper.authors == ("Matthew Lee",)
    assert paper.dateline is not None
    assert (paper.dateline.place, paper.dateline.agency) == ("KUALA LUMPUR, Malaysia", "AP")
    assert paper.date == "2025-07-10"
    assert any("(Mandel Ngan/Pool Photo via AP)" in c for c in paper.captions)
    assert paper.credits == ("Eileen Ng contributed to this report from Kuala Lumpur, Malaysia.",)
    assert paper.copyright and "Associated Press" in paper.copyright


def test_local_paper_body(paper: Article) -> None:
    body = paper.body
    assert body.startswith("U.S. Secretary of State Marco Rubio and his Russian counterpart")
    assert "Mandel" not in body and "[to top of second column]" not in body
    paragraphs = body.split("\n\n")
    assert "|" not in paragraphs and all(p.strip() != "|" for p in paragraphs)
    assert "A US diplomatic push could be overshadowed by tariff threats" in paragraphs
    assert "8 of ASEAN's 10 members face major tariff hikes" in paragraphs
    assert all("\n" not in p for p in paragraphs)
    assert len(paragraphs) == 28


def test_app_fields(app: Article) -> None:
    assert app.authors == ("Matthew Lee",)
    assert app.source == "Japan Today"
    assert any("Subang Air Base" in c for c in app.captions)
    assert app.credits and "contributed to this report" in app.credits[0]
    assert app.copyright and app.copyright.startswith("© Copyright 2025 The Associated Press")
    assert (
        app.title
        == "Rubio will meet Russian foreign minister in Malaysia with Ukraine tensions high"
    )


def test_app_body(app: Article) -> None:
    body = app.body
    assert body.rstrip().endswith(
        "allowing it to produce additional weapons that it can use attack Ukraine."
    )
    for chrome in (
        "Related Articles",
        "PM warns Japan",
        "drama or division",
        "Trump-Kim summit",
        "Comments",
        "No comments yet",
        "Try Our AI Features",
        "Orange background",
        "Download",
        "logo",
        app.title or "?",
    ):
        assert chrome not in body, chrome
