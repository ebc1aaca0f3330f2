"""What every renderer shares, computed once: formatted dates, labels, parsed markup.

Each block of the model becomes a view whose text is already laid out in spans, so
the three renderers only choose the structure (a table, a list, a quotation) and
cannot disagree about the words.
"""

from __future__ import annotations

import base64
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import ClassVar, cast

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from ..errors import Issue, ReportError
from ..model import (
    Annex,
    Block,
    Body,
    BulletList,
    Chronology,
    Contact,
    DateSpan,
    Event,
    Figure,
    Heading,
    Image,
    KeyFigures,
    LabelKey,
    Link,
    ListItem,
    Members,
    Officer,
    Paragraph,
    PartialDate,
    Participants,
    Publication,
    Quote,
    Report,
    Table,
    TimeSpan,
    ToBeConfirmed,
    markup,
)
from ..model.markup import Note, Rich, Span, to_text
from .language import Rules, babel_locale, resolve_labels, rules

_SKELETONS = {"year": "y", "quarter": "yQQQQ", "month": "yMMMM", "day": "yMMMMd"}
_MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


# --- block views ---------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphView:
    spans: Rich
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class HeadingView:
    """A sub-heading, one level below the heading of the section that holds it."""

    spans: Rich
    kind: ClassVar[str] = "heading"


@dataclass(frozen=True)
class ItemView:
    """A list entry and the entries nested under it."""

    spans: Rich
    items: tuple[ItemView, ...] = ()


SHORT_ENTRY = 60
"""The most characters a list entry of one line holds, in any theme's text width."""


def keeps_start(entries: tuple[Rich, ...]) -> bool:
    """Whether a list's first entry stays on the page of the second: it is one short line,
    which left alone at a page's foot under its heading or lead-in looks forgotten."""
    return len(entries) > 1 and len(to_text(entries[0])) <= SHORT_ENTRY


@dataclass(frozen=True)
class ListView:
    items: tuple[ItemView, ...]
    ordered: bool = False
    kind: ClassVar[str] = "list"

    @property
    def keep_start(self) -> bool:
        """See `keeps_start`: a first entry with entries under it is not one line."""
        return keeps_start(tuple(item.spans for item in self.items)) and not self.items[0].items


@dataclass(frozen=True)
class EventView:
    """An event: its title, then `tail` (place and date), then what happened there, then
    `credits`: a line for its organisers and one for its partners."""

    title: Rich
    date: str
    place: str | None
    tail: Rich
    text: Rich = ()
    credits: tuple[Rich, ...] = ()
    kind: ClassVar[str] = "event"

    @property
    def spans(self) -> Rich:
        """The event on one line, as upcoming events are listed: title, place and date,
        then what happens there, then its organisers and partners."""
        more: Rich = (Span(" \u2014 "), *self.text) if self.text else ()
        for index, line in enumerate(self.credits):
            more += (Span("; " if index else " \u2014 "), *line)
        return self.title + self.tail + more


@dataclass(frozen=True)
class PublicationView:
    """A publication; `spans` names it (kind, title, authors, date), `text` describes it."""

    spans: Rich
    text: Rich
    url: str | None
    kind: ClassVar[str] = "publication"


@dataclass(frozen=True)
class FigureView:
    value: str
    label: Rich


@dataclass(frozen=True)
class FiguresView:
    heading: str
    items: tuple[FigureView, ...]
    kind: ClassVar[str] = "figures"


@dataclass(frozen=True)
class TableView:
    caption: Rich
    header: tuple[Rich, ...]
    rows: tuple[tuple[Rich, ...], ...]
    kind: ClassVar[str] = "table"


@dataclass(frozen=True)
class ImageView:
    data: bytes
    media_type: str
    alt: str
    caption: Rich
    name: str
    kind: ClassVar[str] = "image"

    @property
    def data_uri(self) -> str:
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class QuoteView:
    spans: Rich
    attribution: str | None
    kind: ClassVar[str] = "quote"


@dataclass(frozen=True)
class LinkView:
    label: str | None
    url: str
    kind: ClassVar[str] = "link"


