"""The content model of a year's activity report: strict, documented, free of I/O.

Every model forbids unknown keys, so a misspelt key is an error instead of silently
dropped content. Dates are parsed here from text, never by the YAML layer.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

Language = Literal["fr", "en", "es"]

LabelKey = Literal[
    "introduction",
    "activities",
    "upcoming",
    "links",
    "officers",
    "contents",
    "page",
    "page_of",
    "event_at",
]
"""Names of the fixed words a report prints; each can be overridden per report."""


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- dates ------------------------------------------------------------------

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> date:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def __str__(self) -> str:
        text = f"{self.year:04d}"
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

    def __str__(self) -> str:
        return str(self.start) if not self.is_range else f"{self.start}/{self.end}"


def _date_error(text: str, why: str) -> PydanticCustomError:
    return PydanticCustomError(
        "date",
        "`{value}` is not a valid date: {why}; write YYYY, YYYY-MM or YYYY-MM-DD, "
        "or START/END for a range",
        {"value": text, "why": why},
    )


def parse_partial_date(text: str) -> PartialDate:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD, checking the calendar."""
    match = _DATE_RE.match(text)
    if not match:
        raise _date_error(text, "unrecognised form")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
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
    start = parse_partial_date(first)
    end = parse_partial_date(second) if sep else start
    if end.last_day < start.first_day:
        raise PydanticCustomError(
            "date_order", "the range `{value}` ends before it starts", {"value": text}
        )
    return DateSpan(start, end)


DateSpec = Annotated[
    DateSpan,
    PlainValidator(parse_date_span),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "YYYY, YYYY-MM or YYYY-MM-DD, or START/END for a range.",
        }
    ),
]

# --- text and links -----------------------------------------------------------

Text = Annotated[
    str,
    Field(
        min_length=1,
        description="Text with inline markup: **bold**, *italic*, [label](url).",
    ),
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


# --- content blocks --------------------------------------------------------------


class Paragraph(Strict):
    """A paragraph of running text."""

    type: Literal["paragraph"] = Field(description="Block type: `paragraph`.")
    text: Text


class ListItem(Strict):
    """One entry of a bullet or numbered list; a plain string is accepted as its text."""

    text: Text
    date: DateSpec | None = Field(
        default=None, description="When it happened; shown before the text when given."
    )
    date_text: str | None = Field(
        default=None, description="The date in the source's own words, shown instead."
    )


class BulletList(Strict):
    """A bullet list, or a numbered one with `ordered: true`."""

    type: Literal["list"] = Field(description="Block type: `list`.")
    ordered: bool = Field(default=False, description="Number the items instead of bullets.")
    items: list[Annotated[ListItem, BeforeValidator(_item_shorthand)]] = Field(
        min_length=1, description="The entries, in order."
    )


Block = Annotated[Paragraph | BulletList, Field(discriminator="type")]
Blocks = Annotated[list[Block], BeforeValidator(_paragraph_shorthand)]


class Theme(Strict):
    """A group of activities under one heading, such as "Communication"."""

    title: Text = Field(description="The theme's heading.")
    blocks: list[Block] = Field(min_length=1, description="Paragraphs and lists, in order.")


class Event(Strict):
    """A dated event: a meeting, a conference, a forum."""

    title: Text = Field(description="What the event is.")
    date: DateSpec = Field(description="When it takes place: a date or a range.")
    date_text: str | None = Field(
        default=None, description="The date in the source's own words, shown instead."
    )
    place: str | None = Field(default=None, description="The city or venue.")


class Link(Strict):
    """A link for more information."""

    label: str | None = Field(default=None, description="What the link leads to.")
    url: Url


OfficerRole = Literal[
    "president",
    "co-president",
    "vice-president",
    "chair",
    "co-chair",
    "vice-chair",
    "secretary",
]


class Officer(Strict):
    """A person holding an office in the body."""

    role: OfficerRole = Field(description="The office held.")
    name: str = Field(min_length=1, description="The person's name, with honorific if any.")
    title: str | None = Field(
        default=None, description="The person's own position, e.g. `Maire de Bilbao`."
    )


BodyKind = Literal["commission", "working-group", "committee", "network", "task-force"]


class Body(Strict):
    """One commission, working group or committee: a chapter of the report."""

    name: str = Field(min_length=1, description="The body's full name.")
    kind: BodyKind = Field(description="What sort of body it is.")
    officers: list[Officer] = Field(default_factory=list, description="Its officers, in order.")
    introduction: Blocks = Field(
        default_factory=list, description="What the body is and does; text or blocks."
    )
    activities: list[Theme] = Field(
        default_factory=list, description="The year's activities, grouped by theme."
    )
    upcoming: list[Event] = Field(default_factory=list, description="Coming activities.")
    links: list[Link] = Field(default_factory=list, description="Where to learn more.")


class Report(Strict):
    """A year's activity report: one or more bodies, in one language."""

    model_config = ConfigDict(
        title="reportgen report",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    year: int = Field(ge=1900, le=2200, description="The year the report covers.")
    language: Language = Field(description="Language of labels and dates: fr, en or es.")
    title: str = Field(min_length=1, description="The compendium's title, without the year.")
    organisation: str | None = Field(
        default=None, description="Who publishes the report; used as the document author."
    )
    labels: dict[LabelKey, str] = Field(
        default_factory=dict,
        description="Replacements for the language's fixed words; `{year}` is substituted.",
    )
    bodies: list[Body] = Field(min_length=1, description="The chapters, in order.")

    @model_validator(mode="after")
    def _check_unique_bodies(self) -> Report:
        names = [body.name for body in self.bodies]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise PydanticCustomError(
                "duplicate_body", "body `{name}` appears more than once", {"name": duplicates[0]}
            )
        return self
