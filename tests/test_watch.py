"""`reportgen watch`: rebuilds on rename-style saves, keeps the last good output, live preview;
survives whatever makes one build fail, and stops at once when asked."""

from __future__ import annotations

import errno
import io
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import reportgen.render.html
import reportgen.view.context
from conftest import EPOCH, REPORTS
from reportgen.errors import Issue
from reportgen.pipeline.settings import Settings
from reportgen.pipeline.watch import Built, Failed, watch
from reportgen.render.theme import builtin_dir

REPORTGEN = str(Path(sys.executable).with_name("reportgen"))
WATCH = [REPORTGEN, "watch", "2012", "-f", "html", "--port", "0", "--interval", "0.05"]
TIMEOUT = 120  # seconds to wait for one rebuild on a loaded machine; a pass takes ~1 s
STOP_TIMEOUT = 30  # seconds for watch to end after a signal; it takes well under one


class Watcher:
    """`reportgen watch` in a subprocess, its output lines read as they come."""

    def __init__(self, project: Path, *options: str) -> None:
        self.process = subprocess.Popen(
            [*WATCH, *options],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"},
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, pattern: str) -> list[str]:
        """The lines up to and including the first that matches `pattern`."""
        seen = []
        while True:
            try:
                line = self.lines.get(timeout=TIMEOUT)
            except queue.Empty:
                pytest.fail(f"no line matching {pattern!r} after {seen}")
            if line is None:
                pytest.fail(f"watch ended with no line matching {pattern!r} after {seen}")
            seen.append(line)
            if re.search(pattern, line):
                return seen

    def port(self) -> str:
        """The preview's port, from the line that announces it."""
        announced = self.wait_for(r"^preview at http://127\.0\.0\.1:\d+/")[-1]
        return announced.split(":")[-1].split("/")[0]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A folder with reports/2012.yaml and an empty theme folder."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "theme").mkdir()
    shutil.copy(REPORTS / "2012.yaml", tmp_path / "reports" / "2012.yaml")
    return tmp_path


@pytest.fixture()
def watcher(project: Path) -> Iterator[tuple[Watcher, Path]]:
    running = Watcher(project, "--theme", "theme")
    yield running, project
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
    port = running.port()
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


def test_watch_keeps_the_last_good_preview_while_a_theme_is_broken(
    watcher: tuple[Watcher, Path],
) -> None:
    running, project = watcher
    port = running.port()
    running.wait_for(r"^built reports/2012\.yaml in ")
    good = get(port, "/")
    template = project / "theme" / "report.html.j2"
    save_by_rename(template, "{{ ctx.no_such_field }}\n")
    lines = running.wait_for(r"not built; the last good output is kept")
    assert any(re.search(r"error: .*no_such_field", line) for line in lines), lines
    assert not any("Traceback" in line for line in lines), lines
    assert get(port, "/") == good
    state = json.loads(get(port, "/__reportgen"))
    assert state["version"] == 1
    assert "no_such_field" in state["errors"][0]

    template.unlink()
    running.wait_for(r"^built reports/2012\.yaml in ")
    assert json.loads(get(port, "/__reportgen")) == {"version": 2, "errors": []}


@contextmanager
def watching(
    project: Path, on_event: Callable[[Built | Failed], None] = lambda _event: None
) -> Iterator[Callable[[], Built | Failed]]:
    """`watch` of the project's report (HTML, its theme folder) in a thread of this
    process, calling `on_event` too; gives a function that waits for the next event."""
    events: queue.Queue[Built | Failed | BaseException] = queue.Queue()
    stop = threading.Event()

    def report(event: Built | Failed) -> None:
        on_event(event)
        events.put(event)

    def run() -> None:
        try:
            watch(
                project / "reports" / "2012.yaml",
                Settings(project / "build", ("html",), project / "theme"),
                on_event=report,
                interval=0.05,
                stop=stop,
            )
        except BaseException as error:
            events.put(error)

    def next_event() -> Built | Failed:
        try:
            event = events.get(timeout=TIMEOUT)
        except queue.Empty:
            pytest.fail("no build within the time allowed")
        assert isinstance(event, Built | Failed), f"watch stopped: {event!r}"
        return event

    thread = threading.Thread(target=run)
    thread.start()
    try:
        yield next_event
    finally:
        stop.set()
        thread.join(TIMEOUT)


