"""Web archives (WARC with FastWARC, the older ARC with warcio) → the HTML pages they hold.

Every ``response`` record with HTTP status 200 and an HTML payload becomes one page, with its
``WARC-Target-URI`` as URL and its ``WARC-Record-ID``; every other record is skipped and counted
by reason in the caller's counter. Records are read one at a time: a 1 GB archive is never held
in memory.
"""

from __future__ import annotations

import io
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

#: Payload media types cleaned as pages.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: A payload larger than this is skipped (counted), not read.
MAX_RECORD_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Record:
    """One HTML page from an archive."""

    record_id: str | None
    url: str | None
    data: bytes
    offset: int | None
    #: Why the page cannot be cleaned (its record is cut short), or None.
    error: str | None = None


def is_warc(head: bytes) -> bool:
    """Whether decompressed bytes start a WARC file.

    >>> is_warc(b"WARC/1.0\\r\\n"), is_warc(b"<html>")
    (True, False)
    """
    return head.startswith(b"WARC/")


def is_arc(head: bytes) -> bool:
    """Whether decompressed bytes start an ARC file (the Internet Archive's older format).

    >>> is_arc(b"filedesc://crawl.arc 0.0.0.0 20100101000000 text/plain 77")
    True
    """
    return head.startswith(b"filedesc://")


def iter_warc(stream: IO[bytes], skipped: Counter[str]) -> Iterator[Record]:
    """The HTML pages of a WARC file (gzipped or not); other records counted in ``skipped``.

    FastWARC reads it; it needs a seekable stream (a file): pipes go to :func:`iter_warcio`.
    """
    if not stream.seekable():
        yield from iter_warcio(stream, skipped)
        return
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    for record in ArchiveIterator(stream, parse_http=True, auto_decode="all"):
        if record.headers.get("Content-Length") is None:  # every WARC record states it:
            # the file ends inside this record's header (FastWARC hands over what it read)
            yield _cut_in_header(record.headers.get("WARC-Record-ID"), record.stream_pos, "WARC")
            continue
        if record.record_type != WarcRecordType.response:
            skipped[f"WARC {_type_name(record.record_type)} record"] += 1
            continue
        http = record.http_headers
        status = http.status_code if http is not None else None
        reason = _refusal(status, record.http_content_type, record.content_length)
        # no status line, or one cut short ('HTTP/1.1 20'): the file may end there
        if reason and (status is None or status < 100) and _rest_cut_short(record):
            yield _cut_in_header(record.record_id, record.stream_pos, "HTTP")
            continue
        if reason:
            skipped[reason] += 1
            continue
        data = record.reader.read()
        cut = _cut_short(len(data), record.content_length, http)
        yield Record(
            record_id=_strip_brackets(record.record_id),
            url=record.headers.get("WARC-Target-URI") or None,
            data=b"" if cut else data,
            offset=record.stream_pos,
            error=cut,
        )


def _rest_cut_short(record: Any) -> bool:
    """Whether a FastWARC record's block ends before its Content-Length (read in pieces, so a
    large one is not held). Only for records without HTTP headers to decode its payload by."""
    expected: int = record.content_length
    read = 0
    while chunk := record.reader.read(1 << 16):
        read += len(chunk)
    return read < expected


def _cut_in_header(
    record_id: str | None, offset: int | None, header: str, kind: str = "WARC"
) -> Record:
    """A record the file ends inside of before its payload: a failed input, since it may have
    been a page (its type and status may be what was cut)."""
    return Record(
        record_id=_strip_brackets(record_id),
        url=None,
        data=b"",
        offset=offset,
        error=f"{kind} record cut short (the file is truncated): the file ends in its {header}"
        " header",
    )


