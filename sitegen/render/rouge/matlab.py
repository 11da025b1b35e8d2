"""MATLAB as Rouge 3.30's lexer names it (`matlab` and `m` fences in ML posts): keywords `k`,
MATLAB's functions `nb`, other names `n`, brackets and separators `p`, `'...'` `s1` and
`"..."` `s2` when the line closes them (else `'` is the transpose operator), `...` `k` with
the rest of its line a comment; a `!` line's command goes to Rouge's shell rules.
Files: *.m."""

from __future__ import annotations

import re

from .lexer import Run, Tokens, expand, lex, rule
from .matlab_builtins import BUILTINS
from .shell import shell_tokens

KEYWORDS = frozenset("""arguments break case catch classdef continue else elseif end for function
    global if import methods otherwise parfor persistent properties return spmd switch try
    while""".split())


def _name(found: re.Match, run: Run) -> Tokens:
    name = found.group()
    return [("k" if name in KEYWORDS else "nb" if name in BUILTINS else "n", name)]


def _shell_escape(found: re.Match, run: Run) -> Tokens:
    """`!command`: the command lexed afresh as shell code, as Rouge delegates it."""
    return [("k", found.group(1)), *shell_tokens(found.group(2))]


MATLAB = expand({
    "root": [
        rule(r"\s+", ""),
        rule(r"[{]%.*?%[}]", "cm", flags=re.A | re.S),
        rule(r"%.*$", "c1"),
        rule(r"([.][.][.])(.*?)$", ("k", "c")),
        rule(r"^(!)(.*?)(?=%|$)", _shell_escape),
        rule(r"[a-zA-Z][_a-zA-Z0-9]*", _name),
        rule(r"[(){};:,/\\\]\[]", "p"),
        rule(r"~=|==|<<|>>|[-~+/*%=<>&^|.@]", "o"),
        rule(r"(\d+\.\d*|\d*\.\d+)(e[+-]?[0-9]+)?", "mf", flags=re.A | re.I),
        rule(r"\d+e[+-]?[0-9]+", "mf", flags=re.A | re.I),
        rule(r"\d+L", "il"),
        rule(r"\d+", "mi"),
        rule(r"'(?=(.*'))", "s1", "chararray"),
        rule(r'"(?=(.*"))', "s2", "string"),
        rule(r"'", "o"),
    ],
    "chararray": [
        rule(r"[^']+", "s1"),
        rule(r"''", "se"),
        rule(r"'", "s1", "#pop"),
    ],
    "string": [
        rule(r'[^"]+', "s2"),
        rule(r'""', "se"),
        rule(r'"', "s2", "#pop"),
    ],
})


def matlab_tokens(code: str) -> Tokens:
    return lex(MATLAB, code)
