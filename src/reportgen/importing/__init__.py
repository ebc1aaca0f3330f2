"""`reportgen import`: a report YAML file made from a Word (.docx) or Markdown document that
someone else wrote, with its pictures beside it. Nothing existing is ever overwritten; the
file written is loaded back like any report, and what could not be mapped is listed."""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image as PillowImage

from ..errors import Issue, ReportError
from ..source.loader import load_source
from ..source.plainyaml import parse_yaml
from ..source.reading import LIMITS, MiB
from .document import Document, Picture
from .limits import ImportProblem
from .structure import Mapper
from .yamltext import PlainScalar, dump

READERS = (".docx", ".md", ".markdown")


@dataclass
class Imported:
    """What an import wrote, and its notes and the report's warnings as issues."""

    report: Path
    pictures: list[Path] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)


def import_document(
    source: str | Path,
    target: str | Path | None = None,
    *,
    language: str | None = None,
    year: int | None = None,
    schema_url: str | None = None,
) -> Imported:
    """Write `target` (default: `source` with `.yaml`) and its pictures from `source`.

    ReportError if the document cannot be read, if a file to write exists already, or if
    the written report does not load (then it is left in place, so its errors can be read).
    """
    source = Path(source)
    target = Path(target) if target is not None else source.with_suffix(".yaml")
    images = f"{target.stem}-images"
    try:
        document = _read(source)
        mapper = Mapper(images, language, year)
        mapped = mapper.report(document, _title_from(source))
        pictures = [(path, _picture_bytes(picture)) for path, picture in mapped.pictures]
        total = sum(len(data) for _path, data in pictures if data)
        if total > LIMITS.images_bytes:
            raise ImportProblem(
                f"its pictures come to {total // MiB} MiB, over the "
                f"{LIMITS.images_bytes // MiB} MiB a report may show"
            )
    except ImportProblem as problem:
        raise ReportError([Issue(str(source), 0, 0, str(problem))]) from None
    header = [f"yaml-language-server: $schema={schema_url}"] if schema_url else []
    header += [
        f"Imported from {source.name} by `reportgen import`: check it against the original.",
        "Each `# import:` comment says what could not be mapped as it was.",
        "",
    ]
    kept = [(path, data) for path, data in pictures if data is not None]
    for path, data in pictures:
        if data is None:
            mapped.notes.setdefault(id(mapped.data), []).append(f"`{path}` could not be read")
    text, placed = dump(_without_unreadable(mapped.data, pictures), mapped.notes, header)
    _check_read_back(text, mapped.data, pictures, str(target))
    existing = [path for path in (target, target.parent / images) if path.exists()]
    if existing and (existing != [target.parent / images] or kept):
        raise ReportError(
            [Issue(str(path), 0, 0, "already exists; it was left as it is") for path in existing]
        )
    written = _write(target, text, [(target.parent / path, data) for path, data in kept])
    notes = [
        Issue(str(target), note.line, note.column, f"import: {note.message}", note.path, "warning")
        for note in placed
    ]
    loaded = load_source(target)
    return Imported(target, written, sorted([*notes, *loaded.warnings]))


def _read(source: Path) -> Document:
    suffix = source.suffix.lower()
    if suffix in (".odt", ".doc", ".rtf"):
        raise ImportProblem(
            f"{suffix} files are not read directly; open it in Word or LibreOffice and save it "
            "as .docx (or: soffice --headless --convert-to docx FILE), then import the .docx"
        )
    if suffix not in READERS:
        raise ImportProblem(
            f"cannot import `{suffix or source.name}` files; give a .docx or .md file"
        )
    if not source.exists():
        raise ImportProblem("no such file")
    if suffix == ".docx":
        from .word import read_docx

        return read_docx(source)
    from .markdown import read_markdown

    return read_markdown(source)


def _title_from(source: Path) -> str:
    return source.stem.replace("_", " ").replace("-", " ").strip() or "Report"


def _picture_bytes(picture: Picture) -> bytes | None:
    """The picture as PNG or JPEG bytes; None if it cannot be read; ImportProblem if huge."""
    assert picture.data is not None
    where = picture.where
    if len(picture.data) > LIMITS.image_bytes:
        raise ImportProblem(
            f"{where}: a picture of {len(picture.data) // MiB} MiB, over "
            f"{LIMITS.image_bytes // MiB} MiB"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(io.BytesIO(picture.data)) as image:
                width, height = image.size
                if width * height > LIMITS.image_pixels:
                    raise ImportProblem(
                        f"{where}: a picture of {width} × {height} pixels, over "
                        f"{LIMITS.image_pixels // 1_000_000} million"
                    )
                if picture.suffix != ".convert":
                    image.verify()
                    return picture.data
                output = io.BytesIO()
                image.save(output, "PNG")
                return output.getvalue()
    except (PillowImage.DecompressionBombError, PillowImage.DecompressionBombWarning):
        raise ImportProblem(f"{where}: a picture too large to open safely") from None
    except (OSError, ValueError, SyntaxError):
        return None


def _without_unreadable(data: Any, pictures: list[tuple[str, bytes | None]]) -> Any:
    """The data without image blocks whose picture could not be read."""
    unreadable = {path for path, data in pictures if data is None}
    if not unreadable:
        return data
    if isinstance(data, dict):
        return {key: _without_unreadable(value, pictures) for key, value in data.items()}
    if isinstance(data, list):
        return [
            _without_unreadable(item, pictures)
            for item in data
            if not (isinstance(item, dict) and item.get("path") in unreadable)
        ]
    return data


def _check_read_back(
    text: str, data: Any, pictures: list[tuple[str, bytes | None]], name: str
) -> None:
    """The YAML must read back as the data it was written from (a bug otherwise)."""
    read, _marks = parse_yaml(text, name)
    if read != _as_text(_without_unreadable(data, pictures)):
        raise ReportError([Issue(name, 0, 0, "reportgen wrote YAML it cannot read back (a bug)")])


def _as_text(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _as_text(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_as_text(item) for item in data]
    if isinstance(data, bool):
        return "true" if data else "false"
    return str(data) if isinstance(data, int | PlainScalar) else data


def _write(target: Path, text: str, pictures: list[tuple[Path, bytes]]) -> list[Path]:
    """Create every file (never replacing one); on failure remove what was created."""
    created: list[Path] = []
    folders: list[Path] = []
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        for path, data in pictures:
            if not path.parent.exists():
                path.parent.mkdir(parents=True)
                folders.append(path.parent)
            _create(path, data)
            created.append(path)
        _create(target, text.encode("utf-8"))
    except BaseException:
        for path in created:
            path.unlink()
        for folder in folders:
            folder.rmdir()
        raise
    return created


def _create(path: Path, data: bytes) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
