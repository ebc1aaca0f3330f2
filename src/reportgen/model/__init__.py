"""The content model of a year's activity report: strict, documented, free of I/O.

Every model forbids unknown keys, so a misspelt key is an error instead of silently
dropped content. Dates are parsed here from text, never by the YAML layer.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetPydanticSchema,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError, core_schema

from .humandates import to_write

Language = Literal["fr", "en", "en-GB", "en-US", "es"]

LabelKey = Literal[
    "foreword",
    "introduction",
    "activities",
    "upcoming",
    "action_plan",
    "links",
    "officers",
    "secretariat",
    "annexes",
    "contents",
    "page_of",
    "event_at",
    "to_be_confirmed",
    "date_to_be_confirmed",
    "organisers",
    "partners",
    "vacant",
    "represented_by",
    "attached_to",
    "joint_with",
    "figures",
    "email",
    "phone",
    "website",
    "president",
    "co-president",
    "vice-president",
    "chair",
    "co-chair",
    "vice-chair",
    "secretary",
    "commission",
    "working-group",
    "committee",
    "network",
    "task-force",
    "publication",
    "declaration",
    "study",
    "report",
    "guide",
]
"""Names of the fixed words a report prints; each can be overridden per report."""


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- dates ------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})(?:-(?:[Qq](\d)|(\d{2})(?:-(\d{2}))?))?$")
_ONE_DATE = r"\d{4}(-([Qq][1-4]|\d{2}(-\d{2})?))?"
DATE_PATTERN = rf"^{_ONE_DATE}(/{_ONE_DATE})?$"
SINGLE_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Precision = Literal["year", "quarter", "month", "day"]


@dataclass(frozen=True)
class PartialDate:
    """A calendar date known to the year, the quarter, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None
    quarter: int | None = None

    @property
    def first_month(self) -> int:
        """The month it starts in: its own, its quarter's first, or January."""
        return self.month or (3 * self.quarter - 2 if self.quarter else 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.first_month, self.day or 1)

    @property
    def last_day(self) -> date:
        month = self.month or (3 * self.quarter if self.quarter else 12)
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    @property
    def sort_key(self) -> tuple[int, int, int, int]:
        """Calendar order, a year before its quarters, a quarter before its months and a
        month before its days: `2013`, `2013-Q2`, `2013-04`, `2013-04-05`, `2013-05`."""
        if self.quarter is not None:
            return (self.year, self.first_month, 0, 0)
        return (self.year, self.month or 0, 1, self.day or 0)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "quarter" if self.quarter is not None else "year"

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.quarter is not None:
            text += f"-Q{self.quarter}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True)
class DateSpan:
    """A single partial date, or a range START/END of two of them."""

    start: PartialDate
    end: PartialDate

    @property
    def is_range(self) -> bool:
        return self.start != self.end

    @property
    def sort_key(self) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
        """By start, then by end: a range after the single date it starts with."""
        return (self.start.sort_key, self.end.sort_key)

    def __str__(self) -> str:
        return str(self.start) if not self.is_range else f"{self.start}/{self.end}"


@dataclass(frozen=True)
class ToBeConfirmed:
    """The date of an event that is not fixed yet: `date: tbc`."""

    def __str__(self) -> str:
        return "tbc"


def _date_error(text: str, why: str) -> PydanticCustomError:
    return PydanticCustomError(
        "date",
        "`{value}` is not a valid date: {why}; write YYYY, YYYY-MM or YYYY-MM-DD, "
        "or START/END for a range",
        {"value": text, "why": why},
    )


def _date_instead(text: str, instead: str) -> PydanticCustomError:
    """The error for a date written another way, with the form to write."""
    return PydanticCustomError(
        "date",
        "`{value}` is not a valid date; write {instead}",
        {"value": text, "instead": instead},
    )


def parse_partial_date(text: str) -> PartialDate:
    """Parse YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, checking the calendar."""
    match = _DATE_RE.match(text)
    if not match:
        raise _date_error(text, "unrecognised form")
    year, quarter, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if quarter is not None:
        if not 1 <= quarter <= 4:
            raise PydanticCustomError(
                "date",
                "`{value}` is not a valid date: quarter {quarter} does not exist; write a "
                "quarter as YYYY-Q1 to YYYY-Q4",
                {"value": text, "quarter": quarter},
            )
        return PartialDate(year, quarter=quarter)
    if month is not None and not 1 <= month <= 12:
        raise _date_error(text, f"month {month} does not exist")
    if month is not None and day is not None:
        days_in_month = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days_in_month:
            raise _date_error(text, f"day {day} does not exist in {year:04d}-{month:02d}")
    return PartialDate(year, month, day)


