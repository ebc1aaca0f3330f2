"""The preview server of `watch`, asked over real HTTP on 127.0.0.1: for this machine only,
a page that may load nothing from elsewhere, and quiet when a browser hangs up."""

from __future__ import annotations

import base64
import hashlib
import http.client
import shutil
import socket
import struct
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

import reportgen
from conftest import REPORTS
from reportgen.pipeline.preview import PreviewServer, PreviewState, serve_preview

TIMEOUT = 60  # seconds; only to catch a hang


@pytest.fixture(scope="module")
def built_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML of a report with an image, built as `watch` builds it."""
    out = tmp_path_factory.mktemp("preview")
    [path] = reportgen.build([REPORTS / "example-en.yaml"], out, ["html"])
    return path


@pytest.fixture()
def html_file(built_page: Path, tmp_path: Path) -> Path:
    """A copy of the built page for one test to serve (and change)."""
    return Path(shutil.copy(built_page, tmp_path))


@pytest.fixture()
def server(html_file: Path) -> Iterator[PreviewServer]:
    started = serve_preview(html_file, PreviewState(), 0)
    yield started
    started.shutdown()
    started.server_close()


def get(
    server: PreviewServer, path: str = "/", host: str | None = "127.0.0.1:{port}"
) -> tuple[int, http.client.HTTPMessage, str]:
    """Status, headers and text of GET `path`, sent with the Host header `host` ({port}
    filled in; None sends none)."""
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host.format(port=port))
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8")
    finally:
        connection.close()


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}"])
@pytest.mark.parametrize("path", ["/", "/__reportgen"])
def test_the_preview_answers_requests_addressed_to_it(
    server: PreviewServer, host: str, path: str
) -> None:
    status, _, text = get(server, path, host)
    assert status == 200
    assert ("Example Network" in text) if path == "/" else text.startswith('{"version": 0')


@pytest.mark.parametrize(
    "host",
    [
        "evil.example:{port}",  # a name pointed at 127.0.0.1 by a web page's attacker
        "evil.example",
        "127.0.0.1",  # the right machine, another port
        "127.0.0.1:1{port}",
        "[::1]:{port}",  # it listens on IPv4 only
        "",
        None,
    ],
)
@pytest.mark.parametrize("path", ["/", "/__reportgen", "/nowhere"])
def test_the_preview_refuses_requests_addressed_elsewhere(
    server: PreviewServer, host: str | None, path: str
) -> None:
    status, headers, text = get(server, path, host)
    assert (status, headers["Content-Type"]) == (403, "text/plain; charset=utf-8")
    assert text == f"This preview answers only at http://127.0.0.1:{server.server_address[1]}/\n"


class Resources(HTMLParser):
    """What a page would load or run: scripts, styles, stylesheets, images, handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.loaded: list[tuple[str, str]] = []  # (tag, URL) of every src and linked file
        self.handlers: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.loaded += [(tag, found[name] or "") for name in ("src", "srcset") if name in found]
        if tag == "link":
            self.loaded.append((f"link {found.get('rel')}", found.get("href") or ""))
        self.handlers += [name for name in found if name.startswith("on")]
        if tag in {"script", "style"}:
            self._open = self.scripts if tag == "script" else self.styles
            self._open.append("")

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._open = None


def policy(headers: http.client.HTTPMessage) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: sources}."""
    directives = [part.split() for part in headers["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives}


def test_the_preview_page_may_load_nothing_and_runs_only_its_reload_script(
    server: PreviewServer, html_file: Path
) -> None:
    status, headers, page = get(server)
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    rules = policy(headers)
    assert rules["default-src"] == ["'none'"]
    assert rules["connect-src"] == ["'self'"]  # the reload script's questions
    assert rules["img-src"] == ["data:"]
    assert rules["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in rules["script-src"]

    found = Resources()
    found.feed(page)
    assert len(found.scripts) == 1 and 'fetch("/__reportgen"' in found.scripts[0]
    digest = base64.b64encode(hashlib.sha256(found.scripts[0].encode()).digest()).decode()
    assert rules["script-src"] == [f"'sha256-{digest}'"], "the script must be allowed to run"
    assert found.styles and rules["style-src"] == ["'unsafe-inline'"]
    assert found.loaded and all(url.startswith("data:image/") for _, url in found.loaded)
    assert [tag for tag, _ in found.loaded] == ["img"] * 4  # chart, signature, two logos
    assert found.handlers == []  # inline handlers would be blocked
    built = html_file.read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in built, "the built file itself is unchanged"


@pytest.mark.parametrize("path", ["/__reportgen", "/nowhere"])
def test_every_answer_carries_the_security_headers(server: PreviewServer, path: str) -> None:
    status, headers, _ = get(server, path)
    assert status == (200 if path == "/__reportgen" else 404)
    assert policy(headers)["default-src"] == ["'none'"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_a_browser_that_hangs_up_mid_answer_prints_nothing(
    server: PreviewServer, html_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A page far larger than what the sockets hold, so the server is still writing.
    html_file.write_text("<p>" + "x" * (32 * 1024 * 1024) + "</p>", encoding="utf-8")
    port = server.server_address[1]
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as client:
        client.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        assert client.recv(16).startswith(b"HTTP/1.0 200")
        # Close with a reset, as a browser does when a tab closes during a download.
        client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    deadline = time.monotonic() + TIMEOUT
    while any(thread.name.endswith("(process_request_thread)") for thread in threading.enumerate()):
        assert time.monotonic() < deadline, "the server still answers the closed connection"
        time.sleep(0.05)
    assert capsys.readouterr().err == ""
    html_file.write_text("<p>still here</p>", encoding="utf-8")
    assert "still here" in get(server)[2]
