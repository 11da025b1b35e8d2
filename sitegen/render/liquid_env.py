"""The one Liquid environment of a build: python-liquid plus Jekyll's tags, filters and the way
Ruby prints values."""

from __future__ import annotations

import operator
import re
from collections.abc import Collection
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any, Callable, Iterator

import liquid.builtin.expressions.logical as _logical
import liquid.builtin.output as _output
from liquid import BoundTemplate, Environment
from liquid.ast import BlockNode, Node
from liquid.builtin.content import ContentNode
from liquid.builtin.expressions import BooleanExpression, FilteredExpression, tokenize
from liquid.builtin.expressions.filtered import Filter
from liquid.builtin.expressions.loop import LoopExpression
from liquid.builtin.expressions.primitive import Blank, StringLiteral
from liquid.exceptions import LiquidSyntaxError, LiquidTypeError
from liquid.context import ReadOnlyChainMap, RenderContext, builtin
from liquid.builtin.tags.include_tag import IncludeTag as _ShopifyInclude
from liquid.lex import _tokenize_template, compile_liquid_rules
from liquid.stream import TokenStream
from liquid.token import TOKEN_CONTENT, TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_OUTPUT, Token
from liquid.undefined import Undefined

from .lax import (
    LaxSyntaxError, lax_condition, lax_for, lax_output, lax_tablerow, ruby_strict_for)
from .ruby import RUBY_SPACE, liquid_output, ruby_inspect
from ..printing.filters import print_filters
from .filters import located_errors, register_filters
from .tags import JEKYLL_TAGS

if TYPE_CHECKING:
    from .renderer import Renderer


def _ruby_to_liquid_string(val: Any, autoescape: bool) -> str:
    """Print values as Ruby's Liquid does (`Time#to_s`, `Array#join`, `Hash#inspect`…)."""
    return liquid_output(val)


# python-liquid prints with Python's `str`; Jekyll sites expect Ruby's forms everywhere.
_output.to_liquid_string = _ruby_to_liquid_string  # type: ignore[assignment]

# --- conditions and loops as Ruby's Liquid 5.4 evaluates them ---------------------------------

_NUMBERS = (int, float, Decimal)


def _ordering(python_operator: Any) -> Any:
    """`<`, `<=` (and so `>`, `>=`) as Ruby's Liquid: values of one kind (numbers, text, times,
    dates) compare; numbers against text and the like fail as Ruby's `<` does; anything that
    has no `<` in Ruby (nil, true, false, arrays, hashes) makes the condition false."""
    def compare(*args: Any) -> bool:   # python-liquid calls `_lt(token, l, r)`, `_le(l, r)`
        token = args[0] if len(args) == 3 else None
        left, right = (_liquid_value(v) for v in args[-2:])
        kinds = (_ruby_kind(left), _ruby_kind(right))
        if None in kinds:
            return False
        if kinds[0] != kinds[1] and not all(kind in ("Integer", "Float") for kind in kinds):
            shown = ruby_inspect(right) if kinds[1] == "Integer" or isinstance(right, float) \
                else kinds[1]
            raise LiquidTypeError(f"comparison of {kinds[0]} with {shown} failed", token=token)
        return bool(python_operator(left, right))
    return compare


