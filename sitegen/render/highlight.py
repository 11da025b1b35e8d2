"""Code highlighting with Pygments, written out the way Rouge writes it (Jekyll's highlighter):
same wrapper markup, same short CSS classes, plain text unwrapped."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.token import STANDARD_TYPES, Text, Token, _TokenType
from pygments.util import ClassNotFound

from .rouge_python import python_tokens
from .rouge_shell import console_tokens, shell_tokens
from .rouge_yaml import yaml_tokens

# Rouge's names that Pygments spells differently.
ALIASES = {"plaintext": "text", "yml": "yaml", "rb": "ruby", "py": "python",
           "js": "javascript", "ts": "typescript", "md": "markdown"}


@lru_cache(maxsize=64)
def _lexer(lang: str | None) -> Lexer:
    if not lang:
        return TextLexer(stripnl=False, ensurenl=False)
    name = ALIASES.get(lang.lower(), lang.lower())
    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=False)


def _css_class(ttype: _TokenType) -> str:
    """The short class of a token type; plain text and whitespace get none (as in Rouge)."""
    if ttype in Text or ttype is Token:
        return ""
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return STANDARD_TYPES[ttype]


PYTHON_NAMES = ("python", "py", "python3")
SHELL_NAMES = ("bash", "sh", "shell", "zsh", "ksh")   # Rouge's shell lexer
CONSOLE_NAMES = ("console", "terminal", "shell_session", "shell-session")


def _tokens(code: str, lang: str | None):
    """Pygments' tokens, re-cut where Rouge cuts differently (for the languages we know)."""
    name = (lang or "").lower()
    if name in SHELL_NAMES:
        return shell_tokens(code)
    if name in CONSOLE_NAMES:
        return console_tokens(code)
    if name in ("yaml", "yml"):
        return yaml_tokens(code)
    if name in PYTHON_NAMES:
        return python_tokens(code)
    tokens = [(_css_class(t), v) for t, v in _lexer(lang).get_tokens(code)]
    if name in ("js", "javascript"):
        return _javascript(tokens)
    if name == "json":
        return _json(tokens)
    return tokens


# Where Rouge's JavaScript lexer names tokens differently from Pygments'.
JS_KEYWORDS = {"as": "k", "from": "k", "in": "k", "new": "k", "typeof": "k", "void": "k",
               "delete": "k", "instanceof": "k", "extends": "kd", "constructor": "kd",
               "static": "kd", "get": "kd", "set": "kd"}
JS_CLASSES = {"sb": "s2", "si": "p"}
# The names Rouge marks as builtins (found by asking it about a long list of globals).
JS_BUILTINS = frozenset("""
    Array ArrayBuffer Boolean DataView Date Error Float32Array Float64Array Function Int16Array
    Int32Array Int8Array Map Math Number Object Promise Proxy Reflect RegExp Set String Symbol
    Uint16Array Uint32Array Uint8Array Uint8ClampedArray WeakMap WeakSet decodeURI
    Packages decodeURIComponent document encodeURI encodeURIComponent eval global isFinite isNaN
    navigator netscape parseFloat parseInt self sun window""".split())
JS_NUMBER = re.compile(r"(\d+\.\d*|\.\d+|\d+)(?:([eE])([+-]?)(\d+)|(n))?$")
JS_NAME = re.compile(r"[A-Za-z_$][\w$]*")
JS_REGEX_SPECIAL = re.compile(r"\\.|\[\^?|\]|\(\?[:=!<]?|\(|\)|\?|\{\d+(?:,\d*)?\}", re.S)
JS_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]+\}|.)", re.S)


