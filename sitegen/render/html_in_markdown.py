"""HTML inside Markdown as kramdown reads and writes it, with Jekyll's defaults: HTML blocks
are not parsed for Markdown, unless an element says `markdown="1"` (or `"block"`).

kramdown does not pass HTML through: it parses each tag and writes it again, with lower-case
names, attributes in double quotes (`allowfullscreen=""`), void elements closed (`<br />`) and
text escaped. An HTML block starts with a tag that is not a span element at the start of a line
and runs to its matching end tag, blank lines included; markdown-it's own HTML blocks follow
CommonMark (a list of block names, ending at a blank line) instead.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

_NCNAME = r"[^\W\d][-\w.]*"
NAME = rf"(?:{_NCNAME}:)?{_NCNAME}"      # REXML's UNAME, as kramdown matches tag names
START_TAG = re.compile(rf"<((?>{NAME}))\s*((?>\s+{NAME}(?:\s*=\s*(?:\w+|([\"']).*?\3))?)*)"
                       r"\s*(/)?>", re.S)
END_TAG = re.compile(rf"</({NAME})\s*>", re.S)
ATTRIBUTE = re.compile(rf"\s*({NAME})(?:\s*=\s*(?:(\w+)|([\"'])(.*?)\3))?", re.S)
COMMENT = re.compile(r"<!--.*?-->", re.S)
INSTRUCTION = re.compile(r"<\?.*?\?>", re.S)
CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.S)
MARKUP = re.compile(rf"(?=<(?:{NAME}|/|!--|\?|!\[CDATA\[))")
REFERENCE = r"&(?:[A-Za-z_:][-\w.:]*|#\d+|#x[0-9a-fA-F]+);"
ESCAPES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
TEXT_SPECIAL = re.compile(rf"{REFERENCE}|[<>&]")
ATTRIBUTE_SPECIAL = re.compile(rf"{REFERENCE}|[<>&\"]")

SPAN_ELEMENTS = {"a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code",
                 "del", "dfn", "em", "i", "img", "input", "ins", "kbd", "label", "mark",
                 "option", "q", "rb", "rbc", "rp", "rt", "rtc", "ruby", "samp", "select",
                 "small", "span", "strong", "sub", "sup", "tt", "u", "var"}
BLOCK_ELEMENTS = {"address", "article", "aside", "applet", "body", "blockquote", "caption",
                  "col", "colgroup", "dd", "div", "dl", "dt", "fieldset", "figcaption",
                  "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
                  "hr", "html", "head", "iframe", "legend", "menu", "li", "main", "map", "nav",
                  "ol", "optgroup", "p", "pre", "section", "summary", "table", "tbody", "td",
                  "th", "thead", "tfoot", "tr", "ul"}
VOID_ELEMENTS = {"area", "base", "br", "col", "command", "embed", "hr", "img", "input",
                 "keygen", "link", "meta", "param", "source", "track", "wbr"}
# Elements whose name kramdown knows, and so writes in lower case: the lists above and those
# it gives a content model.
KNOWN_ELEMENTS = SPAN_ELEMENTS | BLOCK_ELEMENTS | VOID_ELEMENTS | {
    "details", "figure", "main", "map", "noscript", "object", "section", "summary", "script",
    "style", "math", "option", "textarea", "pre", "code", "kbd", "samp", "var"}
RAW_TEXT = {"script", "style"}
_NO_MARKDOWN = RAW_TEXT | VOID_ELEMENTS   # elements whose content is never Markdown
# Elements whose content `markdown="1"` makes kramdown read as blocks.
BLOCK_CONTENT = {"address", "applet", "article", "aside", "blockquote", "body", "dd", "details",
                 "div", "dl", "fieldset", "figure", "figcaption", "footer", "form", "header",
                 "hgroup", "iframe", "li", "main", "map", "menu", "nav", "noscript", "object",
                 "section", "summary", "td"}     # their text is kept as it is, up to the end tag
# Span-level elements whose content kramdown reads as Markdown; any other element's content
# (`<kbd>`, `<code>`, `<u>`, `<mark>`, names it does not know) is raw: no emphasis, no
# typographic dashes or quotes.
SPAN_CONTENT = {"a", "abbr", "acronym", "b", "bdo", "big", "button", "cite", "caption", "del",
                "dfn", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "ins", "label",
                "legend", "optgroup", "p", "q", "rb", "rbc", "rp", "rt", "rtc", "ruby", "select",
                "small", "span", "strong", "sub", "sup", "th", "tt"}


def escape(text: str, attribute: bool = False) -> str:
    """kramdown's `escape_html`: `<`, `>`, `&` (and `"` in attributes) unless part of an
    entity reference already."""
    special = ATTRIBUTE_SPECIAL if attribute else TEXT_SPECIAL
    return special.sub(lambda m: ESCAPES.get(m.group(), m.group()), text)


def tag_name(name: str) -> str:
    return name.lower() if name.lower() in KNOWN_ELEMENTS else name


def attribute_values(text: str, name: str, span: bool = False) -> dict[str, str]:
    """The attributes of a start tag, as kramdown reads them: a bare name's value is "", the
    last of a repeated one counts, names of known elements' attributes are lower case."""
    values: dict[str, str] = {}
    for key, bare, _quote, quoted in ATTRIBUTE.findall(text):
        value = bare or quoted
        values[key.lower() if name in KNOWN_ELEMENTS else key] = \
            re.sub(r"\n+", " ", value) if span else value
    return values