def _ruby_kind(value: Any) -> str | None:
    """The Ruby class that orders `value`, or None when Ruby's value has no `<`."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return "Integer"
    if isinstance(value, (float, Decimal)):
        return "Float"
    if isinstance(value, str):
        return "String"
    if isinstance(value, datetime):
        return "Time"
    if isinstance(value, date):
        return "Date"
    return None


def _liquid_value(value: Any) -> Any:
    return value.__liquid__() if hasattr(value, "__liquid__") else value


def _contains(token: Token, left: Any, right: Any) -> bool:
    """Ruby's `contains`: `include?` where the left side has one (text, arrays, hashes), the
    right side as text for text; false, not an error, for anything else."""
    if not _logical.is_truthy(left) or not _logical.is_truthy(right):
        return False
    if isinstance(left, str):
        return liquid_output(right) in left
    if isinstance(left, Collection):
        try:
            return right in left
        except TypeError:   # a key no hash can hold
            return False
    return False


_logical._lt = _ordering(operator.lt)  # type: ignore[attr-defined]
_logical._le = _ordering(operator.le)  # type: ignore[attr-defined]
_logical._contains = _contains  # type: ignore[attr-defined]


def _loop_segment(self: LoopExpression, context: RenderContext) -> tuple[Iterator[Any], int]:
    """Ruby Liquid's `For#collection_segment`: the items whose place is at least `offset`
    (none skipped for a negative one) and below `offset + limit` (none for a limit of 0 or
    less); text is one item, whatever the slice; `offset: continue` goes on where the last
    loop of the same name over the same collection stopped."""
    key = f"{self.identifier}-{self.iterable}"
    offset: int | str | None
    if isinstance(self.offset, StringLiteral):
        offset = self.offset.value
        if offset != "continue":
            offset = self._to_int(offset, token=self.offset.token)
    else:
        offset = None if self.offset is None else \
            self._to_int(self.offset.evaluate(context), token=self.offset.token)
    start = context.stopindex(key) if offset == "continue" else int(offset or 0)
    limit = None if self.limit is None else \
        self._to_int(self.limit.evaluate(context), token=self.limit.token)
    collection = self.iterable.evaluate(context)
    if isinstance(collection, str):
        items = [collection] if collection else []
    else:
        first = max(start, 0)
        last = None if limit is None else max(start + limit, first)
        items = list(islice(self._to_iter(collection, context)[0], first, last))
    if self.reversed:
        items.reverse()
    context.stopindex(key=key, index=start + len(items))
    return iter(items), len(items)


LoopExpression.evaluate = _loop_segment  # type: ignore[method-assign]


def _never_blank(self: Blank, other: object) -> bool:
    """`x == blank` as in Jekyll: Liquid 5.4 asks `x.blank?`, which no Ruby value answers
    without ActiveSupport (Jekyll does not load it), so it never holds, for "" and [] too
    (and `x != blank` always does). `empty` works: strings and arrays have `empty?`."""
    return False


Blank.__eq__ = _never_blank  # type: ignore[method-assign, assignment]

_into_inner = TokenStream.into_inner


def _into_inner_with_position(self: TokenStream, *, tag: Token | None = None,
                              eat: bool = True) -> TokenStream:
    """Like python-liquid's, but "unexpected end of expression" errors point into the file:
    the inner stream's end token gets the expression's position instead of none."""
    expression = self.current
    try:
        inner = _into_inner(self, tag=tag, eat=eat)
    except LiquidSyntaxError as err:
        if expression.kind != TOKEN_EXPRESSION:
            raise
        inner = _Unreadable(err)
    if expression.kind == TOKEN_EXPRESSION:
        inner.eof = Token(TOKEN_EOF, TOKEN_EOF,
                          expression.start_index + len(expression.value.rstrip()),
                          expression.source)
        inner.markup = expression   # type: ignore[attr-defined]  # for the lax parser
        inner.tag = tag   # type: ignore[attr-defined]  # `for` and `tablerow` parse apart
    return inner


TokenStream.into_inner = _into_inner_with_position  # type: ignore[method-assign]


class _Unreadable(TokenStream):
    """Markup python-liquid's tokenizer refuses (a stray `}`): its error comes when a parser
    reads the markup, so that where Ruby would, the lax parser reads it instead."""

    def __init__(self, error: LiquidSyntaxError):
        super().__init__(iter(()))
        self.error = error

    @property
    def current(self) -> Token:
        raise self.error

    @property
    def peek(self) -> Token:
        raise self.error


def _markup_stream(markup: Token) -> TokenStream:
    """The tokens of a tag's or output's markup, for `_lax_fallback`'s parsers."""
    try:
        tokens = TokenStream(tokenize(markup.value, markup))
    except LiquidSyntaxError as err:
        tokens = _Unreadable(err)
    tokens.markup = markup  # type: ignore[attr-defined]
    return tokens

