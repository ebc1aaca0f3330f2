"""`reportgen import`: Word files written by pandoc, by LibreOffice and by reportgen itself,
and Markdown, become report files that validate and build; bad input is refused in words."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image as PillowImage

import reportgen
from conftest import REPORTS
from readers import docx_text_pandoc, libreoffice
from reportgen.importing.dates import AmbiguousDate, leading_date, trailing_date
from reportgen.importing.inline import to_markup
from reportgen.importing.yamltext import dump
from reportgen.model import Body, BulletList, Image, ListItem, Paragraph, Table
from reportgen.model.markup import Span, parse

CLI = Path(sys.executable).with_name("reportgen")


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CLI), *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def imported(document: Path, *options: str) -> tuple[reportgen.Report, Path, str]:
    """Import `document`, check that the result validates and builds; the report, the YAML
    file and what the command printed on stderr."""
    target = document.with_suffix(".yaml")
    result = run("import", document, "-o", target, *options)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    checked = run("validate", target)
    assert checked.returncode == 0, checked.stderr
    built = run("build", target, "-o", document.parent / "out", "-f", "docx,html")
    assert built.returncode == 0, built.stderr
    return reportgen.load(target), target, result.stderr


def png(width: int = 30, height: int = 20, colour: str = "green") -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def blocks_of(body: Body, theme: int) -> list[object]:
    return list(body.activities[theme].blocks)


# --- reportgen's own Word file ---------------------------------------------------------


def words(path: Path) -> list[str]:
    return docx_text_pandoc(path).split()


def test_round_trip_of_the_2012_docx_keeps_every_word(
    built_2012: dict[str, Path], tmp_path: Path
) -> None:
    original = reportgen.load(REPORTS / "2012.yaml")
    source = tmp_path / "2012.docx"
    source.write_bytes(built_2012["docx"].read_bytes())
    report, target, _stderr = imported(source)
    rebuilt = run("build", target, "-o", tmp_path / "all")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert words(tmp_path / "all" / "2012.docx") == words(source)
    assert (report.year, report.title, report.organisation, report.language) == (
        original.year,
        original.title,
        original.organisation,
        original.language,
    )
    body, first = report.bodies[0], original.bodies[0]
    assert body.officers == first.officers
    assert [theme.title for theme in body.activities] == [t.title for t in first.activities]
    assert [theme.blocks for theme in body.activities] == [t.blocks for t in first.activities]
    assert [(event.date, event.date_text or "") for event in body.upcoming] == [
        (event.date, event.date_text or "1 février 2013") for event in first.upcoming
    ]
    assert body.links == first.links


# --- pandoc ---------------------------------------------------------------------------

MARKDOWN = """\
---
title: Annual report of the working groups 2013
---

# Working Group on Water

President: Jane Doe, Mayor of Lakeside

