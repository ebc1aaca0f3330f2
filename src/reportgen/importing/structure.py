"""Document elements mapped onto the report model, as plain data in the model's key order.

Headings make the outline: the top level are bodies, the next their themes; a heading
whose sub-headings carry the themes (`Activities in 2012`) gives its words to the
`activities` label, and deeper headings become bold paragraphs. Headings in the usual
words for an introduction, upcoming events, an action plan or annexes fill those parts.
Whatever has no place in the model is kept as text and noted (`notes`, by the object
it concerns), so the writer can print each note as a comment beside it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model.markup import Rich, Span
from .dates import AmbiguousDate, FoundDate, leading_date, trailing_date
from .document import (
    Document,
    Element,
    Entry,
    Heading,
    Para,
    Picture,
    Skipped,
    TableRows,
    clean,
    plain_text,
)
from .inline import to_markup
from .yamltext import PlainScalar

Data = dict[str, Any]


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


SECTIONS = {
    "foreword": _words(r"^(avant-propos|pr[ée]face|foreword|preface|pr[óo]logo)$"),
    "introduction": _words(r"^(introduction|introducci[óo]n|pr[ée]sentation|presentaci[óo]n)$"),
    "activities": _words(r"^(activit[ée]s|activities|actividades)\b"),
    "upcoming": _words(
        r"^(prochaines? (activit|[ée]v[ée]nements|r[ée]unions)|upcoming|forthcoming|"
        r"coming events|next (activities|events)|pr[óo]xim[ao]s (actividades|eventos))"
    ),
    "action_plan": _words(r"^(plan d.action|action plan|plan de acci[óo]n)"),
    "annexes": _words(r"^(annexes?|annex|appendix|appendices|anexos?)$"),
    "officers": _words(r"^(bureau|officers|board|mesa directiva|junta directiva)$"),
    "links": _words(
        r"^(pour en savoir plus|plus d.informations?|more information|further information|"
        r"links|liens|m[áa]s informaci[óo]n|enlaces)$"
    ),
}
"""The usual headings of a report's parts, in French, English and Spanish."""

KINDS = [
    ("task-force", _words(r"\b(task force|groupe de travail sp[ée]cial|grupo especial)\b")),
    ("working-group", _words(r"\b(working group|groupe de travail|grupo de trabajo)\b")),
    ("commission", _words(r"\b(commissions?|comisi[óo]n|comisiones)\b")),
    ("committee", _words(r"\b(committees?|comit[ée]s?)\b")),
    ("network", _words(r"\b(network|r[ée]seau|red)\b")),
]

ROLES = [
    ("co-president", r"co-?pr[ée]sident(e)?|co-?president(a)?"),
    ("vice-president", r"vice-?pr[ée]sident(e)?|vice-?president(a)?"),
    ("president", r"pr[ée]sident(e)?|president(a)?"),
    ("co-chair", r"co-?chair(person|woman|man)?"),
    ("vice-chair", r"vice-?chair(person|woman|man)?"),
    ("chair", r"chair(person|woman|man)?"),
]
_OFFICER = re.compile(
    r"^(?P<role>"
    + "|".join(f"(?P<r{index}>{words})" for index, (_, words) in enumerate(ROLES))
    + r")\s*:\s*(?P<name>[^,]+?)(?:,\s*(?P<title>.+))?$",
    re.IGNORECASE,
)
_STOPWORDS = {
    "fr": set("le la les des et est une dans pour du au aux avec sur qui ont été à".split()),
    "en": set("the and of to in is for with on that was were by from this".split()),
    "es": set("el los las del y en con por para una que fue se al como".split()),
}
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_FRONT = {"title", "subtitle", "year", "note", "cover"}
_PERIOD = re.compile(r"^((?:19|20)\d\d)(?:\s*[-–]\s*(?P<last>(?:19|20)\d\d))?$")
_TITLE_YEAR = re.compile(r"^(?P<title>.*?)[\s,:–-]*\(?(?P<year>(?:19|20)\d\d)\)?$")
EMPTY_CELL = "–"


@dataclass
class _Node:
    level: int
    title: Rich
    where: str
    content: list[Element] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    kind: str | None = None
    logo: Picture | None = None


