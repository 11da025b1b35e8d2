"""How far a site may render in parallel, read from its Liquid before rendering: whether a
template can see what depends on Jekyll's order (another document's rendered body, the last
layout's `content`, `increment`'s counters, what `include_cached` rendered first). The checks
are cautious: what they let through that still reads across (`{{ page.previous }}` prints a
body) is noticed while rendering, and rendered again in order (`Renderer`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Mapping

from ..site import Document, Layout, Site
from .ruby import ruby_to_s

if TYPE_CHECKING:
    from liquid import Environment

PARALLEL_MIN_DOCS = 200    # documents, for a parallel rendering to pay for its processes
PARALLEL_MIN_PAGES = 50    # pages in a row, likewise
ASSET_EXTS = (".sass", ".scss", ".coffee")


@dataclass
class Liquid:
    """The Liquid that documents render with (`Planner.liquid`): their bodies, and the
    layouts and includes by name, each without its `raw` and `comment` blocks (`_live`)."""
    bodies: list[str]
    layouts: list[tuple[str, str]]
    includes: list[tuple[str, str]]


@lru_cache(maxsize=4096)   # the same layouts and includes come back for every page
def _live(template: str) -> str:
    """Liquid source without what never runs: `raw` and `comment` blocks (the Jekyll docs
    show `{{ post.content }}` in `raw` blocks)."""
    return NEVER_RUN.sub("", template) if "{%" in template else template


def layout_chain(layouts: Mapping[str, Layout], doc: Document) -> list[Layout]:
    """The layouts that wrap `doc`, innermost first, as the renderer finds them: a document's
    `none` is no layout, a layout's is `_layouts/none.html` if there is one."""
    name = doc.layout_name
    if name is None or name == "none":
        return []
    chain: list[Layout] = []
    name = ruby_to_s(name)
    while isinstance(name, str) and name in layouts and layouts[name] not in chain:
        chain.append(layouts[name])
        name = layouts[name].data.get("layout")
    return chain


