"""Visual Basic as Rouge 3.30's lexer names it (VBA and VB.NET snippets in posts): keywords
`k`, types `kt` and operator words `ow`, each as spelled in VB (case counts), a name after
`Dim`/`Const` `nv`, after `Function`/`Sub`/`Property` `nf`, after `Class`/`Structure`/`Enum`
`nc`, after `Module`/`Namespace`/`Imports` `nn`; `'` and `REM` comments `c1`, `#If` lines
`cp`. Files: *.vbs, *.vb."""

from __future__ import annotations

import re

from .lexer import Rule, Run, Tokens, expand, lex, rule

KEYWORDS = frozenset("""
    AddHandler Alias ByRef ByVal CBool CByte CChar CDate CDbl CDec CInt CLng CObj CSByte CShort
    CSng CStr CType CUInt CULng CUShort Call Case Catch Class Const Continue Declare Default
    Delegate Dim DirectCast Do Each Else ElseIf End EndIf Enum Erase Error Event Exit False
    Finally For Friend Function Get Global GoSub GoTo Handles If Implements Imports Inherits
    Interface Let Lib Loop Me Module MustInherit MustOverride MyBase MyClass Namespace Narrowing
    New Next Not NotInheritable NotOverridable Nothing Of On Operator Option Optional Overloads
    Overridable Overrides ParamArray Partial Private Property Protected Public RaiseEvent ReDim
    ReadOnly RemoveHandler Resume Return Select Set Shadows Shared Single Static Step Stop
    Structure Sub SyncLock Then Throw To True Try TryCast Using Wend When While Widening With
    WithEvents WriteOnly""".split())
TYPES = frozenset("""Boolean Byte Char Date Decimal Double Integer Long Object SByte Short
    Single String Variant UInteger ULong UShort""".split())
OPERATOR_WORDS = frozenset("""AddressOf And AndAlso As GetType In Is IsNot Like Mod Or OrElse
    TypeOf Xor""".split())
BUILTINS = frozenset(("Console", "ConsoleColor"))
ID = r"[a-z_]\w*"
INSENSITIVE = re.A | re.I
PREPROCESSOR = (r"[#]If\b.*?\bThen|[#]ElseIf\b.*?\bThen|[#]End\s+If|[#]Const"
                r"|[#]ExternalSource.*?\n|[#]End\s+ExternalSource|[#]Region.*?\n"
                r"|[#]End\s+Region|[#]ExternalChecksum")
SUFFIX = r"([SILDFR]|US|UI|UL)?"


def _capitalized(found: re.Match, run: Run) -> Tokens:
    word = found.group()
    return [("k" if word in KEYWORDS else "kt" if word in TYPES else
             "ow" if word in OPERATOR_WORDS else "nb" if word in BUILTINS else "n", word)]


def _name_then_pop(css: str, pattern: str = ID) -> list[Rule | str]:
    return ["mixin:whitespace", rule(pattern, css, "#pop", flags=INSENSITIVE)]


VB: dict[str, list[Rule]] = expand({
    "whitespace": [
        rule(r"\s+", ""),
        rule(r"\n", "", "bol"),
        rule(r"rem\b.*?$", "c1", flags=INSENSITIVE),
        rule(r"%\{.*?%\}", "cm", flags=re.A | re.S),
        rule(r"'.*$", "c1"),
    ],
    "bol": [
        rule(r"\s+", ""),
        rule(r"<.*?>", "na"),
        rule(r"", ""),      # Rouge's block returns `:pop!` and does not pop (never reached)
    ],
    "root": [
        "mixin:whitespace",
        rule(PREPROCESSOR, "cp"),
        rule(r"[.]", "p", "dotted"),
        rule(r"[(){}!#,:]", "p"),
        rule(r"Option\s+(Strict|Explicit|Compare)\s+(On|Off|Binary|Text)", "kd"),
        rule(r"End\b", "k", "end"),
        rule(r"(Dim|Const)\b", "k", "dim"),
        rule(r"(Function|Sub|Property)\b", "k", "funcname"),
        rule(r"(Class|Structure|Enum)\b", "k", "classname"),
        rule(r"(Module|Namespace|Imports)\b", "k", "namespace"),
        rule(r"[A-Z]\w*", _capitalized),
        rule(r"&=|[*]=|/=|\\=|\^=|\+=|-=|<<=|>>=|<<|>>|:=|<=|>=|<>|[-&*/\\^+=<>.]", "o"),
        rule(r'"', "s", "string"),
        rule(rf"{ID}[%&@!#$]?", "n", flags=INSENSITIVE),
        rule(r"#.*?#", "ld"),
        rule(r"(\d+\.\d*|\d*\.\d+)(f[+-]?\d+)?", "mf", flags=INSENSITIVE),
        rule(rf"\d+{SUFFIX}", "mi"),
        rule(rf"&H[0-9a-f]+{SUFFIX}", "mi"),
        rule(rf"&O[0-7]+{SUFFIX}", "mi"),
        rule(r"_\n", "k"),
    ],
    "dotted": _name_then_pop("n"),
    "string": [
        rule(r'""', "se"),
        rule(r'"C?', "s", "#pop"),
        rule(r'[^"]+', "s"),
    ],
    "dim": [*_name_then_pop("nv"), rule(r"", "", "#pop")],
    "funcname": _name_then_pop("nf"),
    "classname": _name_then_pop("nc"),
    "namespace": _name_then_pop("nn", rf"{ID}([.]{ID})*"),
    "end": [
        "mixin:whitespace",
        rule(r"(Function|Sub|Property|Class|Structure|Enum|Module|Namespace)\b", "k", "#pop"),
        rule(r"", "", "#pop"),
    ],
})


def vb_tokens(code: str) -> Tokens:
    return lex(VB, code)
