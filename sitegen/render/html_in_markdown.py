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


# Renders Markdown blocks found inside a raw element (`<div markdown="1">`) at an indent level.
Blocks = Callable[[str, str, int], str]


def element(src: str, pos: int, name: str, attrs: str, closed: bool, span: bool = False,
            text: list[str] | None = None, blocks: Blocks | None = None,
            level: int = 0) -> tuple[str, int]:
    """The element whose start tag ends at `pos`, written again, and where it ends: kramdown's
    raw content model, in which nested tags are parsed (and rewritten) but not Markdown. In
    running text (`span`), a block element's tag inside is text. `text` receives the text
    inside as written, which is what a header's id is made of. A nested element that asks for
    Markdown (`markdown="1"`) is parsed by `blocks` at `level` (the element's depth)."""
    if closed and span and name not in VOID_ELEMENTS:   # kramdown writes span ones in full
        return f"<{name}{attrs}></{name}>", pos
    if closed or name in VOID_ELEMENTS:
        return f"<{name}{attrs} />", pos
    if name in RAW_TEXT:
        end = re.compile(rf"</{re.escape(name)}\s*>", re.I).search(src, pos)
        body = src[pos:end.start() if end else len(src)]
        return f"<{name}{attrs}>{body}</{name}>", end.end() if end else len(src)
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
    if blocks and not span and _markdown_inside(tag, name):
        return _nested_blocks(src, tag, name, blocks, level)
    return element(src, tag.end(), name, attributes(tag.group(2), name, span),
                   tag.group(4) is not None, span, text, blocks, level)


def _nested_blocks(src: str, tag: re.Match, name: str, blocks: Blocks,
                   level: int) -> tuple[str, int]:
    """An element with `markdown="1"` inside a raw one, and where it ends: kramdown parses its
    content as blocks (from after the start tag and the rest of its line if blank) up to its
    end tag at the start of a line; the end tag's line goes on as the outer element's text."""
    start = tag.end()
    blank = re.compile(r"[ \t]*\n").match(src, start)
    start = blank.end() if blank else start
    close = _end_tag_line(src, start, tag.group(1))
    content_end = close.start() if close else len(src)
    content = src[start:content_end].rstrip(" ")
    html = blocks(tag.group(), content, level)
    return html, close.end() if close else len(src)


def _end_tag_line(src: str, pos: int, name: str) -> re.Match | None:
    """The end tag (at the start of a line, up to three spaces in) that ends an element
    whose Markdown content starts at `pos`, skipping the lines of nested ones of its name."""
    lines = re.compile(rf"^ {{0,3}}(?:(</{re.escape(name)}\s*>)|<{re.escape(name)}\b(.*))",
                       re.I | re.M)
    depth = 0
    for found in lines.finditer(src, pos):
        if found.group(1) is None:
            depth += not found.group(2).rstrip().endswith("/>")
        elif depth:
            depth -= 1
        else:
            return re.compile(rf"</{re.escape(name)}\s*>", re.I).search(src, found.start())
    return None


def html_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A block rule for markdown-it: kramdown's HTML blocks (a comment, or an element that is not
    a span element) from the start of a line to the end of the line where they end."""
    if state.is_code_block(start_line):
        return False
    first = state.bMarks[start_line] + state.tShift[start_line]
    if state.src[first:first + 1] != "<":
        return False
    at_root = state.level == 0 and state.blkIndent == 0
    if at_root:
        text, pos = state.src, first    # read in place: no copy of the rest of the post
    else:    # in a list item or a quote: its lines without their markers
        text, pos = state.getLines(start_line, end_line, state.blkIndent, False).lstrip(" "), 0
    if not text.endswith("\n"):   # kramdown's input always ends with one, which an element
        text += "\n"               # left open keeps
    # A comment starts a block only at the left edge; indented, a paragraph takes it.
    comment = COMMENT.match(text, pos) if state.sCount[start_line] <= state.blkIndent else None
    tag = START_TAG.match(text, pos)
    if comment:
        html, end = comment.group(), comment.end()
    elif tag and tag.group(1).lower() not in SPAN_ELEMENTS:
        name = tag_name(tag.group(1))
        parse = state.env.get(PARSE_BLOCK_HTML)
        if _markdown_inside(tag, name, "1" if parse else None) and \
                not _rest_of_line(text, tag.end()).strip():
            return silent or _markdown_block(state, start_line, end_line, tag, name)
        html, end = element(text, tag.end(), name, attributes(tag.group(2), name),
                            tag.group(4) is not None, blocks=_blocks_later(state))
        if parse and tag.group(4) is not None and name not in VOID_ELEMENTS and \
                (name in SPAN_CONTENT or name in BLOCK_CONTENT):   # not raw: an empty element
            html = f"<{name}{attributes(tag.group(2), name)}></{name}>"
    else:
        return False
    rest = _rest_of_line(text, end).strip()
    if rest and not at_root:
        return False     # more on its last line, in a list or quote: a paragraph takes it
    if silent:   # asked whether it ends a paragraph: a tag does, but not a comment or script
        return bool(tag) and name != "script"
    last = start_line + text.count("\n", pos, end)
    state.line = min(last + 1, end_line)
    token = state.push("html_block", "", 0)
    token.map = [start_line, state.line]
    token.content = html + "\n"
    if at_root and end >= len(state.src):
        _no_blank_lines_after(state.env)
    if rest:   # kramdown reads the rest of the line as the start of the blocks that follow
        start_line_at(state, last, end)
        state.md.block.tokenize(state, last, end_line)
        return True
    # After an element without a body, a script or a style, kramdown leaves the newline, which
    # then reads as a blank line (one with the blank lines after it, if any).
    bodiless = tag and (html.endswith(" />") or name in VOID_ELEMENTS or name in RAW_TEXT)
    if bodiless and not (state.line < end_line and state.isEmpty(state.line)):
        token.content += "\n"
    return True


PENDING = "html_blocks"    # env: Markdown inside raw elements, rendered once references are known
LEVEL = "html_level"       # env: the level of the element whose Markdown is being parsed


def _blocks_later(state: StateBlock) -> Blocks:
    """Markdown blocks inside a raw element, kept in `env` and marked in the HTML by a
    placeholder (NUL, which markdown-it takes out of the input): their links may use
    definitions further on, which are only known after the blocks are parsed."""
    pending = state.env.setdefault(PENDING, [])
    base = state.level + state.env.get(LEVEL, 0)

    def later(start_tag: str, content: str, level: int) -> str:
        pending.append((start_tag, content, base + level))
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


def _render_blocks(state: StateCore, start_tag: str, content: str, level: int) -> str:
    """An element with `markdown="1"` inside a raw one as kramdown writes it: its start tag
    where it was, the blocks inside indented to its depth (`level`), its end tag indented
    too, and the outer element's text going on right after it."""
    name = START_TAG.match(start_tag).group(1)
    newline = "" if content.endswith("\n") or not content else "\n"
    env = {key: value for key, value in state.env.items() if key != "lines"}
    env[LEVEL] = level
    tokens = _parse_part(state.md, f"{start_tag}\n{content}{newline}</{name}>\n", env)
    for token in tokens:
        token.level += level
    html = state.md.renderer.render(tokens, state.md.options, env)
    return html[2 * level:].rstrip("\n")