def attributes(text: str, name: str, span: bool = False) -> str:
    """The attributes of a start tag as kramdown writes them, without `markdown` (it is
    kramdown's instruction)."""
    values = attribute_values(text, name, span)
    values.pop("markdown", None)
    return write_attributes(values.items())


def write_attributes(pairs: Iterable[tuple[str, Any]]) -> str:
    """Attributes as kramdown's `html_attributes` writes them: each as ` name="value"`,
    escaped (an entity reference already in a value stays), and a blank id left out."""
    return "".join(f' {key}="{escape(str(value), attribute=True)}"' for key, value in pairs
                   if key != "id" or str(value).strip())


# Renders the Markdown found inside a raw element (`<div markdown="1">` as blocks, `<p
# markdown="1">` as running text) from its start tag, its content, its indent level, and
# whether its end tag was found.
Blocks = Callable[[str, str, int, bool], str]


def element(src: str, pos: int, name: str, attrs: str, closed: bool, span: bool = False,
            text: list[str] | None = None, blocks: Blocks | None = None,
            level: int = 0) -> tuple[str, int]:
    """The element whose start tag ends at `pos`, written again, and where it ends: kramdown's
    raw content model, in which nested tags are parsed (and rewritten) but not Markdown. In
    running text (`span`), a block element's tag inside is text. `text` receives the text
    inside as written, which is what a header's id is made of. A nested element that asks for
    Markdown (`markdown="1"`) is rendered by `blocks` at `level` (the element's depth)."""
    if name in RAW_TEXT and not (closed and span):   # a block-level `<style/>` too
        end = _end_tag_of(name).search(src, pos)
        body = src[pos:end.start() if end else len(src)]
        return f"<{name}{attrs}>{body}</{name}>", end.end() if end else len(src)
    if closed and span and name not in VOID_ELEMENTS:   # kramdown writes span ones in full
        return f"<{name}{attrs}></{name}>", pos
    if closed or name in VOID_ELEMENTS:
        return f"<{name}{attrs} />", pos
    parts: list[str] = []

    def add(raw: str) -> None:
        parts.append(escape(raw))
        if text is not None:
            text.append(raw)

    while pos < len(src):
        markup = MARKUP.search(src, pos)
        stop = markup.start() if markup else len(src)
        add(src[pos:stop])
        pos = stop
        if markup is None:   # never closed: it ends with the input, where kramdown closes it
            continue
        found = COMMENT.match(src, pos) or INSTRUCTION.match(src, pos)
        if found:
            parts.append(found.group())
            pos = found.end()
            continue
        found = CDATA.match(src, pos)
        if found:
            add(found.group(1))
            pos = found.end()
            continue
        found = START_TAG.match(src, pos)
        if found and span and found.group(1).lower() in BLOCK_ELEMENTS:
            add(found.group())
            pos = found.end()
            continue
        if found:
            html, pos = _child(src, found, span, text, blocks, level + 1)
            parts.append(html)
            continue
        found = END_TAG.match(src, pos)
        if found:
            pos = found.end()
            if tag_name(found.group(1)) == name:
                break
            add(found.group())   # a stray end tag is text
            continue
        add(src[pos])
        pos += 1
    return f"<{name}{attrs}>{''.join(parts)}</{name}>", pos


