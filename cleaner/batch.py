"""Run a function over a stream of Sources in supervised worker processes, results in order.

:func:`run_batch` is the batch runner every batch command shares (``cleaner``, and the
library's :meth:`cleaner.Cleaner.clean_many`)::

    for result in run_batch(iter_sources(paths), work, jobs=2, timeout=30):
        print(result.source.path, result.error or result.value)

What it promises:

- results come in the order of the sources, one per source, a failure included;
- each source runs in a worker process; one that raises, crashes its worker (a segfault), gets
  it killed (out of memory, ``kill -9``) or runs past ``timeout`` seconds becomes a failed result
  naming the reason, the worker is replaced, and the batch goes on. This holds with one job too;
- memory is flat: sources are pulled only as workers free up, at most ``window`` results wait
  for an earlier slow one, and each worker is replaced after ``max_tasks`` sources.

``work`` runs in the workers: on Linux they are forked, so it is inherited as it is (a compiled
Cleaner costs nothing to hand over); elsewhere, or when the calling process runs threads, it is
pickled to each worker once.
"""

from __future__ import annotations

import contextlib
import faulthandler
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from .errors import CleanerError, InputError
from .inputs import Source

T = TypeVar("T")

#: Seconds one source may take before its worker is killed and it counts as failed. A page
#: takes tens of milliseconds; the slowest development page takes under 2 s on a loaded core.
DEFAULT_TIMEOUT = 30.0
#: A worker is replaced after this many sources, so a slow leak in a parser cannot grow.
MAX_TASKS_PER_WORKER = 1000


