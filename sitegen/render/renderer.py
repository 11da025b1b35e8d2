"""Rendering: Liquid, then Markdown, then the layouts: Jekyll's `Renderer`, for every
document."""

from __future__ import annotations

import multiprocessing
import os
import re
from bisect import bisect_left, insort
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any, Callable, Sequence, TextIO

from liquid import BoundTemplate
from liquid.exceptions import LiquidError
from liquid.token import Token

from ..config import markdown_exts
from ..errors import SiteError, line_at, shown
from ..read.frontmatter import read_text
from ..site import Document, Excerpt, Layout, Site, StaticFile
from ..urls import url_dir
from .drops import (CollectionDrop, DocumentDrop, ExcerptDrop, JekyllDrop, PageDrop, SiteDrop,
                    StaticFileDrop)
from .filters import apply_filter
from .liquid_env import JekyllEnvironment
from .markdown import markdown_converter
from .plan import (ASSET_EXTS, PARALLEL_MIN_DOCS, SHARED_ROOTS, SHARED_TAGS, Planner,
                   reads_only, reads_payload_content)
from .ruby import ruby_to_s
from .sass import compile_sass, convert_sass, load_paths


class Renderer:
    """Renders every document of one `Site`; holds the caches that make that cheap."""

    def __init__(self, site: Site, plugin_tags: list = (), post_render: list = (),
                 plugin_filters: dict[str, Callable[..., Any]] | None = None):
        self.site = site
        self.post_render = list(post_render)
        self.config = site.config
        self.env = JekyllEnvironment(self, site.config, list(plugin_tags), plugin_filters)
        self.markdown: Callable[[str], str] = markdown_converter(site.config)
        self.markdown_exts = markdown_exts(site.config)
        self.jekyll = JekyllDrop(site.environment)
        self.site_drop = SiteDrop(self)
        self._templates: dict[str, BoundTemplate] = {}
        self._sources: dict[str, tuple[str, int]] = {}   # template name -> (text, first line)
        self._drops: dict[int, Any] = {}
        self._listings: dict[str, Any] = {}
        self._positions: dict[str, dict[int, int]] = {}
        self._names: dict[Path, str] = {}
        self._located: dict[tuple[str, tuple[Path, ...]], Path | None] = {}
        self._urls_by_path: dict[str, str] | None = None
        self._load_paths: list[str] | None = None   # Sass's (`_sass_load_paths`)
        self._rendering: list[Document | Excerpt] = []
        # document -> the documents, excerpts or generated pages whose output used its body
        self.content_readers: dict[Document, set[Document | Excerpt | None]] = {}
        # an include file's path, or "site.data" -> the documents whose output used it
        self.dependents: dict[str, set[Document | None]] = {}
        self._on_rendered: Callable[[Document], None] | None = None
        self._shared_ok: dict[str, bool] = {}     # include name -> same output on every page
        self._shared: dict[str, tuple[str, list]] = {}   # -> (output, reads to replay)
        self._notes: list[list[Note]] = []   # being recorded for shared includes
        # While documents render in parallel: whether one read another's rendered body.
        self._watching_order = False
        self.read_across = False
        # While pages render in parallel: every document is rendered (its body is settled).
        self._documents_done = False
        # While layouts render in a second pass: id(document) -> its body before rendering.
        self._unrendered: dict[int, str | None] | None = None
        self.warnings: dict[str, None] = {}   # in the order met, each once
        self.parallel_plan = "in order"   # how a big site's documents may render (`Planner`)
        self.pages_in_parallel = 0   # how many pages rendered in parallel (`_render_pages`)
        # A document's place in the rendering order -> the `content` its outermost layout saw:
        # Jekyll's one payload for the whole build leaves it for the next body that reads it.
        self._layout_content: dict[int, str] = {}
        self._with_layouts: list[int] = []   # the places above, in order
        self._order: list[Document] = []     # documents, then pages
        self._places: dict[int, int | None] = {}   # id(document or page) -> place in _order
        # jekyll-include-cache's outputs, by file and parameter values: like `increment`'s
        # counters, they carry over from one document to the next.
        self.cached_includes: dict[tuple[str, Any], str] = {}

    # --- the whole site -------------------------------------------------------------------

    def render_all(self, parallel: bool = True,
                   on_rendered: Callable[[Document], None] | None = None) -> None:
        """Documents of every collection first, then pages, as Jekyll orders them. On big
        sites, in parallel processes: in one pass when no template can see another
        document's rendered `content` (then the order cannot matter); in two when only
        layouts can (every body first, then every layout, each document seeing the others'
        bodies as Jekyll's order has them, see `seen_body`). `on_rendered` sees each
        collection document as soon as it is rendered (in whichever process rendered it), so
        that writing overlaps rendering."""
        self._on_rendered = on_rendered
        docs, rendered = self.site.documents(), 0
        workers = min(os.cpu_count() or 1, 4)
        planner = Planner(self.site, self.env, self._with_liquid)
        if parallel and len(docs) >= PARALLEL_MIN_DOCS:
            self.parallel_plan = planner.documents()
        plan = self.parallel_plan if workers > 1 else "in order"
        if plan == "one pass":
            alongside = planner.leading_free_pages(self.site.pages)
            self._in_order_if_read_across(docs + alongside, lambda items: self._in_parallel(
                items, workers, self._render_and_hand_on))
            rendered = len(alongside)
        elif plan == "two passes":
            self._in_order_if_read_across(docs, lambda items: self._in_two_passes(items,
                                                                                   workers))
        else:
            for doc in docs:
                self._render_and_hand_on(doc)
        self._render_pages(rendered, workers if parallel else 1, planner)

    def _render_pages(self, start: int, workers: int, planner: Planner) -> None:
        """The pages from `start` on, in order, but long runs that may render in any order
        (`Planner.pages_runs`) in parallel: every document is rendered by now, so only what
        a page reads of other pages could depend on the order, and `note_content_read`
        watches that."""
        pages = self.site.pages   # the list itself: a Sass page adds its source map to it
        runs = planner.pages_runs(pages[start:], start) if workers > 1 else {}
        i = start
        while i < len(pages):
            end = runs.get(i)
            if end is None:
                self.render_document(pages[i])
                i += 1
                continue
            self._documents_done = True
            try:
                self._in_order_if_read_across(pages[i:end], lambda items: self._in_parallel(
                    items, workers, self.render_document))
            finally:
                self._documents_done = False
            self.pages_in_parallel += 0 if self.read_across else end - i
            i = end

    def render_document(self, doc: Document, step: str = "all") -> None:
        """Render `doc`: its body (Liquid, then the converter), then its layouts around it,
        or only one `step` of the two ("body", "layouts"), when documents render in two
        passes."""
        if doc.generated is not None:
            self._rendering.append(doc)
            try:
                doc.output = doc.generated(self, doc)
            finally:
                self._rendering.pop()
            return
        page = PageDrop(doc, self, content=doc.content) if doc.is_page else self.drop(doc)
        layout = self._layout_of(doc)
        payload = self._payload(doc, page, dict(layout.data) if layout else {})
        if doc.pager is not None:
            payload["paginator"] = self._paginator(doc.pager)
        output = doc.content
        self._rendering.append(doc)
        try:
            if step != "layouts":
                self._forget_layout_content(doc)
                if self._with_liquid(doc):
                    payload["content"] = self._payload_content(doc)
                    output = self.render_liquid(output, payload, doc.relative_path,
                                                doc.body_line, doc.path)
                output = self.convert(output, doc)
                doc.content = output
            if step != "body" and layout is not None and not doc.asset and \
                    doc.extname not in ASSET_EXTS:
                output = self._place_in_layouts(output, payload, layout, doc)
        finally:
            self._rendering.pop()
        if step == "body":
            return
        doc.output = output
        for hook in self.post_render:
            hook(self, doc)

    def _in_order_if_read_across(self, items: list[Document],
                                 render: Callable[[list[Document]], Failure | None]) -> None:
        """Render `items` with `render` (in parallel). Should a document turn out to read
        another one's body after all (`{{ page.previous }}` prints it; the static checks
        cannot see every such template), they are rendered again, in order, in this process.
        Otherwise the error a serial build meets first is raised, whichever process met it."""
        bodies = [(item.content, item.output) for item in items]
        records = self._records()
        self.read_across = False
        failure = render(items)
        if self.read_across:
            for item, (content, output) in zip(items, bodies):
                item.content, item.output = content, output
            self.dependents, self.content_readers = {}, {}
            self._merge_records(records)
            for item in items:
                self._render_and_hand_on(item)
        elif failure:
            raise failure[1]

    def _in_two_passes(self, docs: list[Document], workers: int) -> Failure | None:
        """Every document's body in parallel, then every document's layouts in parallel,
        where a document placed after the one rendering still shows its unrendered body
        (`seen_body`). Layouts run only for the documents before the first body that fails,
        so the failure returned is the one a serial build meets first."""
        unrendered = {id(doc): doc.content for doc in docs}
        failure = self._in_parallel(docs, workers, lambda doc: self.render_document(doc, "body"))
        if self.read_across:
            return None
        self._unrendered = unrendered
        try:
            cut = failure[0] if failure else len(docs)
            return self._in_parallel(docs[:cut], workers, self._render_layouts_and_hand_on) \
                or failure
        finally:
            self._unrendered = None

    def _render_layouts_and_hand_on(self, doc: Document) -> None:
        self.render_document(doc, "layouts")
        if self._on_rendered is not None:
            self._on_rendered(doc)

    def _in_parallel(self, items: list[Document], workers: int,
                     step: Callable[[Document], None]) -> Failure | None:
        """Do `step` on each of `items` in `workers` processes, each claiming the next few
        items as it gets free, so that all finish together however unequal the items; the
        failure a serial build would meet first. Pages go first: they list the documents, so
        they take longest, and claimed last they would leave one process working alone at
        the end."""
        global _FORKED
        context = multiprocessing.get_context("fork")
        order = [i for i, item in enumerate(items) if item.is_page] + \
            [i for i, item in enumerate(items) if not item.is_page]
        _FORKED = (self, items, step, order, context.Value("i", 0))   # inherited by workers
        self._watching_order = True
        try:
            with ProcessPoolExecutor(workers - 1, mp_context=context) as pool:
                futures = [pool.submit(_render_claimed_in_worker) for _ in range(workers - 1)]
                first = _render_claimed(*_FORKED[1:])[1]
                failures = [first] if first else []
                for future in futures:
                    report = future.result()
                    failures += [report.failure] if report.failure else []
                    for i, (content, output) in zip(report.places, report.rendered):
                        items[i].content, items[i].output = content, output
                    self.site.volatile |= report.volatile
                    self._merge_records(report.records)
                    self.read_across |= report.read_across
                    self.warnings.update(report.warnings)
                    if report.layout_content is not None:
                        self._keep_layout_content_at(*report.layout_content)
        finally:
            self._watching_order = False
        return min(failures, key=lambda failure: failure[0]) if failures else None

    def _records(self) -> "Records":
        """What this (forked) process recorded about who read what, with documents named by
        their place in the site (objects do not survive the trip back to the parent)."""
        places = {id(d): i for i, d in enumerate(self.site.documents() + self.site.pages)}

        def place(item: Document | Excerpt | None) -> tuple[int, bool] | None:
            if item is None:
                return None
            if isinstance(item, Excerpt):
                return places[id(item.doc)], True
            return places[id(item)], False

        return ({key: [place(d) for d in docs] for key, docs in self.dependents.items()},
                [(place(doc), [place(r) for r in readers])
                 for doc, readers in self.content_readers.items()])

    def _merge_records(self, records: "Records") -> None:
        """Add a worker's `_records` to this process's, so that `serve` knows every reader."""
        everything = self.site.documents() + self.site.pages

        def item(place: tuple[int, bool] | None) -> Any:
            if place is None:
                return None
            doc = everything[place[0]]
            return doc.excerpt if place[1] else doc

        dependents, readers = records
        for key, places in dependents.items():
            self.dependents.setdefault(key, set()).update(item(p) for p in places)
        for place, seen_by in readers:
            self.content_readers.setdefault(item(place), set()).update(item(p) for p in seen_by)

    def _render_and_hand_on(self, doc: Document) -> None:
        self.render_document(doc)
        if self._on_rendered is not None:
            self._on_rendered(doc)

    def seen_body(self, doc: Document, key: str) -> str | None:
        """`doc`'s `content` or `output` (`key`) as the document being rendered sees it: what
        `doc` holds, in Jekyll's order. While layouts render in a second pass (every body is
        rendered already), a document placed after the one rendering still shows its
        unrendered body and no output, as in Jekyll's order; one placed before shows its
        output, which only a rendering in order has: `read_across`."""
        if self._unrendered is not None and self._rendering:
            reader = self._rendering[0]
            reader = reader.doc if isinstance(reader, Excerpt) else reader
            mine, theirs = self._place(reader), self._place(doc)
            if doc is not reader and mine is not None and theirs is not None:
                if theirs > mine:
                    return self._unrendered.get(id(doc)) if key == "content" else None
                if key == "output":
                    self.read_across = True
        return doc.content if key == "content" else doc.output

    def _payload_content(self, doc: Document) -> str | None:
        """`content` in a body (not a layout): Jekyll renders every document with one payload,
        so it is what the outermost layout of the last document rendered with layouts saw,
        nil before any. While documents render in parallel it stays nil: `Planner` keeps
        bodies that read it in order."""
        place = self._place(doc)
        if self._watching_order or place is None:
            return None
        before = bisect_left(self._with_layouts, place)
        if before == 0:
            return None
        source = self._with_layouts[before - 1]
        if reads_payload_content(doc.content):   # serve renders it again when that changes
            self.note_content_read(self._order[source])
        return self._layout_content[source]

    def _place(self, doc: Document) -> int | None:
        """`doc`'s place in the rendering order (documents, then pages)."""
        if id(doc) not in self._places:   # new: the first time, or a Sass page's source map
            self._order = self.site.documents() + self.site.pages
            self._places = {id(item): i for i, item in enumerate(self._order)}
            self._places.setdefault(id(doc), None)
        return self._places[id(doc)]

    def _keep_layout_content(self, doc: Document, content: str) -> None:
        place = self._place(doc)
        if place is not None:
            self._keep_layout_content_at(place, content)

    def _keep_layout_content_at(self, place: int, content: str) -> None:
        if place not in self._layout_content:
            insort(self._with_layouts, place)
        self._layout_content[place] = content

    def _forget_layout_content(self, doc: Document) -> None:
        place = self._place(doc)
        if place in self._layout_content:
            del self._layout_content[place]
            self._with_layouts.remove(place)

    def _paginator(self, pager: dict[str, Any]) -> dict[str, Any]:
        return {**pager, "posts": [self.drop(p) for p in pager["posts"]]}

    def _payload(self, doc: Document | None, page: Any, layout: dict[str, Any]) -> dict[str, Any]:
        # Jekyll's Markdown converter asks for a line break around `{% highlight %}`'s output.
        around = "\n" if doc is not None and doc.extname.lower() in self.markdown_exts else ""
        return {"site": self.site_drop.for_document(doc), "page": page, "layout": layout,
                "content": None, "paginator": None, "jekyll": self.jekyll,
                "highlighter_prefix": around, "highlighter_suffix": around}

    def _with_liquid(self, doc: Document) -> bool:
        if doc.asset:   # a source map: its `sourcesContent` holds the partials' raw text
            return False
        if doc.data.get("render_with_liquid") is False:
            return False
        if not doc.is_page and doc.extname in (".yml", ".yaml", ".coffee"):
            return False
        return "{%" in doc.content or "{{" in doc.content

    def _layout_of(self, doc: Document) -> Layout | None:
        name = doc.layout_name
        if name is None or name == "none" or (not doc.is_page and
                                              doc.extname in (".yml", ".yaml")):
            return None
        layout = self.site.layouts.get(ruby_to_s(name))
        if layout is None:
            # Jekyll's "Build Warning: Layout '…' requested in … does not exist.": the file
            # is written without a layout (and `layout: false` or a document's `layout: null`
            # under a default that names a missing layout mean just that).
            line = None if "layout" in doc.nulled else doc.key_line("layout")
            where = f"{doc.relative_path}:{line}" if line else doc.relative_path
            if line is None and "layout" in doc.defaults:
                where += " (front matter defaults)"
            self.warnings[f"warning: {where}: layout '{ruby_to_s(name)}' does not exist "
                          f"(looked in {self.config['layouts_dir']}/); the file is written "
                          "without a layout, as Jekyll does"] = None
        return layout

    def in_layouts(self, doc: Document, content: str, layout: Layout) -> str:
        """`content` of the page `doc` placed in `layout` and the layouts around it: for a
        plugin's generated page (a jekyll-archives archive)."""
        return self._place_in_layouts(content, self._payload(doc, self.drop(doc),
                                                             dict(layout.data)), layout, doc)

    def _place_in_layouts(self, content: str, payload: dict[str, Any], layout: Layout,
                          doc: Document) -> str:
        """Each layout wraps the output, up its chain; inner layouts' data wins. What the last
        one saw as `content` stays for the next body that reads it (`_payload_content`)."""
        used: list[Layout] = []
        merged: dict[str, Any] = {}
        current: Layout | None = layout
        while current is not None and current not in used:
            used.append(current)
            merged = {**current.data, **merged}
            payload["content"] = content
            payload["layout"] = merged
            self._keep_layout_content(doc, content)
            name = self._name(current.path)
            content = self.render_liquid(current.content, payload, name, current.body_line,
                                         current.path)
            parent = current.data.get("layout")
            if parent is None or parent is False:
                break
            current = self._parent_layout(parent)
            if current is None and parent != "none":   # Jekyll stops there, silently
                self.warnings[f"warning: {name}: layout '{ruby_to_s(parent)}' (named by "
                              f"layout '{used[-1].name}') does not exist; the layouts stop there, "
                              "as in Jekyll"] = None
        return content

    def _parent_layout(self, name: Any) -> Layout | None:
        """The layout a layout names: `site.layouts[name]` as is, so `none` is the layout
        `_layouts/none.html` when there is one (only a document's `layout: none` means no
        layout) and a name that is not a string (a number) is none."""
        return self.site.layouts.get(name) if isinstance(name, str) else None

    def convert(self, text: str, doc: Document) -> str:
        """The converter Jekyll picks by extension: Markdown, Sass/SCSS, or none."""
        ext = doc.extname
        if ext.lower() in self.markdown_exts:
            return self.markdown(text)
        if ext in (".scss", ".sass") and doc.is_page:
            return self._sass(text, doc)
        return text

    def _sass(self, text: str, doc: Document) -> str:
        result = compile_sass(
            text, name=doc.name, basename=doc.basename, config=self.config,
            source=self.site.source, include_paths=self._sass_load_paths(),
            environment=self.site.environment, relative_path=doc.relative_path,
            first_line=doc.body_line)
        if result.source_map is not None:
            self._add_map_page(doc, result.source_map)
        return result.css

    def sass_filter(self, text: str, syntax: str) -> str:
        """`scssify` and `sassify` (`syntax`): text through the site's Sass converter."""
        return convert_sass(text, syntax=syntax, config=self.config, source=self.site.source,
                            include_paths=self._sass_load_paths())

    def _sass_load_paths(self) -> list[str]:
        """Sass's load paths, looked up on disk once per build."""
        if self._load_paths is None:
            theme_sass = self.site.theme.folder("_sass") if self.site.theme else None
            self._load_paths = load_paths(self.config, self.site.source, theme_sass)
        return self._load_paths

    def _add_map_page(self, doc: Document, source_map: str) -> None:
        """jekyll-sass-converter's `SourceMapPage`: appended to the site's pages as the Sass
        is converted, so `site.pages` shows it to the pages rendered after this one (the
        listing is made again). Its path is its URL's folder plus its name, as a `Page`'s."""
        name = doc.basename + ".css.map"
        self.site.pages.append(Document(
            path=doc.path.with_name(name), relative_path=url_dir(doc.url).lstrip("/") + name,
            collection=None, data=doc.data, content=source_map, dir=doc.dir,
            url=_map_url(doc), output_ext=".map", asset=True))
        self._listings.pop("pages", None)

    # --- Liquid ---------------------------------------------------------------------------

    def first_line(self, name: str) -> int:
        """The file line on which the template `name`'s text starts (after front matter)."""
        return self._sources.get(name, ("", 1))[1]

    def render_liquid(self, source: str, payload: dict[str, Any], name: str, first_line: int,
                      path: Path) -> str:
        """Render `source` (line `first_line` of file `name`); errors become `SiteError`s."""
        try:
            template = self._parse(source, name, first_line, path)
            return template.render(**payload)
        except LiquidError as err:
            raise self._error(err, name) from None

    def _parse(self, source: str, name: str, first_line: int, path: Path) -> BoundTemplate:
        key = f"{name}\0{first_line}"
        template = self._templates.get(key)
        if template is None or self._sources[name][0] != source:
            self._sources[name] = (source, first_line)
            template = self.env.from_string(source, name=name, path=name)
            self._templates[key] = template
        return template

    def template(self, path: Path) -> BoundTemplate:
        """An include file, parsed once per build (its syntax errors name it)."""
        name = self._name(path)
        key = f"{name}\0{1}"
        if key not in self._templates:
            source = read_text(path, name)
            self._sources[name] = (source, 1)
            try:
                self._templates[key] = self.env.from_string(source, name=name, path=name)
            except LiquidError as err:
                err.template_name = name   # type: ignore[attr-defined]
                raise
        return self._templates[key]

    def locate(self, file: str, dirs: Sequence[Path]) -> Path | None:
        """The first of `dirs` that holds the include `file`, looked up once per build (serve
        makes a new renderer when an include file comes or goes)."""
        key = (file, tuple(dirs))
        if key not in self._located:
            self._located[key] = next((d / file for d in dirs if (d / file).is_file()), None)
        return self._located[key]

    def forget_template(self, path: Path) -> None:
        """Drop a cached include so that the next use reads the file again."""
        self._templates.pop(f"{self._name(path)}\0{1}", None)
        self._shared_ok.pop(self._name(path), None)

    def template_from_string(self, source: str) -> BoundTemplate:
        key = f"<markup>\0{source}"
        if key not in self._templates:
            self._templates[key] = self.env.from_string(source)
        return self._templates[key]

    def _name(self, path: Path) -> str:
        """A template's name in messages: its path from the source folder."""
        name = self._names.get(path)
        if name is None:
            name = self._names[path] = shown(path, self.site.source)
        return name

    def _error(self, err: LiquidError, fallback: str) -> SiteError:
        name = getattr(err, "template_name", None) or fallback
        name = str(name)
        source, first = self._sources.get(name, ("", 1))
        line = column = None
        context = err.context() if callable(getattr(err, "context", None)) else None
        if context:
            line, column = context[0], context[1] + 1
        message = getattr(err, "message", None) or str(err)
        if isinstance(message, str):
            message = message.split(", on line")[0]
            unclosed = UNCLOSED.match(message)
            if unclosed and line is None:   # found at the end: name the tag left open
                tag = unclosed.group(1)
                message = f"'{tag}' tag was never closed with {{% end{tag} %}}"
                line, column = _opening(source, tag)
        doc_line = None if line is None else line + first - 1
        for outer, outer_line in getattr(err, "included_from", []):
            message += f", included from {outer}:{outer_line + self._sources[outer][1] - 1}"
        return SiteError(f"Liquid error: {message}", name, doc_line, column,
                         line_at(source, line) if line else None)

    def warn_unknown_filter(self, filter_name: str, template: str, token: Token) -> None:
        first = self._sources.get(template, ("", 1))[1]
        line = token.source.count("\n", 0, token.start_index) + first
        self.warnings[f"warning: {template}:{line}: unknown filter '{filter_name}': its input "
                      "is passed on unchanged, as Jekyll does (set liquid.strict_filters to "
                      "make it an error)"] = None

    # --- what tags and drops ask for ------------------------------------------------------

    def drop(self, item: Document | StaticFile) -> Any:
        key = id(item)
        if key not in self._drops:
            if isinstance(item, StaticFile):
                self._drops[key] = StaticFileDrop(item, self.site.time.tzinfo)
            elif hasattr(item, "liquid_drop"):   # a plugin's kind of page (jekyll-archives)
                self._drops[key] = item.liquid_drop(self)
            elif item.is_page:
                self._drops[key] = PageDrop(item, self)
            else:
                self._drops[key] = DocumentDrop(item, self)
        return self._drops[key]

    def listing(self, key: str) -> Any:
        """`site.posts`, `site.pages`, `site.categories`… computed once per build."""
        if key not in self._listings:
            self._listings[key] = self._compute_listing(key)
        return self._listings[key]

    def collection_listing(self, label: str) -> list[Any]:
        """`site.<label>`: a collection's documents (but posts'), once per build, kept apart
        from the `site` key of the same name that the collection hides (`pages`)."""
        key = "collection " + label
        if key not in self._listings:
            self._listings[key] = [self.drop(d) for d in self.site.collections[label].docs]
        return self._listings[key]

    def _compute_listing(self, key: str) -> Any:
        site = self.site
        if key == "posts":
            return [self.drop(d) for d in reversed(site.posts.docs)]
        if key == "pages":
            return [self.drop(p) for p in site.pages]
        if key == "html_pages":
            return [self.drop(p) for p in site.pages if p.is_html or p.url.endswith("/")]
        if key == "static_files":
            return [self.drop(f) for f in site.static_files]
        if key == "documents":   # each collection's documents, then its static files
            return [self.drop(item) for c in site.collections.values()
                    for item in [*c.docs, *c.files]]
        if key == "collections":
            return [CollectionDrop(c, self) for c in sorted(site.collections.values(),
                                                            key=lambda c: c.label)]
        if key in ("categories", "tags"):
            groups: dict[str, list[Document]] = {}
            for doc in site.posts.docs:
                for name in doc.data.get(key) or []:
                    groups.setdefault(name, []).append(doc)
            return {name: [self.drop(d) for d in sorted(docs, key=Document.sort_key, reverse=True)]
                    for name, docs in groups.items()}
        raise KeyError(key)

    def related_posts(self, doc: Document) -> list[Any]:
        posts = self.site.posts.docs
        if len(posts) <= 1:
            return []
        recent = [d for d in reversed(posts[-11:]) if d is not doc]
        return [self.drop(d) for d in recent[:10]]

    def neighbour(self, doc: Document, step: int) -> Any:
        """`page.previous` / `page.next`: the neighbour in the collection's order."""
        docs = self.site.collections[doc.collection].docs
        if doc.collection not in self._positions:
            self._positions[doc.collection] = {id(d): i for i, d in enumerate(docs)}
        i = self._positions[doc.collection].get(id(doc))
        if i is None or not 0 <= i + step < len(docs):
            return None
        return self.drop(docs[i + step])

    def excerpt(self, excerpt: Excerpt) -> str:
        """Render an excerpt the first time something asks for it (Jekyll does it lazily)."""
        if excerpt.output is None:
            doc = excerpt.doc
            drop = ExcerptDrop(excerpt, self)
            payload = self._payload(None, drop, {})
            output = excerpt.content
            self._rendering.append(excerpt)
            try:
                if doc.data.get("render_with_liquid") is not False and (
                        "{%" in output or "{{" in output):
                    output = self.render_liquid(output, payload, doc.relative_path,
                                                doc.body_line, doc.path)
                excerpt.output = self.convert(output, doc)
            finally:
                self._rendering.pop()
        return excerpt.output

    def note_content_read(self, doc: Document, body: bool = True) -> None:
        """Record that the document being rendered saw `doc`'s content or output (`body`), or
        its excerpt (an incremental rebuild must render the reader again when that body
        changes). During a parallel rendering, another document's body is a read whose
        answer depends on the order (rendered HTML or Markdown): `read_across`."""
        for notes in self._notes:
            notes.append((doc, None, body))
        reader = self._rendering[-1] if self._rendering else None
        if reader is not doc and not (isinstance(reader, Excerpt) and reader.doc is doc):
            self.content_readers.setdefault(doc, set()).add(reader)
            if body and self._watching_order and self._unrendered is None and \
                    (doc.is_page or not self._documents_done):
                self.read_across = True   # (in the second pass, `seen_body` says)

    def note_dependency(self, key: str) -> None:
        """Record that the document being rendered used an include file (its path) or
        `site.data`; serve renders those documents again when that input changes."""
        for notes in self._notes:
            notes.append((None, key, False))
        current = self._rendering[-1] if self._rendering else None
        doc = current.doc if isinstance(current, Excerpt) else current
        self.dependents.setdefault(key, set()).add(doc)

    # --- includes whose output is the same on every page ----------------------------------

    def is_shared(self, template: BoundTemplate) -> bool:
        """Whether an include (used without parameters) gives the same output on every page:
        it reads only `site` (not `site.related_posts`) and `jekyll`, assigns nothing, and
        has no tag or filter that sees the page's context. Headers, footers and navigation
        usually are; they are then rendered once per build, as Hugo's `partialCached`."""
        name = str(template.name)
        if name not in self._shared_ok:
            self._shared_ok[name] = _reads_only_the_site(template, self.env)
        return self._shared_ok[name]

    def shared_output(self, template: BoundTemplate, render: Callable[[TextIO], None]) -> str:
        """The output of a shared include: rendered the first time, then replayed with the
        reads it recorded, so that every page that shows it depends on what it read. One
        that read a document's body is not shared after all: in Jekyll's order, bodies change
        from rendered HTML to Markdown from one document to the next."""
        name = str(template.name)
        entry = self._shared.get(name)
        if entry is None:
            notes: list[Note] = []
            self._notes.append(notes)
            buffer = StringIO()
            try:
                render(buffer)
            finally:
                self._notes.pop()
            if any(doc is not None and body for doc, _, body in notes):
                self._shared_ok[name] = False   # a body it read changes as documents render
            else:
                self._shared[name] = (buffer.getvalue(), notes)
            return buffer.getvalue()
        for doc, key, body in entry[1]:
            if doc is not None:
                self.note_content_read(doc, body)
            else:
                self.note_dependency(str(key))
        return entry[0]

    def forget_shared(self) -> None:
        """Drop shared includes' outputs (`serve`, before re-rendering after an edit)."""
        self._shared.clear()

    def page_dir(self) -> Path:
        """The folder of the file being rendered (for `include_relative`)."""
        current = self._rendering[-1] if self._rendering else None
        if current is None:
            return self.site.source
        doc = current.doc if isinstance(current, Excerpt) else current
        return doc.path.parent

    def url_of_file(self, relative: str) -> str | None:
        """The URL of the written file read from `relative` (for `{% link %}`): the first of
        Jekyll's site files with that path, indexed once per build."""
        if self._urls_by_path is None:
            self._urls_by_path = {}
            for item in self.site.files_to_write():
                self._urls_by_path.setdefault(item.relative_path.lstrip("/"), item.url)
        return self._urls_by_path.get(relative.lstrip("/"))

    def relative_url(self, url: str) -> str:
        """What Jekyll's tags return: the `relative_url` filter applied to a URL."""
        return apply_filter(self.env, "relative_url", url)




