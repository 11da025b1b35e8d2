"""jekyll-readme-index (0.3, on by default on GitHub Pages): a folder without an index page
gets its README as one, as GitHub shows a folder's README. A README is `readme` in any case
with one of the Markdown extensions (in their configured case) and no front matter; it becomes
a page at the folder's URL, and its file is still copied as it is unless `readme_index:
{remove_originals: true}`. `with_frontmatter: true` moves READMEs that have front matter too;
`enabled: false` turns it off. A folder has an index when a page or static file has its URL
or its `index.html` (`.htm`, `.xhtml`, `.xml`; in any case); a README made its index counts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ..config import markdown_exts
from ..read.reader import Reader
from .optional_front_matter import page_of

if TYPE_CHECKING:
    from ..site import Document, Site

PRIORITY = "low"
INDEX = r"(?:$|index\.(?:html?|xhtml|xml)$)"


def generate(site: "Site") -> None:
    options = site.config.get("readme_index")
    options = options if isinstance(options, dict) else {}
    if options.get("enabled") is False:
        return
    readme = _readme_pattern(site.config)
    reader = Reader.for_site(site)
    for static in [f for f in site.static_files if readme.search(f.relative_path)]:
        folder = ruby_dirname(static.url)
        if _has_index(site, folder):
            continue
        page = page_of(reader, static)
        _move(reader, page, folder)
        site.pages.append(page)
        if options.get("remove_originals") is True:
            site.static_files.remove(static)
    if options.get("with_frontmatter") is True:
        # Every README page by then, also those just made: each moves up to its URL's folder.
        for page in [p for p in site.pages if readme.search("/" + _path(p))]:
            folder = ruby_dirname(page.url)
            if not _has_index(site, folder):
                _move(reader, page, folder)


def _move(reader: Reader, page: "Document", folder: str) -> None:
    """Give the page the folder's URL, as its permalink (which Liquid shows, `//` for the
    root folder too); its output extension stays what it was."""
    page.data["permalink"] = folder + "/"
    page.url = reader.page_url(page)


def _has_index(site: "Site", folder: str) -> bool:
    """Whether a page or static file is the folder's index, in any case (`/Docs/Index.HTML`
    too)."""
    folder = folder if folder.endswith("/") else folder + "/"
    index = re.compile(f"^{re.escape(folder)}{INDEX}", re.I)
    return any(index.match(item.url) for item in [*site.pages, *site.static_files])


def _readme_pattern(config: dict[str, Any]) -> re.Pattern[str]:
    exts = "|".join(re.escape(ext) for ext in sorted(markdown_exts(config)))
    return re.compile(f"(?i:/readme)(?:{exts})$")


def _path(page: "Document") -> str:
    """A page's `path`: its front matter's, or its path from the source."""
    return str(page.data.get("path", page.relative_path))


def ruby_dirname(path: str) -> str:
    """Ruby's `File.dirname`: trailing slashes do not count, so `/docs/` is in `/`."""
    stripped = path.rstrip("/")
    if not stripped:
        return "/" if path else "."
    cut = stripped.rfind("/")
    if cut < 0:
        return "."
    return stripped[:cut].rstrip("/") or "/"
