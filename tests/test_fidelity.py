"""Every sentence of the 2012 reference, with its headings, bullets, bold phrases and link,
read back from each output format by an independent reader."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import docx
import lxml.html
import pytest
from pypdf import PdfReader

from conftest import REFERENCE
from readers import docx_text_pandoc, html_text, normalise, pdf_text

SOURCE = REFERENCE.read_text(encoding="utf-8")
LINES = [line.strip() for line in SOURCE.splitlines() if line.strip()]
BOLD = [normalise(phrase) for phrase in re.findall(r"\*\*(.+?)\*\*", SOURCE)]
URL = "http://www.cities-localgovernments.org/committees/cdc/"
SECTION_HEADINGS = [line for line in LINES[3:] if line.isupper()]
# The reference has no heading over its officers and its link; reportgen's chapters do.
BODY_HEADINGS = ["Bureau", *SECTION_HEADINGS, "Pour en savoir plus"]
THEME_HEADINGS = [line.removesuffix(":").strip() for line in LINES if line.endswith(" :")]
BULLETS = [
    normalise(line.removeprefix("- ").replace("**", "")) for line in LINES if line.startswith("- ")
]


def _sentences() -> list[str]:
    """The reference's running text, cut into sentences, markup removed."""
    pieces = []
    for line in LINES[1:]:
        if line.isupper() or line.endswith(" :"):
            continue
        line = re.sub(r"<(https?://[^>]+)>", r"\1", line.removeprefix("- ").replace("**", ""))
        pieces += re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", line)
    return [normalise(piece) for piece in pieces if piece]


SENTENCES = _sentences()


def folded(text: str) -> str:
    """Case- and accent-insensitive form, for headings the theme may set in capitals."""
    text = unicodedata.normalize("NFKD", normalise(text).casefold())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def test_reference_was_parsed() -> None:
    assert len(SECTION_HEADINGS) == 3
    assert len(THEME_HEADINGS) == 5
    assert len(BULLETS) == 11
    assert len(BOLD) == 9
    assert len(SENTENCES) == 35


READERS = {
    "pdf": pdf_text,
    "docx": docx_text_pandoc,
    "html": html_text,
}


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_every_sentence_is_in_the_output(built_2012: dict[str, Path], fmt: str) -> None:
    text = normalise(READERS[fmt](built_2012[fmt]))
    missing = [sentence for sentence in SENTENCES if sentence not in text]
    assert not missing, f"{len(missing)} sentences missing from {fmt}, first: {missing[0]!r}"


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_title_body_and_headings(built_2012: dict[str, Path], fmt: str) -> None:
    text = folded(READERS[fmt](built_2012[fmt]))
    for heading in [LINES[0], LINES[1], *SECTION_HEADINGS, *THEME_HEADINGS]:
        assert folded(heading) in text


# --- HTML structure ------------------------------------------------------------------


@pytest.fixture(scope="module")
def html_tree(built_2012: dict[str, Path]) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(built_2012["html"].read_bytes())


def _texts(tree: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [normalise(element.text_content()) for element in tree.xpath(xpath)]


def test_html_structure(html_tree: lxml.html.HtmlElement) -> None:
    assert html_tree.get("lang") == "fr"
    assert folded(_texts(html_tree, "//h1")[0]) == folded(LINES[0])
    assert _texts(html_tree, "//h2") == [normalise(LINES[1])]
    assert [folded(t) for t in _texts(html_tree, "//h3")] == [folded(h) for h in BODY_HEADINGS]
    assert _texts(html_tree, "//h4") == [normalise(h) for h in THEME_HEADINGS]
    items = _texts(html_tree, "//main//ul[not(@class='officers')]/li")
    assert [item for item in BULLETS if item not in items] == []
    assert _texts(html_tree, "//strong") == BOLD
    assert [a.get("href") for a in html_tree.xpath("//a")] == [URL]


def test_html_is_self_contained(built_2012: dict[str, Path]) -> None:
    html = built_2012["html"].read_text(encoding="utf-8")
    tree = lxml.html.fromstring(html)
    assert tree.xpath("//link[@rel='stylesheet']") == []
    assert tree.xpath("//script[@src]") == []
    assert tree.xpath("//style")
    assert "url(http" not in html


# --- Word structure ------------------------------------------------------------------


@pytest.fixture(scope="module")
def word(built_2012: dict[str, Path]) -> docx.document.Document:
    return docx.Document(str(built_2012["docx"]))


def test_docx_headings_and_bullets(word: docx.document.Document) -> None:
    by_style: dict[str, list[str]] = {}
    for paragraph in word.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(normalise(paragraph.text))
    assert folded(by_style["Title"][0]).startswith(folded(LINES[0]).removesuffix(" 2012"))
    assert by_style["Heading 1"] == [normalise(LINES[1])]
    assert [folded(h) for h in by_style["Heading 2"]] == [folded(h) for h in BODY_HEADINGS]
    assert by_style["Heading 3"] == [normalise(h) for h in THEME_HEADINGS]
    bullets = by_style["List Bullet"]
    assert [item for item in BULLETS if item not in bullets] == []


def test_docx_bold_runs_and_link(word: docx.document.Document) -> None:
    bold = []
    for paragraph in word.paragraphs:
        if paragraph.style.name.startswith(("Heading", "Title")):
            continue
        bold += [normalise(run.text) for run in paragraph.runs if run.bold]
    assert [phrase for phrase in BOLD if phrase not in bold] == []
    targets = [rel.target_ref for rel in word.part.rels.values() if rel.is_external]
    assert URL in targets


# --- PDF structure -------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(built_2012: dict[str, Path]) -> PdfReader:
    return PdfReader(built_2012["pdf"])


def test_pdf_bold_phrases_use_a_bold_font(pdf: PdfReader) -> None:
    bold_text: list[str] = []

    def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        if isinstance(font, dict) and "Bold" in str(font.get("/BaseFont", "")):
            bold_text.append(text)

    for page in pdf.pages:
        page.extract_text(visitor_text=visit)
    drawn = normalise(" ".join(bold_text))
    for phrase in BOLD:
        first_word = phrase.split()[0].strip("«»")
        assert first_word in drawn


def test_pdf_link_and_bullets(pdf: PdfReader, built_2012: dict[str, Path]) -> None:
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in pdf.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    ]
    assert URL in uris
    assert pdf_text(built_2012["pdf"]).count("•") >= len(BULLETS)
