"""What a reader sees of an event beyond its title and a fixed date, in every format and
language: a date to be confirmed, a quarter, its time of day, its organisers and partners;
and how quarters sort in a chronology."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

import reportgen
from readers import build_each_language, load_issues, normalise
from reportgen.model import Event
from test_dates_and_figures import read

LANGUAGES = ("fr", "en", "es")
FORMATS = ("pdf", "docx", "html")

EXPECTED = {
    "fr": [
        "Organisation : Ville de Dakar et CGLU Afrique",
        "Partenaires : ONU-Habitat",
        "Forum (février 2014) — Organisation : Ville A, Ville B et Ville C",
        "Meeting à Dakar (5 mars 2013, 14 h 30)",
        "Workshop (6 mars 2013, de 9 h 00 à 12 h 30)",
        "Congress à Bilbao (date à confirmer)",
        "Summit (2e trimestre 2014, à confirmer)",
        "Seminar (1er trimestre 2014 - 2e trimestre 2014)",
        "Assembly (3 juin 2014, 10 h 00, à confirmer)",
    ],
    "en": [
        "Organisers: Ville de Dakar and CGLU Afrique",
        "Partners: ONU-Habitat",
        "Forum (February 2014) — Organisers: Ville A, Ville B, and Ville C",
        "Meeting in Dakar (March 5, 2013, 2:30 pm)",
        "Workshop (March 6, 2013, 9:00 am – 12:30 pm)",
        "Congress in Bilbao (date to be confirmed)",
        "Summit (2nd quarter 2014, to be confirmed)",
        "Seminar (1st quarter 2014 - 2nd quarter 2014)",
        "Assembly (June 3, 2014, 10:00 am, to be confirmed)",
    ],
    "es": [
        "Organización: Ville de Dakar y CGLU Afrique",
        "Socios: ONU-Habitat",
        "Forum (febrero de 2014) — Organización: Ville A, Ville B y Ville C",
        "Meeting en Dakar (5 de marzo de 2013, 14:30)",
        "Workshop (6 de marzo de 2013, de 9:00 a 12:30)",
        "Congress en Bilbao (fecha por confirmar)",
        "Summit (2.º trimestre de 2014, por confirmar)",
        "Seminar (1.er trimestre de 2014 - 2.º trimestre de 2014)",
        "Assembly (3 de junio de 2014, 10:00, por confirmar)",
    ],
}


CHRONOLOGY = [
    {"date": "2014-04", "text": "Entry-month"},
    {"date": "2014-Q2", "text": "Entry-second-quarter"},
    {"date": "2014-03-31", "text": "Entry-day-of-march"},
    {"date": "2014", "text": "Entry-year"},
    {"date": "2014-04-01", "text": "Entry-day-of-april"},
    {"date": "2014-Q1", "text": "Entry-first-quarter"},
]
SORTED = [
    "Entry-year",
    "Entry-first-quarter",
    "Entry-day-of-march",
    "Entry-second-quarter",
    "Entry-month",
    "Entry-day-of-april",
]
"""A year before its quarters, a quarter before its months, a month before its days."""


def report_data(language: str) -> dict[str, object]:
    meeting = {
        "type": "event",
        "title": "Meeting",
        "date": "2013-03-05",
        "place": "Dakar",
        "time": "14:30",
        "organisers": ["Ville de Dakar", "CGLU Afrique"],
        "partners": ["ONU-Habitat"],
    }
    workshop = {"type": "event", "title": "Workshop", "date": "2013-03-06", "time": "09:00-12:30"}
    forum = {"title": "Forum", "date": "2014-02", "organisers": ["Ville A", "Ville B", "Ville C"]}
    return {
        "year": 2013,
        "language": language,
        "title": "Events",
        "bodies": [
            {
                "name": "Network",
                "kind": "network",
                "activities": [{"title": "Meetings", "blocks": [meeting, workshop]}],
                "action_plan": [{"type": "chronology", "entries": CHRONOLOGY}],
                "upcoming": [
                    forum,
                    {"title": "Congress", "date": "tbc", "place": "Bilbao"},
                    {"title": "Summit", "date": "2014-Q2", "tentative": True},
                    {"title": "Seminar", "date": "2014-Q1/2014-Q2"},
                    {"title": "Assembly", "date": "2014-06-03", "time": "10:00", "tentative": True},
                ],
            }
        ],
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("event-details")
    return build_each_language(folder, "events", LANGUAGES, report_data)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_event_details_read_the_languages_way(
    built: dict[tuple[str, str], Path], language: str, fmt: str
) -> None:
    text = read(built[language, fmt])
    for expected in EXPECTED[language]:
        assert normalise(expected) in text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_quarters_sort_between_years_and_months(
    built: dict[tuple[str, str], Path], language: str, fmt: str
) -> None:
    text = read(built[language, fmt])
    assert sorted(SORTED, key=text.index) == SORTED


def report_with_time(time: str, date: str = "2014-02-03") -> str:
    return f"""year: 2013
