"""The PDF printed by a process forked when the build starts: same bytes, same messages,
and when anything goes wrong, nothing written and no process left behind."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import reportgen
from conftest import EPOCH, REPORTS, ROOT
from reportgen.errors import Issue, ReportError, ReportWarning
from reportgen.render.pdf import libraries, printing
from reportgen.render.pdf import printer as parallel

BAD_REPORT = Path(__file__).resolve().parent / "errors" / "dates.yaml"
FIRST_ERROR = "dates.yaml:13:23: error: bodies[0].activities[0].blocks[0].items[0].date: "
PYTEST = os.getpid()
TWO_CORES = "import os\nos.sched_getaffinity = lambda _pid: {0, 1}\n"
"""Put first in a script run by a fresh interpreter: a printer is forked on one core too."""


@pytest.fixture(autouse=True)
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two cores whatever this machine has, so each build here forks a printer."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """The 2012 report in a folder of its own."""
    folder = tmp_path / "reports"
    shutil.copytree(REPORTS, folder)
    return folder / "2012.yaml"


def test_the_pdf_is_printed_in_a_forked_process_with_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = (
        f"{TWO_CORES}import sys, json, reportgen\n"
        f"reportgen.build([{str(REPORTS / '2012.yaml')!r}], {str(tmp_path / 'split')!r})\n"
        "print(json.dumps(['docx' in sys.modules, 'weasyprint' in sys.modules]))"
    )
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    assert json.loads(result.stdout) == [True, False]  # WeasyPrint ran in the printer only

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    reportgen.build([REPORTS / "2012.yaml"], tmp_path / "alone")
    for fmt in ("pdf", "docx", "html"):
        split = (tmp_path / "split" / f"2012.{fmt}").read_bytes()
        assert split == (tmp_path / "alone" / f"2012.{fmt}").read_bytes(), fmt


def patch_printing(monkeypatch: pytest.MonkeyPatch, replacement: Callable[..., bytes]) -> None:
    """Make the printer, which is forked from this process, print with `replacement`."""
    monkeypatch.setattr(printing, "print_pdf", replacement)


def test_the_printers_warnings_reach_the_caller_located(
    source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = printing.print_pdf

    def print_with_a_warning(job: Any) -> tuple[bytes, list[Issue]]:
        issue = Issue(str(job.source), 0, 0, f"printed by {os.getpid()}", severity="warning")
        pdf, found = real(job)
        return pdf, [*found, issue]

    patch_printing(monkeypatch, print_with_a_warning)
    assert parallel.can_fork()
    with pytest.warns(ReportWarning) as caught:
        paths = reportgen.build([source], source.parent / "out", ["pdf", "html"])
    (warning,) = caught
    assert isinstance(warning.message, ReportWarning)
    issue = warning.message.issue
    assert issue.file == str(source)
    printed_by = int(issue.message.removeprefix("printed by "))
    assert printed_by != os.getpid()
    assert [path.name for path in paths] == ["2012.pdf", "2012.html"]
    assert paths[0].read_bytes().startswith(b"%PDF-")


def test_one_core_prints_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert not parallel.can_fork()


def crash(_job: Any) -> bytes:
    raise KeyError("a bug while printing")


def die(_job: Any) -> bytes:
    assert os.getpid() != PYTEST, "printing in pytest's own process"
    os.kill(os.getpid(), signal.SIGKILL)
    raise AssertionError("unreachable")


@pytest.mark.parametrize(
    ("failure", "message"),
    [(crash, "KeyError: 'a bug while printing'"), (die, parallel.ENDED)],
    ids=["raises", "dies"],
)
def test_a_failing_printer_fails_the_build_writes_nothing_and_leaves_no_process(
    failure: Callable[[Any], bytes], message: str, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    patch_printing(monkeypatch, failure)
    out = source.parent / "out"
    with pytest.raises(ReportError) as raised:
        reportgen.build([source], out)
    assert str(raised.value) == (
        f"{source}: error: could not make the PDF: {message} \u2014 this is a bug in "
        "reportgen; please report it with this file"
    )
    assert not out.exists()
    assert multiprocessing.active_children() == []


def test_a_bad_report_stops_the_printer_while_it_is_still_starting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow_start(_name: str) -> None:
        time.sleep(30)  # still loading WeasyPrint; a build that waited would see exit code 1
        raise RuntimeError("loaded too late")

    monkeypatch.setattr(libraries, "import_quickly", slow_start)
    monkeypatch.setattr(parallel, "_printers_started", 0)  # the first build of a process
    exit_codes = []
    stop = parallel.Printer.stop

    def stop_and_record(printer: parallel.Printer) -> None:
        stop(printer)
        exit_codes.append(printer._process.exitcode)

    monkeypatch.setattr(parallel.Printer, "stop", stop_and_record)
    shutil.copy(BAD_REPORT, tmp_path / "dates.yaml")
    with pytest.raises(ReportError) as raised:
        reportgen.build([tmp_path / "dates.yaml"], tmp_path / "out")
    assert str(raised.value.issues[0]).startswith(str(tmp_path / FIRST_ERROR))
    assert exit_codes == [-signal.SIGKILL]  # killed, not waited for
    assert not (tmp_path / "out").exists()
    assert multiprocessing.active_children() == []


CLI_WITH_A_SLOW_PRINTER = """
import json, multiprocessing, sys, time
import reportgen.render.pdf.libraries
from reportgen.cli import main

