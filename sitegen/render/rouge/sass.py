"""SCSS and Sass as Rouge 3.30's lexers name them (Jekyll themes' stylesheets): a property
before `:` is `nl` when CSS knows it (else `na`), a value's words `nb`/`no`/`n` by CSS's lists
(`inline-block` is one `n`), numbers `m`, selectors `nt`/`nc`/`nn`/`nd`. The two share their
states but for how a section ends: SCSS at `;`, `{` or `}`, Sass at a line's end, where a
line's indentation decides whether it goes on a comment."""

from __future__ import annotations

import re
from typing import Callable

from .css import COLOURS, KEYWORDS, PROPERTIES
from .lexer import Rule, Run, Tokens, expand, lex, rule

ID = r"[\w-]+"


def _value_name(found: re.Match, run: Run) -> Tokens:
    text = found.group()
    return [("nb" if text in KEYWORDS else "no" if text in COLOURS else "n", text)]


def _attribute_name(found: re.Match, run: Run) -> Tokens:
    return [("nl" if found.group() in PROPERTIES else "na", found.group())]


def _piece(css: str) -> list[Rule | str]:
    """A selector's `.class`, `#id`, `:pseudo` or `%placeholder` name after its mark."""
    return [rule(ID, css), "mixin:selector_piece"]


# SassCommon's states; `end_section` is each lexer's own.
COMMON: dict[str, list[Rule | str]] = {
    "content_common": [
        rule(r"@for\b", "k", "for"),
        rule(r"@(?:debug|warn|if|each|while|else|return|media)", "k", "value"),
        rule(rf"(@mixin)(\s+)({ID})", ("k", "", "nf"), "value"),
        rule(rf"(@function)(\s+)({ID})", ("k", "", "nf"), "value"),
        rule(r"@extend\b", "k", "selector"),
        rule(rf"(@include)(\s+)({ID})", ("k", "", "nd"), "value"),
        rule(rf"@{ID}", "k", "selector"),
        rule(r"&", "k", "selector"),
        rule(rf"([$]{ID})([ \t]*)(:)", ("nv", "", "p"), "value"),
    ],
    "value": [
        "mixin:end_section",
        rule(r"[ \t]+", ""),
        rule(rf"[$]{ID}", "nv"),
        rule(r"url[(]", "sx", "string_url"),
        rule(rf"{ID}(?=\s*[(])", "nf"),
        rule(rf"%{ID}", "nd"),
        rule(r"(?:true|false)\b", "bp"),
        rule(r"(?:and|or|not)\b", "ow"),
        rule(r"#[a-z0-9]{1,6}", "mh", flags=re.A | re.I),
        rule(r"-?\d+(?:%|[a-z]+)?", "m"),
        rule(r"-?\d*\.\d+(?:%|[a-z]+)?", "mi"),
        "mixin:has_strings",
        "mixin:has_interp",
        rule(r"[~^*!&%<>|+=@:,./?-]+", "o"),
        rule(r"[\[\]()]+", "p"),
        rule(r"/[*]", "cm", "inline_comment"),
        rule(r"//[^\n]*", "c1"),
        rule(ID, _value_name),
    ],
    "has_interp": [rule(r"[#][{]", "si", "interpolation")],
    "has_strings": [rule(r'"', "s2", "dq"), rule(r"'", "s1", "sq")],
    "interpolation": [rule(r"}", "si", "#pop"), "mixin:value"],
    "selector": [
        "mixin:end_section",
        "mixin:has_strings",
        "mixin:has_interp",
        rule(r"[ \t]+", ""),
        rule(r":", "nd", "pseudo_class"),
        rule(r"[.]", "nc", "class"),
        rule(r"#", "nn", "id"),
        rule(r"%", "nv", "placeholder"),
        rule(ID, "nt"),
        rule(r"&", "k"),
        rule(r"[~^*!&\[\]()<>|+=@:;,./?-]", "o"),
    ],
    "dq": [
        rule(r'"', "s2", "#pop"),
        "mixin:has_interp",
        rule(r'(?:\\.|#(?![{])|[^\n"#])+', "s2"),
    ],
    "sq": [
        rule(r"'", "s1", "#pop"),
        "mixin:has_interp",
        rule(r"(?:\\.|#(?![{])|[^\n'#])+", "s1"),
    ],
    "string_url": [
        rule(r"[)]", "sx", "#pop"),
        rule(r"(?:\\.|#(?![{])|[^\n)#])+", "sx"),
        "mixin:has_interp",
    ],
    "selector_piece": ["mixin:has_interp", rule(r"", "", "#pop")],
    "pseudo_class": _piece("nd"),
    "class": _piece("nc"),
    "id": _piece("nn"),
    "placeholder": _piece("nv"),
    "for": [rule(r"from|to|through", "ow"), "mixin:value"],
    "attr_common": ["mixin:has_interp", rule(ID, _attribute_name)],
    "attribute": ["mixin:attr_common", rule(r"([ \t]*)(:)", ("", "p"), "value")],
    "inline_comment": [
        rule(r"(?:\\#|#(?=[^\n{])|\*(?=[^\n/])|[^\n#*])+", "cm"),
        "mixin:has_interp",
        rule(r"[*]/", "cm", "#pop"),
    ],
}

