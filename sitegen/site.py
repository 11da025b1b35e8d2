"""The site as plain data: documents (pages, posts, collection items), static files, layouts, data.

Every stage works on these objects: `read` makes them, `render` fills `output`, `write` saves them.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

HTML_EXTS = (".html", ".xhtml", ".htm")


@dataclass(eq=False)
class Layout:
    """A file of `_layouts/` (or a theme's): front matter plus a Liquid template."""

    name: str
    path: Path
    data: dict[str, Any]
    content: str
    body_line: int


class _SourceFile:
    """Name parts shared by everything read from a file."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def extname(self) -> str:
        return self.path.suffix


@dataclass(eq=False)
class Document(_SourceFile):
    """A page (`collection is None`) or an item of a collection such as `posts`.

    Jekyll has two classes for these; they differ only in the few places that check
    `is_page`, so one class keeps the rules side by side.
    """

    path: Path
    relative_path: str          # from the source (pages) or the collections dir (documents)
    collection: str | None      # None for pages
    data: dict[str, Any]
    content: str                # the body; replaced by its converted HTML while rendering
    body_line: int = 1
    dir: str = ""               # pages: folder relative to the source, e.g. "blog/2020"
    url: str = ""
    output_ext: str = ".html"
    output: str | None = None
    draft: bool = False
    asset: bool = False         # written as converted, never placed in a layout (CSS, maps)
    excerpt: "Excerpt | None" = None
    generated: Any = None       # plugins' pages: a function (renderer, page) -> output
    pager: dict[str, Any] | None = None   # jekyll-paginate's `paginator` for this page
    header: str = ""            # the file's text before the body (front matter), as read
    defaults: dict[str, Any] = field(default_factory=dict)
    # Keys the file's own front matter sets to null (`layout: null`, `layout: ~`, `layout:`).
    nulled: frozenset[str] = frozenset()
    # Whether Jekyll's document has its date when its collection is sorted: one from the front
    # matter, its defaults or the file name, or a post's (the publisher asks for it). Others
    # get the build time only later, and sort as undated (sitegen/read/order.py).
    dated: bool = True

    @property
    def is_page(self) -> bool:
        return self.collection is None

    @property
    def layout_name(self) -> Any:
        """The layout Jekyll's renderer looks up (`data["layout"]`). A page's `data` holds
        only its own front matter (defaults fill in missing keys only), so its `layout: null`
        means no layout even under a default one; Liquid's `page.layout`, which merges the
        defaults without letting nil win, still shows the default. A document's null keeps
        the default, as its data is merged that way."""
        if self.is_page and "layout" in self.nulled:
            return None
        return self.data.get("layout")

    @property
    def basename(self) -> str:
        """File name without extension (Jekyll's `basename_without_ext`); pages also lose
        trailing dots."""
        stem = self.name[: -len(self.extname)] if self.extname else self.name
        return stem if not self.is_page else stem.rstrip(".")

    @property
    def date(self) -> datetime:
        return self.data["date"]

    @property
    def is_html(self) -> bool:
        return self.output_ext in HTML_EXTS

    def sort_key(self) -> tuple[float, str]:
        """Jekyll's order of documents: by date, then by path."""
        return (self.data["date"].timestamp(), str(self.path))

    def key_line(self, key: str) -> int | None:
        """The line of `key:` in the file's own front matter (None when a default set it),
        for errors about its value."""
        found = re.search(rf"^{re.escape(key)}\s*:", self.header, re.M)
        return self.header.count("\n", 0, found.start()) + 1 if found else None

    @property
    def id(self) -> str:
        """Jekyll's document id: the URL's folder plus the slug."""
        folder = posixpath.dirname(self.url.rstrip("/") or "/")
        slug = self.data.get("slug") or self.basename
        return folder.rstrip("/") + "/" + str(slug)


@dataclass(eq=False)
class Excerpt:
    """The part of a document before `excerpt_separator`, rendered on first use."""

    doc: Document
    content: str
    output: str | None = None


@dataclass(eq=False)
class StaticFile(_SourceFile):
    """A file copied as it is; front-matter defaults still give it data for Liquid."""

    path: Path
    relative_path: str          # with a leading slash, as Jekyll has it
    url: str
    collection: str | None = None
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def basename(self) -> str:
        return (self.name[: -len(self.extname)] if self.extname else self.name).rstrip(".")



@dataclass(eq=False)
class Collection:
    """A collection's settings (from `collections:`) and its documents and files."""

    label: str
    metadata: dict[str, Any]
    docs: list[Document] = field(default_factory=list)
    files: list[StaticFile] = field(default_factory=list)
    directory: Path = Path(".")

    @property
    def relative_directory(self) -> str:
        return f"_{self.label}"

    @property
    def output(self) -> bool:
        return bool(self.metadata.get("output", False))


@dataclass(eq=False)
class Site:
    """Everything one build knows: the config and all that was read from the source."""

    config: dict[str, Any]
    source: Path
    dest: Path
    time: datetime
    environment: str
    layouts: dict[str, Layout] = field(default_factory=dict)
    pages: list[Document] = field(default_factory=list)
    static_files: list[StaticFile] = field(default_factory=list)
    collections: dict[str, Collection] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    include_dirs: list[Path] = field(default_factory=list)
    models: dict[str, Any] = field(default_factory=dict)   # name → manifest + URLs
    theme: Any = None           # read.theme.Theme when the config names one
    # Why the output depends on the moment of building (`site.time`, "now", a thumbnail that
    # could not be fetched); such a build is never taken as still current.
    volatile: set[str] = field(default_factory=set)
    expires: float | None = None   # the timestamp of the first document waiting for its date

    @property
    def posts(self) -> Collection:
        return self.collections["posts"]

    def documents(self) -> list[Document]:
        """Every collection document, in collection order."""
        return [doc for c in self.collections.values() for doc in c.docs]

    def files_to_write(self) -> list[Document | StaticFile]:
        """Pages, then static files, then documents, as Jekyll's `each_site_file` orders them."""
        items: list[Document | StaticFile] = list(self.pages)
        items += [f for f in self.static_files if f.data.get("published", True) is not False
                  and (f.collection is None or self.collections[f.collection].output)]
        return items + self.docs_to_write()

    def docs_to_write(self) -> list[Document]:
        """The collection documents that are written (Jekyll's `docs_to_write`)."""
        return [d for d in self.documents() if self.writes(d)]

    def writes(self, doc: Document) -> bool:
        """Whether a collection document is written: its collection has output, and it is
        published."""
        from .read.publish import publishable
        return bool(self.collections[doc.collection].output) and publishable(self, doc)
