"""Markdown edge cases converted by real Jekyll (kramdown with GFM input, Rouge) and by sitegen;
the HTML must be the same, byte for byte."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sitegen.render.markdown import markdown_converter

from .oracle import jekyll_available, ruby_json

CASES = sorted((Path(__file__).parent / "markdown_cases").glob("*.md"))
ORACLE = Path(__file__).parent / "jekyll_oracle.rb"

# Cases where sitegen knowingly differs from kramdown, with the reason. They are expected to
# fail; if one starts to pass, the strict xfail fails and this list must shrink.
KNOWN: dict[str, str] = {
    "fence-info-string": "kramdown takes ```python title=\"…\" for inline code, not a fence",
}


# Cases converted with kramdown options (a site's `kramdown:` settings in `_config.yml`).
OPTIONS: dict[str, dict] = {
    "html-parse-block-html-config": {"parse_block_html": True},
    "html-parse-span-html-off": {"parse_span_html": False},
}


@pytest.fixture(scope="module")
def kramdown() -> dict[str, str]:
    assert jekyll_available(), "Debian's jekyll package is the oracle (scripts/setup)"
    out: dict[str, str] = {}
    for options in [{}] + list(OPTIONS.values()):
        cases = [c for c in CASES if OPTIONS.get(c.stem, {}) == options]
        request: dict = {"markdown": [case.read_text(encoding="utf-8") for case in cases]}
        if options:
            request["config"] = {"kramdown": options}
        out.update(zip([c.stem for c in cases], ruby_json(ORACLE, request)["markdown"]))
    return out


@pytest.mark.jekyll
@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_markdown_matches_kramdown(case: Path, kramdown: dict[str, str],
                                   request: pytest.FixtureRequest) -> None:
    if case.stem in KNOWN:
        request.applymarker(pytest.mark.xfail(reason=KNOWN[case.stem], strict=True))
    html = markdown_converter({"kramdown": OPTIONS.get(case.stem, {})})(
        case.read_text(encoding="utf-8"))
    assert html == kramdown[case.stem]


def assert_as_kramdown(texts: list[str]) -> None:
    """Every text converts as kramdown (through real Jekyll) converts it."""
    expected = ruby_json(ORACLE, {"markdown": texts})["markdown"]
    convert = markdown_converter({})
    differing = [(text, want, convert(text)) for text, want in zip(texts, expected)
                 if convert(text) != want]
    assert not differing, f"{len(differing)} of {len(texts)} differ; the first:\n" + \
        "\n".join(repr(x) for x in differing[0])


# Blocks that posts are made of; random posts of them must come out as kramdown writes them.
POST_BLOCKS = [
    "# Title", "## Sub {#id}", "- a\n- b", "* a\n\n* b", "1. one\n2. two\n   - nested",
    "> quote\n> more", "    code\n    more", "```python\nx = 1\n```",
    "| a | b |\n|---|---|\n| 1 | `2|3` |", "$$\nx^2\n$$", "Inline $$a_1 * b_1$$ math.",
    '<div class="x">\n<p>raw</p>\n</div>', "<!-- more -->",
    'Text with <br> break and <span class="k">span</span>.', '![img](a.png){: width="50%"}',
    "A *para* with **bold**, `code`, [link](/x) and a footnote[^1].", "[^1]: The note.",
    "Term\n: Definition", "- [ ] task\n- [x] done", "***x*** and _y_", "---",
    "Text -- dash... \"quotes\" it's", "<details>\n<summary>More</summary>\n\nHidden\n\n</details>",
    '<iframe src="https://www.youtube.com/embed/x" allowfullscreen></iframe>',
    "*[ML]: machine learning\n\nML is fun.", '<div markdown="1">\n*note*\n</div>',
]


@pytest.mark.jekyll
def test_random_posts_match_kramdown() -> None:
    rng = random.Random(1)
    posts = ["\n\n".join(rng.choice(POST_BLOCKS) for _ in range(rng.randint(1, 8))) + "\n"
             for _ in range(300)]
    assert_as_kramdown(posts)


# HTML elements in running text, nested, unclosed or closed by the wrong end tag, around
# Markdown: kramdown reads Markdown inside some (`<span>`, `<b>`) and keeps the rest raw.
SPAN_TAGS = ["kbd", "code", "span", "b", "em", "u", "mark", 'a href="/x"', "i", "sub", "var",
             "abbr", "small", "q", "strong", "del", "samp", "time"]
SPAN_BITS = ["*x*", "_y_", "--", "...", '"q"', "it's", "`c`", "**b**", "a", "word", "&amp;",
             "<br>", "[l](/u)", "&", "1 < 2"]


def _random_span_html(rng: random.Random, depth: int = 0) -> str:
    out = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.35 and depth < 2:
            tag = rng.choice(SPAN_TAGS)
            name = tag.split()[0]
            end = rng.choice([f"</{name}>"] * 3 + ["", f"</{rng.choice(SPAN_TAGS).split()[0]}>"])
            out.append(f"<{tag}>{_random_span_html(rng, depth + 1)}{end}")
        else:
            out.append(rng.choice(SPAN_BITS))
    return " ".join(out)


@pytest.mark.jekyll
def test_random_span_html_matches_kramdown() -> None:
    rng = random.Random(3)
    texts = [rng.choice(["", "# ", "text "]) + _random_span_html(rng) + "\n" for _ in range(300)]
    assert_as_kramdown(texts)


# Runs of `*` and `_`, balanced or not, around words, punctuation, code, HTML and escapes:
# kramdown reads emphasis by looking ahead for an end, not by CommonMark's delimiter runs.
EMPHASIS_PIECES = ["*", "**", "_", "__", "***", "word", "a", "x_y", " ", " ", " ", "`c*`",
                   "<b>x</b>", "\\*", ".", ",", ")", "(", "\n", "'", '"', "-", "2", "*a*",
                   "**b**", "_c_", "~~s~~"]


@pytest.mark.jekyll
def test_random_emphasis_matches_kramdown() -> None:
    rng = random.Random(5)
    texts = ["".join(rng.choice(EMPHASIS_PIECES) for _ in range(rng.randint(2, 12))).strip()
             for _ in range(400)]
    texts = [text + "\n" for text in texts if text.strip("-+* \n")]
    assert_as_kramdown(texts)


# Pieces of Markdown, well and badly formed, mixed line by line: conversion never fails.
PIECES = [
    "# h", "- a", "* b", "1. c", "1) d", "  - nested", "    code", "```", "```js", "~~~", "> q",
    ">", "", "", "| a | b |", "|---|---|", "| `x|y` | z |", "Term", ": def", "$$", "$$x$$",
    "<div>", "</div>", '<div markdown="1">', '<p markdown="1">', "<span>", "</span>",
    "<!-- c -->", "<script>", "</script>", "<img src=x>", "{: .c}", "*[A]: b", "[^1]",
    "[^1]: note", "[r]: /x", "![i](a.png){: width=\"5\"}", "***x***", "- [ ] t", "text\\",
    "text  ", "---", "***", "<", "&", "\t- tab", "<details>", "</details>", "<DIV Class='x'>",
]


def test_any_mix_of_constructs_converts() -> None:
    rng = random.Random(7)
    convert = markdown_converter({})
    for _ in range(3000):
        text = "\n".join(rng.choice(PIECES) for _ in range(rng.randint(1, 15)))
        convert(text + rng.choice(["", "\n", "\n\n"]))


@pytest.mark.parametrize("lang", ["bash", "console", "cuda", "css", "diff", "dockerfile", "go",
                                  "html", "java", "js", "json", "liquid", "powershell", "python",
                                  "r", "ruby", "sass", "scala", "scss", "toml", "ts", "yaml"])
def test_highlighting_keeps_every_character(lang: str) -> None:
    """Every Rouge lexer covers the code exactly, and ends, whatever mix of quotes,
    expansions, brackets and odd whitespace it holds, closed or not (a lexer that takes
    nothing at some place would loop there for ever)."""
    import signal

    from sitegen.render.highlight import tokens_of
    pieces = list("ab $(){}[]\"'`\\-=#;|&<>*?!.:~/\n\t\r\f12_e%+@,") + [
        "<<EOT", "EOT", "$((", "${", "do", "echo", "-x", "in", "//", "/*", "*/", "=>", "0x1F",
        "1e3", ".5", "class", "get", "'''", '"""', "{%", "%}", "{{", "}}", "---", "@@ ", "- ",
        ": ", "RUN ", "FROM x", "<a b='c'>", "</a>", "<!--", "-->", "\u00a0", "\u2003",
        "\x85", "\u2028", "\x1c", "é", "₁", "²"]

    def stuck(*_: object) -> None:
        raise TimeoutError(f"the {lang} lexer did not end")

    signal.signal(signal.SIGALRM, stuck)
    signal.alarm(120)
    try:
        rng = random.Random(11)
        for _ in range(2000):
            code = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
            assert "".join(value for _, value in tokens_of(code, lang)) == code, repr(code)
    finally:
        signal.alarm(0)