@dataclass
class Mapped:
    """The report as plain data, the notes on its parts, and the pictures to write."""

    data: Data
    notes: dict[int, list[str]]
    pictures: list[tuple[str, Picture]]


class Mapper:
    def __init__(self, images: str, language: str | None, year: int | None) -> None:
        self.images = images
        self.language = language
        self.year = year
        self.notes: dict[int, list[str]] = {}
        self.pictures: list[tuple[str, Picture]] = []
        self.labels: dict[str, str] = {}
        self.signatures: list[Data] = []
        self.pending: list[str] = []
        self.root: Data = {}

    def note(self, target: object, message: str) -> None:
        self.notes.setdefault(id(target), []).append(message)

    # --- the report

    def report(self, document: Document, fallback_title: str) -> Mapped:
        elements = list(document.elements)
        front = self.front(elements)
        title, organisation = front.get("title"), front.get("subtitle")
        period = _PERIOD.match(front.get("year", ""))
        if title and period and not period["last"]:
            title = f"{title} {period[0]}"
        root = self.outline(elements)
        if title is None and len(root.children) == 1 and not root.content:
            only = root.children[0]
            if only.children and _YEAR.search(plain_text(only.title)):
                title = plain_text(only.title)
                root.content, root.children = only.content, only.children
        text = " ".join(_all_text(elements))
        if title is None:
            title = document.title or fallback_title
            self.pending.append(f"no title in the document; `{title}` is a placeholder")
        year = int(period["last"]) if period and period["last"] else self.year
        match = _TITLE_YEAR.match(title)
        if match and (year is None or int(match["year"]) == year) and match["title"]:
            title, year = match["title"], int(match["year"])
        if year is None:
            years = Counter(_YEAR.findall(text)).most_common(1)
            year = int(years[0][0]) if years else date.today().year
            self.pending.append(f"the year {year} is a guess; correct it (or use --year)")
        language = self.language or _guess_language(text)
        data: Data = {"year": year}
        if period and period["last"]:
            data["period"] = f"{period[1]}-{period['last']}"
        data |= {"language": language, "title": title}
        self.root = data
        if organisation:
            data["organisation"] = organisation
        if "logo" in front and (logo := self.image(front["logo"])) and logo["type"] == "image":
            data["logo"] = logo["path"]
        if "note" in front:
            data["note"] = to_markup(front["note"], notes=False)[0]
        for message in self.pending:
            self.note(data, message)
        report_parts: dict[str, list[Any]] = {"foreword": [], "introduction": []}
        bodies: list[Data] = []
        annexes: list[Data] = []
        introduction = self.blocks(root.content)
        for node in root.children:
            part = _section(node)
            if part in report_parts:
                report_parts[part] += self.flatten(node)
            elif part == "annexes":
                annexes += self.annexes(node)
            else:
                bodies.append(self.body(node, bodies))
        if not bodies:
            name = title
            bodies.append({"name": name, "kind": "commission", "introduction": introduction})
            introduction = []
            self.note(bodies[0], "no headings for bodies: the whole text is this body's")
        report_parts["introduction"] = introduction + report_parts["introduction"]
        if self.labels:
            data["labels"] = self.labels
        for part, blocks in report_parts.items():
            if blocks:
                data[part] = blocks
        if self.signatures:
            data["signature"] = self.signatures[0] if len(self.signatures) == 1 else self.signatures
        data["bodies"] = bodies
        if annexes:
            data["annexes"] = annexes
        return Mapped(data, self.notes, self.pictures)

    def front(self, elements: list[Element]) -> dict[str, Any]:
        """Take the title page's paragraphs (Title, Subtitle, a cover) out of the elements."""
        found: dict[str, Any] = {}
        for element in list(elements):
            if isinstance(element, Heading):
                break
            if isinstance(element, Picture) and element.role == "subtitle" and element.data:
                found.setdefault("logo", element)
                elements.remove(element)
            if not isinstance(element, Para) or element.role not in _FRONT:
                continue
            role = element.role
            if role != "cover" and role in found:
                continue
            found[role] = plain_text(element.spans) if role != "note" else element.spans
            elements.remove(element)
        return found

    def outline(self, elements: list[Element]) -> _Node:
        root = _Node(0, (), "")
        stack = [root]
        kind: str | None = None
        logo: Picture | None = None
        for element in elements:
            if isinstance(element, Para) and element.role == "kind":
                kind = plain_text(element.spans)
                continue
            if isinstance(element, Picture) and element.role == "logo" and element.data:
                logo = element
                continue
            if isinstance(element, Heading):
                while stack[-1].level >= element.level:
                    stack.pop()
                node = _Node(element.level, element.spans, element.where, kind=kind, logo=logo)
                stack[-1].children.append(node)
                stack.append(node)
            else:
                if logo is not None:
                    stack[-1].content.append(logo)
                if kind is not None:
                    stack[-1].content.append(Para((Span(kind),), element.where))
                stack[-1].content.append(element)
            kind, logo = None, None
        return root

    # --- bodies

    def body(self, node: _Node, bodies: list[Data]) -> Data:
        name = plain_text(node.title)
        if any(body["name"] == name for body in bodies):
            name = f"{name} ({len(bodies) + 1})"
        body: Data = {"name": name, "kind": self.kind(node, name)}
        if body["kind"] is None:
            body["kind"] = "commission"
            self.note(body, "kind: no word in the name says what sort of body it is; check it")
        if node.logo is not None and (logo := self.image(node.logo)):
            body["logo"] = logo["path"]
        links = self.trailing_links(node)
        officers, content = self.officers(node.content)
        introduction = self.blocks(content)
        themes: list[Data] = []
        upcoming: list[Data] = []
        action_plan: list[Any] = []
        annexes: list[Data] = []
        for child in node.children:
            part = _section(child)
            if part in ("introduction", "foreword") and not themes:
                introduction += self.flatten(child)
            elif part == "upcoming" and not child.children and self.events(child, upcoming):
                self.label("upcoming", child.title)
            elif part == "officers" and not child.children:
                found, rest = self.officers(child.content)
                officers += found
                introduction += self.blocks(rest)
                self.label("officers", child.title)
            elif part == "links" and not child.children and self.links(child, links):
                self.label("links", child.title)
            elif part == "action_plan":
                action_plan += self.flatten(child)
            elif part == "annexes":
                annexes += self.annexes(child)
            elif part == "activities" and child.children:
                self.label("activities", child.title)
                if child.content:
                    self.theme(themes, introduction, child.title, self.blocks(child.content))
                for grandchild in child.children:
                    self.theme(themes, introduction, grandchild.title, self.flatten(grandchild))
            else:
                self.theme(themes, introduction, child.title, self.flatten(child))
        for key, value in (
            ("officers", officers),
            ("introduction", introduction),
            ("activities", themes),
            ("upcoming", upcoming),
            ("action_plan", action_plan),
            ("links", links),
            ("annexes", annexes),
        ):
            if value:
                body[key] = value
        return body

    def kind(self, node: _Node, name: str) -> str | None:
        for text in (node.kind, name):
            for kind, words in KINDS:
                if text and words.search(text):
                    return kind
        return None

    def label(self, key: str, title: Rich) -> None:
        """A heading that reportgen prints itself becomes the report's label for it."""
        text = plain_text(title)
        year = str(self.root["year"])
        wording = text.replace(year, "{year}") if year in text else text
        if key not in self.labels:
            self.labels[key] = wording
        elif self.labels[key] != wording:
            self.note(self.root, f"heading `{text}` is printed as `{self.labels[key]}`")

    def theme(self, themes: list[Data], before: list[Any], title: Rich, blocks: list[Any]) -> None:
        text, lost = to_markup(title, notes=False)
        if blocks:
            theme = {"title": text, "blocks": blocks}
            themes.append(theme)
            for message in lost:
                self.note(theme, message)
            return
        paragraph = {"type": "paragraph", "text": to_markup(_bold(title))[0]}
        (themes[-1]["blocks"] if themes else before).append(paragraph)
        self.note(paragraph, "a heading with nothing under it, kept as a bold paragraph")

    def officers(self, content: list[Element]) -> tuple[list[Data], list[Element]]:
        officers = []
        rest = list(content)
        while rest and isinstance(rest[0], Para):
            match = _OFFICER.match(plain_text(rest[0].spans))
            if not match:
                break
            index = next(i for i in range(len(ROLES)) if match[f"r{i}"])
            officer = {"role": ROLES[index][0], "name": match["name"].strip()}
            if match["title"]:
                officer["title"] = match["title"].strip()
            officers.append(officer)
            rest.pop(0)
        return officers, rest

    def trailing_links(self, node: _Node) -> list[Data]:
        """Paragraphs that end a body with only a link (`More information: URL`)."""
        last = node
        while last.children:
            last = last.children[-1]
        links: list[Data] = []
        if last is not node and _section(last) == "links":
            return links  # under its own heading: see `links`
        while last.content and isinstance(last.content[-1], Para):
            link = _link(last.content[-1].spans)
            if link is None:
                break
            links.insert(0, link)
            last.content.pop()
        return links

    def links(self, node: _Node, links: list[Data]) -> bool:
        """The links of a section whose every paragraph is one (`Label: URL`)."""
        found = [_link(e.spans) if isinstance(e, Para) else None for e in node.content]
        if not found or None in found:
            return False
        links += [link for link in found if link is not None]
        return True

    def events(self, node: _Node, upcoming: list[Data]) -> bool:
        """Upcoming events from a list whose every entry has a date, if the node is one."""
        entries = [e for e in node.content if isinstance(e, Entry) and not e.level]
        if not entries or len(entries) != len(node.content):
            return False
        events = []
        for entry in entries:
            text = plain_text(entry.spans)
            try:
                found = trailing_date(text) or leading_date(text)
            except AmbiguousDate:
                return False
            if found is None:
                return False
            rest = _cut(entry.spans, found)
            if not rest:
                return False
            title, lost = to_markup(rest)
            event = {"title": title, "date": PlainScalar(found.iso)}
            if found.written != found.iso:
                event["date_text"] = found.written
            for message in lost:
                self.note(event, message)
            events.append(event)
        upcoming += events
        return True

    def annexes(self, node: _Node) -> list[Data]:
        annexes = []
        if node.content:
            title = to_markup(node.title, notes=False)[0]
            annexes.append({"title": title, "blocks": self.blocks(node.content)})
        for child in node.children:
            blocks = self.flatten(child)
            if blocks:
                annexes.append({"title": to_markup(child.title, notes=False)[0], "blocks": blocks})
        return annexes

    # --- blocks

    def flatten(self, node: _Node) -> list[Any]:
        """A node's content and its sub-headings' content, sub-headings as bold paragraphs."""
        blocks = self.blocks(node.content)
        for child in node.children:
            blocks.append({"type": "paragraph", "text": to_markup(_bold(child.title))[0]})
            blocks += self.flatten(child)
        return blocks

    def blocks(self, elements: list[Element]) -> list[Any]:
        blocks: list[Any] = []
        waiting: list[str] = []
        index = 0
        while index < len(elements):
            element = elements[index]
            index += 1
            added: Any = None
            if isinstance(element, Entry):
                run = [element]
                while index < len(elements) and _continues(run, elements[index]):
                    run.append(elements[index])  # type: ignore[arg-type]
                    index += 1
                added = self.list_block(run)
            elif isinstance(element, Para):
                following = elements[index] if index < len(elements) else None
                if element.role == "signature":
                    scanned = following if isinstance(following, Picture) else None
                    self.signature(element, scanned)
                    index += scanned is not None
                    continue
                if element.role == "caption" and blocks and _captionless(blocks[-1], "image"):
                    blocks[-1]["caption"] = to_markup(element.spans)[0]
                    continue
                if element.role == "caption" and isinstance(following, TableRows):
                    following.caption = element.spans
                    continue
                if element.role == "caption" and blocks and _captionless(blocks[-1], "table"):
                    blocks[-1]["caption"] = to_markup(element.spans)[0]
                    continue
                added = self.paragraph(element, blocks)
            elif isinstance(element, TableRows):
                added = self.table(element)
            elif isinstance(element, Picture):
                added = self.image(element)
            elif isinstance(element, Skipped):
                waiting.append(f"{element.where}: {element.why}")
            elif isinstance(element, Heading):
                added = {"type": "paragraph", "text": to_markup(_bold(element.spans))[0]}
            if added is None:
                continue
            blocks.append(added)
            for message in waiting:
                self.note(added, message)
            waiting = []
        for message in waiting:
            if blocks:
                self.note(blocks[-1], message)
            else:
                self.note(self.root, message)
        return blocks

    def signature(self, element: Para, scanned: Picture | None) -> None:
        """A signature of reportgen's Word files: the name in bold, then the position."""
        name = clean(" ".join(span.text for span in element.spans if span.bold)).strip()
        position = clean(" ".join(span.text for span in element.spans if not span.bold)).strip()
        signature: Data = {"name": name or plain_text(element.spans)}
        if position and name:
            signature["position"] = position
        image = self.image(scanned) if scanned is not None else None
        if image is not None and image["type"] == "image":
            signature["image"] = image["path"]
        self.signatures.append(signature)

    def paragraph(self, element: Para, blocks: list[Any]) -> Data | None:
        text, lost = to_markup(element.spans)
        if element.role == "attribution" and blocks and blocks[-1].get("type") == "quote":
            if "attribution" not in blocks[-1]:
                blocks[-1]["attribution"] = re.sub(r"^[—–-]\s*", "", plain_text(element.spans))
                return None
        if element.role == "quote":
            plain = plain_text(element.spans)
            if blocks and blocks[-1].get("type") == "quote" and re.match(r"^[—–]\s*", plain):
                if "attribution" not in blocks[-1]:
                    blocks[-1]["attribution"] = re.sub(r"^[—–]\s*", "", plain)
                    return None
            block = {"type": "quote", "text": text}
        else:
            block = {"type": "paragraph", "text": text}
        for message in lost:
            self.note(block, f"{element.where}: {message}")
        return block

    def list_block(self, run: list[Entry]) -> Data:
        ordered = run[0].ordered
        block: Data = {"type": "list"}
        if ordered:
            block["ordered"] = True
        items: list[Any] = []
        block["items"] = items
        stack: list[tuple[int, list[Any]]] = [(-1, items)]
        for entry in run:
            while len(stack) > 1 and stack[-1][0] >= entry.level:
                stack.pop()
            if entry.ordered != ordered:
                kind = "numbered" if entry.ordered else "bulleted"
                self.note(block, f"{entry.where}: a {kind} entry is listed like its list")
            item = self.item(entry, block)
            stack[-1][1].append(item)
            item["items"] = []
            stack.append((entry.level, item["items"]))
        block["items"] = [_shorthand(item) for item in items]
        return block

    def item(self, entry: Entry, block: Data) -> Data:
        text = plain_text(entry.spans)
        spans = entry.spans
        item: Data = {}
        try:
            found = leading_date(text)
        except AmbiguousDate as error:
            found = None
            self.note(block, f"{entry.where}: `{error}` left in the text: day or month?")
        if found is not None and _cut(spans, found):
            spans = _cut(spans, found)
        else:
            found = None
        markup, lost = to_markup(spans)
        item["text"] = markup
        if found is not None:
            item["date"] = PlainScalar(found.iso)
            if found.written != found.iso:
                item["date_text"] = found.written
        for message in lost:
            self.note(block, f"{entry.where}: {message}")
        return item

    def table(self, element: TableRows) -> Data | None:
        rows = [row for row in element.rows if any(row)]
        if not rows:
            return None
        width = max(len(row) for row in rows)
        caption = element.caption
        if len(rows) < 2:
            text = " | ".join(to_markup(cell)[0] for cell in rows[0] if cell)
            paragraph = {"type": "paragraph", "text": text}
            self.note(paragraph, f"{element.where}: a table of one row, kept as a paragraph")
            return paragraph
        cells = [[to_markup(cell)[0] or EMPTY_CELL for cell in row] for row in rows]
        padded = [row + [EMPTY_CELL] * (width - len(row)) for row in cells]
        block: Data = {"type": "table"}
        if caption:
            block["caption"] = to_markup(caption)[0]
        block["header"] = padded[0]
        block["rows"] = padded[1:]
        if any(not cell for row in rows for cell in row) or any(len(r) < width for r in rows):
            self.note(block, f"{element.where}: empty or merged cells are written `{EMPTY_CELL}`")
        return block

    def image(self, element: Picture) -> Data | None:
        if element.data is None:
            paragraph = {"type": "paragraph", "text": to_markup((Span(element.alt),))[0]}
            message = f"{element.where}: {element.why}; not imported"
            if element.alt:
                self.note(paragraph, message + ", its description is kept as text")
                return paragraph
            self.pending_note(message)
            return None
        number = len(self.pictures) + 1
        suffix = ".png" if element.suffix == ".convert" else element.suffix
        path = f"{self.images}/image-{number}{suffix}"
        self.pictures.append((path, element))
        block: Data = {"type": "image", "path": path, "alt": element.alt or "TODO"}
        if not element.alt:
            self.note(block, f"{element.where}: the picture has no description; write its `alt`")
        return block

    def pending_note(self, message: str) -> None:
        self.note(self.root, message)


