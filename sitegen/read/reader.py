"""Reading the source tree into a `Site`, in the order and with the rules of Jekyll's `Reader`."""

from __future__ import annotations

import os
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import runtime, urls
from ..config import DEFAULTS, add_permalink_suffix, deep_merge, in_source_dir, markdown_exts
from ..dates import parse_date, site_timezone, strftime, year_from_build_time
from ..errors import SiteError, line_at, shown
from ..render.ruby import ruby_truthy
from ..site import Collection, Document, Excerpt, Layout, Site, StaticFile
from ..urls import slugify
from .data import read_data
from .defaults import FrontMatterDefaults
from .entries import EntryFilter
from .frontmatter import has_front_matter, parse, read_text
from .order import sort_documents, sort_documents_by
from .publish import publishable, withheld
from .theme import Theme, find_theme
from .yamlfile import load_yaml

DATE_NAME = re.compile(r"^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")
DATELESS_NAME = re.compile(r"^(?:.+/)*(.*)(\.[^.]+)$")
SASS_EXTS = (".sass", ".scss")


class Reader:
    """Builds the `Site` from `config`; one instance per build."""

    def __init__(self, config: dict[str, Any], environment: str):
        source = Path(config["source"])
        theme_name = config.get("theme")
        self.theme = find_theme(theme_name, source) if isinstance(theme_name, str) else None
        if self.theme is not None:
            config = _with_theme_config(config, self.theme)
        tz = site_timezone(config)
        self._setup(Site(
            config=config, source=source, dest=Path(config["destination"]),
            time=(parse_date(config["time"], tz) if config.get("time") else datetime.now(tz)),
            environment=environment,
        ))

    @classmethod
    def for_site(cls, site: Site) -> "Reader":
        """A reader of a site already read: plugins that make pages of its files after reading
        (as Jekyll's generators call `Page.new`) read them by the same rules."""
        reader = cls.__new__(cls)
        reader.theme = site.theme
        reader._setup(site)
        return reader

    def _setup(self, site: Site) -> None:
        self.site, self.source, self.config = site, site.source, site.config
        self.tz = site_timezone(site.config)
        self.defaults = FrontMatterDefaults(site.config, lambda v: parse_date(v, self.tz))
        self.markdown_exts = markdown_exts(site.config)
        folder = site.config.get("collections_dir") or ""
        self.collections_path = in_source_dir(self.source, folder) if folder else self.source

    # --- the whole tree -------------------------------------------------------------------

    def read(self) -> Site:
        site = self.site
        for label, meta in (self.config.get("collections") or {}).items():
            label = re.sub(r"[^a-z0-9_\-.]", "", label, flags=re.I)
            site.collections[label] = Collection(label, dict(meta or {}),
                                                 directory=self.collections_path / f"_{label}")
        site.collections.setdefault("posts", Collection("posts", {"output": True}))
        site.theme = self.theme
        site.include_dirs = [in_source_dir(self.source, self.config["includes_dir"])]
        if self.theme and self.theme.folder("_includes"):
            site.include_dirs.append(self.theme.root / "_includes")
        site.include_dirs.append(runtime.INCLUDES)   # sitegen/demo.html etc., last like a theme's
        site.layouts = self._read_layouts(in_source_dir(self.source, self.config["layouts_dir"]))
        if self.theme and self.theme.folder("_layouts"):
            for name, layout in self._read_layouts(self.theme.root / "_layouts").items():
                site.layouts.setdefault(name, layout)
        self._read_directory("")
        self._read_included_files()
        for coll in site.collections.values():
            coll.docs = sort_documents(coll.docs)
        site.pages.sort(key=lambda p: p.name)
        site.static_files.sort(key=lambda f: f.relative_path)
        if self.theme and self.theme.folder("assets"):
            self._read_theme_assets(self.theme)
        if (self.source / "_models").is_dir():
            self._add_runtime()
        for coll in site.collections.values():
            if coll.label not in ("posts", "data"):   # Jekyll's SPECIAL_COLLECTIONS
                self._read_collection(coll)
        site.data = read_data(in_source_dir(self.source, self.config["data_dir"]), self.source)
        if self.theme and self.theme.folder("_data"):
            site.data = deep_merge(read_data(self.theme.root / "_data", self.source), site.data)
        return site

    def _outside_collections_dir(self, rel_dir: str) -> bool:
        """Jekyll's `outside_configured_directory?`: with a `collections_dir`, posts are read
        only in folders whose path (as "/coll/sub") starts with "/" and its value, as text."""
        cdir = str(self.config.get("collections_dir") or "")
        return bool(cdir) and not rel_dir.startswith("/" + cdir)

    def _filter(self, base: str = "") -> EntryFilter:
        return EntryFilter(self.source, self.config.get("include"), self.config.get("exclude"),
                           base)

    def _read_layouts(self, folder: Path) -> dict[str, Layout]:
        layouts: dict[str, Layout] = {}
        if not folder.is_dir():
            return layouts
        entries = [str(p.relative_to(folder)) for p in sorted(folder.rglob("*.*")) if p.is_file()]
        for rel in self._filter().filter(entries):
            name = ".".join(rel.split(".")[:-1])
            layouts[name] = read_layout(folder / rel, name, self.source)
        return layouts

    def _read_theme_assets(self, theme: Theme) -> None:
        """The theme's `assets/`: pages and static files, unless the site has the same path."""
        root = theme.root / "assets"
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
            rel_dir = str(path.parent.relative_to(theme.root))
            if has_front_matter(path):
                relative = f"{rel_dir}/{path.name}"
                if not any(p.relative_path == relative for p in self.site.pages):
                    self._add_page(rel_dir, path.name, base=theme.root)
            elif not any(f.relative_path == f"/{rel_dir}/{path.name}"
                         for f in self.site.static_files):
                self._add_static("/" + rel_dir, path.name, base=theme.root)

    def _add_runtime(self) -> None:
        """The demo runtime and vendored TF.js/OpenCV.js, for sites that have models; files
        the site has itself (after `sitegen prepare`) win."""
        have = {f.relative_path for f in self.site.static_files}
        vendored = not runtime.uses_cdn(self.config)
        for rel, path in runtime.runtime_files(vendored).items():
            if "/" + rel not in have:
                self.site.static_files.append(StaticFile(path, "/" + rel, "/" + rel, None,
                                                         self.defaults.all("/" + rel, None)))

    def _read_directory(self, rel_dir: str) -> None:
        """One folder: its posts (and drafts), sub-folders, pages and static files."""
        base = self.source / rel_dir.lstrip("/")
        if not base.is_dir():
            return
        entries = self._filter(rel_dir).filter(sorted(os.listdir(base)))
        dirs, pages, statics = [], [], []
        for entry in entries:
            path = base / entry
            if path.is_dir():
                dirs.append(entry)
            elif has_front_matter(path):
                pages.append(entry)
            else:
                statics.append(entry)
        if not self._outside_collections_dir(rel_dir):
            self._read_posts(rel_dir)
        for entry in dirs:
            if (base / entry).resolve() != self.site.dest:
                self._read_directory(_pjoin(rel_dir, entry))
        for entry in pages:
            self._add_page(rel_dir, entry)
        for entry in statics:
            self._add_static(rel_dir, entry)

    def _read_posts(self, rel_dir: str) -> None:
        posts = self.site.posts
        magic = [("_posts", DATE_NAME, False)]
        if self.config.get("show_drafts"):
            magic.append(("_drafts", DATELESS_NAME, True))
        for folder, matcher, draft in magic:
            root = self.source / rel_dir.lstrip("/") / folder
            if not root.is_dir():
                continue
            for entry in self._filter(_pjoin(rel_dir, folder)).filter(_files_below(root)):
                if not matcher.match(entry):
                    continue
                path = root / entry
                doc = self._read_document(path, posts, draft=draft)
                if doc is not None and publishable(self.site, doc):
                    posts.docs.append(doc)

    def _read_included_files(self) -> None:
        """Top-level names listed in `include:` that the walk skipped (e.g. `.htaccess`)."""
        for entry in self.config.get("include") or []:
            path = self.source / str(entry)
            if not path.is_file():
                continue
            rel_dir = "/" + str(path.parent.relative_to(self.source)).replace(".", "")
            rel_dir = "" if rel_dir == "/" else rel_dir
            rel = _pjoin(rel_dir, path.name)
            if has_front_matter(path):
                if not any(p.relative_path == rel.lstrip("/") for p in self.site.pages):
                    self._add_page(rel_dir, path.name)
            elif not any(f.relative_path == rel for f in self.site.static_files):
                self._add_static(rel_dir, path.name)

    # --- pages and static files -----------------------------------------------------------

    def _add_page(self, rel_dir: str, name: str, base: Path | None = None) -> None:
        page, front = self._page_at((base or self.source) / rel_dir.lstrip("/") / name, rel_dir)
        if withheld(self.site, front):   # a page's own front matter: Jekyll `fetch`es it
            return
        self._place_page(page)
        self.site.pages.append(page)

    def read_page(self, path: Path, rel_dir: str) -> Document:
        """The page of the file at `path` in the folder `rel_dir` ("" or "/docs"), as Jekyll's
        `Page.new` makes it, not yet in the site: for plugins that make pages of files the
        walk took for static files."""
        page, _ = self._page_at(path, rel_dir)
        self._place_page(page)
        return page

    def _page_at(self, path: Path, rel_dir: str) -> tuple[Document, dict[str, Any]]:
        """A page's document and its own front matter."""
        relative = _pjoin(rel_dir, path.name).lstrip("/")
        text = read_text(path, relative)
        front, body, line = parse(text, relative)
        defaults = self.defaults.all(relative, "pages")
        page = Document(path=path, relative_path=relative, collection=None,
                        data=deep_merge(defaults, front), content=body, body_line=line,
                        dir=rel_dir, defaults=defaults, header=text[: len(text) - len(body)],
                        nulled=_nulled(front))
        return page, front

    def _place_page(self, page: Document) -> None:
        page.output_ext = self._output_ext(page)
        page.url = self.page_url(page)
        self._add_excerpt(page)

    def _add_static(self, rel_dir: str, name: str, base: Path | None = None) -> None:
        path = (base or self.source) / rel_dir.lstrip("/") / name
        relative = _pjoin(rel_dir, name)
        url = relative if relative.startswith("/") else "/" + relative
        data = self.defaults.all(relative, None)
        self.site.static_files.append(StaticFile(path, relative, url, None, data))

    def page_url(self, page: Document) -> str:
        """A page's URL from its permalink or the site's template (again after a plugin
        changed its permalink)."""
        if not page.is_html:
            template = "/:path/:basename:output_ext"
        elif page.basename == "index":
            template = "/:path/"
        else:
            template = add_permalink_suffix("/:path/:basename", self.config.get("permalink"))
        values = [("path", page.dir), ("basename", page.basename), ("output_ext", page.output_ext)]
        permalink = page.data.get("permalink")
        return urls.sanitize(urls.from_hash(str(permalink) if permalink else template, values))

    # --- collections ----------------------------------------------------------------------

    def _read_collection(self, coll: Collection) -> None:
        root = coll.directory
        if not root.is_dir() or root.is_symlink():
            return
        for entry in self._filter(coll.relative_directory).filter(_files_below(root)):
            path = root / entry
            if has_front_matter(path):
                doc = self._read_document(path, coll, draft=False)
                if doc is not None and not withheld(self.site, doc.data):
                    coll.docs.append(doc)
            else:
                self._add_collection_file(coll, entry)
        self.site.static_files.extend(coll.files)
        self._sort_collection(coll)

    def _add_collection_file(self, coll: Collection, entry: str) -> None:
        path = coll.directory / entry
        folder = os.path.dirname(entry)
        relative = _pjoin(coll.relative_directory + ("/" + folder if folder else ""), path.name)
        stem = relative[: -len(path.suffix)] if path.suffix else relative
        cleaned = stem.rstrip(".").replace(coll.relative_directory, "", 1)
        template = self._collection_template(coll)
        values = [("collection", coll.label), ("path", cleaned), ("output_ext", ""),
                  ("name", path.stem.rstrip(".")), ("title", "")]
        url = urls.sanitize(urls.from_hash(template, values)).rstrip("/") + path.suffix
        data = self.defaults.all(url, coll.label)
        coll.files.append(StaticFile(path, relative, url, coll.label, data))

    def _sort_collection(self, coll: Collection) -> None:
        """Jekyll's `sort_docs!`: the `order` listed first, else by `sort_by`, else by date."""
        order, sort_by = coll.metadata.get("order"), coll.metadata.get("sort_by")
        if isinstance(order, list):
            table = {d.relative_path: d for d in sort_documents(coll.docs)}
            wanted = dict.fromkeys(f"{coll.relative_directory}/{e}" for e in order)
            listed = [table[p] for p in wanted if p in table]
            coll.docs = listed + [d for p, d in table.items() if p not in wanted]
        elif isinstance(sort_by, str):
            coll.docs = sort_documents_by(coll.docs, sort_by)
        else:
            coll.docs = sort_documents(coll.docs)

    def _collection_template(self, coll: Collection) -> str:
        return str(coll.metadata.get("permalink") or add_permalink_suffix(
            "/:collection/:path", self.config.get("permalink")))

    # --- documents ------------------------------------------------------------------------

    def _read_document(self, path: Path, coll: Collection, draft: bool) -> Document | None:
        # Jekyll's `path.sub("#{collections_path}/", "")`: a post of "collection/_posts" read
        # for `collections_dir: coll` (its prefix) keeps its whole path
        relative = str(path).replace(f"{self.collections_path}/", "", 1)
        special = "_drafts" if draft else coll.relative_directory
        # Jekyll's Document#initialize: `draft` first (its `draft?`), then the folders' categories.
        data: dict[str, Any] = {"draft": draft,
                                "categories": _categories_from_path(relative, special, path.name)}
        defaults = self.defaults.all(relative, "drafts" if draft else coll.label)
        if defaults:
            data = _merge_data(data, defaults)
        text = read_text(path, relative)
        front, body, line = parse(text, relative)
        data = _merge_data(data, front)
        doc = Document(path=path, relative_path=relative, collection=coll.label, data=data,
                       content=body, body_line=line, draft=draft, defaults=defaults,
                       header=text[: len(text) - len(body)], nulled=_nulled(front))
        if "date" in data:
            self._front_matter_date(doc, "date" in front, text)
        try:
            self._post_data(doc)
        except ValueError as err:
            raise SiteError(f"invalid date in the file name ({err})", relative) from None
        doc.output_ext = self._output_ext(doc)
        doc.url = self._document_url(doc, coll)
        return doc

    def _front_matter_date(self, doc: Document, own: bool, text: str) -> None:
        """`date` read as Jekyll's `Time.parse` reads it. One whose year comes from the moment
        of building (a typo like "202O-06-21" is day 202 of this year) is read so too, with a
        warning, and the build is not taken as current in a later year."""
        raw, at = doc.data["date"], doc.key_line("date") if own else None
        where = f"{doc.relative_path}:{at}" if at else doc.relative_path
        try:
            doc.data["date"] = parse_date(raw, self.tz)
        except ValueError as err:
            raise SiteError(f"invalid date {str(raw)!r} ({err}) in the front matter"
                            + ("" if own else " defaults"), doc.relative_path, at, None,
                            line_at(text, at) if at else None) from None
        if year_from_build_time(raw):
            self.site.volatile.add("a date without a year")
            print(f"warning: {where}: date {raw!r} has no year that Jekyll reads; it reads it "
                  f"as {doc.data['date']:%Y-%m-%d}, in the year of the build, and so does "
                  "sitegen", file=sys.stderr)

    def _post_data(self, doc: Document) -> None:
        """Jekyll's `read_post_data`: date, title and slug from the file name, categories, tags,
        excerpt."""
        data = doc.data
        match = DATE_NAME.match(doc.relative_path)
        if match:
            date, slug, ext = match.groups()
            # Jekyll takes a date equal to the build time (to the second) for its own default
            # and replaces it with the file name's date.
            if not data.get("date") or int(data["date"].timestamp()) == int(
                    self.site.time.timestamp()):
                data["date"] = parse_date(date, self.tz)
        else:
            match = DATELESS_NAME.match(doc.relative_path)
            slug, ext = match.groups() if match else (doc.basename, doc.extname)
        slug = slug.rstrip(".")
        data.setdefault("title", " ".join(w.capitalize() for w in slug.split("-")))
        data.setdefault("slug", slug)
        data.setdefault("ext", ext)
        # Jekyll's publisher asks a post for its date before sorting, unless `future` is on
        doc.dated = bool(data.get("date")) or (doc.collection == "posts"
                                               and not self.config.get("future"))
        if not data.get("date"):
            data["date"] = (datetime.fromtimestamp(doc.path.stat().st_mtime, self.tz)
                            if doc.draft else self.site.time)
        categories = _as_list(data.get("categories")) + _pluralized(data, "category",
                                                                   "categories")
        # Jekyll's `populate_categories`: as text, then unioned with the values as written
        # (`categories: [2020]` gives `[2020, "2020"]`); tags stay as written, repeats too.
        named = _unique([_to_s(c) for c in _flatten(categories)])
        data["categories"] = _unique(_as_list(data.get("categories")) + named)
        data["tags"] = list(_flatten(_pluralized(data, "tag", "tags")))
        self._add_excerpt(doc)

    def _add_excerpt(self, doc: Document) -> None:
        doc.excerpt = excerpt_of(doc, self.config)

    def _document_url(self, doc: Document, coll: Collection) -> str:
        template = self._collection_template(coll)
        permalink = doc.data.get("permalink")
        lookup = _UrlPlaceholders(doc, coll)
        where = doc.relative_path
        try:
            return urls.sanitize(urls.from_lookup(str(permalink) if permalink else template,
                                                  lookup, where))
        except KeyError as err:
            raise SiteError(str(err.args[0]), where, 1) from None

    def _output_ext(self, doc: Document) -> str:
        permalink = doc.data.get("permalink")
        if permalink and not str(permalink).endswith("/"):
            ext = os.path.splitext(str(permalink))[1]
            if ext:
                return ext
        ext = doc.extname
        if ext.lower() in self.markdown_exts:
            return ".html"
        if ext in SASS_EXTS:
            return ".css"
        return ext