The group met **three times** and published *one study*, see [our site](https://water.example.org/).

## Meetings

- 5 December 2013: Annual meeting in Lakeside
- March 2013 - Workshop on pipes
    - Second day on leaks
- 2013-06-13: A visit
- A meeting without a date

1. First step
2. Second step

| City | Members |
|------|---------|
| Lakeside | 12 |
| Riverton | 7 |

![The lake at dawn](lake.png)

### Details

More text about [leaks](ftp://leaks.example.org/).

# Committee on Culture

## Publications

A paragraph about publications.
"""


def test_a_docx_written_by_pandoc(tmp_path: Path) -> None:
    (tmp_path / "source.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "lake.png").write_bytes(png())
    subprocess.run(
        ["pandoc", "source.md", "-o", "water.docx"], cwd=tmp_path, check=True, timeout=120
    )
    report, target, stderr = imported(tmp_path / "water.docx")
    assert (report.title, report.year, report.language) == (
        "Annual report of the working groups",
        2013,
        "en",
    )
    water, culture = report.bodies
    assert (water.name, water.kind, culture.name, culture.kind) == (
        "Working Group on Water",
        "working-group",
        "Committee on Culture",
        "committee",
    )
    assert [(o.role, o.name, o.title) for o in water.officers] == [
        ("president", "Jane Doe", "Mayor of Lakeside")
    ]
    assert water.introduction == [
        Paragraph(
            type="paragraph",
            text="The group met **three times** and published *one study*, see "
            "[our site](https://water.example.org/).",
        )
    ]
    assert water.activities[0].title == "Meetings"
    bullets, numbered, table, image, details, more = blocks_of(water, 0)
    assert isinstance(bullets, BulletList) and not bullets.ordered
    assert [(str(i.date) if i.date else None, i.date_text, i.text) for i in bullets.items] == [
        ("2013-12-05", "5 December 2013", "Annual meeting in Lakeside"),
        ("2013-03", "March 2013", "Workshop on pipes"),
        ("2013-06-13", None, "A visit"),
        (None, None, "A meeting without a date"),
    ]
    assert bullets.items[1].items == [ListItem(text="Second day on leaks")]
    assert isinstance(numbered, BulletList) and numbered.ordered
    assert [item.text for item in numbered.items] == ["First step", "Second step"]
    assert isinstance(table, Table)
    assert (table.header, table.rows) == (
        ["City", "Members"],
        [["Lakeside", "12"], ["Riverton", "7"]],
    )
    assert isinstance(image, Image) and image.alt == "The lake at dawn"
    assert (target.parent / image.path).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert details == Paragraph(type="paragraph", text="**Details**")
    assert more == Paragraph(type="paragraph", text="More text about leaks.")
    assert culture.activities[0].title == "Publications"
    note = "link to `ftp://leaks.example.org/` kept as text"
    text = target.read_text(encoding="utf-8")
    assert "# import: paragraph" in text and note in text
    line = next(n for n, row in enumerate(text.splitlines(), 1) if note in row)
    assert re.search(
        rf"^{re.escape(str(target))}:{line}:\d+: warning: .*{re.escape(note)}", stderr, re.M
    )


def test_footnotes_become_footnotes_and_stay_in_brackets_in_a_heading(tmp_path: Path) -> None:
    source = (
        "# Commission\n\n## Theme[^2]\n\nText with a note.[^1] And [more]^ text.\n\n"
        "[^1]: The *note* itself, with [brackets] and [a link](https://example.org/n).\n\n"
        "[^2]: Since 2010.\n"
    )
    (tmp_path / "notes.md").write_text(source, encoding="utf-8")
    subprocess.run(["pandoc", "notes.md", "-o", "notes.docx"], cwd=tmp_path, check=True)
    report, target, _stderr = imported(tmp_path / "notes.docx", "--year", "2012")
    (theme,) = report.bodies[0].activities
    assert theme.title == "Theme (Since 2010.)"
    note = r"The *note* itself, with \[brackets\] and [a link](https://example.org/n)."
    text = rf"Text with a note.^[{note}] And \[more\]^ text."
    assert theme.blocks == [Paragraph(type="paragraph", text=text)]
    written = target.read_text("utf-8")
    assert "# import: a heading cannot hold a footnote: kept in brackets after its mark" in written
    # the note is a real footnote again, its link live, when the imported report is built
    out = tmp_path / "built"
    reportgen.build([target], out, ["docx"])
    with zipfile.ZipFile(out / f"{target.stem}.docx") as package:
        notes = package.read("word/footnotes.xml").decode()
        links = package.read("word/_rels/footnotes.xml.rels").decode()
    assert "The " in notes and "itself, with [brackets] and " in notes
    assert 'Target="https://example.org/n"' in links


# --- LibreOffice ------------------------------------------------------------------------

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:automatic-styles>
  <style:style style:name="B" style:family="text">
   <style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="I" style:family="text">
   <style:text-properties fo:font-style="italic"/></style:style>
  <text:list-style style:name="Bullets">
   <text:list-level-style-bullet text:level="1" text:bullet-char="•"/>
   <text:list-level-style-bullet text:level="2" text:bullet-char="◦"/>
  </text:list-style>
  <text:list-style style:name="Numbers">
   <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
  </text:list-style>
 </office:automatic-styles>
 <office:body><office:text>
  <text:p text:style-name="Title">Informe de actividades 2014</text:p>
  <text:h text:outline-level="1">Comisión de Movilidad</text:h>
  <text:p>Presidente: Juan Ejemplo, Alcalde de Villaejemplo</text:p>
  <text:p>La comisión trabajó en <text:span text:style-name="B">transporte público</text:span>
   y <text:span text:style-name="I">bicicletas</text:span>, ver <text:a xlink:type="simple"
   xlink:href="https://movilidad.example.org/">el sitio</text:a>.</text:p>
  <text:h text:outline-level="2">Reuniones</text:h>
  <text:list text:style-name="Bullets">
   <text:list-item><text:p>13 de marzo de 2014: Reunión anual en Sevilla</text:p>
    <text:list><text:list-item><text:p>Visita al metro</text:p></text:list-item></text:list>
   </text:list-item>
   <text:list-item><text:p>Una reunión sin fecha</text:p></text:list-item>
  </text:list>
  <text:list text:style-name="Numbers">
   <text:list-item><text:p>Primer punto</text:p></text:list-item>
   <text:list-item><text:p>Segundo punto</text:p></text:list-item>
  </text:list>
  <table:table table:name="T"><table:table-column table:number-columns-repeated="2"/>
   <table:table-row><table:table-cell><text:p>Ciudad</text:p></table:table-cell>
    <table:table-cell><text:p>Miembros</text:p></table:table-cell></table:table-row>
   <table:table-row><table:table-cell><text:p>Sevilla</text:p></table:table-cell>
    <table:table-cell><text:p>12</text:p></table:table-cell></table:table-row>
  </table:table>
  <text:p><draw:frame draw:name="Foto" svg:width="3cm" svg:height="2cm"
   text:anchor-type="as-char"><draw:image><office:binary-data>PICTURE</office:binary-data>
   </draw:image><svg:desc>Un tranvía verde</svg:desc></draw:frame></text:p>
  <text:h text:outline-level="3">Detalles</text:h>
  <text:p>Más texto.</text:p>
 </office:text></office:body>
</office:document>
"""


def test_a_docx_written_by_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "movilidad.fodt"
    source.write_text(FODT.replace("PICTURE", base64.b64encode(png()).decode()), "utf-8")
    libreoffice([source], "docx", tmp_path)
    report, target, _stderr = imported(tmp_path / "movilidad.docx")
    assert (report.title, report.year, report.language) == ("Informe de actividades", 2014, "es")
    (body,) = report.bodies
    assert (body.name, body.kind) == ("Comisión de Movilidad", "commission")
    assert [(o.role, o.name, o.title) for o in body.officers] == [
        ("president", "Juan Ejemplo", "Alcalde de Villaejemplo")
    ]
    assert body.introduction == [
        Paragraph(
            type="paragraph",
            text="La comisión trabajó en **transporte público** y *bicicletas*, ver "
            "[el sitio](https://movilidad.example.org/).",
        )
    ]
    bullets, numbered, table, image, details, more = blocks_of(body, 0)
    assert isinstance(bullets, BulletList) and not bullets.ordered
    first = bullets.items[0]
    assert (str(first.date), first.date_text, first.text) == (
        "2014-03-13",
        "13 de marzo de 2014",
        "Reunión anual en Sevilla",
    )
    assert first.items == [ListItem(text="Visita al metro")]
    assert bullets.items[1] == ListItem(text="Una reunión sin fecha")
    assert isinstance(numbered, BulletList) and numbered.ordered
    assert isinstance(table, Table) and (table.header, table.rows) == (
        ["Ciudad", "Miembros"],
        [["Sevilla", "12"]],
    )
    assert isinstance(image, Image) and image.alt == "Un tranvía verde"
    with PillowImage.open(target.parent / image.path) as picture:
        assert picture.size == (30, 20)
    assert (details, more) == (
        Paragraph(type="paragraph", text="**Detalles**"),
        Paragraph(type="paragraph", text="Más texto."),
    )


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_is_imported_with_its_pictures(tmp_path: Path) -> None:
    (tmp_path / "lake.png").write_bytes(png())
    (tmp_path / "water.md").write_text(MARKDOWN.split("---\n", 2)[2], encoding="utf-8")
    report, _target, stderr = imported(tmp_path / "water.md", "--year", "2013")
    assert report.year == 2013 and report.bodies[0].name == "Working Group on Water"
    image = blocks_of(report.bodies[0], 0)[3]
    assert isinstance(image, Image) and image.path == "water-images/image-1.png"
    assert (tmp_path / image.path).read_bytes() == (tmp_path / "lake.png").read_bytes()
    assert "no title in the document" in stderr


def test_a_markdown_picture_outside_its_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(png())
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "doc.md").write_text("# Commission\n\n![x](../secret.png)\n", "utf-8")
    result = run("import", tmp_path / "in" / "doc.md")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"{tmp_path / 'in' / 'doc.md'}: error: line 3: picture `../secret.png` is outside "
        "the report's folder; only files inside it can be used"
    )
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["doc.md"]


