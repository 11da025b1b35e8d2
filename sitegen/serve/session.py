"""Rebuilding after an edit: the whole build, or — when only the bodies of pages or documents
changed — just those and the pages that showed their content, written in place.

The shortcut is taken only when it must give what a full build gives: the front matter (and so
URLs, dates, listings, order) is unchanged, and every page that read the changed bodies is
rendered after them in a full build too. Everything else (layouts, includes, data, config,
static files, new, deleted or renamed files) is a full build."""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..build import BuildResult, build
from ..config import Options
from ..read.frontmatter import parse, read_text
from ..read.reader import excerpt_of
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

    def full(self) -> Update:
        started = time.perf_counter()
        self.result = None                  # a failed build leaves nothing to patch
        self.result = build(self.options)
        return Update("full", self.result.files, time.perf_counter() - started)

    def update(self, changed: set[Path]) -> Update:
        """Bring the output up to date with the source after `changed` paths were saved."""
        started = time.perf_counter()
        plan = self._plan(changed)
        if plan is None:
            return self.full()
        written = self._render_and_write(plan)
        return Update("incremental", written, time.perf_counter() - started)

    def _plan(self, changed: set[Path]) -> dict[Document, str] | None:
        """The documents whose bodies changed (with their new bodies), or None."""
        if self.result is None or not changed:
            return None
        site = self.result.site
        by_path = {d.path.resolve(): d for d in site.documents() + site.pages
                   if d.generated is None and not d.asset}
        bodies: dict[Document, str] = {}
        for path in changed:
            doc = by_path.get(path.resolve())
            if doc is None or not path.is_file() or doc.extname in (".scss", ".sass"):
                return None
            try:
                text = read_text(path)
                _, body, _ = parse(text, doc.relative_path)
            except Exception:       # noqa: BLE001 - the full build reports it properly
                return None
            if text[: len(text) - len(body)] != doc.header:
                return None
            bodies[doc] = body
        return bodies if self._safe(bodies) else None

    def _safe(self, bodies: dict[Document, str]) -> bool:
        """Every reader of a changed body is a page rendered after it in a full build."""
        site = self.result.site if self.result else None
        assert site is not None
        order = {id(p): i for i, p in enumerate(site.pages)}
        for doc in bodies:
            for reader in self.result.renderer.content_readers.get(doc, ()):
                if reader is None or isinstance(reader, Excerpt) or not reader.is_page:
                    return False
                if doc.is_page and order.get(id(reader), -1) < order.get(id(doc), -1):
                    return False
        return True

    def _render_and_write(self, bodies: dict[Document, str]) -> int:
        assert self.result is not None
        site, renderer = self.result.site, self.result.renderer
        readers: set[Document] = set()
        for doc, body in bodies.items():
            readers.update(r for r in renderer.content_readers.get(doc, ())
                           if isinstance(r, Document))
            doc.content, doc.output = body, None
            doc.excerpt = excerpt_of(doc, site.config)
        targets = list(bodies) + [r for r in readers if r not in bodies]
        order = {id(d): i for i, d in enumerate(site.documents() + site.pages)}
        targets.sort(key=lambda d: order.get(id(d), len(order)))
        for target in targets:
            for seen in renderer.content_readers.values():
                seen.discard(target)
        for target in targets:
            if target.is_page and target.generated is None and target.path.is_file():
                target.content = bodies.get(target) or parse(read_text(target.path),
                                                            target.relative_path)[1]
            renderer.render_document(target)
        return sum(_write_if_changed(destination(t, site.dest), t.output or "")
                   for t in targets)


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
