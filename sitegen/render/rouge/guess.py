"""Rouge's guess of a language from code alone (`Lexer.guess(source: ...)`), which its Markdown
lexer uses for a fence without a language and a ```` ```guess ```` fence asks for: an editor's
modeline names the language; else each lexer that can tell (`detect?`: a shebang, `<?xml`, a
doctype, `\\documentclass`) says whether the code is its own. One lexer left wins; several go
to the first in Rouge's list; none is plain text."""

from __future__ import annotations

import re
from typing import Callable

EMACS_MODELINE = re.compile(
    r"-\*-\s*(?:(?!mode)[\w-]+\s*:\s*(?:[\w+-]+)\s*;?\s*)*(?:mode\s*:)?\s*([\w+-]+)\s*"
    r"(?:;\s*(?!mode)[\w-]+\s*:\s*[\w+-]+\s*)*;?\s*-\*-", re.A | re.I)
VIM_MODELINE_1 = re.compile(r"(?:vim|vi|ex):\s*(?:ft|filetype|syntax)=(\w+)\s?", re.A | re.I)
VIM_MODELINE_2 = re.compile(
    r"(?:vim|vi|Vim|ex):\s*se(?:t)?.*\s(?:ft|filetype|syntax)=(\w+)\s?.*:", re.A | re.I)
SHEBANG = re.compile(r"\A\s*#!(.*)$", re.A | re.M)
DOCTYPE = re.compile(r"\A\s*(?:<\?.*?\?>\s*)?<!DOCTYPE\s+(.+?)>", re.A | re.S)


class Source:
    """The code, with its shebang line and doctype found once (Rouge's TextAnalyzer)."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = SHEBANG.search(text)
        self.shebang = found.group(1) if found else None
        found = DOCTYPE.search(text)
        self.doctype = found.group(1) if found else None

    def shebang_is(self, program: str) -> bool:
        """Whether the shebang names `program` (a pattern) as a whole word."""
        return self.shebang is not None and \
            re.search(rf"(?u:\b)(?:{program})(\s|$)", self.shebang, re.A) is not None

    def has(self, pattern: str, flags: int = re.A | re.M) -> bool:
        return re.search(pattern, self.text, flags) is not None


def _shebang(*programs: str) -> Callable[[Source], bool]:
    return lambda source: any(source.shebang_is(program) for program in programs)


def _diff(source: Source) -> bool:
    return source.text.startswith("Index: ") or source.has(r"\Adiff[^\n]*?\ba/[^\n]*\bb/") \
        or source.has(r"---.*?\n[+][+][+]") or source.has(r"[+][+][+].*?\n---")


def _hack(source: Source) -> bool:
    return source.has(r"<\?hh") or source.shebang_is("hhvm") or \
        source.has(r"async function [a-zA-Z]") or source.has(r"\): Awaitable<")


def _html(source: Source) -> bool:
    if source.doctype is not None and re.search(r"\bhtml\b", source.doctype, re.A | re.I):
        return True
    return not source.has(r"\A<\?xml\b") and source.has(r"<\s*html\b")


def _php(source: Source) -> bool:
    return source.shebang_is("php") or (not source.has(r"^<\?hh") and source.has(r"^<\?php"))


def _racket(source: Source) -> bool:
    found = re.search(r"\A#lang\s*(.*?)$", source.text, re.A | re.M)
    return found is not None and re.search("racket|scribble", found.group(1)) is not None


def _xml(source: Source) -> bool:
    if source.doctype is not None and "html" in source.doctype:
        return False
    return source.has(r"\A<\?xml\b") or source.doctype is not None


# Rouge's lexers that can tell their own code, in Rouge's order (`Lexer.all`).
DETECTORS: list[tuple[str, Callable[[Source], bool]]] = [
    ("awk", _shebang("awk")),
    ("xml", _xml),
    ("biml", lambda source: source.has(r"<\s*Biml\b")),
    ("coffeescript", _shebang("coffee")),
    ("crystal", _shebang("crystal")),
    ("python", _shebang(r"pythonw?(?:[23](?:\.\d+)?)?")),
    ("diff", _diff),
    ("yaml", lambda source: source.has(r"\A\s*%YAML", re.A | re.S)),
    ("factor", _shebang("factor")),
    ("gherkin", _shebang("cucumber")),
    ("groovy", _shebang("groovy")),
    ("php", _php),
    ("hack", _hack),
    ("haskell", _shebang("runhaskell")),
    ("haxe", _shebang("haxe")),
    ("html", _html),
    ("io", _shebang("io")),
    ("ruby", _shebang("ruby")),
    ("javascript", _shebang("node", "jsc")),
    ("julia", _shebang("julia")),
    ("lasso", lambda source: source.shebang_is("lasso9") or
     source.has(r"\A.*?<\?(lasso(script)?|=)", re.A)),
    ("livescript", _shebang("lsc")),
    ("lua", _shebang("lua")),
    ("moonscript", _shebang("moon")),
    ("mosel", lambda source: source.has(r"^\s*(model|package)\s+")),
    ("perl", _shebang("perl")),
    ("postscript", lambda source: source.has(r"^%!")),
    ("praat", _shebang("praat")),
    ("puppet", _shebang("puppet-apply", "puppet")),
    ("r", _shebang("Rscript")),
    ("racket", _racket),
    ("rust", _shebang("rustc")),
    ("sed", _shebang("sed")),
    ("shell", _shebang("(ba|z|k)?sh")),
    ("solidity", lambda source: source.text.startswith("pragma solidity")),
    ("tcl", _shebang("tclsh", "wish", "jimsh")),
    ("tex", lambda source: source.has(
        r"\A\s*\\(documentclass|input|documentstyle|relax|ProvidesPackage|ProvidesClass)")),
    ("tulip", _shebang("tulip")),
]


def guess_language(text: str | None, known: Callable[[str], bool]) -> str:
    """The tag of the lexer Rouge guesses for `text` (`plaintext` for none); `known` says
    whether Rouge has a lexer of a name a modeline gives."""
    if text is None:
        return "plaintext"
    named = _modeline(text)
    if named is not None and known(named):
        return named
    source = Source(text)
    return next((tag for tag, detect in DETECTORS if detect(source)), "plaintext")


def _modeline(text: str) -> str | None:
    """The language an Emacs or Vim modeline in the first or last five lines names."""
    lines = text.split("\n")
    while lines and not lines[-1]:     # Ruby's split drops trailing empty fields
        lines.pop()
    space = "\n".join(lines[:5] + lines[-5:]) if lines else ""
    for pattern in (EMACS_MODELINE, VIM_MODELINE_1, VIM_MODELINE_2):
        found = pattern.search(space)
        if found:
            return found.group(1)
    return None