def parse_date_span(value: Any) -> DateSpan:
    """Validate a date field: an int year, a partial date, or START/END."""
    if isinstance(value, DateSpan):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PydanticCustomError(
            "date_type",
            "expected a date as text such as 2012-12-05, got {kind}",
            {"kind": type(value).__name__},
        )
    text = str(value).strip()
    first, sep, second = text.partition("/")
    try:
        start = parse_partial_date(first)
        end = parse_partial_date(second) if sep else start
    except PydanticCustomError:
        instead = to_write(text)
        if not instead:
            raise
        raise _date_instead(text, instead) from None
    if end.last_day < start.first_day:
        raise PydanticCustomError(
            "date_order", "the range `{value}` ends before it starts", {"value": text}
        )
    return DateSpan(start, end)


def _text_value(parse: Callable[[Any], Any]) -> GetPydanticSchema:
    """Validate with `parse` and serialise with `str`. (PlainValidator and PlainSerializer
    would do the same, but only after building a schema of the dataclass they replace.)"""

    def schema(_source: Any, _handler: Any) -> core_schema.CoreSchema:
        # A new schema at every use: pydantic adds each use's metadata to the one it gets.
        return core_schema.no_info_plain_validator_function(
            parse,
            serialization=core_schema.plain_serializer_function_ser_schema(
                str, return_schema=core_schema.str_schema()
            ),
        )

    return GetPydanticSchema(schema)


DateSpec = Annotated[
    DateSpan,
    _text_value(parse_date_span),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, or START/END for a range.",
        }
    ),
]


def parse_event_date(value: Any) -> DateSpan | ToBeConfirmed:
    """An event's date: a date or a range, or `tbc` when it is not fixed yet."""
    if isinstance(value, str) and value.strip().casefold() == "tbc":
        return ToBeConfirmed()
    if isinstance(value, str) and value.strip().casefold() in _NOT_FIXED:
        raise _date_instead(value, "`tbc` for a date not fixed yet")
    return parse_date_span(value)


_NOT_FIXED = {"tbd", "to be confirmed", "to be determined", "à confirmer", "por confirmar", "?"}
"""What people write for a date not fixed yet, instead of `tbc`."""

EventDate = Annotated[
    DateSpan | ToBeConfirmed,
    _text_value(parse_event_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {"const": "tbc"},
            ],
            "description": "YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD, START/END for a range, or "
            "`tbc` when it is not fixed yet.",
        }
    ),
]


# --- times of day -------------------------------------------------------------------

_TIME_RE = re.compile(r"^(\d{1,2}):(\d{2})$")
_TIME_SEPARATOR = re.compile(r"\s*[-\u2013/]\s*")
TIME_PATTERN = r"^\d{1,2}:\d{2}(\s*[-\u2013/]\s*\d{1,2}:\d{2})?$"
# Times written another way: `14h30`, `14 h 30`, `14.30`, `2:30 pm`, `9am`.
_HUMAN_TIME = re.compile(
    r"^(\d{1,2})(?:\s*[h.:]\s*(\d{2})?)?\s*(?:([ap])\.?\s*m\.?)?$", re.IGNORECASE
)


@dataclass(frozen=True)
class TimeSpan:
    """A time of day on a 24-hour clock, or a start and an end."""

    start: time
    end: time | None = None

    def __str__(self) -> str:
        text = f"{self.start:%H:%M}"
        return text if self.end is None else f"{text}-{self.end:%H:%M}"


def _time_error(text: str, why: str) -> PydanticCustomError:
    return PydanticCustomError(
        "time",
        "`{value}` is not a time: {why}; write hours and minutes on a 24-hour clock, as "
        "`14:30`, or a start and an end, as `09:00-12:30`",
        {"value": text, "why": why},
    )


