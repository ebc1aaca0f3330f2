"""The JSON Schema of a report file, generated from the models so it never drifts."""

from __future__ import annotations

import json
from typing import Any

from .model import Report

SCHEMA_FILE = "schema/report.schema.json"
"""Where the repository keeps the schema; report files point editors at it."""


INCLUDE = {
    "additionalProperties": False,
    "description": "A body read from another YAML file, relative to the report's folder.",
    "properties": {"include": {"type": "string", "minLength": 1}},
    "required": ["include"],
    "title": "Include",
    "type": "object",
}
"""`{include: FILE}` in `bodies`: the loader reads it before the model sees the body."""


def report_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a report file, as editors and validators read it."""
    schema = Report.model_json_schema(mode="validation")
    schema["$defs"]["Include"] = INCLUDE
    bodies = schema["properties"]["bodies"]
    bodies["items"] = {"anyOf": [bodies["items"], {"$ref": "#/$defs/Include"}]}
    return schema


def schema_text() -> str:
    """The schema as stable, readable JSON text ending in a newline."""
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"
