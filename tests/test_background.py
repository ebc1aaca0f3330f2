"""Background and plans are not the year's activities: a theme marked `background: true`
(a history, next year's plans) and the action plan tell other years without a warning,
print as any theme in every format, and a misdated activity still warns."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import yaml

import reportgen
from readers import build_each_language, normalise
from reportgen.errors import ReportWarning
from test_dates_and_figures import read


def report_data(language: str, background: bool = True) -> dict[str, object]:
    history = {
        "title": "History",
        "background": background,
        "blocks": [
            {
                "type": "list",
                "items": [
                    {"date": 2004, "text": "Founded at the first congress."},
                    {"date": "2014-02", "text": "A third study is planned."},
                ],
            }
        ],
    }
    work = {"title": "Work", "blocks": [{"type": "event", "title": "Meeting", "date": "2012-05"}]}
    return {
        "year": 2012,
        "language": language,
        "title": "Background",
        "bodies": [
            {
                "name": "Network",
                "kind": "network",
                "activities": [history, work],
                "action_plan": [
                    {"type": "event", "title": "Congress", "date": "2013-10-01/2013-10-04"}
                ],
            }
        ],
    }


def warnings_of(tmp_path: Path, data: dict[str, object]) -> list[str]:
    source = tmp_path / "report.yaml"
    source.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReportWarning)
        reportgen.load(source, strict=False)
    return [str(found.message).replace(str(source), "F") for found in caught]


def test_background_and_plans_are_not_warned_about(tmp_path: Path) -> None:
    assert warnings_of(tmp_path, report_data("en")) == []


def test_the_same_entries_among_activities_still_warn(tmp_path: Path) -> None:
    found = warnings_of(tmp_path, report_data("en", background=False))
    assert [message.split(": ")[2] for message in found] == [
        "bodies[0].activities[0].blocks[0].items[0].date",
        "bodies[0].activities[0].blocks[0].items[1].date",
    ]
    assert "`2004` is outside the period the report covers (2012)" in found[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("background")
    return build_each_language(folder, "background", ("fr",), report_data)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_background_theme_prints_as_any_theme(
    built: dict[tuple[str, str], Path], fmt: str
) -> None:
    text = read(built["fr", fmt])
    assert "History" in text
    assert normalise("2004 : Founded at the first congress.") in text
    assert normalise("février 2014 : A third study is planned.") in text
