"""The output formats behind one interface: each is a module `render.FORMAT` with
`render(context, theme, options) -> bytes`; a build asks `Renderers` for every output.

A format may start work before the reports are read: the PDF is printed by a process
forked when the build starts (pdf/printer.py), which loads WeasyPrint meanwhile.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from .options import FORMATS, RenderOptions
from .pdf.libraries import import_quickly
from .theme import Theme

if TYPE_CHECKING:
    from ..view.context import Context
    from .pdf.printer import Printer

__all__ = ["FORMATS", "RenderOptions", "Renderers", "Theme", "renderers"]


class Renderers:
    """The renderers of one build; `submit` starts an output, the callable it returns
    gives its bytes. Outputs are asked for in the order they were submitted."""

    def __init__(self, printer: Printer | None) -> None:
        self._printer = printer

    def submit(
        self, fmt: str, context: Context, theme: Theme, options: RenderOptions
    ) -> Callable[[], bytes]:
        if fmt == "pdf" and self._printer is not None:
            from .pdf import print_job

            self._printer.submit(print_job(context, theme, options))
            return self._printer.result
        module = import_quickly(f"reportgen.render.{fmt}")
        output: bytes = module.render(context, theme, options)
        return lambda: output


@contextlib.contextmanager
def renderers(formats: Sequence[str]) -> Iterator[Renderers]:
    """Renderers for `formats`, started at once; what they started is stopped on leaving."""
    from .pdf.printer import printer

    with printer(wanted="pdf" in formats) as started:
        yield Renderers(started)
