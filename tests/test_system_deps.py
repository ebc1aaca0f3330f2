"""`make build` on systems other than Debian: the set-up script says exactly what to install."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "system-deps.sh"


def run_with(tmp_path: Path, stubs: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The script with a PATH that holds only `stubs` (name: shell body) and the few tools
    it uses, so no package manager of this machine is found."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("grep", "id"):
        found = shutil.which(tool)
        assert found is not None
        os.symlink(found, folder / tool)
    for name, body in stubs.items():
        (folder / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (folder / name).chmod(0o755)
    bash = shutil.which("bash")
    assert bash is not None
    return subprocess.run(
        [bash, str(SCRIPT), *args],
        env={"PATH": str(folder)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_homebrew_is_told_what_to_install(tmp_path: Path) -> None:
    brew = 'case "$3" in pango) exit 1;; *) echo "$3 1.0";; esac'
    result = run_with(tmp_path, {"brew": brew}, "build")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Missing system packages: pango",
        "Install them with: brew install pango",
    ]


def test_dnf_is_told_what_to_install(tmp_path: Path) -> None:
    rpm = '[ "$2" = harfbuzz ] && exit 0; exit 1'
    result = run_with(tmp_path, {"rpm": rpm, "dnf": "exit 0"}, "test")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "Install them with: sudo dnf install -y pango poppler-utils qpdf pandoc "
        "libreoffice-writer libreoffice-pyuno gettext"
    )


@pytest.mark.parametrize("stubs", [{"brew": "exit 0"}, {"rpm": "exit 0", "dnf": "exit 0"}])
def test_nothing_is_said_when_all_is_there(tmp_path: Path, stubs: dict[str, str]) -> None:
    result = run_with(tmp_path, stubs, "build")
    assert (result.returncode, result.stderr) == (0, "")


def test_an_unknown_system_is_told_what_is_needed(tmp_path: Path) -> None:
    result = run_with(tmp_path, {}, "build")
    assert result.returncode == 1
    assert result.stderr.startswith("reportgen needs Pango (1.44 or later) and HarfBuzz")
