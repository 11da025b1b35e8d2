"""Jekyll's own Liquid tags for python-liquid: include, include_relative, highlight, link,
post_url; and assign, capture, case, cycle, increment and decrement as Ruby's Liquid 5.4 reads
them. The syntax follows the Ruby regular expressions, not python-liquid's parser."""

from __future__ import annotations

import re
from io import StringIO
from typing import TYPE_CHECKING, Any, TextIO

from liquid.ast import BlockNode, Node
from liquid.builtin.expressions import FilteredExpression, Identifier, Nil, parse_primitive
from liquid.builtin.expressions._tokenize import tokenize
from liquid.builtin.tags.assign_tag import AssignNode, AssignTag
from liquid.builtin.tags.capture_tag import ENDCAPTUREBLOCK, TAG_ENDCAPTURE, CaptureTag
from liquid.builtin.tags.case_tag import (
    ENDWHENBLOCK, TAG_ELSE, TAG_ENDCASE, TAG_WHEN, CaseTag, MultiExpressionBlockNode,
    _AnyExpression)
from liquid.builtin.tags.cycle_tag import CycleTag
from liquid.builtin.tags.decrement_tag import DecrementTag
from liquid.builtin.tags.increment_tag import IncrementTag
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.expression import Expression
from liquid.parser import get_parser
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_TAG, Token

from .highlight import highlight_tag
from .lax import QUOTED_FRAGMENT, lax_expression
from .ruby import ruby_strip

if TYPE_CHECKING:
    from pathlib import Path

    from liquid.context import RenderContext

    from .renderer import Renderer

_PARAM = r"""([\w-]+)\s*=\s*(?:"([^"\\]*(?:\\.[^"\\]*)*)"|'([^'\\]*(?:\\.[^'\\]*)*)'|([\w.-]+))"""
PARAM = re.compile(_PARAM)
VARIABLE = re.compile(r"(?P<variable>[^{]*(\{\{\s*[\w\-.]+\s*(\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)",
                      re.S)
FULL_PARAMS = re.compile(r"\A\s*(?:" + _PARAM + r"(?=\s|\Z)\s*)*\Z")
VALID_FILENAME = re.compile(r"^[\w/.\-()+~#@]+$")
INVALID_SEQUENCE = re.compile(r"[./]{2,}")
HIGHLIGHT_SYNTAX = re.compile(r"^([a-zA-Z0-9.+#_-]+)((\s+\w+(=(\w+|\"([0-9]+\s)*[0-9]+\"))?)*)$")
POST_NAME = re.compile(r"^(.+/)*(\d+-\d+-\d+)-(.*)$")
# Ruby Liquid's `VariableSignature+`: an assign or capture target is any run of these, found
# anywhere in the markup (the match is not anchored) and stored under that literal name, so
# `site.tags` or `x[0]` is a variable of its own that dotted or indexed lookups never reach.
_TARGET = r"(?:\(?[\w\-.\[\]]\)?)+"
# Ruby's `\w` is ASCII: `{% assign café = 1 %}` is a syntax error in Jekyll.
ASSIGN_SYNTAX = re.compile(rf"({_TARGET})\s*=\s*(.*)", re.S | re.ASCII)
# Not ASCII here: Ruby would capture `café` into `caf`, but it also looks `{{ café }}` up as
# `caf`, and sitegen's lookups keep the whole word, so the whole word is what matches.
CAPTURE_SYNTAX = re.compile(_TARGET)
# Ruby Liquid's `Case::Syntax`, `Case::WhenSyntax` and `Cycle`'s syntaxes.
CASE_SYNTAX = re.compile(rf"({QUOTED_FRAGMENT})", re.S)
WHEN_SYNTAX = re.compile(rf"({QUOTED_FRAGMENT})(?:(?:\s+or\s+|\s*,\s*)({QUOTED_FRAGMENT}.*))?",
                         re.S)
CYCLE_SIMPLE = re.compile(rf"(?:{QUOTED_FRAGMENT})+", re.S)
CYCLE_NAMED = re.compile(rf"({QUOTED_FRAGMENT})\s*:\s*(.*)", re.S)


