"""Rouge's lexers (Jekyll's highlighter) for the languages sites show most, as rules run the
way Rouge runs them, so that their HTML is Jekyll's token for token. Other languages go
through Pygments (see `highlight`). Each lexer is checked against real Rouge on random code
(tests/test_markdown.py, tests/test_rouge_lexers.py)."""

from __future__ import annotations

from importlib import import_module
from typing import Callable

from .lexer import Tokens

# Fence languages, by Rouge's tags and aliases → the module and function of the lexer. A
# module is imported when first needed: each compiles its rules, and most sites show two or
# three languages.
LEXERS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("python", "py"), ("python", "python_tokens")),
    **dict.fromkeys(("bash", "sh", "shell", "zsh", "ksh"), ("shell", "shell_tokens")),
    **dict.fromkeys(("console", "terminal", "shell_session", "shell-session"),
                    ("shell", "console_tokens")),
    **dict.fromkeys(("yaml", "yml"), ("yaml", "yaml_tokens")),
    **dict.fromkeys(("javascript", "js"), ("javascript", "javascript_tokens")),
    **dict.fromkeys(("typescript", "ts"), ("javascript", "typescript_tokens")),
    "json": ("json", "json_tokens"),
    "liquid": ("liquid", "liquid_tokens"),
    "html": ("html", "html_tokens"),
    "css": ("css", "css_tokens"),
    **dict.fromkeys(("diff", "patch", "udiff"), ("diff", "diff_tokens")),
    "toml": ("toml", "toml_tokens"),
    "c": ("c", "c_tokens"),
    **dict.fromkeys(("cpp", "c++"), ("c", "cpp_tokens")),
    "cuda": ("c", "cuda_tokens"),
    **dict.fromkeys(("docker", "dockerfile", "Dockerfile"), ("docker", "docker_tokens")),
    "java": ("java", "java_tokens"),
    **dict.fromkeys(("go", "golang"), ("go", "go_tokens")),
    **dict.fromkeys(("r", "R", "s", "S"), ("r", "r_tokens")),
    "scala": ("scala", "scala_tokens"),
    **dict.fromkeys(("ruby", "rb"), ("ruby", "ruby_tokens")),
    "scss": ("sass", "scss_tokens"),
    "sass": ("sass", "sass_tokens"),
    **dict.fromkeys(("powershell", "posh", "microsoftshell", "msshell"),
                    ("powershell", "powershell_tokens")),
    "lua": ("lua", "lua_tokens"),
    "ini": ("ini", "ini_tokens"),
    **dict.fromkeys(("php", "php3", "php4", "php5"), ("php", "php_tokens")),
    **dict.fromkeys(("matlab", "m"), ("matlab", "matlab_tokens")),
    **dict.fromkeys(("tex", "TeX", "LaTeX", "latex"), ("tex", "tex_tokens")),
    **dict.fromkeys(("csharp", "c#", "cs"), ("csharp", "csharp_tokens")),
    **dict.fromkeys(("markdown", "md", "mkd"), ("markdown", "markdown_tokens")),
    "xml": ("xml", "xml_tokens"),
    "sql": ("sql", "sql_tokens"),
    **dict.fromkeys(("batchfile", "bat", "batch", "dosbatch", "winbatch"),
                    ("batch", "batch_tokens")),
    "pascal": ("pascal", "pascal_tokens"),
    **dict.fromkeys(("vb", "visualbasic"), ("vb", "vb_tokens")),
    "apache": ("apache", "apache_tokens"),
    "nginx": ("nginx", "nginx_tokens"),
    **dict.fromkeys(("mathematica", "wl"), ("mathematica", "mathematica_tokens")),
}

