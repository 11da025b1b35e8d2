"""jekyll-sitemap (1.4): `/sitemap.xml` listing documents, HTML pages and HTML/PDF static files,
and `/robots.txt` pointing at it, unless the site has its own."""

from __future__ import annotations

import re
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
            "layout": None, "xsl": (site.source / "sitemap.xsl").exists()}, SITEMAP_TEMPLATE))
    if "/robots.txt" not in taken:
        site.pages.append(_page(site, "robots.txt", render_robots, {"layout": None},
                                ROBOTS_TEMPLATE))


def _page(site: "Site", name: str, render: Any, data: dict[str, Any],
          template: str) -> Document:
    """A page of the gem's: its `content` is the gem's Liquid template, as `site.pages` shows
    it to pages rendered before it, and its output once rendered."""
    return Document(path=site.source / name, relative_path=name, collection=None, data=data,
                    content=template, url="/" + name, output_ext="." + name.rsplit(".", 1)[1],
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
    page.content = "\n".join(lines) + "\n"
    return page.content


def render_robots(renderer: "Renderer", page: Document) -> str:
    page.content = f"Sitemap: {FilterSet(renderer.env)['absolute_url']('sitemap.xml')}\n"
    return page.content


# The gem's templates (jekyll-sitemap 1.4.0's sitemap.xml and robots.txt): what `content`
# holds before the page renders. Its generator strips the whitespace after a `>` that ends
# a line and after a `}`.
_SITEMAP_SOURCE = """\
<?xml version="1.0" encoding="UTF-8"?>
{% if page.xsl %}
  <?xml-stylesheet type="text/xsl" href="{{ "/sitemap.xsl" | absolute_url }}"?>
{% endif %}
<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 \
http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" \
xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  {% assign collections = site.collections | where_exp:'collection','collection.output != false' %}
  {% for collection in collections %}
    {% assign docs = collection.docs | where_exp:'doc','doc.sitemap != false' %}
    {% for doc in docs %}
      <url>
        <loc>{{ doc.url | replace:'/index.html','/' | absolute_url | xml_escape }}</loc>
        {% if doc.last_modified_at or doc.date %}
          <lastmod>{{ doc.last_modified_at | default: doc.date | date_to_xmlschema }}</lastmod>
        {% endif %}
      </url>
    {% endfor %}
  {% endfor %}

  {% assign pages = site.html_pages | where_exp:'doc','doc.sitemap != false' | \
where_exp:'doc','doc.url != "/404.html"' %}
  {% for page in pages %}
    <url>
      <loc>{{ page.url | replace:'/index.html','/' | absolute_url | xml_escape }}</loc>
      {% if page.last_modified_at %}
        <lastmod>{{ page.last_modified_at | date_to_xmlschema }}</lastmod>
      {% endif %}
    </url>
  {% endfor %}

  {% assign static_files = page.static_files | where_exp:'page','page.sitemap != false' | \
where_exp:'page','page.name != "404.html"' %}
  {% for file in static_files %}
    <url>
      <loc>{{ file.path | replace:'/index.html','/' | absolute_url | xml_escape }}</loc>
      <lastmod>{{ file.modified_time | date_to_xmlschema }}</lastmod>
    </url>
  {% endfor %}
</urlset>
"""

SITEMAP_TEMPLATE = re.sub(r"(?:(?<=>\n)|(?<=\}))\s+", "", _SITEMAP_SOURCE)
ROBOTS_TEMPLATE = 'Sitemap: {{ "sitemap.xml" | absolute_url }}\n'
