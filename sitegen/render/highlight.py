"""Code highlighting with Pygments, written out the way Rouge writes it (Jekyll's highlighter):
same wrapper markup, same short CSS classes, plain text unwrapped."""

from __future__ import annotations

import builtins
import html
from functools import lru_cache

from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.token import STANDARD_TYPES, Text, Token, _TokenType
from pygments.util import ClassNotFound

# Rouge's names that Pygments spells differently.
ALIASES = {"plaintext": "text", "shell": "bash", "console": "console", "sh": "bash",
           "zsh": "bash", "yml": "yaml", "rb": "ruby", "py": "python", "js": "javascript",
           "ts": "typescript", "md": "markdown", "liquid": "liquid"}


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


# Where Rouge's Python lexer names tokens differently from Pygments'.
PYTHON_CLASSES = {"s2": "s", "kc": "bp", "nd": "n"}
# Rouge marks a builtin's name as a builtin even as an attribute (`np.abs`, `x.max`).
PYTHON_BUILTINS = frozenset(n for n in dir(builtins) if n.islower() and not n.startswith("_"))
PYTHON_KEYWORDS = frozenset({"print", "exec"})


def _tokens(code: str, lang: str | None):
    """Pygments' tokens, re-cut where Rouge cuts differently (for the languages we know)."""
    tokens = list(_lexer(lang).get_tokens(code))
    if (lang or "").lower() not in ("python", "py", "python3"):
        return [(_css_class(t), v) for t, v in tokens]
    out: list[tuple[str, str]] = []
    previous_word = ""
    for ttype, value in tokens:
        css = _css_class(ttype)
        if css == "si" and value.startswith("%"):
            css = "s"                      # Rouge keeps %-formats inside the string
        elif css == "nn" and previous_word == "as":
            css = "n"
        elif css == "o" and value == ".":
            css = "p"
        elif css in ("n", "nb") and value in PYTHON_KEYWORDS:
            css = "k"
        elif css == "n" and previous_word == "." and value in PYTHON_BUILTINS:
            css = "nb"
        elif css == "nd" and value.startswith("@"):
            out.append(("o", "@"))
            value = value[1:]
        css = PYTHON_CLASSES.get(css, css)
        if value.strip():
            previous_word = value.strip()
        out.append((css, value))
    return out


def highlight_spans(code: str, lang: str | None) -> str:
    """The highlighted code as Rouge's HTML formatter writes it (no wrapper)."""
    pieces: list[tuple[str, str]] = []
    for css, value in _tokens(code, lang):
        # Rouge keeps a line comment's newline inside its span.
        if not css and value.startswith("\n") and pieces and \
                pieces[-1][0] in ("c1", "cp") and not pieces[-1][1].endswith("\n"):
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + "\n")
            value = value[1:]
            if not value:
                continue
        if pieces and pieces[-1][0] == css:
            pieces[-1] = (css, pieces[-1][1] + value)
        else:
            pieces.append((css, value))
    return "".join(f'<span class="{css}">{html.escape(v, quote=False)}</span>' if css else html.escape(v, quote=False)
                   for css, v in pieces)


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
