"""C, C++ and CUDA as Rouge's lexers name them (kernels and native code in ML posts): one set
of rules for the family, C++ adding its words and rules in front, CUDA adding its qualifiers
and vector types. A function's name in its definition is `nf`; the parts around it are lexed
afresh, as Rouge's `recurse` does."""

from __future__ import annotations

import re
from typing import Callable

from .lexer import Rule, Run, Tokens, expand, lex, rule

C_KEYWORDS = """auto break case const continue default do else enum extern for goto if register
    restricted return sizeof static struct switch typedef union volatile virtual while _Alignas
    _Alignof _Atomic _Generic _Imaginary _Noreturn _Static_assert _Thread_local"""
C_TYPES = """int long float short double char unsigned signed void jmp_buf FILE DIR div_t
    ldiv_t mbstate_t sig_atomic_t fpos_t clock_t time_t va_list size_t ssize_t off_t wchar_t
    ptrdiff_t wctrans_t wint_t wctype_t _Bool _Complex int8_t int16_t int32_t int64_t uint8_t
    uint16_t uint32_t uint64_t int_least8_t int_least16_t int_least32_t int_least64_t
    uint_least8_t uint_least16_t uint_least32_t uint_least64_t int_fast8_t int_fast16_t
    int_fast32_t int_fast64_t uint_fast8_t uint_fast16_t uint_fast32_t uint_fast64_t intptr_t
    uintptr_t intmax_t uintmax_t char16_t char32_t"""
C_RESERVED = """__asm __int8 __based __except __int16 __stdcall __cdecl __fastcall __int32
    __declspec __finally __int61 __try __leave inline _inline __inline naked _naked __naked
    restrict _restrict __restrict thread _thread __thread typename _typename __typename"""
CPP_KEYWORDS = """asm auto catch char8_t concept consteval constexpr constinit const_cast co_await
    co_return co_yield delete dynamic_cast explicit export friend mutable namespace new operator
    private protected public reinterpret_cast requires restrict size_of static_cast this throw
    throws typeid typename using virtual final override alignas alignof decltype noexcept
    static_assert thread_local try"""
CPP_RESERVED = """__virtual_inheritance __uuidof __super __single_inheritance
    __multiple_inheritance __interface __event"""
CUDA_KEYWORDS = """__global__ __device__ __host__ __noinline__ __forceinline__ __constant__
    __shared__ __managed__ __restrict__"""
CUDA_TYPES = " ".join(f"{base}{n}" for base in (
    "char uchar short ushort int uint long ulong longlong ulonglong float double".split())
    for n in range(1, 5)) + " dim3"

NAME = r"[a-zA-Z_][a-zA-Z0-9_]*"
SPACE = r"(?:\s|//.*?\n|/[*].*?[*]/)+"   # Rouge's `ws`, comments included
DIGITS = r"\d(?:'?\d)*"