def _human_time(text: str) -> str | None:
    """`14:30` for `14h30`, `14.30`, `2:30 pm` or `14`; None if `text` is not a time."""
    match = _HUMAN_TIME.match(text.strip())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if match[3]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[3].lower() == "p" else 0)
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def parse_time(text: str, whole: str) -> time:
    """One time of day, `H:MM` or `HH:MM`; `whole` is the value it was written in."""
    match = _TIME_RE.match(text)
    if not match:
        instead = _human_time(text)
        if instead:
            raise PydanticCustomError(
                "time",
                "`{value}` is not a time as reportgen reads it; write `{instead}` "
                "(hours and minutes on a 24-hour clock)",
                {"value": text, "instead": instead},
            )
        raise _time_error(whole, "unrecognised form")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23:
        raise _time_error(whole, f"hour {hour} does not exist")
    if minute > 59:
        raise _time_error(whole, f"minute {minute} does not exist")
    return time(hour, minute)


def parse_time_span(value: Any) -> TimeSpan:
    """Validate a time field: `14:30`, or START-END such as `09:00-12:30`.

    YAML 1.1 reads an unquoted `14:30` as the number 870 (14 × 60 + 30); reportgen's own
    reading keeps it as text, but a number that arrives here is refused, never printed.
    """
    if isinstance(value, TimeSpan):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        raise PydanticCustomError(
            "time",
            "the time is the number {value}, which is what YAML makes of an unquoted "
            '`{written}`; write the time in quotes, as `"{written}"`',
            {"value": value, "written": f"{value // 60:02d}:{value % 60:02d}"},
        )
    if not isinstance(value, str):
        raise PydanticCustomError(
            "time_type",
            'expected a time as text such as "14:30", got {kind}',
            {"kind": type(value).__name__},
        )
    text = value.strip()
    parts = _TIME_SEPARATOR.split(text, maxsplit=1)
    start = parse_time(parts[0], text)
    end = parse_time(parts[1], text) if len(parts) == 2 else None
    if end is not None and end <= start:
        raise PydanticCustomError(
            "time_order", "`{value}` ends before it starts, or when it starts", {"value": text}
        )
    return TimeSpan(start, end)


TimeSpec = Annotated[
    TimeSpan,
    _text_value(parse_time_span),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": TIME_PATTERN,
            "description": "`HH:MM` on a 24-hour clock, or START-END as `09:00-12:30`.",
        }
    ),
]


@dataclass(frozen=True)
class YearPeriod:
    """Several whole years, `first` to `last`."""

    first: int
    last: int

    def __str__(self) -> str:
        return f"{self.first}-{self.last}"


_PERIOD_RE = re.compile(r"^(\d{4})\s*[-\u2013/]\s*(\d{4})$")


def parse_period(value: Any) -> YearPeriod:
    """Validate a period of whole years: `2011-2013`, `2011–2013` or `2011/2013`."""
    if isinstance(value, YearPeriod):
        return value
    match = _PERIOD_RE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise PydanticCustomError(
            "period", "`{value}` is not a period; write two years, as `2011-2013`", {"value": value}
        )
    period = YearPeriod(int(match[1]), int(match[2]))
    if period.last <= period.first:
        raise PydanticCustomError(
            "period", "the period `{value}` must end after it starts", {"value": value}
        )
    return period


Period = Annotated[
    YearPeriod,
    _text_value(parse_period),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _PERIOD_RE.pattern,
            "description": "Two years, first and last, as `2011-2013`.",
        }
    ),
]

# --- text and links -----------------------------------------------------------

Text = Annotated[
    str,
    Field(
        min_length=1,
        description="Text with inline markup: **bold**, *italic*, [label](url), a "
        "reference to a chapter [label](#id), footnotes ^[note].",
    ),
]

Email = Annotated[
    str,
    Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", description="An e-mail address."),
]

Url = Annotated[
    str,
    Field(
        pattern=r"^(https?://[^\s]+|mailto:[^\s]+)$",
        description="An absolute http(s) or mailto URL.",
    ),
]


def _paragraph_shorthand(value: Any) -> Any:
    """A plain string where blocks are expected stands for one paragraph."""
    if isinstance(value, str):
        return [{"type": "paragraph", "text": value}]
    return value


def _item_shorthand(value: Any) -> Any:
    """A plain string in a list stands for an item with only text."""
    if isinstance(value, str):
        return {"text": value}
    return value


def _one_or_list(value: Any) -> Any:
    """One mapping where a list is expected stands for a list of one; nothing, for none."""
    if value is None:
        return []
    return [value] if isinstance(value, dict) else value


_ID_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def check_body_id(value: str) -> str:
    """A lowercase slug, so that it can name the body in links, anchors and bookmarks."""
    if not _ID_RE.match(value) or len(value) > 40:
        slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")[:40].strip("-")
        example = slug if _ID_RE.match(slug) else "culture"
        raise PydanticCustomError(
            "body_id",
            "`{value}` is not an id; write at most 40 lowercase letters, digits and hyphens, "
            "starting with a letter, as `{example}`",
            {"value": value, "example": example},
        )
    return value


