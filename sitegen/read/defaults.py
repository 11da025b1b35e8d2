"""Front-matter `defaults:` from the config, scoped by path and type (Jekyll's rules)."""

from __future__ import annotations

import fnmatch
from typing import Any

from ..config import deep_merge


class FrontMatterDefaults:
    """Finds the default values that apply to a file, the most specific scope winning."""

    def __init__(self, config: dict[str, Any], parse_date: Any):
        sets = config.get("defaults") or []
        self.sets = [s for s in sets if isinstance(s, dict) and isinstance(s.get("values"), dict)]
        for s in self.sets:
            if "date" in s["values"]:
                s["values"] = dict(s["values"], date=parse_date(s["values"]["date"]))
            scope = s.get("scope")
            if isinstance(scope, dict) and scope.get("type") in ("page", "post", "draft"):
                s["scope"] = dict(scope, type=scope["type"] + "s")
        self._cache: dict[tuple[str, str | None], dict[str, Any]] = {}

    def all(self, path: str, type_: str | None) -> dict[str, Any]:
        """All defaults for `path` (relative to the source) of `type_` (`pages`, `posts`…)."""
        key = (path, type_)
        if key not in self._cache:
            merged: dict[str, Any] = {}
            old_scope = None
            for s in self.sets:
                scope = s.get("scope")
                if scope is not None and not _applies(scope, path, type_):
                    continue
                if _has_precedence(old_scope, scope or {}):
                    merged = deep_merge(merged, s["values"])
                    old_scope = scope or {}
                else:
                    merged = deep_merge(s["values"], merged)
            self._cache[key] = merged
        return self._cache[key]


def _sanitize(path: Any) -> str:
    if not path:
        return ""
    path = str(path)
    return path[1:] if path.startswith("/") else path


def _applies(scope: dict[str, Any], path: str, type_: str | None) -> bool:
    if "type" in scope and str(scope["type"]) != (type_ or ""):
        return False
    scope_path = scope.get("path")
    if not isinstance(scope_path, str) or not scope_path:
        return True
    target = _sanitize(path)
    if "*" in scope_path:
        return any(fnmatch.fnmatchcase(target, pat) for pat in _glob_prefixes(scope_path))
    return target.startswith(_sanitize(scope_path))


def _glob_prefixes(pattern: str) -> list[str]:
    """A glob scope matches the files under what it matches (Jekyll globs the folder)."""
    pattern = _sanitize(pattern)
    return [pattern, pattern.rstrip("/") + "/*"]


def _has_precedence(old: dict[str, Any] | None, new: dict[str, Any]) -> bool:
    if old is None:
        return True
    new_path, old_path = _sanitize(new.get("path")), _sanitize(old.get("path"))
    if len(new_path) != len(old_path):
        return len(new_path) >= len(old_path)
    if "type" in new:
        return True
    return "type" not in old
