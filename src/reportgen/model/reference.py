"""The field reference in Markdown, written from the JSON Schema so it follows the models."""

from __future__ import annotations

from typing import Any

from . import DATE_PATTERN, SINGLE_DATE_PATTERN
from .schema import report_schema

_SCALARS = {
    "string": "text",
    "integer": "whole number",
    "number": "number",
    "boolean": "`true` or `false`",
}

_INTRO = """\
# Report file reference

Every key a report file accepts, generated from reportgen's models (`make docs`;
`reportgen schema --format markdown` prints it). Keys not listed here are errors.
Values marked *text* accept inline markup: `**bold**`, `*italic*`, `[label](url)`,
references to a chapter `[label](#id)` (the `id` of a body), and footnotes
`^[the note's text]` (the note may hold bold, italic, links and references, not another
note). A reference links to the chapter in every format; in the PDF it also gives the page
the chapter starts on (`the Committee on Culture, p. 7`, `p.`/`pág.` in the report's
language), and in Word that page is a field Word refreshes on opening the file (LibreOffice
computes it too). Footnotes are numbered through the whole report, the same in every
format: at the foot of the page in the PDF, Word's own footnotes in the .docx, and in the
HTML page a numbered call linking to the notes at the end of its chapter (or of the
foreword, the introduction, the annexes). A note cannot go in a heading (a theme's or an
annex's `title`, a body's `name`, a `heading` block) or on the cover (`title`,
`cover_title`, `note`): it is an error there. `^\\[` writes a literal `^[`.
A `heading` block is a sub-heading one level below the heading of the part that holds it
(a theme's, say): a heading in Word's navigation pane and the PDF's bookmarks, not in the
printed contents, which list chapters.
A *date* is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a quarter `YYYY-Q1` to `YYYY-Q4`, or
`START/END` for a range (`2013-06-13/2013-06-14`); write it plainly, it is never read as
a YAML timestamp. An event's date may also be `tbc` when it is not fixed yet (printed
`date to be confirmed`), and `tentative: true` prints `to be confirmed` after a date
that may change. Seasons are not read as dates, because they differ between the
hemispheres: write the quarter, or the year, and the season's words as `date_text`
(`date_text: spring 2013`), which is printed as written.
Where dates are sorted (a chronology), a year comes before its quarters, a quarter
before its months and a month before its days (`2012`, `2012-Q1`, `2012-01`,
`2012-01-13`, `2012-02`, `2012-Q2`, `2012-04`); ranges sort by their start, then by
their end; entries with the same date keep the order they are written in. Upcoming
events, and all other blocks, are printed in the order they are written, `tbc` ones too.
Dates are written the report's language's way (`5 décembre 2012`, `December 5, 2012`,
`5 de diciembre de 2012`, `2nd quarter 2013`), the first day of a month in French as
`1er mars 2013`. An event's `time` is on a 24-hour clock (`14:30`, `09:00-12:30`,
quotes not needed) and is printed after its date as each language writes it: `14 h 30`
and `de 9 h 00 à 12 h 30` in French, `2:30 pm` and `9:00 am – 12:30 pm` in English,
`14:30` and `de 9:00 a 12:30` in Spanish.

`language` is the language the report is written in. `reportgen translate` puts its
texts in a gettext catalogue per other language, each entry named by its key's path:
every `title` and `cover_title`, `text`, `caption`, `alt`, `label`, `date_text`, `note`,
`position` and `detail` (an officer's `title` too), `foreword`, `introduction` and
`action_plan` written as text, list items and table cells written as text, and each of
`labels`. Names, places,
countries, addresses, URLs and numbers are not translated unless a translator adds an
entry for one by hand.
"""


def reference_markdown() -> str:
    """Markdown with one section per kind of mapping, the report first, then the blocks."""
    schema = report_schema()
    definitions: dict[str, Any] = schema["$defs"]
    blocks = _block_types(schema)
    order = ["Report", *_reached(schema, definitions)]
    parts = [_INTRO, _section("Report", schema)]
    parts.append(_blocks_section(blocks))
    parts += [_section(name, definitions[name], blocks) for name in order[1:]]
    return "\n".join(parts)