def _child(src: str, tag: re.Match, span: bool, text: list[str] | None, blocks: Blocks | None,
           level: int) -> tuple[str, int]:
    """An element inside a raw one, written again, and where it ends."""
    name = tag_name(tag.group(1))
    model = _markdown_inside(tag, name) if blocks and not span else "raw"
    if model != "raw" and tag.group(4) is not None:
        return _empty_child(src, tag, name, model)
    if model == "block":
        return _nested_blocks(src, tag, name, blocks, level)
    if model == "span":
        return _nested_span(src, tag, name, blocks, level)
    return element(src, tag.end(), name, attributes(tag.group(2), name, span),
                   tag.group(4) is not None, span, text, blocks, level)


def _empty_child(src: str, tag: re.Match, name: str, model: str) -> tuple[str, int]:
    """An element with `markdown="1"` closed in its start tag (`<p markdown="1"/>`) inside a
    raw one: kramdown writes it empty, in full, and one whose content would be blocks takes
    the rest of its line if blank."""
    end = tag.end()
    blank = _BLANK_REST.match(src, end) if model == "block" else None
    return f"<{name}{attributes(tag.group(2), name)}></{name}>", blank.end() if blank else end


def _nested_blocks(src: str, tag: re.Match, name: str, blocks: Blocks,
                   level: int) -> tuple[str, int]:
    """An element with `markdown="1"` inside a raw one, and where it ends: kramdown parses its
    content as blocks (from after the start tag and the rest of its line if blank) up to its
    end tag at the start of a line; the end tag's line goes on as the outer element's text."""
    start = tag.end()
    blank = _BLANK_REST.match(src, start)
    start = blank.end() if blank else start
    close = _end_tag_line(src, start, tag.group(1))
    content_end = close.start() if close else len(src)
    content = src[start:content_end].rstrip(" ")
    html = blocks(tag.group(), content, level, close is not None)
    return html, close.end() if close else len(src)


def _nested_span(src: str, tag: re.Match, name: str, blocks: Blocks,
                 level: int) -> tuple[str, int]:
    """An element with `markdown="1"` inside a raw one whose content is running text (a `<p>`),
    and where it ends: kramdown reads its text up to its first end tag (or the end of the
    input) as spans, wherever that is; the outer element's text goes on right after it."""
    close = _end_tag_of(name).search(src, tag.end())
    content = src[tag.end():close.start() if close else len(src)]
    return blocks(tag.group(), content, level, True), close.end() if close else len(src)


def _end_tag_of(name: str) -> re.Pattern[str]:
    """The end tag of the element `name`, in any case (`re` keeps the compiled pattern)."""
    return re.compile(rf"</{re.escape(name)}\s*>", re.I)


_BLANK_REST = re.compile(r"[ \t]*\n")   # nothing but spaces to the line's end


def _end_tag_line(src: str, pos: int, name: str) -> re.Match | None:
    """The end tag (at the start of a line, up to three spaces in) that ends an element
    whose Markdown content starts at `pos` (which counts as a line's start), skipping the
    lines of nested ones of its name (one that starts and ends on one line is no deeper)."""
    line = re.compile(rf" {{0,3}}(?:(</{re.escape(name)}\s*>)|<{re.escape(name)}\b(.*))", re.I)
    closing = _end_tag_of(name)
    depth = 0
    while pos < len(src):
        end = src.find("\n", pos) + 1 or len(src)
        found = line.match(src, pos, end)
        if found and found.group(1) and not depth:
            return closing.search(src, pos)
        if found and found.group(1):
            depth -= 1
        elif found and not found.group(2).rstrip().endswith("/>"):
            depth = max(0, depth + 1 - len(closing.findall(found.group(2))))
        pos = end
    return None


