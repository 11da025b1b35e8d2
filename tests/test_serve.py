"""`sitegen serve` for real: a server process on 127.0.0.1, requests and a WebSocket client."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import aiohttp
import pytest

SITE = {
    "_config.yml": "title: Serve test\nbaseurl: /base\n",
    "_layouts/default.html": "<html><head><link rel=\"stylesheet\" href=\"{{ '/style.css' | "
                             "relative_url }}\"></head><body>{{ content }}</body></html>\n",
    "index.md": "---\nlayout: default\n---\n# Home\n",
    "about.md": "---\nlayout: default\npermalink: /about.html\n---\nAbout\n",
    "404.html": "---\nlayout: default\n---\nNo such page here\n",
    "style.css": "body { color: black; }\n",
    "data/model.json": '{"format": "graph-model"}\n',
    "data/weights.bin": "",
    "data/kernel.wasm": "",
    "data/runtime.mjs": "export const x = 1;\n",
    "media/clip.mp4": "",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    src, dest = tmp_path / "src", tmp_path / "site"
    for name, text in SITE.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text)
    (src / "data/weights.bin").write_bytes(bytes(range(256)) * 4)
    (src / "media/clip.mp4").write_bytes(os.urandom(4096))
    (tmp_path / "secret.txt").write_text("outside the site")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", str(src), "-d",
                                str(dest), "--port", str(port)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("server did not start: " + (process.stdout.read() if process.stdout else ""))
    (dest / "link-out").symlink_to(tmp_path / "secret.txt")
    yield base, src, dest
    process.terminate()
    process.wait(timeout=10)
    print(process.stdout.read() if process.stdout else "")


async def get(url: str, **kwargs: object) -> tuple[int, dict, bytes]:
    async with aiohttp.ClientSession() as session:
        async with session.get(url, allow_redirects=False, **kwargs) as response:
            return response.status, dict(response.headers), await response.read()


def test_serves_like_a_site_host(server: tuple[str, Path, Path]) -> None:
    base, _, _ = server
    status, headers, body = asyncio.run(get(base + "/"))
    assert status == 302 and headers["Location"] == "/base/"
    status, headers, body = asyncio.run(get(base + "/base/"))
    assert status == 200 and b"<h1" in body and b"/__sitegen/livereload.js" in body
    status, _, body = asyncio.run(get(base + "/base/about"))
    assert status == 200 and b"About" in body, "pretty URL without .html"
    status, _, body = asyncio.run(get(base + "/base/nope/"))
    assert status == 404 and b"No such page here" in body, "the site's 404 page"
    expected = {"data/model.json": "application/json", "data/weights.bin": "application/octet-stream",
                "data/kernel.wasm": "application/wasm", "data/runtime.mjs": "text/javascript",
                "media/clip.mp4": "video/mp4", "style.css": "text/css"}
    for path, mime in expected.items():
        status, headers, _ = asyncio.run(get(f"{base}/base/{path}"))
        assert status == 200 and headers["Content-Type"].startswith(mime), path


def test_range_requests_get_206(server: tuple[str, Path, Path]) -> None:
    base, src, _ = server
    status, headers, body = asyncio.run(get(base + "/base/media/clip.mp4",
                                            headers={"Range": "bytes=100-199"}))
    assert status == 206
    assert body == (src / "media/clip.mp4").read_bytes()[100:200]
    assert headers["Content-Range"] == "bytes 100-199/4096"


def test_nothing_outside_the_site_is_served(server: tuple[str, Path, Path]) -> None:
    base, _, _ = server
    for path in ("/base/../secret.txt", "/base/%2e%2e/secret.txt", "/base/..%2fsecret.txt",
                 "/base/link-out", "/base/%2e%2e%2f%2e%2e%2fetc%2fpasswd"):
        status, _, body = asyncio.run(get(base + path))
        assert status in (403, 404), path
        assert b"outside the site" not in body and b"root:" not in body, path


async def next_message(ws: aiohttp.ClientWebSocketResponse, timeout: float = 20) -> dict:
    message = await asyncio.wait_for(ws.receive(), timeout)
    return json.loads(message.data)


def test_reload_css_swap_and_error_overlay(server: tuple[str, Path, Path]) -> None:
    base, src, dest = server

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(base + "/__sitegen/livereload") as ws:
                (src / "index.md").write_text("---\nlayout: default\n---\n# Changed home\n")
                assert await next_message(ws) == {"type": "reload"}
                assert "Changed home" in (dest / "index.html").read_text()

                (src / "style.css").write_text("body { color: red; }\n")
                assert await next_message(ws) == {"type": "css"}

                (src / "index.md").write_text("---\ntitle: [broken\n---\n# Broken\n")
                message = await next_message(ws)
                assert message["type"] == "error"
                assert "index.md:2" in message["message"]
                async with session.get(base + "/base/") as response:
                    page = await response.text()
                assert "Changed home" in page, "the last good build is still served"
                assert "__sitegenError" in page, "a fresh page shows the error too"

                (src / "index.md").write_text("---\nlayout: default\n---\n# Fixed\n")
                assert await next_message(ws) == {"type": "reload"}
                async with session.get(base + "/base/") as response:
                    page = await response.text()
                assert "Fixed" in page and "__sitegenError" not in page

    asyncio.run(scenario())
