"""Shared helpers: running sitegen as its users do, through the command line."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_sitegen(*args: str, env: dict[str, str] | None = None,
                cwd: Path | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "JEKYLL_ENV": "development", **(env or {})}
    return subprocess.run([sys.executable, "-m", "sitegen", *args], capture_output=True,
                          text=True, env=environ, cwd=cwd or ROOT, timeout=600)


def write(root: Path, files: dict[str, str]) -> None:
    """Write `files` (relative path → text) under `root`."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (relative path → bytes)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


@pytest.fixture()
def sitegen_cli():
    return run_sitegen


# --- a running `sitegen serve` (tests/test_serve*.py) ----------------------------------------

SERVE_SITE = {
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
    for name, text in SERVE_SITE.items():
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