BodyId = Annotated[
    str,
    AfterValidator(check_body_id),
    Field(json_schema_extra={"pattern": _ID_RE.pattern, "maxLength": 40}),
]


# --- content blocks --------------------------------------------------------------


class Paragraph(Strict):
    """A paragraph of running text."""

    type: Literal["paragraph"] = Field(description="Block type: `paragraph`.")
    text: Text


class Heading(Strict):
    """A sub-heading among blocks, e.g. inside a theme: one level below the heading of the
    part that holds it; in the PDF's bookmarks and Word's navigation pane, not in the
    printed contents."""

    type: Literal["heading"] = Field(description="Block type: `heading`.")
    text: Text = Field(
        description="The sub-heading: inline markup, but no footnote (a heading cannot hold one)."
    )


class ListItem(Strict):
    """One entry of a list: a plain string, or text with a date and nested entries."""

    text: Text
    date: DateSpec | None = Field(
        default=None, description="When it happened; shown before the text when given."
    )
    date_text: str | None = Field(
        default=None, description="The date in the source's own words, shown instead."
    )
    items: list[
        Annotated[
            ListItem, BeforeValidator(_item_shorthand, json_schema_input_type=Text | ListItem)
        ]
    ] = Field(
        default=[],
        description="Nested entries under this one, numbered or bulleted like their parent.",
    )


class BulletList(Strict):
    """A bullet list, or a numbered one with `ordered: true`."""

    type: Literal["list"] = Field(description="Block type: `list`.")
    ordered: bool = Field(default=False, description="Number the items instead of bullets.")
    items: list[
        Annotated[
            ListItem, BeforeValidator(_item_shorthand, json_schema_input_type=Text | ListItem)
        ]
    ] = Field(min_length=1, description="The entries, in order; each a string or `{text, items}`.")


Country = Annotated[
    str,
    Field(
        min_length=1,
        description="A country: an ISO 3166 code such as `SN` (written in the report's "
        "language) or a name as it should appear.",
    ),
]


Name = Annotated[str, Field(min_length=1, description="A name: a city, an institution, a person.")]


class Event(Strict):
    """A dated event: a meeting, a conference, a forum."""

    type: Literal["event"] = Field(
        default="event", description="Block type: `event` (optional outside of blocks)."
    )
    title: Text = Field(description="What the event is.")
    date: EventDate = Field(
        description="When it takes place: a date or a range, also across months "
        "(`2013-06-28/2013-07-02`), a quarter (`2013-Q2`), or `tbc` when it is not fixed yet "
        "(printed `date to be confirmed`, `date à confirmer`, `fecha por confirmar`)."
    )
    tentative: bool = Field(
        default=False,
        description="The date is provisional: `to be confirmed` (`à confirmer`, "
        "`por confirmar`) is printed after it.",
    )
    date_text: str | None = Field(
        default=None, description="The date in the source's own words, shown instead."
    )
    time: TimeSpec | None = Field(
        default=None,
        description="The time of day it starts (`14:30`), or when it starts and ends "
        "(`09:00-12:30`), on a 24-hour clock; printed after the date the language's way "
        "(`14 h 30`, `2:30 pm`, `14:30`). Quotes are not needed.",
    )
    place: str | None = Field(default=None, description="The city or venue.")
    country: Country | None = Field(default=None, description="The country it takes place in.")
    text: Text | None = Field(default=None, description="What happened or will happen there.")
    organisers: list[Name] = Field(
        default=[],
        description="Who organises it, by name, in order: printed after the label "
        "`organisers` as a list in the language's words (`A, B and C`, `A, B et C`).",
    )
    partners: list[Name] = Field(
        default=[],
        description="Its partners or sponsors, by name, in order: printed after the label "
        "`partners`, likewise.",
    )


PublicationKind = Literal["publication", "declaration", "study", "report", "guide"]
PUBLICATION_KINDS: tuple[str, ...] = get_args(PublicationKind)
"""The kinds of publication every report knows; a report declares more under
`publication_kinds`."""


