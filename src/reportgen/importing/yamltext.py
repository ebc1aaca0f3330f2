"""Report data written as YAML the way a person writes it: block style, keys in the model's
order, plain text where YAML reads it back unchanged, long text folded (`>-`), notes as
`# import:` comments beside what they concern. The text is read back and compared."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

WIDTH = 92
_BLANK_BEFORE = {"bodies", "activities"}
"""Lists whose entries are set apart by a blank line, as in the example reports."""
_FLOW = {"header"}
"""Lists of text written on one line when they fit, like the rows of a table."""
_SPECIAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
"""Characters that YAML reads as line breaks or refuses: written as escapes."""
_RISKY_START = set("!&*-?:,[]{}#|>@`\"'%=~ ")


@dataclass(frozen=True)
class Placed:
    """A note as written: its line and column in the YAML and the path of what it is about."""

    line: int
    column: int
    path: str
    message: str


class PlainScalar(str):
    """Text written without quotes whatever it looks like, such as an ISO date."""


def dump(
    data: dict[str, Any], notes: dict[int, list[str]], header: list[str]
) -> tuple[str, list[Placed]]:
    writer = _Writer(notes)
    writer.lines = [f"# {line}" if line else "" for line in header]
    writer.comments(data, 0, "")
    writer.mapping(data, 0, "")
    return "".join(line.rstrip() + "\n" for line in writer.lines), writer.placed


class _Writer:
    def __init__(self, notes: dict[int, list[str]]) -> None:
        self.notes = notes
        self.lines: list[str] = []
        self.placed: list[Placed] = []

    def comments(self, target: object, indent: int, path: str) -> None:
        for message in self.notes.get(id(target), []):
            self.lines.append(f"{' ' * indent}# import: {message}")
            self.placed.append(Placed(len(self.lines), indent + 1, path, message))

    def mapping(self, data: dict[str, Any], indent: int, path: str, first: str = "") -> None:
        """Write the keys of `data` at `indent`; the first line starts with `first` (`- `)."""
        for index, (key, value) in enumerate(data.items()):
            lead = first if index == 0 and first else " " * indent
            child = f"{path}.{key}" if path else key
            if key in _BLANK_BEFORE and indent == 0 and self.lines:
                self.lines.append("")
            if isinstance(value, dict):
                self.lines.append(f"{lead}{key}:")
                self.comments(value, indent + 2, child)
                self.mapping(value, indent + 2, child)
            elif key in _FLOW and fits(value, WIDTH - len(lead) - len(key) - 2):
                self.lines.append(f"{lead}{key}: {flow(value)}")
            elif isinstance(value, list):
                if not value:
                    self.lines.append(f"{lead}{key}: []")
                    continue
                self.lines.append(f"{lead}{key}:")
                self.sequence(value, indent + 2, child, blank=key in _BLANK_BEFORE)
            else:
                self.scalar(f"{lead}{key}:", value, indent + 2)

    def sequence(self, items: list[Any], indent: int, path: str, blank: bool) -> None:
        for index, item in enumerate(items):
            child = f"{path}[{index}]"
            if blank and index:
                self.lines.append("")
            self.comments(item, indent, child)
            if isinstance(item, dict):
                self.mapping(item, indent + 2, child, first=" " * indent + "- ")
            elif isinstance(item, list) and fits(item, WIDTH - indent - 2):
                self.lines.append(f"{' ' * indent}- {flow(item)}")
            elif isinstance(item, list):
                self.lines.append(" " * indent + "-")
                self.sequence(item, indent + 2, child, blank=False)
            else:
                self.scalar(" " * indent + "-", item, indent + 2)

    def scalar(self, lead: str, value: Any, indent: int) -> None:
        if isinstance(value, bool):
            self.lines.append(f"{lead} {'true' if value else 'false'}")
            return
        if isinstance(value, int | PlainScalar):
            self.lines.append(f"{lead} {value}")
            return
        text = str(value)
        room = WIDTH - len(lead) - 1
        if _SPECIAL.search(text):
            self.lines.append(f"{lead} {double_quoted(text)}")
        elif len(text) <= room and plain_ok(text):
            self.lines.append(f"{lead} {text}")
        elif len(text) > room and foldable(text):
            self.lines.append(f"{lead} >-")
            self.lines += [" " * indent + line for line in fold(text, WIDTH - indent)]
        else:
            self.lines.append(f"{lead} '{text.replace(chr(39), chr(39) * 2)}'")


def double_quoted(text: str) -> str:
    """Text in double quotes, with the characters YAML cannot hold as they are escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + _SPECIAL.sub(lambda match: f"\\u{ord(match[0]):04x}", escaped) + '"'


def plain_ok(text: str) -> bool:
    """Whether YAML reads `text` back unchanged without quotes, as a value and as an item."""
    if not text or text[0] in _RISKY_START or text != text.strip():
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\n" in text:
        return False
    try:
        as_value: object = yaml.safe_load(f"k: {text}")
        as_item: object = yaml.safe_load(f"- {text}")
    except yaml.YAMLError:
        return False
    return as_value == {"k": text} and as_item == [text]


def flow(items: list[Any]) -> str:
    """A short list of text in flow style: `[a, 'b, c']`."""
    return "[" + ", ".join(_flow_item(item) for item in items) + "]"


def fits(items: list[Any], room: int) -> bool:
    """Whether a list of text is short enough to be written on one line."""
    return all(isinstance(item, str) for item in items) and len(flow(items)) <= room


def _flow_item(text: str) -> str:
    if plain_ok(text) and not set(text) & set(",[]{}"):
        return text
    return "'" + text.replace("'", "''") + "'"


def foldable(text: str) -> bool:
    """Text a folded block keeps as it is: words between single spaces."""
    return bool(text) and " " in text and re.fullmatch(r"\S+( \S+)*", text) is not None


def fold(text: str, width: int) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines
