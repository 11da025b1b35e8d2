"""Rebuilding after an edit: the whole build, or just the documents the edit touched, written
in place. An edit touches a document when it changed the document's body, an include or layout
the document used, or `site.data` when the document read it (recorded while rendering), and
then also the pages that showed the document's content.

The shortcut is taken only when it must give what a full build gives: front matter (and so
URLs, dates, listings, order) is unchanged, the include or layout existed before and still
does, and every page that read a re-rendered body is rendered after it in a full build too.
Everything else (config, static files, new, deleted or renamed files, theme files, generated
pages) is a full build. Rendering records every dependency, also in the worker processes
of a parallel build, which hand theirs back."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from ..build import BuildResult, build
from ..config import Options, in_source_dir
from ..read.data import read_data
from ..read.frontmatter import parse, read_text
from ..read.reader import excerpt_of, read_layout
from ..render.plan import layout_chain
from ..site import Document, Excerpt
from ..write import destination


@dataclass
class Update:
    kind: str               # "full" or "incremental"
    files: int              # files written
    seconds: float


class Session:
    """The builds of one `serve` run; keeps the last good site for incremental rebuilds."""

    def __init__(self, options: Options):
        self.options = options
        self.result: BuildResult | None = None
        self.by_path: dict[Path, Document] = {}   # the last full build's documents by file
        # Sources whose edit is a full build: copied as static files too, or read as more
        # than one page (jekyll-optional-front-matter, jekyll-readme-index).
        self.shared: set[Path] = set()

    def full(self, parallel: bool = False) -> Update:
        """A whole build. Only a build that runs before any thread is started may be
        `parallel` (render in forked processes): forking beside threads is unsafe."""
        started = time.perf_counter()
        self.result = None                  # a failed build leaves nothing to patch
        self.result = build(replace(self.options, parallel=parallel))
        # Incremental updates never add or remove documents, so this holds until the next.
        site = self.result.site
        docs = [d for d in site.documents() + site.pages if d.generated is None and not d.asset]
        self.by_path = {}
        read = {d.path for d in docs}   # the same `Path`s: a plugin's page has its file's
        self.shared = {f.path.resolve() for f in site.static_files if f.path in read}
        for doc in docs:
            path = doc.path.resolve()
            if path in self.by_path:
                self.shared.add(path)
            self.by_path[path] = doc
        return Update("full", self.result.files, time.perf_counter() - started)

    def update(self, changed: set[Path]) -> Update:
        """Bring the output up to date with the source after `changed` paths were saved."""
        started = time.perf_counter()
        plan = self._plan(changed)
        if plan is None:
            return self.full()
        written = self._render_and_write(*plan)
        return Update("incremental", written, time.perf_counter() - started)

    def _plan(self, changed: set[Path]) -> tuple[dict[Document, str], set[Document],
                                                 list[Path]] | None:
        """The documents whose bodies changed (with their new bodies), the documents that used
        a changed include, layout or data file, and those files; None for a full build."""
        renderer = self.result.renderer if self.result else None
        if renderer is None or not changed or renderer.env.counters or \
                renderer.cached_includes or any(
                    p.changes_data_from_body(self.result.site.config)
                    for p in self.result.plugins if hasattr(p, "changes_data_from_body")):
            return None   # counters and cached includes run through the whole build, and a
            #               plugin may make data from a body: build it whole
        bodies: dict[Document, str] = {}
        users: set[Document] = set()
        inputs: list[Path] = []
        for path in changed:
            resolved = path.resolve()
            doc = self.by_path.get(resolved)
            if doc is None:
                found = self._users_of(resolved)
                if found is None:
                    return None
                users |= found
                inputs.append(resolved)
                continue
            if not path.is_file() or doc.extname in (".scss", ".sass") or resolved in self.shared:
                return None
            try:
                text = read_text(path)
                _, body, _ = parse(text, doc.relative_path)
            except Exception:       # noqa: BLE001 - the full build reports it properly
                return None
            if text[: len(text) - len(body)] != doc.header:
                return None
            bodies[doc] = body
        plain = all(d.generated is None and d.pager is None and not d.asset and d.path.is_file()
                    for d in users)
        return (bodies, users - set(bodies), inputs) if plain and \
            self._safe(set(bodies) | users) else None

    def _users_of(self, path: Path) -> set[Document] | None:
        """The documents that used `path` as an include, layout or data file; None when the
        file is none of these (or new, or read by something other than a document)."""
        assert self.result is not None
        site, renderer = self.result.site, self.result.renderer
        if not path.is_file():
            return None
        for key, readers in renderer.dependents.items():
            if key != "site.data" and Path(key).resolve() == path:
                return None if None in readers else set(readers)
        layouts = {layout.path.resolve(): layout for layout in site.layouts.values()}
        if path in layouts:
            return {d for d in site.documents() + site.pages
                    if layouts[path] in layout_chain(site.layouts, d)}
        data_dir = in_source_dir(site.source, site.config["data_dir"]).resolve()
        if path.is_relative_to(data_dir) and site.config.get("data") is None and not (
                site.theme and site.theme.folder("_data")):
            readers = renderer.dependents.get("site.data", set())
            return None if None in readers else set(readers)
        return None

    def _refresh(self, inputs: list[Path]) -> None:
        """Read the changed includes, layouts and data files again."""
        assert self.result is not None
        site, renderer = self.result.site, self.result.renderer
        data_dir = in_source_dir(site.source, site.config["data_dir"]).resolve()
        for path in inputs:
            renderer.forget_template(path)
            for name, layout in list(site.layouts.items()):
                if layout.path.resolve() == path:
                    site.layouts[name] = read_layout(layout.path, name, site.source)
        if any(path.is_relative_to(data_dir) for path in inputs):
            site.data = read_data(data_dir, site.source)

    def _safe(self, docs: set[Document]) -> bool:
        """Every reader of a re-rendered body is a page rendered after it in a full build."""
        site = self.result.site if self.result else None
        assert site is not None
        order = {id(p): i for i, p in enumerate(site.pages)}
        for doc in docs:
            for reader in self.result.renderer.content_readers.get(doc, ()):
                if reader is None or isinstance(reader, Excerpt) or not reader.is_page:
                    return False
                if doc.is_page and order.get(id(reader), -1) < order.get(id(doc), -1):
                    return False
        return True

    def _render_and_write(self, bodies: dict[Document, str], users: set[Document],
                          inputs: list[Path]) -> int:
        assert self.result is not None
        site, renderer = self.result.site, self.result.renderer
        self._refresh(inputs)
        renderer.forget_shared()   # a shared include may show what the edit changed
        renderer.warnings.clear()  # say again what this rebuild meets
        for doc in users:
            bodies[doc] = parse(read_text(doc.path), doc.relative_path)[1]
        readers: set[Document] = set()
        for doc, body in bodies.items():
            readers.update(r for r in renderer.content_readers.get(doc, ())
                           if isinstance(r, Document))
            self._read_again(doc, body)
        targets = list(bodies) + [r for r in readers if r not in bodies]
        order = {id(d): i for i, d in enumerate(site.documents() + site.pages)}
        targets.sort(key=lambda d: order.get(id(d), len(order)))
        for target in targets:
            for seen in [*renderer.content_readers.values(), *renderer.dependents.values()]:
                seen.discard(target)
        for target in targets:   # a page's content is its rendered HTML since the last build
            if target.is_page and target.generated is None and target.path.is_file() and \
                    target not in bodies:
                self._read_again(target, parse(read_text(target.path), target.relative_path)[1])
            renderer.render_document(target)
        for warning in renderer.warnings:
            print(warning, file=sys.stderr)
        return sum(_write_if_changed(Path(destination(t, site.dest)), t.output or "")
                   for t in targets if t.is_page or site.writes(t))

    def _read_again(self, doc: Document, body: str) -> None:
        """A body as the full build has it before rendering: its excerpt made again, and
        rewritten by the plugins that rewrite bodies after reading (jekyll-relative-links)."""
        assert self.result is not None
        doc.content, doc.output = body, None
        doc.excerpt = excerpt_of(doc, self.result.site.config)
        for plugin in self.result.plugins:
            if hasattr(plugin, "rewrite"):
                plugin.rewrite(self.result.site, doc)


def _write_if_changed(path: Path, text: str) -> int:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False,
                                     prefix=f".{path.name}.") as handle:
        handle.write(data)
    os.replace(handle.name, path)
    return 1
