"""Math in Markdown as kramdown reads it and writes it for MathJax, Jekyll's default math
engine: `$$…$$` within text is inline math, `\\(…\\)`; `$$…$$` that is a block of its own
(blank lines around it) is display math, `\\[…\\]`. Nothing inside is Markdown, so `a_1 * b_2`
keeps its underscores and stars; `<`, `>` and `&` are escaped for HTML."""

from __future__ import annotations

import html
import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

INLINE = re.compile(r"\$\$(.*?)\$\$", re.S)
BLOCK = re.compile(r"\$\$(.*?)\$\$([ \t\r\f\v]*\n)?", re.S)
# What must follow display math: a blank line, the end of the block (`^`), an attribute list
# or the end of the text.
BOUNDARY = re.compile(r"\s*\n|\^\s*?\n|[ ]{0,3}\{:|\s*\Z")


def math_inline(state: StateInline, silent: bool) -> bool:
    """An inline rule for markdown-it: `$$…$$` (unclosed `$$` stays text)."""
    if not state.src.startswith("$$", state.pos):
        return False
    found = INLINE.match(state.src, state.pos)
    if found is None:
        return False
    if not silent:
        state.push("math_inline", "", 0).content = found.group(1).strip()
    state.pos = found.end()
    return True


def after_boundary(state: StateBlock, line: int) -> bool:
    """At the start of its container, or after a blank line (kramdown's block boundary, which
    block math and tables need)."""
    return line == 0 or state.isEmpty(line - 1) or state.sCount[line - 1] < state.blkIndent


def math_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A block rule for markdown-it: `$$…$$` after a block boundary (the start of its
    container or a blank line) and before one."""
    if state.is_code_block(start_line):
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("$$", first):
        return False
    if not after_boundary(state, start_line):
        return False       # right after a block without a blank line: a paragraph's math
    text = state.getLines(start_line, end_line, state.blkIndent, True).lstrip(" ")
    found = BLOCK.match(text)
    if found is None:
        return False
    rest = text[found.end():]
    next_line = start_line + text.count("\n", 0, found.end()) + (found.group(2) is None)
    ends_container = next_line >= end_line or (
        not state.isEmpty(next_line) and state.sCount[next_line] < state.blkIndent)
    if rest and (found.group(2) is None or not (ends_container or BOUNDARY.match(rest))):
        return False
    if silent:
        return True
    token = state.push("math_block", "", 0)
    token.content = found.group(1).strip()
    state.line = next_line
    token.map = [start_line, state.line]
    return True


def render_inline(value: str) -> str:
    return f"\\({html.escape(value, quote=False)}\\)"


def render_block(value: str) -> str:
    return f"\\[{html.escape(value, quote=False)}\\]\n"