def tag_markup(stream: TokenStream, block: bool = False) -> tuple[Token, str]:
    """The tag token and its raw markup (Jekyll parses tag markup with regexes).

    python-liquid steps past one token after an inline tag's `parse`, so an inline tag stops
    on its last token; a block tag stops on the first token of its body."""
    token = stream.current
    markup = ""
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
        markup = stream.current.value
    if block:
        next(stream)
    return token, markup.strip()


class SyncNode(Node):
    """A node with output (never blank) that renders the same way in async templates."""

    __slots__ = ()

    def __init__(self, token: Token):
        super().__init__(token)
        self.blank = False

    async def render_to_output_async(self, context: "RenderContext", buffer: TextIO) -> int:
        return self.render_to_output(context, buffer)


class MarkupNode(SyncNode):
    """An inline tag's node; the tag's raw markup is its argument."""

    __slots__ = ("markup",)

    def __init__(self, token: Token, markup: str):
        super().__init__(token)
        self.markup = markup


class InlineTag(Tag):
    """An inline tag whose markup goes to `node_class` as it is."""

    block = False
    node_class: type[MarkupNode]

    def parse(self, stream: TokenStream) -> Node:
        token, markup = tag_markup(stream)
        return self.node_class(token, markup)


def _renderer(context: "RenderContext") -> "Renderer":
    return context.env.renderer  # type: ignore[attr-defined]


def _render_markup(context: "RenderContext", markup: str) -> str:
    """Render `{{ … }}` inside a tag's markup, as Jekyll does for file names and paths."""
    if "{{" not in markup and "{%" not in markup:
        return markup
    template = _renderer(context).template_from_string(markup)
    buffer = StringIO()
    template.render_with_context(context, buffer, partial=True)
    return buffer.getvalue()


class IncludeNode(SyncNode):
    """`{% include file.html key="v" key2=page.var %}` with `include.key` inside."""

    __slots__ = ("file", "params", "relative")

    def __init__(self, token: Token, file: str, params: list[tuple[str, Any]], relative: bool):
        super().__init__(token)
        self.file, self.params, self.relative = file, params, relative

    def render_to_output(self, context: "RenderContext", buffer: TextIO) -> int:
        renderer = _renderer(context)
        file = _render_markup(context, self.file).strip()
        if INVALID_SEQUENCE.search(file) or not VALID_FILENAME.match(file):
            raise LiquidError(f"invalid file name in include tag: {file!r}", token=self.token)
        dirs = (renderer.page_dir(),) if self.relative else renderer.site.include_dirs
        path = renderer.locate(file.lstrip("/"), dirs)   # File.join("dir", "/a") is "dir/a"
        if path is None:
            where = ", ".join(str(d) for d in dirs)
            raise LiquidError(f"could not locate the included file '{file}' in any of [{where}]",
                              token=self.token)
        renderer.note_dependency(str(path))
        try:
            self._render(context, buffer, renderer, path)
        except LiquidError as err:
            # Where the include was included from, outermost last (as Jekyll says it).
            start = max(self.token.start_index, 0)
            err.included_from = getattr(err, "included_from", []) + [   # type: ignore[attr-defined]
                (context.template.name, self.token.source.count("\n", 0, start) + 1)]
            raise
        return True

    def _render(self, context: "RenderContext", buffer: TextIO, renderer: Any,
                path: "Path") -> None:
        """Parse (once) and render the include, with its parameters as `include`."""
        template = renderer.template(path)
        namespace: dict[str, Any] = {}
        if self.params:
            namespace["include"] = {k: v.evaluate(context) if hasattr(v, "evaluate") else v
                                    for k, v in self.params}

        def render(out: TextIO) -> None:
            with context.extend(namespace, template=template):
                try:
                    template.render_with_context(context, out, partial=True)
                except LiquidError as err:
                    # Name the include, not the page: the line number is the include's.
                    if not getattr(err, "template_name", None):
                        err.template_name = template.name
                    raise

        if self.params or not renderer.is_shared(template):
            render(buffer)
        else:
            buffer.write(renderer.shared_output(template, render))


