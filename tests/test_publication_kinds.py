"""Kinds of publication beyond the built-in five, declared by the report with the word it
prints for each; a kind neither built in nor declared is a located error with a suggestion."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from conftest import build_outputs
from readers import html_text, load_issues, normalise, pdf_text
from reportgen.source.translation import is_translated

REPORT = """\
year: 2012
language: fr
title: Rapport
publication_kinds:
  policy-paper: Note d'orientation
bodies:
  - name: Commission de la culture
    kind: commission
    activities:
      - title: Publications
        blocks:
          - type: publication
            kind: policy-paper
            title: La culture en ville
          - type: publication
            kind: study
            title: Les musées
"""

SHOWN = "Note d'orientation : La culture en ville Étude : Les musées"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("kinds")
    (folder / "report.yaml").write_text(REPORT, encoding="utf-8")
    return build_outputs(folder / "report.yaml", folder / "out")


def test_a_declared_kind_prints_its_word_in_every_format(built: dict[str, Path]) -> None:
    document = docx.Document(str(built["docx"]))
    word = "\n".join(paragraph.text for paragraph in document.paragraphs)
    for text in (pdf_text(built["pdf"]), word, html_text(built["html"])):
        assert normalise(SHOWN) in normalise(text)


def test_the_declared_words_are_translated() -> None:
    assert is_translated(("publication_kinds", "policy-paper"))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "kind: study",
            "kind: studdy",
            "F:16:19: error: bodies[0].activities[0].blocks[1].kind: `studdy` is not a kind of "
            "publication; use one of: publication, declaration, study, report, guide, "
            "policy-paper, or declare it with its word under `publication_kinds`; did you "
            "mean `study`?",
        ),
        (
            "kind: policy-paper",
            "kind: policy-papers",
            "F:13:19: error: bodies[0].activities[0].blocks[0].kind: `policy-papers` is not a "
            "kind of publication; use one of: publication, declaration, study, report, guide, "
            "policy-paper, or declare it with its word under `publication_kinds`; did you "
            "mean `policy-paper`?",
        ),
        (
            "  policy-paper: Note d'orientation\n",
            "  policy-paper: Note d'orientation\n  study: Étude savante\n",
            "F:6:3: error: publication_kinds.study: `study` is already a kind of publication; "
            "change the word printed for it under `labels` instead",
        ),
        (
            "  policy-paper: Note",
            "  Policy Paper: Note",
            "F:5:3: error: publication_kinds.Policy Paper: `Policy Paper` is not an id; write "
            "at most 40 lowercase letters, digits and hyphens, starting with a letter, as "
            "`policy-paper`",
        ),
    ],
)
def test_a_wrong_kind_is_a_located_error(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in REPORT
    assert load_issues(tmp_path, REPORT.replace(old, new)) == [message]