class _UrlPlaceholders:
    """The values of `:year`, `:title`… for a document (Jekyll's `UrlDrop`)."""

    FORMATS = {
        "year": "%Y", "month": "%m", "day": "%d", "hour": "%H", "minute": "%M", "second": "%S",
        "i_day": "%-d", "i_month": "%-m", "short_month": "%b", "long_month": "%B",
        "short_year": "%y", "w_year": "%G", "week": "%V", "w_day": "%u", "short_day": "%a",
        "long_day": "%A", "y_day": "%j",
    }

    def __init__(self, doc: Document, coll: Collection):
        self.doc, self.coll = doc, coll

    def __call__(self, key: str) -> Any:
        doc, data = self.doc, self.doc.data
        if key in self.FORMATS:
            return strftime(doc.date, self.FORMATS[key])
        if key == "collection":
            return self.coll.label
        if key == "path":
            rel = doc.relative_path[: -len(doc.extname)] if doc.extname else doc.relative_path
            return rel.replace(self.coll.relative_directory, "", 1).rstrip(".")
        if key == "output_ext":
            return doc.output_ext
        if key == "name":
            return slugify(doc.basename)
        if key == "title":
            return (slugify(str(data["slug"]), mode="pretty", cased=True) if data.get("slug")
                    else slugify(doc.basename, mode="pretty", cased=True))
        if key == "slug":
            return slugify(str(data["slug"])) if data.get("slug") else slugify(doc.basename)
        if key == "categories":
            return "/".join(_unique([str(c).lower() for c in _as_list(data.get("categories"))]))
        if key == "slugified_categories":
            return "/".join(_unique([slugify(str(c)) for c in _as_list(data.get("categories"))]))
        return KeyError


