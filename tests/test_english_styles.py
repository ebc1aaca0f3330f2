"""English dates in British or American style: `language: en-GB` writes `3 March 2012`,
`en-US` (and plain `en`, as before) `March 3, 2012`, ranges too; the PDF's /Lang, Word's
w:lang and HTML's lang carry the region; a French report translated with `--to en-GB`
is built with `--lang` in British style."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from readers import build_each_language, normalise
from test_cli import run
from test_dates_and_figures import read
from test_translate import SMALL

LANGUAGES = ("en", "en-GB", "en-US")
FORMATS = ("pdf", "docx", "html")
AMERICAN = [
    "Meeting in Dakar (March 3, 2012)",
    "Forum in Bilbao (March 3 - 5, 2012)",
    "Summit (February 28 - March 2, 2012)",
    "June 1, 2012: Study published",
]
EXPECTED = {
    "en": AMERICAN,
    "en-US": AMERICAN,
    "en-GB": [
        "Meeting in Dakar (3 March 2012)",
        "Forum in Bilbao (3-5 March 2012)",
        "Summit (28 February - 2 March 2012)",
        "1 June 2012: Study published",
    ],
}
TAGS = {"en": ("en", "en-GB"), "en-GB": ("en-GB", "en-GB"), "en-US": ("en-US", "en-US")}
"""The tag of the PDF and the HTML page, and Word's (with a region for its spell-check)."""


def report_data(language: str) -> dict[str, object]:
    events = [
        {"type": "event", "title": "Meeting", "date": "2012-03-03", "place": "Dakar"},
        {"type": "event", "title": "Forum", "date": "2012-03-03/2012-03-05", "place": "Bilbao"},
        {"type": "event", "title": "Summit", "date": "2012-02-28/2012-03-02"},
        {"type": "list", "items": [{"date": "2012-06-01", "text": "Study published"}]},
    ]
    return {
        "year": 2012,
        "language": language,
        "title": "Styles",
        "bodies": [
            {
                "name": "Network",
                "kind": "network",
                "activities": [{"title": "Work", "blocks": events}],
            }
        ],
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("english-styles")
    return build_each_language(folder, "english", LANGUAGES, report_data)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_in_the_style_of_the_region(
    built: dict[tuple[str, str], Path], language: str, fmt: str
) -> None:
    text = read(built[language, fmt])
    for expected in EXPECTED[language]:
        assert normalise(expected) in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_format_carries_the_tag(built: dict[tuple[str, str], Path], language: str) -> None:
    tag, word_tag = TAGS[language]
    assert PdfReader(built[language, "pdf"]).trailer["/Root"]["/Lang"] == tag
    document = docx.Document(str(built[language, "docx"]))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert {lang.get(qn("w:val")) for lang in defaults.iter(qn("w:lang"))} == {word_tag}
    assert document.core_properties.language == tag
    assert f'<html lang="{tag}">' in built[language, "html"].read_text("utf-8")


def test_a_translation_into_british_english(tmp_path: Path) -> None:
    """`translate --to en-GB` keeps its catalogue as en_GB, as Babel names it; `build --lang
    en-GB` reads it and writes the dates in British style with English words."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "2013.yaml").write_text(SMALL, encoding="utf-8")
    assert run("translate", "2013", "--to", "en-GB", cwd=tmp_path).returncode == 0
    assert (tmp_path / "reports" / "translations" / "2013.en_GB.po").is_file()
    result = run("build", "2013", "--lang", "en-GB", "-f", "html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "build" / "2013.en_GB.html").read_text("utf-8")
    assert '<html lang="en-GB">' in html
    assert "Upcoming activities" in html
    assert "Réunion annuelle in Dakar (5 December 2013)" in html