def html_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A block rule for markdown-it: kramdown's HTML blocks (a comment, or an element that is not
    a span element) from the start of a line to the end of the line where they end; and the
    end tag of the element whose Markdown is being read, which ends it."""
    if state.is_code_block(start_line):
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[first:first + 1] != "<":
        return False
    if state.src.startswith("</", first):
        return _end_tag(state, start_line, end_line, first, silent)
    in_place = state.blkIndent == 0 and state.level == len(state.env.get(OPEN, ()))
    if in_place:
        text, pos = state.src, first    # read in place: no copy of the rest of the post
    else:    # in a list item or a quote: its lines without their markers
        text, pos = state.getLines(start_line, end_line, state.blkIndent, False).lstrip(" "), 0
    if not text.endswith("\n"):   # kramdown's input always ends with one, which an element
        text += "\n"               # left open keeps
    # A comment starts a block only at the left edge; indented, a paragraph takes it.
    comment = COMMENT.match(text, pos) if state.sCount[start_line] <= state.blkIndent else None
    tag = START_TAG.match(text, pos)
    if comment:
        if silent:   # asked whether it ends a paragraph: a comment does not
            return False
        html, end = comment.group(), comment.end()
    elif tag and tag.group(1).lower() not in SPAN_ELEMENTS:
        name = tag_name(tag.group(1))
        if silent:   # a tag ends a paragraph, but not a script
            return name != "script"
        model = "raw" if name in RAW_TEXT else \
            content_model(tag, name, bool(state.env.get(PARSE_BLOCK_HTML)))
        closed = tag.group(4) is not None or name in VOID_ELEMENTS
        if model != "raw" and not closed:
            return _markdown_content(state, start_line, end_line, text, pos, tag,
                                     model == "block")
        attrs = attributes(tag.group(2), name)
        if model != "raw" and name not in VOID_ELEMENTS:   # closed: an empty element
            html, end = f"<{name}{attrs}></{name}>", tag.end()
        else:
            html, end = element(text, tag.end(), name, attrs, tag.group(4) is not None,
                                blocks=_blocks_later(state))
    else:
        return False
    rest = _rest_of_line(text, end).strip()
    last = start_line + text.count("\n", pos, end)
    state.line = min(last + 1, end_line)
    token = state.push("html_block", "", 0)
    token.map = [start_line, state.line]
    token.content = html + "\n"
    if in_place and end >= len(state.src):
        _no_blank_lines_after(state.env)
    if rest:   # kramdown reads the rest of the line as the start of the blocks that follow
        _read_from(state, *_in_source(state, start_line, text, pos, end))
        state.md.block.tokenize(state, last, end_line)
        return True
    # After an element without a body, a script or a style, kramdown leaves the newline, which
    # then reads as a blank line (one with the blank lines after it, if any). An element whose
    # content is blocks takes it.
    bodiless = tag and model != "block" and \
        (html.endswith(" />") or name in VOID_ELEMENTS or name in RAW_TEXT)
    if bodiless and end < len(text) and \
            not (state.line < end_line and state.isEmpty(state.line)):
        token.content += "\n"
    return True


OPEN = "html_open"         # env: the elements whose Markdown is being read, as (name, level)
LAZY_SPAN_ELEMENTS = SPAN_ELEMENTS | {"script"}   # their tags do not end lazy lines
STOP = "html_stop"         # env: where the innermost one's end tag ends, as (line, position)


def _end_tag(state: StateBlock, start_line: int, end_line: int, first: int,
             silent: bool) -> bool:
    """An end tag at the start of a line. The one of the element whose Markdown is being read
    ends that element (and its blocks: a paragraph, a list); that of any other element but a
    span element ends a paragraph's lazy lines (less indented than the paragraph's container
    wants: a list item's), as kramdown's LAZY_END_HTML_STOP does."""
    found = END_TAG.match(state.src, first)
    if found is None or found.group(1).lower() in LAZY_SPAN_ELEMENTS:
        return False
    opened = state.env.get(OPEN)
    closing = bool(opened) and opened[-1] == (found.group(1).lower(), state.level)
    if silent:
        return closing or state.sCount[start_line] < state.blkIndent
    if not closing:
        return False
    state.env[STOP] = (start_line, found.end())
    state.line = end_line     # the element's blocks end here
    return True


PENDING = "html_blocks"    # env: Markdown inside raw elements, rendered once references are known
LEVEL = "html_level"       # env: the level of the element whose Markdown is being parsed
TOC_LISTINGS = "toc_listings"   # env: the lists that parts of the document mark `{:toc}`


def _blocks_later(state: StateBlock) -> Blocks:
    """Markdown blocks inside a raw element, kept in `env` and marked in the HTML by a
    placeholder (NUL, which markdown-it takes out of the input): their links may use
    definitions further on, which are only known after the blocks are parsed."""
    pending = state.env.setdefault(PENDING, [])
    base = state.level + state.env.get(LEVEL, 0)

    def later(start_tag: str, content: str, level: int, closed: bool) -> str:
        pending.append((start_tag, content, base + level, closed))
        return f"\0{len(pending) - 1}\0"
    return later


def fill_blocks(state: StateCore) -> None:
    """A core rule for markdown-it: the Markdown inside raw elements, rendered now that the
    whole document's link definitions are known, where `_blocks_later` marked it."""
    pending = state.env.pop(PENDING, None)
    if not pending:
        return

    def render(found: re.Match) -> str:
        return _render_blocks(state, *pending[int(found.group(1))])
    for token in state.tokens:
        if token.type == "html_block" and "\0" in token.content:
            token.content = re.sub(r"\0(\d+)\0", render, token.content)


