"""Prompt sets loaded by name: the bundled creative sets and the offline benchmarks.

The creative sets ship inside the package (`rlmr/data/bundled/*.jsonl`) with their sha256 in
`manifest.json`; a mismatch means a damaged install or an edited file, and loading stops rather
than training on something else than what was released. Regenerate them with
`python -m rlmr.data.synth.release` (deterministic), which also rewrites the manifest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from rlmr.data.benchmarks import CREATIVE_DOMAIN, load_ifeval, load_writingbench, sha256
from rlmr.data.records import PromptRecord

BUNDLED_DIR = Path(__file__).with_name("bundled")
MANIFEST = BUNDLED_DIR / "manifest.json"
# creative-*: the full synthesised sets (capable policies); short-*: the embedded default's task
# (one reachable constraint on a short piece, see rlmr.data.synth.short).
CREATIVE_SETS = ("creative-train", "creative-eval", "short-train", "short-eval")

BENCHMARKS: dict[str, Callable[[], list[PromptRecord]]] = {
    "ifeval": load_ifeval,
    "writingbench": load_writingbench,
    "writingbench-creative": lambda: load_writingbench(CREATIVE_DOMAIN),
}


def names() -> list[str]:
    return [*CREATIVE_SETS, *BENCHMARKS]


def bundled_path(name: str, directory: Path = BUNDLED_DIR) -> Path:
    """The checked file of a bundled creative set (`directory` holds the files and manifest.json)."""
    manifest = json.loads((directory / MANIFEST.name).read_text(encoding="utf-8"))
    entry = manifest.get(name)
    if entry is None:
        raise KeyError(f"{name!r} is not a bundled set; known: {', '.join(manifest)}")
    path = directory / entry["file"]
    digest = sha256(path)
    if digest != entry["sha256"]:
        raise ValueError(f"{path}: sha256 {digest} differs from manifest.json ({entry['sha256']}); reinstall rlmr")
    return path
