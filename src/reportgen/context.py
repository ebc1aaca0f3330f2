"""What every renderer shares, computed once: formatted dates, labels, parsed markup."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from babel.dates import format_date, format_interval, format_skeleton

from . import markup
from .labels import KINDS, ROLES, resolve_labels
from .markup import Rich, Span
from .model import Blocks, Body, BulletList, DateSpan, Event, LabelKey, Language, Report

_SKELETONS = {"year": "y", "month": "yMMMM", "day": "yMMMMd"}


@dataclass(frozen=True)
class ItemView:
    spans: Rich


@dataclass(frozen=True)
class BlockView:
    """A paragraph (`spans`) or a list (`items`), tagged by `kind`."""

    kind: str
    spans: Rich = ()
    items: tuple[ItemView, ...] = ()
    ordered: bool = False


@dataclass(frozen=True)
class SectionView:
    title: Rich
    blocks: tuple[BlockView, ...]


@dataclass(frozen=True)
class OfficerView:
    role: str
    name: str
    title: str | None

    @property
    def text(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


@dataclass(frozen=True)
class EventView:
    title: Rich
    date: str
    place: str | None
    spans: Rich


@dataclass(frozen=True)
class LinkView:
    label: str | None
    url: str


@dataclass(frozen=True)
class BodyView:
    anchor: str
    name: str
    kind: str
    officers: tuple[OfficerView, ...]
    introduction: tuple[BlockView, ...]
    activities: tuple[SectionView, ...]
    upcoming: tuple[EventView, ...]
    links: tuple[LinkView, ...]


@dataclass(frozen=True)
class Context:
    """The report as the renderers see it."""

    language: Language
    year: int
    title: str
    full_title: str
    organisation: str | None
    labels: dict[LabelKey, str]
    bodies: tuple[BodyView, ...]
    created: datetime
    keywords: tuple[str, ...] = field(default=())
    source: Path | None = None

    @property
    def subject(self) -> str:
        return "; ".join(body.name for body in self.bodies)


def build_context(report: Report, source: Path | None = None) -> Context:
    """Turn a validated report into the renderers' shared view."""
    language = report.language
    labels = resolve_labels(language, report.labels, report.year)
    bodies = tuple(_body(body, index, language, labels) for index, body in enumerate(report.bodies))
    return Context(
        language=language,
        year=report.year,
        title=report.title,
        full_title=f"{report.title} {report.year}",
        organisation=report.organisation,
        labels=labels,
        bodies=bodies,
        created=_created(report.year),
        keywords=(report.title, str(report.year), *(body.name for body in report.bodies)),
        source=source,
    )


def _created(year: int) -> datetime:
    """Build time from SOURCE_DATE_EPOCH, else the end of the report's year."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime(year, 12, 31, tzinfo=UTC)


def _body(body: Body, index: int, language: Language, labels: dict[LabelKey, str]) -> BodyView:
    return BodyView(
        anchor=f"body-{index + 1}-{_slug(body.name)}",
        name=body.name,
        kind=KINDS[language][body.kind],
        officers=tuple(
            OfficerView(ROLES[language][officer.role], officer.name, officer.title)
            for officer in body.officers
        ),
        introduction=_blocks(body.introduction, language),
        activities=tuple(
            SectionView(markup.parse(theme.title), _blocks(theme.blocks, language))
            for theme in body.activities
        ),
        upcoming=tuple(_event(event, language, labels) for event in body.upcoming),
        links=tuple(LinkView(link.label, link.url) for link in body.links),
    )


def _blocks(blocks: Blocks, language: Language) -> tuple[BlockView, ...]:
    views = []
    for block in blocks:
        if isinstance(block, BulletList):
            items = tuple(
                ItemView(_dated(item.date, item.date_text, item.text, language))
                for item in block.items
            )
            views.append(BlockView("list", items=items, ordered=block.ordered))
        else:
            views.append(BlockView("paragraph", spans=markup.parse(block.text)))
    return tuple(views)


def _dated(span: DateSpan | None, date_text: str | None, text: str, language: Language) -> Rich:
    spans = markup.parse(text)
    if span is None and date_text is None:
        return spans
    shown = date_text or format_date_span(span, language)  # type: ignore[arg-type]
    return (Span(f"{shown} : " if language == "fr" else f"{shown}: "), *spans)


def _event(event: Event, language: Language, labels: dict[LabelKey, str]) -> EventView:
    title = markup.parse(event.title)
    shown = event.date_text or format_date_span(event.date, language)
    tail = f" {labels['event_at']} {event.place}" if event.place else ""
    return EventView(title, shown, event.place, (*title, Span(f"{tail} ({shown})")))


def format_date_span(span: DateSpan, language: Language) -> str:
    """A date or range as the language writes it: `5 décembre 2012`, `13–14 juin 2013`."""
    start, end = span.start, span.end
    if start.precision == "day" and not span.is_range:
        return str(format_date(start.first_day, "long", locale=language))
    skeleton = _SKELETONS[start.precision if start.precision == end.precision else "year"]
    if not span.is_range:
        return str(format_skeleton(skeleton, start.first_day, locale=language))
    return str(format_interval(start.first_day, end.first_day, skeleton, locale=language))


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]