def _render_blocks(state: StateCore, start_tag: str, content: str, level: int,
                   closed: bool) -> str:
    """An element with `markdown="1"` inside a raw one as kramdown writes it: its start tag
    where it was, the blocks inside indented to its depth (`level`), its end tag indented
    too, and the outer element's text going on right after it. One not `closed` runs to
    the end of the input (an element left open inside may take its end tag). One whose
    content is running text (`_nested_span`) is written as such."""
    tag = START_TAG.match(start_tag)
    name = tag.group(1)
    if content_model(tag, tag_name(name), False) == "span":
        return _render_span(state, tag, content)
    newline = "" if content.endswith("\n") or not content else "\n"
    end_tag = f"</{name}>\n" if closed else ""
    state.env.setdefault(TOC_LISTINGS, [])   # shared: a table of contents is the document's
    env = {key: value for key, value in state.env.items() if key != "lines"}
    env[LEVEL] = level
    tokens = _parse_part(state.md, f"{start_tag}\n{content}{newline}{end_tag}", env)
    for token in tokens:
        token.level += level
    html = state.md.renderer.render(tokens, state.md.options, env)
    return html[2 * level:].rstrip("\n")


def _render_span(state: StateCore, tag: re.Match, content: str) -> str:
    """An element inside a raw one whose content kramdown reads as running text (a `<p
    markdown="1">`), written with its text where it was: no indentation, no newline added."""
    name = tag_name(tag.group(1))
    env = {key: value for key, value in state.env.items() if key != "lines"}
    children = [child for token in _parse_part(state.md, content, env, inline=True)
                for child in token.children or ()]   # running text: no layout of blocks
    html = state.md.renderer.renderInline(children, state.md.options, env)
    return f"<{name}{attributes(tag.group(2), name)}>{html}</{name}>"


def _parse_part(md: MarkdownIt, text: str, env: dict, inline: bool = False) -> list[Token]:
    """Part of the document parsed on its own (as running text if `inline`): its footnotes
    are the document's, listed at the end of the document only."""
    tail = "footnote_tail" in md.core.ruler.get_active_rules()
    if tail:
        md.core.ruler.disable("footnote_tail")
    try:
        return md.parseInline(text, env) if inline else md.parse(text, env)
    finally:
        if tail:
            md.core.ruler.enable("footnote_tail")


