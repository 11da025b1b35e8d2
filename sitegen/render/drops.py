"""What Liquid sees: read-only mappings over the site's plain data (Jekyll's drops).

They are computed lazily because most templates touch only a few keys of a few documents.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..read.order import spaceship
from ..site import Collection, Document, Excerpt, StaticFile
from ..urls import url_dir
from .ruby import ruby_inspect, ruby_to_s, ruby_truthy

if TYPE_CHECKING:
    from .renderer import Renderer

JEKYLL_VERSION = "4.3.1"


class Drop(Mapping):
    """A mapping whose listed keys are computed, falling back to a data dict."""

    computed: tuple[str, ...] = ()
    ruby_class: str | None = None   # a Liquid::Drop in Jekyll, whose `to_s` is its class name

    def to_s(self) -> str:
        return self.ruby_class if self.ruby_class else ruby_inspect(dict(self.items()))

    def _fallback(self) -> Mapping[str, Any]:
        return {}

    def _compute(self, key: str) -> Any:
        raise KeyError(key)

    def __getitem__(self, key: str) -> Any:
        if key in self.computed:
            return self._compute(key)
        return self._fallback()[key]

    def __iter__(self) -> Iterator[str]:
        seen = set(self.computed)
        yield from self.computed
        yield from (k for k in self._fallback() if k not in seen)

    def __len__(self) -> int:
        return len(set(self.computed) | set(self._fallback()))

    def __contains__(self, key: object) -> bool:
        return key in self.computed or key in self._fallback()

    def __str__(self) -> str:
        return ruby_inspect(dict(self.items()))

    def __eq__(self, other: object) -> bool:
        return self is other

    __hash__ = object.__hash__


class DocumentDrop(Drop):
    """A collection document (post…), live: `content` follows rendering as Jekyll's does."""

    # In the order of Jekyll's DocumentDrop#keys, which `jsonify` and `inspect` show.
    computed = ("name", "id", "relative_path", "excerpt", "title", "categories", "collection",
                "next", "tags", "previous", "content", "output", "path", "url", "date")

    def __init__(self, doc: Document, renderer: "Renderer"):
        self.doc, self.renderer = doc, renderer

    def _fallback(self) -> Mapping[str, Any]:
        return self.doc.data

    def inspect(self) -> str:
        """Jekyll's `Document#inspect`, as a document shows inside an array or a hash (`{{
        site.tags }}`); its keys would run on through `next` and `previous` for ever."""
        return f"#<Jekyll::Document {self.doc.relative_path} collection={self.doc.collection}>"

    def ruby_compare(self, other: Any) -> int | None:
        """`DocumentDrop#<=>` (what `sort` uses): by date, then by path; nil against any
        other value."""
        if not isinstance(other, DocumentDrop):
            return None
        order = spaceship(self.get("date"), other.get("date"))
        return spaceship(self.get("path"), other.get("path")) if not order else order

    def to_s(self) -> str:
        """`{{ post }}`: Jekyll's `Document#to_s`, the output once rendered, else the content
        (not the hash, which would run on through `next` and `previous`)."""
        self.renderer.note_content_read(self.doc)
        output = self.renderer.seen_body(self.doc, "output")
        if output is not None:
            return output
        content = self.renderer.seen_body(self.doc, "content")
        return content if content is not None else "NO CONTENT"

    def _compute(self, key: str) -> Any:
        doc = self.doc
        if key in ("title", "categories", "tags"):
            return doc.data.get(key)
        if key == "collection":
            return doc.collection
        if key in ("excerpt", "content", "output"):
            self.renderer.note_content_read(doc, body=key != "excerpt")
        if key == "excerpt":   # `data["excerpt"].to_s`, which the reader's excerpt fills
            if doc.excerpt:      # in for a null or false one (`||=`)
                return self.renderer.excerpt(doc.excerpt)
            return ruby_to_s(doc.data.get("excerpt"))
        if key == "name":
            return doc.data.get("name") or doc.name
        if key in ("previous", "next"):
            return self.renderer.neighbour(doc, -1 if key == "previous" else 1)
        if key == "id":
            return doc.id
        if key in ("output", "content"):
            return self.renderer.seen_body(doc, key)
        if key in ("relative_path", "path"):
            return doc.relative_path
        if key == "url":
            return doc.url
        if key == "date":
            if doc.date is self.renderer.site.time:   # a document without a date of its own
                self.renderer.site.volatile.add("site.time")
            return doc.date
        raise KeyError(key)


class ExcerptDrop(DocumentDrop):
    """The excerpt of a document, seen as the `page` while the excerpt renders: the document's
    data without its layout, which Jekyll's drop still shows as `layout`."""

    computed = ("layout",) + DocumentDrop.computed

    def __init__(self, excerpt: Excerpt, renderer: "Renderer"):
        super().__init__(excerpt.doc, renderer)
        self.excerpt = excerpt
        self._data = {k: v for k, v in excerpt.doc.data.items() if k not in ("layout", "excerpt")}

    def _fallback(self) -> Mapping[str, Any]:
        return self._data

    def to_s(self) -> str:
        """Jekyll's `Excerpt#to_s`: the output once rendered, else the content."""
        excerpt = self.excerpt
        return excerpt.output if excerpt.output is not None else excerpt.content

    def _compute(self, key: str) -> Any:
        if key == "excerpt":
            return None
        if key == "content":
            return self.excerpt.content
        if key == "output":
            return self.excerpt.output
        if key == "id":
            return self.doc.id + "#excerpt"
        if key in ("relative_path", "path"):
            return self.doc.relative_path + "/#excerpt"
        if key == "layout":
            return self.doc.data.get("layout")
        return super()._compute(key)


