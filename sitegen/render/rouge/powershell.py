"""PowerShell as Rouge 3.30's lexer names it: a command (`Get-AppxPackage`) is `n` and opens
`parameters`, where words are `nx` and `-Name` `nt` until a line's end, `|`, `=` or a bracket;
automatic variables (`$_`, `$true`) are `bp`, other variables `nv`; `"..."` and `@"..."@`
strings take `$(...)` and variables."""

from __future__ import annotations

import re

from .lexer import Rule, Run, Tokens, either, expand, lex, rule

ATTRIBUTES = frozenset("""ConfirmImpact DefaultParameterSetName HelpURI PositionalBinding
    SupportsPaging SupportsShouldProcess""".split())
AUTO_VARS = r"""\$\$ \$\? \$\^ \$_ \$args \$ConsoleFileName \$Error \$Event \$EventArgs
    \$EventSubscriber \$ExecutionContext \$false \$foreach \$HOME \$Host \$input \$IsCoreCLR
    \$IsLinux \$IsMacOS \$IsWindows \$LastExitCode \$Matches \$MyInvocation
    \$NestedPromptLevel \$null \$PID \$PROFILE \$PSBoundParameters \$PSCmdlet
    \$PSCommandPath \$PSCulture \$PSDebugContext \$PSHOME \$PSItem \$PSScriptRoot
    \$PSSenderInfo \$PSUICulture \$PSVersionTable \$PWD \$REPORTERRORSHOWEXCEPTIONCLASS
    \$REPORTERRORSHOWINNEREXCEPTION \$REPORTERRORSHOWSOURCE \$REPORTERRORSHOWSTACKTRACE
    \$SENDER \$ShellId \$StackTrace \$switch \$this \$true"""
KEYWORDS = """assembly exit process base filter public begin finally return break for sequence
    catch foreach static class from switch command function throw configuration hidden trap
    continue if try data in type define inlinescript until do interface using dynamicparam
    module var else namespace while elseif parallel workflow end param enum private"""
OPERATORS = r"""-split -isplit -csplit -join -is -isnot -as -eq -ieq -ceq -ne -ine -cne -gt -igt
    -cgt -ge -ige -cge -lt -ilt -clt -le -ile -cle -like -ilike -clike -notlike -inotlike
    -cnotlike -match -imatch -cmatch -notmatch -inotmatch -cnotmatch -contains -icontains
    -ccontains -notcontains -inotcontains -cnotcontains -replace -ireplace -creplace -shl -shr
    -band -bor -bxor -and -or -xor -not \+= -= \*= \/= %="""
MULTILINE_KEYWORDS = """synopsis description parameter example inputs outputs notes link
    component role functionality forwardhelptargetname forwardhelpcategory
    remotehelprunspace externalhelp"""
INSENSITIVE = re.A | re.I


def _bracket_name(found: re.Match, run: Run) -> Tokens:
    return [("bp" if found.group() in ATTRIBUTES else "n", found.group())]


def _member(found: re.Match, run: Run) -> Tokens:
    """`.Method(` opens `parameters`; `.Property` does not."""
    if found.group(3) is not None:
        run.go("parameters")
    return list(zip(("o", "nf", "p", "w"), (text or "" for text in found.groups())))


def _escapes_and_interpolation() -> list[Rule | str]:
    """What `"..."` and `@"..."@` strings share: `$(...)`, backtick escapes."""
    return [rule(r"\$\(", "si", "interpol"), rule(r"`$", "se"), rule(r"`.", "se")]


