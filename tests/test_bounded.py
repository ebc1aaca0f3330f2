"""Every command reads a report one way: files inside its folder, regular, within limits
that hold for the whole report. Hostile reports end quickly in a located error, and a
file outside the folder is never opened.

Each command runs in its own interpreter with an audit hook that reports every `open` of
a file named `sentinel*`: the file that must stay unread.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

HANG = 120
"""Seconds after which a command counts as hung (a bound for the test, not a speed goal)."""

REPORT = """\
year: 2012
language: en
title: Report
bodies:
  - name: Committee
    kind: committee
    introduction: Text.
"""

RUNNER = """
import contextlib, io, json, sys
opened = []
def hook(event, args):
    if event == "open" and "sentinel" in str(args[0]):
        opened.append(str(args[0]))
sys.addaudithook(hook)

def run(command):
    if command[0] == "watch":
        import threading
        from pathlib import Path
        from reportgen.pipeline.settings import Settings
        from reportgen.pipeline.watch import watch
        events = []
        stop = threading.Event()
        def seen(event):
            events.append(event)
            stop.set()
        watch(Path(command[1]), Settings(Path("out")), on_event=seen, stop=stop)
        for issue in getattr(events[0], "issues", []):
            print(issue, file=sys.stderr)
        return 1 if type(events[0]).__name__ == "Failed" else 0
    from reportgen.cli import main
    try:
        main(command, standalone_mode=False)
    except SystemExit as stopped:
        return stopped.code
    return 0

results = []
for command in json.loads(sys.argv[1]):
    opened.clear()
    with contextlib.redirect_stderr(io.StringIO()) as err:
        code = run(command)
    results.append({"code": code, "opened": list(opened), "stderr": err.getvalue()})
print(json.dumps(results))
"""


def run_each(folder: Path, *commands: tuple[str, ...]) -> list[tuple[int, list[str], str]]:
    """Exit status, sentinel files opened, and what was printed on stderr, of each
    `reportgen COMMAND` in `folder`, run one after the other in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, json.dumps(commands)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=HANG,
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    runs = json.loads(result.stdout.strip().splitlines()[-1])
    return [(ran["code"], ran["opened"], ran["stderr"]) for ran in runs]


def run(folder: Path, *command: str) -> tuple[int, list[str], str]:
    (ran,) = run_each(folder, command)
    return ran


COMMANDS = [
    ("build", "reports/r.yaml", "-f", "html"),
    ("build", "--all", "-f", "html"),
    ("validate", "reports/r.yaml"),
    ("new", "2013", "--from", "reports/r.yaml"),
    ("watch", "reports/r.yaml"),
]


def project(tmp_path: Path, report: str) -> Path:
    """tmp_path/reports/r.yaml holding `report`; a sentinel file outside its folder."""
    (tmp_path / "reports" / "bodies").mkdir(parents=True)
    (tmp_path / "reports" / "r.yaml").write_text(report, encoding="utf-8")
    (tmp_path / "sentinel.yaml").write_text(REPORT.replace("Committee", "Secret"), "utf-8")
    return tmp_path


def with_include(target: str) -> str:
    return REPORT + f"  - include: {target}\n"


def with_image(target: str) -> str:
    return REPORT.replace(
        "    introduction: Text.\n",
        f"    introduction:\n      - {{type: image, path: {target}, alt: A chart}}\n",
    )


@pytest.mark.parametrize(
    ("report", "message"),
    [
        (with_include("../sentinel.yaml"), "outside the report's folder"),
        (with_include(os.path.abspath("/etc/shadow")), "outside the report's folder"),
        (with_include("bodies/link.yaml"), "outside the report's folder"),
        (with_include("bodies/fifo.yaml"), "`bodies/fifo.yaml` is not a regular file"),
        (with_image("/dev/zero"), "must be a path relative to the report's folder"),
        (with_image("zero.png"), "outside the report's folder"),
        (with_image("fifo.png"), "`fifo.png` is not a regular file"),
    ],
    ids=["climbs out", "absolute", "symlink out", "fifo", "/dev/zero", "link to /dev/zero", "fifo"],
)
def test_hostile_paths_end_in_a_located_error_and_nothing_outside_is_opened(
    tmp_path: Path, report: str, message: str
) -> None:
    folder = project(tmp_path, report)
    os.mkfifo(folder / "reports" / "bodies" / "fifo.yaml")
    os.mkfifo(folder / "reports" / "fifo.png")
    (folder / "reports" / "bodies" / "link.yaml").symlink_to(folder / "sentinel.yaml")
    (folder / "reports" / "zero.png").symlink_to("/dev/zero")
    for command, (code, opened, stderr) in zip(COMMANDS, run_each(folder, *COMMANDS), strict=True):
        assert code == 1, command
        assert opened == [], command
        assert "r.yaml:" in stderr and message in stderr, (command, stderr)
    assert not (folder / "reports" / "2013.yaml").exists()


