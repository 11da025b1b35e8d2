"""jekyll-sitemap (1.4): `/sitemap.xml` listing documents, HTML pages and HTML/PDF static files,
and `/robots.txt` pointing at it, unless the site has its own."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from ..render.filters import FilterSet
from ..site import Document

if TYPE_CHECKING:
    from ..render.renderer import Renderer
    from ..site import Site

STATIC_EXTS = (".htm", ".html", ".xhtml", ".pdf")


def generate(site: "Site") -> None:
    taken = {p.url for p in site.pages} | {f.url for f in site.static_files}
    if "/sitemap.xml" not in taken:
        site.pages.append(_page(site, "sitemap.xml", render_sitemap, {
            "layout": None, "xsl": (site.source / "sitemap.xsl").exists()}))
    if "/robots.txt" not in taken:
        site.pages.append(_page(site, "robots.txt", render_robots, {"layout": None}))


def _page(site: "Site", name: str, render: Any, data: dict[str, Any]) -> Document:
    return Document(path=site.source / name, relative_path=name, collection=None, data=data,
                    content="", url="/" + name, output_ext="." + name.rsplit(".", 1)[1],
                    asset=True, generated=render)


def _loc(f: FilterSet, url: str) -> str:
    return f["xml_escape"](f["absolute_url"](url.replace("/index.html", "/")))


def render_sitemap(renderer: "Renderer", page: Document) -> str:
    f = FilterSet(renderer.env)
    site = renderer.site
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    if page.data.get("xsl"):
        lines.append(f'<?xml-stylesheet type="text/xsl" href="{f["absolute_url"]("/sitemap.xsl")}"?>')
    lines.append('<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 '
                 'http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" '
                 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    for collection in sorted(site.collections.values(), key=lambda c: c.label):
        if collection.metadata.get("output", False) is False:
            continue
        for doc in collection.docs:
            if doc.data.get("sitemap") is False:
                continue
            lines += ["<url>", f"<loc>{_loc(f, doc.url)}</loc>"]
            stamp = doc.data.get("last_modified_at") or doc.date
            if stamp:
                lines.append(f"<lastmod>{f['date_to_xmlschema'](stamp)}</lastmod>")
            lines.append("</url>")
    for other in site.pages:
        if not (other.is_html or other.url.endswith("/")) or other.data.get("sitemap") is False \
                or other.url == "/404.html":
            continue
        lines += ["<url>", f"<loc>{_loc(f, other.url)}</loc>"]
        if other.data.get("last_modified_at"):
            lines.append(f"<lastmod>{f['date_to_xmlschema'](other.data['last_modified_at'])}"
                         "</lastmod>")
        lines.append("</url>")
    for item in site.static_files:
        if item.extname not in STATIC_EXTS or item.data.get("sitemap") is False \
                or item.name == "404.html":
            continue
        modified = datetime.fromtimestamp(item.path.stat().st_mtime, site.time.tzinfo)
        lines += ["<url>", f"<loc>{_loc(f, item.relative_path)}</loc>",
                  f"<lastmod>{f['date_to_xmlschema'](modified)}</lastmod>", "</url>"]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def render_robots(renderer: "Renderer", page: Document) -> str:
    return f"Sitemap: {FilterSet(renderer.env)['absolute_url']('sitemap.xml')}\n"
