"""YAML cut into tokens and named as Rouge's YAML lexer does (Jekyll highlights `yaml` fences
with it; ML posts show configs in them). Pygments names keys `nt` and scalars `l`; Rouge names
keys `na`, indicators `pi`, and splits plain scalars: `true`/`false`/`null` wherever a word
starts with them (`no`), a number that ends the line or comes before a comment (`m`), the rest
`s`. Quoted strings give their opening quote its own class and the spaces inside them `nv`.
Rouge's YAML rules carry state from line to line (flow collections, plain scalars that run
on, block scalars, a stack of indents); this follows them line by line. Checked against
Rouge's output (the Jekyll oracle) on random configs."""

from __future__ import annotations

import re
from typing import Callable

Tokens = list[tuple[str, str]]

COMMENT = re.compile(r"#[^\n]*")
DIRECTIVE = re.compile(r"(%YAML|%TAG)\b( +)(\d+\.\d+|!|![\w-]*!)"
                       r"(?:( +)(!|!?[\w;/?:@&=+$,.!~*'()\[\]%-]+))?")
DOCUMENT = re.compile(r"(?:---|\.\.\.)(?= |\n|$)")
INDICATOR = re.compile(r"( *)([?:-])(?= |\n|$)")
KEY = re.compile(r"""([^#,:?\[\]{}"'\n]+)(:)(?=\s|$)""")
BLOCK_SCALAR = re.compile(r"[|>][+-]?")
BLOCK_HEADER = re.compile(r"(?:[1-9][+-]?|[+-]?[1-9]?)(?= |\n|$)")
DESCRIPTOR = [("kt", re.compile(r"!<[0-9A-Za-z;/?:@&=+$,_.!~*'()\[\]%-]+>")),
              ("kt", re.compile(r"(?:![\w-]+)?![\w;/?:@&=+$,.!~*'()\[\]%-]*")),
              ("nl", re.compile(r"&[^\W]+|&[\w-]+")),
              ("nv", re.compile(r"\*[\w-]+"))]
PLAIN_START = re.compile(r"""[^ \t\n\r\f\v?:,\[\]{}#&*!|>'"%@`]|[?:-][^ \t\n\r\f\v]""")
PLAIN_BLOCK = [   # (class or None to end the scalar, pattern), tried in order
    (None, re.compile(r" *(?=:[ \n]|:$)")),
    ("s", re.compile(r" *:\S+")),
    (None, re.compile(r" +(?=#)")),
    ("", re.compile(r" +(?=\n|$)")),
    ("s", re.compile(r" +")),
    ("no", re.compile(r"true|false|null")),
    ("m!", re.compile(r"\d+(?:\.\d+)?(?=\r?\n| +#)")),
    ("s", re.compile(r"[^\s:]+")),
]
FLOW_PLAIN = re.compile(r"[^\s,:?\[\]{}]+(?: +[^\s,:?\[\]{}#][^\s,:?\[\]{}]*)*")
DOUBLE_ESCAPE = re.compile(r"""\\[0abt\tn\nvfre "\\N_LP]|\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}"""
                           r"|U[0-9A-Fa-f]{8})")


def yaml_tokens(code: str) -> Tokens:
    lexer = _Lexer()
    lexer.lex(code.splitlines(keepends=True))
    return [(css, text) for css, text in lexer.out if text]


