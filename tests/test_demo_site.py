"""The demo site at the repository root builds with sitegen exactly as with Jekyll, once
`sitegen prepare` has written sitegen's includes, runtime and model bundles into its source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, run_sitegen
from .normalize import canonical
from .oracle import jekyll_build

NOT_SITE = frozenset({".git", ".venv", "node_modules", "_site", ".oracle", "__pycache__",
                      ".pytest_cache", ".jekyll-cache", ".sitegen-cache", "tests", "sitegen",
                      "sitegen.egg-info"})


@pytest.mark.jekyll
@pytest.mark.tf
def test_demo_site_matches_jekyll_after_prepare(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=lambda folder, names: [n for n in names
                                                                if n in NOT_SITE])
    prepared = run_sitegen("prepare", "-s", str(source))
    assert prepared.returncode == 0, prepared.stderr
    assert (source / "_includes/sitegen/demo.html").is_file()
    expected_root = jekyll_build(source, [], {})
    result = run_sitegen("build", "-s", str(source), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    expected = {str(p.relative_to(expected_root)) for p in expected_root.rglob("*") if p.is_file()}
    actual = {str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*")
              if p.is_file()}
    assert actual == expected
    assert any(name.count("/") >= 3 for name in actual), "the posts are built"
    assert "assets/sitegen/vendor/tf.min.js" in actual
    for name in expected:
        want = canonical(name, (expected_root / name).read_bytes())
        assert canonical(name, (tmp_path / "out" / name).read_bytes()) == want, name