def _map_url(css_page: Document) -> str:
    """The source map sits next to the CSS: `/assets/main.css` → `/assets/main.css.map`."""
    return css_page.url + ".map" if css_page.url.endswith(".css") else css_page.url


UNCLOSED = re.compile(r"expected tag end(\w+), found end of expression")
_FORKED: "tuple[Renderer, list[Document], Callable[[Document], None], list[int], Any] | None" \
    = None


Failure = tuple[int, Exception]   # an item's place in the rendering order, and its error
Note = tuple["Document | None", "str | None", bool]   # a shared include's read: doc or key
# Renderer.dependents and .content_readers with documents as (place in the site, is excerpt).
Records = tuple[dict[str, list[tuple[int, bool] | None]],
                list[tuple[tuple[int, bool] | None, list[tuple[int, bool] | None]]]]


def _reads_only_the_site(template: BoundTemplate, env: Any) -> bool:
    """See `Renderer.is_shared`: python-liquid's static analysis of the include."""
    try:
        analysis = template.analyze()
    except Exception:   # noqa: BLE001 - a tag the analysis cannot follow: render every time
        return False
    return reads_only(analysis, env, SHARED_TAGS, SHARED_ROOTS)


@dataclass
class _Report:
    """What a forked worker sends back about the items it rendered: their places, content and
    output, what made them depend on the moment of building, who read what, the first error
    met, whether one read another's body, the warnings, and what the outermost layout of
    the last one rendered with layouts saw as `content` (its place and text)."""
    places: list[int]
    rendered: list[tuple[str | None, str | None]]
    volatile: set[str]
    records: Records
    failure: Failure | None
    read_across: bool
    warnings: dict[str, None]
    layout_content: tuple[int, str] | None


