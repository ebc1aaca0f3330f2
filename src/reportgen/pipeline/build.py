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
    languages: Sequence[str] = (),
) -> list[Path]:
    """Build each source into `output_dir/<stem>.<format>`; return the written paths.

    Nothing is written unless every report loads and every output renders: otherwise
    one ReportError carries every issue. Warnings are issued as ReportWarning; with
    `strict`, a warning about any report is an error too. `languages` builds each
    report translated with its catalogues too (see Settings.languages).
    """
    settings = Settings(
        Path(output_dir),
        tuple(formats),
        Path(theme_dir) if theme_dir is not None else None,
        options or RenderOptions(),
        strict,
        tuple(languages),
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
            prepared = _prepare(sources, settings, outcome)
            pending = {
                (name, fmt): started.submit(fmt, context, theme, settings.options)
                for fmt in FORMATS  # the PDFs first: they print in the background
                if fmt in settings.formats
                for name, context in prepared
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
        settings.output_dir / f"{name}.{fmt}": rendered[name, fmt]
        for name, _ in prepared
        for fmt in settings.formats
    }
    write_atomically(outputs)
    outcome.written = list(outputs)
    outcome.issues.sort()
    return outcome


def load_all(
    sources: Iterable[str | Path], strict: bool = False, languages: Sequence[str] = ()
) -> list[Loaded]:
    """Every report loaded, or one ReportError with the issues of all files together
    (the warnings of those that loaded too). With `strict`, warnings count as errors.
    `languages` loads each report translated with those catalogues too, as a build does."""
    jobs = _jobs(_as_list(sources), languages)
    loaded, issues = _load_each(jobs, strict, [])
    if len(loaded) < len(jobs):
        raise ReportError(issues)
    return loaded


def _load_each(
    jobs: Iterable[tuple[str | Path, str | None]], strict: bool, read: list[SourceFile]
) -> tuple[list[Loaded], list[Issue]]:
    """Each report that loads, in the language asked for, and the issues of all; `read`
    gets every file read."""
    from ..source.loader import load_source  # pydantic, only when reports are read
    from ..source.reading import Reader

    loaded: list[Loaded] = []
    issues: list[Issue] = []
    for source, language in jobs:
        reader = Reader(Path(source))
        try:
            loaded.append(load_source(source, strict=strict, reader=reader, language=language))
        except ReportError as error:
            issues += error.issues
        finally:
            read += reader.files
    for report in loaded:
        issues += report.warnings
    return loaded, issues


def _prepare(
    sources: Sequence[str | Path], settings: Settings, outcome: Outcome
) -> list[tuple[str, Context]]:
    """Each report loaded in each language, checked and made into the context the
    renderers share, with the name of its outputs; a ReportError if any does not load."""
    from ..source.catalogues import catalogue_languages

    jobs = _jobs(sources, settings.languages)
    loaded, issues = _load_each(jobs, settings.strict, outcome.read)
    if len(loaded) < len(jobs):
        raise ReportError(issues)
    outcome.issues += issues
    _check_distinct_outputs(list(dict.fromkeys(report.source for report in loaded)))
    from ..view.context import build_context  # Babel and the markup, once the reports are good

    folders = [settings.theme_dir] if settings.theme_dir else []
    prepared = []
    for report, (source, language) in zip(loaded, jobs, strict=True):
        own, published = report.report.language, catalogue_languages(source)
        alternates = [
            (
                code.replace("_", "-"),
                f"{source.stem}.html" if code == own else f"{source.stem}.{code}.html",
            )
            for code in [own, *published]
        ]
        context = build_context(
            report.report,
            report.source,
            report.images(),
            report.texts(),
            report.language,
            folders,
            alternates if published else (),
        )
        prepared.append((f"{source.stem}.{language}" if language else source.stem, context))
    return prepared


def _jobs(sources: Sequence[str | Path], languages: Sequence[str]) -> list[tuple[Path, str | None]]:
    """Each report in each language asked for (see `_languages`)."""
    from ..source.catalogues import catalogue_languages

    return [
        (Path(source), language)
        for source in sources
        for language in _languages(languages, catalogue_languages(Path(source)))
    ]


def _languages(asked: Sequence[str], catalogues: list[str]) -> list[str | None]:
    """The languages to build a report in: None for its own, as `<stem>.<format>`."""
    if not asked:
        return [None]
    chosen: list[str | None] = []
    for language in asked:
        chosen += [None, *catalogues] if language == "all" else [language]
    return list(dict.fromkeys(chosen))


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