class _Lexer:
    """Line by line, with the state Rouge carries from line to line: the open flow
    collection's depth, a plain scalar that may go on, and Rouge's stack of indents (a plain
    scalar goes on to lines indented past its top)."""

    def __init__(self) -> None:
        self.out: Tokens = []
        self.depth = 0                  # of the flow collection ([…], {…}) left open
        self.plain_open = False         # the last line ended inside a plain scalar
        self.indents = [0]
        self.next_indent = 0
        self.in_root = True             # False for the line that ends a block scalar

    def lex(self, lines: list[str]) -> None:
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
            if self._continued(line):
                continue
            indent = len(line) - len(line.lstrip(" "))
            if self._block_line_start(line, indent):
                i = self._block_scalar(lines, i, indent)
                # Rouge reads the line that ends it as a block line, not a new document
                self.in_root = False

    def _continued(self, line: str) -> bool:
        """Lines that go on with what the line before left open, or carry nothing."""
        out, stripped = self.out, line.lstrip(" ")
        indent, end = len(line) - len(stripped), len(line.rstrip("\n"))
        if self.depth:
            out.append(("", line[:indent]))
            pos, self.depth = _flow(line, indent, end, out, self.depth)
            self._line_rest(line, pos) if not self.depth else _rest(line[pos:], out)
            return True
        if self.plain_open:
            if not stripped.strip():
                out.append(("", line))
                return True
            if not DOCUMENT.match(line) and indent > self.indents[-1]:
                out.append(("", line[:indent]))
                pos, self.plain_open = _plain(line, indent, end, out)
                _rest(line[pos:], out) if self.plain_open else self._line_rest(line, pos)
                return True
            self.plain_open = False
        directive = DIRECTIVE.match(line) if self.in_root else None
        if directive:
            out += [("nt", directive.group(1)), ("", directive.group(2)),
                    ("m" if directive.group(1) == "%YAML" else "kt", directive.group(3)),
                    ("", directive.group(4) or ""), ("kt", directive.group(5) or "")]
            _rest(line[directive.end():], out)
            return True
        if not stripped.strip() or stripped.startswith("#"):
            out.append(("", line[:indent]))
            _rest(stripped, out)
            self.in_root = True
            return True
        return False

    def _block_line_start(self, line: str, indent: int) -> bool:
        """A line of the block context; whether it opened a block scalar."""
        document = DOCUMENT.match(line) if self.in_root else None
        self.in_root = True
        if document:
            self.out.append(("nn", document.group()))
            self.indents, self.next_indent = [0], 0
            return self._line_rest(line, document.end())
        while indent < self.indents[-1]:
            self.indents.pop()
        self.next_indent, pos = indent, 0
        while True:   # indentation and block indicators (`- `, `? `, `: `)
            found = INDICATOR.match(line, pos)
            if not found:
                break
            self.out += [("", found.group(1)), ("pi", found.group(2))]
            self.next_indent += len(found.group(1)) if pos else 0
            self._set_indent()
            self.next_indent += 1
            pos = found.end()
        spaces = len(line[pos:]) - len(line[pos:].lstrip(" "))
        self.next_indent += spaces if pos else 0
        return self._line_rest(line, pos)

    def _set_indent(self) -> None:
        if self.indents[-1] < self.next_indent:
            self.indents.append(self.next_indent)

    def _line_rest(self, line: str, pos: int) -> bool:
        scalar_header, self.depth, self.plain_open = _block_line(line, pos, self.out,
                                                                 self._set_indent)
        return scalar_header

    def _block_scalar(self, lines: list[str], i: int, indent: int) -> int:
        """`|` or `>`: the lines indented below it are its text; the index after them."""
        content_indent = None
        while i < len(lines):
            body = lines[i]
            text = body.lstrip(" ")
            body_indent = len(body) - len(text)
            if text.strip():
                if body_indent < (content_indent if content_indent is not None
                                  else indent + 1):
                    break
                if content_indent is None:
                    content_indent = body_indent
                self.out += [("", body[:body_indent]), ("s", text.rstrip("\n")),
                             ("", "\n" if body.endswith("\n") else "")]
            else:
                self.out.append(("", body))
            i += 1
        return i


def _block_line(line: str, pos: int, out: Tokens, on_key: Callable[[], None]
                ) -> tuple[bool, int, bool]:
    """Tokens of one line after its indentation: whether it opened a block scalar, the depth
    of a flow collection it left open, and whether it ended inside a plain scalar.
    `on_key` is told of each implicit key (it sets an indent, as in Rouge)."""
    end = len(line.rstrip("\n"))
    while pos < end:
        rest = line[pos:end]
        if not rest.strip(" ") or rest.lstrip(" ").startswith("#"):
            spaces = len(rest) - len(rest.lstrip(" "))
            out.append(("", rest[:spaces]))
            pos += spaces
            break
        if rest.startswith(" "):
            spaces = len(rest) - len(rest.lstrip(" "))
            out.append(("", rest[:spaces]))
            pos += spaces
            continue
        descriptor = _descriptor(line, pos, end)
        if descriptor:
            out.append(descriptor)
            pos += len(descriptor[1])
            continue
        key = KEY.match(line, pos, end)
        if key:
            out += [("na", key.group(1)), ("pi", key.group(2))]
            on_key()
            pos = key.end()
            continue
        block = BLOCK_SCALAR.match(line, pos, end)
        if block:
            out.append(("pi", block.group()))
            header = BLOCK_HEADER.match(line, block.end(), end)
            if header and header.group():
                out.append(("pi", header.group()))
            _rest(line[header.end() if header else block.end():], out)
            return True, 0, False
        if rest[0] in "[{":
            pos, depth = _flow(line, pos, end, out, 0)
            if depth:
                _rest(line[pos:], out)
                return False, depth, False
            continue
        if rest[0] in "'\"":
            pos = _quoted(line, pos, end, out)
            continue
        if PLAIN_START.match(line, pos, end):
            pos, open_ = _plain(line, pos, end, out)
            if open_:
                _rest(line[pos:], out)
                return False, 0, True
            continue
        out.append(("err", rest[0]))   # what Rouge's rules do not take: an error token
        pos += 1
    _rest(line[pos:], out)
    return False, 0, False


