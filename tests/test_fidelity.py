"""Differential tests: every fixture site built by real Jekyll and by sitegen gives the same
files with the same content (after normalising only what a browser ignores)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from .conftest import run_sitegen
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
    expected, actual = files(expected_root), files(tmp_path / "out")
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
