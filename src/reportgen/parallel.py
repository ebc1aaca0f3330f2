"""A build on two cores: WeasyPrint in this process, everything else in a forked worker.

Importing WeasyPrint and laying out the pages is most of a build. While this process
does that, a worker forked from it reads and checks the reports and builds their
contexts, hands the contexts over, then renders the other formats while the PDF is
laid out here. The outputs are the same bytes a one-process build gives; where fork
is unsafe or there is one core, the build simply runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback
import warnings
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import libraries
from .errors import Issue, ReportError, ReportWarning

if TYPE_CHECKING:
    from .context import Context

Prepared = list[tuple[Path, "Context"]]
Outputs = dict[tuple[Path, str], bytes]
Prepare = Callable[[], Prepared]
Renderer = Callable[["Context", str], bytes]

IN_PROCESS = "pdf"
"""The format rendered here; the worker renders the others."""


def render_all(prepare: Prepare, formats: Sequence[str], render: Renderer) -> Outputs:
    """Every format of every prepared report, keyed by (source, format) in build order."""
    if IN_PROCESS in formats and can_fork():
        return _split(prepare, formats, render)
    prepared = prepare()
    return {(source, fmt): render(context, fmt) for source, context in prepared for fmt in formats}


def can_fork() -> bool:
    """Whether a forked worker is safe and can run beside this process."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and (cores or 1) > 1
        and threading.active_count() == 1
    )


def _split(prepare: Prepare, formats: Sequence[str], render: Renderer) -> Outputs:
    others = [fmt for fmt in formats if fmt != IN_PROCESS]
    receiver, sender = multiprocessing.Pipe(duplex=False)
    worker = multiprocessing.get_context("fork").Process(
        target=_work, args=(sender, prepare, others, render), daemon=True
    )
    worker.start()
    sender.close()
    try:
        libraries.import_quickly(f"reportgen.render.{IN_PROCESS}")
        prepared: Prepared = _receive(receiver)
        outputs = {
            (source, IN_PROCESS): render(context, IN_PROCESS) for source, context in prepared
        }
        if others:
            outputs.update(_receive(receiver))
    finally:
        if worker.is_alive():
            worker.kill()
        worker.join()
        receiver.close()
    return {(source, fmt): outputs[source, fmt] for source, _ in prepared for fmt in formats}


def _work(sender: Connection, prepare: Prepare, formats: list[str], render: Renderer) -> None:
    """In the worker: send the contexts, then the other formats, or what went wrong."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")

        def send(kind: str, payload: Any) -> None:
            sender.send((kind, payload, [_portable(warning) for warning in caught]))
            caught.clear()

        try:
            prepared = prepare()
            send("result", prepared)
            if formats:
                outputs = {
                    (source, fmt): render(context, fmt)
                    for source, context in prepared
                    for fmt in formats
                }
                send("result", outputs)
        except ReportError as error:
            send("issues", error.issues)
        except BaseException:
            send("crash", traceback.format_exc())
    sender.close()


def _portable(warning: warnings.WarningMessage) -> tuple[type[Warning], Issue | str]:
    """A warning as data that survives pickling (ReportWarning's own args do not)."""
    if isinstance(warning.message, ReportWarning):
        return ReportWarning, warning.message.issue
    return warning.category, str(warning.message)


def _receive(receiver: Connection) -> Any:
    """The worker's next result; its warnings are warned here and its errors raised here."""
    try:
        kind, payload, caught = receiver.recv()
    except EOFError:
        raise RuntimeError("the build's worker process ended without an answer") from None
    for category, message in caught:
        if isinstance(message, Issue):
            warnings.warn(ReportWarning(message), stacklevel=2)
        else:
            warnings.warn(message, category, stacklevel=2)
    if kind == "issues":
        raise ReportError(payload)
    if kind == "crash":
        raise RuntimeError(f"rendering failed in the build's worker process:\n{payload}")
    return payload
