"""What an unexpected exception in a renderer becomes: a ReportError naming the report,
and where the renderer was in it, so that a user sees one plain line, never a traceback.

A renderer cannot say where it was when it failed, but its frames can: the innermost
frame that holds a body, section or block of the context gives that part's path in the
report. A failure inside a template of the user's own theme is the theme's, located there.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from ..errors import Issue, ReportError
from .theme import Theme, builtin_dir

if TYPE_CHECKING:
    from ..view.context import BlockView, Context, SectionView

OUTPUT_NAMES = {"pdf": "the PDF", "docx": "the Word file", "html": "the HTML page"}

BUG = "this is a bug in reportgen; please report it with this file"


class PrintingFailed(Exception):
    """The PDF printer's process raised an exception or ended without an answer; the
    message says which (`KeyError: 'x'`), since the exception itself stayed there."""


def renderer_failed(error: Exception, fmt: str, context: Context, theme: Theme) -> ReportError:
    """`error`, raised while making `fmt` from `context`, as a located ReportError."""
    if isinstance(error, OSError) and error.filename is not None:  # the machine's, not a bug
        message = f"cannot read: {error.strerror or described(error)}"
        return ReportError([Issue(str(error.filename), 0, 0, message)])
    cause = str(error) if isinstance(error, PrintingFailed) else described(error)
    at_fault = user_template(error, theme)
    if at_fault is not None:
        message = f"the theme's template cannot be used: {cause}"
        return ReportError([Issue(*at_fault, 1, message)])
    source = str(context.source) if context.source is not None else "<report>"
    message = f"could not make {OUTPUT_NAMES.get(fmt, fmt)}: {cause} \u2014 {BUG}"
    return ReportError([Issue(source, 0, 0, message, _where(error, context))])


def described(error: BaseException) -> str:
    """`KeyError: 'x'`: the exception's type and message, as a user can pass them on."""
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def user_template(error: BaseException, theme: Theme) -> tuple[str, int] | None:
    """The file and line of the innermost frame of `error` in a template of the user's
    theme, if there is one: a failure there is the theme's, not reportgen's."""
    builtin = builtin_dir().resolve()
    folders = [folder.resolve() for folder in theme.dirs if folder.resolve() != builtin]
    for frame, line in _innermost_first(error):
        name = frame.f_code.co_filename
        if any(Path(name).resolve().is_relative_to(folder) for folder in folders):
            return name, line
    return None


def _where(error: BaseException, context: Context) -> str:
    """The path of the part of the report the innermost frame that holds one was at."""
    paths = _paths(context)
    for frame, _ in _innermost_first(error):
        for value in frame.f_locals.values():
            if id(value) in paths:
                return paths[id(value)]
    return ""


def _innermost_first(error: BaseException) -> list[tuple[FrameType, int]]:
    return list(traceback.walk_tb(error.__traceback__))[::-1]


def _paths(context: Context) -> dict[int, str]:
    """Each body, section and block of `context` by identity, with its path in the report."""
    found: dict[int, str] = {}

    def blocks(prefix: str, views: tuple[BlockView, ...]) -> None:
        found.update((id(view), f"{prefix}[{index}]") for index, view in enumerate(views))

    def sections(prefix: str, views: tuple[SectionView, ...]) -> None:
        for index, section in enumerate(views):
            found[id(section)] = f"{prefix}[{index}]"
            blocks(f"{prefix}[{index}].blocks", section.blocks)

    blocks("foreword", context.foreword)
    blocks("introduction", context.introduction)
    sections("annexes", context.annexes)
    for body in context.bodies:
        at = f"bodies[{body.index}]"
        found[id(body)] = at
        blocks(f"{at}.introduction", body.introduction)
        sections(f"{at}.activities", body.activities)
        blocks(f"{at}.upcoming", body.upcoming)
        blocks(f"{at}.action_plan", body.action_plan)
        blocks(f"{at}.links", body.links)
        sections(f"{at}.annexes", body.annexes)
        for number, contact in enumerate(body.secretariat):
            several = len(body.secretariat) > 1  # one contact may be written without a list
            found[id(contact)] = f"{at}.secretariat" + (f"[{number}]" if several else "")
    return found
