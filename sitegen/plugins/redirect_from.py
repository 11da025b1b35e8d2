"""jekyll-redirect-from (0.16): `redirect_from:` in a document's front matter adds a page at
each old path that sends the reader on to the document; `redirect_to:` makes the document
itself such a page; `/redirects.json` maps every old path to its target (unless the config
says `redirect_from: {json: false}` or the site has its own). The pages use the site's
`redirect` layout, else the plugin's."""

from __future__ import annotations

import json
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
        site.layouts["redirect"] = Layout("redirect", LAYOUT, {}, LAYOUT.read_text("utf-8"), 1)
    absolute_url = url_filters(site.config)["absolute_url"]
    redirects: dict[str, str] = {}
    for doc in site.docs_to_write() + list(site.pages):
        for path in _listed(doc.data.get("redirect_from")):
            page = _redirect_page(site, str(path), doc.url, absolute_url)
            site.pages.append(page)
            redirects[page.data["redirect"]["from"]] = page.data["redirect"]["to"]
        target = _listed(doc.data.get("redirect_to"))[:1]
        if target:
            data = _redirect_data(doc.url, str(target[0]), absolute_url)
            doc.data.update(data)
            doc.content = ""
            redirects[data["redirect"]["from"]] = data["redirect"]["to"]
    if (site.config.get("redirect_from") or {}).get("json") is not False and \
            not (site.source / "redirects.json").exists():
        site.pages.append(Document(
            path=site.source / "redirects.json", relative_path="redirects.json",
            collection=None, data={"layout": None}, url="/redirects.json", output_ext=".json",
            content=json.dumps(redirects, ensure_ascii=False, separators=(",", ":"))))



def _listed(value: Any) -> list[Any]:
    """The plugin's reading: a list without its nils, or one value."""
    if isinstance(value, list):
        return [v for v in value if v is not None]
    return [] if value is None else [value]


def _redirect_data(source: str, target: str, absolute_url: Any) -> dict[str, Any]:
    source = source if source.startswith("/") else "/" + source
    if not (target.startswith("http://") or target.startswith("https://")):
        target = absolute_url(target)
    return {"sitemap": False, "layout": "redirect", "permalink": source,
            "redirect": {"from": source, "to": target}}


def _redirect_page(site: "Site", source: str, target: str, absolute_url: Any) -> Document:
    """A page named `redirect.html` at the source's root, placed at `source` by its
    permalink, as the plugin makes it."""
    data = _redirect_data(source, target, absolute_url)
    values = [("path", ""), ("basename", "redirect"), ("output_ext", ".html")]
    return Document(path=site.source / "redirect.html", relative_path="redirect.html",
                    collection=None, data=data, content="",
                    url=urls.sanitize(urls.from_hash(data["permalink"], values)))
