"""Java as Rouge's lexer names it (Android and DL4J snippets in ML posts): one root state of
rules tried in order. Keywords come first, then a rule that takes a method's signature up to
its `(`, naming the method `nf` and lexing the words before it (return type, modifiers)
afresh, as Rouge's `delegate` does. Declarations are `kd`, types `kt`, ALL_CAPS names `no`,
Capitalized names `nc`, a name after a dot `na`, and every punctuation mark an operator."""

from __future__ import annotations

import re

from .lexer import Rule, Run, Tokens, expand, lex, rule

KEYWORDS = """assert break case catch continue default do else finally for if goto instanceof
    new return switch this throw try while"""
DECLARATIONS = """abstract const enum extends final implements native private protected public
    static strictfp super synchronized throws transient volatile"""
TYPES = "boolean byte char double float int long short var void"


def _char_class(test: str) -> str:
    """The characters of the Basic Multilingual Plane for which str.`test` holds, as ranges
    for a character class (Python's `re` has no `\\p{Lu}`)."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x10000):
        if getattr(chr(code), test)():
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)


UPPER = _char_class("isupper")                      # Ruby's [[:upper:]]
ID = r"(?u:[^\W\d]\w*)"                             # Rouge's [[:alpha:]_][[:word:]]*
CONST_NAME = rf"[{UPPER}](?u:[{UPPER}\d_])*\b"      # [[:upper:]][[:upper:][:digit:]_]*\b
CLASS_NAME = rf"[{UPPER}](?u:[^\W_])*\b"            # [[:upper:]][[:alnum:]]*\b
DIGIT = r"(?:[0-9]_+[0-9]|[0-9])"
BIN_DIGIT = r"(?:[01]_+[01]|[01])"
OCT_DIGIT = r"(?:[0-7]_+[0-7]|[0-7])"
HEX_DIGIT = r"(?:[0-9a-f]_+[0-9a-f]|[0-9a-f])"


def _words(words: str) -> str:
    return "(?:" + "|".join(words.split()) + r")\b"


def _signature(found: re.Match, run: Run) -> Tokens:
    """A method's name before its `(`; what precedes it is lexed on its own."""
    before, name, space, paren = found.groups()
    return [*lex(JAVA, before), ("nf", name), ("", space), ("o", paren)]


JAVA: dict[str, list[Rule]] = expand({
    "root": [
        rule(r"[^\S\n]+", ""),
        rule(r"//.*?$", "c1"),
        rule(r"/\*.*?\*/", "cm", flags=re.A | re.S),
        rule(_words(KEYWORDS), "k"),
        rule(r"(\s*(?:[a-zA-Z_][a-zA-Z0-9_.\[\]<>]*\s+)+?)([a-zA-Z_][a-zA-Z0-9_]*)(\s*)(\()",
             _signature),
        rule(rf"@{ID}", "nd"),
        rule(_words(DECLARATIONS), "kd"),
        rule(_words(TYPES), "kt"),
        rule(r"(?:true|false|null)\b", "kc"),
        rule(r"(?:class|interface)\b", "kd", "class"),
        rule(r"(?:import|package)\b", "kn", "import"),
        rule(r'"(?:\\\\|\\"|[^"])*"', "s"),
        rule(r"'(?:\\.|[^\\]|\\u[0-9a-f]{4})'", "sc"),
        rule(rf"(\.)({ID})", ("o", "na")),
        rule(rf"{ID}:", "nl"),
        rule(CONST_NAME, "no"),
        rule(CLASS_NAME, "nc"),
        rule(rf"\$?{ID}", "n"),
        rule(r"[~^*!%&\[\](){}<>|+=:;,./?-]", "o"),
        rule(rf"{DIGIT}+\.{DIGIT}+(?:[eE]{DIGIT}+)?[fd]?", "mf"),
        rule(rf"0b{BIN_DIGIT}+", "mb", flags=re.A | re.I),
        rule(rf"0x{HEX_DIGIT}+", "mh", flags=re.A | re.I),
        rule(rf"0{OCT_DIGIT}+", "mo"),
        rule(rf"{DIGIT}+L?", "mi"),
        rule(r"\n", ""),
    ],
    "class": [
        rule(r"\s+", ""),
        rule(ID, "nc", "#pop"),
    ],
    "import": [
        rule(r"\s+", ""),
        rule(r"[a-z0-9_.]+\*?", "nn", "#pop", flags=re.A | re.I),
    ],
})


def java_tokens(code: str) -> Tokens:
    return lex(JAVA, code)
