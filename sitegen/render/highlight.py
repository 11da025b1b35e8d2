"""Code highlighting written out the way Rouge writes it (Jekyll's highlighter): same wrapper
markup, same short CSS classes, plain text unwrapped, and kramdown's options for it from the
site's config (`syntax_highlighter_opts`: line numbers, a default language, the `<pre>`'s
class). The tokens come from Rouge's own rules (`rouge`) for the languages sites show most,
else from Pygments' lexer of the name."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

from .rouge import rouge_knows, rouge_tokens
from .rouge.guess import guess_language
from .ruby import ruby_truthy

# Rouge's names that Pygments spells differently (of the languages Pygments lexes here).
ALIASES = {"plaintext": "text", "rb": "ruby"}


def tokens_of(code: str, lang: str | None) -> list[tuple[str, str]]:
    """Rouge's tokens where sitegen has Rouge's lexer, else Pygments' lexer of that name;
    plain text without a language, or in one Rouge does not know. (Rouge's Markdown lexer
    lexes its fences' code with this too.)"""
    if not lang or not rouge_knows(lang):
        return [("", code)]
    lang = _resolved(code, lang)
    if lang in ("plaintext", "text"):     # Rouge's plain text: one token, no class
        return [("", code)]
    tokens = rouge_tokens(code, lang)
    return tokens if tokens is not None else _pygments_tokens(code, lang)


def _resolved(code: str, lang: str) -> str:
    """`lang`, or for `guess` the language Rouge guesses from the code (options kept)."""
    name, mark, options = lang.partition("?")
    return guess_language(code, rouge_knows) + mark + options if name == "guess" else lang


def _pygments_tokens(code: str, lang: str) -> list[tuple[str, str]]:
    """Pygments is imported only here: a site whose code is all in languages with Rouge
    lexers never loads it. Plain text and whitespace get no class, as in Rouge."""
    from pygments.token import STANDARD_TYPES, Text, Token

    def short_class(ttype: Any) -> str:
        if ttype in Text or ttype is Token:
            return ""
        while ttype not in STANDARD_TYPES:
            ttype = ttype.parent
        return STANDARD_TYPES[ttype]

    return [(short_class(t), v) for t, v in _pygments_lexer(lang).get_tokens(code)]


@lru_cache(maxsize=64)
def _pygments_lexer(lang: str) -> Any:
    from pygments.lexers import TextLexer, get_lexer_by_name
    from pygments.util import ClassNotFound

    name = ALIASES.get(lang.lower(), lang.lower())
    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=False)


def highlight_spans(code: str, lang: str | None) -> str:
    """The highlighted code as Rouge's HTML formatter writes it (no wrapper)."""
    return _spans(tokens_of(code, lang))


def _spans(tokens: list[tuple[str, str]]) -> str:
    pieces: list[tuple[str, str]] = []
    for css, value in tokens:
        if pieces and pieces[-1][0] == css:
            pieces[-1] = (css, pieces[-1][1] + value)
        else:
            pieces.append((css, value))
    return "".join(f'<span class="{css}">{html.escape(v, quote=False)}</span>' if css
                   else html.escape(v, quote=False) for css, v in pieces)


@dataclass(frozen=True)
class CodeOptions:
    """kramdown's `syntax_highlighter_opts` for one kind of code (blocks or spans), the way
    kramdown hands them to Rouge's formatter; the defaults are Jekyll's."""

    default_lang: str = "plaintext"   # Jekyll's: code without a language is plain text
    guess_lang: bool = True           # Jekyll's `kramdown: guess_lang`: off, plain text is left
    disable: bool = False             # also: a highlighter other than Rouge
    wrap: bool = True                 # Rouge's `<div class="highlight"><pre ...><code>`
    css_class: str = "highlight"      # the class of that `<pre>`
    line_numbers: bool = False        # a table with a gutter of line numbers
    start_line: int = 1
    line_format: str = "%i"
    table_class: str = "rouge-table"
    gutter_class: str = "rouge-gutter"
    code_class: str = "rouge-code"


def code_options(config: Mapping[str, Any]) -> dict[str, CodeOptions]:
    """The options of code blocks and spans (`code_block`, `code_span`) from the site's
    config, merged as kramdown merges them: the shared ones, then `block:` or `span:` over
    them (spans never wrap)."""
    kramdown = config.get("kramdown") or {}
    shared = _option_names(kramdown.get("syntax_highlighter_opts"))
    block, span = _option_names(shared.pop("block", None)), _option_names(shared.pop("span", None))
    shared["default_lang"] = shared.get("default_lang") or "plaintext"
    shared["guess_lang"] = kramdown.get("guess_lang", True)
    highlighter = kramdown.get("syntax_highlighter") or config.get("highlighter") or "rouge"
    if highlighter != "rouge":     # kramdown finds no such highlighter and leaves code alone
        shared["disable"] = True
    return {"code_block": _code_options({**shared, **block}),
            "code_span": _code_options({**shared, **span, "wrap": False})}


def _option_names(options: Any) -> dict[str, Any]:
    """kramdown's names of options: stripped, without a leading `:`."""
    if not isinstance(options, Mapping):
        return {}
    names = {str(key).strip(): value for key, value in options.items()}
    return {key[1:] if key.startswith(":") else key: value for key, value in names.items()}


