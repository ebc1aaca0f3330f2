"""The JSON Schema of a report file, generated from the models so it never drifts."""

from __future__ import annotations

import json
from typing import Any

from . import Report

SCHEMA_FILE = "schema/report.schema.json"
"""Where the repository keeps the schema; report files point editors at it."""


def report_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a report file, as editors and validators read it."""
    return Report.model_json_schema(mode="validation")


def schema_text() -> str:
    """The schema as stable, readable JSON text ending in a newline."""
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"