def _parse_part(md: MarkdownIt, text: str, env: dict) -> list[Token]:
    """Part of the document parsed on its own: its footnotes are the document's, listed at
    the end of the document only."""
    tail = "footnote_tail" in md.core.ruler.get_active_rules()
    if tail:
        md.core.ruler.disable("footnote_tail")
    try:
        return md.parse(text, env)
    finally:
        if tail:
            md.core.ruler.enable("footnote_tail")


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


def _markdown_inside(tag: re.Match, name: str, default: str | None = None) -> bool:
    """`markdown="1"` on an element whose content kramdown reads as blocks, or
    `markdown="block"`: Markdown inside the element. `default`: the value without the
    attribute ("1" after `{::options parse_block_html="true" /}`)."""
    wanted = _markdown_attribute(tag, name)
    wanted = default if wanted is None else wanted
    return tag.group(4) is None and (wanted == "block" or
                                     (wanted == "1" and name in BLOCK_CONTENT))


def _markdown_block(state: StateBlock, start_line: int, end_line: int, tag: re.Match,
                    name: str) -> bool:
    """The element's lines up to its end tag (alone on a line), parsed as Markdown blocks
    between an opening and a closing token, as kramdown parses them."""
    close_line, depth = end_line, 0
    opening = re.compile(rf"<{re.escape(tag.group(1))}\b", re.I)
    closing = re.compile(rf"</{re.escape(tag.group(1))}\s*>\s*$", re.I)
    for line in range(start_line + 1, end_line):
        text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
        if closing.match(text):
            if depth == 0:
                close_line = line
                break
            depth -= 1
        elif opening.match(text) and not text.rstrip().endswith("/>"):
            depth += 1
    token = state.push("html_block_open", name, 1)
    token.map = [start_line, min(close_line + 1, end_line)]
    token.content = f"<{name}{attributes(tag.group(2), name)}>"
    parent, line_max = state.parentType, state.lineMax
    state.parentType, state.lineMax = "html", close_line
    state.md.block.tokenize(state, start_line + 1, close_line)
    state.parentType, state.lineMax = parent, line_max
    token = state.push("html_block_close", name, -1)
    token.map = [close_line, close_line + 1]
    token.content = f"</{name}>"
    state.line = min(close_line + 1, end_line)
    return True


PARSE_BLOCK_HTML = "kramdown_parse_block_html"   # state.env: kramdown's option, from here on

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
    if name.lower() in BLOCK_ELEMENTS or name in VOID_ELEMENTS or not _raw_content(tag, name):
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


def _raw_content(tag: re.Match, name: str) -> bool:
    """kramdown's content model for a span-level element, which its `markdown` attribute may
    change (`"0"`: raw, `"span"`: Markdown)."""
    wanted = _markdown_attribute(tag, name)
    if wanted in ("0", "span"):
        return wanted == "0"
    return name not in SPAN_CONTENT and name not in BLOCK_CONTENT


def _block_tags_as_text(children: list[Token]) -> None:
    """A header's or a table cell's text is span text to kramdown, where a block element's tag
    is text even at the start (a paragraph's line that starts with one is an HTML block)."""
    for token in children:
        if token.type == "html_inline" and is_block_tag(token.content):
            token.type, token.meta["text"] = "html_raw", token.content
            token.content = escape(token.content)


def balance_span_tags(state: StateCore) -> None:
    """A core rule for markdown-it: span elements in running text as kramdown nests them. An
    end tag that does not close the innermost open element is text (a `stray_tag`), and an
    element still open at the end of its paragraph is closed there."""
    for index, block in enumerate(state.tokens):
        if block.type != "inline" or not block.children:
            continue
        if index and state.tokens[index - 1].type != "paragraph_open":
            _block_tags_as_text(block.children)
        open_names: list[str] = []
        for token in block.children:
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
            block.children.append(closing)