@dataclass(frozen=True, slots=True)
class BatchResult(Generic[T]):
    """What became of one source: ``value`` from the work function, or ``error`` (a reason).

    ``source`` is the source without its ``data`` (not kept once cleaned).
    """

    source: Source
    value: T | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the work succeeded."""
        return self.error is None


def run_batch(
    sources: Iterable[Source],
    work: Callable[[Source], T],
    *,
    jobs: int = 1,
    timeout: float | None = DEFAULT_TIMEOUT,
    window: int | None = None,
    max_tasks: int = MAX_TASKS_PER_WORKER,
) -> Iterator[BatchResult[T]]:
    """``work(source)`` for each source in ``jobs`` worker processes (0: one per core), yielded
    in source order. Sources with ``error`` set pass through as failures. ``window``: how many
    results may wait for an earlier one (default 8 per job)."""
    workers = jobs if jobs > 0 else available_cores()
    runner = _Runner(work, workers, timeout, window or 8 * workers, max_tasks)
    try:
        yield from runner.run(sources)
    finally:
        runner.close()


def available_cores() -> int:
    """The cores this process may run on (``taskset`` and container limits included)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def failure_reason(exc: BaseException) -> str:
    """One line saying why a source failed, for an exception raised by the work function."""
    if isinstance(exc, InputError):
        return exc.reason
    if isinstance(exc, CleanerError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "markup nested too deeply to parse"
    if isinstance(exc, MemoryError):
        return "out of memory"
    text = " ".join(str(exc).split())[:200]
    return f"internal error ({type(exc).__name__}: {text}); please report it"


def describe_exit(exitcode: int | None) -> str:
    """Why a worker process ended, from its exit code.

    >>> describe_exit(-9)
    'worker killed (SIGKILL: out of memory, or killed from outside)'
    >>> describe_exit(-11)
    'worker crashed (SIGSEGV)'
    """
    if exitcode is None:
        return "worker vanished"
    if exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        if -exitcode == signal.SIGKILL:
            return f"worker killed ({name}: out of memory, or killed from outside)"
        return f"worker crashed ({name})"
    return f"worker exited with status {exitcode}"


# --- the worker side ------------------------------------------------------------------------


def _serve(conn: Connection, work: Callable[[Source], Any]) -> None:
    """A worker's loop: receive ``(index, source)``, send ``(index, ok, value or reason)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C is the parent's to handle
    faulthandler.disable()  # a crash is reported in one line by the parent, not with a dump
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, source = message
        try:
            reply = (index, True, work(source))
        except BaseException as exc:  # a failure of this source, not of the worker
            reply = (index, False, failure_reason(exc))
        try:
            conn.send(reply)
        except (EOFError, OSError):
            return
        except Exception as exc:  # the value could not be pickled
            conn.send((index, False, failure_reason(exc)))


# --- the parent side ------------------------------------------------------------------------


@dataclass(slots=True)
class _Task:
    index: int
    source: Source
    started: float


class _Worker:
    """One supervised worker process and the source it is working on."""

    def __init__(self, context: Any, work: Callable[[Source], Any]) -> None:
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(target=_serve, args=(child, work), daemon=True)
        self.process.start()
        child.close()
        self.task: _Task | None = None
        self.done = 0

    def give(self, task: _Task) -> None:
        self.task = task
        self.conn.send((task.index, task.source))

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Runner(Generic[T]):
    def __init__(
        self,
        work: Callable[[Source], T],
        workers: int,
        timeout: float | None,
        window: int,
        max_tasks: int,
    ) -> None:
        self.work = work
        self.size = max(1, workers)
        self.timeout = timeout
        self.window = max(window, self.size)
        self.max_tasks = max_tasks
        self.context = _context()
        self.workers: list[_Worker] = []

    def run(self, sources: Iterable[Source]) -> Iterator[BatchResult[T]]:
        pending = enumerate(sources)
        exhausted = False
        waiting: dict[int, BatchResult[T]] = {}
        next_out = next_in = 0
        while True:
            while not exhausted and next_in - next_out < self.window and self._idle() is not None:
                try:
                    index, source = next(pending)
                except StopIteration:
                    exhausted = True
                    break
                next_in = index + 1
                if source.error is not None:
                    waiting[index] = BatchResult(source, error=source.error)
                else:
                    self._give(_Task(index, source, time.monotonic()))
            while next_out in waiting:
                yield waiting.pop(next_out)
                next_out += 1
            busy = [w for w in self.workers if w.task is not None]
            if not busy:
                if exhausted:
                    return
                continue
            for index, result in self._collect(busy):
                waiting[index] = result

    def _idle(self) -> _Worker | None:
        for worker in self.workers:
            if worker.task is None:
                return worker
        if len(self.workers) < self.size:
            self.workers.append(_Worker(self.context, self.work))
            return self.workers[-1]
        return None

    def _give(self, task: _Task) -> None:
        worker = self._idle()
        assert worker is not None
        try:
            worker.give(task)
        except (OSError, EOFError):  # the worker died while idle: replace it and retry once
            self._replace(worker)
            self._idle_give(task)

    def _idle_give(self, task: _Task) -> None:
        worker = self._idle()
        assert worker is not None
        worker.give(task)

    def _collect(self, busy: list[_Worker]) -> Iterator[tuple[int, BatchResult[T]]]:
        """Wait until a busy worker answers, dies or runs out of time; its results."""
        deadline = None
        if self.timeout is not None:
            deadline = min(w.task.started for w in busy if w.task) + self.timeout
        wait_for = None if deadline is None else max(0.0, deadline - time.monotonic())
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(handles, timeout=wait_for))
        now = time.monotonic()
        for worker in busy:
            task = worker.task
            assert task is not None
            if worker.conn in ready or worker.conn.poll():
                try:
                    index, ok, value = worker.conn.recv()
                except (EOFError, OSError):
                    pass  # died while answering: handled as a death below
                else:
                    worker.task = None
                    worker.done += 1
                    source = _without_data(task.source)
                    if ok:
                        yield index, BatchResult(source, value=value)
                    else:
                        yield index, BatchResult(source, error=str(value))
                    if worker.done >= self.max_tasks:
                        self._replace(worker)
                    continue
            if worker.process.sentinel in ready or not worker.process.is_alive():
                worker.process.join()
                reason = describe_exit(worker.process.exitcode)
                yield task.index, BatchResult(_without_data(task.source), error=reason)
                self._replace(worker, dead=True)
            elif self.timeout is not None and now - task.started >= self.timeout:
                reason = f"timed out after {self.timeout:g} s"
                yield task.index, BatchResult(_without_data(task.source), error=reason)
                self._replace(worker, dead=True)

    def _replace(self, worker: _Worker, *, dead: bool = False) -> None:
        """Stop a worker (kill it if ``dead``: crashed or hung); a new one starts when needed."""
        worker.task = None
        worker.stop(kill=dead)
        self.workers.remove(worker)

    def close(self) -> None:
        """Stop every worker: politely when idle, by force when busy (interrupted batch)."""
        for worker in self.workers:
            worker.stop(kill=worker.task is not None)
        self.workers.clear()


def _without_data(source: Source) -> Source:
    return replace(source, data=b"") if source.data else source


def _context() -> Any:
    """Fork where it is safe (Linux, no other threads), so workers inherit the compiled work
    function; else forkserver, else spawn."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")
