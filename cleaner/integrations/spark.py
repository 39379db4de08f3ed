"""The cleaner in Spark: a ``mapPartitions`` function (one Cleaner per partition) and an example
job from WARC files to JSON lines or Parquet.

::

    from functools import partial
    from cleaner.integrations.spark import clean_partition, read_pages, schema

    pages = sc.parallelize(warc_paths, len(warc_paths)).flatMap(read_pages)
    records = pages.mapPartitions(partial(clean_partition, allow_empty=False))
    spark.createDataFrame(records, schema()).write.parquet("articles/")

The example job (``python -m cleaner.integrations.spark OUT WARC…``) does the same, and names
each failed page on stderr as the ``cleaner`` command does (``path: reason``: a missing input,
a page with no story; the first 50, the rest counted), exiting 1 when one failed, and refuses
an output folder holding files a Spark job did not write (Spark's overwrite mode replaces the
whole folder);
``spark-submit …/cleaner/integrations/spark.py OUT WARC…`` runs this file on a cluster.
Records carry ``path``, ``url``, ``warc_record_id``, ``error`` (null when cleaned) and the
Article's fields. A partition's pages are cleaned in one supervised worker
process (:func:`cleaner.batch.run_batch`), so a page that hangs past ``timeout`` or kills the
worker fails alone (its record has ``error`` set) and the partition goes on.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

# absolute imports: ``spark-submit`` runs this module as a file, outside its package
from cleaner.api import Cleaner
from cleaner.article import FIELD_ORDER
from cleaner.batch import DEFAULT_TIMEOUT, run_batch
from cleaner.decode import Kind
from cleaner.inputs import Source, iter_sources
from cleaner.many import CleanWork, with_article

#: The columns of a cleaned record, in order: where it came from, then the Article's fields.
COLUMNS = ("path", "url", "warc_record_id", "error", *FIELD_ORDER, "warnings")


def read_pages(path: str) -> Iterator[dict[str, Any]]:
    """The pages of one input (a WARC file, a page, a folder: as the ``cleaner`` command reads
    them), as rows ``{path, url, warc_record_id, data, error}``, for ``flatMap``."""
    for source in iter_sources([path]):
        yield {
            "path": source.path,
            "url": source.url,
            "warc_record_id": source.warc_record_id,
            "data": source.data,
            "error": source.error,
        }


def clean_partition(
    rows: Iterable[Any],
    *,
    rules: Sequence[str] = (),
    builtin: bool = True,
    disable: Sequence[str] = (),
    explain: bool = False,
    kind: Kind | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    allow_empty: bool = False,
) -> Iterator[dict[str, Any]]:
    """Clean a partition's rows (dicts or Rows with ``data``, str or bytes, and optionally
    ``url``, ``path``, ``warc_record_id``, ``error``): one record per row, in order, with
    :data:`COLUMNS`. Bind the options with ``functools.partial``."""
    cleaner = Cleaner(rule_dirs=rules, builtin=builtin, disable=disable, explain=explain)
    work = CleanWork(cleaner, kind=kind, allow_empty=allow_empty)
    sources = (_source(row, i) for i, row in enumerate(rows))
    for raw in run_batch(sources, work, jobs=1, timeout=timeout):
        result = with_article(raw)
        record: dict[str, Any] = dict.fromkeys(COLUMNS)
        record.update(
            path=result.source.path,
            url=result.source.url,
            warc_record_id=result.source.warc_record_id,
            error=result.error,
        )
        if result.value is not None:
            data = result.value.to_dict(with_removed=explain)
            record.update(data)
        yield record


def _source(row: Any, index: int) -> Source:
    """A row's page. A column of the wrong type is the row's failure, named ('the row's 'url'
    is int, not the page's URL (str)'), where it failed as 'internal error (TypeError: …);
    please report it'; a URL in bytes is decoded from UTF-8, as the Scrapy pipeline does."""
    get = row.get if isinstance(row, dict) else (lambda key: getattr(row, key, None))
    path = get("path")
    shown = str(path) if path is not None and path != "" else f"#{index}"
    data, url, error = get("data"), get("url"), get("error")
    if isinstance(url, bytes | bytearray):
        try:
            url = bytes(url).decode("utf-8")
        except UnicodeDecodeError:
            error = error or "the row's 'url' is bytes that are not UTF-8, not the page's URL"
            url = None
    if data is not None and not isinstance(data, str | bytes | bytearray):
        error = error or f"the row's 'data' is {type(data).__name__}, not the page (str or bytes)"
        data = None
    if url is not None and not isinstance(url, str):
        error = error or f"the row's 'url' is {type(url).__name__}, not the page's URL (str)"
        url = None
    return Source(
        shown,
        data=bytes(data) if isinstance(data, bytearray) else (data or b""),
        url=url,
        warc_record_id=get("warc_record_id"),
        error=error,
    )


def schema() -> Any:
    """The Spark schema of a cleaned record."""
    from pyspark.sql.types import (
        ArrayType,
        DoubleType,
        StringType,
        StructField,
        StructType,
    )

    text = StringType()
    texts = ArrayType(text)
    dateline = StructType([StructField(k, text) for k in ("place", "agency", "raw")])
    removal = StructType(
        [StructField("rule", text), StructField("text", text), StructField("score", DoubleType())]
    )
    kinds = {
        "authors": texts,
        "credits": texts,
        "captions": texts,
        "warnings": texts,
        "dateline": dateline,
        "removed": ArrayType(removal),
    }
    return StructType([StructField(name, kinds.get(name, text)) for name in COLUMNS])


