"""The report as one self-contained HTML page, from the theme's Jinja2 templates."""

from __future__ import annotations

from collections.abc import Sequence

import jinja2
from markupsafe import Markup, escape

from ...errors import Issue, ReportError
from ...view.context import Context
from ..addresses import addresses, pieces
from ..failures import user_template
from ..options import RenderOptions
from ..theme import Theme


def render(context: Context, theme: Theme, options: RenderOptions) -> bytes:
    return render_text(context, theme).encode("utf-8")


def render_text(context: Context, theme: Theme, print_stylesheets: Sequence[str] = ()) -> str:
    """The page as text; `print_stylesheets` are URLs linked after the inline style (PDF)."""
    stylesheet = "\n".join(
        theme.find(name).read_text(encoding="utf-8") for name in ("report.css", "blocks.css")
    )
    try:
        template = _environment(theme, paged=bool(print_stylesheets)).get_template("report.html.j2")
        return template.render(
            ctx=context,
            stylesheet=_style_element_safe(stylesheet),
            print_stylesheets=print_stylesheets,
        )
    except jinja2.TemplateSyntaxError as error:
        where = error.filename or error.name or "report.html.j2"
        message = f"the theme's template is not valid Jinja2: {error.message}"
        raise ReportError([Issue(where, error.lineno, 1, message)]) from None
    except jinja2.TemplateError as error:
        at_fault = user_template(error, theme)
        if at_fault is None:  # the built-in theme's fault: a bug (see failures.py)
            raise
        message = f"the theme's template cannot be used: {error.message or error}"
        raise ReportError([Issue(*at_fault, 1, message)]) from None


def _environment(theme: Theme, paged: bool) -> jinja2.Environment:
    """The theme's templates; `paged` tells them the page is printed (footnotes in place)."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in theme.dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["breakable"] = breakable
    environment.globals["paged"] = paged
    return environment


def breakable(text: str) -> Markup:
    """`text` with each address in it marked as one (`<span class="url">`), with a break
    opportunity (`<wbr>`) between its `pieces`: a long address then breaks where a reader
    expects, with no hyphen added and no justified line stretched to make room for it."""
    parts = []
    end = 0
    for start, address in addresses(text):
        parts += [escape(text[end:start]), Markup('<span class="url">')]
        parts += [Markup("<wbr>").join(map(escape, pieces(address))), Markup("</span>")]
        end = start + len(address)
    return Markup("").join([*parts, escape(text[end:])])


def _style_element_safe(css: str) -> str:
    return css.replace("</", "<\\/")
