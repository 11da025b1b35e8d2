"""Python cut into tokens and named as Rouge's Python lexer does (Jekyll highlights `python`
fences with it, and ML posts are mostly Python). Pygments' lexer knows more of Python than
Rouge's and so names more: docstrings, magic methods, decorators, exceptions, f-string format
specs, `match`/`case`, `yield from`. Rouge's rules are few, tried in order at each place:
`@` is an operator, `import a, b` names only `a` as a module, a string's quotes and text
share one class, and a name's class comes from four word lists, after a dot too. Checked
against Rouge's output (the Jekyll oracle) on random code."""

from __future__ import annotations

import re

from .lexer import Rule, Run, Tokens, expand, lex, rule

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

NAME = r"(?u:[^\W\d]\w*)"         # Rouge's [[:alpha:]_][[:alnum:]_]*: Unicode letters
DOTTED = r"(?u:(?:[^\W\d]|\.)[\w.]*)"   # a dotted name: a letter, `_` or `.`, then more
DIGITS = r"[0-9](?:_?[0-9])*"
EXPONENT = rf"[eE][+-]?{DIGITS}"
ESCAPE = (r"""\\(?:[\\abfnrtv"']|\n|newline|N\{[a-zA-Z][a-zA-Z ]+[a-zA-Z]\}"""
          r"|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})")
QUOTE = r"""'''|\"\"\"|['"]"""


def _word(found: re.Match, run: Run) -> Tokens:
    """A name's class from Rouge's word lists (after a dot too: Rouge's look-behind for the
    dot never sees it, so `np.abs` is a builtin)."""
    text = found.group()
    return [("k" if text in KEYWORDS else "nb" if text in EXCEPTIONS or text in BUILTINS
             else "bp" if text in PSEUDO else "n", text)]


def _string_start(found: re.Match, run: Run) -> Tokens:
    """Strings nest (a string in an f-string's expression): each remembers its prefix and
    its quote."""
    run.memory.setdefault("strings", []).append((found.group(1).lower(), found.group(2)))
    run.go("string")
    return [("sa", found.group(1)), ("s", found.group(2))]


def _quote(found: re.Match, run: Run) -> Tokens:
    if found.group() == run.memory["strings"][-1][1]:
        run.memory["strings"].pop()
        run.go("#pop")
    return [("s", found.group())]


def _brace(found: re.Match, run: Run) -> Tokens:
    if "f" not in run.memory["strings"][-1][0]:
        return [("s", "{")]
    run.go("interpolation")
    return [("si", "{")]


def _escape(found: re.Match, run: Run) -> Tokens:
    run.go("#pop")
    return [("s" if "r" in run.memory["strings"][-1][0] else "se", found.group())]


def _expression(found: re.Match, run: Run) -> Tokens:
    """Inside an f-string's `{…}`, the expression is lexed afresh, as Python."""
    return python_tokens(found.group())


STATES: dict[str, list[Rule | str]] = {
    "root": [
        rule(r"\n+", ""),
        rule(r'^(:)(\s*)([ruRU]{0,2}""".*?""")', ("p", "", "sd"), flags=re.S | re.A),
        rule(r"[^\S\n]+", ""),
        rule(r"#.*\n?", "c1"),
        rule(r"[\[\]{}:(),;.]", "p"),
        rule(r"\\\n?", ""),
        rule(r"(?:in|is|and|or|not)\b", "ow"),
        rule(r"(?:<<|>>|//|\*\*)=?", "o"),
        rule(r"[-~+/*%=<>&^|@]=?|!=", "o"),
        rule(rf"(from)((?:\\\s|\s)+)({DOTTED})((?:\\\s|\s)+)(import)",
             ("kn", "", "nn", "", "kn")),
        rule(rf"(import)(\s+)({DOTTED})", ("kn", "", "nn")),
        rule(r"(def)((?:\s|\\\s)+)", ("k", ""), "function_name"),
        rule(r"(class)((?:\s|\\\s)+)", ("k", ""), "class_name"),
        rule(r"`.*?`", "sb"),
        rule(rf"([rfbuRFBU]{{0,2}})({QUOTE})", _string_start),
        rule(NAME, _word),
        rule(rf"(?:(?:{DIGITS})?\.{DIGITS}|{DIGITS}\.)(?:{EXPONENT})?[jJ]?", "mf"),
        rule(rf"{DIGITS}{EXPONENT}[jJ]?", "mf"),
        rule(rf"{DIGITS}[jJ]", "mf"),
        rule(r"0[bB](?:_?[01])+", "mb"),
        rule(r"0[oO](?:_?[0-7])+", "mo"),
        rule(r"0[xX](?:_?[a-fA-F0-9])+", "mh"),
        rule(r"\d+L", "il"),
        rule(r"[1-9](?:_?[0-9])*|0(?:_?0)*", "mi"),
    ],
    "function_name": [rule(NAME, "nf", "#pop")],
    "class_name": [rule(NAME, "nc", "#pop")],
    "string": [
        rule(r"""[^'"\\{]+""", "s"),
        rule(r"\{\{", "s"),
        rule(QUOTE, _quote),
        rule(r"(?=\\)", "", "escape"),
        rule(r"\{", _brace),
    ],
    "escape": [
        rule(ESCAPE, _escape),
        rule(r"\\.", "s", "#pop"),
    ],
    "interpolation": [
        rule(r"[^{}!:]+", _expression),
        rule(r"![asr]", "si"),
        rule(r":", "si"),
        rule(r"\{", "si", "interpolation"),
        rule(r"\}", "si", "#pop"),
    ],
}
PYTHON = expand(STATES)


def python_tokens(code: str) -> Tokens:
    return lex(PYTHON, code)
