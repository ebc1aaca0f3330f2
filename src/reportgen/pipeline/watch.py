"""Rebuild a report whenever one of its files is saved (the preview is in preview.py).

Files are polled (`os.stat`), which sees every way editors save, including writing a
new file and renaming it over the old one (the inode changes). A change is built once
the files have stayed the same for one poll, so a half-written save is not read. A
failed build writes nothing, so the last good outputs stay in place.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Issue, cannot_write
from ..source.catalogues import catalogue_name
from .build import build_reports
from .inputs import theme_files
from .settings import Settings

Stamp = tuple[int, int, int] | None
"""A file's inode, size and modification time; None when it is missing."""


@dataclass(frozen=True)
class Built:
    """A build that succeeded: the files written and how long it took."""

    paths: list[Path]
    seconds: float
    warnings: list[Issue]


@dataclass(frozen=True)
class Failed:
    """A build that failed; the previous outputs are untouched."""

    issues: list[Issue]


def stamps(files: Sequence[Path]) -> dict[Path, Stamp]:
    """The stamp of each file; comparing two of these tells whether anything was saved."""
    result: dict[Path, Stamp] = {}
    for path in files:
        try:
            stat = os.stat(path)
        except OSError:
            result[path] = None
        else:
            result[path] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return result


def catalogues(source: Path, languages: Sequence[str]) -> list[Path]:
    """Where the catalogues of the languages asked for are, read or not yet there (a
    catalogue made while watching is then built); for `all`, their folder, which changes
    when one is added or removed."""
    paths = (source.parent / catalogue_name(source.stem, code) for code in languages)
    return [
        path.parent if code == "all" else path for code, path in zip(languages, paths, strict=True)
    ]


def _unexpected(source: Path, error: Exception) -> Issue:
    """An exception no step turned into an issue: a bug, named at the report."""
    message = f"not built: {type(error).__name__}: {error}"
    return Issue(str(source), 0, 0, f"{message} — this is a bug in reportgen; please report it")


def watch(
    source: Path,
    settings: Settings,
    *,
    on_event: Callable[[Built | Failed], None],
    interval: float = 0.3,
    stop: threading.Event | None = None,
) -> None:
    """Build now, then again after each save, until `stop` is set (or forever).

    The files watched are those the last build read (the report, its included files and
    images, as the loader read them) and the theme's. A build that fails, for whatever
    reason, is reported like any other and watching goes on.
    """
    stop = stop or threading.Event()
    read: list[Path] = []

    def files() -> list[Path]:
        expected = [source, *read, *catalogues(source, settings.languages)]
        return list(dict.fromkeys(expected)) + theme_files(settings.theme_dir)

    def rebuild() -> dict[Path, Stamp]:
        """Build; the stamps of the files, those known before the build as they were
        then, so that a save during the build is built next; only the files it read for
        the first time are stamped after it (a theme file saved meanwhile is not one)."""
        before = stamps(files())
        started = time.perf_counter()
        try:
            outcome = build_reports([source], settings)
        except OSError as error:  # writing the outputs: a full disk, a folder it may not write
            on_event(Failed([cannot_write(error, str(settings.output_dir))]))
        except Exception as error:  # a bug; watching goes on all the same
            on_event(Failed([_unexpected(source, error)]))
        else:
            read[:] = [file.path for file in outcome.read]
            if outcome.failed:
                on_event(Failed(outcome.issues))
            else:
                on_event(Built(outcome.written, time.perf_counter() - started, outcome.warnings))
        return {**stamps([source, *read]), **before}

    seen = rebuild()
    pending: dict[Path, Stamp] | None = None
    while not stop.wait(interval):
        now = stamps(files())
        if now != seen:
            seen, pending = now, now
        elif pending is not None:
            pending = None
            seen = rebuild()