def test_a_body_included_again_and_again_is_refused_before_it_is_read_twice(
    tmp_path: Path,
) -> None:
    """A small report that includes a 3 MB body twenty times: 60 MB of YAML to read."""
    body = "name: Body\nkind: committee\nintroduction: |\n" + "  sentinel text\n" * 200_000
    includes = "".join("  - include: bodies/sentinel.yaml\n" for _ in range(20))
    folder = project(tmp_path, REPORT + includes)
    (folder / "reports" / "bodies" / "sentinel.yaml").write_text(body, encoding="utf-8")
    code, opened, stderr = run(folder, "validate", "reports/r.yaml")
    assert code == 1
    assert len(opened) <= 1  # the first one fits the budget; none after it is read
    assert (
        "reports/r.yaml:9:14: error: bodies[2]: `bodies/sentinel.yaml` takes the report and "
        "its included files past 4 MiB of text in all; refused"
    ) in stderr


def test_the_values_of_all_included_files_count_together(tmp_path: Path) -> None:
    """Each body is small enough alone; together they hold too many values."""
    body = "name: Body {n}\nkind: committee\nintroduction:\n" + "  - x\n" * 45_000
    folder = project(tmp_path, REPORT + "".join(f"  - include: b{n}.yaml\n" for n in range(5)))
    for n in range(5):
        (folder / "reports" / f"b{n}.yaml").write_text(body.format(n=n), encoding="utf-8")
    code, _, stderr = run(folder, "validate", "reports/r.yaml")
    assert code == 1
    assert (
        "reports/r.yaml:12:14: error: bodies[5]: the report and its included files hold more "
        "than 200000 values in all; refused (split the report)"
    ) in stderr


def png(path: Path, width: int, height: int) -> None:
    Image.new("1", (width, height)).save(path)


def test_an_image_over_the_pixel_budget_is_refused_unread(tmp_path: Path) -> None:
    """A small PNG (a few hundred KB) that would cost gigabytes once decoded."""
    folder = project(tmp_path, with_image("huge.png"))
    png(folder / "reports" / "huge.png", 9400, 9400)
    assert (folder / "reports" / "huge.png").stat().st_size < 1_000_000
    code, _, stderr = run(folder, "build", "reports/r.yaml", "-f", "pdf")
    assert code == 1
    assert (
        "r.yaml:8:29: error: bodies[0].introduction[0].path: image `huge.png` is 9400×9400 "
        "pixels, more than the 40 million an image may have; refused"
    ) in stderr
    assert not (folder / "out").exists() and not (folder / "build").exists()


def test_a_large_image_is_shown_with_a_warning(tmp_path: Path) -> None:
    folder = project(tmp_path, with_image("large.png"))
    png(folder / "reports" / "large.png", 5000, 4000)
    code, _, stderr = run(folder, "build", "reports/r.yaml", "-f", "html")
    assert code == 0
    assert "warning: bodies[0].introduction[0].path: image `large.png` is 5000×4000" in stderr
    assert (folder / "build" / "r.html").exists()


def test_the_images_of_a_report_count_together(tmp_path: Path) -> None:
    images = "".join(f"      - {{type: image, path: i{n}.png, alt: A chart}}\n" for n in range(6))
    report = REPORT.replace("    introduction: Text.\n", "    introduction:\n" + images)
    folder = project(tmp_path, report)
    for n in range(6):
        png(folder / "reports" / f"i{n}.png", 6000, 5000)
    code, _, stderr = run(folder, "validate", "reports/r.yaml")
    assert code == 1
    assert "image `i5.png` takes the report's images past 160 million pixels in all" in stderr
    assert "i4.png` takes" not in stderr


def test_a_word_longer_than_a_line_is_a_warning_and_is_not_cut(tmp_path: Path) -> None:
    word = "1234567890" * 15  # no hyphenation point: it can only be broken or cut
    folder = project(tmp_path, REPORT.replace("introduction: Text.", f"introduction: A {word}."))
    code, _, stderr = run(folder, "build", "reports/r.yaml", "-f", "pdf")
    assert code == 0
    assert (
        f"r.yaml:7:19: warning: bodies[0].introduction[0].text: `{word[:24]}…` is a word of "
        f"{len(word) + 1} characters, longer than a line: it is broken where it must; add "
        "spaces or hyphens"
    ) in stderr
    text = subprocess.run(
        ["pdftotext", "-raw", str(folder / "build" / "r.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert word in "".join(text.split())


def test_the_limits_are_stated_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for figure in ("4 MiB", "200,000 values", "20 MiB", "100 MiB", "40 million", "160 million"):
        assert figure in readme, figure


def test_the_runner_sees_an_open(tmp_path: Path) -> None:
    """The audit hook this module relies on does see a sentinel being opened."""
    folder = project(tmp_path, with_include("sentinel.yaml"))
    body = "name: Other\nkind: committee\nintroduction: Text.\n"
    (folder / "reports" / "sentinel.yaml").write_text(body, encoding="utf-8")
    code, opened, stderr = run(folder, "validate", "reports/r.yaml")
    assert code == 0, stderr
    assert opened and all(path.endswith("sentinel.yaml") for path in opened)
