"""The report as one self-contained HTML page, from the theme's Jinja2 templates."""

from __future__ import annotations

import jinja2

from ..context import Context
from ..options import RenderOptions
from ..theme import Theme


def render(context: Context, theme: Theme, options: RenderOptions) -> bytes:
    return render_text(context, theme).encode("utf-8")


def render_text(context: Context, theme: Theme) -> str:
    environment = _environment(theme)
    template = environment.get_template("report.html.j2")
    stylesheet = "\n".join(
        theme.find(name).read_text(encoding="utf-8") for name in ("report.css", "blocks.css")
    )
    return template.render(
        ctx=context,
        stylesheet=_style_element_safe(stylesheet),
        page_counter=css_counter_text(context.labels["page_of"]),
    )


def _environment(theme: Theme) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in theme.dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _style_element_safe(css: str) -> str:
    return css.replace("</", "<\\/")


def css_counter_text(pattern: str) -> str:
    """A CSS `content` value from a label such as `Page {page} of {pages}`."""
    parts = []
    for index, chunk in enumerate(
        pattern.replace("{pages}", "\0pages\0").replace("{page}", "\0page\0").split("\0")
    ):
        if index % 2:
            parts.append(f"counter({chunk})")
        elif chunk:
            parts.append(_css_string(chunk))
    return " ".join(parts)


def _css_string(text: str) -> str:
    escaped = "".join(ch if ch.isalnum() or ch in " .,:;-" else f"\\{ord(ch):06x}" for ch in text)
    return f'"{escaped}"'
