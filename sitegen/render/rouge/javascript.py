"""JavaScript as Rouge's lexer names it (TF.js demos are JavaScript): names `nx`, declarations
`kd`, quotes `dl`, and a state machine that tells a regular expression from a division by
what came before (after an operator, `(`, `,` or a keyword, `/` starts a regex)."""

from __future__ import annotations

import re

from .lexer import Rule, Run, Tokens, expand, lex, rule

KEYWORDS = frozenset("""as async await break case catch continue debugger default delete do
    else export finally from for if import in instanceof new of return super switch this
    throw try typeof void while yield""".split())
DECLARATIONS = frozenset("""var let const with function class extends constructor get set
    static""".split())
RESERVED = frozenset("enum implements interface package private protected public".split())
CONSTANTS = frozenset("true false null NaN Infinity undefined".split())
BUILTINS = frozenset("""Array Boolean Date Error Function Math netscape Number Object Packages
    RegExp String sun decodeURI decodeURIComponent encodeURI encodeURIComponent eval isFinite
    isNaN parseFloat parseInt document window navigator self global Promise Set Map WeakSet
    WeakMap Symbol Proxy Reflect Int8Array Uint8Array Uint8ClampedArray Int16Array
    Uint16Array Uint16ClampedArray Int32Array Uint32Array Uint32ClampedArray Float32Array
    Float64Array DataView ArrayBuffer""".split())
NAME = r"(?:[^\W\d]|\$)\w*"   # Rouge's [\p{L}\p{Nl}$_][\p{Word}]*


def _name(found: re.Match, run: Run) -> Tokens:
    text = found.group()
    if text in KEYWORDS or text in DECLARATIONS:
        run.go("expr_start")
        return [("k" if text in KEYWORDS else "kd", text)]
    return [("kr" if text in RESERVED else "kc" if text in CONSTANTS
             else "nb" if text in BUILTINS else "nx", text)]


def _ternary(found: re.Match, run: Run) -> Tokens:
    run.go("ternary")
    run.go("expr_start")
    return [("p", "?")]


STATES: dict[str, list[Rule | str]] = {
    "multiline_comment": [
        rule(r"[*]/", "cm", "#pop"),
        rule(r"[^*/]+", "cm"),
        rule(r"[*/]", "cm"),
    ],
    "comments_and_whitespace": [
        rule(r"\s+", ""),
        rule(r"<!--", "c"),
        rule(r"//.*?$", "c1"),
        rule(r"/[*]", "cm", "multiline_comment"),
    ],
    "expr_start": [
        "mixin:comments_and_whitespace",
        rule(r"/", "sr", "=regex"),
        rule(r"[{]", "p", "=object"),
        rule(r"", "", "#pop"),
    ],
    "regex": [
        rule(r"/", "sr", "=regex_end"),
        rule(r"[^/]\n", "err", "#pop"),
        rule(r"\n", "err", "#pop"),
        rule(r"\[\^", "se", "regex_group"),
        rule(r"\[", "se", "regex_group"),
        rule(r"\\.", "se"),
        rule(r"[(][?][:=<!]", "se"),
        rule(r"[{][\d,]+[}]", "se"),
        rule(r"[()?]", "se"),
        rule(r".", "sr"),
    ],
    "regex_end": [
        rule(r"[gimuy]+", "sr", "#pop"),
        rule(r"", "", "#pop"),
    ],
    "regex_group": [
        rule(r"/", "se"),
        rule(r"[^/]\n", "err", "#pop2"),
        rule(r"\]", "se", "#pop"),
        rule(r"\\.", "se"),
        rule(r".", "sr"),
    ],
    "root": [
        rule(r"\A\s*#!.*?\n", "cp", "statement", flags=re.A | re.S),
        "mixin:comments_and_whitespace",
        rule(r"\+\+|--|~|\?\?=?|&&|\|\||\\(?=\n)|<<|>>>?|===|!==", "o", "expr_start"),
        rule(r"[-<>+*%&|^/!=]=?", "o", "expr_start"),
        rule(r"[(\[,]", "p", "expr_start"),
        rule(r";", "p", "statement"),
        rule(r"[)\].]", "p"),
        rule(r"`", "s2", "template_string"),
        rule(r"[?][.]", "p"),
        rule(r"[?]", _ternary),
        rule(r"(@)(\w+)?", ("p", "nd"), "expr_start"),
        rule(r"[{}]", "p", "statement"),
        rule(NAME, _name, flags=0),
        rule(r"[0-9][0-9]*\.[0-9]+(?:[eE][0-9]+)?[fd]?", "mf"),
        rule(r"0x[0-9a-fA-F]+", "mh", flags=re.A | re.I),
        rule(r"0o[0-7][0-7_]*", "mo", flags=re.A | re.I),
        rule(r"0b[01][01_]*", "mb", flags=re.A | re.I),
        rule(r"[0-9]+", "mi"),
        rule(r'"', "dl", "dq"),
        rule(r"'", "dl", "sq"),
        rule(r":", "p"),
    ],
    "dq": [
        rule(r'\\[\\nrt"]?', "se"),
        rule(r'[^\\"]+', "s2"),
        rule(r'"', "dl", "#pop"),
    ],
    "sq": [
        rule(r"\\[\\nrt']?", "se"),
        rule(r"[^\\']+", "s1"),
        rule(r"'", "dl", "#pop"),
    ],
    "statement": [
        rule(r"case\b", "k", "=expr_start"),
        rule(rf"({NAME})(\s*)(:)", ("nl", "", "p"), flags=0),
        "mixin:expr_start",
    ],
    "object": [
        "mixin:comments_and_whitespace",
        rule(r"[{]", "p", "object"),
        rule(r"[}]", "p", "=statement"),
        rule(rf"({NAME})(\s*)(:)", ("na", "", "p"), "expr_start", flags=0),
        rule(r":", "p"),
        "mixin:root",
    ],
    "ternary": [
        rule(r":", "p", "=expr_start"),
        "mixin:root",
    ],
    "template_string": [
        rule(r"[$]{", "p", "template_string_expr"),
        rule(r"`", "s2", "#pop"),
        rule(r"\\[$`]", "se"),
        rule(r"[^$`\\]+", "s2"),
        rule(r"[\\$]", "s2"),
    ],
    "template_string_expr": [
        rule(r"}", "p", "#pop"),
        "mixin:root",
    ],
}
JAVASCRIPT = expand(STATES)


def javascript_tokens(code: str) -> Tokens:
    return lex(JAVASCRIPT, code)
