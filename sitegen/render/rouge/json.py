"""JSON as Rouge's JSON lexer names it: keys `nl` (with the colon), strings `s2`, numbers,
`kc` constants, whitespace `w`, and `err` for a comma or colon where JSON has none."""

from __future__ import annotations

from .lexer import Rule, Tokens, expand, lex, rule

STATES: dict[str, list[Rule | str]] = {
    "whitespace": [rule(r"\s+", "w")],
    "root": [
        "mixin:whitespace",
        rule(r"{", "p", "object"),
        rule(r"\[", "p", "array"),
        "mixin:name",
        "mixin:value",
        rule(r"[\]}]", "p"),
    ],
    "object": [
        "mixin:whitespace",
        "mixin:name",
        "mixin:value",
        rule(r"}", "p", "#pop"),
        rule(r",", "p"),
    ],
    "name": [rule(r'("(?:\\.|[^"\\\n])*?")(\s*)(:)', ("nl", "w", "p"))],
    "value": [
        "mixin:whitespace",
        "mixin:constants",
        rule(r'"', "s2", "string"),
        rule(r"\[", "p", "array"),
        rule(r"{", "p", "object"),
    ],
    "string": [
        rule(r'[^\\"]+', "s2"),
        rule(r"\\.", "se"),
        rule(r'"', "s2", "#pop"),
    ],
    "array": [
        "mixin:value",
        rule(r"\]", "p", "#pop"),
        rule(r",", "p"),
    ],
    "constants": [
        rule(r"(?:true|false|null)", "kc"),
        rule(r"-?(?:0|[1-9]\d*)\.\d+(?:[eE][+-]?\d+)?", "mf"),
        rule(r"-?(?:0|[1-9]\d*)(?:[eE][+-]?\d+)?", "mi"),
    ],
}
JSON = expand(STATES)


def json_tokens(code: str) -> Tokens:
    return lex(JSON, code)
