"""Property: however the valid 2012 report is damaged, loading it either succeeds or
raises a ReportError whose every issue is located in the file; never another exception."""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reportgen
from conftest import REPORTS
from reportgen.errors import ReportWarning
from reportgen.source.loader import parse_yaml

Key = tuple[str | int, ...]
BASE, _ = parse_yaml((REPORTS / "2012.yaml").read_text(encoding="utf-8"), "2012.yaml")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def nodes(data: Any, path: Key = ()) -> list[Key]:
    """The path of every value in the document."""
    found = [path]
    children = (
        data.items()
        if isinstance(data, dict)
        else enumerate(data)
        if isinstance(data, list)
        else ()
    )
    for key, value in children:
        found += nodes(value, (*path, key))
    return found


PATHS = nodes(BASE)[1:]
KEYED = [path for path in PATHS if isinstance(path[-1], str)]
DATES = [path for path in KEYED if path[-1] == "date"]


def copy(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: copy(value) for key, value in data.items()}
    if isinstance(data, list):
        return [copy(value) for value in data]
    return data


def value_at(data: Any, path: Key) -> Any:
    for part in path:
        data = data[part]
    return data


def parent_of(data: Any, path: Key) -> Any:
    return value_at(data, path[:-1])


def load(data: Any, strict: bool = False) -> tuple[str, reportgen.Report | reportgen.ReportError]:
    """Dump `data` as YAML, load it; the file's name and the report or the error."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return str(path), _load(path, strict)


def _load(path: Path, strict: bool = False) -> reportgen.Report | reportgen.ReportError:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReportWarning)
        try:
            return reportgen.load(path, strict=strict)
        except reportgen.ReportError as error:
            return error


def assert_located(name: str, outcome: reportgen.Report | reportgen.ReportError) -> None:
    if isinstance(outcome, reportgen.ReportError):
        assert outcome.issues
        for issue in outcome.issues:
            assert issue.file == name
            assert issue.line >= 1 and issue.column >= 1, issue
            assert issue.message


def misspell(word: str, position: int, how: int) -> str:
    position %= len(word) or 1
    if how == 0:
        return word[:position] + word[position + 1 :]
    if how == 1:
        return word[:position] + word[position : position + 1] * 2 + word[position + 1 :]
    return (
        word[:position] + word[position + 1 : position + 2] + word[position] + word[position + 2 :]
    )


@SETTINGS
@given(st.sampled_from(KEYED), st.integers(0, 30), st.integers(0, 2))
def test_misspelt_keys(path: Key, position: int, how: int) -> None:
    data = copy(BASE)
    parent = parent_of(data, path)
    key = path[-1]
    assert isinstance(key, str)
    new = misspell(key, position, how)
    if new == key or new in parent or not new:
        return
    parent[new] = parent.pop(key)
    name, outcome = load(data)
    assert_located(name, outcome)
    assert isinstance(outcome, reportgen.ReportError)
    assert any(f"unknown key `{new}`" in issue.message for issue in outcome.issues)


VALUES = st.one_of(
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=2),
)


@SETTINGS
@given(st.sampled_from(PATHS), VALUES)
def test_values_replaced_by_other_types(path: Key, value: Any) -> None:
    data = copy(BASE)
    parent_of(data, path)[path[-1]] = value
    assert_located(*load(data))


@SETTINGS
@given(st.sampled_from(PATHS))
def test_deleted_nodes(path: Key) -> None:
    data = copy(BASE)
    del parent_of(data, path)[path[-1]]
    assert_located(*load(data))


LISTED = [path for path in PATHS if isinstance(path[-1], int)]


@SETTINGS
@given(st.sampled_from(LISTED))
def test_repeated_entries(path: Key) -> None:
    data = copy(BASE)
    entries = parent_of(data, path)
    entries.append(copy(entries[path[-1]]))
    assert_located(*load(data))


BROKEN_DATES = st.one_of(
    st.from_regex(r"\A\d{1,5}(-\d{1,3}(-\d{1,3})?)?(/\d{1,5}(-\d{1,3}(-\d{1,3})?)?)?\Z"),
    st.text(max_size=12),
    st.dates().map(lambda day: f"{day:%d/%m/%Y}"),
)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(DATES), BROKEN_DATES), min_size=1, max_size=3))
def test_broken_dates(changes: list[tuple[Key, str]]) -> None:
    data = copy(BASE)
    for path, value in changes:
        parent_of(data, path)[path[-1]] = value
    name, outcome = load(data)
    assert_located(name, outcome)


TEXT = (REPORTS / "2012.yaml").read_bytes()


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, len(TEXT)), st.binary(min_size=1, max_size=4)), max_size=4)
)
def test_bytes_inserted_anywhere(insertions: list[tuple[int, bytes]]) -> None:
    raw = TEXT
    for position, data in sorted(insertions, reverse=True):
        raw = raw[:position] + data + raw[position:]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutated.yaml"
        path.write_bytes(raw)
        assert_located(str(path), _load(path))


PLANTED = {
    ("bodies", 0, "upcoming"): (
        {"title": "Planted", "date": "2011-12-05"},
        "upcoming event dated `2011-12-05`, before the period",
    ),
    ("bodies", 0, "activities", 0, "blocks", 0, "items"): (
        {"text": "Planted", "date": "2010-05"},
        "`2010-05` is outside the period the report covers",
    ),
}
"""Where to add an entry the checks must find fault with, the entry, and the fault."""
PLAIN = st.characters(blacklist_categories=("Cc", "Cs"))
"""Text that YAML reads: a control character stops a file before its content is typed."""
TYPED_VALUES = st.one_of(
    st.integers(),
    st.floats(),
    st.booleans(),
    st.none(),
    st.text(PLAIN, max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(PLAIN, max_size=8), st.text(PLAIN, max_size=8), max_size=2),
)


@SETTINGS
@given(st.sampled_from(PATHS), TYPED_VALUES)
def test_a_type_error_elsewhere_does_not_hide_a_check(path: Key, value: Any) -> None:
    """One run tells every problem: each planted entry's fault is found whatever other
    value is damaged, unless the damage is to the entry, a node holding it, the `type`
    of a block holding it, or the year."""
    data = copy(BASE)
    planted = []
    for where, (entry, fault) in PLANTED.items():
        entries = value_at(data, where)
        entries.append(entry)
        planted.append(((*where, len(entries) - 1), fault))
    parent_of(data, path)[path[-1]] = value
    name, outcome = load(data, strict=True)
    assert_located(name, outcome)
    issues = outcome.issues if isinstance(outcome, reportgen.ReportError) else []
    for entry, fault in planted:
        holder = path[:-1] if path[-1] == "type" else path
        if holder != entry[: len(holder)] and path != ("year",):
            assert any(fault in issue.message for issue in issues), fault
