"""How kramdown reads Markdown where CommonMark (markdown-it) reads it otherwise: markdown-it
rules for attribute lists, header ids, typography, lists, blockquotes, definitions, task lists,
abbreviations, tables, code spans, escapes and line breaks here; emphasis, links, HTML, math
and extensions from their own modules. `kramdown_rules` installs them all; `markdown.py`
writes the HTML.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from typing import Any, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_block.heading import heading
from markdown_it.rules_block.lheading import lheading
from markdown_it.rules_block.code import code
from markdown_it.rules_block.fence import fence
from markdown_it.rules_block.hr import hr
from markdown_it.rules_block.reference import reference
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.escape import escape
from markdown_it.rules_inline.image import image
from markdown_it.rules_inline.link import link
from markdown_it.token import Token

from . import (extensions_in_markdown, html_in_markdown, links_in_markdown,
               lists_in_markdown, math_in_markdown)
from .emphasis import emphasis
from .ruby import RUBY_SPACE, ruby_strip


def kramdown_rules(md: MarkdownIt) -> None:
    """A markdown-it plugin: every rule below, where kramdown needs it."""
    # markdown-it trims paragraphs and headers of Unicode whitespace; kramdown of ASCII only.
    for name in ("heading", "lheading", "paragraph"):
        importlib.import_module(f"markdown_it.rules_block.{name}").mdTrim = ruby_strip
    md.core.ruler.before("inline", "kramdown_ials", _block_ials)
    md.core.ruler.after("block", "kramdown_list_item_ials", _list_item_ials)
    md.core.ruler.before("inline", "kramdown_guillemets", _guillemets)
    # kramdown's order after lists: HTML blocks, headers, math, tables, then footnote and
    # link definitions. What ends a paragraph in kramdown (GFM input): not a rule, nor a
    # table, nor `1)`.
    md.block.ruler.disable(["html_block", "heading"])
    paragraph_ends = {"alt": ["paragraph", "reference", "blockquote"]}
    for name, rule, ends in (
            ("kramdown_html_block", html_in_markdown.html_block, paragraph_ends),
            ("kramdown_heading", _atx_heading, paragraph_ends),
            ("kramdown_math", math_in_markdown.math_block, None),
            ("kramdown_table", _table, {"alt": ["reference"]})):
        md.block.ruler.before("footnote_def", name, rule, ends)
    md.block.ruler.before("paragraph", "kramdown_abbreviation", _abbreviation)
    md.block.ruler.before("paragraph", "kramdown_ial_line", _ial_line,
                          {"alt": ["paragraph"]})
    md.block.ruler.before("paragraph", "kramdown_definition_line", _outdented_definition,
                          {"alt": ["paragraph"]})
    md.block.ruler.at("paragraph", lists_in_markdown.paragraph_rule)
    md.block.ruler.before("paragraph", "kramdown_extension", extensions_in_markdown.block_extension)
    md.inline.ruler.before("link", "kramdown_extension", extensions_in_markdown.span_extension)
    md.block.ruler.at("lheading", _setext_heading)
    md.block.ruler.at("hr", hr, {"alt": ["reference", "blockquote", "list"]})
    md.block.ruler.at("blockquote", _blockquote,
                      {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.block.ruler.at("code", _code)
    md.block.ruler.at("fence", _fence, {"alt": ["paragraph", "reference", "blockquote", "list"]})
    md.block.ruler.at("list", lists_in_markdown.list_rule,
                      {"alt": ["paragraph", "reference", "blockquote"]})
    md.block.ruler.before("table", "kramdown_chunk_start", lists_in_markdown.chunk_start,
                          {"alt": ["list"]})
    md.block.ruler.before("paragraph", "kramdown_end_of_block", _end_of_block,   # last, as
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})  # kramdown
    md.block.ruler.after("kramdown_end_of_block", "kramdown_definition_terms",
                         _definition_terms(md.block.ruler.__rules__[
                             md.block.ruler.__find__("deflist")].fn))   # after every other
    md.inline.ruler.at("newline", _newline)
    md.inline.ruler.at("escape", _escape)
    md.inline.ruler.at("backticks", _code_span)
    md.inline.ruler.at("emphasis", emphasis)
    md.normalizeLink = links_in_markdown.as_written   # type: ignore[method-assign]
    md.helpers = links_in_markdown.RawLinkHelpers(md.helpers)
    md.inline.ruler.at("link", links_in_markdown.destinations(link, "inline"))
    md.inline.ruler.at("autolink", links_in_markdown.autolink)
    md.inline.ruler.at("image", links_in_markdown.destinations(image, "inline"))
    md.inline.ruler.before("link", "kramdown_spaced_reference",
                           links_in_markdown.spaced_reference)
    md.block.ruler.at("reference", links_in_markdown.destinations(reference, "reference"))
    md.core.ruler.after("block", "kramdown_last_definitions", links_in_markdown.last_definitions)
    md.validateLink = lambda url: True   # type: ignore[method-assign]  # javascript: too
    md.inline.ruler.before("escape", "kramdown_math", math_in_markdown.math_inline)
    md.inline.ruler.before("html_inline", "kramdown_raw_span", html_in_markdown.raw_span)
    md.core.ruler.after("inline", "kramdown_span_tags", html_in_markdown.balance_span_tags)
    md.core.ruler.before("kramdown_span_tags", "kramdown_html_blocks",
                         html_in_markdown.fill_blocks)
    md.core.ruler.after("block", "kramdown_bullet_lists", _join_bullet_lists)
    md.core.ruler.after("kramdown_bullet_lists", "kramdown_list_paragraphs", _list_paragraphs)
    md.core.ruler.after("kramdown_list_paragraphs", "kramdown_definition_paragraphs",
                        _definition_paragraphs)
    md.core.ruler.after("inline", "kramdown_span_ials", _span_ials)
    md.core.ruler.after("kramdown_span_ials", "kramdown_abbreviations", _abbreviations)
    md.core.ruler.after("kramdown_span_ials", "gfm_task_lists", _task_lists)
    md.core.ruler.before("text_join", "kramdown_smart_quotes", _smart_quotes)
    # before text_join: escaped characters and autolinks' text (text_special) stay as they are
    md.core.ruler.after("kramdown_smart_quotes", "kramdown_typography", _typography)
    md.core.ruler.push("kramdown_ids", _header_ids)
    md.core.ruler.after("normalize", "kramdown_lines", _keep_lines)


# `{::` and `{:/` are extensions' tags; `\}` is a brace inside
_IAL = re.compile(r"^\{:(?![:/])\s*((?:\\\}|[^}])*)\}\s*$")
_IAL_HEAD = re.compile(r"^\{:(?![:/])\s*((?:\\\}|[^}\n])*)\}\s*\n")
_HEADER_ID = re.compile(r"\s*\{#([A-Za-z][\w:-]*)\}\s*$")
# kramdown's ALD_TYPE_ANY: a `key="value"` pair (quoted; the value may hold escaped `}` and
# quotes), a reference, or ids and classes run together; each apart from the others
_ATTR = re.compile(r"""(?:\A|\s)(?:(\w[\w-]*)=("|')((?:\\\}|\\\2|[^}\x02])*?)\2|(\w[\w-]*)"""
                   r"""|((?:#[A-Za-z][\w:-]*|\.[^\s.#]+)+))(?=\s|\Z)""", re.A)
_ID_OR_CLASS = re.compile(r"#([A-Za-z][\w:-]*)|\.([^\s.#]+)", re.A)
_TYPO = [("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026")]   # (guillemets: before)


_IAL_REFS = re.compile(r"(?<![^\s])([A-Za-z][\w-]*)(?![^\s])")   # bare names: references


_DEFINITION = re.compile(r" {0,3}\[[^\]\n]+\]:")


_DEFINITION_MARKER = re.compile(r" {0,3}:[ \t]+\S")


def _definition_terms(deflist: Any) -> Any:
    """A definition list whose first definition follows several lines of text: each line is a
    term, as kramdown takes every line of the paragraph before `:` (the plugin takes one)."""
    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if silent or state.is_code_block(start):
            return False
        line = start + 1   # the `:` line: found first, as most paragraphs have none
        while line < end and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent:
            begin = state.bMarks[line] + state.tShift[line]
            if _DEFINITION_MARKER.match(state.src, begin - min(state.tShift[line], 3),
                                        state.eMarks[line]) and \
                    state.sCount[line] - state.blkIndent <= 3:
                break
            line += 1
        else:
            return False
        if line - start < 2:
            return False   # one term: the plugin's
        terminators = state.md.block.ruler.getRules("paragraph")
        if any(end_rule(state, term, end, True)
               for term in range(start + 1, line) for end_rule in terminators):
            return False   # the text before the `:` line is not one paragraph
        opened = len(state.tokens)
        if not deflist(state, line - 1, end, False):
            return False
        dl = state.tokens[opened]
        terms = []
        for term in range(start, line - 1):
            for kind, nesting in (("dt_open", 1), ("inline", 0), ("dt_close", -1)):
                token = Token(kind, "dt" if nesting else "", nesting)
                token.block, token.map = True, [term, term + 1]
                token.level = dl.level + (1 if kind == "inline" else 0) + 1
                if kind == "inline":
                    token.content = ruby_strip(state.getLines(term, term + 1, state.blkIndent,
                                                              False))
                    token.children = []
                terms.append(token)
        state.tokens[opened + 1:opened + 1] = terms
        dl.map = [start, dl.map[1]]
        return True
    return rule


def _outdented_definition(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A link or footnote definition less indented than a footnote's text is not part of
    the footnote: it ends the paragraph (kramdown's footnote takes its first line and
    indented lines only). Never a block."""
    begin = state.bMarks[start] + state.tShift[start]
    return silent and state.sCount[start] < state.blkIndent and \
        bool(_DEFINITION.match(state.src, begin, state.eMarks[start]))


_END_OF_BLOCK = re.compile(r"\^[ \t\f\v\r]*$")


def _end_of_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """kramdown's end-of-block marker: a `^` alone at the start of a line (of its container's
    text) ends the block before it and writes nothing, so that two code blocks, lists or
    quotes in a row stay two."""
    begin = state.bMarks[start] + state.tShift[start]
    if state.src[begin:begin + 1] != "^" or state.sCount[start] > state.blkIndent or \
            not _END_OF_BLOCK.match(state.src, begin, state.eMarks[start]):
        return False
    if not silent:
        state.line = start + 1
    return True


def _ial_line(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A line that is an attribute list (up to three spaces in) ends a paragraph, as in
    kramdown; one less indented than a list item's text ends the item's paragraph and so the
    list, which it then belongs to (`* TOC` then `{:toc}`). Never a block."""
    begin = state.bMarks[start] + state.tShift[start]
    return silent and state.src.startswith("{:", begin) and \
        state.sCount[start] - state.blkIndent <= 3 and \
        bool(_IAL.match(state.src[begin:state.eMarks[start]]))


def _parse_ial(text: str) -> list[tuple[str, str]]:
    """`.cls #id key="v"` → attribute pairs, as kramdown's `parse_attribute_list` reads them
    (classes joined; what is not one of its forms, like `width=100`, is left out)."""
    attrs: dict[str, str] = {}
    for key, quote, value, _ref, names in _ATTR.findall(text):
        if names:
            for ident, cls in _ID_OR_CLASS.findall(names):
                if cls:
                    attrs["class"] = (attrs.get("class", "") + " " + cls).lstrip()
                else:
                    attrs["id"] = ident
        elif key:
            attrs[key] = re.sub(r"\\(\}|" + re.escape(quote) + ")", r"\1", value)
    return list(attrs.items())


def _apply_attrs(token: Token, attrs: list[tuple[str, str]]) -> None:
    for key, value in attrs:
        if key == "class" and token.attrGet("class"):
            value = f"{token.attrGet('class')} {value}"
        token.attrSet(key, value)


def _apply_block_attrs(token: Token, attrs: list[tuple[str, str]]) -> None:
    """A block's attributes; an HTML block (or a span's inline HTML) gets them in its start
    tag, after its own (a class is added to the classes it has)."""
    if token.type not in ("html_block", "html_block_open", "html_inline"):
        _apply_attrs(token, attrs)
        return
    tag = html_in_markdown.START_TAG.match(token.content)
    if tag is None:
        return
    values = html_in_markdown.attribute_values(tag.group(2), tag.group(1))
    for key, value in attrs:
        values[key] = f"{values[key]} {value}" if key == "class" and values.get(key) else value
    token.content = f"<{tag.group(1)}{html_in_markdown.write_attributes(values.items())}" + \
        token.content[tag.end(2):]


# kramdown's LIST_ITEM_IAL: not an extension's tag (`{::`), an ALD (`{:name:`) or `{:/`
_ITEM_IAL = re.compile(r"\{:(?!(?:\w[\w-]*)?:|/)((?:\\\}|[^}])+)\}\s*", re.A)


def _list_item_ials(state: StateCore) -> None:
    """`- {:.cls} text`: an attribute list first on an item's first line is the item's
    (kramdown's list item IAL, which toc includes write); an item with nothing else on that
    line and no more text is empty."""
    if "{:" not in state.src:
        return
    tokens, remove = state.tokens, set()
    for i, item in enumerate(tokens[:-2]):
        paragraph, inline = tokens[i + 1], tokens[i + 2]
        if item.type != "list_item_open" or paragraph.type != "paragraph_open" or \
                not item.map or not paragraph.map or paragraph.map[0] != item.map[0]:
            continue
        found = _ITEM_IAL.match(inline.content)
        if found is None:
            continue
        _apply_attrs(item, _parse_ial(found.group(1)))
        inline.content = inline.content[found.end():]
        if not inline.content:
            remove.update({i + 1, i + 2, i + 3})
    if remove:
        state.tokens = [token for j, token in enumerate(tokens) if j not in remove]


def _block_ials(state: StateCore) -> None:
    """`{: …}` after a block (same paragraph's last line, or the lines right after it, one
    list each) or alone before the next block."""
    if "{:" not in state.src:
        return
    tokens, lines = state.tokens, state.env.get("lines", [])
    pending: tuple[list[tuple[str, str]], int] | None = None   # for the next block at a level
    remove: set[int] = set()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "paragraph_open" and i + 1 < len(tokens) and tokens[i + 1].type == "inline":
            inline = tokens[i + 1]
            whole = _IAL.match(inline.content)
            if whole:
                attrs = _parse_ial(whole.group(1))
                prev = _previous_block(tokens, i)
                before = _block_right_before(tokens, i, lines, prev)
                if before is not None:
                    _apply_block_attrs(before, attrs)
                    if "toc" in _IAL_REFS.findall(whole.group(1)):   # `{:toc}` on a list
                        before.meta["toc"] = True
                    if tok.map and before.map:   # the block's lines now end after it
                        before.map = [before.map[0], tok.map[1]]
                        tokens[i + 2].meta["ial_for"] = before   # for a next IAL line
                elif not _lost_before_blank(tokens, i, lines, prev):
                    pending = attrs, tok.level
                remove.update({i, i + 1, i + 2})
                i += 3
                continue
            head = _IAL_HEAD.match(inline.content)
            if head:   # the block right before it takes it, else this paragraph
                inline.content = inline.content[head.end():].lstrip(" \t")
                _apply_block_attrs(_block_right_before(tokens, i, lines,
                                                       _previous_block(tokens, i)) or tok,
                                   _parse_ial(head.group(1)))
        if pending is not None and tok.level == pending[1] and (
                tok.nesting == 1 or tok.type in ("fence", "code_block", "html_block")):
            _apply_block_attrs(tok, pending[0])
            pending = None
        i += 1
    state.tokens = [t for j, t in enumerate(tokens) if j not in remove]


def _lost_before_blank(tokens: Sequence[Token], index: int, lines: list[str],
                       prev: tuple[int, int | None] | None) -> bool:
    """Whether the attribute list (paragraph) at `index`, after the block `prev`
    (`_previous_block`), goes to no block: first in its container with a blank line after
    it, it is kramdown's blank line's."""
    end = tokens[index].map[1] if tokens[index].map else None
    return prev is None and end is not None and \
        end < len(lines) and is_blank(lines[end])


def _block_right_before(tokens: Sequence[Token], index: int, lines: list[str],
                        prev: tuple[int, int | None] | None) -> Token | None:
    """The block `prev` (`_previous_block`) if it ends right before the paragraph at `index`
    (an attribute list there belongs to it), past attribute lists that went to it; not
    across a blank line (a list's lines include those after it)."""
    start = tokens[index].map[0] if tokens[index].map else None
    if prev is None or start is None or prev[1] != start or \
            (0 < start <= len(lines) and is_blank(lines[start - 1])):
        return None
    close = tokens[_close_of(tokens, prev[0])]
    return close.meta.get("ial_for") or tokens[prev[0]]


_SPAN_IAL = re.compile(r"\{:((?:\\\}|[^}])+)\}")
_SPAN_TARGETS = {"image", "code_inline", "link_close", "em_close", "strong_close", "s_close"}


def _span_ials(state: StateCore) -> None:
    """`{: …}` right after an image, link, emphasis or code span gives it those attributes;
    the list may go on over line breaks."""
    if "{:" not in state.src:
        return
    for tok in state.tokens:
        children = tok.children or []
        i = 1
        while i < len(children):
            target, child = children[i - 1], children[i]
            if child.type == "text" and child.content.startswith("{:"):
                element = _opening(children, i - 1) if target.type in _SPAN_TARGETS else \
                    _html_element(children, i - 1) if target.type == "html_inline" else None
                while element is not None and children[i].type == "text" and \
                        children[i].content.startswith("{:") and _span_ial(children, i, element):
                    pass   # `{:.a}{:#b}`: one list after the other
            i += 1


def _span_ial(children: list[Token], index: int, element: Token) -> bool:
    """Applies the attribute list that starts the text at `index` to `element` (the span's
    opening token, or inline HTML's start tag), taking the text and line breaks it spans;
    whether there was one."""
    parts, last = [], index
    while last < len(children) and children[last].type in ("text", "softbreak"):
        parts.append(children[last].content if children[last].type == "text" else "\n")
        last += 1
    found = _SPAN_IAL.match("".join(parts))
    if found is None:
        return False
    _apply_block_attrs(element, _parse_ial(found.group(1)))
    used = found.end()
    for j in range(index, last):
        size = len(parts[j - index])
        if used < size or j == last - 1:
            children[j].content = children[j].content[used:] if children[j].type == "text" \
                else children[j].content
            del children[index:j]
            break
        used -= size
    return True


def _html_element(tokens: Sequence[Token], index: int) -> Token | None:
    """The start tag of the HTML element that the inline HTML at `index` ends (an end tag,
    or a void element's tag, like `<img>`): kramdown reads span HTML into elements, which
    an attribute list after them goes to."""
    end = html_in_markdown.END_TAG.fullmatch(tokens[index].content)
    if end is None:
        start = html_in_markdown.START_TAG.match(tokens[index].content)
        void = start is not None and html_in_markdown.tag_name(start.group(1)) in VOID_TAGS
        return tokens[index] if void else None
    name, depth = end.group(1).lower(), 0
    for j in range(index - 1, -1, -1):
        if tokens[j].type != "html_inline":
            continue
        start, closing = (html_in_markdown.START_TAG.match(tokens[j].content),
                          html_in_markdown.END_TAG.fullmatch(tokens[j].content))
        if closing is not None and closing.group(1).lower() == name:
            depth += 1
        elif start is not None and start.group(1).lower() == name:
            if depth == 0:
                return tokens[j]
            depth -= 1
    return None


VOID_TAGS = {"img", "br", "input", "hr", "wbr", "embed", "source", "track"}


def _opening(tokens: Sequence[Token], index: int) -> Token:
    """The token at `index`, or the opening token that its closing token closes."""
    if tokens[index].nesting != -1:
        return tokens[index]
    depth = 0
    for j in range(index, -1, -1):
        depth += tokens[j].nesting
        if depth == 0:
            return tokens[j]
    return tokens[index]


_TASK = re.compile(r"\[([ xX])\]\s+(?=\S)")
_ANY_TASK = re.compile(r"(?:[-*+]|\d\.)[ \t]+\[[ xX]\]")
_CHECKBOX = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled"'


def _task_lists(state: StateCore) -> None:
    """GFM task lists as kramdown-parser-gfm writes them: an item whose paragraph starts
    `[ ]` or `[x]` starts with a disabled checkbox; from the first such item on, items get a
    class, and so does the list."""
    if not _ANY_TASK.search(state.src):
        return
    tokens = state.tokens
    lists: list[list] = []     # [the list's opening token, whether a task was seen]
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            lists.append([tok, False])
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            opening, tasks = lists.pop()
            if tasks:
                opening.attrSet("class", "task-list")
        elif tok.type == "inline" and i >= 2 and tokens[i - 2].type == "list_item_open":
            first = tok.children[0] if tok.children else None
            found = _TASK.match(first.content) if first and first.type == "text" else None
            if found:
                first.content = first.content[found.end():]
                box = Token("html_inline", "", 0)
                box.content = _CHECKBOX + (' checked="checked"' if found.group(1) != " "
                                           else "") + " />"
                tok.children.insert(0, box)
                lists[-1][1] = True
            if lists[-1][1]:
                tokens[i - 2].attrSet("class", "task-list-item")


_ABBREVIATION = re.compile(r"[ ]{0,3}\*\[(.+?)\]:(.*)")


def _abbreviation(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A block rule for markdown-it: kramdown's `*[HTML]: Hyper Text Markup Language`, kept in
    `env` for `_abbreviations` (the line writes nothing, as a link definition)."""
    if not state.src.startswith("*[", state.bMarks[start_line] + state.tShift[start_line]):
        return False
    found = _ABBREVIATION.fullmatch(state.src[state.bMarks[start_line]:state.eMarks[start_line]])
    if found is None or state.is_code_block(start_line):
        return False
    if not silent:
        state.env.setdefault("abbreviations", {})[found.group(1)] = found.group(2).strip()
        state.line = start_line + 1
    return True


def _abbreviations(state: StateCore) -> None:
    """Every use of an abbreviation in text, as a word, becomes `<abbr title="…">`."""
    titles: dict[str, str] = state.env.get("abbreviations") or {}
    if not titles:
        return
    names = "|".join(re.escape(k).replace(r"\ ", r"\s+")
                     for k in sorted(titles, key=len, reverse=True))
    uses = re.compile(rf"(?<!\w)({names})(?!\w)")
    for tok in state.tokens:
        if tok.type != "inline" or not tok.children:
            continue
        children: list[Token] = []
        for child in tok.children:
            if child.type != "text" or not uses.search(child.content):
                children.append(child)
                continue
            last = 0
            for use in uses.finditer(child.content):
                children += _text(child.content[last:use.start()])
                title = html_in_markdown.escape(titles.get(use.group(1), ""), attribute=True)
                children += _html(f'<abbr title="{title}">' if title else "<abbr>")
                children += _text(use.group(1)) + _html("</abbr>")
                last = use.end()
            children += _text(child.content[last:])
        tok.children = children


def _text(content: str) -> list[Token]:
    token = Token("text", "", 0)
    token.content = content
    return [token] if content else []


def _html(content: str) -> list[Token]:
    token = Token("html_inline", "", 0)
    token.content = content
    return [token]


def _after_end_of_block(lines: list[str], token: Token) -> bool:
    """Whether the block `token` opens comes right after kramdown's end-of-block `^` line."""
    start = token.map[0] if token.map else 0
    return 0 < start <= len(lines) and bool(_END_OF_BLOCK.match(lines[start - 1].lstrip(" >")))


def _join_bullet_lists(state: StateCore) -> None:
    """Bullet lists one after the other are one list in kramdown, whatever their markers
    (CommonMark starts a new list when `-` becomes `*`), unless they are in two chunks of an
    item's text (`lists_in_markdown.chunk_start`) or a `^` line ends the first: the blank
    lines between them go to the item before."""
    tokens, lines = state.tokens, state.env.get("lines", [])
    i = 0
    while i + 1 < len(tokens):
        close, following = tokens[i], tokens[i + 1]
        if close.type == "bullet_list_close" and following.type == "bullet_list_open" and \
                close.level == following.level and not following.meta.get("chunk") and \
                not _after_end_of_block(lines, following):
            first = next(t for t in reversed(tokens[:i]) if t.type == "bullet_list_open"
                         and t.level == close.level)
            item = next(t for t in reversed(tokens[:i]) if t.type == "list_item_open"
                        and t.level == close.level + 1)
            if item.map and following.map:
                item.map = [item.map[0], following.map[0]]
            if first.map and following.map:
                first.map = [first.map[0], following.map[1]]
            del tokens[i:i + 2]
            continue
        i += 1


def _list_paragraphs(state: StateCore) -> None:
    """kramdown's tight and loose items, item by item (CommonMark decides for the whole list):
    an item's first paragraph goes without `<p>` unless a blank line follows it in the item
    (the last item's trailing blank lines aside); in the last item of a longer list, only if an
    earlier item's went without too, or did not start with a paragraph. Later paragraphs
    always have their `<p>`."""
    tokens, lines = state.tokens, state.env.get("lines", [])
    for i, tok in enumerate(tokens):
        if tok.type not in ("bullet_list_open", "ordered_list_open"):
            continue
        items = _children(tokens, i)
        bare: list[bool] = []     # by item: its first block is not a paragraph with <p>
        for number, item in enumerate(items):
            blocks = _children(tokens, item)
            first = tokens[blocks[0]] if blocks else None
            paragraph = first is not None and first.type == "paragraph_open"
            last = number == len(items) - 1
            free = False
            if paragraph:
                end, item_end = first.map[1], tokens[item].map[1]
                while end < min(len(lines), item_end) and _IAL.match(lines[end].strip()):
                    end += 1   # its attribute list lines
                blank_next = end < min(len(lines), item_end) and is_blank(lines[end])
                free = not blank_next or (last and all(   # alone, attribute lists aside
                    tokens[b].type == "paragraph_open" and _IAL.match(tokens[b + 1].content)
                    for b in blocks[1:]) and not blank_before_definition(lines, end, item_end))
                if free and last and len(items) > 1:
                    free = any(bare)
            bare.append(free or not paragraph)
            _show_paragraphs(tokens, blocks, first_bare=free)


def _definition_paragraphs(state: StateCore) -> None:
    """A definition's first paragraph goes without `<p>` unless a blank line comes before its
    `:` line (kramdown decides for each definition). A definition list right after another
    (a blank line apart) joins it, as in kramdown."""
    lines = state.env.get("lines", [])
    tokens: list[Token] = []
    opened: list[Token] = []          # the definition lists open around the token
    last: Token | None = None         # the list whose end is the last token kept
    for token in state.tokens:
        if token.type == "dl_open" and last is not None and tokens[-1].type == "dl_close" \
                and last.map and token.map and \
                all(is_blank(line) for line in lines[last.map[1]:token.map[0]]):
            tokens.pop()              # this list joins the one that just ended
            last.map = [last.map[0], token.map[1]]
            opened.append(last)
            last = None
            continue
        if token.type == "dl_open":
            opened.append(token)
        last = opened.pop() if token.type == "dl_close" and opened else None
        tokens.append(token)
    state.tokens = tokens
    for i, tok in enumerate(tokens):
        if tok.type != "dd_open":
            continue
        blocks = _children(tokens, i)
        start = tokens[blocks[0]].map[0] if blocks and tokens[blocks[0]].map else 0
        free = start == 0 or not is_blank(lines[start - 1])   # the `:` line starts the first
        _show_paragraphs(tokens, blocks, first_bare=free)


def _show_paragraphs(tokens: Sequence[Token], blocks: list[int], first_bare: bool) -> None:
    """Every paragraph among `blocks` gets its `<p>`, but the first if `first_bare`."""
    for n, block in enumerate(blocks):
        if tokens[block].type == "paragraph_open":
            hidden = first_bare and n == 0
            tokens[block].hidden = tokens[_close_of(tokens, block)].hidden = hidden


def _children(tokens: Sequence[Token], index: int) -> list[int]:
    """The indexes of the tokens that open (or are) the blocks directly inside `index`."""
    depth, found = 0, []
    for j in range(index + 1, len(tokens)):
        if depth == 0 and tokens[j].nesting >= 0:
            found.append(j)
        depth += tokens[j].nesting
        if depth < 0:
            break
    return found


def _close_of(tokens: Sequence[Token], index: int) -> int:
    """The index of the token that closes the one at `index`."""
    depth = 0
    for j in range(index, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return index


def _previous_block(tokens: Sequence[Token], index: int) -> tuple[int, int | None] | None:
    """The opening token of the block before `index` in the same container, and the line it
    ends on."""
    depth, level = 0, tokens[index].level
    for j in range(index - 1, -1, -1):
        tok = tokens[j]
        if tok.nesting == -1:
            depth += 1
        elif tok.nesting == 1:
            depth -= 1
        if depth < 0:
            return None
        if depth == 0 and tok.nesting >= 0 and tok.level == level and tok.type != "inline":
            end = tok.map[1] if tok.map else None
            return j, end
    return None


def _blockquote(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """kramdown's blockquote: it runs to a blank line (or a line that starts or ends an HTML
    element, `{:` or `^`), lazy lines included, and its lines, each without its `>` and one
    space, are read as blocks of their own: `> quote` then `* item` puts the list inside."""
    begin = state.bMarks[start] + state.tShift[start]
    if state.is_code_block(start) or state.src[begin:begin + 1] != ">":
        return False
    if silent:
        return True
    last = start + 1
    chunks = state.env.get(lists_in_markdown.CHUNK_STARTS, ())
    while last < end and not _ends_quote(state, last) and not _next_item(state, last) and \
            last not in chunks:
        last += 1
    lines = range(start, last)
    saved = [(state.bMarks[i], state.tShift[i], state.sCount[i], state.bsCount[i]) for i in lines]
    for line in lines:
        begin = state.bMarks[line] + state.tShift[line]
        if state.src[begin:begin + 1] == ">":
            begin += 2 if state.src[begin + 1:begin + 2] == " " else 1
        else:   # a lazy line: only what its container takes off
            begin = state.bMarks[line] + min(state.tShift[line], state.blkIndent)
        html_in_markdown.start_line_at(state, line, begin)
    token = state.push("blockquote_open", "blockquote", 1)
    token.markup, token.map = ">", [start, last]
    outer = state.parentType, state.blkIndent, state.lineMax
    state.parentType, state.blkIndent, state.lineMax = "blockquote", 0, last
    marks = state.env.get(lists_in_markdown.LAZY, {})   # a list's lazy lines: the quote's here
    hidden = {line: marks.pop(line) for line in lines if line in marks}
    state.md.block.tokenize(state, start, last)
    marks.update(hidden)
    state.parentType, state.blkIndent, state.lineMax = outer
    state.push("blockquote_close", "blockquote", -1).markup = ">"
    for line, (b_mark, t_shift, s_count, bs_count) in zip(lines, saved):
        state.bMarks[line], state.tShift[line] = b_mark, t_shift
        state.sCount[line], state.bsCount[line] = s_count, bs_count
    state.line = last
    return True


def _next_item(state: StateBlock, line: int) -> bool:
    """Whether `line` starts the next item of the list the quote is in."""
    return state.sCount[line] < state.blkIndent and bool(lists_in_markdown.ITEM_MARKER.match(
        state.src, state.bMarks[line] + state.tShift[line], state.eMarks[line]))


def _ends_quote(state: StateBlock, line: int) -> bool:
    """kramdown's LAZY_END: a blank line, or one of `ends_lazy_lines`."""
    text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
    return not text.strip(" \t") or lists_in_markdown.ends_lazy_lines(text)


def _fence(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's fenced code block, but it needs its closing fence (else it is paragraph
    text, and does not end a paragraph), and its lines keep the indentation they have beyond
    the container's: kramdown does not take the fence's own indentation off them."""
    line, count = state.line, len(state.tokens)
    if not fence(state, start, end, False):
        return False
    token = state.tokens[-1]
    after = start + 1 + token.content.count("\n")   # the line after the code
    if silent or state.line != after + 1:   # asked only, or no closing fence
        closed = state.line == after + 1
        del state.tokens[count:]
        state.line = line
        return silent and closed
    token.content = _code_lines(state, start + 1, after, state.blkIndent)
    return True


def _code(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """markdown-it's indented code, with kramdown's blank and lazy lines (`_code_lines`);
    but the text right after a list or definition marker is never code, however many spaces
    come before it: kramdown counts them all into the item's indentation (`-      x`)."""
    if not state.is_code_block(start) or _after_marker(state, start):
        return False
    found = code(state, start, end, silent)
    if found and not silent:
        token = state.tokens[-1]
        token.content = _code_lines(state, *token.map, state.blkIndent + 4)
    return found


_MARKER_BEFORE = re.compile(r"(?:[*+:-]|\d+\.)[ \t]+$")


def _after_marker(state: StateBlock, line: int) -> bool:
    """Whether the line's text starts right after a list or definition marker on it (markdown-it
    has moved the line's start there)."""
    begin = state.bMarks[line]
    head = state.src[begin:begin + state.tShift[line]]
    return bool(head.strip()) and bool(_MARKER_BEFORE.search(head))


def _code_lines(state: StateBlock, start: int, end: int, indent: int) -> str:
    """A code block's lines without `indent` columns, as kramdown keeps them: a line that
    is only spaces keeps those beyond the code's own indentation (a list item does not take
    its own off), and a list item's lazy line keeps its indentation."""
    lazy = state.env.get(lists_in_markdown.LAZY) or {}
    own = indent - state.blkIndent
    out = []
    for line in range(start, end):
        begin, stop = state.bMarks[line], state.eMarks[line]
        if line in lazy:
            out.append(lists_in_markdown.lazy_text(state, line, *lazy[line]))
        elif begin + state.tShift[line] >= stop:     # only spaces (or nothing)
            out.append(state.src[begin:stop][own:])
        else:
            out.append(state.getLines(line, line + 1, indent, False))
    return "\n".join(out) + ("\n" if out else "")


def _atx_heading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """kramdown's ATX header (GFM input): hashes at the container's left edge, not indented
    as CommonMark allows, then a space and some text (`#` alone is a paragraph)."""
    if state.sCount[start] > state.blkIndent:   # (less is a lazy line at the left edge)
        return False
    begin = state.bMarks[start] + state.tShift[start]
    if not ATX_START.match(state.src, begin, state.eMarks[start]):
        return False
    return heading(state, start, end, silent)


def _setext_heading(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """kramdown's Setext header: one line of text, then the `===` or `---` line at the
    container's left edge. An indented one, or one under two lines or more, is paragraph text
    to kramdown (and no rule either): such lines are marked as too deep for any rule before
    markdown-it reads the paragraph."""
    line = start + 1
    while line < end and not state.isEmpty(line):
        begin = state.bMarks[line] + state.tShift[line]
        if state.src.startswith(OTHER_BLOCKS, begin):
            break   # the paragraph may end here: leave what follows to the other rules
        least = state.blkIndent + (1 if line == start + 1 else 0)
        if least <= state.sCount[line] < state.blkIndent + 4 and \
                UNDERLINE.match(state.src, begin, state.eMarks[line]):
            state.sCount[line] = state.blkIndent + 4
        line += 1
    parent = state.parentType
    found = lheading(state, start, end, silent)
    state.parentType = parent   # markdown-it's rule leaves "paragraph" behind when it fails
    return found


UNDERLINE = re.compile(r"(?:=+|-+)[ \t]*$")
OTHER_BLOCKS = ("```", "~~~", "#", ">", "|", "<", "$$", "* ", "+ ", "- ")
ATX_START = re.compile(r"#{1,6}[ \t]+[^ \t\n]")


def _header_ids(state: StateCore) -> None:
    """kramdown-parser-gfm's ids: lower case, punctuation dropped, spaces to hyphens. Inside
    `<div markdown="1">` the GFM parser does not make them: kramdown's own ids do, with
    their own count."""
    used: dict[str, int] = {}
    used_inside: dict[str, int] = {}
    tokens = state.tokens
    auto = state.env.get("auto_ids", True)
    depth = 0   # in how many HTML elements with Markdown inside
    if "{::options" in state.src:   # {::options auto_ids="false" /}: the last one counts
        for tok in tokens:
            if tok.type == "kramdown_options":
                auto = tok.meta.get("auto_ids", auto)
    for i, tok in enumerate(tokens):
        depth += {"html_block_open": 1, "html_block_close": -1}.get(tok.type, 0)
        if tok.type != "heading_open":
            continue
        inline = tokens[i + 1]
        match = _HEADER_ID.search(inline.content)
        if match:
            inline.content = inline.content[: match.start()]
            if inline.children:
                last = inline.children[-1]
                last.content = _HEADER_ID.sub("", last.content)
            tok.attrSet("id", match.group(1))
            continue
        if not auto or tok.attrGet("id"):
            continue
        if depth:
            tok.attrSet("id", _kramdown_id(inline.content, used_inside))
            continue
        text = "".join(c.meta["text"] if c.type == "html_raw" else c.content
                       for c in inline.children or []
                       if c.type in ("text", "code_inline", "math_inline", "html_raw",
                                     "stray_tag"))
        ident = "".join(ch for ch in text.lower() if _word_char(ch) or ch in "- \t")
        ident = ident.replace(" ", "-").replace("\t", "-")
        count = used.get(ident, -1) + 1
        used[ident] = count
        tok.attrSet("id", ident + (f"-{count}" if count > 0 else ""))


def _kramdown_id(text: str, used: dict[str, int]) -> str:
    """kramdown's own header id: from the first ASCII letter on, ASCII letters, digits,
    spaces and hyphens, spaces to hyphens, lower case; `section` if nothing is left."""
    ident = re.sub(r"[^a-zA-Z0-9 -]", "", re.sub(r"^[^a-zA-Z]+", "", text))
    ident = ident.replace(" ", "-").lower() or "section"
    if ident in used:
        used[ident] += 1
        return f"{ident}-{used[ident]}"
    used[ident] = 0
    return ident


def _word_char(ch: str) -> bool:
    """Ruby's `\\p{Word}`: letters, marks, decimal digits, connectors (not ① or ²)."""
    category = unicodedata.category(ch)
    return category[0] in "LM" or category in ("Nd", "Pc")


_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?\1")


def _guillemets(state: StateCore) -> None:
    """kramdown reads `<<` and `>>` as guillemets before any HTML (outside code spans)."""
    if "<<" not in state.src and ">>" not in state.src:
        return
    for tok in state.tokens:
        if tok.type == "inline" and ("<<" in tok.content or ">>" in tok.content):
            parts, last = [], 0
            for match in _CODE_SPAN.finditer(tok.content):
                parts.append(_GUILLEMETS.sub(_guillemet, tok.content[last:match.start()]))
                parts.append(match.group(0))
                last = match.end()
            parts.append(_GUILLEMETS.sub(_guillemet, tok.content[last:]))
            tok.content = "".join(parts)


# kramdown's typographic symbols for guillemets, in its order: escaped ones stay `<<`, and a
# space after `<<` or before `>>` becomes a no-break space.
_GUILLEMETS = re.compile(r"\\<<|\\>>|<< | >>|<<|>>")
_GUILLEMET_CHARS = {"\\<<": "&lt;&lt;", "\\>>": "&gt;&gt;", "<< ": "\u00ab\u00a0",
                    " >>": "\u00a0\u00bb", "<<": "\u00ab", ">>": "\u00bb"}


def _guillemet(found: re.Match) -> str:
    return _GUILLEMET_CHARS[found.group()]


# kramdown's `SQ_RULES`, tried in order at a quote (with the character before it, if any, in
# the same run of text): the groups they keep as text, and the quotes they write.
_SQ_PUNCT = r"""[!"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"""
_SQ_CLOSE = r"[^ \\\t\r\n\[{(-]"
SQ_RULES = [(re.compile(pattern, re.A | re.M | re.S), subs) for pattern, subs in (
    (r"""(["'])(?=[_*]{1,2}\S)""", ("lquote1",)),
    (r"""(["'])(?=""" + _SQ_PUNCT + r"""(?!\.\.)\B)""", ("rquote1",)),
    (r"""(\s?)"'(?=\w)""", (1, "ldquo", "lsquo")),
    (r"""(\s?)'"(?=\w)""", (1, "lsquo", "ldquo")),
    (r"""(\s?)'(?=\d\ds)""", (1, "rsquo")),
    (r"""(\s)(['"])(?=\w)""", (1, "lquote2")),
    (r"(" + _SQ_CLOSE + r""")(['"])""", (1, "rquote2")),
    (r"""(["'])(?=\s|s\b|$)""", ("rquote1",)),
    (r"(.?)'", (1, "lsquo")),
    (r'(.?)"', (1, "ldquo")),
)]
QUOTE_CHARS = {"lsquo": "\u2018", "rsquo": "\u2019", "ldquo": "\u201c", "rdquo": "\u201d"}
# kramdown's own elements before a quote (guillemets are written before inline parsing)
_TYPOGRAPHIC_ENDS = ("...", "--", "<<", ">>", "\u00ab", "\u00bb", "\u00ab\u00a0")


def smart_quote(src: str, pos: int) -> tuple[list[str | int], re.Match]:
    """kramdown's smart quote parser at `pos` (a quote, or the character before one): the
    first of `SQ_RULES` that matches, written as quotes and the numbers of the groups it keeps
    as text."""
    for rule, substitutions in SQ_RULES:
        match = rule.match(src, pos)
        if match:
            break
    out: list[str | int] = []
    for sub in substitutions:
        if isinstance(sub, int):
            out.append(sub)
        elif sub[-1].isdigit():
            quote = match.group(int(sub[-1]))
            out.append(QUOTE_CHARS[sub[0] + ("dquo" if quote == '"' else "squo")])
        else:
            out.append(QUOTE_CHARS[sub])
    return out, match


def _smart_quotes(state: StateCore) -> None:
    """Quotes as kramdown turns them, each by the character before it in the same run of
    text (none after code, HTML, emphasis, an escape or `--`) and the text after: `5"` and
    `,"` close, `(` and `-` do not; markdown-it pairs them instead."""
    for tok in state.tokens:
        if tok.type != "inline" or not tok.children:
            continue
        children = tok.children
        for index, child in enumerate(children):
            if child.type == "text" and ("'" in child.content or '"' in child.content):
                child.content = _quoted(child.content, _before(children, index),
                                        _after(children, index))


def _quoted(text: str, before: str | None, following: str) -> str:
    out: list[str] = []
    done = 0                      # text[:done] is written; its last character is consumed
    i = 0
    while i < len(text):
        if text[i] not in "'\"":
            i += 1
            continue
        out.append(text[done:i])
        prev = text[i - 1] if i > done else before if i == 0 else None
        if prev is not None and (text.endswith(_TYPOGRAPHIC_ENDS, done, i) or prev in "*_"):
            prev = None   # taken by another of kramdown's parsers (a `*` or `_` by emphasis)
        rest = text[i:i + 7]      # the rules look at most a few characters ahead
        if len(rest) < 7:
            rest += following
        parts, match = smart_quote((prev or "") + rest, 0)
        # The kept groups: the character before (written already), or text from the quote on.
        out += [p for p in parts if isinstance(p, str)] if prev is not None else \
            [match.group(p) if isinstance(p, int) else p for p in parts]
        done = i = i + match.end() - (1 if prev is not None else 0)
    out.append(text[done:])
    return "".join(out)


def _before(children: list[Token], index: int) -> str | None:
    """The character before a text token that kramdown sees in the same run of text."""
    if index == 0:
        return None
    previous = children[index - 1]
    if previous.type == "softbreak":
        return "\n"
    if previous.type == "text" and previous.content:
        return previous.content[-1]
    return None


def _after(children: list[Token], index: int) -> str:
    """The source that follows a text token, as far as the quote rules look (a few
    characters: `"*emphasis*"` opens because `*e` follows)."""
    following = ""
    for child in children[index + 1:]:
        if child.type in ("softbreak", "hardbreak"):
            following += "\n"
        else:
            following += child.content if child.type == "text" else child.markup + child.content
        if len(following) >= 4:
            break
    return following


def _typography(state: StateCore) -> None:
    """kramdown's typographic symbols in text (not in code): dashes, ellipsis, guillemets."""
    for tok in state.tokens:
        if tok.type != "inline" or not tok.children:
            continue
        for child in tok.children:
            if child.type == "text":
                for source, char in _TYPO:
                    child.content = child.content.replace(source, char)


def _keep_lines(state: StateCore) -> None:
    """The source's lines, for the renderer to see where blank lines were."""
    lines = state.src.split("\n")
    if lines[-1] == "":   # the end of the last line, not a blank line
        lines.pop()
    state.env["lines"] = lines


def blank_before_definition(lines: list[str], start: int, end: int) -> bool:
    """Whether `lines[start:end]` (the end of a list item or quote) hold a blank line and then
    a link, footnote or abbreviation definition: the definition is kramdown's last child there,
    so the blank line stays inside (an empty line before the item or quote closes)."""
    blank = False
    for line in lines[start:end]:
        if is_blank(line):
            blank = True
        elif blank and _DEFINED_LINE.match(line.lstrip(" \t>")):
            return True
    return False


_DEFINED_LINE = re.compile(r"\*?\[[^\]\n]+\]:")


def is_blank(line: str) -> bool:
    """Blank, also inside a quote (`>` alone)."""
    return not line.strip(" \t>")


_BACKTICKS = re.compile(r"`+")


def _cells(row: str) -> list[str]:
    """A table row's cells as kramdown splits them: at each `|` that is neither escaped (`\\|`
    is a pipe in the cell) nor inside a code span (markdown-it splits there too)."""
    if "`" not in row and "\\" not in row:
        return row.split("|")
    cells, current, pos = [], [], 0
    while pos < len(row):
        char = row[pos]
        if char == "`":
            run = _BACKTICKS.match(row, pos).group()
            end = re.compile(rf"(?<!`){run}(?!`)").search(row, pos + len(run))
            stop = end.end() if end else pos + len(run)
            current.append(row[pos:stop])
            pos = stop
            continue
        if char == "\\" and row.startswith("|", pos + 1):
            current.append("|")
            pos += 2
            continue
        if char == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(char)
        pos += 1
    cells.append("".join(current))
    return cells


_SPAN_HTML = re.compile(r"<([A-Za-z][\w-]*)\b[^>]*>.*?</\1\s*>")
_TABLE_LINE = re.compile(r"\||.*?[^\\\n]\|")       # a `|`, not escaped (kramdown's check)
_TABLE_SEPARATOR = re.compile(r"([+|: \t-]*?-[+|: \t-]*?)[ \t]*")
_TABLE_FOOTER = re.compile(r"[+|: \t=]*?=[+|: \t=]*?[ \t]*")
_ALIGNMENT = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?")


def _table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """kramdown's tables: after a block boundary, every line with a `|` outside code spans,
    up to the next boundary (a blank line, the end, `{:`). No header is needed: a `|---|`
    line makes the rows before it the header (its colons align the columns), later ones
    start a new body, a `|===|` line the footer; rows are padded to the widest. So a
    paragraph whose first line reads `p(y | x)` is a one-row table, as in Jekyll."""
    if "|" not in state.src[state.bMarks[start_line]:state.eMarks[start_line]]:
        return False
    if state.is_code_block(start_line) or not math_in_markdown.after_boundary(state, start_line):
        return False
    lines: list[str] = []
    line = start_line
    while line < end_line and not state.isEmpty(line) and state.sCount[line] >= state.blkIndent:
        text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
        if not _TABLE_LINE.match(text) or len(_cells(_SPAN_HTML.sub("", text))) < 2:
            break   # a `|` inside a code span or an HTML element does not count
        lines.append(text)
        line += 1
    if not lines or (line < end_line and not state.isEmpty(line) and
                     state.sCount[line] >= state.blkIndent and not _IAL.match(
                         state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]])):
        return False
    sections, alignment, columns = _table_sections(lines, lines[0].startswith("|"), start_line)
    if not any(kind == "tbody" for kind, _ in sections):
        return False   # kramdown: "table without body", not a table
    if silent:
        return True
    alignment = (alignment + ["default"] * columns)[:columns]
    state.push("table_open", "table", 1).map = [start_line, line]
    for kind, rows in sections:
        state.push(f"{kind}_open", kind, 1)
        for at, cells in rows:
            state.push("tr_open", "tr", 1)
            tag = "th" if kind == "thead" else "td"
            for column in range(columns):
                cell = state.push(f"{tag}_open", tag, 1)
                if alignment[column] != "default":
                    cell.attrs = {"style": f"text-align:{alignment[column]}"}
                inline = state.push("inline", "", 0)   # kramdown fills an empty cell
                inline.content = (cells[column] if column < len(cells) else "") or "\u00a0"
                inline.map, inline.children = [at, at + 1], []
                state.push(f"{tag}_close", tag, -1)
            state.push("tr_close", "tr", -1)
        state.push(f"{kind}_close", kind, -1)
    state.push("table_close", "table", -1)
    state.line = line
    return True


def _table_sections(lines: list[str], leading_pipe: bool, first_line: int
                    ) -> tuple[list[tuple[str, list]], list[str], int]:
    """kramdown's `parse_table` loop: (thead/tbody/tfoot, [(line, cells)]) in order, the
    alignment of the columns, and their number."""
    sections: list[tuple[str, list]] = []
    rows: list[tuple[int, list[str]]] = []
    alignment: list[str] = []
    footer, columns = False, 0
    for at, text in enumerate(lines, first_line):
        separator = _TABLE_SEPARATOR.fullmatch(text)
        if separator:
            if rows and not alignment and not footer:
                sections.append(("thead", rows))
                alignment = [{("", ""): "default", (":", ""): "left", ("", ":"): "right"}.get(
                    pair, "center") for pair in _ALIGNMENT.findall(separator.group(1))]
                rows = []
            elif rows and not footer:
                sections.append(("tbody", rows))
                rows = []
        elif _TABLE_FOOTER.fullmatch(text):
            if rows:
                sections.append(("tbody", rows))
                rows = []
            footer = True
        else:
            cells = _cells(text)
            if leading_pipe and not cells[0].strip():
                cells.pop(0)
            if cells and not cells[-1].strip():
                cells.pop()
            rows.append((at, [ruby_strip(cell) for cell in cells]))
            columns = max(columns, len(cells))
    if rows:
        sections.append(("tfoot" if footer else "tbody", rows))
    return sections, alignment, columns


def _newline(state: StateInline, silent: bool) -> bool:
    """A line end as kramdown reads it: two spaces before it make a `<br />` (whitespace before
    those two stays), any other trailing whitespace stays as written, and the next line keeps
    its indentation."""
    if state.src[state.pos] != "\n":
        return False
    if not silent:
        if state.pending.endswith("  "):
            state.pending = state.pending[:-2]
            state.push("hardbreak", "br", 0)
        else:
            state.push("softbreak", "br", 0)
    state.pos += 1
    return True


def _code_span(state: StateInline, silent: bool) -> bool:
    """kramdown's code span: it ends at the next run of its backticks (even inside a longer
    run), keeps line breaks, and only a span of two or more backticks loses one space at
    either end. A single backtick between spaces (or first, before a space) is text."""
    src, start, maximum = state.src, state.pos, state.posMax
    if src[start] != "`":
        return False
    end = start
    while end < maximum and src[end] == "`":
        end += 1
    marker = src[start:end]
    spaced = (start == 0 or src[start - 1] in RUBY_SPACE) and src[end:end + 1] in RUBY_SPACE
    close = -1 if len(marker) == 1 and spaced else src.find(marker, end, maximum)
    if close < 0:
        if not silent:
            state.pending += marker
        state.pos = end
        return True
    text = src[end:close]
    if len(marker) > 1:
        text = text[1:] if text[:1] == " " else text
        text = text[:-1] if text[-1:] == " " else text
    if not silent:
        token = state.push("code_inline", "code", 0)
        token.markup, token.content = marker, text
    state.pos = close + len(marker)
    return True


ESCAPABLE = frozenset("\\.*_+`<>()[]{}#!:|\"'$=-~")   # kramdown-parser-gfm's ESCAPED_CHARS_GFM


def _escape(state: StateInline, silent: bool) -> bool:
    """markdown-it's backslash escapes, but only of the characters kramdown escapes: before any
    other (`\\%`, `\\;` in `$…$` math for MathJax) the backslash is text. One or two
    backslashes before a line end make a line break; the next line keeps its indentation."""
    start = state.pos
    if state.src.startswith("\\\\\n", start):   # kramdown's other line break: two backslashes
        if not silent:
            state.push("hardbreak", "br", 0)
        state.pos = start + 3
        return True
    following = state.src[start + 1:start + 2]
    if following not in ESCAPABLE and following != "\n" or not escape(state, silent):
        return False
    if state.src.startswith("\\\n", start):
        state.pos = start + 2
    return True
