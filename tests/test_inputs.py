"""Batch inputs (cleaner.inputs): files, folders, lists of paths, stdin, gzip, WARC and ARC."""

from __future__ import annotations

import gzip
import io
import itertools
import os
import tracemalloc
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from cleaner import inputs
from cleaner.inputs import Source, count_sources, iter_sources, sidecar_url

from .warcs import warc_record, write_arc, write_warc

PAGE = b"<html><head><title>T</title></head><body><p>Words of a story.</p></body></html>"


def read(*paths: str | Path, **kwargs: object) -> list[Source]:
    return list(iter_sources(paths, **kwargs))  # type: ignore[arg-type]


def test_a_file_with_its_url_sidecar(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_bytes(PAGE)
    (tmp_path / "story.url").write_text("\nhttps://news.example/story\n")
    [source] = read(page)
    assert source == Source(
        str(page), data=PAGE, url="https://news.example/story", name=str(page).lstrip("/")
    )


def test_a_folder_is_walked_in_name_order_choosing_page_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for rel in (
        "b/2.html",
        "b/1.txt",
        "a.htm",
        "c/deep/3.html.gz",
        "notes.json",
        "x.url",
        ".hidden/4.html",
        ".5.html",
        "README",
    ):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(PAGE) if rel.endswith(".gz") else PAGE)
    skipped: Counter[str] = Counter()
    sources = read(".", skipped=skipped)
    assert [s.name for s in sources] == [
        "README",
        "a.htm",
        "b/1.txt",
        "b/2.html",
        "c/deep/3.html.gz",
    ]
    assert sources[0].path == "./README"
    assert all(s.data == PAGE for s in sources)  # the .gz one decompressed
    assert skipped == Counter({"files not chosen by name": 1})  # notes.json (x.url: a sidecar)
    assert count_sources(["."]) == 5
    assert count_sources(["."], limit=1) == 2  # stops walking past the limit
    chosen = read(".", glob=["*.html", "c/*/*.gz"])
    assert [s.name for s in chosen] == ["b/2.html", "c/deep/3.html.gz"]


