"""A report's texts in gettext catalogues: which texts are translated, and applying a catalogue.

One catalogue per language, `translations/<stem>.<lang>.po` beside the report, written and
read with Babel's PO support; each entry's context is the path of its text in the report.
Prose is translated (titles, text, captions, alt text, labels, dates in words, positions);
names, places, addresses, URLs and figures are not, unless a translator adds an entry for
one by hand, with its path as context.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..errors import Issue, ReportError
from ..model import markup
from .plainyaml import PathKey, format_path

if TYPE_CHECKING:  # Babel only where catalogues are read or written: `validate` needs none
    from babel.messages.catalog import Catalog, Message

    from .loader import Locator

TRANSLATED_KEYS = frozenset(
    {
        "title",
        "cover_title",
        "text",
        "caption",
        "alt",
        "label",
        "date_text",
        "note",
        "position",
        "detail",
    }
)
"""Keys whose text is prose, wherever they are; `title` of an officer is a position."""
BLOCK_KEYS = frozenset({"foreword", "introduction", "action_plan"})
"""Keys that take blocks, written as one paragraph's text."""
LIST_KEYS = frozenset({"items", "header"})
"""Keys whose entries, when they are text, are translated (list items, table headings)."""


@dataclass(frozen=True)
class Entry:
    """One text of the report to translate."""

    path: PathKey
    text: str
    file: str
    line: int
    comments: tuple[str, ...] = ()

    @property
    def context(self) -> str:
        return format_path(self.path)


def is_translated(path: PathKey) -> bool:
    """Whether the text at `path` is one that catalogues translate."""
    if not path:
        return False
    last = path[-1]
    if isinstance(last, str):
        return (
            last in TRANSLATED_KEYS
            or last in BLOCK_KEYS
            or path[:-1] in {("labels",), ("publication_kinds",)}
        )
    parent = path[-2] if len(path) > 1 else None
    return parent in LIST_KEYS or (len(path) > 2 and path[-3] == "rows")


