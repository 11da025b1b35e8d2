"""PHP as Rouge 3.30's lexer names it (PHP scripts feeding ML demos): a call's name `nf`
(`nb` for PHP's own functions, `k` for keywords), variables `nv`, a name after `function`
`n` and its parameters' types `kt`, Capitalized names `nc`, ALL_CAPS names `no`. Rouge's PHP
is a template lexer: code that starts with `<?php` (or holds one after text with no `$`) is
HTML outside `<?php ... ?>`, lexed by Rouge's HTML rules going on from one run of HTML to
the next; other code is PHP from its start. Files: *.php, *.php3/4/5/t, *.phtml, *.module,
*.inc, *.profile, *.install, *.test."""

from __future__ import annotations

import re
import unicodedata

from .html import continue_html
from .lexer import Rule, Run, Tokens, category_class, expand, lex, rule
from .php_builtins import BUILTINS

KEYWORDS = frozenset("""old_function cfunction __class__ __dir__ __file__ __function__
    __halt_compiler __line__ __method__ __namespace__ __trait__ abstract and array as break
    case catch clone continue declare default die do echo else elseif empty enddeclare endfor
    endforeach endif endswitch endwhile eval exit extends final finally fn for foreach global
    goto if implements include include_once instanceof insteadof isset list match new or
    parent print private protected public readonly require require_once return self static
    switch throw try unset var while xor yield""".split())


# Rouge's [\p{L}_][\p{L}\p{N}_]*: Python's word characters are exactly \p{L}, \p{N} and `_`.
ID = rf"(?:(?![{category_class('No Nl')}])(?u:[^\W\d]))(?u:\w)*"
NS = rf"(?:{ID}\\)+"
ID_WITH_NS = rf"(?:{NS})?{ID}"
INSENSITIVE = re.A | re.I


def _function(found: re.Match, run: Run) -> Tokens:
    """`function`: then its name, its parameters and its return type, each a state."""
    for state in ("in_function_return", "in_function_params", "in_function_name"):
        run.go(state)
    return [("k", found.group())]


def _call(found: re.Match, run: Run) -> Tokens:
    """A name before `(`, looked up lowercased."""
    name = found.group().lower()
    return [("k" if name in KEYWORDS else "nb" if name in BUILTINS else "nf", found.group())]


PUSHES = {"use": ("kn", "in_use"), "const": ("k", "in_const"), "catch": ("k", "in_catch"),
          "public": ("k", "in_visibility"), "protected": ("k", "in_visibility"),
          "private": ("k", "in_visibility")}


def _name(found: re.Match, run: Run) -> Tokens:
    """Any other name: a keyword (some open a state), `__magic__` `nb`, `E_ALL` `kc`, a last
    part in capitals `no`, Capitalized `nc`, else `n`."""
    name = found.group()
    if name.lower() in PUSHES:
        css, state = PUSHES[name.lower()]
        run.go(state)
        return [(css, name)]
    return [(_name_class(name), name)]


def _name_class(name: str) -> str:
    """Rouge's tests of a name, on the whole name or on its part after the last `\\`."""
    last = name.rpartition("\\")[2]
    if name.lower() in KEYWORDS:
        return "k"
    if len(name) >= 4 and name.startswith("__") and name.endswith("__"):
        return "nb"
    prefix, *parts = name.split("_")
    if prefix in ("E", "PHP") and parts and all(part and all(map(str.isupper, part))
                                                 for part in parts):
        return "kc"
    if len(last) > 1 and last[0].isupper() and all(
            c.isupper() or c.isdecimal() or c == "_" for c in last[1:]):
        return "no"
    if last[0].isupper() and all(
            c.isalpha() or c.isdecimal() or unicodedata.category(c) == "Nl" for c in last[1:]):
        return "nc"
    return "n"


