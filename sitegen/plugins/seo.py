"""jekyll-seo-tag: `{% seo %}` writes the title, description, canonical URL, Open Graph and
Twitter metadata, verification tags and JSON-LD for the page, computed as the plugin (v2.8)
computes them (its `Drop`, `AuthorDrop`, `ImageDrop` and `JSONLDDrop`, and its template)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property
from typing import Any, TextIO

from liquid.undefined import Undefined

from ..render.filters import FilterSet
from ..render.ruby import liquid_output, ruby_to_s, ruby_truthy
from ..render.tags import InlineTag, MarkupNode

VERSION = "2.8.0"
HOMEPAGE_OR_ABOUT = re.compile(r"^/(about/)?(index.html?)?$", re.M)
VALID_ENTITY_TYPES = ("BlogPosting", "CreativeWork")
VALID_AUTHOR_TYPES = ("Organization", "Person")
# Addressable's scheme: anything up to the first `:` before any `/?#`, valid or not.
_SCHEME = re.compile(r"([^:/?#]+):")
_VALID_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9.+\-]*")
# `site.webmaster_verifications` keys and the meta names they become, in the template's order.
VERIFICATIONS = (("google", "google-site-verification"), ("bing", "msvalidate.01"),
                 ("alexa", "alexaVerifyID"), ("yandex", "yandex-verification"),
                 ("baidu", "baidu-site-verification"),
                 ("facebook", "facebook-domain-verification"))


def _get(mapping: Any, key: str) -> Any:
    if isinstance(mapping, Mapping):
        value = mapping.get(key)
        return None if isinstance(value, Undefined) else value
    return None


def _or(*values: Any) -> Any:
    """Ruby's `a || b || …`: the first value that is neither nil nor false ("" and 0 count),
    else the last."""
    for value in values:
        if ruby_truthy(value):
            return value
    return values[-1]


def _sub_hash(mapping: Any, key: str) -> Mapping[str, Any]:
    """The plugin's `sub_hash`: the value when it is a hash, else an empty one."""
    value = _get(mapping, key)
    return value if isinstance(value, Mapping) else {}


