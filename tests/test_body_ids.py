"""A body's `id`: a lowercase slug, unique in the report, that anchors its chapter in HTML
and names it in other fields; bodies without one keep their old anchors."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

import reportgen
from conftest import EPOCH
from readers import load_issues

REPORT = """\
year: 2012
language: en
title: Report
bodies:
  - name: Committee on Culture
    id: culture
    kind: committee
    introduction: About culture.
  - name: Working Group on Water
    kind: working-group
    introduction: About water.
"""


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article" and values.get("id"):
            self.ids.append(str(values["id"]))
        if tag == "a" and str(values.get("href", "")).startswith("#"):
            self.links.append(str(values["href"])[1:])


def test_an_id_anchors_its_chapter_and_others_keep_theirs(tmp_path: Path) -> None:
    source = tmp_path / "report.yaml"
    source.write_text(REPORT, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        (html,) = reportgen.build([source], tmp_path / "out", formats=["html"])
    anchors = _Anchors()
    anchors.feed(html.read_text(encoding="utf-8"))
    assert anchors.ids == ["culture", "body-2-working-group-on-water"]
    assert set(anchors.ids) <= set(anchors.links)


def test_a_taken_id_does_not_take_another_bodys_anchor(tmp_path: Path) -> None:
    text = REPORT.replace("id: culture", "id: body-2-working-group-on-water")
    source = tmp_path / "report.yaml"
    source.write_text(text, encoding="utf-8")
    (html,) = reportgen.build([source], tmp_path / "out", formats=["html"])
    anchors = _Anchors()
    anchors.feed(html.read_text(encoding="utf-8"))
    assert len(set(anchors.ids)) == 2


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "Culture Committee",
            "F:6:9: error: bodies[0].id: `Culture Committee` is not an id; write at most 40 "
            "lowercase letters, digits and hyphens, starting with a letter, as "
            "`culture-committee`",
        ),
        (
            "2013-water",
            "F:6:9: error: bodies[0].id: `2013-water` is not an id; write at most 40 lowercase "
            "letters, digits and hyphens, starting with a letter, as `culture`",
        ),
        (
            "a" * 41,
            f"F:6:9: error: bodies[0].id: `{'a' * 41}` is not an id; write at most 40 lowercase "
            f"letters, digits and hyphens, starting with a letter, as `{'a' * 40}`",
        ),
    ],
)
def test_an_id_of_a_bad_form_is_a_located_error(tmp_path: Path, written: str, message: str) -> None:
    text = REPORT.replace("id: culture", f"id: {written}")
    assert load_issues(tmp_path, text) == [message]


def test_a_duplicate_id_is_a_located_error(tmp_path: Path) -> None:
    text = REPORT.replace("kind: working-group", "id: culture\n    kind: working-group")
    assert load_issues(tmp_path, text) == [
        "F:10:9: error: bodies[1].id: id `culture` is already the id of bodies[0] (line 6); "
        "give each body its own"
    ]
