"""The live preview of `watch`: the last good HTML page, with a script that reloads it."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .watch import Built, Failed


@dataclass
class PreviewState:
    """What the preview page asks for: a number that grows with each good build, and errors."""

    version: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, event: Built | Failed) -> None:
        with self.lock:
            if isinstance(event, Built):
                self.version += 1
                self.errors = []
            else:
                self.errors = [str(issue) for issue in event.issues]

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "errors": self.errors}).encode()


_RELOAD_SCRIPT = """
<script>
(function () {
  var shown = null, box = null;
  function poll() {
    fetch("/__reportgen", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (state) {
        if (shown !== null && state.version !== shown) { location.reload(); return; }
        shown = state.version;
        if (!box) {
          box = document.createElement("pre");
          box.style.cssText = "position:fixed;bottom:0;left:0;right:0;margin:0;" +
            "padding:1em;background:#fee;color:#900;border-top:3px solid #900;" +
            "white-space:pre-wrap;z-index:9999";
          document.body.appendChild(box);
        }
        box.textContent = state.errors.join("\\n");
        box.style.display = state.errors.length ? "block" : "none";
      }).catch(function () {}).then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
</script>
"""


def preview_page(built_html: str | None) -> str:
    """The built page with the reload script added; the built file itself is never changed."""
    if built_html is None:
        built_html = "<!DOCTYPE html><html><body><p>Nothing built yet.</p></body></html>"
    position = built_html.rfind("</body>")
    if position < 0:
        return built_html + _RELOAD_SCRIPT
    return built_html[:position] + _RELOAD_SCRIPT + built_html[position:]


def serve_preview(html_file: Path, state: PreviewState, port: int) -> ThreadingHTTPServer:
    """Serve the preview on 127.0.0.1 in a background thread; the caller shuts it down."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/__reportgen":
                self._send(state.as_json(), "application/json")
            elif self.path in {"/", f"/{html_file.name}"}:
                try:
                    built: str | None = html_file.read_text(encoding="utf-8")
                except OSError:
                    built = None
                self._send(preview_page(built).encode("utf-8"), "text/html; charset=utf-8")
            else:
                self._send(b"Not found", "text/plain; charset=utf-8", 404)

        def _send(self, body: bytes, kind: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Requests are not news; the terminal shows builds."""

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
