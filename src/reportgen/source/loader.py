"""Read a report YAML file into the model, mapping every problem to FILE:LINE:COL.

The YAML is read into plain data with the marks of every value (plainyaml.py), its
included bodies are read likewise, and the model types the whole; every problem
found on the way is a located issue.
"""

from __future__ import annotations

import difflib
import functools
import io
import os
import re
import types
import typing
import warnings
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeGuard

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from ..errors import Issue, ReportError, ReportWarning, Severity
from ..model import Body, Report, check_image_path
from .catalogues import catalogue_name
from .checks import Partial, check_report
from .paths import PathProblem, file_under
from .plainyaml import Marks, PathKey, format_path, parse_yaml
from .reading import LIMITS, Reader, SourceFile
from .suggest import closest
from .translation import Entry, Progress, apply_catalogue, entries, read_catalogue


@dataclass(frozen=True)
class Loaded:
    """A report read, validated and checked, with its warnings and every file it read."""

    source: Path
    report: Report
    warnings: tuple[Issue, ...]
    files: tuple[SourceFile, ...]
    """The report file, the files it includes and the images it shows, in reading order."""
    language: str | None = None
    """The language it was translated into with its catalogue; None for the source."""
    progress: Progress | None = None
    """How complete that catalogue is."""

    def images(self) -> dict[str, bytes]:
        """Each image's content by the name the report gives it."""
        return {file.name: file.content for file in self.files if file.kind == "image"}

    def texts(self) -> list[tuple[str, bytes]]:
        """The report's own file and each file it includes once, named relative to the
        report's folder."""
        named: dict[str, bytes] = {}
        for file in self.files:
            if file.kind != "image":
                named.setdefault(Path(os.path.normpath(file.name)).as_posix(), file.content)
        return list(named.items())


def load(path: str | Path, *, strict: bool = False) -> Report:
    """Read, validate and check one report file: the library's `reportgen.load`.

    Errors raise one ReportError with every issue found. Warnings (see checks.py)
    are issued as ReportWarning, or raised with the errors when `strict`.
    """
    loaded = load_source(path, strict=strict)
    for issue in loaded.warnings:
        warnings.warn(ReportWarning(issue), stacklevel=2)
    return loaded.report


def load_source(
    path: str | Path,
    *,
    strict: bool = False,
    reader: Reader | None = None,
    language: str | None = None,
) -> Loaded:
    """Read, validate and check one report file, the one way every command does.

    Errors raise one ReportError with every issue found; with `strict`, warnings too.
    `reader` (a new one if not given) keeps the files read, even when loading fails.
    With a `language` other than the report's own, its texts are translated with its
    catalogue for that language (see translation.py), read through `reader` too.
    """
    reader = reader or Reader(Path(path))
    report, found, read = _load_checked(reader, language)
    if strict and found:
        raise ReportError(found)
    return Loaded(
        reader.source, report, tuple(found), tuple(reader.files), read.language, read.progress
    )


def load_texts(path: str | Path, *, reader: Reader | None = None) -> tuple[Loaded, Texts]:
    """A report loaded, and its texts to translate with where each is written."""
    reader = reader or Reader(Path(path))
    report, found, read = _load_checked(reader, None)
    loaded = Loaded(reader.source, report, tuple(found), tuple(reader.files))
    return loaded, Texts(entries(read.data, read.locator), read.data)


@dataclass(frozen=True)
class Texts:
    """A report's texts to translate, and its data as written (includes read)."""

    entries: list[Entry]
    data: Any


@dataclass
class _Read:
    """What loading found besides the report: its data, where each value is, and the
    catalogue's language and progress if it was translated."""

    data: Any
    locator: Locator
    language: str | None = None
    progress: Progress | None = None


