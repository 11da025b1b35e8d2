"""Python cut into tokens and named as Rouge's Python lexer does (Jekyll highlights `python`
fences with it, and ML posts are mostly Python). Pygments' lexer knows more of Python than
Rouge's and so names more: docstrings, magic methods, decorators, exceptions, f-string format
specs, `match`/`case`, `yield from`. Rouge's rules are few, tried in order at each place:
`@` is an operator, `import a, b` names only `a` as a module, a string's quotes and text
share one class, and a name's class comes from four word lists, after a dot too. Checked
against Rouge's output (the Jekyll oracle) on random code."""

from __future__ import annotations

import re

Tokens = list[tuple[str, str]]

KEYWORDS = frozenset("""assert break continue del elif else except exec finally for global if
    lambda pass print raise return try while yield as with from import async await
    nonlocal""".split())
BUILTINS = frozenset("""__import__ abs all any apply ascii basestring bin bool buffer bytearray
    bytes callable chr classmethod cmp coerce compile complex delattr dict dir divmod enumerate
    eval execfile exit file filter float format frozenset getattr globals hasattr hash hex id
    input int intern isinstance issubclass iter len list locals long map max memoryview min
    next object oct open ord pow property range raw_input reduce reload repr reversed round set
    setattr slice sorted staticmethod str sum super tuple type unichr unicode vars xrange
    zip""".split())
PSEUDO = frozenset("self None Ellipsis NotImplemented False True".split())
EXCEPTIONS = frozenset("""ArithmeticError AssertionError AttributeError BaseException
    BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError
    ConnectionAbortedError ConnectionError ConnectionRefusedError ConnectionResetError
    DeprecationWarning EOFError EnvironmentError Exception FileExistsError FileNotFoundError
    FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning
    IndentationError IndexError InterruptedError IsADirectoryError KeyError KeyboardInterrupt
    LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError NotImplemented
    NotImplementedError OSError OverflowError OverflowWarning PendingDeprecationWarning
    ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError
    RuntimeWarning StandardError StopAsyncIteration StopIteration SyntaxError SyntaxWarning
    SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError
    UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning
    UserWarning ValueError VMSError Warning WindowsError ZeroDivisionError""".split())

NAME = r"[^\W\d]\w*"
DOTTED = r"(?:[^\W\d]|\.)[\w.]*"   # Rouge's dotted name: a letter, `_` or `.`, then more
DIGITS = r"[0-9](?:_?[0-9])*"
EXPONENT = rf"[eE][+-]?{DIGITS}"

# (classes of the groups, or one class for the whole match; pattern), in Rouge's order.
ROOT: list[tuple[tuple[str, ...] | str, re.Pattern[str]]] = [
    ("", re.compile(r"\n+")),
    (("p", "", "sd"), re.compile(r'(?:(?<=\n)|^)(:)(\s*)([ruRU]{0,2}""".*?""")', re.S)),
    ("", re.compile(r"[^\S\n]+")),
    ("c1", re.compile(r"#.*\n?")),
    ("p", re.compile(r"[\[\]{}:(),;.]")),
    ("", re.compile(r"\\\n?")),
    ("ow", re.compile(r"(?:in|is|and|or|not)\b")),
    ("o", re.compile(r"(?:<<|>>|//|\*\*)=?")),
    ("o", re.compile(r"[-~+/*%=<>&^|@]=?|!=")),
    (("kn", "", "nn", "", "kn"),
     re.compile(rf"(from)((?:\\\s|\s)+)({DOTTED})((?:\\\s|\s)+)(import)")),
    (("kn", "", "nn"), re.compile(rf"(import)(\s+)({DOTTED})")),
    (("k", ""), re.compile(r"(def)((?:\s|\\\s)+)")),    # then the function's name
    (("k", ""), re.compile(r"(class)((?:\s|\\\s)+)")),  # then the class's name
    ("sb", re.compile(r"`.*?`")),
]
STRING_START = re.compile(r"([rfbuRFBU]{0,2})('''|\"\"\"|['\"])")
WORD = re.compile(NAME)   # Rouge's look-behind for a dot never sees it: `np.abs` is a builtin
NUMBERS = [
    ("mf", re.compile(rf"(?:(?:{DIGITS})?\.{DIGITS}|{DIGITS}\.)(?:{EXPONENT})?[jJ]?")),
    ("mf", re.compile(rf"{DIGITS}{EXPONENT}[jJ]?")),
    ("mf", re.compile(rf"{DIGITS}[jJ]")),
    ("mb", re.compile(r"0[bB](?:_?[01])+")),
    ("mo", re.compile(r"0[oO](?:_?[0-7])+")),
    ("mh", re.compile(r"0[xX](?:_?[a-fA-F0-9])+")),
    ("il", re.compile(r"\d+L")),
    ("mi", re.compile(r"[1-9](?:_?[0-9])*|0(?:_?0)*")),
]
STRING_TEXT = re.compile(r"[^'\"\\{]+|\{\{")
QUOTES = re.compile(r"'''|\"\"\"|['\"]")
ESCAPE = re.compile(r"""\\(?:[\\abfnrtv"']|\n|newline|N\{[a-zA-Z][a-zA-Z ]+[a-zA-Z]\}"""
                    r"|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})")
