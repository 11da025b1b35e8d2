"""TOML as Rouge's TOML lexer names it (`pyproject.toml` in posts): keys `py`, table headers
`nn`, strings `s`, numbers and dates."""

from __future__ import annotations


from .lexer import Rule, Tokens, expand, lex, rule

KEY = r"(?:\S+|\"[^\"]+\"|'[^']+')"

STATES: dict[str, list[Rule | str]] = {
    "basic": [
        rule(r"\s+", ""),
        rule(r"#.*?$", "c"),
        rule(r"(?:true|false)", "kc"),
        rule(rf"({KEY})(\s*)(=)(\s*)(\{{)", ("nn", "", "o", "", "p"), "inline"),
        rule(r"(?<!=)\s*\[\S+\]", "nn"),
        rule(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", "ld"),
        rule(r"[+-]?\d+(?:_\d+)*\.\d+(?:_\d+)*(?:[eE][+-]?\d+(?:_\d+)*)?", "mf"),
        rule(r"[+-]?\d+(?:_\d+)*[eE][+-]?\d+(?:_\d+)*", "mf"),
        rule(r"[+-]?(?:nan|inf)", "mf"),
        rule(r"0x[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*", "mh"),
        rule(r"0o[0-7]+(?:_[0-7]+)*", "mo"),
        rule(r"0b[01]+(?:_[01]+)*", "mb"),
        rule(r"[+-]?\d+(?:_\d+)*", "mi"),
    ],
    "root": [
        "mixin:basic",
        rule(rf"({KEY})(\s*)(=)", ("py", "", "p"), "value"),
    ],
    "value": [rule(r"\n", "", "#pop"), "mixin:content"],
    "content": [
        "mixin:basic",
        rule(rf"({KEY})(\s*)(=)", ("py", "", "p")),
        rule(r'"""', "s", "mdq"),
        rule(r'"', "s", "dq"),
        rule(r"'''", "s", "msq"),
        rule(r"'", "s", "sq"),
        "mixin:escape",
        rule(r",", "p"),
        rule(r"\[", "p", "array"),
    ],
    "dq": [
        rule(r'"', "s", "#pop"),
        rule(r"\n", "err", "#pop"),
        "mixin:escape",
        rule(r'[^\\"\n]+', "s"),
    ],
    "mdq": [
        rule(r'"""', "s", "#pop"),
        "mixin:escape",
        rule(r'[^\\"]+', "s"),
        rule(r'"+', "s"),
    ],
    "sq": [
        rule(r"'", "s", "#pop"),
        rule(r"\n", "err", "#pop"),
        rule(r"[^'\n]+", "s"),
    ],
    "msq": [
        rule(r"'''", "s", "#pop"),
        rule(r"[^']+", "s"),
        rule(r"'+", "s"),
    ],
    "escape": [rule(r'\\[0t\tn\n "\\r]', "se")],
    "array": ["mixin:content", rule(r"\]", "p", "#pop")],
    "inline": ["mixin:content", rule(r"\}", "p", "#pop")],
}
TOML = expand(STATES)


def toml_tokens(code: str) -> Tokens:
    return lex(TOML, code)