class Planner:
    """The checks for one build, with the include files and template analyses read once."""

    def __init__(self, site: Site, env: "Environment", with_liquid: Callable[[Document], bool]):
        self.site, self.env, self.with_liquid = site, env, with_liquid
        self._includes: list[tuple[str, str]] | None = None
        self._analyses: dict[str, Any] = {}   # template text -> `_analysis`

    def documents(self) -> str:
        """How the documents may render in parallel: in "one pass", in "two passes", or
        not at all ("in order")."""
        liquid = self.liquid(self.site.documents())
        if not self.cached_includes_order_free(liquid):
            return "in order"
        if self.order_independent(liquid):
            return "one pass"
        return "two passes" if self.only_layouts_read_bodies(liquid) else "in order"

    def order_independent(self, liquid: Liquid) -> bool:
        """Whether collection documents may render in any order (so in parallel): no template
        they render with can read another document's `content` or `output`, which in Jekyll's
        order is rendered HTML for documents before and Markdown for those after, nor count
        with `increment`, whose counters run on from document to document (`_may_read_bodies`
        says what it looks for; a key built by filters is beyond it). Pages' own bodies
        may: pages render after every document, in order, in either case. Nor can bodies
        that Liquid does not render (most posts: scanning them would cost a tenth of a read).
        Nor can a document's body read `content`, the last layout's
        (`Renderer._payload_content`), itself or through an include; a page's may, as the
        workers send back the last one. A body's reads of `output` are left to
        `Renderer._in_order_if_read_across`: in a body, `example.output` is more often
        data's (the Jekyll docs' filters)."""
        if any(_may_read_bodies(text, outputs=False) for text in liquid.bodies) or \
                any(_may_read_bodies(text) for _, text in liquid.layouts + liquid.includes):
            return False
        return not read_payload_content(liquid.bodies, liquid.includes)

    def only_layouts_read_bodies(self, liquid: Liquid) -> bool:
        """Whether documents may render in two passes, all bodies and then all layouts: as
        in `order_independent`, but layouts and the includes that no body uses may read
        other documents' `content` (Chirpy's related posts do), though not their `output`,
        which only a rendering in order has (`Renderer.seen_body` notices the reads this
        misses)."""
        used = _included_by(liquid.bodies, liquid.includes)
        if used is None or any(_may_read_bodies(text, outputs=False) for text in liquid.bodies) \
                or any(_may_read_bodies(text) for name, text in liquid.includes if name in used):
            return False
        if any(ORDER_DEPENDENT.search(text) or _may_read_outputs(text)
               for _, text in liquid.layouts + liquid.includes):
            return False
        return not read_payload_content(liquid.bodies, liquid.includes)

    def cached_includes_order_free(self, liquid: Liquid) -> bool:
        """Whether jekyll-include-cache's outputs cannot depend on the document that first
        renders each include (every later use gets that output, and only that document gets
        the variables it assigns): every `include_cached` in the layouts and includes names
        a file that reads only `site`, `jekyll` and its parameters, and the variables it
        assigns are read by no other template before it assigns them itself, nor named at
        all by the templates that include it. Bodies that use it render in order."""
        sources = liquid.layouts + liquid.includes
        calls = {name: {t.strip("'\"") for t in CACHED_INCLUDE.findall(text)}
                 for name, text in sources}
        targets = set().union(*calls.values())
        if not targets:
            return True
        used = _included_by(liquid.bodies, liquid.includes)
        if used is None or any("{{" in t for t in targets) or any(
                CACHED_INCLUDE.search(text) for text in
                liquid.bodies + [text for name, text in liquid.includes if name in used]):
            return False
        analyses = {name: self._analysis(text) for name, text in sources}
        if any(analysis is None for analysis in analyses.values()):
            return False
        for target in targets:
            if target not in analyses or not reads_only(
                    analyses[target], self.env, CACHED_TAGS, CACHED_ROOTS, literal_keys=False):
                return False
            assigned = set(analyses[target].locals)
            for name, analysis in analyses.items():
                seen = set(analysis.globals) | \
                    (set(analysis.locals) if target in calls[name] else set())
                if name != target and assigned & seen:
                    return False
        return True

    def _analysis(self, text: str) -> Any:
        """python-liquid's static analysis of a template (its own text only), once per
        text; None for one it cannot follow."""
        if text not in self._analyses:
            try:
                self._analyses[text] = self.env.from_string(text).analyze(
                    include_partials=False)
            except Exception:   # noqa: BLE001 - a tag the analysis cannot follow
                self._analyses[text] = None
        return self._analyses[text]

    def liquid(self, docs: list[Document]) -> Liquid:
        """The Liquid that `docs` render with: their bodies, the layouts they name and those
        layouts name, and the includes these use (every one, where a name is made by
        Liquid)."""
        includes = self.includes()
        bodies = [_live(d.content) for d in docs if self.with_liquid(d)]
        layouts = {layout.name: _live(layout.content)
                   for doc in docs for layout in layout_chain(self.site.layouts, doc)}
        used = _included_by(bodies + list(layouts.values()), includes)
        return Liquid(bodies, [(f"layout {name}", text) for name, text in layouts.items()],
                      includes if used is None else [(n, t) for n, t in includes if n in used])

    def includes(self) -> list[tuple[str, str]]:
        """Every include file: its name and the Liquid in it that runs (`_live`)."""
        if self._includes is None:
            self._includes = [
                (path.relative_to(folder).as_posix(),
                 _live(path.read_text(encoding="utf-8", errors="replace")))
                for folder in self.site.include_dirs if folder.is_dir()
                for path in folder.rglob("*") if path.is_file()]
        return self._includes

    def leading_free_pages(self, pages: list[Document]) -> list[Document]:
        """The pages, up to the first one that could see another page's rendered body, count
        with `increment` or read `content`, the last layout's, through its body, layouts or
        includes: these render the same alongside the documents as after them. Generated and
        paginated pages read the documents' output, and Sass adds its source map to the
        site's pages, so those stay in this process, after the documents."""
        free = []
        for page in pages:
            if page.generated is not None or page.pager is not None or \
                    page.extname in ASSET_EXTS:
                break
            liquid = self.liquid([page])
            if any(_may_read_bodies(text) for text in liquid.bodies + [
                    text for _, text in liquid.layouts + liquid.includes]) or \
                    read_payload_content(liquid.bodies, liquid.includes):
                break
            free.append(page)
        return free

    def pages_runs(self, pages: list[Document], start: int) -> dict[int, int]:
        """Runs of pages that may render in parallel, as {first place: place after the
        last}: pages that Liquid fills from the documents (a paginated home page), none
        generated by a plugin or compiled from Sass (which adds a page to the site), none
        reading `content`, the last layout's, or counting with `increment`, and any
        `include_cached` they use free of the order (`cached_includes_order_free`)."""
        runs: dict[int, int] = {}
        if len(pages) < PARALLEL_MIN_PAGES:
            return runs
        first = None
        for place, page in enumerate(pages + [None], start):
            free = page is not None and page.generated is None and \
                page.extname not in ASSET_EXTS and not page.asset and \
                self._page_order_free(page)
            if free and first is None:
                first = place
            elif not free and first is not None:
                if place - first >= PARALLEL_MIN_PAGES:
                    runs[first] = place
                first = None
        return runs

    def _page_order_free(self, page: Document) -> bool:
        liquid = self.liquid([page])
        return not read_payload_content(liquid.bodies, liquid.includes) and not any(
            ORDER_DEPENDENT.search(text) for text in
            liquid.bodies + [text for _, text in liquid.layouts + liquid.includes]) and \
            self.cached_includes_order_free(liquid)


