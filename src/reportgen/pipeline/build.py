"""Load, build the context, render every output in memory, then write atomically."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Issue, ReportError
from ..render.options import FORMATS, RenderOptions
from ..render.theme import Theme
from .write import write_atomically

if TYPE_CHECKING:
    from ..model import Report
    from ..view.context import Context

__all__ = ["FORMATS", "build", "load_all"]


def load_all(sources: Iterable[str | Path], strict: bool = False) -> list[tuple[Path, Report]]:
    """Every report, or one ReportError with the issues of all files together.

    Warnings are issued as ReportWarning, or count as errors when `strict`.
    """
    from ..source.loader import load  # pydantic, only when reports are read

    reports: list[tuple[Path, Report]] = []
    issues: list[Issue] = []
    for source in sources:
        try:
            reports.append((Path(source), load(source, strict=strict)))
        except ReportError as error:
            issues += error.issues
    if issues:
        raise ReportError(issues)
    return reports


def build(
    sources: Sequence[str | Path],
    output_dir: str | Path = "build",
    formats: Sequence[str] = FORMATS,
    theme_dir: str | Path | None = None,
    options: RenderOptions | None = None,
    strict: bool = False,
) -> list[Path]:
    """Build each source into `output_dir/<stem>.<format>`; return the written paths.

    Nothing is written unless every report loads and every output renders; with
    `strict`, a warning about any report is an error too.
    """
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    from ..render import renderers

    theme = Theme.from_user_dir(theme_dir)
    options = options or RenderOptions()
    with renderers(formats) as started:
        prepared = _prepare(sources, strict)
        pending = {
            (source, fmt): started.submit(fmt, context, theme, options)
            for fmt in FORMATS  # the PDFs first: they print in the background
            if fmt in formats
            for source, context in prepared
        }
        rendered = {key: result() for key, result in pending.items()}
    outputs = {
        Path(output_dir) / f"{source.stem}.{fmt}": rendered[source, fmt]
        for source, _ in prepared
        for fmt in formats
    }
    write_atomically(outputs)
    return list(outputs)


def _prepare(sources: Sequence[str | Path], strict: bool) -> list[tuple[Path, Context]]:
    """Each report loaded, checked and made into the context the renderers share."""
    loaded = load_all(sources, strict)
    _check_distinct_outputs([source for source, _ in loaded])
    from ..source.loader import included_files
    from ..view.context import build_context  # Babel and the markup, once the reports are good

    return [
        (source, replace(build_context(report, source), included=tuple(included_files(source))))
        for source, report in loaded
    ]


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