def _blank_lines_inside(env: dict) -> str:
    """An element left open, its Markdown read to the end of the input: the blank lines at
    the end are inside it (kramdown writes one empty line before its end tag), not after."""
    lines = env.get("lines", [])
    blank = bool(lines) and not lines[-1].strip()
    _no_blank_lines_after(env)
    return "\n" if blank else ""


def _no_blank_lines_after(env: dict) -> None:
    """An element left open takes the blank lines at the end of the input in (kramdown writes
    them before its end tag): for the layout, they are no blank lines after the last block."""
    lines = env.get("lines")
    while lines and not lines[-1].strip():
        lines.pop()


def start_line_at(state: StateBlock, line: int, pos: int) -> None:
    """Make `line` start at `pos`, with its indentation measured from there (kramdown reads
    the rest of a line, or a quote's line without its `>`, as text of its own)."""
    end, width = pos, 0
    while end < state.eMarks[line] and state.src[end] in " \t":
        width = width + 4 - width % 4 if state.src[end] == "\t" else width + 1
        end += 1
    state.bMarks[line], state.tShift[line], state.sCount[line] = pos, end - pos, width
    state.bsCount[line] = 0


def _rest_of_line(text: str, pos: int) -> str:
    end = text.find("\n", pos)
    return text[pos:end if end >= 0 else len(text)]


def content_model(tag: re.Match, name: str, parse: bool) -> str:
    """kramdown's content model for a block-level element: "block", "span" or "raw". Its own
    under `parse_block_html`, else raw; the `markdown` attribute decides over either ("1" for
    its own, "0" for raw)."""
    own = "block" if name in BLOCK_CONTENT else "span" if name in SPAN_CONTENT else "raw"
    wanted = {"0": "raw", "1": own, "span": "span", "block": "block"}.get(
        _markdown_attribute(tag, name) or "")
    return wanted or (own if parse else "raw")


def _markdown_inside(tag: re.Match, name: str) -> str:
    """How kramdown reads the content of an element in a raw one: "block" or "span" if it
    asks for Markdown, else "raw" (a script's or style's text is raw whatever it asks, and a
    void element has none)."""
    if name in _NO_MARKDOWN:
        return "raw"
    return content_model(tag, name, False)


def _markdown_content(state: StateBlock, start_line: int, end_line: int, text: str, pos: int,
                      tag: re.Match, blocks: bool) -> bool:
    """An element whose content kramdown reads as Markdown: as blocks (which start after the
    start tag, or on the next line if nothing follows it there), or as running text."""
    name = tag_name(tag.group(1))
    if not blocks:
        return _span_block(state, start_line, end_line, text, pos, tag, name)
    line, start = _in_source(state, start_line, text, pos, tag.end())
    if not _rest_of_line(text, tag.end()).strip():
        line, start = line + 1, -1
    return _markdown_block(state, start_line, end_line, tag, name, line, start)


def _markdown_block(state: StateBlock, start_line: int, end_line: int, tag: re.Match,
                    name: str, first: int, start: int) -> bool:
    """The element's content parsed as Markdown blocks between an opening and a closing token,
    as kramdown parses it: from `start` in the source on line `first` (or that line's start,
    if -1) until its end tag starts a block (see `_end_tag`); after that, the rest of the end
    tag's line is read as blocks too."""
    opening = state.push("html_block_open", name, 1)
    opening.content = f"<{name}{attributes(tag.group(2), name)}>"
    count = len(state.tokens)
    opened = state.env.setdefault(OPEN, [])
    opened.append((name, state.level))   # (an unknown name in capitals is never closed)
    parent, state.parentType = state.parentType, "html"
    if start >= 0:
        _read_from(state, first, start)
    state.md.block.tokenize(state, first, end_line)
    state.parentType = parent
    opened.pop()
    stop = state.env.pop(STOP, None)
    close_line, after = stop if stop else (end_line, -1)
    opening.map = [start_line, min(close_line + 1, end_line)]
    lines = state.env.get("lines", [])
    if len(state.tokens) == count and not any(not line.strip() for line in lines[
            first:close_line]):   # nothing inside: kramdown writes it empty
        state.tokens.pop()
        state.level -= 1
        empty = state.push("html_block", "", 0)
        empty.map, empty.content = opening.map, f"{opening.content}</{name}>\n"
    else:
        closing = state.push("html_block_close", name, -1)
        closing.map = [close_line, close_line + 1]
        closing.content = f"</{name}>"
        if not stop and state.blkIndent == 0 and state.level == len(opened):
            closing.content = _blank_lines_inside(state.env) + closing.content
    if stop and _rest_of_line(state.src, after).strip():
        _read_from(state, close_line, after)
        state.md.block.tokenize(state, close_line, end_line)
        return True
    state.line = min(close_line + 1, end_line)
    return True


