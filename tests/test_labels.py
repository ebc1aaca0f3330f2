"""Every label a report may override changes what readers see, in every format.

One report overrides each label with a word of its own and holds something that prints
each one; the outputs are read back by pdftotext, pandoc and python-docx, and an HTML
parser. A label key that printed nothing would fail here.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any, get_args

import docx
import pytest
import yaml

import reportgen
from conftest import build_outputs
from readers import docx_text_pandoc, html_text, normalise
from reportgen.model import BodyKind, LabelKey, OfficerRole, PublicationKind

KEYS: tuple[str, ...] = get_args(LabelKey)
MARKS = {key: f"Mark{index:02d}" for index, key in enumerate(KEYS)}
"""Each label's replacement: a word no other text of the report holds."""
NO_PAGES = {"page_of"}
"""Labels of page footers, which the HTML page has not."""


def report_data() -> dict[str, Any]:
    labels = {key: mark for key, mark in MARKS.items()}
    labels["page_of"] = f"{MARKS['page_of']} {{page}}/{{pages}}"
    labels["attached_to"] = f"{MARKS['attached_to']} {{kind}}"  # the kind of an attached body
    body: dict[str, Any] = {
        "officers": [
            *({"role": role, "name": "Ana"} for role in get_args(OfficerRole)),
            {"role": "president", "institution": "City", "name": "Ben"},
            {"role": "president", "vacant": True},
        ],
        "secretariat": {
            "name": "Office",
            "email": "office@example.org",
            "phone": "+00 1",
            "url": "https://example.org",
        },
        "introduction": [
            {"type": "figures", "items": [{"value": 3, "label": "cities"}]},
            *(
                {"type": "publication", "kind": kind, "title": "Paper"}
                for kind in get_args(PublicationKind)
            ),
        ],
        "activities": [{"title": "Work", "blocks": [{"type": "paragraph", "text": "Done."}]}],
        "upcoming": [
            {
                "title": "Meeting",
                "date": "2013-03",
                "place": "Dakar",
                "organisers": ["City"],
                "partners": ["Agency"],
                "tentative": True,
            },
            {"title": "Forum", "date": "tbc"},
        ],
        "action_plan": "Plans.",
        "links": [{"url": "https://example.org/more"}],
        "annexes": [{"title": "Members", "blocks": [{"type": "paragraph", "text": "None."}]}],
    }
    bodies = [
        {
            "name": f"Body {index}",
            "kind": kind,
            **(body if index == 0 else {"action_plan": "More."}),
        }
        for index, kind in enumerate(get_args(BodyKind))
    ]
    bodies[0]["id"], bodies[1]["parent"] = "first", "first"  # for `attached_to`
    shared = {
        "title": "Shared",
        "also_in": ["first"],
        "blocks": [{"type": "paragraph", "text": "Together."}],
    }
    bodies[1]["activities"] = [shared]  # for `joint_with`
    return {
        "year": 2012,
        "language": "en",
        "title": "Labels",
        "labels": labels,
        "foreword": "Before.",
        "introduction": "About.",
        "bodies": bodies,
    }


def _docx_text(path: Path) -> str:
    """The body as pandoc reads it, and the footer's words as python-docx reads them."""
    footers = [
        paragraph.text
        for section in docx.Document(str(path)).sections
        for paragraph in section.footer.paragraphs
    ]
    return docx_text_pandoc(path) + " " + " ".join(footers)


def _pdf_text(path: Path) -> str:
    """The whole pages' text, footers included, as pdftotext reads it."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


READERS = {"pdf": _pdf_text, "docx": _docx_text, "html": html_text}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("labels")
    source = folder / "labels.yaml"
    source.write_text(yaml.safe_dump(report_data()), "utf-8")
    return build_outputs(source, folder / "out")


@pytest.mark.parametrize("fmt", sorted(READERS))
def test_every_label_is_printed(built: dict[str, Path], fmt: str) -> None:
    text = normalise(READERS[fmt](built[fmt])).casefold()
    expected = [key for key in KEYS if not (fmt == "html" and key in NO_PAGES)]
    missing = [key for key in expected if MARKS[key].casefold() not in text]
    assert missing == []


def test_an_unused_label_is_refused(tmp_path: Path) -> None:
    """`page` printed nothing; it is refused rather than silently ignored."""
    data = {**report_data(), "labels": {"page": "Seite"}}
    source = tmp_path / "old.yaml"
    source.write_text(yaml.safe_dump(data), "utf-8")
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.load(source)
    (issue,) = [issue for issue in caught.value.issues if issue.severity == "error"]
    assert (issue.path, issue.message.split(";")[0]) == ("labels.page", "unknown key `page`")
