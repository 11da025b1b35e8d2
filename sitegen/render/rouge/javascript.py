"""JavaScript and TypeScript as Rouge's lexers name them (TF.js demos are JavaScript): names
`nx`, declarations `kd`, quotes `dl`, and a state machine that tells a regular expression
from a division by what came before (after an operator, `(`, `,` or a keyword, `/` starts a
regex). TypeScript adds words, and rules in front, as Rouge's TypeScript class does."""

from __future__ import annotations

import re
from typing import Callable

from .lexer import Rule, Run, Tokens, expand, lex, rule

KEYWORDS = """as async await break case catch continue debugger default delete do else export
    finally from for if import in instanceof new of return super switch this throw try typeof
    void while yield"""
DECLARATIONS = "var let const with function class extends constructor get set static"
RESERVED = "enum implements interface package private protected public"
CONSTANTS = frozenset("true false null NaN Infinity undefined".split())
BUILTINS = """Array Boolean Date Error Function Math netscape Number Object Packages RegExp
    String sun decodeURI decodeURIComponent encodeURI encodeURIComponent eval isFinite isNaN
    parseFloat parseInt document window navigator self global Promise Set Map WeakSet WeakMap
    Symbol Proxy Reflect Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array
    Uint16ClampedArray Int32Array Uint32Array Uint32ClampedArray Float32Array Float64Array
    DataView ArrayBuffer"""
TS_KEYWORDS = "is namespace static private protected public implements readonly"
TS_DECLARATIONS = "type abstract"
TS_RESERVED = "string any void number namespace module declare default interface keyof"
TS_BUILTINS = "Pick Partial Readonly Record"
NAME = r"(?u:(?:[^\W\d]|\$)\w*)"   # Rouge's [\p{L}\p{Nl}$_][\p{Word}]*


Names = Callable[[re.Match, Run], Tokens]


def _names(keywords: str, declarations: str, reserved: str, builtins: str) -> Names:
    """A name's class, in Rouge's order of its word lists; a keyword or declaration expects
    an expression next."""
    keyword_set, declaration_set = frozenset(keywords.split()), frozenset(declarations.split())
    reserved_set, builtin_set = frozenset(reserved.split()), frozenset(builtins.split())

    def name(found: re.Match, run: Run) -> Tokens:
        text = found.group()
        if text in keyword_set or text in declaration_set:
            run.go("expr_start")
            return [("k" if text in keyword_set else "kd", text)]
        return [("kr" if text in reserved_set else "kc" if text in CONSTANTS
                 else "nb" if text in builtin_set else "nx", text)]
    return name


def _ternary(found: re.Match, run: Run) -> Tokens:
    run.go("ternary")
    run.go("expr_start")
    return [("p", "?")]


def _states(name: Names, typescript: bool) -> dict[str, list[Rule]]:
    states = _javascript_states(name)
    if typescript:
        states["root"][:0] = [rule(r"[?][.]", "p"), rule(r"[?]{2}", "o")]
        states["statement"][:0] = [rule(rf"({NAME})(\??)(\s*)(:)", ("nl", "p", "", "p"),
                                        "expr_start")]
    return expand(states)


def _javascript_states(name: Names) -> dict[str, list[Rule | str]]:
    return {
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
            rule(NAME, name),
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
            rule(rf"({NAME})(\s*)(:)", ("nl", "", "p")),
            "mixin:expr_start",
        ],
        "object": [
            "mixin:comments_and_whitespace",
            rule(r"[{]", "p", "object"),
            rule(r"[}]", "p", "=statement"),
            rule(rf"({NAME})(\s*)(:)", ("na", "", "p"), "expr_start"),
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


JAVASCRIPT = _states(_names(KEYWORDS, DECLARATIONS, RESERVED, BUILTINS), typescript=False)
TYPESCRIPT = _states(_names(f"{KEYWORDS} {TS_KEYWORDS}", f"{DECLARATIONS} {TS_DECLARATIONS}",
                            f"{RESERVED} {TS_RESERVED}", f"{BUILTINS} {TS_BUILTINS}"),
                     typescript=True)


def javascript_tokens(code: str) -> Tokens:
    return lex(JAVASCRIPT, code)


def typescript_tokens(code: str) -> Tokens:
    return lex(TYPESCRIPT, code)
