"""The report as a Word document: python-docx on a reference .docx that holds the styles.

As pandoc does, styling comes from named styles in a reference document (the theme's
`reference.docx`, with the theme's fonts embedded, or the user's own): its sample content is
dropped, styles it lacks are added, its page setup and fonts are kept.

Rooms: `reference.py` makes the reference ready, `styles.py` names the styles it must have,
`document.py` holds the `Writer` that puts the report's parts in order (cover, contents, a
section per chapter with its running header), `blocks.py` one function per block type,
`inline.py` the runs and links inside a paragraph, `numbering.py` the lists, `fields.py` the
page numbers and table of contents, `settings.py` the settings in the schema's order,
`fonts.py` the embedded fonts (used by the reference script), `package.py` the core
properties and the reproducible zip, `elements.py` the few handles python-docx keeps private.
"""

from __future__ import annotations

from ...view.context import Context
from ..options import RenderOptions
from ..theme import Theme
from .document import Writer
from .package import package_bytes
from .reference import open_reference, prepare
from .styles import STYLES

__all__ = ["STYLES", "package_bytes", "prepare", "render"]

REFERENCE_NAME = "reference.docx"


def render(context: Context, theme: Theme, options: RenderOptions) -> bytes:
    reference = options.reference_docx or theme.find(REFERENCE_NAME)
    writer = Writer(open_reference(reference), context)
    writer.write_report()
    return writer.save()
