"""YAML cut into tokens and named as Rouge's YAML lexer does (Jekyll highlights `yaml` fences
with it; ML posts show configs in them). Rouge names keys `na`, indicators `pi`, and splits
plain scalars: `true`/`false`/`null` wherever a word starts with them (`no`), a number that
ends the line or comes before a comment (`m`), the rest `s`. Quoted strings give their
opening quote its own class and the spaces inside them `nv`. Rouge's YAML rules carry state
from line to line (flow collections, quoted and plain scalars that run on, block scalars, a
stack of indents); this follows them line by line. As in Ruby, `\\s` and `\\w` are ASCII's.
Checked against Rouge's output (the Jekyll oracle) on random configs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

Tokens = list[tuple[str, str]]


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.A)


LINE = _compile(r"[^\n]*\n|[^\n]+")
COMMENT = _compile(r"#[^\n]*")
DIRECTIVE = _compile(r"(%YAML|%TAG)\b( +)(\d+\.\d+|!|![\w-]*!)"
                     r"(?:( +)(!|!?[\w;/?:@&=+$,.!~*'()\[\]%-]+))?")
DOCUMENT = _compile(r"(?:---|\.\.\.)(?= |\n|$)")
INDICATOR = _compile(r"( *)([?:-])(?= |\n|$)")
KEY = _compile(r"""([^#,:?\[\]{}"'\n]+)(:)(?=\s|$)""")
BLOCK_SCALAR = _compile(r"[|>][+-]?")
BLOCK_HEADER = _compile(r"(?:[1-9][+-]?|[+-]?[1-9]?)(?= |\n|$)")
DESCRIPTOR = [("kt", _compile(r"!<[0-9A-Za-z;/?:@&=+$,_.!~*'()\[\]%-]+>")),
              ("kt", _compile(r"(?:![\w-]+)?![\w;/?:@&=+$,.!~*'()\[\]%-]*")),
              ("nl", _compile(r"&(?u:[\w-])+")),     # anchors and aliases: Unicode letters
              ("nv", _compile(r"\*(?u:[\w-])+"))]
PLAIN_START = _compile(r"""[^ \t\n\r\f\v?:,\[\]{}#&*!|>'"%@`]|[?:-][^ \t\n\r\f\v]""")
PLAIN_BLOCK = [   # (class or None to end the scalar, pattern), tried in order
    (None, _compile(r" *(?=:[ \n]|:$)")),
    ("s", _compile(r" *:\S+")),
    (None, _compile(r" +(?=#)")),
    ("", _compile(r" +(?=\n|$)")),
    ("s", _compile(r" +")),
    ("no", _compile(r"true|false|null")),
    ("m!", _compile(r"\d+(?:\.\d+)?(?=\r?\n| +#)")),
    ("s", _compile(r"[^\s:]+")),
]
FLOW_PLAIN = _compile(r"[^\s,:?\[\]{}]+(?: +[^\s,:?\[\]{}#][^\s,:?\[\]{}]*)*")
ESCAPES = {'"': _compile(r"""\\[0abt\tn\nvfre "\\N_LP]|\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}"""
                         r"|U[0-9A-Fa-f]{8})"),
           "'": _compile(r"\\'")}
QUOTED_TEXT = {'"': _compile(r'[^\s"\\]+'), "'": _compile(r"[^\s']+")}


def yaml_tokens(code: str) -> Tokens:
    lexer = _Lexer()
    lexer.lex(LINE.findall(code))
    return [(css, text) for css, text in lexer.out if text]


def _spaces(text: str, pos: int = 0) -> int:
    """How many spaces `text` has from `pos` on."""
    return len(text) - pos - len(text[pos:].lstrip(" "))


@dataclass
class _Open:
    """What a line left open for the next: a flow collection's depth, a quoted scalar's quote
    (inside the collection, if any), a plain scalar, a block scalar's header."""

    depth: int = 0
    quote: str = ""
    plain: bool = False
    block: bool = False
    block_indent: int = 0   # a block scalar's indentation indicator (`|2`), 0 for none


class _Lexer:
    """Line by line, with the state Rouge carries from line to line, and Rouge's stack of
    indents (a plain scalar goes on to lines indented past its top)."""

    def __init__(self) -> None:
        self.out: Tokens = []
        self.open = _Open()
        self.indents = [0]
        self.next_indent = 0
        self.in_root = True             # False for the line that ends a block scalar
        self.after_plain = False        # the line before ended inside a plain scalar

    def lex(self, lines: list[str]) -> None:
        i = 0
        while i < len(lines):
            line = lines[i]
            i += 1
            if not self._continued(line):
                self._block_line_start(line)
            if self.open.block:
                self.open.block = False
                i = self._block_scalar(lines, i, self.open.block_indent)
                # Rouge reads the line that ends it as a block line, not a new document
                self.in_root = False

    def _continued(self, line: str) -> bool:
        """Lines that go on with what the line before left open, or carry nothing."""
        out, indent, end = self.out, _spaces(line), len(line.rstrip("\n"))
        if self.open.quote:
            out.append(("", line[:indent]))
            pos, self.open.quote = _quoted(line, indent, out, self.open.quote)
            self._go_on(line, pos)
            return True
        if self.open.depth:
            out.append(("", line[:indent]))
            self._go_on(line, indent)
            return True
        if self.open.plain:
            if not line.strip(" \n"):
                out.append(("", line))
                return True
            if not DOCUMENT.match(line) and indent > self.indents[-1]:
                out.append(("", line[:indent]))
                pos, self.open.plain = _plain(line, indent, end, out)
                _rest(line[pos:], out) if self.open.plain else self._line_rest(line, pos)
                return True
            self.open.plain, self.after_plain = False, True
        directive = DIRECTIVE.match(line) if self.in_root else None
        if directive:
            out += [("nt", directive.group(1)), ("", directive.group(2)),
                    ("m" if directive.group(1) == "%YAML" else "kt", directive.group(3)),
                    ("", directive.group(4) or ""), ("kt", directive.group(5) or "")]
            _rest(line[directive.end():], out)
            return True
        if not line.strip(" \n") or line[indent:].startswith("#"):
            out.append(("", line[:indent]))
            _rest(line[indent:], out)
            self.in_root = True
            return True
        return False

    def _go_on(self, line: str, pos: int) -> None:
        """The rest of a line after a quote it closed, inside the flow collection if one is
        open, else in the block context."""
        if self.open.quote:
            return
        if self.open.depth:
            pos, self.open.depth, self.open.quote = _flow(line, pos, self.out, self.open.depth)
            if self.open.depth:
                _rest(line[pos:], self.out) if not self.open.quote else None
                return
        self._line_rest(line, pos)

    def _block_line_start(self, line: str) -> None:
        """A line of the block context: its indentation, then its nodes. Spaces past an
        indent that the stack of indents never had are an error, as Rouge marks them, unless
        the line ends a plain scalar's run (Rouge then takes the spaces as text)."""
        document = DOCUMENT.match(line) if self.in_root else None
        after_plain, self.in_root, self.after_plain = self.after_plain, True, False
        if document:
            self.out.append(("nn", document.group()))
            self.indents, self.next_indent = [0], 0
            self._line_rest(line, document.end())
            return
        indent = _spaces(line)
        dedented = indent < self.indents[-1]
        while indent < self.indents[-1]:
            self.indents.pop()
        self.next_indent, pos = indent, 0
        if dedented and not after_plain:
            top = self.indents[-1]
            self.out += [("", line[:top]), ("err", line[top:indent])]
            pos = indent
        while True:   # indentation and block indicators (`- `, `? `, `: `)
            found = INDICATOR.match(line, pos)
            if not found:
                break
            self.out += [("", found.group(1)), ("pi", found.group(2))]
            self.next_indent += len(found.group(1)) if pos else 0
            self._set_indent()
            self.next_indent += 1
            pos = found.end()
        self.next_indent += _spaces(line, pos) if pos else 0
        self._line_rest(line, pos)

    def _set_indent(self) -> None:
        if self.indents[-1] < self.next_indent:
            self.indents.append(self.next_indent)

    def _line_rest(self, line: str, pos: int) -> None:
        self.open = _block_line(line, pos, self.out, self._set_indent)

    def _block_scalar(self, lines: list[str], i: int, increment: int) -> int:
        """`|` or `>`: the lines indented as far as the first (at least as far as the block
        the scalar is in), or as the indicator says, are its text; the index after them.
        A line of spaces is text up to that indentation, `no` past it."""
        content_indent = self.indents[-1] + increment if increment else None
        while i < len(lines):
            body = lines[i]
            body_indent = _spaces(body)
            if body.strip(" \n"):
                if body_indent < (content_indent if content_indent is not None
                                  else self.indents[-1]):
                    break
                if content_indent is None:
                    content_indent = body_indent
                text = body[body_indent:].rstrip("\n")
                if not body_indent:   # Rouge's `^[ ]*` takes nothing six times: an error
                    self.out.append(("err", text[0]))
                    text = text[1:]
                self.out += [("", body[:body_indent]), ("s", text),
                             ("", "\n" if body.endswith("\n") else "")]
            else:
                spaces = len(body.rstrip("\n"))
                mark = min(spaces, content_indent if content_indent is not None else spaces)
                self.out += [("", body[:mark]), ("no", body[mark:spaces]), ("", body[spaces:])]
            i += 1
        return i


def _block_line(line: str, pos: int, out: Tokens, on_key: Callable[[], None]) -> _Open:
    """Tokens of one line after its indentation, and what it leaves open. `on_key` is told
    of each implicit key (it sets an indent, as in Rouge)."""
    end = len(line.rstrip("\n"))
    while pos < end:
        spaces = _spaces(line[:end], pos)
        if pos + spaces == end or line.startswith("#", pos + spaces):
            out.append(("", line[pos:pos + spaces]))
            pos += spaces
            break
        if spaces:
            out.append(("", line[pos:pos + spaces]))
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
            return _Open(block=True, block_indent=_block_header(line[block.end():], out))
        if line[pos] in "[{":
            pos, depth, quote = _flow(line, pos, out, 0)
            if depth:
                _rest(line[pos:], out) if not quote else None
                return _Open(depth=depth, quote=quote)
            continue
        if line[pos] in "'\"":
            pos, quote = _quoted(line, pos + 1, out, line[pos], opening=True)
            if quote:
                return _Open(quote=quote)
            continue
        if PLAIN_START.match(line, pos, end):
            start = pos
            pos, still_open = _plain(line, pos, end, out)
            if still_open:
                _rest(line[pos:], out)
                return _Open(plain=True)
            if pos > start:
                continue
        out.append(("err", line[pos]))   # what Rouge's rules do not take: an error token
        pos += 1
    _rest(line[pos:], out)
    return _Open()


def _block_header(text: str, out: Tokens) -> int:
    """What follows `|` or `>` on its line: Rouge takes a header (`2-`) before a space or the
    line's end, then spaces and a comment; any other character is an error. The header's
    indentation indicator, 0 for none."""
    pos, end = 0, len(text.rstrip("\n"))
    header = BLOCK_HEADER.match(text, pos, end)
    while header is None:
        out.append(("err", text[pos]))
        pos += 1
        header = BLOCK_HEADER.match(text, pos, end)
    out.append(("pi", header.group()))
    pos = header.end()
    while pos < end:
        spaces = _spaces(text[:end], pos)
        if spaces:
            out.append(("", text[pos:pos + spaces]))
        elif text[pos] == "#":
            spaces = end - pos
            out.append(("c1", text[pos:end]))
        else:
            spaces = 1
            out.append(("err", text[pos]))
        pos += spaces
    out.append(("", text[end:]))
    digits = [c for c in header.group() if c.isdigit()]
    return int(digits[0]) if digits else 0


def _rest(text: str, out: Tokens) -> None:
    """Spaces, a comment and the line end."""
    spaces = _spaces(text)
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


def _quoted(line: str, pos: int, out: Tokens, quote: str, opening: bool = False
            ) -> tuple[int, str]:
    """A quoted scalar from `pos` (after its opening quote, which `opening` writes): where it
    stops, and its quote if it runs on to the next line. Spaces inside are `nv`, at a line's
    ends plain; a backslash before the line break is an escape."""
    if opening:
        out.append(("s1" if quote == "'" else "s2", quote))
    end = len(line.rstrip("\n"))
    while pos < end:
        char = line[pos]
        if char == quote:
            out.append(("s", quote))
            return pos + 1, ""
        if char == " ":
            run = _spaces(line[:end], pos)
            out.append(("nv" if pos + run < end else "", line[pos:pos + run]))
            pos += run
            continue
        escape = ESCAPES[quote].match(line, pos) if char == "\\" else None
        if escape:
            out.append(("se", escape.group()))
            pos = escape.end()
            continue
        text = QUOTED_TEXT[quote].match(line, pos, end)
        out.append(("s", text.group() if text else char))
        pos = text.end() if text else pos + 1
    out.append(("", line[pos:]))
    return len(line), quote


def _flow(line: str, pos: int, out: Tokens, depth: int) -> tuple[int, int, str]:
    """A flow sequence or mapping (its plain scalars are `nv`), from `pos` to where it closes
    or the line ends: that place, the depth still open there, and the quote of a quoted
    scalar left open."""
    end = len(line.rstrip("\n"))
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
                return pos, 0, ""
        elif char in "?:,":
            out.append(("pi", char))
            pos += 1
        elif char == " ":
            run = _spaces(line[:end], pos)
            out.append(("", line[pos:pos + run]))
            pos += run
        elif char == "#":
            out.append(("c1", line[pos:end]))
            pos = end
        elif char in "'\"":
            pos, quote = _quoted(line, pos + 1, out, char, opening=True)
            if quote:
                return pos, depth, quote
        else:
            descriptor = _descriptor(line, pos, end)
            if descriptor:
                out.append(descriptor)
                pos += len(descriptor[1])
                continue
            if char in "&*!|>%@`":   # an indicator cannot start a plain scalar: an error
                out.append(("err", char))
                pos += 1
                continue
            found = FLOW_PLAIN.match(line, pos, end)
            text = found.group() if found else char
            out.append(("nv", text))
            pos += len(text)
    return pos, depth, ""
