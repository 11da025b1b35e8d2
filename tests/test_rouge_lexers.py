"""Rouge's Lua, INI, PHP, MATLAB and TeX lexers as sitegen ports them: fixed snippets (from a
real ML blog, and the odd corners of each lexer) and random code, each highlighted through
real Jekyll (kramdown and Rouge 3.30) and through sitegen; the HTML must be the same."""

from __future__ import annotations

import random
import signal

import pytest

from sitegen.render.highlight import _tokens
from sitegen.render.rouge import rouge_tokens

from .test_markdown import assert_as_kramdown

# Rouge's tags and aliases of the five lexers.
NAMES = ["ini", "latex", "LaTeX", "lua", "m", "matlab", "php", "php3", "php4", "php5", "tex",
         "TeX"]

FIXED = {
    "lua": [
        "function move_entity()\n    -- calls whatever function\n    _mov()\nend\n\n"
        "function move_player()\n   if path_is_clear then\n        _mov = move_normal\n"
        "   elseif path_is_blocked then\n        _mov = move_with_bump\n   end\nend\n",
        "local t = {x=1, [\"y\"]=2.5}  --[[ a\nlong comment ]]\nfor i, v in ipairs(t) do\n"
        "  print(string.format('%d: %s\\n', i, v), #t, 0x1F, 3.14, 1e3)\nend\n"
        "local s = [==[raw ]] text]==] .. \"q\\\"\" .. 'x'\n"
        "function M.go(a, ...) return a ~= nil end\n",
        "#!/usr/bin/env lua\nlocal r = s:gsub(\"(%w+)[^a]{1,2}$\", \"%1\")\n"
        "r = s:gsub(x, 'y')\nif not (a and b) or _G.x then self.y = math.pi end\n",
    ],
    "ini": [
        "# base_config.cfg contains a partial list of options\n[paths]\n"
        "train = \"path/to/train.spacy\"\ndev = null\n\n[nlp]\nlang = \"en\"\npipeline = []\n"
        "batch_size = 5000\n",
        "[components.llm.task]\n@llm_tasks = \"spacy.NER.v2\"\nlabels = [\"PER\",\"ORG\"]\n"
        "label_definitions = {\"PER\": \"PERSON\", \"ORG\": \"ORGANIZATION\"}\n",
        "; comment\n[core]\n\teditor = vim\nkey: value\npath = C:\\dir\\n 'q' \"a\\\"b\" \\\n"
        "  more\nempty =\nx = 1 ; not a comment\n",
    ],
    "php": [
        "<?php\n/* We first connect to our database */\n"
        "$connection = mysqli_connect($dbhost,$user,$password,$database,$port);\n"
        "if (mysqli_connect_errno($connection)) {\n"
        "        echo \"Failed to connect to DataBase: \" . mysqli_connect_error();\n    }\n"
        "     $query = \"SELECT `timeStamp`,`myData2` FROM `myTable`\";\n"
        "            $point = array(\"ts\" =>  $row['timeStamp'] ,\"d1\" =>  $row['myData1']);\n"
        "        echo json_encode($data_points, JSON_NUMERIC_CHECK);\n?>\n",
        "<?php\nprint\"<!DOCTYPE HTML PUBLIC \\\"-//W3C//DTD XHTML 1.0 Strict//EN\\\">\n"
        "    <html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\\\"en\\\">\n"
        "        <body>&\";\n"
        "            if ($_SERVER['REQUEST_METHOD'] == \"GET) {\n"
        "               $storeVal1 = $_GET[\"a1\"];\n            }\n"
        "        print \"</body>;\n?>\n",
        "function add(int $a, ?string $b = null, ...$rest): array {\n  return [$a, $b];\n}\n"
        "$f = fn($x) => $x * 2;\n",
        "namespace App\\Http;\nuse App\\Models\\User;\nuse function my_helper;\n"
        "final class Foo extends Bar implements Baz {\n  const MAX_SIZE = 10, B = 2;\n"
        "  public static function make(): self { return new static(); }\n"
        "  private readonly int $x;\n}\ntry { x(); } catch (A|B $e) { echo E_ALL, PHP_EOL, "
        "__DIR__; }\n$o = new class { public $y; };\n",
        "<ul>\n<?php foreach ($items as $item): ?>\n  <li class=\"a\"><?= $item ?></li>\n"
        "<?php endforeach; ?>\n</ul>\n",
        "echo \"Hi {$user->name}, ${x} $a[0] $o->p \\n\\x41\\u{1F600}\";\n"
        "$s = <<<EOT\n  Hello $name\n  EOT;\n$n = 0x1F + 017 + 0b11 + 1_000 + 1.5e3 + .5;\n",
        "function f($a = ((((((((;\n",
    ],
    "matlab": [
        "currentPos = np.random.uniform(0,1,epsilon, size_params]) * options[4] + params.T\n",
        "# Update velocity\ncognitive = (options[1] * np.random.uniform(0,1,[1,6])) * "
        "(pBestPos[particle,:] - currentPos[particle,:])\n",
        "x = zeros(3, 1); % preallocate\ny = x' * 2.5e-3 + .5;\ns = 'it''s'; t = \"a\"\"b\";\n"
        "%{\nblock comment\n%}\nz = [1 2 ...continued\n 3];\n!ls -la % shell\nf = @(v) v.^2;\n",
    ],
    "m": [
        "function [T] = getTransformMatrix(theta, d, a, alpha)\n"
        "T = [cosd(theta) -sind(theta) * cosd(alpha) sind(theta) * sind(alpha) a * cosd(theta);"
        "...\n     0,0,0,1];\nend\n",
    ],
    "latex": [
        "@article{miranda2021vqgan,\n  title        = {The Illustrated VQGAN},\n"
        "  url          = {\\url{https://ljvmiranda921.github.io/notebook/2021/08/08/}},\n"
        "  year         = {2021}\n}\n",
        "\\documentclass[11pt]{article}\n\\usepackage[utf8]{inputenc}\n\\begin{document}\n"
        "\\section*{Intro} % a comment\nText with $x_i^2 + \\alpha = 1$ and \\verb|a_b|.\n"
        "\\begin{equation}\n  \\sum_{i=1}^{n} p(x) \\\\ \\[ a $ b \\] \\( c \\)\n\\end{equation}\n"
        "$$ \\frac{1}{2} $$ \\& \\%\n\\end{document}\n",
    ],
    "tex": [
        "@article{miranda2017softmax,\n  title        = {Understanding softmax\"},\n"
        "  author       = {Miranda, Lester James},\n}\n",
    ],
}
# Rouge's option of where PHP starts; sitegen's fences drop a language's options before they
# reach the lexer (sitegen/render/highlight.py), so these differ until they are passed on.
OPTIONS = {
    "php?start_inline=1": "<b>not html</b> $x = 1;\n",
    "php?start_inline=0": "$x = 1; <?php echo $y; ?> tail\n",
}


