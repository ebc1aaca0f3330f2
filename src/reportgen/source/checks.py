"""Checks of a typed report beyond its types: dates against the report's period,
duplicates, empty sections, link targets. Each finding is a located Issue.

The checks see the model and ask `where` a value was written, so they need no YAML
and no files. A report with type errors is checked on its valid parts (a Partial),
so that one run tells every problem; nothing is said of a part that is not valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from pydantic import BaseModel

from ..errors import Issue, Severity
from ..model import (
    PUBLICATION_KINDS,
    Annex,
    Body,
    BulletList,
    DateSpan,
    Event,
    Heading,
    ListItem,
    Publication,
    Report,
    Theme,
    YearPeriod,
    markup,
)
from .suggest import closest

PathKey = tuple[str | int, ...]


class Where(Protocol):
    """Where the values of the report were written: FILE, LINE, COL."""

    def locate(self, path: PathKey, key: bool = False) -> tuple[str, int, int]: ...

    def locate_link(
        self, path: PathKey, target: str, occurrence: int = 0
    ) -> tuple[str, int, int]: ...


@dataclass(frozen=True)
class Partial:
    """The valid part of a value that is not valid as a `model`: its fields that are
    valid, typed (a list holds None for each item that is not valid, or a Partial),
    and the names of the fields that are written but not valid."""

    model: type[BaseModel]
    fields: dict[str, Any]
    invalid: frozenset[str]


def check_report(report: Report | Partial, where: Where) -> list[Issue]:
    """Every finding about `report`, warnings and errors, in no particular order."""
    found = _Findings(where)
    fields = _fields(report)
    year, period = fields.get("year"), fields.get("period")
    _check_year_and_labels(found, year, period, fields.get("labels", {}))
    years = period or (YearPeriod(year, year) if year is not None else None)
    if isinstance(report, Partial) and "period" in report.invalid:
        years = None  # the years the report covers are not known
    _check_body_ids(found, fields.get("bodies", []))
    foreword_invalid = isinstance(report, Partial) and "foreword" in report.invalid
    if fields.get("signature") and not fields.get("foreword") and not foreword_invalid:
        found.add(
            "error",
            ("signature",),
            "`signature` signs the foreword, which this report does not have; write a "
            "`foreword`, or remove the signature",
            key=True,
        )
    ids = _body_ids(report)
    for index, body in enumerate(fields.get("bodies", [])):
        path: PathKey = ("bodies", index)
        if years and body is not None:
            _check_dates(found, _fields(body), path, years)
        if isinstance(body, Body):
            _check_body_has_content(found, body, path)
    kinds = _check_publication_kinds(found, fields.get("publication_kinds", {}))
    if isinstance(report, Partial) and "publication_kinds" in report.invalid:
        kinds = []  # the kinds the report declares are not known: no kind is checked
    for path, node in _walk(report, ()):
        if kinds and isinstance(node, BaseModel | Partial) and _model(node) is Publication:
            _check_publication_kind(found, _fields(node).get("kind"), (*path, "kind"), kinds)
        if isinstance(node, BaseModel | Partial):
            _check_empty_fields(found, _fields(node), path)
            _check_notes_placed(found, node, path)
        elif isinstance(node, list) and path != ("bodies",):  # the model refuses those
            _check_duplicates(found, node, path)
        elif isinstance(node, str):
            _check_links(found, node, path, ids)
            _check_nested_notes(found, node, path)
            _check_long_words(found, node, path)
    return found.issues


def _model(node: BaseModel | Partial) -> type[BaseModel]:
    return node.model if isinstance(node, Partial) else type(node)


def _fields(node: BaseModel | Partial) -> dict[str, Any]:
    """The fields written of a model, or the valid ones of a Partial."""
    if isinstance(node, Partial):
        return node.fields
    return {name: getattr(node, name) for name in node.model_fields_set}


class _Findings:
    def __init__(self, where: Where) -> None:
        self.where = where
        self.issues: list[Issue] = []

    def add(
        self,
        severity: Severity,
        path: PathKey,
        message: str,
        key: bool = False,
        place: tuple[str, int, int] | None = None,
    ) -> None:
        """An issue at `path`, located at its value (its key if `key`) or at `place`."""
        name, line, column = place or self.where.locate(path, key)
        self.issues.append(Issue(name, line, column, message, _format(path), severity))

    def line(self, path: PathKey) -> int:
        return self.where.locate(path)[1]


def _format(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _walk(node: Any, path: PathKey) -> Iterator[tuple[PathKey, Any]]:
    """Every model, list and text of the report with its path."""
    yield path, node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name), (*path, name))
    elif isinstance(node, Partial):
        for name, value in node.fields.items():
            yield from _walk(value, (*path, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, (*path, index))
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, (*path, key))


# --- dates ----------------------------------------------------------------------


PLACEHOLDERS = {
    "page_of": ("page", "pages", "year"),
    "attached_to": ("kind", "parent", "year"),
    "joint_with": ("bodies", "year"),
}
"""The placeholders a label may hold, where they are not only `{year}`."""


def _check_year_and_labels(
    found: _Findings, year: int | None, period: YearPeriod | None, labels: dict[str, str]
) -> None:
    if year is not None and period and period.last != year:
        found.add(
            "warning",
            ("year",),
            f"`{year}` is not the last year of the period `{period}`; write `year: {period.last}`",
        )
    for key, text in labels.items():
        allowed = PLACEHOLDERS.get(key, ("year",))
        for placeholder in re.findall(r"\{([^{}]*)\}", text):
            if placeholder not in allowed:
                names = [f"`{{{name}}}`" for name in allowed]
                which = (
                    f"the only placeholder is {names[0]}"
                    if len(names) == 1
                    else f"its placeholders are {', '.join(names[:-1])} and {names[-1]}"
                )
                found.add(
                    "warning", ("labels", key), f"`{{{placeholder}}}` is left as it is; {which}"
                )


def _check_dates(found: _Findings, body: dict[str, Any], path: PathKey, years: YearPeriod) -> None:
    """Dated activities outside the years the report covers; upcoming events before them.
    `body` holds the fields of a body (the valid ones, if it is not valid). A theme of
    background or plans (`background: true`) and the introduction and action plan, which
    are not the year's activities, are left out."""
    start, end = date(years.first, 1, 1), date(years.last, 12, 31)
    covered = f"{years.first}–{years.last}" if years.first != years.last else str(years.first)
    for index, theme in enumerate(body.get("activities", [])):
        fields = _fields(theme) if theme is not None else {}
        blocks = [] if fields.get("background") else fields.get("blocks", [])
        for dated_path, span in _dated(blocks, (*path, "activities", index, "blocks")):
            if span.end.last_day < start or span.start.first_day > end:
                found.add(
                    "warning",
                    dated_path,
                    f"`{span}` is outside the period the report covers ({covered}); "
                    "correct the date, or move the entry to the report of its year (or, for "
                    "background or plans, mark its theme `background: true`)",
                )
    for index, event in enumerate(body.get("upcoming", [])):
        when = _fields(event).get("date") if event is not None else None
        if isinstance(when, DateSpan) and when.end.last_day < start:
            found.add(
                "error",
                (*path, "upcoming", index, "date"),
                f"upcoming event dated `{when}`, before the period the report covers "
                f"({covered}); correct the date, or move it to `activities`",
            )


