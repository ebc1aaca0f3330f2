"""The live preview of `watch`: the last good HTML page, served to this machine only.

The page is the built file with a script added that asks `/__reportgen` for the build
number and errors, to reload after a good build or show what is wrong. Only requests
addressed to the server's own address are answered, so a web page elsewhere cannot
reach it by pointing a host name at 127.0.0.1 (DNS rebinding). The report is
self-contained (its style inline, its images data: URIs), so the page may load nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import sys
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

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


_RELOAD = """
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
"""
_RELOAD_SCRIPT = f"\n<script>{_RELOAD}</script>\n"
_RELOAD_HASH = base64.b64encode(hashlib.sha256(_RELOAD.encode()).digest()).decode()

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        f"script-src 'sha256-{_RELOAD_HASH}'",  # the reload script and nothing else
        "connect-src 'self'",  # its questions to /__reportgen
        # The theme's stylesheet is inline and a theme may change it; with nothing else
        # allowed to load, inline style cannot send anything anywhere.
        "style-src 'unsafe-inline'",
        "img-src data:",
        "font-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
"""Sent with every answer, errors included."""


def preview_page(built_html: str | None) -> str:
    """The built page with the reload script added; the built file itself is never changed."""
    if built_html is None:
        built_html = "<!DOCTYPE html><html><body><p>Nothing built yet.</p></body></html>"
    position = built_html.rfind("</body>")
    if position < 0:
        return built_html + _RELOAD_SCRIPT
    return built_html[:position] + _RELOAD_SCRIPT + built_html[position:]


def _versions(stem: str) -> re.Pattern[str]:
    """The names of a report's HTML versions: `2012.html`, `2012.en.html`, `2012.pt_BR.html`."""
    return re.compile(rf"{re.escape(stem)}(?:\.[A-Za-z]{{2,3}}(?:_[A-Za-z0-9]{{2,8}})?)?\.html")


class PreviewServer(ThreadingHTTPServer):
    """Serves `html_file` with the reload script, the report's other language versions
    beside it (those of `stem`), and `state`, on 127.0.0.1."""

    def __init__(self, html_file: Path, state: PreviewState, port: int, stem: str = "") -> None:
        self.html_file = html_file
        self.versions = _versions(stem or html_file.stem)
        self.state = state
        super().__init__(("127.0.0.1", port), _Handler)
        port = self.server_address[1]
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        if port == 80:
            self.hosts |= {"127.0.0.1", "localhost"}

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any
    ) -> None:
        """A browser that hangs up (a reload, a closed tab) or falls silent is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    timeout = 60  # seconds a connection may stay silent; a stuck client does not keep a thread

    def do_GET(self) -> None:
        if (self.headers.get("Host") or "").lower() not in self.server.hosts:
            home = f"http://127.0.0.1:{self.server.server_address[1]}/"
            self._send(
                f"This preview answers only at {home}\n".encode(), status=HTTPStatus.FORBIDDEN
            )
        elif self.path == "/__reportgen":
            self._send(self.server.state.as_json(), "application/json")
        elif self.path == "/" or self.server.versions.fullmatch(self.path[1:]):
            page = self.server.html_file
            if self.path != "/":
                page = page.with_name(self.path[1:])
            try:
                built: str | None = page.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                built = None
            self._send(preview_page(built).encode("utf-8"), "text/html; charset=utf-8")
        else:
            self._send(b"Not found", status=HTTPStatus.NOT_FOUND)

    def end_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def _send(
        self, body: bytes, kind: str = "text/plain; charset=utf-8", status: int = 200
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Requests are not news; the terminal shows builds."""


def serve_preview(html_file: Path, state: PreviewState, port: int, stem: str = "") -> PreviewServer:
    """Serve the preview on 127.0.0.1 in a background thread; the caller shuts it down.
    `html_file` is the home page; the versions of `stem` in its folder are served too."""
    server = PreviewServer(html_file, state, port, stem)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
