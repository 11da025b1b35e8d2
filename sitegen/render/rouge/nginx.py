"""nginx's configuration as Rouge 3.30's lexer names it: a directive `k` (`kn` inside a
block), `on`/`off` `no`, variables `nv`, `host:port` `nf`/`p`/`mi`, mime types `nc`, sizes
`mi`, a `~` pattern `sr`, paths `n`, other values `s`, comments `c1`. Files: nginx.conf."""

from __future__ import annotations

import re

from .lexer import Rule, Tokens, expand, lex, rule

ID = r"[^\s$;{}()#]+"
INSENSITIVE = re.A | re.I

NGINX: dict[str, list[Rule]] = expand({
    "root": [
        rule(r"(include)(\s+)([^\s;]+)", ("k", "", "n")),
        rule(ID, "k", "statement"),
        "mixin:base",
    ],
    "block": [
        rule(r"\}", "p", "#pop"),
        rule(ID, "kn", "statement"),
        "mixin:base",
    ],
    "statement": [
        rule(r"\{", "p", "=block"),
        rule(r";", "p", "#pop"),
        "mixin:base",
    ],
    "base": [
        rule(r"\s+", ""),
        rule(r"#.*", "c1"),
        rule(r"(?:on|off)\b", "no"),
        rule(r"[$][\w-]+", "nv"),
        rule(r"([a-z0-9.-]+)(:)([0-9]+)", ("nf", "p", "mi"), flags=INSENSITIVE),
        rule(r"[a-z-]+/[a-z-]+", "nc", flags=INSENSITIVE),
        rule(r"[0-9]+[kmg]?\b", "mi", flags=INSENSITIVE),
        rule(r"(~)(\s*)([^\s{]+)", ("p", "", "sr")),
        rule(r"[:=~]", "p"),
        rule(rf"/(?:{ID})?", "n"),
        rule(r"[^#\s;{}$\\]+", "s"),
        rule(r"[$;]", ""),
    ],
})


def nginx_tokens(code: str) -> Tokens:
    return lex(NGINX, code)