def _dated(nodes: list[Any], path: PathKey) -> Iterator[tuple[PathKey, DateSpan]]:
    """The dates of activity entries: list items (nested too), events, publications;
    not those of events to be confirmed (`tbc`).

    Chronologies are left out: they may tell a history older than the report.
    """
    for index, node in enumerate(nodes):
        if node is None:
            continue
        here, kind, fields = (*path, index), _model(node), _fields(node)
        if kind in {Event, Publication, ListItem} and isinstance(fields.get("date"), DateSpan):
            yield (*here, "date"), fields["date"]
        if kind in {BulletList, ListItem}:
            yield from _dated(fields.get("items", []), (*here, "items"))


# --- kinds of publication ------------------------------------------------------------


def _check_publication_kinds(found: _Findings, declared: dict[str, str]) -> list[str]:
    """The kinds a publication may have: the built-in ones and those the report declares,
    which must not be built-in ones."""
    for kind in declared:
        if kind in PUBLICATION_KINDS:
            found.add(
                "error",
                ("publication_kinds", kind),
                f"`{kind}` is already a kind of publication; change the word printed for it "
                f"under `labels` instead",
                key=True,
            )
    return [*PUBLICATION_KINDS, *(kind for kind in declared if kind not in PUBLICATION_KINDS)]


def _check_publication_kind(found: _Findings, kind: Any, path: PathKey, kinds: list[str]) -> None:
    if not isinstance(kind, str) or kind in kinds:
        return
    close = closest(kind, kinds)
    found.add(
        "error",
        path,
        f"`{kind}` is not a kind of publication; use one of: {', '.join(kinds)}, or declare "
        "it with its word under `publication_kinds`"
        + (f"; did you mean `{close}`?" if close else ""),
    )


