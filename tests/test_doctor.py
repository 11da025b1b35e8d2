"""`sitegen doctor`: says what is missing, and fails only when the site at hand needs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sitegen.commands.doctor import _packages

from .conftest import ROOT, run_sitegen, write


def doctor(site: Path, path: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": path if path is not None else os.environ["PATH"]}
    return subprocess.run([sys.executable, "-m", "sitegen", "doctor", "-s", str(site)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def test_a_new_site_on_this_machine_has_everything(tmp_path: Path) -> None:
    assert run_sitegen("new", str(tmp_path / "blog")).returncode == 0
    result = doctor(tmp_path / "blog")
    assert result.returncode == 0, result.stdout
    assert "Everything needed is there." in result.stdout
    assert "models: none in _models/" in result.stdout


def test_without_node_a_site_with_models_fails_and_says_how_to_fix(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site, {"_config.yml": "title: T\n", "_models/tiny/model.json": "{}\n"})
    result = doctor(site, path=str(tmp_path / "no-tools"))
    assert result.returncode == 1, result.stdout
    lines = result.stdout.splitlines()
    failing = [line for line in lines if line.lstrip().startswith("FAIL")]
    assert len(failing) == 1 and "node for this site" in failing[0], result.stdout
    assert "fix: apt-get install nodejs npm" in result.stdout
    assert "to convert: tiny" in result.stdout
    # Without models, Node is not needed: the same machine passes.
    shutil.rmtree(site / "_models")
    assert doctor(site, path=str(tmp_path / "no-tools")).returncode == 0


def test_a_broken_config_is_named_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, {"_config.yml": "title: T\nexclude: [unclosed\n"})
    result = doctor(tmp_path)
    assert result.returncode == 1
    assert "FAIL     config:" in result.stdout and "_config.yml:" in result.stdout, result.stdout


def test_packages_report_missing_ones_and_pins_that_differ() -> None:
    check = _packages("models", ["PyYAML==0.0.1", "no-such-package-xyz>=1"], "pip install x",
                      needed=False)
    assert not check.ok
    assert "PyYAML" in check.detail and "(sitegen pins 0.0.1)" in check.detail
    assert "no-such-package-xyz not installed" in check.detail
    assert _packages("base", ["PyYAML>=6"], "", needed=True).ok
