"""Real Jekyll as the oracle: builds a fixture site once per content hash and caches the output
in tests/.oracle/ (a copy of the source is built, so Jekyll never writes into tests/sites)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CACHE = Path(__file__).parent / ".oracle"


def jekyll_available() -> bool:
    return shutil.which("jekyll") is not None


def site_files(root: Path, skip: frozenset[str] = frozenset()) -> list[Path]:
    """Files of a source tree, leaving out folders named in `skip` (e.g. `.venv`)."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in skip)
        out += [Path(folder) / f for f in sorted(files)]
    return out


def tree_hash(root: Path, extra: object = None, skip: frozenset[str] = frozenset()) -> str:
    digest = hashlib.sha256(json.dumps(extra, sort_keys=True, default=str).encode())
    for path in site_files(root, skip):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def jekyll_build(source: Path, args: list[str], env: dict[str, str],
                 skip: frozenset[str] = frozenset()) -> Path:
    """Jekyll's output for `source` built with `args` under `env`; cached by content.
    Folders named in `skip` are left out of the copy Jekyll builds."""
    if not jekyll_available():
        raise RuntimeError("real Jekyll is needed as the oracle: run scripts/setup (it installs "
                           "Debian's `jekyll` package)")
    key = tree_hash(source, {"args": args, "env": env}, skip)
    out = CACHE / key
    if (out / ".complete").exists():
        return out / "site"
    if out.exists():
        shutil.rmtree(out)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(source, src, ignore=lambda folder, names: [n for n in names
                                                                    if n in skip])
        dest = Path(tmp) / "site"
        environ = {**os.environ, "JEKYLL_ENV": "development", **env}
        result = subprocess.run(["jekyll", "build", "-s", str(src), "-d", str(dest), *args],
                                capture_output=True, text=True, env=environ, timeout=300)
        if result.returncode != 0:
            raise RuntimeError(f"Jekyll failed on {source.name}:\n{result.stdout}\n"
                               f"{result.stderr}")
        out.mkdir(parents=True)
        shutil.copytree(dest, out / "site")
    (out / ".complete").write_text("ok")
    return out / "site"


def ruby_json(script: Path, request: dict) -> dict:
    """Run one of the Ruby oracle scripts with a JSON request, cached by the request."""
    body = json.dumps(request, sort_keys=True)
    key = hashlib.sha256((script.read_text() + body).encode()).hexdigest()[:20]
    cached = CACHE / f"{script.stem}-{key}.json"
    if cached.exists():
        return json.loads(cached.read_text())
    result = subprocess.run(["ruby", str(script)], input=body, capture_output=True, text=True,
                            timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"{script.name} failed:\n{result.stderr}")
    CACHE.mkdir(exist_ok=True)
    cached.write_text(result.stdout)
    return json.loads(result.stdout)