STATES: dict[str, list[Rule | str]] = {
    "escape": [rule(r"\?>", "cp", "#reset")],
    "return": [rule(r"", "", "#pop")],
    "start": [
        rule(r"\s*(?=<)", continue_html, "#pop", flags=re.A | re.S),
        rule(r"[^$]+(?=<\?(php|=))", continue_html, "#pop", flags=INSENSITIVE),
        rule(r"", "", "=php"),
    ],
    "names": [
        rule(rf"{ID_WITH_NS}(?=\s*\()", _call),
        rule(ID_WITH_NS, _name),
    ],
    "operators": [rule(r"[~!%^&*+|:.<>/@-]+", "o")],
    "string": [
        rule(r'"', "s2", "#pop"),
        rule(r'[^\\{$"]+', "s2"),
        rule(r"\\u\{[0-9a-fA-F]+\}", "se"),
        rule(r'\\(?:[efrntv"$\\]|[0-7]{1,3}|[xX][0-9a-fA-F]{1,2})', "se"),
        rule(rf"\${ID}(?:\[\S+\]|->{ID})?", "nv"),
        rule(r"\{\$\{", "si", "string_interp_double"),
        rule(r"\{(?=\$)", "si", "string_interp_single"),
        rule(r"(\{)(\S+)(\})", ("si", "nv", "si")),
        rule(r"[${\\]+", "s2"),
    ],
    "string_interp_double": [rule(r"\}\}", "si", "#pop"), "mixin:php"],
    "string_interp_single": [rule(r"\}", "si", "#pop"), "mixin:php"],
    "values": [
        rule(rf"<<<([\"']?)({ID})\1\n.*?\n\s*\2;?", "sh", flags=re.A | re.I | re.S),
        rule(r"(?:\d[_\d]*)?\.(?:\d[_\d]*)?(?:e[+-]?\d[_\d]*)?", "mf", flags=INSENSITIVE),
        rule(r"0[0-7][0-7_]*", "mo"),
        rule(r"0b[01][01_]*", "mb", flags=INSENSITIVE),
        rule(r"0x[a-f0-9][a-f0-9_]*", "mh", flags=INSENSITIVE),
        rule(r"\d[_\d]*", "mi"),
        rule(r"'(?:[^'\\]*(?:\\.[^'\\]*)*)'", "s1"),
        rule(r"`(?:[^`\\]*(?:\\.[^`\\]*)*)`", "sb"),
        rule(r'"', "s2", "string"),
        rule(r"(?:function|fn)\b", _function, flags=INSENSITIVE),
        rule(r"(?:true|false|null)\b", "kc", flags=INSENSITIVE),
        rule(r"new\b", "k", "in_new", flags=INSENSITIVE),
    ],
    "variables": [
        rule(rf"\$\{{\$+{ID}\}}", "nv"),
        rule(rf"\$+{ID}", "nv"),
    ],
    "whitespace": [
        rule(r"\s+", ""),
        rule(r"#.*?$", "c1"),
        rule(r"//.*?$", "c1"),
        rule(r"/\*\*(?!/).*?\*/", "cd", flags=re.A | re.S),
        rule(r"/\*.*?\*/", "cm", flags=re.A | re.S),
    ],
    "root": [
        rule(r"<\?(?:php|=)?", "cp", "php", flags=INSENSITIVE),
        rule(r".*?(?=<\?)|.*", continue_html, flags=re.A | re.S),
    ],
    "php": [
        "mixin:escape", "mixin:whitespace", "mixin:variables", "mixin:values",
        rule(rf"(namespace)(\s+)({ID_WITH_NS})", ("kn", "", "nn"), flags=INSENSITIVE),
        rule(rf"(class|interface|trait|extends|implements)(\s+)({ID_WITH_NS})",
             ("kd", "", "nc"), flags=INSENSITIVE),
        "mixin:names",
        rule(r"[;,(){}\[\]]", "p"),
        "mixin:operators",
        rule(r"[=?]", "o"),
    ],
    "in_assign": [
        rule(r",", "p", "#pop"),
        rule(r"[\[\]]", "p"),
        rule(r"\(", "p", "in_assign_function"),
        "mixin:escape", "mixin:whitespace", "mixin:values", "mixin:variables", "mixin:names",
        "mixin:operators", "mixin:return",
    ],
    "in_assign_function": [
        rule(r"\)", "p", "#pop"),
        rule(r",", "p"),
        "mixin:in_assign",
    ],
    "in_catch": [
        rule(r"\(", "p"),
        rule(r"\|", "o"),
        rule(ID, "nc"),
        "mixin:escape", "mixin:whitespace", "mixin:return",
    ],
    "in_const": [
        rule(ID, "no"),
        rule(r"=", "o", "in_assign"),
        "mixin:escape", "mixin:whitespace", "mixin:return",
    ],
    "in_function_body": [
        rule(r"\{", "p", "in_function_body"),
        rule(r"\}", "p", "#pop"),
        "mixin:php",
    ],
    "in_function_name": [
        rule(r"&", "o"),
        rule(ID, "n"),
        rule(r"\(", "p", "#pop"),
        "mixin:escape", "mixin:whitespace", "mixin:return",
    ],
    "in_function_params": [
        rule(r"\)", "p", "#pop"),
        rule(r",", "p"),
        rule(r"[.]{3}", "p"),
        rule(r"=", "o", "in_assign"),
        rule(r"\b(?:public|protected|private|readonly)\b", "k", flags=INSENSITIVE),
        rule(rf"\??{ID}", "kt", "in_assign"),
        "mixin:escape", "mixin:whitespace", "mixin:variables", "mixin:return",
    ],
    "in_function_return": [
        rule(r":", "p"),
        rule(r"use\b", "k", "in_function_use", flags=INSENSITIVE),
        rule(rf"\??{ID}", "kt", "in_assign"),
        rule(r"\{", "p", "=in_function_body"),
        "mixin:escape", "mixin:whitespace", "mixin:return",
    ],
    "in_function_use": [
        rule(r"[,(]", "p"),
        rule(r"&", "o"),
        rule(r"\)", "p", "#pop"),
        "mixin:escape", "mixin:whitespace", "mixin:variables", "mixin:return",
    ],
    "in_new": [
        rule(r"class\b", "kd", "=in_new_class", flags=INSENSITIVE),
        rule(ID_WITH_NS, "nc", "#pop"),
        "mixin:escape", "mixin:whitespace", "mixin:return",
    ],
    "in_new_class": [
        rule(r"\}", "p", "#pop"),
        rule(r"\{", "p"),
        "mixin:php",
    ],
    "in_use": [
        rule(r"[,}]", "p"),
        rule(r"(?:function|const)\b", "k", flags=INSENSITIVE),
        rule(rf"({NS})(\{{)", ("nn", "p")),
        rule(rf"{ID_WITH_NS}(?:_{ID})+", "nf"),
        "mixin:escape", "mixin:whitespace", "mixin:names", "mixin:return",
    ],
    "in_visibility": [
        rule(r"\b(?:readonly|static)\b", "k", flags=INSENSITIVE),
        rule(r"(?=(?:abstract|const|function)\b)", "k", "#pop", flags=INSENSITIVE),
        rule(rf"\??{ID}", "kt", "#pop"),
        "mixin:escape", "mixin:whitespace", "mixin:return",
    ],
}
PHP = expand(STATES)


def php_tokens(code: str, start_inline: bool | None = None) -> Tokens:
    """`start_inline` (Rouge's option): PHP from the start, HTML until `<?php`, or (None,
    Rouge's default) a guess from the text's start."""
    stack = {True: ["root", "php"], False: ["root"], None: ["root", "start"]}[start_inline]
    return lex(PHP, code, Run(stack))
