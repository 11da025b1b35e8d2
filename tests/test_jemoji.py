"""jemoji is not packaged by Debian, so its documented output is the reference here:
`:+1:` becomes `<img class="emoji" title=":+1:" alt=":+1:"
src="https://github.githubassets.com/images/icons/emoji/unicode/1f44d.png" height="20"
width="20">` (jemoji's README), in the body's text but not in code."""

from __future__ import annotations

from pathlib import Path

from .conftest import run_sitegen

DOCUMENTED = ('<img class="emoji" title=":+1:" alt=":+1:" '
              'src="https://github.githubassets.com/images/icons/emoji/unicode/1f44d.png" '
              'height="20" width="20">')


def build(tmp_path: Path, config: str) -> str:
    src = tmp_path / "src"
    (src / "_layouts").mkdir(parents=True)
    (src / "_config.yml").write_text(config)
    (src / "_layouts/default.html").write_text(
        "<html><head><title>:smile: in title</title></head><body>{{ content }}</body></html>")
    (src / "index.md").write_text(
        "---\nlayout: default\n---\nGreat work :+1: and :smile:, not :no_such_emoji:.\n\n"
        "`code :+1:` stays.\n\n```\n:+1: in a block\n```\n")
    result = run_sitegen("build", "-s", str(src), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    return (tmp_path / "out/index.html").read_text()


def test_emoji_become_images_as_documented(tmp_path: Path) -> None:
    html = build(tmp_path, "plugins: [jemoji]\n")
    assert DOCUMENTED in html
    assert 'title=":smile:"' in html and "1f604.png" in html
    assert ":no_such_emoji:" in html
    assert "<code class=\"language-plaintext highlighter-rouge\">code :+1:</code>" in html
    assert ":+1: in a block" in html
    assert "<title>:smile: in title</title>" in html


def test_emoji_source_is_configurable_and_off_without_plugin(tmp_path: Path) -> None:
    html = build(tmp_path, "plugins: [jemoji]\nemoji:\n  src: https://cdn.example/\n")
    assert 'src="https://cdn.example/emoji/unicode/1f44d.png"' in html
    plain = build(tmp_path / "plain", "title: no plugins\n")
    assert "<img" not in plain and ":+1:" in plain
