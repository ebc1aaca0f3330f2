"""reportgen: a year's activities, from YAML to a finished PDF, Word and HTML report."""

from __future__ import annotations

from .errors import Issue, ReportError
from .loader import load
from .model import Report
from .pipeline import FORMATS, build

__all__ = ["FORMATS", "Issue", "Report", "ReportError", "build", "load"]
__version__ = "0.1.0"
