"""List items as kramdown reads them: a marker needs a space after it, only `.` ends an
ordered item's number, and an item takes its lazy lines (any line that is not blank, after one
that is not) whatever they start, keeping their own indentation in its text. markdown-it's
list rule does the rest, with those lines indented for it as far as the item's text."""

from __future__ import annotations

import re

from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.list import list_block
from markdown_it.rules_block.paragraph import paragraph

from . import html_in_markdown
from .ruby import ruby_strip

ITEM_MARKER = re.compile(r"(?:[*+-]|\d{1,9}\.)[ \t]")


def list_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """markdown-it's lists, but only `.` ends the number of an ordered item in kramdown, the
    marker needs a space or tab after it (a lone `-` is text), and an item takes its lazy
    lines as kramdown does: any line that is not blank, after one that is not, is part of the
    item (a fence, a header, another kind of list), keeping its own indentation."""
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if ITEM_MARKER.match(state.src, begin, state.eMarks[start_line]) is None:
        return False
    if silent and not state.is_code_block(start_line) and state.src[begin].isdigit():
        return True     # any numbered line ends a paragraph in kramdown, not only `1.`
    if silent or state.is_code_block(start_line):
        return list_block(state, start_line, end_line, silent)
    lazy, chunks = _lazy_lines(state, start_line, end_line)
    starts = state.env.setdefault(CHUNK_STARTS, set())
    new_starts = chunks - starts
    starts |= new_starts
    marked = state.env.setdefault(LAZY, {})
    outer = {line: marked.get(line) for line, _ in lazy}   # a list around this one's marks
    # Each as far in as the item's text, plus its own indentation within the list's
    # container (a line left of the container gets none), for markdown-it.
    shift = {line: indent + max(0, state.sCount[line] - state.blkIndent) - state.sCount[line]
             for line, indent in lazy}
    for line, indent in lazy:
        marked[line] = (indent, state.sCount[line] - state.blkIndent)
        state.sCount[line] += shift[line]
    opened = len(state.tokens)
    try:
        return list_block(state, start_line, end_line, silent)
    finally:
        if start_line in starts and len(state.tokens) > opened:
            state.tokens[opened].meta["chunk"] = True   # not one list with the one before
        starts -= new_starts
        for line, _ in lazy:
            state.sCount[line] -= shift[line]
            if outer[line] is None:
                del marked[line]
            else:
                marked[line] = outer[line]


# state.env: the lines where kramdown starts a new chunk of an item's text (see `_lazy_lines`)
CHUNK_STARTS = "kramdown_chunk_starts"


