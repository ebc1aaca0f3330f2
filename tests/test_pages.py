"""Pages that break as a designer's would, read back from the PDF (pdftotext -bbox, pdffonts,
fontTools) and from the .docx (python-docx): glyphs from the theme's fonts only."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from fontTools.ttLib import TTFont

import reportgen
from reportgen.errors import ReportWarning

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "templates" / "fonts"
EPOCH = "1356998400"


def build(folder: Path, report: dict[str, Any], formats: tuple[str, ...] = ("pdf",)) -> Path:
    """`report` written as folder/report.yaml and built; the folder of its outputs."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "report.yaml"
    source.write_text(yaml.safe_dump(report, allow_unicode=True, sort_keys=False), "utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        reportgen.build([source], folder / "out", list(formats))
    return folder / "out"


def one_body(*blocks: dict[str, Any], name: str = "Committee on Pages") -> dict[str, Any]:
    return {
        "year": 2013,
        "language": "en",
        "title": "Activity report",
        "bodies": [
            {"name": name, "kind": "committee", "activities": [{"title": "Work", "blocks": blocks}]}
        ],
    }


def pdf_fonts(path: Path) -> list[str]:
    lines = subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    return [line.split()[0] for line in lines]


def theme_characters() -> set[str]:
    """Every character all eight of the theme's fonts have."""
    maps = [set(TTFont(path).getBestCmap()) for path in sorted(FONTS.glob("*.ttf"))]
    return {chr(code) for code in set.intersection(*maps)}


# --- no glyph from a font of this machine -----------------------------------------------


def test_every_list_marker_is_a_glyph_of_the_themes_fonts(tmp_path: Path) -> None:
    nested = {"text": "one", "items": [{"text": "two", "items": [{"text": "three"}]}]}
    out = build(tmp_path, one_body({"type": "list", "items": [nested]}))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out / "report.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    markers = {word: line.split()[0] for line in text.splitlines() for word in line.split()[1:]}
    assert set(markers) >= {"one", "two", "three"}
    assert [markers[word] for word in ("one", "two", "three")] == ["•", "–", "·"]
    assert set("•–·") <= theme_characters()


@pytest.fixture(scope="module")
def english_2012(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2012 report built in English from its catalogue."""
    folder = tmp_path_factory.mktemp("en")
    (folder / "translations").mkdir()
    shutil.copy(ROOT / "reports" / "2012.yaml", folder)
    shutil.copy(ROOT / "tests" / "fixtures" / "2012.en.po", folder / "translations")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        (path,) = reportgen.build([folder / "2012.yaml"], folder / "out", ["pdf"], languages=["en"])
    return path


def test_the_translated_report_uses_the_themes_fonts_only(english_2012: Path) -> None:
    fonts = pdf_fonts(english_2012)
    assert fonts
    for name in fonts:
        assert re.fullmatch(r"[A-Z]{6}\+Reportgen-(Serif|Sans)(-Bold)?(-Italic)?", name), name


def test_a_character_no_theme_font_has_is_a_located_warning(tmp_path: Path) -> None:
    paragraph = {"type": "paragraph", "text": "Next → the annual meeting"}
    with pytest.warns(ReportWarning) as caught:
        build(tmp_path, one_body(paragraph))
    messages = [str(warning.message) for warning in caught]
    source = tmp_path / "report.yaml"
    lines = source.read_text("utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if "Next →" in text)
    column = lines[line - 1].index("→") + 1
    expected = f"{source}:{line}:{column}: warning: the character → (U+2192 RIGHTWARDS ARROW)"
    assert [message for message in messages if message.startswith(expected)], messages
    assert "→" not in theme_characters()
