"""jekyll-paginate: `paginate: N` splits `site.posts` over the index page and copies of it at
`paginate_path` (`/page:num/`), each with a `paginator`."""

from __future__ import annotations

import math
import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .. import urls

if TYPE_CHECKING:
    from ..site import Document, Site


def generate(site: "Site") -> None:
    per_page = site.config.get("paginate")
    if per_page is None or not site.pages:
        return
    template = _template_page(site)
    if template is None:
        print("warning: pagination is enabled, but no index.html page can be the template; "
              "skipping pagination", file=sys.stderr)
        return
    per_page = int(per_page)
    posts = [p for p in reversed(site.posts.docs) if not p.data.get("hidden")]
    total = math.ceil(len(posts) / per_page) if per_page else 0
    for number in range(1, total + 1):
        pager = _pager(site, template, number, posts, total, per_page)
        if number == 1:
            template.pager = pager
        else:
            page = replace(template, dir=_path(site, template, number), pager=pager,
                           output=None)
            page.url = urls.sanitize(urls.from_hash("/:path/", [("path", page.dir)]))
            site.pages.append(page)


def _template_page(site: "Site") -> "Document | None":
    source = str(site.source)
    paginate_dir = os.path.dirname(os.path.join(source, str(site.config.get("paginate_path")
                                                              or "/page:num").lstrip("/")))
    candidates = []
    for page in site.pages:
        page_dir = os.path.dirname(os.path.join(source, page.relative_path))
        if page.name == "index.html" and _in_hierarchy(source, page_dir, paginate_dir):
            candidates.append(page)
    candidates.sort(key=lambda p: len(p.data.get("path", p.relative_path)), reverse=True)
    return candidates[0] if candidates else None


def _in_hierarchy(source: str, page_dir: str, paginate_dir: str) -> bool:
    while True:
        if paginate_dir == os.path.dirname(paginate_dir):
            return False
        if paginate_dir == os.path.dirname(source):
            return False
        if page_dir == paginate_dir:
            return True
        paginate_dir = os.path.dirname(paginate_dir)


def _path(site: "Site", template: "Document", number: int | None) -> str | None:
    if number is None:
        return None
    if number <= 1:
        return template.url
    path = str(site.config.get("paginate_path") or "/page:num").replace(":num", str(number), 1)
    return path if path.startswith("/") else "/" + path


def _pager(site: "Site", template: "Document", number: int, posts: list, total: int,
           per_page: int) -> dict[str, Any]:
    start = (number - 1) * per_page
    previous = number - 1 if number != 1 else None
    following = number + 1 if number != total else None
    return {"page": number, "per_page": per_page, "posts": posts[start:start + per_page],
            "total_posts": len(posts), "total_pages": total, "previous_page": previous,
            "previous_page_path": _path(site, template, previous), "next_page": following,
            "next_page_path": _path(site, template, following)}