# --- Ruby Liquid's `warn` error mode, Jekyll's default -----------------------------------------


def _lax_fallback(strict: Callable[..., Any], lax: Callable[[Token], Any], shown: str) -> Any:
    """Parse as python-liquid does and, where that fails on a tag's or output's markup, as Ruby
    Liquid's lax parser does (sitegen/render/lax.py), with a warning, as Jekyll does. Markup
    that even the lax parser rejects keeps python-liquid's located error."""
    def parse(env: Environment, tokens: TokenStream, *args: Any, **kwargs: Any) -> Any:
        try:
            return strict(env, tokens, *args, **kwargs)
        except LiquidSyntaxError as err:
            markup = getattr(tokens, "markup", None)
            if markup is None or kwargs.get("inline"):
                raise
            try:
                expression = lax(markup)
            except LaxSyntaxError:
                raise err from None
            _warn_lax(env, markup, err, shown.format(markup.value.strip()))
            return expression
    return staticmethod(parse)


def _warn_lax(env: Environment, markup: Token, err: LiquidSyntaxError, shown: str) -> None:
    """Jekyll's "Liquid Warning: Liquid syntax error … in FILE", with sitegen's file line."""
    renderer, name = getattr(env, "renderer", None), getattr(env, "parsing", "")
    if renderer is None or not name:
        return
    line = markup.source.count("\n", 0, max(markup.start_index, 0)) + renderer.first_line(name)
    renderer.warnings[f"warning: {name}:{line}: Liquid syntax error ({err.message}) in "
                      f"\"{shown}\": read leniently, as Jekyll's Liquid does"] = None


BooleanExpression.parse = _lax_fallback(  # type: ignore[method-assign]
    BooleanExpression.parse, lax_condition, "{}")
FilteredExpression.parse = _lax_fallback(  # type: ignore[method-assign]
    FilteredExpression.parse, lax_output, "{{{{ {} }}}}")
_parse_for = _lax_fallback(ruby_strict_for, lax_for, "{{% for {} %}}").__func__
_parse_any_loop = LoopExpression.parse


def _parse_loop(env: Environment, tokens: TokenStream) -> LoopExpression:
    """A `for` loop as Jekyll's Liquid reads it (its strict parser, else the lax one with a
    warning); a `tablerow` only ever by Ruby's regular expressions, as Ruby has no other."""
    tag, markup = getattr(tokens, "tag", None), getattr(tokens, "markup", None)
    if tag is None or tag.value != "tablerow":
        return _parse_for(env, tokens)
    if markup is None:
        return _parse_any_loop(env, tokens)
    try:
        return lax_tablerow(markup)
    except LaxSyntaxError:
        raise LiquidSyntaxError("Syntax Error in 'tablerow loop' - Valid syntax: tablerow "
                                "[item] in [collection] cols=3", token=markup) from None


LoopExpression.parse = staticmethod(_parse_loop)  # type: ignore[method-assign, assignment]


class _JekyllOutput(_output.Output):
    """`{{ … }}`, whose markup the lax parser can read again (see `_lax_fallback`)."""

    def parse(self, stream: TokenStream) -> _output.OutputNode:
        token = stream.eat(TOKEN_OUTPUT)
        markup = stream.expect(TOKEN_EXPRESSION)
        if "}" in markup.value:   # Ruby's `{{` ends at the first `}`, and must end with two
            end = token.source.index("}", markup.start_index) + 1
            raise LiquidSyntaxError(f"Variable '{token.source[token.start_index:end]}' was not "
                                    "properly terminated with regexp: /\\}\\}/", token=token)
        return self.node_class(token, FilteredExpression.parse(self.env, _markup_stream(markup)))


