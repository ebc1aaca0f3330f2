"""Dates and figures as a reader sees them in every format and language: approximate
figures in the language's words, the French `1er` for the first day of a month."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from readers import build_each_language, html_text, normalise, pdf_text

LANGUAGES = ("fr", "en", "es")
FORMATS = ("pdf", "docx", "html")

FIGURES = [
    {"value": 4500, "approx": "more-than", "label": "cities"},
    {"value": 200, "approx": "about", "label": "mayors"},
    {"value": 70, "approx": "plus", "label": "countries"},
    {"value": 12.5, "unit": "%", "approx": "at-least", "label": "online"},
    {"value": 3, "unit": "km", "approx": "less-than", "label": "cable"},
]
EXPECTED = {
    "fr": [
        "plus de 4 500",
        "environ 200",
        "70+",
        "au moins 12,5 %",
        "moins de 3 km",
        "Meeting à Dakar (1er mars 2013)",
        "Forum à Dakar (28 février - 1er mars 2014)",
    ],
    "en": [
        "more than 4,500",
        "about 200",
        "70+",
        "at least 12.5%",
        "less than 3 km",
        "Meeting in Dakar (March 1, 2013)",
        "Forum in Dakar (February 28 - March 1, 2014)",
    ],
    "es": [
        "más de 4.500",
        "unos 200",
        "70+",
        "al menos 12,5 %",
        "menos de 3 km",
        "Meeting en Dakar (1 de marzo de 2013)",
        "Forum en Dakar (28 de febrero - 1 de marzo de 2014)",
    ],
}


def report_data(language: str) -> dict[str, object]:
    return {
        "year": 2013,
        "language": language,
        "title": "Figures",
        "bodies": [
            {
                "name": "Network",
                "kind": "network",
                "introduction": [{"type": "figures", "items": FIGURES}],
                "activities": [
                    {
                        "title": "Meetings",
                        "blocks": [
                            {
                                "type": "event",
                                "title": "Meeting",
                                "date": "2013-03-01",
                                "place": "Dakar",
                            }
                        ],
                    }
                ],
                "upcoming": [{"title": "Forum", "date": "2014-02-28/2014-03-01", "place": "Dakar"}],
            }
        ],
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("dates-figures")
    return build_each_language(folder, "figures", LANGUAGES, report_data)


def read(path: Path) -> str:
    """The text a reader sees: pdftotext, python-docx's paragraphs and table cells, or the
    parsed HTML."""
    if path.suffix == ".pdf":
        text = pdf_text(path)
    elif path.suffix == ".docx":
        document = docx.Document(str(path))
        cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
        paragraphs = [*document.paragraphs, *(p for cell in cells for p in cell.paragraphs)]
        text = "\n".join(paragraph.text for paragraph in paragraphs)
    else:
        text = html_text(path)
    return normalise(text.replace("\u2009", " "))


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_figures_and_dates_read_the_languages_way(
    built: dict[tuple[str, str], Path], language: str, fmt: str
) -> None:
    text = read(built[language, fmt])
    for expected in EXPECTED[language]:
        assert normalise(expected) in text
