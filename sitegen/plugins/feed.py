"""jekyll-feed: an Atom feed of the latest posts at `/feed.xml` (plus per-collection and
per-category feeds when configured) and the `{% feed_meta %}` link, as jekyll-feed 0.17 writes
them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO


from ..render.filters import FilterSet
from ..render.ruby import ruby_truthy
from ..render.tags import InlineTag, MarkupNode
from ..site import Document

if TYPE_CHECKING:
    from ..render.renderer import Renderer
    from ..site import Site


def _config(site_config: Mapping[str, Any]) -> dict[str, Any]:
    value = site_config.get("feed")
    return dict(value) if isinstance(value, Mapping) else {}


def _xml_attr(text: str) -> str:
    """Ruby's `encode(xml: :attr)`, without the quotes it adds."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&apos;"))


def generate(site: "Site") -> None:
    """Add the feed pages (jekyll-feed's generator), unless the source has its own."""
    config = _config(site.config)
    if config.get("disable_in_development") and site.environment == "development":
        return
    collections = config.get("collections")
    if isinstance(collections, list):
        collections = {c: {} for c in collections}
    collections = dict(collections) if isinstance(collections, Mapping) else {}
    posts = dict(collections.get("posts") or {})
    posts.setdefault("path", config.get("path"))
    posts.setdefault("categories", config.get("categories"))
    collections["posts"] = posts
    for name, meta in collections.items():
        meta = meta or {}
        for category in list(meta.get("categories") or []) + [None]:
            prefix = "/feed" if name == "posts" else f"/feed/{name}"
            path = f"{prefix}/{category}.xml" if category else (meta.get("path") or f"{prefix}.xml")
            if (site.source / path.lstrip("/")).exists():
                continue
            site.pages.append(_feed_page(site, path, name, category))


def _feed_page(site: "Site", path: str, collection: str, category: str | None) -> Document:
    data = {"layout": None, "sitemap": False,
            "xsl": (site.source / "feed.xslt.xml").exists(), "collection": collection,
            "category": category, "tags": None}
    relative = path.lstrip("/")
    return Document(path=site.source / relative, relative_path=relative, collection=None,
                    data=data, content=FEED_TEMPLATE, dir=str(Path(path).parent), url=path,
                    output_ext=".xml", asset=True, generated=render_feed)


def render_feed(renderer: "Renderer", page: Document) -> str:
    """The Atom XML of one feed page."""
    f = FilterSet(renderer.env)
    site, config = renderer.site, renderer.config
    feed_config = _config(config)
    data = page.data
    out = ['<?xml version="1.0" encoding="utf-8"?>']
    if data.get("xsl"):
        out.append(f'<?xml-stylesheet type="text/xml" href="{f["absolute_url"]("/feed.xslt.xml")}"?>')
    lang = config.get("lang")
    out.append('<feed xmlns="http://www.w3.org/2005/Atom" '
               + (f'xml:lang="{lang}"' if lang else "") + ">")
    out.append(f'<generator uri="https://jekyllrb.com/" version="{renderer.jekyll["version"]}">'
               "Jekyll</generator>")
    out.append(f'<link href="{f["absolute_url"](page.url)}" rel="self" '
               'type="application/atom+xml" />')
    out.append(f'<link href="{f["absolute_url"]("/")}" rel="alternate" type="text/html" '
               + (f'hreflang="{lang}" ' if lang else "") + "/>")
    site.volatile.add("site.time")
    out.append(f'<updated>{f["date_to_xmlschema"](site.time)}</updated>')
    out.append(f'<id>{f["xml_escape"](f["absolute_url"](page.url))}</id>')
    title = config.get("title") or config.get("name")
    if data.get("collection") != "posts":
        title = f"{title or ''} | {str(data.get('collection')).capitalize()}"
    if data.get("category"):
        title = f"{title or ''} | {str(data['category']).capitalize()}"
    if ruby_truthy(title):   # Liquid's truth: an empty title or description is still written
        out.append(f'<title type="html">{f["xml_escape"](f["smartify"](title))}</title>')
    if ruby_truthy(config.get("description")):
        out.append(f"<subtitle>{f['xml_escape'](config['description'])}</subtitle>")
    author = config.get("author")
    if ruby_truthy(author):
        out.append(_author(f, author))
    for post in _posts(renderer, page, feed_config):
        out.append(_entry(renderer, post, feed_config))
    out.append("</feed>")
    page.content = "".join(out)   # a rendered page's `content`, as in Jekyll
    return page.content