def _section(node: _Node) -> str | None:
    text = plain_text(node.title).strip().rstrip(":").strip()
    for part, words in SECTIONS.items():
        if words.search(text):
            return part
    return None


def _continues(run: list[Entry], element: Element) -> bool:
    if not isinstance(element, Entry):
        return False
    if element.level > 0:
        return True
    return element.list_id == run[0].list_id and element.ordered == run[0].ordered


def _captionless(block: Any, kind: str) -> bool:
    return isinstance(block, dict) and block.get("type") == kind and "caption" not in block


def _shorthand(item: Data) -> Any:
    children = [_shorthand(child) for child in item.pop("items")]
    if children:
        item["items"] = children
    return item["text"] if list(item) == ["text"] else item


def _bold(spans: Rich) -> Rich:
    return tuple(Span(span.text, True, span.italic, span.href) for span in spans)


def _cut(spans: Rich, found: FoundDate) -> Rich:
    """The spans without the date and its separator (or its brackets at the end)."""
    total = sum(len(span.text) for span in spans)
    keep_from, keep_to = (found.end, total) if found.start == 0 else (0, found.start)
    out: list[Span] = []
    position = 0
    for span in spans:
        start, end = position, position + len(span.text)
        position = end
        lo, hi = max(start, keep_from), min(end, keep_to)
        if lo < hi:
            out.append(Span(span.text[lo - start : hi - start], span.bold, span.italic, span.href))
    if out:
        out[0] = Span(out[0].text.lstrip(), out[0].bold, out[0].italic, out[0].href)
        out[-1] = Span(out[-1].text.rstrip(), out[-1].bold, out[-1].italic, out[-1].href)
    return tuple(span for span in out if span.text)