LIQUID_TAG = re.compile(r"{%-?\s*(\w+)\s*.*?-?%}", re.S)
LINK_REF = re.compile(r"^ {0,3}(?:(\[[^\]]+\])(:.+))$", re.M)
LIQUID_BLOCKS = {"if", "unless", "case", "for", "tablerow", "capture", "comment", "raw",
                 "highlight", "ifchanged"}


def _files_below(root: Path) -> list[str]:
    """Paths (from `root`) of the files below it, in `sorted(root.rglob("*"))` order, without
    the cost of a `Path` per file."""
    found = []
    for folder, _, names in os.walk(root):
        relative = os.path.relpath(folder, root)
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in names if os.path.isfile(os.path.join(folder, name))]
    return sorted(found, key=lambda path: path.split("/"))


def _with_theme_config(config: dict[str, Any], theme: Theme) -> dict[str, Any]:
    """The theme's `_config.yml` under the site's, minus the keys Jekyll itself defines."""
    path = theme.root / "_config.yml"
    if not path.is_file() or path.is_symlink() or config.get("ignore_theme_config") is True:
        return config
    data = load_yaml(read_text(path), str(path))
    if not isinstance(data, dict):
        return config
    data = {k: v for k, v in data.items() if k not in DEFAULTS}
    return deep_merge(data, config)


