"""Mojibake repaired in text dumps (ftfy, conservatively): characters restored, nothing else."""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
import pytest

from cleaner import Cleaner
from cleaner.normalize import repair_mojibake

from .conftest import FIXTURES, SEED_APP, SEED_PAPER


def garble(text: str, codec: str = "sloppy-windows-1252") -> str:
    """UTF-8 read in a single-byte encoding, as a careless scraper stores it: Windows-1252
    as browsers read it (the bytes it leaves undefined become C1 controls), or Latin-1."""
    return text.encode("utf-8").decode(codec)


def test_the_issue_example() -> None:
    assert repair_mojibake("CNNâ€™s") == "CNN’s"


@pytest.mark.parametrize(
    ("garbled", "clean"),
    [
        (
            "KUALA LUMPUR, Malaysia (AP) â€” U.S. Secretary",
            "KUALA LUMPUR, Malaysia (AP) — U.S. Secretary",
        ),
        ("Rubio said itâ€™s â€œcriticalâ€\x9d to talk", "Rubio said it’s “critical” to talk"),
        ("By JOSÃ‰ GARCÃ\x8dA", "By JOSÉ GARCÍA"),
        ("KÃ¶ln, 3. MÃ¤rz", "Köln, 3. März"),
    ],
)
def test_garbled_characters_are_restored(garbled: str, clean: str) -> None:
    assert repair_mojibake(garbled) == clean


@pytest.mark.parametrize(
    "text",
    [
        '“Curly” and "straight" quotes, ‘single’ ones — em and – en dashes -- as printed',
        "Ligatures ﬁ ﬂ, fullwidth ＡＢＣ１２, HTML entities &amp; &quot; kept as printed",
        "SÃO PAULO, Brasil — A cidade de São Paulo; Ærøskøbing; ÂGE; naïve café",
        "Zürich, Straße, Œuvre, señor, Ça va, Ölpreis, Æsir, Åland",
        "Line one\nLine two\r\nLine three\u2028still three",
    ],
)
def test_clean_text_is_left_as_printed(text: str) -> None:
    assert repair_mojibake(text) == text


@pytest.mark.parametrize("seed", [SEED_PAPER, SEED_APP])
def test_the_seeds_are_not_touched(seed) -> None:
    text = seed.read_text(encoding="utf-8")
    assert repair_mojibake(text) == text


def test_line_breaks_are_kept_so_line_numbers_hold() -> None:
    text = SEED_PAPER.read_text(encoding="utf-8")
    repaired = repair_mojibake(garble(text))
    assert repaired.split("\n") == text.split("\n")


@pytest.mark.parametrize("codec", ["sloppy-windows-1252", "latin-1"])
@pytest.mark.parametrize("seed", [SEED_PAPER, SEED_APP])
def test_a_garbled_dump_cleans_as_the_clean_one(seed, codec: str) -> None:
    """Headline, byline, dateline, captions and body are found in a wholly garbled dump
    exactly as in the clean one."""
    cleaner = Cleaner(explain=True)
    text = seed.read_text(encoding="utf-8")
    garbled = garble(text, codec)
    assert garbled != text
    assert cleaner.clean(garbled, kind="text") == cleaner.clean(text, kind="text")


def test_a_dump_garbled_only_in_its_head_cleans_as_the_clean_one() -> None:
    """Aggregators join a garbled head (headline, byline, dateline) to a clean story."""
    cleaner = Cleaner(explain=True)
    text = SEED_PAPER.read_text(encoding="utf-8")
    lines = text.split("\n")
    head = "\n".join(lines[:12])
    assert "—" in head and garble(head) != head
    mixed = garble(head) + "\n" + "\n".join(lines[12:])
    clean = cleaner.clean(text, kind="text")
    assert clean.dateline is not None and clean.title and clean.byline
    assert cleaner.clean(mixed, kind="text") == clean


def test_a_garbled_fixture_dump_in_another_language() -> None:
    path = FIXTURES / "text" / "rnz-buchpreis-witzel.txt"
    text = path.read_text(encoding="utf-8")
    assert not text.isascii()
    cleaner = Cleaner(explain=True)
    assert cleaner.clean(garble(text), kind="text") == cleaner.clean(text, kind="text")


@pytest.mark.parametrize("clean_before", [0, 1, 7, 8, 9, 30])
@pytest.mark.parametrize("garbled", ["â€™", "Ã©", "\x85"])
def test_a_garble_past_many_clean_leads_is_found(clean_before: int, garbled: str) -> None:
    # Clean characters sharing a garble's first UTF-8 byte (é and no-break space: C3 A9 and
    # C2 A0; a garbled 'é' is C3 83 C2 A9, a C1 control C2 85) before one garble: each of the
    # first few leads is tried where it stands, the rest searched (normalize._MOJIBAKE_LEADS)
    clean = "café bar\u00a0x " * clean_before
    assert repair_mojibake(clean) == clean
    text = clean + f"it{garbled}s here"
    assert repair_mojibake(text) != text
    assert repair_mojibake(text.replace(garbled, "’")) == text.replace(garbled, "’")
