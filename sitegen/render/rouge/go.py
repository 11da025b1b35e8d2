"""Go as Rouge's lexer names it (serving models, CLIs): keywords, predeclared types `kt`,
functions `nb` and constants `no`, numbers of every form one class `m`, runes `sc`; strings
are `s` with escapes `se` and a bad escape `err`. Operators are tried in Rouge's order, so
`/=` is `/` then `=`."""

from __future__ import annotations

import re

from .lexer import Tokens, expand, lex, rule

KEYWORD = r"""\b(?:break|default|func|interface|select|case|defer|go|map|struct|chan|else|goto
    |package|switch|const|fallthrough|if|range|type|continue|for|import|return|var)\b"""
TYPES = r"""\b(?:bool|byte|complex64|complex128|error|float32|float64|int8|int16|int32|int64
    |int|rune|string|uint8|uint16|uint32|uint64|uintptr|uint)\b"""
FUNCTIONS = r"""\b(?:append|cap|close|complex|copy|delete|imag|len|make|new|panic|print
    |println|real|recover)\b"""
OPERATOR = r"""\+=|\+\+|\+|&\^=|&\^|&=|&&|&|==|=|!=|!|-=|--|-|\|=|\|\||\||<=|<-|<<=|<<|<
    |\*=|\*|\^=|\^|>>=|>>|>=|>|/|/=|:=|%|%=|\.\.\.|\.|:"""
HEX = r"[0-9A-Fa-f]"
DECIMALS = r"[0-9]+"
EXPONENT = rf"[eE][+\-]?{DECIMALS}"
FLOAT = rf"(?:{DECIMALS}\.(?:{DECIMALS})?(?:{EXPONENT})?|{DECIMALS}{EXPONENT}|\.{DECIMALS}" \
        rf"(?:{EXPONENT})?)"
ESCAPED_CHAR = r"\\[abfnrtv\\'\"]"
UNICODE_VALUE = rf"(?:[^\n]|\\u{HEX}{{4}}|\\U{HEX}{{8}}|{ESCAPED_CHAR})"
BYTE_VALUE = rf"(?:\\[0-7]{{3}}|\\x{HEX}{{2}})"


def _flat(pattern: str) -> str:
    """A pattern written over lines, without its line breaks and indents."""
    return re.sub(r"\s+", "", pattern)


GO = expand({
    "simple_tokens": [
        rule(r"//.*|(?s:/\*(?:(?!\*/).)*\*/)", "c"),
        rule(_flat(KEYWORD), "k"),
        rule(_flat(TYPES), "kt"),
        rule(_flat(FUNCTIONS), "nb"),
        rule(r"\b(?:true|false|iota|nil)\b", "no"),
        rule(rf"(?:{DECIMALS}|{FLOAT})i", "m"),
        rule(FLOAT, "m"),
        rule(rf"0[xX]{HEX}+|[0-9][0-9]*|0[0-7]*", "m"),
        rule(rf"'(?:{UNICODE_VALUE}|{BYTE_VALUE})'", "sc"),
        rule(_flat(OPERATOR), "o"),
        rule(r"[()\[\]{},;]", "p"),
        rule(rf"(?!{_flat(KEYWORD)})(?u:[^\W\d]\w*)", "n"),
        rule(r"\s+", ""),
    ],
    "root": [
        "mixin:simple_tokens",
        rule(r"`", "s", "raw_string"),
        rule(r'"', "s", "interpreted_string"),
    ],
    "interpreted_string": [
        rule(rf"{ESCAPED_CHAR}|\\u{HEX}{{4}}|\\U{HEX}{{8}}|\\x{HEX}{{2}}", "se"),
        rule(r"\\.", "err"),
        rule(r'"', "s", "#pop"),
        rule(r'[^"\\]+', "s"),
    ],
    "raw_string": [
        rule(r"`", "s", "#pop"),
        rule(r"[^`]+", "s"),
    ],
})


def go_tokens(code: str) -> Tokens:
    return lex(GO, code)
