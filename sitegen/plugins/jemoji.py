"""jemoji: GitHub-style `:emoji:` names in HTML output become images, as the plugin documents:
`<img class="emoji" title=":+1:" alt=":+1:" src="…/emoji/unicode/1f44d.png" height="20"
width="20">`. Text inside `pre`, `code` and `tt` is left alone; only the `<body>` is touched.

Names come from the `emoji` package (GitHub's aliases first, then Unicode names) — close to
gemoji's list, which Debian does not package."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..render.renderer import Renderer
    from ..site import Document

DEFAULT_ROOT = "https://github.githubassets.com/images/icons/"
NAME = re.compile(r":([a-z0-9_+-]+):")
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*>|<!--.*?-->", re.S)
SKIP = {"pre", "code", "tt", "script", "style"}


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """Emoji name → the characters it stands for."""
    import emoji

    table: dict[str, str] = {}
    for char, data in emoji.EMOJI_DATA.items():
        for alias in data.get("alias", []):
            table.setdefault(alias.strip(":"), char)
    for char, data in emoji.EMOJI_DATA.items():
        table.setdefault(data["en"].strip(":").lower(), char)
    return table


def image_tag(name: str, root: str) -> str:
    codepoints = "-".join(f"{ord(c):x}" for c in names()[name] if ord(c) != 0xFE0F)
    src = root.rstrip("/") + f"/emoji/unicode/{codepoints}.png"
    return (f'<img class="emoji" title=":{name}:" alt=":{name}:" src="{src}" height="20" '
            'width="20">')


def emojify(html: str, root: str = DEFAULT_ROOT) -> str:
    """Replace known `:name:` in the text of `html` (the body only, if there is one)."""
    if ":" not in html:
        return html
    start = 0
    body = re.search(r"<body[^>]*>", html)
    if body:
        start = body.end()
    out, depth, position = [html[:start]], 0, start
    for match in TAG.finditer(html, start):
        out.append(_replace(html[position:match.start()], root) if depth == 0 else
                   html[position:match.start()])
        out.append(match.group(0))
        name = (match.group(2) or "").lower()
        if name in SKIP:
            depth += -1 if match.group(1) else 1
            depth = max(depth, 0)
        position = match.end()
    out.append(_replace(html[position:], root) if depth == 0 else html[position:])
    return "".join(out)


def _replace(text: str, root: str) -> str:
    table = names()
    return NAME.sub(lambda m: image_tag(m.group(1), root) if m.group(1) in table
                    else m.group(0), text)


def post_render(renderer: "Renderer", doc: "Document") -> None:
    """Emojify HTML pages and written documents (what jemoji's hook does)."""
    if doc.output is None or not (doc.is_html or doc.url.endswith("/")):
        return
    options = renderer.config.get("emoji")
    root = options.get("src") if isinstance(options, dict) and options.get("src") else \
        DEFAULT_ROOT
    doc.output = emojify(doc.output, str(root))
