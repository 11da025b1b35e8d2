"""Ruby as Rouge 3.30's lexer names it (Jekyll plugins, Gemfiles): floats `mf`, builtins such
as `attr_reader` `nb`, symbols `ss`, regex literals `sr`. The lexer starts in `expr_start`,
where a `/` opens a regex; after a name, `method_call` decides whether `/` divides. Heredocs
are queued at `<<NAME` and read from the next line; `%q(...)` strings get a state for their
own delimiters, made when first needed, as Rouge makes one per string."""

from __future__ import annotations

import re
from typing import Callable

from .lexer import Rule, Run, Tokens, either, expand, lex, rule

KEYWORDS = r"""BEGIN END alias begin break case defined\? do else elsif end ensure for if in next
    redo rescue raise retry return super then undef unless until when while yield"""
KEYWORDS_PSEUDO = """loop include extend raise alias_method attr catch throw private
    module_function public protected true false nil __FILE__ __LINE__"""
BUILTINS_G = r"""attr_reader attr_writer attr_accessor __id__ __send__ abort ancestors at_exit
    autoload binding callcc caller catch chomp chop class_eval class_variables clone
    const_defined\? const_get const_missing const_set constants display dup eval exec exit
    extend fail fork format freeze getc gets global_variables gsub hash id included_modules
    inspect instance_eval instance_method instance_methods instance_variable_get
    instance_variable_set instance_variables lambda load local_variables loop method
    method_missing methods module_eval name object_id open p print printf
    private_class_method private_instance_methods private_methods proc
    protected_instance_methods protected_methods public_class_method public_instance_methods
    public_methods putc puts raise rand readline readlines require require_relative scan
    select self send set_trace_func singleton_methods sleep split sprintf srand sub syscall
    system taint test throw to_a to_s trace_var trap untaint untrace_var warn"""
BUILTINS_Q = """autoload block_given const_defined eql equal frozen include instance_of is_a
    iterator kind_of method_defined nil private_method_defined protected_method_defined
    public_method_defined respond_to tainted"""
BUILTINS_B = "chomp chop exit gsub sub"
ESCAPE = r"""\\(?:[\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})"""
DELIMITERS = {"{": "}", "[": "]", "(": ")", "<": ">"}
INSENSITIVE = re.A | re.I
RUBY_SPACE = " \t\n\v\f\r"


def _sigil(found: re.Match, run: Run) -> Tokens:
    """`%r{`, `%w(`, `%.`: a state for the string's delimiters; a regex reads flags after."""
    kind = found.group(1) or ""
    open_ = found.group(2)
    close = DELIMITERS.get(open_, open_)
    interpolates = kind in "rQWxI" and kind != ""
    if kind == "r":
        run.go("regex_flags")
    run.go(f"sigil {'sr' if kind == 'r' else 'sx'} {int(interpolates)} {open_}{close}")
    return [("sr" if kind == "r" else "sx", found.group())]


def _sigil_state(name: str, states: dict[str, list[Rule]]) -> list[Rule]:
    """Rouge's rules for one `%` string: escapes of its delimiters, nesting of asymmetric
    ones, interpolation where the kind has it."""
    _, css, interpolates, pair = name.split(" ", 3)
    open_, close = pair[0], pair[1]
    special = "".join(re.escape(char) for char in dict.fromkeys("#" + open_ + close))
    rules = [rule(rf"\\[{special}\\]", "se")]
    if open_ != close:
        rules.append(rule(re.escape(open_), css, name))
    rules.append(rule(re.escape(close), css, "#pop"))
    if interpolates == "1":
        rules += states["string_intp_escaped"] + [rule("#", css)]
    else:
        rules.append(rule(r"[\\#]", css))
    rules.append(rule(rf"[^{special}\\]+", css, flags=re.A | re.S))
    return rules


class States(dict):
    """The lexer's states, and a `%` string's state made when a string first needs it."""

    def __missing__(self, name: str) -> list[Rule]:
        self[name] = _sigil_state(name, self)
        return self[name]


def _heredoc(found: re.Match, run: Run) -> Tokens:
    """`<<~EOS`, `<<-"EOS"`, `<<''`: queued, its body read from the next line on."""
    operator, quote, name = found.group(1), found.group(2), found.group(3)
    if found.re.groups == 3:      # `<<""`: the third group is the closing quote
        name, label = "", quote + found.group(3)
    else:
        label = quote + name + found.group(4)
    run.memory.setdefault("heredocs", []).append((operator in ("<<-", "<<~"), name))
    if run.stack[-1] != "heredoc_queue":
        run.go("heredoc_queue")
    return [("o", operator), ("no", label)]


