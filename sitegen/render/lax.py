"""Ruby Liquid 5.4's lax parser, for conditions (`if`, `elsif`, `unless`), variables (`{{ }}`,
`echo`, `assign`) and loops (`for`, `tablerow`). Jekyll parses in Liquid's `warn` mode: markup the
strict parser rejects is read again by these regular expressions, which drop what they cannot use
(parentheses, extra words, filters on a loop's collection), and the build goes on with a warning.
sitegen does the same where python-liquid's parser fails (and, for `for`, where Ruby's strict
parser would); the regular expressions are Liquid's own (lib/liquid.rb, tags/if.rb, variable.rb,
tags/for.rb, tags/table_row.rb)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from liquid.builtin.expressions import FilteredExpression, LoopExpression, Path
from liquid.builtin.expressions.arguments import KeywordArgument, PositionalArgument
from liquid.builtin.expressions.filtered import Filter
from liquid.builtin.expressions.logical import (
    BooleanExpression, ContainsExpression, EqExpression, GeExpression, GtExpression,
    LeExpression, LogicalAndExpression, LogicalOrExpression, LtExpression, NeExpression)
from liquid.builtin.expressions.primitive import (
    Blank, Empty, FalseLiteral, FloatLiteral, Identifier, IntegerLiteral, Nil, RangeLiteral,
    StringLiteral, TrueLiteral, parse_identifier, parse_primitive)
from liquid.context import RenderContext
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.expression import Expression
from liquid.stream import TokenStream
from liquid.token import (
    TOKEN_COLON, TOKEN_CONTINUE, TOKEN_EOF, TOKEN_IN, TOKEN_LIMIT, TOKEN_OFFSET, TOKEN_REVERSED,
    Token)

from .ruby import ruby_strip

if TYPE_CHECKING:
    from liquid import Environment

_FLAGS = re.ASCII | re.DOTALL   # Ruby's \w, \s, \d are ASCII; `m` (dot-all) where Liquid uses it
_QUOTED_STRING = r"""(?:"[^"]*"|'[^']*')"""
QUOTED_FRAGMENT = rf"""(?:{_QUOTED_STRING}|(?:[^\s,|'"]|{_QUOTED_STRING})+)"""
_AND_OR = r"\b(?:\s?and\s?|\s?or\s?)\b"
_EXPRESSIONS_AND_OPERATORS = re.compile(
    rf"(?:{_AND_OR}|(?:\s*(?!{_AND_OR})(?:{QUOTED_FRAGMENT}|\S+)\s*)+)", _FLAGS)
_SYNTAX = re.compile(rf"({QUOTED_FRAGMENT})\s*([=!<>a-z_]+)?\s*({QUOTED_FRAGMENT})?", _FLAGS)
_MARKUP_WITH_QUOTED_FRAGMENT = re.compile(rf"({QUOTED_FRAGMENT})(.*)", _FLAGS)
_FILTER_MARKUP = re.compile(r"\|\s*(.*)", _FLAGS)
_FILTER_PARSER = re.compile(rf"(?:\s+|{QUOTED_FRAGMENT}|,)+", _FLAGS)
_FILTER_ARGS = re.compile(rf"(?::|,)\s*((?:\w+\s*:\s*)?{QUOTED_FRAGMENT})", _FLAGS)
_JUST_TAG_ATTRIBUTES = re.compile(rf"(\w[\w-]*)\s*:\s*({QUOTED_FRAGMENT})", _FLAGS)
_VARIABLE_PARSER = re.compile(r"\[[^\]]+\]|[\w-]+\??", _FLAGS)
_INTEGER = re.compile(r"(-?\d+)", _FLAGS)
_FLOAT = re.compile(r"(-?\d[\d.]+)", _FLAGS)
_FLOAT_PREFIX = re.compile(r"-?\d+(?:\.\d+)?", _FLAGS)
_FOR_SYNTAX = re.compile(rf"([\w-]+)\s+in\s+((?:{QUOTED_FRAGMENT})+)\s*(reversed)?", _FLAGS)
_TABLEROW_SYNTAX = re.compile(rf"(\w+)\s+in\s+((?:{QUOTED_FRAGMENT})+)", _FLAGS)
_RANGE = re.compile(r"\(\s*(?>(\S+)\s*\.\.)\s*(\S+)\s*\)", _FLAGS)

_COMPARISONS: dict[str, type[Expression]] = {
    "==": EqExpression, "!=": NeExpression, "<>": NeExpression, "<": LtExpression,
    ">": GtExpression, "<=": LeExpression, ">=": GeExpression, "contains": ContainsExpression}