def test_each_name_has_its_rouge_lexer() -> None:
    """Every tag and alias goes to sitegen's own port, not to Pygments."""
    for name in NAMES:
        assert rouge_tokens("x\n", name) is not None, name


@pytest.mark.jekyll
def test_fixed_snippets_are_highlighted_as_rouge_does() -> None:
    assert_as_kramdown([f"```{lang}\n{code}```\n" for lang, codes in FIXED.items()
                        for code in codes])


@pytest.mark.jekyll
@pytest.mark.parametrize("lang", OPTIONS)
def test_php_start_inline_option(lang: str) -> None:
    assert_as_kramdown([f"```{lang}\n{OPTIONS[lang]}```\n"])


# Pieces of code in each language; random runs of them, valid or not.
PIECES = {
    "lua": [
        "local", "function", "end", "if", "then", "else", "elseif", "for", "in", "do", "while",
        "repeat", "until", "return", "break", "and", "or", "not", "true", "false", "nil", "x",
        "_G", "self", "foo.bar", "a.b.c", "print", "pairs", "ipairs", "string.format",
        "string.gsub", "math.floor", "table.insert", "gsub", "s:gsub", ":gsub", "spr", "cls",
        "é", " ", "  ", "\t", "\n", "\n  ", "(", ")", "{", "}", "[", "]", ".", ",", ":", ";",
        "=", "==", "~=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "^", "#", "..", "...",
        "-- c", "--[[ c ]]", "--[==[ c ]==]", "--[[", "]]", "[[s]]", "[=[s]=]", "[[", "'s'",
        "'a\\'b'", "'\\n'", '"d"', '"a\\"b"', '"\\65"', "'", '"', "\\", "0", "42", "3.14",
        ".5", "1.", "1e3", "2.5e-3'", "0x1F", "0X", "0xg", "#!/usr/bin/lua", '"%w+"', '"[^a]"',
        '"(?:x)"', '"a{1,2}"', '"x$"', '"\\d"', '"[\\]]"', "$", "?", "!", "@", "&", "|",
    ],
    "ini": [
        "[section]", "[a.b]", "[", "]", "key", "a.b-c_d", "=", " = ", "value", "two words",
        '"quoted"', '"a\\"b"', "'single'", "'", '"', "\\", "\\n", "\\\n", "; comment", "# c",
        ";", "#", " ", "  ", "\t", "\n", "\n", "\n\n", "1", "true", "${var}", "${a:b}", ":",
        ": ", "é", "key=value", "x = 1\n", "@", "%", "(", ")", "{", "}", ",", "/path/to", "*",
    ],
    "php": [
        "<?php", "<?php\n", "<?=", "<?", "?>", "?>\n", "<PHP", "<div>", "</div>",
        "<p class='a'>", "<script>", "</script>", "<!-- c -->", "text ", "$x", "$this", "$$y",
        "${'a'}", "${$b}", "$", "echo", "print", "function", "fn", "function foo(",
        "function &bar(", "return", "if", "else", "foreach", "as", "new", "new Foo",
        "new class", "class", "class Foo", "interface", "extends", "implements", "namespace",
        "namespace App\\Http", "use", "use App\\Models\\User;", "use function", "const",
        "const X = 1;", "catch", "catch (", "public", "private", "protected", "static",
        "readonly", "abstract", "public function", "int", "?string", "array", "true", "FALSE",
        "null", "stdClass", "Foo", "FOO", "FOO_BAR", "E_ALL", "PHP_EOL", "__DIR__",
        "__construct", "App\\Foo", "\\Foo", "strlen", "Strlen", "array_map", "mysqli_query",
        "isset", "foo_bar", "my_func", "x", "é", "Éa", "(", ")", "{", "}", "[", "]", ";", ",",
        ".", ":", "::", "->", "=>", "=", "==", "===", "!=", "?", "??", "&", "&&", "|", "||",
        "+", "-", "*", "/", "%", "<", ">", "<=", "@", "!", "~", "^", "...", " ", "  ", "\t",
        "\n", "\n", "\n    ", "# c", "// c", "/* c */", "/** d */", "/**/", "/*", "*/", "'s'",
        "'a\\'b'", "'", '"d"', '"a $x b"', '"{$x}"', '"${x}"', '"{$a[1]}"', '"$a[0]"',
        '"$o->p"', '"\\n\\t\\x41\\u{1F600}"', '"{x}"', '"', "{$", "${", "`ls`", "`", "0",
        "42", "1_000", "3.14", "1.", ".5", "1e3", "1.5E-3", "017", "0b101", "0x1F", "0XaB",
        "<<<EOT\nhello $x\nEOT;", "<<<'EOT'\nraw\nEOT", "<<<", "EOT", "\\", "#[Attr]",
        "match", "yield", "list(", "die(", "exit;", "function f($a = (",
    ],
    "matlab": [
        "function", "end", "if", "else", "elseif", "for", "while", "switch", "case",
        "otherwise", "try", "catch", "return", "classdef", "properties", "methods", "x", "y1",
        "A_b", "zeros", "ones", "plot", "disp", "sin", "cos", "pi", "inv", "figure", "hold",
        "on", "é", "_x", " ", "  ", "\t", "\n", "\n", "\n  ", "(", ")", "[", "]", "{", "}",
        ";", ":", ",", "/", "\\", "=", "==", "~=", "~", "<", ">", "<=", "&", "&&", "|", "+",
        "-", "*", ".*", "./", ".^", "^", "'", ".'", "@", "@(x)", ".", "..", "...", "... c",
        "% c", "%% cell", "%{\nblock\n%}", "%{", "%}", "'s'", "'it''s'", "'", '"d"',
        '"a""b"', '"', "0", "42", "3.14", "1.", ".5", "1e3", "2.5E-3", "5L", "1i",
        "!ls -la", "\n!echo x % c", "!", "$", "#", "?", "`",
    ],
    "tex": [
        "\\documentclass{article}", "\\usepackage[utf8]{inputenc}", "\\begin{document}",
        "\\end{document}", "\\begin{equation*}", "\\begin{", "\\section*{Intro}", "\\section",
        "\\frac", "\\alpha", "\\mathbf{x}", "\\\\", "\\,", "\\ ", "\\\n", "\\[", "\\]", "\\(",
        "\\)", "\\$", "\\%", "\\{", "\\verb|x|", "\\verb+a b+", "\\verb", "\\item", "\\label",
        "[a]", "[", "]", "*", "$", "$$", "{", "}", "&", "_", "^", "%", "% c", "text", "x",
        "y", "1", "23", "=", "+", "-", "!", "/", "(", ")", "<", ">", "|", ",", ".", "é", " ",
        "  ", "\t", "\n", "\n", "\n\n", "\\sum_{i=1}^{n}", "\\log", "\\exp(", "p(x)",
    ],
}
LANGUAGE = {"m": "matlab", "php3": "php", "php4": "php", "php5": "php", "latex": "tex",
            "LaTeX": "tex", "TeX": "tex"}


