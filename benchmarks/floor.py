"""The floor: WeasyPrint alone rendering exactly the HTML that reportgen gives it.

`floor.py capture REPORT.yaml CALL.json` builds the PDF through reportgen once and
records what reached WeasyPrint: the HTML text, its base URL, the extra stylesheets
and the plain options of its layout (`render`, which reportgen's `write_pdf` follows with
the same options). `floor.py render CALL.json OUT.pdf` replays
that call in a fresh process that imports nothing but WeasyPrint, which is the
least any tool printing this HTML with WeasyPrint has to pay.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

PLAIN = (str, int, float, bool, type(None))


def capture(source: Path, target: Path) -> None:
    import weasyprint

    import reportgen
    from reportgen.render.pdf import printer as parallel

    parallel.can_fork = lambda: False  # record the call here, not in a forked printer
    call: dict[str, Any] = {"stylesheets": [], "options": {}}
    css_text: dict[int, str] = {}
    html_init, css_init, html_render = (
        weasyprint.HTML.__init__,
        weasyprint.CSS.__init__,
        weasyprint.HTML.render,
    )

    def record_html(self: Any, *args: Any, **kwargs: Any) -> None:
        call["html"] = kwargs["string"]
        call["base_url"] = kwargs.get("base_url")
        html_init(self, *args, **kwargs)

    def record_css(self: Any, *args: Any, **kwargs: Any) -> None:
        if isinstance(kwargs.get("string"), str):
            css_text[id(self)] = kwargs["string"]
        css_init(self, *args, **kwargs)

    def record_render(self: Any, *args: Any, **kwargs: Any) -> Any:
        call["stylesheets"] = [css_text[id(s)] for s in kwargs.get("stylesheets") or ()]
        for key, value in kwargs.items():
            if isinstance(value, PLAIN):
                call["options"][key] = value
            elif isinstance(value, bytes):
                call["options"][key] = {"bytes": value.decode("latin-1")}
        return html_render(self, *args, **kwargs)

    weasyprint.HTML.__init__ = record_html
    weasyprint.CSS.__init__ = record_css
    weasyprint.HTML.render = record_render
    with tempfile.TemporaryDirectory() as folder:
        reportgen.build([source], folder, formats=["pdf"])
    if "html" not in call:
        raise SystemExit("floor.py: WeasyPrint was not called in this process")
    target.write_text(json.dumps(call), encoding="utf-8")


def render(call_file: Path, target: Path) -> None:
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    call = json.loads(call_file.read_text(encoding="utf-8"))
    fonts = FontConfiguration()
    options = {
        key: value["bytes"].encode("latin-1") if isinstance(value, dict) else value
        for key, value in call["options"].items()
    }
    HTML(string=call["html"], base_url=call["base_url"]).write_pdf(
        target,
        stylesheets=[CSS(string=text, font_config=fonts) for text in call["stylesheets"]],
        font_config=fonts,
        **options,
    )


if __name__ == "__main__":
    command, first, second = sys.argv[1:]
    {"capture": capture, "render": render}[command](Path(first), Path(second))
