"""Apache's configuration (.htaccess, httpd.conf) as Rouge 3.30's lexer names it: a directive
Apache knows `nc`, a section's tag `nl` with its brackets `p` and arguments `sr`, a value
Apache knows `ss`; any other word plain, comments `c`. Rouge looks words up lowercased."""

from __future__ import annotations

import re
from typing import Callable

from .apache_keywords import WORDS
from .lexer import Rule, Run, Tokens, expand, lex, rule


def _known(css: str, group: int = 0) -> Callable[[re.Match, Run], Tokens]:
    """A word's class if Apache knows it (as a section, directive or value), else none."""
    def action(found: re.Match, run: Run) -> Tokens:
        word = found.group(group)
        return [("" if word.lower() not in WORDS else css, word)]
    return action


_SECTION_NAME = _known("nl", 2)


def _section(found: re.Match, run: Run) -> Tokens:
    return [("p", found.group(1)), *_SECTION_NAME(found, run)]


APACHE: dict[str, list[Rule]] = expand({
    "whitespace": [
        rule(r"#.*", "c"),
        rule(r"\s+", ""),
    ],
    "root": [
        "mixin:whitespace",
        rule(r"(</?)(\w+)", _section, "section"),
        rule(r"\w+", _known("nc"), "directive"),
    ],
    "section": [
        rule(r"([^>]+)?(>(?:\r\n?|\n)?)", ("sr", "p"), "#pop"),
        "mixin:whitespace",
    ],
    "directive": [
        rule(r"\r\n?|\n", "", "#pop"),
        "mixin:whitespace",
        rule(r"\S+", _known("ss")),
    ],
})


def apache_tokens(code: str) -> Tokens:
    return lex(APACHE, code)
