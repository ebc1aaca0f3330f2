"""Load, build the context, render every output in memory, then write atomically."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Issue, ReportError
from .options import FORMATS, RenderOptions
from .theme import Theme

if TYPE_CHECKING:
    from .context import Context
    from .model import Report

__all__ = ["FORMATS", "build", "load_all", "render", "write_atomically"]


def load_all(sources: Iterable[str | Path], strict: bool = False) -> list[tuple[Path, Report]]:
    """Every report, or one ReportError with the issues of all files together.

    Warnings are issued as ReportWarning, or count as errors when `strict`.
    """
    from .loader import load  # pydantic, only when reports are read

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
    from . import libraries

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
    from . import parallel

    theme = Theme.from_user_dir(theme_dir)
    options = options or RenderOptions()
    with parallel.printer(wanted="pdf" in formats) as printer:
        prepared = _prepare(sources, strict)
        if printer:
            from .render.pdf import print_job

            for _, context in prepared:
                printer.submit(print_job(context, theme, options))
        rendered = {
            (source, fmt): render(context, fmt, theme, options)
            for source, context in prepared
            for fmt in formats
            if not (printer and fmt == "pdf")
        }
        if printer:
            for source, _ in prepared:
                rendered[source, "pdf"] = printer.result()
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
    from .context import build_context  # Babel and the markup, once the reports are good
    from .loader import included_files

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


def write_atomically(outputs: Mapping[Path, bytes]) -> None:
    """Write every file or none: each goes under a temporary name in its own folder
    first, then all are renamed into place. If anything fails, even a rename, the files
    that were there before are put back as they were and no temporary file is left."""
    staged: list[tuple[Path, Path]] = []
    backups: dict[Path, Path] = {}
    replaced: list[Path] = []
    try:
        for target, content in outputs.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            staged.append((_temporary_copy(target, content), target))
        for _, target in staged:
            if target.exists():
                backups[target] = _backup(target)
        for temporary, target in staged:
            os.replace(temporary, target)
            replaced.append(target)
    except BaseException:
        for target in reversed(replaced):
            with contextlib.suppress(OSError):
                if target in backups:
                    os.replace(backups[target], target)
                else:
                    target.unlink()
        raise
    finally:
        for leftover in [*(temporary for temporary, _ in staged), *backups.values()]:
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


def _temporary_copy(target: Path, content: bytes) -> Path:
    """`content` in a new file beside `target`, flushed to disk."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(name, 0o644)
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def _backup(target: Path) -> Path:
    """A second name for `target`'s current file, to restore it if the build fails."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old")
    os.close(handle)
    os.unlink(name)
    try:
        os.link(target, name)
    except OSError:
        try:
            shutil.copy2(target, name)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
            raise
    return Path(name)