def _author(f: Mapping[str, Any], author: Any) -> str:
    """The feed's `<author>`: `site.author.name | default: site.author`, so a hash without a
    name prints as the hash (Ruby's inspect); `email` and `uri` when Liquid finds them true."""
    return _author_element(f, f["default"](_field(author, "name"), author),
                           _field(author, "email"), _field(author, "uri"))


def _entry_author(f: Mapping[str, Any], site: Any, post: Any) -> str:
    """An entry's `<author>`, assigned step by step as the gem's template does: Liquid's
    `default` keeps a hash without a name as the name, and turns an empty email into nil."""
    authors = post.get("authors")
    first = authors[0] if isinstance(authors, list) and authors else None
    author = f["default"](f["default"](post.get("author"), first), site.config.get("author"))
    known = (site.data.get("authors") or {}) if isinstance(site.data, Mapping) else {}
    if isinstance(author, str) and isinstance(known, Mapping) and author in known:
        author = f["default"](known[author], author)
    return _author_element(f, f["default"](f["default"](_field(author, "name"), author), ""),
                           f["default"](_field(author, "email"), None),
                           f["default"](_field(author, "uri"), None))


def _author_element(f: Mapping[str, Any], name: Any, email: Any, uri: Any) -> str:
    parts = [f"<name>{f['xml_escape'](name)}</name>"]
    for key, value in (("email", email), ("uri", uri)):
        if ruby_truthy(value):
            parts.append(f"<{key}>{f['xml_escape'](value)}</{key}>")
    return "<author>" + "".join(parts) + "</author>"


def _field(value: Any, key: str) -> Any:
    """`value.key` in Liquid: a hash's entry, else nil."""
    return value.get(key) if isinstance(value, Mapping) else None


def _posts(renderer: "Renderer", page: Document, feed_config: dict[str, Any]) -> list[Any]:
    data = page.data
    if data.get("tags"):
        posts = renderer.listing("tags").get(data["tags"], [])
    else:
        posts = renderer.site_drop[data["collection"]]
    if data.get("category"):
        posts = [p for p in posts if data["category"] in (p.get("categories") or [])]
    if not renderer.config.get("show_drafts"):
        posts = [p for p in posts if p.doc.draft is not True]
    # The gem's `sort: "date" | reverse`: a stable sort reversed, so ties come out reversed too.
    posts = sorted(posts, key=lambda p: p["date"])[::-1]
    limit = feed_config.get("posts_limit") or 10
    return posts[: int(limit)]