def _rest(text: str, out: Tokens) -> None:
    """Spaces, a comment and the line end."""
    spaces = len(text) - len(text.lstrip(" "))
    out.append(("", text[:spaces]))
    comment = COMMENT.match(text, spaces)
    if comment:
        out.append(("c1", comment.group()))
        spaces = comment.end()
    out.append(("", text[spaces:]))


def _descriptor(line: str, pos: int, end: int) -> tuple[str, str] | None:
    for css, pattern in DESCRIPTOR:
        found = pattern.match(line, pos, end)
        if found and found.group() and (css != "kt" or line[pos] == "!"):
            return css, found.group()
    return None


def _plain(line: str, pos: int, end: int, out: Tokens) -> tuple[int, bool]:
    """A plain scalar from `pos`: where it stops, and whether it runs on past the line."""
    while pos < end:
        for css, pattern in PLAIN_BLOCK:
            found = pattern.match(line, pos, end if css != "m!" else len(line))
            if found and (found.group() or css is None):
                break
        else:
            return pos, False
        if css is None:
            out.append(("", found.group()))
            return found.end(), False
        if css == "m!":
            out.append(("m", found.group()))
            return found.end(), False
        out.append((css, found.group()))
        pos = found.end()
    return pos, True


def _quoted(line: str, pos: int, end: int, out: Tokens) -> int:
    quote = line[pos]
    out.append(("s1" if quote == "'" else "s2", quote))
    pos += 1
    while pos < end:
        char = line[pos]
        if char == quote:
            out.append(("s", quote))
            return pos + 1
        if char == " ":
            run = len(line[pos:end]) - len(line[pos:end].lstrip(" "))
            out.append(("nv" if pos + run < end else "", line[pos:pos + run]))
            pos += run
            continue
        if char == "\\":
            escape = (re.compile(r"\\'").match(line, pos, end) if quote == "'"
                      else DOUBLE_ESCAPE.match(line, pos, end))
            if escape:
                out.append(("se", escape.group()))
                pos = escape.end()
                continue
        word = re.compile(r"[^\s" + re.escape(quote) + (r"\\]+" if quote == '"' else "]+"))
        found = word.match(line, pos, end)
        text = found.group() if found else char
        out.append(("s", text))
        pos += len(text)
    return pos


def _flow(line: str, pos: int, end: int, out: Tokens, depth: int) -> tuple[int, int]:
    """A flow sequence or mapping (its plain scalars are `nv`), from `pos` to where it closes
    or the line ends: that place and the depth still open there."""
    while pos < end:
        char = line[pos]
        if char in "[{":
            depth += 1
            out.append(("pi", char))
            pos += 1
        elif char in "]}":
            depth -= 1
            out.append(("pi", char))
            pos += 1
            if depth == 0:
                return pos, 0
        elif char in "?:,":
            out.append(("pi", char))
            pos += 1
        elif char == " ":
            run = len(line[pos:end]) - len(line[pos:end].lstrip(" "))
            out.append(("", line[pos:pos + run]))
            pos += run
        elif char == "#":
            out.append(("c1", line[pos:end]))
            pos = end
        elif char in "'\"":
            pos = _quoted(line, pos, end, out)
        else:
            descriptor = _descriptor(line, pos, end)
            if descriptor:
                out.append(descriptor)
                pos += len(descriptor[1])
                continue
            found = FLOW_PLAIN.match(line, pos, end)
            text = found.group() if found else char
            out.append(("nv", text))
            pos += len(text)
    return pos, depth