def _ruby_filter_arguments(self: Filter, context: RenderContext) -> tuple[list[Any], dict]:
    """Ruby's Liquid passes a filter's keyword arguments as one Hash after the positional ones
    (`default: site:author` gives `default` the value `{"site"=>nil}`), never as keywords."""
    positional: list[Any] = []
    keywords: dict[str, Any] = {}
    for argument in self.args:
        name, value = argument.evaluate(context)
        if name:
            keywords[name] = None if isinstance(value, Undefined) else value   # Ruby's nil
        else:
            positional.append(value)
    return ([*positional, keywords] if keywords else positional), {}


Filter.evaluate_args = _ruby_filter_arguments  # type: ignore[method-assign]

# python-liquid's lexer ends a text token at `$`, which also matches before a final newline: the
# newline becomes a token of its own, and a `-%}` before the text trims it away as well as the
# whitespace right after the tag. Ruby Liquid trims only that whitespace (minima's `head.html`
# ends "{%- endif -%}\n</head>\n"), so text runs to the very end here.
_RULES = re.compile(compile_liquid_rules(r"{%", r"%}", r"{{", r"}}", "", "").pattern
                    .replace("|$))", "|\\Z))"), re.DOTALL)


class _JekyllContext(RenderContext):
    """A render context whose `increment`/`decrement` counters are the build's: Jekyll keeps
    them in the site payload that every document shares, so they run on from page to page."""

    def __init__(self, template: BoundTemplate, **kwargs: Any):
        super().__init__(template, **kwargs)
        self.counters = template.env.counters  # type: ignore[attr-defined]
        self.scope = ReadOnlyChainMap(self.locals, self.globals, builtin, self.counters)

    def filter(self, name: str, token: Token | None) -> Callable[..., object]:  # noqa: A003
        """Jekyll's Liquid passes the input of an unknown filter on unchanged unless
        `liquid.strict_filters` is set; that quietly hides a typo or a missing plugin, so
        sitegen does the same and also warns, naming the file and line."""
        renderer = self.env.renderer  # type: ignore[attr-defined]
        if name not in self.env.filters and not self.env.strict_filters and \
                renderer is not None and token is not None:
            renderer.warn_unknown_filter(name, self.template.name, token)
        return super().filter(name, token)


def _ruby_blankness(env: Environment) -> None:
    """Ruby Liquid's `blank?`, which decides whether the whitespace in an `if`, `unless`,
    `for` or `case` is written: it is dropped (the text between tags only, at parse time)
    when every branch holds nothing but whitespace and blank tags: `assign`, `capture`,
    `comment`, an empty `raw`, and blocks that are blank inside. `break` and `continue` are
    not blank, nor is a `raw` with text; `tablerow` and `highlight` are as their bodies.
    python-liquid's own rule instead silences a blank block's whole output when rendering,
    a `capture`'s or a `highlight`'s body included; sitegen turns that off."""
    for name in ("if", "unless", "for"):
        _after_parse(env, name, _remove_blank_strings)
    _after_parse(env, "case", _remove_blank_strings, _case_text)
    for name in ("break", "continue"):
        _after_parse(env, name, _not_blank)
    _after_parse(env, "tablerow", _blank_as_body)
    _after_parse(env, TOKEN_CONTENT, _text_blank)


def _after_parse(env: Environment, name: str, fix: Callable[[Node], None],
                 not_blank_when: Callable[[TokenStream], bool] | None = None) -> None:
    """`fix` the nodes the tag parses; `not_blank_when` looks at the tokens first."""
    tag = env.tags.get(name)
    if tag is None:
        return
    parse = tag.parse

    def parse_then_fix(stream: TokenStream) -> Node:
        not_blank = not_blank_when is not None and not_blank_when(stream)
        node = parse(stream)
        if not_blank:
            node.blank = False
        fix(node)
        return node

    tag.parse = parse_then_fix  # type: ignore[method-assign]


def _remove_blank_strings(node: Node) -> None:
    """`remove_blank_strings`: a blank control-flow tag loses the text of its branches."""
    if node.blank:
        for body in _branches(node):
            body.nodes[:] = [n for n in body.nodes if not isinstance(n, ContentNode)]


