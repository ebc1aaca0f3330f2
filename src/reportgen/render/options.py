"""Choices about how outputs are rendered, as opposed to what the report says."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PdfVariant = Literal["pdf/ua-1", "pdf/a-3a", "pdf/a-3b", "pdf/a-3u"]
PDF_VARIANTS: tuple[PdfVariant, ...] = ("pdf/ua-1", "pdf/a-3a", "pdf/a-3b", "pdf/a-3u")

FORMATS = ("pdf", "docx", "html")
"""The output formats, in the order they are built and listed."""


@dataclass(frozen=True)
class RenderOptions:
    """Per-build rendering choices shared by the renderers; defaults suit publishing."""

    pdf_variant: PdfVariant = "pdf/ua-1"
    """The PDF standard to follow: accessible PDF/UA-1, or archival PDF/A-3 (always tagged)."""
    attach_source: bool = True
    """Embed the report's YAML in the PDF, so an archived PDF carries its own data."""
    reference_docx: Path | None = None
    """A .docx whose styles and page setup the Word output uses, instead of the theme's."""
