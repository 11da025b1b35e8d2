"""`sitegen serve` with a model: a changed model reconverts in the background while content
edits keep reloading, and the page reloads with the new bundle when it is ready."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from .conftest import free_port
from .test_models import factory
from .test_serve import get, next_message

pytestmark = pytest.mark.tf


def manifest_title(src: Path) -> str | None:
    try:
        return json.loads((src / "assets/models/m/sitegen-model.json").read_text())["title"]
    except (OSError, ValueError, KeyError):
        return None


async def wait_for_page(ws: aiohttp.ClientWebSocketResponse, url: str, text: str,
                        timeout: float) -> str:
    """Reload messages until the page at `url` contains `text`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = (await get(url))[2].decode()
        if text in page:
            return page
        try:
            await next_message(ws, timeout=max(0.1, deadline - time.monotonic()))
        except asyncio.TimeoutError:
            break
    raise AssertionError(f"{text!r} never appeared at {url}")


def test_model_reconverts_aside_while_content_reloads(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "_models").mkdir(parents=True)
    factory("make", str(src / "_models"), "keras3:m")
    (src / "_models/m.yml").write_text("title: First\n")
    (src / "_config.yml").write_text("title: serve models\n")
    (src / "index.html").write_text("---\n---\nmodel: {{ site.models.m.title }} body: one\n")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", str(src), "-d",
                                str(tmp_path / "site"), "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"

    async def scenario() -> None:
        for _ in range(300):
            try:
                await get(base + "/")
                break
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(base + "/__sitegen/livereload") as ws:
                # The first conversion runs after the server is up; then the page reloads.
                await wait_for_page(ws, base + "/", "model: First", timeout=120)
                (src / "_models/m.yml").write_text("title: Second\n")
                await asyncio.sleep(0.5)
                (src / "index.html").write_text(
                    "---\n---\nmodel: {{ site.models.m.title }} body: two\n")
                page = await wait_for_page(ws, base + "/", "body: two", timeout=20)
                assert "model: First" in page and manifest_title(src) == "First", \
                    "the content reloaded while the model was still converting"
                await wait_for_page(ws, base + "/", "model: Second", timeout=120)
                assert manifest_title(src) == "Second"

    try:
        asyncio.run(scenario())
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0]
    assert "models: m: converting" in output and "models: m: converted" in output
