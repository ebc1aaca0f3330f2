"""The content blocks in the model and the shared context: validation, sorting, formatting."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import pytest
from pydantic import BaseModel

import reportgen
from conftest import REPORTS
from reportgen.model import BLOCK_TYPES, Block, Report
from reportgen.model.markup import to_text
from reportgen.view.context import FiguresView, GroupedView, ListView, build_context


def report(blocks: list[dict[str, Any]], language: str = "en", **extra: Any) -> Report:
    return Report.model_validate(
        {
            "year": 2013,
            "language": language,
            "title": "Report",
            "bodies": [{"name": "Committee", "kind": "committee", "introduction": blocks}],
            **extra,
        }
    )


def test_block_types_are_the_discriminators() -> None:
    union = get_args(get_args(Block)[0])
    assert tuple(model.model_fields["type"].annotation.__args__[0] for model in union) == (
        BLOCK_TYPES
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["4\u202f500", "12,5\u00a0%", "3\u00a0km"]),
        ("en", ["4,500", "12.5%", "3\u00a0km"]),
        ("es", ["4.500", "12,5\u00a0%", "3\u00a0km"]),
    ],
)
def test_key_figures_are_formatted_the_languages_way(language: str, expected: list[str]) -> None:
    figures = [
        {"value": "4500", "label": "cities"},
        {"value": "12.5", "unit": "%", "label": "more"},
        {"value": "3", "unit": "km", "label": "of cable"},
    ]
    (view,) = (
        build_context(report([{"type": "figures", "items": figures}], language))
        .bodies[0]
        .introduction
    )
    assert isinstance(view, FiguresView)
    assert [figure.value for figure in view.items] == expected


def test_chronology_is_sorted_and_grouped() -> None:
    entries = [
        {"date": "2013-03", "text": "c"},
        {"date": "2011-05-02", "text": "a"},
        {"date": "2013-01-10/2013-02-02", "text": "b"},
    ]
    by_year = [{"type": "chronology", "entries": entries}]
    (view,) = build_context(report(by_year)).bodies[0].introduction
    assert isinstance(view, GroupedView)
    assert [group.heading for group in view.groups] == ["2011", "2013"]
    assert [to_text(entry) for entry in view.groups[1].entries] == [
        "January 10\u2009–\u2009February 2, 2013: b",
        "March 2013: c",
    ]
    by_month = [{"type": "chronology", "group_by": "month", "entries": entries}]
    (view,) = build_context(report(by_month, "fr")).bodies[0].introduction
    assert isinstance(view, GroupedView)
    assert [group.heading for group in view.groups] == ["Mai 2011", "Janvier 2013", "Mars 2013"]


def test_chronology_of_mixed_precisions_sorts_a_year_before_its_months_before_its_days() -> None:
    written = ["2012-03-13", "2012-04", "2012-03", "2012/2013", "2012", "2012-03/2012-03-20"]
    entries = [{"date": when, "text": when} for when in written]
    by_month = [{"type": "chronology", "group_by": "month", "entries": entries}]
    (view,) = build_context(report(by_month)).bodies[0].introduction
    assert isinstance(view, GroupedView)
    assert [
        (group.heading, [to_text(entry).rpartition(": ")[2] for entry in group.entries])
        for group in view.groups
    ] == [
        ("2012", ["2012", "2012/2013"]),
        ("March 2012", ["2012-03", "2012-03/2012-03-20", "2012-03-13"]),
        ("April 2012", ["2012-04"]),
    ]


def test_members_are_grouped_by_country_in_the_reports_language() -> None:
    members = [
        {"name": "Zaragoza", "country": "ES"},
        {"name": "Dakar", "country": "SN"},
        {"name": "Bilbao", "country": "ES"},
        {"name": "Quito", "country": "Équateur (invented spelling)"},
    ]
    (view,) = (
        build_context(report([{"type": "members", "members": members}], "fr"))
        .bodies[0]
        .introduction
    )
    assert isinstance(view, GroupedView)
    assert [(g.heading, [to_text(e) for e in g.entries]) for g in view.groups] == [
        ("Équateur (invented spelling)", ["Quito"]),
        ("Espagne", ["Bilbao", "Zaragoza"]),
        ("Sénégal", ["Dakar"]),
    ]


def test_nested_list_items() -> None:
    items = ["one", {"text": "two", "items": ["two a", {"text": "two b"}]}]
    (view,) = (
        build_context(report([{"type": "list", "ordered": True, "items": items}]))
        .bodies[0]
        .introduction
    )
    assert isinstance(view, ListView) and view.ordered
    assert [to_text(item.spans) for item in view.items[1].items] == ["two a", "two b"]


def test_period_replaces_the_year() -> None:
    context = build_context(report([], period="2011-2013"))
    assert context.full_title == "Report 2011–2013"
    assert context.labels["activities"] == "Activities in 2011–2013"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "report.yaml"
    head = "year: 2013\nlanguage: en\ntitle: T\nbodies:\n  - name: B\n    kind: committee\n"
    path.write_text(head + body, encoding="utf-8")
    return path


BAD = {
    "table row": (
        "    introduction:\n      - type: table\n        header: [a, b]\n"
        "        rows:\n          - [1, 2]\n          - [3]\n",
        "F:8:9: error: bodies[0].introduction[0]: row 2 has 1 cells but the header has 2",
    ),
    "image outside": (
        "    introduction:\n      - type: image\n        path: ../secret.png\n        alt: x\n",
        "F:9:15: error: bodies[0].introduction[0].path: `../secret.png` must be a path "
        "relative to the report's folder, inside it",
    ),
    "image without alt": (
        "    introduction:\n      - type: image\n        path: a.png\n",
        "F:8:9: error: bodies[0].introduction[0].alt: missing required key `alt`\n"
        "F:9:15: error: bodies[0].introduction[0].path: no such file `a.png` in the report's "
        "folder",
    ),
    "unknown block": (
        "    introduction:\n      - type: tabel\n",
        "F:8:9: error: bodies[0].introduction[0]: unknown block type `tabel`; use one of: "
        + ", ".join(BLOCK_TYPES)
        + "; did you mean `table`?",
    ),
    "figure too long": (
        "    introduction:\n      - type: figures\n        items:\n"
        "          - {value: 1e30, label: x}\n",
        "F:10:21: error: bodies[0].introduction[0].items[0].value: `1e30` has more than 15 "
        "digits; a figure has at most 15",
    ),
    "period backwards": (
        "period: 2013-2011\n",
        "F:5:11: warning: bodies[0].name: `B` has no content; give it at least one of: "
        "introduction, activities, upcoming, action_plan, annexes\n"
        "F:7:9: error: period: the period `2013-2011` must end after it starts",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_blocks_give_located_errors(tmp_path: Path, case: str) -> None:
    text, expected = BAD[case]
    path = write(tmp_path, text)
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.load(path)
    assert [str(issue).replace(str(path), "F") for issue in caught.value.issues] == (
        expected.split("\n")
    )


def block_types_in(value: Any) -> set[str]:
    """The `type` of every block anywhere in a loaded report."""
    if isinstance(value, list | tuple):
        return set().union(*(block_types_in(item) for item in value))
    if not isinstance(value, BaseModel):
        return set()
    found = {value.type} if isinstance(value, get_args(get_args(Block)[0])) else set()
    fields = type(value).model_fields
    return found.union(*(block_types_in(getattr(value, name)) for name in fields))


def test_the_english_example_uses_every_block_type_and_says_it_is_invented() -> None:
    source = REPORTS / "example-en.yaml"
    report = reportgen.load(source)
    assert block_types_in(report) == set(BLOCK_TYPES)
    assert report.language == "en-GB" and len(report.bodies) >= 2
    assert "INVENTED" in source.read_text(encoding="utf-8")
    assert report.note is not None and "invented" in report.note
