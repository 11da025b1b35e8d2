"""jekyll-toc (0.18): the filters `toc_only` (the list alone), `inject_anchors` (the body with
an anchor link in each heading) and `toc` (both), which work only on a page whose front matter
says `toc: true`, and the `{% toc %}` tag (the list of `page.content`, for any true `toc`).
The `toc:` config sets the levels (`min_level`, `max_level`), `ordered_list`, the classes
(`no_toc_section_class`, one or a list; `list_class`, `sublist_class`, `item_class`), the
list's `list_id` and the `item_prefix` of each item's class. Headings of class `no_toc`, or
inside an element of a `no_toc_section_class`, are left out.

The gem reads the HTML with Nokogiri and writes it again with libxml2 2.9's HTML serializer,
which changes more than the anchors: void elements lose their `/`, entities become
characters, URL attributes are %-escaped and newlines appear around block elements. So the
HTML here goes through a small model of that parser (libxml2's rules for implied end tags)
and of that serializer, not through Python's."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.entities import name2codepoint
from typing import Any, TextIO
from urllib.parse import quote

from liquid.filter import with_context

from ..render.ruby import escape_html, ruby_to_s as _s, ruby_truthy
from ..render.tags import InlineTag, MarkupNode

# --- libxml2's HTML 4 element table (`html40ElementTable`): what its serializer asks ------
_INLINE = {"a", "abbr", "acronym", "applet", "b", "basefont", "bdo", "big", "br", "button",
           "cite", "code", "del", "dfn", "em", "embed", "font", "i", "iframe", "img", "input",
           "ins", "kbd", "label", "map", "object", "q", "s", "samp", "script", "select",
           "small", "span", "strike", "strong", "sub", "sup", "textarea", "tt", "u", "var"}
_EMPTY = {"area", "base", "basefont", "br", "col", "frame", "hr", "img", "input", "isindex",
          "link", "meta", "param"}
_BLOCK = {"address", "blockquote", "body", "caption", "center", "colgroup", "dd", "dir", "div",
          "dl", "dt", "fieldset", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
          "head", "html", "legend", "li", "menu", "noframes", "noscript", "ol", "optgroup",
          "option", "p", "pre", "style", "table", "tbody", "td", "tfoot", "th", "thead",
          "title", "tr", "ul"}
_KNOWN = _INLINE | _EMPTY | _BLOCK
_SAVE_END_TAG = _EMPTY | {"li"}   # written without an end tag when empty
_BOOLEAN_ATTRIBUTES = {"checked", "compact", "declare", "defer", "disabled", "ismap",
                       "multiple", "nohref", "noresize", "noshade", "nowrap", "readonly",
                       "selected"}
_RAW = {"script", "style"}
# Start tags that end the open element (libxml2's `htmlStartClose`): old -> new tags.
_HEAD_CLOSERS = ("a abbr acronym address b bdo big blockquote body br center cite code dd dfn "
                 "dir div dl dt em fieldset font form frameset h1 h2 h3 h4 h5 h6 hr i iframe "
                 "img kbd li listing map menu ol p pre q s samp small span strike strong sub "
                 "sup table tt u ul var xmp")
_CLOSED_BY = {old: set(new.split()) for old, new in {
    "a": "a fieldset table td th", "address": "dd dl dt form li ul", "b": "center p td th",
    "big": "p", "caption": "col colgroup tbody tfoot thead tr",
    "col": "col colgroup tbody tfoot thead tr", "colgroup": "colgroup tbody tfoot thead tr",
    "dd": "dt", "dir": "dd dl dt form ul", "dl": "form li", "dt": "dd dl",
    "font": "center td th", "form": "form", **{f"h{n}": "fieldset form li p table"
                                               for n in range(1, 7)},
    "head": _HEAD_CLOSERS, "hr": "form", "i": "center p td th", "legend": "fieldset",
    "li": "li", "link": "body frameset", "listing": "dd dl dt fieldset form li table ul",
    "menu": "dd dl dt form ul", "ol": "form", "option": "optgroup option",
    "p": "address blockquote body caption center col colgroup dd dir div dl dt fieldset form "
         "frameset h1 h2 h3 h4 h5 h6 head hr li listing menu ol p pre table tbody td tfoot th "
         "title tr ul xmp",
    "pre": "dd dl dt fieldset form li table ul", "s": "p", "script": "noscript", "small": "p",
    "span": "td th", "strike": "p", "style": "body frameset", "tbody": "tbody tfoot",
    "td": "tbody td tfoot th tr", "tfoot": "tbody", "th": "tbody td tfoot th tr",
    "thead": "tbody tfoot", "title": "body frameset", "tr": "tbody tfoot tr", "tt": "p",
    "u": "p td th", "ul": "address form menu pre", "xmp": "dd dl dt fieldset form li table ul",
}.items()}
# An end tag closes the elements above its own only if none has a higher priority.
_END_PRIORITY = {"div": 150, "td": 160, "th": 160, "tr": 170, "thead": 180, "tbody": 180,
                 "tfoot": 180, "table": 190, "head": 200, "body": 200, "html": 220}

_NAME = r"[A-Za-z_:.][A-Za-z0-9_:.-]*"
_START = re.compile(rf"<({_NAME})")
_BLANKS = re.compile(r"[ \t\r\n]*")
_ATTRIBUTE = re.compile(rf"({_NAME})(?:[ \t\r\n]*=[ \t\r\n]*"
                        r"(?:\"([^\"]*)\"|'([^']*)'|([^ \t\r\n>]*)))?")
_BOGUS_ATTRIBUTE = re.compile(r"(?:[^ \t\r\n>/]|/(?!>))+")
_END = re.compile(rf"</({_NAME})[^>]*>?")
_REFERENCE = re.compile(r"&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]*);)")
_ENTITIES = {**name2codepoint, "apos": 39}


@dataclass(eq=False)
class Element:
    name: str
    attributes: dict[str, str | None]
    children: list["Node"] = field(default_factory=list)
    parent: "Element | None" = None


@dataclass(eq=False)
class Text:
    data: str


@dataclass(eq=False)
class Comment:
    data: str


Node = Element | Text | Comment


# --- reading, as libxml2's HTML parser reads `<html><body>` + the fragment ------------------

def decode(text: str) -> str:
    """Character and entity references as libxml2 reads them: HTML 4's names (and `apos`)
    with their `;`; an unknown name stays as it is."""
    def one(match: re.Match[str]) -> str:
        hexa, decimal, name = match.groups()
        if name is not None:
            return chr(_ENTITIES[name]) if name in _ENTITIES else match.group(0)
        code = int(hexa, 16) if hexa is not None else int(decimal)
        return chr(code) if 0 < code < 0x110000 else ""
    return _REFERENCE.sub(one, text)


class _TreeBuilder:
    """The open elements and libxml2's rules for closing them."""

    def __init__(self) -> None:
        self.root = Element("#fragment", {})
        self.open: list[Element] = [self.root]

    def add(self, node: Node) -> None:
        parent = self.open[-1]
        if isinstance(node, Text) and parent.children and isinstance(parent.children[-1], Text):
            parent.children[-1].data += node.data
            return
        if isinstance(node, Element):
            node.parent = parent
        parent.children.append(node)

    def start(self, element: Element, self_closing: bool) -> None:
        while len(self.open) > 1 and element.name in _CLOSED_BY.get(self.open[-1].name, ()):
            self.open.pop()
        self.add(element)
        if not self_closing and element.name not in _EMPTY:
            self.open.append(element)

    def end(self, name: str) -> None:
        names = [e.name for e in self.open[1:]]
        if name not in names:
            return
        priority = _END_PRIORITY.get(name, 100)
        for open_name in reversed(names):
            if open_name == name:
                break
            if _END_PRIORITY.get(open_name, 100) > priority:
                return
        while self.open[-1].name != name:
            self.open.pop()
        self.open.pop()


