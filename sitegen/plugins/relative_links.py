"""jekyll-relative-links (0.7, on by default on GitHub Pages): Markdown links to the site's own
source files, `[text](other.md)` or `[ref]: ../docs/page.md`, become links to the URLs those
files are published at, so a repository reads well on GitHub and as a site. Pages only,
unless `relative_links: {collections: true}`; `relative_links: {enabled: false}` turns it off
and `exclude:` globs skip files. The links are found in the Markdown text as the plugin finds
them (code blocks too), before Liquid and Markdown run."""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Callable
from urllib.parse import unquote_plus

from ..config import markdown_exts
from ..read.entries import EntryFilter
from ..read.reader import renew_excerpt
from ..render.filters import url_filters

if TYPE_CHECKING:
    from ..site import Document, Site

PRIORITY = "lowest"
_TITLE = r"""(\s+"(?:\\"|[^"])*(?<!\\)"|\s+"(?:\\'|[^'])*(?<!\\)')?"""
_INLINE = rf"\[(.*?)\]\(([^)]+?)(#.+?|)?{_TITLE}\)"
_REFERENCE = rf"^\s*?\[(.*?)\]: (.+?)(#.+?|)?{_TITLE}\s*?$"
LINK = re.compile(f"({_INLINE}|{_REFERENCE})", re.M | re.A)   # Ruby's \\s: ASCII
SCHEME = re.compile(r"([^:/?#]+):")
VALID_SCHEME = re.compile(r"[a-z][a-z0-9.+-]*", re.I)
ROOT = "/__site_root__"   # stands for the working folder Ruby's File.expand_path resolves in


def generate(site: "Site") -> None:
    takes, urls = _takes(site), _urls(site)
    for doc in list(site.pages) + site.docs_to_write():
        if takes(doc):
            _rewrite(site, doc, urls)


def rewrite(site: "Site", doc: "Document") -> None:
    """The same for one body read again (`serve`), if the plugin takes the document in."""
    if _takes(site)(doc):
        _rewrite(site, doc, _urls(site))


def _takes(site: "Site") -> Callable[["Document"], bool]:
    """Whether the plugin's options take a document in: a Markdown page, or a written
    document with `collections: true`, that `exclude` does not name."""
    options = site.config.get("relative_links") or {}
    if not isinstance(options, dict) or options.get("enabled") is False:
        return lambda doc: False
    exts = markdown_exts(site.config)
    skip = EntryFilter(site.source, [], list(options["exclude"])) \
        if options.get("exclude") else None
    return lambda doc: (doc.is_page or (options.get("collections") is True and
                                        site.writes(doc))) \
        and doc.extname.lower() in exts and not (skip and skip.excluded(doc.relative_path))


def _rewrite(site: "Site", doc: "Document", urls: dict[str, str]) -> None:
    base = posixpath.dirname(doc.relative_path) or "."
    doc.content = LINK.sub(lambda m: _replace(m, base, urls), doc.content)
    renew_excerpt(site, doc)


def _urls(site: "Site") -> dict[str, str]:
    """Source path (without a leading slash) → the URL a link to it gets: the first page,
    static file or document of that path, as the plugin looks them up."""
    relative_url = url_filters(site.config)["relative_url"]
    urls: dict[str, str] = {}
    for target in [*site.pages, *site.static_files, *site.docs_to_write()]:
        path = target.relative_path[1:] if target.relative_path.startswith("/") else \
            target.relative_path
        if path not in urls:
            urls[path] = relative_url(target.url) if target.url else ""
    return urls


def _replace(found: re.Match, base: str, urls: dict[str, str]) -> str:
    inline = found.group(2) is not None
    text, path, fragment, title = found.group(*((2, 3, 4, 5) if inline else (6, 7, 8, 9)))
    if path.startswith("#") or _absolute(path):
        return found.group()
    url = urls.get(unquote_plus(_from_root(path, base)))
    if not url:
        return found.group()
    url += fragment or ""
    return f"[{text}]({url}{title or ''})" if inline else f"\n[{text}]: {url}{title or ''}"


def _absolute(path: str) -> bool:
    """Addressable's `absolute?`: a valid scheme before a colon."""
    scheme = SCHEME.match(path)
    return bool(scheme and VALID_SCHEME.fullmatch(scheme.group(1)))


def _from_root(path: str, base: str) -> str:
    """The link's path from the source folder; one that climbs out of it stays absolute and
    so matches no file."""
    absolute = path.startswith("/")
    joined = posixpath.normpath(posixpath.join(ROOT, "" if absolute else base,
                                               path[1:] if absolute else path))
    return joined[len(ROOT) + 1:] if joined.startswith(ROOT + "/") else joined