language: fr
title: Times
bodies:
  - name: Network
    kind: network
    upcoming:
      - title: Forum
        date: {date}
        time: {time}
"""


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2014-Q5", "`2014-Q5` is not a valid date: quarter 5 does not exist; write a quarter "),
        ("Q2 2014", "`Q2 2014` is not a valid date; write `2014-Q2`"),
        ("à confirmer", "`à confirmer` is not a valid date; write `tbc` for a date not fixed"),
        (
            "spring 2014",
            "`spring 2014` is not a valid date; write the quarter it falls in (`2014-Q1` to "
            "`2014-Q4`), with `date_text: spring 2014` to print the season as written",
        ),
    ],
)
def test_a_wrong_event_date_is_a_located_error(tmp_path: Path, written: str, message: str) -> None:
    (issue,) = load_issues(tmp_path, report_with_time("10:00", written))
    assert issue.startswith(f"F:9:15: error: bodies[0].upcoming[0].date: {message}")


def test_a_term_is_not_a_quarter(tmp_path: Path) -> None:
    text = report_with_time("10:00").replace(
        "    upcoming:",
        "    officers:\n      - {role: president, name: Ana, since: 2013-Q2}\n    upcoming:",
    )
    (issue,) = load_issues(tmp_path, text)
    assert issue.startswith(
        "F:8:45: error: bodies[0].officers[0].since: `2013-Q2` is a quarter; write the year, "
    )


@pytest.mark.parametrize("written", ["14:30", "9:00-12:30", "09:00 - 12:30"])
def test_an_unquoted_time_is_read_as_a_time_not_a_number(tmp_path: Path, written: str) -> None:
    """YAML 1.1 reads `14:30` unquoted as 870; reportgen's reading keeps it as written."""
    source = tmp_path / "times.yaml"
    source.write_text(report_with_time(written), "utf-8")
    (event,) = reportgen.load(source).bodies[0].upcoming
    assert str(event.time) == {"14:30": "14:30"}.get(written, "09:00-12:30")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("25:00", "`25:00` is not a time: hour 25 does not exist; write hours and minutes"),
        ("14h30", "`14h30` is not a time as reportgen reads it; write `14:30`"),
        ("2:30 pm", "`2:30 pm` is not a time as reportgen reads it; write `14:30`"),
        ("12:00-11:00", "`12:00-11:00` ends before it starts, or when it starts"),
    ],
)
def test_a_wrong_time_is_a_located_error(tmp_path: Path, written: str, message: str) -> None:
    (issue,) = load_issues(tmp_path, report_with_time(written))
    assert issue.startswith(f"F:10:15: error: bodies[0].upcoming[0].time: {message}")


def test_a_time_that_yaml_made_a_number_is_refused_not_printed() -> None:
    """A library caller whose own YAML 1.1 reader made `14:30` the number 870 is told to
    quote it."""
    assert yaml.safe_load("time: 14:30") == {"time": 870}
    with pytest.raises(ValidationError, match="unquoted `14:30`; write the time in quotes"):
        Event.model_validate({"title": "Forum", "date": "2014", "time": 870})