class Publication(Strict):
    """A publication, study or declaration the body produced or adopted."""

    type: Literal["publication"] = Field(description="Block type: `publication`.")
    kind: str = Field(
        default="publication",
        min_length=1,
        description="What it is: publication, declaration, study, report, guide, or a kind the "
        "report declares under `publication_kinds`.",
    )
    title: Text = Field(description="Its title.")
    date: DateSpec | None = Field(default=None, description="When it was published or adopted.")
    date_text: str | None = Field(
        default=None, description="The date in the source's own words, shown instead."
    )
    authors: str | None = Field(default=None, description="Who wrote or signed it.")
    publisher: str | None = Field(default=None, description="Who published it.")
    url: Url | None = Field(default=None, description="Where to read it.")
    text: Text | None = Field(default=None, description="What it says, in a few lines.")


Approximation = Literal["about", "more-than", "at-least", "less-than", "plus"]


class Figure(Strict):
    """One key figure: a number and what it counts."""

    value: Decimal = Field(
        allow_inf_nan=False,
        max_digits=15,
        description="The number, written plainly (`4500`, `12.5`), at most 15 digits; it is "
        "formatted the language's way (`4 500` in French, `4,500` in English).",
    )
    unit: str | None = Field(default=None, description="A unit written after it, e.g. `%`.")
    approx: Approximation | None = Field(
        default=None,
        description="The number is not exact: `about` 200, `more-than` 4,500, `at-least`, "
        "`less-than`, or `plus` (70+); the words follow the report's language.",
    )
    label: Text = Field(description="What the number counts.")


class KeyFigures(Strict):
    """A row of key figures, under the heading of the label `figures`."""

    type: Literal["figures"] = Field(description="Block type: `figures`.")
    items: list[Figure] = Field(min_length=1, description="The figures, in order.")


class Table(Strict):
    """A table with a header row."""

    type: Literal["table"] = Field(description="Block type: `table`.")
    caption: Text | None = Field(default=None, description="What the table shows.")
    header: list[Text] = Field(min_length=1, description="The column headings.")
    rows: list[list[Text]] = Field(
        min_length=1, description="The rows, each with one cell per column heading."
    )

    @model_validator(mode="after")
    def _check_row_widths(self) -> Table:
        for index, row in enumerate(self.rows):
            if len(row) != len(self.header):
                raise PydanticCustomError(
                    "table_row",
                    "row {row} has {cells} cells but the header has {columns}",
                    {"row": index + 1, "cells": len(row), "columns": len(self.header)},
                )
        return self


def check_image_path(value: str) -> str:
    """A relative PNG or JPEG path that cannot leave the report's folder."""
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts:
        raise PydanticCustomError(
            "image_path",
            "`{value}` must be a path relative to the report's folder, inside it",
            {"value": value},
        )
    if not value.lower().endswith((".png", ".jpg", ".jpeg")):
        raise PydanticCustomError(
            "image_type", "`{value}` is not a PNG or JPEG file", {"value": value}
        )
    return value


ImagePath = Annotated[
    str,
    AfterValidator(check_image_path),
    Field(
        min_length=1,
        description="A PNG or JPEG file, relative to the report's folder and inside it.",
    ),
]


class Image(Strict):
    """A picture from the report's folder, with a caption and required alt text."""

    type: Literal["image"] = Field(description="Block type: `image`.")
    path: ImagePath
    alt: str = Field(
        min_length=1, description="What the picture shows, for readers who cannot see it."
    )
    caption: Text | None = Field(default=None, description="A caption printed under it.")


class Quote(Strict):
    """A quotation with its attribution."""

    type: Literal["quote"] = Field(description="Block type: `quote`.")
    text: Text = Field(description="The words quoted.")
    attribution: str | None = Field(default=None, description="Who said or wrote them.")


class Link(Strict):
    """A link for more information."""

    type: Literal["link"] = Field(
        default="link", description="Block type: `link` (optional outside of blocks)."
    )
    label: str | None = Field(default=None, description="What the link leads to.")
    url: Url


class Contact(Strict):
    """How to reach a person or an office."""

    type: Literal["contact"] = Field(
        default="contact", description="Block type: `contact` (optional outside of blocks)."
    )
    name: str = Field(min_length=1, description="The person's or the office's name.")
    position: str | None = Field(default=None, description="The person's position.")
    organisation: str | None = Field(default=None, description="Where they work.")
    address: str | None = Field(default=None, description="The postal address.")
    email: Email | None = Field(default=None, description="An e-mail address.")
    phone: str | None = Field(default=None, description="A telephone number.")
    url: Url | None = Field(default=None, description="A web site.")