def texts(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every text of the data with its path, in the order of the document."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from texts(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from texts(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def entries(data: Any, locator: Locator) -> list[Entry]:
    """The report's texts to translate, each with where it is written and its comments."""
    found = []
    for path, text in texts(data):
        if is_translated(path) and text.strip():
            file, line, _ = locator.locate(path)
            found.append(Entry(path, text, file, line, tuple(locator.comments(path))))
    return found


# --- writing and updating a catalogue ------------------------------------------------


def updated_catalogue(
    found: list[Entry], data: Any, language: str, source: str, old: Catalog | None, now: datetime
) -> Catalog:
    """The catalogue of `found` for `language`, keeping the translations of `old`.

    A text whose source changed keeps its translation, marked fuzzy with the previous
    source; a text that moved keeps it as it is; an entry a translator added for a text
    not translated by default stays while its path holds text; the rest become obsolete.
    """
    from babel.messages.catalog import Catalog

    catalogue = Catalog(
        locale=language,
        header_comment=(
            f"# Translations of {source} into {language}.\n"
            "# Edit the msgstr lines; `reportgen translate` keeps the entries up to date."
        ),
        project="reportgen",
        version=source,
        creation_date=old.creation_date if old else now,
        revision_date=old.revision_date if old else now,
        last_translator=old.last_translator if old else "",
        language_team=old.language_team if old else "",
        msgid_bugs_address=old.msgid_bugs_address if old else "",
        fuzzy=False,
    )
    previous = {str(message.context): message for message in old or () if message.context}
    remembered = [*(old.obsolete.values() if old else ()), *previous.values()]
    by_text = {message.id: message for message in remembered if message.string}
    paths = {entry.context for entry in found}
    added = [
        entry
        for context, message in previous.items()
        if context not in paths and (entry := _added_entry(context, data, message))
    ]
    order = {path: index for index, (path, _) in enumerate(texts(data))}
    current = {entry.text for entry in [*found, *added]}
    reused = set()
    for entry in sorted([*found, *added], key=lambda entry: order[entry.path]):
        kept = previous.get(entry.context)
        string: Any = ""
        flags: set[str] = set()
        was: tuple[Any, ...] = ()
        if kept is not None and kept.id == entry.text:
            string, flags = kept.string, set(kept.flags)
        elif entry.text in by_text:  # the same text elsewhere, or moved: the same translation
            string, flags = by_text[entry.text].string, set(by_text[entry.text].flags)
            reused.add(entry.text)
        elif kept is not None and kept.string and kept.id not in current:  # not moved: changed
            string, flags, was = kept.string, {"fuzzy"}, (kept.id,)
        catalogue.add(
            entry.text,
            string,
            locations=[(entry.file, entry.line)],
            flags=flags,
            auto_comments=entry.comments,
            user_comments=kept.user_comments if kept is not None else (),
            previous_id=was,
            context=entry.context,
        )
    live = paths | {entry.context for entry in added}
    for context, message in previous.items():
        if context not in live and message.id not in reused and message.string:
            message.locations, message.previous_id = [], []
            catalogue.obsolete[(str(message.id), context)] = message
    if old is not None:
        for key, message in old.obsolete.items():
            if message.id not in reused and key not in catalogue.obsolete:
                catalogue.obsolete[key] = message
    if old is None or po_bytes(catalogue) != po_bytes(old):
        catalogue.revision_date = now
    return catalogue


def _added_entry(context: str, data: Any, message: Message) -> Entry | None:
    """The entry a translator added by hand, if its path still holds a text."""
    path = parse_path(context)
    value = _at(data, path)
    if not isinstance(value, str) or not message.string:
        return None
    file, line = message.locations[0] if message.locations else ("", 0)
    return Entry(path, value, file, line, tuple(message.auto_comments))


def po_bytes(catalogue: Catalog) -> bytes:
    """The catalogue as a PO file, as Poedit and msgfmt read it."""
    from babel.messages.pofile import write_po

    stream = io.BytesIO()
    write_po(stream, catalogue, width=76, include_previous=True)
    return stream.getvalue()


def read_catalogue(content: bytes, name: str) -> Catalog:
    """A PO file read with Babel; a located error if it is not one."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        return read_po(io.BytesIO(content), abort_invalid=True)
    except PoFileError as error:
        line = getattr(error, "lineno", 0) or 0
        issue = Issue(name, line, 1 if line else 0, f"not a valid PO file: {error}")
        raise ReportError([issue]) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise ReportError([Issue(name, 0, 0, f"not a valid PO file: {error}")]) from None


# --- applying a catalogue --------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    """How far a catalogue is: entries translated, fuzzy, and missing (untranslated, or
    not in the catalogue at all)."""

    translated: int
    fuzzy: int
    missing: int

    @property
    def complete(self) -> bool:
        return not self.fuzzy and not self.missing


def apply_catalogue(
    data: Any, locator: Locator, catalogue: Catalog, name: str, command: str, text: str = ""
) -> tuple[Any, list[Issue], Progress]:
    """The data with each text translated, the issues, and how complete the catalogue is.

    An untranslated or fuzzy text stays in the source language and is a warning at its
    entry (a label falls back to the language's own word); a translation that breaks the
    inline markup or changes a link is an error there. Issues in the catalogue are at the
    line of the entry's `msgstr` in `text`, the catalogue's own text.
    """
    lines = text.splitlines()

    def msgstr_line(message: Message) -> int:
        """The line of the entry's msgstr, what a translator writes."""
        start = message.lineno or 1
        found = (n for n, text in enumerate(lines[start - 1 :], start) if text.startswith("msgstr"))
        return next(found, start)

    translated = copy.deepcopy(data)
    issues: list[Issue] = []
    counts = {"translated": 0, "fuzzy": 0, "missing": 0}
    found = entries(data, locator)
    paths = {entry.path for entry in found}
    for entry in found:
        message = catalogue.get(entry.text, context=entry.context)
        label = entry.path[:-1] == ("labels",)
        fallback = "the language's own word is used" if label else "the source text is printed"
        if message is None or message.id != entry.text:
            counts["missing"] += 1
            file, line, column = locator.locate(entry.path)
            issues.append(
                Issue(
                    file,
                    line,
                    column,
                    f"not in {name}, so {fallback}; run `{command}` to add it",
                    entry.context,
                    "warning",
                )
            )
        elif message.fuzzy or not message.string:
            counts["fuzzy" if message.fuzzy else "missing"] += 1
            why = "fuzzy (its source changed)" if message.fuzzy else "not translated"
            issues.append(
                Issue(
                    name, msgstr_line(message), 1, f"{why}, so {fallback}", entry.context, "warning"
                )
            )
        else:
            counts["translated"] += 1
            issues += _put(translated, entry.path, entry.text, message, name, msgstr_line(message))
            continue
        if label:
            del translated["labels"][entry.path[-1]]
    for message in catalogue:
        if message.context and message.string and not message.fuzzy:
            path = parse_path(message.context)
            if path not in paths and _at(data, path) == message.id:
                issues += _put(
                    translated, path, str(message.id), message, name, msgstr_line(message)
                )
    return translated, issues, Progress(**counts)


def _put(
    data: Any, path: PathKey, source: str, message: Message, name: str, line: int
) -> list[Issue]:
    """Put the translation at `path`; an error at `line` instead if it breaks the markup."""
    problem = markup_problem(source, str(message.string))
    if problem:
        return [Issue(name, line, 1, problem, format_path(path))]
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = str(message.string)
    return []


def markup_problem(source: str, translation: str) -> str | None:
    """What the translation breaks of the source's inline markup, if anything."""
    wanted, got = sorted(markup.links(source)), sorted(markup.links(translation))
    if wanted != got:
        shown = ", ".join(f"`{url}`" for url in wanted) or "none"
        return (
            f"the translation's links differ from the source's ({shown}); keep each link's target"
        )
    if len(markup.notes(source)) != len(markup.notes(translation)):
        return (
            f"the translation's footnotes differ from the source's ({len(markup.notes(source))})"
            "; keep each `^[...]`, translated"
        )
    source_spans, spans = markup.parse(source), markup.parse(translation)
    for mark in ("**", "*", "]("):
        plain = markup.to_text(spans).count(mark) - markup.to_text(source_spans).count(mark)
        if plain > 0:
            return f"`{mark}` without its partner in the translation; close it, or escape it"
    for style in ("bold", "italic"):
        if any(getattr(span, style) for span in source_spans) != any(
            getattr(span, style) for span in spans
        ):
            return f"the translation's {style} text differs from the source's; keep it"
    return None


_PATH_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def parse_path(text: str) -> PathKey:
    """('bodies', 0, 'name') from `bodies[0].name`."""
    return tuple(
        int(index) if index else key for index, key in _PATH_PART.findall(text) if index or key
    )


def _at(data: Any, path: PathKey) -> Any:
    """The value at `path`, or None if there is none."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data
