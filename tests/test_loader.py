"""The loader: broken files give exact located issues; plain YAML only."""

from __future__ import annotations

from pathlib import Path

import pytest

import reportgen
from conftest import REPORTS
from readers import load_issues

VALID = """\
year: 2012
language: fr
title: Rapport
bodies:
  - name: Commission
    kind: commission
    upcoming:
      - title: Réunion
        date: 2012-12-05
"""


def test_valid_minimal_report(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(VALID, encoding="utf-8")
    report = reportgen.load(path)
    assert report.year == 2012
    assert str(report.bodies[0].upcoming[0].date) == "2012-12-05"


def test_the_2012_report_loads() -> None:
    report = reportgen.load(REPORTS / "2012.yaml")
    body = report.bodies[0]
    assert [theme.title for theme in body.activities] == [
        "Relation avec des autres Commissions et CGLU",
        "Sensibilisation et diffusion",
        "Publications et études",
        "Communication",
        "Réunions",
    ]
    assert [str(event.date) for event in body.upcoming] == [
        "2012-12-05",
        "2013-02-01",
        "2013-03",
        "2013-06-13/2013-06-14",
    ]
    assert body.officers[0].name == "M. Iñaki Azkuna"


CASES = {
    "bad date": (
        VALID.replace("2012-12-05", "2012-13-45"),
        [
            "F:9:15: error: bodies[0].upcoming[0].date: `2012-13-45` is not a valid date: "
            "month 13 does not exist; write YYYY, YYYY-MM or YYYY-MM-DD, or START/END for a range"
        ],
    ),
    "range backwards": (
        VALID.replace("2012-12-05", "2012-12-05/2012-11-30"),
        [
            "F:9:15: error: bodies[0].upcoming[0].date: "
            "the range `2012-12-05/2012-11-30` ends before it starts"
        ],
    ),
    "unknown key": (
        VALID.replace("    kind:", "    introdution: Bonjour\n    kind:"),
        [
            "F:6:5: error: bodies[0].introdution: unknown key `introdution`; "
            "did you mean `introduction`?"
        ],
    ),
    "bad enum": (
        VALID.replace("kind: commission", "kind: commision"),
        [
            "F:6:11: error: bodies[0].kind: `commision` is not one of: commission, "
            "working-group, committee, network, task-force; did you mean `commission`?"
        ],
    ),
    "missing field": (
        VALID.replace("title: Rapport\n", ""),
        ["F:1:1: error: title: missing required key `title`"],
    ),
    "wrong type": (
        VALID.replace("year: 2012", "year: [2012]"),
        ["F:1:7: error: year: expected a whole number, got a list"],
    ),
    "several at once": (
        VALID.replace("language: fr", "language: de").replace("2012-12-05", "2012-02-30"),
        [
            "F:2:11: error: language: `de` is not one of: fr, en, en-GB, en-US, es",
            "F:9:15: error: bodies[0].upcoming[0].date: `2012-02-30` is not a valid date: "
            "day 30 does not exist in 2012-02; write YYYY, YYYY-MM or YYYY-MM-DD, "
            "or START/END for a range",
        ],
    ),
    "duplicate key": (
        VALID + "year: 2013\n",
        ["F:10:1: error: year: key `year` is written twice (first on line 1); keep one of them"],
    ),
    "yaml syntax": (
        VALID.replace("  - name: Commission", "  - name: [Commission"),
        [
            "F:5:11: error: the `[` that opens here is never closed with `]`; if this is text, "
            "put the whole text in quotes"
        ],
    ),
    "python tag": (
        VALID.replace("title: Rapport", "title: !!python/object/apply:os.system ['true']"),
        [
            "F:3:8: error: title: tag `tag:yaml.org,2002:python/object/apply:os.system` "
            "is not allowed; use plain YAML"
        ],
    ),
    "empty file": (
        "",
        [
            "F:1:1: error: the file is empty; a report needs `year`, `language`, `title` "
            "and `bodies`"
        ],
    ),
    "not utf-8": (
        VALID.encode("utf-8").replace(b"Rapport", b"Rapp\xe9rt"),
        ["F:3:12: error: not valid UTF-8 (byte 0xE9); save the file as UTF-8"],
    ),
    "duplicate body": (
        VALID + VALID[VALID.index("  - name:") :],
        [
            "F:10:11: error: bodies[1].name: body `Commission` appears more than once, first "
            "as bodies[0]; rename or remove one"
        ],
    ),
    "not a mapping": (
        "- 2012\n",
        ["F:1:1: error: a report must be a mapping of keys"],
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_file_gives_exact_located_issues(tmp_path: Path, name: str) -> None:
    text, expected = CASES[name]
    assert load_issues(tmp_path, text) == expected


def test_missing_file() -> None:
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.load("no/such/report.yaml")
    assert str(caught.value) == "no/such/report.yaml: error: no such file"


def test_norway_and_timestamps_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        VALID.replace("        date: 2012-12-05", "        date: 2012-12-05\n        place: no"),
        encoding="utf-8",
    )
    event = reportgen.load(path).bodies[0].upcoming[0]
    assert event.place == "no"
    assert event.date.start.day == 5


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\x85"], ids=["LF", "CRLF", "CR", "NEL"])
def test_a_bad_link_is_located_at_its_target_whatever_the_line_breaks(
    tmp_path: Path, newline: str
) -> None:
    text = VALID.replace(
        "    upcoming:", "    introduction: Über uns,\n      see [x](javascript:y)\n    upcoming:"
    )
    path = tmp_path / "report.yaml"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.load(path)
    assert [(issue.line, issue.column) for issue in caught.value.issues] == [(8, 15)]


def test_a_bad_link_in_an_included_body_is_located_there(tmp_path: Path) -> None:
    (tmp_path / "body.yaml").write_text(
        "name: B\nkind: committee\nintroduction: |\n  Text.\n"
        "  [x](javascript:y) and [z](javascript:y)\n",
        encoding="utf-8",
    )
    path = tmp_path / "report.yaml"
    path.write_text(VALID + "  - include: body.yaml\n", encoding="utf-8")
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.load(path)
    assert [(Path(issue.file).name, issue.line, issue.column) for issue in caught.value.issues] == [
        ("body.yaml", 5, 7),
        ("body.yaml", 5, 29),
    ]