def _branches(node: Node) -> list[BlockNode]:
    bodies = [getattr(node, name, None) for name in ("consequence", "block", "default")]
    bodies += [getattr(b, "block", b) for b in getattr(node, "alternatives", None) or []]
    bodies += [getattr(b, "block", b) for b in getattr(node, "blocks", None) or []]
    return [body for body in bodies if isinstance(body, BlockNode)]


def _case_text(stream: TokenStream) -> bool:
    """Whether text (not only whitespace) or `{{ }}` comes between `case` and its first
    `when`: Ruby parses it into a body never rendered, which makes the `case` not blank."""
    tokens = stream.tokens
    i = stream.pos + 1
    while i < len(tokens) and tokens[i].kind == TOKEN_EXPRESSION:
        i += 1
    while i < len(tokens) and tokens[i].kind in (TOKEN_CONTENT, TOKEN_OUTPUT):
        if tokens[i].kind == TOKEN_OUTPUT or not _blank_text(tokens[i]):
            return True
        i += 1
    return False


def _not_blank(node: Node) -> None:
    node.blank = False


def _blank_as_body(node: Node) -> None:
    block = getattr(node, "block", None)
    node.blank = block is None or block.blank


def _text_blank(node: Node) -> None:
    """Text is blank when it is only Ruby's (ASCII) whitespace, a no-break space is not; raw
    text (python-liquid lexes `{% raw %}` as text starting at the tag) only when there is
    none: `Raw#blank?` is `@body.empty?`."""
    node.blank = _blank_text(node.token)


def _blank_text(token: Token) -> bool:
    if token.source.startswith("{%", token.start_index):
        return token.value == ""
    return token.value.strip(RUBY_SPACE) == ""


class _JekyllTemplate(BoundTemplate):
    context_class = _JekyllContext


class JekyllEnvironment(Environment):
    """python-liquid configured as Jekyll configures Ruby Liquid (lax variables, strict syntax)."""

    template_class = _JekyllTemplate
    suppress_blank_control_flow_blocks = False   # see `_ruby_blankness`
    # Ruby Liquid lets scopes (an include, a loop: one each) nest 100 deep before "Nesting too
    # deep"; python-liquid stops at 30 of its own, which just-the-docs' navigation passes. Its
    # include takes two (the include's and the partial template's) and it starts with five,
    # so any nesting Ruby allows fits in 205.
    context_depth_limit = 205

    def tokenizer(self) -> Callable[[str], Iterator[Token]]:
        return partial(_tokenize_template, rules=_RULES)

    def from_string(self, source: str, name: str = "", *args: Any,
                    **kwargs: Any) -> BoundTemplate:
        """python-liquid's, noting the template's name for warnings made while parsing it."""
        outer, self.parsing = self.parsing, name
        try:
            return super().from_string(source, name, *args, **kwargs)
        finally:
            self.parsing = outer

    def __init__(self, renderer: "Renderer", config: dict[str, Any], plugin_tags: list = (),
                 plugin_filters: dict[str, Callable[..., Any]] | None = None):
        super().__init__()
        self.renderer = renderer
        self.strict_filters = bool((config.get("liquid") or {}).get("strict_filters"))
        self.counters: dict[str, int] = {}   # `increment`, for the whole build (see above)
        self.tags.pop(_ShopifyInclude.name, None)
        self.parsing = ""   # the template being parsed, for the lax parser's warnings
        for tag in [_JekyllOutput, *JEKYLL_TAGS, *plugin_tags]:
            self.add_tag(tag)
        _ruby_blankness(self)
        register_filters(self, config)
        for name, function in (plugin_filters or {}).items():   # over Jekyll's, as in Ruby
            self.add_filter(name, located_errors(function))
        if renderer is not None:   # None: filters on their own (markdownify's tests, tools)
            for name, function in print_filters(renderer.site).items():
                self.add_filter(name, located_errors(function))
