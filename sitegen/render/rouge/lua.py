"""Lua as Rouge 3.30's lexer names it (game and Torch snippets in ML posts): keywords `k`,
`local` `kd`, names `n`, the standard library's functions `nb` (`print`, `string.format`), a
function's name after `function` `nf`, strings `s1`/`s2` with escapes `se` at a run's start.
Rouge's float rule wants a quote after the number (sic), so `3.14` is `3`, `.`, `14`.
Files: *.lua, *.wlua."""

from __future__ import annotations

import re

from .lexer import Run, Tokens, expand, lex, rule

# Rouge's lua/keywords.rb, every module, less the names its name rule cannot match (`file:read`).
BUILTINS = frozenset("""
    _g _version assert collectgarbage coroutine.create coroutine.isyieldable coroutine.resume
    coroutine.running coroutine.status coroutine.wrap coroutine.yield debug.debug debug.gethook
    debug.getinfo debug.getlocal debug.getmetatable debug.getregistry debug.getupvalue
    debug.getuservalue debug.sethook debug.setlocal debug.setmetatable debug.setupvalue
    debug.setuservalue debug.traceback debug.upvalueid debug.upvaluejoin dofile error
    getmetatable io.close io.flush io.input io.lines io.open io.output io.popen io.read
    io.stderr io.stdin io.stdout io.tmpfile io.type io.write ipairs load loadfile lua_cpath
    lua_cpath_5_3 lua_errerr lua_errfile lua_errgcmm lua_errmem lua_errrun lua_errsyntax
    lua_hookcall lua_hookcount lua_hookline lua_hookret lua_hooktailcall lua_init lua_init_5_3
    lua_maskcall lua_maskcount lua_maskline lua_maskret lua_maxinteger lua_mininteger
    lua_minstack lua_multret lua_noref lua_ok lua_opadd lua_opband lua_opbnot lua_opbor
    lua_opbxor lua_opdiv lua_opeq lua_opidiv lua_ople lua_oplt lua_opmod lua_opmul lua_oppow
    lua_opshl lua_opshr lua_opsub lua_opunm lua_path lua_path_5_3 lua_refnil lua_registryindex
    lua_ridx_globals lua_ridx_mainthread lua_tboolean lua_tfunction lua_tlightuserdata lua_tnil
    lua_tnone lua_tnumber lua_tstring lua_ttable lua_tthread lua_tuserdata lua_use_apicheck
    lua_yield lual_buffersize luaopen_base luaopen_coroutine luaopen_debug luaopen_io
    luaopen_math luaopen_os luaopen_package luaopen_string luaopen_table luaopen_utf8 math.abs
    math.acos math.asin math.atan math.ceil math.cos math.deg math.exp math.floor math.fmod
    math.huge math.log math.max math.maxinteger math.min math.mininteger math.modf math.pi
    math.rad math.random math.randomseed math.sin math.sqrt math.tan math.tointeger math.type
    math.ult next os.clock os.date os.difftime os.execute os.exit os.getenv os.remove os.rename
    os.setlocale os.time os.tmpname package.config package.cpath package.loaded package.loadlib
    package.path package.preload package.searchers package.searchpath pairs pcall print
    rawequal rawget rawlen rawset require select setmetatable string.byte string.char
    string.dump string.find string.format string.gmatch string.gsub string.len string.lower
    string.match string.pack string.packsize string.rep string.reverse string.sub string.unpack
    string.upper table.concat table.insert table.move table.pack table.remove table.sort
    table.unpack tonumber tostring type utf8.char utf8.charpattern utf8.codepoint utf8.codes
    utf8.len utf8.offset xpcall
""".split())
NAME = r"[A-Za-z_][A-Za-z0-9_]*"
INSENSITIVE = re.A | re.I


def _name(found: re.Match, run: Run) -> Tokens:
    """A name, or two joined by a dot: a builtin as one, `gsub` opening its pattern
    arguments, any other two names apart."""
    name = found.group()
    if name == "gsub":
        run.go("gsub")
        return [("nb", name)]
    if name in BUILTINS:
        return [("nb", name)]
    first, dot, second = name.partition(".")
    return [("n", first), ("p", dot), ("n", second)]


LUA = expand({
    "root": [
        rule(r"#!(.*?)$", "cp"),
        rule(r"", "", "base"),
    ],
    "base": [
        rule(r"--\[(=*)\[.*?\]\1\]", "cm", flags=re.A | re.S),
        rule(r"--.*$", "c1"),
        rule(r"(\d*\.\d+|\d+\.\d*)(e[+-]?\d+)?'", "mf", flags=INSENSITIVE),
        rule(r"\d+e[+-]?\d+", "mf", flags=INSENSITIVE),
        rule(r"0x[0-9a-f]*", "mh", flags=INSENSITIVE),
        rule(r"\d+", "mi"),
        rule(r"\n", ""),
        rule(r"[^\S\n]", ""),
        rule(r"\[(=*)\[.*?\]\1\]", "s", flags=re.A | re.S),
        rule(r"==|~=|<=|>=|\.\.\.|\.\.|[=+\-*/%^<>#]", "o"),
        rule(r"[\[\]{}().,:;]", "p"),
        rule(r"(?:and|or|not)\b", "ow"),
        rule(r"(?:break|do|else|elseif|end|for|if|in|repeat|return|then|until|while)\b", "k"),
        rule(r"local\b", "kd"),
        rule(r"(?:true|false|nil)\b", "kc"),
        rule(r"function\b", "k", "function_name"),
        rule(rf"{NAME}(?:\.{NAME})?", _name),
        rule(r"'", "s1", "escape_sqs"),
        rule(r'"', "s2", "escape_dqs"),
    ],
    "function_name": [
        rule(r"\s+", ""),
        rule(rf"(?:({NAME})(\.))?({NAME})", ("nc", "p", "nf"), "#pop"),
        rule(r"\(", "p", "#pop"),
    ],
    "gsub": [
        rule(r"\)", "p", "#pop"),
        rule(r"[(,]", "p"),
        rule(r"\s+", ""),
        rule(r'"', "sr", "regex"),
    ],
    "regex": [
        rule(r'"', "sr", "=regex_end"),
        rule(r"\[\^?", "se", "regex_group"),
        rule(r"\\.", "se"),
        rule(r"[(][?][:=<!]", "se"),
        rule(r"[{][\d,]+[}]", "se"),
        rule(r"[()?]", "se"),
        rule(r".", "sr"),
    ],
    "regex_end": [
        rule(r"[$]+", "sr", "#pop"),
        rule(r"", "", "#pop"),
    ],
    "regex_group": [
        rule(r"/", "se"),
        rule(r"\]", "se", "#pop"),
        rule(r"(\\)(.)", ("se", "sr")),
        rule(r".", "sr"),
    ],
    "escape_sqs": ["mixin:string_escape", "mixin:sqs"],
    "escape_dqs": ["mixin:string_escape", "mixin:dqs"],
    "string_escape": [rule(r"""\\(?:[abfnrtv\\"']|\d{1,3})""", "se")],
    "sqs": [rule(r"'", "s1", "#pop"), rule(r"[^']+", "s1")],
    "dqs": [rule(r'"', "s2", "#pop"), rule(r'[^"]+', "s2")],
})


def lua_tokens(code: str) -> Tokens:
    return lex(LUA, code)
