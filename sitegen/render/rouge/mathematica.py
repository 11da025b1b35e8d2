"""Mathematica (Wolfram Language) as Rouge 3.30's lexer names it: built-in symbols `nb`
(`Module`, `With`, `Block` `bp`), other symbols `nv`, slots (`#`, `#1`) `nf`, numbers `m`
(`2^^101`, `1.5``20`, `1*^10`), `sym::msg` `nt`, `In[1]:=` `gp`, nested `(* *)` comments
`c`, spaces `w`. Files: *.m, *.wl."""

from __future__ import annotations

import re

from .lexer import Rule, Run, Tokens, expand, lex, rule
from .mathematica_builtins import BUILTINS

NUMBER = r"(?:\.\d+|\d+\.\d*|\d+)"
NUMBER_BASE = r"(?:\.\w+|\w+\.\w*|\w+)"
PRECISION = rf"`(`?{NUMBER})?"
STRING = r'"(\\\\|\\"|[^"])*"'
IDENTIFIER = r"[a-zA-Z$][$a-zA-Z0-9]*"
SYMBOL = rf"(?:{IDENTIFIER}|\\\[{IDENTIFIER}\])+"
CONTEXT_SYMBOL = rf"`?{SYMBOL}(`{SYMBOL})*`?"
SLOT = rf'#({IDENTIFIER}|"{IDENTIFIER}")|#[0-9]*'
KEYWORDS = frozenset(("Module", "With", "Block"))


def _symbol(found: re.Match, run: Run) -> Tokens:
    symbol = found.group()
    return [("bp" if symbol in KEYWORDS else "nb" if symbol in BUILTINS else "nv", symbol)]


MATHEMATICA: dict[str, list[Rule]] = expand({
    "root": [
        rule(r"\s+", "w"),
        rule(r"\(\*", "c", "comment"),
        rule(rf"\d+\^\^{NUMBER_BASE}(?:{PRECISION})?(\*\^[+-]?\d+)?", "m"),
        rule(rf"(?:{NUMBER}(?:{PRECISION})?(?:\*\^[+-]?\d+)?)", "m"),
        rule(rf"::({IDENTIFIER}|{STRING})", "nt"),
        rule(r"(In|Out)\[[0-9]+\]:?=", "gp"),
        rule(CONTEXT_SYMBOL, _symbol),
        rule(SLOT, "nf"),
        rule(r"[+\-*/|,;.:@~=><&`'^?!_%]", "o"),
        rule(r"[\[\](){}]", "p"),
        rule(STRING, "s"),
    ],
    "comment": [
        rule(r"\(\*", "c", "comment"),
        rule(r"\*\)", "c", "#pop"),
        rule(rf"::{IDENTIFIER}::", "cp"),
        rule(rf"[ ]:({IDENTIFIER}|[^\S])+:[ ]", "cp"),
        rule(r".", "c"),
    ],
})


def mathematica_tokens(code: str) -> Tokens:
    return lex(MATHEMATICA, code)
