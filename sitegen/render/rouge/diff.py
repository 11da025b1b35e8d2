"""Unified diffs as Rouge's diff lexer names their lines: `gi` added, `gd` removed, `gh`
headers, `p` for hunk marks and other lines that start with a word."""

from __future__ import annotations

from .lexer import Rule, Tokens, expand, lex, rule

STATES: dict[str, list[Rule | str]] = {
    "root": [
        rule(r"^ .*$\n?", ""),
        rule(r"^---$\n?", "p"),
        rule(r"^[+>]+.*$\n?", "gi"),
        rule(r"^\+.*$\n?", "gi"),
        rule(r"^[-<]+.*$\n?", "gd"),
        rule(r"^!.*$\n?", "gs"),
        rule(r"^(?:[Ii]ndex|diff).*$\n?", "gh"),
        rule(r"^(@@[^@]*@@)([^\n]*\n)", ("p", "")),
        rule(r"^\w.*$\n?", "p"),
        rule(r"^=.*$\n?", "gh"),
        rule(r"\s.*$\n?", ""),
    ],
}
DIFF = expand(STATES)


def diff_tokens(code: str) -> Tokens:
    return lex(DIFF, code)