def parse(html: str) -> Element:
    """The fragment's nodes under a root, as Nokogiri's `HTML::DocumentFragment.parse`."""
    builder, at = _TreeBuilder(), 0
    while at < len(html):
        lt = html.find("<", at)
        if lt < 0:
            lt = len(html)
        if lt > at:
            builder.add(Text(decode(html[at:lt])))
        if lt >= len(html):
            break
        at = _markup(html, lt, builder)
    return builder.root


def _markup(html: str, at: int, builder: _TreeBuilder) -> int:
    """Read the markup at `html[at]` (a `<`); the position after it."""
    if html.startswith("<!--", at):
        end = html.find("-->", at + 4)
        end = len(html) if end < 0 else end
        builder.add(Comment(html[at + 4:end]))
        return end + 3
    if html.startswith("</", at) and (end := _END.match(html, at)):
        builder.end(_local(end.group(1)))
        return end.end()
    start = _START.match(html, at)
    if start is None:
        builder.add(Text("<"))
        return at + 1
    element, at, self_closing = _start_tag(html, start)
    builder.start(element, self_closing)
    if element.name in _RAW and not self_closing:
        close = re.compile(rf"</{element.name}", re.I).search(html, at)
        stop = close.start() if close else len(html)
        if stop > at:
            element.children.append(Text(html[at:stop]))
        return stop
    return at