@lru_cache(maxsize=4096)
def _may_read_bodies(template: str, outputs: bool = True) -> bool:
    """Whether Liquid source could read another document's `content` or `output` (only the
    content unless `outputs`), or carry state from one document to the next (`increment`;
    `include_cached` is checked apart, in `Planner.cached_includes_order_free`): the check
    that spares a parallel rendering bound to be done again (the rendering notices the reads
    this misses, such as `{{ page.previous }}` or `jsonify` of a document: see
    `Renderer._in_order_if_read_across`). Reading a body takes, in a tag or an output:
    `post.content`, the key named in a string (`post["output"]`, `map: "content"`, `assign
    key = "content"` and then `post[key]`) or captured as a key, or a file this cannot see
    (`include_relative`). `include.output` is an include's parameter, not a document's."""
    return ORDER_DEPENDENT.search(template) is not None or \
        CAPTURED_NAME.search(template) is not None or \
        any(CONTENT_READS.search(markup) or (outputs and OUTPUT_READS.search(markup))
            for markup in LIQUID_MARKUP.findall(template))


def _may_read_outputs(template: str) -> bool:
    """Whether Liquid source could read a document's `output` (as `_may_read_bodies` reads)."""
    return "output" in template and \
        any(OUTPUT_READS.search(markup) for markup in LIQUID_MARKUP.findall(template))


def _included_by(templates: list[str], includes: list[tuple[str, str]]) -> set[str] | None:
    """The names of the includes that `templates` use, themselves or through others; None
    when a name is made by Liquid (any include could be used)."""
    sources, used = dict(includes), set()
    todo = list(templates)
    while todo:
        for name in INCLUDED.findall(todo.pop()):
            if "{{" in name:
                return None
            name = name.strip("'\"")
            if name not in used and name in sources:
                used.add(name)
                todo.append(sources[name])
    return used


@lru_cache(maxsize=4096)
def reads_payload_content(template: str) -> bool:
    """Whether Liquid source reads the variable `content` itself (not `page.content`, nor
    the word in a quoted string: minimal-mistakes' `caption="… the content container"`)."""
    return "content" in template and any(PAYLOAD_CONTENT.search(QUOTED.sub("", markup))
                                         for markup in LIQUID_MARKUP.findall(template))


def read_payload_content(bodies: list[str], includes: list[tuple[str, str]]) -> bool:
    """Whether a body reads `content`, itself or through includes (by name, or any include
    whose name Liquid makes, when one of them reads it)."""
    readers = {name for name, text in includes if reads_payload_content(text)}
    while more := {name for name, text in includes
                   if name not in readers and _includes_one_of(text, readers)}:
        readers |= more
    return any(reads_payload_content(body) or _includes_one_of(body, readers)
               for body in bodies)


def _includes_one_of(template: str, names: set[str]) -> bool:
    return bool(names) and any("{{" in name or name.strip("'\"") in names
                               for name in INCLUDED.findall(template))


SHARED_TAGS = {"if", "unless", "case", "for", "break", "continue", "comment", "raw", "echo"}
SHARED_ROOTS = {"site", "jekyll"}
NEVER_RUN = re.compile(r"\{%-?\s*(raw|comment)\s*-?%\}.*?\{%-?\s*end\1\s*-?%\}", re.S)
CACHED_INCLUDE = re.compile(r"\{%-?\s*include_cached\s+(\S+)")
# What an include cached by jekyll-include-cache may do and read and still give the same
# output whichever document renders it first.
CACHED_TAGS = SHARED_TAGS | {"assign", "capture", "include_cached"}
CACHED_ROOTS = SHARED_ROOTS | {"include"}


LIQUID_MARKUP = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
PAYLOAD_CONTENT = re.compile(r"(?<![\w.\-\]\"'])content(?![\w\-\"'])")
INCLUDED = re.compile(r"\{%-?\s*include(?:_cached)?\s+(\S+)")
OUTPUT_READS = re.compile(r"(?<!\binclude)\.\s*output\b|[\"']output[\"']")
CONTENT_READS = re.compile(r"(?<!\binclude)\.\s*content\b|[\"']content[\"']|\binclude_relative\b")
CAPTURED_NAME = re.compile(r"\{%-?\s*capture\b[^%]*%\}\s*(?:content|output)\s*\{%")
ORDER_DEPENDENT = re.compile(r"(?:\{%-?\s*|^\s*)(?:increment|decrement)\s+\w", re.M)


def reads_only(analysis: Any, env: Any, tags: set[str], roots: set[str],
               literal_keys: bool = True) -> bool:
    """Whether a template's static analysis shows only `tags`, filters that do not see the
    context, and variables from `roots` (not `site.related_posts`, which is the page's),
    looked up by `literal_keys` only if asked (`site.data[include.lang]` reads `include`,
    which the analysis also lists)."""
    if not set(analysis.tags) <= tags:
        return False
    for name in analysis.filters:
        function = env.filters.get(name)
        if function is None or getattr(function, "with_context", False):
            return False
    for root, variables in analysis.globals.items():
        if root not in roots:
            return False
        for variable in variables:
            rest = variable.segments[1:]
            if rest[:1] == ["related_posts"] or (
                    literal_keys and any(not isinstance(s, (str, int)) for s in rest)):
                return False
    return True
