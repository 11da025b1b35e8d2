"""jekyll-archives (2.2): a page for each tag, category, year, month and day of the posts,
listing them newest first, as the gem makes them.

`jekyll-archives:` in the config says which kinds (`enabled: all` or a list of `year`, `month`,
`day`, `categories`, `tags`), the layout (`layout`, or `layouts` per kind) and the URL of each
kind (`permalinks`, with `:year :month :day :name :type`). A page sees `page.type`,
`page.title` (the tag or category as written), `page.date` (the first day of the year, month
or day) and `page.posts`; `site.archives` lists them all, and the pages join `site.pages`."""

from __future__ import annotations

import posixpath
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from .. import urls
from ..config import deep_merge
from ..errors import SiteError
from ..read.defaults import FrontMatterDefaults
from ..render.drops import Drop
from ..site import Document

if TYPE_CHECKING:
    from ..render.renderer import Renderer
    from ..site import Site

PRIORITY = "normal"   # the gem keeps Jekyll's default: before feed, sitemap and paginate

DEFAULTS: dict[str, Any] = {
    "layout": "archive",
    "enabled": [],
    "permalinks": {"year": "/:year/", "month": "/:year/:month/", "day": "/:year/:month/:day/",
                   "tag": "/tag/:name/", "category": "/category/:name/"},
}
DATE_KINDS = ("year", "month", "day")
# A post's year, month and day as the gem groups them (`strftime` of its local date).
DATE_PARTS = (lambda d: f"{d.year:04d}", lambda d: f"{d.month:02d}", lambda d: f"{d.day:02d}")


@dataclass(eq=False)
class Archive(Document):
    """One archive page: its kind (`type`), what it gathers and the posts, newest first."""

    kind: str = ""
    title: Any = None                    # the tag or category as the posts name it
    day: date | None = None              # date archives: the first day they cover
    posts: list[Document] = field(default_factory=list)

    def liquid_drop(self, renderer: "Renderer") -> "ArchiveDrop":
        return ArchiveDrop(self, renderer)


class ArchiveDrop(Drop):
    """What Liquid sees of an archive: the gem's attributes over its data. A value the gem
    leaves nil (a date archive's title) does not hide a front-matter default's."""

    computed = ("posts", "type", "title", "date", "name", "path", "url", "permalink")

    def __init__(self, page: Archive, renderer: "Renderer"):
        self.page, self.renderer = page, renderer

    def _fallback(self) -> Mapping[str, Any]:
        return self.page.data

    def __getitem__(self, key: str) -> Any:
        if key in self.computed:
            value = self._compute(key)
            if value is not None or key not in self.page.data:
                return value
        return self.page.data[key]

    def __iter__(self) -> Iterator[str]:
        yield from self.page.data
        yield from (k for k in self.computed if k not in self.page.data)

    def _compute(self, key: str) -> Any:
        page = self.page
        if key == "posts":
            return [self.renderer.drop(post) for post in page.posts]
        if key == "type":
            return page.kind
        if key == "title":
            return page.title if isinstance(page.title, str) else None
        if key == "date":
            return page.day
        if key == "name":
            return posixpath.splitext(posixpath.basename(page.relative_path))[0]
        if key == "path":
            return page.relative_path
        if key == "url":
            return page.url
        return None   # permalink: the gem reads it from data it never fills


def generate(site: "Site") -> None:
    """Add the enabled archives to the pages, tags first, then categories, then dates by
    year with each year's months and days (newest first), as the gem orders them."""
    user = site.config.get("jekyll-archives")
    config = deep_merge(DEFAULTS, user if isinstance(user, dict) else {})
    site.config["jekyll-archives"] = config
    defaults = FrontMatterDefaults(site.config, lambda value: value)
    archives: list[Archive] = []
    for enabled, kind in (("tags", "tag"), ("categories", "category")):
        if _enabled(config, enabled):
            for title, posts in _grouped(site.posts.docs, lambda p, k=enabled: p.data.get(k)):
                archives.append(_archive(site, config, defaults, kind, title, posts))
    _add_dates(site, config, defaults, archives, (), site.posts.docs)
    site.pages.extend(archives)
    site.config["archives"] = archives