def _load_checked(reader: Reader, language: str | None) -> tuple[Report, list[Issue], _Read]:
    """The report, its warnings and what was read; a ReportError with all issues if any
    is an error."""
    name = str(reader.source)
    data, marks = parse_yaml(reader.report(), name)
    reader.count_values(len(marks.values))
    if _is_body(data):
        raise ReportError(_body_file_issues(data, marks, reader))
    locator = Locator(name, marks)
    data, issues, reported = resolve_includes(data, locator, reader)
    read = _Read(data, locator)
    if language is not None and isinstance(data, dict) and data.get("language") != language:
        try:
            data, found, read.progress = _translated(data, locator, reader, language)
        except ReportError as error:
            found = error.issues
        issues += found
        read.language = language
    try:
        report = validate(data, marks, name, reported)
    except ReportError as error:
        parts = _parts(Report, data)
        found = check_report(parts, locator) if isinstance(parts, Partial) else []
        raise ReportError([*issues, *error.issues, *found]) from None
    issues += check_report(report, locator)
    if any(issue.severity == "error" for issue in issues):
        raise ReportError(issues)
    return report, sorted(issues), read


def _translated(
    data: dict[str, Any], locator: Locator, reader: Reader, language: str
) -> tuple[Any, list[Issue], Progress]:
    """The data translated with the report's catalogue for `language`."""
    name = catalogue_name(reader.source.stem, language)
    shown = str(reader.folder / name)
    try:
        content = reader.catalogue(name)
    except PathProblem as problem:
        raise ReportError([Issue(shown, 0, 0, str(problem))]) from None
    command = f"reportgen translate {reader.source} --to {language}"
    if content is None:
        message = f"no catalogue for `{language}`; make it with `{command}`"
        raise ReportError([Issue(shown, 0, 0, message)])
    catalogue = read_catalogue(content, shown)
    text = content.decode("utf-8", errors="replace")
    return apply_catalogue(data, locator, catalogue, shown, command, text)


class Locator:
    """Where each path of the report (included bodies too) was written."""

    def __init__(self, name: str, marks: Marks) -> None:
        self.sources: dict[PathKey, tuple[str, Marks]] = {(): (name, marks)}

    def include(self, prefix: PathKey, name: str, marks: Marks) -> None:
        self.sources[prefix] = (name, marks)

    def locate(self, path: PathKey, key: bool = False) -> tuple[str, int, int]:
        """FILE, LINE, COL of the value at `path` (of its key if `key`), or of its nearest
        written ancestor when the value was filled in (a default, a shorthand)."""
        name, marks, relative = self._source(path)
        if key and relative in marks.keys:
            return (name, *marks.keys[relative])
        return (name, *marks.values.get(_written(marks, relative), (1, 1)))

    def comments(self, path: PathKey) -> list[str]:
        """The comment lines written just above the value at `path` (above its key, in a
        mapping), without their `#`: notes for whoever translates it."""
        _, marks, relative = self._source(path)
        line, _ = marks.keys.get(relative) or marks.values.get(relative, (1, 1))
        lines = marks.text.splitlines()
        found: list[str] = []
        for text in reversed(lines[: line - 1]):
            if not text.strip().startswith("#"):
                break
            found.insert(0, text.strip().removeprefix("#").strip())
        return found

    def locate_link(self, path: PathKey, target: str, occurrence: int = 0) -> tuple[str, int, int]:
        """FILE, LINE, COL of the target of the `occurrence`-th inline link to `target` in
        the text at `path`; of the text itself if the target is not written there as it is
        (an escape in a quoted scalar, say)."""
        name, marks, relative = self._source(path)
        relative = _written(marks, relative)  # a shorthand: the text is at an ancestor
        start, end = marks.extents.get(relative, (0, 0))
        found = start - 1
        for _ in range(occurrence + 1):
            found = marks.text.find(f"]({target}", found + 1, end)
            if found < 0:
                return self.locate(path)
        found += 2
        line, column = marks.values[relative]
        breaks = list(_LINE_BREAK.finditer(marks.text, start, found))
        if breaks:
            return name, line + len(breaks), found - breaks[-1].end() + 1
        return name, line, column + found - start

    def _source(self, path: PathKey) -> tuple[str, Marks, PathKey]:
        """The file the value at `path` was written in, its marks, and its path there."""
        prefix = max((p for p in self.sources if path[: len(p)] == p), key=len)
        name, marks = self.sources[prefix]
        return name, marks, path[len(prefix) :]


