"""A body attached to another (a working group of a commission): its chapter follows that
body's, under it in the contents, and opens with the words saying whose it is, in every
format and language; a parent that is unknown, itself attached, or the body itself is a
located error."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

import reportgen
from conftest import build_outputs
from readers import libreoffice_contents, load_issues, normalise
from reportgen.model import Report
from reportgen.view.context import build_context

REPORT = """\
year: 2012
language: fr
title: Rapport
bodies:
  - name: Groupe de travail sur les musées
    kind: working-group
    parent: culture
    introduction: Les musées.
  - name: Commission de la culture
    id: culture
    kind: commission
    introduction: La culture.
  - name: Commission de l'eau
    id: water
    kind: commission
    introduction: L'eau.
"""

ATTACHED = "Groupe de travail relevant de : Commission de la culture"
ORDER = ["Commission de la culture", "Groupe de travail sur les musées", "Commission de l'eau"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("parent")
    (folder / "report.yaml").write_text(REPORT, encoding="utf-8")
    return build_outputs(folder / "report.yaml", folder / "out")


def test_the_pdf_lists_it_under_its_commission_and_says_whose_it_is(
    built: dict[str, Path],
) -> None:
    pages = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(built["pdf"]), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\f")
    contents = [line for line in pages[1].splitlines() if "Commission" in line or "Groupe" in line]
    names = [normalise(line.split("..")[0]) for line in contents]
    assert names == ORDER
    indents = [len(line) - len(line.lstrip()) for line in contents]
    assert indents[1] > indents[0] == indents[2]  # the working group under its commission
    chapter = next(page for page in pages[2:] if "Les musées." in page)
    assert normalise(ATTACHED) in normalise(chapter)
    order = [next(i for i, page in enumerate(pages) if name in page and i > 1) for name in ORDER]
    assert order == sorted(order)


def test_word_indents_it_in_the_contents_and_says_whose_it_is(built: dict[str, Path]) -> None:
    document = docx.Document(str(built["docx"]))
    entries = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name in {"TOC 1", "TOC 2"}
    ]
    assert entries == [("TOC 1", ORDER[0]), ("TOC 2", ORDER[1]), ("TOC 1", ORDER[2])]
    paragraphs = document.paragraphs
    chapters = {"Heading 1", "Attached Heading"}
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name in chapters]
    assert headings == [("Heading 1", ORDER[0]), ("Attached Heading", ORDER[1]), *headings[2:]]
    assert headings[2:] == [("Heading 1", ORDER[2])]
    kind = next(i for i, p in enumerate(paragraphs) if p.text == ATTACHED)
    assert paragraphs[kind].style.name == "Body Kind"
    assert paragraphs[kind + 1].text == ORDER[1]
    # Heading 1's look, one level down in Word's outline (the navigation pane)
    attached = document.styles["Attached Heading"]
    assert attached.base_style.name == "Heading 1"
    assert attached.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "1"


def test_word_keeps_it_under_its_commission_when_the_contents_are_refreshed(
    built: dict[str, Path], tmp_path: Path
) -> None:
    """Word refreshes the contents when it opens the file, and a reader may again: the
    entries are then made from the headings' styles, as LibreOffice does here."""
    entries = libreoffice_contents(built["docx"], tmp_path / "profile")
    assert entries == [(1, ORDER[0]), (2, ORDER[1]), (1, ORDER[2])]


class _Contents(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.entries: list[tuple[int, str]] = []
        self.kinds: list[str] = []
        self.in_kind = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.depth += tag == "ol"
        if tag == "a" and self.depth:
            self.entries.append((self.depth, str(values["href"])))
        self.in_kind = values.get("class") == "body-kind"

    def handle_endtag(self, tag: str) -> None:
        self.depth -= tag == "ol"
        self.in_kind = False

    def handle_data(self, data: str) -> None:
        if self.in_kind:
            self.kinds.append(data)


def test_the_html_nests_it_under_its_commission(built: dict[str, Path]) -> None:
    contents = _Contents()
    contents.feed(built["html"].read_text(encoding="utf-8"))
    assert contents.entries == [
        (1, "#culture"),
        (2, "#body-1-groupe-de-travail-sur-les-musees"),
        (1, "#water"),
    ]
    assert ATTACHED in contents.kinds


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ATTACHED),
        ("en", "Working group of the Commission de la culture"),
        ("es", "Grupo de trabajo dependiente de: Commission de la culture"),
    ],
)
def test_the_words_follow_the_language(language: str, expected: str) -> None:
    import yaml

    data = yaml.safe_load(REPORT)
    data["language"] = language
    context = build_context(Report.model_validate(data))
    assert [body.attached for body in context.bodies] == [None, expected, None]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "parent: culture",
            "parent: cultura",
            "F:7:13: error: bodies[0].parent: no body has the id `cultura`; did you mean "
            "`culture`?",
        ),
        (
            "parent: culture",
            "parent: music",
            "F:7:13: error: bodies[0].parent: no body has the id `music`; give that body "
            "`id: music`",
        ),
        (
            "    kind: working-group\n",
            "    kind: working-group\n    id: museums\n",
            None,
        ),
    ],
)
def test_an_unknown_parent_is_a_located_error(
    tmp_path: Path, old: str, new: str, message: str | None
) -> None:
    text = REPORT.replace(old, new)
    if message is None:  # a valid variant: the attached body has an id of its own
        (tmp_path / "report.yaml").write_text(text, encoding="utf-8")
        assert reportgen.load(tmp_path / "report.yaml").bodies[0].id == "museums"
        return
    assert load_issues(tmp_path, text) == [message]


def test_a_parent_attached_itself_or_in_a_circle_or_the_body_itself_is_refused(
    tmp_path: Path,
) -> None:
    itself = REPORT.replace("    parent: culture\n", "    id: museums\n    parent: museums\n")
    assert load_issues(tmp_path, itself) == [
        "F:8:13: error: bodies[0].parent: a body cannot be attached to itself; remove `parent`"
    ]
    chained = REPORT.replace("    id: water\n", "    id: water\n    parent: culture\n").replace(
        "    id: culture\n", "    id: culture\n    parent: water\n"
    )
    assert load_issues(tmp_path, chained) == [
        "F:7:13: error: bodies[0].parent: `culture` is itself attached to `water`; attach this "
        "body to a body that is not attached (one level only)",
        "F:11:13: error: bodies[1].parent: this body and `water` are attached to each other; "
        "keep `parent` on one of them only",
        "F:16:13: error: bodies[2].parent: this body and `culture` are attached to each other; "
        "keep `parent` on one of them only",
    ]


def test_a_renderer_bug_in_a_moved_chapter_names_the_body_where_it_is_written() -> None:
    import yaml

    from reportgen.render.failures import _paths

    context = build_context(Report.model_validate(yaml.safe_load(REPORT)))
    paths = _paths(context)
    assert [paths[id(body)] for body in context.bodies] == ["bodies[1]", "bodies[0]", "bodies[2]"]
