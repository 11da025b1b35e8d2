"""The one Liquid environment of a build: python-liquid plus Jekyll's tags, filters and the way
Ruby prints values."""

from __future__ import annotations

import operator
import re
from datetime import date, datetime, timezone
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterator

import liquid.builtin.expressions.logical as _logical
import liquid.builtin.output as _output
from liquid import BoundTemplate, Environment
from liquid.context import ReadOnlyChainMap, RenderContext, builtin
from liquid.builtin.tags.include_tag import IncludeTag as _ShopifyInclude
from liquid.lex import _tokenize_template, compile_liquid_rules
from liquid.stream import TokenStream
from liquid.token import TOKEN_EOF, TOKEN_EXPRESSION, Token

from .ruby import liquid_output
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

def _with_times(compare: Any, operator: Any) -> Any:
    """Ruby compares times (and dates) in conditions; python-liquid only numbers and strings."""
    def wrapped(*args: Any) -> bool:
        left, right = args[-2], args[-1]
        if isinstance(left, (datetime, date)) and isinstance(right, (datetime, date)):
            return bool(operator(_as_time(left), _as_time(right)))
        return compare(*args)
    return wrapped


def _as_time(value: date) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)


_logical._lt = _with_times(_logical._lt, operator.lt)  # type: ignore[attr-defined]
_logical._le = _with_times(_logical._le, operator.le)  # type: ignore[attr-defined]

_into_inner = TokenStream.into_inner


def _into_inner_with_position(self: TokenStream, *, tag: Token | None = None,
                              eat: bool = True) -> TokenStream:
    """Like python-liquid's, but "unexpected end of expression" errors point into the file:
    the inner stream's end token gets the expression's position instead of none."""
    expression = self.current
    inner = _into_inner(self, tag=tag, eat=eat)
    if expression.kind == TOKEN_EXPRESSION:
        inner.eof = Token(TOKEN_EOF, TOKEN_EOF,
                          expression.start_index + len(expression.value.rstrip()),
                          expression.source)
    return inner


TokenStream.into_inner = _into_inner_with_position  # type: ignore[method-assign]

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


class _JekyllTemplate(BoundTemplate):
    context_class = _JekyllContext


class JekyllEnvironment(Environment):
    """python-liquid configured as Jekyll configures Ruby Liquid (lax variables, strict syntax)."""

    template_class = _JekyllTemplate

    def tokenizer(self) -> Callable[[str], Iterator[Token]]:
        return partial(_tokenize_template, rules=_RULES)

    def __init__(self, renderer: "Renderer", config: dict[str, Any], plugin_tags: list = ()):
        super().__init__()
        self.renderer = renderer
        self.counters: dict[str, int] = {}   # `increment`, for the whole build (see above)
        self.tags.pop(_ShopifyInclude.name, None)
        for tag in [*JEKYLL_TAGS, *plugin_tags]:
            self.add_tag(tag)
        register_filters(self, config)
        if renderer is not None:   # None: filters on their own (markdownify's tests, tools)
            for name, function in print_filters(renderer.site).items():
                self.add_filter(name, located_errors(function))
