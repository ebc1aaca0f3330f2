"""The one error family of reportgen: located issues, collected before anything stops."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Issue:
    """A problem at a place in an input file, as `FILE:LINE:COL: error: PATH: message`."""

    file: str
    line: int
    column: int
    message: str
    path: str = ""
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        what = f"{self.path}: {self.message}" if self.path else self.message
        return f"{where}: {self.severity}: {what}"


class ReportError(Exception):
    """Raised when input is wrong; carries every issue found, sorted by place."""

    def __init__(self, issues: Iterable[Issue]) -> None:
        self.issues = sorted(issues)
        super().__init__("\n".join(str(issue) for issue in self.issues))


class ReportWarning(UserWarning):
    """A located problem that does not stop the build, such as a renderer's warning."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        super().__init__(str(issue))


def cannot_write(error: OSError, file: str = "") -> Issue:
    """An OSError met while writing, as an error at the file or folder it names (else at
    `file`) that gives the cause in plain words: `build/2012.pdf: error: cannot write: No
    space left on device`."""
    where = str(error.filename) if error.filename is not None else file
    return Issue(where, 0, 0, f"cannot write: {error.strerror or error}")
