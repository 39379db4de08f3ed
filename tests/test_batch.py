"""The batch runner (cleaner.batch) and Cleaner.clean_many: order, isolation, time limits,
flat memory. Work functions here misbehave on purpose, in the worker processes only."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest

from cleaner import Cleaner, InputError, clean
from cleaner.batch import BatchResult, run_batch
from cleaner.decode import Kind
from cleaner.inputs import Source
from cleaner.many import CleanWork

from .conftest import SEED_APP, SEED_PAPER


def sources(*names: str) -> list[Source]:
    return [Source(name, data=name.encode(), name=name) for name in names]


def misbehave(source: Source) -> str:
    """Module-level, so it can be handed to forkserver workers too."""
    name = source.path
    if name.startswith("sleep"):
        time.sleep(float(name.split(":")[1]))
    elif name == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif name == "segfault":
        ctypes.string_at(0)  # reads address 0: SIGSEGV
    elif name == "raise":
        raise ValueError("a bug")
    elif name == "refuse":
        raise InputError("input is empty")
    return f"{name} by {os.getpid()}"


def values(results: Iterator[BatchResult[str]]) -> list[str]:
    return [r.value.split(" by ")[0] if r.value else f"{r.source.path}: {r.error}" for r in results]


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_in_source_order_whatever_finishes_first(jobs: int) -> None:
    batch = sources("sleep:0.3", "a", "sleep:0.1", "b", "c")
    assert values(run_batch(batch, misbehave, jobs=jobs)) == [
        "sleep:0.3",
        "a",
        "sleep:0.1",
        "b",
        "c",
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_killed_or_crashed_worker_fails_its_source_alone(jobs: int) -> None:
    batch = sources("a", "kill", "b", "segfault", "c", "raise", "refuse", "d")
    assert values(run_batch(batch, misbehave, jobs=jobs)) == [
        "a",
        "kill: worker killed (SIGKILL: out of memory, or killed from outside)",
        "b",
        "segfault: worker crashed (SIGSEGV)",
        "c",
        "raise: internal error (ValueError: a bug); please report it",
        "refuse: input is empty",
        "d",
    ]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_source_past_the_time_limit_fails_alone(jobs: int) -> None:
    start = time.monotonic()
    batch = sources("a", "sleep:30", "b")
    assert values(run_batch(batch, misbehave, jobs=jobs, timeout=0.5)) == [
        "a",
        "sleep:30: timed out after 0.5 s",
        "b",
    ]
    assert time.monotonic() - start < 10


def test_a_time_limit_of_0_is_none_and_one_below_0_is_refused() -> None:
    # Cleaner.clean_many(timeout=0) failed every page, 'timed out after 0 s', where
    # cleaner --timeout 0 is no limit; -1 failed every page too, and NaN was no limit
    batch = sources("sleep:0.2", "b")
    assert values(run_batch(batch, misbehave, jobs=2, timeout=0)) == ["sleep:0.2", "b"]
    for wrong in (-1, float("nan")):
        with pytest.raises(ValueError, match=r"timeout takes seconds \(None, 0 or inf"):
            list(run_batch(sources("a"), misbehave, timeout=wrong))


def test_an_infinite_time_limit_is_no_limit() -> None:
    # Cleaner.clean_many(timeout=math.inf) raised OverflowError from the wait for a result
    batch = sources("a", "b")
    assert values(run_batch(batch, misbehave, jobs=2, timeout=float("inf"))) == ["a", "b"]


def test_unreadable_sources_pass_through_in_place() -> None:
    batch = [*sources("a"), Source("gone.html", error="no such file"), *sources("b")]
    assert values(run_batch(batch, misbehave, jobs=2)) == ["a", "gone.html: no such file", "b"]


def test_sources_are_pulled_only_as_workers_free_up() -> None:
    pulled = 0

    def endless() -> Iterator[Source]:
        nonlocal pulled
        while True:
            pulled += 1
            yield Source(str(pulled), data=b"x")

    results = run_batch(endless(), misbehave, jobs=2, window=4)
    for _ in range(10):
        next(results)
    results.close()
    assert pulled <= 10 + 4 + 2  # never more than the window ahead of what was taken


def test_workers_are_replaced_after_max_tasks() -> None:
    results = list(run_batch(sources(*"abcdef"), misbehave, jobs=1, max_tasks=2))
    pids = [r.value.split(" by ")[1] for r in results if r.value]
    assert len(pids) == 6 and len(set(pids)) == 3


def test_the_results_do_not_hold_the_page_data() -> None:
    [result] = run_batch(sources("a"), misbehave)
    assert result.source.data == b"" and result.source.path == "a"


PAGE_WITH_CANONICAL = (
    b'<html><head><title>Park</title><link rel="canonical" href="https://news.example/park">'
    b"</head><body><article><h1>Park plan approved</h1>"
    + b"<p>The city council approved a new park on Monday after a long debate about the land.</p>"
    * 4
    + b"</article></body></html>"
)


def test_clean_many_gives_the_articles_of_clean_in_order() -> None:
    pages = [SEED_PAPER.read_bytes(), PAGE_WITH_CANONICAL, SEED_APP.read_text(encoding="utf-8")]
    results = list(Cleaner().clean_many(pages, jobs=2))
    assert [r.value for r in results] == [clean(page) for page in pages]
    assert [r.source.path for r in results] == ["#0", "#1", "#2"]
    assert results[1].source.url == "https://news.example/park"  # the page's canonical link


def test_clean_many_names_a_page_that_is_not_one_and_takes_a_bytearray() -> None:
    # before: 'internal error (TypeError: …); please report it' for each, a bytearray too
    pages = [None, 5, bytearray(SEED_PAPER.read_bytes())]
    results = list(Cleaner().clean_many(pages))  # type: ignore[arg-type]
    assert [r.error for r in results] == [
        "a page is str or bytes, not NoneType",
        "a page is str or bytes, not int",
        None,
    ]
    assert results[2].value == clean(SEED_PAPER.read_bytes())


def test_clean_many_no_story_fails_when_asked() -> None:
    pages = ["", "<html><body><nav>Home</nav></body></html>", SEED_PAPER.read_bytes()]
    results = list(Cleaner().clean_many(pages, allow_empty=False))
    assert [r.error for r in results] == ["input is empty", "no story found", None]
    kept = list(Cleaner().clean_many(pages[1:2]))
    assert kept[0].value is not None and kept[0].value.warnings


def test_clean_many_while_threads_run_pickles_the_cleaner_to_its_workers() -> None:
    # With another thread alive the runner does not fork; the Cleaner travels by pickle.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        results = list(Cleaner(explain=True).clean_many([SEED_PAPER.read_bytes()], jobs=1))
    finally:
        stop.set()
        thread.join()
    assert results[0].value == Cleaner(explain=True).clean(SEED_PAPER.read_bytes())
    assert results[0].value is not None and results[0].value.removed


def test_large_sources_go_only_to_idle_workers_and_come_back_in_order() -> None:
    big = [Source(f"big{i}", data=b"x" * (3 << 20)) for i in range(3)]  # past PREFETCH_BYTES
    batch = [big[0], *sources("a"), big[1], *sources("sleep:0.2", "b"), big[2]]
    assert values(run_batch(batch, misbehave, jobs=2)) == [
        "big0",
        "a",
        "big1",
        "sleep:0.2",
        "b",
        "big2",
    ]


class Prepared:
    """A work function whose ``prepare()`` leaves a mark that forked workers inherit."""

    def __init__(self) -> None:
        self.prepared_by: int | None = None

    def prepare(self, first: list[Source]) -> None:
        assert len(first) == 2
        self.prepared_by = os.getpid()

    def __call__(self, source: Source) -> str:
        return f"{self.prepared_by} {os.getpid()}"


@pytest.mark.parametrize("jobs", [1, 2])
def test_prepare_runs_here_once_and_every_worker_inherits_it(jobs: int) -> None:
    work = Prepared()
    here = str(os.getpid())
    # max_tasks=1: a new worker for every source, each forked after the preparation
    results = [r.value for r in run_batch(sources(*"abcd"), work, jobs=jobs, max_tasks=1)]
    assert work.prepared_by == os.getpid()
    marks = [value.split() for value in results if value]
    assert len(marks) == 4 and all(mark == here and pid != here for mark, pid in marks)
    alone = Prepared()  # one source: not worth preparing for
    [result] = run_batch(sources("a"), alone)
    assert result.value is not None and result.value.startswith("None ")
    assert alone.prepared_by is None


WARM_PROBE = """
import resource, sys
from cleaner import Cleaner
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
cleaner = Cleaner()
if sys.argv[1] == "warm":
    cleaner.warm_up()
