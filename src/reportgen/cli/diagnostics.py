"""Issues as people and tools read them: text with a source excerpt, JSON, or GitHub
workflow annotations. The library only builds strings; the CLI prints them."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Sequence

from ..errors import Issue

ERROR_FORMATS = ("text", "json", "github")

_RED, _YELLOW, _BOLD, _CYAN, _RESET = "\033[31m", "\033[33m", "\033[1m", "\033[36m", "\033[0m"
_EXCERPT_WIDTH = 120
_READ_LIMIT = 4 * 1024 * 1024  # excerpts come from at most this much of a file

SourceLines = Callable[[str], Sequence[str]]


def read_lines(name: str) -> Sequence[str]:
    """The lines of a file as far as a report may go, undecodable bytes replaced."""
    try:
        with open(name, "rb") as stream:
            raw = stream.read(_READ_LIMIT)
    except OSError:
        return ()
    return raw.decode("utf-8", errors="replace").splitlines()


def format_text(
    issues: Sequence[Issue], color: bool = False, lines: SourceLines = read_lines
) -> str:
    """Each issue as `FILE:LINE:COL: error: PATH: message`, the line it points at, a caret."""
    cache: dict[str, Sequence[str]] = {}
    out: list[str] = []
    for issue in issues:
        out.append(_headline(issue, color))
        if issue.line <= 0:
            continue
        if issue.file not in cache:
            cache[issue.file] = lines(issue.file)
        source = cache[issue.file]
        if issue.line <= len(source):
            out += _excerpt(source[issue.line - 1], issue.line, issue.column, color)
    return "".join(line + "\n" for line in out)


def summary(issues: Sequence[Issue]) -> str:
    """`2 errors, 1 warning`."""
    errors = sum(issue.severity == "error" for issue in issues)
    warnings = len(issues) - errors
    parts = [f"{errors} error{'s' * (errors != 1)}"] if errors else []
    parts += [f"{warnings} warning{'s' * (warnings != 1)}"] if warnings else []
    return ", ".join(parts)


def format_json(issues: Sequence[Issue], **extra: object) -> str:
    """One JSON document: the issues (file, line, column, severity, path, message)."""
    document = {
        "issues": [
            {
                "file": issue.file,
                "line": issue.line,
                "column": issue.column,
                "severity": issue.severity,
                "path": issue.path,
                "message": issue.message,
            }
            for issue in issues
        ],
        "errors": sum(issue.severity == "error" for issue in issues),
        "warnings": sum(issue.severity == "warning" for issue in issues),
        **extra,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def format_github(issues: Sequence[Issue]) -> str:
    """GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=PATH::message`."""
    out = []
    for issue in issues:
        properties = [f"file={_property(issue.file)}"]
        if issue.line:
            properties += [f"line={issue.line}", f"col={issue.column}"]
        if issue.path:
            properties.append(f"title={_property(issue.path)}")
        out.append(f"::{issue.severity} {','.join(properties)}::{_data(issue.message)}\n")
    return "".join(out)


def _headline(issue: Issue, color: bool) -> str:
    if not color:
        return str(issue)
    where = f"{issue.file}:{issue.line}:{issue.column}" if issue.line else issue.file
    tint = _RED if issue.severity == "error" else _YELLOW
    what = f"{issue.path}: {issue.message}" if issue.path else issue.message
    return f"{_BOLD}{where}:{_RESET} {_BOLD}{tint}{issue.severity}:{_RESET} {what}"


def _excerpt(text: str, number: int, column: int, color: bool) -> list[str]:
    """The source line (shortened around the column if long) and a caret under the column."""
    start = max(0, column - 1 - _EXCERPT_WIDTH // 2) if len(text) > _EXCERPT_WIDTH else 0
    shown = "".join(
        "?" if _unprintable(char) else char for char in text[start : start + _EXCERPT_WIDTH]
    )
    before = shown[: max(0, column - 1 - start)]
    pad = "".join(char if char == "\t" else " " for char in before)
    gutter = f"{number:>5} | "
    caret = f"{_BOLD}{_CYAN}^{_RESET}" if color else "^"
    return [f"{gutter}{shown}".rstrip(), f"{' ' * (len(gutter) - 2)}| {pad}{caret}"]


def _unprintable(char: str) -> bool:
    return char != "\t" and unicodedata.category(char) in {"Cc", "Cs", "Cf"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
