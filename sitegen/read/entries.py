"""Which files of the source tree belong to the site: Jekyll's `EntryFilter`."""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path
from typing import Any, Callable

SPECIAL_LEADING = (".", "_", "#", "~")


class EntryFilter:
    """Skips `_`, `.`, `#` files and backups `~`, honours `include`/`exclude` globs."""

    def __init__(self, source: Path, include: list[str], exclude: list[str], base: str = ""):
        self.source = str(source)
        self.include = self._patterns(include or [])
        self.exclude = self._patterns([p for p in exclude or [] if p not in (include or [])])
        self.base = base

    def _patterns(self, patterns: list) -> list[tuple[str, Callable[[str], Any], bool]]:
        """Each pattern as a path under the source, its glob, and whether it names a folder."""
        prepared = []
        for pattern in map(str, patterns):
            full = _join(self.source, pattern)
            prepared.append((full, _glob_matcher(full), pattern.endswith("/")))
        return prepared

    def keep(self, entry: str) -> bool:
        """True when `entry` (a name or path relative to `base`) is part of the site."""
        if entry.endswith("."):
            return False
        included = self.included(entry)
        if self.excluded(entry) and not included:
            return False
        if included:
            return True
        return not (self.special(entry) or entry.endswith("~"))

    def filter(self, entries: list[str]) -> list[str]:
        return [e for e in entries if self.keep(e)]

    def included(self, entry: str) -> bool:
        return self._glob(self.include, entry) or self._glob(self.include, os.path.basename(entry))

    def excluded(self, entry: str) -> bool:
        return self._glob(self.exclude, _join(self.base, entry))

    @staticmethod
    def special(entry: str) -> bool:
        return entry.startswith(SPECIAL_LEADING) or os.path.basename(entry).startswith(
            SPECIAL_LEADING)

    def _glob(self, patterns: list[tuple[str, Callable[[str], Any], bool]], entry: str) -> bool:
        """Jekyll's `glob_include?`: fnmatch, a path prefix, or the folder named with `/`."""
        full = _join(self.source, entry)
        is_dir = None
        for full_pattern, matches, folder in patterns:
            if full.startswith(full_pattern) or matches(full):
                return True
            if folder:
                if is_dir is None:
                    is_dir = os.path.isdir(full)
                if is_dir and full_pattern == full + "/":
                    return True
        return False


def _join(*parts: str) -> str:
    """Jekyll's `PathManager.join`: join, with an empty base giving the plain entry."""
    out = ""
    for part in parts:
        if not out:
            out = part
        elif part:
            out = out.rstrip("/") + "/" + part.lstrip("/")
    return out


def _glob_matcher(pattern: str) -> Callable[[str], Any]:
    """Ruby's `File.fnmatch?` without flags, as Jekyll's EntryFilter calls it: shell
    globbing in which `*` and `?` also match `/`, as `fnmatchcase` does."""
    return re.compile(fnmatch.translate(pattern)).match