def test_files_from_a_list_or_stdin_after_the_paths(tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt", "three.txt"):
        (tmp_path / name).write_text(f"The {name} story.")
    listing = tmp_path / "list"
    listing.write_text(f"{tmp_path / 'two.txt'}\n\n{tmp_path / 'three.txt'}\r\n")
    sources = read(tmp_path / "one.txt", files_from=listing)
    assert [s.data for s in sources] == [
        b"The one.txt story.",
        b"The two.txt story.",
        b"The three.txt story.",
    ]
    stdin = io.BytesIO(f"{tmp_path / 'three.txt'}\n".encode())
    assert [s.data for s in read(files_from="-", stdin=stdin)] == [b"The three.txt story."]


class EndlessList(io.RawIOBase):
    """A list of paths that never ends (one path, again and again), counting what is read."""

    def __init__(self, path: Path) -> None:
        self.line = f"{path}\n".encode()
        self.given = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        lines = self.line * (len(buffer) // len(self.line) or 1)
        size = min(len(buffer), len(lines))
        buffer[:size] = lines[:size]
        self.given += size
        return size


def test_a_list_of_paths_is_read_a_line_at_a_time_never_whole(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    endless = EndlessList(page)
    taken = list(itertools.islice(iter_sources([], files_from="-", stdin=endless), 3))  # type: ignore[arg-type]
    assert [s.data for s in taken] == [PAGE] * 3
    assert endless.given < 64 * 1024  # a buffer's worth of an endless list, not all of it


def test_a_list_that_cannot_be_read_is_an_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(inputs.ListError, match="no such file"):
        read(files_from=tmp_path / "nope")


def test_gzip_pages_by_suffix_or_sniffed_and_stdin(tmp_path: Path) -> None:
    disguised = tmp_path / "page.html"
    disguised.write_bytes(gzip.compress(PAGE))
    assert read(disguised)[0].data == PAGE
    [from_stdin] = read("-", stdin=io.BytesIO(gzip.compress(PAGE)))
    assert (from_stdin.path, from_stdin.name, from_stdin.data) == ("<stdin>", "stdin", PAGE)


def test_unreadable_inputs_are_named_with_a_reason_and_the_rest_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(gzip.compress(PAGE)[:30])
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"x" * 2000)
    good = tmp_path / "good.html"
    good.write_bytes(PAGE)
    monkeypatch.setattr(inputs, "MAX_INPUT_BYTES", 1000)
    sources = read(tmp_path / "missing.html", broken, huge, good)
    assert [(Path(s.path).name, s.error) for s in sources] == [
        ("missing.html", "no such file"),
        ("broken.html.gz", "truncated gzip data"),
        ("huge.txt", "input is over the 0 MB limit"),
        ("good.html", None),
    ]


def responses() -> list[tuple[str, int, str, bytes]]:
    return [
        ("https://a.example/one", 200, "text/html; charset=utf-8", b"<p>One</p>"),
        ("https://a.example/gone", 404, "text/html", b"<p>Gone</p>"),
        ("https://a.example/logo.png", 200, "image/png", b"\x89PNG"),
        ("https://a.example/two", 200, "application/xhtml+xml", b"<p>Two</p>"),
    ]


@pytest.mark.parametrize("gzipped", [True, False])
def test_warc_html_responses_with_status_200_others_counted(tmp_path: Path, gzipped: bool) -> None:
    warc = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    ids = write_warc(warc, responses(), gzipped=gzipped)
    skipped: Counter[str] = Counter()
    sources = read(warc, skipped=skipped)
    assert [(s.url, s.data, s.warc_record_id) for s in sources] == [
        ("https://a.example/one", b"<p>One</p>", ids[0]),
        ("https://a.example/two", b"<p>Two</p>", ids[3]),
    ]
    assert sources[0].path == f"{warc}#{ids[0]}"
    assert sources[0].name == f"{str(warc).lstrip('/')}/{ids[0].removeprefix('urn:uuid:')}"
    assert skipped == Counter(
        {
            "WARC request record": 4,
            "WARC warcinfo record": 1,
            "HTTP status 404": 1,
            "not HTML (image/png)": 1,
        }
    )
    assert count_sources([warc]) is None  # records are only counted by reading


def test_a_warc_on_stdin_that_cannot_seek(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    ids = write_warc(warc, responses())
    read_fd, write_fd = os.pipe()
    os.write(write_fd, warc.read_bytes())  # small enough for the pipe buffer
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        sources = read("-", stdin=pipe)
    assert [(s.path, s.url) for s in sources] == [
        (f"<stdin>#{ids[0]}", "https://a.example/one"),
        (f"<stdin>#{ids[3]}", "https://a.example/two"),
    ]


@pytest.mark.parametrize("gzipped", [True, False])
def test_arc_files_read_with_warcio(tmp_path: Path, gzipped: bool) -> None:
    arc = tmp_path / ("old.arc.gz" if gzipped else "old.arc")
    write_arc(arc, responses(), gzipped=gzipped)
    skipped: Counter[str] = Counter()
    sources = read(arc, skipped=skipped)
    assert skipped["ARC file header"] == 1 and not skipped["WARC warcinfo record"]
    assert [(s.url, s.data, s.warc_record_id) for s in sources] == [
        ("https://a.example/one", b"<p>One</p>", None),
        ("https://a.example/two", b"<p>Two</p>", None),
    ]
    assert sources[0].path.startswith(f"{arc}#offset-")


def test_a_damaged_warc_is_named_after_the_pages_read(tmp_path: Path) -> None:
    warc = tmp_path / "damaged.warc.gz"
    write_warc(warc, responses())
    data = warc.read_bytes()
    middle = data.index(gzip.compress(b"WARC/1.0")[:4], len(data) // 2)  # a later member
    warc.write_bytes(data[:middle] + b"GARBAGE" * 10 + data[middle:])
    good = tmp_path / "good.txt"
    good.write_text("A page after the damaged archive.")
    sources = read(warc, good)
    assert sources[0].url == "https://a.example/one"
    assert sources[1].path == str(warc) and sources[1].error is not None
    assert sources[1].error.startswith("WARC unreadable after 1 pages (")
    assert sources[2].data == b"A page after the damaged archive."


def test_exclude_skips_pages_before_reading_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "b.html").write_bytes(PAGE)
    skipped: Counter[str] = Counter()
    sources = read(".", exclude=lambda name: name == "a.html", skipped=skipped)
    assert [s.name for s in sources] == ["b.html"] and skipped["already done"] == 1


def test_a_large_warc_is_streamed_not_held(tmp_path: Path) -> None:
    warc = tmp_path / "big.warc.gz"
    body = b"<p>" + b"word " * 40_000 + b"</p>"  # 200 KB a page, 100 pages: 20 MB of pages
    write_warc(warc, [(f"https://a.example/{i}", 200, "text/html", body) for i in range(100)])
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_sources([warc]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 100
    assert peak < 3 * len(body) + 2**20, peak


def test_output_names_are_the_inputs_paths_inside_the_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert inputs._output_name("pages/a.html") == "pages/a.html"
    assert inputs._output_name("./pages/x/../a.html") == "pages/a.html"
    assert inputs._output_name("/abs/a.html") == "abs/a.html"
    assert inputs._output_name("../up/a.html") == f"{tmp_path.parent}/up/a.html".lstrip("/")
    assert inputs._output_name("..") == str(tmp_path.parent).lstrip("/")


def test_sidecar_for_a_gzipped_page(tmp_path: Path) -> None:
    (tmp_path / "p.url").write_text("https://x.example/p")
    assert sidecar_url(str(tmp_path / "p.html.gz")) == "https://x.example/p"
    assert sidecar_url(str(tmp_path / "q.html")) is None
    # saved with a byte-order mark: the URL began with U+FEFF, its host unreadable
    (tmp_path / "b.url").write_text("\ufeffhttps://x.example/b\n", encoding="utf-8")
    assert sidecar_url(str(tmp_path / "b.html")) == "https://x.example/b"


def test_broken_and_looping_links_in_a_folder_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.html").write_bytes(PAGE)
    (tmp_path / "gone.html").symlink_to(tmp_path / "nowhere.html")
    (tmp_path / "loop.html").symlink_to(tmp_path / "loop.html")
    sources = read(".")
    assert [(s.name, s.error) for s in sources] == [
        ("gone.html", "no such file"),
        ("good.html", None),
        ("loop.html", "cannot read (Too many levels of symbolic links)"),
    ]


@pytest.mark.parametrize("gzipped", [True, False])
def test_a_warc_cut_short_in_its_last_page_names_that_page(tmp_path: Path, gzipped: bool) -> None:
    body = b"<p>" + b"A long page of a story. " * 400 + b"</p>"
    warc = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    ids = write_warc(warc, [("https://a.example/one", 200, "text/html", body)] * 2, gzipped=gzipped)
    data = warc.read_bytes()
    warc.write_bytes(data[: len(data) - (40 if gzipped else 2000)])  # the last page cut short
    sources = read(warc)
    assert [(s.data == body, s.error) for s in sources[:1]] == [(True, None)]
    assert sources[1].path == f"{warc}#{ids[1]}" and sources[1].data == b""
    assert sources[1].error is not None
    assert sources[1].error.startswith("WARC record cut short (the file is truncated): ")


@pytest.mark.parametrize("on_stdin", [False, True], ids=["file", "stdin"])
@pytest.mark.parametrize("gzipped", [True, False])
@pytest.mark.parametrize(
    ("where", "header"),
    [("WARC-Target-URI", "WARC"), ("HTTP/1.1 20", "HTTP")],
    ids=["in-warc-header", "in-http-status-line"],
)
def test_a_warc_cut_in_a_records_header_names_that_record(
    tmp_path: Path, gzipped: bool, where: str, header: str, on_stdin: bool
) -> None:
    # the file ends before the last record's payload: its type or status may be what is cut,
    # so it fails as a page cut short would (it was passed over, 'response without HTTP
    # headers' or 'HTTP status 20', and the run said nothing of a truncated file)
    body = b"<p>" + b"A long page of a story. " * 400 + b"</p>"
    plain = tmp_path / "plain.warc"
    ids = write_warc(plain, [("https://a.example/one", 200, "text/html", body)] * 2, gzipped=False)
    data = plain.read_bytes()
    last = data.rindex(b"WARC/1.0")
    cut = data[: data.index(where.encode(), last) + len(where)]
    warc = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    if gzipped:  # each record a gzip member; the last one's member ends where the download did
        members = data[:last].split(b"WARC/1.0")[1:]
        compressor = zlib.compressobj(wbits=31)
        partial = compressor.compress(cut[last:]) + compressor.flush(zlib.Z_SYNC_FLUSH)
        warc.write_bytes(b"".join(gzip.compress(b"WARC/1.0" + m) for m in members) + partial)
    else:
        warc.write_bytes(cut)
    skipped: Counter[str] = Counter()
    if on_stdin:  # warcio reads it, and drops a record whose header the file cuts in silence
        pipe = io.BufferedReader(_Unseekable(warc.read_bytes()))
        sources = read("-", stdin=pipe, skipped=skipped)
    else:
        sources = read(warc, skipped=skipped)
    assert [(s.data == body, s.error) for s in sources[:1]] == [(True, None)]
    # (warcio, reading a WARC header the file cuts, keeps no record id: the offset names it)
    named = ids[1] if header == "HTTP" or not on_stdin else "offset-"
    assert [
        (s.path.startswith(f"{'<stdin>' if on_stdin else warc}#{named}"), s.error)
        for s in sources[1:]
    ] == [
        (
            True,
            f"WARC record cut short (the file is truncated): the file ends in its {header} header",
        )
    ]
    assert skipped == Counter({"WARC request record": 2, "WARC warcinfo record": 1})


def test_a_whole_response_without_http_headers_is_still_passed_over(tmp_path: Path) -> None:
    # a response record of another protocol (a DNS answer) holds no HTTP status: it is read
    # to its end and counted, not taken for a record cut short
    _, record = warc_record(
        "response",
        "dns:a.example",
        b"20240101000000\r\na.example. 300 IN A 192.0.2.1\r\n",
        "text/dns",
    )
    warc = tmp_path / "dns.warc"
    warc.write_bytes(record)
    skipped: Counter[str] = Counter()
    assert read(warc, skipped=skipped) == []
    assert skipped == Counter({"response without HTTP headers": 1})


@pytest.mark.parametrize("gzipped", [True, False])
def test_a_warc_on_stdin_cut_short_names_that_page(gzipped: bool, tmp_path: Path) -> None:
    body = b"<p>" + b"A long page of a story. " * 400 + b"</p>"
    warc = tmp_path / "cut.warc"
    ids = write_warc(warc, [("https://a.example/one", 200, "text/html", body)] * 2, gzipped=gzipped)
    data = warc.read_bytes()
    cut = data[: len(data) - (40 if gzipped else 2000)]  # the last page cut short
    sources = read("-", stdin=io.BufferedReader(_Unseekable(cut)))
    assert [(s.data == body, s.error) for s in sources[:1]] == [(True, None)]
    assert sources[1].path == f"<stdin>#{ids[1]}" and sources[1].data == b""
    assert sources[1].error is not None
    assert sources[1].error.startswith("WARC record cut short (the file is truncated): ")
    if not gzipped:  # the same count FastWARC gives for the file: the body's bytes read
        assert sources[1].error.endswith(f": {len(body) - 1996:,} of {len(body):,} bytes")


@pytest.mark.parametrize("gzipped", [True, False])
def test_an_arc_cut_short_in_its_last_page_names_that_page(tmp_path: Path, gzipped: bool) -> None:
    body = b"<p>" + b"A long page of a story. " * 400 + b"</p>"
    arc = tmp_path / ("cut.arc.gz" if gzipped else "cut.arc")
    write_arc(arc, [("https://a.example/one", 200, "text/html", body)] * 2, gzipped=gzipped)
    data = arc.read_bytes()
    arc.write_bytes(data[: len(data) - 40])  # the last page cut short
    sources = read(arc)
    assert [(s.data == body, s.error) for s in sources[:1]] == [(True, None)]
    assert sources[1].path.startswith(f"{arc}#offset-") and sources[1].data == b""
    assert sources[1].error is not None
    assert sources[1].error.startswith("ARC record cut short (the file is truncated): ")
    if not gzipped:  # 40 bytes less: the record's closing newline and 39 of the body's
        assert sources[1].error.endswith(f": {len(body) - 39:,} of {len(body):,} bytes")


class _Unseekable(io.RawIOBase):
    """Bytes read as from a pipe: the reader cannot seek back."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        return self._data.readinto(buffer)