def test_a_theme_file_added_during_a_build_is_built_next(project: Path) -> None:
    built, stylesheet = project / "build" / "2012.html", project / "theme" / "report.css"
    css = (builtin_dir() / "report.css").read_text(encoding="utf-8") + "h1 { color: teal; }\n"

    def add_stylesheet(_event: Built | Failed) -> None:
        """Save a new theme file while the first build is still finishing."""
        if not stylesheet.exists():
            stylesheet.write_text(css, encoding="utf-8")

    with watching(project, add_stylesheet) as next_event:
        assert isinstance(next_event(), Built)
        assert isinstance(next_event(), Built)
        assert "color: teal" in built.read_text(encoding="utf-8")


def only_issue(event: Built | Failed) -> Issue:
    """The one error of a failed build."""
    assert isinstance(event, Failed), event
    [issue] = event.issues
    assert issue.severity == "error"
    return issue


@pytest.mark.parametrize(
    "step",
    [(reportgen.render.html, "render"), (reportgen.view.context, "build_context")],
    ids=["renderer", "view"],
)
def test_watch_survives_an_unexpected_exception(
    project: Path, monkeypatch: pytest.MonkeyPatch, step: tuple[object, str]
) -> None:
    """In a renderer (which names the failure itself) or in any other step of a build."""
    report, built = project / "reports" / "2012.yaml", project / "build" / "2012.html"
    original = report.read_text(encoding="utf-8")

    def crash(*_args: object) -> bytes:
        raise RuntimeError("something nobody foresaw")

    with watching(project) as next_event:
        assert isinstance(next_event(), Built)
        page = built.read_text(encoding="utf-8")
        monkeypatch.setattr(*step, crash)
        save_by_rename(report, original.replace("- title: Communication", "- title: Diffusion"))
        issue = only_issue(next_event())
        assert issue.file == str(report)
        assert "RuntimeError: something nobody foresaw" in issue.message
        assert "a bug in reportgen" in issue.message
        assert built.read_text(encoding="utf-8") == page

        monkeypatch.undo()
        save_by_rename(report, original.replace("- title: Communication", "- title: Web"))
        assert isinstance(next_event(), Built)
        assert "Web" in built.read_text(encoding="utf-8")


