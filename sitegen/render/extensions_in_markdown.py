"""kramdown's extensions in Markdown: `{::comment}…{:/comment}` becomes an HTML comment,
`{::nomarkdown}…{:/}` is written as it is, `{::options auto_ids="false" /}` switches header
ids off (or on) for the document and `parse_block_html="true"` reads Markdown inside the HTML
blocks that follow; kramdown's other options are not followed. Each works on lines of its
own (a block) or inside running text (a span); an end tag may be `{:/name}` or `{:/}`."""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from .html_in_markdown import PARSE_BLOCK_HTML
from .toc_in_markdown import toc_levels

_START = r"\{::(comment|nomarkdown|options)(?:\s([^}]*?))?(/)?\}"
BLOCK_START = re.compile(rf" {{0,3}}{_START}[ \t]*$")
SPAN_START = re.compile(_START)
_OPTION = re.compile(r"""([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))""")


def block_extension(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block rule for markdown-it: an extension whose tags stand on lines of their own."""
    begin = state.bMarks[start] + state.tShift[start]
    found = BLOCK_START.match(state.src, state.bMarks[start], state.eMarks[start])
    if found is None or state.sCount[start] - state.blkIndent > 3 or \
            not state.src.startswith("{::", begin):
        return False
    name, options, closed = found.group(1), found.group(2) or "", found.group(3)
    last = start
    if not closed:
        stop = re.compile(rf" {{0,3}}\{{:/(?:{name})?\}}[ \t]*$")
        last = next((line for line in range(start + 1, end) if stop.match(
            state.src, state.bMarks[line], state.eMarks[line])), -1)
        if last < 0:
            return False      # no end tag: kramdown warns and reads the line as text
    if silent:
        return True
    if name == "options":   # for what follows: a mark in the tokens (written as nothing)
        values = _options(options)
        state.push("kramdown_options", "", 0).meta = {
            key: _on(value) for key, value in values.items() if key == "auto_ids"}
        if "parse_block_html" in values:   # read while parsing, so from here on
            state.env[PARSE_BLOCK_HTML] = _on(values["parse_block_html"])
        if "toc_levels" in values:   # the converter's: for the whole table of contents
            state.env["toc_levels"] = toc_levels(values["toc_levels"])
    else:
        body = state.getLines(start + 1, last, state.blkIndent, False) \
            if last > start else None
        if body is not None:   # (one not for HTML writes nothing, between its blank lines)
            token = state.push("html_block", "", 0)
            token.map = [start, last + 1]
            token.content = _written(name, body) + "\n" if _is_html(name, options) else ""
    state.line = last + 1
    return True


def span_extension(state: StateInline, silent: bool) -> bool:
    """An inline rule for markdown-it: an extension inside running text."""
    found = SPAN_START.match(state.src, state.pos, state.posMax)
    if found is None:
        return False
    name, closed, end = found.group(1), found.group(3), found.end()
    body = None
    if not closed:
        stop = re.compile(rf"\{{:/(?:{name})?\}}").search(state.src, end, state.posMax)
        if stop is None:
            return False
        body, end = state.src[end:stop.start()], stop.end()
    if not silent and body is not None and name != "options" and \
            _is_html(name, found.group(2) or ""):
        token = state.push("html_raw", "", 0)
        token.content, token.meta["text"] = _written(name, body), ""
    state.pos = end
    return True


def _options(text: str) -> dict[str, str]:
    """An extension's options (`key="value"`, `key='value'` or `key=value`) by name."""
    return {key: "".join(values) for key, *values in _OPTION.findall(text)}


def _on(value: str) -> bool:
    """A boolean option as kramdown parses it: `false`, `nil` and nothing are off."""
    return value not in ("false", "nil", "")


def _is_html(name: str, options: str) -> bool:
    """Whether the extension writes into HTML: `{::nomarkdown type="latex"}` does not."""
    types = _options(options).get("type", "").split()
    return name != "nomarkdown" or not types or "html" in types


def _written(name: str, body: str) -> str:
    return f"<!-- {body} -->" if name == "comment" else body