def _local(name: str) -> str:
    """An element's name as libxml2's HTML parser keeps it: lower case, without a namespace
    prefix (`<foo:bar>` is `<bar>`)."""
    return name.lower().rpartition(":")[2] or name.lower()


def _start_tag(html: str, start: re.Match[str]) -> tuple[Element, int, bool]:
    """A start tag's element (attribute names in lower case, the first of duplicates), the
    position after it and whether it ends with `/>`; a bogus attribute is skipped."""
    element, at = Element(_local(start.group(1)), {}), start.end()
    while True:
        at = _BLANKS.match(html, at).end()
        if at >= len(html) or html[at] == ">":
            return element, at + 1, False
        if html.startswith("/>", at):
            return element, at + 2, True
        match = _ATTRIBUTE.match(html, at)
        if match is None:
            bogus = _BOGUS_ATTRIBUTE.match(html, at)
            at = bogus.end() if bogus and bogus.end() > at else at + 1
            continue
        value = next((v for v in match.groups()[1:] if v is not None), None)
        element.attributes.setdefault(match.group(1).lower(),
                                      None if value is None else decode(value))
        at = match.end()


# --- writing, as libxml2's `htmlNodeDumpFormatOutput` with Nokogiri's options ---------------

def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attribute(value: str) -> str:
    """As text, but `&{…}` (HTML 4's script entities) is left alone."""
    parts = re.split(r"(&\{[^}]*\})", value)
    return "".join(p if i % 2 else _escape(p) for i, p in enumerate(parts))


def _quoted(value: str) -> str:
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def _is_url(name: str, element: str) -> bool:
    return name in ("href", "action", "src") or (name == "name" and element == "a")


def _attribute(element: Element, name: str, value: str | None) -> str:
    if value is None or name in _BOOLEAN_ATTRIBUTES:
        return f" {name}"
    value = _escape_attribute(value)
    if _is_url(name, element.name) and value.lstrip(" \t\r\n"):
        value = quote(value.lstrip(" \t\r\n"), safe="-_.!~*'()@/:=?;#%&,+<>")
    return f" {name}={_quoted(value)}"


def _is_text(node: Node | None) -> bool:
    return isinstance(node, Text)


def _breaks(element: Element) -> bool:
    """Whether the serializer puts newlines around this element's content and after it: HTML
    4 elements that are not inline (libxml2 knows nothing of HTML 5's)."""
    return element.name in _KNOWN and element.name not in _INLINE


def _inner_breaks(element: Element) -> bool:
    return _breaks(element) and len(element.children) > 1 and element.name[0] != "p"


def write(node: Node, out: list[str], parent: Element | None, following: Node | None) -> None:
    """One node and what the serializer writes after it."""
    if isinstance(node, Text):
        raw = parent is not None and parent.name in _RAW
        out.append(node.data if raw else _escape(node.data))
        return
    if isinstance(node, Comment):
        out.append(f"<!--{node.data}-->")
        return
    out.append(f"<{node.name}" + "".join(_attribute(node, n, v)
                                         for n, v in node.attributes.items()))
    if node.name in _EMPTY:
        out.append(">")
    elif not node.children:
        out.append(">" if node.name in _SAVE_END_TAG else f"></{node.name}>")
    else:
        out.append(">")
        inner = _inner_breaks(node)
        out.append("\n" if inner and not _is_text(node.children[0]) else "")
        for i, child in enumerate(node.children):
            nxt = node.children[i + 1] if i + 1 < len(node.children) else None
            write(child, out, node, nxt)
        out.append("\n" if inner and not _is_text(node.children[-1]) else "")
        out.append(f"</{node.name}>")
    if _breaks(node) and following is not None and not _is_text(following) and \
            parent is not None and parent.name[0] != "p" and parent.name != "#fragment":
        out.append("\n")