class IncludeTag(Tag):
    name = "include"
    block = False
    relative = False
    node_class = IncludeNode

    def parse(self, stream: TokenStream) -> Node:
        token, markup = tag_markup(stream)
        match = VARIABLE.match(markup)
        if match:
            file, params = match.group("variable").strip(), match.group("params").strip()
        else:
            file, _, params = markup.partition(" ")
            params = params.strip()
        if params and not FULL_PARAMS.match(params):
            raise LiquidSyntaxError(
                f"invalid syntax for include tag: {params!r}; valid syntax: "
                "{% include file.ext param='value' param2=variable %}", token=token)
        return self.node_class(token, file, self._params(params, token), self.relative)

    def _params(self, params: str, token: Token) -> list[tuple[str, Any]]:
        out: list[tuple[str, Any]] = []
        for match in PARAM.finditer(params):
            key, dq, sq, var = match.groups()
            if dq is not None:
                out.append((key, dq.replace('\\"', '"')))
            elif sq is not None:
                out.append((key, sq.replace("\\'", "'")))
            else:
                out.append((key, parse_primitive(self.env, TokenStream(tokenize(var, token)))))
        return out


class IncludeRelativeTag(IncludeTag):
    name = "include_relative"
    relative = True


class HighlightNode(SyncNode):
    __slots__ = ("lang", "linenos", "block")

    def __init__(self, token: Token, lang: str, linenos: bool, block: BlockNode):
        super().__init__(token)
        self.lang, self.linenos, self.block = lang, linenos, block
        self.blank = block.blank   # a Ruby `Block`: blank when its body is

    def render_to_output(self, context: "RenderContext", buffer: TextIO) -> int:
        inner = StringIO()
        self.block.render(context, inner)
        code = re.sub(r"\A[\n\r]+|[\n\r]+\Z", "", inner.getvalue())
        # What the page's converter wants around it (a line break each side for Markdown).
        prefix, suffix = (context.get([name], token=None, default="") or ""
                          for name in ("highlighter_prefix", "highlighter_suffix"))
        buffer.write(f"{prefix}{highlight_tag(code, self.lang, self.linenos)}{suffix}")
        return True


class HighlightTag(Tag):
    """`{% highlight lang [linenos] %}…{% endhighlight %}`."""

    name = "highlight"
    end = "endhighlight"
    block = True

    def parse(self, stream: TokenStream) -> Node:
        token, markup = tag_markup(stream, block=True)
        match = HIGHLIGHT_SYNTAX.match(markup)
        if not match:
            raise LiquidSyntaxError(
                f"syntax error in tag 'highlight' while parsing {markup!r}; "
                "valid syntax: highlight <lang> [linenos]", token=token)
        options = re.findall(r'(?:\w="[^"]*"|\w=\w|\w)+', match.group(2) or "")
        linenos = any(o.split("=")[0] == "linenos" for o in options)
        block = get_parser(self.env).parse_block(stream, frozenset((self.end, TOKEN_EOF)))
        stream.expect(TOKEN_TAG, value=self.end)
        return HighlightNode(token, match.group(1).lower(), linenos, block)


class LinkNode(MarkupNode):
    __slots__ = ()

    def render_to_output(self, context: "RenderContext", buffer: TextIO) -> int:
        renderer = _renderer(context)
        path = _render_markup(context, self.markup).strip()
        url = renderer.url_of_file(path)
        if url is None:
            raise LiquidError(f"could not find document '{path}' in tag 'link'; make sure the "
                              "document exists and the path is correct", token=self.token)
        buffer.write(renderer.relative_url(url))
        return True


class LinkTag(InlineTag):
    """`{% link _posts/2020-01-01-x.md %}`: the URL of a source file, checked to exist."""

    name = "link"
    node_class = LinkNode


