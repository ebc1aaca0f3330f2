"""The report as a tagged PDF, laid out by WeasyPrint from the HTML rendering."""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from ..context import Context
from ..options import RenderOptions
from ..theme import Theme
from . import html


def render(context: Context, theme: Theme, options: RenderOptions) -> bytes:
    document = HTML(
        string=html.render_text(context, theme),
        base_url=theme.dirs[0].as_uri() + "/",
        url_fetcher=URLFetcher(allowed_protocols={"data"}),
    )
    pdf: bytes = document.write_pdf(
        pdf_variant="pdf/ua-1",
        pdf_identifier=f"reportgen-{context.year}-{context.language}".encode(),
        custom_metadata=True,
    )
    return pdf
