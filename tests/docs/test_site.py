"""The documentation site builds with `mkdocs build --strict` and no warning (mkdocs-material is in
the `dev` extra, so `make test` on a clean clone runs this; without mkdocs it is skipped)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_mkdocs_build_strict_has_no_warnings(tmp_path):
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                         cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    log = out.stdout + out.stderr
    assert out.returncode == 0, log[-3000:]
    assert "WARNING" not in log, log[-3000:]
    assert (tmp_path / "site" / "index.html").is_file()
    # every page under docs/ is in the site: the navigation comes from the files present
    for page in (ROOT / "docs").rglob("*.md"):
        rel = page.relative_to(ROOT / "docs").with_suffix("")
        built = tmp_path / "site" / ("index.html" if rel.name == "index" else rel / "index.html")
        assert built.is_file(), f"docs/{page.relative_to(ROOT / 'docs')} is not in the site"