def absolute_url_p(url: Any) -> bool | None:
    """The plugin's `absolute_url?`: whether Addressable finds a scheme; None when it cannot
    parse the URL (a scheme that is not one), or it is nil."""
    if url is None or url is False:
        return None
    match = _SCHEME.match(ruby_to_s(url))
    if match is None:
        return False
    return True if _VALID_SCHEME.fullmatch(match.group(1)) else None


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
        """markdownify, strip_html, normalize_whitespace, escape_once; nil when empty."""
        if value is None:
            return None
        text = ruby_to_s(value)
        for name in ("markdownify", "strip_html", "normalize_whitespace", "escape_once"):
            text = self.f(name, text)
        return text or None

    @cached_property
    def page_seo(self) -> Mapping[str, Any]:
        return _sub_hash(self.page, "seo")

    @cached_property
    def site_title(self) -> str | None:
        return self.format_string(_or(_get(self.site, "title"), _get(self.site, "name")))

    @cached_property
    def site_description(self) -> str | None:
        return self.format_string(_get(self.site, "description"))

    @cached_property
    def site_tagline(self) -> str | None:
        return self.format_string(_get(self.site, "tagline"))

    @cached_property
    def page_title(self) -> str | None:
        return self.format_string(_get(self.page, "title")) or self.site_title

    @cached_property
    def title(self) -> str | None:
        site_title, page_title = self.site_title, self.page_title
        if site_title and page_title != site_title:
            title = f"{page_title} | {site_title}"
        elif self.site_description and site_title:
            title = f"{site_title} | {self.site_tagline or self.site_description}"
        else:
            title = page_title or site_title
        return (self.page_number or "") + title if title else title

    @cached_property
    def paginator(self) -> Mapping[str, Any] | None:
        value = self.context.resolve("paginator")
        return value if isinstance(value, Mapping) else None

    @cached_property
    def page_number(self) -> str | None:
        """`Page 2 of 5 for ` in front of paginated pages' titles."""
        paginator = self.paginator
        if not paginator or not paginator.get("page") or paginator["page"] <= 1:
            return None
        message = _get(self.site, "seo_paginator_message") or "Page %<current>s of %<total>s for "
        return str(message).replace("%<current>s", str(paginator["page"])).replace(
            "%<total>s", str(paginator["total_pages"]))

    @cached_property
    def show_title(self) -> bool:
        return bool(self.title) and not re.search(r"title=false", self.markup, re.I)

    @cached_property
    def description(self) -> str | None:
        return self.format_string(_or(_get(self.page, "description"),
                                      _get(self.page, "excerpt"))) or self.site_description

    @cached_property
    def homepage_or_about(self) -> bool:
        return bool(HOMEPAGE_OR_ABOUT.search(ruby_to_s(_get(self.page, "url"))))

    @cached_property
    def author(self) -> dict[str, Any]:
        """`AuthorDrop`'s hash: the first of page.author, page.authors[0] and site.author
        that is not empty; a name also brings its entry in `site.data.authors`."""
        sources = [_get(self.page, "author")]
        authors = _get(self.page, "authors")
        if isinstance(authors, list):
            sources.append(authors[0] if authors else None)
        sources.append(_get(self.site, "author"))
        resolved = next((s for s in sources if ruby_to_s(s) != ""), None)
        if isinstance(resolved, Mapping):
            return dict(resolved)
        if isinstance(resolved, str):
            extra = _get(_get(_get(self.site, "data"), "authors"), resolved)
            return {"name": resolved, **(dict(extra) if isinstance(extra, Mapping) else {})}
        return {}

    @cached_property
    def author_twitter(self) -> str | None:
        """`AuthorDrop#twitter`: the author's twitter handle, else name, without one `@`."""
        twitter = _or(self.author.get("twitter"), self.author.get("name"))
        return re.sub(r"^@", "", twitter, count=1) if isinstance(twitter, str) else None

    @cached_property
    def canonical_url(self) -> Any:
        explicit = _get(self.page, "canonical_url")
        if ruby_to_s(explicit) != "":
            return explicit
        url = ruby_to_s(self.f("absolute_url", _get(self.page, "url")))
        return re.sub(r"/index\.html$", "/", url, flags=re.M)

    @cached_property
    def locale(self) -> str:
        lang = _or(_get(self.page, "lang"), _get(self.site, "lang"), "en_US")
        return ruby_to_s(_or(_get(self.page, "locale"), _get(self.site, "locale"),
                             lang)).replace("-", "_")

    @cached_property
    def image(self) -> dict[str, Any] | None:
        """`ImageDrop`: the data of `page.image` with `path` first, the path (else
        `facebook`, else `twitter`) made absolute and escaped; None without one."""
        image = _get(self.page, "image")
        if isinstance(image, Mapping):
            data = {"path": None, **{k: v for k, v in image.items()}}
        else:
            data = {"path": image if isinstance(image, str) else None}
        raw = _or(data["path"], data.get("facebook"), data.get("twitter"))
        if not ruby_truthy(raw):
            return None
        if isinstance(raw, str) and absolute_url_p(raw) is False:
            raw = self.f("absolute_url", raw)
        data["path"] = self.f("uri_escape", raw) if ruby_truthy(raw) else None
        return data if data["path"] is not None else None

    @cached_property
    def logo(self) -> str | None:
        logo = _get(self.site, "logo")
        if not ruby_truthy(logo):
            return None
        if not absolute_url_p(logo):
            logo = self.f("absolute_url", logo)
        return self.f("uri_escape", logo)

    @cached_property
    def type(self) -> Any:
        if ruby_truthy(self.page_seo.get("type")):
            return self.page_seo["type"]
        if self.homepage_or_about:
            return "WebSite"
        return "BlogPosting" if ruby_truthy(_get(self.page, "date")) else "WebPage"

    @cached_property
    def name(self) -> str | None:
        seo_name = self.page_seo.get("name")
        seo_name = self.format_string(seo_name) if ruby_truthy(seo_name) else None
        if seo_name:
            return seo_name
        if not self.homepage_or_about:
            return None
        social = _sub_hash(self.site, "social")
        if ruby_truthy(social.get("name")):
            return self.format_string(social["name"])
        return self.site_title

    @cached_property
    def links(self) -> Any:
        if ruby_truthy(self.page_seo.get("links")):
            return self.page_seo["links"]
        social = _sub_hash(self.site, "social")
        if self.homepage_or_about and ruby_truthy(social.get("links")):
            return social["links"]
        return None

    def xmlschema(self, value: Any) -> str | None:
        return self.f("date_to_xmlschema", value) if ruby_truthy(value) else None

    def json_ld(self) -> str:
        """`JSONLDDrop#to_json`: its keys sorted, nil values left out."""
        date = _get(self.page, "date")
        modified = _or(self.page_seo.get("date_modified"), _get(self.page, "last_modified_at"),
                       date)
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": self.type,
            "author": self.json_ld_author(),
            "dateModified": self.xmlschema(modified),
            "datePublished": self.xmlschema(date),
            "description": self.description,
            "headline": self.page_title,
            "image": self.json_ld_image(),
            "mainEntityOfPage": ({"@type": "WebPage", "@id": self.canonical_url}
                                 if self.type in VALID_ENTITY_TYPES else None),
            "name": self.name,
            "publisher": self.publisher(),
            "sameAs": self.links,
            "url": self.canonical_url,
        }
        return self.f("jsonify", {k: v for k, v in sorted(data.items()) if v is not None})

    def json_ld_author(self) -> dict[str, Any] | None:
        author = self.author
        if not ruby_truthy(author.get("name")):
            return None
        kind = author.get("type")
        if ruby_truthy(kind) and kind not in VALID_AUTHOR_TYPES:
            return None
        out = {"@type": _or(kind, "Person"), "name": author["name"]}
        if ruby_truthy(author.get("url")):
            out["url"] = author["url"]
        return out

    def json_ld_image(self) -> Any:
        """The image's URL alone, or all its data with the URL as `url` (and an `@type`)."""
        image = self.image
        if image is None:
            return None
        if len(image) == 1:
            return image["path"]
        out = {k: v for k, v in image.items() if k != "path"}
        return {**out, "url": image["path"], "@type": "imageObject"}

    def publisher(self) -> dict[str, Any] | None:
        logo = self.logo
        if not ruby_truthy(logo):
            return None
        out: dict[str, Any] = {"@type": "Organization",
                               "logo": {"@type": "ImageObject", "url": logo}}
        if ruby_truthy(self.author.get("name")):
            out["name"] = self.author["name"]
        return out


