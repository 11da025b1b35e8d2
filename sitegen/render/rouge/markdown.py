"""Markdown as Rouge 3.30's lexer names it (Jekyll docs show posts in it): front matter goes to
Rouge's YAML rules (keys `na`, `---` `nn`), headings `gh`/`gu`, list marks and rules `p`,
quotes `gt`, code `sb`, emphasis `ge`/`gs`, links' text `nv` and targets `sx`, inline HTML
to Rouge's HTML rules (one run through the whole text). A fence's code goes to the lexer of
its language (guessed without one; an unknown one is `sb`). Files: *.markdown, *.md, *.mkd."""

from __future__ import annotations

import re

from . import rouge_knows
from .html import continue_html
from .lexer import Rule, Run, Tokens, expand, lex, rule
from .yaml import yaml_tokens

EDOT = r"(?:\\.|[^\\\n])"      # an escaped character, or one that is not a backslash


def _front_matter(found: re.Match, run: Run) -> Tokens:
    return yaml_tokens(found.group())


def _fence(found: re.Match, run: Run) -> Tokens:
    """A fence with its code in its language's tokens. Rouge lexes the code of a fence
    that never closes line by line, going on from line to line; here it is lexed whole."""
    indent, fence, info, code, end_indent, end, lines, last_indent, last, rest = found.groups()
    name = info.strip()
    if code is not None:
        return [("", indent), ("p", fence), ("nl", info), *_code(code, name or "guess"),
                ("", end_indent), ("p", end)]
    out = [("", indent), ("p", fence), ("nl", info), *_code(lines, name or "plaintext")]
    return out + [("", last_indent or ""), ("p", last or ""), ("err", rest or "")]


def _code(code: str, name: str) -> Tokens:
    """A fence's code as Rouge's Markdown lexer delegates it: to the lexer of its name (or of
    Rouge's guess from the code; from nothing, for a fence that never closes), a name Rouge
    does not know as plain `sb`."""
    from ..highlight import tokens_of   # which goes to Pygments for a lexer not ported

    return tokens_of(code, name) if rouge_knows(name) else [("sb", code)]


def _link_reference(found: re.Match, run: Run) -> Tokens:
    run.go("title")
    run.go("url")
    return list(zip(("", "p", "ss", "p", "", "p"), found.groups()))


def _inline_link(found: re.Match, run: Run) -> Tokens:
    run.go("inline_title")
    run.go("inline_url")
    return [("p", found.group())]


# A fence: closed by the same fence, as indented, on a later line; else the lines up to one
# that starts with the fence (or all of them, and a last line without a newline).
FENCE = (r"^([ \t]*)(`{3,}|~{3,})([^\n]*\n)(?:(.*?)(\n\1)(\2)|((?:(?![ \t]*\2)[^\n]*\n)*)"
         r"(?:([ \t]*)(\2)|([^\n]+))?)")

STATES: dict[str, list[Rule | str]] = {
    "root": [
        rule(r"\A(---\s*\n.*?\n?)^(---\s*$\n?)", _front_matter, flags=re.A | re.S),
        rule(r"\\.", "se"),
        rule(r"^[\S ]+\n(?:---*)\n", "gh"),
        rule(r"^[\S ]+\n(?:===*)\n", "gu"),
        rule(r"^#(?=[^#]).*?$", "gh"),
        rule(r"^##*.*?$", "gu"),
        rule(FENCE, _fence, flags=re.A | re.S),
        rule(r"\n\n((    |\t).*?\n|\n)+", "sb"),
        rule(rf"(`+)(?:{EDOT}|\n)+?\1", "sb"),
        rule(r"^(\s*[*]){3,}\s*$", "p"),
        rule(r"^(\s*[-]){3,}\s*$", "p"),
        rule(r"^\s*[*+-](?=\s)", "p"),
        rule(r"^\s*\d+\.", "p"),
        rule(r"^\s*>.*?$", "gt"),
        rule(rf"^(\s*)(\[)({EDOT}+?)(\])(\s*)(:)", _link_reference),
        rule(rf"(!?\[)({EDOT}*?|[^\]]*?)(\])(?=[\[(])", ("p", "nv", "p"), "link"),
        rule(rf"[*][*]{EDOT}*?[*][*]", "gs"),
        rule(rf"__{EDOT}*?__", "gs"),
        rule(rf"[*]{EDOT}*?[*]", "ge"),
        rule(rf"_{EDOT}*?_", "ge"),
        rule(r"<.*?@.+[.].+>", "nv"),
        rule(rf"<(https?|mailto|ftp)://{EDOT}*?>", "nv"),
        rule(r"[^\\`\[*\n&<]+", ""),
        rule(r"&\S*;", continue_html),
        rule(rf"<{EDOT}*?>", continue_html),
        rule(r"[&<]", ""),
        rule(r"\[", ""),
        rule(r"\n", ""),
    ],
    "link": [
        rule(rf"(\[)({EDOT}*?)(\])", ("p", "ss", "p"), "#pop"),
        rule(r"[(]", _inline_link),
        rule(r"[ \t]+", ""),
        rule(r"", "", "#pop"),
    ],
    "url": [
        rule(r"[ \t]+", ""),
        rule(rf"(<)({EDOT}*?)(>)", ("nt", "sx", "nt"), "#pop"),
        rule(r"\S+", "sx", "#pop"),
    ],
    "title": [
        rule(rf'"{EDOT}*?"', "nn"),
        rule(rf"'{EDOT}*?'", "nn"),
        rule(rf"[(]{EDOT}*?[)]", "nn"),
        rule(r"""\s*(?=["'()])""", ""),
        rule(r"", "", "#pop"),
    ],
    "inline_title": [
        rule(r"[)]", "p", "#pop"),
        "mixin:title",
    ],
    "inline_url": [
        rule(r"[^<\s)]+", "sx", "#pop"),
        rule(r"\s+", ""),
        "mixin:url",
    ],
}
MARKDOWN = expand(STATES)


def markdown_tokens(code: str) -> Tokens:
    return lex(MARKDOWN, code)
