"""jekyll-redirect-from (0.16): `redirect_from:` in a document's front matter adds a page at
each old path that sends the reader on to the document; `redirect_to:` makes the document
itself such a page; `/redirects.json` maps every old path to its target (unless the config
says `redirect_from: {json: false}` or the site has its own). The pages use the site's
`redirect` layout, else the plugin's."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import urls
from ..render.filters import url_filters
from ..site import Document, Layout

if TYPE_CHECKING:
    from ..site import Site

LAYOUT = Path(__file__).with_name("redirect.html")   # the plugin's markup, which pages match
PRIORITY = "normal"   # runs before the :lowest generators (feed, sitemap, paginate), as in Jekyll


def generate(site: "Site") -> None:
    if "redirect" not in site.layouts:
        site.layouts["redirect"] = Layout(name="redirect", path=LAYOUT, data={},
                                          content=LAYOUT.read_text("utf-8"), body_line=1)
    absolute_url = url_filters(site.config)["absolute_url"]
    redirects: dict[str, str] = {}
    for doc in site.docs_to_write() + list(site.pages):
        for path in _redirect_from(doc):
            page = _redirect_page(site, str(path), doc.url, absolute_url)
            site.pages.append(page)
            redirects[page.data["redirect"]["from"]] = page.data["redirect"]["to"]
        target = _redirect_to(doc)
        if target:
            data = _redirect_data(doc.url, str(target), absolute_url)
            doc.data.update(data)
            doc.content = ""
            redirects[data["redirect"]["from"]] = data["redirect"]["to"]
    if (site.config.get("redirect_from") or {}).get("json") is not False and \
            not (site.source / "redirects.json").exists():
        site.pages.append(Document(
            path=site.source / "redirects.json", relative_path="redirects.json",
            collection=None, data={"layout": None}, url="/redirects.json", output_ext=".json",
            content=json.dumps(redirects, ensure_ascii=False, separators=(",", ":"))))


def rewrite(site: "Site", doc: Document) -> None:
    """A body read again (`serve`): a document that redirects shows none."""
    if _redirect_to(doc):
        doc.content = ""


def _redirect_from(doc: Document) -> list[Any]:
    """The plugin's reading: a list without its nils, or one value."""
    value = doc.data.get("redirect_from")
    if isinstance(value, list):
        return [v for v in value if v is not None]
    return [] if value is None else [value]


def _redirect_to(doc: Document) -> Any:
    """The first value that is not nil; Ruby's `false` (or nothing) means no redirect."""
    value = doc.data.get("redirect_to")
    if isinstance(value, list):
        value = next((v for v in value if v is not None), None)
    return None if value is False else value


def _leading_slash(path: str) -> str:
    return path if not path or path.startswith("/") else "/" + path


def _redirect_data(source: str, target: str, absolute_url: Any) -> dict[str, Any]:
    source = _leading_slash(source)
    if not (target.startswith("http://") or target.startswith("https://")):
        target = absolute_url(target)
    return {"sitemap": False, "layout": "redirect", "permalink": source,
            "redirect": {"from": source, "to": target}}


def _redirect_page(site: "Site", source: str, target: str, absolute_url: Any) -> Document:
    """A page named `redirect.html` at the source's root, placed at `source` by its
    permalink, as the plugin makes it; like any page, it takes its extension from the
    permalink (`/old.php` is written as `old.php`)."""
    data = _redirect_data(source, target, absolute_url)
    permalink = data["permalink"]
    ext = "" if permalink.endswith("/") else posixpath.splitext(permalink)[1]
    values = [("path", ""), ("basename", "redirect"), ("output_ext", ext or ".html")]
    return Document(path=site.source / "redirect.html", relative_path="redirect.html",
                    collection=None, data=data, content="", output_ext=ext or ".html",
                    url=urls.sanitize(urls.from_hash(permalink, values)))