def render_seo(markup: str, context: Any) -> str:
    d = SeoData(markup, context)
    lines = [f"<!-- Begin Jekyll SEO tag v{VERSION} -->"]
    if d.show_title:
        lines.append(f"<title>{d.title}</title>")
    version = context.env.renderer.jekyll["version"]
    lines.append(f'<meta name="generator" content="Jekyll v{version}" />')
    if d.page_title:
        lines.append(f'<meta property="og:title" content="{d.page_title}" />')
    author = d.author
    if ruby_truthy(author.get("name")):
        lines.append(f'<meta name="author" content="{liquid_output(author["name"])}" />')
    lines.append(f'<meta property="og:locale" content="{d.locale}" />')
    if d.description:
        lines.append(f'<meta name="description" content="{d.description}" />')
        lines.append(f'<meta property="og:description" content="{d.description}" />')
    if ruby_truthy(_get(d.site, "url")):
        canonical = liquid_output(d.canonical_url)
        lines.append(f'<link rel="canonical" href="{canonical}" />')
        lines.append(f'<meta property="og:url" content="{canonical}" />')
    if d.site_title:
        lines.append(f'<meta property="og:site_name" content="{d.site_title}" />')
    lines += _image_lines(d)
    lines += _date_and_pager_lines(d)
    lines += _twitter_lines(d)
    lines += _facebook_lines(d.site) + _verification_lines(d.site)
    lines.append('<script type="application/ld+json">')
    lines.append(d.json_ld() + "</script>")
    lines.append("<!-- End Jekyll SEO tag -->")
    return "\n".join(lines) + "\n"


