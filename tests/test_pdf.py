"""The PDF read back as a reader, an archive and an assistive technology would see it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyphen
import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import BooleanObject, Destination

import reportgen
from reportgen.errors import ReportError, ReportWarning
from reportgen.render.options import RenderOptions

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1356998400"  # 2013-01-01T00:00:00Z
TRUE = BooleanObject(True)

# Every letter and sign French, English and Spanish text uses, to catch any font fallback.
GLYPHS = (
    "àâäæçéèêëîïôöœùûüÿ ÀÂÄÆÇÉÈÊËÎÏÔÖŒÙÛÜŸ áíñóúü ÁÍÑÓÚÜ ¿¡ «\u202fGuillemets\u202f» "
    "“quotes” ‘single’ l’apostrophe – — … € £ ° № ½ 1ᵉʳ 2ª 3º"
)

MULTI_BODY = f"""\
year: 2013
language: en
title: Activity report of the committees and working groups
organisation: United Cities and Local Governments
bodies:
  - name: Committee on Digital and Knowledge-Based Cities
    kind: commission
    introduction: The committee kept working on a network of local authorities.
    activities:
      - title: Meetings
        blocks:
          - type: paragraph
            text: "{GLYPHS}"
  - name: Working Group on Capacity and Institution Building
    kind: working-group
    introduction: The working group met twice and published **two guides**.
    upcoming:
      - {{date: 2014-03-05, title: Annual meeting, place: Rabat}}
  - name: Committee on Culture
    kind: committee
    introduction: The committee promoted culture as the fourth pillar of development.
"""

SPANISH = """\
year: 2014
language: es
title: Informe de actividades de las comisiones y grupos de trabajo
bodies:
  - name: Comisión de Ciudades Digitales y del Conocimiento
    kind: commission
    introduction: La Comisión siguió trabajando en 2014 para crear una red eficaz.
"""


def pdf_pages_text(path: Path) -> list[str]:
    """The text of each page as pdftotext reads it."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(name, embedded) for every font that pdffonts lists."""
    lines = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in lines]


def outline_titles(reader: PdfReader) -> list[str]:
    def walk(items: list[Any]) -> list[str]:
        titles: list[str] = []
        for item in items:
            titles += walk(item) if isinstance(item, list) else [item.title]
        return titles

    return walk(reader.outline)


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._depth += 1
            self.headings.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.headings[-1] += data


def html_headings(path: Path) -> list[str]:
    parser = _Headings()
    parser.feed(path.read_text(encoding="utf-8"))
    return [" ".join(heading.split()) for heading in parser.headings]


def build_pdf(source: Path, out: Path, **options: Any) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        (path,) = reportgen.build([source], out, ["pdf"], options=RenderOptions(**options))
    return path


@pytest.fixture(scope="module")
def pdf_2012(built_2012: dict[str, Path]) -> PdfReader:
    return PdfReader(built_2012["pdf"])


@pytest.fixture(scope="module")
def multi_body(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("multi")
    source = folder / "2013.yaml"
    source.write_text(MULTI_BODY, encoding="utf-8")
    return build_pdf(source, folder / "build")


@pytest.fixture(scope="module")
def spanish(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("es")
    source = folder / "2014.yaml"
    source.write_text(SPANISH, encoding="utf-8")
    return build_pdf(source, folder / "build")


# --- accessibility and metadata ---------------------------------------------------------


def test_tagged_with_language_and_title_in_the_title_bar(pdf_2012: PdfReader) -> None:
    catalog = pdf_2012.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] == TRUE
    assert catalog["/StructTreeRoot"]["/Type"] == "/StructTreeRoot"
    assert catalog["/Lang"] == "fr"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == TRUE
    assert pdf_2012.metadata is not None
    assert pdf_2012.metadata.title == (
        "Rapport d'activités des commissions et groupes de travail 2012"
    )


def test_pdf_ua_identification(pdf_2012: PdfReader) -> None:
    xmp = pdf_2012.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfuaid:part(="1"|>1<)', xmp)


def test_metadata_from_the_report_and_source_date_epoch(pdf_2012: PdfReader) -> None:
    info = pdf_2012.metadata
    assert info is not None
    assert info.author == "Cités et Gouvernements Locaux Unis (CGLU)"
    assert info.subject == "Commission des Villes Numériques et de la Connaissance"
    assert "Commission des Villes Numériques et de la Connaissance" in info["/Keywords"]
    assert info["/CreationDate"] == info["/ModDate"] == "D:20130101000000+00'00"


def test_outline_has_every_heading(pdf_2012: PdfReader, built_2012: dict[str, Path]) -> None:
    headings = html_headings(built_2012["html"])
    assert len(headings) >= 10
    assert [" ".join(title.split()) for title in outline_titles(pdf_2012)] == headings


def structure_elements(reader: PdfReader) -> list[Any]:
    """Every element of the PDF's structure tree, depth first."""
    found: list[Any] = []

    def walk(node: Any) -> None:
        node = node.get_object()
        if "/S" in node:
            found.append(node)
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid.get_object(), dict):
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_structure_has_one_heading_element_per_heading(
    pdf_2012: PdfReader, built_2012: dict[str, Path]
) -> None:
    tags = [element["/S"] for element in structure_elements(pdf_2012)]
    html = built_2012["html"].read_text(encoding="utf-8")
    for level in range(1, 5):
        assert tags.count(f"/H{level}") == html.count(f"<h{level}"), level


