"""The reference IFEval evaluator (lm-eval's copy of Google's checkers), loaded by file path.

lm_eval's package __init__ pulls sacrebleu and much more, so the four modules are loaded from
their files (by tests/constraints/ifeval_reference.py). Punkt comes from rlmr's offline copy (the
reference would download it), and langdetect is seeded for deterministic parity.
Test-only: rlmr itself never imports this.
"""

from __future__ import annotations

import functools
import importlib.util
import types
from pathlib import Path

# One loader of the reference for the whole suite: tests/constraints/ifeval_reference.py loads the
# four files under a private package name, so it never plants a stand-in `lm_eval` in sys.modules
# (which broke `find_spec("lm_eval")` for any test that ran after it in the same worker).
_LOADER = Path(__file__).resolve().parent.parent / "constraints" / "ifeval_reference.py"


@functools.lru_cache(maxsize=1)
def _loader() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("rlmr_tests_ifeval_reference", _LOADER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_dir() -> Path | None:
    try:
        folder = _loader().reference_dir()
    except RuntimeError:
        return None
    return folder if (folder / "utils.py").is_file() else None


def load_reference() -> types.ModuleType:
    """The reference `utils` module (with `process_results`, `agg_inst_level_acc`)."""
    if reference_dir() is None:
        raise FileNotFoundError("lm-eval is not installed: pip install --no-deps lm-eval==0.4.13")
    return _loader().load()


def reference_scores(docs: list[dict], responses: list[str]) -> dict[str, float]:
    """The four IFEval numbers as lm-eval aggregates them (mean over prompts / over instances)."""
    ref = load_reference()
    per = [ref.process_results(doc, [resp]) for doc, resp in zip(docs, responses)]
    return {
        "prompt_strict": sum(p["prompt_level_strict_acc"] for p in per) / len(per),
        "inst_strict": ref.agg_inst_level_acc([p["inst_level_strict_acc"] for p in per]),
        "prompt_loose": sum(p["prompt_level_loose_acc"] for p in per) / len(per),
        "inst_loose": ref.agg_inst_level_acc([p["inst_level_loose_acc"] for p in per]),
    }
