"""`sitegen new DIR`: a starter blog that builds with sitegen, and after `sitegen prepare` with
Jekyll to the same files."""

from __future__ import annotations

import difflib
import shutil
from datetime import date
from pathlib import Path

import pytest

from .conftest import run_sitegen
from .normalize import canonical
from .oracle import jekyll_build


def _files(root: Path) -> dict[str, Path]:
    return {str(p.relative_to(root)): p for p in root.rglob("*") if p.is_file()}


def test_new_site_builds_with_its_welcome_post(tmp_path: Path) -> None:
    site = tmp_path / "ml-notes"
    made = run_sitegen("new", str(site))
    assert made.returncode == 0, made.stderr
    assert "sitegen serve" in made.stdout
    built = run_sitegen("build", "-s", str(site), "-d", str(tmp_path / "out"))
    assert built.returncode == 0, built.stderr
    assert built.stderr == "", "a new site builds without a warning"
    today = date.today()
    post = tmp_path / "out" / f"{today:%Y/%m}/welcome-to-sitegen/index.html"
    html = post.read_text()
    assert "<title>Welcome to sitegen · Ml notes</title>" in html
    assert "sitegen/demo.html" in html and "NAME" in html, "the example is shown, not run"
    assert "Built with sitegen · 1 post<" in html
    index = (tmp_path / "out/index.html").read_text()
    assert f'href="/{today:%Y/%m}/welcome-to-sitegen/"' in index
    assert 'href="/about/"' in index
    assert (site / ".gitignore").read_text().startswith("_site/")


def test_new_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    result = run_sitegen("new", str(tmp_path))
    assert result.returncode == 1
    assert "not empty" in result.stderr and "--force" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    forced = run_sitegen("new", "--force", str(tmp_path))
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine\n"
    assert (tmp_path / "_config.yml").is_file()


def test_new_takes_a_folder_with_only_dot_files_and_names_a_folder_it_cannot_write(
        tmp_path: Path) -> None:
    (tmp_path / "blog" / ".git").mkdir(parents=True)   # as after `git init blog`
    assert run_sitegen("new", str(tmp_path / "blog")).returncode == 0
    assert (tmp_path / "blog" / "index.html").is_file()
    (tmp_path / "file").write_text("x")
    result = run_sitegen("new", str(tmp_path / "file" / "blog"))
    assert result.returncode == 1
    assert "cannot write the new site" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.jekyll
def test_new_site_builds_the_same_with_jekyll_after_prepare(tmp_path: Path) -> None:
    assert shutil.which("jekyll"), "Debian's jekyll package is needed (scripts/setup)"
    site = tmp_path / "blog"
    assert run_sitegen("new", str(site)).returncode == 0
    prepared = run_sitegen("prepare", "-s", str(site))
    assert prepared.returncode == 0, prepared.stderr
    expected_root = jekyll_build(site, [], {})
    result = run_sitegen("build", "-s", str(site), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    expected, actual = _files(expected_root), _files(tmp_path / "out")
    assert sorted(actual) == sorted(expected)
    for name, path in expected.items():
        want, got = canonical(name, path.read_bytes()), canonical(name, actual[name].read_bytes())
        assert want == got, name + ":\n" + "\n".join(
            list(difflib.unified_diff(want, got, lineterm=""))[:30])