class ChronologyEntry(Strict):
    """One dated entry of a chronology."""

    date: DateSpec = Field(
        description="When it happened; entries are sorted by it: a year before its months, "
        "a month before its days, ranges by start then end, equal dates as written."
    )
    date_text: str | None = Field(
        default=None, description="The date in the source's own words, shown instead."
    )
    text: Text = Field(description="What happened.")


class Chronology(Strict):
    """Dated entries, sorted by date and grouped under year or month headings."""

    type: Literal["chronology"] = Field(description="Block type: `chronology`.")
    group_by: Literal["year", "month"] = Field(
        default="year", description="Group the entries by `year` or by `month`."
    )
    entries: list[ChronologyEntry] = Field(min_length=1, description="The entries, in any order.")


class Member(Strict):
    """A member of the body, listed under its country."""

    name: str = Field(min_length=1, description="The member: a city, a region, an association.")
    country: Country
    detail: str | None = Field(default=None, description="Anything to add, e.g. the status.")


class Members(Strict):
    """A member list, grouped by country and sorted."""

    type: Literal["members"] = Field(description="Block type: `members`.")
    members: list[Member] = Field(min_length=1, description="The members, in any order.")


class Participant(Strict):
    """A person who took part, e.g. in a meeting."""

    name: str = Field(min_length=1, description="The person's name.")
    position: str | None = Field(default=None, description="Their position or office.")
    organisation: str | None = Field(default=None, description="Whom they represent.")
    country: Country | None = Field(default=None, description="Where they come from.")


class Participants(Strict):
    """A list of participants, in the given order."""

    type: Literal["participants"] = Field(description="Block type: `participants`.")
    people: list[Participant] = Field(min_length=1, description="The participants, in order.")


Block = Annotated[
    Paragraph
    | Heading
    | BulletList
    | Event
    | Publication
    | KeyFigures
    | Table
    | Image
    | Quote
    | Link
    | Contact
    | Chronology
    | Members
    | Participants,
    Field(discriminator="type"),
]
Blocks = Annotated[
    list[Block], BeforeValidator(_paragraph_shorthand, json_schema_input_type=Text | list[Block])
]

BLOCK_TYPES = (
    "paragraph",
    "heading",
    "list",
    "event",
    "publication",
    "figures",
    "table",
    "image",
    "quote",
    "link",
    "contact",
    "chronology",
    "members",
    "participants",
)
"""The value of `type` for each kind of block, in the order the documentation lists them."""


class Theme(Strict):
    """A group of activities under one heading, such as "Communication"."""

    title: Text = Field(description="The theme's heading.")
    background: bool = Field(
        default=False,
        description="The theme tells background or plans, not the activities of the report's "
        "years (`Our history`: founded in 2004; `Next steps`: 2014): its dates are not checked "
        "against the years the report covers. It prints as any theme.",
    )
    blocks: list[Block] = Field(min_length=1, description="The theme's content blocks, in order.")
    also_in: list[BodyId] = Field(
        default=[],
        description="The `id` of each other body that carried out this activity jointly: the "
        "theme, written once, is printed in their chapters too (after their own themes), and "
        "marked as joint in each (the label `joint_with`).",
    )


class Annex(Strict):
    """An annex: a titled part after the main text, such as a member list."""

    title: Text = Field(description="The annex's heading.")
    blocks: list[Block] = Field(min_length=1, description="The annex's content blocks.")


OfficerRole = Literal[
    "president",
    "co-president",
    "vice-president",
    "chair",
    "co-chair",
    "vice-chair",
    "secretary",
]


OfficerForm = Literal["masculine", "feminine", "office"]


def parse_single_date(value: Any) -> PartialDate:
    """Validate one partial date, not a range: an int year, YYYY, YYYY-MM or YYYY-MM-DD."""
    if isinstance(value, PartialDate):
        return value
    span = parse_date_span(value)
    if span.is_range:
        raise PydanticCustomError(
            "date",
            "`{value}` is a range; write one date: YYYY, YYYY-MM or YYYY-MM-DD",
            {"value": value},
        )
    if span.start.quarter is not None:
        raise PydanticCustomError(
            "date",
            "`{value}` is a quarter; write the year, the month or the day: YYYY, YYYY-MM or "
            "YYYY-MM-DD",
            {"value": value},
        )
    return span.start


SingleDate = Annotated[
    PartialDate,
    _text_value(parse_single_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": SINGLE_DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "YYYY, YYYY-MM or YYYY-MM-DD.",
        }
    ),
]


