"""The CI recipe in .github/workflows/reports.yml: its build step, run as CI would run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from conftest import REPORTS, ROOT

FIXTURES = Path(__file__).resolve().parent / "fixtures"

WORKFLOW = ROOT / ".github" / "workflows" / "reports.yml"
BROKEN = "year: 2031\nlanguage: fr\ntitle: T\nbodies:\n  - name: C\n    kind: comission\n"


def workflow() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def steps(job: str = "build") -> dict[str, dict[str, Any]]:
    return {step.get("name", step.get("uses")): step for step in workflow()["jobs"][job]["steps"]}


def run_step(script: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """A step's script run by bash as CI runs it, with .venv/bin/reportgen this one."""
    if not (cwd / ".venv").exists():
        (cwd / ".venv" / "bin").mkdir(parents=True)
        (cwd / ".venv" / "bin" / "reportgen").symlink_to(
            Path(sys.executable).with_name("reportgen")
        )
    return subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true", **env},
        check=False,
    )


def test_the_build_step_annotates_yaml_errors(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "2031.yaml").write_text(BROKEN, encoding="utf-8")
    git_commit(tmp_path)
    result = run_step(steps()["Build every report"]["run"], tmp_path, SHARD="1/1")
    assert result.returncode == 1
    assert (
        "::error file=reports/2031.yaml,line=6,col=11,title=bodies[0].kind::`comission` is not "
        in result.stdout
    )
    manifest = (tmp_path / "build" / "manifest.json").read_text(encoding="utf-8")
    assert '"status": "failed"' in manifest


def git_commit(root: Path) -> None:
    git = ["git", "-c", "user.name=CI", "-c", "user.email=ci@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "c"], cwd=root, check=True)


def test_each_shard_uploads_its_build_folder_even_after_a_failure() -> None:
    upload = steps()["Upload the shard"]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["if"] == "always()"
    assert upload["with"]["path"] == "build/"
    assert upload["with"]["name"] == "reports-shard-${{ matrix.shard }}"


def test_the_shards_together_build_every_report_in_every_language_once(tmp_path: Path) -> None:
    build = workflow()["jobs"]["build"]
    shards = build["strategy"]["matrix"]["shard"]
    assert build["strategy"]["fail-fast"] is False
    step = steps()["Build every report"]
    assert step["env"]["SHARD"] == f"${{{{ matrix.shard }}}}/{len(shards)}"
    project = tmp_path / "project"
    for folder in ("bodies", "images"):
        shutil.copytree(REPORTS / folder, project / "reports" / folder)
    for name in ("2012.yaml", "example-en.yaml"):
        shutil.copy(REPORTS / name, project / "reports")
    (project / "reports" / "translations").mkdir()
    shutil.copy(FIXTURES / "2012.en.po", project / "reports" / "translations")
    git_commit(project)
    downloaded = tmp_path / "merge" / "shards"
    script = step["run"].replace("reportgen build --all", "reportgen build --all -f html")
    for shard in shards:
        result = run_step(script, project, SHARD=f"{shard}/{len(shards)}")
        assert result.returncode == 0, result.stderr
        shutil.copytree(project / "build", downloaded / f"reports-shard-{shard}")
        shutil.rmtree(project / "build")
    merge = tmp_path / "merge"
    result = run_step(steps("merge")["Merge the shards"]["run"], merge)
    assert result.returncode == 0, result.stderr
    outputs = sorted(path.name for path in (merge / "build").iterdir())
    assert outputs == ["2012.en.html", "2012.html", "example-en.html", "manifest.json"]
    manifest = json.loads((merge / "build" / "manifest.json").read_text(encoding="utf-8"))
    built = [(entry["source"], entry["language"], entry["status"]) for entry in manifest["reports"]]
    assert built == [
        ("reports/2012.yaml", None, "built"),
        ("reports/2012.yaml", "en", "built"),
        ("reports/example-en.yaml", None, "built"),
    ]
    upload = steps("merge")["Upload the reports"]
    assert upload["with"] == {"name": "reports", "path": "build/", "if-no-files-found": "error"}
    assert workflow()["jobs"]["merge"]["needs"] == "build"
