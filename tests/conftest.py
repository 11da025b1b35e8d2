"""Shared helpers: running sitegen as its users do, through the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_sitegen(*args: str, env: dict[str, str] | None = None,
                cwd: Path | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "JEKYLL_ENV": "development", **(env or {})}
    return subprocess.run([sys.executable, "-m", "sitegen", *args], capture_output=True,
                          text=True, env=environ, cwd=cwd or ROOT, timeout=600)


@pytest.fixture()
def sitegen_cli():
    return run_sitegen
