"""jekyll-toc and jekyll-gist beyond the fixture sites: the HTML model against Nokogiri itself
on every Markdown case, ids against the gem's own helper, a parallel build, `serve`'s
re-rendering, and the gist tag's errors (which fail Jekyll's build too)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import Options
from sitegen.plugins import toc

from .conftest import run_sitegen, write
from .oracle import jekyll_build
from .test_fidelity import assert_same_files

CASES = Path(__file__).parent / "markdown_cases"
RUBY = shutil.which("ruby")

# Converts each file with Jekyll's kramdown (HTML files as they are), then gives Nokogiri's
# round trip of the HTML and jekyll-toc's `toc` of it.
NOKOGIRI = """
require 'jekyll'; require 'jekyll-toc'; require 'json'
markdown = Jekyll::Converters::Markdown.new(Jekyll.configuration('quiet' => true))
cases = JSON.parse($stdin.read).map do |text, is_markdown|
  html = is_markdown ? markdown.convert(text) : text
  { 'html' => html, 'round_trip' => Nokogiri::HTML::DocumentFragment.parse(html).inner_html,
    'toc' => Jekyll::TableOfContents::Parser.new(html, {}).toc }
end
puts JSON.generate(cases)
"""

HTML_CASES = [
    "<p>para <div>block</div> after</p></p><ul><li>a<li>b</ul><table><tr><td>1<td>2</table>",
    '<a href=" /caf\u00e9 x?a=1&amp;b=[2]" title=\'q"s\'>l</a><input checked="checked" '
    "disabled><div hidden data-x=\"a'b&quot;c&lt;\"></div><form action='/a b'></form>",
    "<script>if (a < b && c) {}</script><style>a > b {}</style><!-- <h2>no</h2> -->",
    "<h3>Deeper first</h3><h1>Top</h1><h3>skip</h3><h2>two</h2><h6>six</h6>"
    "<H2 ID=\"Upper\">Upper</H2><h2>a&nbsp;b&mdash;c &foo; &#x27;x&#39;</h2>",
    "<h2>line\r\nbreak</h2><p><h2>inside p</h2></p><section><h5>in</h5></section>"
    "<h2><img src=\"x.png\" alt=\"i\"> image</h2><br/><source src=\"\u00e9.mp4\" />",
    "text only &amp; <b>bold</b>", "",
]


def nokogiri(cases: list[tuple[str, bool]]) -> list[dict[str, str]]:
    result = subprocess.run([RUBY, "-e", NOKOGIRI], input=json.dumps(cases),
                            capture_output=True, text=True, timeout=300, check=True)
    return json.loads(result.stdout)


@pytest.mark.jekyll
@pytest.mark.skipif(RUBY is None, reason="needs Ruby with jekyll-toc")
def test_html_round_trip_and_toc_match_nokogiri() -> None:
    cases = [(p.read_text(encoding="utf-8"), True) for p in sorted(CASES.glob("*.md"))]
    cases += [(html, False) for html in HTML_CASES]
    failures = []
    for expected in nokogiri(cases):
        html = expected["html"]
        if toc.inner_html(toc.parse(html)) != expected["round_trip"]:
            failures.append(("round trip", html[:200]))
        root, options = toc.parse(html), toc.Options()
        found = toc.entries(root, options)
        if toc.build_toc(found, options) + toc.inject_anchors(root, found) != expected["toc"]:
            failures.append(("toc", html[:200]))
    assert not failures, failures[:5]


IDS = ["Hello World", "Café — déjà vu ✨", "ΑΣ Σίσυφος", "Emoji 🚀 ❤️ 👍🏽 Ⓐ 🅰", "1² ½ Ⅻ",
       "a.b_c-d/e:f;g*h~i", "  spaced   out ", "İstanbul Straße", "tab\there", "x\u203fy"]


@pytest.mark.jekyll
@pytest.mark.skipif(RUBY is None, reason="needs Ruby with jekyll-toc")
def test_generated_ids_match_the_gem() -> None:
    script = ("require 'jekyll'; require 'jekyll-toc'; require 'json'\n"
              "include Jekyll::TableOfContents::Helper\n"
              "puts JSON.generate(JSON.parse($stdin.read).map { |t| generate_toc_id(t) })")
    result = subprocess.run([RUBY, "-e", script], input=json.dumps(IDS), capture_output=True,
                            text=True, timeout=60, check=True)
    assert [toc.generated_id(text) for text in IDS] == json.loads(result.stdout)


def _post(n: int) -> str:
    return f"---\ntoc: true\n---\n## Post {n}\n\n### Détails {n % 3}\n\nText.\n"


@pytest.mark.jekyll
def test_filters_work_in_a_parallel_build(tmp_path: Path) -> None:
    """Enough posts that sitegen renders them in forked workers."""
    files = {"_config.yml": "plugins: [jekyll-toc]\n",
             "_layouts/post.html": "<nav>{{ content | toc_only }}</nav>{{ content | toc }}"}
    files.update({f"_posts/2024-01-01-post-{n}.md": _post(n) for n in range(220)})
    for post in list(files):
        if post.startswith("_posts/"):
            files[post] = files[post].replace("toc: true", "toc: true\nlayout: post")
    write(tmp_path / "src", files)
    expected = jekyll_build(tmp_path / "src", [], {})
    result = run_sitegen("build", "-s", str(tmp_path / "src"), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert_same_files(expected, tmp_path / "out")


def test_filters_stay_for_re_rendering(tmp_path: Path) -> None:
    """`serve` renders changed documents again with the build's renderer."""
    write(tmp_path, {"_config.yml": "plugins: [jekyll-toc]\n",
                     "page.md": "---\ntoc: true\n---\n{{ '<h2>A</h2>' | toc_only }}\n"})
    result = build(Options(source=str(tmp_path), destination=str(tmp_path / "_site"),
                           parallel=False), log=lambda _: None)
    page = next(p for p in result.site.pages if p.name == "page.md")
    page.content = "{{ '<h3>B b</h3>' | toc_only }}\n"
    result.renderer.render_document(page)
    assert 'href="#b-b"' in page.output


