"""Generate a blog-like Jekyll site with N posts, deterministically, for benchmarks.

    python bench/gen_site.py 1000 /tmp/bench-site [SECTIONS]

Each post is one section (a paragraph, a heading, a list, every third a code block, every
fourth a table, emphasis and typography) unless told more: real ML posts are longer.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from pathlib import Path

WORDS = ("model training tensor gradient layer network image pixel browser convert weights "
         "shard quantize verify latency frame webcam canvas kernel batch epoch loss accuracy "
         "dataset shape filter blur edge generator discriminator encoder decoder").split()
CATEGORIES = ["ml", "vision", "tfjs", "notes", "research", "tools"]
TAGS = ["keras", "unet", "pix2pix", "opencv", "webgl", "wasm", "python", "jekyll"]

LAYOUT_DEFAULT = """<!DOCTYPE html>
<html lang="en">
{% include head.html %}
<body>
{% include header.html %}
<main>{{ content }}</main>
{% include footer.html %}
</body>
</html>
"""
LAYOUT_POST = """---
layout: default
---
<article>
  <h1>{{ page.title }}</h1>
  <p class="meta">{{ page.date | date: "%B %-d, %Y" }} in {{ page.categories | join: ", " }}</p>
  {{ content }}
  <p class="tags">{% for tag in page.tags %}<a href="{{ '/tags/' | relative_url }}#{{ tag | slugify }}">{{ tag }}</a> {% endfor %}</p>
  {% if page.previous %}<a href="{{ page.previous.url | relative_url }}">{{ page.previous.title }}</a>{% endif %}
  {% if page.next %}<a href="{{ page.next.url | relative_url }}">{{ page.next.title }}</a>{% endif %}
</article>
"""
HEAD = """<head><meta charset="utf-8"><title>{% if page.title %}{{ page.title }} | {% endif %}{{ site.title }}</title>
<link rel="stylesheet" href="{{ '/assets/style.css' | relative_url }}"></head>
"""
HEADER = """<header><a href="{{ '/' | relative_url }}">{{ site.title }}</a>
<nav>{% for p in site.pages %}{% if p.title %}<a href="{{ p.url | relative_url }}">{{ p.title }}</a>{% endif %}{% endfor %}</nav></header>
"""
FOOTER = """<footer>{{ site.description }} · {{ site.posts | size }} posts</footer>
"""
INDEX = """---
layout: default
title: Home
---
<ul class="posts">
{% for post in site.posts limit: 50 %}<li><a href="{{ post.url | relative_url }}">{{ post.title }}</a> <time>{{ post.date | date_to_string }}</time>
{{ post.excerpt }}</li>
{% endfor %}</ul>
"""
CATEGORIES_PAGE = """---
layout: default
title: Categories
---
{% for category in site.categories %}<h2 id="{{ category[0] | slugify }}">{{ category[0] }}</h2>
<ul>{% for post in category[1] %}<li><a href="{{ post.url | relative_url }}">{{ post.title }}</a></li>{% endfor %}</ul>
{% endfor %}
"""
TAGS_PAGE = """---
layout: default
title: Tags
---
{% for tag in site.tags %}<h2 id="{{ tag[0] | slugify }}">{{ tag[0] }}</h2>
<ul>{% for post in tag[1] %}<li><a href="{{ post.url | relative_url }}">{{ post.title }}</a></li>{% endfor %}</ul>
{% endfor %}
"""


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def post_body(rng: random.Random, i: int) -> str:
    parts = [sentence(rng, 14) + " " + sentence(rng, 10), ""]
    parts += [f"## {sentence(rng, 3)[:-1]}", "", sentence(rng, 20) + f" See [post {i}](#x).", ""]
    parts += [f"- {sentence(rng, 5)}" for _ in range(3)] + [""]
    if i % 3 == 0:
        parts += ["```python", "import tensorflow as tf", "", "def predict(x):",
                  f"    return model(x) * {i}  # scale", "```", ""]
    if i % 4 == 0:
        parts += ["| layer | params |", "|:--|--:|", f"| conv | {i * 10} |", "| dense | 42 |", ""]
    parts += [f"*{sentence(rng, 6)}* and **{sentence(rng, 4)}** -- \"quoted\" text...", ""]
    parts += [sentence(rng, 25), ""]
    return "\n".join(parts)


@dataclass
class Post:
    number: int
    year: int
    month: int
    day: int
    title: str
    categories: list[str]
    tags: list[str]
    body: str


def content(n: int, sections: int = 1) -> tuple[str, list[Post]]:
    """The about page's text and the posts: the same for every generator (seeded)."""
    rng = random.Random(1234)
    about = sentence(rng, 30)
    posts = []
    for i in range(n):
        title = sentence(rng, 4)[:-1]
        cats = rng.sample(CATEGORIES, 1 + i % 2)
        tags = rng.sample(TAGS, 2)
        body = "\n".join(post_body(rng, i) for _ in range(sections))
        posts.append(Post(i, 2015 + i % 10, 1 + (i // 10) % 12, 1 + i % 28, f"{title} {i}", cats,
                          tags, body))
    return about, posts


def generate(n: int, dest: Path, sections: int = 1) -> None:
    (dest / "_layouts").mkdir(parents=True, exist_ok=True)
    (dest / "_includes").mkdir(exist_ok=True)
    (dest / "_posts").mkdir(exist_ok=True)
    (dest / "assets").mkdir(exist_ok=True)
    (dest / "_config.yml").write_text("title: Bench blog\ndescription: A generated blog\n"
                                      "permalink: /:categories/:year/:month/:day/:title:output_ext\n")
    (dest / "_layouts/default.html").write_text(LAYOUT_DEFAULT)
    (dest / "_layouts/post.html").write_text(LAYOUT_POST)
    (dest / "_includes/head.html").write_text(HEAD)
    (dest / "_includes/header.html").write_text(HEADER)
    (dest / "_includes/footer.html").write_text(FOOTER)
    (dest / "index.html").write_text(INDEX)
    (dest / "categories.html").write_text(CATEGORIES_PAGE)
    (dest / "tags.html").write_text(TAGS_PAGE)
    about, posts = content(n, sections)
    (dest / "about.md").write_text(f"---\nlayout: default\ntitle: About\n---\n# About\n\n{about}\n")
    (dest / "assets/style.css").write_text("body { font-family: sans-serif; }\n")
    for p in posts:
        front = (f"---\nlayout: post\ntitle: \"{p.title}\"\n"
                 f"categories: [{', '.join(p.categories)}]\ntags: [{', '.join(p.tags)}]\n---\n")
        name = f"{p.year}-{p.month:02d}-{p.day:02d}-post-{p.number}.md"
        (dest / "_posts" / name).write_text(front + p.body)


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1)


