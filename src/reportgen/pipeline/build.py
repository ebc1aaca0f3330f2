"""Build reports at once: load each, make its view, render every format, then write all.

`build_reports` never raises for a problem with the input: its `Outcome` carries the
errors and warnings as data, with the files each report read, for `build`, `build
--all` and `watch` alike. `build` is the library's call, which raises ReportError.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Issue, ReportError, ReportWarning
from ..render.options import FORMATS, RenderOptions
from ..render.theme import Theme
from .settings import Settings
from .write import write_atomically

if TYPE_CHECKING:
    from ..source.loader import Loaded
    from ..source.reading import SourceFile
    from ..view.context import Context

__all__ = ["FORMATS", "Outcome", "Settings", "build", "build_reports", "load_all"]


@dataclass
class Outcome:
    """What a build did: the files written (none if it failed), every problem found, and
    the files the reports read, so far as they were read."""

    written: list[Path] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    read: list[SourceFile] = field(default_factory=list)
    failed: bool = False
    """Nothing was written: an error, or a warning with `strict`."""

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "warning"]


def build(
    sources: str | Path | Sequence[str | Path],
    output_dir: str | Path = "build",
    formats: Sequence[str] = FORMATS,
    theme_dir: str | Path | None = None,
    options: RenderOptions | None = None,
    strict: bool = False,
) -> list[Path]:
    """Build each source into `output_dir/<stem>.<format>`; return the written paths.

    Nothing is written unless every report loads and every output renders: otherwise
    one ReportError carries every issue. Warnings are issued as ReportWarning; with
    `strict`, a warning about any report is an error too.
    """
    settings = Settings(
        Path(output_dir),
        tuple(formats),
        Path(theme_dir) if theme_dir is not None else None,
        options or RenderOptions(),
        strict,
    )
    outcome = build_reports(_as_list(sources), settings)
    if outcome.failed:
        raise ReportError(outcome.issues)
    for issue in outcome.warnings:
        warnings.warn(ReportWarning(issue), stacklevel=2)
    return outcome.written


def build_reports(sources: Sequence[str | Path], settings: Settings) -> Outcome:
    """Build each source with `settings`; problems with the input are in the Outcome."""
    from ..render import renderers

    outcome = Outcome()
    try:
        theme = Theme.from_user_dir(settings.theme_dir)
        with renderers(settings.formats) as started:
            prepared = _prepare(sources, settings.strict, outcome)
            pending = {
                (source, fmt): started.submit(fmt, context, theme, settings.options)
                for fmt in FORMATS  # the PDFs first: they print in the background
                if fmt in settings.formats
                for source, context in prepared
            }
            rendered = {}
            for key, result in pending.items():
                rendered[key], found = result()
                outcome.issues += found
    except ReportError as error:
        outcome.issues += error.issues
        outcome.issues.sort()
        outcome.failed = True
        return outcome
    outputs = {
        settings.output_dir / f"{source.stem}.{fmt}": rendered[source, fmt]
        for source, _ in prepared
        for fmt in settings.formats
    }
    write_atomically(outputs)
    outcome.written = list(outputs)
    outcome.issues.sort()
    return outcome


def load_all(sources: Iterable[str | Path], strict: bool = False) -> list[Loaded]:
    """Every report loaded, or one ReportError with the issues of all files together
    (the warnings of those that loaded too). With `strict`, warnings count as errors."""
    sources = _as_list(sources)
    loaded, issues = _load_each(sources, strict, [])
    if len(loaded) < len(sources):
        raise ReportError(issues)
    return loaded


def _load_each(
    sources: Iterable[str | Path], strict: bool, read: list[SourceFile]
) -> tuple[list[Loaded], list[Issue]]:
    """Each report that loads, and the issues of all; `read` gets every file read."""
    from ..source.loader import load_source  # pydantic, only when reports are read
    from ..source.reading import Reader

    loaded: list[Loaded] = []
    issues: list[Issue] = []
    for source in sources:
        reader = Reader(Path(source))
        try:
            loaded.append(load_source(source, strict=strict, reader=reader))
        except ReportError as error:
            issues += error.issues
        finally:
            read += reader.files
    for report in loaded:
        issues += report.warnings
    return loaded, issues


def _prepare(
    sources: Sequence[str | Path], strict: bool, outcome: Outcome
) -> list[tuple[Path, Context]]:
    """Each report loaded, checked and made into the context the renderers share; a
    ReportError if any report does not load."""
    loaded, issues = _load_each(sources, strict, outcome.read)
    if len(loaded) < len(sources):
        raise ReportError(issues)
    outcome.issues += issues
    _check_distinct_outputs([report.source for report in loaded])
    from ..view.context import build_context  # Babel and the markup, once the reports are good

    return [
        (
            report.source,
            build_context(report.report, report.source, report.images(), report.texts()),
        )
        for report in loaded
    ]


def _as_list(sources: str | Path | Iterable[str | Path]) -> list[str | Path]:
    """One file given as a string or a path is one report, not a list of characters."""
    if isinstance(sources, str | Path):
        return [sources]
    return list(sources)


def _check_distinct_outputs(sources: Sequence[Path]) -> None:
    """Two reports with one file name would write the same outputs; refuse that."""
    first: dict[str, Path] = {}
    clashes = []
    for source in sources:
        earlier = first.setdefault(source.stem, source)
        if earlier != source:
            message = f"has the same name as `{earlier}`, so both would write `{source.stem}.*`"
            clashes.append(Issue(str(source), 0, 0, message + "; rename one of them"))
    if clashes:
        raise ReportError(clashes)