class PageDrop(Drop):
    """A page: its data with `content dir excerpt name path url` on top (Jekyll's hash)."""

    computed = ("content", "dir", "excerpt", "name", "path", "url")

    def __init__(self, page: Document, renderer: "Renderer", content: str | None = None):
        self.page, self.renderer, self._content = page, renderer, content

    def _fallback(self) -> Mapping[str, Any]:
        return self.page.data

    def __iter__(self) -> Iterator[str]:
        """Jekyll's page hash: the front matter (defaults first), then the keys Jekyll adds."""
        data = self.page.data
        yield from data
        yield from (k for k in self.computed if k not in data)

    def __eq__(self, other: object) -> bool:
        """Two hashes of the same page are equal (`{% if p == page %}`), as Ruby's hashes."""
        return isinstance(other, PageDrop) and other.page is self.page

    def __hash__(self) -> int:
        return id(self.page)

    def _compute(self, key: str) -> Any:
        page = self.page
        if key in ("content", "excerpt"):
            self.renderer.note_content_read(page, body=key == "content")
        if key == "content":
            return self._content if self._content is not None else page.content
        if key == "dir":
            return url_dir(page.url)
        if key == "excerpt":   # `data["excerpt"] ? data["excerpt"].to_s : nil`, as above
            if page.excerpt:
                return self.renderer.excerpt(page.excerpt)
            own = page.data.get("excerpt")
            return ruby_to_s(own) if ruby_truthy(own) else None
        if key == "name":
            return page.name
        if key == "path":
            return page.data.get("path", page.relative_path)
        if key == "url":
            return page.url
        raise KeyError(key)


class StaticFileDrop(Drop):
    ruby_class = "Jekyll::Drops::StaticFileDrop"
    computed = ("name", "extname", "modified_time", "basename", "path", "collection")

    def __init__(self, item: StaticFile, tz: Any):
        self.item, self.tz = item, tz

    def _fallback(self) -> Mapping[str, Any]:
        return self.item.data

    def _compute(self, key: str) -> Any:
        item = self.item
        if key == "modified_time":
            return datetime.fromtimestamp(item.path.stat().st_mtime, self.tz)
        if key == "path":
            return item.relative_path
        if key == "collection":
            return item.collection
        return getattr(item, key)


class CollectionDrop(Drop):
    computed = ("output", "label", "docs", "files", "directory", "relative_directory")

    def to_s(self) -> str:
        """Jekyll's `CollectionDrop#to_s`: its documents, as Ruby writes an array of them."""
        return ruby_inspect(self["docs"])

    def __init__(self, coll: Collection, renderer: "Renderer"):
        self.coll, self.renderer = coll, renderer

    def _fallback(self) -> Mapping[str, Any]:
        return self.coll.metadata

    def _compute(self, key: str) -> Any:
        coll = self.coll
        if key == "output":
            return coll.output
        if key == "label":
            return coll.label
        if key == "docs":
            return [self.renderer.drop(d) for d in coll.docs]
        if key == "files":
            return [self.renderer.drop(f) for f in coll.files]
        if key == "directory":
            return str(coll.directory)
        return coll.relative_directory


class SiteDrop(Drop):
    """`site`: the config's keys plus what Jekyll computes from the content."""

    ruby_class = "Jekyll::Drops::SiteDrop"
    computed = ("time", "pages", "static_files", "tags", "categories", "data", "posts",
                "html_pages", "collections", "documents", "related_posts", "models")

    def __init__(self, renderer: "Renderer", current: Document | None = None):
        self.renderer, self.current = renderer, current

    def for_document(self, doc: Document | None) -> "SiteDrop":
        return SiteDrop(self.renderer, doc)

    def _fallback(self) -> Mapping[str, Any]:
        return self.renderer.site.config

    def __getitem__(self, key: str) -> Any:
        site = self.renderer.site
        if key != "posts" and key in site.collections:
            # Jekyll's `SiteDrop#[]`: every collection but `posts` hides the `site` key of its
            # name, so a collection `pages` (jekyll-gitbook) is `site.pages`.
            return self.renderer.collection_listing(key)
        value = super().__getitem__(key)
        if isinstance(value, list) and value and isinstance(value[0], Document):
            return [self.renderer.drop(d) for d in value]   # pages a plugin lists in the config
        return value

    def __contains__(self, key: object) -> bool:
        return (key != "posts" and key in self.renderer.site.collections) or \
            super().__contains__(key)

    def _compute(self, key: str) -> Any:
        r, site = self.renderer, self.renderer.site
        if key == "time":
            site.volatile.add("site.time")
            return site.time
        if key == "data":
            r.note_dependency("site.data")
            return site.config.get("data") or site.data
        if key == "models":
            return site.config.get("models") or site.models
        if key == "related_posts":
            if self.current is None or self.current.is_page:
                return None
            return r.related_posts(self.current)
        return r.listing(key)


class JekyllDrop(Drop):
    ruby_class = "Jekyll::Drops::JekyllDrop"
    computed = ("version", "environment")

    def __init__(self, environment: str):
        self.environment = environment

    def _compute(self, key: str) -> Any:
        return JEKYLL_VERSION if key == "version" else self.environment


__all__ = ["DocumentDrop", "PageDrop", "StaticFileDrop", "CollectionDrop", "SiteDrop",
           "JekyllDrop"]