# The line breaks of YAML, for counting lines as the YAML reader does.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def validate(data: Any, marks: Marks, name: str, known: Collection[PathKey] = ()) -> Report:
    """Type the data with the model; every validation error becomes a located issue,
    but those inside the paths `known` (whose issues are reported already)."""
    if not isinstance(data, dict):
        line, column = marks.values.get((), (1, 1))
        raise ReportError([Issue(name, line, column, "a report must be a mapping of keys")])
    try:
        return Report.model_validate(data)
    except ValidationError as error:
        raise ReportError(_issues(error, data, marks, name, known=known)) from None


def _is_body(data: Any) -> bool:
    """Whether a file holds one body (a chapter, for `include:`) rather than a report."""
    return isinstance(data, dict) and "name" in data and not {"year", "title", "bodies"} & set(data)


def _body_file_issues(data: dict[str, Any], marks: Marks, reader: Reader) -> list[Issue]:
    """A body file given as a report: its own problems, and which report to give instead."""
    name = str(reader.source)
    issues = list(_image_issues(data, marks, name, reader, ()))
    try:
        Body.model_validate(data)
    except ValidationError as error:
        issues += _issues(error, data, marks, name, root=Body)
    reports = [str(path) for path in including_reports(reader.source)]
    if reports:
        which = ", ".join(f"`{report}`" for report in reports)
        what = f"it is included by {which}: give that file instead"
    else:
        what = (
            "no report next to it includes it; add `- include: "
            f"{reader.source.name}` (its path from the report's folder) under a report's `bodies:`"
        )
    message = f"holds one body (a chapter), not a whole report; {what}"
    return [*issues, Issue(name, 1, 1, message)]


def including_reports(body_file: Path) -> list[Path]:
    """The report files in the body file's folder or the one above it whose `include:`
    entries name it; each read as reports are, and skipped if it cannot be."""
    target = body_file.resolve()
    found = []
    for folder in dict.fromkeys([body_file.parent, body_file.parent.parent]):
        for candidate in sorted(folder.glob("*.yaml")):
            if candidate.resolve() == target:
                continue
            try:
                data, _ = parse_yaml(Reader(candidate).report(), str(candidate))
            except ReportError:
                continue
            bodies = data.get("bodies") if isinstance(data, dict) else None
            for entry in bodies if isinstance(bodies, list) else []:
                include = entry.get("include") if isinstance(entry, dict) else None
                if isinstance(include, str):
                    try:
                        if file_under(candidate.parent, include) == target:
                            found.append(candidate)
                            break
                    except PathProblem:
                        continue
    return found


_INVALID = object()


def _parts(kind: Any, data: Any) -> Any:
    """What is valid of `data`, which is not valid as `kind`: of a mapping for a model (or
    for the block its `type` names), a Partial; of a list with items that are not valid,
    a list with None for each of them (or their Partial); else _INVALID."""
    if typing.get_origin(kind) in {typing.Union, types.UnionType} and isinstance(data, dict):
        kind = _tagged(kind, data.get("type"))
    if isinstance(kind, type) and issubclass(kind, BaseModel) and isinstance(data, dict):
        fields, invalid = {}, set()
        for name, value in data.items():
            if name in kind.model_fields:
                part, _ = _valid_part(_field_type(kind, name), value)
                if part is _INVALID:
                    invalid.add(name)
                else:
                    fields[name] = part
        return Partial(kind, fields, frozenset(invalid))
    if typing.get_origin(kind) is list and isinstance(data, list):
        (item,) = typing.get_args(kind)
        parts = [_valid_part(item, entry) for entry in data]
        if not all(whole for _, whole in parts):
            return [None if part is _INVALID else part for part, _ in parts]
    return _INVALID  # not a mapping or list, or a list of valid items but too few


