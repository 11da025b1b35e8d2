"""Scala as Rouge's lexer names it (Spark jobs in ML posts): a name before `(` is `nf`, before
a dot `nv` and after it `py`, a Capitalized name of two letters or more `nc`; `class`, `:`,
`type` and `[` go into states that name types `kt`. Scala's operator characters (ASCII marks,
Unicode math and other symbols) are spelled out from Unicode's categories, since Python's
`re` has no `\\p{...}`."""

from __future__ import annotations

import re
import unicodedata

from .lexer import Tokens, category_class, char_ranges, either, expand, lex, rule

KEYWORDS = """abstract case catch def do else extends final finally for forSome if implicit lazy
    match new override private protected requires return sealed super this throw try val var
    while with yield"""
# Ruby's \p{Space}: Unicode's White_Space.
SPACES = "\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def _operator_class() -> str:
    """Rouge's `op`: a character of U+0020–U+007F or of categories Sm and So that is not a
    space, letter, `$`, `_`, digit, bracket or one of ‘’".;,"""
    others = set(map(chr, range(0x20, 0x80))) | {
        chr(c) for c in range(0x30000) if unicodedata.category(chr(c)) in ("Sm", "So")}
    return char_ranges(sorted(c for c in others if not (
        re.match(f"[{SPACES}]", c) or unicodedata.category(c).startswith("L")
        or c in "$_0123456789(){}[]‘’\".;,")))


# Rouge's [\p{L}$_]: Python's word characters but digits (its letters and `_`), less the
# numbers that are not digits (², Ⅻ) and more `$`. A class listing every letter would cost
# more to compile, each of the many times a pattern holds it.
LETTER = f"(?:(?![{category_class('No Nl')}])(?u:[^\\W\\d])|\\$)"
UPPER = f"[{category_class('Lu')}$_]"
OP = f"[{_operator_class()}]"
IDREST = rf"(?:{LETTER}(?:{LETTER}|[0-9])*(?:(?<=_){OP}+)?)"
NAMED = rf"(?:{IDREST}|{OP}+|`[^`]+`)"          # a name, an operator or a quoted name
TYPE_CHUNK = rf"(?:{IDREST}|{OP}+`[^`]+`)"      # sic: Rouge has no `|` before the quote
TYPE_WORDS = r"<[%:]|>:|[#_\u21D2]|forSome|type"


SCALA = expand({
    "root": [
        rule(r"(class|trait|object)(\s+)", ("k", ""), "class"),
        rule(rf"'{IDREST}(?!')", "ss"),
        rule(r"[^\S\n]+", ""),
        rule(r"//.*", "c1"),
        rule(r"/\*", "cm", "comment"),
        rule(rf"@{IDREST}", "nd"),
        rule(rf"(def)(\s+)({NAMED})(\s*)", ("k", "", "nf", "")),
        rule(rf"(val)(\s+)({NAMED})(\s*)", ("k", "", "nv", "")),
        rule(rf"(this)(\n*)(\.)({IDREST})", ("k", "", "o", "py")),
        rule(rf"({IDREST}|_)(\n*)(\.)({IDREST})", ("nv", "", "o", "py")),
        rule(rf"{UPPER}{IDREST}\b", "nc"),
        rule(rf"({IDREST})([{SPACES}]*)(\()", ("nf", "", "o")),
        rule(rf"(\.)({IDREST})", ("o", "py")),
        rule(rf"(?:{either(KEYWORDS)})\b|(?:<[%:-]|=>|>:|[#=@_\u21D2\u2190])(?:\b|(?=\s)|$)",
             "k"),
        rule(rf":(?!{OP})", "k", "type"),
        rule(r"(?:true|false|null)\b", "kc"),
        rule(r"(import|package)(\s+)", ("k", ""), "import"),
        rule(r"(type)(\s+)", ("k", ""), "type"),
        rule(r'""".*?"""(?!")', "s", flags=re.A | re.S),
        rule(r'"(?:\\\\|\\"|[^"])*"', "s"),
        rule(r"'\\.'|'[^\\]'|'\\u[0-9a-fA-F]{4}'", "sc"),
        rule(IDREST, "n"),
        rule(r"`[^`]+`", "n"),
        rule(r"\[", "o", "typeparam"),
        rule(r"[(){};,.#]", "o"),
        rule(rf"{OP}+", "o"),
        rule(r"(?:[0-9][0-9]*\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?", "mf"),
        rule(r"[0-9][0-9]*[fFdD]", "mf"),
        rule(r"0x[0-9a-fA-F]+", "mh"),
        rule(r"[0-9]+L?", "mi"),
        rule(r"\n", ""),
    ],
    "class": [
        rule(rf"({NAMED})(\s*)(\[)", ("nc", "", "o"), "typeparam"),
        rule(r"\s+", ""),
        rule(r"{", "o", "#pop"),
        rule(r"\(", "o", "#pop"),
        rule(r"//.*", "c1", "#pop"),
        rule(NAMED, "nc", "#pop"),
    ],
    "type": [
        rule(r"\s+", ""),
        rule(TYPE_WORDS, "k"),
        rule(r"([,);}]|=>|=)(\s*)", ("o", ""), "#pop"),
        rule(r"[({]", "o", "type"),
        rule(rf"({TYPE_CHUNK}(?:\.{TYPE_CHUNK})*)(\s*)(\[)", ("kt", "", "o"), "=typeparam"),
        rule(rf"({TYPE_CHUNK}(?:\.{TYPE_CHUNK})*)(\s*)$", ("kt", ""), "#pop"),
        rule(r"//.*", "c1", "#pop"),
        rule(rf"\.|{NAMED}", "kt"),
    ],
    "typeparam": [
        rule(r"[\s,]+", ""),
        rule(r"<[%:]|=>|>:|[#_\u21D2]|forSome|type", "k"),
        rule(r"([\])}])", "o", "#pop"),
        rule(r"[(\[{]", "o", "typeparam"),
        rule(rf"\.|{NAMED}", "kt"),
    ],
    "comment": [
        rule(r"[^/*]+", "cm"),
        rule(r"/\*", "cm", "comment"),
        rule(r"\*/", "cm", "#pop"),
        rule(r"[*/]", "cm"),
    ],
    "import": [
        rule(rf"(?:{IDREST}|\.)+", "nn", "#pop"),
    ],
})


def scala_tokens(code: str) -> Tokens:
    return lex(SCALA, code)