def _entry(renderer: "Renderer", post: Any, feed_config: dict[str, Any]) -> str:
    f = FilterSet(renderer.env)
    site = renderer.site
    lang = post.get("lang")
    title = f["xml_escape"](f["normalize_whitespace"](f["strip_html"](f["smartify"](
        post.get("title") or ""))))
    url = f["absolute_url"](post["url"])
    out = ["<entry" + (f' xml:lang="{lang}"' if lang else "") + ">",
           f'<title type="html">{title}</title>',
           f'<link href="{url}" rel="alternate" type="text/html" title="{title}" />',
           f"<published>{f['date_to_xmlschema'](post['date'])}</published>",
           f"<updated>{f['date_to_xmlschema'](post.get('last_modified_at') or post['date'])}"
           "</updated>",
           f"<id>{f['xml_escape'](f['absolute_url'](post['id']))}</id>"]
    post_feed = post.get("feed")
    excerpt_only = (post_feed.get("excerpt_only") if isinstance(post_feed, Mapping) else None) \
        or feed_config.get("excerpt_only")
    if not excerpt_only:
        content = (post["content"] or "").strip()
        out.append(f'<content type="html" xml:base="{f["xml_escape"](url)}"><![CDATA['
                   f"{content}]]></content>")
    out.append(_entry_author(f, site, post))
    if post.get("category"):
        out.append(f'<category term="{f["xml_escape"](post["category"])}" />')
    else:
        for category in post.get("categories") or []:
            out.append(f'<category term="{f["xml_escape"](category)}" />')
    for tag in post.get("tags") or []:
        out.append(f'<category term="{f["xml_escape"](tag)}" />')
    summary = post.get("description") or post["excerpt"]
    if summary:
        out.append('<summary type="html"><![CDATA['
                   f"{f['normalize_whitespace'](f['strip_html'](summary))}]]></summary>")
    image = post.get("image")
    image = image.get("path") if isinstance(image, Mapping) else image
    if image:
        if "://" not in str(image):
            image = f["absolute_url"](image)
        image = f["xml_escape"](image)
        out.append(f'<media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="{image}" />'
                   f'<media:content medium="image" url="{image}" '
                   'xmlns:media="http://search.yahoo.com/mrss/" />')
    out.append("</entry>")
    return "".join(out)


class FeedMetaNode(MarkupNode):
    __slots__ = ()

    def render_to_output(self, context: Any, buffer: TextIO) -> int:
        config = context.env.renderer.config
        path = _config(config).get("path") or "feed.xml"
        title = config.get("title") or config.get("name")
        href = FilterSet(context.env)["absolute_url"](path)
        attrs = f'type="application/atom+xml" rel="alternate" href="{_xml_attr(str(href))}"'
        if title:
            attrs += f' title="{_xml_attr(str(title))}"'
        buffer.write(f"<link {attrs} />")
        return True


class FeedMetaTag(InlineTag):
    name = "feed_meta"
    node_class = FeedMetaNode


TAGS = [FeedMetaTag]


