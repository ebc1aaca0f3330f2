"""Logos: the organisation's on the cover, a body's at the opening of its chapter, in every
format, small whatever the file's size; read like image blocks, with the same checks."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx2python import docx2python
from PIL import Image

from conftest import build_outputs
from readers import load_issues
from test_import import imported

REPORT = """\
year: 2012
language: fr
title: Rapport d'activités
organisation: Réseau d'exemple
logo: images/network.png
bodies:
  - name: Commission de la culture
    kind: commission
    logo: images/culture.jpg
    introduction: La culture.
  - name: Groupe de travail sur l'eau
    kind: working-group
    introduction: L'eau.
"""


def drawn(size: tuple[int, int], colour: str, form: str, mode: str = "RGB") -> bytes:
    data = io.BytesIO()
    Image.new(mode, size, colour).save(data, form)
    return data.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report, its cover logo a wide PNG far larger than a logo is shown, its body's
    logo a small JPEG."""
    folder = tmp_path_factory.mktemp("logos")
    (folder / "images").mkdir()
    (folder / "images" / "network.png").write_bytes(drawn((2000, 500), "#1f4e79", "PNG"))
    (folder / "images" / "culture.jpg").write_bytes(drawn((120, 90), "#a0522d", "JPEG"))
    (folder / "report.yaml").write_text(REPORT, encoding="utf-8")
    return build_outputs(folder / "report.yaml", folder / "out")


def test_the_pdf_shows_the_cover_logo_on_the_cover_and_the_bodys_on_its_chapter(
    built: dict[str, Path],
) -> None:
    listing = subprocess.run(
        ["pdfimages", "-list", str(built["pdf"])], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    images = [(int(row.split()[0]), int(row.split()[3]), int(row.split()[12])) for row in listing]
    chapter = _page_of(built["pdf"], "La culture.")
    assert [(page, width) for page, width, _ in images] == [(1, 2000), (chapter, 120)]
    # 2000 pixels over at most 70 mm: at least 725 to the inch, not a page-wide picture
    assert images[0][2] >= 2000 / (70 / 25.4)
    assert images[1][2] >= 120 / (45 / 25.4)


def _page_of(pdf: Path, text: str) -> int:
    """The number of the first page whose text holds `text`."""
    pages = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout.split("\f")
    return next(number for number, page in enumerate(pages, 1) if text in page)


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str, bytes]] = []
        self.where = "page"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in {"header", "article"}:
            self.where = tag
        if tag == "img":
            data = base64.b64decode(values["src"].split(",", 1)[1])
            self.found.append((self.where, values.get("class", ""), values["alt"], data))


def test_the_html_shows_each_logo_with_its_owner_as_alt_text(built: dict[str, Path]) -> None:
    images = _Images()
    images.feed(built["html"].read_text(encoding="utf-8"))
    folder = built["html"].parent.parent / "images"
    assert images.found == [
        ("header", "logo", "Réseau d'exemple", (folder / "network.png").read_bytes()),
        ("article", "body-logo", "Commission de la culture", (folder / "culture.jpg").read_bytes()),
    ]


def test_word_holds_both_logos_small_the_covers_in_front_of_its_first_paragraph(
    built: dict[str, Path],
) -> None:
    with docx2python(built["docx"]) as content:
        sizes = sorted(Image.open(io.BytesIO(data)).size for data in content.images.values())
    assert (120, 90) in sizes and (2000, 500) in sizes
    document = docx.Document(str(built["docx"]))
    cover = document.paragraphs[0]
    assert cover.style.name == "Subtitle" and cover.text == "Réseau d'exemple"
    (anchor,) = cover._p.findall(f".//{qn('wp:anchor')}")
    assert anchor.find(qn("wp:docPr")).get("descr") == "Réseau d'exemple"
    assert int(anchor.find(qn("wp:extent")).get("cx")) <= 70 * 36000
    styles = [paragraph.style.name for paragraph in document.paragraphs]
    logo = styles.index("Logo")
    assert document.paragraphs[logo + 1].text == "Commission de la culture"
    (inline,) = document.paragraphs[logo]._p.findall(f".//{qn('wp:inline')}")
    assert inline.find(qn("wp:docPr")).get("descr") == "Commission de la culture"
    assert int(inline.find(qn("wp:extent")).get("cy")) <= 16 * 36000
    assert styles.count("Logo") == 1
    with zipfile.ZipFile(built["docx"]) as package:
        media = [name for name in package.namelist() if name.startswith("word/media/")]
    assert len(media) == 3  # the two logos and the cover's band of colour


@pytest.mark.parametrize(
    ("logo", "files", "message"),
    [
        (
            "images/netwrok.png",
            {"images/network.png": drawn((10, 10), "red", "PNG")},
            "F:5:7: error: logo: no such file `images/netwrok.png` in the report's folder; "
            "did you mean `images/network.png`?",
        ),
        (
            "../network.png",
            {},
            "F:5:7: error: logo: `../network.png` must be a path relative to the report's "
            "folder, inside it",
        ),
        ("logo.svg", {}, "F:5:7: error: logo: `logo.svg` is not a PNG or JPEG file"),
        (
            "logo.png",
            {"logo.png": drawn((10, 10), "red", "JPEG")},
            "F:5:7: error: logo: image `logo.png` holds a JPEG picture, not PNG; fix its name "
            "or content",
        ),
        (
            "logo.png",
            {"logo.png": drawn((8000, 5001), "white", "PNG", mode="1")},
            "F:5:7: error: logo: image `logo.png` is 8000×5001 pixels, more than the 40 million "
            "an image may have; refused (scale it down: a full A4 page at 300 dpi is 2480×3508)",
        ),
        (
            "logo.png",
            {"logo.png": b"not a picture"},
            "F:5:7: error: logo: image `logo.png` is not a readable PNG file",
        ),
    ],
)
def test_a_logo_is_checked_as_an_image_block_is(
    tmp_path: Path, logo: str, files: dict[str, bytes], message: str
) -> None:
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(content)
    text = REPORT.replace("logo: images/network.png", f"logo: {logo}")
    text = text.replace("    logo: images/culture.jpg\n", "")
    issues = load_issues(tmp_path, text)
    assert issues == [message]


def test_a_bodys_logo_is_located_in_its_own_file(tmp_path: Path) -> None:
    (tmp_path / "culture.yaml").write_text(
        "name: Culture\nkind: commission\nlogo: culture.png\nintroduction: Culture.\n", "utf-8"
    )
    text = "year: 2012\nlanguage: en\ntitle: T\nbodies:\n  - include: culture.yaml\n"
    issues = load_issues(tmp_path, text)
    assert [re.sub(r"^\S+culture", "culture", issue) for issue in issues] == [
        "culture.yaml:3:7: error: bodies[0].logo: no such file `culture.png` in the report's folder"
    ]


def test_importing_the_word_file_gives_back_both_logos(
    built: dict[str, Path], tmp_path: Path
) -> None:
    source = tmp_path / "report.docx"
    source.write_bytes(built["docx"].read_bytes())
    report, _, _ = imported(source)
    folder = built["docx"].parent.parent / "images"
    assert report.logo is not None and report.bodies[0].logo is not None
    assert (tmp_path / report.logo).read_bytes() == (folder / "network.png").read_bytes()
    assert Image.open(tmp_path / report.bodies[0].logo).size == (120, 90)
    assert report.bodies[1].logo is None
    blocks = [block for body in report.bodies for block in body.introduction]
    assert all(block.type == "paragraph" for block in blocks)  # no logo became an image block