def slow_start(name):
    time.sleep(30)
    raise RuntimeError("loaded too late")

reportgen.render.pdf.libraries.import_quickly = slow_start
try:
    main(sys.argv[1:])
finally:
    print(json.dumps([child.pid for child in multiprocessing.active_children()]))
"""


def test_the_cli_reports_a_bad_report_at_once_with_no_output_and_no_process_left(
    tmp_path: Path,
) -> None:
    shutil.copy(BAD_REPORT, tmp_path / "dates.yaml")
    argv = ["build", "dates.yaml", "-o", "out"]
    result = subprocess.run(
        [sys.executable, "-c", TWO_CORES + CLI_WITH_A_SLOW_PRINTER, *argv],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=25,  # the printer sleeps 30 s: waiting for it would fail here
    )
    assert result.returncode == 1
    assert result.stderr.startswith(FIRST_ERROR)
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == []
    assert not (tmp_path / "out").exists()


def test_a_build_in_a_pool_of_builds_stays_in_its_process() -> None:
    assert parallel.can_fork()
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        assert pool.submit(parallel.can_fork).result() is False


BUILD_THREE_TIMES = """
import json, sys
import reportgen
loaded = []
for run in ("first", "second", "third"):
    reportgen.build([sys.argv[1]], run, ["pdf"])
    loaded.append("weasyprint" in sys.modules)
print(json.dumps(loaded))
"""


def test_a_process_that_builds_again_loads_weasyprint_once_for_every_later_printer(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    result = subprocess.run(
        [sys.executable, "-c", TWO_CORES + BUILD_THREE_TIMES, str(REPORTS / "2012.yaml")],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    )
    assert json.loads(result.stdout) == [False, True, True]
    first = (tmp_path / "first" / "2012.pdf").read_bytes()
    assert first == (tmp_path / "second" / "2012.pdf").read_bytes()
    assert first == (tmp_path / "third" / "2012.pdf").read_bytes()


def test_the_benchmarks_floor_replays_the_call_that_prints_the_pdf(tmp_path: Path) -> None:
    from pypdf import PdfReader

    floor = ROOT / "benchmarks" / "floor.py"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    call, replayed = tmp_path / "call.json", tmp_path / "floor.pdf"
    for argv in (["capture", REPORTS / "2012.yaml", call], ["render", call, replayed]):
        subprocess.run([sys.executable, floor, *argv], check=True, env=env, capture_output=True)
    (built,) = reportgen.build([REPORTS / "2012.yaml"], tmp_path / "out", ["pdf"])
    pages = [page.extract_text() for page in PdfReader(built).pages]
    assert [page.extract_text() for page in PdfReader(replayed).pages] == pages
    assert "Commission" in pages[0]


PRINTER_MODULES = """
import json, sys, warnings
import reportgen
from reportgen.render.pdf import libraries

standard = libraries.import_quickly


def spying(name):
    module = standard(name)
    if name == "reportgen.render.pdf.printing":
        real = module.print_pdf

        def print_pdf(job):
            loaded = sorted({name.split(".")[0] for name in sys.modules})
            warnings.warn(json.dumps(loaded))
            return real(job)

        module.print_pdf = print_pdf
    return module


libraries.import_quickly = spying
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    reportgen.build([sys.argv[1]], "out")
(message,) = [str(warning.message) for warning in caught]
print(json.dumps([json.loads(message), sorted({name.split(".")[0] for name in sys.modules})]))
"""


def test_the_printer_loads_no_model_and_the_build_process_no_weasyprint(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", TWO_CORES + PRINTER_MODULES, str(REPORTS / "2012.yaml")],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    in_printer, in_build = (set(names) for names in json.loads(result.stdout))
    assert "weasyprint" in in_printer
    assert in_printer & {"pydantic", "babel", "jinja2", "docx", "yaml"} == set()
    assert {"pydantic", "babel", "jinja2", "docx"} <= in_build
    assert "weasyprint" not in in_build
