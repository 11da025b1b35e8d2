"""`sitegen serve` for real: a server process on 127.0.0.1, requests and a WebSocket client."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import aiohttp

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


def test_text_and_dates_that_do_not_read_keep_the_server_up(
        server: tuple[str, Path, Path]) -> None:
    base, src, dest = server

    async def scenario() -> None:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(base + "/__sitegen/livereload") as ws:
                (src / "index.md").write_bytes(b"---\nlayout: default\n---\n# Caf\xe9\n")
                message = await next_message(ws)
                assert message["type"] == "error" and message["line"] == 4, message
                assert "not UTF-8" in message["message"]

                (src / "index.md").write_text("---\nlayout: default\n---\n# Back\n")
                assert await next_message(ws) == {"type": "reload"}

                post = src / "_posts/2021-01-01-dated.md"
                post.parent.mkdir(exist_ok=True)
                post.write_text("---\ntitle: Dated\ndate: 2021-13-45 10:00:00\n---\nBody\n")
                message = await next_message(ws)
                assert message["type"] == "error" and message["line"] == 3, message

                post.unlink()
                assert await next_message(ws) == {"type": "reload"}
                async with session.get(base + "/base/") as response:
                    page = await response.text()
                assert "Back" in page and "__sitegenError" not in page

    asyncio.run(scenario())
