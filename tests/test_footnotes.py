"""Footnotes (`^[text]`): at the foot of the PDF page holding their call, real Word footnotes,
numbered notes with links both ways in HTML; numbered through the whole report, the same in
every format; refused, located, where a note cannot be printed."""

from __future__ import annotations

import re
import subprocess
import zipfile
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from docx2python import docx2python

from conftest import build_outputs
from readers import load_issues, normalise
from reportgen.model import markup
from test_cli import run

NOTES = [  # (the word the call follows, the note's first word, its whole text as read)
    ("Zetaword", "Notezeta", "Notezeta in the foreword."),
    ("Alphaword", "Notealpha", "Notealpha in Bilbao, see Dakar."),
    ("Betaword", "Notebeta", "Notebeta in a list."),
    ("Gammaword", "Notegamma", "Notegamma in a cell."),
    ("Deltaword", "Notedelta", "Notedelta at an event."),
    ("Epsilonword", "Noteepsilon", "Noteepsilon in the second chapter."),
]
"""In the order they are printed: each numbered by its place, 1 to 6."""


def report() -> dict[str, object]:
    filler = [
        {"type": "paragraph", "text": f"Filler text {n} of the chapter. " * 40} for n in "ABC"
    ]
    return {
        "year": 2012,
        "language": "en",
        "title": "Activity report",
        "foreword": "Zetaword opens the report.^[Notezeta in the foreword.]",
        "bodies": [
            {
                "name": "Committee on Culture",
                "kind": "committee",
                "introduction": "Alphaword met twice.^[Notealpha in **Bilbao**, see "
                "[Dakar](https://example.org/dakar).] It adopted a plan.",
                "activities": [
                    {
                        "title": "Meetings",
                        "blocks": [
                            *filler,
                            {"type": "list", "items": ["Betaword^[Notebeta in a list.]"]},
                            {
                                "type": "table",
                                "header": ["City", "Members"],
                                "rows": [["Gammaword^[Notegamma in a cell.]", "12"]],
                            },
                            {
                                "type": "event",
                                "title": "Annual meeting",
                                "date": "2012-05",
                                "text": "Deltaword went well.^[Notedelta at an event.]",
                            },
                        ],
                    }
                ],
            },
            {
                "name": "Working group on cities",
                "kind": "working-group",
                "introduction": "Epsilonword starts.^[Noteepsilon in the second chapter.]",
            },
        ],
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("footnotes")
    source = folder / "notes.yaml"
    source.write_text(yaml.safe_dump(report(), allow_unicode=True), encoding="utf-8")
    return build_outputs(source, folder / "out")


def test_the_parser_makes_a_note_span_holding_its_own_markup() -> None:
    spans = markup.parse("Met^[In **Bilbao**, see [site](https://example.org).] twice.")
    assert markup.to_text(spans) == "Met twice."
    (call,) = [span for span in spans if span.note is not None]
    assert call.text == ""
    assert [(span.text, span.bold, span.href) for span in call.note.spans] == [
        ("In ", False, None),
        ("Bilbao", True, None),
        (", see ", False, None),
        ("site", False, "https://example.org"),
        (".", False, None),
    ]
    assert markup.links("a^[see [site](https://example.org)]") == ["https://example.org"]
    assert markup.to_text(markup.parse("^[] and ^\\[x]")) == "^[] and ^[x]"


def _pdf_pages(path: Path) -> list[tuple[float, list[tuple[str, float]]]]:
    """Each page's height and its words, each with the top of its box, as pdftotext reads."""
    output = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = []
    for page in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', output, re.S):
        words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)</word>', page[1])
        pages.append((float(page[0]), [(unescape(word), float(top)) for top, word in words]))
    return pages


def test_pdf_notes_stand_at_the_foot_of_the_page_holding_their_call(
    built: dict[str, Path],
) -> None:
    pages = _pdf_pages(built["pdf"])
    for number, (call, first, text) in enumerate(NOTES, 1):
        (page,) = [index for index, (_, words) in enumerate(pages) if call in dict(words)]
        height, words = pages[page]
        words_only = [word for word, _ in words]
        call_top = dict(words)[call]
        at = words_only.index(first)
        assert words_only[at - 1] == f"{number}.", (first, words_only[at - 3 : at + 1])
        note_top = words[at][1]
        assert note_top > call_top and note_top > height * 0.6, (first, note_top, call_top)
        following = " ".join(words_only[at : at + len(text.split())])
        assert following == text
        calls = [top for word, top in words if word == str(number) and abs(top - call_top) < 9]
        assert calls, (call, number)  # the call, raised, on the line of the word it follows


def test_pdf_note_text_is_in_the_bundled_fonts(built: dict[str, Path]) -> None:
    fonts = subprocess.run(
        ["pdffonts", str(built["pdf"])], check=True, capture_output=True, text=True
    ).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert names and all(name.startswith("Reportgen-") for name in names), names