def _code_options(options: dict[str, Any]) -> CodeOptions:
    """Ruby's reading of the values: anything but nil and false is on."""
    def on(name: str, default: bool) -> bool:
        return ruby_truthy(options.get(name, default))

    def text(name: str, default: str) -> str:
        value = options.get(name)
        return default if value is None or value is False else str(value)

    start = options.get("start_line", 1)
    return CodeOptions(
        default_lang=text("default_lang", ""), guess_lang=on("guess_lang", True),
        disable=on("disable", False), wrap=on("wrap", True),
        css_class=text("css_class", "highlight"), line_numbers=on("line_numbers", False),
        start_line=start if isinstance(start, int) and not isinstance(start, bool) else 1,
        line_format=text("line_format", "%i"), table_class=text("table_class", "rouge-table"),
        gutter_class=text("gutter_class", "rouge-gutter"),
        code_class=text("code_class", "rouge-code"))


BLOCK = CodeOptions()
SPAN = CodeOptions(wrap=False)


def _formatted(code: str, lang: str | None, options: CodeOptions) -> str | None:
    """kramdown's call of Rouge: the code as Rouge's formatter writes it with `options`, or
    None where kramdown leaves it alone (a language Rouge does not know, highlighting off,
    plain text when Jekyll's `guess_lang` is off)."""
    name = lang or options.default_lang
    if not name or options.disable or not rouge_knows(name):
        return None
    name = _resolved(code, name)
    if name.split("?")[0] in ("plaintext", "text") and not options.guess_lang:
        return None
    body = _spans(tokens_of(code, name))
    if options.line_numbers:
        body = _numbered(code, body, options)
    if options.wrap:
        body = (f'<div class="highlight"><pre class="{options.css_class}"><code>{body}'
                "</code></pre></div>")
    return body


def _numbered(code: str, body: str, options: CodeOptions) -> str:
    """Rouge's table formatter: a gutter of line numbers beside the code; a last line
    without a newline gets one."""
    lines = code.count("\n")
    if not code.endswith("\n"):
        lines, body = lines + 1, body + "\n"
    start = options.start_line
    numbers = "\n".join(options.line_format % n for n in range(start, start + lines)) + "\n"
    return (f'<table class="{options.table_class}"><tbody><tr>'
            f'<td class="{options.gutter_class} gl"><pre class="lineno">{numbers}</pre></td>'
            f'<td class="{options.code_class}"><pre>{body}</pre></td></tr></tbody></table>')


def _language_class(classes: str) -> tuple[str | None, str]:
    """The language an attribute list's `.language-NAME` gives, and the other classes."""
    found = LANGUAGE_CLASS.search(classes)
    if found is None:
        return None, classes
    return found.group(1), (classes[:found.start()] + classes[found.end():]).strip()


LANGUAGE_CLASS = re.compile(r"(?u:\b)language-(\S+)", re.A)


def highlight_code_block(code: str, lang: str | None, attrs: str = "", classes: str = "",
                         options: CodeOptions | None = None) -> str:
    """A fenced or indented code block as kramdown + Rouge emit it in Jekyll, with the site's
    options for blocks; kramdown leaves a block that Rouge does not highlight unwrapped.
    `classes` and `attrs` (written already) come from an attribute list (`{: .out #id}`),
    whose `.language-NAME` names the language of a block without one."""
    if lang is None:
        lang, classes = _language_class(classes)
    options = options or BLOCK
    name = lang.split("?")[0] if lang else None   # the options (`php?start_inline=1`) lex
    formatted = _formatted(code, lang, options)
    if formatted is None:
        pre_class = f' class="{classes}"' if classes else ""
        code_class = f' class="language-{html.escape(name)}"' if name else ""
        text = html.escape(code[:-1] if code.endswith("\n") else code, quote=False)
        return f"<pre{pre_class}{attrs}><code{code_class}>{text}\n</code></pre>\n"
    names = " ".join(filter(None, [f"language-{name or options.default_lang}", classes,
                                   "highlighter-rouge"]))
    return f'<div class="{names}"{attrs}>{formatted}</div>\n'


def highlight_code_span(code: str, classes: str,
                        options: CodeOptions | None = None) -> tuple[str, str]:
    """A code span as kramdown + Rouge write it: its class attribute (the language's class,
    any others, Rouge's) and its HTML. A span's `.language-NAME` names its language; without
    one it is the site's default language. Not highlighted, both stay as they are."""
    lang = LANGUAGE_CLASS.search(classes)
    options = options or SPAN
    formatted = _formatted(code, lang.group(1) if lang else None, options)
    if formatted is None:
        return classes, html.escape(code, quote=False)
    language = f"language-{lang.group(1) if lang else options.default_lang}"
    classes = f"{classes} highlighter-rouge".lstrip()
    return re.sub(r"(?u:\b)language-\S+|(^)", lambda found: language + (
        " " if found.group(1) is not None else ""), classes, count=1, flags=re.A), formatted


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


__all__ = ["CodeOptions", "code_options", "highlight_code_block", "highlight_code_span",
           "highlight_tag", "highlight_spans", "tokens_of"]
