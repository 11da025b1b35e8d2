"""Every figure of `sitegen serve`'s speed goals, in one run, on a generated N-post site:

- cold builds of Jekyll, sitegen and Hugo, and a second build with nothing changed
  (`bench/build.py`'s measurement);
- one post's body edited 20 times: the time until its files are rewritten (the incremental
  path), and until the reload message reaches a WebSocket client of a running server;
- peak memory of each build and of the server.

    python bench/rebuild.py --posts 1000 --runs 5 [--sections 4]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).parent))
from build import measure, report  # noqa: E402
from gen_site import generate  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent.parent))
from sitegen.config import Options  # noqa: E402
from sitegen.serve.session import Session  # noqa: E402


def edits_in_session(src: Path, dest: Path, count: int) -> tuple[float, list[float], str]:
    session = Session(Options(source=str(src), destination=str(dest)))
    full = session.full(parallel=True).seconds   # as `serve` makes its first build
    post = sorted((src / "_posts").glob("*.md"))[len(list((src / "_posts").glob("*.md"))) // 2]
    times, kinds = [], set()
    for i in range(count):
        post.write_text(post.read_text() + f"\nEdit {i}.\n")
        update = session.update({post})
        times.append(update.seconds)
        kinds.add(update.kind)
    return full, times, ",".join(sorted(kinds))


async def reload_latency(src: Path, dest: Path, count: int) -> tuple[list[float], float]:
    """Save → reload message latencies, and the server's peak memory (MiB)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "sitegen", "serve", "-s", str(src), "-d",
                               str(dest), "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                await asyncio.sleep(0.1)
        post = sorted((src / "_posts").glob("*.md"))[3]
        latencies = []
        async with aiohttp.ClientSession() as client:
            async with client.ws_connect(f"http://127.0.0.1:{port}/__sitegen/livereload") as ws:
                for i in range(count):
                    start = time.perf_counter()
                    post.write_text(post.read_text() + f"\nServed edit {i}.\n")
                    message = json.loads((await asyncio.wait_for(ws.receive(), 60)).data)
                    assert message["type"] == "reload", message
                    latencies.append(time.perf_counter() - start)
                    await asyncio.sleep(0.2)
        return latencies, _peak_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _peak_mib(pid: int) -> float:
    """Peak resident memory of a live process (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="rounds of cold builds")
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--sections", type=int, default=1, help="sections per post")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        builds = measure(args.posts, args.runs, Path(tmp) / "builds", args.sections)
        src = Path(tmp) / "site"
        generate(args.posts, src, args.sections)
        full, times, kinds = edits_in_session(src, Path(tmp) / "out", args.edits)
        latencies, server_peak = asyncio.run(reload_latency(src, Path(tmp) / "served",
                                                            args.edits))
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    report(builds, args.posts, args.runs, args.sections)
    print(f"one post edited ({kinds}): median {ms(statistics.median(times))}, "
          f"max {ms(max(times))} over {args.edits} edits (first full build in the session "
          f"{full:.2f} s)")
    print(f"save → reload message at a WebSocket client: median "
          f"{ms(statistics.median(latencies))}, max {ms(max(latencies))}")
    print(f"peak memory of the server after the edits: {server_peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