class PostUrlNode(MarkupNode):
    __slots__ = ("name", "regex", "date", "slug")

    def __init__(self, token: Token, name: str):
        super().__init__(token, name)
        self.name = name
        match = POST_NAME.match(name.lstrip("/"))
        if not match:
            raise LiquidSyntaxError(f"could not parse name of post {name!r} in tag 'post_url'",
                                    token=token)
        path, self.date, self.slug = match.group(1) or "", match.group(2), match.group(3)
        base = re.escape(self.date) + "-" + re.escape(self.slug) + r"\.[^.]+"
        p = re.escape(path)
        self.regex = re.compile(rf"^_posts/{p}{base}|^{p}_posts/?{base}")

    def render_to_output(self, context: "RenderContext", buffer: TextIO) -> int:
        renderer = _renderer(context)
        posts = renderer.site.posts.docs
        doc = next((d for d in posts if self.regex.match(d.relative_path)), None)
        if doc is None:
            raise LiquidError(f"could not find post {self.name!r} in tag 'post_url'; make sure "
                              "the post exists and the name is correct", token=self.token)
        buffer.write(renderer.relative_url(doc.url))
        return True


class PostUrlTag(InlineTag):
    """`{% post_url 2020-01-02-title %}`: a post's URL by its file name."""

    name = "post_url"
    node_class = PostUrlNode


def _markup_token(stream: TokenStream, tag: Token, syntax: re.Pattern[str],
                  usage: str) -> tuple[Token, re.Match[str]]:
    """The tag's expression token and `syntax` found in it, or Ruby Liquid's syntax error."""
    markup = stream.current
    match = syntax.search(markup.value) if markup.kind == TOKEN_EXPRESSION else None
    if match is None:
        raise LiquidSyntaxError(f"Syntax Error in '{tag.value}' - Valid syntax: {usage}",
                                token=tag)
    return markup, match


class JekyllAssignTag(AssignTag):
    """`{% assign target = value %}` with Ruby Liquid's target syntax (see `ASSIGN_SYNTAX`);
    the value is a filtered expression, and nothing at all is nil, as in Jekyll."""

    def parse(self, stream: TokenStream) -> AssignNode:
        tag = stream.eat(TOKEN_TAG)   # and stay on the expression: an inline tag's last token
        markup, match = _markup_token(stream, tag, ASSIGN_SYNTAX, "assign [var] = [source]")
        value = Token(TOKEN_EXPRESSION, match.group(2).rstrip(),
                      markup.start_index + match.start(2), markup.source)
        if value.value:
            tokens = TokenStream(iter([value])).into_inner(tag=tag, eat=False)
            expression = FilteredExpression.parse(self.env, tokens)
        else:
            expression = Nil(token=value)
        name = Identifier(match.group(1), token=markup)
        return self.node_class(tag, name=name, expression=expression)


class JekyllCaptureTag(CaptureTag):
    """`{% capture target %}` with Ruby Liquid's target syntax: the first run of target
    characters names the variable, whatever surrounds it (`"q"` captures into `q`)."""

    def parse(self, stream: TokenStream) -> Node:
        tag = stream.eat(TOKEN_TAG)
        markup, match = _markup_token(stream, tag, CAPTURE_SYNTAX, "capture [var]")
        next(stream)
        block = get_parser(self.env).parse_block(stream, ENDCAPTUREBLOCK)
        stream.expect(TOKEN_TAG, value=TAG_ENDCAPTURE)
        return self.node_class(tag, Identifier(match.group(), token=markup), block)


