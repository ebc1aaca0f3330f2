"""The preview server of `watch`, asked over real HTTP on 127.0.0.1."""

from __future__ import annotations

import http.client
import shutil
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

import reportgen
from conftest import REPORTS
from reportgen.pipeline.preview import PreviewState, serve_preview

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
def server(html_file: Path) -> Iterator[ThreadingHTTPServer]:
    started = serve_preview(html_file, PreviewState(), 0)
    yield started
    started.shutdown()
    started.server_close()


def get(
    server: ThreadingHTTPServer, path: str = "/", host: str | None = "127.0.0.1:{port}"
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
    server: ThreadingHTTPServer, host: str, path: str
) -> None:
    status, _, text = get(server, path, host)
    assert status == 200
    assert ("Example Network" in text) if path == "/" else text.startswith('{"version": 0')