def _in_source(state: StateBlock, start_line: int, text: str, pos: int,
               offset: int) -> tuple[int, int]:
    """The line and the position in `state.src` of `offset` in `text`, the lines from
    `start_line` on (from `pos`), maybe without their container's indentation: a line's end
    is the same in either."""
    line = start_line + text.count("\n", pos, offset)
    line_end = text.find("\n", offset)
    return line, state.eMarks[line] - ((len(text) if line_end < 0 else line_end) - offset)


def _read_from(state: StateBlock, line: int, pos: int) -> None:
    """Make `line` start at `pos` (the rest of a line that kramdown reads as blocks), at the
    left edge of the container it is in."""
    start_line_at(state, line, pos)
    state.sCount[line] += state.blkIndent


def _span_block(state: StateBlock, start_line: int, end_line: int, text: str, pos: int,
                tag: re.Match, name: str) -> bool:
    """An element whose content kramdown reads as span-level Markdown (a `<p>` under
    `parse_block_html`): its text up to its first end tag (or the end of the input), parsed as
    running text (where a block element's tag is text) between its tags."""
    close = _end_tag_of(name).search(text, tag.end())
    end = close.end() if close else len(text)
    rest = _rest_of_line(text, end).strip()
    in_place = text is state.src
    last = start_line + text.count("\n", pos, end)
    state.line = min(last + 1, end_line)
    opening = state.push("html_block", "", 0)
    opening.map = [start_line, state.line]
    opening.content = f"<{name}{attributes(tag.group(2), name)}>"
    inline = state.push("inline", "", 0)
    inline.map, inline.children = [start_line, state.line], []
    inline.content = text[tag.end():close.start() if close else len(text)]
    inline.meta[END] = name
    if in_place and end >= len(state.src):
        _no_blank_lines_after(state.env)
    if rest:
        _read_from(state, *_in_source(state, start_line, text, pos, end))
        state.md.block.tokenize(state, last, end_line)
    return True


END = "html_end"   # an inline token's meta: the element whose end tag follows its text


PARSE_BLOCK_HTML = "kramdown_parse_block_html"   # state.env: kramdown's option, from here on
PARSE_SPAN_HTML = "kramdown_parse_span_html"     # state.env: kramdown's option (default on)

# A line that starts or ends an HTML element other than a span element (kramdown's
# LAZY_END_HTML_START and _STOP): it ends a blockquote's lazy lines.
HTML_LINE = re.compile(rf" {{0,3}}</?(?!(?:{'|'.join(sorted(SPAN_ELEMENTS))})\b){NAME}")


def is_block_tag(content: str) -> bool:
    """Whether an inline HTML token is a start or end tag of one of kramdown's block
    elements."""
    tag = START_TAG.fullmatch(content) or END_TAG.fullmatch(content)
    return bool(tag) and tag.group(1).lower() in BLOCK_ELEMENTS


def html_inline(content: str, in_text: bool = True) -> str:
    """One of markdown-it's inline HTML tags written as kramdown writes span HTML. A block
    element's tag `in_text` (`Intro: <p>…</p>`, or an excerpt printed inside a paragraph)
    is text to kramdown, and so escaped."""
    if in_text and is_block_tag(content):
        return escape(content)
    tag = START_TAG.fullmatch(content)
    if tag:
        name = tag_name(tag.group(1))
        attrs = attributes(tag.group(2), name, span=True)
        if name in VOID_ELEMENTS:
            return f"<{name}{attrs} />"
        return f"<{name}{attrs}></{name}>" if tag.group(4) else f"<{name}{attrs}>"
    end = END_TAG.fullmatch(content)
    if end:
        return f"</{tag_name(end.group(1))}>"
    return content


