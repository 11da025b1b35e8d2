"""The demo site at the repository root builds with sitegen exactly as with Jekyll."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import ROOT, run_sitegen
from .normalize import canonical
from .oracle import jekyll_build

NOT_SITE = frozenset({".git", ".venv", "node_modules", "_site", ".oracle", "__pycache__",
                      ".pytest_cache", ".jekyll-cache", "tests", "sitegen"})


@pytest.mark.jekyll
def test_demo_site_matches_jekyll(tmp_path: Path) -> None:
    expected_root = jekyll_build(ROOT, [], {}, skip=NOT_SITE)
    result = run_sitegen("build", "-s", str(ROOT), "-d", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    expected = {str(p.relative_to(expected_root)) for p in expected_root.rglob("*") if p.is_file()}
    actual = {str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*")
              if p.is_file()}
    assert actual == expected
    assert any(name.count("/") >= 3 for name in actual), "the posts are built"
    for name in expected:
        want = canonical(name, (expected_root / name).read_bytes())
        assert canonical(name, (tmp_path / "out" / name).read_bytes()) == want, name
