"""A small regex lexer that runs as Rouge's `RegexLexer` does, for the languages whose Rouge
rules sitegen follows: at each place, the current state's rules are tried in order and the
first that matches names the text (a class for the match, or one per group) and may push or
pop states. A place that no rule takes becomes one `err` character, as in Rouge."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Union

Tokens = list[tuple[str, str]]
# What a rule does with its match: its class, one class per group, or a function that
# returns the tokens and may change the lexer's state.
Action = Union[str, tuple[str, ...], Callable[[re.Match, "Run"], Tokens]]


@dataclass
class Rule:
    pattern: re.Pattern[str]
    action: Action
    next: str | None = None     # a state to push, "=STATE" to go to instead, "#pop", "#pop2",
                                # "#reset"
    line_start: bool = False    # tried only at a line's start (Rouge: a pattern with `^` first)


@dataclass
class Run:
    """One lexing of one text: the state stack and what rules remember (a heredoc's end)."""

    stack: list[str]
    memory: dict[str, Any] = field(default_factory=dict)

    def go(self, next_state: str | None) -> None:
        if next_state is None:
            return
        if next_state.startswith("#pop"):
            del self.stack[-int(next_state[4:] or 1):]
            if not self.stack:
                self.stack.append("root")
        elif next_state == "#reset":        # Rouge's reset_stack: back to the root state
            self.stack[:] = ["root"]
        elif next_state.startswith("="):    # Rouge's goto: this state instead of the top one
            self.stack[-1] = next_state[1:]
        else:
            self.stack.append(next_state)


def rule(pattern: str, action: Action, next_state: str | None = None,
         flags: int = re.A) -> Rule:
    """Ruby's word and space classes are ASCII's, its word boundaries Unicode's (where Rouge
    spells Unicode letters, `[[:alpha:]]` or `\\p{L}`, a pattern says `(?u:...)`); `$` ends
    any line."""
    source = UNESCAPED_BOUNDARY.sub(r"\1(?u:\\b)", pattern) if flags & re.A else pattern
    return Rule(re.compile(source, re.M | flags), action, next_state, pattern.startswith("^"))


UNESCAPED_BOUNDARY = re.compile(r"(?<!\\)((?:\\\\)*)\\b")


def expand(states: dict[str, list[Rule | str]]) -> dict[str, list[Rule]]:
    """States with their `"mixin:NAME"` entries replaced by NAME's rules."""
    def rules(name: str) -> list[Rule]:
        out: list[Rule] = []
        for item in states[name]:
            out += rules(item[6:]) if isinstance(item, str) else [item]
        return out
    return {name: rules(name) for name in states}


# Rouge lets a rule match nothing five times in a row (changing the state or not); the sixth
# time, after the rule's action, one character is an error.
MAX_NULL_STEPS = 5


def lex(states: dict[str, list[Rule]], code: str, run: Run | None = None) -> Tokens:
    """Rouge matches at each place as if the text began there (Ruby's StringScanner): a word
    boundary holds before a word's middle, so each rule sees the rest of the text. A `run`
    given goes on from where an earlier text left it (an open quote, a heredoc)."""
    run = run or Run(["root"])
    out: Tokens = []
    pos = null_steps = 0
    while pos < len(code):
        rest = code[pos:]
        at_line_start = pos == 0 or code[pos - 1] == "\n"
        for candidate in states[run.stack[-1]]:
            if candidate.line_start and not at_line_start:
                continue
            found = candidate.pattern.match(rest)
            if found is None:
                continue
            action = candidate.action
            if callable(action):
                out += action(found, run)
            elif isinstance(action, str):
                out.append((action, found.group()))
            else:
                out += [(css, text or "") for css, text in zip(action, found.groups())]
            run.go(candidate.next)
            pos += found.end()
            null_steps = 0 if found.end() else null_steps + 1
            if null_steps > MAX_NULL_STEPS:     # as Rouge: too many matches of nothing
                out.append(("err", code[pos]))
                pos += 1
            break
        else:
            out.append(("err", code[pos]))
            pos += 1
    return [(css, text) for css, text in out if text]


def either(words: str) -> str:
    """Space-separated words as a regular expression's alternatives."""
    return "|".join(words.split())


def keywords(words: str) -> str:
    """Space-separated words as a regular expression matching any of them as a whole word."""
    return rf"\b(?:{either(words)})\b"


# --- Unicode categories as character classes (Python's `re` has no `\p{L}`) ---------------------

@lru_cache(maxsize=None)
def category_class(prefixes: str) -> str:
    """The characters below U+30000 whose Unicode category starts with one of the
    space-separated `prefixes`, as ranges for a character class."""
    keep = tuple(prefixes.split())
    return char_ranges([chr(code) for code, category in enumerate(_categories())
                        if category.startswith(keep)])


@lru_cache(maxsize=1)
def _categories() -> list[str]:
    """Each code point's category below U+30000, looked up once for every lexer."""
    return [unicodedata.category(chr(code)) for code in range(0x30000)]


def char_ranges(chars: list[str]) -> str:
    """Sorted characters as ranges for a character class."""
    ranges: list[list[int]] = []
    for code in map(ord, chars):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "")
                   for a, b in ranges)