# --- refusals ----------------------------------------------------------------------------


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "doc.md").write_text("# Commission\n\nText.\n", "utf-8")
    (tmp_path / "doc.yaml").write_text("mine\n", "utf-8")
    result = run("import", tmp_path / "doc.md")
    assert result.returncode == 1
    assert (
        result.stderr == f"{tmp_path / 'doc.yaml'}: error: already exists; it was left as it is\n"
    )
    assert (tmp_path / "doc.yaml").read_text("utf-8") == "mine\n"


def _bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<x/>")
        with archive.open("word/media/zeros.bin", "w") as stream:
            chunk = bytes(1024 * 1024)
            for _ in range(300):
                stream.write(chunk)


def _huge_picture(path: Path) -> None:
    picture = path.with_suffix(".png")
    PillowImage.new("1", (8000, 8000)).save(picture)
    document = docx.Document()
    document.add_picture(str(picture))
    document.save(str(path))


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("text.docx", lambda p: p.write_text("hello"), "is not a Word .docx file (not a zip"),
        (
            "cut.docx",
            lambda p: p.write_bytes(
                (REPORTS.parent / "templates" / "reference.docx").read_bytes()[:900]
            ),
            "is not a Word .docx file (not a zip",
        ),
        (
            "other.docx",
            lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"),
            "is a zip archive but not a Word .docx file (no word/document.xml)",
        ),
        ("bomb.docx", _bomb, "would expand to 300 MiB (a zip bomb?)"),
        ("huge.docx", _huge_picture, "a picture of 8000 × 8000 pixels, over 40 million"),
        ("report.odt", lambda p: p.write_text("x"), ".odt files are not read directly"),
        ("notes.txt", lambda p: p.write_text("x"), "cannot import `.txt` files"),
    ],
)
def test_bad_input_is_a_named_error(tmp_path: Path, name: str, make: object, message: str) -> None:
    source = tmp_path / name
    make(source)  # type: ignore[operator]
    result = run("import", source)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{source}: error: ") and message in result.stderr
    assert "Traceback" not in result.stderr
    assert not source.with_suffix(".yaml").exists()