start = cpu()
cleaner.clean(sys.stdin.read())
print(cpu() - start)
"""


@pytest.mark.parametrize(
    ("first", "kind", "html"),
    [
        (["text", "text"], None, False),
        (["text", "html"], None, True),
        ([], None, True),  # nothing known of the batch: warmed for both
        (["text", "text"], "html", True),
        (["html", "html"], "text", False),
        (["unreadable", "text"], None, False),
    ],
)
def test_prepare_warms_the_html_path_only_for_a_batch_with_html(
    monkeypatch: pytest.MonkeyPatch, first: list[str], kind: Kind | None, html: bool
) -> None:
    """A batch of text dumps does not pay dateparser's locales (2.4 s of CPU) before forking."""
    import cleaner.html.extract

    calls: list[str] = []
    monkeypatch.setattr(cleaner.html.extract, "warm_up", lambda: calls.append("html"))
    pages = {
        "text": Source("a.txt", data=SEED_PAPER.read_bytes()),
        "html": Source("b.html", data=b"<html><body><p>A park.</p></body></html>"),
        "unreadable": Source("c.pdf", data=b"%PDF-1.4 ..."),
    }
    CleanWork(Cleaner(), kind=kind).prepare([pages[name] for name in first])
    assert calls == (["html"] if html else [])


def test_warm_up_takes_the_first_pages_one_time_cost() -> None:
    """A date only dateparser reads costs over a second of CPU on the first page of a process
    (every locale's patterns compiled); after warm_up() it costs what any page costs."""
    page = (
        "<html><body><article><h1>Park approved</h1><p>Managua, Nicaragua 26, Abril, 2022 7:43</p>"
        + "<p>The council approved a new park on Monday after a long debate about the land.</p>" * 4
        + "</article></body></html>"
    )
    cost = {}
    for mode in ("cold", "warm"):
        probe = subprocess.run(
            [sys.executable, "-c", WARM_PROBE, mode],
            input=page,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        cost[mode] = float(probe.stdout)
    assert cost["cold"] > 0.5 and cost["warm"] < cost["cold"] / 5, cost
