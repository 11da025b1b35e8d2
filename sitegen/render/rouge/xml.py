"""XML as Rouge 3.30's lexer names it (config files, .csproj and Maven poms in posts): tags
`nt` with their brackets, attributes `na` with their `=`, values `s`, entities `ni`,
comments `c`, `<?...?>`, `<!...>` and CDATA `cp`. Files: *.xml, *.xsl, *.rss, *.xslt, *.xsd,
*.wsdl, *.svg, *.plist."""

from __future__ import annotations

import re

from .lexer import Rule, Tokens, category_class, expand, lex, rule


# Rouge's [\p{L}:_][\p{Word}\p{Cf}:.·-]*
NAME = f"[{category_class('L')}:_][{category_class('L M Nd Pc Cf')}:.·-]*"
ANY = re.A | re.S

XML: dict[str, list[Rule]] = expand({
    "root": [
        rule(r"[^<&]+", ""),
        rule(r"&\S*?;", "ni"),
        rule(r"<!\[CDATA\[.*?\]\]>", "cp"),
        rule(r"<!--", "c", "comment"),
        rule(r"<\?.*?\?>", "cp"),
        rule(r"<![^>]*>", "cp"),
        rule(rf"<\s*{NAME}", "nt", "tag", flags=ANY),
        rule(rf"<\s*/\s*{NAME}\s*>", "nt", flags=ANY),
    ],
    "comment": [
        rule(r"[^-]+", "c", flags=ANY),
        rule(r"-->", "c", "#pop"),
        rule(r"-", "c"),
    ],
    "tag": [
        rule(r"\s+", "", flags=ANY),
        rule(rf"{NAME}\s*=", "na", "attr", flags=ANY),
        rule(r"/?\s*>", "nt", "#pop"),
    ],
    "attr": [
        rule(r"\s+", "", flags=ANY),
        rule(r"""".*?"|'.*?'|[^\s>]+""", "s", "#pop", flags=ANY),
    ],
})


def xml_tokens(code: str) -> Tokens:
    return lex(XML, code)
