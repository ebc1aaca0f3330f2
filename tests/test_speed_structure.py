"""The structural speed wins, locked in without timing anything.

Each check runs in a fresh interpreter, so what is imported is exactly what the
entry point itself pulls in.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPORT_2012 = Path(__file__).resolve().parent.parent / "reports" / "2012.yaml"

HEAVY = ("weasyprint", "docx", "jinja2", "babel", "pydantic", "yaml")


def imported_after(statement: str) -> set[str]:
    """The top-level packages loaded in a fresh interpreter after running `statement`."""
    script = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return {name.split(".")[0] for name in json.loads(result.stdout.splitlines()[-1])}


@pytest.mark.parametrize("statement", ["import reportgen", "import reportgen.cli"])
def test_importing_the_package_or_the_cli_loads_no_heavy_library(statement: str) -> None:
    assert imported_after(statement) & set(HEAVY) == set()


def test_help_runs_without_the_heavy_libraries() -> None:
    statement = (
        "from click.testing import CliRunner\n"
        "from reportgen.cli import main\n"
        "assert CliRunner().invoke(main, ['build', '--help']).exit_code == 0"
    )
    assert imported_after(statement) & set(HEAVY) == set()


def test_validate_loads_the_model_but_no_renderer() -> None:
    statement = (
        "from click.testing import CliRunner\n"
        "from reportgen.cli import main\n"
        f"assert CliRunner().invoke(main, ['validate', {str(REPORT_2012)!r}]).exit_code == 0"
    )
    loaded = imported_after(statement)
    assert {"pydantic", "yaml"} <= loaded
    assert loaded & {"weasyprint", "docx", "jinja2", "babel"} == set()


def test_public_names_resolve_lazily_to_the_real_objects() -> None:
    import reportgen
    from reportgen import errors, loader, model, options, pipeline

    assert reportgen.load is loader.load
    assert reportgen.build is pipeline.build
    assert reportgen.Report is model.Report
    assert reportgen.ReportError is errors.ReportError
    assert reportgen.FORMATS == options.FORMATS == ("pdf", "docx", "html")
    assert set(reportgen.__all__) <= set(dir(reportgen))
    with pytest.raises(AttributeError):
        _ = reportgen.no_such_name
