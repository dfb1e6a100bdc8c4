"""The reference IFEval evaluator (lm-eval's copy of Google's checkers), loaded by file path.

lm_eval's package __init__ pulls sacrebleu and much more, so the four modules are loaded from
their files under stand-in parent packages. Punkt comes from rlmr's offline copy (the reference
would download it), and langdetect is seeded as the brief for parity requires.
Test-only: rlmr itself never imports this.
"""

from __future__ import annotations

import importlib.util
import sys
import sysconfig
import types
from pathlib import Path

PACKAGE = "lm_eval.tasks.ifeval"
MODULES = ("instructions_util", "instructions", "instructions_registry", "utils")


def reference_dir() -> Path | None:
    folder = Path(sysconfig.get_paths()["purelib"]) / "lm_eval" / "tasks" / "ifeval"
    return folder if (folder / "utils.py").is_file() else None


def load_reference() -> types.ModuleType:
    """The reference `utils` module (with `process_results`, `agg_inst_level_acc`)."""
    folder = reference_dir()
    if folder is None:
        raise FileNotFoundError("lm-eval is not installed: pip install --no-deps lm-eval==0.4.13")
    if f"{PACKAGE}.utils" in sys.modules:
        return sys.modules[f"{PACKAGE}.utils"]
    from langdetect import DetectorFactory

    from rlmr.constraints.text import ensure_nltk_punkt_tab

    ensure_nltk_punkt_tab()
    DetectorFactory.seed = 0
    for name in ("lm_eval", "lm_eval.tasks", PACKAGE):
        if name not in sys.modules:
            stub = types.ModuleType(name)
            stub.__path__ = []  # a namespace-like stand-in: no __init__ runs
            sys.modules[name] = stub
    sys.modules[PACKAGE].__path__ = [str(folder)]
    for mod in MODULES:
        spec = importlib.util.spec_from_file_location(f"{PACKAGE}.{mod}", folder / f"{mod}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        setattr(sys.modules[PACKAGE], mod, module)
    return sys.modules[f"{PACKAGE}.utils"]


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
