"""TeX and LaTeX as Rouge 3.30's lexer names them (equations and tables in ML posts): a
command `k` with its `[options]` `na`, `\\begin{x}` and `\\end{x}` `nt`, braces and `&`
punctuation; within `$...$`, `$$...$$`, `\\(...\\)` and `\\[...\\]` commands are `nv`, other
letters `nb` and numbers `m`. Files: *.tex, *.aux, *.toc, *.sty, *.cls."""

from __future__ import annotations

from .lexer import Tokens, expand, lex, rule

# Rouge's /\\([a-z]+|\s+|.)/i: Ruby's case folding takes the long s and the Kelvin sign too.
COMMAND = r"\\(?:[a-zA-Z\u017f\u212a]+|\s+|.)"

TEX = expand({
    "general": [
        rule(r"%.*$", "c"),
        rule(r"[{}&_^]", "p"),
    ],
    "root": [
        rule(r"\\\[", "p", "displaymath"),
        rule(r"\\\(", "p", "inlinemath"),
        rule(r"\$\$", "p", "displaymath"),
        rule(r"\$", "p", "inlinemath"),
        rule(r"\\(?:begin|end)\{.*?\}", "nt"),
        rule(r"(\\verb)\b(\S)(.*?)(\2)", ("nb", "kp", "sx", "kp")),
        rule(COMMAND, "k", "command"),
        "mixin:general",
        rule(r"[^\\$%&_^{}]+", ""),
    ],
    "math": [
        rule(COMMAND, "nv"),
        "mixin:general",
        rule(r"[0-9]+", "m"),
        rule(r"[-=!+*/()\[\]]", "o"),
        rule(r"[^=!+*/()\[\]\\$%&_^{}0-9-]+", "nb"),
    ],
    "inlinemath": [
        rule(r"\\\)", "p", "#pop"),
        rule(r"\$", "p", "#pop"),
        "mixin:math",
    ],
    "displaymath": [
        rule(r"\\\]", "p", "#pop"),
        rule(r"\$\$", "p", "#pop"),
        rule(r"\$", "nb"),
        "mixin:math",
    ],
    "command": [
        rule(r"\[.*?\]", "na"),
        rule(r"\*", "k"),
        rule(r"", "", "#pop"),
    ],
})


def tex_tokens(code: str) -> Tokens:
    return lex(TEX, code)
