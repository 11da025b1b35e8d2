"""jekyll-titles-from-headings (0.5, on by default on GitHub Pages): a Markdown page without a
title takes its first heading's text as title (`# Title` or a Setext heading at the very
start). With `titles_from_headings: {collections: true}` documents take it too, in place of
the title their file name gives, and `strip_title: true` (in the config or a document's
front matter) removes that heading from the body."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..config import markdown_exts
from ..read.reader import renew_excerpt
from ..render.filters import FilterSet
from ..render.liquid_env import JekyllEnvironment

if TYPE_CHECKING:
    from ..site import Site

PRIORITY = "lowest"
TITLE = re.compile(r"\A\s*(?:#{1,3}\s+(.*)(?:\s+#{1,3})?|(.*)\r?\n[-=]+\s*)$", re.A | re.M)
FOOTNOTE = re.compile(r"\[\^[^\]]*\]")


def changes_data_from_body(config: dict[str, Any]) -> bool:
    """A body's first heading becomes data: `serve` builds the site whole after a body edit
    instead of rendering the edited document alone."""
    return _options(config) is not None


def generate(site: "Site") -> None:
    options = _options(site.config)
    if options is None:
        return
    documents = list(site.pages)
    if options.get("collections") is True:
        documents += site.docs_to_write()
    exts = markdown_exts(site.config)
    filters = FilterSet(JekyllEnvironment(None, site.config))
    for doc in documents:
        if doc.extname.lower() not in exts or (doc.is_page and doc.data.get("title") is not None):
            continue
        found = TITLE.match(doc.content)
        if found:
            text = filters["normalize_whitespace"](filters["strip_html"](
                filters["markdownify"](found.group(1) or found.group(2) or "")))
            doc.data["title"] = FOOTNOTE.sub("", text)
        elif doc.is_page:
            doc.data["title"] = None   # the plugin sets the key, to nil
        strip = doc.data["strip_title"] if "strip_title" in doc.data else \
            options.get("strip_title")
        if strip is True:
            doc.content = TITLE.sub("", doc.content, count=1).strip(" \t\r\n\f\v\0")
            if doc.collection == "posts":
                renew_excerpt(site, doc)


def _options(config: dict[str, Any]) -> dict[str, Any] | None:
    """The plugin's options, or None when it is switched off."""
    options = config.get("titles_from_headings") or {}
    if not isinstance(options, dict) or options.get("enabled") is False:
        return None
    return options