def _reached(node: Any, definitions: dict[str, Any], seen: list[str] | None = None) -> list[str]:
    """Definition names in the order a reader meets them, depth first."""
    seen = [] if seen is None else seen
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            name = ref.rsplit("/", 1)[-1]
            if name not in seen:
                seen.append(name)
                _reached(definitions[name], definitions, seen)
        for key, value in node.items():
            if key not in {"$defs", "discriminator"}:
                _reached(value, definitions, seen)
    elif isinstance(node, list):
        for value in node:
            _reached(value, definitions, seen)
    return seen


def _block_types(schema: dict[str, Any]) -> dict[str, str]:
    """Each block `type` value and the definition that describes it."""
    blocks = schema["$defs"]["Theme"]["properties"]["blocks"]["items"]
    tags = {ref: tag for tag, ref in blocks["discriminator"]["mapping"].items()}
    return {tags[choice["$ref"]]: choice["$ref"].rsplit("/", 1)[-1] for choice in blocks["oneOf"]}


def _blocks_section(blocks: dict[str, str]) -> str:
    rows = [f"| `{tag}` | [{name}](#{name.lower()}) |" for tag, name in blocks.items()]
    return "\n".join(
        [
            "## Blocks",
            "",
            "Content is a list of blocks, each a mapping whose `type` says what it is. "
            "Where a field takes *text or blocks*, a plain string stands for one paragraph.",
            "",
            "| `type` | block |",
            "| --- | --- |",
            *rows,
            "",
        ]
    )


def _section(name: str, definition: dict[str, Any], blocks: dict[str, str] | None = None) -> str:
    required = set(definition.get("required", []))
    lines = [f"## {name}", "", definition.get("description", ""), ""]
    lines += ["| key | value | required | description |", "| --- | --- | --- | --- |"]
    for key, field in definition.get("properties", {}).items():
        needed = "yes" if key in required else ""
        description = _one_line(field.get("description", ""))
        if "default" in field and field["default"] not in (None, [], {}):
            description += f" Default: `{_literal(field['default'])}`."
        lines.append(f"| `{key}` | {_type(field)} | {needed} | {description} |")
    return "\n".join([*lines, ""])


def _type(field: dict[str, Any]) -> str:
    """A value's type in words, with links to the sections of nested mappings."""
    if "$ref" in field:
        name = field["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "discriminator" in field:
        return "[block](#blocks)"
    choices = field.get("anyOf") or field.get("oneOf")
    if choices and any(choice.get("pattern") == DATE_PATTERN for choice in choices):
        return "*date*"
    if choices and any(choice.get("pattern") == SINGLE_DATE_PATTERN for choice in choices):
        return "*date*, not a range"
    if choices:
        kinds = [_type(choice) for choice in choices if choice.get("type") != "null"]
        if "text" in kinds and any(kind.startswith("list of [block]") for kind in kinds):
            return "text or list of [block](#blocks)"
        return " or ".join(dict.fromkeys(kinds))
    if "enum" in field:
        return "one of " + ", ".join(f"`{_literal(value)}`" for value in field["enum"])
    if "const" in field:
        return f"`{_literal(field['const'])}`"
    kind = field.get("type")
    if kind == "array":
        text = f"list of {_type(field['items'])}"
        return text + (" (at least one)" if field.get("minItems") else "")
    if kind == "object":
        keys = field.get("propertyNames", {}).get("enum", [])
        listed = ", ".join(f"`{key}`" for key in keys)
        values = field.get("additionalProperties")
        if not isinstance(values, dict):
            return "mapping of " + ", ".join(f"`{key}`" for key in field.get("properties", {}))
        return f"mapping of {listed or 'keys'} to {_type(values)}"
    words = _SCALARS.get(kind or "", "value")
    if kind == "string" and field.get("description", "").startswith("Text with inline markup"):
        return "*text*"
    if "pattern" in field and "description" in field:
        return f"{words}: {_one_line(field['description'])}"
    if "minimum" in field and "maximum" in field:
        return f"{words} from {field['minimum']} to {field['maximum']}"
    return words


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")
