"""The site `jekyll new` makes (minima theme, jekyll-feed, jekyll-seo-tag through the theme)
builds with sitegen to the same files as with Jekyll."""

from __future__ import annotations

import difflib
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import run_sitegen
from .normalize import canonical
from .oracle import jekyll_build


@pytest.mark.jekyll
def test_jekyll_new_site_builds_the_same(tmp_path: Path) -> None:
    assert shutil.which("jekyll"), "Debian's jekyll package is needed (scripts/setup)"
    site = tmp_path / "blog"
    made = subprocess.run(["jekyll", "new", "--skip-bundle", str(site)], capture_output=True,
                          text=True, timeout=300)
    assert made.returncode == 0, made.stderr
    # The welcome post is dated "now"; Jekyll treats a date equal to its build time (to the
    # second) as unset. Let the clock move on so both builds see the same, ordinary case.
    time.sleep(1.1)
    expected_root = jekyll_build(site, [], {})
    result = run_sitegen("build", "-s", str(site), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    expected = {str(p.relative_to(expected_root)): p for p in expected_root.rglob("*")
                if p.is_file()}
    actual = {str(p.relative_to(tmp_path / "out")): p for p in (tmp_path / "out").rglob("*")
              if p.is_file()}
    assert sorted(actual) == sorted(expected)
    assert any(name.endswith(".html") and "/20" in "/" + name for name in actual), \
        "the welcome post is among the pages"
    for name, path in expected.items():
        want, got = canonical(name, path.read_bytes()), canonical(name, actual[name].read_bytes())
        assert want == got, name + ":\n" + "\n".join(
            list(difflib.unified_diff(want, got, lineterm=""))[:30])