def _javascript(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pygments' JavaScript tokens as Rouge's lexer cuts and names them: quotes of a string
    apart (`dl`), escapes (`se`), integers `mi`, a number's exponent left to the next tokens,
    object keys `na`, `?`, `:` and `=>` as Rouge classes them."""
    out: list[tuple[str, str]] = []
    for (css, value), following in zip(tokens, _next_words(tokens)):
        if css[:1] in ("n", "k") and following.startswith(":") and JS_NAME.fullmatch(value) \
                and (previous := _last_word(out)).endswith(("{", ",", ";", "}")):
            # an object's key (a keyword's name too: `{class: "x"}`), or a label after a
            # statement (`default:` too)
            css = "na" if previous.endswith(("{", ",")) else "nl"
        elif css in ("k", "kr", "ow", "nx") and value in JS_KEYWORDS:
            css = JS_KEYWORDS[value]
        elif css in ("nx", "nb", "ne"):
            css = "nb" if value in JS_BUILTINS else "nx"
        elif css in ("o", "p") and value in ("?", ":", "=>"):
            css = "o" if value == "=>" else "p"
        elif css in ("mf", "mi") and (number := JS_NUMBER.match(value)):
            out += _js_number(number)
            continue
        elif css in ("s1", "s2") and len(value) >= 2 and value[0] == value[-1] in "'\"":
            out.append(("dl", value[0]))
            out += _js_escapes(css, value[1:-1])
            out.append(("dl", value[-1]))
            continue
        elif css == "sr":
            out += _js_escapes(css, value, JS_REGEX_SPECIAL)
            continue
        out.append((JS_CLASSES.get(css, css), value))
    return out


def _last_word(tokens: list[tuple[str, str]]) -> str:
    """The text of the last token that is not blank."""
    return next((v for _, v in reversed(tokens) if v.strip()), "")


def _next_words(tokens: list[tuple[str, str]]) -> list[str]:
    """For each token, the text of the next one that is not blank ("" at the end)."""
    upcoming, found = "", []
    for _, value in reversed(tokens):
        found.append(upcoming)
        if value.strip():
            upcoming = value
    return found[::-1]


JSON_ESCAPE = re.compile(r"\\.", re.S)


def _json(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pygments' JSON tokens as Rouge names them: keys are labels (`nl`), whitespace has a
    class (`w`), a number without a point is an integer, a backslash and the next character
    are an escape."""
    out: list[tuple[str, str]] = []
    for css, value in tokens:
        if css == "nt":
            css = "nl"
        elif not css and value.isspace():
            css = "w"
        elif css == "mf" and "." not in value:
            css = "mi"
        elif css == "s2" and "\\" in value:
            out += _js_escapes(css, value, JSON_ESCAPE)
            continue
        out.append((css, value))
    return out


def _js_number(found: re.Match) -> list[tuple[str, str]]:
    mantissa, letter, sign, digits, bigint = found.groups()
    if mantissa.startswith("."):     # Rouge's floats have digits on both sides of the point
        out = [("p", "."), ("mi", mantissa[1:])]
    elif mantissa.endswith("."):
        out = [("mi", mantissa[:-1]), ("p", ".")]
    else:
        out = [("mf" if "." in mantissa else "mi", mantissa)]
    if bigint:
        out.append(("nx", "n"))
    elif letter and sign:
        out += [("nx", letter), ("o", sign), ("mi", digits)]
    elif letter:
        out.append(("nx", letter + digits))
    return out


def _js_escapes(css: str, text: str, special: re.Pattern = JS_ESCAPE) -> list[tuple[str, str]]:
    """`text` cut where Rouge marks escapes (and, in a regular expression, groups, classes
    and counts) as `se`."""
    out: list[tuple[str, str]] = []
    last = 0
    for escape in special.finditer(text):
        if escape.start() > last:
            out.append((css, text[last:escape.start()]))
        out.append(("se", escape.group()))
        last = escape.end()
    if last < len(text):
        out.append((css, text[last:]))
    return out


def highlight_spans(code: str, lang: str | None) -> str:
    """The highlighted code as Rouge's HTML formatter writes it (no wrapper)."""
    pieces: list[tuple[str, str]] = []
    for css, value in _tokens(code, lang):
        if pieces and pieces[-1][0] == css:
            pieces[-1] = (css, pieces[-1][1] + value)
        else:
            pieces.append((css, value))
    return "".join(f'<span class="{css}">{html.escape(v, quote=False)}</span>' if css
                   else html.escape(v, quote=False) for css, v in pieces)


def highlight_code_block(code: str, lang: str | None) -> str:
    """A fenced or indented code block as kramdown + Rouge emit it in Jekyll."""
    lang_class = lang or "plaintext"
    return (f'<div class="language-{lang_class} highlighter-rouge"><div class="highlight">'
            f'<pre class="highlight"><code>{highlight_spans(code, lang)}</code></pre></div>'
            "</div>\n")


def highlight_tag(code: str, lang: str, linenos: bool = False) -> str:
    """Jekyll's `{% highlight lang [linenos] %}` block."""
    body = highlight_spans(code, lang)
    if linenos:
        count = code.count("\n") + (0 if code.endswith("\n") else 1)
        numbers = "\n".join(str(i) for i in range(1, count + 1))
        body = (f'<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">'
                f'{numbers}\n</pre></td><td class="code"><pre>{body}\n</pre></td></tr></tbody>'
                "</table>")
    lang_attr = lang.replace("+", "-")
    return (f'<figure class="highlight"><pre><code class="language-{lang_attr}" '
            f'data-lang="{lang}">{body}</code></pre></figure>')


__all__ = ["highlight_code_block", "highlight_tag", "highlight_spans"]