def test_watch_survives_a_full_disk(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report, built = project / "reports" / "2012.yaml", project / "build" / "2012.html"
    original = report.read_text(encoding="utf-8")

    def disk_full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with watching(project) as next_event:
        assert isinstance(next_event(), Built)
        page = built.read_text(encoding="utf-8")
        monkeypatch.setattr(os, "fsync", disk_full)
        save_by_rename(report, original.replace("- title: Communication", "- title: Diffusion"))
        failed = Issue(str(built), 0, 0, f"cannot write: {os.strerror(errno.ENOSPC)}")
        assert next_event() == Failed([failed])
        assert built.read_text(encoding="utf-8") == page
        assert [path.name for path in built.parent.iterdir()] == ["2012.html"]

        monkeypatch.undo()
        save_by_rename(report, original.replace("- title: Communication", "- title: Web"))
        assert isinstance(next_event(), Built)
        assert "Web" in built.read_text(encoding="utf-8")


def test_watch_survives_a_file_it_cannot_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built, stylesheet = project / "build" / "2012.html", project / "theme" / "report.css"
    css = (builtin_dir() / "report.css").read_text(encoding="utf-8")
    stylesheet.write_text(css, encoding="utf-8")
    opened = io.open

    def denied(file: Any, *args: Any, **kwargs: Any) -> Any:
        """`open`, refusing the stylesheet (as root, a file's mode would not stop a read)."""
        if file == stylesheet:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return opened(file, *args, **kwargs)

    with watching(project) as next_event:
        assert isinstance(next_event(), Built)
        page = built.read_text(encoding="utf-8")
        monkeypatch.setattr(io, "open", denied)
        save_by_rename(stylesheet, css + "h1 { color: navy; }\n")
        issue = only_issue(next_event())
        assert str(stylesheet) in f"{issue.file} {issue.message}"
        assert os.strerror(errno.EACCES) in issue.message
        assert "bug" not in issue.message  # the machine's refusal, not reportgen's fault
        assert built.read_text(encoding="utf-8") == page

        monkeypatch.undo()
        save_by_rename(stylesheet, css + "h1 { color: teal; }\n")
        assert isinstance(next_event(), Built)
        assert "color: teal" in built.read_text(encoding="utf-8")


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_watch_stops_at_once_on_a_signal_even_in_the_middle_of_a_build(
    project: Path, stop_signal: signal.Signals
) -> None:
    # A theme whose page never ends: the first build is running when the signal comes.
    endless = "{% for _ in range(10 ** 15) %}{% endfor %}\n"
    (project / "theme" / "report.html.j2").write_text(endless, encoding="utf-8")
    running = Watcher(project, "--theme", "theme")
    try:
        running.port()
        running.process.send_signal(stop_signal)
        assert running.process.wait(timeout=STOP_TIMEOUT) == 0
        assert running.wait_for(r"^stopped$") == ["stopped"]  # no traceback, nothing else
        assert not (project / "build").exists()
    finally:
        if running.process.poll() is None:
            running.process.kill()
            running.process.wait()


def test_watch_in_languages_rebuilds_at_each_save_of_a_catalogue(project: Path) -> None:
    translations = project / "reports" / "translations"
    translations.mkdir()
    english = (Path(__file__).parent / "fixtures" / "2012.en.po").read_text(encoding="utf-8")
    (translations / "2012.en.po").write_text(english, encoding="utf-8")
    running = Watcher(project, "--lang", "all")
    try:
        port = running.port()
        running.wait_for(r"^built reports/2012\.yaml in ")
        assert "Prochaines activit" in get(port, "/")  # the source's language first
        assert "Upcoming activities" in get(port, "/2012.en.html")
        assert 'fetch("/__reportgen"' in get(port, "/2012.en.html")
        for elsewhere in ("/2012.en.po", "/..%2F2012.html", "/2012.en.html/x", "/other.html"):
            with pytest.raises(urllib.error.HTTPError, match="404"):
                get(port, elsewhere)

        save_by_rename(
            translations / "2012.en.po",
            english.replace('msgstr "Upcoming activities"', 'msgstr "Coming up"'),
        )
        running.wait_for(r"^built reports/2012\.yaml in ")
        assert "Coming up" in get(port, "/2012.en.html")
        assert "Coming up" in (project / "build" / "2012.en.html").read_text(encoding="utf-8")

        spanish = english.replace("Language: en", "Language: es")  # a catalogue made meanwhile
        spanish = spanish.replace('msgstr "Upcoming activities"', 'msgstr "Próximamente"')
        save_by_rename(translations / "2012.es.po", spanish)
        running.wait_for(r"^built reports/2012\.yaml in ")
        assert "Próximamente" in get(port, "/2012.es.html")
    finally:
        running.process.kill()
        running.process.wait()


def test_watch_in_a_language_waits_for_its_catalogue(project: Path) -> None:
    running = Watcher(project, "--lang", "en", "--no-serve")
    try:
        lines = running.wait_for(r"not built; the last good output is kept")
        assert any("no catalogue for `en`" in line for line in lines), lines
        translations = project / "reports" / "translations"
        translations.mkdir()
        shutil.copy(Path(__file__).parent / "fixtures" / "2012.en.po", translations)
        running.wait_for(r"^built reports/2012\.yaml in ")
        assert "Upcoming activities" in (project / "build" / "2012.en.html").read_text(
            encoding="utf-8"
        )
    finally:
        running.process.kill()
        running.process.wait()
