"""Rouge's Lua, INI, PHP, MATLAB, TeX, C#, Markdown, XML, SQL, batch, Pascal, Visual Basic,
Apache, nginx and Mathematica lexers as sitegen ports them: fixed snippets (from real blogs and
docs sites, and the odd corners of each lexer) and random code, each highlighted through real
Jekyll (kramdown and Rouge 3.30) and through sitegen; the HTML must be the same."""

from __future__ import annotations

import random
import re
import signal

import pytest

from sitegen.render.highlight import tokens_of
from sitegen.render.rouge import rouge_tokens

from .test_markdown import assert_as_kramdown

# Rouge's tags and aliases of the lexers.
NAMES = ["ini", "latex", "LaTeX", "lua", "m", "matlab", "php", "php3", "php4", "php5", "tex",
         "TeX", "csharp", "c#", "cs", "markdown", "md", "mkd", "xml", "sql", "batchfile", "bat",
         "batch", "dosbatch", "winbatch", "pascal", "vb", "visualbasic", "apache", "nginx",
         "mathematica", "wl"]

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
    "csharp": [
        "using System;\nvar x = 1.5m;\n",
        "        [MethodImplAttribute(MethodImplOptions.NoInlining)]\n"
        "        public static void WriteLine(string? value)\n        {\n"
        "            Out.WriteLine(value);\n        }\n",
        "if (newPoint.Y < button.Y)\n{\n    // flip the menu up to be above the button.\n"
        "    newPoint.Y = button.Y - ButtonWindowList.Height;\n"
        "    SelectMenu.Show(newPoint, ToolStripDropDownDirection.AboveRight);\n}\n",
        "namespace test\n{\n  internal interface MainInterface\n  {\n    void Test();\n  }\n"
        "  public class MainClass : MainInterface\n  {\n    public void Test(){\n    }\n  }\n}\n",
        "#region Fields\nvar s = $\"Hi {name}, {{x}} {a + b:N2}\" + @\"C:\\dir\"\"q\"\"\";\n"
        "char c = '\\n'; long n = 0x1FL + 1e+3 + 2.5f; /* block\ncomment */\n#endregion\n"
        "var q = from x in xs where x > 1 select x; await Task.Run(() => {});\n",
    ],
    "markdown": [
        "---\nlayout: post\n---\n> quote\n[a](b) \\n\n",
        "> ##### TIP\n>\n> This guide is last tested with @napi-rs/canvas^0.1.20, so make sure "
        "you have\n> this or a similar version after installation.\n{: .block-tip }\n",
        "When $a \\ne 0$, there are two solutions to $ax^2 + bx + c = 0$ and they are\n\n"
        "$$x = {-b \\pm \\sqrt{b^2-4ac} \\over 2a}.$$\n",
        "Title\n=====\n\n## Sub\n\n* item *em* and **strong**\n1. one `code`\n\n"
        "    indented code\n\n[ref]: http://example.com \"Title\"\n![img](a.png) <b>x</b> &amp;"
        " <http://x.com>\n\n```python\ndef f(): pass\n```\n\n~~~\n#!/bin/bash\necho\n~~~\n\n"
        "```unknownlang\nz\n```\n",
    ],
    "xml": [
        "<!--\nmulti\n-->\n",
        "  <ItemGroup>\n    <PackageReference Include=\"Antlr4\" Version=\"4.6.6\" "
        "PrivateAssets=\"all\" />\n    <PackageReference Include=\"Antlr4.Runtime\" "
        "Version=\"4.6.6\" />\n  </ItemGroup>\n",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE note>\n<ns:a x:y='1' z=w>&amp;<![CDATA[ <raw> ]]>"
        "</ns:a >\n",
    ],
    "sql": [
        "SELECT METHODS WHERE CodeWasChanged OR WasAdded\n",
        "SELECT TYPES FROM ASSEMBLIES \"SharpSnmpLib\", \"SharpSnmpLib.Controls\"\n"
        "WHERE IsPublic AND WasAdded\n",
        "CREATE TABLE t (id INT, name VARCHAR(20)); -- c\nINSERT INTO t VALUES (1, 'it''s');\n"
        "/* a /* nested */ comment */ SELECT `x` FROM t;\n",
    ],
    "batch": [
        "@IF %ERRORLEVEL% NEQ 0 pause\n",
        "mkdir test-console\ncd test-console\ndotnet new console\ncode .\n",
        "@echo off\nREM comment\n:: also\n:loop\nset /p NAME=\"Name: \"\nif exist %~dp0app.exe "
        "(start app.exe) else goto loop\necho !var! ^& done > nul\n",
    ],
    "pascal": [
        "function InitializeSetup(): Boolean;\n",
        "procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);\nvar\n"
        "    ErrorCode: Integer;\nbegin\n    if (CurUninstallStep = usAppMutexCheck) then\n"
        "    begin\n        //run uninstallforallusers\n        ShellExec('', "
        "ExpandConstant('{app}\\installforallusers.exe'),\n        '-i', '', SW_SHOW, "
        "ewWaitUntilTerminated, ErrorCode);\n    end;\nend;\n",
    ],
    "vb": [
        "Dim x As Integer = 1\n",
        "Set shell = WScript.CreateObject(\"Shell.Application\")\n"
        "If Wscript.Arguments.Count > 2 Then\n    ' silently\n"
        "    shell.ShellExecute \"powershell\", \"a \"\"b\"\"\", \"\", \"runas\", 0\nEnd If\n"
        "Public Function Add(ByVal a As Long) As Long\nEnd Function\n",
    ],
    "apache": [
        "ErrorDocument 404 /404.html\n",
        "<VirtualHost *:80>\n  ServerName example.com # c\n  <Directory \"/var/www\">\n"
        "    AllowOverride All\n  </Directory>\n</VirtualHost>\n",
    ],
    "nginx": [
        "location = /404.html { internal; }\n",
        "server {\n  listen 80;\n  include mime.types;\n  location ~ \\.php$ {\n"
        "    proxy_pass http://127.0.0.1:9000;\n    gzip on; # c\n  }\n}\n",
    ],
    "mathematica": [
        "Module[{},\n  Sqrt[2]\n]\n",
        "In[1]:= f[x_] := #^2 & /@ {1, 2.5`10, 2^^101, 1*^3} (* a (* nested *) :Author: me *)\n"
        "f::usage = \"squares\"; Plot[Sin[x], {x, 0, Pi}]\n",
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
    assert_as_kramdown([_fenced(lang, code) for lang, codes in FIXED.items() for code in codes])


@pytest.mark.jekyll
@pytest.mark.parametrize("lang", OPTIONS)
def test_php_start_inline_option(lang: str) -> None:
    assert_as_kramdown([f"```{lang}\n{OPTIONS[lang]}```\n"])


# Code that Rouge's guess (a `guess` fence, or a fence without a language inside Markdown)
# gives to a lexer sitegen ports: by a shebang, `<?xml`, a doctype, `<?php`, `\documentclass`,
# `%YAML`, a diff's header or an editor's modeline; plain text otherwise.
GUESSED = ["#!/bin/bash\necho hi\n", "#!/usr/bin/env python3\nx = 1\n",
           "<?xml version='1.0'?>\n<a/>\n", "<!DOCTYPE html>\n<html></html>\n",
           "<html><body>x</body></html>\n", "--- a\n+++ b\n@@ -1 +1 @@\n",
           "\\documentclass{article}\n", "%YAML 1.2\n---\na: 1\n", "<?php echo 1; ?>\n",
           "# vim: ft=ruby\nputs 1\n", "// -*- mode: python -*-\nx = 1\n", "plain text\n",
           "#!/usr/bin/env node\nvar a;\n", "x = 1 # vim: set ft=python :\n",
           "#!/usr/bin/env lua\nprint(1)\n"]


@pytest.mark.jekyll
def test_guessed_languages_are_highlighted_as_rouge_does() -> None:
    assert_as_kramdown([f"```guess\n{code}```\n" for code in GUESSED] +
                       [f"````markdown\n```\n{code}```\n````\n" for code in GUESSED])


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
    "csharp": [
        "using", "using System;", "namespace", "namespace A.B", "class", "class Foo", "struct",
        "interface", "public", "static", "void", "int", "string", "var", "value", "get", "set",
        "async", "await", "return", "new", "x", "Foo", "_y", "@class", "Main",
        "Console.WriteLine", "é", " ", "  ", "\t", "\n", "\n", "\n    ", "(", ")", "{", "}",
        "[", "]", "<", ">", ";", ",", ".", ":", "=", "==", "=>", "+", "-", "*", "/", "%", "!",
        "?", "??", "&", "|", "^", "~", "@", "$", "#", "\\", "// c", "/* c */", "/*", "*/",
        "'a'", "'\\n'", "'", '"s"', '"a\\"b"', '"', '@"v"', '@"a""b"', '$"x{y}z"', '$"{a}"',
        '$@"p{q}"', '$ "x"', "{{", "0", "1", "42", "1.5", "1.5m", "1.5f", "1e+3", "1E-2d",
        "0x1F", "0XffL", "3u", "1.", "#if DEBUG", "\n#region R\n", "\n#endregion",
        "#pragma warning", "<[", "]>", "<[ a:", "[Serializable]", "List<int>", "typeof(",
        "nameof", "from x in y select x", "in", "into", "'ab'", '"\n',
    ],
    "markdown": [
        "---\ntitle: x\n---\n", "---\n", "---", "===", "\n", "\n", "\n\n", "# H", "## H2", "#",
        "Title\n---\n", "T\n===\n", "- ", "* ", "+ ", "1. ", "> quote", "    code", "\tcode",
        "***", "* * *", "```python\nx = 1\n```", "```\ncode\n```", "```", "~~~", "```ruby\n",
        "```unknownlang\nz\n```", "```js\nvar a;\n", "  ```\n  y\n  ```", "```sh\necho\n```",
        "```\n<?xml version=\"1.0\"?>\n<a/>\n```", "`code`", "``a`b``", "`", "**b**", "__b__",
        "*e*", "_e_", "*", "_", "[a](http://x)", "[a][b]", "[a]", "![img](u.png \"t\")",
        "[r]: http://x \"title\"", "[r]: <u> 'x'", "[r]:", "<http://x.com>", "<a@b.c>", "<b>",
        "</b>", "<div class=\"x\">", "&amp;", "&", "<", "[", "]", "(", ")", "\\*", "\\",
        "text", " ", "  ", "word ", "{% raw %}", "{{ x }}", "é", "<script>", "</script>",
        "<!-- c -->", "`x", "[x](", "\"q\"", "'s'", "::", "| a |", "~~s~~",
    ],
    "xml": [
        "<?xml version=\"1.0\"?>", "<root>", "</root>", "<a b=\"c\">", "<a b='c' d=e>", "<x/>",
        "<x />", "< y >", "</ y >", "<ns:tag attr:x=\"1\">", "<!-- c -->", "<!--", "-->", "-",
        "<![CDATA[ x ]]>", "<![CDATA[\n]]>", "<!DOCTYPE note>", "<!ELEMENT a>", "&amp;",
        "&#160;", "&", "&x", ";", "<", ">", "/", "=", "\"", "'", "text", " ", "  ", "\n",
        "\n", "\t", "é", "<é>", "<_a.b-c·d>", "<1a>", "<a\nb=\"x\">", "<a b = \"x\">", "<a b>",
        "<a b=>", "<a  b=\"1\"  c='2'/>", "<?pi x?>", "<?", "?>", "x=\"y\"",
        "<Project Sdk=\"Microsoft.NET.Sdk\">", "<PackageReference Include=\"A\" />",
    ],
    "sql": [
        "SELECT", "select", "FROM", "WHERE", "INSERT INTO", "VALUES", "CREATE TABLE", "int",
        "VARCHAR(255)", "t", "users", "id", "name", "a_b", "x1", "END-EXEC", "NULL", "count",
        "COUNT(*)", "é", " ", "  ", "\n", "\n", "\t", "(", ")", ",", ";", ".", ":", "[", "]",
        "{", "}", "=", "<>", "!=", ">=", "+", "-", "*", "/", "%", "@", "#", "?", "$", "\\",
        "-- c", "/* c */", "/*", "*/", "/* a /* b */ c */", "'s'", "'it''s'", "'a\\'b'", "'",
        '"Col"', '"a""b"', '"', "`t`", "`a``b`", "`", "0", "42", "3.14", "1e5", "0x1F", "N'x'",
    ],
    "batch": [
        "@echo off", "echo", "ECHO", "rem c", "REM c", "@rem x", "::c", ":label", ":", "goto",
        "call", "if", "IF", "exist", "not", "equ", "NEQ", "errorlevel", "%ERRORLEVEL%", "%1",
        "%~dp0", "%%i", "!var!", "%PATH%", "%", "!", "set", "SET", "setlocal",
        "enabledelayedexpansion", "on", "off", "nul", "con", "foo.exe", "app.exe", "x", "dir",
        "cd", "copy", "xcopy", "/s", "/Y", "-f", "--force", "+a", "for", "in", "do", "(", ")",
        "[", "]", "{", "}", "<", ">", ">>", "|", "&", "&&", "=", "==", ";", ",", "~", "?", "*",
        "-", "+", "^", "^&", "^\n", '"s"', '"a %x% b"', '"', "'q'", "'", "`c`", "`", "0x1F",
        "1", "42", "3.5", "C:\\dir\\f.txt", "é", " ", "  ", "\t", "\n", "\n", "@", ".", "/",
        "\\", "$", "#",
    ],
    "pascal": [
        "program", "begin", "end", "BEGIN", "End.", "var", "x", "Result", "function",
        "procedure", "Foo", "(", ")", ":", ";", ":=", "=", "<>", "integer", "Integer",
        "string", "Boolean", "true", "False", "nil", "if", "then", "else", "and_then",
        "writeln", "'s'", "'it''s'", "'", "{ c }", "{", "}", "(* c *)", "(*", "*)", "// c",
        "-- c", "-", "--", "0", "42", "3.14", "1e5", "1.5E-3", ".5", "0x1F", "$FF", "$", "10L",
        "5ul", "#13", "@x", "^", "[", "]", ",", ".", "é", " ", "  ", "\n", "\n", "\t", "\"",
        "\\", "_a1", "ansistring", "TObject", "tobject",
    ],
    "vb": [
        "Dim", "Dim x", "Const", "Sub", "Sub Main", "Function", "Property", "End", "End Sub",
        "End If", "Class", "Class Foo", "Module", "Namespace A.B", "Imports System.IO", "If",
        "Then", "Else", "As", "Integer", "String", "Console", "New", "Me", "x", "y1", "name$",
        "a_b", "Foo", "FOO", "_", "_\n", "AndAlso", "Not", "Mod", "Option Strict On",
        "Option Explicit Off", "#If DEBUG Then", "#End If", "#Region \"r\"\n", "#Const", "#",
        "' c", "REM c", "rem", "Remove", "%{ c %}", "\"s\"", "\"a\"\"b\"", "\"c\"C", "\"", "0",
        "42", "3.14", ".5", "1.", "1.5F+3", "10L", "5US", "&H1F", "&HFF", "&O17", "&", "&=",
        "+=", "<<", "<>", "<=", "=", "+", "-", "*", "/", "\\", "^", "<", ">", "<Attr>", ".",
        "(", ")", "{", "}", "!", ",", ":", ":=", "é", " ", "  ", "\t", "\n", "\n", "\n    ",
        "$", "@", "?", "[", "]", ";",
    ],
    "apache": [
        "<VirtualHost *:80>", "</VirtualHost>", "<Directory \"/var/www\">", "</Directory>",
        "<IfModule mod_rewrite.c>", "<Foo>", "</", "<", ">", "ServerName", "DocumentRoot",
        "RewriteEngine", "On", "on", "Off", "RewriteRule", "^(.*)$", "index.php",
        "[L,R=301]", "ErrorDocument", "404", "/404.html", "Options", "-Indexes",
        "+FollowSymLinks", "AllowOverride", "All", "None", "Require", "all", "granted", "foo",
        "Éa", "# comment", "#", " ", "  ", "\t", "\n", "\n", "\"quoted value\"",
        "x-forwarded-for", "edit*", "AuthType", "Basic", "é", "=", "\\",
    ],
    "nginx": [
        "server", "{", "}", ";", "listen", "80", "443 ssl", "server_name", "example.com",
        "localhost:8080", "location", "/", "/api/", "= /404.html", "~", "~*", "~ \\.php$",
        "^~", "root", "/var/www/html", "index", "index.html", "include",
        "include mime.types;", "text/html", "application/json", "on", "off", "gzip", "$uri",
        "$host", "$request_uri", "$", "return", "301", "https://$host$request_uri",
        "proxy_pass", "http://127.0.0.1:3000", "10m", "1k", "5G", "internal", "# c", "#", "(",
        ")", "'s'", "\"d\"", "=", ":", "\\", "é", " ", "  ", "\t", "\n", "\n", "\n    ",
        "if ($a)", "try_files $uri $uri/ =404;",
    ],
    "mathematica": [
        "Module", "With", "Block", "Sqrt", "Plot", "Table", "x", "f", "x32", "$x", "x$",
        "$Context`", "Context`x", "`Private`x", "\\[Gamma]", "\\[Alpha]x", "\\[", "#", "##",
        "#1", "#Test", "#\"Test\"", "#[", "f::usage", "f::\"a\"", "::", "In[1]:=", "Out[2]=",
        "In[", "[", "]", "{", "}", "(", ")", "(* c *)", "(*", "*)", "(* ::Section:: *)",
        "(* :Author: me *)", "1", "42", "1.5", ".3", "1.", "1`", "1``20", "1.2``1.2*^-10",
        "2^^0101", "16^^FF.A", "1*^10", "*^", "+", "-", "*", "/", "^", "=", ":=", "->", ":>",
        "/.", "//", "@", "@@", "&", "~", "'", "`", "!", "?", "_", "__", "x_", "%", "<>", "==",
        ";", ",", "\"s\"", "\"a\\\"b\"", "\"", "\\", "é", " ", "  ", "\t", "\n", "\n", "|",
    ],
}
LANGUAGE = {"m": "matlab", "php3": "php", "php4": "php", "php5": "php", "latex": "tex",
            "LaTeX": "tex", "TeX": "tex", "c#": "csharp", "cs": "csharp", "md": "markdown",
            "mkd": "markdown", "batchfile": "batch", "bat": "batch", "dosbatch": "batch",
            "winbatch": "batch", "visualbasic": "vb", "wl": "mathematica"}


def _random_code(lang: str, rng: random.Random) -> str:
    pieces = PIECES[LANGUAGE.get(lang, lang)]
    code = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
    # Three backticks would close the fence around the code (Markdown's get a longer fence).
    return code if LANGUAGE.get(lang, lang) == "markdown" else code.replace("```", "``'")


def _fenced(lang: str, code: str) -> str:
    """`code` in a fence of `lang`, longer than any run of backticks in the code."""
    fence = "`" * max(3, max(map(len, re.findall("`+", code)), default=0) + 1)
    return f"{fence}{lang}\n{code}{fence}\n"


@pytest.mark.jekyll
@pytest.mark.parametrize("lang", NAMES)
def test_random_code_is_highlighted_as_rouge_does(lang: str) -> None:
    rng = random.Random(7)
    assert_as_kramdown([_fenced(lang, _random_code(lang, rng) + "\n") for _ in range(400)])


@pytest.mark.parametrize("lang", ["ini", "lua", "matlab", "php", "tex", "csharp", "markdown",
                                  "xml", "sql", "batch", "pascal", "vb", "apache", "nginx",
                                  "mathematica"])
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
            assert "".join(value for _, value in tokens_of(code, lang)) == code, repr(code)
    finally:
        signal.alarm(0)
