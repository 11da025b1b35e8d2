"""Gem-based themes (`theme: minima`): where the theme's files are, as RubyGems would say."""

from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import SiteError


@dataclass(frozen=True)
class Theme:
    """A theme's folder; its `_layouts`, `_includes`, `_sass`, `assets`, `_data` are used when
    they exist, and the site's own files of the same name win."""

    name: str
    root: Path

    def folder(self, name: str) -> Path | None:
        path = self.root / name
        return path if path.is_dir() else None


def gem_dirs() -> list[Path]:
    """Where installed gems live: $GEM_HOME, $GEM_PATH, the user's, Debian's and Ruby's."""
    candidates = [os.environ.get("GEM_HOME", "")] + os.environ.get("GEM_PATH", "").split(":")
    patterns = [str(Path.home() / ".gem/ruby/*"), "/var/lib/gems/*", "/usr/local/lib/ruby/gems/*",
                "/usr/lib/ruby/gems/*", "/usr/share/rubygems-integration/all",
                "/usr/share/rubygems-integration/*"]
    for pattern in patterns:
        candidates += sorted(glob.glob(pattern))
    seen: list[Path] = []
    for candidate in candidates:
        if candidate and Path(candidate, "gems").is_dir() and Path(candidate) not in seen:
            seen.append(Path(candidate))
    return seen


def _version_key(path: Path, name: str) -> tuple:
    version = path.name[len(name) + 1:]
    return tuple(int(p) if p.isdigit() else -1 for p in re.split(r"[.-]", version))


def find_theme(name: str, source: Path) -> Theme:
    """The theme `name`: a folder of that name (relative to the site) or an installed gem."""
    local = (source / name).resolve()
    if local.is_dir() and (local / "_layouts").is_dir():
        return Theme(local.name, local)
    looked: list[str] = [str(local)]
    for base in gem_dirs():
        matches = [Path(p) for p in glob.glob(str(base / "gems" / f"{glob.escape(name)}-*"))
                   if re.fullmatch(re.escape(name) + r"-\d[\w.]*", Path(p).name)]
        looked.append(str(base / "gems"))
        if matches:
            best = max(matches, key=lambda p: _version_key(p, name))
            return Theme(name, best.resolve())
    raise SiteError(f"theme '{name}' could not be found; looked in: " + ", ".join(looked)
                    + f". Install it (e.g. `gem install {name}` or Debian's "
                    f"jekyll-theme-{name} package) or point `theme:` at a theme folder",
                    "_config.yml")
