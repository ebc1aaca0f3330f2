"""The JSON Schema: generated from the models, committed, and true of every example."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

import reportgen
from conftest import REPORTS, ROOT
from reportgen import model
from reportgen.cli import main
from reportgen.model import Report

COMMITTED = ROOT / "schema" / "report.schema.json"


class EditorLoader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: dates stay text (YAML 1.2)."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    printed: dict[str, Any] = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(printed)
    return printed


def test_committed_schema_is_up_to_date(schema: dict[str, Any]) -> None:
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == schema, "run `make docs`"


@pytest.mark.parametrize("report", sorted(REPORTS.glob("*.yaml")), ids=lambda path: path.name)
def test_every_example_validates(schema: dict[str, Any], report: Path) -> None:
    data = yaml.load(report.read_text(encoding="utf-8"), Loader=EditorLoader)
    errors = [error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == []


def test_included_body_files_validate(schema: dict[str, Any]) -> None:
    body_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/Body"}
    for body in sorted((REPORTS / "bodies").glob("*.yaml")):
        data = yaml.load(body.read_text(encoding="utf-8"), Loader=EditorLoader)
        errors = list(jsonschema.Draft202012Validator(body_schema).iter_errors(data))
        assert [error.message for error in errors] == [], body


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"bodies": [{"name": "C", "kind": "comission"}]}, "'comission' is not one of"),
        ({"titel": "T"}, "Additional properties are not allowed ('titel' was unexpected)"),
        (
            {
                "bodies": [
                    {
                        "name": "C",
                        "kind": "commission",
                        "upcoming": [{"title": "M", "date": "December 2012"}],
                    }
                ]
            },
            "is not valid under any of the given schemas",
        ),
    ],
)
def test_schema_flags_what_the_loader_rejects(
    schema: dict[str, Any], change: dict[str, Any], complaint: str
) -> None:
    report = {"year": 2012, "language": "fr", "title": "T", "bodies": [], **change}
    errors = jsonschema.Draft202012Validator(schema).iter_errors(report)
    messages = [cause.message for error in errors for cause in [error, *error.context]]
    assert any(complaint in message for message in messages), messages


def test_schema_can_be_written_to_a_file(tmp_path: Path, schema: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["schema", "-o", str(tmp_path / "s.json")])
    assert result.exit_code == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == schema


def test_committed_field_reference_is_up_to_date() -> None:
    result = CliRunner().invoke(main, ["schema", "--format", "markdown"])
    assert result.exit_code == 0
    committed = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert committed == result.output, "run `make docs`"


def test_field_reference_documents_every_field_of_every_model() -> None:
    sections = {
        part.split("\n", 1)[0]: part
        for part in (ROOT / "docs" / "reference.md").read_text(encoding="utf-8").split("\n## ")
    }
    models = [Report] + [
        value
        for value in vars(model).values()
        if isinstance(value, type) and issubclass(value, model.Strict) and value is not model.Strict
    ]
    for documented in models:
        section = sections[documented.__name__]
        for name, info in documented.model_fields.items():
            assert f"| `{name}` |" in section, (documented.__name__, name)
            assert info.description and " ".join(info.description.split()) in section
    assert "| `figures` | [KeyFigures](#keyfigures) |" in sections["Blocks"]


def test_the_readme_example_is_a_valid_report(schema: dict[str, Any], tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("## A report by example", 1)[1].split("```yaml\n", 1)[1]
    example = example.split("```", 1)[0]
    for folder in ("bodies", "images"):
        shutil.copytree(REPORTS / folder, tmp_path / folder)
    (tmp_path / "example.yaml").write_text(example, encoding="utf-8")
    report = reportgen.load(tmp_path / "example.yaml")
    assert [body.name for body in report.bodies] == [
        "Committee on Digital Cities",
        "Working Group on Culture",
    ]
    data = yaml.load(example, Loader=EditorLoader)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []
