"""Pages that break as a designer's would, read back from the PDF (pdftotext -bbox, pdffonts,
fontTools) and from the .docx (python-docx): glyphs from the theme's fonts only."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from fontTools.ttLib import TTFont
from PIL import Image

import reportgen
from readers import libreoffice
from reportgen.errors import ReportWarning

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "templates" / "fonts"
EPOCH = "1356998400"


def build(folder: Path, report: dict[str, Any], formats: tuple[str, ...] = ("pdf",)) -> Path:
    """`report` written as folder/report.yaml and built; the folder of its outputs."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "report.yaml"
    source.write_text(yaml.safe_dump(report, allow_unicode=True, sort_keys=False), "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        reportgen.build([source], folder / "out", list(formats))
    return folder / "out"


def one_body(*blocks: dict[str, Any], name: str = "Committee on Pages") -> dict[str, Any]:
    return {
        "year": 2013,
        "language": "en",
        "title": "Activity report",
        "bodies": [
            {"name": name, "kind": "committee", "activities": [{"title": "Work", "blocks": blocks}]}
        ],
    }


@dataclass(frozen=True)
class Word:
    """A word of the PDF as pdftotext -bbox places it, in points from the page's top left."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def pdf_words(path: Path) -> list[Word]:
    """Every word of the PDF, page by page, in reading order."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    namespace = "{http://www.w3.org/1999/xhtml}"
    return [
        Word(
            number,
            *(float(word.get(key, 0)) for key in ("xMin", "yMin", "xMax", "yMax")),
            word.text or "",
        )
        for number, page in enumerate(ET.fromstring(xhtml).iter(f"{namespace}page"), 1)
        for word in page.iter(f"{namespace}word")
    ]


def pages_of_pairs(words: list[Word], first: str, then: str) -> list[tuple[int, int]]:
    """For each word `first`, its page and the page of the next word `then` after it."""
    pairs = []
    for index, word in enumerate(words):
        if word.text == first:
            following = next(later for later in words[index + 1 :] if later.text == then)
            pairs.append((word.page, following.page))
    return pairs


SWEEP = range(0, 60, 5)
"""Heights in px of a spacer above the filler, so that what follows the filler falls at every
height of a page's foot, in steps finer than a line."""


def swept_bodies(
    folder: Path, name: str, *tail: dict[str, Any], lines: int = 24
) -> list[dict[str, Any]]:
    """One body per height of SWEEP: a spacer, a page of `lines` one-line paragraphs, then
    `tail` (themes), which thus lands at the foot of the page in some of them."""
    bodies = []
    for height in SWEEP:
        Image.new("RGB", (20, height + 1), "white").save(folder / f"spacer-{height}.png")
        filler = [
            {"type": "image", "path": f"spacer-{height}.png", "alt": "space"},
            *({"type": "paragraph", "text": f"Filler line {line}."} for line in range(lines)),
        ]
        bodies.append(
            {
                "name": f"{name} {height}",
                "kind": "committee",
                "activities": [{"title": "Work", "blocks": filler}, *tail],
            }
        )
    return bodies


def report(*bodies: dict[str, Any]) -> dict[str, Any]:
    return {"year": 2013, "language": "en", "title": "Activity report", "bodies": list(bodies)}


def pdf_fonts(path: Path) -> list[str]:
    lines = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    return [line.split()[0] for line in lines]


def theme_characters() -> set[str]:
    """Every character all eight of the theme's fonts have."""
    maps = [set(TTFont(path).getBestCmap()) for path in sorted(FONTS.glob("*.ttf"))]
    return {chr(code) for code in set.intersection(*maps)}


# --- no glyph from a font of this machine -----------------------------------------------


def test_every_list_marker_is_a_glyph_of_the_themes_fonts(tmp_path: Path) -> None:
    nested = {"text": "one", "items": [{"text": "two", "items": [{"text": "three"}]}]}
    out = build(tmp_path, one_body({"type": "list", "items": [nested]}))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out / "report.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    markers = {word: line.split()[0] for line in text.splitlines() for word in line.split()[1:]}
    assert set(markers) >= {"one", "two", "three"}
    assert [markers[word] for word in ("one", "two", "three")] == ["•", "–", "·"]
    assert set("•–·") <= theme_characters()


@pytest.fixture(scope="module")
def english_2012(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2012 report built in English from its catalogue."""
    folder = tmp_path_factory.mktemp("en")
    (folder / "translations").mkdir()
    shutil.copy(ROOT / "reports" / "2012.yaml", folder)
    shutil.copy(ROOT / "tests" / "fixtures" / "2012.en.po", folder / "translations")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        (path,) = reportgen.build([folder / "2012.yaml"], folder / "out", ["pdf"], languages=["en"])
    return path


def test_the_translated_report_uses_the_themes_fonts_only(english_2012: Path) -> None:
    fonts = pdf_fonts(english_2012)
    assert fonts
    for name in fonts:
        assert re.fullmatch(r"[A-Z]{6}\+Reportgen-(Serif|Sans)(-Bold)?(-Italic)?", name), name


def test_a_character_no_theme_font_has_is_a_located_warning(tmp_path: Path) -> None:
    paragraph = {"type": "paragraph", "text": "Next → the annual meeting"}
    with pytest.warns(ReportWarning) as caught:
        build(tmp_path, one_body(paragraph))
    messages = [str(warning.message) for warning in caught]
    source = tmp_path / "report.yaml"
    lines = source.read_text("utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "Next →" in text)
    column = lines[line - 1].index("→") + 1
    expected = f"{source}:{line}:{column}: warning: the character → (U+2192 RIGHTWARDS ARROW)"
    assert [message for message in messages if message.startswith(expected)], messages
    assert "→" not in theme_characters()


# --- what belongs together stays together -----------------------------------------------

LEAD_IN = "The members agreed on these points:"
TABLE = {
    "type": "table",
    "header": ["Region", "Cities", "Services"],
    "rows": [[f"Row{row} " + "word " * 12, "9", "41"] for row in range(6)],
}
FIGURES = {
    "type": "figures",
    "items": [{"value": 28, "label": "cities"}, {"value": 9, "label": "x"}],
}


@pytest.fixture(scope="module")
def kept_together(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Bodies whose list, table or key figures fall at every height of a page's foot."""
    folder = tmp_path_factory.mktemp("together")
    items = ["First point", "Second point", "Third point"]
    lead_in = [{"type": "paragraph", "text": LEAD_IN}, {"type": "list", "items": items}]
    closing = [{"type": "paragraph", "text": f"Closing line {line}."} for line in range(12)]
    points = ({"title": "Points", "blocks": lead_in}, {"title": "After", "blocks": closing})
    bodies = [
        *swept_bodies(folder, "List", *points, lines=22),  # not the chapter's end: not moved
        *swept_bodies(folder, "Table", {"title": "Results table", "blocks": [TABLE]}),
        *swept_bodies(folder, "Figures", {"title": "Results figures", "blocks": [FIGURES]}),
    ]
    return build(folder, report(*bodies), ("pdf", "docx"))


def test_a_sentence_that_introduces_a_list_stays_with_its_first_item(kept_together: Path) -> None:
    words = pdf_words(kept_together / "report.pdf")
    for first, then in (("points:", "First"), ("First", "Second")):  # a short first entry too
        pairs = pages_of_pairs(words, first, then)
        assert len(pairs) == len(SWEEP)
        assert all(lead_in == item for lead_in, item in pairs), (first, pairs)
    splits = [page != last for page, last in pages_of_pairs(words, "points:", "Third")]
    assert sum(splits) > 2  # the sweep put a page break inside the list, or before it
    paragraphs = docx.Document(str(kept_together / "report.docx")).paragraphs
    keeps = {p.text: p.paragraph_format.keep_with_next for p in paragraphs if p.style}
    assert keeps[LEAD_IN] is True
    assert keeps["First point"] is True
    assert not keeps["Filler line 23."]
    assert not keeps["Second point"]


def test_only_a_short_first_entry_is_kept_with_the_second(tmp_path: Path) -> None:
    """An entry of a line or less; a longer one may stay alone, as a paragraph's three
    lines may, rather than move a whole list and leave a page part empty."""
    lists = [
        ["Opening by the President", "Presentation of the study"],
        ["The members presented the study to the mayors of the region, who adopted it", "Two"],
        [{"text": "Study", "items": ["Method"]}, "Results"],
        ["A single entry"],
    ]
    chronology = [
        {"date": "2013-03", "text": "Publication of the study"},
        {"date": "2013-05", "text": "Second meeting of the members"},
        {"date": "2012-09", "text": "First meeting of the members"},
    ]
    blocks = [
        *({"type": "list", "items": items} for items in lists),
        {"type": "chronology", "group_by": "year", "entries": chronology},
    ]
    out = build(tmp_path, one_body(*blocks), ("html", "docx"))
    html = (out / "report.html").read_text("utf-8")
    kept = ["keep-start", "", "", "", "", "", "keep-start"]  # 2012: one entry; 2013: two
    assert re.findall(r'<ul(?: class="([^"]*)")?>', html) == kept
    entries = [
        (p.text, p.paragraph_format.keep_with_next)
        for p in docx.Document(str(out / "report.docx")).paragraphs
        if p.style.name.startswith("List")
    ]
    assert [text for text, keep in entries if keep] == [
        "Opening by the President",
        "March 2013: Publication of the study",
    ]


def test_a_theme_heading_stays_with_the_table_or_figures_under_it(kept_together: Path) -> None:
    words = pdf_words(kept_together / "report.pdf")
    for heading, first in (("table", "Row0"), ("figures", "28")):
        pairs = pages_of_pairs(words, heading, first)  # "figures": the theme's and the block's
        assert len(pairs) >= len(SWEEP)
        assert all(title == content for title, content in pairs), (heading, pairs)


def test_table_rows_never_split_and_the_header_repeats_on_each_page(tmp_path: Path) -> None:
    rows = [
        [" ".join(f"r{row}w{word}" for word in range(6 + row * 7 % 23)), str(row)]
        for row in range(40)
    ]
    table = {"type": "table", "header": ["Headone", "Headtwo"], "rows": rows}
    out = build(tmp_path, one_body(table), ("pdf", "docx"))
    pages: dict[int, set[int]] = {}
    words = pdf_words(out / "report.pdf")
    for word in words:
        if match := re.fullmatch(r"r(\d+)w\d+", word.text):
            pages.setdefault(int(match[1]), set()).add(word.page)
    assert len(pages) == 40
    assert all(len(found) == 1 for found in pages.values()), pages
    table_pages = set().union(*pages.values())
    assert len(table_pages) >= 3
    for page in table_pages:
        on_page = [word for word in words if word.page == page]
        header = next(word for word in on_page if word.text == "Headone")
        assert all(header.y1 <= word.y0 for word in on_page if re.fullmatch(r"r\d+w\d+", word.text))
    table = docx.Document(str(out / "report.docx")).tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


# --- long addresses ---------------------------------------------------------------------

LONG_URL = (
    "https://www.citiesandlocalgovernments.org/committees/digitalcities/publications/"
    "finalreportonsmartcities.pdf"
)
EMAIL = "secretariat.digitalcitiescommission@citiesandlocalgovernments.org"
MM = 72 / 25.4
TEXT_TOP, TEXT_BOTTOM = 24 * MM, (297 - 24) * MM
"""The default theme's text box on an A4 page, in points: the running header and the page
number are outside it."""


LEFT, RIGHT = 22 * MM, (210 - 22) * MM
WIDEST_SPACE = 0.55
"""The widest space between two words of a justified line, in em."""


PROSE = (
    "The committee met four times during the year to prepare its report on the use of open "
    "data by local governments, and it heard the cities that had opened their registers of "
    "public works, of transport and of the budget to their citizens."
)


def stretched(words: list[Word]) -> list[str]:
    """The justified lines (those that reach the right margin) that hold a space wider than
    WIDEST_SPACE, and the words outside the text box."""
    faults = [word.text for word in words if word.x0 < LEFT - 0.5 or word.x1 > RIGHT + 0.5]
    rows: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        if TEXT_TOP < word.y0 < TEXT_BOTTOM and word.text not in {"•", "–", "·"}:
            rows.setdefault((word.page, round(word.y1)), []).append(word)
    for row in rows.values():
        row.sort(key=lambda word: word.x0)
        if len(row) > 2 and row[-1].x1 > RIGHT - 1:
            em = (row[0].y1 - row[0].y0) / 1.362  # a word's box: the font's ascent and descent
            if max(right.x0 - left.x1 for left, right in pairwise(row)) > WIDEST_SPACE * em:
                faults.append(" ".join(word.text for word in row))
    return faults


def test_long_addresses_break_inside_the_text_box_without_stretching_lines(
    tmp_path: Path,
) -> None:
    sentence = "The members of the committee published the final version of their study at"
    blocks = [
        {
            "type": "paragraph",
            "text": f"{sentence} [{LONG_URL}]({LONG_URL}) and wrote to {EMAIL} for copies of "
            "it and of the annexes, which were sent to them by post.",
        },
        {
            "type": "paragraph",
            "text": f"{sentence} {LONG_URL}, then wrote to [{EMAIL}](mailto:{EMAIL}) to ask "
            "for the annexes of the study.",
        },
        {"type": "list", "items": [f"{sentence} {LONG_URL}, then wrote to {EMAIL} for more."]},
        {"type": "paragraph", "text": PROSE},
        {"type": "link", "label": "The full text of the study", "url": LONG_URL},
        {"type": "publication", "kind": "study", "title": "Smart cities", "url": LONG_URL},
        {"type": "contact", "name": "Secretariat", "email": EMAIL, "url": LONG_URL},
    ]
    content = one_body(*blocks)
    content["bodies"][0]["links"] = [{"label": "The study", "url": LONG_URL}]
    out = build(tmp_path, content, ("pdf", "docx", "html"))
    libreoffice([out / "report.docx"], "pdf", tmp_path / "word")
    for pdf in (out / "report.pdf", tmp_path / "word" / "report.pdf"):
        words = [word for word in pdf_words(pdf) if word.page > 1]
        assert stretched(words) == []
        text = "".join(word.text for word in words)
        assert (text.count(LONG_URL), text.count(EMAIL)) == (7, 4)
        assert "".join(PROSE.split()) in text
    html = (out / "report.html").read_text("utf-8")
    assert html.count("www<wbr>.citiesandlocalgovernments<wbr>.org/<wbr>committees/") == 7
    # in Word, where an address cannot break after a slash or before a dot, a paragraph that
    # holds one is set ragged; the others stay justified
    paragraphs = docx.Document(str(out / "report.docx")).paragraphs
    assert {p.alignment for p in paragraphs if LONG_URL in p.text} == {WD_ALIGN_PARAGRAPH.LEFT}
    assert [p.alignment for p in paragraphs if p.text == PROSE] == [None]
    assert (
        docx.Document(str(out / "report.docx")).styles["Body Text"].paragraph_format.alignment
        == WD_ALIGN_PARAGRAPH.JUSTIFY
    )


# --- chapters that end well ---------------------------------------------------------------


def text_rows(words: list[Word], page: int) -> int:
    """How many lines of text the page holds inside its text box."""
    return len({round(w.y1) for w in words if w.page == page and TEXT_TOP < w.y0 < TEXT_BOTTOM})


def test_no_chapter_ends_on_a_page_holding_a_few_lines(tmp_path: Path) -> None:
    lengths = range(28, 38)  # one-line paragraphs: a page and 1 to 10 lines more
    bodies = [
        {
            "name": f"Tail {length}",
            "kind": "committee",
            "activities": [
                {
                    "title": "Work",
                    "blocks": [
                        {"type": "paragraph", "text": f"Line {line} of {length}."}
                        for line in range(length)
                    ],
                }
            ],
        }
        for length in lengths
    ]
    out = build(tmp_path, report(*bodies))
    words = pdf_words(out / "report.pdf")
    full = max(text_rows(words, page) for page in {word.page for word in words})
    short_before = 0
    for length in lengths:
        first = next(w.page for w in words if w.text == f"{length}." and w.page > 2)
        last = max(w.page for w in words if w.text == f"{length}.")
        if last == first:
            continue
        short_before += 1
        assert text_rows(words, last) >= 8, (length, text_rows(words, last))
        assert text_rows(words, first) >= full / 2, (length, text_rows(words, first))
    assert short_before == len(lengths)
    assert max(word.page for word in words) == 2 + 2 * len(lengths)  # no page more