def chunk_start(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Ends a list where kramdown starts a new chunk of the enclosing item's text: each chunk
    is read on its own, so nothing open in one continues into the next."""
    return silent and start in state.env.get(CHUNK_STARTS, ())


# state.env: the lines list items take lazily while they are read: the column of the item's
# text, and the line's own indentation beyond the list's container (kept in the text)
LAZY = "kramdown_lazy_lines"


def paragraph_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's paragraph, but in a list item's text, a lazy line keeps its own
    indentation, as in kramdown (`* x` then ` y z`), and a line with tabs in its indentation
    is as kramdown's list parsers leave it (`_item_line`)."""
    if not paragraph(state, start, end, silent):
        return False
    lazy = state.env.get(LAZY) or {}
    later = range(start + 1, state.line)
    tabbed = {line for line in later if "\t" in state.src[
        state.bMarks[line]:state.bMarks[line] + state.tShift[line]]} \
        if state.parentType == "list" else set()
    columns = _item_columns(state) if tabbed else None
    if columns is None:
        tabbed = set()
    if tabbed or (lazy and any(line in lazy for line in later)):
        state.tokens[-2].content = ruby_strip("\n".join(
            lazy_text(state, line, *lazy[line]) if line in lazy and line > start
            else _item_line(state, line, columns or []) if line in tabbed
            else state.getLines(line, line + 1, state.blkIndent, False)
            for line in range(start, state.line)))
    return True


def _item_columns(state: StateBlock) -> list[int] | None:
    """The columns where the text of the list items open around the paragraph starts,
    outermost first, inside the innermost blockquote; None when a sublist is less indented
    than its item's text (kramdown moves those lines) or an item is indented with a tab."""
    columns: list[tuple[int, int]] = []   # (the marker's column, the text's), innermost first
    closed = 0
    for token in reversed(state.tokens):
        if token.type in ("list_item_close", "blockquote_close"):
            closed += 1
        elif token.type in ("list_item_open", "blockquote_open"):
            if closed:
                closed -= 1
            elif token.type == "blockquote_open":
                break   # its lines start after its marker: the lists outside do not count
            elif token.map:
                line = state.src[state.bMarks[token.map[0]]:state.eMarks[token.map[0]]]
                text = line.lstrip(" ")
                if text.startswith("\t"):
                    return None
                columns.append((len(line) - len(text),
                                _column_after_marker(text, len(line) - len(text))))
    columns.reverse()
    if any(marker < outer for (_, outer), (marker, _) in zip(columns, columns[1:])):
        return None   # a sublist less indented than its item's text: see `_lazy_lines`
    return [column for _, column in columns]


def _item_line(state: StateBlock, line: int, columns: list[int]) -> str:
    """A line of a list item's text as kramdown's list parsers leave it: the outermost turns
    each tab that starts it into four spaces, then each list takes its item's indentation off,
    as long as the line has that many spaces (` \tx` in an item indented two is kept whole,
    and so by the lists inside)."""
    text = state.src[state.bMarks[line]:state.eMarks[line]]
    tabs = len(text) - len(text.lstrip("\t"))
    text = " " * 4 * tabs + text[tabs:]
    previous = 0
    for column in columns:
        indent = column - previous
        if text[:indent] != " " * indent:
            break
        text, previous = text[indent:], column
    return text


def lazy_text(state: StateBlock, line: int, column: int, own: int) -> str:
    """A lazy line's text, with the spaces it keeps beyond the paragraph's indentation."""
    begin = state.bMarks[line] + state.tShift[line]
    return " " * max(0, column + own - state.blkIndent) + state.src[begin:state.eMarks[line]]


def _lazy_lines(state: StateBlock, start: int, end: int) -> tuple[list[tuple[int, int]],
                                                                  set[int]]:
    """The lines that kramdown adds to the items of the list at `start` although they are
    indented less than the item's text, each with that text's indentation; and the lines
    where kramdown starts a new chunk of an item's text: its first line indented as far as
    the text that starts a list, unless a blank line or a list came before in the item."""
    ordered = state.src[state.bMarks[start] + state.tShift[start]].isdigit()
    lazy: list[tuple[int, int]] = []
    chunks: set[int] = set()
    indent, blank_before, nested = 0, False, False
    outer_chunks = state.env.get(CHUNK_STARTS, ())
    for line in range(start, end):
        if line > start and line in outer_chunks:
            break                                   # an enclosing item's next chunk
        begin, stop = state.bMarks[line] + state.tShift[line], state.eMarks[line]
        text = state.src[begin:stop]
        if state.sCount[line] < state.blkIndent and text.strip(" \t"):
            break                                   # outside the list's container
        item = (line == start or state.sCount[line] < indent) and \
            state.sCount[line] - state.blkIndent <= 3 and ITEM_MARKER.match(text) and \
            text[0].isdigit() == ordered
        if item:
            indent, blank_before = _text_column(state, line, begin, stop), False
            nested = bool(ITEM_MARKER.match(state.src, begin + indent - state.sCount[line], stop))
        elif not text.strip(" \t"):
            blank_before = nested = True
        elif state.sCount[line] >= indent:
            if not nested and state.sCount[line] - indent <= 3 and ITEM_MARKER.match(text):
                chunks.add(line)
                nested = True
            blank_before = False
        elif blank_before or ends_lazy_lines(text):
            break
        elif nested and state.sCount[line] - state.blkIndent <= 3 and ITEM_MARKER.match(text):
            # kramdown indents it by the item's text and four more: deeper in the last chunk
            lazy.append((line, 2 * indent - state.blkIndent + 4))
        else:
            lazy.append((line, indent))
    return lazy, chunks


def ends_lazy_lines(text: str) -> bool:
    """kramdown's LAZY_END without its blank line: a block IAL, an end-of-block `^`, or a
    line that starts or ends a block-level HTML element (text: a line from its first
    non-space character)."""
    return text.startswith("{:") or text.rstrip() == "^" or \
        bool(html_in_markdown.HTML_LINE.match(text))


def _text_column(state: StateBlock, line: int, begin: int, stop: int) -> int:
    """The column where the text of the item on `line` starts, the marker at `begin`."""
    return _column_after_marker(state.src[begin:stop], state.sCount[line], state.bsCount[line])


def _column_after_marker(text: str, column: int, tab_offset: int = 0) -> int:
    """The column where an item's text starts, as markdown-it's list rule measures it, from
    the item's line at its marker (at `column`): after the marker and its spaces and tabs (to
    the next tab stop), but one space only when there are more than four. Read from the
    source, as `_item_columns` does, because markdown-it moves a line's start while it reads
    the item."""
    pos = len(text) - len(text.lstrip("0123456789")) + 1   # the bullet, or `.` after digits
    initial = offset = column + pos
    while pos < len(text) and text[pos] in " \t":
        offset += 4 - (offset + tab_offset) % 4 if text[pos] == "\t" else 1
        pos += 1
    return initial + (1 if pos >= len(text) or offset - initial > 4 else offset - initial)