def test_word_has_real_footnotes_in_order(built: dict[str, Path]) -> None:
    with docx2python(built["docx"]) as document:
        notes = [
            normalise(re.sub(r"<[^>]+>", "", text.split(")\t", 1)[1]))
            for text in _strings(document.footnotes)
            if text.startswith("footnote")
        ]
        body = document.text
    assert notes == [text for _, _, text in NOTES]
    for number, (call, _, _) in enumerate(NOTES, 1):
        assert re.search(rf"{call}[^-]*----footnote{number}----", body), call
    markdown = subprocess.run(
        ["pandoc", "--from=docx", "--to=markdown", "--wrap=none", str(built["docx"])],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert len(re.findall(r"^\[\^\d\]: ", markdown, re.M)) == len(NOTES)
    assert "[^2]: Notealpha in **Bilbao**, see [Dakar](https://example.org/dakar)." in markdown
    assert "Alphaword met twice.[^2] It adopted a plan." in markdown
    with zipfile.ZipFile(built["docx"]) as package:
        footnotes = package.read("word/footnotes.xml").decode()
        document_xml = package.read("word/document.xml").decode()
        relationships = package.read("word/_rels/footnotes.xml.rels").decode()
    assert 'w:type="separator"' in footnotes and 'w:type="continuationSeparator"' in footnotes
    assert footnotes.count('<w:pStyle w:val="FootnoteText"/>') == len(NOTES)
    assert document_xml.count('<w:rStyle w:val="FootnoteReference"/>') == len(NOTES)
    assert "https://example.org/dakar" in relationships  # the note's link, in the note's part


def _strings(nested: object) -> list[str]:
    if isinstance(nested, str):
        return [nested]
    return [text for item in nested for text in _strings(item)]  # type: ignore[attr-defined]


class _Notes(HTMLParser):
    """The note calls (their targets) and the notes (their text and back-links) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, str]] = []
        self.notes: dict[str, str] = {}
        self.backs: dict[str, str] = {}
        self._note: str | None = None
        self._call: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("class") == "note-call":
            self._call = str(found["href"])
        elif tag == "li" and str(found.get("id", "")).startswith("note-"):
            self._note = str(found["id"])
            self.notes[self._note] = ""
        elif tag == "a" and found.get("class") == "note-back" and self._note:
            self.backs[self._note] = str(found["href"])
            self._note = None

    def handle_data(self, data: str) -> None:
        if self._call is not None:
            self.calls.append((self._call, data))
            self._call = None
        elif self._note is not None:
            self.notes[self._note] += data


def test_html_numbers_each_call_and_lists_the_notes_of_each_part(built: dict[str, Path]) -> None:
    page = _Notes()
    page.feed(built["html"].read_text(encoding="utf-8"))
    numbers = [str(number) for number in range(1, len(NOTES) + 1)]
    assert page.calls == [(f"#note-{number}", number) for number in numbers]
    assert [normalise(text) for text in page.notes.values()] == [text for _, _, text in NOTES]
    assert page.backs == {f"note-{number}": f"#note-call-{number}" for number in numbers}
    html = built["html"].read_text(encoding="utf-8")
    chapters = html.split('<article class="body"')
    assert 'id="note-1"' in chapters[0] and 'id="note-6"' not in chapters[1]
    assert 'id="note-6"' in chapters[2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "title: Report^[a note]",
            "F:3:8: error: title: a footnote (`^[...]`) cannot go on the cover; put it in the "
            "text that follows",
        ),
        (
            "cover_title: The 2012 Report^[a note]",
            "F:4:14: error: cover_title: a footnote (`^[...]`) cannot go on the cover; put it in "
            "the text that follows",
        ),
        (
            "note: Invented^[a note]",
            "F:4:7: error: note: a footnote (`^[...]`) cannot go on the cover; put it in the text "
            "that follows",
        ),
        (
            "activities:\n      - title: Meetings^[a note]\n"
            "        blocks: [{type: paragraph, text: Text}]",
            "F:10:16: error: bodies[0].activities[0].title: a footnote (`^[...]`) cannot go in a "
            "heading; put it in the text that follows",
        ),
        (
            "introduction: A note^[with ^[another] inside]",
            "F:9:19: error: bodies[0].introduction[0].text: a footnote cannot hold another "
            "footnote; end the first one before the second `^[`, or write `^\\[` for a literal "
            "`^[`",
        ),
    ],
)
def test_a_note_where_none_can_be_printed_is_a_located_error(
    tmp_path: Path, text: str, message: str
) -> None:
    key = text.split(":")[0]
    lines = ["year: 2012", "language: en", "title: Report", "", "bodies:"]
    lines += ["  - name: Committee", "    kind: committee", "    action_plan: Plans."]
    if key in ("title", "cover_title", "note"):
        lines[2 if key == "title" else 3] = text
    else:
        lines.append(f"    {text}")
    assert load_issues(tmp_path, "\n".join(lines) + "\n") == [message]


def test_a_translated_note_is_printed_at_the_foot_of_the_translated_page(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    source = tmp_path / "reports" / "notes.yaml"
    source.write_text(yaml.safe_dump(report()), encoding="utf-8")
    assert run("translate", "reports/notes.yaml", "--to", "fr", cwd=tmp_path).returncode == 0
    po = tmp_path / "reports" / "translations" / "notes.fr.po"
    with po.open("rb") as stream:
        catalogue = read_po(stream)
    for message in catalogue:
        if message.id:
            message.string = str(message.id)
    catalogue.get(
        str(report()["foreword"]), context="foreword"
    ).string = "Zetamot ouvre le rapport.^[Notezeta dans la préface.]"
    with po.open("wb") as stream:
        write_po(stream, catalogue)
    result = run("build", "reports/notes.yaml", "--lang", "fr", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pages = _pdf_pages(tmp_path / "build" / "notes.fr.pdf")
    (words,) = [[word for word, _ in page] for _, page in pages if "Zetamot" in dict(page)]
    at = words.index("Notezeta")
    assert words[at - 1] == "1."
    assert normalise(" ".join(words[at : at + 4])) == "Notezeta dans la préface."
    word = tmp_path / "build" / "notes.fr.docx"
    markdown = subprocess.run(
        ["pandoc", "--from=docx", "--to=markdown", "--wrap=none", str(word)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "[^1]: Notezeta dans la préface." in normalise(markdown)
