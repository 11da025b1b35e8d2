"""Emphasis as kramdown parses it, not by CommonMark's delimiter runs.

kramdown reads `*`, `**`, `_` or `__` as the start of an element and looks ahead, past
whatever else the text holds (code, links, HTML), for the same delimiter that can end it:
not after a space, for `*` not where `**` starts, for `_` not before a letter or digit, and
never right after the start. No element nests inside one of its own kind. When `**` finds no
end, a single `*` is tried; when nothing ends, the delimiter is text. So `**really*` is
`<em>*really</em>` and `*really**` stays text, where CommonMark pairs runs from the inside.
"""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from .ruby import RUBY_SPACE

OPEN = "kramdown_emphasis"          # state.env: the kinds of emphasis being read, outermost first
_ALNUM_AFTER = {"_": re.compile(r"_[^\W_]"), "__": re.compile(r"__[^\W_]")}
_DOUBLE_ONLY = {"*": re.compile(r"\*\*(?!\*)"), "_": re.compile(r"__(?!_)")}


def emphasis(state: StateInline, silent: bool) -> bool:
    """An inline rule for markdown-it (in place of its `emphasis`)."""
    src, start, maximum = state.src, state.pos, state.posMax
    char = src[start]
    if char not in "*_":
        return False
    run = char * 2 if src.startswith(char * 2, start) and start + 1 < maximum else char
    delimiter, kind = run, "strong" if len(run) == 2 else "em"
    opened = state.env.setdefault(OPEN, [])
    after = src[start + len(run):start + len(run) + 1]
    if (char == "_" and _after_word(src, start)) or (after and after in RUBY_SPACE) or \
            kind in opened:
        return _text(state, run, silent)
    end = _end(state, start + len(run), delimiter, kind)
    if end < 0 and kind == "strong" and (not opened or opened[-1] != "em"):
        delimiter, kind = char, "em"      # `**` that nothing ends: `*` and a `*` of text
        end = _end(state, start + 1, delimiter, kind)
    if end < 0:
        return _text(state, run, silent)
    if not silent:
        _push(state, start + len(delimiter), end, delimiter, kind)
    state.pos = end + len(delimiter)
    return True


def _after_word(src: str, pos: int) -> bool:
    """Whether `_` at `pos` follows a letter, or a letter and a hyphen (inside a word)."""
    before = src[max(0, pos - 2):pos]
    return before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha())


def _text(state: StateInline, delimiter: str, silent: bool) -> bool:
    if not silent:
        state.pending += delimiter
    state.pos += len(delimiter)
    return True


def _end(state: StateInline, begin: int, delimiter: str, kind: str) -> int:
    """Where the element that starts at `begin` ends: the first place its delimiter can end
    it, looking past every other construct as the inline rules read it; -1 if none."""
    src, maximum, pos = state.src, state.posMax, begin
    opened: list[str] = state.env[OPEN]
    saved, cache = state.pos, state.cache
    opened.append(kind)
    state.cache = {}            # what a construct is depends on the emphasis around it
    try:
        while pos < maximum:
            if src.startswith(delimiter, pos) and _can_end(src, pos, begin, delimiter, kind):
                return pos
            state.pos = pos
            if not _skip_construct(state):
                state.pos = pos + 1
            pos = state.pos
        return -1
    finally:
        opened.pop()
        state.pos, state.cache = saved, cache


def _can_end(src: str, pos: int, begin: int, delimiter: str, kind: str) -> bool:
    """kramdown's test of a possible end: something before it, no space right before it,
    for `*` not the start of a `**`, for `_` not before a letter or digit."""
    if pos == begin or src[pos - 1] in RUBY_SPACE:
        return False
    if kind == "em" and _DOUBLE_ONLY[delimiter[0]].match(src, pos):
        return False
    return delimiter[0] != "_" or not _ALNUM_AFTER[delimiter].match(src, pos)


def _skip_construct(state: StateInline) -> bool:
    """Move past the construct at `state.pos` (code, a link, HTML, an escape, emphasis…) as
    the inline rules would read it; False when none starts there."""
    start = state.pos
    state.level += 1   # as markdown-it's skipToken does around each rule
    try:
        for rule in state.md.inline.ruler.getRules(""):
            if rule(state, True) and state.pos > start:
                return True
            state.pos = start
        return False
    finally:
        state.level -= 1


def _push(state: StateInline, begin: int, end: int, delimiter: str, kind: str) -> None:
    """The element's tokens, with its content read as inline Markdown inside it."""
    maximum, opened = state.posMax, state.env[OPEN]
    token = state.push(f"{kind}_open", kind, 1)
    token.markup = delimiter
    state.pos, state.posMax = begin, end
    opened.append(kind)
    cache, state.cache = state.cache, {}
    state.md.inline.tokenize(state)
    state.cache = cache
    opened.pop()
    state.posMax = maximum
    token = state.push(f"{kind}_close", kind, -1)
    token.markup = delimiter
