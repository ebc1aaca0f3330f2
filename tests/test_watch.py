"""`reportgen watch`: rebuilds on rename-style saves, keeps the last good output, live preview."""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EPOCH, REPORTS

REPORTGEN = str(Path(sys.executable).with_name("reportgen"))
TIMEOUT = 120  # seconds to wait for one rebuild on a loaded machine; a pass takes ~1 s


class Watcher:
    """`reportgen watch` in a subprocess, its output lines read as they come."""

    def __init__(self, project: Path) -> None:
        self.process = subprocess.Popen(
            [REPORTGEN, "watch", "2012", "-f", "html", "--port", "0", "--interval", "0.05"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str) -> list[str]:
        """The lines up to and including the first that matches `pattern`."""
        seen = []
        while True:
            try:
                line = self.lines.get(timeout=TIMEOUT)
            except queue.Empty:
                pytest.fail(f"no line matching {pattern!r} after {seen}")
            seen.append(line)
            if re.search(pattern, line):
                return seen


@pytest.fixture()
def watcher(tmp_path: Path) -> Iterator[tuple[Watcher, Path]]:
    (tmp_path / "reports").mkdir()
    shutil.copy(REPORTS / "2012.yaml", tmp_path / "reports" / "2012.yaml")
    running = Watcher(tmp_path)
    yield running, tmp_path
    if running.process.poll() is None:
        running.process.kill()
        running.process.wait()


def save_by_rename(path: Path, text: str) -> None:
    """Save as many editors do: write a new file beside it, then rename it over the old one."""
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def get(port: str, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        body: str = response.read().decode("utf-8")
        return body


def test_watch_rebuilds_on_rename_saves_and_keeps_the_last_good_output(
    watcher: tuple[Watcher, Path],
) -> None:
    running, project = watcher
    announced = running.wait_for(r"^preview at http://127\.0\.0\.1:\d+/")[-1]
    port = announced.split(":")[-1].split("/")[0]
    running.wait_for(r"^built reports/2012\.yaml in ")
    report, built = project / "reports" / "2012.yaml", project / "build" / "2012.html"
    assert json.loads(get(port, "/__reportgen")) == {"version": 1, "errors": []}

    original = report.read_text(encoding="utf-8")
    save_by_rename(report, original.replace("- title: Communication", "- title: Diffusion web"))
    running.wait_for(r"^built reports/2012\.yaml in ")
    page = built.read_text(encoding="utf-8")
    assert "Diffusion web" in page
    assert "__reportgen" not in page, "the reload script is for the preview only"
    preview = get(port, "/")
    assert "Diffusion web" in preview
    assert 'fetch("/__reportgen"' in preview
    assert json.loads(get(port, "/__reportgen"))["version"] == 2

    save_by_rename(report, original.replace("kind: commission", "kind: comission"))
    lines = running.wait_for(r"not built; the last good output is kept")
    assert any(
        line.startswith("reports/2012.yaml:13:11: error: bodies[0].kind: `comission`")
        for line in lines
    ), lines
    assert built.read_text(encoding="utf-8") == page
    state = json.loads(get(port, "/__reportgen"))
    assert state["version"] == 2
    assert state["errors"][0].startswith("reports/2012.yaml:13:11: error: bodies[0].kind:")

    save_by_rename(report, original)
    running.wait_for(r"^built reports/2012\.yaml in ")
    assert json.loads(get(port, "/__reportgen")) == {"version": 3, "errors": []}

    running.process.terminate()
    running.wait_for(r"^stopped$")
    assert running.process.wait(timeout=TIMEOUT) == 0