@dataclass(frozen=True)
class ContactView:
    """A contact as lines: the name (bold), then position, address, e-mail, phone, site."""

    lines: tuple[Rich, ...]
    kind: ClassVar[str] = "contact"


@dataclass(frozen=True)
class GroupView:
    heading: str
    entries: tuple[Rich, ...]

    @property
    def keep_start(self) -> bool:
        return keeps_start(self.entries)


@dataclass(frozen=True)
class GroupedView:
    """Entries under headings: a chronology by year or month, members by country."""

    groups: tuple[GroupView, ...]
    kind: str


@dataclass(frozen=True)
class ParticipantsView:
    entries: tuple[Rich, ...]
    kind: ClassVar[str] = "participants"

    @property
    def keep_start(self) -> bool:
        return keeps_start(self.entries)


BlockView = (
    ParagraphView
    | HeadingView
    | ListView
    | EventView
    | PublicationView
    | FiguresView
    | TableView
    | ImageView
    | QuoteView
    | LinkView
    | ContactView
    | GroupedView
    | ParticipantsView
)


# --- report views ---------------------------------------------------------------------


@dataclass(frozen=True)
class SectionView:
    title: Rich
    blocks: tuple[BlockView, ...]
    joint: str | None = None
    """`Joint activity with the ...`: the other bodies a shared theme is printed for."""


@dataclass(frozen=True)
class OfficerView:
    """An officer's line: the role, then who holds it and their term, as `text`."""

    role: str
    text: str


@dataclass(frozen=True)
class SignatureView:
    """Who signs the foreword: a scanned signature if any, the name, the position."""

    name: str
    position: str | None
    image: ImageView | None


@dataclass(frozen=True)
class BodyView:
    """A body's chapter; `kind` is its localised kind (`Committee`), shown above its name
    unless the name already begins with it (`Committee on Culture`)."""

    anchor: str
    name: str
    kind: str | None
    officers: tuple[OfficerView, ...]
    introduction: tuple[BlockView, ...]
    activities: tuple[SectionView, ...]
    upcoming: tuple[EventView, ...]
    links: tuple[LinkView, ...]
    secretariat: tuple[ContactView, ...] = ()
    action_plan: tuple[BlockView, ...] = ()
    annexes: tuple[SectionView, ...] = ()
    notes: tuple[Note, ...] = ()
    """The chapter's footnotes, in order: the HTML page lists them at its end."""
    logo: ImageView | None = None
    attached: str | None = None
    """`Working group of the Commission on ...`, shown instead of `kind` when the body is
    attached to another."""
    parent_anchor: str | None = None
    index: int = 0
    """Its place in the report's `bodies`, which chapters follow unless one is attached."""

    @property
    def upcoming_keeps_start(self) -> bool:
        return keeps_start(tuple(event.spans for event in self.upcoming))


@dataclass(frozen=True)
class Context:
    """The report as the renderers see it."""

    language: str
    """The output's language: the report's own, or the one it was translated into."""
    year: int
    title: str
    full_title: str
    organisation: str | None
    labels: dict[LabelKey, str]
    colon: str
    """A colon with the spaces the language puts around it."""
    bodies: tuple[BodyView, ...]
    created: datetime
    keywords: tuple[str, ...] = field(default=())
    source: Path | None = None
    sources: tuple[tuple[str, bytes], ...] = ()
    """The report's file and the files it includes, each with its name: the PDF carries them."""
    period: str = ""
    note: Rich = ()
    foreword: tuple[BlockView, ...] = ()
    introduction: tuple[BlockView, ...] = ()
    annexes: tuple[SectionView, ...] = ()
    word_tag: str = ""
    """The language's tag with a region, for Word."""
    alternates: tuple[tuple[str, str], ...] = ()
    """Each language the report is published in, with the file name of its HTML version."""
    notes: Mapping[str, tuple[Note, ...]] = field(default_factory=dict)
    """The footnotes of the foreword, the introduction and the annexes, by part."""
    logo: ImageView | None = None
    """The organisation's logo, for the cover."""
    cover_title: str = ""
    """The report's name in its own words, shown on the cover instead of title and year."""
    signatures: tuple[SignatureView, ...] = ()
    """Who signs the foreword, under its text."""
    referenced: frozenset[str] = frozenset()
    """The anchors of the chapters that the report's text refers to (`[label](#id)`)."""
    page_reference: str = ", p.\u00a0{page}"
    """How a reference gives the page of its chapter in print, `{page}` its number."""

    @property
    def subject(self) -> str:
        return "; ".join(body.name for body in self.bodies)

    @property
    def tag(self) -> str:
        """The output's language as a BCP 47 tag (`pt-BR`, not Babel's `pt_BR`), for the
        HTML `lang`, hence the PDF's /Lang, and the Word file's properties."""
        return self.language.replace("_", "-")


