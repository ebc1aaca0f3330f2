"""An activity shared by two bodies: a theme written once, with `also_in`, printed in both
chapters and marked as joint with the other body in every format; counted once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import reportgen
from conftest import build_outputs
from readers import docx_text_pandoc, html_text, load_issues, normalise

REPORT = """\
year: 2012
language: en
title: Report
bodies:
  - name: Committee on Culture
    id: culture
    kind: committee
    activities:
      - title: Museums online
        also_in: [water]
        blocks:
          - type: paragraph
            text: Twelve archives went online.
      - title: Festivals
        blocks:
          - type: paragraph
            text: Three festivals.
  - name: Working Group on Water
    id: water
    kind: working-group
    activities:
      - title: Wells
        blocks:
          - type: paragraph
            text: Ten wells.
"""

CULTURE = (
    "Museums online Joint activity with the Working Group on Water Twelve archives went "
    "online. Festivals Three festivals."
)
WATER = (
    "Wells Ten wells. Museums online Joint activity with the Committee on Culture Twelve "
    "archives went online."
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("shared")
    (folder / "report.yaml").write_text(REPORT, encoding="utf-8")
    return build_outputs(folder / "report.yaml", folder / "out")


def _pdf(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.parametrize(
    "read",
    [
        pytest.param(lambda built: _pdf(built["pdf"]), id="pdf"),
        pytest.param(lambda built: docx_text_pandoc(built["docx"]), id="docx"),
        pytest.param(lambda built: html_text(built["html"]), id="html"),
    ],
)
def test_the_theme_is_in_both_chapters_marked_as_joint(
    built: dict[str, Path], read: object
) -> None:
    text = normalise(read(built))  # type: ignore[operator]
    assert CULTURE in text and WATER in text
    assert text.index(CULTURE) < text.index(WATER)
    assert text.count("Twelve archives went online.") == 2


def test_it_is_written_once_and_translated_once(tmp_path: Path) -> None:
    source = tmp_path / "report.yaml"
    source.write_text(REPORT, encoding="utf-8")
    report = reportgen.load(source)
    themes = [theme.title for body in report.bodies for theme in body.activities]
    assert themes.count("Museums online") == 1
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("reportgen")),
            "translate",
            str(source),
            "--to",
            "fr",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    catalogue = (tmp_path / "translations" / "report.fr.po").read_text(encoding="utf-8")
    assert catalogue.count('msgid "Twelve archives went online."') == 1


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "also_in: [water]",
            "also_in: [watre]",
            "F:10:19: error: bodies[0].activities[0].also_in[0]: no body has the id `watre`; "
            "did you mean `water`?",
        ),
        (
            "also_in: [water]",
            "also_in: [roads]",
            "F:10:19: error: bodies[0].activities[0].also_in[0]: no body has the id `roads`; "
            "give that body `id: roads`",
        ),
        (
            "also_in: [water]",
            "also_in: [culture]",
            "F:10:19: error: bodies[0].activities[0].also_in[0]: `culture` is this theme's own "
            "body; remove it",
        ),
    ],
)
def test_a_wrong_body_is_a_located_error(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert load_issues(tmp_path, REPORT.replace(old, new)) == [message]