SCSS_STATES: dict[str, list[Rule | str]] = {
    **COMMON,
    "root": [
        rule(r"\s+", ""),
        rule(r"//.*?$", "c1"),
        rule(r"/[*].*?[*]/", "cm", flags=re.A | re.S),
        rule(r"@import\b", "k", "value"),
        "mixin:content_common",
        rule(r"(?=[^;{}][;}])", "", "attribute"),
        rule(r"(?=[^;{}:\[]+:[^a-z])", "", "attribute"),
        rule(r"", "", "selector"),
    ],
    "end_section": [rule(r"\n", ""), rule(r"[;{}]", "p", "#reset")],
}
SCSS = expand(SCSS_STATES)


def _indentation(found: re.Match, run: Run) -> Tokens:
    """A line's indentation: deeper than a comment's first line goes on the comment (Rouge's
    Indentation), else the line is content."""
    indent = found.group()
    run.memory["last"] = indent
    block, block_indent = run.memory.get("block"), run.memory.get("block_indent", "")
    if block and indent.startswith(block_indent) and indent != block_indent:
        run.go(block)
    else:
        run.memory["block"] = None
        run.go("content")
    return [("", indent)]


def _starts_block(css: str, block: str) -> Callable[[re.Match, Run], Tokens]:
    """A comment's first line; the lines indented under it are `block`."""
    def action(found: re.Match, run: Run) -> Tokens:
        run.memory["block"] = block
        run.memory["block_indent"] = run.memory.get("last") or ""
        return [(css, found.group())]
    return action


SASS_STATES: dict[str, list[Rule | str]] = {
    **COMMON,
    "root": [rule(r"[ \t]*\n", ""), rule(r"[ \t]*", _indentation)],
    "content": [
        rule(r"//.*?$", _starts_block("c1", "single_comment"), "#pop"),
        rule(r"/[*].*?\n", _starts_block("cm", "multi_comment"), "#pop"),
        rule(r"@import\b", "k", "import"),
        "mixin:content_common",
        rule(rf"={ID}", "nf", "value"),
        rule(rf"[+]{ID}", "nd", "value"),
        rule(r":", "na", "old_style_attr"),
        rule(r"(?=[^\[\n]+?:(?:[^a-z]|$))", "", "attribute"),
        rule(r"", "", "selector"),
    ],
    "single_comment": [rule(r".*?$", "c1", "#pop")],
    "multi_comment": [rule(r".*?\n", "cm", "#pop")],
    "import": [rule(r"[ \t]+", ""), rule(r"\S+", "s"), rule(r"\n", "", "#pop")],
    "old_style_attr": ["mixin:attr_common", rule(r"", "", "=value")],
    "end_section": [rule(r"\n", "", "#reset")],
}
SASS = expand(SASS_STATES)


def scss_tokens(code: str) -> Tokens:
    return lex(SCSS, code)


def sass_tokens(code: str) -> Tokens:
    return lex(SASS, code)
