"""Build small WARC and ARC files for tests, byte by byte as the formats define them (WARC 1.0:
a header block, then the content block; gzipped archives compress each record as its own
member), so the reader is tested against the format, not against another library's writer."""

from __future__ import annotations

import gzip
import uuid
from collections.abc import Iterable
from pathlib import Path

#: (url, status, content type, body) of one response record.
Response = tuple[str, int, str, bytes]


def warc_record(
    record_type: str, url: str, block: bytes, content_type: str, *extra: str
) -> tuple[str, bytes]:
    """``(record id, record bytes)`` of one WARC 1.0 record (``extra``: more header lines)."""
    record_id = f"urn:uuid:{uuid.uuid4()}"
    headers = [
        "WARC/1.0",
        f"WARC-Type: {record_type}",
        f"WARC-Record-ID: <{record_id}>",
        "WARC-Date: 2024-01-01T00:00:00Z",
        *([f"WARC-Target-URI: {url}"] if url else []),
        f"Content-Type: {content_type}",
        f"Content-Length: {len(block)}",
        *extra,
    ]
    return record_id, ("\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(status: int, content_type: str, body: bytes) -> bytes:
    reason = {200: "OK", 404: "Not Found", 301: "Moved Permanently"}.get(status, "Other")
    head = f"HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n"
    return (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body


def write_warc(path: Path, responses: Iterable[Response], *, gzipped: bool = True) -> list[str]:
    """A WARC with a warcinfo record, then per response a request and the response record;
    returns the response records' ids (``urn:uuid:…``), in order."""
    records = [warc_record("warcinfo", "", b"software: tests\r\n", "application/warc-fields")[1]]
    ids: list[str] = []
    for url, status, content_type, body in responses:
        request = b"GET / HTTP/1.1\r\nHost: example\r\n\r\n"
        records.append(warc_record("request", url, request, "application/http; msgtype=request")[1])
        record_id, record = warc_record(
            "response",
            url,
            http_response(status, content_type, body),
            "application/http; msgtype=response",
            # as Common Crawl identifies payloads (datatrove's reader relies on it)
            f"WARC-Identified-Payload-Type: {content_type.split(';')[0]}",
        )
        records.append(record)
        ids.append(record_id)
    with open(path, "wb") as out:
        for record in records:
            out.write(gzip.compress(record) if gzipped else record)
    return ids


def write_arc(path: Path, responses: Iterable[Response], *, gzipped: bool = False) -> None:
    """An ARC (version 1) file holding the responses."""
    first = b"1 0 Tests\nURL IP-address Archive-date Content-type Archive-length\n"
    members = [
        b"filedesc://%s 0.0.0.0 20240101000000 text/plain %d\n%s\n"
        % (path.name.encode(), len(first), first)
    ]
    for url, status, content_type, body in responses:
        http = http_response(status, content_type, body)
        members.append(
            b"%s 127.0.0.1 20240101000000 %s %d\n%s\n"
            % (url.encode(), content_type.split(";")[0].encode(), len(http), http)
        )
    # gzipped ARC files compress each record as its own gzip member
    path.write_bytes(b"".join(gzip.compress(m) if gzipped else m for m in members))