# Every tag and alias of Rouge 3.30's lexers (Debian's Jekyll), and `guess`, which asks Rouge
# to guess. kramdown writes a fence in any other language (`python3`, `Python`, `pycon`) as a
# plain block, and Jekyll's highlight tag as plain text.
KNOWN = frozenset("""
    guess
    Dockerfile HAML Isabelle LaTeX OCL R S TeX abap actionscript ada apache apex apib
    apiblueprint applescript armasm as as3 aug augeas awk bash bat batch batchfile bbcbasic
    behat bib bibtex biml bpf brainfuck brightscript brs bs bsdmake bsl c c# c++ ceylon cfc
    cfscript cl clean clj cljs clojure cmake cmhg cmm coffee coffee-script coffeescript
    common-lisp common_lisp conf config configuration console coq cpp cr crystal cs csharp css
    csvs cucumber cuda cypher cython d dafny dart datastudio diff digdag django dlang docker
    dockerfile dosbatch dot e-mail ecl eex eiffel elisp elixir elm emacs-lisp email eml epp eps
    erb erl erlang eruby esc escape ex exs factor fea ff fluent fortran freefem fsharp ftl gd
    gdscript ghc-cmm ghc-core gherkin glsl gnumake go golang gradle graphql groovy hack haml
    handlebars haskell haxe hbs hcl heex hh hlsl hocon hql hs html http hx hy hylang idlang idr
    idris igorpro ini io irb irb_output isa isabelle isbl j janet java javascript jdn jinja jl
    js jsl json json-doc jsonc jsonnet jsp jsx julia kdb+ kotlin ksh lasso lassoscript latex
    lean leex lhaskell lhs liquid lisp litcoffee literate_coffeescript literate_haskell
    lithaskell livescript llvm ls lua lustre lutin m m68k magik make makefile markdown mason
    mathematica matlab md meson mf microsoftshell minizinc mkd ml moon moonscript mosel
    msgtrans msshell mustache mxml nasm nes nesasm nginx nial nim nimrod nix nixos obj-c
    obj-c++ obj-cpp obj_c obj_c++ obj_cpp objc objc++ objcpp objective_c objective_cpp
    objectivec objectivec++ objectivecpp ocaml ocl openedge opentype opentype_feature_file
    opentypefeature pascal patch perl php php3 php4 php5 pl plaintext plist plsql pony posh
    postscr postscript powershell pp praat prolog prometheus properties proto protobuf pry ps
    puppet py pyrex python pyx q qml r racket rb react realbasic reasonml rego rescript rhtml
    robot robot-framework robot_framework rs rs,ignore rs,no_run rs,should_panic ruby rust
    rust,ignore rust,no_run rust,should_panic s sas sass scala scheme scss sed sh shell
    shell-session shell_session sieve slice slim smalltalk smarty sml solidity sparql sqf sql
    squeak ssh st stan stata supercollider swift systemd syzlang syzprog tap tcl terminal
    terraform tex text tf toml ts tsx ttcn3 tulip turtle twig typescript udiff unit-file vala
    varnish varnishconf vb vcl velocity verilog vhdl vim viml vimscript visualbasic vue vuejs
    winbatch wl wollok xml xojo xpath xquery yaml yang yml zig zir zsh
""".split())


def rouge_knows(lang: str) -> bool:
    """Whether Rouge has a lexer for `lang`: names are case-sensitive, and `?` starts
    options (`console?lang=python`)."""
    return lang.split("?")[0] in KNOWN


def rouge_tokens(code: str, lang: str) -> Tokens | None:
    """(class, text) pairs as Rouge's lexer for `lang` gives them, or None for a language
    sitegen has no Rouge lexer for. Of the options after `?`, `console?lang=NAME` is read
    (its commands in NAME's tokens) and so is `php?start_inline=...`; Rouge's others are
    not."""
    name, _, query = lang.partition("?")
    found = LEXERS.get(name)
    if found is None:
        return None
    options = dict(part.partition("=")[::2] for part in query.split("&") if part)
    commands = LEXERS.get(options.get("lang", ""))
    if found[1] == "console_tokens" and commands and commands[0] != "shell":
        return _load(found)(code, _load(commands))
    if found[1] == "php_tokens" and "start_inline" in options:   # false: 0, false or off
        return _load(found)(code, options["start_inline"] not in ("0", "false", "off"))
    return _load(found)(code)


def _load(found: tuple[str, str]) -> Callable[..., Tokens]:
    module, function = found
    return getattr(import_module(f".{module}", __name__), function)
