"""Links and images as kramdown reads them: destinations and titles kept as written, a
destination that holds spaces or line breaks, a link definition's destination up to its
title, `[text] [id]` with whitespace between the two, and kramdown's autolinks."""

from __future__ import annotations

import re
from typing import Any

from markdown_it.common.utils import normalizeReference
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .ruby import RUBY_SPACE, ruby_strip


class RawLinkHelpers:
    """markdown-it's link helpers, but a link's destination and title stay as written:
    kramdown keeps their backslashes (`[a](/x\\_y "ti\\"tle")`) and entity references. In an
    inline link or image (`inline`), the destination is read as kramdown reads it."""

    def __init__(self, helpers: Any):
        self._helpers = helpers
        self.inline = False       # reading an inline link's or image's destination
        self.reference = False    # reading a link definition's

    def __getattr__(self, name: str) -> Any:
        return getattr(self._helpers, name)

    def parseLinkDestination(self, string: str, pos: int, maximum: int) -> Any:
        found = self._helpers.parseLinkDestination(string, pos, maximum)
        bracketed = string.startswith("<", pos)
        if self.reference and bracketed and not _BRACKETED.match(string, pos, maximum):
            bracketed = False   # `<…>` then no quoted title: the whole line is the URL
        if self.inline and not bracketed:
            found.ok, found.pos, found.str = _inline_destination(string, pos, maximum)
        elif self.reference and not bracketed:
            found.ok, found.pos, found.str = _defined_destination(string, pos, maximum)
        elif found.ok:
            found.str = string[pos + 1:found.pos - 1] if bracketed else string[pos:found.pos]
        return found

    def parseLinkTitle(self, string: str, start: int, maximum: int, prev_state: Any = None
                       ) -> Any:
        found = self._helpers.parseLinkTitle(string, start, maximum, prev_state)
        if found.ok and prev_state is None:
            found.str = string[start + 1:found.pos - 1]
        return found


def _inline_destination(text: str, pos: int, maximum: int) -> tuple[bool, int, str]:
    """kramdown's destination of `[text](…)`: up to the `)` that balances the `(`, or to
    whitespace before a quoted title; spaces, line breaks and backslashes are part of it.
    Whether there is one, where it ends, and the destination."""
    depth, end = 1, pos
    while end < maximum:
        char = text[end]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                break
        elif char in RUBY_SPACE and text[end + 1:end + 2] in ("'", '"'):
            break
        end += 1
    else:
        return False, pos, ""
    return True, end, ruby_strip(text[pos:end])


_DEFINED = re.compile(r"[^\n]*?[^ \t\n][^\n]*?(?=(?:[ \t]+(['\"]).+?\1)?[ \t]*(?:\n|$))")


# kramdown's `<url>` in a link definition: only with a quoted title or nothing after it
_BRACKETED = re.compile(r"<[^\n]*?>(?=(?:(?:[ \t]*\n|[ \t]+)[ \t]*(['\"]).+?\1)?[ \t]*(?:\n|$))")


def _defined_destination(text: str, pos: int, maximum: int) -> tuple[bool, int, str]:
    """kramdown's destination of a link definition (`[id]: url "title"`): the rest of the
    line but a title, spaces included."""
    found = _DEFINED.match(text, pos, maximum)
    if found is None or text[:pos].rstrip(" \t").endswith("\n"):   # not on the id's line
        return False, pos, ""
    return True, found.end(), found.group()


def destinations(rule: Any, mode: str) -> Any:
    """markdown-it's link, image or link definition rule, with destinations read as
    kramdown reads them (`mode`: the helpers' switch)."""
    def read(state: Any, *args: Any) -> bool:
        helpers = state.md.helpers
        outer = getattr(helpers, mode)   # a link rule tried inside a link's text (skipToken)
        setattr(helpers, mode, True)
        try:
            return rule(state, *args)
        finally:
            setattr(helpers, mode, outer)
    return read


_SPACED_ID = re.compile(r"[ \t\n\v\f\r]+\[([^\]]*)\]")


def spaced_reference(state: StateInline, silent: bool) -> bool:
    """kramdown's `[text] [id]` and `![alt] [id]`, as in Markdown.pl: whitespace, a line break
    too, may stand between the text and the id of a reference link (markdown-it's own rules
    take `[text][id]`)."""
    src, start = state.src, state.pos
    image = src.startswith("![", start)
    if not (image or src[start] == "[") or "references" not in state.env:
        return False
    label_start = start + (2 if image else 1)
    label_end = state.md.helpers.parseLinkLabel(state, label_start - 1, not image)
    found = _SPACED_ID.match(src, label_end + 1, state.posMax) if label_end >= 0 else None
    if found is None:
        return False
    ref = state.env["references"].get(
        normalizeReference(found.group(1) or src[label_start:label_end]))
    if not ref:   # an id that is not defined: kramdown takes the bracket for text
        if not silent:
            state.pending += src[start:label_start]
        state.pos = label_start
        return True
    if not silent:
        _push_reference(state, image, label_start, label_end, ref)
    state.pos = found.end()
    return True


def _push_reference(state: StateInline, image: bool, start: int, end: int,
                    ref: dict[str, Any]) -> None:
    """The tokens of a link or image to `ref`, as markdown-it's rules make them."""
    maximum = state.posMax
    if image:
        children: list[Token] = []
        state.md.inline.parse(state.src[start:end], state.md, state.env, children)
        token = state.push("image", "img", 0)
        token.attrs, token.children, token.content = \
            {"src": ref["href"], "alt": ""}, children or None, state.src[start:end]
    else:
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": ref["href"]}
        state.pos, state.posMax = start, end
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        state.posMax = maximum
    if ref["title"]:
        token.attrSet("title", ref["title"])
    if not image:
        state.push("link_close", "a", -1)


def as_written(url: str) -> str:
    """Link targets as kramdown writes them: not percent-encoded (`/héllo` stays), and any
    scheme (a bookmarklet's `javascript:` too)."""
    return url


# kramdown's AUTOLINK_START: a URL of these schemes up to the first `>` on the line (spaces
# and all), or an e-mail address
AUTOLINK = re.compile(r"<((mailto|https?|ftps?):.+?|[\w.-]+?@[\w.-]+?)>")


def autolink(state: StateInline, silent: bool) -> bool:
    """`<https://…>` and `<me@example.org>` as kramdown links them: its text is the address
    as written (no `mailto:`, no percent-decoding, no typographic symbols)."""
    if not state.src.startswith("<", state.pos):
        return False
    found = AUTOLINK.match(state.src, state.pos, state.posMax)
    if found is None:
        return False
    if not silent:
        address = found.group(1)
        opening = state.push("link_open", "a", 1)
        opening.attrs = {"href": address if found.group(2) else f"mailto:{address}"}
        opening.markup, opening.info = "autolink", "auto"
        # text_special: typography and smart quotes leave it alone (text_join makes it text)
        state.push("text_special", "", 0).content = address.removeprefix("mailto:")
        closing = state.push("link_close", "a", -1)
        closing.markup, closing.info = "autolink", "auto"
    state.pos = found.end()
    return True


def last_definitions(state: Any) -> None:
    """Of two link definitions with one id, kramdown keeps the last (markdown-it the first,
    and puts the others in `duplicate_refs`)."""
    for duplicate in state.env.pop("duplicate_refs", []):
        state.env["references"][duplicate["label"]] = {
            key: duplicate[key] for key in ("title", "href", "map")}
