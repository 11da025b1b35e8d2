"""Shell code cut into tokens and named as Rouge's shell lexer does (Jekyll highlights `bash`
fences with it). Pygments' Bash lexer differs too much to re-cut: Rouge marks the commands of
bash and coreutils as builtins wherever they stand as words, options as `nt`, leaves numbers
plain, and lets a keyword or builtin take the spaces after it when a word follows. Built by
comparing with Rouge's output (the Jekyll oracle), case by case."""

from __future__ import annotations

import re

BUILTINS = frozenset("""
    alias bg bind break builtin caller cd command compgen complete declare dirs disown echo
    enable eval exec exit export false fc fg getopts hash help history jobs kill let local logout
    mapfile popd printf pushd pwd read readonly set shift shopt source suspend test time times
    trap true type typeset ulimit umask unalias unset wait arch base64 basename cat chcon chgrp
    chmod chown chroot cksum comm cp csplit cut date dd df dir dircolors dirname du env expand
    expr factor fmt fold groups head hostid id install join link ln logname ls md5sum mkdir
    mkfifo mknod mktemp mv nice nl nohup nproc numfmt od paste pathchk pr printenv ptx readlink
    realpath rm rmdir runcon seq sha1sum sha224sum sha256sum sha384sum sha512sum shred shuf
    sleep sort split stat stdbuf stty sum sync tac tail tee timeout touch tr truncate tsort tty
    uname unexpand uniq unlink users vdir wc who whoami yes sudo grep sed awk tar gzip gunzip .
    """.split())
KEYWORDS = frozenset("""if fi else while do done for then return function select continue
    until esac elif case in""".split())
WORD_START = r"(?:(?<=^)|(?<=[\s;|&(`]))"       # where a command or argument word can start
WORD = re.compile(WORD_START + r"[\w.][\w.-]*")
ASSIGNMENT = re.compile(WORD_START + r"([A-Za-z_]\w*)(=+)")
OPTION = re.compile(r"--?[\w-]*")
FIXED = [   # (class, pattern) tried in order at each position
    ("c", re.compile(r"(?:(?<=^)|(?<=\s))#[^\n]*", re.M)),
    ("se", re.compile(r"\\(?=\n)")),
    ("o", re.compile(r"&&|\|\||\[\[|\]\]|(?<=\s)\[(?=\s)|(?<=\s)\](?=[\s;]|$)|(?<=\s)>>?"
                     r"|(?<=\s)(?:==|!=)(?=\s)|!|\(\)|[{}]", re.M)),
    ("p", re.compile(r";;|;|\)")),
    ("k", re.compile(r"\*")),
    ("sb", re.compile(r"`")),
]
HEREDOC = re.compile(r"<<-?(\w+)")
VARIABLE = re.compile(r"\$\w+")

Tokens = list[tuple[str, str]]


def shell_tokens(code: str) -> Tokens:
    """(class, text) pairs covering `code`; "" for plain text."""
    out: Tokens = []
    pos = 0
    while pos < len(code):
        tokens, pos = _next(code, pos)
        out += tokens
    return out


def _next(code: str, pos: int) -> tuple[Tokens, int]:
    if (pos == 0 or code[pos - 1] == "\n") and code.startswith("$ ", pos):
        return [("nv", "$ ")], pos + 2                       # a prompt
    for css, pattern in FIXED:
        found = pattern.match(code, pos)
        if found:
            return [(css, found.group())], found.end()
    heredoc = HEREDOC.match(code, pos)
    if heredoc:
        return _heredoc(code, pos, heredoc)
    char = code[pos]
    if char == "-" and pos > 0 and code[pos - 1] in " \t":
        option = OPTION.match(code, pos)
        if code.startswith("=", option.end()):
            return [("nt", option.group()), ("o", "=")], option.end() + 1
        return [("nt", option.group())], option.end()
    if char == "$":
        return _dollar(code, pos)
    if char == '"':
        return _double_quoted(code, pos)
    if char == "'":
        end = code.find("'", pos + 1)
        end = len(code) if end < 0 else end + 1
        return [("s1", code[pos:end])], end
    assignment = ASSIGNMENT.match(code, pos)
    if assignment:
        return [("nv", assignment.group(1)), ("o", assignment.group(2))], assignment.end()
    word = WORD.match(code, pos)
    if word:
        return _word(code, word)
    return [("", char)], pos + 1


