"""Fonts embedded in a .docx as Word's "Embed fonts in the file" does, so Word and LibreOffice
show the document in its own typefaces on a machine that lacks them.

Each TrueType file becomes a `word/fonts/*.odttf` part, obfuscated with a GUID key as ECMA-376
Part 1 §17.8.1 requires: its first 32 bytes XORed with the key's 16 bytes, taken from the end
of the GUID's hex digits. The font table names each family with its four faces and keys, and
the settings ask for the fonts to be kept. The reference script embeds the theme's fonts;
a user's own reference keeps whatever fonts it has.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from .elements import set_blob
from .settings import set_setting

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FACES = {
    (False, False): "embedRegular",
    (True, False): "embedBold",
    (False, True): "embedItalic",
    (True, True): "embedBoldItalic",
}


def font_key(data: bytes) -> str:
    """A GUID for a font, from its bytes: the same font always gets the same key."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """The font with its first 32 bytes XORed with the key (§17.8.1); the same call undoes it."""
    digits = key.strip("{}").replace("-", "")
    key_bytes = bytes.fromhex(digits)[::-1]
    head = bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(data[:32]))
    return head + data[32:]


def embed_fonts(document: Document, paths: list[Path]) -> None:
    """Embed these TrueType files, grouped by family; the font table then lists only them."""
    package = document.part.package
    table = next(part for part in package.iter_parts() if part.partname == "/word/fontTable.xml")
    families: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {}
    for number, path in enumerate(sorted(paths), start=1):
        data = path.read_bytes()
        font = TTFont(path, lazy=True)
        family = font["name"].getDebugName(1)
        style = font["OS/2"].fsSelection
        face = FACES[(bool(style & 0x20), bool(style & 0x01))]
        key = font_key(data)
        part = Part(
            PackURI(f"/word/fonts/font{number}.odttf"),
            OBFUSCATED_FONT,
            obfuscate(data, key),
            package,
        )
        rel_id = table.relate_to(part, RELATIONSHIP_TYPE.FONT)
        panose = bytes(vars(font["OS/2"].panose).values()).hex().upper()
        families.setdefault(family, (panose, {}))[1][face] = (rel_id, key)
    entries = []
    for family, (panose, faces) in families.items():
        embedded = "".join(
            f'<w:{face} r:id="{rel_id}" w:fontKey="{key}"/>'
            for face in FACES.values()
            if face in faces
            for rel_id, key in [faces[face]]
        )
        kind = "roman" if panose[2:4] not in ("0B", "0C", "0D", "0E", "0F") else "swiss"
        entries.append(
            f'<w:font w:name="{family}"><w:panose1 w:val="{panose}"/><w:charset w:val="00"/>'
            f'<w:family w:val="{kind}"/><w:pitch w:val="variable"/>{embedded}</w:font>'
        )
    set_blob(table, f"<w:fonts {nsdecls('w', 'r')}>{''.join(entries)}</w:fonts>".encode())
    set_setting(document, parse_xml(f"<w:embedTrueTypeFonts {nsdecls('w')}/>"))
