"""Queries run in worker processes, so a query past its time limit is stopped, not abandoned.

A thread cannot be stopped from outside, and an engine busy inside one long step (a huge
join under ``COUNT``) never looks at a cancel flag: after a thread-based timeout it would
go on using a core. Here each worker process holds its own copy of the store and runs
:func:`sarckg.query.engine.run_query` (or :func:`sarckg.query.named.run_named`); the server
waits at most the time limit for the answer, then kills that worker by its PID and starts a
fresh one.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from sarckg.query.engine import QueryResult, QueryTimeout
from sarckg.query.guard import QueryError, QueryRefused
from sarckg.query.params import UnknownEntity

_ERRORS: dict[str, type[QueryError]] = {
    "QueryRefused": QueryRefused, "QueryTimeout": QueryTimeout, "UnknownEntity": UnknownEntity,
}
START_SECONDS = 120.0  # how long a new worker may take to load the store


class WorkersBusy(QueryError):
    """Every worker is busy; try again later."""


@dataclass(frozen=True)
class Job:
    text: str = ""
    named: str = ""
    params: tuple[tuple[str, str], ...] = ()
    max_rows: int | None = None


def _serve(conn: Connection, graph_files: Sequence[str], ontology_files: Sequence[str] | None) -> None:
    """A worker's loop: load the store once, then answer jobs until the pipe closes."""
    from sarckg.query.engine import run_query
    from sarckg.query.named import run_named
    from sarckg.query.store import load_store

    store = load_store(list(graph_files), ontology=ontology_files)
    conn.send(("ready", None))
    while True:
        try:
            job: Job = conn.recv()
        except EOFError:
            return
        try:
            if job.named:
                answer: Any = run_named(job.named, dict(job.params), store=store, timeout=None,
                                        max_rows=job.max_rows).result
            else:
                answer = run_query(job.text, store=store, timeout=None, max_rows=job.max_rows)
            conn.send(("ok", answer))
        except QueryError as exc:
            conn.send(("error", (type(exc).__name__, str(exc))))
        except Exception as exc:  # an engine failure must not kill the worker silently
            conn.send(("error", ("QueryError", f"the query failed: {exc}")))


class _Worker:
    def __init__(self, context: Any, graph_files: Sequence[str], ontology_files: Sequence[str] | None) -> None:
        self.conn, child = multiprocessing.Pipe()
        self.process: BaseProcess = context.Process(
            target=_serve, args=(child, list(graph_files), ontology_files), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self) -> None:
        if self.ready:
            return
        if not self.conn.poll(START_SECONDS):
            raise QueryError("a query worker did not start in time")
        status, _ = self.conn.recv()
        self.ready = status == "ready"

    def kill(self) -> None:
        self.process.kill()
        self.process.join(10)
        self.conn.close()


class QueryWorkers:
    """A fixed number of worker processes over the same graph files."""

    def __init__(self, graph_files: Sequence[Path], ontology_files: Sequence[Path] | None, size: int = 2) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._graph = [str(p) for p in graph_files]
        self._ontology = None if ontology_files is None else [str(p) for p in ontology_files]
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._all: list[_Worker] = []
        for _ in range(max(size, 1)):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context, self._graph, self._ontology)
        with self._lock:
            self._all.append(worker)
        self._idle.put(worker)

    def run(self, job: Job, timeout: float, wait: float = 5.0) -> QueryResult:
        """Run ``job`` on an idle worker; past ``timeout`` seconds kill it and raise QueryTimeout."""
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            raise WorkersBusy("all query workers are busy; try again in a moment") from None
        try:
            worker.wait_ready()
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                self._replace(worker)
                raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped; add LIMIT or narrow it")
            status, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise QueryError("the query worker stopped unexpectedly") from None
        except BaseException:
            if worker.process.is_alive() and worker in self._all:
                self._idle.put(worker)
            raise
        self._idle.put(worker)
        if status == "ok":
            return payload
        name, message = payload
        raise _ERRORS.get(name, QueryError)(message)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            if worker in self._all:
                self._all.remove(worker)
        self._add()

    def close(self) -> None:
        with self._lock:
            workers, self._all = self._all, []
        for worker in workers:
            worker.kill()