def _render_claimed_in_worker() -> _Report:
    """In a forked worker: render the items it claims with the parent's renderer."""
    assert _FORKED is not None
    renderer, items = _FORKED[:2]
    places, failure = _render_claimed(*_FORKED[1:])
    last = renderer._with_layouts[-1] if renderer._with_layouts else None
    return _Report(places, [(items[i].content, items[i].output) for i in places],
                   renderer.site.volatile, renderer._records(), failure, renderer.read_across,
                   renderer.warnings,
                   None if last is None else (last, renderer._layout_content[last]))


def _render_claimed(items: list[Document], step: Callable[[Document], None], order: list[int],
                    claimed: Any) -> tuple[list[int], Failure | None]:
    """Claim the next `CLAIM` places of `order` from the counter shared by the processes and
    do `step` on those items, until none is left: the places rendered, and the first failure in
    the rendering order (its place and error). After a failure a process renders only what
    comes before it, so the failure with the lowest place among the processes is the one a
    serial build would meet first."""
    places: list[int] = []
    failure: Failure | None = None
    while True:
        with claimed.get_lock():
            start = claimed.value
            claimed.value = start + CLAIM
        if start >= len(order):
            return places, failure
        for i in order[start:start + CLAIM]:
            if failure is not None and i > failure[0]:
                continue
            try:
                step(items[i])
            except Exception as err:   # noqa: BLE001 - handed to the parent, raised there
                failure = (i, err)
                continue
            places.append(i)


CLAIM = 8   # items a process claims at a time: few enough that all processes end together


def _opening(source: str, tag: str) -> tuple[int | None, int | None]:
    """Line and column of the innermost `{% tag %}` that no `{% endtag %}` closes."""
    opened: list[int] = []
    for match in re.finditer(r"\{%-?\s*(end)?" + re.escape(tag) + r"\b", source):
        if match.group(1) is None:
            opened.append(match.start())
        elif opened:
            opened.pop()
    if not opened:
        return None, None
    start = opened[-1]
    return source.count("\n", 0, start) + 1, start - source.rfind("\n", 0, start)

