#!/usr/bin/env python3
"""Make the theme's fonts: Noto Serif and Noto Sans, renamed and cut down to Latin text.

The source is Debian's `fonts-noto-core` (SIL Open Font License 1.1, no reserved font
name). Each font is subset to the Latin scripts and the punctuation that French, English
and Spanish use, keeps its OpenType layout features (kerning, ligatures), and gets a
family name of its own ("Reportgen Serif", "Reportgen Sans") so that a font installed on
the machine can never be picked in its place. The OFL text is copied beside the fonts.

    apt-get download fonts-noto-core && dpkg -x fonts-noto-core_*.deb /tmp/noto
    .venv/bin/python scripts/make-fonts.py /tmp/noto
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

TARGET = Path(__file__).resolve().parent.parent / "templates" / "fonts"
FAMILIES = {"NotoSerif": "Reportgen Serif", "NotoSans": "Reportgen Sans"}
STYLES = {"Regular": "Regular", "Italic": "Italic", "Bold": "Bold", "BoldItalic": "Bold Italic"}
UNICODES = [
    *range(0x0020, 0x0250),  # Basic Latin to Latin Extended-B
    *range(0x02B0, 0x0300),  # spacing modifier letters: ʳ
    *range(0x0300, 0x0370),  # combining diacritical marks
    *range(0x1D00, 0x1DC0),  # phonetic extensions: ᵉ in 1ᵉʳ
    *range(0x1E00, 0x1F00),  # Latin Extended Additional
    *range(0x2000, 0x20A0),  # general punctuation, superscripts and subscripts
    *range(0x20A0, 0x20C0),  # currency signs
    *range(0x2100, 0x2150),  # letterlike symbols: №, ™
    *range(0x2190, 0x2200),  # arrows
    *range(0x2200, 0x2300),  # mathematical operators: −, ×, ≤
    *range(0x25A0, 0x2600),  # geometric shapes: list markers
    *range(0xFB00, 0xFB07),  # Latin ligatures
]


def make_font(source: Path, family: str, style: str) -> TTFont:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)  # keep the source's dates: same input, same bytes
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    _rename(font, family, style)
    return font


def _rename(font: TTFont, family: str, style: str) -> None:
    postscript = f"{family}-{style}".replace(" ", "")
    names = {
        1: family,
        2: style,
        3: f"reportgen;{postscript}",
        4: f"{family} {style}" if style != "Regular" else family,
        6: postscript,
        16: family,
        17: style,
    }
    table = font["name"]
    for record in list(table.names):
        if record.nameID in {1, 2, 3, 4, 6, 16, 17, 18, 21, 22}:
            table.removeNames(nameID=record.nameID)
    for name_id, text in names.items():
        table.setName(text, name_id, 3, 1, 0x409)
        table.setName(text, name_id, 1, 0, 0)


def licence_text(copyright_file: Path) -> str:
    """The OFL 1.1 as Debian's copyright file quotes it, unindented."""
    text = copyright_file.read_text(encoding="utf-8")
    match = re.search(r"^License: OFL-1\.1\n((?: .*\n)+)", text, re.MULTILINE)
    if match is None:
        raise SystemExit(f"{copyright_file}: no standalone OFL-1.1 licence paragraph")
    lines = [line[1:] for line in match.group(1).splitlines()]
    return "\n".join("" if line == "." else line for line in lines) + "\n"


def main(root: Path) -> None:
    fonts = root / "usr" / "share" / "fonts" / "truetype" / "noto"
    TARGET.mkdir(parents=True, exist_ok=True)
    for prefix, family in FAMILIES.items():
        for suffix, style in STYLES.items():
            font = make_font(fonts / f"{prefix}-{suffix}.ttf", family, style)
            font.save(TARGET / f"{family.replace(' ', '')}-{suffix}.ttf", reorderTables=True)
    copyright_file = root / "usr" / "share" / "doc" / "fonts-noto-core" / "copyright"
    header = (
        "The fonts in this folder are Noto Serif and Noto Sans (Copyright 2015-2020 Google\n"
        "LLC), subset to Latin text and renamed by scripts/make-fonts.py. They are licensed\n"
        "under the SIL Open Font License, Version 1.1:\n\n"
    )
    (TARGET / "OFL.txt").write_text(header + licence_text(copyright_file), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/"))
