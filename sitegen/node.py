"""The pinned npm packages (TF.js, its WASM backend, OpenCV.js) and running Node scripts on them.

The packages are installed once per lock file into a cache folder, so every site on the machine
shares them and an upgrade of the lock installs a fresh copy next to the old one.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from .errors import SiteError

LOCK_DIR = Path(__file__).parent / "npm"


def cache_root() -> Path:
    """`$SITEGEN_CACHE`, else the XDG cache folder: where the pinned npm packages live, shared
    by all sites (thumbnails and build records stay in each site's `.sitegen-cache/`)."""
    env = os.environ.get("SITEGEN_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sitegen"


def modules_home() -> Path:
    """Where the packages of the pinned lock file are (or will be) installed."""
    lock = (LOCK_DIR / "package-lock.json").read_bytes()
    return cache_root() / f"npm-{hashlib.sha256(lock).hexdigest()[:12]}"


def installed(home: Path) -> bool:
    return (home / ".installed").exists()


@functools.cache
def node_modules() -> Path:
    """The `node_modules` folder for the pinned lock file, installed with `npm ci` if missing."""
    home = modules_home()
    modules = home / "node_modules"
    if installed(home):
        return modules
    npm = shutil.which("npm")
    if npm is None:
        raise SiteError("npm is not installed; sitegen needs Node.js 18+ and npm for TF.js "
                        "(Debian: apt-get install nodejs npm)")
    home.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(LOCK_DIR / name, home / name)
    done = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=home,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SiteError(f"npm ci failed in {home}:\n{done.stderr.strip()[-2000:]}")
    (home / ".installed").write_text("ok\n")
    return modules


def run_script(script: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run a CommonJS `script` with Node; it finds the packages through $SITEGEN_NODE_MODULES."""
    node = shutil.which("node")
    if node is None:
        raise SiteError("node is not installed; sitegen needs Node.js 18+ to run TF.js")
    env = dict(os.environ, SITEGEN_NODE_MODULES=str(node_modules()))
    return subprocess.run([node, str(script), *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


if __name__ == "__main__":  # `python -m sitegen.node`: install the packages ahead of time
    print(node_modules())
