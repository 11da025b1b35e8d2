"""kramdown's table of contents: the first list marked `{:toc}` (`* TOC` then `{:toc}` on the
next line) is replaced by a list of links to the document's headers, nested by level, in
kramdown's layout. Headers without an id, with the class `no_toc`, or outside `toc_levels`
are left out; a header's links become plain text and its footnote marks go."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from markdown_it.token import Token

from .html_in_markdown import LEVEL, TOC_LISTINGS, write_attributes

PLACEHOLDER = "\0toc\0"        # where the list stood, until the whole document is written


@dataclass
class Entry:
    level: int
    ident: str
    html: str
    children: list["Entry"] = field(default_factory=list)


def toc_list(tokens: Sequence[Token]) -> tuple[int, int] | None:
    """The first and last token of the list that becomes the table of contents, if any."""
    for start, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open") and token.meta.get("toc"):
            depth = 0
            for end in range(start, len(tokens)):
                depth += tokens[end].nesting
                if depth == 0:
                    return start, end
    return None


def placeholder(tokens: Sequence[Token], end: int) -> str:
    """What stands for the table of contents until it is written: kramdown writes the list
    without the line end that ends a block, which an HTML element then adds before its end
    tag (a blank line after the list)."""
    last = end + 1 < len(tokens) and tokens[end + 1].type == "html_block_close"
    return PLACEHOLDER + ("\n" if last else "")


def fill(html: str, tokens: Sequence[Token], toc: tuple[int, int] | None, env: dict,
         render_inline: Callable[[list[Token]], str]) -> str:
    """The document's HTML with its table of contents in place. A part of it written on its
    own (Markdown inside a raw HTML element: `<nav markdown="1">` in an `<aside>`) keeps the
    placeholder, for the document's headers, and hands its list to the document."""
    listings = env.get(TOC_LISTINGS, [])
    if LEVEL in env:
        if toc:
            listings.append(tokens[toc[0]])
        return html
    listing = tokens[toc[0]] if toc else listings[0] if listings else None
    if listing is None or PLACEHOLDER not in html:
        return html
    levels = env.get("toc_levels") or set(range(1, 7))
    html = html.replace(PLACEHOLDER, toc_html(tokens, listing, levels, render_inline), 1)
    return html.replace(PLACEHOLDER, "")   # only the first is kramdown's; others are lost


def toc_html(tokens: Sequence[Token], listing: Token, levels: set[int],
             render_inline: Callable[[list[Token]], str]) -> str:
    """The table of contents for the headers among `tokens`, as a list like `listing`."""
    roots: list[Entry] = []
    stack: list[Entry] = []
    for i, token in enumerate(tokens):
        ident = token.attrGet("id") if token.type == "heading_open" else None
        if not ident or int(token.tag[1]) not in levels or \
                re.search(r"\bno_toc\b", str(token.attrGet("class") or "")):
            continue
        entry = Entry(int(token.tag[1]), str(ident), render_inline(_entry_tokens(tokens[i + 1])))
        while stack and stack[-1].level >= entry.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(entry)
        stack.append(entry)
    if not roots:
        return ""
    tag = "ol" if listing.type == "ordered_list_open" else "ul"
    attrs = {key: str(value) for key, value in (listing.attrs or {}).items()}
    attrs.setdefault("id", "markdown-toc")
    return _list(roots, tag, attrs, attrs["id"], 0)


def _entry_tokens(inline: Token) -> list[Token]:
    """A header's inline tokens, without its links (their text stays) and footnote marks."""
    return [t for t in inline.children or []
            if t.type not in ("link_open", "link_close", "footnote_ref")]


def _list(entries: list[Entry], tag: str, attrs: dict[str, str], prefix: str,
          indent: int) -> str:
    written = write_attributes(attrs.items())
    items = "".join(_item(entry, tag, prefix, indent + 2) for entry in entries)
    return f"{' ' * indent}<{tag}{written}>\n{items}{' ' * indent}</{tag}>\n"


def _item(entry: Entry, tag: str, prefix: str, indent: int) -> str:
    link = f'<a href="#{entry.ident}" id="{prefix}-{entry.ident}">{entry.html}</a>'
    if not entry.children:
        return f"{' ' * indent}<li>{link}</li>\n"
    nested = _list(entry.children, tag, {}, prefix, indent + 2)
    return f"{' ' * indent}<li>{link}{nested}{' ' * indent}</li>\n"


def toc_levels(value: object) -> set[int]:
    """kramdown's `toc_levels` option: `1..6` (the default), `2..3`, or a list of levels."""
    if isinstance(value, (list, tuple)):
        return {int(v) for v in value if str(v).strip().isdigit()}
    found = re.fullmatch(r"\s*(\d)\s*\.\.\s*(\d)\s*", str(value or ""))
    if found:
        return set(range(int(found.group(1)), int(found.group(2)) + 1))
    digits = {int(v) for v in re.findall(r"\d", str(value or ""))}
    return digits or set(range(1, 7))