def inner_html(root: Element) -> str:
    """Nokogiri's `inner_html` of the fragment: each top-level node written on its own."""
    out: list[str] = []
    for node in root.children:
        write(node, out, None, None)
    return "".join(out)


def text_of(node: Node) -> str:
    if isinstance(node, Text):
        return node.data
    if isinstance(node, Comment):
        return ""
    return "".join(text_of(child) for child in node.children)


# --- the gem's table of contents -----------------------------------------------------------

@dataclass
class Options:
    """The `toc:` config over the gem's defaults (a config that is not a hash is ignored)."""
    min_level: int = 1
    max_level: int = 6
    ordered_list: Any = False
    no_toc_section_class: Any = "no_toc_section"
    list_id: Any = "toc"
    list_class: Any = "section-nav"
    sublist_class: Any = ""
    item_class: Any = "toc-entry"
    item_prefix: Any = "toc-"

    @classmethod
    def from_config(cls, config: Any) -> "Options":
        if not isinstance(config, dict):
            return cls()
        known = {k: v for k, v in config.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class Entry:
    id: str
    text: str
    name: str
    level: int
    heading: Element


def _classes(element: Element) -> list[str]:
    return re.findall(r"[^ \t\r\n]+", element.attributes.get("class") or "")


def _elements(root: Element) -> list[Element]:
    found: list[Element] = []
    for child in root.children:
        if isinstance(child, Element):
            found.append(child)
            found += _elements(child)
    return found


def _in_section(heading: Element, classes: set[str]) -> bool:
    parent = heading.parent
    while parent is not None:
        if classes & set(_classes(parent)):
            return True
        parent = parent.parent
    return False


def _headings(root: Element, options: Options) -> list[Element]:
    """The headings the list shows, in document order."""
    levels = {f"h{n}" for n in range(int(options.min_level), int(options.max_level) + 1)}
    sections = options.no_toc_section_class
    sections = {str(c) for c in sections} if isinstance(sections, list) else {str(sections)}
    return [e for e in _elements(root) if e.name in levels and not _in_section(e, sections)
            and "no_toc" not in _classes(e)]


_OTHER_ALPHABETIC = [(0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169),
                     (0x1F170, 0x1F189)]


def _is_word(char: str) -> bool:
    """Onigmo's `\\p{Word}`: letters and other alphabetics, marks, digits, connectors."""
    category = unicodedata.category(char)
    if category[0] in "LM" or category in ("Nd", "Nl", "Pc"):
        return True
    return any(low <= ord(char) <= high for low, high in _OTHER_ALPHABETIC)


def generated_id(text: str) -> str:
    """The gem's id for a heading without one: lower case (Ruby's, with no final sigma),
    only word characters, `-` and spaces kept, spaces as `-`, then CGI-escaped."""
    text = text.replace("Σ", "σ").lower()
    text = "".join(c for c in text if c in "- " or _is_word(c)).replace(" ", "-")
    return quote(text, safe="")


def entries(root: Element, options: Options) -> list[Entry]:
    """One entry per heading. A heading's own id is used as it is, never numbered (the gem
    counts by the attribute object, which is new each time); generated ids that repeat get
    `-1`, `-2`… on."""
    seen: dict[str, int] = {}
    found = []
    for heading in _headings(root, options):
        text = text_of(heading)
        own = heading.attributes.get("id")
        if own is not None:
            ident = own
        else:
            ident = generated_id(text)
            count = seen.get(ident, 0)
            seen[ident] = count + 1
            ident = f"{ident}-{count}" if count else ident
        found.append(Entry(ident, escape_html(text), heading.name, int(heading.name[1]),
                           heading))
    return found


def _nested(rest: list[Entry], level: int) -> list[Entry]:
    """The entries that follow, up to the next one at `level`."""
    taken = []
    for entry in rest:
        if entry.level == level:
            break
        taken.append(entry)
    return taken


def _items(found: list[Entry], options: Options) -> str:
    """The list's items; deeper headings right after one of the top level make a sublist,
    and deeper ones that come first are listed at this level (as the gem does)."""
    if not found:
        return ""
    top, out, i = min(e.level for e in found), [], 0
    tag = _list_tag(options)
    sub = f' class="{_s(options.sublist_class)}"' if _s(options.sublist_class) else ""
    while i < len(found):
        entry = found[i]
        if entry.level == top:
            out.append(_item(entry, options))
            nested = _nested(found[i + 1:], top)
            if nested:
                out.append(f"\n<{tag}{sub}>\n{_items(nested, options)}</{tag}>\n")
                i += len(nested)
            out.append("</li>\n")
        else:
            nested = _nested(found[i:], top)
            out.append(_items(nested, options))
            i += len(nested) - 1
        i += 1
    return "".join(out)


def _item(entry: Entry, options: Options) -> str:
    classes = f"{_s(options.item_class)} {_s(options.item_prefix)}{entry.name}"
    return f'<li class="{classes}"><a href="#{entry.id}">{entry.text}</a>'


def _list_tag(options: Options) -> str:
    return "ol" if options.ordered_list not in (False, None) else "ul"


def build_toc(found: list[Entry], options: Options) -> str:
    tag = _list_tag(options)
    return f'<{tag} id="{_s(options.list_id)}" class="{_s(options.list_class)}">\n' \
           f"{_items(found, options)}</{tag}>"


def inject_anchors(root: Element, found: list[Entry]) -> str:
    """The body with an anchor link before each heading's first node."""
    for entry in found:
        anchor = Element("a", {"class": "anchor", "href": f"#{entry.id}",
                               "aria-hidden": "true"}, parent=entry.heading)
        anchor.children.append(Element("span", {"class": "octicon octicon-link"},
                                       parent=anchor))
        entry.heading.children.insert(0, anchor)
    return inner_html(root)


# --- Liquid ------------------------------------------------------------------------------

def _page(context: Any) -> Any:
    return context.resolve("page")


def _options(context: Any) -> Options:
    return Options.from_config(context.env.renderer.site.config.get("toc"))


def _enabled(context: Any) -> bool:
    """The filters work only where the page's `toc` is `true` itself."""
    page = _page(context)
    return hasattr(page, "get") and page.get("toc") is True


def _parsed(html: Any, context: Any) -> tuple[Element, list[Entry], Options]:
    options = _options(context)
    root = parse("" if html is None else str(html))
    return root, entries(root, options), options


@with_context
def toc_only_filter(html: Any, *, context: Any) -> Any:
    if not _enabled(context):
        return ""
    _, found, options = _parsed(html, context)
    return build_toc(found, options)


@with_context
def inject_anchors_filter(html: Any, *, context: Any) -> Any:
    if not _enabled(context):
        return html
    root, found, _ = _parsed(html, context)
    return inject_anchors(root, found)


@with_context
def toc_filter(html: Any, *, context: Any) -> Any:
    if not _enabled(context):
        return html
    root, found, options = _parsed(html, context)
    return build_toc(found, options) + inject_anchors(root, found)


FILTERS = {"toc_only": toc_only_filter, "inject_anchors": inject_anchors_filter,
           "toc": toc_filter}


class TocNode(MarkupNode):
    """`{% toc %}`: the list for `page.content`, on a page whose `toc` is true (any value
    Ruby holds true)."""

    def render_to_output(self, context: Any, buffer: TextIO) -> int:
        page = _page(context)
        flag = page.get("toc") if hasattr(page, "get") else None
        if not ruby_truthy(flag):
            return 0
        _, found, options = _parsed(page.get("content"), context)
        return buffer.write(build_toc(found, options))


class TocTag(InlineTag):
    name = "toc"
    node_class = TocNode


TAGS = [TocTag]
