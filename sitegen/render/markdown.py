"""Markdown as Jekyll's kramdown (GFM input) writes it, built on markdown-it-py.

markdown-it parses, with `kramdown_rules` where kramdown reads Markdown otherwise; the renderer
here writes kramdown's markup for code, tables, footnotes, HTML and math, laid out as kramdown
lays it out (nested blocks indented, one empty line where the source had blank lines).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any, Callable, Mapping, Sequence

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from . import html_in_markdown, math_in_markdown, toc_in_markdown
from .highlight import code_options, highlight_code_block, highlight_code_span
from .kramdown_rules import blank_before_definition, is_blank, kramdown_rules

# Blocks that follow one another in the flow of a document, a quote or a list item: kramdown
# keeps each run of blank lines between them as one empty line of output.
FLOW = {"paragraph_open", "heading_open", "bullet_list_open", "ordered_list_open",
        "blockquote_open", "fence", "code_block", "hr", "html_block", "table_open", "dl_open",
        "footnote_block_open", "html_block_open", "math_block"}


CODE = {"fence", "code_block"}
FOOTNOTE_DEFINITION = re.compile(r" {0,3}\[\^[^\]]+\]:")
# Laid out by their own renderer (the footnotes' frame is always at the left margin).
UNINDENTED = {"footnote_block_open", "footnote_block_close", "math_block"}


class KramdownRenderer(RendererHTML):
    """markdown-it's HTML renderer with kramdown's markup where they differ."""

    def render(self, tokens: Sequence[Token], options: OptionsDict, env: EnvType) -> str:
        """markdown-it's loop, laid out as kramdown lays it out: nested blocks indented two
        spaces a level (footnotes two levels more), and one empty line where blank lines
        separate blocks of the same flow."""
        lines: list[str] = env.get("lines", [])
        out: list[str] = []
        line_start = True
        ends: list[int | None] = [0]    # by level: where the last block at that level ended
        shift = 0                       # extra levels inside the footnotes
        opened: list[Token] = []        # the blocks open around this token
        definitions = any("]:" in line for line in lines)   # (`blank_before_definition`)
        rules = self.rules
        toc = toc_in_markdown.toc_list(tokens)
        for i, token in enumerate(tokens):
            kind = token.type
            if toc and toc[0] < i <= toc[1]:
                continue                # the list that the table of contents replaces
            if kind == "inline":
                if token.children:
                    chunk = self.renderInline(token.children, options, env)
                    out.append(chunk)
                    line_start = chunk[-1:] == "\n"
                continue
            if kind == "footnote_block_open":   # the end of the document's own flow
                out.append(_gap(lines, ends[0] or 0, len(lines)))
                line_start, ends, shift = True, [None], 2
            chunk = rules[kind](tokens, i, options, env) if kind in rules \
                else self.renderToken(tokens, i, options, env)
            if kind in rules and token.block and token.nesting >= 0 and chunk and i and \
                    tokens[i - 1].hidden and chunk[0] != "\n":
                chunk = "\n" + chunk   # after an item's bare text, as markdown-it's own do
            level = token.level
            if token.nesting >= 0 and token.map:
                start, end = token.map[0], min(token.map[1], len(lines))
                if len(ends) <= level:
                    ends.extend([None] * (level + 1 - len(ends)))
                if kind in FLOW and ends[level] is not None:
                    out.append(_gap(lines, ends[level], start))
                while end > start and is_blank(lines[end - 1]):   # a list ends at its last item
                    end -= 1
                ends[level] = end
            if token.nesting == 1:   # its children start a flow of their own
                opened.append(token)
                del ends[level + 1:]
                if kind == "html_block_open":   # <div markdown="1">: blank lines count inside
                    ends.append(token.map[0] + 1)
                elif kind == "blockquote_open" and token.map:   # so does a leading `>` line
                    ends.append(token.map[0])
            elif kind == "html_block_close" and len(ends) > level + 1:
                out.append(_gap(lines, ends[level + 1], token.map[0]))
            elif definitions and kind in ("list_item_close", "blockquote_close") and opened and \
                    opened[-1].map and len(ends) > level + 1 and ends[level + 1] is not None \
                    and blank_before_definition(lines, ends[level + 1], opened[-1].map[1]):
                out.append("\n")
            if token.nesting == -1 and opened:
                opened.pop()
            if toc and i == toc[0]:
                out.append(toc_in_markdown.placeholder(tokens, toc[1]))
                line_start = True
                continue
            if not chunk:
                continue
            if (level or shift) and kind not in UNINDENTED and (line_start or chunk[0] == "\n"):
                body, indent = chunk.lstrip("\n"), "  " * (level + shift)
                lead = chunk[:len(chunk) - len(body)]
                if kind in CODE and body.endswith("</div>\n"):   # its frame closes indented
                    body = body[:-len("</div>\n")] + indent + "</div>\n"
                chunk = lead + indent + body
            out.append(chunk)
            line_start = chunk[-1] == "\n"
        if shift == 0:
            out.append(_gap(lines, ends[0] or 0, len(lines)))
        html = toc_in_markdown.fill("".join(out), tokens, toc, env,
                                    lambda children: self.renderInline(children, options, env))
        return html or ("\n" if not lines else "")   # kramdown's empty document

    @staticmethod
    def renderAttrs(token: Token) -> str:
        """Attributes as kramdown writes them (a link's `&amp;`, kept as written, is not
        escaped again; a header without letters or digits has no id)."""
        return html_in_markdown.write_attributes(token.attrItems()) if token.attrs else ""

    def fence(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
              env: EnvType) -> str:
        tok = tokens[idx]
        lang = tok.info.strip().split()[0] if tok.info.strip() else None
        return highlight_code_block(tok.content, lang, *self._code_attrs(tok),
                                    env.get("code_block"))

    def code_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                   env: EnvType) -> str:
        return highlight_code_block(tokens[idx].content, None, *self._code_attrs(tokens[idx]),
                                    env.get("code_block"))

    @staticmethod
    def _code_attrs(tok: Token) -> tuple[str, str]:
        """A code block's attributes from an attribute list: written ones, and its classes
        (which go between the language's and Rouge's)."""
        rest = [(key, value) for key, value in (tok.attrs or {}).items() if key != "class"]
        return html_in_markdown.write_attributes(rest), str(tok.attrGet("class") or "")

    def code_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                    env: EnvType) -> str:
        tok = tokens[idx]
        classes, body = highlight_code_span(tok.content, str(tok.attrGet("class") or ""),
                                            env.get("code_span"))
        attrs = {**tok.attrs, **({"class": classes} if classes else {})}   # tok stays as is
        return f"<code{html_in_markdown.write_attributes(attrs.items())}>{body}</code>"

    def html_block_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                        env: EnvType) -> str:
        return tokens[idx].content + "\n"

    html_block_close = html_block_open

    def math_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                    env: EnvType) -> str:
        return math_in_markdown.render_inline(tokens[idx].content)

    def math_block(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                   env: EnvType) -> str:
        return math_in_markdown.render_block(tokens[idx].content)

    def html_inline(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                    env: EnvType) -> str:
        # A line that starts with a block tag begins an HTML block in kramdown, which sitegen
        # leaves in the paragraph: its tags stay tags. In running text they are text.
        start = idx
        while start > 0 and tokens[start - 1].type not in ("softbreak", "hardbreak"):
            start -= 1
        html_line = tokens[start].type == "html_inline" and \
            html_in_markdown.is_block_tag(tokens[start].content)
        return html_in_markdown.html_inline(tokens[idx].content, in_text=not html_line)

    def html_raw(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                 env: EnvType) -> str:
        return tokens[idx].content

    def kramdown_options(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                         env: EnvType) -> str:
        return ""

    def text(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
             env: EnvType) -> str:
        return html.escape(tokens[idx].content, quote=False)

    stray_tag = text

    def s_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
               env: EnvType) -> str:
        return f"<del{self.renderAttrs(tokens[idx])}>"

    def s_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                env: EnvType) -> str:
        return "</del>"

    def ordered_list_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                          env: EnvType) -> str:
        tok = tokens[idx]
        if tok.attrs:
            tok.attrs.pop("start", None)   # kramdown always starts at 1
        return self.renderToken(tokens, idx, options, env)

    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
              env: EnvType) -> str:
        tok = tokens[idx]
        attrs = {"src": tok.attrGet("src"), "alt": tok.content}   # kramdown keeps the raw label
        if tok.attrGet("title"):
            attrs["title"] = tok.attrGet("title")
        attrs.update((k, v) for k, v in tok.attrs.items() if k not in ("src", "alt", "title"))
        return f"<img{html_in_markdown.write_attributes(attrs.items())} />"

    def th_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                env: EnvType) -> str:
        return self._cell(tokens[idx], "th")

    def td_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                env: EnvType) -> str:
        return self._cell(tokens[idx], "td")

    def _cell(self, tok: Token, tag: str) -> str:
        style = tok.attrGet("style")
        if style:
            tok.attrSet("style", str(style).replace(":", ": "))
        return f"<{tag}{self.renderAttrs(tok)}>"

    def footnote_ref(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                     env: EnvType) -> str:
        meta = tokens[idx].meta
        return (f'<sup id="{_reference(meta)}" role="doc-noteref"><a href="#fn:{_label(meta)}" '
                f'class="footnote" rel="footnote">{meta["id"] + 1}</a></sup>')

    def footnote_block_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                            env: EnvType) -> str:
        return '<div class="footnotes" role="doc-endnotes">\n  <ol>\n'

    def footnote_block_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                             env: EnvType) -> str:
        return "  </ol>\n</div>\n"

    def footnote_open(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                      env: EnvType) -> str:
        # A definition whose text starts on a later line begins with a blank line to kramdown.
        first, lines = tokens[idx + 1], env.get("lines", [])
        later = bool(first.map) and not FOOTNOTE_DEFINITION.match(lines[first.map[0]])
        return f'<li id="fn:{_label(tokens[idx].meta)}" role="doc-endnote">\n' + \
            ("\n" if later else "")

    def footnote_close(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                       env: EnvType) -> str:
        return "</li>\n"

    def footnote_anchor(self, tokens: Sequence[Token], idx: int, options: OptionsDict,
                        env: EnvType) -> str:
        meta = tokens[idx].meta
        mark = f"&#8617;<sup>{meta['subId'] + 1}</sup>" if meta.get("subId") else "&#8617;"
        return (f'\u00a0<a href="#{_reference(meta)}" class="reversefootnote" '
                f'role="doc-backlink">{mark}</a>')


def _label(meta: dict) -> str:
    """A footnote's name: as written (`[^note]`), else its number."""
    return meta.get("label") or str(meta["id"] + 1)


