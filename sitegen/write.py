"""Writing the built site: everything goes to a fresh folder that then replaces the old one, so
a failed build never leaves a half-written site."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .site import Document, Site, StaticFile
from .urls import unescape_path


def destination(item: Document | StaticFile, dest: Path) -> Path:
    """Where Jekyll writes `item`: the URL, with `index.html` for folders, plus the extension."""
    url = unescape_path(item.url)
    if isinstance(item, StaticFile):
        return dest / url.lstrip("/")
    path = str(dest / url.lstrip("/"))
    if url.endswith("/"):
        path = os.path.join(path, "index" if item.is_page else "index.html")
    if not path.endswith(item.output_ext):
        path += item.output_ext
    return Path(path)


def write_site(site: Site) -> int:
    """Write every output file into a temporary sibling of `site.dest`, then swap it in.
    Returns the number of files written."""
    dest = site.dest
    staging = dest.parent / f".{dest.name}.sitegen-new"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    items = site.files_to_write()
    targets = [destination(item, staging) for item in items]
    try:
        for folder in sorted({t.parent for t in targets}):
            os.makedirs(folder, exist_ok=True)
        # Writing files is kernel work that overlaps well across threads.
        with ThreadPoolExecutor(WRITE_THREADS) as pool:
            list(pool.map(_write_one, items, targets))
        _keep_files(site, dest, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = dest.parent / f".{dest.name}.sitegen-old-{os.getpid()}-{time.monotonic_ns()}"
    if dest.exists():
        dest.rename(old)
    staging.rename(dest)
    if old.exists():
        _remove_in_background(old)
    return len(items)


WRITE_THREADS = 4


def _write_one(item: Document | StaticFile, target: Path) -> None:
    if isinstance(item, StaticFile):
        shutil.copy2(item.path, target)
        return
    data = memoryview((item.output or "").encode("utf-8"))
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        while data:
            data = data[os.write(handle, data):]
    finally:
        os.close(handle)


def _remove_in_background(path: Path) -> None:
    """The previous output is already out of the way; deleting thousands of files should not
    hold up the build, so a detached process does it."""
    try:
        subprocess.Popen(["rm", "-rf", "--", str(path)], start_new_session=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)


def _keep_files(site: Site, dest: Path, staging: Path) -> None:
    """`keep_files` (e.g. `.git`) in the old destination survive the build, as in Jekyll."""
    if not dest.is_dir():
        return
    for name in site.config.get("keep_files") or []:
        kept = dest / str(name).strip("/")
        target = staging / str(name).strip("/")
        if kept.exists() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            if kept.is_dir():
                shutil.copytree(kept, target, symlinks=True)
            else:
                shutil.copy2(kept, target)
