"""Read a report YAML file into the model, mapping every problem to FILE:LINE:COL.

The YAML is composed into nodes (which keep their marks) and converted by hand:
only plain YAML data is accepted, scalars stay text until the model types them
(no implicit timestamps, no `no` turned into False), duplicate keys are errors,
and alias expansion is bounded.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from .checks import check_report
from .errors import Issue, ReportError, ReportWarning
from .model import Body, Report, check_image_path
from .paths import resolve_under

MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64
MAX_IMAGE_BYTES = 20 * 1024 * 1024

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}
# What YAML itself refuses in a file (PyYAML's Reader.NON_PRINTABLE), found before parsing.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

PathKey = tuple[str | int, ...]


@dataclass
class _Marks:
    """Where each value (and each mapping key) of the document starts."""

    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)


class _Stop(Exception):
    """Conversion cannot go on; the issue is already recorded."""


def load(path: str | Path, *, strict: bool = False) -> Report:
    """Read, validate and check one report file.

    Errors raise one ReportError with every issue found. Warnings (see checks.py)
    are issued as ReportWarning, or raised with the errors when `strict`.
    """
    report, found = load_checked(path)
    if strict and found:
        raise ReportError(found)
    for issue in found:
        warnings.warn(ReportWarning(issue), stacklevel=2)
    return report


def load_checked(path: str | Path) -> tuple[Report, list[Issue]]:
    """The report and its warnings; a ReportError with all issues if any is an error."""
    name = str(path)
    text = read_text(Path(path), name)
    data, marks = parse_yaml(text, name)
    locator = Locator(name, marks)
    data, issues = resolve_includes(data, locator, Path(path))
    try:
        report = validate(data, marks, name)
    except ReportError as error:
        raise ReportError([*issues, *error.issues]) from None
    issues += check_report(report, locator.locate)
    if any(issue.severity == "error" for issue in issues):
        raise ReportError(issues)
    return report, sorted(issues)


class Locator:
    """Where each path of the report (included bodies too) was written."""

    def __init__(self, name: str, marks: _Marks) -> None:
        self.sources: dict[PathKey, tuple[str, _Marks]] = {(): (name, marks)}

    def include(self, prefix: PathKey, name: str, marks: _Marks) -> None:
        self.sources[prefix] = (name, marks)

    def locate(self, path: PathKey, key: bool = False) -> tuple[str, int, int]:
        """FILE, LINE, COL of the value at `path` (of its key if `key`), or of its nearest
        written ancestor when the value was filled in (a default, a shorthand)."""
        prefix = max((p for p in self.sources if path[: len(p)] == p), key=len)
        name, marks = self.sources[prefix]
        relative = path[len(prefix) :]
        if key and relative in marks.keys:
            return (name, *marks.keys[relative])
        while relative not in marks.values and relative:
            relative = relative[:-1]
        return (name, *marks.values.get(relative, (1, 1)))


def read_text(path: Path, name: str) -> str:
    """The file's text, refusing what is too large, missing or not UTF-8."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise ReportError([Issue(name, 0, 0, "no such file")]) from None
    except IsADirectoryError:
        raise ReportError([Issue(name, 0, 0, "is a directory, not a report file")]) from None
    except OSError as error:
        raise ReportError([Issue(name, 0, 0, f"cannot read: {error.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise ReportError([Issue(name, 1, 1, f"file is larger than {limit} MiB; refused")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _position(raw, error.start)
        message = f"not valid UTF-8 (byte 0x{raw[error.start]:02X}); save the file as UTF-8"
        raise ReportError([Issue(name, line, column, message)]) from None
    return text.removeprefix("\ufeff")


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return raw.count(b"\n", 0, offset) + 1, column


def parse_yaml(text: str, name: str) -> tuple[Any, _Marks]:
    """Compose YAML into plain data and the marks of every node."""
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        char = bad.group()
        message = f"character U+{ord(char):04X} ({_char_name(char)}) is not allowed; remove it"
        raise ReportError([Issue(name, line, column, message)])
    node = compose_quickly(text)
    loader = _Loader(text)
    try:
        if node is _NOT_COMPOSED:
            node = loader.get_single_node()
    except _TooDeep as error:
        message = f"the document is nested more than {MAX_DEPTH} levels deep; refused"
        raise ReportError([Issue(name, *error.where, message)]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = f"invalid YAML: {error.problem or error.context}"
        raise ReportError([Issue(name, line, column, message)]) from None
    finally:
        loader.dispose()
    if node is None:
        message = "the file is empty; a report needs `year`, `language`, `title` and `bodies`"
        raise ReportError([Issue(name, 1, 1, message)])
    _check_expansion(node, name)
    converter = _Converter(name)
    try:
        data = converter.convert(node, ())
    except _Stop:
        pass
    if converter.issues:
        raise ReportError(converter.issues)
    return data, converter.marks


_NOT_COMPOSED = yaml.Node("", "", None, None)
# Where libyaml and PyYAML part ways: libyaml accepts tabs PyYAML refuses, and counts
# lines differently around NEL and the Unicode line and paragraph separators.
_LIBYAML_DIFFERS = re.compile("[\t\x85\u2028\u2029]")


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _QuickComposer(yaml.composer.Composer, CParser, yaml.resolver.Resolver):
        """PyYAML's own composer and resolver over libyaml's parser: 15 times faster."""

        def __init__(self, text: str) -> None:
            CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        def compose_scalar_node(self, anchor: Any) -> yaml.ScalarNode:
            node = super().compose_scalar_node(anchor)
            node.style = node.style or None  # a plain scalar: libyaml says '', PyYAML None
            return node


def compose_quickly(text: str) -> yaml.Node | None:
    """The same nodes, tags and marks as yaml.SafeLoader, through libyaml when present.

    Whatever libyaml cannot compose (bad YAML, too deep) is left to SafeLoader, so
    its messages and positions are the ones reported: `_NOT_COMPOSED` says so.
    """
    if not yaml.__with_libyaml__ or _LIBYAML_DIFFERS.search(text):
        return _NOT_COMPOSED
    try:
        node: yaml.Node | None = _QuickComposer(text).get_single_node()
    except (yaml.YAMLError, RecursionError):
        return _NOT_COMPOSED
    return node


class _TooDeep(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        self.where = (mark.line + 1, mark.column + 1)


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, stopped as soon as the nesting passes MAX_DEPTH: its scanner
    slows down with the depth of nesting and its composer recurses."""

    def fetch_more_tokens(self) -> None:
        super().fetch_more_tokens()
        if self.flow_level > MAX_DEPTH or len(self.indents) > MAX_DEPTH:
            raise _TooDeep(self.get_mark())


def _check_expansion(root: yaml.Node, name: str) -> None:
    """Refuse, before expanding anything, a document whose aliases make it larger than
    MAX_NODES values (an alias bomb), endless, or deeper than MAX_DEPTH; point at the
    smallest part that is too large, or at the first too deep."""
    sizes: dict[int, int] = {}

    def size(node: yaml.Node, depth: int) -> int:
        if depth > MAX_DEPTH:
            mark = node.start_mark
            message = f"the document is nested more than {MAX_DEPTH} levels deep; refused"
            raise ReportError([Issue(name, mark.line + 1, mark.column + 1, message)])
        if id(node) not in sizes:
            sizes[id(node)] = MAX_NODES + 1  # while it is being counted: a cycle is endless
            total = 1 + sum(size(child, depth + 1) for child in _children(node))
            sizes[id(node)] = min(MAX_NODES + 1, total)
        return sizes[id(node)]

    if size(root, 0) <= MAX_NODES:
        return
    node, seen = root, {id(root)}
    while True:
        larger = [child for child in _children(node) if sizes[id(child)] > MAX_NODES]
        if not larger or id(larger[0]) in seen:
            break
        node = larger[0]
        seen.add(id(node))
    mark = node.start_mark
    message = f"the document expands to more than {MAX_NODES} values (too many aliases?); refused"
    raise ReportError([Issue(name, mark.line + 1, mark.column + 1, message)])


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


class _Converter:
    def __init__(self, name: str) -> None:
        self.name = name
        self.marks = _Marks()
        self.issues: list[Issue] = []

    def issue(self, node: yaml.Node, message: str, path: PathKey = ()) -> None:
        mark = node.start_mark
        self.issues.append(
            Issue(self.name, mark.line + 1, mark.column + 1, message, format_path(path))
        )

    def convert(self, node: yaml.Node, path: PathKey) -> Any:
        if len(path) > MAX_DEPTH:
            self.issue(node, f"the document is nested more than {MAX_DEPTH} levels deep; refused")
            raise _Stop
        self.marks.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _YAML + "seq":
                self.issue(node, f"tag `{node.tag}` is not allowed; use plain YAML", path)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        if node.tag not in _SCALAR_TAGS:
            self.issue(node, f"tag `{node.tag}` is not allowed; use plain YAML", path)
            return None
        if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _NULLS:
            return None
        self._check_characters(node, path)
        return node.value

    def _check_characters(self, node: yaml.Node, path: PathKey) -> None:
        """Escapes such as "\\e" or "\\ud800" can put characters in text that no output
        format can hold or a terminal should receive; refuse them."""
        bad = next((char for char in node.value if _forbidden(char)), None)
        if bad is not None:
            self.issue(
                node,
                f"character U+{ord(bad):04X} ({_char_name(bad)}) is not allowed in text; remove it",
                path,
            )

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        if node.tag != _YAML + "map":
            self.issue(node, f"tag `{node.tag}` is not allowed; use plain YAML", path)
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _YAML + "merge":
                self.issue(
                    key_node, "merge keys (`<<`) are not supported; write the keys out", path
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.issue(key_node, "a key must be plain text", path)
                continue
            key = key_node.value
            if any(_forbidden(char) for char in key):
                self.issue(key_node, "a key must be plain text, without control characters", path)
                continue
            if key in first_seen:
                self.issue(
                    key_node,
                    f"duplicate key `{key}` (first given on line {first_seen[key]})",
                    (*path, key),
                )
                continue
            first_seen[key] = key_node.start_mark.line + 1
            self.marks.keys[(*path, key)] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            result[key] = self.convert(value_node, (*path, key))
        return result


def _forbidden(char: str) -> bool:
    """Control characters other than tab and newline, and lone surrogates."""
    return unicodedata.category(char) in {"Cc", "Cs"} and char not in "\t\n"


def _char_name(char: str) -> str:
    return unicodedata.name(char, "control character" if char < "\ud800" else "surrogate")


def format_path(path: PathKey) -> str:
    """`bodies[0].upcoming[2].date` from ('bodies', 0, 'upcoming', 2, 'date')."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def validate(data: Any, marks: _Marks, name: str) -> Report:
    """Type the data with the model; every validation error becomes a located issue."""
    if not isinstance(data, dict):
        line, column = marks.values.get((), (1, 1))
        raise ReportError([Issue(name, line, column, "a report must be a mapping of keys")])
    try:
        return Report.model_validate(data)
    except ValidationError as error:
        raise ReportError(_issues(error, data, marks, name)) from None


def _issues(
    error: ValidationError,
    data: Any,
    marks: _Marks,
    name: str,
    prefix: PathKey = (),
    root: type[BaseModel] = Report,
) -> Iterator[Issue]:
    details = error.errors(include_url=False)
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
        elif detail["loc"][-1] == "[key]":
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
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return f"; did you mean `{close[0]}`?" if close else ""


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
        for member in map(_unwrap, typing.get_args(annotation)):
            tag = getattr(member, "model_fields", {}).get("type")
            if tag is not None and typing.get_args(tag.annotation) == (part,):
                return _model_at(member, rest)
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


def resolve_includes(data: Any, locator: Locator, source: Path) -> tuple[Any, list[Issue]]:
    """Replace each `{include: FILE}` of `bodies` by the body FILE holds, and check images.

    FILE is relative to the report's folder and must stay inside it. An included body
    is validated on its own, so its errors are located in FILE. Images, in the report
    and in included files, must be files inside the report's folder; their issues are
    returned, to be reported with the model's. A broken include raises at once.
    """
    if not isinstance(data, dict):
        return data, []
    marks = locator.sources[()][1]
    issues = list(_missing_images(data, marks, str(source), source.parent, ()))
    bodies = data.get("bodies")
    if not isinstance(bodies, list):
        return data, issues
    resolved, failed = [], []
    for index, entry in enumerate(bodies):
        if isinstance(entry, dict) and "include" in entry:
            try:
                entry = _included_body(entry, locator, source, ("bodies", index))
            except ReportError as error:
                failed += error.issues
        resolved.append(entry)
    if failed:
        raise ReportError([*issues, *failed])
    return {**data, "bodies": resolved}, issues


def included_files(path: str | Path) -> list[Path]:
    """The files that the `include:` entries of a loaded report name, in order, resolved."""
    source = Path(path)
    data, _ = parse_yaml(read_text(source, str(source)), str(source))
    bodies = data.get("bodies") if isinstance(data, dict) else None
    targets = [
        entry["include"]
        for entry in (bodies if isinstance(bodies, list) else [])
        if isinstance(entry, dict) and isinstance(entry.get("include"), str)
    ]
    found = (resolve_under(source.parent, target) for target in targets)
    return [included for included in found if included is not None]


def _included_body(entry: dict[str, Any], locator: Locator, source: Path, path: PathKey) -> Any:
    target = entry["include"]
    marks = locator.sources[()][1]
    line, column = marks.values.get((*path, "include"), (1, 1))

    def located(message: str) -> ReportError:
        return ReportError([Issue(str(source), line, column, message, format_path(path))])

    if len(entry) != 1 or not isinstance(target, str):
        raise located("an included body is written `include: FILE` and nothing else")
    included = resolve_under(source.parent, target)
    if included is None:
        raise located(f"`{target}` is not a file inside the report's folder")
    name = str(source.parent / target)
    body, body_marks = parse_yaml(read_text(included, name), name)
    issues = list(_missing_images(body, body_marks, name, source.parent, path))
    try:
        Body.model_validate(body)
    except ValidationError as error:
        issues += _issues(error, body, body_marks, name, prefix=path, root=Body)
    if issues:
        raise ReportError(issues)
    locator.include(path, name, body_marks)
    return body


def _missing_images(
    data: Any, marks: _Marks, name: str, folder: Path, prefix: PathKey, path: PathKey = ()
) -> Iterator[Issue]:
    """An issue for each image block whose file is not a PNG or JPEG in the report's folder."""
    if isinstance(data, dict):
        image = data.get("path")
        if data.get("type") == "image" and _is_image_path(image):
            message = _image_problem(folder, image)
            if message:
                line, column = marks.values.get((*path, "path"), (1, 1))
                yield Issue(name, line, column, message, format_path((*prefix, *path, "path")))
        children: Iterator[tuple[str | int, Any]] = iter(data.items())
    elif isinstance(data, list):
        children = iter(enumerate(data))
    else:
        return
    for key, value in children:
        yield from _missing_images(value, marks, name, folder, prefix, (*path, key))


def _image_problem(folder: Path, image: str) -> str | None:
    """What is wrong with an image file, if anything: where it is, its size, its content."""
    from PIL import Image  # only reports with images pay for importing Pillow

    file = resolve_under(folder, image)
    if file is None:
        return f"image `{image}` is not a file inside the report's folder"
    if file.stat().st_size > MAX_IMAGE_BYTES:
        return f"image `{image}` is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB; refused"
    expected = "PNG" if image.lower().endswith(".png") else "JPEG"
    try:
        with Image.open(file) as picture:
            found = picture.format
            picture.verify()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return f"image `{image}` is not a readable {expected} file"
    if found != expected:
        return f"image `{image}` holds a {found} picture, not {expected}; fix its name or content"
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
