"""Load, build the context, render every output in memory, then write atomically."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import libraries, parallel
from .errors import Issue, ReportError
from .loader import included_files, load
from .model import Report
from .options import FORMATS, RenderOptions
from .theme import Theme

if TYPE_CHECKING:
    from .context import Context

__all__ = ["FORMATS", "build", "load_all", "render", "write_atomically"]


def load_all(sources: Iterable[str | Path], strict: bool = False) -> list[tuple[Path, Report]]:
    """Every report, or one ReportError with the issues of all files together.

    Warnings are issued as ReportWarning, or count as errors when `strict`.
    """
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


def render(context: Context, fmt: str, theme: Theme, options: RenderOptions) -> bytes:
    """One format of one report, as bytes; the renderer is imported only when needed."""
    module = libraries.import_quickly(f"reportgen.render.{fmt}")
    output: bytes = module.render(context, theme, options)
    return output


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
    from .context import build_context  # Babel and the markup, only when building

    theme = Theme.from_user_dir(theme_dir)
    options = options or RenderOptions()

    def prepare() -> list[tuple[Path, Context]]:
        return [
            (source, replace(build_context(report, source), included=tuple(included_files(source))))
            for source, report in load_all(sources, strict)
        ]

    def render_one(context: Context, fmt: str) -> bytes:
        return render(context, fmt, theme, options)

    rendered = parallel.render_all(prepare, formats, render_one)
    outputs = {
        Path(output_dir) / f"{source.stem}.{fmt}": content
        for (source, fmt), content in rendered.items()
    }
    write_atomically(outputs)
    return list(outputs)


def write_atomically(outputs: Mapping[Path, bytes]) -> None:
    """Write every file under a temporary name first, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for target, content in outputs.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
            staged.append((Path(name), target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(name, 0o644)
        for temporary, target in staged:
            os.replace(temporary, target)
    finally:
        for temporary, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