@pytest.mark.jekyll
@pytest.mark.parametrize("markup", ["user/1234 two words.py", ""])
def test_gist_errors_fail_both_builds(tmp_path: Path, markup: str) -> None:
    write(tmp_path / "src", {"_config.yml": "plugins: [jekyll-gist]\n",
                             "index.md": f"---\n---\n{{% gist {markup} %}}\n"})
    with pytest.raises(RuntimeError, match="Jekyll failed"):
        jekyll_build(tmp_path / "src", [], {})
    result = run_sitegen("build", "-s", str(tmp_path / "src"), "-d", str(tmp_path / "out"))
    assert result.returncode != 0
    assert "gist" in result.stderr


@pytest.mark.jekyll
def test_gists_come_out_as_jekyll_writes_them_without_noscript(tmp_path: Path) -> None:
    """sitegen never fetches a gist's code, so with the default `noscript: true` it writes
    what Jekyll writes with `noscript: false` (offline, Jekyll would write a stray `true`)."""
    source = Path(__file__).parent / "gist_site"
    assert "noscript: true" in (source / "_config.yml").read_text()
    without = tmp_path / "without"
    shutil.copytree(source, without)
    config = without / "_config.yml"
    config.write_text(config.read_text().replace("noscript: true", "noscript: false"))
    result = run_sitegen("build", "-s", str(source), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "does not fetch gists" in result.stderr
    assert_same_files(jekyll_build(without, [], {}), tmp_path / "out")


@pytest.mark.jekyll
def test_gist_arguments_are_read_as_liquid_reads_expressions(tmp_path: Path) -> None:
    """Each argument is the value of `Expression.parse` when it is not nil (a literal, a
    lookup with brackets, `blank`), written as Ruby writes it; with `noscript: false` the gem
    never builds the code's URL, so an id with a space is not an error there."""
    page = "\n".join(f"{i} {{% gist {markup} %}}" for i, markup in enumerate([
        "page.h.x", 'page.h["x"]', "page.nums[0]", "page.nums", "site.g", "true", "nil",
        "blank", "1.5", "-12", "'quoted/1' \"file.js\"", "page.missing x.py", "user/ab-cd_ef"]))
    write(tmp_path / "src", {
        "_config.yml": "plugins: [jekyll-gist]\ngist:\n  noscript: false\ng: abc/123\n",
        "index.md": f"---\nnums: [1, 2]\nh: {{x: q/1}}\n---\n{page}\n"})
    expected = jekyll_build(tmp_path / "src", [], {})
    result = run_sitegen("build", "-s", str(tmp_path / "src"), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "does not fetch gists" not in result.stderr
    assert_same_files(expected, tmp_path / "out")
