"""INI as Rouge 3.30's lexer names it (config files in ML posts): `[section]` `nn`, a key `py`
before its `=` `p`, the value a string `s` with escapes `se`, comments `c`. A line that is not
a section, key or comment (`key: value`) is errors, one character each, as in Rouge.
Files: *.ini, *.INI, *.gitconfig."""

from __future__ import annotations

import re

from .lexer import Tokens, expand, lex, rule

IDENTIFIER = r"[\w\-.]+"

INI = expand({
    "basic": [
        rule(r"[;#].*?\n", "c"),
        rule(r"\s+", ""),
        rule(r"\\\n", "se"),
    ],
    "root": [
        "mixin:basic",
        rule(rf"({IDENTIFIER})(\s*)(=)", ("py", "", "p"), "value"),
        rule(r"\[.*?\]", "nn"),
    ],
    "value": [
        rule(r"\n", "", "#pop"),
        "mixin:basic",
        rule(r'"', "s", "dq"),
        rule(r"'.*?'", "s"),
        "mixin:esc_str",
        rule(r"[^\\\n]+", "s"),
    ],
    "dq": [
        rule(r'"', "s", "#pop"),
        "mixin:esc_str",
        rule(r'[^\\"]+', "s"),
    ],
    "esc_str": [
        rule(r"\\.", "se", flags=re.A | re.S),
    ],
})


def ini_tokens(code: str) -> Tokens:
    return lex(INI, code)
