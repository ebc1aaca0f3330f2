"""The small things a careful user hit: each failed before its fix."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import typing
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import reportgen
from conftest import REPORTS, ROOT
from reportgen.cli import BODY_KINDS, main
from reportgen.model import BodyKind


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository's reports and schema, as the current folder."""
    shutil.copytree(REPORTS, tmp_path / "reports")
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def test_new_writes_its_notes_once_however_many_years_follow(project: Path) -> None:
    for year in (2013, 2014, 2015):
        assert invoke("new", str(year))[0] == 0
    text = (project / "reports" / "2015.yaml").read_text(encoding="utf-8")
    assert text.count("# To fill in: the coming events") == 1
    assert text.count("# To fill in: this year's activities") == 1
    assert "# Last year's themes: Activités à compléter" not in text
    assert yaml.safe_load(text)["bodies"][0]["upcoming"] == []


def test_new_refuses_a_year_before_the_one_it_starts_from(project: Path) -> None:
    code, _, err = invoke("new", "2011", "--from", "2012")
    assert code == 1
    assert (
        "reports/2012.yaml: error: is the report of 2012; the new year must come after it, not 2011"
    ) in err
    assert not (project / "reports" / "2011.yaml").exists()


def test_new_without_from_names_the_report_to_start_from(project: Path) -> None:
    code, _, err = invoke("new", "2015")
    assert code == 1
    assert (
        "reports/2014.yaml: error: no such file; to start from 2012, run "
        "`reportgen new 2015 --from 2012`"
    ) in err


@pytest.mark.parametrize("option", [["-j", "2"], ["--force"], ["--jobs=1"]])
def test_options_of_all_are_refused_without_it(project: Path, option: list[str]) -> None:
    code, _, err = invoke("build", "2012", "-f", "html", *option)
    assert code == 2
    assert "works with --all only" in err
    assert not (project / "build").exists()


def test_a_report_is_named_by_its_file_name_as_a_year_is(project: Path) -> None:
    code, out, _ = invoke("build", "example-en", "-f", "html")
    assert code == 0
    assert out == "wrote build/example-en.html\n"


def test_validate_says_valid_with_warnings_rather_than_ok(project: Path) -> None:
    report = project / "reports" / "2012.yaml"
    text = report.read_text("utf-8").replace(
        "  - name: Commission", "  - annexes: []\n    name: Commission"
    )
    report.write_text(text, "utf-8")
    code, out, err = invoke("validate", "2012")
    assert code == 0
    assert "warning: bodies[0].annexes" in err
    assert out == "reports/2012.yaml: valid, with 1 warning to look at\n"
    assert invoke("validate", "example-en")[1] == "reports/example-en.yaml: ok\n"


def test_page_placeholders_are_not_warned_of(tmp_path: Path) -> None:
    source = tmp_path / "r.yaml"
    text = (REPORTS / "2012.yaml").read_text("utf-8")
    labels = "labels:\n  page_of: 'p. {page}/{pages}'\n  links: 'Plus {pages}'\n"
    source.write_text(text.replace("labels:\n", labels, 1), "utf-8")
    with pytest.warns(reportgen.errors.ReportWarning) as caught:
        reportgen.load(source)
    assert [str(warning.message) for warning in caught] == [
        f"{source}:9:10: warning: labels.links: `{{pages}}` is left as it is; "
        "the only placeholder is `{year}`"
    ]


def test_a_syntax_error_in_a_theme_template_is_located(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "report.html.j2").write_text("<html>\n{% if ctx.title %}\n<p>x</p>\n", "utf-8")
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.build(REPORTS / "2012.yaml", tmp_path / "out", ["html"], theme_dir=theme)
    (issue,) = caught.value.issues
    assert (issue.file, issue.line) == (str(theme / "report.html.j2"), 3)
    assert issue.message.startswith("the theme's template is not valid Jinja2: Unexpected end")
    assert not (tmp_path / "out").exists()


