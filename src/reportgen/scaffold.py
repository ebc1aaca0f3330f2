"""A new year's report file made from last year's, editing the YAML text in place.

The text is edited rather than regenerated so that comments, key order, quoting and
folded paragraphs survive: only the year, each body's activities and its upcoming
events change. Last year's upcoming events become this year's activities to fill in.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from .errors import Issue, ReportError
from .loader import load, parse_yaml, validate

SCHEMA_COMMENT = "# yaml-language-server: $schema="

FILL_IN_TITLE = {
    "fr": "Activités à compléter",
    "en": "Activities to fill in",
    "es": "Actividades por completar",
}
"""The heading of the theme that holds last year's upcoming events."""

_FILL_IN_NOTE = (
    "# To fill in: last year's upcoming events. Say what happened, move each to its theme."
)
_EMPTY_ACTIVITIES = "[]  # To fill in: this year's activities, grouped by theme."
_EMPTY_UPCOMING = "[]  # To fill in: the coming events (title, date, place)."


def new_year(source: str | Path, target: str | Path, year: int, schema_url: str) -> Path:
    """Write `target`, the report of `year`, from the report file `source`.

    Never overwrites: if `target` exists, a ReportError says so and nothing is written.
    """
    target = Path(target)
    if target.exists():
        raise ReportError([Issue(str(target), 0, 0, "already exists; it was left as it is")])
    load(source)
    text = Path(source).read_text(encoding="utf-8").removeprefix("\ufeff")
    new_text = scaffold_text(text, year, schema_url)
    validate(*parse_yaml(new_text, str(target)), str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise ReportError(
            [Issue(str(target), 0, 0, "already exists; it was left as it is")]
        ) from None
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(new_text)
    return target


def scaffold_text(text: str, year: int, schema_url: str) -> str:
    """The text of a valid report, as `new_year` writes it."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)
    edits: list[tuple[int, int, str]] = []
    old_year = _get(root, "year")
    if old_year is not None:
        value = old_year[1]
        edits.append((value.start_mark.index, _end(text, value), str(year)))
        period = _get(root, "period")
        if period is not None:
            edits.append(_shifted_period(text, period[1], year - int(value.value)))
    language = _get(root, "language")
    title = FILL_IN_TITLE.get(language[1].value if language else "", FILL_IN_TITLE["en"])
    bodies = _get(root, "bodies")
    if bodies is not None and isinstance(bodies[1], yaml.SequenceNode):
        for body in bodies[1].value:
            if isinstance(body, yaml.MappingNode) and _get(body, "include") is None:
                edits += _body_edits(text, body, title)
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith(SCHEMA_COMMENT):
        lines = lines[1:]
    return f"{SCHEMA_COMMENT}{schema_url}\n" + "".join(lines)


def _body_edits(text: str, body: yaml.MappingNode, title: str) -> list[tuple[int, int, str]]:
    """Empty a body's upcoming events and offer them as its activities."""
    activities = _get(body, "activities")
    upcoming = _get(body, "upcoming")
    events = []
    edits = []
    if upcoming is not None:
        key, value = upcoming
        if isinstance(value, yaml.SequenceNode):
            events = [_moved_event(text, event) for event in value.value]
        edits.append(_replace_value(text, key, value, _EMPTY_UPCOMING))
    notes = [_FILL_IN_NOTE, *_last_themes(activities[1] if activities else None)]
    theme = [f"- title: {title}", "  blocks:"] + [
        "    - " + "\n      ".join(event) for event in events
    ]
    if activities is None:
        if upcoming is not None and events:
            column = upcoming[0].start_mark.column
            start = upcoming[0].start_mark.index
            block = _indented([*notes, *theme], column + 2)
            edits.append((start, start, f"activities:\n{block}\n{' ' * column}"))
        return edits
    key, value = activities
    column = key.start_mark.column + 2
    if not events:
        edits.append(
            _replace_value(
                text, key, value, _indented([_EMPTY_ACTIVITIES, *notes[1:]], column).lstrip(" ")
            )
        )
    elif isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        block = _indented([*notes, *theme], value.start_mark.column).lstrip(" ")
        edits.append((value.start_mark.index, _end(text, value), block))
    else:
        edits.append(_replace_value(text, key, value, "\n" + _indented([*notes, *theme], column)))
    return edits


def _last_themes(activities: yaml.Node | None) -> list[str]:
    """A comment naming last year's themes, which often come back."""
    titles = [
        title[1].value
        for theme in (activities.value if isinstance(activities, yaml.SequenceNode) else [])
        if (title := _get(theme, "title")) is not None and isinstance(title[1], yaml.ScalarNode)
    ]
    return [f"# Last year's themes: {' | '.join(titles)}"] if titles else []


def _moved_event(text: str, event: yaml.Node) -> list[str]:
    """The lines of an upcoming event as written, typed as an event block, from column 0."""
    column = event.start_mark.column
    lines = text[event.start_mark.index : _end(text, event)].split("\n")
    lines[1:] = [
        line[column:] if line[:column].strip() == "" else line.lstrip() for line in lines[1:]
    ]
    if isinstance(event, yaml.MappingNode) and event.flow_style:
        return ["{type: event, " + lines[0].removeprefix("{").lstrip(), *lines[1:]]
    return ["type: event", *lines]


def _indented(lines: list[str], column: int) -> str:
    """Lines (which may hold line breaks) indented to start at `column`."""
    pad = " " * column
    return "\n".join(pad + line if line else "" for part in lines for line in part.split("\n"))


def _replace_value(
    text: str, key: yaml.Node, value: yaml.Node, replacement: str
) -> tuple[int, int, str]:
    """An edit replacing what follows `key:` up to the end of its value."""
    colon = text.index(":", key.end_mark.index)
    end = max(colon + 1, _end(text, value))
    return (colon + 1, end, replacement if replacement.startswith("\n") else " " + replacement)


def _shifted_period(text: str, value: yaml.Node, years: int) -> tuple[int, int, str]:
    """The period moved on by `years`, its separator kept."""
    shifted = re.sub(r"\d{4}", lambda match: str(int(match[0]) + years), value.value)
    return (value.start_mark.index, _end(text, value), shifted)


def _get(mapping: yaml.Node, name: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The key and value nodes of `name` in a mapping node, if it is there."""
    if not isinstance(mapping, yaml.MappingNode):
        return None
    for key, value in mapping.value:
        if isinstance(key, yaml.ScalarNode) and key.value == name:
            return key, value
    return None


def _end(text: str, node: yaml.Node) -> int:
    """Where the text of a node ends, without the blank lines and comments after it."""
    last = node
    while isinstance(last, yaml.CollectionNode) and last.value and not last.flow_style:
        child = last.value[-1]
        last = child[1] if isinstance(last, yaml.MappingNode) else child
    end = last.end_mark.index
    while end > last.start_mark.index and text[end - 1].isspace():
        end -= 1
    return end
