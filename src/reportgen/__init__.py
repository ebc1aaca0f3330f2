"""reportgen: a year's activities, from YAML to a finished PDF, Word and HTML report.

The public names are imported on first use, so `import reportgen` (and the CLI's
`--help`) stays quick; only what a caller touches pulls in pydantic, YAML or WeasyPrint.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .errors import Issue, ReportError
    from .model import Report
    from .pipeline.build import FORMATS, build
    from .render.options import RenderOptions
    from .source.loader import load

__all__ = ["FORMATS", "Issue", "RenderOptions", "Report", "ReportError", "build", "load"]
__version__ = "0.1.0"

_HOMES = {
    "FORMATS": "render.options",
    "Issue": "errors",
    "RenderOptions": "render.options",
    "Report": "model",
    "ReportError": "errors",
    "build": "pipeline.build",
    "load": "source.loader",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'reportgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
