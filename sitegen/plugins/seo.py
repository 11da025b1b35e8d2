"""jekyll-seo-tag: `{% seo %}` writes the title, description, canonical URL, Open Graph and
Twitter metadata and JSON-LD for the page, computed as the plugin (v2.8) computes them."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, TextIO

from liquid.undefined import Undefined

from ..render.filters import FilterSet
from ..render.tags import InlineTag, MarkupNode

VERSION = "2.8.0"
HOMEPAGE_OR_ABOUT = re.compile(r"^/(about/)?(index.html?)?$")


def _get(mapping: Any, key: str) -> Any:
    if isinstance(mapping, Mapping):
        value = mapping.get(key)
        return None if isinstance(value, Undefined) else value
    return None


class SeoData:
    """The values the tag's template uses (the plugin's `Drop`)."""

    def __init__(self, markup: str, context: Any):
        self.context = context
        self.filters = FilterSet(context.env)
        self.page = context.resolve("page")
        self.site = context.resolve("site")
        self.markup = markup

    def f(self, name: str, value: Any, *args: Any) -> Any:
        return self.filters[name](value, *args)

    def format_string(self, value: Any) -> str | None:
        if value is None:
            return None
        text = str(value)
        for name in ("markdownify", "strip_html", "normalize_whitespace", "escape_once"):
            text = self.f(name, text)
        return text or None

    @property
    def site_title(self) -> str | None:
        return self.format_string(_get(self.site, "title") or _get(self.site, "name"))

    @property
    def site_description(self) -> str | None:
        return self.format_string(_get(self.site, "description"))

    @property
    def site_tagline(self) -> str | None:
        return self.format_string(_get(self.site, "tagline"))

    @property
    def page_title(self) -> str | None:
        return self.format_string(_get(self.page, "title")) or self.site_title

    @property
    def title(self) -> str | None:
        site_title, page_title = self.site_title, self.page_title
        if site_title and page_title != site_title:
            title = f"{page_title} | {site_title}"
        elif self.site_description and site_title:
            title = f"{site_title} | {self.site_tagline or self.site_description}"
        else:
            title = page_title or site_title
        return (self.page_number or "") + title if title else title

    @property
    def paginator(self) -> Mapping[str, Any] | None:
        value = self.context.resolve("paginator")
        return value if isinstance(value, Mapping) else None

    @property
    def page_number(self) -> str | None:
        """`Page 2 of 5 for ` in front of paginated pages' titles."""
        paginator = self.paginator
        if not paginator or not paginator.get("page") or paginator["page"] <= 1:
            return None
        message = _get(self.site, "seo_paginator_message") or "Page %<current>s of %<total>s for "
        return str(message).replace("%<current>s", str(paginator["page"])).replace(
            "%<total>s", str(paginator["total_pages"]))

    @property
    def show_title(self) -> bool:
        return bool(self.title) and not re.search(r"title=false", self.markup, re.I)

    @property
    def description(self) -> str | None:
        return self.format_string(_get(self.page, "description") or _get(self.page, "excerpt")
                                  or None) or self.site_description

    @property
    def homepage_or_about(self) -> bool:
        return bool(HOMEPAGE_OR_ABOUT.match(str(_get(self.page, "url") or "")))

    @property
    def author(self) -> dict[str, Any]:
        sources = [_get(self.page, "author")]
        authors = _get(self.page, "authors")
        if isinstance(authors, list) and authors:
            sources.append(authors[0])
        sources.append(_get(self.site, "author"))
        resolved = next((s for s in sources if s not in (None, "")), None)
        if isinstance(resolved, Mapping):
            return dict(resolved)
        if isinstance(resolved, str):
            data = _get(_get(self.site, "data"), "authors")
            extra = data.get(resolved) if isinstance(data, Mapping) else None
            return {"name": resolved, **(dict(extra) if isinstance(extra, Mapping) else {})}
        return {}

    @property
    def canonical_url(self) -> str:
        explicit = _get(self.page, "canonical_url")
        if explicit:
            return str(explicit)
        url = self.f("absolute_url", _get(self.page, "url")) or ""
        return re.sub(r"/index\.html$", "/", str(url))

    @property
    def locale(self) -> str:
        lang = _get(self.page, "lang") or _get(self.site, "lang") or "en_US"
        return str(_get(self.page, "locale") or _get(self.site, "locale") or lang).replace("-", "_")

    @property
    def image(self) -> dict[str, Any] | None:
        image = _get(self.page, "image")
        if isinstance(image, Mapping):
            data = {k: v for k, v in image.items()}
            path = data.pop("path", None) or data.pop("url", None)
        else:
            data, path = {}, image
        if not path:
            return None
        path = str(path)
        if not re.match(r"^[a-z][a-z0-9+.-]*:", path, re.I):
            path = self.f("absolute_url", path)
        return {"path": path, **data}

    @property
    def type(self) -> str:
        seo = _get(self.page, "seo")
        if isinstance(seo, Mapping) and seo.get("type"):
            return str(seo["type"])
        if self.homepage_or_about:
            return "WebSite"
        return "BlogPosting" if _get(self.page, "date") else "WebPage"

    @property
    def name(self) -> str | None:
        seo = _get(self.page, "seo")
        if isinstance(seo, Mapping) and seo.get("name"):
            return self.format_string(seo["name"])
        if not self.homepage_or_about:
            return None
        social = _get(self.site, "social")
        if isinstance(social, Mapping) and social.get("name"):
            return self.format_string(social["name"])
        return self.site_title

    def json_ld(self) -> str:
        date = _get(self.page, "date")
        modified = _get(self.page, "last_modified_at") or date
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": self.type,
            "author": ({"@type": self.author.get("type") or "Person", "name": self.author["name"],
                        **({"url": self.author["url"]} if self.author.get("url") else {})}
                       if self.author.get("name") else None),
            "dateModified": self.f("date_to_xmlschema", modified) if modified else None,
            "datePublished": self.f("date_to_xmlschema", date) if date else None,
            "description": self.description,
            "headline": self.page_title,
            "image": (self.image["path"] if self.image and len(self.image) == 1 else
                      ({**{k: v for k, v in self.image.items() if k != "path"},
                        "url": self.image["path"], "@type": "imageObject"}
                       if self.image else None)),
            "mainEntityOfPage": ({"@type": "WebPage", "@id": self.canonical_url}
                                 if self.type in ("BlogPosting", "CreativeWork") else None),
            "name": self.name,
            "url": self.canonical_url,
        }
        return json.dumps({k: v for k, v in sorted(data.items()) if v is not None},
                          ensure_ascii=False, separators=(",", ":"))


