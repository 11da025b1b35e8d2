"""HTML as Rouge's HTML lexer names it (posts embed demos as HTML): tags `nt` with their
brackets, attributes `na` with their `=`, values `s`, entities `ni`; a `<script>`'s text
goes to Rouge's JavaScript rules and a `<style>`'s to its CSS rules, each going on from one
run of text to the next within the element, as Rouge's delegation does."""

from __future__ import annotations

import re

from .css import CSS
from .javascript import JAVASCRIPT
from .lexer import Rule, Run, Tokens, expand, lex, rule

NAME = r"(?u:(?:[^\W\d]|[:_-])[\w:.·-]*)"   # Rouge's [\p{L}:_-][\p{Word}\p{Cf}:.·-]*


def _open(language: str):
    """`<script` or `<style`: a fresh run of that language's rules for the element's text."""
    def action(found: re.Match, run: Run) -> Tokens:
        run.memory["embedded"] = (language, Run(["root"]))
        run.go(f"{language}_content")
        run.go("tag")
        return [("nt", found.group())]
    return action


def _embedded(found: re.Match, run: Run) -> Tokens:
    language, embedded = run.memory["embedded"]
    return lex(JAVASCRIPT if language == "script" else CSS, found.group(), embedded)


STATES: dict[str, list[Rule | str]] = {
    "root": [
        rule(r"[^<&]+", "", flags=re.A | re.S),
        rule(r"&\S*?;", "ni"),
        rule(r"<!DOCTYPE .*?>", "cp", flags=re.A | re.I | re.S),
        rule(r"<!\[CDATA\[.*?\]\]>", "cp", flags=re.A | re.S),
        rule(r"<!--", "c", "comment"),
        rule(r"<\?.*?\?>", "cp", flags=re.A | re.S),
        rule(r"<\s*script\s*", _open("script"), flags=re.A | re.S),
        rule(r"<\s*style\s*", _open("style"), flags=re.A | re.S),
        rule(r"</", "nt", "tag_end"),
        rule(r"<", "nt", "tag_start"),
    ],
    "tag_end": [
        "mixin:tag_end_end",
        rule(NAME, "nt", "=tag_end_end"),
    ],
    "tag_end_end": [
        rule(r"\s+", ""),
        rule(r">", "nt", "#pop"),
    ],
    "tag_start": [
        rule(r"\s+", ""),
        rule(NAME, "nt", "=tag"),
        rule(r"", "", "=tag"),
    ],
    "comment": [
        rule(r"[^-]+", "c"),
        rule(r"-->", "c", "#pop"),
        rule(r"-", "c"),
    ],
    "tag": [
        rule(r"\s+", "", flags=re.A | re.S),
        rule(r"(?u:(?:[^\W\d]|[:_\[\]()*.-])[\w:.·\[\]()*-]*)\s*=\s*", "na", "attr",
             flags=re.A | re.S),
        rule(r"(?u:(?:[^\W\d]|[:_*#-])[\w:.·*#-]*)", "na"),
        rule(r"/?\s*>", "nt", "#pop", flags=re.A | re.S),
    ],
    "attr": [
        rule(r'"', "s", "=dq"),
        rule(r"'", "s", "=sq"),
        rule(r"[^\s>]+", "s", "#pop"),
    ],
    "dq": [rule(r'"', "s", "#pop"), rule(r'[^"]+', "s")],
    "sq": [rule(r"'", "s", "#pop"), rule(r"[^']+", "s")],
    "script_content": [
        rule(r"[^<]+", _embedded),
        rule(r"<\s*/\s*script\s*>", "nt", "#pop", flags=re.A | re.S),
        rule(r"<", _embedded),
    ],
    "style_content": [
        rule(r"[^<]+", _embedded),
        rule(r"<\s*/\s*style\s*>", "nt", "#pop", flags=re.A | re.S),
        rule(r"<", _embedded),
    ],
}
HTML = expand(STATES)


def continue_html(found: re.Match, run: Run) -> Tokens:
    """An action for a lexer with HTML in it (Markdown, PHP): the text through Rouge's HTML
    rules, going on from where the last piece of HTML stopped."""
    return lex(HTML, found.group(), run.memory.setdefault("html", Run(["root"])))


def html_tokens(code: str) -> Tokens:
    return lex(HTML, code)
