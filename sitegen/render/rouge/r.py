"""R as Rouge's lexer names it (statistics and plotting in ML posts): one state, whitespace
`w`, `#'` roxygen comments `cd`, a base primitive `nf` only when `(` follows it, and a name's
class from three word lists. A sign is part of the number after it (`x-1` is `x`, `-1`)."""

from __future__ import annotations

import re

from .lexer import Rule, Run, Tokens, lex, rule

KEYWORDS = frozenset("if else for while repeat in next break function".split())
KEYWORD_CONSTANTS = frozenset("""NULL Inf TRUE FALSE NaN NA NA_integer_ NA_real_ NA_complex_
    NA_character_""".split())
BUILTIN_CONSTANTS = frozenset("LETTERS letters month.abb month.name pi T F".split())
# Rouge joins these unescaped, so each `.` takes any character but a newline.
PRIMITIVE_FUNCTIONS = """abs acos acosh all any anyNA Arg as.call as.character as.complex
    as.double as.environment as.integer as.logical as.null.default as.numeric as.raw asin asinh
    atan atanh attr attributes baseenv browser c call ceiling class Conj cos cosh cospi cummax
    cummin cumprod cumsum digamma dim dimnames emptyenv exp expression floor forceAndCall gamma
    gc.time globalenv Im interactive invisible is.array is.atomic is.call is.character
    is.complex is.double is.environment is.expression is.finite is.function is.infinite
    is.integer is.language is.list is.logical is.matrix is.na is.name is.nan is.null is.numeric
    is.object is.pairlist is.raw is.recursive is.single is.symbol lazyLoadDBfetch length lgamma
    list log max min missing Mod names nargs nzchar oldClass on.exit pos.to.env proc.time prod
    quote range Re rep retracemem return round seq_along seq_len seq.int sign signif sin sinh
    sinpi sqrt standardGeneric substitute sum switch tan tanh tanpi tracemem trigamma trunc
    unclass untracemem UseMethod xtfrm"""
ALPHA = r"[^\W\d_]"                    # Ruby's [[:alpha:]], Unicode letters


def _name(found: re.Match, run: Run) -> Tokens:
    """A word's class: keyword, constant, built-in constant or plain name."""
    text = found.group()
    return [("k" if text in KEYWORDS else "kc" if text in KEYWORD_CONSTANTS
             else "nb" if text in BUILTIN_CONSTANTS else "n", text)]


R: dict[str, list[Rule]] = {"root": [
    rule(r"#'.*?$", "cd"),
    rule(r"#.*?$", "c1"),
    rule(r"\s+", "w"),
    rule(r"`[^`]+?`", "n"),
    rule(r"'(?:\\.|.)*?'", "s1", flags=re.A | re.S),
    rule(r'"(?:\\.|.)*?"', "s2", flags=re.A | re.S),
    rule(r"%[^%]*?%", "o"),
    rule(r"0[xX][a-fA-F0-9]+(?:[pP][0-9]+)?[Li]?", "mh"),
    rule(r"[+-]?(?:\d+(?:[.]\d+)?|[.]\d+)(?:[eE][+-]?\d+)?[Li]?", "m"),
    rule(r"\b(?<!.)(?:" + "|".join(PRIMITIVE_FUNCTIONS.split()) + r")(?=\()", "nf"),
    rule(rf"(?u:(?:{ALPHA}|[.](?:[._]|{ALPHA}))[.\w]*)|[.]", _name),
    rule(r"[\[\]{}();,]", "p"),
    rule(r"[-<>?*+^/!=~$@:%&|]", "o"),
]}


def r_tokens(code: str) -> Tokens:
    return lex(R, code)