# Pieces of code in languages that sitegen tokenizes itself, the way Rouge does.
CODE_PIECES = {
    "python": [
        "x", "self", "print", "None", "ValueError", "abs", "np", ".", "def", "class", "import",
        "from", "as", "in", "is", "not", "and", "index", "lambda", "@", "(", ")", "[", "]", "{",
        "}", ":", ",", " ", "  ", "\n", "\n    ", "# note", "'", '"', "'''", '"""', "f'", 'f"',
        "rb'", "R\"", "u'", "{x!r}", "{y:.4f}", "{{", "}}", "\\n", "\\t", "\\'", "\\x41", "\\q",
        "0", "1", "42", "1_000", "3.14", "1.", ".5", "1e-3", "2j", "0x1F", "0b101", "0o17", "10L",
        "=", "==", "!=", "**", "//", "->", "+=", "%", "%d", "-", "~", ";", "\\\n", "$", "?", "ä",
        "_private", "__init__", "async", "await", "yield", "match", "case", "True",
    ],
    "bash": [
        "pip", "install", "echo", "cd", "ls", "-la", "--epochs", "--lr=1e-3", "x", "model.h5",
        " ", " ", "  ", "\n", "|", "&&", "||", ";", ">", ">>", "2>&1", "=", "==", "!=", "!",
        "$HOME", "${VAR}", "$(", ")", '"', "'", '"a $b"', "'c d'", "\\", "\\\n", "# note",
        "[", "]", "[[", "]]", "if", "then", "fi", "for", "in", "do", "done", "export", "A=1",
        "<<EOF", "EOF", "*", "~", "{", "}", ".", "/usr/bin", "sudo", "apt-get", "1", "42", "é",
    ],
    "js": [
        "const", "let", "x", "tf", ".", "loadGraphModel", "(", ")", "{", "}", "[", "]", "=>",
        "=", "==", "===", "!", ";", ",", " ", "\n", "  ", "'a'", '"b"', "`t ${x} u`", "// c",
        "/* c */", "1", "0.5", "1e3", "0x1F", "async", "await", "function", "return", "new",
        "Promise", "console", "log", "this", "true", "null", "undefined", "/re+/g", "+", "-",
        "*", "/", "?", ":", "&&", "||", "class", "extends", "import", "from", "export",
        "default", "of", "for", "if", "else", "typeof", "document", "window", "$", "_a", "é",
        "?.", "??", "x?:", "type", "interface", "number", "string", "readonly", "Partial",
    ],
    "json": [
        "{", "}", "[", "]", ":", ",", " ", "\n", "  ", '"key"', '"v"', '"a\\"b"',
        '"\\u0041"', "1", "-2.5", "1e3", "true", "false", "null", "x",
    ],
    "liquid": [
        "{%", "{%-", "%}", "-%}", "{{", "{{-", "}}", "-}}", "if", "elsif", "for", "in", "x",
        "site.posts", "|", "upcase", "'a'", '"b"', "1", "2.5", "-", "==", "<=", "and",
        "contains", "endif", "endfor", "assign", "=", "include", "a.html", "with", "raw",
        "endraw", "comment", "endcomment", "cycle", ":", ",", " ", "  ", "\n", "{", "}", "%",
        "reversed", "forloop.index", "empty", "true", "nil", "<b>text</b>", "capture",
        "endcapture", "else", "when", "case", "limit:2", "[0]", ".size",
    ],
    "html": [
        "<", ">", "</", "<div", "<p>", "</p>", "<script>", "</script>", "<style>", "</style>",
        'class="a"', "id=x", "=", '"', "'", "&amp;", "&", "<!--", "-->", "<!DOCTYPE html>",
        "text", " ", "\n", "/>", "<br>", "var x = 1;", "a { color: red; }", "<canvas",
        "width=256", "<?php ?>", "<![CDATA[x]]>", "if (a < b) {}", "é",
    ],
    "css": [
        ".demo", "#id", "canvas", "{", "}", ":", ";", "color", "red", "#fff", "1px", "0.5rem",
        "100%", "solid", "!important", "@media", "(max-width: 600px)", "/* c */", "url(a.png)",
        ",", " ", "\n", "::before", ":hover", "-webkit-transition", "'a'", '"b"', "rgb(1, 2)",
        ">", "+", "*", "a", "@import", "margin", "0", "auto", "-",
    ],
    "diff": [
        "--- a/x.py\n", "+++ b/x.py\n", "@@ -1,3 +1,3 @@ def f\n", "-x = 1\n", "+x = 2\n",
        " y = 3\n", "diff --git a b\n", "Index: x\n", "===\n", "!x\n", "<a\n", ">b\n",
        "word\n", "---\n", "\n", "  \n", "é\n",
    ],
    "toml": [
        "[project]", "[tool.pytest.ini_options]", "name", " = ", "=", '"demo"', "'x'", '"""a"""',
        "'''b'''", "\n", " ", "1", "1_000", "0.5", "1e3", "+inf", "nan", "0x1F", "0o17",
        "0b1", "true", "false", "# c", "[", "]", ",", "{", "}", "1979-05-27T07:32:00Z",
        '"a\\tb"', "key.sub", "é",
    ],
    "dockerfile": [
        "FROM python:3.11-slim", " AS build", "RUN ", "pip install -r r.txt", " && ls", "\\\n",
        "COPY . /app", "WORKDIR /app", 'CMD ["python", "x.py"]', "ENV A=1", "# c", "\n",
        " ", "onbuild ", "run ", "EXPOSE 80", "x", "é",
    ],
    "cuda": [
        "#include <vector>", '#include "m.h"', "#define N 4", "#if 0", "#endif", "\n", " ",
        "  ", "int", "float", "void", "dim3", "__global__", "template", "<", ">", "typename T",
        "class", "struct", "A", "x", "(", ")", "{", "}", "[", "]", ";", ",", ":", "::", "=",
        "+", "*", "/", "// c", "/* c */", '"s\\n"', "'c'", "1", "2.5f", "1e-3", "0x1F",
        "100ms", "nullptr", "NULL", "true", "case", "return", "blockIdx.x", "label:", "é",
    ],
    "java": [
        "public", "private", "static", "final", "abstract", "class", "interface", "enum",
        "extends", "implements", "throws", "import", "package", "org.tensorflow.lite.*", "new",
        "return", "throw", "if", "else", "for", "do", "double", "int", "void", "var", "boolean",
        "String", "Bitmap", "MAX_SIZE", "T", "List<Float>", "Map<K, V>", "int[]", "x", "_y",
        "$z", "init", "f", "é", "Étape", " ", "  ", "\t", "\n", "\n    ", "(", ")", "{", "}",
        "[", "]", "<", ">", ";", ",", ".", ".get", "::", ":", "?", "=", "==", "->", "+", "-",
        "*", "/", "%", "&&", "||", "!", "~", "^", "@Override", "@", "#", "\\", "// c",
        "/* c */", "/** @param x doc */", "/*", "*/", '"s"', '"a\\"b"', '"\\\\"', '"',
        "'c'", "'\\n'", "'\\u0041'", "'", '"""', "0", "7", "42", "1_000", "3.14", "2.5f",
        "1.0e10d", "1e3", ".5", "100L", "0x1F", "0XfF_0", "0b1010", "0B1_1", "017", "08",
        "true", "null", "this", "super", "label:", "case", "default", "instanceof",
    ],
    "go": [
        "package", "main", "import", "func", "return", "if", "else", "for", "range", "go",
        "defer", "chan", "struct", "interface", "var", "const", "type", "map", "select",
        "int", "float64", "string", "error", "uint8", "bool", "len", "make", "append", "new",
        "nil", "true", "iota", "x", "_y", "fmt", ".", "Println", "é", "forx", " ", "  ", "\t",
        "\n", "\n\t", "(", ")", "{", "}", "[", "]", ",", ";", ":=", "=", "==", "!=", "<-",
        "<<=", "<=", "&^=", "&^", "&&", "||", "+", "++", "+=", "-", "--", "*", "/", "/=", "%",
        "%=", "...", ":", "!", "^", ">>", "|", "~", "#", "@", "$", "?", "// c", "/* c */",
        "/*", "*/", '"s"', '"a\\tb"', '"\\u00e9"', '"\\q"', '"\\101"', '"\\x41"', '"',
        "`raw\n s`", "`", "'c'", "'\\n'", "'\\x41'", "'\\000'", "'\\u12ab'", "'",
        "0", "7", "42", "017", "0x1F", "0XfF", "3.14", "1.", ".5", "1e3", "2.5E-3", "2i",
        "1.5i", "\\",
    ],
    "r": [
        "library", "(", ")", "ggplot2", "x", "<-", "<<-", "->", "=", "function", "if", "else",
        "for", "in", "while", "repeat", "next", "break", "return", "TRUE", "FALSE", "NA",
        "NULL", "Inf", "NA_real_", "pi", "T", "letters", "month.abb", "c", "sum", "abs",
        "as.numeric", "as numeric", "is.na", "lm", "df", "$", "col", "@", "slot", ".", "..",
        ".x", "._", ".5", "x.y", "_z", "é", " ", "  ", "\t", "\n", "\n  ", "[", "]", "[[",
        "]]", "{", "}", ",", ";", ":", "::", "+", "-", "*", "/", "^", "~", "!", "&", "|", "?",
        "<", ">", "%>%", "%in%", "%", "# c", "#' doc", "#", "'s'", '"d"', "'a\\'b'",
        '"\\n"', "'", '"', "`my var`", "`", "0", "42", "3.14", "1e-3", "-2", "+1.5E2", "5L",
        "2i", "0x1F", "0XaP2L", "1.", "\\",
    ],
    "scala": [
        "object", "class", "trait", "case class", "extends", "with", "def", "val", "var",
        "lazy", "implicit", "override", "import", "package", "type", "new", "this", "match",
        "case", "if", "else", "for", "yield", "forSome", "true", "null", "spark", "df", "x",
        "A", "Int", "List", "Map[String, Int]", "Seq", "_", "x_+", "$y", "é", "Δx", "'sym",
        "'c'", "'\\n'", "'\\u0041'", "'", '"s"', '"a\\"b"', '"', '"""raw "q" """', "`x y`",
        "`", "@tailrec", "@", " ", "  ", "\t", "\n", "\n  ", "(", ")", "{", "}", "[", "]",
        ",", ";", ".", ":", "::", "=", "==", "=>", "<-", "<:", ">:", "<%", "->", "+", "-",
        "*", "/", "%", "&&", "||", "!", "#", "~", "^", "|", "?", "\u21d2", "\u2190", "\u2200",
        "// c", "/* c */", "/* a /* b */ c */", "/*", "*/", "0", "42", "1.5", "1.", ".5",
        "2e10", "1.5e-3f", "3d", "0x1F", "100L", "\\",
    ],
    "ruby": [
        "x", "foo", "Foo", "Foo::Bar", "@a", "@@b", "$c", "$!", "$-w", "::", ":sym", ":@iv",
        ":ok?", ":+", ":[]=", ":'q s'", ':"d #{x}"', "key: ", "if: ", "'s'", "'a\\'b'", '"d"',
        '"#{x}"', '"a\\nb"', '"#@iv"', '"\\x41"', "`ls`", "%w(a b)", "%q{x {y} z}",
        "%Q[#{v}]", "%r{a/b}i", "%i<a b>", "%(p)", "%.d.", "%x!ls!", "% 2", "%r#a#", " % ",
        "/re/", "/ya?ml/", "/a#{b}c/mx", "/\\//", " / ", "/", " /x/", "/=", "=~", "!~",
        "45.75", "1_000", "0x1F", "0b101", "017", "08", "1e5", "2.5E-3", "3", "0", "def",
        "def self.x", "def ==(o)", "def []=", "def f(a, b = 1)", "class", "class << self",
        "class Foo::Bar", "class Foo(", "module", "module A::B", "end", "if", "unless", "elsif",
        "else", "do", "|x|", "{", "}", "(", ")", "[", "]", ",", ";", ".", "..", "...", "&.",
        "?", ":", "? ", " : ", "?a", "?\\n", "=", "==", "===", "<=>", "<<", ">>", "**", "&&",
        "||", "!", "+=", "-", "*", "~", "^", "->", "=>", "attr_reader", "attr_accessor",
        "puts", "p", "require", "include", "include?", "nil", "nil?", "true", "self", "raise",
        "yield", "defined?", "block_given?", "gsub!", "sub", "lambda", "each", "map", "empty?",
        "save!", "loop", "__END__", "=begin\nx\n=end", "# c", "\n", "\n", " ", " ", "  ",
        "\t", "\n  ", "<<~EOS", "<<-EOS", "<<EOS", "<<'EOS'", '<<"EOS"', "<<`EOS`", "EOS",
        "\nEOS\n", "\n  EOS", "<<''", "<<~A", "\nA", "é", "\\", "\\\n", "`", '"', "'",
        "#{", "#", "@", "$", "a.b", ".to_s", "x.y!", "Hash", "[]", "__FILE__", "BEGIN", "&blk",
        "*args", "**opts", "\r", "\f",
    ],
    "scss": [
        ".card", "#main", "a", "a:hover", "::before", "%ph", "&", "&:hover", "&-x", ">", "+",
        "~", "*", ",", "[type=x]", "{", "}", ";", ":", " ", "  ", "\t", "\n", "\n  ", "margin",
        "margin: 0", "display: inline-block", "color", "red", "#fff", "#a1b2c3", "1px", "1.5em",
        ".5", "-2", "100%", "solid", "auto", "foo", "x-y", "$x", "$x: 1", "$y :", "!default",
        "!important", "@import 'a';", "@import", "@mixin m($a)", "@include m", "@include",
        "@function f", "@return", "@extend .a", "@if", "@else", "@each $i in a, b", "@for",
        "@for $i from 1 through 3", "to", "@media", "(max-width: 600px)", "@debug", "@warn",
        "@font-face", "@content", "#{", "#{$x}", "}", "url(a.png)", "url(#{$u})", "url(",
        "darken($c, 10%)", "rgba(0,0,0,.5)", "calc(", ")", "(", "[", "]", "'s'", '"d"',
        '"a #{$b} c"', "'", '"', "\\'", "and", "or", "not", "true", "false", "==", "!=", "+",
        "-", "*", "/", "%", "// c", "/* c */", "/*", "*/", "/* a #{b} * c */", "\\", "é",
        "=", "?", "@", "|", "^", ".", "a b", "-webkit-x", "h1", "ul li",
    ],
    "sass": [
        ".card", "#main", "a", "a:hover", "::before", "%ph", "&", "&:hover", ">", "+", "~",
        "*", ",", "[type=x]", ":", " ", "  ", "\t", "\n", "\n", "\n  ", "\n    ", "\n\t",
        "margin", "margin: 0", "display: inline-block", ":color red", "color", "red", "#fff",
        "#a1b2c3", "1px", "1.5em", ".5", "-2", "100%", "solid", "auto", "foo", "x-y", "$x",
        "$x: 1", "!default", "!important", "@import a.sass", "@import", "=m($a)", "=m", "+m(1)",
        "+m", "@mixin m($a)", "@include m", "@function f", "@return", "@extend .a", "@if",
        "@else", "@each $i in a, b", "@for $i from 1 through 3", "to", "@media", "@debug",
        "@content", "#{", "#{$x}", "}", "{", ";", "url(a.png)", "url(#{$u})", "url(",
        "darken($c, 10%)", "rgba(0,0,0,.5)", ")", "(", "[", "]", "'s'", '"d"', '"a #{$b} c"',
        "'", '"', "and", "or", "true", "==", "-", "/", "%", "// c", "/* c", "/* c */", "*/",
        "\\", "é", "=", "?", "@", "|", ".", "a b", "-webkit-x", "h1", "ul li",
    ],
    "powershell": [
        "Get-AppxPackage", "*3d*", "|", "Remove-AppxPackage", "Write-Host", "ls", "C:\\x",
        "./run.ps1", "~/dir", "x", "Foo", "-Name", "--force", "-eq", "-NotMatch", "-and", "+=",
        "-=", "%=", "$x", "$_", "$_.Name", "$true", "$null", "$PSItem", "$args2", "$env:PATH",
        "${a b}", "${a`}b}", "$", "$$", "$?", "function", "function Get-X", "function g:F-x",
        "class", "class Foo : Bar", "param", "if", "else", "foreach", "in", "return", "end",
        "end-x", "end.x", "Begin", "{", "}", "(", ")", "[", "]", "[string]",
        "[CmdletBinding(SupportsShouldProcess)]", "[System.IO.Path]::", "::", ".", "..", "1..3",
        ".Method(", ".Prop", ".Length\n", "?", "=", "==", "!", "&", ";", ",", ":", "+", "-",
        "*", "/", "1", "42", "2.5", ".5", '"s"', '"a $x b"', '"$(Get-Date)"', '"`n"',
        '"t`\nu"', '"$"', '"x$"', "'q'", "'", '"', '@"\nhere $x\n"@', "@\"", '"@', "@'\nraw\n'@",
        "@{", "@(", "@{ a = 1; b = 2 }", "@(1, 2)", "# c", "<# .SYNOPSIS x #>", "<#", "#>",
        ".NOTES", "`", "`\n", " ", " ", "  ", "\t", "\n", "\n", "\n  ", "é", "\\",
    ],
}
CONSOLE_LINES = ["$ ", "(venv) $ ", "user@host:~$ ", "# ", ">>> ", "Collecting numpy>=1.26",
                 "Epoch 1/10", "...", "<...>", "  Downloading (18 MB)", "done; ok", ""]


