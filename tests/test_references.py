"""References between chapters (`[label](#id)`): the label and the chapter's page in the PDF,
an internal hyperlink and a PAGEREF field to a bookmark on the chapter's heading in Word, a
link to the chapter's anchor in HTML; an unknown id is a located error with a suggestion;
a translation keeps each reference or is an error at its entry."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from pypdf import PdfReader

import reportgen
from conftest import EPOCH, build_outputs
from readers import load_issues, normalise, pdf_text
from test_cli import run

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def report(language: str = "en") -> dict[str, object]:
    filler = [
        {"type": "paragraph", "text": f"Filler text {letter} of the chapter. " * 60}
        for letter in "ABCDEF"
    ]
    return {
        "year": 2012,
        "language": language,
        "title": "Activity report",
        "bodies": [
            {
                "name": "Committee on Digital Cities",
                "id": "digital",
                "kind": "committee",
                "introduction": "See [the Working Group on **Culture**](#culture) for heritage.",
                "activities": [{"title": "Work", "blocks": filler}],
            },
            {
                "name": "Working Group on Culture",
                "id": "culture",
                "kind": "working-group",
                "introduction": "Its work continues [the committee's](#digital).^[As [the "
                "committee](#digital) says.]",
            },
        ],
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("references")
    source = folder / "references.yaml"
    source.write_text(yaml.safe_dump(report()), encoding="utf-8")
    return build_outputs(source, folder / "out")


def _chapter_pages(reader: PdfReader) -> dict[str, int]:
    """The page (from 1) each chapter's bookmark leads to, by the chapter's name: the
    bookmarks under the report's title."""
    return {
        str(item.title): reader.get_destination_page_number(item) + 1
        for item in reader.outline[1]
        if not isinstance(item, list)
    }


def test_pdf_gives_the_page_of_the_chapter_and_links_to_it(built: dict[str, Path]) -> None:
    reader = PdfReader(built["pdf"])
    pages = _chapter_pages(reader)
    culture, digital = pages["Working Group on Culture"], pages["Committee on Digital Cities"]
    assert culture > digital + 1  # the first chapter is longer than a page
    text = normalise(pdf_text(built["pdf"]))
    assert f"See the Working Group on Culture, p. {culture} for heritage." in text
    assert f"Its work continues the committee's, p. {digital}." in text
    assert f"As the committee, p. {digital} says." in text  # in the footnote too
    named = reader.named_destinations
    targets = {
        str(destination): reader.get_destination_page_number(named[str(destination)]) + 1
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if (destination := annotation.get_object().get("/Dest")) is not None
    }
    assert targets["culture"] == culture and targets["digital"] == digital


def test_word_links_to_a_bookmark_on_the_heading_and_gives_its_page_in_a_field(
    built: dict[str, Path],
) -> None:
    with zipfile.ZipFile(built["docx"]) as package:
        body = lxml.etree.fromstring(package.read("word/document.xml"))
        settings = package.read("word/settings.xml").decode()
        footnotes = package.read("word/footnotes.xml").decode()
    bookmarks = {
        mark.get(f"{W}name"): "".join(mark.getparent().itertext())
        for mark in body.iter(f"{W}bookmarkStart")
    }
    (culture,) = [
        name
        for name, text in bookmarks.items()
        if text == "Working Group on Culture" and name.startswith("_Ref")
    ]
    (link,) = body.xpath(f"//w:hyperlink[@w:anchor='{culture}']", namespaces={"w": W[1:-1]})
    assert "".join(link.itertext()) == "the Working Group on Culture"
    paragraph = link.getparent()
    codes = "".join(paragraph.xpath(".//w:instrText/text()", namespaces={"w": W[1:-1]}))
    assert codes.strip() == f"PAGEREF {culture} \\h"
    assert normalise("".join(paragraph.itertext())).startswith(
        "See the Working Group on Culture, p."
    )
    assert '<w:updateFields w:val="true"/>' in settings
    assert "PAGEREF _Ref" in footnotes and 'w:anchor="_Ref' in footnotes


