"""Code highlighting written out the way Rouge writes it (Jekyll's highlighter): same wrapper
markup, same short CSS classes, plain text unwrapped. The tokens come from Rouge's own rules
(`rouge`) for the languages ML posts show most, else from Pygments' lexer of the name."""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any

from .rouge import rouge_knows, rouge_tokens

# Rouge's names that Pygments spells differently (of the languages Pygments lexes here).
ALIASES = {"plaintext": "text", "rb": "ruby", "md": "markdown"}


def _tokens(code: str, lang: str | None) -> list[tuple[str, str]]:
    """Rouge's tokens where sitegen has Rouge's lexer, else Pygments' lexer of that name;
    plain text without a language, or in one Rouge does not know."""
    if not lang or not rouge_knows(lang):
        return [("", code)]
    tokens = rouge_tokens(code, lang)
    return tokens if tokens is not None else _pygments_tokens(code, lang)


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
    pieces: list[tuple[str, str]] = []
    for css, value in _tokens(code, lang):
        if pieces and pieces[-1][0] == css:
            pieces[-1] = (css, pieces[-1][1] + value)
        else:
            pieces.append((css, value))
    return "".join(f'<span class="{css}">{html.escape(v, quote=False)}</span>' if css
                   else html.escape(v, quote=False) for css, v in pieces)


def highlight_code_block(code: str, lang: str | None, attrs: str = "",
                         classes: str = "") -> str:
    """A fenced or indented code block as kramdown + Rouge emit it in Jekyll; kramdown leaves
    a block in a language Rouge does not know unhighlighted and unwrapped. `classes` and
    `attrs` (written already) come from an attribute list (`{: .out #id}`)."""
    if lang and not rouge_knows(lang):
        return (f'<pre><code class="language-{html.escape(lang)}">'
                f"{html.escape(code, quote=False)}</code></pre>\n")
    name = lang.split("?")[0] if lang else None   # the options (`php?start_inline=1`) lex
    names = " ".join(filter(None, [f"language-{name or 'plaintext'}", classes,
                                   "highlighter-rouge"]))
    return (f'<div class="{names}"{attrs}><div class="highlight">'
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