def _valid_part(annotation: Any, data: Any) -> tuple[Any, bool]:
    """`data` typed as `annotation` and True if it is valid; else its valid parts (see
    _parts) and False."""
    try:
        return _type(annotation).validate_python(data), True
    except ValidationError:
        return _parts(_unwrap(annotation), data), False


def _field_type(model: type[BaseModel], name: str) -> Any:
    """The type of a model's field, with its constraints and validators."""
    field = model.model_fields[name]
    return Annotated[field.annotation, field]


@functools.cache
def _type(annotation: Any) -> TypeAdapter[Any]:
    """A validator of `annotation`, made once."""
    return TypeAdapter(annotation)


def _issues(
    error: ValidationError,
    data: Any,
    marks: Marks,
    name: str,
    prefix: PathKey = (),
    root: type[BaseModel] = Report,
    known: Collection[PathKey] = (),
) -> Iterator[Issue]:
    details = [
        detail
        for detail in error.errors(include_url=False)
        if not any(_real_path(detail["loc"], data)[: len(path)] == path for path in known)
    ]
    unknown = {_real_path(d["loc"], data) for d in details if d["type"] == "extra_forbidden"}
    for detail in details:
        kind = detail["type"]
        path = _real_path(detail["loc"], data)
        if kind == "missing" and any(
            key[:-1] == path and _did_you_mean(str(key[-1]), [detail["loc"][-1]]) for key in unknown
        ):
            continue  # the misspelt key's own issue suggests this one
        if kind == "missing":
            field_name = str(detail["loc"][-1])
            line, column = marks.values.get(path, (1, 1))
            message = f"missing required key `{field_name}`"
            path = (*path, field_name)
        elif kind == "extra_forbidden":
            line, column = marks.keys.get(path, marks.values.get(path, (1, 1)))
            message = _unknown_key(root, detail["loc"])
        elif kind == "duplicate_body":
            first, again = [
                index
                for index, body in enumerate(data["bodies"])
                if body.get("name") == detail["ctx"]["name"]
            ][:2]
            path = ("bodies", again, "name")
            line, column = marks.values.get(_written(marks, path), (1, 1))
            message = f"{_message(detail)}, first as bodies[{first}]; rename or remove one"
        elif detail["loc"] and detail["loc"][-1] == "[key]" and kind != "literal_error":
            line, column = marks.keys.get(path, marks.values.get(path, (1, 1)))
            message = _message(detail)
        elif detail["loc"] and detail["loc"][-1] == "[key]":
            line, column = marks.keys.get(path, marks.values.get(path, (1, 1)))
            choices = re.findall(r"'([^']*)'", detail["ctx"]["expected"])
            message = f"unknown key `{path[-1]}`; use one of: {', '.join(choices)}"
            message += _did_you_mean(str(path[-1]), choices)
        elif kind == "union_tag_not_found" and (misspelt := _misspelt_type(data, path)):
            path = (*path, misspelt)
            line, column = marks.keys.get(path, (1, 1))
            message = f"unknown key `{misspelt}`; did you mean `type`?"
        else:
            line, column = marks.values.get(path, (1, 1))
            message = _message(detail)
        yield Issue(name, line, column, message, format_path((*prefix, *path)))


def _written(marks: Marks, path: PathKey) -> PathKey:
    """`path`, or its nearest ancestor written in this file (a value filled in by a
    default or a shorthand has no place of its own)."""
    while path not in marks.values and path:
        path = path[:-1]
    return path