def read_layout(path: Path, name: str, source: Path) -> Layout:
    """One layout file: its front matter, its body and the line the body starts on."""
    where = shown(path, source)
    data, body, line = parse(read_text(path, where), where)
    return Layout(name, path, data, body, line)


def excerpt_of(doc: Document, config: dict[str, Any]) -> Excerpt | None:
    """The excerpt Jekyll makes, unless the front matter gives one or the separator is empty
    (`data["excerpt"] ||= Excerpt.new(self)`: a null or false `excerpt` is made too)."""
    if doc.is_page and not (config.get("page_excerpts") and doc.is_html):
        return None
    # Ruby's `data["excerpt_separator"] || config[...]`: an empty string is a separator too
    own = doc.data.get("excerpt_separator")
    separator = own if own is not None and own is not False else config.get("excerpt_separator")
    separator = "" if separator is None else str(separator)
    if not separator or ruby_truthy(doc.data.get("excerpt")):
        return None
    return Excerpt(doc, extract_excerpt(doc.content, separator))


def renew_excerpt(site: Any, doc: Document) -> None:
    """What plugins that change a body after reading do to its excerpt (`Excerpt.new` when
    the document has one): made again from the new body, even in place of the one a
    document's front matter gave (a page keeps that one)."""
    if doc.excerpt is None and (doc.is_page or not doc.data.get("excerpt")):
        return
    doc.data.pop("excerpt", None)
    doc.excerpt = excerpt_of(doc, site.config)


