"""Parity: every block type gives the same content, with the same structure, in the PDF,
the .docx and the HTML, in French, English and Spanish.

One report per language holds one block of each type; it is built once per language.
The HTML is parsed with lxml; the .docx is read by pandoc (converted to HTML, then
parsed the same way) and python-docx; the PDF by pdftotext (text) and pypdf (its
tagged structure: tables, lists, figures with their alt text).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import docx
import lxml.html
import pytest
import yaml
from pypdf import PdfReader

import reportgen
from conftest import EPOCH, REPORTS
from readers import html_text, normalise, pdf_text
from reportgen.model import BLOCK_TYPES

LANGUAGES = ("fr", "en", "es")
FORMATS = ("pdf", "docx", "html")
IMAGE = REPORTS / "images" / "members-chart.png"

# What each language's report says, and what a reader must then see. The expected
# texts are written out by hand: dates, numbers and country names in each language.
CONTENT: dict[str, dict[str, Any]] = {
    "fr": {
        "paragraph": "Le réseau a tenu sa réunion annuelle à Dakar.",
        "heading": "Réunions de l'année",
        "items": ["Ouverture", "Présentation de l'étude", "Clôture"],
        "subitems": ["Méthode", "Résultats"],
        "event": "Forum des maires",
        "event_line": "Forum des maires à Dakar, Sénégal (28 juin - 2 juillet 2013)",
        "event_text": "Les membres ont adopté le plan.",
        "publication": "Déclaration de Dakar",
        "publisher": "Réseau",
        "publication_line": "Déclaration: Déclaration de Dakar. Réseau, mars 2013",
        "figure": ("4 500", "élus formés"),
        "caption": "Services en ligne par région",
        "header": ["Région", "Villes", "Services"],
        "rows": [["Afrique", "9", "41"], ["Europe", "11", "87"]],
        "alt": "Diagramme en barres des villes membres, de 60 en 2010 à 200 en 2013",
        "image_caption": "Villes membres, 2010-2013",
        "quote": "Les villes apprennent le plus vite les unes des autres.",
        "attribution": "Ana Exemple, présidente",
        "link": "Le site du réseau",
        "contact": "Secrétariat du réseau",
        "chronology": ["Lancement", "Première enquête", "Publication"],
        "chronology_lines": [
            "mai 2011: Lancement",
            "10 février 2012: Première enquête",
            "mars 2013: Publication",
        ],
        "members": ["Espagne", "Bilbao", "France", "Bordeaux", "Sénégal", "Dakar"],
        "person": ("Ana Exemple", "Maire", "Ville d'Exemple"),
        "participant": "Ana Exemple, Maire, Ville d'Exemple (Sénégal)",
        "president": "Présidente",
        "kind": "Comité",
        "officers": "Bureau",
        "figures": "Chiffres clés",
        "upcoming": ("Assemblée générale", "Élection du bureau."),
        "upcoming_line": "Assemblée générale à Bilbao (mars 2014) — Élection du bureau.",
    },
    "en": {
        "paragraph": "The network held its annual meeting in Dakar.",
        "heading": "Meetings of the year",
        "items": ["Opening", "Presentation of the study", "Closing"],
        "subitems": ["Method", "Results"],
        "event": "Forum of mayors",
        "event_line": "Forum of mayors in Dakar, Senegal (June 28 - July 2, 2013)",
        "event_text": "The members adopted the plan.",
        "publication": "Dakar declaration",
        "publisher": "Network",
        "publication_line": "Declaration: Dakar declaration. Network, March 2013",
        "figure": ("4,500", "officials trained"),
        "caption": "Services online by region",
        "header": ["Region", "Cities", "Services"],
        "rows": [["Africa", "9", "41"], ["Europe", "11", "87"]],
        "alt": "Bar chart of member cities, from 60 in 2010 to 200 in 2013",
        "image_caption": "Member cities, 2010-2013",
        "quote": "Cities learn fastest from one another.",
        "attribution": "Ana Example, President",
        "link": "The network's site",
        "contact": "Secretariat of the network",
        "chronology": ["Launch", "First survey", "Publication"],
        "chronology_lines": [
            "May 2011: Launch",
            "February 10, 2012: First survey",
            "March 2013: Publication",
        ],
        "members": ["France", "Bordeaux", "Senegal", "Dakar", "Spain", "Bilbao"],
        "person": ("Ana Example", "Mayor", "Example City"),
        "participant": "Ana Example, Mayor, Example City (Senegal)",
        "president": "Chairwoman",
        "kind": "Committee",
        "officers": "Officers",
        "figures": "Key figures",
        "upcoming": ("General assembly", "Election of the officers."),
        "upcoming_line": "General assembly in Bilbao (March 2014) — Election of the officers.",
    },
    "es": {
        "paragraph": "La red celebró su reunión anual en Dakar.",
        "heading": "Reuniones del año",
        "items": ["Apertura", "Presentación del estudio", "Clausura"],
        "subitems": ["Método", "Resultados"],
        "event": "Foro de alcaldes",
        "event_line": "Foro de alcaldes en Dakar, Senegal (28 de junio - 2 de julio de 2013)",
        "event_text": "Los miembros adoptaron el plan.",
        "publication": "Declaración de Dakar",
        "publisher": "Red",
        "publication_line": "Declaración: Declaración de Dakar. Red, marzo de 2013",
        "figure": ("4.500", "cargos formados"),
        "caption": "Servicios en línea por región",
        "header": ["Región", "Ciudades", "Servicios"],
        "rows": [["África", "9", "41"], ["Europa", "11", "87"]],
        "alt": "Gráfico de barras de las ciudades miembro, de 60 en 2010 a 200 en 2013",
        "image_caption": "Ciudades miembro, 2010-2013",
        "quote": "Las ciudades aprenden más rápido unas de otras.",
        "attribution": "Ana Ejemplo, presidenta",
        "link": "El sitio de la red",
        "contact": "Secretaría de la red",
        "chronology": ["Lanzamiento", "Primera encuesta", "Publicación"],
        "chronology_lines": [
            "mayo de 2011: Lanzamiento",
            "10 de febrero de 2012: Primera encuesta",
            "marzo de 2013: Publicación",
        ],
        "members": ["España", "Bilbao", "Francia", "Bordeaux", "Senegal", "Dakar"],
        "person": ("Ana Ejemplo", "Alcaldesa", "Ciudad Ejemplo"),
        "participant": "Ana Ejemplo, Alcaldesa, Ciudad Ejemplo (Senegal)",
        "president": "Presidenta",
        "kind": "Comité",
        "officers": "Mesa directiva",
        "figures": "Cifras clave",
        "upcoming": ("Asamblea general", "Elección de la mesa."),
        "upcoming_line": "Asamblea general en Bilbao (marzo de 2014) — Elección de la mesa.",
    },
}
URL = "https://example.org/network"
EMAIL = "secretariat@example.org"


def report_data(language: str) -> dict[str, Any]:
    """A report of one body whose introduction holds one block of each type."""
    c = CONTENT[language]
    name, position, organisation = c["person"]
    blocks = [
        {"type": "paragraph", "text": c["paragraph"]},
        {"type": "heading", "text": c["heading"]},
        {
            "type": "list",
            "ordered": True,
            "items": [
                c["items"][0],
                {"text": c["items"][1], "items": c["subitems"]},
                c["items"][2],
            ],
        },
        {
            "type": "event",
            "title": c["event"],
            "date": "2013-06-28/2013-07-02",
            "place": "Dakar",
            "country": "SN",
            "text": c["event_text"],
        },
        {
            "type": "publication",
            "kind": "declaration",
            "title": c["publication"],
            "publisher": c["publisher"],
            "date": "2013-03",
            "url": URL,
        },
        {"type": "figures", "items": [{"value": "4500", "label": c["figure"][1]}]},
        {"type": "table", "caption": c["caption"], "header": c["header"], "rows": c["rows"]},
        {"type": "image", "path": "chart.png", "alt": c["alt"], "caption": c["image_caption"]},
        {"type": "quote", "text": c["quote"], "attribution": c["attribution"]},
        {"type": "link", "label": c["link"], "url": URL},
        {"type": "contact", "name": c["contact"], "email": EMAIL},
        {
            "type": "chronology",
            "entries": [
                {"date": "2013-03", "text": c["chronology"][2]},
                {"date": "2011-05", "text": c["chronology"][0]},
                {"date": "2012-02-10", "text": c["chronology"][1]},
            ],
        },
        {
            "type": "members",
            "members": [
                {"name": "Dakar", "country": "SN"},
                {"name": "Bilbao", "country": "ES"},
                {"name": "Bordeaux", "country": "FR"},
            ],
        },
        {
            "type": "participants",
            "people": [
                {"name": name, "position": position, "organisation": organisation, "country": "SN"}
            ],
        },
    ]
    assert [block["type"] for block in blocks] == list(BLOCK_TYPES)
    return {
        "year": 2013,
        "language": language,
        "title": "Parity",
        "labels": {"president": c["president"]},
        "bodies": [
            {
                "name": "Network",
                "kind": "committee",
                "officers": [{"role": "president", "name": "Ana"}],
                "introduction": blocks,
                "upcoming": [
                    {
                        "title": c["upcoming"][0],
                        "date": "2014-03",
                        "place": "Bilbao",
                        "text": c["upcoming"][1],
                    }
                ],
            }
        ],
    }


def flat(text: str) -> str:
    """Normalised text, thin spaces and dashes unified as readers differ on them."""
    return normalise(text.replace("\u2009", " ")).replace(" - ", " - ")


@dataclass
class Output:
    """One format of one language's report, with the readers that suit it."""

    language: str
    fmt: str
    path: Path

    @property
    def content(self) -> dict[str, Any]:
        return CONTENT[self.language]

    @cached_property
    def text(self) -> str:
        if self.fmt == "pdf":
            return flat(pdf_text(self.path))
        return flat(self.tree.xpath("//body")[0].text_content())

    @cached_property
    def tree(self) -> Any:
        """The HTML, or the .docx as pandoc reads it, converted to HTML."""
        if self.fmt == "html":
            return lxml.html.fromstring(self.path.read_bytes())
        assert self.fmt == "docx"
        converted = subprocess.run(
            ["pandoc", "--from=docx", "--to=html", str(self.path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return lxml.html.fromstring(f"<html><body>{converted}</body></html>")

    @cached_property
    def pdf(self) -> PdfReader:
        return PdfReader(self.path)

    @cached_property
    def structure(self) -> list[Element]:
        """Every element of the PDF's tag tree, in document order."""
        root = self.pdf.trailer["/Root"]["/StructTreeRoot"].get_object()
        return [element for kid in _kids(root) for element in _walk(kid)]

    def texts(self, xpath: str) -> list[str]:
        return [flat(element.text_content()) for element in self.tree.xpath(xpath)]


@dataclass
class Element:
    tag: str
    alt: str | None
    children: list[Element]

    def find(self, tag: str) -> list[Element]:
        return [element for element in self.descendants() if element.tag == tag]

    def descendants(self) -> list[Element]:
        """This element and every element under it, in document order."""
        return [self, *(element for child in self.children for element in child.descendants())]


def _kids(node: Any) -> list[Any]:
    kids = node.get("/K")
    return kids if isinstance(kids, list) else [] if kids is None else [kids]


def _walk(node: Any) -> list[Element]:
    node = node.get_object()
    if not isinstance(node, dict) or "/S" not in node:
        return []
    children = [element for kid in _kids(node) for element in _walk(kid)]
    element = Element(str(node["/S"]), node.get("/Alt"), children)
    return [element]


def tags(output: Output, tag: str) -> list[Element]:
    return [match for element in output.structure for match in element.find(tag)]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Each language's report, built once into the three formats."""
    folder = tmp_path_factory.mktemp("parity")
    (folder / "chart.png").write_bytes(IMAGE.read_bytes())
    sources = []
    for language in LANGUAGES:
        source = folder / f"parity-{language}.yaml"
        source.write_text(yaml.safe_dump(report_data(language), allow_unicode=True), "utf-8")
        sources.append(source)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        paths = reportgen.build(sources, folder / "out")
    built: dict[str, dict[str, Path]] = {language: {} for language in LANGUAGES}
    for path in paths:
        built[path.stem.removeprefix("parity-")][path.suffix.lstrip(".")] = path
    return built


@pytest.fixture(scope="module")
def outputs(builds: dict[str, dict[str, Path]]) -> dict[tuple[str, str], Output]:
    """Every language and format, read once, whatever the order the tests run in."""
    return {
        (language, fmt): Output(language, fmt, builds[language][fmt])
        for language in LANGUAGES
        for fmt in FORMATS
    }


@pytest.fixture(params=[(lang, fmt) for lang in LANGUAGES for fmt in FORMATS], ids="-".join)
def out(request: pytest.FixtureRequest, outputs: dict[tuple[str, str], Output]) -> Output:
    """One language and format."""
    return outputs[request.param]


def in_order(text: str, pieces: list[str]) -> bool:
    """Whether the pieces occur in the text one after the other."""
    position = 0
    for piece in pieces:
        position = text.find(flat(piece), position)
        if position < 0:
            return False
        position += len(flat(piece))
    return True


# --- one test per block type ------------------------------------------------------------


def test_paragraph(out: Output) -> None:
    paragraph = flat(out.content["paragraph"])
    if out.fmt == "pdf":
        assert paragraph in out.text
        assert tags(out, "/P")
    else:
        assert paragraph in out.texts("//p")


def test_list_is_numbered_and_nested(out: Output) -> None:
    items, subitems = out.content["items"], out.content["subitems"]
    if out.fmt == "pdf":
        assert in_order(out.text, [f"1. {items[0]}", f"2. {items[1]}", f"1. {subitems[0]}"])
        assert in_order(out.text, [f"2. {subitems[1]}", f"3. {items[2]}"])
        # WeasyPrint tags a nested list as a child of its parent list, as PDF/UA allows.
        assert any(child.tag == "/L" for lst in tags(out, "/L") for child in lst.children)
    else:
        xpath = f"//ol[li[starts-with(normalize-space(), '{items[0]}')]]"
        (outer,) = out.tree.xpath(xpath)
        # an entry's own text: in a <p> as pandoc writes it, or before the nested list
        assert [flat(li.xpath("string(p)") or li.text) for li in outer.xpath("li")] == items
        assert [flat(li.text_content()) for li in outer.xpath("li[2]/ol/li")] == subitems


def test_event(out: Output) -> None:
    assert flat(out.content["event_line"]) in out.text
    assert flat(out.content["event_text"]) in out.text
    if out.fmt != "pdf":
        assert flat(out.content["event"]) in out.texts("//strong")


def test_publication(out: Output) -> None:
    assert flat(out.content["publication_line"]) in out.text
    if out.fmt == "pdf":
        uris = [
            annotation.get_object()["/A"]["/URI"]
            for page in out.pdf.pages
            for annotation in page.get("/Annots", [])
        ]
        assert URL in uris
    else:
        assert flat(out.content["publication"]) in out.texts("//em")
        assert URL in out.tree.xpath("//a/@href")


def test_key_figures_are_a_list(out: Output) -> None:
    value, label = out.content["figure"]
    line = flat(f"{value} {label}")
    assert line in out.text
    if out.fmt == "pdf":
        # the figures are the last list before the table, and a list of one entry
        elements = [element for root in out.structure for element in root.descendants()]
        before_table = elements[: [element.tag for element in elements].index("/Table")]
        figures = [element for element in before_table if element.tag == "/L"][-1]
        assert [child.tag for child in figures.children] == ["/LI"]
    elif out.fmt == "docx":  # side by side as in the PDF: a cell each, the value above its label
        assert line in out.texts("//td")
    else:
        assert line in out.texts("//ul/li")
        assert flat(value) in out.texts("//ul/li//strong | //ul/li/span[@class='figure-value']")


def test_table(out: Output) -> None:
    header, rows = out.content["header"], out.content["rows"]
    assert flat(out.content["caption"]) in out.text
    if out.fmt == "pdf":
        (table,) = tags(out, "/Table")
        assert len(table.find("/TH")) == len(header)
        assert len(table.find("/TD")) == len(header) * len(rows)
        assert [len(row.find("/TD")) for row in table.find("/TR")[1:]] == [len(header)] * len(rows)
        layout = subprocess.run(
            ["pdftotext", "-layout", str(out.path), "-"], check=True, capture_output=True, text=True
        ).stdout
        for row in rows:
            assert re.search(r"\s+".join(map(re.escape, row)), layout)
    else:
        (table,) = out.tree.xpath("//table[.//th]")  # in Word the key figures are one too
        assert [flat(th.text_content()) for th in table.xpath(".//th")] == header
        body = [
            [flat(td.text_content()) for td in tr.xpath("td")] for tr in table.xpath(".//tr[td]")
        ]
        assert body == rows


def test_image_has_its_alt_text(out: Output) -> None:
    alt = out.content["alt"]
    assert flat(out.content["image_caption"]) in out.text
    if out.fmt == "pdf":
        assert [figure.alt for figure in tags(out, "/Figure")] == [alt]
        assert len({image.name for page in out.pdf.pages for image in page.images}) == 1
    else:
        assert out.tree.xpath("//img/@alt") == [alt]
    if out.fmt == "html":
        (source,) = out.tree.xpath("//img/@src")
        assert source.startswith("data:image/png;base64,")  # the page stays self-contained
    if out.fmt == "docx":
        document = docx.Document(str(out.path))
        (shape,) = document.inline_shapes
        assert shape._inline.docPr.get("descr") == alt


def test_quote(out: Output) -> None:
    quote, attribution = flat(out.content["quote"]), flat(out.content["attribution"])
    assert in_order(out.text, [quote, f"— {attribution}"])
    if out.fmt == "pdf":
        assert tags(out, "/BlockQuote")
    else:
        assert any(quote in text for text in out.texts("//blockquote"))


def test_link(out: Output) -> None:
    assert f"{flat(out.content['link'])} {URL}" in out.text
    if out.fmt != "pdf":
        assert URL in out.tree.xpath("//a/@href")


def test_contact(out: Output) -> None:
    assert in_order(out.text, [out.content["contact"], EMAIL])
    if out.fmt == "pdf":
        uris = [
            annotation.get_object()["/A"]["/URI"]
            for page in out.pdf.pages
            for annotation in page.get("/Annots", [])
        ]
        assert f"mailto:{EMAIL}" in uris
    else:
        assert f"mailto:{EMAIL}" in out.tree.xpath("//a/@href")


def test_chronology_is_sorted_and_grouped(out: Output) -> None:
    lines = out.content["chronology_lines"]
    assert in_order(out.text, ["2011", lines[0], "2012", lines[1], "2013", lines[2]])
    if out.fmt != "pdf":
        assert [line for line in lines if line not in out.texts("//li")] == []


def test_members_by_country(out: Output) -> None:
    """Countries in the report's language, in its alphabetical order, each with its cities."""
    assert in_order(out.text, out.content["members"])


def test_group_titles_are_headings_one_below_their_section(out: Output) -> None:
    """A sub-heading, the key figures' heading, a chronology's years and the members'
    countries are headings one level below the section that holds them (here the body's
    introduction), and bookmarks in the PDF."""
    expected = [
        out.content["heading"],
        out.content["figures"],
        "2011",
        "2012",
        "2013",
        *out.content["members"][::2],
    ]
    if out.fmt == "pdf":
        (body,) = outline_tree(out.pdf.outline)[0].children
        introduction = body.children[1]  # after the officers
        assert [(node.title, node.children) for node in introduction.children] == [
            (title, []) for title in expected
        ]
        assert len(tags(out, "/H3")) == 3  # the officers, the introduction, the upcoming events
        assert len(tags(out, "/H4")) == len(expected)
        return
    headings = [
        (int(element.tag[1]), flat(element.text_content()))
        for element in out.tree.xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")
    ]
    start = [text for _, text in headings].index(expected[0])
    found = headings[start : start + len(expected)]
    assert [text for _, text in found] == expected
    assert {level for level, _ in found} == {headings[start - 1][0] + 1}


@dataclass
class Node:
    title: str
    children: list[Node]


def outline_tree(items: list[Any]) -> list[Node]:
    """pypdf's outline (an entry, then a list of its children) as a tree."""
    nodes: list[Node] = []
    for item in items:
        if isinstance(item, list):
            nodes[-1].children = outline_tree(item)
        else:
            nodes.append(Node(flat(item.title), []))
    return nodes


def test_participants(out: Output) -> None:
    participant = flat(out.content["participant"])
    assert participant in out.text
    if out.fmt != "pdf":
        assert participant in out.texts("//li")


def test_upcoming_events_keep_their_description(out: Output) -> None:
    line = flat(out.content["upcoming_line"])
    assert line in out.text
    if out.fmt != "pdf":
        assert line in out.texts("//li")


def test_body_kind_is_shown_above_its_name(out: Output) -> None:
    kind = out.content["kind"]
    officers = out.content["officers"]
    assert f"{kind} Network {officers} {out.content['president']}: Ana" in out.text
    if out.fmt == "pdf":
        first = tags(out, "/Art")[0]  # the body's article, split at each page
        assert [child.tag for child in first.children][:2] == ["/P", "/H2"]
    else:
        (heading,) = out.tree.xpath("//*[self::h1 or self::h2][normalize-space() = 'Network']")
        assert heading.getprevious().tag == "p"
        assert flat(heading.getprevious().text_content()) == kind


def test_body_kind_is_left_out_when_the_name_says_it(built_2012: dict[str, Path]) -> None:
    """`Commission des Villes Numériques...` is not headed `Commission` as well."""
    assert (
        lxml.html.fromstring(built_2012["html"].read_bytes()).xpath("//p[@class='body-kind']") == []
    )
    document = docx.Document(str(built_2012["docx"]))
    assert [p.text for p in document.paragraphs if p.style.name == "Body Kind"] == []


def test_labels_are_overridden_per_report(out: Output) -> None:
    assert f"{out.content['president']}: Ana" in out.text


def test_the_reports_language_is_set(out: Output) -> None:
    if out.fmt == "pdf":
        assert out.pdf.trailer["/Root"]["/Lang"] == out.language
    elif out.fmt == "html":
        assert out.tree.get("lang") == out.language
    else:
        assert docx.Document(str(out.path)).core_properties.language == out.language


def test_html_text_reader_agrees(builds: dict[str, dict[str, Path]]) -> None:
    """The shared plain-text reader sees the same words as lxml in the HTML."""
    assert flat(CONTENT["fr"]["paragraph"]) in flat(html_text(builds["fr"]["html"]))
