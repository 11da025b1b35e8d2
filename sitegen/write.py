"""Writing the built site: everything goes to a fresh folder that then replaces the old one, so
a failed build never leaves a half-written site."""

from __future__ import annotations

import os
import shutil
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
    old = dest.parent / f".{dest.name}.sitegen-old"
    for leftover in (staging, old):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    count = 0
    try:
        for item in site.files_to_write():
            target = destination(item, staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(item, StaticFile):
                shutil.copy2(item.path, target)
            else:
                target.write_text(item.output or "", encoding="utf-8", newline="")
            count += 1
        _keep_files(site, dest, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if dest.exists():
        dest.rename(old)
    staging.rename(dest)
    if old.exists():
        shutil.rmtree(old)
    return count


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
