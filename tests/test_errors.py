"""Bad input: one clear message naming file, line and column, exit status 1, and the previous
output left exactly as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from .conftest import snapshot, write


def sitegen(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitegen", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=120)


GOOD = {
    "_config.yml": "title: Errors\n",
    "_layouts/default.html": "<main>{{ content }}</main>\n",
    "_includes/note.html": "<aside>{{ include.text }}</aside>\n",
    "index.md": "---\nlayout: default\n---\n# Home\n\n{% include note.html text='hi' %}\n",
    "_posts/2021-03-04-post.md": "---\nlayout: default\ntitle: A post\n---\nBody\n",
}

STRICT_FILTERS = {"_config.yml": "liquid:\n  strict_filters: true\n"}


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    src, dest = tmp_path / "src", tmp_path / "out"
    write(src, GOOD)
    result = sitegen("build", "-s", str(src), "-d", str(dest))
    assert result.returncode == 0, result.stderr
    before = snapshot(dest)
    assert "index.html" in before
    return src, dest, before


CASES = {
    "liquid options not a mapping": (
        "_config.yml", "title: Errors\nliquid: strict\n",
        "_config.yml", "`liquid` must be a mapping", None),
    "broken front matter": (
        "_posts/2021-03-04-post.md",
        "---\nlayout: default\ntitle: [unclosed\n---\nBody\n",
        "_posts/2021-03-04-post.md:", "YAML", 3),
    "block never closed": (
        "index.md",
        "---\nlayout: default\n---\n# Home\n\n{% if page.title %}\nno end tag\n",
        "index.md:6:1", "'if' tag was never closed", 6),
    "unknown tag": (
        "index.md",
        "---\nlayout: default\n---\n# Home\n{% frobnicate %}\n",
        "index.md:5:4", "unexpected tag 'frobnicate'", 5),
    "missing include": (
        "index.md",
        "---\nlayout: default\n---\n# Home\n\n{% include nope.html %}\n",
        "index.md:6", "nope.html", 6),
    "date out of range": (
        "_posts/2021-03-04-post.md",
        "---\nlayout: default\ndate: 2021-13-45 10:00:00\n---\nBody\n",
        "_posts/2021-03-04-post.md:3", "invalid date '2021-13-45 10:00:00'", 3),
    "date in the file name": (
        "_posts/2021-13-45-other.md",
        "---\nlayout: default\n---\nBody\n",
        "_posts/2021-13-45-other.md:", "invalid date in the file name", None),
    "broken config": (
        "_config.yml",
        "title: Errors\nexclude: [vendor\n",
        "_config.yml:2", "YAML does not parse", 2),
    "broken data": (
        "_data/links.yml",
        "- name: a\n  url: [b\n",
        "_data/links.yml:2", "YAML does not parse", 2),
    "URL with a NUL byte": (
        "nul.md", "---\npermalink: /a%00b.html\n---\nText\n",
        "nul.md", "embedded null byte", None),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_cleanly(case: str, built: tuple[Path, Path, dict[str, bytes]]) -> None:
    src, dest, before = built
    name, text, where, reason, line = CASES[case]
    write(src, {name: text})
    result = sitegen("build", "-s", str(src), "-d", str(dest))
    assert result.returncode == 1
    message = result.stderr
    assert where in message, message
    assert reason in message, message
    if line is not None:
        offending = text.splitlines()[line - 1].strip()
        assert offending in message, message
    assert "Traceback" not in message
    assert snapshot(dest) == before, "a failed build must leave the previous output intact"


def test_text_that_is_not_utf8_is_located(built: tuple[Path, Path, dict]) -> None:
    src, dest, before = built
    (src / "_posts/2021-03-04-post.md").write_bytes(
        b"---\nlayout: default\n---\nLine one\nCaf\xe9 cr\xe8me\n")   # Latin-1
    result = sitegen("build", "-s", str(src), "-d", str(dest))
    assert result.returncode == 1
    assert "_posts/2021-03-04-post.md:5:4: not UTF-8 text" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(dest) == before


def test_sass_error_in_a_partial_names_the_partial(built: tuple[Path, Path, dict]) -> None:
    src, dest, before = built
    write(src, {"assets/style.scss": "---\n---\n@import \"base\";\nbody { margin: 0; }\n",
                "_sass/_base.scss": "html {\n  font-size: 16px;\n  color: $undefined;\n}\n"})
    result = sitegen("build", "-s", str(src), "-d", str(dest))
    assert result.returncode == 1
    assert "_sass/_base.scss:3:10: Sass error: Undefined variable" in result.stderr, \
        result.stderr
    assert "color: $undefined;" in result.stderr
    assert snapshot(dest) == before


def test_liquid_error_in_include_names_the_include(built: tuple[Path, Path, dict]) -> None:
    src, dest, before = built
    write(src, {"_includes/note.html": "<aside>\n{% for x in %}</aside>\n"})
    result = sitegen("build", "-s", str(src), "-d", str(dest))
    assert result.returncode == 1
    assert "_includes/note.html:2" in result.stderr, result.stderr
    assert "included from index.md:6" in result.stderr, result.stderr
    assert snapshot(dest) == before


def test_unknown_filter_is_an_error_when_liquid_filters_are_strict(
        built: tuple[Path, Path, dict]) -> None:
    src, dest, before = built
    write(src, {**STRICT_FILTERS,
                "_layouts/default.html": "<main>\n{{ content | no_such_filter }}</main>\n"})
    result = sitegen("build", "-s", str(src), "-d", str(dest))
    assert result.returncode == 1
    assert "_layouts/default.html:2:" in result.stderr, result.stderr
    assert "unknown filter 'no_such_filter'" in result.stderr
    assert "{{ content | no_such_filter }}" in result.stderr
    assert snapshot(dest) == before


def test_unknown_filter_passes_its_input_on_with_a_located_warning(tmp_path: Path) -> None:
    """As Jekyll's default `strict_filters: false` does, and each place is named once, however
    many pages the layout renders (also when they render in parallel processes)."""
    src = tmp_path / "src"
    posts = {f"_posts/2021-03-{day:02}-post.md": "---\nlayout: default\n---\nBody\n"
             for day in range(1, 29)}
    write(src, {**GOOD, **posts,
                "_layouts/default.html": "<main>\n{{ content | no_such_filter }}</main>\n",
                "_includes/note.html": "<aside>{{ include.text\n | typo }}</aside>\n"})
    result = sitegen("build", "-s", str(src), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "<main>\n<p>Body</p>\n</main>" in (tmp_path / "out/2021/03/04/post.html").read_text()
    assert "<aside>hi</aside>" in (tmp_path / "out/index.html").read_text()
    warnings = [line for line in result.stderr.splitlines() if "unknown filter" in line]
    assert len(warnings) == 2, result.stderr
    assert warnings[0].startswith("warning: _layouts/default.html:2: unknown filter "
                                  "'no_such_filter'"), warnings
    assert warnings[1].startswith("warning: _includes/note.html:2: unknown filter 'typo'")


def test_unknown_plugin_is_a_named_warning(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write(src, {**GOOD, "_config.yml": "plugins:\n  - jekyll-imaginary\n"})
    result = sitegen("build", "-s", str(src), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "jekyll-imaginary" in result.stderr
    assert (tmp_path / "out" / "index.html").exists()


def test_env_option_wins_over_jekyll_env(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write(src, {"index.html": "---\n---\n[{{ jekyll.environment }}]"})
    cases = [({}, [], "[development]"), ({"JEKYLL_ENV": "production"}, [], "[production]"),
             ({"JEKYLL_ENV": "production"}, ["--env", "printing"], "[printing]")]
    for env, args, expected in cases:
        out = tmp_path / "out"
        environ = {k: v for k, v in os.environ.items() if k != "JEKYLL_ENV"}
        environ.update(env)
        result = subprocess.run([sys.executable, "-m", "sitegen", "build", "-s", str(src), "-d",
                                 str(out), *args], capture_output=True, text=True, env=environ)
        assert result.returncode == 0, result.stderr
        assert (out / "index.html").read_text() == expected


def test_error_in_a_large_site_built_in_parallel(tmp_path: Path) -> None:
    """Big sites render in worker processes; their errors must arrive whole."""
    src = tmp_path / "src"
    posts = {f"_posts/2020-01-{1 + i % 28:02d}-post-{i}.md": f"---\ntitle: P{i}\n---\nBody {i}\n"
             for i in range(260)}
    posts["_posts/2020-02-01-bad.md"] = "---\ntitle: Bad\n---\nText\n\n{{ x | no_filter }}\n"
    write(src, {**GOOD, **posts, **STRICT_FILTERS})
    result = sitegen("build", "-s", str(src), "-d", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "_posts/2020-02-01-bad.md:6" in result.stderr, result.stderr
    assert "no_filter" in result.stderr
    assert not (tmp_path / "out").exists()


def test_parallel_build_reports_the_error_a_serial_build_meets_first(tmp_path: Path) -> None:
    """Failing posts in several of the batches the processes claim, and a failing page, which
    the processes claim first but Jekyll renders after every post: the error shown is the
    first post's, as in a serial build (and in Jekyll), whichever process meets its error
    first."""
    src = tmp_path / "src"
    posts = {"about.md": "---\ntitle: About\n---\n{{ x | no_filter_page }}\n"}
    for i in range(260):
        day = date(2020, 1, 1) + timedelta(days=i)
        failing = 13 <= i <= 17 or 100 <= i <= 140
        body = f"{{{{ x | no_filter_{i} }}}}" if failing else f"Body {i}"
        posts[f"_posts/{day}-post-{i}.md"] = f"---\ntitle: P{i}\n---\n{body}\n"
    write(src, {**GOOD, **posts, **STRICT_FILTERS})
    error = _the_same_error_both_ways(src, tmp_path / "out")
    assert "post-13.md" in error and "no_filter_13" in error, error


@pytest.mark.parametrize("body_at, layout_at", [(100, 5), (5, 100)])
def test_two_pass_build_reports_the_error_a_serial_build_meets_first(
        tmp_path: Path, body_at: int, layout_at: int) -> None:
    """Layouts that read other posts' content render in a second pass, after every body: a
    layout's error in an early post still comes before a body's error in a later one, and
    the other way round."""
    src = tmp_path / "src"
    files = {"_layouts/post.html": "{{ page.next.content | size }}{% if page.title == "
                                   f"'P{layout_at}' %}}{{{{ x | no_filter_layout }}}}"
                                   "{% endif %}{{ content }}\n"}
    for i in range(260):
        day = date(2020, 1, 1) + timedelta(days=i)
        body = "{{ y | no_filter_body }}" if i == body_at else f"Body {i}"
        files[f"_posts/{day}-post-{i}.md"] = f"---\ntitle: P{i}\nlayout: post\n---\n{body}\n"
    write(src, {**GOOD, **files, **STRICT_FILTERS})
    error = _the_same_error_both_ways(src, tmp_path / "out")
    assert ("no_filter_body" if body_at < layout_at else "no_filter_layout") in error, error


def _the_same_error_both_ways(src: Path, dest: Path) -> str:
    """The error of a parallel build of `src`, which must be the serial build's."""
    from sitegen.build import build
    from sitegen.config import Options
    from sitegen.errors import SiteError

    errors = []
    for parallel in (True, False):
        with pytest.raises(SiteError) as caught:
            build(Options(source=str(src), destination=str(dest), parallel=parallel),
                  log=lambda *_: None)
        errors.append(str(caught.value))
    assert errors[0] == errors[1]
    return errors[0]


