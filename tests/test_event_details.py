"""What a reader sees of an event beyond its title and date, in every format and language:
its organisers and partners."""

from __future__ import annotations

from pathlib import Path

import pytest

from readers import build_each_language, normalise
from test_dates_and_figures import read

LANGUAGES = ("fr", "en", "es")
FORMATS = ("pdf", "docx", "html")

EXPECTED = {
    "fr": [
        "Organisation : Ville de Dakar et CGLU Afrique",
        "Partenaires : ONU-Habitat",
        "Forum (février 2014) — Organisation : Ville A, Ville B et Ville C",
    ],
    "en": [
        "Organisers: Ville de Dakar and CGLU Afrique",
        "Partners: ONU-Habitat",
        "Forum (February 2014) — Organisers: Ville A, Ville B, and Ville C",
    ],
    "es": [
        "Organización: Ville de Dakar y CGLU Afrique",
        "Socios: ONU-Habitat",
        "Forum (febrero de 2014) — Organización: Ville A, Ville B y Ville C",
    ],
}


def report_data(language: str) -> dict[str, object]:
    meeting = {
        "type": "event",
        "title": "Meeting",
        "date": "2013-03-05",
        "place": "Dakar",
        "organisers": ["Ville de Dakar", "CGLU Afrique"],
        "partners": ["ONU-Habitat"],
    }
    forum = {"title": "Forum", "date": "2014-02", "organisers": ["Ville A", "Ville B", "Ville C"]}
    return {
        "year": 2013,
        "language": language,
        "title": "Events",
        "bodies": [
            {
                "name": "Network",
                "kind": "network",
                "activities": [{"title": "Meetings", "blocks": [meeting]}],
                "upcoming": [forum],
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