def _misspelt_type(data: Any, path: PathKey) -> str | None:
    """The key of a block that stands for its missing `type`, if one looks like it."""
    for part in path:
        data = data[part]
    keys = list(data) if isinstance(data, dict) else []
    close = difflib.get_close_matches("type", keys, n=1, cutoff=0.6)
    return close[0] if close else None


def _real_path(loc: tuple[str | int, ...], data: Any) -> PathKey:
    """The loc of a pydantic error without union tags and validator names."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            continue
        path.append(part)
    return tuple(path)


def _message(detail: Any) -> str:
    kind = detail["type"]
    value = detail.get("input")
    shown = f"`{value}`" if isinstance(value, str | int | float) else ""
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", detail["ctx"]["expected"])
        return f"{shown or 'value'} is not one of: {', '.join(choices)}" + _did_you_mean(
            str(value), choices
        )
    if kind in {
        "string_type",
        "int_type",
        "int_parsing",
        "bool_parsing",
        "list_type",
        "dict_type",
        "model_type",
        "model_attributes_type",
    }:
        expected = {
            "string_type": "text",
            "int_type": "a whole number",
            "int_parsing": "a whole number",
            "bool_parsing": "true or false",
            "list_type": "a list",
            "dict_type": "a mapping of keys",
            "model_type": "a mapping of keys",
            "model_attributes_type": "a mapping of keys",
        }[kind]
        got = _describe(value)
        return f"expected {expected}, got {got}"
    if kind == "union_tag_invalid":
        tag = detail["ctx"]["tag"]
        choices = re.findall(r"'([^']*)'", detail["ctx"]["expected_tags"])
        return f"unknown block type `{tag}`; use one of: {', '.join(choices)}" + _did_you_mean(
            str(tag), choices
        )
    if kind == "union_tag_not_found":
        return "missing required key `type` (the kind of block, e.g. `paragraph` or `list`)"
    if kind == "string_pattern_mismatch":
        if "mailto" in detail["ctx"]["pattern"]:
            return (
                f"{shown or 'value'} is not a link reportgen allows; write an absolute "
                "http:// or https:// address, or mailto:"
            )
        return f"{shown or 'value'} is not an e-mail address; write it as name@example.org"
    if kind == "string_too_short":
        return "must not be empty; write the text or remove the key"
    if kind == "too_short":
        return "must not be empty; give at least one entry or remove the key"
    if kind == "greater_than_equal":
        return f"{shown or 'value'} is too small; it must be at least {detail['ctx']['ge']}"
    if kind == "less_than_equal":
        return f"{shown or 'value'} is too large; it must be at most {detail['ctx']['le']}"
    if kind in {"decimal_parsing", "decimal_type", "finite_number"}:
        return f"{shown or 'value'} is not a number; write it plainly, as `4500` or `12.5`"
    if kind == "decimal_max_digits":
        digits = detail["ctx"]["max_digits"]
        return f"{shown or 'value'} has more than {digits} digits; a figure has at most {digits}"
    message: str = detail["msg"]
    return message.removeprefix("Value error, ")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"`{value}`"


def _did_you_mean(word: str, choices: Any) -> str:
    close = closest(word, list(choices))
    return f"; did you mean `{close}`?" if close else ""


def _unknown_key(root: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """The message for an unknown key: a close match among the keys its mapping takes,
    or else all of them."""
    key = str(loc[-1])
    model = _model_at(root, loc[:-1])
    if model is None:
        return f"unknown key `{key}`"
    keys = list(model.model_fields)
    return f"unknown key `{key}`" + (_did_you_mean(key, keys) or f"; use one of: {', '.join(keys)}")


def _model_at(annotation: Any, loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model that validates the value at `loc` (a pydantic error's location, with
    union tags) under the type `annotation`."""
    annotation = _unwrap(annotation)
    if not loc:
        return (
            annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel)
            else None
        )
    part, rest = loc[0], loc[1:]
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return _model_at(field.annotation, rest) if field else None
    if origin is list and isinstance(part, int):
        return _model_at(typing.get_args(annotation)[0], rest)
    if origin in {typing.Union, types.UnionType}:
        member = _tagged(annotation, part)
        return _model_at(member, rest) if member else None
    return None


