"""Liquid as Rouge's Liquid lexer names it (Jekyll posts about Jekyll show templates): tags
`nt`, control words `kr`, variables `nv`, filters `nf`, and whitespace inside tags `w`."""

from __future__ import annotations

import re

from .lexer import Rule, Run, Tokens, expand, lex, rule


def _literal_class(text: str | None, otherwise: str) -> str:
    """Rouge's `case` on a value: a quoted string anywhere in it makes it a string."""
    if text and re.search(r"'[^']*'", text):
        return "s1"
    if text and re.search(r'"[^"]*"', text):
        return "s2"
    return otherwise


def _cycle(found: re.Match, run: Run) -> Tokens:
    run.go("variable_tag_markup")
    classes = ("nt", "w", _literal_class(found.group(3), "na"), "w", "p", "w")
    return [(css, text or "") for css, text in zip(classes, found.groups())]


def _for(found: re.Match, run: Run) -> Tokens:
    run.go("tag_markup")
    classes = ("nt", "w", "nv", "w", "nt", "w", _literal_class(found.group(7), "nv"), "w")
    return list(zip(classes, found.groups()))


FOR = (r"(for|tablerow)(\s+)([\w-]+)(\s+)(in)(\s+)"
       r"((?:[^\s%,|'\"]|(?:\"[^\"]*\"|'[^']*'))+)(\s*)")

STATES: dict[str, list[Rule | str]] = {
    "root": [
        rule(r"[^{]+", ""),
        rule(r"(\{%-?)(\s*)", ("p", "w"), "tag_or_block"),
        rule(r"(\{\{-?)(\s*)", ("p", "w"), "output"),
        rule(r"\{", ""),
    ],
    "tag_or_block": [
        rule(r"(?:if|elsif|unless|case)\b", "kr", "condition"),
        rule(r"when\b", "kr", "when"),
        rule(r"(else)(\s*)(-?%\})", ("kr", "w", "p"), "#pop"),
        rule(r"(capture|(?:in|de)crement)(\s+)([^\s%]+)(\s*)(-?%\})",
             ("nt", "w", "nv", "w", "p"), "#pop"),
        rule(r"(comment)(\s*)(-?%\})", ("nt", "w", "p"), "comment"),
        rule(r"(raw)(\s*)(-?%\})", ("nt", "w", "p"), "raw"),
        rule(r"(end(?:if|unless|case))(\s*)(-?%\})", ("kr", "w", "p"), "#pop"),
        rule(r"(end[^\s%]+)(\s*)(-?%\})", ("nt", "w", "p"), "#pop"),
        rule(r"(?:assign|echo)\b", "nt", "assign"),
        rule(r"(?:include|render)\b", "nt", "include"),
        rule(r"(cycle)(\s+)(?:([^\s:]*)(\s*)(:))?(\s*)", _cycle),
        rule(FOR, _for),
        rule(r"([^\s%]+)(\s*)", ("nt", "w"), "tag_markup"),
    ],
    "output": [
        rule(r"(\|)(\s*)([a-zA-Z_][^\s}|:]*)", ("p", "w", "nf"), "filters"),
        "mixin:end_of_tag",
        "mixin:generic",
    ],
    "filters": [
        rule(r"(\|)(\s*)([a-zA-Z_][^\s%}|:]*)", ("p", "w", "nf")),
        "mixin:end_of_tag",
        "mixin:end_of_block",
        "mixin:variable_param_markup",
    ],
    "condition": [
        rule(r"[=!]=|[<>]=?", "o"),
        rule(r"(?:and|or|contains)\b", "ow"),
        "mixin:end_of_block",
        "mixin:generic",
    ],
    "when": ["mixin:end_of_block", "mixin:generic"],
    "end_of_tag": [rule(r"-?\}\}", "p", "#reset")],
    "end_of_block": [rule(r"-?%\}", "p", "#reset")],
    "param_markup": [
        "mixin:whitespace",
        "mixin:keyword",
        "mixin:string",
        "mixin:number",
        rule(r"([^\s=:]+)(\s*)(=|:)", ("na", "w", "o")),
        rule(r"[,:]", "p"),
    ],
    "default_param_markup": ["mixin:param_markup", rule(r"\S+", "")],
    "variable_param_markup": ["mixin:param_markup", "mixin:variable", rule(r"\S+", "")],
    "tag_markup": [
        rule(r"reversed\b", "na"),
        "mixin:end_of_block",
        "mixin:default_param_markup",
    ],
    "variable_tag_markup": ["mixin:end_of_block", "mixin:variable_param_markup"],
    "keyword": [rule(r"(?:false|true|nil)\b", "kc")],
    "variable": [
        rule(r"(?:empty|blank|forloop\.[^\s%}|:]+)\b", "nb"),
        rule(r"\.(?=\w)|\[|\]", "p"),
        rule(r"(?:first|last|size)\b", "nf"),
        rule(r"[a-zA-Z_][\w-]*\??", "nv"),
    ],
    "string": [rule(r"'[^']*'", "s1"), rule(r'"[^"]*"', "s2")],
    "number": [rule(r"-", "o"), rule(r"\d+\.\d+", "mf"), rule(r"\d+", "mi")],
    "generic": ["mixin:whitespace", "mixin:keyword", "mixin:string", "mixin:number",
                "mixin:variable"],
    "whitespace": [rule(r"[ \t]+", "w")],
    "comment": [
        rule(r"[^{]+", "c"),
        rule(r"(\{%-?)(\s*)(endcomment)(\s*)(-?%\})", ("p", "w", "nt", "w", "p"), "#reset"),
        rule(r"\{", "c"),
    ],
    "raw": [
        rule(r"[^{]+", ""),
        rule(r"(\{%-?)(\s*)(endraw)(\s*)(-?%\})", ("p", "w", "nt", "w", "p"), "#reset"),
        rule(r"\{", ""),
    ],
    "assign": [
        rule(r"=", "o"),
        rule(r"(\|)(\s*)([a-zA-Z_][^\s%|:]*)", ("p", "w", "nf"), "filters"),
        "mixin:end_of_block",
        "mixin:generic",
    ],
    "include": [
        rule(r"(\{\{-?)(\s*)", ("p", "w"), "output_embed"),
        rule(r"(?:with|for)\b", "nt"),
        rule(r"[/\w-]+(?:\.[\w-]+)+\b", ""),
        "mixin:variable_tag_markup",
    ],
    "output_embed": [
        rule(r"(\|)(\s*)([a-zA-Z_][^\s}|:]*)", ("p", "w", "nf")),
        rule(r"-?\}\}", "p", "#pop"),
        "mixin:variable_param_markup",
    ],
}
LIQUID = expand(STATES)


def liquid_tokens(code: str) -> Tokens:
    return lex(LIQUID, code)