def _random_code(lang: str, rng: random.Random) -> str:
    pieces = PIECES[LANGUAGE.get(lang, lang)]
    # Three backticks would close the fence around the code.
    return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))).replace("```", "``'")


@pytest.mark.jekyll
@pytest.mark.parametrize("lang", NAMES)
def test_random_code_is_highlighted_as_rouge_does(lang: str) -> None:
    rng = random.Random(7)
    assert_as_kramdown([f"```{lang}\n{_random_code(lang, rng)}\n```\n" for _ in range(400)])


@pytest.mark.parametrize("lang", ["ini", "lua", "matlab", "php", "tex"])
def test_highlighting_keeps_every_character(lang: str) -> None:
    """Each lexer covers the code exactly, and ends, whatever odd characters it holds."""
    odd = list(" \t\n\r\f\v\\'\"`$%#{}[]()<>?!&|;:,.=*+-/^_~@") + [
        "\u00a0", "\u2028", "\x85", "é", "e\u0301", "²", "Ⅻ", "ſ", "\u212a", "<?php", "?>",
        "<?=", "--[[", "]]", "%{", "%}", "$$", "\\verb"]

    def stuck(*_: object) -> None:
        raise TimeoutError(f"the {lang} lexer did not end")

    signal.signal(signal.SIGALRM, stuck)
    signal.alarm(120)
    try:
        rng = random.Random(11)
        pieces = PIECES[lang] + odd
        for _ in range(2000):
            code = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
            assert "".join(value for _, value in _tokens(code, lang)) == code, repr(code)
    finally:
        signal.alarm(0)