def test_images_are_figures_with_their_alt_text(every_block: Path) -> None:
    figures = [e for e in structure_elements(PdfReader(every_block)) if e["/S"] == "/Figure"]
    alts: list[str] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            alts.extend([node["alt"]] if node.get("type") == "image" else [])
            node = list(node.values())
        for child in node if isinstance(node, list) else []:
            collect(child)

    collect(yaml.safe_load((ROOT / "reports" / "example-en.yaml").read_text(encoding="utf-8")))
    assert alts
    cover, signature, culture = (
        "Example Network of Cities (invented)",
        "Ana Example",
        "Working Group on Culture",
    )
    assert [figure["/Alt"] for figure in figures] == [cover, signature, *alts, culture]


def test_links_are_live(pdf_2012: PdfReader) -> None:
    uris = [
        annotation.get_object()["/A"]["/URI"]
        for page in pdf_2012.pages
        for annotation in page.get("/Annots", [])
    ]
    assert "http://www.cities-localgovernments.org/committees/cdc/" in uris


# --- pages -------------------------------------------------------------------------------


def test_cover_carries_title_year_and_body_without_furniture(built_2012: dict[str, Path]) -> None:
    cover = " ".join(pdf_pages_text(built_2012["pdf"])[0].split())
    assert "Rapport d'activités des commissions et groupes de travail" in cover
    assert "2012" in cover
    assert "Commission des Villes Numériques et de la Connaissance" in cover
    assert "Page" not in cover


def test_body_text_is_hyphenated_in_french(built_2012: dict[str, Path]) -> None:
    pages = pdf_pages_text(built_2012["pdf"])
    breaks = re.findall(r"(\w+)\u2010\n(\w+)", "".join(pages[1:]))
    assert len(breaks) >= 3
    french = pyphen.Pyphen(lang="fr")
    for start, end in breaks:
        assert len(start) in french.positions(start + end), f"{start}-{end}"
    assert "\u2010" not in pages[0]


@pytest.mark.parametrize(
    ("fixture", "pattern"),
    [
        ("built_2012", "Page {page} sur {pages}"),
        ("multi_body", "Page {page} of {pages}"),
        ("spanish", "Página {page} de {pages}"),
    ],
)
def test_page_x_of_y_on_every_page_after_the_cover(
    fixture: str, pattern: str, request: pytest.FixtureRequest
) -> None:
    value = request.getfixturevalue(fixture)
    path = value["pdf"] if isinstance(value, dict) else value
    pages = pdf_pages_text(path)
    assert len(pages) >= 2
    for number, text in enumerate(pages[1:], start=2):
        assert pattern.format(page=number, pages=len(pages)) in text