# --- structure -------------------------------------------------------------------


def _check_body_ids(found: _Findings, bodies: list[Any]) -> None:
    """Each body's `id` names one body only; a `parent` names a body that is not attached
    itself (checked once every id is known)."""
    first: dict[str, int] = {}
    for index, body in enumerate(bodies):
        body_id = _fields(body).get("id") if body is not None else None
        if body_id is None:
            continue
        if body_id in first:
            earlier = first[body_id]
            found.add(
                "error",
                ("bodies", index, "id"),
                f"id `{body_id}` is already the id of bodies[{earlier}] "
                f"(line {found.line(('bodies', earlier, 'id'))}); give each body its own",
            )
        first.setdefault(body_id, index)
    parents = {
        index: _fields(body).get("parent") for index, body in enumerate(bodies) if body is not None
    }
    if any(body is None or (isinstance(body, Partial) and "id" in body.invalid) for body in bodies):
        return
    for index, parent in parents.items():
        if parent is not None:
            _check_parent(found, index, parent, first, parents)
    for index, body in enumerate(bodies):
        for number, theme in enumerate(_fields(body).get("activities", [])):
            shared = _fields(theme).get("also_in", []) if theme is not None else []
            for at, other in enumerate(shared):
                path: PathKey = ("bodies", index, "activities", number, "also_in", at)
                if other not in first:
                    found.add("error", path, _unknown_body(other, first))
                elif first[other] == index:
                    found.add("error", path, f"`{other}` is this theme's own body; remove it")


def _unknown_body(name: str, ids: Iterable[str]) -> str:
    """Why `name` (in `parent` or `also_in`) names no body, and the id it was likely meant to be."""
    close = closest(name, list(ids))
    hint = f"did you mean `{close}`?" if close else f"give that body `id: {name}`"
    return f"no body has the id `{name}`; {hint}"


def _check_parent(
    found: _Findings,
    index: int,
    parent: str,
    ids: dict[str, int],
    parents: dict[int, str | None],
) -> None:
    """A body is attached to another, which exists and is not attached itself."""
    path: PathKey = ("bodies", index, "parent")
    if parent not in ids:
        found.add("error", path, _unknown_body(parent, ids))
    elif ids[parent] == index:
        found.add("error", path, "a body cannot be attached to itself; remove `parent`")
    elif parents.get(ids[parent]) is not None:
        grandparent = parents[ids[parent]]
        if grandparent is not None and ids.get(grandparent) == index:
            message = (
                f"this body and `{parent}` are attached to each other; keep `parent` on one "
                "of them only"
            )
        else:
            message = (
                f"`{parent}` is itself attached to `{grandparent}`; attach this body to a body "
                "that is not attached (one level only)"
            )
        found.add("error", path, message)


_CONTENT = ("introduction", "activities", "upcoming", "action_plan", "annexes")


def _check_body_has_content(found: _Findings, body: Body, path: PathKey) -> None:
    if not any(getattr(body, name) for name in _CONTENT):
        found.add(
            "warning",
            (*path, "name"),
            f"`{body.name}` has no content; give it at least one of: {', '.join(_CONTENT)}",
        )


def _check_empty_fields(found: _Findings, fields: dict[str, Any], path: PathKey) -> None:
    """Lists and mappings written empty, among the `fields` of the model at `path`."""
    for name in sorted(fields):
        value = fields[name]
        if isinstance(value, list | dict) and not value:
            found.add(
                "warning",
                (*path, name),
                f"`{name}` is empty; add content or remove the key",
                key=True,
            )


def _check_duplicates(found: _Findings, items: list[Any], path: PathKey) -> None:
    """Entries of one list that repeat an earlier one exactly; links with the same URL.

    Texts are left out: a table row may well hold the same word twice.
    """
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if not isinstance(item, BaseModel | list):
            continue
        keys = [_identity(item)]
        url = getattr(item, "url", None)
        if isinstance(url, str) and getattr(item, "type", None) == "link":
            keys.append("url:" + url)
        earlier = next((seen[key] for key in keys if key in seen), None)
        if earlier is not None:
            what = "links to the same address as" if keys[0] not in seen else "repeats"
            found.add(
                "warning",
                (*path, index),
                f"{what} entry [{earlier}] (line {found.line((*path, earlier))}); "
                "remove one of them",
            )
        for key in keys:
            seen.setdefault(key, index)


