"""Differential tests: every fixture site built by real Jekyll and by sitegen gives the same
files with the same content (after normalising only what a browser ignores)."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pytest

from .conftest import run_sitegen, write
from .normalize import canonical
from .oracle import jekyll_build

SITES = Path(__file__).parent / "sites"

# (fixture, extra command-line flags, environment)
VARIANTS = [(site.name, [], {}) for site in sorted(SITES.iterdir()) if site.is_dir()] + [
    ("posts", ["--drafts", "--future"], {}),
    ("posts", [], {"JEKYLL_ENV": "production"}),
    ("liquid", [], {"JEKYLL_ENV": "production"}),
    ("printing", [], {"JEKYLL_ENV": "printing"}),
]


def files(root: Path) -> dict[str, Path]:
    return {str(p.relative_to(root)): p for p in sorted(root.rglob("*")) if p.is_file()}


def first_difference(name: str, expected: list[str], actual: list[str]) -> str:
    diff = list(difflib.unified_diff(expected, actual, f"jekyll/{name}", f"sitegen/{name}",
                                     n=3, lineterm=""))
    return "\n".join(diff[:40])


@pytest.mark.jekyll
@pytest.mark.parametrize("site,args,env", VARIANTS,
                         ids=[f"{s}{''.join(a)}{'-' + env['JEKYLL_ENV'] if env else ''}"
                              for s, a, env in VARIANTS])
def test_site_matches_jekyll(site: str, args: list[str], env: dict[str, str],
                             tmp_path: Path) -> None:
    source = SITES / site
    expected_root = jekyll_build(source, args, env)
    result = run_sitegen("build", "-s", str(source), "-d", str(tmp_path / "out"), *args, env=env)
    assert result.returncode == 0, result.stderr
    assert_same_files(expected_root, tmp_path / "out")


def assert_same_files(expected_root: Path, actual_root: Path) -> None:
    expected, actual = files(expected_root), files(actual_root)
    assert sorted(actual) == sorted(expected), (
        f"missing: {sorted(set(expected) - set(actual))}, "
        f"extra: {sorted(set(actual) - set(expected))}")
    failures = []
    for name, path in expected.items():
        want, got = canonical(name, path.read_bytes()), canonical(name, actual[name].read_bytes())
        if want != got:
            if isinstance(want, bytes) or isinstance(got, bytes):
                failures.append(f"{name}: binary content differs")
            else:
                failures.append(first_difference(name, want, got))
    assert not failures, f"{len(failures)} file(s) differ from Jekyll's:\n\n" + "\n\n".join(
        failures[:3])


# Big sites render in parallel in one pass when the order cannot matter: a page that reads
# posts' bodies, or prose that only names them, leaves the order free. Posts' layouts that read
# other posts' `content` render in a second pass, after every body, each post seeing the bodies
# of the posts after it unrendered, as in Jekyll's order. Bodies that read other posts' bodies,
# layouts that read their `output`, or counting with `increment` render in order. Pages before
# the first one that reads other pages' bodies render alongside the posts in one pass; Sass
# pages (which add their source map to the site) stay after them.
# case -> (post layout, archive page, first post's body, the plan, more files)
ORDER_CASES = {
    "page-reads-bodies": ("{{ content }}",
                          "{% for post in site.posts %}{{ post.content }}{% endfor %}", "",
                          "one pass", {}),
    "prose-names-bodies": ("{{ content }}", "{{ site.posts | size }}",
                           "A template may show `post.content` or `page.output`.", "one pass",
                           {}),
    "post-maps-bodies": ('{{ content }}<p>{{ site.posts | map: "content" | join: "" | size }}</p>',
                         "{{ site.posts | size }}", "", "two passes", {}),
    "body-maps-bodies": ("{{ content }}", "{{ site.posts | size }}",
                         '{{ site.posts | map: "content" | join: "" | size }}', "in order", {}),
    "post-shows-json": ("{{ content }}<p>{{ page.previous | jsonify | size }}</p>",
                        "{{ site.posts | size }}", "", "one pass", {}),
    "post-counts": ("{{ content }}<p>{% increment seen %}</p>", "{{ seen }}", "", "in order", {}),
    "page-reads-pages": ("{{ content }}", "{{ site.posts | size }}", "", "one pass", {
        "b-sizes.html": "---\n---\n{% for p in site.pages %}{{ p.url }} {{ p.content | size }}\n"
                        "{% endfor %}",
        "c-late.md": "---\n---\n# Late *page*\n"}),
    "page-includes-relative": ("{{ content }}", "{{ site.posts | size }}", "", "one pass", {
        "g.html": "---\n---\n{% for p in site.posts %}{% include_relative snippets/len.html p=p %},"
                  "{% endfor %}\n",
        "snippets/len.html": "{{ include.p.content | size }}"}),
    "page-reads-by-key": ("{{ content }}", "{{ site.posts | size }}", "", "one pass", {
        "f.html": "---\n---\n{% assign k = 'content' %}{% for p in site.posts %}"
                  "{{ p[k] | size }},{% endfor %}\n"}),
    "post-reads-by-key": ("{{ content }}{% capture k %}content{% endcapture %}"
                          "<p>{{ page.previous[k] | size }}</p>", "{{ site.posts | size }}", "",
                          "two passes", {}),
    "post-reads-next-body": ("{{ content }}<p>{{ page.next.content | size }} "
                             "{{ page.previous.content | size }}</p>", "{{ site.posts | size }}",
                             "", "two passes", {}),
    "layout-includes-bodies": ("{{ content }}{% include related.html %}",
                               "{{ site.posts | size }}", "{% include note.html %}",
                               "two passes", {
                                   "_includes/related.html": "{% for p in site.posts limit: 3 %}"
                                   "{{ p.content | strip_html | truncate: 20 }},{% endfor %}",
                                   "_includes/note.html": "*Note*"}),
    "body-includes-bodies": ("{{ content }}", "{{ site.posts | size }}",
                             "{% include related.html %}", "in order", {
                                 "_includes/related.html": "{% for p in site.posts limit: 3 %}"
                                 "{{ p.content | size }},{% endfor %}"}),
    "post-reads-output": ("{{ content }}<p>{{ page.previous.output | size }}</p>",
                          "{{ site.posts | size }}", "", "in order", {}),
    # What never runs (`raw`, `comment`) reads nothing; includes only pages use do not count
    # for the posts; a body's `output` is more often data's, and left to the rendering.
    "body-shows-liquid": ("{{ content }}", "{{ site.posts | size }}",
                          "{% raw %}{{ post.content }}{% endraw %}{% comment %}{% include x "
                          "%}{{ page.previous.content }}{% endcomment %}", "one pass", {}),
    "page-includes-bodies": ("{{ content }}", "{% include sizes.html %}", "", "one pass", {
        "_includes/sizes.html": "{% for p in site.posts %}{{ p.content | size }},{% endfor %}",
        "b-pages.html": "---\n---\n{% include pages.html %}",
        "_includes/pages.html": "{% for p in site.pages %}{{ p.content | size }},{% endfor %}",
        "c-late.md": "---\n---\n# Late *page*\n"}),
    "body-quotes-content": ("{{ content }}", "{{ site.posts | size }}",
                            '{% include note.html text="fills the content container" %}',
                            "one pass", {"_includes/note.html": "<i>{{ include.text }}</i>"}),
    "body-reads-data-output": ("{{ content }}", "{{ site.posts | size }}",
                               "{{ site.data.example.output }}", "one pass", {
                                   "_data/example.yml": "output: '<b>x</b>'\n"}),
    "body-reads-previous-output": ("{{ content }}", "{{ site.posts | size }}",
                                   "{{ page.next.output | size }}", "one pass", {}),
    # Reads the static check cannot see (printing a document prints its body) or leaves to
    # the rendering (JSON of a document): the build finds out and renders again in order.
    "post-prints-previous": ("{{ content }}<p>{{ page.previous }}</p>", "{{ site.posts | size }}",
                             "", "one pass", {}),
    "post-reads-and-prints": ("{{ content }}<p>{{ page.next.content | size }}"
                              "{{ page.previous }}</p>", "{{ site.posts | size }}", "",
                              "two passes", {}),
    "page-joins-posts": ("{{ content }}", "{{ site.posts | size }}", "", "one pass", {
        "a.html": "---\n---\n{{ site.posts | join: '' | size }}\n"}),
    # `content` in a body is the last layout's (Jekyll has one payload): a post's body that
    # reads it renders in order; a page's sees the last post's, which the workers send back.
    "body-reads-content": ("{{ content }}", "{{ site.posts | size }}", "", "in order", {
        "_posts/2020-02-01-late.md": "---\nlayout: post\n---\n[{{ content | size }}]\n"}),
    "page-reads-content": ("{{ content }}", "{{ site.posts | size }}", "", "one pass", {
        "b.html": "---\n---\n[{{ content | strip_html | strip }}]\n"}),
    "body-includes-content": ("{{ content }}", "{{ site.posts | size }}",
                              "{% include wrap.html %}", "in order", {
                                  "_includes/wrap.html": "{% include len.html %}",
                                  "_includes/len.html": "[{{ content | size }}]"}),
    "layout-includes-content": ("{{ content }}{% include len.html %}", "{{ site.posts | size }}",
                                "", "one pass", {"_includes/len.html": "[{{ content | size }}]"}),
    # jekyll-include-cache: every use after the first gets the first one's output, and only
    # the first sees the variables the include assigns. Harmless when the include reads only
    # `site` and its parameters and nothing else reads what it assigns.
    "layout-caches-site-include": (
        "{{ content }}{% include_cached nav.html n=3 %}{% include side.html %}",
        "{{ site.posts | size }}", "", "one pass", {
            "_config.yml": "title: Big\nplugins: [jekyll-include-cache]\n",
            "_includes/nav.html": "{% assign total = site.posts | size %}"
                                  "{{ total | plus: include.n }}",
            "_includes/side.html": "{% assign total = 1 %}{{ total }}"}),
    "cached-include-reads-page": (
        "{{ content }}{% include_cached nav.html %}", "{{ site.posts | size }}", "",
        "in order", {"_config.yml": "title: Big\nplugins: [jekyll-include-cache]\n",
                     "_includes/nav.html": "[{{ page.title }}]"}),
    "cached-include-assigns-what-is-read": (
        "{{ content }}{% include_cached nav.html %}[{{ total }}]", "{{ site.posts | size }}",
        "", "in order", {"_config.yml": "title: Big\nplugins: [jekyll-include-cache]\n",
                         "_includes/nav.html": "{% assign total = site.posts | size %}"}),
    "sass-page": ("{{ content }}", "{{ site.posts | size }}", "", "one pass", {
        "a-first/index.md": "---\n---\nFirst of the pages\n",
        "assets/style.scss": "---\n---\n$c: red;\nbody { color: $c; }\n",
        "d-after.md": "---\n---\nAfter the *style*.\n"}),
}


# Pages render after every document: long runs of them render in parallel, as paginated
# home pages that show posts' content (Chirpy's), unless they read `content`, the last
# layout's; a page reading another page's body is noticed and they render again in order.
# case -> (home page, more pages, how many pages render in parallel)
PAGE_CASES = {
    "paginated-home": ("{% for post in paginator.posts %}{{ post.content | size }},"
                       "{% endfor %}{{ paginator.page }}", {}, 105),
    "pages-read-pages": ("{% for post in paginator.posts %}{{ post.title }}{% endfor %}", {
        f"p/{i:02d}.md": "---\n---\n{% for p in site.pages %}{{ p.content | size }},"
                         "{% endfor %}\n" for i in range(60)}, 0),
    "page-reads-content": ("{{ paginator.page }}", {
        "p/00.html": "---\n---\n[{{ content | size }}]\n"}, 105),
}


@pytest.mark.jekyll
@pytest.mark.parametrize("case", PAGE_CASES)
def test_pages_render_in_parallel_as_far_as_the_order_allows(case: str, tmp_path: Path) -> None:
    home, files, expected = PAGE_CASES[case]
    source = tmp_path / "src"
    files = {**files, "_config.yml": "title: Pages\npaginate: 2\nplugins: [jekyll-paginate]\n",
             "_layouts/home.html": "<main>{{ content }}</main>\n",
             "index.html": f"---\nlayout: home\n---\n{home}\n"}
    for i in range(210):
        files[f"_posts/2020-01-{1 + i % 28:02d}-post-{i}.md"] = \
            f"---\ntitle: Post {i}\n---\nPost *{i}*.\n"
    write(source, files)
    assert _built_as_jekyll_builds(source, tmp_path).pages_in_parallel == expected


@pytest.mark.jekyll
@pytest.mark.parametrize("case", ORDER_CASES)
def test_big_sites_render_in_parallel_as_far_as_the_order_allows(
        case: str, tmp_path: Path) -> None:
    from sitegen.render.plan import PARALLEL_MIN_DOCS

    layout, archive, body, plan, files = ORDER_CASES[case]
    source = tmp_path / "src"
    (source / "_layouts").mkdir(parents=True)
    (source / "_posts").mkdir()
    (source / "_config.yml").write_text("title: Big\n")
    (source / "_layouts/post.html").write_text(f"<article>{layout}</article>\n")
    (source / "archive.html").write_text(f"---\n---\n{archive}\n")
    for name, text in files.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text)
    for i in range(PARALLEL_MIN_DOCS + 10):
        (source / f"_posts/2020-01-{1 + i % 28:02d}-post-{i}.md").write_text(
            f"---\nlayout: post\ntitle: Post {i}\n---\nPost *{i}*, in Markdown.\n"
            + (body if i == 0 else ""))
    assert _built_as_jekyll_builds(source, tmp_path).parallel_plan == plan


def _built_as_jekyll_builds(source: Path, tmp_path: Path) -> Any:
    """Build `source` with the command, whose output must be Jekyll's, and in-process: the
    renderer, which tells how it rendered."""
    from sitegen.build import build
    from sitegen.config import Options

    done = run_sitegen("build", "-s", str(source), "-d", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert_same_files(jekyll_build(source, [], {}), tmp_path / "out")
    return build(Options(source=str(source), destination=str(tmp_path / "lib")),
                 log=lambda *_: None).renderer