class LaxSyntaxError(Exception):
    """Markup that even Liquid's lax parser rejects (Ruby raises its syntax error too)."""


class _Value(Path):
    """A bracketed literal other than text or a whole number (`a[nil]`, `a[1.5]`) as a path
    segment: Ruby looks the value itself up."""

    def __init__(self, token: Token, value: Any):
        super().__init__(token, [value])
        self.value = value

    def evaluate(self, context: RenderContext) -> Any:
        return self.value


class _UnknownOperator(Expression):
    """`a = b`, `a foo b`…: Ruby's lax parser keeps any word as the operator, and
    `Condition#evaluate` fails on it, only when the condition is evaluated."""

    def __init__(self, token: Token, operator: str):
        super().__init__(token)
        self.operator = operator

    def evaluate(self, context: RenderContext) -> Any:
        raise LiquidError(f"Unknown operator {self.operator}", token=self.token)

    def children(self) -> list[Expression]:
        return []


def lax_condition(markup: Token) -> BooleanExpression:
    """`If#lax_parse`: comparisons and `and`/`or` found by regular expression, chained from the
    right (`a and (b or c)` reads as `a and b or c`, which Liquid evaluates as `a and (b or c)`)."""
    parts = _EXPRESSIONS_AND_OPERATORS.findall(markup.value)
    condition = _comparison(parts.pop() if parts else "", markup)
    while parts:
        operator = parts.pop().strip()
        left = _comparison(parts.pop() if parts else "", markup)
        if operator == "and":
            condition = LogicalAndExpression(markup, left, condition)
        elif operator == "or":
            condition = LogicalOrExpression(markup, left, condition)
        else:
            raise LaxSyntaxError(operator)
    return BooleanExpression(markup, condition)


def _comparison(text: str, token: Token) -> Expression:
    """One `left op right` (`If::Syntax`, searched, so what follows is ignored)."""
    match = _SYNTAX.search(text)
    if match is None:
        raise LaxSyntaxError(text)
    left = lax_expression(match.group(1), token)
    operator = match.group(2)
    if operator is None:
        return left
    right = lax_expression(match.group(3), token)
    if operator not in _COMPARISONS:
        return _UnknownOperator(token, operator)
    return _COMPARISONS[operator](token, left, right)  # type: ignore[call-arg]


def lax_output(markup: Token) -> FilteredExpression:
    """`Variable#lax_parse`: the first fragment is the value, anything before the first `|` after
    it is ignored, and each filter is the first word of its part with the `:`/`,` arguments."""
    match = _MARKUP_WITH_QUOTED_FRAGMENT.search(markup.value)
    if match is None:
        return FilteredExpression(markup, Nil(markup), [])
    filters: list[Filter] = []
    piped = _FILTER_MARKUP.search(match.group(2))
    for part in _FILTER_PARSER.findall(piped.group(1)) if piped else []:
        name = re.search(r"\w+", part, re.ASCII)
        if name is not None:
            filters.append(_filter(name.group(), _FILTER_ARGS.findall(part), markup))
    return FilteredExpression(markup, lax_expression(match.group(1), markup), filters)


def _filter(name: str, arguments: list[str], token: Token) -> Filter:
    """`Variable#parse_filter_expressions`: `key: value` is a keyword argument."""
    args: list[KeywordArgument | PositionalArgument] = []
    for argument in arguments:
        keyword = _JUST_TAG_ATTRIBUTES.fullmatch(argument)
        if keyword:
            value = lax_expression(keyword.group(2), token)
            args.append(KeywordArgument(token, keyword.group(1), value))
        else:
            args.append(PositionalArgument(lax_expression(argument, token)))
    return Filter(token, name, args)


def lax_expression(markup: str | None, token: Token) -> Expression:
    """`Expression.parse`: a quoted string, a number, a range, a literal word, else a variable."""
    if markup is None:
        return Nil(token)
    markup = ruby_strip(markup)
    if len(markup) >= 1 and markup[0] == markup[-1] and markup[0] in "\"'":
        return StringLiteral(token, markup[1:-1])
    if _INTEGER.fullmatch(markup):
        return IntegerLiteral(token, int(markup))
    if ranged := _RANGE.fullmatch(markup):
        return RangeLiteral(token, lax_expression(ranged.group(1), token),
                            lax_expression(ranged.group(2), token))
    if _FLOAT.fullmatch(markup):
        return FloatLiteral(token, float(_FLOAT_PREFIX.match(markup).group()))  # type: ignore
    return _literal(markup, token) or _variable(markup, token)