def _identity(item: Any) -> str:
    if isinstance(item, BaseModel):
        return item.model_dump_json()
    return repr(item)


# --- links ------------------------------------------------------------------------


def _body_ids(report: Report | Partial) -> list[str] | None:
    """The ids of the report's bodies; None when a body is not valid, as its id is unknown."""
    bodies = _fields(report).get("bodies")
    if bodies is None or not all(isinstance(body, Body) for body in bodies):
        return None
    return [body.id for body in bodies if body.id]


def _check_links(found: _Findings, text: str, path: PathKey, ids: list[str] | None) -> None:
    """Each inline link whose target is not allowed, and each reference to a chapter that
    names no body's id, located at the target."""
    targets = markup.links(text)
    for index, target in enumerate(targets):
        place = found.where.locate_link(path, target, targets[:index].count(target))
        if target.startswith("#"):
            if ids is not None and target[1:] not in ids:
                found.add("error", path, _unknown_reference(target, ids), place=place)
        elif not target.startswith(markup.SAFE_SCHEMES):
            found.add(
                "error",
                path,
                f"link target `{target}` is not allowed; write an absolute http:// or "
                "https:// address, or mailto:",
                place=place,
            )


def _unknown_reference(target: str, ids: list[str]) -> str:
    """Why `#id` leads nowhere, and the id it was likely meant to be."""
    message = f"`{target}` refers to no chapter: no body has `id: {target[1:]}`"
    match = closest(target[1:], ids)
    if match:
        return f"{message}; did you mean `#{match}`?"
    if ids:
        return f"{message}; the bodies' ids are {', '.join(f'`#{name}`' for name in ids)}"
    return f"{message}; give the body you mean an `id`"


# --- footnotes ----------------------------------------------------------------------------

_NO_NOTES: dict[type[BaseModel], dict[str, str]] = {
    Report: {"title": "on the cover", "cover_title": "on the cover", "note": "on the cover"},
    Body: {"name": "in a heading"},
    Theme: {"title": "in a heading"},
    Annex: {"title": "in a heading"},
    Heading: {"text": "in a heading"},
}
"""The texts printed where a footnote cannot be: headings, which also make the contents, the
bookmarks and the running heads, and the cover."""


def _check_notes_placed(found: _Findings, node: BaseModel | Partial, path: PathKey) -> None:
    """A footnote written in a heading or on the cover is an error, at its text."""
    fields = _fields(node)
    for name, place in _NO_NOTES.get(_model(node), {}).items():
        value = fields.get(name)
        if isinstance(value, str) and markup.notes(value):
            found.add(
                "error",
                (*path, name),
                f"a footnote (`^[...]`) cannot go {place}; put it in the text that follows",
            )


def _check_nested_notes(found: _Findings, text: str, path: PathKey) -> None:
    if markup.nested_notes(text):
        found.add(
            "error",
            path,
            "a footnote cannot hold another footnote; end the first one before the second "
            "`^[`, or write `^\\[` for a literal `^[`",
        )


# --- words too long for a line ----------------------------------------------------------

LONGEST_WORD = 80
"""Characters of a word that no line can hold (a wide page's line holds about 100)."""

_NOT_SHOWN = {"path", "url", "email", "include", "type", "kind", "language", "date", "role"}
"""Fields whose text is not set as words on a page."""

_LETTERS = r"[^\s\-\u00ad\u2010\u2011\u2012\u2013\u2014/]"
"""What a word is made of: anything but spaces, hyphens, dashes and slashes."""
_WORD = re.compile(_LETTERS + "+")
_LONG_RUN = re.compile(_LETTERS + f"{{{LONGEST_WORD + 1}}}")


def _check_long_words(found: _Findings, text: str, path: PathKey) -> None:
    """A word longer than any line is broken where it must, which a reader sees as a cut:
    say so, once per text. Addresses are left to break at their slashes."""
    if not _LONG_RUN.search(text) or (path and path[-1] in _NOT_SHOWN):
        return
    shown = markup.to_text(markup.parse(text))
    for word in _WORD.findall(shown):
        if len(word) > LONGEST_WORD and "@" not in word and "://" not in word:
            found.add(
                "warning",
                path,
                f"`{word[:24]}…` is a word of {len(word)} characters, longer than a line: it "
                "is broken where it must; add spaces or hyphens",
            )
            return