def extract_excerpt(content: str, separator: str) -> str:
    """Jekyll's excerpt: text before the separator, open Liquid blocks closed, and the link
    reference definitions it uses appended."""
    head, sep, tail = content.partition(separator)
    if not sep or not tail:
        return head
    if "{%" in head:
        for name in reversed(LIQUID_TAG.findall(head)):
            if name in LIQUID_BLOCKS and not re.search(r"{%-?\s*end" + name + r".*?\s*-?%}",
                                                     head, re.S):
                head += "\n{% end" + name + " %}"
    definitions = [a + b for a, b in LINK_REF.findall(tail) if a in head]
    if not definitions:
        return head
    return head + "\n\n" + "\n".join(definitions)


def _pjoin(base: str, item: str) -> str:
    """Ruby's `File.join(base, item)` as Jekyll's PathManager uses it: "" + "a" is "/a"."""
    return base.rstrip("/") + "/" + item.lstrip("/")


def _categories_from_path(relative: str, special: str, name: str) -> list[str]:
    if relative.startswith(special):
        return []
    index = relative.find(special)
    superdirs = relative[:index] if index >= 0 else relative
    return [c for c in superdirs.split("/") if c and c != special and c != name]


def _nulled(front: dict[str, Any]) -> frozenset[str]:
    """The keys a file's own front matter sets to null, which defaults may not fill in for
    Jekyll's renderer (see `Document.layout_name`)."""
    return frozenset(key for key, value in front.items() if value is None)


