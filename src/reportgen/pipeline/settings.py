"""The settings of a build: one object that every command and step is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..render.options import FORMATS, RenderOptions


@dataclass(frozen=True)
class Settings:
    """How a build is made, as opposed to what the reports say; one for every command."""

    output_dir: Path = Path("build")
    formats: tuple[str, ...] = FORMATS
    theme_dir: Path | None = None
    """A folder whose templates override the built-in theme."""
    options: RenderOptions = field(default_factory=RenderOptions)
    strict: bool = False
    """Warnings about a report fail its build too."""
    languages: tuple[str, ...] = ()
    """The languages to build each report in, each with the report's catalogue for it
    (`reports/translations/<stem>.<lang>.po`) into `<stem>.<lang>.<format>`; `all`: the
    report's own language (as `<stem>.<format>`) and every language it has a catalogue
    for. None: the report's own language only, as `<stem>.<format>`."""

    def __post_init__(self) -> None:
        unknown = [fmt for fmt in self.formats if fmt not in FORMATS]
        if unknown:
            raise ValueError(f"unknown format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
