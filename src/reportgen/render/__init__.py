"""The output formats behind one interface: a build asks `Renderers` for every output.

HTML and Word are modules `render.FORMAT` with `render(context, theme, options) -> bytes`;
the PDF module makes a print job, which its printer lays out (with WeasyPrint's warnings).

A format may start work before the reports are read: the PDF is printed by a process
forked when the build starts (pdf/printer.py), which loads WeasyPrint meanwhile.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from ..errors import Issue, ReportError
from .options import FORMATS, RenderOptions
from .theme import Theme

if TYPE_CHECKING:
    from ..view.context import Context
    from .pdf.printer import Printer

__all__ = ["FORMATS", "RenderOptions", "Renderers", "Theme", "renderers"]


Rendered = tuple[bytes, list[Issue]]
"""An output's bytes, and the renderer's warnings about it."""


class Renderers:
    """The renderers of one build; `submit` starts an output, the callable it returns
    gives it. Outputs are asked for in the order they were submitted."""

    def __init__(self, printer: Printer | None) -> None:
        self._printer = printer

    def submit(
        self, fmt: str, context: Context, theme: Theme, options: RenderOptions
    ) -> Callable[[], Rendered]:
        """Start `fmt`; an unexpected exception, now or when the output is asked for, is
        a ReportError naming the report (see failures.py)."""
        from .failures import renderer_failed  # only once a build renders

        try:
            result = self._start(fmt, context, theme, options)
        except ReportError:
            raise
        except Exception as error:
            raise renderer_failed(error, fmt, context, theme) from error

        def checked() -> Rendered:
            try:
                return result()
            except ReportError:
                raise
            except Exception as error:
                raise renderer_failed(error, fmt, context, theme) from error

        return checked

    def _start(
        self, fmt: str, context: Context, theme: Theme, options: RenderOptions
    ) -> Callable[[], Rendered]:
        from .pdf.libraries import import_quickly  # ctypes, only once a build renders

        if fmt == "pdf":
            from .pdf import print_job

            job = print_job(context, theme, options)
            if self._printer is not None:
                self._printer.submit(job)
                return self._printer.result
            printed: Rendered = import_quickly("reportgen.render.pdf.printing").print_pdf(job)
            return lambda: printed
        module = import_quickly(f"reportgen.render.{fmt}")
        output: bytes = module.render(context, theme, options)
        return lambda: (output, [])


@contextlib.contextmanager
def renderers(formats: Sequence[str]) -> Iterator[Renderers]:
    """Renderers for `formats`, started at once; what they started is stopped on leaving."""
    from .pdf.printer import printer

    with printer(wanted="pdf" in formats) as started:
        yield Renderers(started)