# --- the parts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "written"),
    [
        ("5 décembre 2012 : Réunion", "2012-12-05", "5 décembre 2012"),
        ("March 2013 - Launch", "2013-03", "March 2013"),
        ("2012-03-13: Meeting", "2012-03-13", "2012-03-13"),
        ("13-14 Juin 2013 : Forum", "2013-06-13/2013-06-14", "13-14 Juin 2013"),
        ("December 5, 2012: Meeting", "2012-12-05", "December 5, 2012"),
        ("1er mars 2013 – Atelier", "2013-03-01", "1er mars 2013"),
        ("25/12/2012: Dinner", "2012-12-25", "25/12/2012"),
    ],
)
def test_dates_at_the_start_of_an_entry(text: str, iso: str, written: str) -> None:
    found = leading_date(text)
    assert found is not None and (found.iso, found.written) == (iso, written)


@pytest.mark.parametrize(
    "text", ["En Février 2012, la Présidence", "31 février 2012 : x", "2012 was good", "Mars"]
)
def test_no_date_where_none_is_certain(text: str) -> None:
    assert leading_date(text) is None


def test_a_numeric_date_that_could_be_either_way_is_ambiguous() -> None:
    with pytest.raises(AmbiguousDate):
        leading_date("05/12/2012: Meeting")
    found = trailing_date("Forum à Bilbao (13-14 Juin 2013)")
    assert found is not None and found.iso == "2013-06-13/2013-06-14"


_STYLED = st.builds(
    Span,
    st.text(st.sampled_from("ab *_[]()\\`é:#"), min_size=1, max_size=6),
    st.booleans(),
    st.booleans(),
    st.sampled_from([None, None, "https://example.org/a_(b)"]),
)


@given(st.lists(_STYLED, max_size=6))
def test_markup_reads_back_as_the_text_it_was_made_from(spans: list[Span]) -> None:
    text, _lost = to_markup(tuple(spans))
    assert "".join(s.text for s in parse(text)) == "".join(s.text for s in spans)


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_is_written_as_yaml_that_reads_back(text: str) -> None:
    data = {"title": text.strip() or "x", "items": [text.strip() or "y"]}
    written, _placed = dump(data, {}, [])
    assert yaml.safe_load(written) == data