def iter_warcio(stream: IO[bytes], skipped: Counter[str], *, arc: bool = False) -> Iterator[Record]:
    """The HTML pages of a WARC or ARC stream (gzipped or not), read with warcio: for ARC
    files, which FastWARC does not read, and for WARC streams that cannot seek (stdin).
    ``arc``: the stream is ARC, whose records have no id (warcio invents one; dropped)."""
    from warcio.archiveiterator import ArchiveIterator

    kind = "ARC" if arc else "WARC"
    counted = _Counted(stream)
    records: Any = ArchiveIterator(io.BufferedReader(counted), arc2warc=True)
    for record in _until_cut(records, counted):
        if record.rec_type is None:  # the file ends inside its header: warcio read no type
            yield _cut_in_header(None, records.get_record_offset(), kind, kind)
            continue
        if record.rec_type != "response":
            # (an ARC file's header, its filedesc record, comes as a warcinfo record)
            what = "ARC file header" if arc and record.rec_type == "warcinfo" else None
            skipped[what or f"WARC {record.rec_type} record"] += 1
            continue
        http = record.http_headers
        status = _int(http.get_statuscode()) if http is not None else None
        content_type = http.get_header("Content-Type") if http is not None else None
        length = _int(record.rec_headers.get_header("Content-Length"))
        reason = _refusal(status, content_type, length or 0)
        if reason and (status is None or status < 100):  # no status line, or one cut short
            while record.raw_stream.read(1 << 16):
                pass
            if _left_unread(record, kind):
                record_id = None if arc else record.rec_headers.get_header("WARC-Record-ID")
                yield _cut_in_header(record_id, records.get_record_offset(), "HTTP", kind)
                continue
        if reason:
            skipped[reason] += 1
            continue
        data = record.content_stream().read()
        cut = _left_unread(record, kind)
        yield Record(
            record_id=None
            if arc
            else _strip_brackets(record.rec_headers.get_header("WARC-Record-ID")),
            url=record.rec_headers.get_header("WARC-Target-URI") or None,
            data=b"" if cut else data,
            offset=records.get_record_offset(),
            error=cut,
        )
    # warcio stops in silence at a header the file cuts short, or fails in it (_until_cut)
    if counted.eof and counted.holds_more(records.offset):
        yield _cut_in_header(None, records.offset, kind, kind)


def _until_cut(records: Any, counted: _Counted) -> Iterator[Any]:
    """warcio's records, ending quietly where warcio fails once the file has ended: in the
    header of a record the file cuts short (a response's without its URI: AttributeError)."""
    iterator = iter(records)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except Exception:
            if counted.eof and counted.holds_more(records.offset):
                return  # named by the caller
            raise
        yield record


class _Counted(io.RawIOBase):
    """A binary stream that counts the bytes read from it and keeps the last 64 KB."""

    TAIL = 1 << 16

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.total = 0
        self.tail = bytearray()
        self.eof = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.stream.read(len(buffer))
        self.eof = self.eof or not data
        buffer[: len(data)] = data
        self.total += len(data)
        self.tail += data
        if len(self.tail) > 2 * self.TAIL:  # trimmed now and then: each byte copied about once
            del self.tail[: -self.TAIL]
        return len(data)

    def holds_more(self, offset: int) -> bool:
        """Whether the bytes after ``offset`` (where the reader stopped) hold more than blank
        lines or empty gzip members: the start of a record the file cuts short."""
        left = self.total - offset
        if left <= 0:
            return False
        if left > len(self.tail):
            return True
        rest = bytes(self.tail[-left:])
        while rest.startswith(b"\x1f\x8b"):
            inflate = zlib.decompressobj(wbits=31)
            try:
                if inflate.decompress(rest).strip():
                    return True
            except zlib.error:
                return True
            rest = inflate.unused_data
        return bool(rest.strip())


def _left_unread(record: Any, kind: str) -> str | None:
    """Why a warcio record read to its end is not the whole page (the stream ends inside it),
    or None. warcio reads the record's block through a reader limited to its Content-Length,
    whose ``limit`` is what is left unread: counted in the archive's bytes, before any transfer
    or content decoding, so an encoded payload is judged too."""
    left = getattr(record.raw_stream, "limit", 0)
    if not isinstance(left, int) or left <= 0:
        return None
    expected = record.payload_length if record.payload_length >= 0 else record.length
    return _cut_message(expected - left, expected, kind)


def _cut_short(read: int, expected: int, http: Any) -> str | None:
    """Why a payload of ``read`` bytes whose record promises ``expected`` is not the whole page
    (the archive ends inside it), or None. A payload decoded from a transfer or content encoding
    has another length than the record's: it is not judged."""
    if read >= expected or any(
        http.get(name) for name in ("Transfer-Encoding", "Content-Encoding")
    ):
        return None
    return _cut_message(read, expected)


def _cut_message(read: int, expected: int, kind: str = "WARC") -> str:
    return f"{kind} record cut short (the file is truncated): {read:,} of {expected:,} bytes"


def _refusal(status: int | None, content_type: str | None, length: int) -> str | None:
    """Why a response record is not cleaned, or None to clean it."""
    if status != 200:
        return f"HTTP status {status}" if status is not None else "response without HTTP headers"
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media and media not in HTML_TYPES:
        return f"not HTML ({media})"
    if length > MAX_RECORD_BYTES:
        return f"record over {MAX_RECORD_BYTES // 2**20} MB"
    return None


def _type_name(record_type: Any) -> str:
    name = getattr(record_type, "name", None) or str(record_type)
    return str(name).rsplit(".", 1)[-1]


def _strip_brackets(record_id: str | None) -> str | None:
    """``<urn:uuid:…>`` → ``urn:uuid:…``."""
    if not record_id:
        return None
    return record_id.strip().removeprefix("<").removesuffix(">") or None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
