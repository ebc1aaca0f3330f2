"""A signature under the foreword: the scanned signature if any, the name and the position,
after the foreword's text in every format; one signatory or several."""

from __future__ import annotations

import base64
import io
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

import reportgen
from conftest import build_outputs
from readers import docx_text_pandoc, load_issues, normalise, pdf_text
from test_import import imported

REPORT = """\
year: 2012
language: en
title: Activity report
foreword: The year was a good one for every body of the network.
signature:
  - name: Ana Example
    position: President of the network
    image: signature.png
  - name: Ben Sample
    position: Secretary General
introduction: The network and its bodies.
bodies:
  - name: Committee on Culture
    kind: committee
    introduction: About culture.
"""


def scanned() -> bytes:
    data = io.BytesIO()
    Image.new("L", (600, 150), 255).save(data, "PNG")
    return data.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("signature")
    (folder / "signature.png").write_bytes(scanned())
    (folder / "report.yaml").write_text(REPORT, encoding="utf-8")
    return build_outputs(folder / "report.yaml", folder / "out")


SIGNED = (
    "The year was a good one for every body of the network. Ana Example President of the "
    "network Ben Sample Secretary General Introduction"
)


def test_the_pdf_prints_the_signatures_after_the_forewords_text(built: dict[str, Path]) -> None:
    assert SIGNED in normalise(pdf_text(built["pdf"]))
    listing = subprocess.run(
        ["pdfimages", "-list", str(built["pdf"])], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    ((page, width, ppi),) = [(row.split()[0], row.split()[3], row.split()[12]) for row in listing]
    pages = pdf_text(built["pdf"]).split("\f")
    foreword_page = next(number for number, text in enumerate(pages, 1) if "Ana Example" in text)
    assert (int(page), int(width)) == (foreword_page, 600)
    assert int(ppi) >= 600 / (50 / 25.4)  # at most 50 mm wide


def test_word_prints_each_signature_in_one_paragraph_kept_with_the_text(
    built: dict[str, Path],
) -> None:
    # pandoc writes a picture as its description in brackets
    assert SIGNED in normalise(docx_text_pandoc(built["docx"])).replace("[Ana Example] ", "")
    document = docx.Document(str(built["docx"]))
    paragraphs = document.paragraphs
    signed = [p for p in paragraphs if p.style.name == "Signature"]
    assert [p.text.strip() for p in signed] == [
        "Ana Example\nPresident of the network",
        "Ben Sample\nSecretary General",
    ]
    assert all(p.paragraph_format.keep_together for p in signed)
    assert [run.text for run in signed[0].runs if run.bold] == ["Ana Example"]
    (picture,) = signed[0]._p.findall(f".//{qn('wp:inline')}")
    assert picture.find(qn("wp:docPr")).get("descr") == "Ana Example"
    assert int(picture.find(qn("wp:extent")).get("cx")) <= 50 * 36000
    before = paragraphs[[p.text for p in paragraphs].index(signed[0].text) - 1]
    assert before.text.startswith("The year was a good one")
    assert before.paragraph_format.keep_with_next


class _Foreword(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.seen: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "section":
            self.inside = values.get("id") == "foreword"
        if self.inside and tag == "img":
            self.seen.append(("img", values["alt"]))
            assert base64.b64decode(values["src"].split(",", 1)[1]) == scanned()
        if self.inside and tag in {"p", "div"}:
            self.seen.append((tag, values.get("class", "")))

    def handle_data(self, data: str) -> None:
        if self.inside and data.strip():
            self.seen.append(("text", data.strip()))


def test_the_html_prints_the_signatures_at_the_end_of_the_foreword(built: dict[str, Path]) -> None:
    foreword = _Foreword()
    foreword.feed(built["html"].read_text(encoding="utf-8"))
    assert foreword.seen[3:] == [
        ("div", "signature"),
        ("img", "Ana Example"),
        ("p", "signature-name"),
        ("text", "Ana Example"),
        ("p", "signature-position"),
        ("text", "President of the network"),
        ("div", "signature"),
        ("p", "signature-name"),
        ("text", "Ben Sample"),
        ("p", "signature-position"),
        ("text", "Secretary General"),
    ]


def test_one_signatory_is_written_without_a_list(tmp_path: Path) -> None:
    source = tmp_path / "report.yaml"
    text = REPORT.replace("  - name: Ana Example\n    position: President of the network\n", "")
    text = text.replace("    image: signature.png\n", "").replace("  - name: Ben", "  name: Ben")
    source.write_text(text.replace("    position: Secretary", "  position: Secretary"), "utf-8")
    report = reportgen.load(source)
    assert [(s.name, s.position) for s in report.signature] == [("Ben Sample", "Secretary General")]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "foreword: The year was a good one for every body of the network.\n",
            "",
            "F:4:1: error: signature: `signature` signs the foreword, which this report does "
            "not have; write a `foreword`, or remove the signature",
        ),
        (
            "image: signature.png",
            "image: signatur.png",
            "F:8:12: error: signature[0].image: no such file `signatur.png` in the report's "
            "folder; did you mean `signature.png`?",
        ),
        (
            "    position: Secretary General",
            "    postion: Secretary General",
            "F:10:5: error: signature[1].postion: unknown key `postion`; did you mean `position`?",
        ),
    ],
)
def test_a_wrong_signature_is_a_located_error(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    (tmp_path / "signature.png").write_bytes(scanned())
    assert load_issues(tmp_path, REPORT.replace(old, new)) == [message]


def test_importing_the_word_file_gives_back_the_signatures(
    built: dict[str, Path], tmp_path: Path
) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(built["docx"].read_bytes())
    report, _, _ = imported(source)
    assert [(s.name, s.position) for s in report.signature] == [
        ("Ana Example", "President of the network"),
        ("Ben Sample", "Secretary General"),
    ]
    image = report.signature[0].image
    assert image is not None and (tmp_path / image).read_bytes() == scanned()
    assert [block.type for block in report.foreword] == ["paragraph"]
