"""Faults that are not the input's: a renderer's bug, a full or read-only disk, a build
killed while renaming, two builds into one folder. Each ends in one plain line and exit
1, never a traceback, and leaves the outputs whole: all of one build, none of another."""

from __future__ import annotations

import errno
import fcntl
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import docx as python_docx
import pytest

import reportgen
from conftest import EPOCH, REPORTS
from reportgen.pipeline import write
from reportgen.render import docx, html
from reportgen.render.pdf import printer, printing
from reportgen.render.theme import builtin_dir
from reportgen.view.context import ParagraphView

FAULTY = Path(__file__).resolve().parent / "faulty.py"
BUG = "this is a bug in reportgen; please report it with this file"
FORMATS = ["html", "docx"]


def reportgen_with(faults: list[str], *args: str, cwd: Path) -> subprocess.Popen[str]:
    """The reportgen command started with `faults` injected (see faulty.py)."""
    return subprocess.Popen(
        [sys.executable, str(FAULTY), *faults, "--", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"},
    )


def finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    stdout, stderr = process.communicate(timeout=300)
    return process.returncode, stdout, stderr


def run(faults: list[str], *args: str, cwd: Path) -> tuple[int, str, str]:
    return finished(reportgen_with(faults, *args, cwd=cwd))


def wait_for(path: Path, process: subprocess.Popen[str]) -> None:
    """Until `path` exists; the process must not end first (a generous bound for hangs)."""
    deadline = time.monotonic() + 300
    while not path.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"{path} never came"
        time.sleep(0.05)


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A folder with reports/2012.yaml and reports/example-en.yaml."""
    shutil.copytree(REPORTS, tmp_path / "reports")
    return tmp_path


def titled(project: Path, title: str) -> Path:
    """The 2012 report under `title`, as `title/2012.yaml` in the project."""
    folder = project / title
    folder.mkdir()
    text = (REPORTS / "2012.yaml").read_text(encoding="utf-8")
    (folder / "2012.yaml").write_text(text.replace("title: Rapport", f"title: {title}"), "utf-8")
    return folder / "2012.yaml"


def titles(out: Path) -> tuple[str, str]:
    """The report's title as the HTML page and the Word file give it."""
    page = (out / "2012.html").read_text(encoding="utf-8")
    document = python_docx.Document(str(out / "2012.docx")).core_properties.title
    return page.split("<title>")[1].split(" ")[0], document.split(" ")[0]


def listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


# --- a renderer's bug -------------------------------------------------------------------


def crash_at_a_block(context: Any, *_args: Any) -> bytes:
    """A renderer that fails at the second theme's first block of the first body."""
    block = context.bodies[0].activities[1].blocks[0]  # noqa: F841 (where it fails)
    return bytes(1 // 0)


@pytest.mark.parametrize(
    ("module", "name"), [(html, "the HTML page"), (docx, "the Word file")], ids=["html", "docx"]
)
def test_a_renderers_bug_is_an_error_at_the_report_and_block(
    module: Any, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(module, "render", crash_at_a_block)
    with pytest.raises(reportgen.ReportError) as raised:
        reportgen.build([REPORTS / "2012.yaml"], tmp_path / "out", FORMATS)
    assert str(raised.value) == (
        f"{REPORTS / '2012.yaml'}: error: bodies[0].activities[1].blocks[0]: could not make "
        f"{name}: ZeroDivisionError: integer division or modulo by zero \u2014 {BUG}"
    )
    assert not (tmp_path / "out").exists()


def test_a_pdf_printed_in_this_process_that_fails_is_the_same_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(_job: Any) -> bytes:
        raise KeyError("a bug while printing")

    monkeypatch.setattr(printer, "can_fork", lambda: False)
    monkeypatch.setattr(printing, "print_pdf", crash)
    with pytest.raises(reportgen.ReportError) as raised:
        reportgen.build([REPORTS / "2012.yaml"], tmp_path / "out")
    assert str(raised.value) == (
        f"{REPORTS / '2012.yaml'}: error: could not make the PDF: KeyError: "
        f"'a bug while printing' \u2014 {BUG}"
    )
    assert not (tmp_path / "out").exists()
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize(
    ("line", "cause"),
    [
        (
            "<p>{{ block.nope }}</p>",
            "'reportgen.view.context.ParagraphView object' has no attribute 'nope'",
        ),
        (
            "<p>{{ block.spans + 1 }}</p>",
            'TypeError: can only concatenate tuple (not "int") to tuple',
        ),
    ],
    ids=["jinja", "python"],
)
def test_a_failing_template_of_the_users_theme_is_located_there(
    tmp_path: Path, line: str, cause: str
) -> None:
    blocks = tmp_path / "theme" / "blocks"
    blocks.mkdir(parents=True)
    (blocks / "paragraph.html.j2").write_text(f"{{# mine #}}\n{line}\n", "utf-8")
    with pytest.raises(reportgen.ReportError) as raised:
        reportgen.build([REPORTS / "2012.yaml"], tmp_path / "out", ["html"], tmp_path / "theme")
    assert str(raised.value) == (
        f"{blocks / 'paragraph.html.j2'}:2:1: error: the theme's template cannot be used: {cause}"
    )
    assert not (tmp_path / "out").exists()


def test_a_failing_template_of_the_built_in_theme_is_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ParagraphView, "kind", "lost")
    with pytest.raises(reportgen.ReportError) as raised:
        reportgen.build([REPORTS / "2012.yaml"], tmp_path / "out", ["html"])
    assert str(raised.value) == (
        f"{REPORTS / '2012.yaml'}: error: bodies[0].introduction[0]: could not make the HTML "
        f"page: TemplateNotFound: 'blocks/lost.html.j2' not found in search path: "
        f"'{builtin_dir()}' \u2014 {BUG}"
    )


def test_the_command_prints_a_renderers_bug_in_one_line(project: Path) -> None:
    code, stdout, stderr = run(
        ["crash=2012.yaml"], "build", "reports/2012.yaml", "-f", "docx", cwd=project
    )
    assert (code, stdout) == (1, "")
    assert stderr.splitlines() == [
        "reports/2012.yaml: error: bodies[0].activities[1].blocks[0]: could not make the Word "
        f"file: ZeroDivisionError: integer division or modulo by zero \u2014 {BUG}",
        "1 error found; nothing was written.",
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_build_all_lists_a_renderers_bug_and_builds_the_others(project: Path, jobs: str) -> None:
    code, stdout, stderr = run(
        ["crash=2012.yaml"], "build", "--all", "-j", jobs, "-f", "docx,html", cwd=project
    )
    error = (
        "reports/2012.yaml: error: bodies[0].activities[1].blocks[0]: could not make the Word "
        f"file: ZeroDivisionError: integer division or modulo by zero \u2014 {BUG}"
    )
    assert code == 1
    assert stderr.splitlines() == [error, "1 error found."]
    assert "reports/2012.yaml: failed, 1 error" in stdout
    manifest = json.loads((project / "build" / "manifest.json").read_text("utf-8"))
    reports = {entry["source"]: entry for entry in manifest["reports"]}
    assert reports["reports/2012.yaml"]["status"] == "failed"
    assert reports["reports/2012.yaml"]["errors"] == [error]
    assert reports["reports/example-en.yaml"]["status"] == "built"
    assert listing(project / "build") == [
        "example-en.docx",
        "example-en.html",
        "manifest.json",
    ]


# --- the disk ---------------------------------------------------------------------------


@pytest.fixture()
def built(project: Path) -> Path:
    """The project with 2012 built as HTML and Word into out/, then edited."""
    source = project / "reports" / "2012.yaml"
    reportgen.build([source], project / "out", FORMATS)
    source.write_text(source.read_text("utf-8").replace("title: Rapport", "title: New"), "utf-8")
    return project


@pytest.mark.parametrize(
    ("faults", "where", "number"),
    [
        (["full-disk=2012.docx"], "out/2012.docx", errno.ENOSPC),
        (["refuse=EROFS"], "out", errno.EROFS),
        (["refuse=EACCES"], "out", errno.EACCES),
    ],
    ids=["full", "read-only", "forbidden"],
)
def test_a_failed_write_is_one_line_naming_the_file_and_the_cause(
    built: Path, faults: list[str], where: str, number: int
) -> None:
    project = built
    before = {path.name: path.read_bytes() for path in (project / "out").iterdir()}
    code, stdout, stderr = run(
        faults, "build", "reports/2012.yaml", "-o", "out", "-f", "html,docx", cwd=project
    )
    assert (code, stdout) == (1, "")
    assert stderr.splitlines() == [f"{where}: error: cannot write: {os.strerror(number)}"]
    assert {path.name: path.read_bytes() for path in (project / "out").iterdir()} == before


def test_build_all_with_a_full_disk_names_the_file_and_builds_the_others(project: Path) -> None:
    code, _, stderr = run(["full-disk=2012.html"], "build", "--all", "-f", "html", cwd=project)
    error = f"build/2012.html: error: cannot write: {os.strerror(errno.ENOSPC)}"
    assert code == 1
    assert stderr.splitlines() == [error, "1 error found."]
    manifest = json.loads((project / "build" / "manifest.json").read_text("utf-8"))
    assert [(entry["status"], entry["errors"]) for entry in manifest["reports"]] == [
        ("failed", [error]),
        ("built", []),
    ]
    assert listing(project / "build") == ["example-en.html", "manifest.json"]


@pytest.mark.parametrize("command", [["build", "reports/2012.yaml"], ["build", "--all"]])
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_an_output_folder_that_is_a_fifo_or_a_device_is_refused(
    project: Path, command: list[str], kind: str
) -> None:
    out = project / "out"
    if kind == "fifo":
        os.mkfifo(out)
    else:
        out = Path("/dev/zero")
    code, _, stderr = run([], *command, "-f", "html", "-o", str(out), cwd=project)
    assert code == 1
    assert stderr.splitlines()[-1] == f"{out}: error: cannot write: Not a directory"


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_theme_that_is_a_fifo_or_a_device_is_refused(project: Path, kind: str) -> None:
    theme = project / "theme"
    if kind == "fifo":
        os.mkfifo(theme)
    else:
        theme = Path("/dev/zero")
    code, _, stderr = run(
        [], "build", "reports/2012.yaml", "-f", "html", "--theme", str(theme), cwd=project
    )
    assert code == 1
    assert stderr.splitlines()[0] == (
        f"{theme}: error: not a folder; a theme is a folder of templates"
    )


def test_a_fifo_among_the_theme_files_is_not_read(project: Path) -> None:
    (project / "theme").mkdir()
    os.mkfifo(project / "theme" / "report.css")
    code, _, stderr = run(
        [], "build", "reports/2012.yaml", "-f", "html", "--theme", "theme", cwd=project
    )
    assert (code, stderr) == (0, "")


# --- builds killed or side by side ------------------------------------------------------


def test_the_next_build_cleans_what_a_killed_build_left(project: Path) -> None:
    first = titled(project, "First")
    assert run([], "build", str(first), "-o", "out", "-f", "html,docx", cwd=project)[0] == 0
    second = titled(project, "Second")
    code, _, _ = run(["kill"], "build", str(second), "-o", "out", "-f", "html,docx", cwd=project)
    assert code == -9
    left = [name for name in listing(project / "out") if name.endswith((".tmp", ".old"))]
    assert sorted(name.rsplit(".", 1)[1] for name in left) == ["old", "old", "tmp"], left
    # A backup whose output is gone is not brought back; files not named as ours stay.
    (project / "out" / ".2012.pdf.abc_1234.old").write_bytes(b"an old PDF")
    ours = ["draft.tmp", ".notes.tmp", ".2012.html.old", ".2012.html.abcdefghi.tmp"]
    for name in ours:
        (project / "out" / name).write_text("mine", "utf-8")

    assert run([], "build", str(second), "-o", "out", "-f", "html,docx", cwd=project)[0] == 0
    assert listing(project / "out") == sorted(["2012.docx", "2012.html", *ours])
    assert titles(project / "out") == ("Second", "Second")


def test_a_second_build_waits_for_the_first_to_finish_writing(project: Path) -> None:
    out = project / "out"
    a, b = titled(project, "First"), titled(project, "Second")
    assert run([], "build", str(a), "-o", "out", "-f", "html,docx", cwd=project)[0] == 0
    first = reportgen_with(
        [f"pause={project}"], "build", str(a), "-o", "out", "-f", "html,docx", cwd=project
    )
    wait_for(project / "paused", first)  # its HTML renamed, its Word file not yet
    second = reportgen_with(
        [f"flock={project}"], "build", str(b), "-o", "out", "-f", "html,docx", cwd=project
    )
    deadline = time.monotonic() + 300
    while not (project / "waiting").exists() and second.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    (project / "go").touch()
    assert finished(first)[0] == 0
    assert finished(second)[0] == 0
    assert titles(out) == ("Second", "Second")
    assert listing(out) == ["2012.docx", "2012.html"]


def test_a_build_that_waits_too_long_says_so_and_leaves_the_other_be(project: Path) -> None:
    out = project / "out"
    a, b = titled(project, "First"), titled(project, "Second")
    assert run([], "build", str(a), "-o", "out", "-f", "html,docx", cwd=project)[0] == 0
    first = reportgen_with(
        [f"pause={project}"], "build", str(a), "-o", "out", "-f", "html,docx", cwd=project
    )
    wait_for(project / "paused", first)
    code, stdout, stderr = run(
        ["wait=0.5"], "build", str(b), "-o", "out", "-f", "html,docx", cwd=project
    )
    assert (code, stdout) == (1, "")
    assert stderr.splitlines() == [f"out: error: cannot write: {write.BUSY}"]
    (project / "go").touch()
    assert finished(first)[0] == 0  # its temporary files were left alone
    assert titles(out) == ("First", "First")
    assert listing(out) == ["2012.docx", "2012.html"]


def test_where_the_file_system_has_no_locks_a_build_writes_and_cleans_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_locks(_descriptor: int, _operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".2012.html.abcdefgh.tmp").write_text("perhaps another build's", "utf-8")
    reportgen.build([REPORTS / "2012.yaml"], out, ["html"])
    assert listing(out) == [".2012.html.abcdefgh.tmp", "2012.html"]


def test_schema_into_a_folder_that_is_not_there_is_one_line(project: Path) -> None:
    code, stdout, stderr = run([], "schema", "-o", "missing/schema.json", cwd=project)
    assert (code, stdout) == (1, "")
    assert stderr.splitlines() == [
        f"missing/schema.json: error: cannot write: {os.strerror(errno.ENOENT)}"
    ]
