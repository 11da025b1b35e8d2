"""Shell code and shell sessions named as Rouge's shell and console lexers name them (Jekyll
highlights `bash` and `console` fences with them): Rouge marks the commands of bash and
coreutils as builtins, options as `nt`, leaves numbers plain, and lets a keyword or builtin
take the spaces after it when a word follows. These are Rouge 3.30's rules, in its order,
run by `lexer`."""

from __future__ import annotations

import re
from typing import Callable

from .lexer import Rule, Run, Tokens, either, expand, lex, rule

KEYWORDS = "if fi else while do done for then return function select continue until esac elif in"
BUILTINS = """alias bg bind break builtin caller cd command compgen complete declare dirs
    disown enable eval exec exit export false fc fg getopts hash help history jobs let local
    logout mapfile popd pushd pwd read readonly set shift shopt source suspend test time times
    trap true type typeset ulimit umask unalias unset wait cat tac nl od base32 base64 fmt pr
    fold head tail split csplit wc sum cksum b2sum md5sum sha1sum sha224sum sha256sum
    sha384sum sha512sum sort shuf uniq comm ptx tsort cut paste join tr expand unexpand ls dir
    vdir dircolors cp dd install mv rm shred link ln mkdir mkfifo mknod readlink rmdir unlink
    chown chgrp chmod touch df du stat sync truncate echo printf yes expr tee basename dirname
    pathchk mktemp realpath pwd stty printenv tty id logname whoami groups users who date arch
    nproc uname hostname hostid uptime chcon runcon chroot env nice nohup stdbuf timeout kill
    sleep factor numfmt seq tar grep sudo awk sed gzip gunzip"""


def _heredoc_start(found: re.Match, run: Run) -> Tokens:
    run.memory["heredoc"] = found.group(5)
    run.go("heredoc")
    return list(zip(("o", "", "sh", "sh", "no", "sh"), found.groups()))


def _heredoc_line(found: re.Match, run: Run) -> Tokens:
    if found.group(1) == run.memory.get("heredoc"):
        run.go("#pop2")
        return [("no", found.group())]
    return [("sh", found.group())]


STATES: dict[str, list[Rule | str]] = {
    "basic": [
        rule(r"#.*$", "c"),
        rule(rf"\b(?:{either(KEYWORDS)})\s*\b", "k"),
        rule(r"\bcase\b", "k", "case"),
        rule(rf"\b(?:{either(BUILTINS)})\s*\b(?!(?:\.|-))", "nb"),
        rule(r"[.](?=\s)", "nb"),
        rule(r"(\b\w+)(=)", ("nv", "o")),
        rule(r"[\[\]{}()!=>]", "o"),
        rule(r"&&|\|\|", "o"),
        rule(r"<<<", "o"),
        rule(r"(<<-?)(\s*)(['\"]?)(\\?)(\w+)(\3)", _heredoc_start),
    ],
    "heredoc": [
        rule(r"\n", "sh", "heredoc_nl"),
        rule(r"[^$\n\\]+", "sh"),
        "mixin:interp",
        rule(r"[$]", "sh"),
    ],
    "heredoc_nl": [
        rule(r"\s*(\w+)\s*\n", _heredoc_line),
        rule(r"", "", "#pop"),
    ],
    "double_quotes": [
        rule(r"(?:\$#?)?\"", "s2", "#pop"),
        "mixin:interp",
        rule(r"[^\"`\\$]+", "s2"),
    ],
    "ansi_string": [
        rule(r"\\.", "se"),
        rule(r"[^\\']+", "s1"),
        "mixin:single_quotes",
    ],
    "single_quotes": [
        rule(r"'", "s1", "#pop"),
        rule(r"[^']+", "s1"),
    ],
    "data": [
        rule(r"\s+", ""),
        rule(r"\\.", "se"),
        rule(r"\$?\"", "s2", "double_quotes"),
        rule(r"\$'", "s1", "ansi_string"),
        rule(r"'", "s1", "single_quotes"),
        rule(r"\*", "k"),
        rule(r";", "p"),
        rule(r"--?[\w-]+", "nt"),
        rule(r"[^=*\s{}()$\"'`;\\<]+", ""),
        rule(r"\d+(?= |\n?\Z)", "m"),
        rule(r"<", ""),
        "mixin:interp",
    ],
    "curly": [
        rule(r"}", "k", "#pop"),
        rule(r":-", "k"),
        rule(r"[a-zA-Z0-9_]+", "nv"),
        rule(r"[^}:\"`'$]+", "p"),
        "mixin:root",
    ],
    "paren_interp": [
        rule(r"\)", "si", "#pop"),
        rule(r"\(", "o", "paren_inner"),
        "mixin:root",
    ],
    "paren_inner": [
        rule(r"\(", "o", "paren_inner"),
        rule(r"\)", "o", "#pop"),
        "mixin:root",
    ],
    "math": [
        rule(r"\)\)", "k", "#pop"),
        rule(r"[-+*/%^|&!]|\*\*|\|\|", "o"),
        rule(r"\d+(?:#\w+)?", "m"),
        "mixin:root",
    ],
    "case": [
        rule(r"\besac\b", "k", "#pop"),
        rule(r"\|", "p"),
        rule(r"\)", "p", "case_stanza"),
        "mixin:root",
    ],
    "case_stanza": [
        rule(r";;", "p", "#pop"),
        "mixin:root",
    ],
    "backticks": [
        rule(r"`", "sb", "#pop"),
        "mixin:root",
    ],
    "interp": [
        rule(r"\\$", "se"),
        rule(r"\\.", "se"),
        rule(r"\$\(\(", "k", "math"),
        rule(r"\$\(", "si", "paren_interp"),
        rule(r"\$\{#?", "k", "curly"),
        rule(r"`", "sb", "backticks"),
        rule(r"\$#?(?:\w+|.)", "nv"),
        rule(r"\$[*@]", "nv"),
    ],
    "root": ["mixin:basic", "mixin:data"],
}
SHELL = expand(STATES)


def shell_tokens(code: str, run: Run | None = None) -> Tokens:
    """(class, text) pairs covering `code`; "" for plain text."""
    return lex(SHELL, code, run)


CONSOLE_LINE = re.compile(r".*?(?:\n|$)")
SNIP = re.compile(r"\s*(?:<\.+>|\.+)\s*\Z", re.A)
SPACE = " \t\n\r\f\v"   # Ruby's \s
PROMPT = re.compile(r".*?[$#>;]", re.S)


def console_tokens(code: str, commands: Callable[[str], Tokens] | None = None) -> Tokens:
    """A shell session (`console` fences), line by line as Rouge's console lexer reads it: a
    line holding `$`, `#`, `>` or `;` is a prompt up to the first of them (`gp`), then a
    command in the shell's tokens, going on from the command before (a quote left open), or
    in the tokens of `commands` (`console?lang=python`); a line of dots or `<...>` is a
    comment; any other line is output (`go`)."""
    out: Tokens = []
    run = Run(["root"])
    for line in CONSOLE_LINE.findall(code):
        if not line:
            continue
        prompt = PROMPT.match(line)
        if SNIP.match(line) or prompt is None:
            out.append(("c" if SNIP.match(line) else "go", line))
            run = Run(["root"])
            continue
        command = line[prompt.end():]
        spaces = len(command) - len(command.lstrip(SPACE))
        out += [("gp", prompt.group()), ("w", command[:spaces])]
        out += commands(command[spaces:]) if commands else shell_tokens(command[spaces:], run)
    return [(css, text) for css, text in out if text]