YAML_KEYS = ["name", "lr", "a key", "<<", "batch_size", "x-y"]
YAML_VALUES = [
    "", "unet", "two words", "1", "42", "0.5", "1e-4", "true", "false", "null", "nullable",
    "'single q'", "'it''s'", '"double q"', '"tab\\t and \\"q\\""', "[1, 2.5, a b, 'x']",
    "{a: 1, b: [x, y]}", "[]", "&base", "&base value", "*base", "!!str 12", "!custom x",
    "http://example.com:8080/p", "12:30", "3 apples", "x # comment", "0.5 # lr", "~", "a:b",
    '"runs\n  on: here # x"', "'and\n\n  on'", '"escaped\\\n  break"', "[a, 'b\n  c', d]",
    "non\u00a0breaking", "caf\u00e9", "!!str\u00e9", "&anch\u00e9 x",
    "{% highlight x %}", "[@a, `b`, |, %c]",
]


def _yaml_document(rng: random.Random) -> str:
    """A config as people write them: nested keys, lists, scalars of every kind, comments."""
    lines, depth = [], rng.choice([0, 0, 2])   # an excerpt may start deeper than it goes on
    for _ in range(rng.randint(1, 12)):
        indent = "  " * depth + rng.choice(["", "", "- "])
        kind = rng.random()
        if kind < 0.6:
            value = rng.choice(YAML_VALUES)
            lines.append(f"{indent}{rng.choice(YAML_KEYS)}:{' ' + value if value else ''}")
            depth = min(depth + 1, 3) if not value else rng.randint(0, depth)
        elif kind < 0.7:
            lines.append(f"{indent}{rng.choice(YAML_KEYS)}: {rng.choice(['|', '>-', '|+'])}")
            lines += ["  " * (depth + 1) + rng.choice(["text line", "more: text", "# not"])
                      for _ in range(rng.randint(1, 3))]
        elif kind < 0.8:
            lines.append(f"{'  ' * depth}- {rng.choice(YAML_VALUES) or 'x'}")
        elif kind < 0.9:
            lines.append(rng.choice(["# a comment", "", "---", "  # indented comment"]))
        else:
            depth = 0
    return "\n".join(lines)


