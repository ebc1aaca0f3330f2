"""A body's secretariat: one contact, as before, or a list of them, each shown under the
Secretariat heading in every format."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import reportgen
from conftest import build_outputs
from readers import docx_text_pandoc, html_text, load_issues, normalise, pdf_text

REPORT = """\
year: 2012
language: fr
title: Rapport
bodies:
  - name: Commission de la culture
    kind: commission
    introduction: La culture.
    secretariat:
      - name: Secrétariat de la Commission
        email: culture@example.org
      - name: Ana Exemple
        position: Coordinatrice pour l'Afrique
        phone: "+00 111"
  - name: Groupe de travail sur l'eau
    kind: working-group
    introduction: L'eau.
    secretariat:
      name: Secrétariat du Groupe
      email: eau@example.org
"""

SHOWN = [
    "Secrétariat Secrétariat de la Commission Courriel : culture@example.org Ana Exemple "
    "Coordinatrice pour l'Afrique Tél. : +00 111",
    "Secrétariat Secrétariat du Groupe Courriel : eau@example.org",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("secretariat")
    (folder / "report.yaml").write_text(REPORT, encoding="utf-8")
    return build_outputs(folder / "report.yaml", folder / "out")


@pytest.mark.parametrize(
    "read",
    [
        pytest.param(lambda built: pdf_text(built["pdf"]), id="pdf"),
        pytest.param(lambda built: docx_text_pandoc(built["docx"]), id="docx"),
        pytest.param(lambda built: html_text(built["html"]), id="html"),
    ],
)
def test_every_contact_is_shown_under_the_heading(built: dict[str, Path], read: object) -> None:
    text = normalise(read(built))  # type: ignore[operator]
    for shown in SHOWN:
        assert normalise(shown) in text


def test_each_contact_is_a_paragraph_of_its_own_in_word(built: dict[str, Path]) -> None:
    document = docx.Document(str(built["docx"]))
    names = [p.text.split("\n")[0] for p in document.paragraphs if p.paragraph_format.keep_together]
    assert names == ["Secrétariat de la Commission", "Ana Exemple", "Secrétariat du Groupe"]


def test_old_files_with_one_contact_read_as_a_list_of_one(tmp_path: Path) -> None:
    source = tmp_path / "report.yaml"
    source.write_text(REPORT, encoding="utf-8")
    report = reportgen.load(source)
    assert [[c.name for c in body.secretariat] for body in report.bodies] == [
        ["Secrétariat de la Commission", "Ana Exemple"],
        ["Secrétariat du Groupe"],
    ]


def test_a_wrong_contact_of_a_list_is_located(tmp_path: Path) -> None:
    text = REPORT.replace("        phone:", "        phnoe:")
    assert load_issues(tmp_path, text) == [
        "F:13:9: error: bodies[0].secretariat[1].phnoe: unknown key `phnoe`; did you mean `phone`?"
    ]
