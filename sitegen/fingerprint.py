"""Whether a build would only repeat the last one.

A build records a fingerprint of everything it read (the source tree, the config files, the
theme, the options, sitegen itself) and a listing of what it wrote. When both still hold, a
new build can only write the same files, so `sitegen build` stops there. A build whose output
depends on the moment it ran (`site.time`, "now", a thumbnail that could not be fetched) is
not recorded, and a post waiting for its date ends the record when that date comes.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from .config import Options, environment, load_config
from .errors import SiteError

if TYPE_CHECKING:
    from .read.entries import EntryFilter
    from .site import Site

FORMAT = 2
HASHED_BELOW = 256 * 1024    # files smaller than this are hashed; larger ones go by size+mtime
PACKAGE = Path(__file__).parent
SKIPPED = {".git", ".sitegen-cache", ".jekyll-cache", ".sass-cache", "__pycache__"}


def inputs(options: Options, config: dict[str, Any], theme_root: Path | None) -> str:
    """A hash of everything a build of `options` reads."""
    source, dest = Path(config["source"]), Path(config["destination"])
    digest = hashlib.blake2b(digest_size=20)
    settings = {"format": FORMAT, "options": asdict(options),
                "env": environment(options), "tz": os.environ.get("TZ"),
                "config_files": [str(p) for p in options.config_files or []]}
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    trees = [("source", source), ("sitegen", PACKAGE)]
    if theme_root is not None:
        trees.append(("theme", theme_root))
    for label, root in trees:
        digest.update(f"\0{label}\0".encode())
        entries = _site_entries(config) if label == "source" else None
        for relative, path in _files(root, dest, entries):
            _add_file(digest, relative, path)
    for name in options.config_files or []:
        path = Path(name).resolve()
        if path.is_file():
            _add_file(digest, path.name, str(path))
    return digest.hexdigest()


def current(options: Options) -> int | None:
    """The number of files of the last build when it is still what a build would write."""
    try:
        config = load_config(options)
        theme_root = theme_of(config)
    except SiteError:
        return None   # the build will say what is wrong
    record = _load(config)
    if record is None or record.get("format") != FORMAT:
        return None
    expires = record.get("expires")
    if expires is not None and datetime.now().timestamp() >= expires:
        return None
    dest = Path(config["destination"])
    if not dest.is_dir() or _listing(dest, config) != record.get("outputs"):
        return None
    if inputs(options, config, theme_root) != record.get("inputs"):
        return None
    return len(record["outputs"])


def theme_of(config: dict[str, Any]) -> Path | None:
    """The folder of the theme the config names, if any."""
    from .read.theme import find_theme
    name = config.get("theme")
    return find_theme(name, Path(config["source"])).root if isinstance(name, str) else None


def save(site: "Site", fingerprint: str, written: list[str]) -> None:
    """Record the build just committed, unless its output depends on when it ran."""
    path = _record_path(site.config)
    try:
        path.unlink(missing_ok=True)
        if site.volatile:
            return
        _forget_gone(path.parent)
        record = {"format": FORMAT, "destination": str(site.dest), "inputs": fingerprint,
                  "expires": site.expires,
                  "outputs": _stats(site.dest, written)}
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_suffix(".tmp")
        scratch.write_text(json.dumps(record), encoding="utf-8")
        scratch.replace(path)
    except OSError:
        pass   # a read-only source just builds every time


def _forget_gone(folder: Path) -> None:
    """Drop the records of destinations that no longer exist."""
    for other in folder.glob("*.json"):
        try:
            if not Path(json.loads(other.read_text(encoding="utf-8"))["destination"]).exists():
                other.unlink()
        except (OSError, ValueError, KeyError, TypeError):
            other.unlink(missing_ok=True)


def _record_path(config: dict[str, Any]) -> Path:
    key = hashlib.blake2b(config["destination"].encode(), digest_size=8).hexdigest()
    return Path(config["source"]) / ".sitegen-cache" / "builds" / f"{key}.json"


def _load(config: dict[str, Any]) -> dict[str, Any] | None:
    try:
        return json.loads(_record_path(config).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _site_entries(config: dict[str, Any]) -> "EntryFilter":
    """Jekyll's filter of the source tree: folders it never reads need no fingerprint (a
    virtualenv or `node_modules` in the site's folder can hold a hundred thousand files)."""
    from .read.entries import EntryFilter
    return EntryFilter(Path(config["source"]), config.get("include"), config.get("exclude"))


def _files(root: Path, skip: Path,
           entries: "EntryFilter | None" = None) -> Iterator[tuple[str, str]]:
    """(path from `root`, full path) of every file under `root`, in a stable order, without
    caches, VCS folders and the output (nor the output's staging folders beside it), nor
    folders that `entries` excludes or that start with a dot and are not included. Strings,
    not `Path`s: for a thousand files, `Path` operations cost more than the hashing."""
    staging = f".{skip.name}.sitegen-"
    skipped = str(skip)
    for folder, dirs, names in os.walk(root):
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative + "/"
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED and not d.startswith(staging)
                         and os.path.join(folder, d) != skipped
                         and (entries is None or _read(entries, prefix + d)))
        for name in sorted(names):
            if not name.endswith(".pyc"):
                yield prefix + name, os.path.join(folder, name)


def _read(entries: "EntryFilter", folder: str) -> bool:
    """Whether the build can read anything in `folder` (relative to the source)."""
    if entries.included(folder):
        return True
    return not entries.excluded(folder) and not os.path.basename(folder).startswith(".")


def _add_file(digest: Any, relative: str, path: str) -> None:
    try:
        stat = os.stat(path)
    except OSError:
        return
    digest.update(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    # Content too: two saves within the file system's clock tick keep the same mtime.
    if stat.st_size < HASHED_BELOW:
        try:
            with open(path, "rb") as handle:
                digest.update(handle.read())
        except OSError:
            pass


def _stats(dest: Path, written: list[str]) -> dict[str, list[int]]:
    """`_listing` of the output just committed, from the files the build wrote (cheaper than
    walking the folder)."""
    listing: dict[str, list[int]] = {}
    for relative in written:
        stat = os.stat(os.path.join(dest, relative))
        listing[relative] = [stat.st_size, stat.st_mtime_ns]
    return listing


def _listing(dest: Path, config: dict[str, Any]) -> dict[str, list[int]]:
    """What the output folder holds (size and mtime of each file), without `keep_files`."""
    kept = {str(k).strip("/") for k in config.get("keep_files") or []}
    listing: dict[str, list[int]] = {}
    for folder, dirs, names in os.walk(dest):
        relative = os.path.relpath(folder, dest)
        prefix = "" if relative == "." else relative + "/"
        dirs[:] = [d for d in dirs if prefix + d not in kept]
        for name in names:
            if prefix + name in kept:
                continue
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            listing[prefix + name] = [stat.st_size, stat.st_mtime_ns]
    return listing