# The gem's template (jekyll-feed 0.17.0's feed.xml): a feed page's `content` before it
# renders. Its generator strips the whitespace after every `>` and `}`.
_FEED_SOURCE = """\
<?xml version="1.0" encoding="utf-8"?>
{% if page.xsl %}
  <?xml-stylesheet type="text/xml" href="{{ '/feed.xslt.xml' | absolute_url }}"?>
{% endif %}
<feed xmlns="http://www.w3.org/2005/Atom" {% if site.lang %}xml:lang="{{ site.lang }}"{% endif %}>
  <generator uri="https://jekyllrb.com/" version="{{ jekyll.version }}">Jekyll</generator>
  <link href="{{ page.url | absolute_url }}" rel="self" type="application/atom+xml" />
  <link href="{{ '/' | absolute_url }}" rel="alternate" type="text/html" {% if site.lang \
%}hreflang="{{ site.lang }}" {% endif %}/>
  <updated>{{ site.time | date_to_xmlschema }}</updated>
  <id>{{ page.url | absolute_url | xml_escape }}</id>

  {% assign title = site.title | default: site.name %}
  {% if page.collection != "posts" %}
    {% assign collection = page.collection | capitalize %}
    {% assign title = title | append: " | " | append: collection %}
  {% endif %}
  {% if page.category %}
    {% assign category = page.category | capitalize %}
    {% assign title = title | append: " | " | append: category %}
  {% endif %}

  {% if title %}
    <title type="html">{{ title | smartify | xml_escape }}</title>
  {% endif %}

  {% if site.description %}
    <subtitle>{{ site.description | xml_escape }}</subtitle>
  {% endif %}

  {% if site.author %}
    <author>
        <name>{{ site.author.name | default: site.author | xml_escape }}</name>
      {% if site.author.email %}
        <email>{{ site.author.email | xml_escape }}</email>
      {% endif %}
      {% if site.author.uri %}
        <uri>{{ site.author.uri | xml_escape }}</uri>
      {% endif %}
    </author>
  {% endif %}

  {% if page.tags %}
    {% assign posts = site.tags[page.tags] %}
  {% else %}
    {% assign posts = site[page.collection] %}
  {% endif %}
  {% if page.category %}
    {% assign posts = posts | where: "categories", page.category %}
  {% endif %}
  {% unless site.show_drafts %}
    {% assign posts = posts | where_exp: "post", "post.draft != true" %}
  {% endunless %}
  {% assign posts = posts | sort: "date" | reverse %}
  {% assign posts_limit = site.feed.posts_limit | default: 10 %}
  {% for post in posts limit: posts_limit %}
    <entry{% if post.lang %}{{" "}}xml:lang="{{ post.lang }}"{% endif %}>
      {% assign post_title = post.title | smartify | strip_html | normalize_whitespace | \
xml_escape %}

      <title type="html">{{ post_title }}</title>
      <link href="{{ post.url | absolute_url }}" rel="alternate" type="text/html" title="{{ \
post_title }}" />
      <published>{{ post.date | date_to_xmlschema }}</published>
      <updated>{{ post.last_modified_at | default: post.date | date_to_xmlschema }}</updated>
      <id>{{ post.id | absolute_url | xml_escape }}</id>
      {% assign excerpt_only = post.feed.excerpt_only | default: site.feed.excerpt_only %}
      {% unless excerpt_only %}
        <content type="html" xml:base="{{ post.url | absolute_url | xml_escape }}"><![CDATA[{{ \
post.content | strip }}]]></content>
      {% endunless %}

      {% assign post_author = post.author | default: post.authors[0] | default: site.author %}
      {% assign post_author = site.data.authors[post_author] | default: post_author %}
      {% assign post_author_email = post_author.email | default: nil %}
      {% assign post_author_uri = post_author.uri | default: nil %}
      {% assign post_author_name = post_author.name | default: post_author %}

      <author>
          <name>{{ post_author_name | default: "" | xml_escape }}</name>
        {% if post_author_email %}
          <email>{{ post_author_email | xml_escape }}</email>
        {% endif %}
        {% if post_author_uri %}
          <uri>{{ post_author_uri | xml_escape }}</uri>
        {% endif %}
      </author>

      {% if post.category %}
        <category term="{{ post.category | xml_escape }}" />
      {% elsif post.categories %}
        {% for category in post.categories %}
          <category term="{{ category | xml_escape }}" />
        {% endfor %}
      {% endif %}

      {% for tag in post.tags %}
        <category term="{{ tag | xml_escape }}" />
      {% endfor %}

      {% assign post_summary = post.description | default: post.excerpt %}
      {% if post_summary and post_summary != empty %}
        <summary type="html"><![CDATA[{{ post_summary | strip_html | normalize_whitespace \
}}]]></summary>
      {% endif %}

      {% assign post_image = post.image.path | default: post.image %}
      {% if post_image %}
        {% unless post_image contains "://" %}
          {% assign post_image = post_image | absolute_url %}
        {% endunless %}
        <media:thumbnail xmlns:media="http://search.yahoo.com/mrss/" url="{{ post_image | \
xml_escape }}" />
        <media:content medium="image" url="{{ post_image | xml_escape }}" \
xmlns:media="http://search.yahoo.com/mrss/" />
      {% endif %}
    </entry>
  {% endfor %}
</feed>
"""

FEED_TEMPLATE = re.sub(r"(?:(?<=>)|(?<=\}))\s+", "", _FEED_SOURCE)
