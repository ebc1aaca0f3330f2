"""The Word output read back by python-docx, docx2python, pandoc and LibreOffice."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import docx
import lxml.etree
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from docx.shared import Inches, Mm
from docx2python import docx2python
from PIL import Image
from pypdf import PdfReader

import reportgen
from conftest import EPOCH, REFERENCE, REPORTS, ROOT
from readers import docx_markdown_pandoc, libreoffice, pdf_text, reference_sentences
from reportgen.errors import ReportError
from reportgen.model import Report
from reportgen.render import docx as word
from reportgen.render.options import RenderOptions
from reportgen.render.theme import Theme
from reportgen.view.context import build_context
from test_fidelity import folded

URL = "http://www.cities-localgovernments.org/committees/cdc/"
NEEDED_STYLES = [spec.name for spec in word.STYLES]
CLI = Path(sys.executable).with_name("reportgen")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def compendium(language: str = "fr") -> dict[str, Any]:
    """A two-body report with two numbered lists (the first nested), a nested bullet list,
    inline markup and a control character pasted into the text."""
    return {
        "year": 2013,
        "language": language,
        "title": "Rapport d'activités",
        "organisation": "Réseau & Cie",
        "bodies": [
            {
                "name": "Commission Alpha",
                "kind": "commission",
                "introduction": (
                    "Voir **le bilan** et *les annexes* [sur le site](https://example.org/alpha)"
                    " avant la réunion.\x0b Texte\x01 collé."
                ),
                "activities": [
                    {
                        "title": "Étapes",
                        "blocks": [
                            {
                                "type": "list",
                                "ordered": True,
                                "items": [
                                    {"text": "Un", "items": ["Sous-un", "Sous-deux"]},
                                    "Deux",
                                    {"text": "Trois", "items": ["Sous-trois"]},
                                ],
                            },
                            {"type": "paragraph", "text": "Entre les listes."},
                            {"type": "list", "ordered": True, "items": ["Premier", "Second"]},
                            {
                                "type": "list",
                                "items": [
                                    {
                                        "text": "Puce",
                                        "items": [{"text": "Puce 2", "items": ["Puce 3"]}],
                                    }
                                ],
                            },
                        ],
                    }
                ],
            },
            {"name": "Groupe Beta", "kind": "working-group", "introduction": "Le groupe."},
        ],
    }


def render(data: dict[str, Any], options: RenderOptions | None = None) -> bytes:
    context = build_context(Report.model_validate(data))
    return word.render(context, Theme.from_user_dir(), options or RenderOptions())


@pytest.fixture(scope="module")
def compendium_docx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("compendium") / "compendium.docx"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        path.write_bytes(render(compendium()))
    yield path


@pytest.fixture(scope="module")
def report(built_2012: dict[str, Path]) -> docx.document.Document:
    return docx.Document(str(built_2012["docx"]))


@pytest.fixture(scope="module")
def alpha(compendium_docx: Path) -> docx.document.Document:
    return docx.Document(str(compendium_docx))


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """reports/example-en.yaml, which holds every block type, as a .docx."""
    out = tmp_path_factory.mktemp("example")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        (path,) = reportgen.build([REPORTS / "example-en.yaml"], out, formats=["docx"])
    return path


@pytest.fixture(scope="module")
def fonts_config(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose fontconfig can never find the theme's fonts, and a private HOME:
    LibreOffice there shows them only if it takes them from the .docx."""
    home = tmp_path_factory.mktemp("home")
    config = home / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        "<fontconfig><dir>/usr/share/fonts</dir><dir>/usr/local/share/fonts</dir>"
        f"<cachedir>{home / 'cache'}</cachedir><selectfont><rejectfont>"
        "<glob>*Reportgen*</glob>"
        '<pattern><patelt name="family"><string>Reportgen Serif</string></patelt></pattern>'
        '<pattern><patelt name="family"><string>Reportgen Sans</string></patelt></pattern>'
        "</rejectfont></selectfont></fontconfig>",
        encoding="utf-8",
    )
    environment = {**os.environ, "HOME": str(home), "FONTCONFIG_FILE": str(config)}
    listed = subprocess.run(
        ["fc-list", ":", "family"], env=environment, capture_output=True, text=True, check=True
    ).stdout
    assert listed and "Reportgen" not in listed
    return environment


