"""Choices about how outputs are rendered, as opposed to what the report says."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RenderOptions:
    """Per-build rendering choices shared by the renderers; defaults suit publishing."""

    reference_docx: Path | None = None
    """A .docx whose styles and page setup the Word output uses, instead of the theme's."""
