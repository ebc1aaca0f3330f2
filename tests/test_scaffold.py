"""`reportgen new`: next year's file from last year's, through the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import reportgen
from conftest import REPORTS
from reportgen.cli import main
from reportgen.errors import ReportWarning


def to_do(caught: pytest.WarningsRecorder, project: Path) -> list[str]:
    """The warnings left to fix in a new year's file, with paths from the project."""
    return [str(warning.message).replace(f"{project}/", "") for warning in caught]


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "reports").mkdir()
    shutil.copy(REPORTS / "2012.yaml", tmp_path / "reports" / "2012.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_year_keeps_bodies_and_offers_upcoming_as_activities(project: Path) -> None:
    result = CliRunner().invoke(main, ["new", "2013", "--from", "2012"])
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "wrote reports/2013.yaml\nFill in the activities and the upcoming events.\n"
    )
    # What is left to do shows as warnings: the empty upcoming events, and the
    # December meeting that took place after last year's report was written.
    assert "reports/2013.yaml:55:5: warning: bodies[0].upcoming: `upcoming` is empty" in (
        result.stderr
    )
    assert "2013.yaml:36:19: warning: bodies[0].activities[0].blocks[0].date: `2012-12-05`" in (
        result.stderr
    )
    old = reportgen.load(project / "reports" / "2012.yaml")
    with pytest.warns(ReportWarning) as caught:
        new = reportgen.load(project / "reports" / "2013.yaml")
    assert to_do(caught, project) == [
        "reports/2013.yaml:36:19: warning: bodies[0].activities[0].blocks[0].date: `2012-12-05`"
        " is outside the period the report covers (2013); correct the date, or move the entry"
        " to the report of its year (or, for background or plans, mark its theme"
        " `background: true`)",
        "reports/2013.yaml:55:5: warning: bodies[0].upcoming: `upcoming` is empty;"
        " add content or remove the key",
    ]
    assert new.year == 2013
    assert (new.language, new.title, new.labels) == (old.language, old.title, old.labels)
    [old_body], [body] = old.bodies, new.bodies
    assert (body.name, body.kind, body.officers) == (
        old_body.name,
        old_body.kind,
        old_body.officers,
    )
    assert body.introduction == old_body.introduction
    assert body.links == old_body.links
    assert body.upcoming == []
    [theme] = body.activities
    assert theme.title == "Activités à compléter"
    offered = [(e.title, str(e.date), e.place, e.date_text) for e in theme.blocks]  # type: ignore[union-attr]
    assert offered == [(e.title, str(e.date), e.place, e.date_text) for e in old_body.upcoming]
    assert len(offered) == 4


def test_new_year_file_points_editors_at_the_schema_and_keeps_comments(project: Path) -> None:
    assert CliRunner().invoke(main, ["new", "2013"]).exit_code == 0
    lines = (project / "reports" / "2013.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/report.schema.json"
    assert lines[1].startswith("# The 2012 activity report of the UCLG")
    assert "year: 2013" in lines
    assert any("Last year's themes: Relation avec des autres Commissions" in line for line in lines)
    assert "    upcoming: []  # To fill in: the coming events (title, date, place)." in lines


def test_new_year_never_overwrites(project: Path) -> None:
    target = project / "reports" / "2013.yaml"
    target.write_text("mine\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", "2013", "--from", "reports/2012.yaml"])
    assert result.exit_code == 1
    assert "reports/2013.yaml: error: already exists; it was left as it is" in result.output
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_new_year_from_a_broken_file_gives_located_errors(project: Path) -> None:
    (project / "reports" / "2012.yaml").write_text("year: 2012\nlanguage: xx\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", "2013"])
    assert result.exit_code == 1
    assert "reports/2012.yaml:2:11: error: language:" in result.output
    assert not (project / "reports" / "2013.yaml").exists()


def test_new_year_from_the_example_shifts_the_period_and_scaffolds_included_bodies(
    project: Path,
) -> None:
    for folder in ("images", "bodies"):
        shutil.copytree(REPORTS / folder, project / "reports" / folder)
    shutil.copy(REPORTS / "example-en.yaml", project / "reports" / "example-en.yaml")
    result = CliRunner().invoke(main, ["new", "2014", "--from", "reports/example-en.yaml"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "wrote reports/2014.yaml",
        "wrote reports/bodies/culture-2014.yaml",
    ]
    text = (project / "reports" / "2014.yaml").read_text(encoding="utf-8")
    assert "  - include: bodies/culture-2014.yaml\n" in text
    old = reportgen.load(project / "reports" / "example-en.yaml")
    with pytest.warns(ReportWarning) as caught:
        new = reportgen.load(project / "reports" / "2014.yaml")
    culture = (project / "reports" / "bodies" / "culture-2014.yaml").read_text(encoding="utf-8")
    upcoming = text.index("\n    upcoming: []")
    activities = culture.index("\nactivities: []")
    upcoming, activities = text.count("\n", 0, upcoming) + 2, culture.count("\n", 0, activities) + 2
    assert to_do(caught, project) == [
        f"reports/2014.yaml:{upcoming}:5: warning: bodies[0].upcoming: `upcoming` is empty;"
        " add content or remove the key",
        f"reports/bodies/culture-2014.yaml:{activities}:1: warning: bodies[1].activities: "
        "`activities` is empty; add content or remove the key",
    ]
    assert str(new.period) == "2012-2014"
    assert [b.name for b in new.bodies] == [b.name for b in old.bodies]
    assert [b.officers for b in new.bodies] == [b.officers for b in old.bodies]
    assert all(body.upcoming == [] for body in new.bodies)
    assert [len(body.activities) for body in new.bodies] == [
        1 if body.upcoming else 0 for body in old.bodies
    ]
    assert (project / "reports" / "bodies" / "culture.yaml").read_bytes() == (
        REPORTS / "bodies" / "culture.yaml"
    ).read_bytes()
    again = CliRunner().invoke(
        main, ["new", "2014", "--from", "reports/example-en.yaml", "-o", "reports/other.yaml"]
    )
    assert again.exit_code == 1
    assert "reports/bodies/culture-2014.yaml: error: already exists" in again.output
    assert not (project / "reports" / "other.yaml").exists()