#: How many failed pages :func:`run_job` brings back to the driver by name (the rest counted).
SHOWN_FAILURES = 50


@dataclass(frozen=True)
class JobReport:
    """What a job cleaned: the pages read, the pages that failed (an input that cannot be read
    counts as one), and the first :data:`SHOWN_FAILURES` failures' ``(path, error)``."""

    pages: int
    failed: int
    failures: tuple[tuple[str, str], ...]


def run_job(
    spark: Any,
    inputs: Sequence[str],
    output: str,
    *,
    fmt: str = "jsonl",
    errors: bool = False,
    **options: Any,
) -> JobReport:
    """Clean ``inputs`` (WARC files, pages, folders) into ``output``: a folder of JSON-lines or
    Parquet part files. Failed pages are left out unless ``errors``; the report names them
    (the records are kept by Spark between the write and the report, not cleaned twice)."""
    from functools import partial

    paths = list(inputs)
    pages = spark.sparkContext.parallelize(paths, max(1, len(paths))).flatMap(read_pages)
    records = pages.mapPartitions(partial(clean_partition, **options))
    frame = spark.createDataFrame(records, schema()).persist()
    try:
        kept = frame if errors else frame.where(frame.error.isNull())
        writer = kept.write.mode("overwrite")
        if fmt == "parquet":
            writer.parquet(output)
        else:
            writer.option("ignoreNullFields", "false").json(output)
        failed = frame.where(frame.error.isNotNull()).select("path", "error")
        shown = tuple((row.path, row.error) for row in failed.limit(SHOWN_FAILURES).collect())
        return JobReport(frame.count(), failed.count(), shown)
    finally:
        frame.unpersist()


def main(argv: Sequence[str] | None = None) -> int:
    """The example job: ``python -m cleaner.integrations.spark OUT INPUT…``. Called where a
    Spark session is active (a notebook), it runs there and leaves the session running."""
    parser = argparse.ArgumentParser(
        prog="python -m cleaner.integrations.spark",
        description="Clean WARC files (or pages, folders) with Spark into JSON lines or Parquet.",
    )
    parser.add_argument("output", help="output folder (Spark part files)")
    parser.add_argument("inputs", nargs="+", help="WARC files, pages or folders")
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    parser.add_argument("--master", default=None, help="Spark master (default: local[*])")
    parser.add_argument("--errors", action="store_true", help="keep failed pages (error set)")
    parser.add_argument("--allow-empty", action="store_true", help="keep pages with no story")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS")
    args = parser.parse_args(argv)
    others = _not_spark_output(args.output)
    if others:
        # Spark's overwrite mode deletes the folder first: a folder of anything else ('.',
        # a home folder, a folder of pages) would be lost with it
        parser.error(
            f"{args.output} holds files a Spark job did not write ({', '.join(others[:3])}"
            f"{', …' if len(others) > 3 else ''}), and the job replaces the whole folder: "
            "give a new folder, or one an earlier job wrote"
        )

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter
    builder = (
        SparkSession.builder.appName("cleaner")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if args.master or "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit
        builder = builder.master(args.master or "local[*]")
    active = SparkSession.getActiveSession()  # called from a running session: use it
    spark = active or builder.getOrCreate()
    try:
        report = run_job(
            spark,
            args.inputs,
            args.output,
            fmt=args.format,
            errors=args.errors,
            allow_empty=args.allow_empty,
            timeout=args.timeout or None,
        )
    finally:
        if active is None:
            spark.stop()
    return _told(report)


#: The files a Spark job writes in its output folder (and its checksums, ``.NAME.crc``).
_SPARK_FILES = ("part-*", "_SUCCESS", "_committed_*", "_started_*", "_temporary")


def _not_spark_output(output: str) -> list[str]:
    """The names in a local output folder that no Spark job writes (none when the folder is
    not there, or is not local: ``hdfs://``, ``s3a://``)."""
    import fnmatch

    if "://" in output or not os.path.isdir(output):
        return []
    names = sorted(name.removeprefix(".").removesuffix(".crc") for name in os.listdir(output))
    return [n for n in names if not any(fnmatch.fnmatch(n, p) for p in _SPARK_FILES)]


def _told(report: JobReport) -> int:
    """Say on stderr what failed, as the ``cleaner`` command does (``path: reason``), and
    return its exit code: 1 when a page failed or no page was found, else 0."""
    for path, error in report.failures:
        print(f"{path}: {error}", file=sys.stderr)
    more = report.failed - len(report.failures)
    if more:
        print(
            f"cleaner: {more} more pages failed ('--errors' writes each with its error)",
            file=sys.stderr,
        )
    if not report.pages:
        print("cleaner: no pages found in the inputs", file=sys.stderr)
    return 1 if report.failed or not report.pages else 0


if __name__ == "__main__":
    if not __package__:  # run as a file (spark-submit): its folder is first on sys.path, and its
        # datatrove.py and scrapy.py would stand for those packages in what is imported next
        _here = os.path.dirname(os.path.abspath(__file__))
        sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _here]
    raise SystemExit(main())
