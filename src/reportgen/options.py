"""Choices about how outputs are rendered, as opposed to what the report says."""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("pdf", "docx", "html")
"""The output formats, in the order they are built and listed."""


@dataclass(frozen=True)
class RenderOptions:
    """Per-build rendering choices shared by the renderers; defaults suit publishing."""