def raw_span(state: StateInline, silent: bool) -> bool:
    """An inline rule for markdown-it: an element in running text whose content kramdown keeps
    raw, taken whole up to its end tag (or the end of the paragraph, where kramdown closes
    it)."""
    src, pos = state.src, state.pos
    if src[pos] != "<":
        return False
    tag = START_TAG.match(src, pos, state.posMax)
    if tag is None or tag.group(4) is not None:
        return False
    name = tag_name(tag.group(1))
    if name.lower() in BLOCK_ELEMENTS or name in VOID_ELEMENTS or \
            not _raw_content(tag, name, state.env.get(PARSE_SPAN_HTML, True)):
        return False
    text: list[str] = []
    html, end = element(src[:state.posMax], tag.end(), name,
                        attributes(tag.group(2), name, span=True), False, True, text)
    if not silent:
        token = state.push("html_raw", "", 0)
        token.content, token.meta["text"] = html, "".join(text)
    state.pos = end
    return True


def _markdown_attribute(tag: re.Match, name: str) -> str | None:
    """The start tag's `markdown` attribute (kramdown's instruction), in any case."""
    return {key.lower(): value for key, value in
            attribute_values(tag.group(2), name).items()}.get("markdown")


def _raw_content(tag: re.Match, name: str, parse: bool = True) -> bool:
    """kramdown's content model for a span-level element, which its `markdown` attribute may
    change (`"0"`: raw, `"span"`: Markdown, `"1"`: its own); without one, `parse` (kramdown's
    `parse_span_html`) off makes any raw."""
    wanted = _markdown_attribute(tag, name)
    if wanted in ("0", "span"):
        return wanted == "0"
    return name not in SPAN_CONTENT and name not in BLOCK_CONTENT or \
        (wanted != "1" and not parse)


def _block_tags_as_text(children: list[Token], end_tags: bool = False) -> None:
    """A header's or a table cell's text is span text to kramdown, where a block element's tag
    is text even at the start (a paragraph's line that starts with one is an HTML block). In
    a paragraph, its end tag (`end_tags`) is text anywhere: no HTML block starts with one."""
    for token in children:
        if token.type == "html_inline" and \
                (not end_tags or token.content.startswith("</")) and is_block_tag(token.content):
            token.type, token.meta["text"] = "html_raw", token.content
            token.content = escape(token.content)


def balance_span_tags(state: StateCore) -> None:
    """A core rule for markdown-it: span elements in running text as kramdown nests them. An
    end tag that does not close the innermost open element is text (a `stray_tag`), and an
    element still open at the end of its paragraph (or element) is closed there."""
    for index, block in enumerate(state.tokens):
        if block.type != "inline" or block.children is None:
            continue
        in_paragraph = index > 0 and state.tokens[index - 1].type == "paragraph_open"
        _block_tags_as_text(block.children, end_tags=in_paragraph)
        _close_span_tags(block.children)
        if END in block.meta:   # the end tag of the element the text is in (no text itself)
            block.children.append(Token("html_end", block.meta[END], -1, block=True))


def _close_span_tags(children: list[Token]) -> None:
    """Stray end tags marked as such, and the span elements left open closed at the end."""
    open_names: list[str] = []
    for token in children:
        if token.type != "html_inline":
            continue
        start, end = START_TAG.fullmatch(token.content), END_TAG.fullmatch(token.content)
        if start and start.group(4) is None:
            name = tag_name(start.group(1))
            if name.lower() not in BLOCK_ELEMENTS and name not in VOID_ELEMENTS:
                open_names.append(name)
        elif end and end.group(1).lower() not in BLOCK_ELEMENTS:
            if open_names and open_names[-1] == tag_name(end.group(1)):
                open_names.pop()
            else:
                token.type = "stray_tag"
    for name in reversed(open_names):
        closing = Token("html_inline", "", 0)
        closing.content = f"</{name}>"
        children.append(closing)