def _family(keywords: str, types: str, reserved: str, cpp: bool) -> dict[str, list[Rule]]:
    words = {**dict.fromkeys(reserved.split(), "kr"), **dict.fromkeys(types.split(), "kt"),
             **dict.fromkeys(keywords.split(), "k")}
    states: dict[str, list[Rule]] = {}

    def name(found: re.Match, run: Run) -> Tokens:
        return [(words.get(found.group(), "n"), found.group())]

    def again(text: str) -> Tokens:
        return lex(states, text, Run(["root", "bol"]))

    def function(found: re.Match, run: Run) -> Tokens:
        returns, function_name, signature, space, opener = found.groups()
        if opener == "{":
            run.go("function")
        return [*again(returns), ("nf", function_name), *again(signature),
                *again(space or ""), ("p", opener)]

    statements: list[Rule | str] = [
        "mixin:whitespace",
        rule(r'(?:u8|u|U|L)?"', "s", "string"),
        rule(r"(?:u8|u|U|L)?'(?:\\.|\\[0-7]{1,3}|\\x[a-f0-9]{1,2}|[^\\'\n])'", "sc",
             flags=re.A | re.I),
        rule(r"(?:\d+[.]\d*|[.]?\d+)e[+-]?\d+[lu]*", "mf", flags=re.A | re.I),
        rule(r"\d+e[+-]?\d+[lu]*", "mf", flags=re.A | re.I),
        rule(r"0x[0-9a-f]+[lu]*", "mh", flags=re.A | re.I),
        rule(r"0[0-7]+[lu]*", "mo", flags=re.A | re.I),
        rule(r"\d+[lu]*", "mi", flags=re.A | re.I),
        rule(r"\*/", "err"),
        rule(r"[~!%^&*+=|?:<>/-]", "o"),
        rule(r"[()\[\],.;]", "p"),
        rule(r"\bcase\b", "k", "case"),
        rule(r"(?:true|false|NULL)\b", "nb"),
        rule(NAME, name),
    ]
    root: list[Rule | str] = [
        "mixin:expr_whitespace",
        rule(rf"([\w*\s]+?[\s*])({NAME})(\s*\([^;]*?\))({SPACE})?({{|;)", function),
        rule(r"\{", "p", "function"),
        "mixin:statements",
    ]
    case: list[Rule | str] = [rule(r":", "p", "#pop"), "mixin:statements"]
    extra: dict[str, list[Rule | str]] = {}
    if cpp:
        root.insert(0, rule(r"(?:__offload|__blockingoffload|__outer)\b", "kp"))
        statements[:0] = [
            rule(r"(?:class|struct)\b", "k", "classname"),
            rule(r"template\b", "k", "template"),
            rule(rf"{DIGITS}(?:\.{DIGITS})?(?:y|d|h|min|s|ms|us|ns|i|if|il)\b", "mx"),
            rule(rf"(?:{DIGITS}[.](?:{DIGITS})?|[.]{DIGITS})(?:e[+-]?{DIGITS}[lu]*)?", "mf",
                 flags=re.A | re.I),
            rule(rf"{DIGITS}e[+-]?{DIGITS}[lu]*", "mf", flags=re.A | re.I),
            rule(r"0x[0-9a-f](?:'?[0-9a-f])*[lu]*", "mh", flags=re.A | re.I),
            rule(r"0b[01]+(?:'[01]+)*", "mb"),
            rule(r"0[0-7](?:'?[0-7])*[lu]*", "mo", flags=re.A | re.I),
            rule(rf"{DIGITS}[lu]*", "mi", flags=re.A | re.I),
            rule(r"\bnullptr\b", "nb"),
            rule(r"(?:u8|u|U|L)?R\"([a-zA-Z0-9_{}\[\]#<>%:;.?*+\-/^&|~!=,\"']{0,16})\(.*?\)\1\"",
                 "s", flags=re.A | re.S),
            rule(r"::|<=>", "o"),
            rule(r"[{}]", "p"),
        ]
        case = [rule(r":(?!:)", "p", "#pop"), "mixin:statements"]
        extra = {
            "classname": [
                rule(NAME, "nc", "#pop"),
                "mixin:whitespace",
                rule(r"[.]{3}", "o"),
                rule(r",", "p", "#pop"),
                rule(r"", "", "#pop"),
            ],
            "template": [
                rule(r"[>;]", "p", "#pop"),
                rule(r"typename\b", "k", "classname"),
                "mixin:statements",
            ],
        }
    states.update(expand({
        "expr_bol": [
            "mixin:inline_whitespace",
            rule(r"#if\s0", "c", "if_0"),
            rule(r"#", "cp", "macro"),
            rule(r"", "", "#pop"),
        ],
        "bol": [rule(rf"{NAME}:(?!:)", "nl"), "mixin:expr_bol"],
        "inline_whitespace": [
            rule(r"[ \t\r]+", ""),
            rule(r"\\\n", ""),
            rule(r"/(?:\\\n)?[*].*?[*](?:\\\n)?/", "cm", flags=re.A | re.S),
        ],
        "whitespace": [
            rule(r"\n+", "", "bol"),
            rule(r"//(?:\\.|.)*?$", "c1", "bol"),
            "mixin:inline_whitespace",
        ],
        "expr_whitespace": [rule(r"\n+", "", "expr_bol"), "mixin:whitespace"],
        "statements": statements,
        "case": case,
        "root": root,
        "function": [
            "mixin:whitespace",
            "mixin:statements",
            rule(r";", "p"),
            rule(r"{", "p", "function"),
            rule(r"}", "p", "#pop"),
        ],
        "string": [
            rule(r'"', "s", "#pop"),
            rule(r"\\(?:[\\abfnrtv\"']|x[a-fA-F0-9]{2,4}|[0-7]{1,3})", "se"),
            rule(r'[^\\"\n]+', "s"),
            rule(r"\\\n", "s"),
            rule(r"\\", "s"),
        ],
        "macro": [
            "mixin:include",
            rule(r"[^/\n\\]+", "cp"),
            rule(r"\\.", "cp", flags=re.A | re.S),
            "mixin:inline_whitespace",
            rule(r"/", "cp"),
            rule(r"\n", "cp", "#pop"),
        ],
        "include": [
            rule(r"(include)(\s*)(<[^>]+>)([^\n]*)", ("cp", "", "cpf", "c1")),
            rule(r'(include)(\s*)("[^"]+")([^\n]*)', ("cp", "", "cpf", "c1")),
        ],
        "if_0": [
            rule(r"^\s*#if", "c", "if_0"),
            rule(r"^\s*#\s*el(?:se|if)", "c", "#pop"),
            rule(r"^\s*#\s*endif\b.*?(?<!\\)\n", "c", "#pop", flags=re.A | re.S),
            rule(r".*?\n", "c"),
        ],
        **extra,
    }))
    return states


C = _family(C_KEYWORDS, C_TYPES, C_RESERVED, cpp=False)
CPP = _family(C_KEYWORDS + " " + CPP_KEYWORDS, C_TYPES + " bool", C_RESERVED + " " + CPP_RESERVED,
              cpp=True)
CUDA = _family(C_KEYWORDS + " " + CPP_KEYWORDS + " " + CUDA_KEYWORDS,
               C_TYPES + " bool " + CUDA_TYPES, C_RESERVED + " " + CPP_RESERVED, cpp=True)


def _tokens(states: dict[str, list[Rule]]) -> Callable[[str], Tokens]:
    return lambda code: lex(states, code, Run(["root", "bol"]))


c_tokens, cpp_tokens, cuda_tokens = _tokens(C), _tokens(CPP), _tokens(CUDA)