def _reference(meta: dict) -> str:
    """The id of a footnote reference: kramdown numbers the second and later ones."""
    label = _label(meta)
    return f"fnref:{label}:{meta['subId']}" if meta.get("subId") else f"fnref:{label}"


def _gap(lines: list[str], start: int, end: int) -> str:
    """kramdown's empty line for the blank lines in `lines[start:end]`: one for any number,
    link and footnote definitions between them included."""
    return "\n" if any(is_blank(line) for line in lines[start:end]) else ""


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}, renderer_cls=KramdownRenderer)
    md.enable("strikethrough")   # tables and typography: kramdown's own, in kramdown_rules
    md.use(footnote_plugin).use(deflist_plugin)
    for name in ("footnote_ref", "footnote_block_open", "footnote_block_close", "footnote_open",
                 "footnote_close", "footnote_anchor"):
        # The plugin registers its own rules; kramdown's markup wins.
        md.add_render_rule(name, getattr(KramdownRenderer, name))
    md.use(kramdown_rules)
    return md


def markdown_converter(config: Mapping[str, Any]) -> Callable[[str], str]:
    """A Markdown → HTML function configured like the site's kramdown."""
    options = config.get("kramdown") or {}
    auto_ids = _option_on(options.get("auto_ids", True))
    levels = toc_in_markdown.toc_levels(options.get("toc_levels"))
    html_options = {   # whether kramdown reads Markdown inside HTML elements
        html_in_markdown.PARSE_BLOCK_HTML: _option_on(options.get("parse_block_html")),
        html_in_markdown.PARSE_SPAN_HTML: _option_on(options.get("parse_span_html", True))}
    code = code_options(config)   # kramdown's syntax_highlighter_opts
    md = _parser()

    def convert(text: str) -> str:
        return md.render(text, {"auto_ids": auto_ids, "toc_levels": levels, **html_options,
                                **code})

    return convert


def _option_on(value: Any) -> bool:
    """A boolean kramdown option from `_config.yml`, as kramdown reads one that is not true or
    false: as text, on unless it is empty or `false` (nothing is off, `0` is on)."""
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return text.lower().strip() != "false" and text != ""


__all__ = ["markdown_converter"]
