"""Dockerfiles as Rouge's Docker lexer names them: instructions `k` with their arguments `s`,
and a `RUN` line's command in Rouge's shell rules."""

from __future__ import annotations

import re

from .lexer import Rule, Run, Tokens, expand, lex, rule
from .shell import SHELL

INSTRUCTIONS = ("FROM|MAINTAINER|CMD|LABEL|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|"
                "ARG|STOPSIGNAL|HEALTHCHECK|SHELL")


def _run(found: re.Match, run: Run) -> Tokens:
    run.memory["shell"] = Run(["root"])
    run.go("run")
    return [("k", found.group())]


def _command(found: re.Match, run: Run) -> Tokens:
    return lex(SHELL, found.group(), run.memory["shell"])


STATES: dict[str, list[Rule | str]] = {
    "root": [
        rule(r"\s+", ""),
        rule(r"^(FROM)(\s+)(.*)(\s+)(AS)(\s+)(.*)", ("k", "w", "s", "w", "k", "w", "s"),
             flags=re.A | re.I),
        rule(rf"^(ONBUILD)(\s+)({INSTRUCTIONS})(.*)", ("k", "w", "k", "s"), flags=re.A | re.I),
        rule(rf"^({INSTRUCTIONS})\b(.*)", ("k", "s"), flags=re.A | re.I),
        rule(r"#.*?$", "c"),
        rule(r"^(?:ONBUILD\s+)?RUN(?:\s+)", _run, flags=re.A | re.I),
        rule(r"\w+", ""),
        rule(r"[^\w]+", ""),
        rule(r".", ""),
    ],
    "run": [
        rule(r"\n", "", "#pop"),
        rule(r"\\.", "se", flags=re.A | re.S),
        rule(r"(?:\\.|[^\n\\])+", _command),
    ],
}
DOCKER = expand(STATES)


def docker_tokens(code: str) -> Tokens:
    return lex(DOCKER, code)
