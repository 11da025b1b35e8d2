"""jekyll-optional-front-matter (0.3, on by default on GitHub Pages): Markdown files without
front matter, which Jekyll reads as static files, become pages too, so a repository's plain
`.md` files are published as HTML. README, LICENSE, CONTRIBUTING and the like stay static files
(whatever their case and Markdown extension) unless `include:` names them. The original file
is still copied as it is, unless `optional_front_matter: {remove_originals: true}`;
`optional_front_matter: {enabled: false}` or `require_front_matter: true` turns the plugin
off (the latter also removes no originals)."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any, Callable

from ..config import markdown_exts
from ..read.entries import EntryFilter
from ..read.reader import Reader

if TYPE_CHECKING:
    from ..site import Document, Site, StaticFile

PRIORITY = "normal"
# Compared with a file's name without extension, upper-cased.
NOT_PAGES = frozenset({"README", "LICENSE", "LICENCE", "COPYING", "CODE_OF_CONDUCT",
                       "CONTRIBUTING", "ISSUE_TEMPLATE", "PULL_REQUEST_TEMPLATE"})


def generate(site: "Site") -> None:
    if _disabled(site.config):
        return
    exts = markdown_exts(site.config)
    files = [f for f in site.static_files if f.extname.lower() in exts]
    reader = Reader.for_site(site)
    # The plugin reads every Markdown file as a page before it leaves out the listed names.
    pages = [page_of(reader, f) for f in files]
    kept = _keeps(site)
    site.pages.extend(page for page in pages if kept(page))
    if _option(site.config, "remove_originals") is True:
        removed = {id(f) for f, page in zip(files, pages) if kept(page)}
        site.static_files = [f for f in site.static_files if id(f) not in removed]


def page_of(reader: Reader, static: "StaticFile") -> "Document":
    """The page Jekyll makes of a static file: the same file, in the same folder."""
    folder = posixpath.dirname(static.relative_path)
    return reader.read_page(static.path, "" if folder == "/" else folder)


def _keeps(site: "Site") -> Callable[["Document"], bool]:
    """Whether a page is kept: its name is not one of `NOT_PAGES`, or `include:` names it."""
    include = site.config.get("include")
    named = EntryFilter(site.source, include, []) if isinstance(include, list) else None
    return lambda page: (named is not None and named.included(page.relative_path)) or \
        page.basename.upper() not in NOT_PAGES


def _option(config: dict[str, Any], key: str) -> Any:
    options = config.get("optional_front_matter")
    return options.get(key) if isinstance(options, dict) else None


def _disabled(config: dict[str, Any]) -> bool:
    """Off by its own option, or by `require_front_matter` (any value Ruby takes for true)."""
    required = config.get("require_front_matter")
    return _option(config, "enabled") is False or (required is not None and
                                                   required is not False)
