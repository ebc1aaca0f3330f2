"""A cover title in the report's own words: on the cover instead of title and year, and
wherever the report names itself (running heads, PDF and Word titles, the HTML title)."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

import reportgen
from conftest import build_outputs
from readers import normalise
from reportgen.source.translation import is_translated

COVER = "2012 Activities Report and 2013 Action Plan"
REPORT = f"""\
year: 2012
language: en
title: Activity report
cover_title: {COVER}
organisation: Example Network
bodies:
  - name: Committee on Culture
    kind: committee
    introduction: About culture.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("cover-title")
    (folder / "report.yaml").write_text(REPORT, encoding="utf-8")
    return build_outputs(folder / "report.yaml", folder / "out")


def test_the_pdf_cover_and_title_are_the_cover_title(built: dict[str, Path]) -> None:
    reader = PdfReader(built["pdf"])
    assert reader.metadata is not None and reader.metadata.title == COVER
    pages = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(built["pdf"]), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\f")
    assert normalise(pages[0]) == f"Example Network {COVER} Committee on Culture"
    assert normalise(pages[1]).startswith(f"{COVER} Committee on Culture")  # the running head


def test_the_word_cover_header_and_title_are_the_cover_title(built: dict[str, Path]) -> None:
    document = docx.Document(str(built["docx"]))
    assert document.core_properties.title == COVER
    styles = {paragraph.style.name: paragraph.text for paragraph in document.paragraphs}
    assert styles["Title"] == COVER and "Cover Year" not in styles
    assert document.sections[-1].header.paragraphs[0].text.startswith(COVER)


class _Titles(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tag = ""
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tag = tag if tag in {"title", "h1"} else self.tag

    def handle_endtag(self, tag: str) -> None:
        self.tag = "" if tag == self.tag else self.tag

    def handle_data(self, data: str) -> None:
        if self.tag:
            self.found[self.tag] = self.found.get(self.tag, "") + data


def test_the_html_title_and_heading_are_the_cover_title(built: dict[str, Path]) -> None:
    titles = _Titles()
    titles.feed(built["html"].read_text(encoding="utf-8"))
    assert {tag: text.strip() for tag, text in titles.found.items()} == {
        "title": COVER,
        "h1": COVER,
    }


def test_without_a_cover_title_the_cover_shows_title_and_year(tmp_path: Path) -> None:
    source = tmp_path / "report.yaml"
    source.write_text(REPORT.replace(f"cover_title: {COVER}\n", ""), encoding="utf-8")
    (pdf,) = reportgen.build([source], tmp_path / "out", formats=["pdf"])
    reader = PdfReader(pdf)
    assert reader.metadata is not None and reader.metadata.title == "Activity report 2012"


def test_the_cover_title_is_translated() -> None:
    assert is_translated(("cover_title",))
