"""Jekyll plugins that sitegen provides itself, switched on as Jekyll switches them on: listed in
`plugins:`, or required by the theme's gemspec. Jekyll 4 ignores the older `gems:` key.

A plugin is a module with any of: `TAGS` (Liquid tags), `generate(site)` (adds pages after
reading, as a Jekyll generator; `PRIORITY` orders generators as Jekyll's priorities do,
"lowest" by default here since most of Jekyll's are), `post_render(renderer, document)`
(changes a document's output, as a Jekyll hook), `FILTERS` (Liquid filters: name → function,
with python-liquid's `with_context` to see the page; put on the build's one environment, so
forked workers and `serve`'s rebuilds have them too)."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from types import ModuleType
from typing import Any

# Plugin name → the module here that provides it, imported only for a site that lists it.
PLUGINS: dict[str, str] = {"jekyll-feed": "feed", "jekyll-seo-tag": "seo",
                           "jekyll-sitemap": "sitemap", "jekyll-paginate": "paginate",
                           "jemoji": "jemoji", "jekyll-redirect-from": "redirect_from",
                           "jekyll-archives": "archives",
                           "jekyll-relative-links": "relative_links",
                           "jekyll-include-cache": "include_cache",
                           "jekyll-default-layout": "default_layout",
                           "jekyll-titles-from-headings": "titles_from_headings",
                           "jekyll-toc": "toc", "jekyll-gist": "gist",
                           "jekyll-optional-front-matter": "optional_front_matter",
                           "jekyll-readme-index": "readme_index"}
PRIORITIES = ("highest", "high", "normal", "low", "lowest")


def theme_dependencies(theme_root: Path | None, name: str | None) -> list[str]:
    """Runtime dependencies a gem theme declares (Jekyll requires them for the site)."""
    if theme_root is None or not name:
        return []
    specs = list(theme_root.parent.parent.glob(f"specifications/{theme_root.name}.gemspec"))
    specs += list(theme_root.glob("*.gemspec"))
    deps: list[str] = []
    for spec in specs:
        text = spec.read_text(encoding="utf-8", errors="replace")
        deps += re.findall(r"add_runtime_dependency\(%q<([\w-]+)>", text)
        deps += re.findall(r"add_runtime_dependency[ (]+['\"]([\w-]+)['\"]", text)
    return [d for d in dict.fromkeys(deps) if d != "jekyll"]


def active_plugins(config: dict[str, Any], theme_root: Path | None) -> list[str]:
    """Plugin names in the order Jekyll would load them."""
    names = list(config.get("plugins") or [])
    names += theme_dependencies(theme_root, config.get("theme"))
    return list(dict.fromkeys(str(n) for n in names))


def ignored_gems(config: dict[str, Any], active: list[str]) -> list[str]:
    """Names under the Jekyll 3 key `gems:` that are not `active` anyway: Jekyll 4.3 loads
    `plugins:` only (silently), so these stay off; sitegen says so, since a feed or sitemap
    that worked under Jekyll 3 quietly disappears."""
    gems = config.get("gems")
    if not isinstance(gems, list):
        return []
    return [n for n in dict.fromkeys(str(g) for g in gems) if n not in active]


def unsupported(names: list[str]) -> list[str]:
    return [n for n in names if n not in PLUGINS]


def modules(names: list[str]) -> list[ModuleType]:
    """The plugins' modules, generators by priority, then in the order they are listed."""
    found = [importlib.import_module(f".{PLUGINS[n]}", __name__) for n in names if n in PLUGINS]
    return sorted(found, key=lambda m: PRIORITIES.index(getattr(m, "PRIORITY", "lowest")))
