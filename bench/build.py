"""Cold-build benchmark: Jekyll and sitegen on the same generated site, in one run.

    python bench/build.py --posts 1000 --runs 3

Prints median wall time and peak memory of each peer and the ratio to sitegen.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).parent))
from gen_site import generate, generate_hugo  # noqa: E402


TIME = shutil.which("time") and "/usr/bin/time" if Path("/usr/bin/time").exists() else None


@dataclass
class Peer:
    name: str
    command: Callable[[Path, Path], list[str]]
    source: str = "jekyll"      # which generated source it builds: "jekyll" or "hugo"


PEERS = [
    Peer("jekyll 4.3", lambda src, dest: ["jekyll", "build", "-q", "-s", str(src), "-d",
                                          str(dest)]),
    Peer("sitegen", lambda src, dest: [sys.executable, "-m", "sitegen", "build", "-q", "-s",
                                       str(src), "-d", str(dest)]),
    Peer("hugo 0.111", lambda src, dest: ["hugo", "--quiet", "-s", str(src), "-d", str(dest)],
         source="hugo"),
]


def run_once(peer: Peer, src: Path, dest: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB, from GNU time) of one cold build."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.rmtree(src / ".jekyll-cache", ignore_errors=True)
    with tempfile.NamedTemporaryFile("r") as report:
        prefix = [TIME, "-f", "%M", "-o", report.name] if TIME else []
        start = time.perf_counter()
        subprocess.run(prefix + peer.command(src, dest), check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        peak_kb = report.read().strip().splitlines()[-1] if TIME else "0"
    return seconds, int(peak_kb) / 1024


def outputs(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sources = {"jekyll": Path(tmp) / "site", "hugo": Path(tmp) / "hugo-site"}
        generate(args.posts, sources["jekyll"])
        generate_hugo(args.posts, sources["hugo"])
        peers = [p for p in PEERS if shutil.which(p.command(Path(), Path())[0])]
        # Peers take turns within each round, so that the machine's slow and fast moments
        # fall on all of them alike.
        times: dict[str, list[float]] = {p.name: [] for p in peers}
        peaks: dict[str, list[float]] = {p.name: [] for p in peers}
        for _ in range(args.runs):
            for peer in peers:
                seconds, peak = run_once(peer, sources[peer.source],
                                         Path(tmp) / peer.name.split()[0])
                times[peer.name].append(seconds)
                peaks[peer.name].append(peak)
        results = {name: (statistics.median(times[name]), max(peaks[name])) for name in times}
        jekyll_files = outputs(Path(tmp) / "jekyll")
        sitegen_files = outputs(Path(tmp) / "sitegen")
        if jekyll_files != sitegen_files:
            print(f"warning: outputs differ: {len(jekyll_files ^ sitegen_files)} files")
    base = results["sitegen"][0]
    print(f"cold build of {args.posts} posts, median of {args.runs} runs")
    print(f"{'peer':<12} {'seconds':>8} {'peak MiB':>9} {'peer / sitegen':>15}")
    for name, (seconds, peak) in results.items():
        print(f"{name:<12} {seconds:8.2f} {peak:9.0f} {seconds / base:14.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
