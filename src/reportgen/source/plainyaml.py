"""Read a YAML file into plain data and the marks of every value, without the model.

Only plain YAML data is accepted: scalars stay text (no implicit timestamps, no `no`
turned into False), duplicate keys, tags and merge keys are errors, and alias
expansion and nesting are bounded. Every problem is a ReportError at FILE:LINE:COL.
Kept apart from the loader (and pydantic) so that finding a report's inputs is quick.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..errors import Issue, ReportError
from .reading import LIMITS
from .yamlwords import explain, folded_list

MAX_NODES = LIMITS.values
MAX_DEPTH = 64

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_YAML + name for name in ("str", "int", "float", "bool", "null", "timestamp")}
_NULLS = {"", "~", "null", "Null", "NULL"}
# What YAML itself refuses in a file (PyYAML's Reader.NON_PRINTABLE), found before parsing.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

FORBIDDEN_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters other than tab and newline (Unicode's category Cc), and lone
surrogates (Cs): one search per text instead of a look-up per character."""

PathKey = tuple[str | int, ...]


@dataclass
class Marks:
    """Where each value (and each mapping key) of the document starts; where each text
    value is written in `text`, from its first to past its last character (its quotes
    and block indicator included)."""

    text: str = ""
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    extents: dict[PathKey, tuple[int, int]] = field(default_factory=dict)


class _Stop(Exception):
    """Conversion cannot go on; the issue is already recorded."""


def parse_yaml(text: str, name: str) -> tuple[Any, Marks]:
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
        raise ReportError([Issue(name, *explain(error, text))]) from None
    finally:
        loader.dispose()
    if node is None:
        message = "the file is empty; a report needs `year`, `language`, `title` and `bodies`"
        raise ReportError([Issue(name, 1, 1, message)])
    _check_expansion(node, name)
    converter = _Converter(name, text)
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
    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.marks = Marks(text)
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
        folded = folded_list(node, self.marks.text, path[-1] if path else None)
        if folded:
            self.issues.append(Issue(self.name, *folded, format_path(path)))
        self.marks.extents.setdefault(path, (node.start_mark.index, node.end_mark.index))
        return node.value

    def _check_characters(self, node: yaml.Node, path: PathKey) -> None:
        """Escapes such as "\\e" or "\\ud800" can put characters in text that no output
        format can hold or a terminal should receive; refuse them."""
        found = FORBIDDEN_CHARACTER.search(node.value)
        if found:
            bad = found.group()
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
            if FORBIDDEN_CHARACTER.search(key):
                self.issue(key_node, "a key must be plain text, without control characters", path)
                continue
            if key in first_seen:
                self.issue(
                    key_node,
                    f"key `{key}` is written twice (first on line {first_seen[key]}); "
                    "keep one of them",
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


def _char_name(char: str) -> str:
    return unicodedata.name(char, "control character" if char < "\ud800" else "surrogate")


def format_path(path: PathKey) -> str:
    """`bodies[0].upcoming[2].date` from ('bodies', 0, 'upcoming', 2, 'date')."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text