def build_context(
    report: Report,
    source: Path | None = None,
    images: Mapping[str, bytes] | None = None,
    sources: Sequence[tuple[str, bytes]] = (),
    language: str | None = None,
    folders: Sequence[Path] = (),
    alternates: Sequence[tuple[str, str]] = (),
) -> Context:
    """Turn a validated report into the renderers' shared view.

    `images` holds the content of each image the report shows, by the path it gives
    (the loader read them); `sources`, the files to attach to the PDF. `language` is the
    output's language when the report was translated; its words come from the theme
    `folders` or from reportgen's own (see language.py); `alternates` names the HTML
    file of each language the report is published in.
    """
    language = language or report.language
    period = str(report.year) if report.period is None else _period_text(report)
    views = _Views(
        language,
        resolve_labels(language, report.labels, period, folders),
        images or {},
        str(source) if source is not None else "<report>",
        rules(language, folders),
        report.publication_kinds,
    )
    note = views.parse(report.note) if report.note else ()
    foreword = views.blocks(report.foreword)
    notes = {"foreword": views.take_notes()}
    introduction = views.blocks(report.introduction)
    notes["introduction"] = views.take_notes()
    anchors = dict(zip(map(id, report.bodies), _anchors(report), strict=True))
    bodies = tuple(views.body(body, anchors, report) for body in _chapter_order(report))
    annexes = tuple(views.annex(annex) for annex in report.annexes)
    notes["annexes"] = views.take_notes()
    return Context(
        language=language,
        year=report.year,
        title=report.title,
        full_title=report.cover_title or f"{report.title} {period}",
        cover_title=report.cover_title or "",
        organisation=report.organisation,
        labels=views.labels,
        colon=views.colon,
        bodies=bodies,
        created=_created(report.year),
        keywords=(report.title, period, *(body.name for body in report.bodies)),
        source=source,
        sources=tuple(sources),
        period=period,
        note=note,
        foreword=foreword,
        introduction=introduction,
        annexes=annexes,
        word_tag=views.rules["word_tag"],
        referenced=frozenset(views.referenced),
        page_reference=views.rules["page_reference"],
        alternates=tuple(alternates),
        notes=notes,
        logo=views.logo(report.logo, report.organisation or report.title),
        signatures=tuple(
            SignatureView(
                signature.name,
                signature.position,
                views.picture(signature.image, signature.name) if signature.image else None,
            )
            for signature in report.signature
        ),
    )


def _chapter_order(report: Report) -> list[Body]:
    """The bodies in the order of their chapters: each body attached to another right after
    it, with the others attached to it, in the order written."""
    by_id = {body.id: body for body in report.bodies if body.id}
    attached = [body for body in report.bodies if body.parent in by_id]
    order = []
    for body in report.bodies:
        if body not in attached:
            order.append(body)
            order += [child for child in attached if body.id and child.parent == body.id]
    return order


def _anchors(report: Report) -> list[str]:
    """Each body's anchor: its `id`, or else `body-N-name` (with a suffix in the rare case
    that another body took that as its id)."""
    ids = {body.id for body in report.bodies if body.id}
    anchors = []
    for index, body in enumerate(report.bodies):
        anchor = body.id or f"body-{index + 1}-{_slug(body.name)}"
        while not body.id and anchor in ids:
            anchor += "-x"
        anchors.append(anchor)
    return anchors


def _period_text(report: Report) -> str:
    assert report.period is not None
    return f"{report.period.first}\u2013{report.period.last}"