def _heredoc_end(found: re.Match, run: Run) -> Tokens:
    """A body line: the heredoc's end when it is the name (with spaces around, for `<<~`)."""
    queue = run.memory["heredocs"]
    tolerant, name = queue[0]
    line = found.group()
    check = line.strip(RUBY_SPACE + "\0") if tolerant else line.rstrip(RUBY_SPACE + "\0")
    if check != name:
        return [("sh", line)]
    queue.pop(0)
    if not queue:
        run.go("#pop")
    return [("no", line)]


def _push(*states: str) -> Callable[[re.Match, Run], Tokens]:
    """A rule's action that names its match `p` and pushes `states`, in order."""
    def action(found: re.Match, run: Run) -> Tokens:
        for state in states:
            run.go(state)
        return [("p", found.group())]
    return action


STATES: dict[str, list[Rule | str]] = {
    "symbols": [
        rule(r":@{0,2}[a-z_]\w*[!?]?", "ss", flags=INSENSITIVE),
        rule(r":(?:\*\*|[-+]@|[/%&|^`~]|\[\]=?|<<|>>|<=?>|<=?|===?)", "ss"),
        rule(r":'(?:\\\\|\\'|[^'])*'", "ss"),
        rule(r':"', "ss", "simple_sym"),
    ],
    "sigil_strings": [rule(r"%([rqswQWxiI])?([^\w\s])", _sigil)],
    "strings": [
        "mixin:symbols",
        rule(r"\b[a-z_]\w*?[?!]?:\s+", "ss", "expr_start"),
        rule(r"'(?:\\\\|\\'|[^'])*'", "s1"),
        rule(r'"', "s2", "simple_string"),
        rule(r"`", "sb", "simple_backtick"),
    ],
    "regex_flags": [rule(r"[mixounse]*", "sr", "#pop")],
    **{f"simple_{name}": [
        "mixin:string_intp_escaped",
        rule(rf"[^\\{end}#]+", css, flags=re.A | re.S),
        rule(r"[\\#]", css),
        rule(end, css, "#pop"),
    ] for name, css, end in (("string", "s2", '"'), ("sym", "ss", '"'), ("backtick", "sb", "`"))},
    "whitespace": [
        "mixin:inline_whitespace",
        rule(r"\n\s*", "", "expr_start"),
        rule(r"#.*$", "c1"),
        rule(r"=begin\b.*?\n=end\b", "cm", flags=re.A | re.S),
    ],
    "inline_whitespace": [rule(r"[ \t\r]+", "")],
    "root": [
        "mixin:whitespace",
        rule(r"__END__", "cp", "end_part"),
        rule(r"0_?[0-7]+(?:_[0-7]+)*", "mo"),
        rule(r"0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*", "mh"),
        rule(r"0b[01]+(?:_[01]+)*", "mb"),
        rule(r"\d+(?:_\d+)*(?:\.\d+(?:_\d+)*(?:[eE][+-]?\d+)?|[eE][+-]?\d+)", "mf"),
        rule(r"\d+(?:_\d+)*", "mi"),
        rule(r"@@[a-z_]\w*", "vc", flags=INSENSITIVE),
        rule(r"@[a-z_]\w*", "vi", flags=INSENSITIVE),
        rule(r"\$\w+", "vg"),
        rule(r"""\$[!@&`'+~=/\\,;.<>_*$?:"]""", "vg"),
        rule(r"\$-[0adFiIlpvw]", "vg"),
        rule(r"::", "o"),
        "mixin:strings",
        rule(rf"(?:{either(KEYWORDS)})(?=\W|$)", "k", "expr_start"),
        rule(rf"(?:{either(KEYWORDS_PSEUDO)})\b", "kp", "expr_start"),
        rule(r"(module)(\s+)([a-zA-Z_][a-zA-Z0-9_]*(?:::[a-zA-Z_][a-zA-Z0-9_]*)*)",
             ("k", "", "nn")),
        rule(r"(def\b)(\s*)", ("k", ""), "funcname"),
        rule(r"(class\b)(\s*)", ("k", ""), "classname"),
        rule(rf"(?:{either(BUILTINS_Q)})[?]", "nb", "expr_start"),
        rule(rf"(?:{either(BUILTINS_B)})!", "nb", "expr_start"),
        rule(rf"(?:{either(BUILTINS_G)})\b", "nb", "method_call"),
        "mixin:has_heredocs",
        rule(r"\.{2,3}", "o", "expr_start"),
        rule(r"[A-Z][a-zA-Z0-9_]*", "no", "method_call"),
        rule(r"(\.|::)(\s*)([a-z_]\w*[!?]?|[*%&^`~+-/\[<>=])", ("p", "", "nf"), "method_call"),
        rule(r"[a-zA-Z_]\w*[?!]", "n", "expr_start"),
        rule(r"[a-zA-Z_]\w*", "n", "method_call"),
        rule(r"\*\*|<<?|>>?|>=|<=|<=>|=~|={3}|!~|&&?|\|\||\.", "o", "expr_start"),
        rule(r"[-+/*%=<>&!^|~]=?", "o", "expr_start"),
        rule(r"[?]", _push("ternary", "expr_start")),
        rule(r"[\[({,:\\;/]", "p", "expr_start"),
        rule(r"[\])}]", "p"),
    ],
    "has_heredocs": [
        rule(r"(<<[-~]?)([\"`']?)([a-zA-Z_]\w*)(\2)", _heredoc),
        rule(r"(<<[-~]?)([\"'])(\2)", _heredoc),
    ],
    "heredoc_queue": [rule(r"(?=\n)", "", "=resolve_heredocs"), "mixin:root"],
    "resolve_heredocs": [
        "mixin:string_intp_escaped",
        rule(r"\n", "sh", "test_heredoc"),
        rule(r"[#\\\n]", "sh"),
        rule(r"[^#\\\n]+", "sh"),
    ],
    "test_heredoc": [
        rule(r"[^#\\\n]*$", _heredoc_end, "#pop"),
        rule(r"", "", "#pop"),
    ],
    "funcname": [
        rule(r"\s+", ""),
        rule(r"\(", "p", "defexpr"),
        rule(r"(?:([a-zA-Z_]\w*)(\.))?([a-zA-Z_]\w*[!?]?|\*\*?|[-+]@?|[/%&|^`~]|\[\]=?|<<?"
             r"|>>?|<=>?|>=|===?)", ("nc", "o", "nf"), "#pop"),
        rule(r"", "", "#pop"),
    ],
    "classname": [
        rule(r"\s+", ""),
        rule(r"\w+(?:::\w+)+", "nc"),
        rule(r"\(", _push("defexpr", "expr_start")),
        rule(r"<<", "o", "=expr_start"),
        rule(r"[A-Z_]\w*", "nc", "#pop"),
        rule(r"", "", "#pop"),
    ],
    "ternary": [
        rule(r"(:)(\s+)", ("p", ""), "=expr_start"),
        rule(r":(?![^#\n]*?[:\\])", "p", "=expr_start"),
        "mixin:root",
    ],
    "defexpr": [
        rule(r"(\))(\.|::)?", ("p", "o"), "#pop"),
        rule(r"\(", _push("defexpr", "expr_start")),
        "mixin:root",
    ],
    "in_interp": [rule(r"}", "si", "#pop"), "mixin:root"],
    "string_intp": [
        rule(r"[#][{]", "si", "in_interp"),
        rule(r"#(?:@@?|\$)[a-z_]\w*", "si", flags=INSENSITIVE),
    ],
    "string_intp_escaped": [
        "mixin:string_intp",
        rule(ESCAPE, "se"),
        rule(r"\\.", "se"),
    ],
    "method_call": [
        rule(r"/|%", "o", "=expr_start"),
        rule(r"(?=\n)", "", "#pop"),
        rule(r"", "", "=method_call_spaced"),
    ],
    "method_call_spaced": [
        "mixin:whitespace",
        rule(r"[%/]=", "o", "=expr_start"),
        rule(r"/(?=\S|\s*/)", "sr", "=slash_regex"),
        "mixin:sigil_strings",
        rule(r"(?=\s*/)", "", "#pop"),
        rule(r"\s+", "", "=expr_start"),
        rule(r"", "", "#pop"),
    ],
    "expr_start": [
        "mixin:inline_whitespace",
        rule(r"/", "sr", "=slash_regex"),
        rule(rf"[?](?:\\[MC]-)*(?:{ESCAPE}|\S)(?!\w)", "sc", "#pop"),
        rule(r"(\s*)(%[rqswQWxiI]? \S* )", ("", "sx"), "#pop"),
        "mixin:sigil_strings",
        rule(r"", "", "#pop"),
    ],
    "slash_regex": [
        "mixin:string_intp",
        rule(r"\\\\", "sr"),
        rule(r"\\/", "sr"),
        rule(r"[\\#]", "sr"),
        rule(r"[^\\/#]+", "sr", flags=re.A | re.S),
        rule(r"/", "sr", "=regex_flags"),
    ],
    "end_part": [rule(r".+", "cp", "#pop", flags=re.A | re.S)],
}


RUBY = States(expand(STATES))


def ruby_tokens(code: str) -> Tokens:
    """(class, text) pairs covering `code`; Rouge's Ruby lexer starts in `expr_start`."""
    return lex(RUBY, code, Run(["root", "expr_start"]))
