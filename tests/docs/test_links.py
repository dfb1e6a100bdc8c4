"""Every relative link and image in README.md and docs/ points at a file that exists.

mkdocs checks only links inside docs/; pages also link to the README's neighbours and to sources
(`../src/...`), so this test resolves every relative target against the file that holds it.
Links inside code (fenced blocks, `inline spans`) are examples, not links, and are skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # http:, https:, mailto:


def prose(text: str) -> str:
    """The text without fenced code blocks and inline code spans."""
    text = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", text, flags=re.S | re.M)
    return re.sub(r"`[^`\n]*`", "", text)


def relative_links(page: Path) -> list[str]:
    targets = LINK.findall(prose(page.read_text(encoding="utf-8")))
    return [t for t in targets if not EXTERNAL.match(t) and not t.startswith("#")]


def test_the_pages_exist_and_link_somewhere():
    assert (ROOT / "README.md").is_file() and len(PAGES) > 5
    assert sum(len(relative_links(p)) for p in PAGES) > 20


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_resolves(page):
    missing = []
    for target in relative_links(page):
        path = target.split("#", 1)[0].split("?", 1)[0]
        if path and not (page.parent / path).exists():
            missing.append(target)
    assert not missing, f"{page.relative_to(ROOT)}: links to missing files: {missing}"


def test_the_checker_catches_a_broken_link(tmp_path):
    page = tmp_path / "p.md"
    page.write_text("See [x](nope.md) and `[y](also-nope.md)` and [z](https://example.org).\n"
                    "```\n[w](in-code.md)\n```\n")
    assert relative_links(page) == ["nope.md"]


def test_readme_stays_short():
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 300