@pytest.fixture(scope="module")
def libreoffice_pdfs(
    built_2012: dict[str, Path],
    compendium_docx: Path,
    example_docx: Path,
    fonts_config: dict[str, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Path]:
    """The documents converted to PDF by LibreOffice in one run, with a private profile and a
    fontconfig that lacks the theme's fonts."""
    out = tmp_path_factory.mktemp("libreoffice")
    sources = [built_2012["docx"], compendium_docx, example_docx]
    libreoffice(sources, "pdf", out, env=fonts_config)
    return {source.stem: out / f"{source.stem}.pdf" for source in sources}


def build_2012_docx(
    out: Path, *options: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`reportgen build reports/2012.yaml -f docx -o OUT`, in a process of its own."""
    command = [str(CLI), "build", str(REPORTS / "2012.yaml"), "-f", "docx", "-o", str(out)]
    return subprocess.run([*command, *options], capture_output=True, text=True, env=env)


def everything(path: Path) -> str:
    """Every XML part of a package, as one text."""
    with zipfile.ZipFile(path) as package:
        names = [name for name in package.namelist() if name.endswith((".xml", ".rels"))]
        return "\n".join(package.read(name).decode() for name in names)


def runs_text(path: Path) -> set[str]:
    """The wording of every run in any part of a package (page numbers left out)."""
    texts = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", everything(path))
    return {text.strip() for text in texts if re.search(r"[^\W\d_]", text)}


def xml(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(member).decode()


def numbering(paragraph: Any) -> tuple[int, int] | None:
    """(numId, ilvl) of a list paragraph, None for any other."""
    properties = paragraph._p.pPr
    found = properties.find(qn("w:numPr")) if properties is not None else None
    if found is None:
        return None
    return (
        int(found.find(qn("w:numId")).get(qn("w:val"))),
        int(found.find(qn("w:ilvl")).get(qn("w:val"))),
    )


# --- styles and page ---------------------------------------------------------------


def test_reference_has_every_named_style_and_no_content() -> None:
    reference = docx.Document(str(ROOT / "templates" / "reference.docx"))
    assert set(NEEDED_STYLES) <= {style.name for style in reference.styles}
    assert reference.styles["Hyperlink"].type == WD_STYLE_TYPE.CHARACTER
    assert reference.paragraphs == []


def test_reference_is_what_the_script_makes(tmp_path: Path) -> None:
    committed = (ROOT / "templates" / "reference.docx").read_bytes()
    script = ROOT / "scripts" / "make_reference_docx.py"
    target = tmp_path / "reference.docx"
    subprocess.run([sys.executable, str(script), str(target)], check=True)
    assert target.read_bytes() == committed


def test_report_paragraphs_use_named_styles(report: docx.document.Document) -> None:
    styles = {paragraph.style.name for paragraph in report.paragraphs}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"} <= styles
    assert {"Body Text", "List Bullet"} <= styles
    assert styles <= set(NEEDED_STYLES)


def test_a4_with_the_pdfs_margins(report: docx.document.Document) -> None:
    """Every section, the cover's too, on A4 with print.css's text area: 22 mm at the sides,
    24 mm below, 24 mm and the 4.5 mm under the running header's rule above."""
    margins = ("left_margin", "right_margin", "top_margin", "bottom_margin")
    for section in report.sections:
        assert [round(section.page_width.mm), round(section.page_height.mm)] == [210, 297]
        assert [round(getattr(section, margin).mm, 1) for margin in margins] == [22, 22, 28.5, 24]


def test_the_cover_has_the_pdfs_band_of_colour(report: docx.document.Document) -> None:
    """A picture behind the text at the page's top left edge, the page's height, in the
    cover's header only."""
    cover, *parts = report.sections
    (anchor,) = cover.header._element.iter(f"{WP}anchor")
    assert anchor.get("behindDoc") == "1"
    assert [
        anchor.find(f"{WP}{axis}").get("relativeFrom") for axis in ("positionH", "positionV")
    ] == ["page", "page"]
    assert int(anchor.find(f"{WP}extent").get("cy")) == Mm(297)
    assert not [a for part in parts for a in part.header._element.iter(f"{WP}anchor")]


# --- links and inline markup ---------------------------------------------------------


def test_link_is_an_external_relationship_with_hyperlink_style(
    report: docx.document.Document,
) -> None:
    links = [rel for rel in report.part.rels.values() if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK]
    assert [(rel.target_ref, rel.is_external) for rel in links] == [(URL, True)]
    (element,) = report.element.body.iter(qn("w:hyperlink"))
    assert element.get(qn("r:id")) == links[0].rId
    run_style = element.find(f"{W}r/{W}rPr/{W}rStyle").get(qn("w:val"))
    assert report.styles.get_by_id(run_style, WD_STYLE_TYPE.CHARACTER).name == "Hyperlink"


def test_docx2python_reads_the_link(built_2012: dict[str, Path]) -> None:
    with docx2python(built_2012["docx"]) as content:
        assert f'<a href="{URL}">{URL}</a>' in content.text


def test_bold_italic_and_link_keep_their_spaces(compendium_docx: Path) -> None:
    markdown = docx_markdown_pandoc(compendium_docx)
    assert (
        "Voir **le bilan** et *les annexes* [sur le site](https://example.org/alpha)"
        " avant la réunion. Texte collé." in markdown
    )


def test_control_characters_are_dropped(alpha: docx.document.Document) -> None:
    (paragraph,) = [p for p in alpha.paragraphs if p.text.startswith("Voir")]
    assert paragraph.text.endswith("avant la réunion. Texte collé.")


# --- lists ---------------------------------------------------------------------------


def test_numbered_lists_restart_and_bullets_are_bullets(
    alpha: docx.document.Document, compendium_docx: Path
) -> None:
    items = {p.text: (p.style.name, numbering(p)) for p in alpha.paragraphs if numbering(p)}
    first, second, bullet = items["Un"][1], items["Premier"][1], items["Puce"][1]
    assert items["Deux"] == items["Trois"] == ("List Number", first)
    assert items["Second"] == ("List Number", second)
    assert items["Puce"][0] == "List Bullet"
    assert first[1] == second[1] == bullet[1] == 0
    assert len({first[0], second[0], bullet[0]}) == 3
    definitions = docx.Document(str(compendium_docx)).part.numbering_part.element
    nums = {int(num.get(qn("w:numId"))): num for num in definitions.findall(qn("w:num"))}
    formats = {
        abstract.get(qn("w:abstractNumId")): abstract.find(f"{W}lvl/{W}numFmt").get(qn("w:val"))
        for abstract in definitions.findall(qn("w:abstractNum"))
    }
    for num_id, expected in ((first[0], "decimal"), (second[0], "decimal"), (bullet[0], "bullet")):
        abstract_id = nums[num_id].find(qn("w:abstractNumId")).get(qn("w:val"))
        assert formats[abstract_id] == expected
    for num_id in (first[0], second[0]):
        restart = nums[num_id].find(f"{W}lvlOverride/{W}startOverride")
        assert restart is not None and restart.get(qn("w:val")) == "1"


def test_nested_items_take_deeper_levels_and_styles(alpha: docx.document.Document) -> None:
    items = {p.text: (p.style.name, numbering(p)) for p in alpha.paragraphs if numbering(p)}
    numbered, bullets = items["Un"][1][0], items["Puce"][1][0]
    assert [items[text] for text in ("Sous-un", "Sous-deux", "Sous-trois")] == [
        ("List Number 2", (numbered, 1))
    ] * 3
    assert items["Puce 2"] == ("List Bullet 2", (bullets, 1))
    assert items["Puce 3"] == ("List Bullet 3", (bullets, 2))


def test_docx2python_sees_numbers_letters_and_bullets_by_depth(compendium_docx: Path) -> None:
    with docx2python(compendium_docx) as content:
        items = re.findall(r"^(\t*)(\w+\)|--)\t(.+)$", content.text, re.MULTILINE)
    assert [(len(depth), mark, text) for depth, mark, text in items] == [
        (0, "1)", "Un"),
        (1, "a)", "Sous-un"),
        (1, "b)", "Sous-deux"),
        (0, "2)", "Deux"),
        (0, "3)", "Trois"),
        (1, "a)", "Sous-trois"),
        (0, "1)", "Premier"),
        (0, "2)", "Second"),
        (0, "--", "Puce"),
        (1, "--", "Puce 2"),
        (2, "--", "Puce 3"),
    ]


def test_pandoc_sees_two_numbered_lists(compendium_docx: Path) -> None:
    markdown = docx_markdown_pandoc(compendium_docx)
    assert re.search(r"1\. +Un\s+.*2\. +Deux\s+3\. +Trois\s+.*Entre les listes\.", markdown, re.S)
    assert re.search(r"1\. +Premier\s+2\. +Second\s+[-*+] +Puce", markdown)


# --- header, footer, fields, table of contents --------------------------------------


@pytest.mark.parametrize(
    ("language", "footer"),
    [("fr", "Page 1 sur 1"), ("en", "Page 1 of 1"), ("es", "Página 1 de 1")],
)
def test_header_title_and_localised_page_x_of_y(language: str, footer: str, tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(render(compendium(language)))
    cover, contents, alpha, beta = docx.Document(str(path)).sections
    assert [p.text for p in cover.header.paragraphs] == [""]
    assert [p.text for p in cover.footer.paragraphs] == [""]
    assert [p.text for p in contents.header.paragraphs] == ["Rapport d'activités 2013"]
    assert [p.text for p in alpha.header.paragraphs] == [
        "Rapport d'activités 2013\tCommission Alpha"
    ]
    assert [p.text for p in beta.header.paragraphs] == ["Rapport d'activités 2013\tGroupe Beta"]
    assert [p.text for p in contents.footer.paragraphs] == [footer]
    assert alpha.footer.is_linked_to_previous and beta.footer.is_linked_to_previous
    with zipfile.ZipFile(path) as package:
        footers = [name for name in package.namelist() if name.startswith("word/footer")]
    (footer_name,) = [name for name in footers if "instrText" in xml(path, name)]
    footer_xml = xml(path, footer_name)
    codes = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", footer_xml)
    assert [code.strip() for code in codes] == ["PAGE", "NUMPAGES"]


def test_table_of_contents_for_several_bodies(compendium_docx: Path) -> None:
    body = xml(compendium_docx, "word/document.xml")
    field = ' TOC \\o "1-1" \\t "Attached Heading,2" \\h \\z \\u '
    assert re.search(rf"<w:instrText[^>]*>{re.escape(field)}</w:instrText>", body)
    settings = xml(compendium_docx, "word/settings.xml")
    assert '<w:updateFields w:val="true"/>' in settings
    assert settings.index("<w:updateFields") < settings.index("<w:compat>")  # schema order
    document = docx.Document(str(compendium_docx))
    entries = [p for p in document.paragraphs if p.style.name == "TOC 1"]
    assert [p.text for p in entries] == ["Commission Alpha", "Groupe Beta"]
    anchors = [p._p.find(qn("w:hyperlink")).get(qn("w:anchor")) for p in entries]
    chapters = {
        bookmark.get(qn("w:name")): p.text
        for p in document.paragraphs
        if p.style.name == "Heading 1"
        for bookmark in p._p.iter(qn("w:bookmarkStart"))
    }
    assert [chapters[anchor] for anchor in anchors] == ["Commission Alpha", "Groupe Beta"]


def test_no_table_of_contents_for_one_body(built_2012: dict[str, Path]) -> None:
    assert "TOC" not in xml(built_2012["docx"], "word/document.xml")
    assert "updateFields" not in xml(built_2012["docx"], "word/settings.xml")


# --- properties and language ---------------------------------------------------------


def test_core_properties_come_from_the_report(report: docx.document.Document) -> None:
    properties = report.core_properties
    assert properties.title == "Rapport d'activités des commissions et groupes de travail 2012"
    assert properties.subject == "Commission des Villes Numériques et de la Connaissance"
    assert properties.author == "Cités et Gouvernements Locaux Unis (CGLU)"
    assert "Commission des Villes Numériques et de la Connaissance" in properties.keywords
    assert properties.language == "fr"
    expected = datetime.fromtimestamp(int(EPOCH), UTC)
    assert properties.created == properties.modified == expected
    assert properties.comments == ""


def test_no_python_docx_leftovers(built_2012: dict[str, Path]) -> None:
    path = built_2012["docx"]
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
    assert not [name for name in names if "thumbnail" in name or name.startswith("customXml")]
    text = everything(path)
    for leftover in ("python-docx", "2013-12-23", "Microsoft Macintosh Word", "proofState"):
        assert leftover not in text
    assert "<Company>Cités et Gouvernements Locaux Unis (CGLU)</Company>" in xml(
        path, "docProps/app.xml"
    )


def test_language_is_french_for_spell_check(built_2012: dict[str, Path]) -> None:
    styles = xml(built_2012["docx"], "word/styles.xml")
    defaults = re.search(r"<w:rPrDefault>.*?</w:rPrDefault>", styles, re.DOTALL)
    assert defaults is not None and '<w:lang w:val="fr-FR"' in defaults.group()
    assert set(re.findall(r'<w:lang w:val="([^"]+)"', styles)) == {"fr-FR"}


# --- user reference documents -------------------------------------------------------


@pytest.fixture
def user_reference(tmp_path: Path) -> Path:
    """A Letter-sized reference with sample text, a list style removed and a header of its own."""
    document = docx.Document()
    document.add_paragraph("SAMPLE TEXT FROM THE REFERENCE", style="Heading 1")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "SAMPLE CELL"
    section = document.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.left_margin = Inches(1.25)
    section.header.paragraphs[0].text = "SAMPLE HEADER"
    section.different_first_page_header_footer = True
    section.first_page_footer.paragraphs[0].text = "COVER FOOTER OF THE HOUSE STYLE"
    document.styles["List Number 3"].delete()
    document.styles["Heading 2"].font.name = "Liberation Mono"
    # saved by Word in a French locale: lists in field codes are separated by semicolons
    document.settings.element.find(qn("w:listSeparator")).set(qn("w:val"), ";")
    path = tmp_path / "mine.docx"
    document.save(str(path))
    return path


def test_user_reference_styles_and_page_without_its_content(
    user_reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.docx"
    out.write_bytes(render(compendium(), RenderOptions(reference_docx=user_reference)))
    result = docx.Document(str(out))
    assert "SAMPLE" not in everything(out)
    assert result.tables == []
    cover, contents = result.sections[:2]
    assert [p.text for p in contents.header.paragraphs] == ["Rapport d'activités 2013"]
    assert not cover.different_first_page_header_footer  # no page of the report loses its header
    # its first-page header and footer decorate the cover, and only the cover
    assert [p.text for p in cover.footer.paragraphs] == ["COVER FOOTER OF THE HOUSE STYLE"]
    assert "COVER FOOTER" not in " ".join(p.text for p in contents.footer.paragraphs)
    assert {section.page_width for section in result.sections} == {Inches(8.5)}
    assert {section.left_margin for section in result.sections} == {Inches(1.25)}
    assert result.styles["Heading 2"].font.name == "Liberation Mono"
    assert set(NEEDED_STYLES) <= {style.name for style in result.styles}
    assert ' TOC \\o "1-1" \\t "Attached Heading;2" ' in xml(out, "word/document.xml")
    with zipfile.ZipFile(out) as package:  # a house style keeps its own fonts
        assert not [name for name in package.namelist() if name.endswith(".odttf")]
    text_width = Inches(8.5 - 1.25 - 1.25)
    header_tabs = result.styles["Header"].paragraph_format.tab_stops
    assert [stop.position for stop in header_tabs] == [text_width // 2, text_width]


def test_user_reference_from_the_theme_folder(user_reference: Path, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "reference.docx").write_bytes(user_reference.read_bytes())
    context = build_context(Report.model_validate(compendium()))
    out = tmp_path / "out.docx"
    out.write_bytes(word.render(context, Theme.from_user_dir(theme), RenderOptions()))
    assert docx.Document(str(out)).sections[0].page_width == Inches(8.5)


def test_pandoc_reference_loses_its_samples_and_gains_missing_styles(tmp_path: Path) -> None:
    """pandoc's own reference.docx: sample text, footnote, comment and link, no page setup."""
    reference = tmp_path / "pandoc-reference.docx"
    reference.write_bytes(
        subprocess.run(
            ["pandoc", "--print-default-data-file", "reference.docx"],
            check=True,
            capture_output=True,
        ).stdout
    )
    samples = runs_text(reference)
    assert {"Block Text.", "Footnote.", "Table caption."} <= samples
    out = tmp_path / "out.docx"
    out.write_bytes(render(compendium(), RenderOptions(reference_docx=reference)))
    assert samples & runs_text(out) == set()
    result = docx.Document(str(out))
    links = [rel.target_ref for rel in result.part.rels.values() if rel.is_external]
    assert links == ["https://example.org/alpha"]
    assert not [rel for rel in result.part.rels.values() if "comments" in rel.reltype]
    assert set(NEEDED_STYLES) <= {style.name for style in result.styles}
    assert round(result.sections[0].page_width.cm, 2) == 21
    assert "Voir **le bilan** et *les annexes*" in docx_markdown_pandoc(out)


def test_reference_docx_option_on_the_command_line(user_reference: Path, tmp_path: Path) -> None:
    result = build_2012_docx(tmp_path, "--reference-docx", str(user_reference))
    assert result.returncode == 0, result.stderr
    assert docx.Document(str(tmp_path / "2012.docx")).sections[0].page_width == Inches(8.5)


def test_style_of_the_wrong_type_is_a_clear_error(tmp_path: Path) -> None:
    document = docx.Document()
    document.styles.add_style("Hyperlink", WD_STYLE_TYPE.PARAGRAPH)
    path = tmp_path / "wrong.docx"
    document.save(str(path))
    with pytest.raises(ReportError) as caught:
        render(compendium(), RenderOptions(reference_docx=path))
    assert [str(issue) for issue in caught.value.issues] == [
        f"{path}: error: style `Hyperlink` is a paragraph style; "
        "reportgen needs a character style of that name"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "the reference .docx does not exist"), (b"not a zip", "not a Word .docx file")],
)
def test_unreadable_reference_is_a_located_error(
    content: bytes | None, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "broken.docx"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ReportError) as caught:
        render(compendium(), RenderOptions(reference_docx=path))
    (issue,) = caught.value.issues
    assert issue.file == str(path) and message in issue.message


# --- images ---------------------------------------------------------------------------


def png(dpi: tuple[float, float] | None, size: tuple[int, int] = (300, 200)) -> bytes:
    """A PNG whose pHYs chunk states `dpi` (Pillow writes it even for 0), or that has none."""
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG", **({"dpi": dpi} if dpi else {}))
    return buffer.getvalue()


def jpeg(density: int) -> bytes:
    """A JPEG whose JFIF header states `density` dots per inch. Pillow writes no density of 0,
    so its header is patched: units at byte 13, then the two densities."""
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "teal").save(buffer, "JPEG", dpi=(72, 72))
    data = bytearray(buffer.getvalue())
    assert data[6:11] == b"JFIF\0" and data[13] == 1
    data[14:18] = density.to_bytes(2, "big") * 2
    return bytes(data)


AT_96_DPI = Inches(300 / 96)


@pytest.mark.parametrize(
    ("image", "width"),
    [
        pytest.param(png(None), AT_96_DPI, id="png-without-phys"),
        pytest.param(png((0, 0)), AT_96_DPI, id="png-phys-0"),
        pytest.param(png((0.3, 0.3)), AT_96_DPI, id="png-rounds-to-0-dpi"),
        pytest.param(png((10**6, 10**6)), AT_96_DPI, id="png-absurd-dpi"),
        pytest.param(jpeg(0), AT_96_DPI, id="jpeg-jfif-density-0"),
        pytest.param(jpeg(65535), AT_96_DPI, id="jpeg-absurd-dpi"),
        pytest.param(png((150, 150)), AT_96_DPI, id="png-150-dpi"),
        pytest.param(png((96, 96), (3000, 2000)), None, id="png-wider-than-the-text"),
    ],
)
def test_images_are_sized_as_in_the_pdf_whatever_their_header_says(
    image: bytes, width: int | None, tmp_path: Path
) -> None:
    """Pixels at 96 to the inch, as WeasyPrint shows them, whatever DPI the header states (0
    made python-docx alone divide by zero), never wider than the text (`width` None); the
    aspect ratio is kept."""
    name = "picture.jpg" if image.startswith(b"\xff\xd8") else "picture.png"
    (tmp_path / name).write_bytes(image)
    source = tmp_path / "report.yaml"
    source.write_text(
        "year: 2013\nlanguage: en\ntitle: Report\nbodies:\n  - name: Alpha\n    kind: committee\n"
        f"    introduction:\n      - type: image\n        path: {name}\n        alt: A chart\n",
        encoding="utf-8",
    )
    (path,) = reportgen.build([source], tmp_path / "out", formats=["docx"])
    document = docx.Document(str(path))
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    (shape,) = document.inline_shapes
    width = text_width if width is None else width
    assert shape.width == width
    assert abs(shape.height - width * 2 / 3) <= 1


# --- reproducibility and LibreOffice --------------------------------------------------


def test_two_builds_in_separate_processes_are_identical(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": seed}
        assert build_2012_docx(out, env=environment).returncode == 0
        outputs.append((out / "2012.docx").read_bytes())
    assert outputs[0] == outputs[1]


def test_libreoffice_converts_all_the_text(libreoffice_pdfs: dict[str, Path]) -> None:
    pdf = libreoffice_pdfs["2012"]
    assert len(PdfReader(pdf).pages) > 0
    text = folded(pdf_text(pdf))  # without the running heads, wherever the pages break
    sentences = [folded(s).removesuffix(":") for s in reference_sentences(REFERENCE)]
    missing = [sentence for sentence in sentences if sentence not in text]
    assert missing == []


def test_libreoffice_computes_page_fields_and_restarts_numbering(
    libreoffice_pdfs: dict[str, Path],
) -> None:
    pdf = libreoffice_pdfs["compendium"]
    pages = len(PdfReader(pdf).pages)
    raw = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert f"Page 2 sur {pages}" in raw  # the cover has no footer
    numbers = re.findall(r"^\s*(\w)\.\s+((?:Sous-)?\w+)$", raw, re.MULTILINE)
    assert numbers == [
        ("1", "Un"),
        ("a", "Sous-un"),
        ("b", "Sous-deux"),
        ("2", "Deux"),
        ("3", "Trois"),
        ("a", "Sous-trois"),
        ("1", "Premier"),
        ("2", "Second"),
    ]


# --- the PDF's design, and a file that edits well ------------------------------------


def page_texts(pdf: Path, *, crop: bool) -> list[str]:
    """Each page's text, whitespace folded; with `crop`, without the running header and the
    footer (all but the text area, 28.5 mm to 273 mm from the top of an A4 page, that is
    from 72 pt to 776 pt, give or take a line's leading)."""
    pages = len(PdfReader(pdf).pages)
    area = ["-x", "0", "-y", "72", "-W", "700", "-H", "704"] if crop else []
    return [
        " ".join(
            subprocess.run(
                ["pdftotext", "-f", str(page), "-l", str(page), *area, str(pdf), "-"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
        )
        for page in range(1, pages + 1)
    ]


def test_libreoffice_shows_the_cover_alone_on_page_one(libreoffice_pdfs: dict[str, Path]) -> None:
    """Organisation, title, year and (for one body) its name: page 1 holds them and nothing
    else, no running header or footer either; the next page starts with the report."""
    organisation = "Cités et Gouvernements Locaux Unis (CGLU)"
    title = "Rapport d'activités des commissions et groupes de travail"
    body = "Commission des Villes Numériques et de la Connaissance"
    pages = page_texts(libreoffice_pdfs["2012"], crop=False)
    assert pages[0] == f"{organisation} {title} 2012 {body}"
    assert not any(page.startswith(organisation) for page in pages[1:])
    cover, contents = page_texts(libreoffice_pdfs["compendium"], crop=False)[:2]
    assert cover == "Réseau & Cie Rapport d'activités 2013"
    assert contents.startswith("Rapport d'activités 2013 Table des matières")


CULTURE_OPENS = "Working group of the Committee on Digital Cities Working Group on Culture"
"""The opening of the example's chapter of a working group attached to a committee."""


def test_libreoffice_starts_each_part_on_a_new_page(
    libreoffice_pdfs: dict[str, Path], built_2012: dict[str, Path]
) -> None:
    """The contents, then each body's chapter, each begin a page (read without the running
    header); the page count is close to the PDF's."""
    starts = [
        "Table des matières Commission Alpha Groupe Beta",
        "Commission Alpha",
        "Groupe de travail Groupe Beta",
    ]
    pages = page_texts(libreoffice_pdfs["compendium"], crop=True)
    found = [
        next(index for index, page in enumerate(pages) if page.startswith(start))
        for start in starts
    ]
    assert found == sorted(found) and found[0] == 1
    assert pages[found[0]] == starts[0]  # the contents page holds the contents alone
    example = page_texts(libreoffice_pdfs["example-en"], crop=True)
    for start in (
        "Contents",
        "Foreword",
        "Committee on Digital Cities",
        CULTURE_OPENS,
    ):
        assert any(page.startswith(start) for page in example), start
    word_pages = len(PdfReader(libreoffice_pdfs["2012"]).pages)
    pdf_pages = len(PdfReader(built_2012["pdf"]).pages)
    assert abs(word_pages - pdf_pages) <= 1


def test_libreoffice_computes_the_page_of_a_reference_to_a_chapter(
    libreoffice_pdfs: dict[str, Path],
) -> None:
    """The example's reference to the Working Group on Culture gives the page that chapter
    starts on as LibreOffice lays the document out (its PAGEREF field computed)."""
    pages = page_texts(libreoffice_pdfs["example-en"], crop=True)
    start = next(number for number, page in enumerate(pages, 1) if page.startswith(CULTURE_OPENS))
    text = " ".join(pages)
    assert f"with the Working Group on Culture, p. {start}." in text.replace("\u00a0", " ")


def test_each_part_is_a_section_with_its_own_running_header(
    example_docx: Path,
) -> None:
    document = docx.Document(str(example_docx))
    headers = [" ".join(p.text for p in s.header.paragraphs) for s in document.sections]
    title = "Activity Report 2011–2013 and Action Plan 2014"  # the example's cover_title
    assert headers == [
        "",
        title,
        f"{title}\tForeword",
        f"{title}\tCommittee on Digital Cities",
        f"{title}\tWorking Group on Culture",
        f"{title}\tAnnexes",
    ]
    assert {section.start_type for section in document.sections[1:]} == {WD_SECTION.NEW_PAGE}
    assert not any(section.different_first_page_header_footer for section in document.sections)


def test_libreoffice_uses_the_embedded_fonts(libreoffice_pdfs: dict[str, Path]) -> None:
    """Without the fonts on the machine (fontconfig refuses them), the text is still set in
    Reportgen Serif and the headings in Reportgen Sans, taken from the .docx."""
    for pdf in libreoffice_pdfs.values():
        listing = subprocess.run(
            ["pdffonts", str(pdf)], check=True, capture_output=True, text=True
        ).stdout
        fonts = {line.split()[0].split("+")[-1] for line in listing.splitlines()[2:]}
        assert {"ReportgenSerif-Regular", "ReportgenSerif-Bold", "ReportgenSans-Bold"} <= fonts
        assert {font for font in fonts if not font.startswith("Reportgen")} == set(), pdf.name


def deobfuscate(data: bytes, key: str) -> bytes:
    """ECMA-376 Part 1 §17.8.1: the key's bytes, last hex pair first, XORed over 32 bytes."""
    digits = re.sub(r"[{}-]", "", key)
    key_bytes = [int(digits[index : index + 2], 16) for index in range(30, -1, -2)]
    return bytes(byte ^ key_bytes[i % 16] for i, byte in enumerate(data[:32])) + data[32:]


def test_theme_fonts_are_embedded_as_word_embeds_them(compendium_docx: Path) -> None:
    fonts = ROOT / "templates" / "fonts"
    originals = {path.read_bytes(): path.name for path in fonts.glob("*.ttf")}
    table = lxml.etree.fromstring(xml(compendium_docx, "word/fontTable.xml").encode())
    rels = lxml.etree.fromstring(xml(compendium_docx, "word/_rels/fontTable.xml.rels").encode())
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    embedded = {}
    with zipfile.ZipFile(compendium_docx) as package:
        for font in table.iter(f"{W}font"):
            for face in font:
                if face.tag.startswith(f"{W}embed"):
                    data = package.read(f"word/{targets[face.get(R + 'id')]}")
                    assert data[:4] != b"\0\1\0\0"  # obfuscated as stored
                    plain = deobfuscate(data, face.get(f"{W}fontKey"))
                    embedded[(font.get(f"{W}name"), face.tag[len(W) :])] = originals[plain]
        types = package.read("[Content_Types].xml").decode()
    assert embedded == {
        (family, f"embed{face}"): f"{family.replace(' ', '')}-{face}.ttf"
        for family in ("Reportgen Sans", "Reportgen Serif")
        for face in ("Regular", "Bold", "Italic", "BoldItalic")
    }
    assert types.count("application/vnd.openxmlformats-officedocument.obfuscatedFont") == 8
    assert "<w:embedTrueTypeFonts/>" in xml(compendium_docx, "word/settings.xml")
    theme = xml(compendium_docx, "word/theme/theme1.xml")
    assert re.search(r'<a:majorFont>\s*<a:latin typeface="Reportgen Sans"', theme)
    assert re.search(r'<a:minorFont>\s*<a:latin typeface="Reportgen Serif"', theme)


def test_compatibility_mode_of_current_word(compendium_docx: Path) -> None:
    settings = lxml.etree.fromstring(xml(compendium_docx, "word/settings.xml").encode())
    modes = [
        setting.get(f"{W}val")
        for setting in settings.iter(f"{W}compatSetting")
        if setting.get(f"{W}name") == "compatibilityMode"
    ]
    assert modes == ["15"]
    order = [child.tag[len(W) :] for child in settings if child.tag.startswith(W)]
    expected = ["embedTrueTypeFonts", "defaultTabStop", "autoHyphenation", "updateFields", "compat"]
    assert [name for name in order if name in expected] == expected  # the schema's order


def test_list_styles_are_bound_to_the_lists_reportgen_writes(
    alpha: docx.document.Document,
) -> None:
    """List Bullet (2, 3) and List Number (2, 3) picked from the gallery give the bullets and
    numbers of reportgen's own lists: the same definitions, one level each."""
    definitions = alpha.part.numbering_part.element
    abstract_of = {
        num.get(qn("w:numId")): num.find(qn("w:abstractNumId")).get(qn("w:val"))
        for num in definitions.findall(qn("w:num"))
    }
    bound = {}
    for name in ("List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2"):
        properties = alpha.styles[name].element.find(f"{W}pPr/{W}numPr")
        bound[name] = (
            abstract_of[properties.find(qn("w:numId")).get(qn("w:val"))],
            int(properties.find(qn("w:ilvl")).get(qn("w:val"))),
        )
    assert [level for _, level in bound.values()] == [0, 1, 2, 0, 1]
    used = {}
    for paragraph in alpha.paragraphs:
        if numbering_of := numbering(paragraph):
            used[paragraph.style.name] = (abstract_of[str(numbering_of[0])], numbering_of[1])
    assert used == {name: bound[name] for name in used} and len(used) == 5


def test_headings_are_followed_by_body_text(report: docx.document.Document) -> None:
    for name in ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Title"):
        assert report.styles[name].next_paragraph_style.name == "Body Text", name


def test_tables_repeat_their_header_and_rows_do_not_split(example_docx: Path) -> None:
    document = docx.Document(str(example_docx))
    figures, table = document.tables
    assert table.style.name == "Report Table"
    rows = table._tbl.tr_lst
    assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    assert [row.trPr.find(qn("w:tblHeader")) is not None for row in rows] == [
        True,
        False,
        False,
        False,
    ]
    caption = table._tbl.getprevious()
    assert caption.style == document.styles["Caption"].style_id
    assert caption.find(f"{W}pPr/{W}keepNext") is not None
    header_row = table.style.element.find(f"{W}tblStylePr[@{W}type='firstRow']")
    assert header_row.find(f"{W}tcPr/{W}shd").get(f"{W}fill") == "E8EFF5"
    assert figures.style.name == "Key Figures"
    assert [[p.style.name for p in cell.paragraphs] for cell in figures.rows[0].cells] == [
        ["Figure Value", "Figure Label"]
    ] * 4
    assert figures.cell(0, 0).paragraphs[0].text == "4,500"


def test_officers_quotes_and_images_have_the_pdfs_styles(example_docx: Path) -> None:
    document = docx.Document(str(example_docx))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Officer"][:2] == [
        "President: Ana Example, Mayor of Exampleton",
        "Co-president: Ben Sample, Mayor of Sampleville",
    ]
    assert by_style["Quote"] == ["Cities learn fastest from one another."]
    assert by_style["Attribution"] == ["— Ana Example, President of the network (invented)"]
    assert "Member cities, 2010–2013 (invented figures)" in by_style["Caption"]
    assert by_style["Title"] == ["Activity Report 2011–2013 and Action Plan 2014"]
    assert "Cover Year" not in by_style  # the cover title says the years itself
    # the chart, after the signature (the culture body's logo is the other inline picture,
    # the cover's floats)
    _signature, picture, _logo = document.inline_shapes
    assert picture.width == Inches(480 / 96)  # its pixels at 96 to the inch, as in the PDF
    image_paragraph = picture._inline.getparent().getparent().getparent()
    assert image_paragraph.find(f"{W}pPr/{W}keepNext") is not None  # kept with its caption
    contacts = [p for p in document.paragraphs if p.text.startswith("Secretariat of the")]
    assert [p.paragraph_format.keep_together for p in contacts] == [True]  # never split