def test_missing_theme_names_where_sitegen_looked(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write(src, {**GOOD, "_config.yml": "theme: no-such-theme\n"})
    result = sitegen("build", "-s", str(src), "-d", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "theme 'no-such-theme' could not be found" in result.stderr
    assert "looked in" in result.stderr and "gems" in result.stderr


def test_keep_files_survive_a_rebuild(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    src, dest, before = built
    (dest / ".git").mkdir()
    (dest / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (dest / "stale.html").write_text("removed by the next build")
    result = sitegen("build", "-s", str(src), "-d", str(dest))
    assert result.returncode == 0, result.stderr
    assert (dest / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"
    assert not (dest / "stale.html").exists()


def test_loop_markup_ruby_rejects_is_read_leniently_with_a_located_warning(
        tmp_path: Path) -> None:
    """`{% for x in list | sort %}` (every academicpages site has one): Jekyll's Liquid drops
    the filter and warns; so does sitegen, naming the file and line."""
    src = tmp_path / "src"
    write(src, {**GOOD, "list.html": "---\nnames: [b, c, a]\n---\n<p>\n"
                                     "{% for name in page.names | sort %}{{ name }}{% endfor %}"
                                     "</p>\n"})
    result = sitegen("build", "-s", str(src), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/list.html").read_text() == "<p>\nbca</p>\n"
    assert 'warning: list.html:5: Liquid syntax error (Expected end_of_string but found pipe) ' \
           'in "{% for name in page.names | sort %}"' in result.stderr, result.stderr


def test_date_without_a_year_is_read_as_jekyll_reads_it_with_a_warning(
        tmp_path: Path) -> None:
    """Ruby's Time.parse reads `202O-06-21` (a letter O) as day 202 of the current year; the
    build says so, and is never taken as current (the date changes with the year)."""
    src, dest = tmp_path / "src", tmp_path / "out"
    write(src, {**GOOD, "_posts/2021-03-05-typo.md": "---\ntitle: T\ndate: 202O-06-21\n---\nx\n"})
    for _ in range(2):
        result = sitegen("build", "-s", str(src), "-d", str(dest))
        assert result.returncode == 0, result.stderr
        assert "nothing changed" not in result.stdout
    day = date(date.today().year, 1, 1) + timedelta(days=201)
    assert (dest / f"{day:%Y/%m/%d}/typo.html").exists()
    assert f"warning: _posts/2021-03-05-typo.md:3: date '202O-06-21' has no year that Jekyll " \
           f"reads; it reads it as {day:%Y-%m-%d}" in result.stderr, result.stderr


def test_missing_layout_is_a_located_warning_and_the_file_is_written_without_it(
        tmp_path: Path) -> None:
    """As Jekyll's "Build Warning: Layout 'projectlink' requested in … does not exist.", also
    when the layout comes from the front matter defaults, or a layout names a missing one."""
    src, dest = tmp_path / "src", tmp_path / "out"
    write(src, {**GOOD,
                "_config.yml": "defaults:\n  - scope: {path: notes}\n    values: {layout: note}\n",
                "index.md": "---\ntitle: Home\nlayout: projectlink\n---\n# Home\n",
                "notes/a.md": "---\n---\nA note\n",
                "_layouts/child.html": "---\nlayout: base\n---\n<b>{{ content }}</b>\n",
                "c.html": "---\nlayout: child\n---\nC\n"})
    result = sitegen("build", "-s", str(src), "-d", str(dest))
    assert result.returncode == 0, result.stderr
    assert (dest / "index.html").read_text() == '<h1 id="home">Home</h1>\n'
    assert (dest / "notes/a.html").read_text() == "<p>A note</p>\n"
    assert (dest / "c.html").read_text() == "<b>C\n</b>\n"
    warnings = [line for line in result.stderr.splitlines() if "does not exist" in line]
    assert warnings == [
        "warning: notes/a.md (front matter defaults): layout 'note' does not exist (looked in "
        "_layouts/); the file is written without a layout, as Jekyll does",
        "warning: _layouts/child.html: layout 'base' (named by layout 'child') does not "
        "exist; the layouts stop there, as in Jekyll",
        "warning: index.md:3: layout 'projectlink' does not exist (looked in _layouts/); the "
        "file is written without a layout, as Jekyll does"], result.stderr


def test_undefined_alias_after_a_redefined_anchor_is_located(tmp_path: Path) -> None:
    """A redefined anchor is read as Psych reads it (by a second YAML loader); an alias to no
    anchor in the same file is still a located error, not a traceback."""
    src, dest = tmp_path / "src", tmp_path / "out"
    write(src, {**GOOD, "_data/n.yml": "a: &X one\nb: &X two\nc: *X\nd: *Y\n"})
    result = sitegen("build", "-s", str(src), "-d", str(dest))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "_data/n.yml:4:" in result.stderr and "undefined alias" in result.stderr, \
        result.stderr


def test_stray_brace_in_assign_is_read_leniently_with_a_located_warning(
        tmp_path: Path) -> None:
    """`{%- assign x = page.t | strip | url_encode } -%}` (Chirpy): Jekyll's Liquid drops the
    `}` with its lax parser and warns; so does sitegen, naming the file and line."""
    src = tmp_path / "src"
    write(src, {**GOOD, "t.html": "---\nt: \" a b \"\n---\n"
                                  "{%- assign x = page.t | strip | url_encode } -%}[{{ x }}]\n"})
    result = sitegen("build", "-s", str(src), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/t.html").read_text() == "[a+b]\n"
    assert "warning: t.html:4: Liquid syntax error (unexpected '}') in " \
           "\"{{ page.t | strip | url_encode } }}\"" in result.stderr, result.stderr


def test_brace_inside_an_output_is_jekylls_unterminated_variable_error(
        tmp_path: Path) -> None:
    """Ruby's Liquid ends `{{` at the first `}`, so `{{ x | upcase } }}` fails the build in
    Jekyll ("not properly terminated"), and in sitegen with the same message, located."""
    src, dest = tmp_path / "src", tmp_path / "out"
    write(src, {**GOOD, "v.html": "---\n---\n<p>{{ \"a\" | upcase } }}</p>\n"})
    result = sitegen("build", "-s", str(src), "-d", str(dest))
    assert result.returncode == 1
    assert "v.html:3:4: Liquid error: Variable '{{ \"a\" | upcase }' was not properly " \
           "terminated with regexp: /\\}\\}/" in result.stderr, result.stderr