def render_seo(markup: str, context: Any) -> str:
    d = SeoData(markup, context)
    lines = [f"<!-- Begin Jekyll SEO tag v{VERSION} -->"]
    if d.show_title:
        lines.append(f"<title>{d.title}</title>")
    lines.append(f'<meta name="generator" content="Jekyll v{context.env.renderer.jekyll["version"]}" />')
    if d.page_title:
        lines.append(f'<meta property="og:title" content="{d.page_title}" />')
    author = d.author
    if author.get("name"):
        lines.append(f'<meta name="author" content="{author["name"]}" />')
    lines.append(f'<meta property="og:locale" content="{d.locale}" />')
    if d.description:
        lines.append(f'<meta name="description" content="{d.description}" />')
        lines.append(f'<meta property="og:description" content="{d.description}" />')
    if _get(d.site, "url") is not None:
        lines.append(f'<link rel="canonical" href="{d.canonical_url}" />')
        lines.append(f'<meta property="og:url" content="{d.canonical_url}" />')
    if d.site_title:
        lines.append(f'<meta property="og:site_name" content="{d.site_title}" />')
    image = d.image
    if image:
        lines.append(f'<meta property="og:image" content="{image["path"]}" />')
        for key in ("height", "width", "alt"):
            if image.get(key):
                lines.append(f'<meta property="og:image:{key}" content="{image[key]}" />')
    date = _get(d.page, "date")
    if date:
        lines.append('<meta property="og:type" content="article" />')
        lines.append(f'<meta property="article:published_time" '
                     f'content="{d.f("date_to_xmlschema", date)}" />')
    else:
        lines.append('<meta property="og:type" content="website" />')
    paginator = d.paginator
    if paginator and paginator.get("previous_page"):
        lines.append(f'<link rel="prev" href="{d.f("absolute_url", paginator["previous_page_path"])}" />')
    if paginator and paginator.get("next_page"):
        lines.append(f'<link rel="next" href="{d.f("absolute_url", paginator["next_page_path"])}" />')
    if image:
        twitter = _get(d.page, "twitter") or _get(d.site, "twitter")
        card = _get(twitter, "card") or "summary_large_image"
        lines.append(f'<meta name="twitter:card" content="{card}" />')
        lines.append(f'<meta property="twitter:image" content="{image["path"]}" />')
    else:
        lines.append('<meta name="twitter:card" content="summary" />')
    if image and image.get("alt"):
        lines.append(f'<meta name="twitter:image:alt" content="{image["alt"]}" />')
    if d.page_title:
        lines.append(f'<meta property="twitter:title" content="{d.page_title}" />')
    site_twitter = _get(d.site, "twitter")
    if site_twitter:
        username = str(_get(site_twitter, "username") or "").replace("@", "")
        lines.append(f'<meta name="twitter:site" content="@{username}" />')
        creator = author.get("twitter") or author.get("name")
        if isinstance(creator, str):
            lines.append(f'<meta name="twitter:creator" content="@{creator.lstrip("@")}" />')
    verification = _get(d.site, "google_site_verification")
    if verification and not _get(d.site, "webmaster_verifications"):
        lines.append(f'<meta name="google-site-verification" content="{verification}" />')
    lines.append('<script type="application/ld+json">')
    lines.append(d.json_ld() + "</script>")
    lines.append("<!-- End Jekyll SEO tag -->")
    return "\n".join(lines) + "\n"


class SeoNode(MarkupNode):
    __slots__ = ()

    def render_to_output(self, context: Any, buffer: TextIO) -> int:
        buffer.write(render_seo(self.markup, context))
        return True


class SeoTag(InlineTag):
    name = "seo"
    node_class = SeoNode


TAGS = [SeoTag]