class Officer(Strict):
    """An office of the body and who holds it: a person, an institution and the person
    representing it, or no one (a vacant seat)."""

    role: OfficerRole = Field(description="The office held.")
    rank: int | None = Field(
        default=None,
        ge=1,
        le=10,
        description="Its rank among offices of the same role: `1` prints `First "
        "vice-president`, `Premier vice-président`, `Vicepresidente primero`.",
    )
    form: OfficerForm | None = Field(
        default=None,
        description="The form of the role's name: `feminine` (`Présidente`, `Vicepresidenta`), "
        "`masculine`, or `office` for the office itself (`Présidence`), as when an institution "
        "holds it; by default, the language's label for the role.",
    )
    role_text: str | None = Field(
        default=None, min_length=1, description="The role in the source's own words, shown instead."
    )
    name: str | None = Field(
        default=None,
        min_length=1,
        description="The person's name, with honorific if any; with `institution`, the person "
        "representing it.",
    )
    institution: str | None = Field(
        default=None,
        min_length=1,
        description="The institution holding the office, e.g. `City of Bilbao`.",
    )
    vacant: bool = Field(
        default=False, description="The seat is vacant: no `name`, `institution` or `title`."
    )
    title: str | None = Field(
        default=None, description="The person's own position, e.g. `Maire de Bilbao`."
    )
    region: str | None = Field(
        default=None, description="The region the officer represents, e.g. `Africa`."
    )
    portfolio: str | None = Field(
        default=None, description="The officer's area of responsibility, e.g. `Finance`."
    )
    since: SingleDate | None = Field(
        default=None,
        description="When the term began, if it began during the report's period: "
        "`since 5 March 2012`.",
    )
    until: SingleDate | None = Field(
        default=None,
        description="When the term ended, if it ended during the report's period: "
        "`until June 2012`.",
    )

    @model_validator(mode="after")
    def _check_holder_and_term(self) -> Officer:
        if self.vacant and (self.name or self.institution or self.title):
            raise PydanticCustomError(
                "vacant", "a vacant seat has no `name`, `institution` or `title`", {}
            )
        if not (self.vacant or self.name or self.institution):
            raise PydanticCustomError(
                "holder",
                "give the officer's `name`, the `institution` holding the office, "
                "or `vacant: true`",
                {},
            )
        if self.since and self.until and self.until.last_day < self.since.first_day:
            raise PydanticCustomError(
                "term",
                "the term ends (`until: {until}`) before it begins (`since: {since}`)",
                {"until": str(self.until), "since": str(self.since)},
            )
        return self


BodyKind = Literal["commission", "working-group", "committee", "network", "task-force"]


class Body(Strict):
    """One commission, working group or committee: a chapter of the report."""

    name: str = Field(min_length=1, description="The body's full name.")
    id: BodyId | None = Field(
        default=None,
        description="A short name for the body, unique in the report, in lowercase letters, "
        "digits and hyphens (`culture`): the anchor of its chapter in HTML, and how other "
        "fields name the body.",
    )
    kind: BodyKind = Field(description="What sort of body it is.")
    parent: BodyId | None = Field(
        default=None,
        description="The `id` of the body this one is attached to, such as the commission a "
        "working group belongs to: its chapter follows that body's, under it in the contents, "
        "and opens with `Working group of the Commission on ...` (the label `attached_to`). "
        "That body must not be attached itself.",
    )
    logo: ImagePath | None = Field(
        default=None,
        description="The body's logo, a PNG or JPEG file in the report's folder, shown small "
        "at the opening of its chapter.",
    )
    officers: list[Officer] = Field(
        default=[], description="Its officers, in order, under the heading of the label `officers`."
    )
    secretariat: Annotated[
        list[Contact],
        BeforeValidator(_one_or_list, json_schema_input_type=Contact | list[Contact] | None),
    ] = Field(
        default=[],
        description="The body's secretariat and how to reach it: one contact, or a list of "
        "them (several offices or people).",
    )
    introduction: Blocks = Field(
        default=[], description="What the body is and does; text or blocks."
    )
    activities: list[Theme] = Field(
        default=[], description="The year's activities, grouped by theme."
    )
    upcoming: list[Event] = Field(
        default=[], description="Coming events: meetings, conferences, forums."
    )
    action_plan: Blocks = Field(
        default=[],
        description="What the body plans to do next year; text or blocks, apart from "
        "the dated upcoming events.",
    )
    links: list[Link] = Field(
        default=[],
        description="Where to learn more, under their own heading (the label `links`).",
    )
    annexes: list[Annex] = Field(
        default=[], description="Annexes of this chapter: member lists, participants."
    )