ANY_ESCAPE = re.compile(r"\\.")
INTERPOLATED = re.compile(r"[^{}!:]+")
CONVERSION = re.compile(r"![asr]")


def python_tokens(code: str) -> Tokens:
    out: Tokens = []
    _root(code, 0, len(code), out)
    return [(css, text) for css, text in out if text]


def _root(code: str, pos: int, end: int, out: Tokens) -> None:
    while pos < end:
        pos = _root_step(code, pos, end, out)


def _root_step(code: str, pos: int, end: int, out: Tokens) -> int:
    for classes, pattern in ROOT:
        found = pattern.match(code, pos, end)
        if found and found.end() > pos:
            if isinstance(classes, str):
                out.append((classes, found.group()))
                return found.end()
            out += [(css, text or "") for css, text in zip(classes, found.groups())]
            if found.group(1) in ("def", "class"):
                return _defined_name(code, found.end(), end, found.group(1), out)
            return found.end()
    string = STRING_START.match(code, pos, end)
    if string:
        out += [("sa", string.group(1)), ("s", string.group(2))]
        return _string(code, string.end(), end, string.group(1).lower(), string.group(2), out)
    word = WORD.match(code, pos, end)
    if word:
        text = word.group()
        out.append(("k" if text in KEYWORDS else "nb" if text in EXCEPTIONS or text in BUILTINS
                    else "bp" if text in PSEUDO else "n", text))
        return word.end()
    for css, pattern in NUMBERS:
        number = pattern.match(code, pos, end)
        if number:
            out.append((css, number.group()))
            return number.end()
    out.append(("err", code[pos]))   # what none of Rouge's rules takes
    return pos + 1


def _defined_name(code: str, pos: int, end: int, keyword: str, out: Tokens) -> int:
    """The name after `def` or `class`; Rouge takes anything before it as errors."""
    name = WORD
    while pos < end:
        found = name.match(code, pos, end)
        if found:
            out.append(("nf" if keyword == "def" else "nc", found.group()))
            return found.end()
        out.append(("err", code[pos]))
        pos += 1
    return pos


def _string(code: str, pos: int, end: int, kind: str, delimiter: str, out: Tokens) -> int:
    """The rest of a string opened with `delimiter`; `kind` holds its prefix letters."""
    while pos < end:
        text = STRING_TEXT.match(code, pos, end)
        if text:
            out.append(("s", text.group()))
            pos = text.end()
            continue
        quote = QUOTES.match(code, pos, end)
        if quote:
            out.append(("s", quote.group()))
            pos = quote.end()
            if quote.group() == delimiter:
                return pos
            continue
        if code[pos] == "\\":
            escape = ESCAPE.match(code, pos, end)
            if escape:
                out.append(("s" if "r" in kind else "se", escape.group()))
                pos = escape.end()
                continue
            escape = ANY_ESCAPE.match(code, pos, end)
            if escape:
                out.append(("s", escape.group()))
                pos = escape.end()
            else:   # a backslash at the very end
                out.append(("err", "\\"))
                pos += 1
            continue
        # `{`: an interpolation in an f-string, else text
        if "f" in kind:
            out.append(("si", "{"))
            pos = _interpolation(code, pos + 1, end, out)
        else:
            out.append(("s", "{"))
            pos += 1
    return pos


def _interpolation(code: str, pos: int, end: int, out: Tokens) -> int:
    """Inside an f-string's `{…}`: the expression is lexed afresh, as Python from the root."""
    while pos < end:
        expression = INTERPOLATED.match(code, pos, end)
        if expression:
            _root(code, pos, expression.end(), out)
            pos = expression.end()
            continue
        conversion = CONVERSION.match(code, pos, end)
        char = code[pos]
        if conversion:
            out.append(("si", conversion.group()))
            pos = conversion.end()
        elif char == ":":
            out.append(("si", char))
            pos += 1
        elif char == "{":
            out.append(("si", char))
            pos = _interpolation(code, pos + 1, end, out)
        elif char == "}":
            out.append(("si", char))
            return pos + 1
        else:
            out.append(("err", char))
            pos += 1
    return pos
