"""Issues as the terminal, tools and CI read them: text with excerpt and caret (coloured
on a terminal only), JSON, GitHub annotations; --strict; several files at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.cli.diagnostics import format_github, format_json, format_text, summary
from reportgen.errors import Issue

REPORTGEN = str(Path(sys.executable).with_name("reportgen"))
HEAD = "year: 2012\nlanguage: en\ntitle: T\nbodies:\n  - name: B\n    kind: committee\n"
WARNED = HEAD + "    upcoming:\n      - {title: Forum, date: 2013-05}\n    links: []\n"
BROKEN = HEAD.replace("committee", "comitee") + "    introdution: x\n"


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [REPORTGEN, *args], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )


@pytest.fixture()
def files(tmp_path: Path) -> Path:
    (tmp_path / "warned.yaml").write_text(WARNED, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


def test_text_shows_the_line_and_a_caret_under_the_column(files: Path) -> None:
    result = run("validate", "broken.yaml", cwd=files)
    assert result.returncode == 1
    assert result.stderr == (
        "broken.yaml:6:11: error: bodies[0].kind: `comitee` is not one of: commission, "
        "working-group, committee, network, task-force; did you mean `committee`?\n"
        "    6 |     kind: comitee\n"
        "      |           ^\n"
        "broken.yaml:7:5: error: bodies[0].introdution: unknown key `introdution`; "
        "did you mean `introduction`?\n"
        "    7 |     introdution: x\n"
        "      |     ^\n"
        "2 errors found.\n"
    )
    assert result.stdout == ""


def test_several_files_in_one_call_sorted_by_file_and_line(files: Path) -> None:
    result = run("validate", "warned.yaml", "broken.yaml", "--error-format", "github", cwd=files)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert [line.split("::")[1] for line in lines] == [
        "error file=broken.yaml,line=6,col=11,title=bodies[0].kind",
        "error file=broken.yaml,line=7,col=5,title=bodies[0].introdution",
        "warning file=warned.yaml,line=9,col=5,title=bodies[0].links",
    ]


def test_warnings_pass_unless_strict(files: Path) -> None:
    lenient = run("validate", "warned.yaml", cwd=files)
    assert lenient.returncode == 0
    assert lenient.stdout == "warned.yaml: valid, with 1 warning to look at\n"
    assert lenient.stderr.startswith(
        "warned.yaml:9:5: warning: bodies[0].links: `links` is empty; add content or remove the key"
    )
    strict = run("validate", "--strict", "warned.yaml", cwd=files)
    assert strict.returncode == 1
    assert strict.stdout == ""
    assert strict.stderr.endswith("1 warning found (--strict makes warnings fail).\n")


def test_strict_build_writes_nothing(files: Path) -> None:
    result = run("build", "--strict", "-f", "html", "-o", "out", "warned.yaml", cwd=files)
    assert result.returncode == 1
    assert result.stderr.endswith("; nothing was written.\n")
    assert not (files / "out").exists()
    lenient = run("build", "-f", "html", "-o", "out", "warned.yaml", cwd=files)
    assert lenient.returncode == 0, lenient.stderr
    assert lenient.stdout == "wrote out/warned.html\n"
    assert "warning: bodies[0].links" in lenient.stderr


def test_json_for_tools(files: Path) -> None:
    result = run("validate", "--error-format", "json", "broken.yaml", "warned.yaml", cwd=files)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["ok"] is False
    assert (document["errors"], document["warnings"]) == (2, 1)
    assert document["issues"][0] == {
        "file": "broken.yaml",
        "line": 6,
        "column": 11,
        "severity": "error",
        "path": "bodies[0].kind",
        "message": "`comitee` is not one of: commission, working-group, committee, network, "
        "task-force; did you mean `committee`?",
    }
    good = run(
        "build", "--error-format", "json", "-f", "html", "-o", "out", "warned.yaml", cwd=files
    )
    assert good.returncode == 0
    assert json.loads(good.stdout)["written"] == ["out/warned.html"]


def test_github_annotations_escape_their_special_characters() -> None:
    issue = Issue("a,b:c.yaml", 3, 7, "50% off\nnext line", "x.y", "warning")
    assert format_github([issue]) == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,col=7,title=x.y::50%25 off%0Anext line\n"
    )
    assert format_github([Issue("gone.yaml", 0, 0, "no such file")]) == (
        "::error file=gone.yaml::no such file\n"
    )


def test_colour_only_on_a_terminal(files: Path) -> None:
    plain = run("validate", "broken.yaml", cwd=files)
    assert "\033[" not in plain.stderr
    for no_color, coloured in ((None, True), ("1", False)):
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        if no_color:
            env["NO_COLOR"] = no_color
        leader, follower = os.openpty()
        with os.fdopen(leader, "rb", buffering=0) as terminal:
            subprocess.run(
                [REPORTGEN, "validate", "broken.yaml"],
                cwd=files,
                stderr=follower,
                stdout=subprocess.DEVNULL,
                env=env,
                check=False,
            )
            os.close(follower)
            output = b""
            while True:
                try:
                    chunk = terminal.read(4096)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
        text = output.decode("utf-8")
        assert "comitee" in text
        assert ("\033[31m" in text) is coloured
        assert ("\033[1m" in text) is coloured


def test_excerpts_of_long_lines_and_tabs() -> None:
    long_line = "x" * 300 + "BAD" + "y" * 300
    issue = Issue("f.yaml", 1, 301, "bad")
    shown = format_text([issue], lines=lambda _: [long_line]).splitlines()
    assert len(shown[1]) < 140
    assert shown[2].index("^") == shown[1].index("BAD")
    tabbed = format_text([Issue("f.yaml", 1, 3, "bad")], lines=lambda _: ["\t\tvalue"])
    assert tabbed.splitlines()[1:] == ["    1 | \t\tvalue", "      | \t\t^"]
    missing = format_text([Issue("f.yaml", 9, 1, "bad")], lines=lambda _: ["one line"])
    assert missing == "f.yaml:9:1: error: bad\n"


def test_summary_counts() -> None:
    error, warning = Issue("f", 1, 1, "e"), Issue("f", 2, 1, "w", severity="warning")
    assert summary([error, error, warning]) == "2 errors, 1 warning"
    assert summary([warning, warning]) == "2 warnings"
    assert json.loads(format_json([]))["issues"] == []