def _after_spaces(code: str, end: int, keyword: bool) -> int:
    """A keyword or builtin takes the spaces after it when a word follows them (a keyword the
    line breaks too)."""
    spaces = (BLANKS if keyword else SPACES).match(code, end).end()
    return spaces if WORD_CHAR.match(code, spaces) else end


def _word(code: str, word: re.Match) -> tuple[Tokens, int]:
    """A keyword or builtin standing as a word of its own, or plain text."""
    keyword = word.group() in KEYWORDS
    after = code[word.end():word.end() + 1]
    if not (keyword or word.group() in BUILTINS) or (after and after not in " \t\n;|&)`"):
        return [("", word.group())], word.end()
    end = _after_spaces(code, word.end(), keyword)
    return [("k" if keyword else "nb", code[word.start():end])], end


SPACES, BLANKS, WORD_CHAR = re.compile(r"[ \t]*"), re.compile(r"\s*"), re.compile(r"\w")


def _heredoc(code: str, pos: int, heredoc: re.Match) -> tuple[Tokens, int]:
    """`<<EOT`: the rest of the line and the body are one token, up to the line `EOT`."""
    end_line = re.compile(rf"^{re.escape(heredoc.group(1))}$\n?", re.M)
    body_end = end_line.search(code, heredoc.end())
    stop = body_end.start() if body_end else len(code)
    out = [("o", code[pos:heredoc.start(1)]), ("no", heredoc.group(1)),
           ("sh", code[heredoc.end():stop])]
    if body_end is None:
        return out, stop
    return out + [("no", body_end.group())], body_end.end()


def _dollar(code: str, pos: int) -> tuple[Tokens, int]:
    """`$((…))`, `$(…)`, `${…}` and `$name`; a `$` alone is text. Unclosed, they run to the
    end of the code."""
    if code.startswith("$((", pos):
        end = code.find("))", pos + 3)
        close = [] if end < 0 else [("k", "))")]
        end = len(code) if end < 0 else end
        inner = [("m" if v.isdigit() else "o" if v in "-+*/%" else "", v)
                 for v in re.findall(r"\d+|[-+*/%]|\s+|[^\d\s\-+*/%]+", code[pos + 3:end])]
        return [("k", "$((")] + inner + close, end + 2 * len(close)
    if code.startswith("$(", pos):
        depth, end = 1, pos + 2
        while end < len(code) and depth:
            depth += {"(": 1, ")": -1}.get(code[end], 0)
            end += 1
        close = [("si", ")")] if depth == 0 else []
        inner = shell_tokens(code[pos + 2:end - len(close)])
        return [("si", "$(")] + inner + close, end
    if code.startswith("${", pos):
        end = code.find("}", pos)
        if end < 0:
            return [("k", "${"), ("nv", code[pos + 2:])], len(code)
        return [("k", "${"), ("nv", code[pos + 2:end]), ("k", "}")], end + 1
    variable = VARIABLE.match(code, pos)
    if variable:
        return [("nv", variable.group())], variable.end()
    return [("", "$")], pos + 1


def _double_quoted(code: str, pos: int) -> tuple[Tokens, int]:
    """A double-quoted string, `s2`, with the expansions inside it as outside."""
    out: Tokens = [("s2", '"')]
    end = pos + 1
    while end < len(code) and code[end] != '"':
        if code[end] == "\\" and end + 1 < len(code):
            out.append(("s2", code[end:end + 2]))
            end += 2
        elif code[end] == "$":
            tokens, end = _dollar(code, end)
            out += [("s2", "$")] if tokens == [("", "$")] else tokens
        else:
            run = QUOTED_TEXT.match(code, end)
            out.append(("s2", run.group()))
            end = run.end()
    return out + [("s2", code[end:end + 1])], end + 1


QUOTED_TEXT = re.compile(r'[^"\\$]+|\\')   # a backslash ending the code too
