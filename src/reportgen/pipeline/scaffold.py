"""A new year's report file made from last year's, editing the YAML text in place.

The text is edited rather than regenerated so that comments, key order, quoting and
folded paragraphs survive: only the year, each body's activities and its upcoming
events change. Last year's upcoming events become this year's activities to fill in.
"""

from __future__ import annotations

import os
import re
import typing
import unicodedata
from pathlib import Path

import yaml

from ..errors import Issue, ReportError
from ..model import BodyKind, Language, OfficerRole
from ..source.loader import load_source
from ..view.language import rules

SCHEMA_COMMENT = "# yaml-language-server: $schema="

_FILL_IN_NOTE = (
    "# To fill in: last year's upcoming events. Say what happened, move each to its theme."
)
_EMPTY_ACTIVITIES = "[]  # To fill in: this year's activities, grouped by theme."
_EMPTY_UPCOMING = "[]  # To fill in: the coming events (title, date, place)."
_LAST_THEMES = "# Last year's themes: "
_OUR_NOTES = re.compile(
    r"^[ \t]*(?:# To fill in: last year's upcoming events\..*|# Last year's themes: .*)\n"
    r"|[ \t]*# To fill in: (?:this year's activities|the coming events)\b.*$",
    re.MULTILINE,
)
"""The notes a previous `new` wrote: last year's to-do, replaced by this year's."""


def new_year(
    source: str | Path, target: str | Path, year: int, schema_url: str
) -> tuple[list[Path], list[Issue]]:
    """Write `target`, the report of `year`, from the report file `source`; return the files
    written and the new report's warnings (what is left to fill in).

    Each body that `source` includes from a file gets a new file too, named after the new
    year. Nothing is ever overwritten: if a file to write exists, nothing is written.
    """
    source, target = Path(source), Path(target)
    old = load_source(source)
    if year <= old.report.year:
        message = f"is the report of {old.report.year}; the new year must come after it"
        raise ReportError([Issue(str(source), 0, 0, f"{message}, not {year}")])
    texts = dict(old.texts())
    text = texts[source.name].decode("utf-8").removeprefix("\ufeff")
    new_text, includes = scaffold_text(text, year, schema_url, old.report.year, old.report.language)
    files = {target: new_text}
    for old_name, new_name in includes:
        body = texts[Path(os.path.normpath(old_name)).as_posix()]
        body_text = body.decode("utf-8").removeprefix("\ufeff")
        files[target.parent / new_name] = scaffold_body_text(body_text, old.report.language)
    existing = [path for path in files if path.exists()]
    if existing:
        raise ReportError(
            [Issue(str(path), 0, 0, "already exists; it was left as it is") for path in existing]
        )
    written: list[Path] = []
    try:
        for path, content in reversed(files.items()):
            _create(path, content)
            written.append(path)
        found = load_source(target).warnings
    except BaseException:
        for path in written:
            path.unlink()
        raise
    return list(files), list(found)


def _create(path: Path, content: str) -> None:
    """Write a new file; FileExistsError if it appeared meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(content)


def scaffold_text(
    text: str, year: int, schema_url: str, old_year: int, language: Language
) -> tuple[str, list[tuple[str, str]]]:
    """The new report's text, and each included body file with the name it gets."""
    text = _OUR_NOTES.sub("", text)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)
    edits: list[tuple[int, int, str]] = []
    includes: list[tuple[str, str]] = []
    for name in ("year", "period"):  # a period such as 2011-2013 moves on with the year
        found = _get(root, name)
        if found is not None:
            node = found[1]
            later = re.sub(r"\d{4}", lambda m: str(int(m[0]) + year - old_year), node.value)
            edits.append((node.start_mark.index, _end(text, node), later))
    title = rules(language)["fill_in_title"]
    bodies = _get(root, "bodies")
    for body in bodies[1].value if bodies and isinstance(bodies[1], yaml.SequenceNode) else []:
        include = _get(body, "include")
        if include is not None:
            node = include[1]
            renamed = _next_name(node.value, old_year, year)
            includes.append((node.value, renamed))
            edits.append((node.start_mark.index, _end(text, node), renamed))
        elif isinstance(body, yaml.MappingNode):
            edits += _body_edits(text, body, title)
    text = _apply(text, edits)
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith(SCHEMA_COMMENT):
        lines = lines[1:]
    return f"{SCHEMA_COMMENT}{schema_url}\n" + "".join(lines), includes


def scaffold_body_text(text: str, language: Language) -> str:
    """The new text of a body file that a report includes."""
    text = _OUR_NOTES.sub("", text)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)
    return _apply(text, _body_edits(text, root, rules(language)["fill_in_title"]))


def _next_name(name: str, old_year: int, year: int) -> str:
    """`bodies/culture-2012.yaml` becomes `bodies/culture-2013.yaml`; else the year is added."""
    path = Path(name)
    if str(old_year) in path.name:
        return str(path.with_name(path.name.replace(str(old_year), str(year))))
    return str(path.with_name(f"{path.stem}-{year}{path.suffix}"))


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


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
    notes = [_FILL_IN_NOTE, *_last_themes(activities[1] if activities else None, title)]
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


def _last_themes(activities: yaml.Node | None, fill_in_title: str) -> list[str]:
    """A comment naming last year's themes, which often come back (not the theme `new`
    itself made for them to fill in)."""
    titles = [
        title[1].value
        for theme in (activities.value if isinstance(activities, yaml.SequenceNode) else [])
        if (title := _get(theme, "title")) is not None
        and isinstance(title[1], yaml.ScalarNode)
        and title[1].value != fill_in_title
    ]
    return [_LAST_THEMES + " | ".join(titles)] if titles else []


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


def new_body(name: str, target: str | Path, kind: str = "commission") -> Path:
    """Write `target`, a body file to fill in for the body `name`, ready for `include:`;
    never over an existing file (a ReportError says so)."""
    target = Path(target)
    if target.exists():
        raise ReportError([Issue(str(target), 0, 0, "already exists; it was left as it is")])
    kinds = ", ".join(typing.get_args(BodyKind))
    roles = ", ".join(typing.get_args(OfficerRole))
    text = _BODY_TEMPLATE.format(
        name=_quoted(name), kind=kind, kinds=kinds, roles=roles, file=target.name
    )
    _create(target, text)
    return target


def body_file_name(name: str) -> str:
    """`Working Group on Culture` → `working-group-on-culture.yaml`."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return (re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "body") + ".yaml"


def _quoted(text: str) -> str:
    """`text` as a YAML scalar, quoted only where it must be."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=10_000)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


_BODY_TEMPLATE = """\
# One body's year: a chapter of the yearly report, kept in its own file.
# Add it to the report, under `bodies:`, as:   - include: bodies/{file}
# Fill in what is marked "To fill in", remove the "#" before the lines you use, and check
# with `reportgen validate` on the report. Every key is explained in docs/reference.md.
name: {name}
kind: {kind}  # one of: {kinds}
# officers:  # To fill in: who leads the body, in order
#   - role: president  # one of: {roles}
#     name: Ana Example
#     title: Mayor of Sampleville
# introduction: >-
#   To fill in: what the body is for, in a few sentences. **Bold** and *italic* work.
activities: []  # To fill in: this year's activities, grouped by theme, for example:
#   - title: Meetings
#     blocks:
#       - type: paragraph
#         text: The members met twice, in Sampleville and in Exampleton.
upcoming: []  # To fill in: the coming events, for example:
#   - {{title: Annual meeting, date: 2013-12-05, place: Dakar}}
# links:
#   - {{label: The body's page, url: "https://example.org/"}}
"""
