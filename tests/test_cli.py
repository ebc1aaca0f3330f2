"""The `reportgen` command as users and CI run it: outputs, messages, exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EPOCH, REPORTS

BROKEN = "year: 2012\nlanguage: fr\ntitle: T\nbodies:\n  - name: C\n    kind: comission\n"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run(
        [str(Path(sys.executable).with_name("reportgen")), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    shutil.copy(REPORTS / "2012.yaml", tmp_path / "reports" / "2012.yaml")
    return tmp_path


def test_build_a_year_writes_three_formats(project: Path) -> None:
    result = run("build", "2012", cwd=project)
    assert result.returncode == 0, result.stderr
    for ext in ("pdf", "docx", "html"):
        assert (project / "build" / f"2012.{ext}").stat().st_size > 1000
    assert (project / "build" / "2012.pdf").read_bytes().startswith(b"%PDF-")


def test_build_files_into_a_folder_with_chosen_formats(project: Path) -> None:
    result = run("build", "reports/2012.yaml", "-o", "out", "-f", "html,docx", cwd=project)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (project / "out").iterdir()) == ["2012.docx", "2012.html"]


def test_bad_input_exits_1_with_located_errors_and_writes_nothing(project: Path) -> None:
    assert run("build", "2012", "-f", "html", cwd=project).returncode == 0
    before = (project / "build" / "2012.html").read_bytes()
    (project / "reports" / "2012.yaml").write_text(BROKEN, encoding="utf-8")
    result = run("build", "2012", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "reports/2012.yaml:6:11: error: bodies[0].kind: `comission` is not one of: commission, "
        "working-group, committee, network, task-force; did you mean `commission`?"
    )
    assert "Traceback" not in result.stderr
    assert (project / "build" / "2012.html").read_bytes() == before
    assert sorted(path.name for path in (project / "build").iterdir()) == ["2012.html"]


def test_validate_lists_problems_of_every_file(project: Path) -> None:
    (project / "reports" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    result = run("validate", "reports/2012.yaml", "reports/broken.yaml", cwd=project)
    assert result.returncode == 1
    assert "reports/broken.yaml:6:11: error: bodies[0].kind:" in result.stderr
    assert "2012.yaml" not in result.stderr
    assert not (project / "build").exists()
    good = run("validate", "2012", cwd=project)
    assert (good.returncode, good.stdout) == (0, "reports/2012.yaml: ok\n")


@pytest.mark.parametrize(
    "args",
    [(), ("build",), ("build", "2012", "-f", "odt"), ("frobnicate",)],
)
def test_usage_errors_exit_2(project: Path, args: tuple[str, ...]) -> None:
    result = run(*args, cwd=project)
    assert result.returncode == 2
    assert "Usage:" in result.stderr


def test_missing_report_is_an_input_error(project: Path) -> None:
    result = run("build", "2031", cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("reports/2031.yaml: error: no such file")


def test_help_and_version(project: Path) -> None:
    assert "build" in run("--help", cwd=project).stdout
    assert run("--version", cwd=project).stdout.startswith("reportgen, version ")


def test_same_epoch_same_bytes(project: Path) -> None:
    first = {}
    for attempt in range(2):
        assert run("build", "2012", "-o", f"out{attempt}", cwd=project).returncode == 0
        first[attempt] = {
            ext: (project / f"out{attempt}" / f"2012.{ext}").read_bytes()
            for ext in ("pdf", "docx", "html")
        }
    assert first[0] == first[1]