def test_a_theme_template_naming_what_is_not_there_is_a_named_error(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "report.html.j2").write_text("<p>{{ ctx.no_such_thing }}</p>", "utf-8")
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.build(REPORTS / "2012.yaml", tmp_path / "out", ["html"], theme_dir=theme)
    assert [str(issue) for issue in caught.value.issues] == [
        f"{theme / 'report.html.j2'}:1:1: error: the theme's template cannot be used: "
        "'reportgen.view.context.Context object' has no attribute 'no_such_thing'"
    ]


def test_build_and_load_take_one_file_as_a_string(tmp_path: Path) -> None:
    written = reportgen.build(str(REPORTS / "2012.yaml"), tmp_path, ["html"])
    assert written == [tmp_path / "2012.html"]


def test_the_public_names_include_render_options() -> None:
    assert "RenderOptions" in reportgen.__all__
    options = reportgen.RenderOptions(attach_source=False)
    assert options.attach_source is False


def test_the_kinds_the_cli_offers_are_the_models() -> None:
    assert BODY_KINDS == typing.get_args(BodyKind)


def test_new_body_writes_a_file_to_fill_in_that_a_report_can_include(project: Path) -> None:
    code, out, _ = invoke("new", "--body", "Groupe de travail Économie", "--kind", "committee")
    assert code == 0
    body = project / "reports" / "bodies" / "groupe-de-travail-economie.yaml"
    assert out.splitlines() == [
        f"wrote {body.relative_to(project)}",
        "Add it to the report, under `bodies:`, as:   - include: "
        "bodies/groupe-de-travail-economie.yaml",
    ]
    report = project / "reports" / "2012.yaml"
    include = "  - include: bodies/groupe-de-travail-economie.yaml\n"
    report.write_text(report.read_text("utf-8") + include, "utf-8")
    code, _, err = invoke("validate", "2012")
    assert code == 0, err
    assert "groupe-de-travail-economie.yaml" in err  # its empty lists: what is left to do
    assert invoke("new", "--body", "Groupe de travail Économie")[0] == 1  # never overwrites


def test_validating_a_body_file_names_the_report_that_includes_it(project: Path) -> None:
    code, _, err = invoke("validate", "reports/bodies/culture.yaml")
    assert code == 1
    assert err.splitlines()[0] == (
        "reports/bodies/culture.yaml:1:1: error: holds one body (a chapter), not a whole "
        "report; it is included by `reports/example-en.yaml`: give that file instead"
    )
    assert "missing required key" not in err


def test_the_package_is_typed_and_installs_without_touching_build(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(
        ROOT, clone, ignore=shutil.ignore_patterns(".venv", "build", ".git", ".*cache*")
    )
    (clone / "build").mkdir()
    wheel = ["wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "wheel")]
    subprocess.run(
        [sys.executable, "-m", "pip", *wheel, str(clone)],
        check=True,
        cwd=clone,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        timeout=300,
    )
    assert list((clone / "build").iterdir()) == []  # `build/` holds reports, not setuptools'
    (built,) = (tmp_path / "wheel").glob("*.whl")
    names = zipfile.ZipFile(built).namelist()
    assert "reportgen/py.typed" in names
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "reportgen = reportgen.cli:main" in zipfile.ZipFile(built).read(entry_points).decode()
    # Installed from the wheel (its dependencies from this environment), it builds a report.
    target = tmp_path / "installed"
    install = ["install", "-q", "--no-deps", "--target", str(target), str(built)]
    subprocess.run([sys.executable, "-m", "pip", *install], check=True, timeout=300)
    command = ["build", str(REPORTS / "2012.yaml"), "-o", str(tmp_path / "out")]
    result = subprocess.run(
        [sys.executable, "-c", "from reportgen.cli import main; main()", *command],
        env={**os.environ, "PYTHONPATH": str(target)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        "2012.docx",
        "2012.html",
        "2012.pdf",
    ]
    assert (
        str(target)
        in subprocess.run(
            [sys.executable, "-c", "import reportgen; print(reportgen.__file__)"],
            env={**os.environ, "PYTHONPATH": str(target)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