# --- the same blog for Hugo, with templates that do the same work ------------------------------

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en">
{{ partial "head.html" . }}
<body>
{{ partialCached "header.html" . }}
<main>{{ block "main" . }}{{ end }}</main>
{{ partialCached "footer.html" . }}
</body>
</html>
"""
HUGO_SINGLE = """{{ define "main" }}<article>
  <h1>{{ .Title }}</h1>
  <p class="meta">{{ .Date.Format "January 2, 2006" }} in {{ with .Params.categories }}{{ delimit . ", " }}{{ end }}</p>
  {{ .Content }}
  <p class="tags">{{ range .Params.tags }}<a href="{{ "/tags/" | relURL }}#{{ . | urlize }}">{{ . }}</a> {{ end }}</p>
  {{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
  {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
"""
HUGO_LIST = """{{ define "main" }}{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""
HUGO_INDEX = """{{ define "main" }}<ul class="posts">
{{ range first 50 (where .Site.RegularPages "Section" "posts") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "02 Jan 2006" }}</time>
{{ .Summary }}</li>
{{ end }}</ul>{{ end }}
"""
HUGO_TERMS = """{{ define "main" }}{{ range .Data.Terms.Alphabetical }}<h2 id="{{ .Name | urlize }}">{{ .Name }}</h2>
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}{{ end }}
"""
HUGO_HEAD = """<head><meta charset="utf-8"><title>{{ if .Title }}{{ .Title }} | {{ end }}{{ .Site.Title }}</title>
<link rel="stylesheet" href="{{ "/assets/style.css" | relURL }}"></head>
"""
HUGO_HEADER = """<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Pages }}{{ if and .Title (eq .Kind "page") (ne .Section "posts") }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }}</nav></header>
"""
HUGO_FOOTER = """<footer>{{ .Site.Params.description }} · {{ len (where .Site.RegularPages "Section" "posts") }} posts</footer>
"""


def generate_hugo(n: int, dest: Path, sections: int = 1) -> None:
    """The same posts as `generate`, as a Hugo site."""
    for folder in ("layouts/_default", "layouts/partials", "content/posts", "static/assets"):
        (dest / folder).mkdir(parents=True, exist_ok=True)
    (dest / "hugo.toml").write_text(
        'baseURL = "/"\ntitle = "Bench blog"\ndisableKinds = ["RSS", "sitemap", "robotsTXT"]\n'
        '[params]\ndescription = "A generated blog"\n'
        '[permalinks]\nposts = "/:year/:month/:day/:slug/"\n'
        '[taxonomies]\ncategory = "categories"\ntag = "tags"\n'
        '[markup.highlight]\nnoClasses = false\n')
    layouts = {"_default/baseof.html": HUGO_BASEOF, "_default/single.html": HUGO_SINGLE,
               "_default/list.html": HUGO_LIST, "index.html": HUGO_INDEX,
               "_default/terms.html": HUGO_TERMS, "partials/head.html": HUGO_HEAD,
               "partials/header.html": HUGO_HEADER, "partials/footer.html": HUGO_FOOTER}
    for name, text in layouts.items():
        (dest / "layouts" / name).write_text(text)
    about, posts = content(n, sections)
    (dest / "content/about.md").write_text(f"---\ntitle: About\n---\n# About\n\n{about}\n")
    (dest / "static/assets/style.css").write_text("body { font-family: sans-serif; }\n")
    for p in posts:
        front = (f"---\ntitle: \"{p.title}\"\ndate: {p.year}-{p.month:02d}-{p.day:02d}\n"
                 f"slug: post-{p.number}\ncategories: [{', '.join(p.categories)}]\n"
                 f"tags: [{', '.join(p.tags)}]\n---\n")
        (dest / "content/posts" / f"post-{p.number}.md").write_text(front + p.body)