def _image_lines(d: SeoData) -> list[str]:
    image = d.image
    if image is None:
        return []
    lines = [f'<meta property="og:image" content="{liquid_output(image["path"])}" />']
    for key in ("height", "width", "alt"):
        if ruby_truthy(image.get(key)):
            lines.append(f'<meta property="og:image:{key}" '
                         f'content="{liquid_output(image[key])}" />')
    return lines


def _date_and_pager_lines(d: SeoData) -> list[str]:
    date = _get(d.page, "date")
    if ruby_truthy(date):
        lines = ['<meta property="og:type" content="article" />',
                 f'<meta property="article:published_time" content="{d.xmlschema(date)}" />']
    else:
        lines = ['<meta property="og:type" content="website" />']
    paginator = d.paginator
    for rel, key in (("prev", "previous_page"), ("next", "next_page")):
        if paginator and ruby_truthy(paginator.get(key)):
            href = liquid_output(d.f("absolute_url", paginator.get(key + "_path")))
            lines.append(f'<link rel="{rel}" href="{href}" />')
    return lines


def _twitter_lines(d: SeoData) -> list[str]:
    image = d.image
    if image is not None:
        card = d.f("default", d.f("default", _get(_get(d.page, "twitter"), "card"),
                                  _get(_get(d.site, "twitter"), "card")), "summary_large_image")
        lines = [f'<meta name="twitter:card" content="{liquid_output(card)}" />',
                 f'<meta property="twitter:image" content="{liquid_output(image["path"])}" />']
    else:
        lines = ['<meta name="twitter:card" content="summary" />']
    if image is not None and ruby_truthy(image.get("alt")):
        lines.append(f'<meta name="twitter:image:alt" content="{liquid_output(image["alt"])}" />')
    if d.page_title:
        lines.append(f'<meta property="twitter:title" content="{d.page_title}" />')
    site_twitter = _get(d.site, "twitter")
    if ruby_truthy(site_twitter):
        username = d.f("remove", _get(site_twitter, "username"), "@")
        lines.append(f'<meta name="twitter:site" content="@{username}" />')
        creator = d.author_twitter
        if creator is not None:
            lines.append(f'<meta name="twitter:creator" content="@{d.f("remove", creator, "@")}"'
                         " />")
    return lines


def _facebook_lines(site: Any) -> list[str]:
    facebook = _get(site, "facebook")
    if not ruby_truthy(facebook):
        return []
    lines = []
    for key, tag in (("admins", 'property="fb:admins"'),
                     ("publisher", 'property="article:publisher"'),
                     ("app_id", 'property="fb:app_id"')):
        value = _get(facebook, key)
        if ruby_truthy(value):
            lines.append(f'<meta {tag} content="{liquid_output(value)}" />')
    return lines


def _verification_lines(site: Any) -> list[str]:
    verifications = _get(site, "webmaster_verifications")
    if ruby_truthy(verifications):
        lines = []
        for key, name in VERIFICATIONS:
            value = _get(verifications, key)
            if ruby_truthy(value):
                lines.append(f'<meta name="{name}" content="{liquid_output(value)}" />')
        return lines
    google = _get(site, "google_site_verification")
    if ruby_truthy(google):
        return [f'<meta name="google-site-verification" content="{liquid_output(google)}" />']
    return []


class SeoNode(MarkupNode):
    __slots__ = ()

    def render_to_output(self, context: Any, buffer: TextIO) -> int:
        buffer.write(render_seo(self.markup, context))
        return True


class SeoTag(InlineTag):
    name = "seo"
    node_class = SeoNode


TAGS = [SeoTag]