def _console_session(rng: random.Random) -> str:
    """Prompts with commands of shell pieces, output lines, elisions."""
    lines = []
    for _ in range(rng.randint(1, 8)):
        start = rng.choice(CONSOLE_LINES)
        command = "".join(rng.choice(CODE_PIECES["bash"]) for _ in range(rng.randint(0, 8)))
        lines.append(start + command.replace("\n", " ") if start.endswith(" ") else start)
    return "\n".join(lines)


def _random_code(lang: str, rng: random.Random) -> str:
    if lang == "yaml":
        return _yaml_document(rng)
    if lang == "console":
        return _console_session(rng)
    pieces = CODE_PIECES[{"c": "cuda", "cpp": "cuda", "ts": "js", "golang": "go", "R": "r",
                          "rb": "ruby", "posh": "powershell"}.get(lang, lang)]
    # Three backticks would close the fence around the code.
    return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))).replace("```", "``'")


@pytest.mark.jekyll
@pytest.mark.parametrize("lang", ["bash", "c", "console", "cpp", "css", "cuda", "diff",
                                  "dockerfile", "go", "golang", "html", "java", "js", "json",
                                  "liquid", "posh", "powershell", "python", "R", "r", "rb",
                                  "ruby", "sass", "scala", "scss", "toml", "ts", "yaml"])
def test_random_code_is_highlighted_as_rouge_does(lang: str) -> None:
    """Code in the languages with Rouge lexers, as random runs of their pieces, valid or
    not; YAML as configs are written; console sessions as prompts, commands and output."""
    rng = random.Random(7)
    posts = [f"```{lang}\n{_random_code(lang, rng)}\n```\n" for _ in range(400)]
    assert_as_kramdown(posts)
