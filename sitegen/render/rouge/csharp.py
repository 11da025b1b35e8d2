"""C# as Rouge 3.30's lexer names it (Unity and .NET posts): keywords `k`, built-in types `kt`,
a name before `(` `nf`, after `class`/`struct`/`interface` `nc`, after `namespace`/`using`
`nn`, every other mark punctuation `p`, strings `s` (an interpolated one with its `{...}` lexed
as code), chars `sc`. Rouge's number rule takes one digit with an optional fraction, exponent
and type letter, so `1.5m` is `1.5` then the name `m`. Files: *.cs."""

from __future__ import annotations

import re

from .lexer import Rule, Tokens, expand, keywords, lex, rule

ID = r"@?[_a-z]\w*"
INSENSITIVE = re.A | re.I
KEYWORDS = """abstract as base break case catch checked const continue default delegate do else
    enum event explicit extern false finally fixed for foreach goto if implicit in interface
    internal is lock new null operator out override params private protected public readonly
    ref return sealed sizeof stackalloc static switch this throw true try typeof unchecked
    unsafe virtual void volatile while add alias async await get global partial remove set
    value where yield nameof ascending by descending equals from group in into join let on
    orderby select"""
TYPES = """bool byte char decimal double dynamic float int long object sbyte short string uint
    ulong ushort var"""
PREPROCESSOR = "if endif else elif define undef line error warning region endregion pragma"


CSHARP: dict[str, list[Rule]] = expand({
    "whitespace": [
        rule(r"\s+", ""),
        rule(r"//.*?$", "c1"),
        rule(r"/[*].*?[*]/", "cm", flags=re.A | re.S),
    ],
    "nest": [
        rule(r"\{", "p", "nest"),
        rule(r"\}", "p", "#pop"),
        "mixin:root",
    ],
    "splice_string": [
        rule(r"\\.", "s"),
        rule(r"\{", "p", "nest"),
        rule(r'"|\n', "s", "#pop"),
        rule(r".", "s"),
    ],
    "splice_literal": [
        rule(r'""', "s"),
        rule(r"\{", "p", "nest"),
        rule(r'"', "s", "#pop"),
        rule(r".", "s"),
    ],
    "root": [
        "mixin:whitespace",
        rule(r'[$]\s*"', "s", "splice_string"),
        rule(r'[$]@\s*"', "s", "splice_literal"),
        rule(rf"(<\[)\s*({ID}:)?", "k", flags=INSENSITIVE),
        rule(r"\]>", "k"),
        rule(r"[~!%^&*()+=|\[\]{}:;,.<>/?-]", "p"),
        rule(r'@"(""|[^"])*"', "s"),
        rule(r'"(\\.|.)*?["\n]', "s"),
        rule(r"'(\\.|.)'", "sc"),
        rule(r"0x[0-9a-f]+[lu]?", "m", flags=INSENSITIVE),
        rule(r"[0-9]([.][0-9]*)?(e[+-][0-9]+)?[fldu]?", "m", flags=INSENSITIVE),
        rule(keywords("class struct interface"), "k", "class"),
        rule(keywords("namespace using"), "k", "namespace"),
        rule(rf"^#[ \t]*(?:{'|'.join(PREPROCESSOR.split())})\b.*?\n", "cp"),
        rule(keywords(KEYWORDS), "k"),
        rule(keywords(TYPES), "kt"),
        rule(rf"{ID}(?=\s*[(])", "nf", flags=INSENSITIVE),
        rule(ID, "n", flags=INSENSITIVE),
    ],
    "class": [
        "mixin:whitespace",
        rule(ID, "nc", "#pop", flags=INSENSITIVE),
    ],
    "namespace": [
        "mixin:whitespace",
        rule(r"(?=[(])", "", "#pop"),
        rule(rf"(?:{ID}|[.])+", "nn", "#pop", flags=INSENSITIVE),
    ],
})


def csharp_tokens(code: str) -> Tokens:
    return lex(CSHARP, code)