_URL = re.compile(r"^(https?://|mailto:)\S+$")


def _link(spans: Rich) -> Data | None:
    """`Label: URL`, or a paragraph that is only a link, as a link of the body."""
    url = spans[-1].href if spans else None
    if url is None or not _URL.match(url):
        return None
    start = len(spans)
    while start and spans[start - 1].href == url:
        start -= 1
    if any(span.href for span in spans[:start]):
        return None
    shown = "".join(span.text for span in spans[start:]).strip()
    before = "".join(span.text for span in spans[:start]).strip()
    if before and not before.endswith(":"):
        return None
    label = before.rstrip(":").strip()
    if shown.rstrip("/") != url.rstrip("/"):
        if label:
            return None
        label = shown
    return {"label": label, "url": url} if label else {"url": url}


def _guess_language(text: str) -> str:
    words = Counter(word.lower() for word in re.findall(r"[^\W\d_]+", text))
    scores = {language: sum(words[w] for w in stop) for language, stop in _STOPWORDS.items()}
    return max(scores, key=lambda language: (scores[language], language == "en"))


def _all_text(elements: list[Element]) -> list[str]:
    out = []
    for element in elements:
        if isinstance(element, Heading | Para | Entry):
            out.append(plain_text(element.spans))
        elif isinstance(element, TableRows):
            out += [plain_text(cell) for row in element.rows for cell in row]
    return out
