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
pickled to each worker once. When ``work`` has a ``prepare(first)`` method and the workers are
forked, it is called here once before the first worker starts, with the first two sources, if
there are two sources or more: the workers (and those replacing them) inherit what it loaded
instead of each loading it (:meth:`cleaner.Cleaner.warm_up`: over 1 s of CPU a process for
HTML pages).
"""

from __future__ import annotations

import contextlib
import faulthandler
import itertools
import math
import multiprocessing
import os
import pickle
import signal
import socket
import threading
import time
from collections import deque
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
#: Results that may wait, per job, for an earlier source still being cleaned: while one worker
#: is on a slow page (a second or more), the others go on with the next pages (about 30 ms
#: each) instead of waiting for it. Results are small (an Article), so this costs little memory.
WINDOW_PER_JOB = 64


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
    results may wait for an earlier one (default :data:`WINDOW_PER_JOB` per job). ``timeout``:
    seconds a source may take (None, 0 or infinity: no limit, as ``cleaner --timeout`` takes
    them); below 0 or NaN raises ValueError."""
    if timeout is not None:
        if not 0 <= timeout <= math.inf:  # NaN too
            # every source failed, 'timed out after -1 s', and 0 failed them all where
            # cleaner --timeout 0 is no limit
            raise ValueError(f"timeout takes seconds (None, 0 or inf: no limit), not {timeout}")
        if timeout == 0 or math.isinf(timeout):
            timeout = None  # no limit: the wait for a result cannot take infinity
    workers = jobs if jobs > 0 else available_cores()
    runner = _Runner(work, workers, timeout, window or WINDOW_PER_JOB * workers, max_tasks)
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
            message = pickle.loads(conn.recv_bytes())
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
    message: bytes
    started: float = 0.0


#: A worker is given its next source while it works on one (so it never waits for this
#: process between sources) when the source is at most this large: it then fits in the
#: socket's buffer, and handing it over cannot block on a worker that hangs.
PREFETCH_BYTES = 1 << 20
_SEND_BUFFER = 4 << 20


