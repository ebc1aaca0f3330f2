"""Independent readers of the outputs, and the text normalisation the tests compare with."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from pypdf import PdfReader

import reportgen


def normalise(text: str) -> str:
    """Text as a reader sees it: one space between words, no soft line-break hyphens,
    apostrophes and dashes unified, no space before punctuation (French spacing)."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\u2010\u00ad]\s*\n\s*", "", text)  # hyphenation at a line end
    text = re.sub(r"(?<=\w)-\s*\n\s*(?=\w)", "-", text)  # a real hyphen at a line end
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u00a0", " ")
    text = text.replace("\u202f", " ")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r" ([:;!?»)])", r"\1", text)
    text = re.sub(r"([«(]) ", r"\1", text)
    return text.strip()


FURNITURE = 65
"""Points (23 mm) at the top and bottom of a page that hold its running heads and page
numbers: less than the margins of the theme (24 mm) and of Word (2.5 cm)."""


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it, without the running heads and page numbers,
    which would otherwise land inside any sentence that a page break splits."""
    page = PdfReader(path).pages[0].mediabox
    height = round(page.height) - 2 * FURNITURE
    body = ("-x", "0", "-y", str(FURNITURE), "-W", str(round(page.width)), "-H", str(height))
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *body, str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def docx_text_pandoc(path: Path) -> str:
    return subprocess.run(
        ["pandoc", "--standalone", "--from=docx", "--to=plain", "--wrap=none", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def libreoffice(
    sources: Iterable[Path], to: str, out: Path, env: dict[str, str] | None = None
) -> None:
    """`sources` converted by LibreOffice to the format `to` (pdf, docx), into `out`, in one
    run with a private profile."""
    profile = f"-env:UserInstallation={(out / 'libreoffice-profile').as_uri()}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", to, "--outdir", str(out), *sources],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )


def libreoffice_contents(document: Path, profile: Path) -> list[tuple[int, str]]:
    """The table of contents of a .docx as LibreOffice shows it once it has refreshed it, as
    a reader who updates the fields does: (level, text) of each entry."""
    script = Path(__file__).with_name("libreoffice_contents.py")
    result = subprocess.run(
        [_uno_python(), str(script), str(document), str(profile)],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return [(level, text) for level, text in json.loads(result.stdout)]


def _uno_python() -> str:
    """A Python that can drive LibreOffice: LibreOffice's own, or the system's with its uno
    module (Debian: python3-uno, which `scripts/system-deps.sh test` installs)."""
    soffice = shutil.which("soffice")
    bundled = Path(soffice).resolve().parent / "python" if soffice else None
    for python in (bundled, Path("/usr/bin/python3")):
        if python and python.exists():
            found = subprocess.run([str(python), "-c", "import uno"], capture_output=True)
            if found.returncode == 0:
                return str(python)
    raise AssertionError("no Python with LibreOffice's uno module: install python3-uno")


def docx_markdown_pandoc(path: Path) -> str:
    return subprocess.run(
        ["pandoc", "--from=docx", "--to=markdown_strict", "--wrap=none", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "script", "head"}:
            self._skip += 1
        elif tag in {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "div"}:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "script", "head"}:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(path: Path) -> str:
    extractor = _TextExtractor()
    extractor.feed(path.read_text(encoding="utf-8"))
    return "".join(extractor.parts)


def reference_sentences(path: Path) -> list[str]:
    """Every sentence-like piece of the reference, markup and list dashes removed."""
    pieces = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip().removeprefix("- ").replace("**", "")
        line = re.sub(r"<(https?://[^>]+)>", r"\1", line)
        if line:
            pieces += [piece for piece in re.split(r"(?<=[.!?])\s+", line) if piece]
    return pieces


def load_issues(tmp_path: Path, text: str | bytes) -> list[str]:
    """The issues `reportgen.load` raises for `text` saved as a report, every one located
    (line and column from 1), with the file's path shown as `F`."""
    path = tmp_path / "report.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(reportgen.ReportError) as caught:
        reportgen.load(path)
    found = caught.value.issues
    assert found and all(issue.line >= 1 and issue.column >= 1 for issue in found)
    return [str(issue).replace(str(path), "F") for issue in found]


def build_each_language(
    folder: Path, name: str, languages: Iterable[str], report: Callable[[str], Any]
) -> dict[tuple[str, str], Path]:
    """`report(language)` written as `folder/NAME-LANGUAGE.yaml` for each language and built
    in all formats with a fixed epoch: each output by its language and format."""
    from conftest import EPOCH

    sources = []
    for language in languages:
        source = folder / f"{name}-{language}.yaml"
        source.write_text(yaml.safe_dump(report(language), allow_unicode=True), "utf-8")
        sources.append(source)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        paths = reportgen.build(sources, folder / "out")
    return {(path.stem.removeprefix(f"{name}-"), path.suffix.lstrip(".")): path for path in paths}
