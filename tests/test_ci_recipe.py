"""The CI recipe in .github/workflows/reports.yml: its build step, run as CI would run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "reports.yml"
BROKEN = "year: 2031\nlanguage: fr\ntitle: T\nbodies:\n  - name: C\n    kind: comission\n"


def steps() -> dict[str, dict[str, Any]]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return {step.get("name", step.get("uses")): step for step in workflow["jobs"]["build"]["steps"]}


def test_the_build_step_annotates_yaml_errors(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "2031.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "reportgen").symlink_to(
        Path(sys.executable).with_name("reportgen")
    )
    git = ["git", "-c", "user.name=CI", "-c", "user.email=ci@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "c"], cwd=tmp_path, check=True)
    script = steps()["Build every report"]["run"]
    result = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true"},
        check=False,
    )
    assert result.returncode == 1
    assert (
        "::error file=reports/2031.yaml,line=6,col=11,title=bodies[0].kind::`comission` is not "
        in result.stdout
    )
    manifest = (tmp_path / "build" / "manifest.json").read_text(encoding="utf-8")
    assert '"status": "failed"' in manifest


def test_the_workflow_uploads_the_build_folder_even_after_a_failure() -> None:
    upload = steps()["Upload the reports"]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["if"] == "always()"
    assert upload["with"]["path"] == "build/"
