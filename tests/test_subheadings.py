"""Sub-headings inside a theme (`type: heading`): one level below the theme's heading in every
format, in the PDF's bookmarks and Word's navigation pane but not in the printed contents,
and never left alone at the foot of a page."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
import lxml.html
import pytest
import yaml
from pypdf import PdfReader

from conftest import build_outputs
from readers import FURNITURE, load_issues

PAGE = r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>'
WORD = r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)</word>'
SUBHEADINGS = [f"Subheading {letter}" for letter in "ABCDEFGHIJKLMNOPQRSTUVWX"]


def report() -> dict[str, object]:
    blocks: list[dict[str, str]] = []
    for index, heading in enumerate(SUBHEADINGS):
        sentences = 2 + (index * 7) % 9  # paragraphs of uneven length, so headings fall anywhere
        blocks.append({"type": "heading", "text": heading})
        blocks.append({"type": "paragraph", "text": f"Text {index} of the part. " * sentences * 3})
    return {
        "year": 2012,
        "language": "en",
        "title": "Activity report",
        "bodies": [
            {
                "name": "Committee on Culture",
                "kind": "committee",
                "activities": [{"title": "Meetings", "blocks": blocks}],
            },
            {"name": "Working group on cities", "kind": "working-group", "introduction": "Text."},
        ],
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("subheadings")
    source = folder / "subheadings.yaml"
    source.write_text(yaml.safe_dump(report()), encoding="utf-8")
    return build_outputs(source, folder / "out")


def test_pdf_bookmarks_hold_subheadings_under_their_theme_not_the_contents(
    built: dict[str, Path],
) -> None:
    reader = PdfReader(built["pdf"])
    outline = reader.outline
    titles: list[tuple[int, str]] = []

    def walk(items: list[object], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                titles.append((depth, str(item.title)))  # type: ignore[attr-defined]

    walk(outline, 0)
    theme = titles.index(next(entry for entry in titles if entry[1] == "Meetings"))
    below = titles[theme + 1 : theme + 1 + len(SUBHEADINGS)]
    assert below == [(titles[theme][0] + 1, heading) for heading in SUBHEADINGS]
    contents = reader.pages[1].extract_text()
    assert "Committee on Culture" in contents and "Subheading" not in contents


def test_pdf_never_ends_a_page_with_a_subheading(built: dict[str, Path]) -> None:
    output = subprocess.run(
        ["pdftotext", "-bbox", str(built["pdf"]), "-"], check=True, capture_output=True, text=True
    ).stdout
    ends = 0
    for height, page in re.findall(
        r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', output, re.S
    ):
        words = [
            (float(top), word)
            for top, word in re.findall(
                r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page
            )
            if FURNITURE < float(top) < float(height) - FURNITURE
        ]
        if not words:
            continue
        last = max(top for top, _ in words)
        line = [word for top, word in words if abs(top - last) < 2]
        assert "Subheading" not in line, line
        ends += 1
    assert ends > 4  # several pages of sub-headings were looked at


def test_word_subheadings_are_heading_4_under_the_themes_heading_3(
    built: dict[str, Path],
) -> None:
    document = docx.Document(str(built["docx"]))
    styles = {paragraph.text: paragraph.style for paragraph in document.paragraphs}
    assert styles["Meetings"].name == "Heading 3"
    assert not styles["Meetings"].font.italic
    for heading in SUBHEADINGS:
        style = styles[heading]
        assert style.name == "Heading 4"
        assert style.font.italic  # told from the theme's heading as in the PDF: in italics
        assert style.paragraph_format.keep_with_next
        outline = style.element.pPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl"
        )
        assert (
            outline is not None
            and outline.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
            == "3"
        )
    with zipfile.ZipFile(built["docx"]) as package:
        body = package.read("word/document.xml").decode()
    assert ' TOC \\o "1-1" ' in body  # the contents list chapters: Heading 1 only


def test_html_subheadings_are_h5_under_the_themes_h4(built: dict[str, Path]) -> None:
    tree = lxml.html.fromstring(built["html"].read_bytes())
    headings = [
        (element.tag, element.text_content())
        for element in tree.xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")
    ]
    theme = headings.index(("h4", "Meetings"))
    assert headings[theme + 1 : theme + 1 + len(SUBHEADINGS)] == [
        ("h5", heading) for heading in SUBHEADINGS
    ]
    assert not tree.xpath("//nav[@class='contents']//*[contains(., 'Subheading')]")


def test_a_note_in_a_subheading_is_a_located_error(tmp_path: Path) -> None:
    text = (
        "year: 2012\nlanguage: en\ntitle: Report\nbodies:\n  - name: Committee\n"
        "    kind: committee\n    activities:\n      - title: Meetings\n        blocks:\n"
        "          - type: heading\n            text: Agenda^[a note]\n"
        "          - type: paragraph\n            text: Text.\n"
    )
    assert load_issues(tmp_path, text) == [
        "F:11:19: error: bodies[0].activities[0].blocks[0].text: a footnote (`^[...]`) cannot "
        "go in a heading; put it in the text that follows"
    ]