def _tagged(union: Any, tag: Any) -> type[BaseModel] | None:
    """The member of a union of blocks whose `type` is `tag`."""
    for member in map(_unwrap, typing.get_args(union)):
        field = getattr(member, "model_fields", {}).get("type")
        if field is not None and typing.get_args(field.annotation) == (tag,):
            return typing.cast(type[BaseModel], member)
    return None


def _unwrap(annotation: Any) -> Any:
    """The type inside Annotated[...], and the one type of `X | None`."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in {typing.Union, types.UnionType}:
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return _unwrap(members[0])
    return annotation


# --- files a report refers to: included bodies and images ---------------------------


def resolve_includes(
    data: Any, locator: Locator, reader: Reader
) -> tuple[Any, list[Issue], list[PathKey]]:
    """Replace each `{include: FILE}` of `bodies` by the body FILE holds, and check images.

    FILE is relative to the report's folder and must stay inside it. An included body
    is validated on its own, so its errors are located in FILE. Images, in the report
    and in included files, must be files inside the report's folder. Every file is read
    through `reader`, within the limits of the whole report. Returns the data, the
    issues found, and the paths of the includes they are about (an include that cannot
    be read is left as written).
    """
    if not isinstance(data, dict):
        return data, [], []
    source = reader.source
    marks = locator.sources[()][1]
    issues = list(_image_issues(data, marks, str(source), reader, ()))
    bodies = data.get("bodies")
    if not isinstance(bodies, list):
        return data, issues, []
    includes = {
        index: entry["include"]
        for index, entry in enumerate(bodies)
        if isinstance(entry, dict) and isinstance(entry.get("include"), str)
    }
    over = reader.past_text_budget(includes)
    resolved, reported = [], []
    for index, entry in enumerate(bodies):
        path: PathKey = ("bodies", index)
        if isinstance(entry, dict) and "include" in entry:
            if over is not None and index >= over:  # refused unread, the first one said why
                if index == over:
                    issues += _located(locator, path, _over_text_budget(includes[index])).issues
                reported.append(path)
                resolved.append(entry)
                continue
            try:
                entry, found = _included_body(entry, locator, reader, path)
            except ReportError as error:
                found = error.issues
            if found:
                reported.append(path)
            issues += found
        elif misspelt := _misspelt_include(entry):
            line, column = marks.keys.get((*path, misspelt), (1, 1))
            message = f"unknown key `{misspelt}`; did you mean `include`?"
            issues.append(Issue(str(source), line, column, message, format_path((*path, misspelt))))
            reported.append(path)
        resolved.append(entry)
    return {**data, "bodies": resolved}, issues, reported


def _over_text_budget(name: str) -> str:
    limit = LIMITS.text_bytes // (1024 * 1024)
    return (
        f"`{name}` takes the report and its included files past {limit} MiB of text in "
        "all; refused (split the report, or shorten its texts)"
    )


def _located(locator: Locator, path: PathKey, message: str) -> ReportError:
    """An error about the `include:` at `path` of the report file."""
    name, marks = locator.sources[()]
    line, column = marks.values.get((*path, "include"), (1, 1))
    return ReportError([Issue(name, line, column, message, format_path(path))])


def _misspelt_include(entry: Any) -> str | None:
    """The one key of a body entry, if it looks like a misspelt `include`."""
    if isinstance(entry, dict) and len(entry) == 1:
        (key,) = entry
        if closest(key, ["include"]):
            return str(key)
    return None


def _included_body(
    entry: dict[str, Any], locator: Locator, reader: Reader, path: PathKey
) -> tuple[Any, list[Issue]]:
    """The body an include names, and its issues, located in its file; a ReportError if
    it cannot be read."""
    target = entry["include"]
    if len(entry) != 1 or not isinstance(target, str):
        raise _located(
            locator, path, "an included body is written `include: FILE` and nothing else"
        )
    try:
        text = reader.include(target)
    except PathProblem as problem:
        raise _located(locator, path, str(problem)) from None
    name = str(reader.folder / target)
    body, body_marks = parse_yaml(text, name)
    if not reader.count_values(len(body_marks.values)):
        message = (
            f"the report and its included files hold more than {LIMITS.values} values in "
            "all; refused (split the report)"
        )
        raise _located(locator, path, message)
    locator.include(path, name, body_marks)
    issues = list(_image_issues(body, body_marks, name, reader, path))
    try:
        Body.model_validate(body)
    except ValidationError as error:
        issues += _issues(error, body, body_marks, name, prefix=path, root=Body)
    return body, issues


def _image_issues(
    data: Any, marks: Marks, name: str, reader: Reader, prefix: PathKey, path: PathKey = ()
) -> Iterator[Issue]:
    """An issue for each image (an image block's, a logo, a signature's) whose file is not
    a PNG or JPEG in the report's folder within the limits, or (a warning) is larger than
    a page needs."""
    if isinstance(data, dict):
        for field in _image_keys(data, path):
            image = data.get(field)
            found = _image_problem(reader, image) if _is_image_path(image) else None
            if found:
                message, severity = found
                line, column = marks.values.get((*path, field), (1, 1))
                where = format_path((*prefix, *path, field))
                yield Issue(name, line, column, message, where, severity)
        children: Iterator[tuple[str | int, Any]] = iter(data.items())
    elif isinstance(data, list):
        children = iter(enumerate(data))
    else:
        return
    for key, value in children:
        yield from _image_issues(value, marks, name, reader, prefix, (*path, key))


def _image_keys(data: dict[str, Any], path: PathKey) -> list[str]:
    """The keys of a mapping that name image files."""
    keys = ["logo"]
    if data.get("type") == "image":
        keys.append("path")
    if path[:1] == ("signature",) and len(path) <= 2:  # one signature, or one of a list
        keys.append("image")
    return keys


def _image_problem(reader: Reader, image: str) -> tuple[str, Severity] | None:
    """What is wrong with an image file, if anything: where it is, its size, its content."""
    from PIL import Image  # only reports with images pay for importing Pillow

    try:
        content = reader.image(image)
    except PathProblem as problem:
        return str(problem), "error"
    expected = "PNG" if image.lower().endswith(".png") else "JPEG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as picture:
                found, (width, height) = picture.format, picture.size
                picture.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return f"image `{image}` is not a readable {expected} file", "error"
    if found != expected:
        return (
            f"image `{image}` holds a {found} picture, not {expected}; fix its name or content",
            "error",
        )
    limits, pixels = reader.limits, width * height
    reader.pixels += pixels
    size = f"{width}×{height} pixels"
    if pixels > limits.image_pixels:
        millions = limits.image_pixels // 1_000_000
        return (
            f"image `{image}` is {size}, more than the {millions} million an image may have; "
            "refused (scale it down: a full A4 page at 300 dpi is 2480×3508)"
        ), "error"
    if reader.pixels > limits.images_pixels:
        millions = limits.images_pixels // 1_000_000
        return (
            f"image `{image}` takes the report's images past {millions} million pixels in "
            "all; refused (scale the largest ones down)"
        ), "error"
    if pixels > limits.image_pixels_warning:
        return (
            f"image `{image}` is {size}, far more than a page needs; it makes the build "
            "slow and the files large (a full A4 page at 300 dpi is 2480×3508)"
        ), "warning"
    return None


def _is_image_path(value: Any) -> TypeGuard[str]:
    """Whether the model accepts `value` as an image path (else it reports it itself)."""
    if not isinstance(value, str):
        return False
    try:
        check_image_path(value)
    except PydanticCustomError:
        return False
    return True