def _literal(markup: str, token: Token) -> Expression | None:
    """`Expression::LITERALS`, where Jekyll makes `blank` and `empty` method literals
    (liquid_expr_method_literal.rb), python-liquid's `Blank` and `Empty`."""
    if markup in ("", "nil", "null"):
        return Nil(token)
    if markup in ("true", "false"):
        return TrueLiteral(token) if markup == "true" else FalseLiteral(token)
    if markup in ("blank", "empty"):
        return Blank(token) if markup == "blank" else Empty(token)
    return None


def _variable(markup: str, token: Token) -> Expression:
    """`VariableLookup.parse`: the words and bracketed keys in it; the rest (dots, parentheses,
    any other character) is dropped."""
    parts = _VARIABLE_PARSER.findall(markup)
    if not parts:
        return Nil(token)
    return Path(token, [_segment(part, token) for part in parts])


def _segment(part: str, token: Token) -> Any:
    """A path segment: a word, or a bracketed expression (text, index, variable, literal)."""
    if not (part.startswith("[") and part.endswith("]")):
        return part
    key = lax_expression(part[1:-1], token)
    if isinstance(key, (StringLiteral, IntegerLiteral)):
        return key.value
    if isinstance(key, Path):
        return key
    return _Value(token, getattr(key, "value", None))


def ruby_strict_for(env: Environment, tokens: TokenStream) -> LoopExpression:
    """`For#strict_parse`: `reversed` only right after the collection, then only `limit:` and
    `offset:`, nothing else. python-liquid's parser also takes `reversed` anywhere, commas and
    `cols:`; Jekyll reads those with the lax parser instead, which drops a late `reversed`."""
    token = tokens.current
    identifier = parse_identifier(env, tokens)
    tokens.eat(TOKEN_IN)
    iterable = parse_primitive(env, tokens)
    reversed_ = tokens.current.kind == TOKEN_REVERSED
    if reversed_:
        next(tokens)
    attributes: dict[str, Expression] = {}
    while tokens.peek.kind == TOKEN_COLON and tokens.current.kind != TOKEN_EOF:
        if tokens.current.kind not in (TOKEN_LIMIT, TOKEN_OFFSET):
            raise LiquidSyntaxError("Invalid attribute in for loop. Valid attributes are limit "
                                    "and offset", token=tokens.current)
        key = next(tokens).kind
        next(tokens)
        if key == TOKEN_OFFSET and tokens.current.kind == TOKEN_CONTINUE:
            attributes[key] = StringLiteral(next(tokens), "continue")
        else:
            attributes[key] = parse_primitive(env, tokens)
    if tokens.current.kind != TOKEN_EOF:
        raise LiquidSyntaxError(f"Expected end_of_string but found {tokens.current.kind}",
                                token=tokens.current)
    return LoopExpression(token, identifier, iterable, limit=attributes.get(TOKEN_LIMIT),
                          offset=attributes.get(TOKEN_OFFSET), reversed_=reversed_, cols=None)


def lax_for(markup: Token) -> LoopExpression:
    """`For#lax_parse`: the variable, `in`, the collection up to a space, comma or `|`, and
    `reversed` right after it; `limit:` and `offset:` are found anywhere (the last one wins),
    everything else (a filter on the collection, extra words) is ignored."""
    match = _FOR_SYNTAX.match(markup.value.lstrip())
    return _loop(markup, match, reversed_=bool(match and match.group(3)), tablerow=False)


def lax_tablerow(markup: Token) -> LoopExpression:
    """`TableRow#initialize`, Ruby's only parser for `tablerow` (so no warning): the variable
    and collection found anywhere, `cols:`, `limit:` and `offset:` anywhere, never reversed."""
    return _loop(markup, _TABLEROW_SYNTAX.search(markup.value), reversed_=False, tablerow=True)


def _loop(markup: Token, match: re.Match | None, reversed_: bool, tablerow: bool
          ) -> LoopExpression:
    """A loop from its syntax's match and the attributes anywhere in the markup: `cols:` for
    a table row, `offset: continue` for a `for`."""
    if match is None:
        raise LaxSyntaxError(markup.value)
    attributes = dict(_JUST_TAG_ATTRIBUTES.findall(markup.value))
    offset = attributes.get("offset")
    return LoopExpression(
        markup, Identifier(match.group(1), token=markup), lax_expression(match.group(2), markup),
        limit=_attribute(attributes.get("limit"), markup),
        offset=StringLiteral(markup, "continue") if offset == "continue" and not tablerow
        else _attribute(offset, markup),
        reversed_=reversed_, cols=_attribute(attributes.get("cols"), markup) if tablerow else None)


def _attribute(markup: str | None, token: Token) -> Expression | None:
    """A loop attribute's value, None when the markup has none."""
    return None if markup is None else lax_expression(markup, token)