class JekyllCaseTag(CaseTag):
    """`case` and `when` as Ruby reads them, by regular expression only (no warning): the
    first fragment of `case` is the value, whatever follows (`{% case x | downcase %}`,
    a stray `}`); each `when` value is a fragment, the next one after `or` or a comma."""

    def parse(self, stream: TokenStream) -> Node:
        token = stream.eat(TOKEN_TAG)
        markup = stream.current if stream.current.kind == TOKEN_EXPRESSION else token
        found = CASE_SYNTAX.search(markup.value if markup is not token else "")
        if found is None:
            raise LiquidSyntaxError("Syntax Error in tag 'case' - Valid syntax: case [condition]",
                                    token=token)
        if markup is not token:
            next(stream)
        left = lax_expression(found.group(1), markup)
        while stream.current.kind not in (TOKEN_TAG, TOKEN_EOF):   # text before the first when
            next(stream)
        parse_block = get_parser(self.env).parse_block
        blocks: list[MultiExpressionBlockNode | BlockNode] = []
        while not stream.current.is_tag(TAG_ENDCASE):
            if stream.current.is_tag(TAG_ELSE):
                next(stream)
                blocks.append(parse_block(stream, ENDWHENBLOCK))
            elif stream.current.is_tag(TAG_WHEN):
                when = next(stream)
                values = self._when_values(stream, when)
                blocks.append(MultiExpressionBlockNode(
                    when, parse_block(stream, ENDWHENBLOCK), _AnyExpression(when, left, values)))
            else:
                raise LiquidSyntaxError(f"unexpected tag {stream.current.value!r}",
                                        token=stream.current)
        stream.expect(TOKEN_TAG, TAG_ENDCASE)
        return self.node_class(token, left, blocks)

    def _when_values(self, stream: TokenStream, when: Token) -> list[Expression]:
        """`Case#record_when_condition`: fragments while `or` or a comma follows."""
        markup = stream.current
        rest: str | None = markup.value if markup.kind == TOKEN_EXPRESSION else ""
        if markup.kind == TOKEN_EXPRESSION:
            next(stream)
        values = []
        while rest is not None:
            found = WHEN_SYNTAX.search(rest)
            if found is None:
                raise LiquidSyntaxError("Syntax Error in tag 'case' - Valid when condition: "
                                        "{% when [condition] [or condition2...] %}", token=when)
            values.append(lax_expression(found.group(1), markup))
            rest = found.group(2)
        return values


class JekyllCycleTag(CycleTag):
    """`cycle` as Ruby reads it when python-liquid cannot (a stray `}`): `name: values` or
    values alone, each the first fragment between commas."""

    def parse(self, stream: TokenStream) -> Node:
        start = stream.pos
        try:
            return super().parse(stream)
        except LiquidSyntaxError:
            stream.pos = start
        token = stream.current
        markup = stream.peek if stream.peek.kind == TOKEN_EXPRESSION else None
        named = CYCLE_NAMED.match(markup.value) if markup else None
        values = _cycle_values(named.group(2) if named else markup.value, markup) \
            if markup and (named or CYCLE_SIMPLE.match(markup.value)) else None
        if markup is None or not values:
            raise LiquidSyntaxError("Syntax Error in 'cycle' - Valid syntax: cycle [name :] var "
                                    "[, var2, var3 ...]", token=token)
        next(stream)
        group = lax_expression(named.group(1), markup) if named else None
        return self.node_class(token, group, values)


def _cycle_values(markup: str, token: Token) -> list[Expression]:
    """`Cycle#variables_from_string`: the first fragment of each comma-separated part."""
    found = (re.search(rf"\s*({QUOTED_FRAGMENT})\s*", part, re.S) for part in markup.split(","))
    return [lax_expression(match.group(1), token) for match in found if match]


class _CounterTag(Tag):
    """`increment` and `decrement`: Ruby's counter is the whole markup, stripped, whatever it
    holds (`{% increment x } %}` counts `x }`)."""

    def parse(self, stream: TokenStream) -> Node:
        token = stream.current
        markup = ""
        if stream.peek.kind == TOKEN_EXPRESSION:
            next(stream)
            markup = stream.current.value
        return self.node_class(token, name=Identifier(ruby_strip(markup),
                                                      token=token))


class JekyllIncrementTag(_CounterTag, IncrementTag):
    pass


class JekyllDecrementTag(_CounterTag, DecrementTag):
    pass


JEKYLL_TAGS = (IncludeTag, IncludeRelativeTag, HighlightTag, LinkTag, PostUrlTag,
               JekyllAssignTag, JekyllCaptureTag, JekyllCaseTag, JekyllCycleTag,
               JekyllIncrementTag, JekyllDecrementTag)
__all__ = ["JEKYLL_TAGS"]