STATES: dict[str, list[Rule | str]] = {
    "variable": [
        rule(either(AUTO_VARS), "bp"),
        rule(r"(\$)(?:(\w+)(:))?(\w+|\{(?:[^`]|`.)+?\})", ("nv", "nn", "p", "nv")),
        rule(r"\$\w+", "nv"),
        rule(r"\$\{(?:[^`]|`.)+?\}", "nv"),
    ],
    "multiline": [
        rule(rf"\.(?:{either(MULTILINE_KEYWORDS)})", "cs", flags=INSENSITIVE),
        rule(r"#>", "cm", "#pop"),
        rule(r"[^#.]+?", "cm", flags=re.A | re.S),
        rule(r"[#.]+", "cm"),
    ],
    "interpol": [rule(r"\)", "si", "#pop"), "mixin:root"],
    "dq": [
        rule(r'(?:\$#?)?"', "s2", "#pop"),
        *_escapes_and_interpolation(),
        rule(r'[^"`$]+', "s2"),
        "mixin:variable",
    ],
    "sq": [rule(r"'", "s1", "#pop"), rule(r"[^']+", "s1")],
    "heredoc": [
        rule(r'(?:\$#?)?"@', "sh", "#pop"),
        *_escapes_and_interpolation(),
        rule(r'[^"`$]+?', "sh", flags=re.A | re.S),
        rule(r'"+', "sh"),
        "mixin:variable",
    ],
    "class": [
        rule(r"\{", "p", "#pop"),
        rule(r"\s+", "w"),
        rule(r"\w+", "nc"),
        rule(r"[:,]", "p"),
    ],
    "expr": [
        "mixin:comments",
        rule(r'"', "s2", "dq"),
        rule(r"'", "s1", "sq"),
        rule(r'@"', "sh", "heredoc"),
        rule(r"@'.*?'@", "sh", flags=re.A | re.S),
        rule(r"\d*\.\d+", "mf"),
        rule(r"\d+", "mi"),
        rule(r"@\{", "p", "hasht"),
        rule(r"@\(", "p", "array"),
        rule(r"{", "p", "brace"),
        rule(r"\[", "p", "bracket"),
    ],
    "hasht": [
        rule(r"\}", "p", "#pop"),
        rule(r"=", "o"),
        rule(r"[,;]", "p"),
        "mixin:expr",
        rule(r"\w+", "nx"),
        "mixin:variable",
    ],
    "array": [
        rule(r"\s+", "w"),
        rule(r"\)", "p", "#pop"),
        rule(r"[,;]", "p"),
        "mixin:expr",
        "mixin:variable",
    ],
    "brace": [rule(r"[}]", "p", "#pop"), "mixin:root"],
    "bracket": [
        rule(r"\]", "p", "#pop"),
        rule(r"[A-Za-z]\w+\.", "n"),
        rule(r"[A-Za-z]\w+", _bracket_name),
        "mixin:root",
    ],
    "parameters": [
        rule(r"`.", "se", flags=re.A | re.S),
        rule(r"\s*?\n", "w", "#pop"),
        rule(r"[;(){}\]]", "p", "#pop"),
        rule(r"[|=]", "o", "#pop"),
        rule(r"[/\\~\w][-.:/\\~\w]*", "nx"),
        rule(r"\w[-\w]+", "nx"),
        "mixin:root",
    ],
    "comments": [
        rule(r"\s+", "w"),
        rule(r"#.*", "c"),
        rule(r"<#", "cm", "multiline"),
    ],
    "root": [
        "mixin:comments",
        rule(r"#requires\s-version \d(?:\.\d+)?", "cp"),
        rule(r"\.\.(?=\.?\d)", "o"),
        rule(rf"(?:{either(OPERATORS)})\b", "o", flags=INSENSITIVE),
        rule(r"(class)(\s+)(\w+)", ("kr", "w", "nc"), "class", flags=INSENSITIVE),
        rule(r"(function)(\s+)(?:(\w+)(:))?(\w[-\w]+)", ("kr", "w", "nn", "p", "nf"),
             flags=INSENSITIVE),
        rule(rf"(?:{either(KEYWORDS)})\b(?![-.])", "kr", flags=INSENSITIVE),
        rule(r"-{1,2}\w+", "nt"),
        rule(r"(\.)?([-\w]+)(\[)", ("o", "n", "p"), "bracket"),
        rule(r"([/\\~a-z][-.:/\\~\w]*)(\n)?", ("n", "w"), "parameters", flags=INSENSITIVE),
        rule(r"(\.)([-\w]+)(?:(\()|(\n))?", _member),
        rule(r"\?", "nf", "parameters"),
        "mixin:expr",
        "mixin:variable",
        rule(r"[-+*/%=!.&|]", "o"),
        rule(r"[{}(),:;]", "p"),
    ],
}
POWERSHELL = expand(STATES)


def powershell_tokens(code: str) -> Tokens:
    return lex(POWERSHELL, code)