def _add_dates(site: "Site", config: dict[str, Any], defaults: FrontMatterDefaults,
               archives: list[Archive], parts: tuple[str, ...], posts: list[Document]) -> None:
    """The archive of the year, month or day `parts` name (none: the whole site), then
    those of each year, month or day in it, newest first."""
    if parts and _enabled(config, DATE_KINDS[len(parts) - 1]):
        archives.append(_archive(site, config, defaults, DATE_KINDS[len(parts) - 1], parts,
                                 posts))
    if len(parts) < len(DATE_KINDS):
        part = DATE_PARTS[len(parts)]
        for value, inner in _grouped(posts, lambda p: [part(p.date)]):
            _add_dates(site, config, defaults, archives, parts + (value,), inner)


def _enabled(config: dict[str, Any], name: str) -> bool:
    enabled = config.get("enabled")
    if enabled is True or enabled == "all":
        return True
    return isinstance(enabled, list) and name in enabled


def _grouped(posts: list[Document], keys: Any) -> list[tuple[Any, list[Document]]]:
    """Posts by each of their keys, in the order keys first appear; each group newest first
    (Jekyll's `post_attr_hash`)."""
    groups: dict[Any, list[Document]] = {}
    for post in posts:
        for key in keys(post) or []:
            groups.setdefault(key, []).append(post)
    return [(key, sorted(group, key=Document.sort_key, reverse=True))
            for key, group in groups.items()]


def _archive(site: "Site", config: dict[str, Any], defaults: FrontMatterDefaults, kind: str,
             title: Any, posts: list[Document]) -> Archive:
    url = _url(config, kind, title)
    relative = urls.unescape_path(url).removeprefix("/")
    if url.endswith("/"):
        relative = posixpath.join(relative, "index.html")
    ext = posixpath.splitext(relative)[1]
    layouts = config.get("layouts")
    layout = layouts[kind] if isinstance(layouts, dict) and layouts.get(kind) else \
        config.get("layout")
    data = deep_merge(defaults.all(relative, kind), {"layout": layout})
    day = date(*[int(p) for p in title], *[1] * (3 - len(title))) if kind in DATE_KINDS \
        else None
    return Archive(path=site.source / relative, relative_path=relative, collection=None,
                   data=data, content="", dir=posixpath.dirname(relative), url=url,
                   output_ext=ext, generated=render_archive, kind=kind, posts=posts,
                   title=None if kind in DATE_KINDS else title, day=day)


def _url(config: dict[str, Any], kind: str, title: Any) -> str:
    """The kind's permalink filled in: the parts of the date, or the name's slug (Jekyll's
    default slugify mode, whatever the site's); a name that is not text has none."""
    template = (config.get("permalinks") or {}).get(kind)
    if not isinstance(template, str):
        raise SiteError(f"jekyll-archives: the permalink template for '{kind}' archives "
                        f"({template!r}) is invalid", "_config.yml")
    if kind in DATE_KINDS:
        values: list[tuple[str, str | None]] = list(zip(DATE_KINDS, title))
    else:
        slug = urls.slugify(title) if isinstance(title, str) else None
        if slug == "":
            print(f"warning: empty slug generated for '{title}'", file=sys.stderr)
        values = [("name", slug)]
    return urls.sanitize(urls.from_hash(template, values + [("type", kind)]))


def render_archive(renderer: "Renderer", page: Archive) -> str:
    """The page's layouts around an empty body. A layout that does not exist leaves the
    page empty, with Jekyll's warning, rather than failing the build."""
    name = page.data.get("layout")
    layout = None if name is None or name == "none" else renderer.site.layouts.get(str(name))
    page.output = ""
    if layout is None and name not in (None, "none"):
        renderer.warnings[f"warning: layout '{name}' requested in {page.relative_path} does "
                          "not exist; the archive is written empty"] = None
    elif layout is not None:
        page.output = renderer.in_layouts(page, "", layout)
    for hook in renderer.post_render:
        hook(renderer, page)
    return page.output
