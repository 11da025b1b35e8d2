"""jekyll-default-layout (0.1, on by default on GitHub Pages): a Markdown page or post without
a layout gets one: `home` for the home page, `page` for pages, `post` for posts, else
`default`, whichever the site (or its theme) has."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import markdown_exts

if TYPE_CHECKING:
    from ..site import Document, Site

PRIORITY = "lowest"


def generate(site: "Site") -> None:
    exts = markdown_exts(site.config)
    for doc in [*site.pages, *site.posts.docs]:
        if doc.extname.lower() in exts and "layout" not in doc.data:
            doc.data["layout"] = _layout_for(site, doc)


def _layout_for(site: "Site", doc: "Document") -> str | None:
    wanted = [("home", doc.url == "/"), ("page", doc.is_page),
              ("post", doc.collection == "posts"), ("default", True)]
    return next((name for name, fits in wanted if fits and name in site.layouts), None)