def page_top_text(path: Path, page: int) -> str:
    """The text in the top margin of a page (1-based): the running header."""
    return subprocess.run(
        [
            *("pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page)),
            *("-x", "0", "-y", "0", "-W", "595", "-H", "70", str(path), "-"),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def test_running_header_names_the_report_and_the_current_body(
    built_2012: dict[str, Path], multi_body: Path
) -> None:
    pages = len(pdf_pages_text(built_2012["pdf"]))
    assert page_top_text(built_2012["pdf"], 1).strip() == ""
    for page in range(2, pages + 1):
        header = " ".join(page_top_text(built_2012["pdf"], page).split())
        assert "Rapport d'activités des commissions et groupes de travail 2012" in header
        assert "Commission des Villes Numériques et de la Connaissance" in header
    reader = PdfReader(multi_body)
    bodies = [
        item for item in _flat(reader.outline) if item.title.startswith(("Committee ", "Working "))
    ]
    assert len(bodies) == 3
    for body in bodies:
        page = reader.get_destination_page_number(body) + 1
        assert body.title in " ".join(page_top_text(multi_body, page).split())


def _flat(items: list[Any]) -> list[Destination]:
    flat: list[Destination] = []
    for item in items:
        flat += _flat(item) if isinstance(item, list) else [item]
    return flat


def test_contents_give_each_body_its_page(multi_body: Path) -> None:
    reader = PdfReader(multi_body)
    contents = pdf_pages_text(multi_body)[1]
    assert "Contents" in contents
    for item in _flat(reader.outline):
        if item.title.startswith(("Committee ", "Working Group ")):
            page = reader.get_destination_page_number(item) + 1
            assert re.search(rf"{re.escape(item.title)}[ .]*\.\s*{page}\b", contents), item.title


# --- fonts -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def every_block(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example report that holds every kind of content block, images included."""
    return build_pdf(ROOT / "reports" / "example-en.yaml", tmp_path_factory.mktemp("example"))


@pytest.mark.parametrize("fixture", ["built_2012", "multi_body", "spanish", "every_block"])
def test_every_font_is_the_themes_and_embedded(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    value = request.getfixturevalue(fixture)
    fonts = pdf_fonts(value["pdf"] if isinstance(value, dict) else value)
    assert fonts
    for name, embedded in fonts:
        assert re.fullmatch(r"[A-Z]{6}\+Reportgen-(Serif|Sans)(-Bold)?(-Italic)?", name), name
        assert embedded == "yes", name


def test_the_glyph_sample_is_drawn_as_text(multi_body: Path) -> None:
    text = " ".join(" ".join(pdf_pages_text(multi_body)).split())
    for word in GLYPHS.replace("\u202f", " ").split():
        assert word in text


# --- structure, attachment, variants ------------------------------------------------------


def test_qpdf_finds_nothing_wrong(built_2012: dict[str, Path], multi_body: Path) -> None:
    for path in (built_2012["pdf"], multi_body):
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors found" in result.stdout


def test_source_yaml_is_attached(pdf_2012: PdfReader) -> None:
    source = (ROOT / "reports" / "2012.yaml").read_bytes()
    assert pdf_2012.attachments == {"2012.yaml": [source]}


def test_included_body_files_are_attached_with_the_report(every_block: Path) -> None:
    reports = ROOT / "reports"
    included = re.findall(r"^\s*- include: (\S+)$", (reports / "example-en.yaml").read_text(), re.M)
    assert included
    expected = {name: [(reports / name).read_bytes()] for name in ["example-en.yaml", *included]}
    assert PdfReader(every_block).attachments == expected


def test_pdf_a3_with_the_source_as_associated_file(tmp_path: Path) -> None:
    source = tmp_path / "2014.yaml"
    source.write_text(SPANISH, encoding="utf-8")
    reader = PdfReader(build_pdf(source, tmp_path, pdf_variant="pdf/a-3b"))
    catalog = reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:part(="3"|>3<)', xmp)
    assert re.search(r'pdfaid:conformance(="B"|>B<)', xmp)
    (associated,) = catalog["/AF"]
    assert associated.get_object()["/AFRelationship"] == "/Source"
    assert associated.get_object()["/EF"]["/F"].get_object().get_data() == SPANISH.encode()
    assert reader.attachments == {"2014.yaml": [SPANISH.encode()]}
    assert catalog["/MarkInfo"]["/Marked"] == TRUE
    assert catalog["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"


def test_no_attachment_on_request(tmp_path: Path) -> None:
    source = tmp_path / "2014.yaml"
    source.write_text(SPANISH, encoding="utf-8")
    reader = PdfReader(build_pdf(source, tmp_path, attach_source=False))
    assert reader.attachments == {}


# --- reproducibility ------------------------------------------------------------------------

BUILD_IN_A_PROCESS = """
import sys
import weasyprint.pdf.fonts
if sys.argv[2] == "fonttools":
    weasyprint.pdf.fonts.harfbuzz_subset = None
import reportgen
reportgen.build(["reports/2012.yaml"], sys.argv[1], ["pdf"])
"""


@pytest.mark.parametrize("subsetter", ["harfbuzz", "fonttools"])
def test_two_builds_in_separate_processes_are_identical(subsetter: str, tmp_path: Path) -> None:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "random"}
    outputs = []
    for run in ("first", "second"):
        subprocess.run(
            [
                sys.executable,
                "-W",
                "ignore",
                "-c",
                BUILD_IN_A_PROCESS,
                str(tmp_path / run),
                subsetter,
            ],
            check=True,
            cwd=ROOT,
            env=environment,
        )
        outputs.append((tmp_path / run / "2012.pdf").read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith(b"%PDF-1.7")


# --- safe resource loading and warnings ------------------------------------------------------


def run_cli(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    command = [Path(sys.executable).parent / "reportgen", *arguments]
    return subprocess.run([str(part) for part in command], capture_output=True, text=True)


def _theme(folder: Path, print_css: str) -> Path:
    theme = folder / "theme"
    theme.mkdir()
    (theme / "print.css").write_text(print_css, encoding="utf-8")
    return theme


def _report(folder: Path) -> Path:
    (folder / "report").mkdir()
    source = folder / "report" / "2014.yaml"
    source.write_text(SPANISH, encoding="utf-8")
    return source


@pytest.mark.parametrize(
    ("css", "where", "reason"),
    [
        ('@import url("file:///etc/passwd");\n', "print.css:1:14", "outside the theme"),
        (
            "body {\n  background: url(https://example.com/x.png);\n}\n",
            "print.css:2:19",
            "only files",
        ),
        ('@import "escape.css";\n', "print.css:1:10", "outside the theme"),
        ('@import url("file://remote.example/x.css");\n', "print.css:1:14", "only files"),
    ],
)
def test_a_refused_resource_is_a_located_error(
    css: str, where: str, reason: str, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.css"
    outside.write_text("body { color: red; }", encoding="utf-8")
    theme = _theme(tmp_path, css)
    (theme / "escape.css").symlink_to(outside)
    out = tmp_path / "build"
    with pytest.raises(ReportError) as raised:
        reportgen.build([_report(tmp_path)], out, ["pdf"], theme_dir=theme)
    (issue,) = raised.value.issues
    assert str(issue).startswith(f"{theme}/{where}: error: resource ")
    assert reason in issue.message
    assert not out.exists()


def test_the_cli_reports_a_refused_resource_and_writes_nothing(tmp_path: Path) -> None:
    theme = _theme(tmp_path, 'h1 { background: url("../x.png"); }\n')
    source = _report(tmp_path)
    (tmp_path / "x.png").write_bytes(b"")
    result = run_cli("build", source, "-f", "pdf", "-o", tmp_path / "b", "--theme", theme)
    assert result.returncode == 1
    assert f"{theme}/print.css:1:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "b").exists()


def test_weasyprint_warnings_reach_the_user(tmp_path: Path) -> None:
    theme = _theme(tmp_path, "h1 { colour: red; }\n")
    source = _report(tmp_path)
    with pytest.warns(ReportWarning, match="colour"):
        reportgen.build([source], tmp_path / "b", ["pdf"], theme_dir=theme)
    result = run_cli("build", source, "-f", "pdf", "-o", tmp_path / "c", "--theme", theme)
    assert result.returncode == 0
    assert f"{theme}/print.css:1:6: warning: Ignored `colour: red` at 1:6" in result.stderr


def test_a_refused_image_in_a_theme_template_is_located_there(tmp_path: Path) -> None:
    theme = _theme(tmp_path, "")
    (theme / "blocks").mkdir()
    (theme / "blocks" / "paragraph.html.j2").write_text(
        '{% from "blocks/_macros.html.j2" import rich %}\n'
        '<p><img src="/etc/passwd" alt="">{{ rich(block.spans) }}</p>\n',
        encoding="utf-8",
    )
    with pytest.raises(ReportError) as raised:
        reportgen.build([_report(tmp_path)], tmp_path / "b", ["pdf"], theme_dir=theme)
    assert [str(issue) for issue in raised.value.issues] == [
        f"{theme}/blocks/paragraph.html.j2:2:14: error: resource file:///etc/passwd refused: "
        "outside the theme and report folders"
    ]


def test_print_stylesheet_and_fonts_stay_out_of_the_html(built_2012: dict[str, Path]) -> None:
    html = built_2012["html"].read_text(encoding="utf-8")
    assert "<link" not in html
    assert "@font-face" not in html
    assert "string-set" not in html


def test_cli_pdf_variant_and_no_attach_source(tmp_path: Path) -> None:
    source = _report(tmp_path)
    result = run_cli(
        "build",
        source,
        "-f",
        "pdf",
        "-o",
        tmp_path,
        "--pdf-variant",
        "pdf/a-3a",
        "--no-attach-source",
    )
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "2014.pdf")
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r'pdfaid:conformance(="A"|>A<)', xmp)
    assert reader.attachments == {}
    assert run_cli("build", source, "--pdf-variant", "pdf/x-4").returncode == 2
