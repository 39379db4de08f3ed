"""Bad inputs give a clear error or an empty Article with a reason, quickly, never a traceback;
in a batch, the other inputs are still cleaned."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.errors import InputError
from cleaner.html import MAX_HTML_CHARS

STORY = (
    "<p>The harbour reopened on Friday after a week of storms had kept every boat in port and "
    "left the fish market empty for the first time in living memory.</p>"
    "<p>Fishermen said the damage to the pier was less than feared, and that repairs would be "
    "finished before the summer season brings the tourists back to the town.</p>"
)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        ("   \n\t ", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "PNG"),
        (b"<html>\x00\x00\x00\x00\x01\x02" * 200, "binary"),
    ],
    ids=["empty-bytes", "blank-str", "pdf", "png", "nul-bytes"],
)
def test_not_a_page_is_a_clear_error(cleaner: Cleaner, data: bytes | str, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        cleaner.clean(data, name="input.html")
    assert str(caught.value).startswith("input.html: ")


def test_huge_page_is_refused(cleaner: Cleaner) -> None:
    paragraph = "<p>" + "Word after word after word. " * 20 + "</p>"
    html = "<html><body><article>" + paragraph * (20_000_000 // len(paragraph)) + "</article>"
    assert len(html) > MAX_HTML_CHARS
    with pytest.raises(InputError, match="MB"):
        cleaner.clean(html.encode())


def test_huge_scripts_are_stripped_not_refused(cleaner: Cleaner) -> None:
    html = (
        "<html><head><script>" + "var x = 1;" * (MAX_HTML_CHARS // 9) + "</script></head>"
        "<body><article>" + STORY + "</article></body></html>"
    )
    assert cleaner.clean(html).body.startswith("The harbour reopened")


def test_deeply_nested_markup(cleaner: Cleaner) -> None:
    def nested(depth: int) -> str:
        return "<html><body>" + "<div>" * depth + STORY + "</div>" * depth + "</body></html>"

    assert cleaner.clean(nested(200)).body.startswith("The harbour reopened")
    # lxml stops nesting at 255 levels: past it the story is out of reach, and the Article
    # says so instead of a recursion error
    article = cleaner.clean(nested(50_000))
    assert (article.body, article.warnings) == ("", ("no story text found on the page",))


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><article><p>Unclosed <b>bold <div><table><tr><td>cell"
        + STORY
        + "</i></span></body>",
        "<p>" + STORY + "</html></html><body><body>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><article>" + STORY + "</article>",
        "<html><body><article>" + STORY.replace("<p>", "<p>&#xD800;&bogus;&#0;") + "</article>",
    ],
    ids=["unclosed", "misordered", "xml-declaration", "bad-entities"],
)
def test_broken_markup_is_read(cleaner: Cleaner, html: str) -> None:
    article = cleaner.clean(html, kind="html")
    assert "The harbour reopened" in article.body


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav></body></html>",
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<html><body><img src='a.png'><img src='b.png'></body></html>",
    ],
    ids=["menu-only", "empty-body", "images-only"],
)
def test_page_without_article_is_empty_with_a_reason(cleaner: Cleaner, html: str) -> None:
    article = cleaner.clean(html)
    assert article.body == ""
    assert article.warnings


def test_batch_goes_on_after_a_bad_input(tmp_path: Path) -> None:
    good = tmp_path / "good.html"
    good.write_text("<html><body><article>" + STORY + "</article></body></html>", "utf-8")
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n%binary")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    run = subprocess.run(
        [sys.executable, "-m", "cleaner", "-f", "jsonl", str(bad), str(good), str(empty)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(lines) == 1 and lines[0]["body"].startswith("The harbour reopened")
    assert "Traceback" not in run.stderr
    assert f"{bad}: " in run.stderr and "PDF" in run.stderr
    assert f"{empty}: " in run.stderr
