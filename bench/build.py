"""Build benchmark: Jekyll, sitegen and Hugo on the same generated site, in one run.

    python bench/build.py --posts 1000 --runs 5 [--sections 4]

For each peer: the median wall time, CPU time (user + system, all its processes) and the
peak memory of a cold build (no output, no cache), and the wall time of a second build with
nothing changed. CPU time shows how much work a build is, apart from how well it spreads
over the cores and how long the file system makes it wait. Peers take turns within each round, so
that the machine's slow and fast moments fall on all of them alike.

The previous output and caches are moved aside before a cold build, not deleted, and deleted
only at the end: on a disk mounted with `discard` (this machine's), creating thousands of
folders right after deleting thousands costs up to ten times the kernel time, which would
measure the bench's own deleting instead of the builds.
"""

from __future__ import annotations

import argparse
import compileall
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).parent))
from gen_site import generate, generate_hugo  # noqa: E402

TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None
CACHES = (".jekyll-cache", ".sitegen-cache", "resources")


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


@dataclass
class Timings:
    cold: list[float] = field(default_factory=list)
    cold_cpu: list[float] = field(default_factory=list)
    unchanged: list[float] = field(default_factory=list)
    peak_mib: float = 0.0


def run_once(peer: Peer, src: Path, dest: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one build (the last two from GNU time)."""
    with tempfile.NamedTemporaryFile("r") as report:
        prefix = [TIME, "-f", "%M %U %S", "-o", report.name] if TIME else []
        start = time.perf_counter()
        subprocess.run(prefix + peer.command(src, dest), check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        peak_kb, user, system = (report.read().strip().splitlines()[-1].split() if TIME
                                 else ("0", "0", "0"))
    return seconds, float(user) + float(system), int(peak_kb) / 1024


def measure(posts: int, runs: int, tmp: Path, sections: int = 1) -> dict[str, Timings]:
    """Cold and no-change builds of every installed peer on a generated `posts`-post site."""
    sources = {"jekyll": tmp / "site", "hugo": tmp / "hugo-site"}
    generate(posts, sources["jekyll"], sections)
    generate_hugo(posts, sources["hugo"], sections)
    peers = [p for p in PEERS if shutil.which(p.command(Path(), Path())[0])]
    # sitegen as a regular install leaves it: with its bytecode current. An editable install
    # never writes it where PYTHONDONTWRITEBYTECODE is set, so an edit since `scripts/setup`
    # would add the compiling of the edited modules to every build measured.
    compileall.compile_dir(Path(__file__).parent.parent / "sitegen", quiet=1)
    results = {p.name: Timings() for p in peers}
    aside, moved = tmp / "aside", itertools.count()
    aside.mkdir()
    for _ in range(runs):
        for peer in peers:
            src, dest = sources[peer.source], tmp / peer.name.split()[0]
            for old in [dest] + [src / cache for cache in CACHES]:
                if old.exists():
                    old.rename(aside / str(next(moved)))
            timings = results[peer.name]
            for series in (timings.cold, timings.unchanged):
                seconds, cpu, peak = run_once(peer, src, dest)
                series.append(seconds)
                if series is timings.cold:
                    timings.cold_cpu.append(cpu)
                timings.peak_mib = max(timings.peak_mib, peak)
    jekyll, sitegen = _outputs(tmp / "jekyll"), _outputs(tmp / "sitegen")
    if jekyll and jekyll != sitegen:
        print(f"warning: Jekyll's and sitegen's outputs differ in {len(jekyll ^ sitegen)} files")
    return results


def report(results: dict[str, Timings], posts: int, runs: int, sections: int = 1) -> None:
    cold = {name: statistics.median(t.cold) for name, t in results.items()}
    unchanged = {name: statistics.median(t.unchanged) for name, t in results.items()}
    cpu = {name: statistics.median(t.cold_cpu) for name, t in results.items()}
    base = cold["sitegen"]
    print(f"{posts} posts of {sections} section{'s' if sections > 1 else ''}, "
          f"median of {runs} runs")
    print(f"{'peer':<12} {'cold s':>7} {'peer/sitegen':>13} {'cold CPU s':>11} "
          f"{'no change s':>12} {'peak MiB':>9}")
    for name, timings in results.items():
        print(f"{name:<12} {cold[name]:7.2f} {cold[name] / base:12.2f}x {cpu[name]:11.2f} "
              f"{unchanged[name]:12.2f} {timings.peak_mib:9.0f}")
    if "hugo 0.111" in cold:
        hugo = cold["hugo 0.111"]
        print(f"sitegen cold / Hugo cold: {base / hugo:.2f}x; sitegen with nothing changed / "
              f"Hugo cold: {unchanged['sitegen'] / hugo:.2f}x")


def _outputs(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sections", type=int, default=1, help="sections per post")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = measure(args.posts, args.runs, Path(tmp), args.sections)
    report(results, args.posts, args.runs, args.sections)
    return 0


if __name__ == "__main__":
    sys.exit(main())
