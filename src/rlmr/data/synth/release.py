"""Regenerate the bundled prompt sets and their manifest: `python -m rlmr.data.synth.release`.

The files are committed; this script is how they were made. The same code gives the same bytes,
so a changed sha256 in the manifest after a run means the synthesiser changed on purpose.
"""

from __future__ import annotations

import json

from rlmr.data.benchmarks import sha256
from rlmr.data.bundled import BUNDLED_DIR, MANIFEST
from rlmr.data.io import write_jsonl
from rlmr.data.synth import synthesize
from rlmr.data.synth.short import synthesize_short

SEED = 2508  # the paper's arXiv month, for a memorable fixed seed
# name -> (rows, split, lang, synthesiser)
SETS = {
    "creative-train": (2000, "train", "mix", lambda n, split: synthesize(n, "mix", SEED, split)),
    "creative-eval": (300, "eval", "mix", lambda n, split: synthesize(n, "mix", SEED, split)),
    "short-train": (1000, "train", "en", lambda n, split: synthesize_short(n, SEED, split)),
    "short-eval": (300, "eval", "en", lambda n, split: synthesize_short(n, SEED, split)),
}


def release() -> dict[str, dict[str, object]]:
    manifest = {}
    for name, (n, split, lang, make) in SETS.items():
        path = BUNDLED_DIR / f"{name}.jsonl"
        write_jsonl([r.to_dict() for r in make(n, split)], path)
        manifest[name] = {"file": path.name, "rows": n, "sha256": sha256(path), "seed": SEED, "lang": lang, "split": split}
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    print(json.dumps(release(), indent=2))