class _Worker:
    """One supervised worker process and the sources given to it (the first is the one it
    works on; at most one more waits in its pipe)."""

    def __init__(self, context: Any, work: Callable[[Source], Any]) -> None:
        self.conn, child = context.Pipe()
        with contextlib.suppress(OSError):  # room for a prefetched source in the pipe
            handle = socket.fromfd(self.conn.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
            handle.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, _SEND_BUFFER)
            handle.close()
        self.process: BaseProcess = context.Process(target=_serve, args=(child, work), daemon=True)
        self.process.start()
        child.close()
        self.tasks: deque[_Task] = deque()
        self.given = 0
        self.done = 0

    def give(self, task: _Task) -> None:
        if not self.tasks:
            task.started = time.monotonic()
        self.tasks.append(task)
        self.given += 1
        self.conn.send_bytes(task.message)

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(OSError):
                self.conn.send_bytes(_STOP)
        self.process.join(timeout=None if kill else 5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


_STOP = pickle.dumps(None)


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
        self.window = max(window, 2 * self.size)
        self.max_tasks = max_tasks
        self.context = _context()
        self.workers: list[_Worker] = []
        self.ready: deque[_Task] = deque()  # taken from the sources, not yet given

    def run(self, sources: Iterable[Source]) -> Iterator[BatchResult[T]]:
        pending = self._prepared(enumerate(sources))
        exhausted = False
        waiting: dict[int, BatchResult[T]] = {}
        next_out = next_in = 0
        while True:
            while not exhausted and not self.ready and next_in - next_out < self.window:
                try:
                    index, source = next(pending)
                except StopIteration:
                    exhausted = True
                    break
                next_in = index + 1
                if source.error is not None:
                    waiting[index] = BatchResult(source, error=source.error)
                else:
                    self.ready.append(_Task(index, source, pickle.dumps((index, source))))
                    self._dispatch()
            self._dispatch()
            while next_out in waiting:
                yield waiting.pop(next_out)
                next_out += 1
            busy = [w for w in self.workers if w.tasks]
            if not busy:
                if exhausted and not self.ready:
                    return
                continue
            for index, result in self._collect(busy):
                waiting[index] = result

    def _prepared(self, pending: Iterator[tuple[int, Source]]) -> Iterator[tuple[int, Source]]:
        """The sources, once ``work.prepare(first)`` has run here (``first``: the first two
        sources, which tell what the batch holds) if the workers will inherit it and there is
        more than one source (one page alone is not worth preparing for)."""
        head = list(itertools.islice(pending, 2))
        prepare = getattr(self.work, "prepare", None)
        if len(head) == 2 and callable(prepare) and self.context.get_start_method() == "fork":
            with contextlib.suppress(Exception):  # unprepared, the workers prepare as they go
                prepare([source for _, source in head])
        return itertools.chain(head, pending)

    def _dispatch(self) -> None:
        """Give ready sources to idle workers, then one more to busy ones (small sources)."""
        while self.ready:
            task = self.ready[0]
            worker = self._worker(prefetch=len(task.message) <= PREFETCH_BYTES)
            if worker is None:
                return
            self.ready.popleft()
            try:
                worker.give(task)
            except (OSError, EOFError):  # the worker died
                worker.tasks.pop()
                worker.given -= 1
                self.ready.appendleft(task)
                if worker.tasks:
                    return  # its death fails the source it works on: left to _collect
                self._replace(worker, dead=True)  # it died idle: a new one takes the source

    def _worker(self, *, prefetch: bool) -> _Worker | None:
        """An idle worker (started if there is room), else a busy one that can take one more
        source when ``prefetch``."""
        for worker in self.workers:
            if not worker.tasks and worker.given < self.max_tasks:
                return worker
        if len(self.workers) < self.size:
            self.workers.append(_Worker(self.context, self.work))
            return self.workers[-1]
        if prefetch:
            for worker in self.workers:
                if len(worker.tasks) == 1 and worker.given < self.max_tasks:
                    return worker
        return None

    def _collect(self, busy: list[_Worker]) -> Iterator[tuple[int, BatchResult[T]]]:
        """Wait until a busy worker answers, dies or runs out of time; its results."""
        deadline = None
        if self.timeout is not None:
            deadline = min(w.tasks[0].started for w in busy) + self.timeout
        wait_for = None if deadline is None else max(0.0, deadline - time.monotonic())
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(handles, timeout=wait_for))
        for worker in busy:
            while worker.tasks and worker.conn.poll():
                try:
                    index, ok, value = worker.conn.recv()
                except (EOFError, OSError):
                    break  # died while answering: handled as a death below
                task = worker.tasks.popleft()
                now = time.monotonic()
                if worker.tasks:
                    worker.tasks[0].started = now  # it started on the next one just now
                worker.done += 1
                source = _without_data(task.source)
                if ok:
                    yield index, BatchResult(source, value=value)
                else:
                    yield index, BatchResult(source, error=str(value))
            if not worker.tasks:
                if worker.done >= self.max_tasks:
                    self._replace(worker)
                continue
            task = worker.tasks[0]
            if worker.process.sentinel in ready or not worker.process.is_alive():
                worker.process.join()
                reason = describe_exit(worker.process.exitcode)
                yield task.index, BatchResult(_without_data(task.source), error=reason)
                self._replace(worker, dead=True, requeue=True)
            elif self.timeout is not None and time.monotonic() - task.started >= self.timeout:
                reason = f"timed out after {self.timeout:g} s"
                yield task.index, BatchResult(_without_data(task.source), error=reason)
                self._replace(worker, dead=True, requeue=True)

    def _replace(self, worker: _Worker, *, dead: bool = False, requeue: bool = False) -> None:
        """Stop a worker (kill it if ``dead``: crashed or hung); a new one starts when needed.
        ``requeue``: the sources it was given past the first go to another worker."""
        if requeue and len(worker.tasks) > 1:
            self.ready.extendleft(reversed(list(worker.tasks)[1:]))
        worker.tasks.clear()
        worker.stop(kill=dead)
        self.workers.remove(worker)

    def close(self) -> None:
        """Stop every worker: politely when idle, by force when busy (interrupted batch)."""
        for worker in self.workers:
            worker.stop(kill=bool(worker.tasks))
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