class Signature(Strict):
    """Who signs the foreword: printed under its text."""

    name: str = Field(min_length=1, description="The signatory's name, with honorific if any.")
    position: str | None = Field(
        default=None, description="Their position, e.g. `President of the network`."
    )
    image: ImagePath | None = Field(
        default=None,
        description="A scanned signature, a PNG or JPEG file in the report's folder, shown "
        "small above the name.",
    )


INCLUDE_SCHEMA = {
    "type": "object",
    "properties": {
        "include": {
            "type": "string",
            "description": "A YAML file holding one body, relative to the report's folder.",
        }
    },
    "required": ["include"],
    "additionalProperties": False,
}
"""How a body read from another file is written in `bodies`; the loader replaces it."""


def _report_schema_extra(schema: dict[str, Any]) -> None:
    """The report's JSON Schema: draft 2020-12, and a body may be `{include: FILE}`."""
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    bodies = schema["properties"]["bodies"]
    bodies["items"] = {"anyOf": [bodies["items"], INCLUDE_SCHEMA]}


class Report(Strict):
    """A year's activity report: one or more bodies, in one language."""

    model_config = ConfigDict(
        title="reportgen report",
        json_schema_extra=_report_schema_extra,
    )

    year: int = Field(
        ge=1900,
        le=2200,
        description="The year the report covers; for a multi-year report, its last year.",
    )
    period: Period | None = Field(
        default=None,
        description="Several years covered, as `2011-2013`; shown instead of the year.",
    )
    language: Language = Field(
        description="Language of labels and dates: fr, en or es; `en-GB` and `en-US` write "
        "English dates in British (`3 March 2012`, `3–5 March 2012`) or American style "
        "(`March 3, 2012`, `March 3–5, 2012`), as plain `en` does."
    )
    title: str = Field(min_length=1, description="The compendium's title, without the year.")
    cover_title: str | None = Field(
        default=None,
        min_length=1,
        description="The report's name in its own words, year included (`2012 Activities "
        "Report and 2013 Action Plan`), used wherever the report names itself instead of "
        "`title` and the year: on the cover (without the large year), in the running heads, "
        "as the PDF's and the Word file's title and as the HTML page's title. `title` still "
        "names the report in its keywords.",
    )
    organisation: str | None = Field(
        default=None, description="Who publishes the report; used as the document author."
    )
    logo: ImagePath | None = Field(
        default=None,
        description="The organisation's logo, a PNG or JPEG file in the report's folder, shown "
        "on the cover.",
    )
    note: Text | None = Field(
        default=None,
        description="A note printed under the title, e.g. on the sources or on invented content.",
    )
    publication_kinds: dict[BodyId, Annotated[str, Field(min_length=1)]] = Field(
        default={},
        description="Kinds of publication beyond publication, declaration, study, report and "
        "guide, each with the word the report prints for it: `policy-paper: Policy paper`; "
        "a publication then takes `kind: policy-paper`.",
    )
    labels: dict[LabelKey, str] = Field(
        default={},
        description="Replacements for the language's fixed words: headings, officer roles, "
        "kinds of body and of publication; `{year}` is replaced by the year or period.",
    )
    foreword: Blocks = Field(
        default=[], description="A foreword to the whole report; text or blocks."
    )
    signature: Annotated[
        list[Signature],
        BeforeValidator(_one_or_list, json_schema_input_type=Signature | list[Signature]),
    ] = Field(
        default=[],
        description="Who signs the foreword, `{name, position, image}`, or a list of them: "
        "printed under its text.",
    )
    introduction: Blocks = Field(
        default=[],
        description="An introduction to the whole report, before its chapters; text or blocks.",
    )
    bodies: list[Body] = Field(
        min_length=1,
        description="The chapters, one per body, in order; `{include: FILE}` reads a body "
        "from a YAML file in the report's folder.",
    )
    annexes: list[Annex] = Field(
        default=[], description="Annexes of the whole report, after every chapter."
    )

    @model_validator(mode="after")
    def _check_unique_bodies(self) -> Report:
        names = [body.name for body in self.bodies]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise PydanticCustomError(
                "duplicate_body", "body `{name}` appears more than once", {"name": duplicates[0]}
            )
        return self
