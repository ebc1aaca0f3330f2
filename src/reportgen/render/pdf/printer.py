"""A build on two cores: the PDFs are printed by a process forked when the build starts.

Importing WeasyPrint and laying out the pages is most of a build. The printer, forked
before anything else happens, imports WeasyPrint while this process reads and checks
the reports; it then prints each PDF from the print job it is sent (plain data: the
HTML and WeasyPrint's options, see render/pdf.py) while this process renders Word and
HTML. If a report does not load, the printer is stopped at once. The bytes are those
of a one-process build. Where fork is unsafe, there is one core, or this process is
already one of several (a pool of `build --all -j`), the build stays in one process.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import threading
import warnings
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from ...errors import Issue, ReportError
from ..failures import PrintingFailed, described
from . import libraries

if TYPE_CHECKING:
    from . import PrintJob

ENDED = "the PDF printing process ended without an answer"

_printers_started = 0
"""How many builds of this process have had a printer; see printer()."""


def can_fork() -> bool:
    """Whether a forked printer is safe and can run beside this process."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and (cores or 1) > 1
        and threading.active_count() == 1
        and multiprocessing.parent_process() is None
    )


@contextlib.contextmanager
def printer(wanted: bool) -> Iterator[Printer | None]:
    """A started Printer if one is `wanted` and can run, else None; stopped on leaving.

    A process that builds again (watch, a script building report after report) loads
    WeasyPrint itself before its second printer, so that one and every later one is
    forked with WeasyPrint loaded instead of loading it anew.
    """
    global _printers_started
    if not (wanted and can_fork()):
        yield None
        return
    if _printers_started:
        libraries.import_quickly("reportgen.render.pdf.printing")
    _printers_started += 1
    started = Printer()
    try:
        yield started
    finally:
        started.stop()


class Printer:
    """A forked process that imports WeasyPrint at once, then prints the jobs it is sent,
    in order; each result() is the next PDF with its warnings, its errors raised here.
    Python warnings of the libraries it runs are warned here as in a one-process build.
    """

    def __init__(self) -> None:
        fork = multiprocessing.get_context("fork")
        self._connection, theirs = fork.Pipe()
        self._process = fork.Process(target=_serve, args=(theirs, self._connection), daemon=True)
        self._process.start()
        theirs.close()

    def submit(self, job: PrintJob) -> None:
        # A printer that has died cannot take the job; result() then says so.
        with contextlib.suppress(BrokenPipeError):
            self._connection.send(job)

    def result(self) -> tuple[bytes, list[Issue]]:
        try:
            kind, payload, caught = self._connection.recv()
        except EOFError:
            raise PrintingFailed(ENDED) from None
        for category, message in caught:
            warnings.warn(message, category, stacklevel=2)
        if kind == "issues":
            raise ReportError(payload)
        if kind == "crash":
            raise PrintingFailed(payload)
        printed: tuple[bytes, list[Issue]] = payload
        return printed

    def stop(self) -> None:
        """End the process, finished or not, and wait until it is gone."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
        self._connection.close()


def _serve(connection: Connection, builders_end: Connection) -> None:
    """In the printer: take jobs from the start, import WeasyPrint, print each job in turn."""
    builders_end.close()
    jobs: queue.SimpleQueue[PrintJob | None] = queue.SimpleQueue()
    threading.Thread(target=_take_jobs, args=(connection, jobs), daemon=True).start()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")

        def send(kind: str, payload: Any) -> None:
            connection.send((kind, payload, [_portable(warning) for warning in caught]))
            caught.clear()

        try:
            printing = libraries.import_quickly("reportgen.render.pdf.printing")
            while (job := jobs.get()) is not None:
                send("pdf", printing.print_pdf(job))
        except ReportError as error:
            send("issues", error.issues)
        except BaseException as error:
            send("crash", described(error))


def _take_jobs(connection: Connection, jobs: queue.SimpleQueue[PrintJob | None]) -> None:
    """Receive jobs while WeasyPrint is still loading, so sending one never waits for that."""
    try:
        while True:
            jobs.put(connection.recv())
    except EOFError:
        jobs.put(None)


def _portable(warning: warnings.WarningMessage) -> tuple[type[Warning], str]:
    """A warning as data that survives pickling."""
    return warning.category, str(warning.message)