def test_html_links_to_the_chapters_anchor(built: dict[str, Path]) -> None:
    tree = lxml.html.fromstring(built["html"].read_bytes())
    (link,) = tree.xpath("//a[@class='reference' and @href='#culture']")
    assert link.text_content() == "the Working Group on Culture"
    assert tree.xpath("//article[@id='culture']//h2")[0].text_content() == (
        "Working Group on Culture"
    )
    assert len(tree.xpath("//a[@class='reference' and @href='#digital']")) == 2  # the note's too
    assert "p." not in link.getparent().text_content()  # a page number is for print only


def test_an_unknown_id_is_a_located_error_with_the_id_meant(tmp_path: Path) -> None:
    text = (
        "year: 2012\nlanguage: en\ntitle: Report\nbodies:\n  - name: Committee\n"
        "    id: culture\n    kind: committee\n"
        "    introduction: See [it](#cultur) and [that](#x).\n"
    )
    assert load_issues(tmp_path, text) == [
        "F:8:28: error: bodies[0].introduction[0].text: `#cultur` refers to no chapter: no body "
        "has `id: cultur`; did you mean `#culture`?",
        "F:8:48: error: bodies[0].introduction[0].text: `#x` refers to no chapter: no body has "
        "`id: x`; the bodies' ids are `#culture`",
    ]


@pytest.mark.parametrize(
    ("target", "fails"), [("#culture", False), ("#digital", True)], ids=["kept", "changed"]
)
def test_a_translation_keeps_each_reference(tmp_path: Path, target: str, fails: bool) -> None:
    (tmp_path / "reports").mkdir()
    source = tmp_path / "reports" / "refs.yaml"
    source.write_text(yaml.safe_dump(report()), encoding="utf-8")
    assert run("translate", "reports/refs.yaml", "--to", "fr", cwd=tmp_path).returncode == 0
    po = tmp_path / "reports" / "translations" / "refs.fr.po"
    with po.open("rb") as stream:
        catalogue = read_po(stream)
    for message in catalogue:
        if message.id:
            message.string = str(message.id)
    context = "bodies[0].introduction"
    catalogue.get(report()["bodies"][0]["introduction"], context=context).string = (  # type: ignore[index]
        f"Voir [le groupe de travail sur la **Culture**]({target}) pour le patrimoine."
    )
    with po.open("wb") as stream:
        write_po(stream, catalogue)
    result = run("build", "reports/refs.yaml", "--lang", "fr", "-f", "pdf", cwd=tmp_path)
    if fails:
        assert result.returncode == 1
        assert re.search(
            rf"refs\.fr\.po:\d+:1: error: {re.escape(context)}: the translation's links differ "
            r"from the source's \(`#culture`\); keep each link's target",
            result.stderr,
        ), result.stderr
    else:
        assert result.returncode == 0, result.stderr
        text = normalise(pdf_text(tmp_path / "build" / "refs.fr.pdf"))
        assert re.search(r"Voir le groupe de travail sur la Culture, p\. \d+ pour", text)


def test_a_reference_on_the_cover_builds_in_every_format(tmp_path: Path) -> None:
    data = report()
    data["note"] = "Read first [the Working Group on Culture](#culture)."
    data["bodies"][0]["introduction"] = "No reference here."  # type: ignore[index]
    data["bodies"][1]["introduction"] = "Nor here."  # type: ignore[index]
    source = tmp_path / "cover.yaml"
    source.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        paths = {path.suffix: path for path in reportgen.build([source], tmp_path / "out")}
    culture = _chapter_pages(PdfReader(paths[".pdf"]))["Working Group on Culture"]
    assert f"Read first the Working Group on Culture, p. {culture}." in normalise(
        subprocess.run(
            ["pdftotext", "-l", "1", str(paths[".pdf"]), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    with zipfile.ZipFile(paths[".docx"]) as package:
        assert "PAGEREF _RefChapter2" in package.read("word/document.xml").decode()