def _merge_data(data: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """Jekyll's `merge_data!`: categories are unioned, everything else deep-merged."""
    other = dict(other)
    cats = other.get("categories")
    if cats is not None:
        if isinstance(cats, str):
            cats = cats.split()
        if isinstance(data.get("categories"), list):
            cats = _unique(data["categories"] + _as_list(cats))
        other["categories"] = cats
    return deep_merge(data, other)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _pluralized(data: dict[str, Any], singular: str, plural: str) -> list:
    """Jekyll's `pluralized_array_from_hash`: the singular key wins; a plural string splits."""
    if singular in data:
        value = data[singular]
    elif plural in data:
        value = data[plural]
        value = value.split() if isinstance(value, str) else (
            [v for v in value if v is not None] if isinstance(value, list) else None)
    else:
        value = None
    return [v for v in _flatten([value]) if v is not None]


def _flatten(items: list) -> list:
    out: list = []
    for item in items:
        if isinstance(item, list):
            out.extend(_flatten(item))
        else:
            out.append(item)
    return out


def _unique(items: list) -> list:
    """Ruby's `uniq` (and `|`): equal as `eql?` holds, so `1`, `1.0` and `true` differ."""
    out: list = []
    for item in items:
        if not any(type(item) is type(seen) and item == seen for seen in out):
            out.append(item)
    return out


def _to_s(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)