def _created(year: int) -> datetime:
    """Build time from SOURCE_DATE_EPOCH, else the end of the report's year."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime(year, 12, 31, tzinfo=UTC)


class _Views:
    """Builds the views of one report, in its language, with its labels."""

    def __init__(
        self,
        language: str,
        labels: dict[LabelKey, str],
        images: Mapping[str, bytes],
        name: str,
        rules: Rules,
        kinds: Mapping[str, str] = {},
    ) -> None:
        self.language = language
        self.locale = babel_locale(language)
        self.labels = labels
        self.kinds = kinds
        """The words of the kinds of publication the report declares."""
        self.images = images
        self.name = name
        self.rules = rules
        self.colon = rules["colon"]
        self.notes: list[Note] = []
        self.counted = 0
        self.referenced: set[str] = set()

    def parse(self, text: str) -> Rich:
        """The spans of marked-up text, each footnote numbered through the document and kept
        for the part it is in; views are made in the order the renderers print them."""
        spans = list(markup.parse(text))
        self.referenced.update(markup.references(text))
        for index, span in enumerate(spans):
            if span.note is not None:
                self.counted += 1
                note = Note(span.note.spans, self.counted)
                self.notes.append(note)
                spans[index] = replace(span, note=note)
        return tuple(spans)

    def take_notes(self) -> tuple[Note, ...]:
        """The footnotes met since the last call: those of one part of the report."""
        taken, self.notes = tuple(self.notes), []
        return taken

    def body(self, body: Body, anchors: Mapping[int, str], report: Report) -> BodyView:
        kind = self.labels[body.kind]
        parent = next(
            (other for other in report.bodies if body.parent and body.parent == other.id), None
        )
        attached = None
        if parent is not None:
            pattern = self.labels["attached_to"]
            attached = pattern.replace("{kind}", kind).replace("{parent}", parent.name)
        return BodyView(
            anchor=anchors[id(body)],
            index=report.bodies.index(body),
            attached=attached,
            parent_anchor=anchors[id(parent)] if parent is not None else None,
            name=body.name,
            kind=None if _sort_key(body.name).startswith(_sort_key(kind)) else kind,
            officers=tuple(self.officer(officer) for officer in body.officers),
            introduction=self.blocks(body.introduction),
            activities=self.activities(body, report),
            upcoming=tuple(self.event(event) for event in body.upcoming),
            links=tuple(LinkView(link.label, link.url) for link in body.links),
            secretariat=tuple(self.contact(contact) for contact in body.secretariat),
            action_plan=self.blocks(body.action_plan),
            annexes=tuple(self.annex(annex) for annex in body.annexes),
            notes=self.take_notes(),
            logo=self.logo(body.logo, body.name),
        )

    def activities(self, body: Body, report: Report) -> tuple[SectionView, ...]:
        """The body's themes, then the themes other bodies share with it (`also_in`), each
        shared one marked with the names of the other bodies it is joint with."""
        names = {other.id: other.name for other in report.bodies if other.id}
        shared = [
            (owner, theme)
            for owner in report.bodies
            if owner is not body
            for theme in owner.activities
            if body.id and body.id in theme.also_in
        ]
        themes = [(body, theme) for theme in body.activities] + shared
        views = []
        for owner, theme in themes:
            others = [owner.name] if owner is not body else []
            others += [names[key] for key in theme.also_in if key in names and key != body.id]
            joint = self.labels["joint_with"].replace("{bodies}", ", ".join(others))
            views.append(
                SectionView(
                    self.parse(theme.title), self.blocks(theme.blocks), joint if others else None
                )
            )
        return tuple(views)

    def logo(self, path: str | None, owner: str) -> ImageView | None:
        """A logo, described by the name of whose it is for those who cannot see it."""
        return self.picture(path, owner) if path is not None else None

    def annex(self, annex: Annex) -> SectionView:
        return SectionView(self.parse(annex.title), self.blocks(annex.blocks))

    def officer(self, officer: Officer) -> OfficerView:
        role = officer.role_text or self.role(officer)
        scope = ", ".join(part for part in (officer.region, officer.portfolio) if part)
        text = self.holder(officer) + self.term(officer)
        return OfficerView(f"{role} ({scope})" if scope else role, text)

    def role(self, officer: Officer) -> str:
        """The role's name in the officer's form, with its rank: `Première vice-présidente`."""
        words = self.rules["roles"][officer.role]
        name = self.labels[officer.role] if officer.form is None else words[officer.form]
        if officer.rank is None:
            return name
        gender = {"feminine": "feminine", "office": words["office_gender"]}.get(
            officer.form or "", "masculine"
        )
        ordinal = self.rules["ordinals"][gender][officer.rank - 1]
        text = self.rules["ranked"].format(ordinal=ordinal, role=name[:1].lower() + name[1:])
        return text[:1].upper() + text[1:]

    def holder(self, officer: Officer) -> str:
        """The person, the institution and the person representing it, or `vacant`."""
        if officer.vacant:
            return self.labels["vacant"]
        person = ", ".join(part for part in (officer.name, officer.title) if part)
        if officer.institution is None:
            return person
        if not person:
            return officer.institution
        return f"{officer.institution}, {self.labels['represented_by']} {person}"

    def term(self, officer: Officer) -> str:
        """` (since 5 March 2012)`, ` (until June 2012)`, ` (March – June 2012)`, or nothing."""
        since, until = officer.since, officer.until
        if since and until:
            return f" ({format_date_span(DateSpan(since, until), self.locale)})"
        for day, key in ((since, "since"), (until, "until")):
            if day is not None:
                pattern = self.rules[key][day.precision]  # type: ignore[literal-required]
                return f" ({pattern.format(date=_format_partial_date(day, self.locale))})"
        return ""

    def blocks(self, blocks: Sequence[Block]) -> tuple[BlockView, ...]:
        return tuple(self.block(block) for block in blocks)

    def block(self, block: Block) -> BlockView:
        match block:
            case Paragraph():
                return ParagraphView(self.parse(block.text))
            case Heading():
                return HeadingView(self.parse(block.text))
            case BulletList():
                return ListView(tuple(self.item(item) for item in block.items), block.ordered)
            case Event():
                return self.event(block)
            case Publication():
                return self.publication(block)
            case KeyFigures():
                return self.figures(block)
            case Table():
                return self.table(block)
            case Image():
                return self.image(block)
            case Quote():
                return QuoteView(self.parse(block.text), block.attribution)
            case Link():
                return LinkView(block.label, block.url)
            case Contact():
                return self.contact(block)
            case Chronology():
                return self.chronology(block)
            case Members():
                return self.members(block)
            case Participants():
                return self.participants(block)

    def item(self, item: ListItem) -> ItemView:
        spans = self.dated(item.date, item.date_text, self.parse(item.text))
        return ItemView(spans, tuple(self.item(child) for child in item.items))

    def dated(self, span: DateSpan | None, date_text: str | None, spans: Rich) -> Rich:
        """`date: text`, or the text alone when there is no date."""
        if span is None and date_text is None:
            return spans
        shown = date_text or format_date_span(span, self.locale)  # type: ignore[arg-type]
        return (Span(shown + self.colon), *spans)

    def date(self, span: DateSpan | None, date_text: str | None) -> str | None:
        if date_text:
            return date_text
        return format_date_span(span, self.locale) if span is not None else None

    def country(self, country: str) -> str:
        """An ISO 3166 code in the report's language; any other text as it is."""
        if re.fullmatch(r"[A-Z]{2}", country):
            name: str | None = Locale.parse(self.locale).territories.get(country)
            return name or country
        return country

    def event(self, event: Event) -> EventView:
        title = self.parse(event.title)
        if isinstance(event.date, ToBeConfirmed):
            shown = event.date_text or self.labels["date_to_be_confirmed"]
        else:
            shown = self.date(event.date, event.date_text) or ""
        where = ", ".join(
            part
            for part in (event.place, self.country(event.country) if event.country else None)
            if part
        )
        tail = f" {self.labels['event_at']} {where}" if where else ""
        when = ", ".join(
            part
            for part in (
                shown,
                self.time(event.time) if event.time else "",
                self.labels["to_be_confirmed"] if event.tentative else "",
            )
            if part
        )
        return EventView(
            title,
            shown,
            where or None,
            (Span(f"{tail} ({when})"),),
            self.parse(event.text) if event.text else (),
            self.credits(event),
        )

    def time(self, span: TimeSpan) -> str:
        """`14 h 30`, `2:30 pm`; a span in the language's words: `de 9 h 00 à 12 h 30`."""
        words = self.rules["times"]

        def one(moment: time) -> str:
            pattern = words["morning"] if moment.hour < 12 else words["afternoon"]
            hour12 = moment.hour % 12 or 12
            return pattern.format(H=moment.hour, h=hour12, mm=f"{moment.minute:02d}")

        if span.end is None:
            return one(span.start)
        return words["range"].format(start=one(span.start), end=one(span.end))

    def credits(self, event: Event) -> tuple[Rich, ...]:
        """`Organisers: A and B`, `Partners: C`: each list of names after its label."""
        named: tuple[tuple[LabelKey, list[str]], ...] = (
            ("organisers", event.organisers),
            ("partners", event.partners),
        )
        return tuple(
            markup.plain(self.labels[key] + self.colon + format_list(names, locale=self.locale))
            for key, names in named
            if names
        )

    def publication(self, block: Publication) -> PublicationView:
        details = [block.authors, block.publisher, self.date(block.date, block.date_text)]
        tail = ", ".join(part for part in details if part)
        kind = self.kinds.get(block.kind) or self.labels[cast(LabelKey, block.kind)]
        spans: list[Span] = [Span(kind + self.colon, bold=True)]
        spans += [replace(span, italic=True) for span in self.parse(block.title)]
        if tail:
            spans.append(Span(f". {tail}"))
        return PublicationView(
            tuple(spans), self.parse(block.text) if block.text else (), block.url
        )

    def figures(self, block: KeyFigures) -> FiguresView:
        return FiguresView(
            self.labels["figures"],
            tuple(
                FigureView(self.figure(figure), self.parse(figure.label)) for figure in block.items
            ),
        )

    def figure(self, figure: Figure) -> str:
        """The number with its unit, and the words that say it is not exact."""
        number = self.number(figure.value, figure.unit)
        if figure.approx is None:
            return number
        return self.rules["approximately"][figure.approx].replace("{value}", number)

    def number(self, value: Decimal, unit: str | None) -> str:
        """A figure the language's way: `4 500`, `4,500`; `12,5 %` but `12.5%` in English."""
        if unit == "%":
            percent = format_percent(value / 100, locale=self.locale, decimal_quantization=False)
            return str(percent)
        text = str(format_decimal(value, locale=self.locale))
        return f"{text}\u00a0{unit}" if unit else text

    def table(self, block: Table) -> TableView:
        return TableView(
            self.parse(block.caption) if block.caption else (),
            tuple(self.parse(cell) for cell in block.header),
            tuple(tuple(self.parse(cell) for cell in row) for row in block.rows),
        )

    def image(self, block: Image) -> ImageView:
        return self.picture(block.path, block.alt, block.caption)

    def picture(self, path: str, alt: str, caption: str | None = None) -> ImageView:
        """An image file the report names (an image block's, a logo, a signature)."""
        data = self.images.get(path)
        if data is None:  # the loader reads every image; a context made without it has none
            message = f"image `{path}` was not read with the report"
            raise ReportError([Issue(self.name, 0, 0, message)])
        return ImageView(
            data,
            _MEDIA_TYPES[Path(path).suffix.lower()],
            alt,
            self.parse(caption) if caption else (),
            Path(path).name,
        )

    def contact(self, contact: Contact) -> ContactView:
        lines: list[Rich] = [(Span(contact.name, bold=True),)]
        lines += [markup.plain(text) for text in (contact.position, contact.organisation) if text]
        if contact.address:
            lines.append(markup.plain(contact.address))
        if contact.email:
            label = Span(self.labels["email"] + self.colon)
            lines.append((label, Span(contact.email, href=f"mailto:{contact.email}")))
        if contact.phone:
            lines.append((Span(self.labels["phone"] + self.colon + contact.phone),))
        if contact.url:
            label = Span(self.labels["website"] + self.colon)
            lines.append((label, Span(contact.url, href=contact.url)))
        return ContactView(tuple(lines))

    def chronology(self, block: Chronology) -> GroupedView:
        entries = sorted(block.entries, key=lambda entry: entry.date.sort_key)
        groups: dict[str, list[Rich]] = {}
        for entry in entries:
            start = entry.date.start
            if block.group_by == "month" and start.precision != "year":
                skeleton = _SKELETONS["quarter" if start.quarter else "month"]
                heading = format_skeleton(skeleton, start.first_day, locale=self.locale)
                heading = heading[:1].upper() + heading[1:]
            else:
                heading = str(start.year)
            text = self.dated(entry.date, entry.date_text, self.parse(entry.text))
            groups.setdefault(heading, []).append(text)
        return GroupedView(
            tuple(GroupView(heading, tuple(texts)) for heading, texts in groups.items()),
            "chronology",
        )

    def members(self, block: Members) -> GroupedView:
        groups: dict[str, list[str]] = {}
        for member in block.members:
            text = f"{member.name} ({member.detail})" if member.detail else member.name
            groups.setdefault(self.country(member.country), []).append(text)
        return GroupedView(
            tuple(
                GroupView(
                    country, tuple(markup.plain(name) for name in sorted(names, key=_sort_key))
                )
                for country, names in sorted(groups.items(), key=lambda group: _sort_key(group[0]))
            ),
            "members",
        )

    def participants(self, block: Participants) -> ParticipantsView:
        entries = []
        for person in block.people:
            text = ", ".join(
                part for part in (person.name, person.position, person.organisation) if part
            )
            if person.country:
                text += f" ({self.country(person.country)})"
            entries.append(markup.plain(text))
        return ParticipantsView(tuple(entries))


def format_date_span(span: DateSpan, language: str) -> str:
    """A date or range as the language writes it: `5 décembre 2012`, `13–14 juin 2013`;
    `en-GB` (or Babel's `en_GB`) `3 March 2012`, `en` and `en-US` `March 3, 2012`."""
    language = babel_locale(language)
    start, end = span.start, span.end
    if not span.is_range:
        return _format_partial_date(start, language)
    if start.precision != end.precision or start.precision == "quarter":
        # `March 2012 – March 15, 2012`, `2nd quarter 2013 – 3rd quarter 2013`: each as written
        return (
            f"{_format_partial_date(start, language)} \u2013 {_format_partial_date(end, language)}"
        )
    skeleton = _SKELETONS[start.precision]
    return _first_of_month(
        _format_interval(start.first_day, end.first_day, skeleton, language), language
    )


def _format_partial_date(day: PartialDate, language: str) -> str:
    if day.precision == "day":
        return _first_of_month(str(format_date(day.first_day, "long", locale=language)), language)
    return str(format_skeleton(_SKELETONS[day.precision], day.first_day, locale=language))


def _first_of_month(text: str, language: str) -> str:
    """French writes the first day of a month as an ordinal: `1er mars 2013`. In a date
    Babel wrote, a lone `1` can only be a day: years have four digits, months are names."""
    return re.sub(r"(?<!\d)1(?!\d)", "1er", text) if language == "fr" else text


def _format_interval(start: date, end: date, skeleton: str, language: str) -> str:
    """Babel's interval, but with full month names where CLDR only has abbreviated ones
    (`June 28 – July 2, 2013` rather than `Jun 28 – Jul 2, 2013`)."""
    formats = Locale.parse(language).interval_formats
    if skeleton != "yMMMMd" or skeleton in formats:
        return str(format_interval(start, end, skeleton, locale=language))
    differs = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    first, second = (re.sub(r"(?<!M)MMM(?!M)", "MMMM", part) for part in formats["yMMMd"][differs])
    return str(
        format_date(start, first, locale=language) + format_date(end, second, locale=language)
    )


def _sort_key(text: str) -> str:
    """Alphabetical order that ignores case and accents (`Équateur` before `Espagne`)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _sort_key(text)).strip("-")[:40]
